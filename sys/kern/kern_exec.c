/*
 * kern_exec.c: replacing a process's program (execve).
 *
 * Steps (kern_execve):
 *   1. the arguments and environment are in a kernel buffer already
 *      (exec_copyin_args from user space, exec_kernel_args for programs
 *      the kernel starts);
 *   2. find the file: until there is a file system, programs come from
 *      the boot module, a cpio archive GRUB loaded ("rescue",
 *      sys/kern/subr_cpio.c); this lookup is the one place that changes
 *      when namei exists;
 *   3. the ELF activator checks the program (ENOEXEC: the old program
 *      goes on), then replaces the address space (exec_new_vmspace:
 *      from here on a failure ends the process with SIGSEGV, as Linux
 *      does) and maps the segments;
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
 * Until there are files: exec_map_segment copies a segment's bytes into
 * anonymous memory instead of mapping the file's pages.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/cpio.h>
#include <sys/errno.h>
#include <sys/imgact.h>
#include <sys/linker.h>
#include <sys/malloc.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sysent.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>

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
 * Find the program at path: the boot module's archive is the only file
 * system yet.  Returns 0 with its bytes, ENOENT, or EACCES (not a regular
 * file, or no execute permission: everybody is root, and root may run a
 * file that has any execute bit).
 */
static int
exec_lookup(const char *path, const void **imagep, size_t *sizep)
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
 * exec_new_vmspace: give the process a new, empty address space with a
 * stack, and free the old one.  Either fully succeeds or changes nothing
 * (ENOMEM).  The stack starts at DVM_STACK_SIZE and grows down on faults
 * (vm_fault), up to the guard gap above the mmap area.
 */
int
exec_new_vmspace(struct image_params *imgp)
{
	struct thread *td = imgp->td;
	struct proc *p = td->td_proc;
	struct dvmspace *vm, *old;
	int error;

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
	vm_offset_t stack;
	int error;

	KASSERT(td == curthread && td->td_frame != NULL,
	    ("kern_execve: not a user thread"));
	memset(&img, 0, sizeof(img));
	img.td = td;
	img.fname = args->fname;
	error = exec_lookup(args->fname, &img.image, &img.image_size);
	if (error == 0)
		error = exec_elf_imgact(&img);
	if (error == 0)
		error = exec_copyout_strings(&img, args, &stack);
	if (error != 0) {
		if (!img.vmspace_destroyed)
			return (error);
		printf("pid %d (%s): exec %s failed after the old image was "
		    "gone (error %d)\n", td->td_proc->p_pid,
		    td->td_proc->p_comm, args->fname, error);
		exec_free_args(args);
		exit1(td, 0, SIGSEGV);
	}
	/* XXX: temporary direct-pmap state: the break starts after the image. */
	td->td_proc->p_vmspace->dvm_daddr = round_page(img.end_addr);
	td->td_proc->p_vmspace->dvm_brk = round_page(img.end_addr);
	td->td_proc->p_sysent = img.sysent;
	proc_set_comm(td->td_proc, args->fname);
	sigacts_exec(td);
	exec_setregs(td, &img, stack);
	return (EJUSTRETURN);
}
