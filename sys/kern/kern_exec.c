/*
 * kern_exec.c: replacing a process's program (execve).
 *
 * Steps (kern_execve):
 *   1. the arguments and environment are in a kernel buffer already
 *      (exec_copyin_args from user space, exec_kernel_args for programs
 *      the kernel starts);
 *   2. find the file (exec_lookup): in the file system (namei; a
 *      regular file with execute permission, not open for writing:
 *      ETXTBSY), else in the boot module, a cpio archive GRUB loaded
 *      ("rescue", sys/kern/subr_cpio.c), which keeps a system without
 *      a root file system usable.  A "#!" script is replaced by its
 *      interpreter with the script as an argument (exec_shell_args, at
 *      most 4 deep);
 *   3. the ELF activator checks the program (ENOEXEC: the old program
 *      goes on), then ends the process's other threads and replaces
 *      the address space (exec_new_vmspace: from here on a failure ends
 *      the process with SIGSEGV, as Linux does) and maps the segments;
 *   4. the initial stack (exec_copyout_strings), laid out as the x86-64
 *      psABI and Linux's loader expect, from the top of user space down:
 *
 *	USRSTACK ->	(top of user space)
 *			the path (AT_EXECFN), the argument strings, the
 *			environment strings (one block, as in the buffer)
 *			the platform string (AT_PLATFORM), if the ABI has one
 *			16 random bytes (AT_RANDOM)
 *			padding to 16 bytes
 *			auxv: (type, value) pairs ending with AT_NULL, filled
 *			    by the ABI (sv_fill_auxargs)
 *			envp[envc] = NULL, envp[0..envc-1]
 *			argv[argc] = NULL, argv[0..argc-1]
 *	rsp ->		argc		(16-byte aligned)
 *
 *   5. the registers (exec_setregs, machine-dependent), the new ABI and
 *      name.  The system call returns EJUSTRETURN: the frame holds the
 *      new program's registers, not a return value.
 *
 * A program from a file has its segments mapped copy-on-write from the
 * file's vm_object (exec_map_file): its text pages are the page cache's
 * own.  A program from the boot module is copied (exec_map_segment).
 * The process holds its file (p_textvp) with the writers' count
 * negative, so opening it for writing fails with ETXTBSY while it runs.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/cpio.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/filedesc.h>
#include <sys/imgact.h>
#include <sys/imgact_elf.h>
#include <sys/linker.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sysent.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>

#include <machine/vmparam.h>

static MALLOC_DEFINE(M_EXEC, "exec", "exec arguments");

#define AUXV_MAX	64	/* words of auxiliary vector */

/* Append the string s (with its NUL) to args.  E2BIG when full. */
static int
exec_args_add(struct image_args *args, const char *s)
{
	size_t n = strlen(s) + 1;

	if (n > ARG_MAX - args->len)
		return (E2BIG);
	memcpy(args->buf + args->len, s, n);
	args->len += n;
	return (0);
}

/*
 * exec_kernel_args: build args from kernel strings: the path, the
 * NULL-terminated argv and envv.  Returns 0 or E2BIG (args freed then).
 */
int
exec_kernel_args(struct image_args *args, const char *fname,
    const char *const *argv, const char *const *envv)
{
	int error;

	memset(args, 0, sizeof(*args));
	args->buf = malloc(ARG_MAX, M_EXEC, M_WAITOK);
	error = exec_args_add(args, fname);
	args->fname = args->buf;
	for (; error == 0 && argv != NULL && *argv != NULL; argv++) {
		error = exec_args_add(args, *argv);
		args->argc++;
	}
	for (; error == 0 && envv != NULL && *envv != NULL; envv++) {
		error = exec_args_add(args, *envv);
		args->envc++;
	}
	if (error != 0)
		exec_free_args(args);
	return (error);
}

/* Copy in the strings of the user vector at uvec (NULL-terminated). */
static int
exec_copyin_strings(struct image_args *args, vm_offset_t uvec, int *countp)
{
	size_t done;
	long ptr;
	int error;

	if (uvec == 0)
		return (0);
	for (;;) {
		if (fueword((const void *)uvec, &ptr) != 0)
			return (EFAULT);
		if (ptr == 0)
			return (0);
		error = copyinstr((const void *)ptr, args->buf + args->len,
		    ARG_MAX - args->len, &done);
		if (error == ENAMETOOLONG)
			return (E2BIG);
		if (error != 0)
			return (error);
		args->len += done;
		(*countp)++;
		uvec += sizeof(long);
	}
}

/*
 * exec_copyin_args: build args from user space: the path ufname and the
 * argv and envv vectors (either may be 0).  Returns 0, EFAULT, E2BIG or
 * ENAMETOOLONG (args freed then).
 */
int
exec_copyin_args(struct image_args *args, const char *ufname,
    vm_offset_t argv, vm_offset_t envv)
{
	size_t done;
	int error;

	memset(args, 0, sizeof(*args));
	args->buf = malloc(ARG_MAX, M_EXEC, M_WAITOK);
	error = copyinstr(ufname, args->buf, MAXPATHLEN, &done);
	if (error == 0) {
		args->len = done;
		args->fname = args->buf;
		error = exec_copyin_strings(args, argv, &args->argc);
	}
	if (error == 0)
		error = exec_copyin_strings(args, envv, &args->envc);
	if (error != 0)
		exec_free_args(args);
	return (error);
}

void
exec_free_args(struct image_args *args)
{
	free(args->buf, M_EXEC);
	args->buf = NULL;
}

/*
 * exec_open_file: the regular file at path, for execution: referenced,
 * unlocked, with its size.  ENOENT, EACCES (not a regular file, no
 * execute permission, a noexec mount), ETXTBSY (open for writing).
 */
int
exec_open_file(struct thread *td, const char *path, struct vnode **vpp,
    uint64_t *sizep)
{
	struct nameidata nd;
	struct vattr va;
	struct vnode *vp;
	int error;

	NDINIT(&nd, LOOKUP, FOLLOW | LOCKLEAF | WANTPATH, UIO_SYSSPACE, path,
	    td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	vp = nd.ni_vp;
	if (vp->v_type != VREG || (vp->v_mount->mnt_flag & MNT_NOEXEC))
		error = EACCES;
	if (error == 0)
		error = VOP_ACCESS(vp, VEXEC, td->td_proc->p_ucred);
	if (error == 0)
		error = VOP_GETATTR(vp, &va);
	if (error == 0 && vp->v_writecount > 0)
		error = ETXTBSY;
	if (error == 0 && vp->v_object == NULL)
		error = ENOEXEC;
	if (error != 0) {
		NDFREE_PATH(&nd);
		vput(vp);
		return (error);
	}
	VOP_UNLOCK(vp);
	/* /proc/<pid>/exe and maps name the file by its real path. */
	vn_name_record(vp, nd.ni_path);
	NDFREE_PATH(&nd);
	*vpp = vp;
	*sizep = (uint64_t)va.va_size;
	return (0);
}

/*
 * The boot module ("rescue", a cpio archive GRUB loaded) holds the
 * programs when there is no file system, and stays a fallback: 0 with
 * the program's bytes, ENOENT, or EACCES (not a regular file, or no
 * execute bit).
 */
static int
exec_lookup_rescue(const char *path, const void **imagep, size_t *sizep)
{
	struct cpio_file f;
	const void *archive;
	size_t len;
	int error;

	archive = preload_search_by_name("rescue", &len);
	if (archive == NULL)
		return (ENOENT);
	error = cpio_lookup(archive, len, path, &f);
	if (error != 0)
		return (ENOENT);
	if ((f.mode & CPIO_S_IFMT) != CPIO_S_IFREG || (f.mode & 0111) == 0)
		return (EACCES);
	*imagep = f.data;
	*sizep = f.size;
	return (0);
}

/*
 * Find the program at path: in the file system (imgp->vp), else in the
 * boot module (imgp->image).
 */
static int
exec_lookup(struct image_params *imgp, const char *path)
{
	int error;

	if (imgp->td->td_proc->p_fd != NULL && rootvnode != NULL) {
		error = exec_open_file(imgp->td, path, &imgp->vp,
		    &imgp->file_size);
		if (error != ENOENT)
			return (error);
	}
	return (exec_lookup_rescue(path, &imgp->image, &imgp->image_size));
}

/* A running program's file: no opens for writing while it runs. */
static int
exec_text_hold(struct vnode *vp)
{
	int error = 0;

	mtx_lock(&vp->v_interlock);
	if (vp->v_writecount > 0)
		error = ETXTBSY;
	else
		vp->v_writecount--;
	mtx_unlock(&vp->v_interlock);
	return (error);
}

/* exec_text_release: the process no longer runs vp; drop its ref. */
void
exec_text_release(struct vnode *vp)
{
	mtx_lock(&vp->v_interlock);
	KASSERT(vp->v_writecount < 0, ("exec_text_release: vnode %p count %d",
	    vp, vp->v_writecount));
	vp->v_writecount++;
	mtx_unlock(&vp->v_interlock);
	vrele(vp);
}

/* exec_text_dup: a forked child runs its parent's file too. */
void
exec_text_dup(struct vnode *vp)
{
	vref(vp);
	mtx_lock(&vp->v_interlock);
	vp->v_writecount--;
	mtx_unlock(&vp->v_interlock);
}

/*
 * A "#!" script: run its interpreter with the script's path as an
 * argument.  args becomes: interp, [its one optional argument], the
 * script path, then argv[1..] and the environment.  Returns 0 with
 * the interpreter's path in args->fname, ENOEXEC if the file is no
 * script, ENAMETOOLONG/E2BIG.
 */
static int
exec_shell_args(struct image_params *imgp, struct image_args *args)
{
	char line[ELF_MAX_INTERP], *interp, *arg = NULL, *p, *nbuf;
	const char *old = args->buf, *rest;
	size_t n, resid, restlen, len;
	int error;

	n = MIN(sizeof(line) - 1, imgp->vp != NULL ? imgp->file_size :
	    imgp->image_size);
	if (imgp->vp != NULL) {
		error = vn_rdwr(UIO_READ, imgp->vp, line, n, 0,
		    imgp->td->td_proc->p_ucred, &resid);
		if (error != 0)
			return (error);
		n -= resid;
	} else {
		memcpy(line, imgp->image, n);
	}
	line[n] = '\0';
	if (n < 2 || line[0] != '#' || line[1] != '!')
		return (ENOEXEC);
	p = strchr(line, '\n');
	if (p == NULL)
		return (n == sizeof(line) - 1 ? ENAMETOOLONG : ENOEXEC);
	*p = '\0';
	for (interp = line + 2; *interp == ' ' || *interp == '\t'; interp++)
		;
	for (p = interp; *p != '\0' && *p != ' ' && *p != '\t'; p++)
		;
	if (*p != '\0') {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '\0') {
			arg = p;
			for (p += strlen(p); p > arg && (p[-1] == ' ' ||
			    p[-1] == '\t'); p--)
				p[-1] = '\0';
		}
	}
	if (*interp == '\0')
		return (ENOEXEC);
	/* Skip the old path and argv[0]; keep the rest. */
	rest = old + strlen(old) + 1;
	if (args->argc > 0) {
		rest += strlen(rest) + 1;
		args->argc--;
	}
	restlen = args->len - (rest - old);
	len = 2 * (strlen(interp) + 1) + (arg != NULL ? strlen(arg) + 1 : 0) +
	    strlen(old) + 1 + restlen;
	if (len > ARG_MAX)
		return (E2BIG);
	nbuf = malloc(ARG_MAX, M_EXEC, M_WAITOK);
	n = 0;
	memcpy(nbuf + n, interp, strlen(interp) + 1);
	n += strlen(interp) + 1;
	memcpy(nbuf + n, interp, strlen(interp) + 1);
	n += strlen(interp) + 1;
	args->argc++;
	if (arg != NULL) {
		memcpy(nbuf + n, arg, strlen(arg) + 1);
		n += strlen(arg) + 1;
		args->argc++;
	}
	memcpy(nbuf + n, old, strlen(old) + 1);	/* the script */
	n += strlen(old) + 1;
	args->argc++;
	memcpy(nbuf + n, rest, restlen);
	n += restlen;
	free(args->buf, M_EXEC);
	args->buf = nbuf;
	args->len = n;
	args->fname = nbuf;
	return (0);
}

/*
 * The argument strings of args (after the path) and the program's
 * absolute path (the name exec_open_file gave vp), for p_args.
 */
static struct pargs *
exec_args_pargs(struct image_args *args, struct vnode *vp)
{
	const char *start, *s;
	struct pargs *pa;
	char *path;
	int i;

	start = s = args->buf + strlen(args->buf) + 1;
	for (i = 0; i < args->argc; i++)
		s += strlen(s) + 1;
	path = malloc(MAXPATHLEN, M_EXEC, M_WAITOK);
	if (vp == NULL || vn_name_get(vp, path, MAXPATHLEN) != 0)
		path[0] = '\0';
	pa = pargs_alloc(start, (size_t)(s - start), path);
	free(path, M_EXEC);
	return (pa);
}

/* Drop what exec_lookup found. */
static void
exec_unlookup(struct image_params *imgp)
{
	if (imgp->vp != NULL)
		vrele(imgp->vp);
	imgp->vp = NULL;
	imgp->image = NULL;
}

/*
 * The exec'ing thread, now its process's only one, takes the pid as its
 * id (when another thread exec'ed, the first thread, whose id it was,
 * is gone), and forgets the old image's clear_child_tid and robust list.
 */
static void
exec_new_tid(struct thread *td)
{
	struct proc *p = td->td_proc;

	KASSERT(p->p_numthreads == 1, ("exec_new_tid: pid %d has %d threads",
	    p->p_pid, p->p_numthreads));
	mtx_lock(&proctree_lock);
	td->td_tid = p->p_pid;
	mtx_unlock(&proctree_lock);
	td->td_clear_child_tid = 0;
	td->td_robust_list = 0;
	td->td_robust_len = 0;
}

/*
 * exec_new_vmspace: make td the process's only thread (the others end),
 * give the process a new, empty address space with a stack, and drop
 * its reference to the old one (freed unless a CLONE_VM parent or child
 * shares it); a parent waiting in vfork for this process goes on
 * (fork_ppwake).  Returns 0; ENOMEM with the old address space left
 * alone (the other threads gone); EINTR when another thread is ending
 * the process.  The stack starts at DVM_STACK_SIZE and grows down on
 * faults (vm_fault), up to the guard gap above the mmap area.
 */
int
exec_new_vmspace(struct image_params *imgp)
{
	struct thread *td = imgp->td;
	struct proc *p = td->td_proc;
	struct dvmspace *vm, *old;
	int error;

	/*
	 * The other threads end first (Linux's de_thread); when another
	 * thread is ending the process, this exec fails and the thread
	 * ends on its way out.  Either way the process has one thread
	 * from here on.
	 */
	error = thread_single(td);
	if (error != 0)
		return (error);
	thread_single_end(td);
	exec_new_tid(td);
	vm = dvmspace_alloc();
	if (vm == NULL)
		return (ENOMEM);
	error = user_map_anon(vm, USRSTACK - DVM_STACK_SIZE, DVM_STACK_SIZE,
	    VM_PROT_READ | VM_PROT_WRITE);
	/* The stack grows down on faults below it, as Linux's does. */
	if (error == 0)
		error = vm_map_set_growsdown(dvmspace_map(vm),
		    USRSTACK - DVM_STACK_SIZE, USRSTACK);
	if (error != 0) {
		dvmspace_free(vm);
		return (error);
	}
	vm->dvm_stack_lo = USRSTACK - DVM_STACK_SIZE;
	old = p->p_vmspace;
	critical_enter();
	p->p_vmspace = vm;
	td->td_pcb.pcb_cr3 = dvmspace_pmap(vm)->pm_cr3;
	dvmspace_activate(vm);
	critical_exit();
	imgp->vmspace_destroyed = true;
	if (old != NULL)
		dvmspace_free(old);
	fork_ppwake(p);
	return (0);
}

/*
 * exec_map_segment: TEMPORARY (until vm_map maps the file's pages).  Make
 * [va, va + memsz) anonymous memory with protection prot holding the
 * filesz bytes at data, zero after them.  Pages shared with a segment
 * mapped before keep its bytes.  Returns 0 or ENOMEM.
 */
int
exec_map_segment(struct image_params *imgp, vm_offset_t va, vm_size_t memsz,
    const void *data, size_t filesz, int prot)
{
	struct dvmspace *vm = imgp->td->td_proc->p_vmspace;
	vm_offset_t start = trunc_page(va), end = round_page(va + memsz);
	int error;

	KASSERT(filesz <= memsz && va + memsz <= VM_MAXUSER_ADDRESS,
	    ("exec_map_segment: bad segment %#lx+%#lx", va, memsz));
	error = user_map_anon(vm, start, end - start, prot);
	if (error == 0)
		error = dvm_copy_to(vm, va, data, filesz);
	return (error);
}

/*
 * exec_map_file: map [va, va + memsz) with protection prot: the filesz
 * bytes of vp at off, copy-on-write from the file's object (its pages
 * are shared until written), then zeros.  With a BSS, the part of the
 * last file page past filesz is zeroed in the process's private copy;
 * the pages after it are anonymous.  A first page already mapped by the segment
 * before gets this segment's bytes copied in.  Returns 0 or an errno.
 */
int
exec_map_file(struct image_params *imgp, struct vnode *vp, vm_offset_t va,
    vm_size_t memsz, uint64_t off, size_t filesz, int prot)
{
	struct dvmspace *vm = imgp->td->td_proc->p_vmspace;
	vm_map_t map = dvmspace_map(vm);
	vm_offset_t start = trunc_page(va), fend, end = round_page(va + memsz);
	vm_object_t obj = vp->v_object;
	size_t n, resid;
	char *buf;
	int error = 0;

	KASSERT(filesz <= memsz && va + memsz <= VM_MAXUSER_ADDRESS,
	    ("exec_map_file: bad segment %#lx+%#lx", va, memsz));
	fend = round_page(va + filesz);
	buf = malloc(PAGE_SIZE, M_EXEC, M_WAITOK | M_ZERO);
	if (filesz > 0 && user_range_mapped(vm, start, PAGE_SIZE)) {
		/* Shares its first page with the previous segment. */
		n = MIN(filesz, start + PAGE_SIZE - va);
		error = vn_rdwr(UIO_READ, vp, buf, n, (off_t)off,
		    imgp->td->td_proc->p_ucred, &resid);
		if (error == 0)
			error = user_map_anon(vm, start, PAGE_SIZE, prot);
		if (error == 0)
			error = dvm_copy_to(vm, va, buf, n - resid);
		memset(buf, 0, PAGE_SIZE);
		va += n;
		off += n;
		filesz -= n;
		memsz -= n;
		start += PAGE_SIZE;
		fend = MAX(start, fend);
	}
	if (error == 0 && filesz > 0) {
		KASSERT(obj != NULL && ((va - off) & PAGE_MASK) == 0,
		    ("exec_map_file: vnode %p misaligned", vp));
		vm_object_reference(obj);
		error = vm_map_find(map, obj, trunc_page(off), &start,
		    fend - start, 0, VMFS_NO_SPACE, prot | VM_PROT_WRITE,
		    VM_PROT_ALL, MAP_COPY_ON_WRITE);
		if (error != 0)
			vm_object_deallocate(obj);
		/*
		 * The BSS starts in the last file page: zeros to the end of
		 * that page (not just to memsz), as Linux's padzero, since
		 * ld.so's own allocator takes the rest of its last page as
		 * zeroed memory.
		 */
		n = fend - (va + filesz);
		if (error == 0 && n > 0 && memsz > filesz)
			error = dvm_copy_to(vm, va + filesz, buf, n);
		if (error == 0 && (prot & VM_PROT_WRITE) == 0)
			error = vm_map_protect(map, start, fend, prot, false);
	}
	if (error == 0 && end > fend)
		error = user_map_anon(vm, fend, end - fend, prot);
	free(buf, M_EXEC);
	return (error == 0 ? 0 : ENOMEM);
}

/*
 * Build the initial stack (see the file's comment).  Returns 0 with the
 * stack pointer in *stackp, or EFAULT/E2BIG.
 */
static int
exec_copyout_strings(struct image_params *imgp, struct image_args *args,
    vm_offset_t *stackp)
{
	struct sysentvec *sv = imgp->sysent;
	uint64_t auxv[AUXV_MAX], *vec;
	vm_offset_t p, strings, sp;
	size_t n, nvec, i;
	uint8_t rnd[16];
	const char *s;
	int error, nauxv;

	p = USRSTACK;
	p -= args->len;
	strings = p;
	error = copyout(args->buf, (void *)strings, args->len);
	imgp->execfn_addr = strings;
	imgp->platform_addr = 0;
	if (error == 0 && sv->sv_platform != NULL) {
		n = strlen(sv->sv_platform) + 1;
		p -= n;
		imgp->platform_addr = p;
		error = copyout(sv->sv_platform, (void *)p, n);
	}
	p -= sizeof(rnd);
	imgp->random_addr = p;
	read_random(rnd, sizeof(rnd));
	if (error == 0)
		error = copyout(rnd, (void *)p, sizeof(rnd));
	if (error != 0)
		return (error);
	p = rounddown2(p, 16);

	nauxv = sv->sv_fill_auxargs(imgp, auxv, AUXV_MAX);
	if (nauxv < 0)
		return (E2BIG);
	nvec = 1 + (size_t)args->argc + 1 + (size_t)args->envc + 1 + nauxv;
	sp = rounddown2(p - nvec * sizeof(uint64_t), 16);
	if (sp < USRSTACK - DVM_STACK_SIZE + PAGE_SIZE)
		return (E2BIG);
	vec = malloc(nvec * sizeof(uint64_t), M_EXEC, M_WAITOK);
	i = 0;
	vec[i++] = args->argc;
	s = args->buf + strlen(args->buf) + 1;	/* past the path */
	for (n = 0; n < (size_t)args->argc; n++) {
		vec[i++] = strings + (s - args->buf);
		s += strlen(s) + 1;
	}
	vec[i++] = 0;
	for (n = 0; n < (size_t)args->envc; n++) {
		vec[i++] = strings + (s - args->buf);
		s += strlen(s) + 1;
	}
	vec[i++] = 0;
	memcpy(&vec[i], auxv, nauxv * sizeof(uint64_t));
	i += nauxv;
	KASSERT(i == nvec, ("exec_copyout_strings: %zu of %zu words", i,
	    nvec));
	error = copyout(vec, (void *)sp, nvec * sizeof(uint64_t));
	free(vec, M_EXEC);
	*stackp = sp;
	return (error);
}

/*
 * kern_execve: run the program args names in td's process (td is
 * curthread).  Returns EJUSTRETURN when the new program is in place (its
 * registers are in td_frame), an errno when the old program goes on
 * (ENOENT, EACCES, ENOEXEC, ENOMEM...), and does not return when the
 * old program was gone already: the process is killed by SIGSEGV.
 */
int
kern_execve(struct thread *td, struct image_args *args)
{
	struct image_params img;
	struct proc *p = td->td_proc;
	vm_offset_t stack;
	int error, depth;

	KASSERT(td == curthread && td->td_frame != NULL,
	    ("kern_execve: not a user thread"));
	for (depth = 0;; depth++) {
		memset(&img, 0, sizeof(img));
		img.td = td;
		img.fname = args->fname;
		error = exec_lookup(&img, args->fname);
		if (error != 0)
			return (error);
		error = exec_shell_args(&img, args);
		if (error == ENOEXEC)
			break;
		exec_unlookup(&img);
		if (error != 0)
			return (error);
		if (depth == 4)
			return (ELOOP);
	}
	if (img.vp != NULL) {
		error = exec_text_hold(img.vp);
		if (error != 0) {
			exec_unlookup(&img);
			return (error);
		}
	}
	error = exec_elf_imgact(&img);
	if (error == 0)
		error = exec_copyout_strings(&img, args, &stack);
	if (error != 0) {
		if (img.vp != NULL)
			exec_text_release(img.vp);	/* drops the ref */
		if (!img.vmspace_destroyed)
			return (error);
		printf("pid %d (%s): exec %s failed after the old image was "
		    "gone (error %d)\n", p->p_pid, p->p_comm, args->fname,
		    error);
		exec_free_args(args);
		exit1(td, 0, SIGSEGV);
	}
	/* The running file: the new one's reference moves to p_textvp. */
	if (p->p_textvp != NULL)
		exec_text_release(p->p_textvp);
	p->p_textvp = img.vp;
	fdcloseexec(td);
	/* XXX: temporary direct-pmap state: the break starts after the image. */
	p->p_vmspace->dvm_daddr = round_page(img.end_addr);
	p->p_vmspace->dvm_brk = round_page(img.end_addr);
	p->p_sysent = img.sysent;
	proc_set_comm(p, args->fname);
	mtx_lock(&proctree_lock);
	p->p_flag |= P_EXEC;		/* setpgid by the parent: EACCES */
	mtx_unlock(&proctree_lock);
	proc_set_args(p, exec_args_pargs(args, img.vp));
	sigacts_exec(td);
	exec_setregs(td, &img, stack);
	return (EJUSTRETURN);
}
