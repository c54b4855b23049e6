/*
 * linux_misc.c: the Linux system calls: each copies and translates its
 * arguments (Linux flag values, structure layouts), calls the kernel's
 * kern_*() function, and translates the result back.  Errors are Umbra's
 * errno values, which are Linux's already (linux_errno.c).
 *
 * File system calls are in linux_file.c, signals in linux_signal.c.
 * Stubs, each noted where it stands: rseq is ENOSYS (glibc then does
 * without).  futex and the robust list are in linux_futex.c.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/imgact.h>
#include <sys/mman.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>
#include <sys/ucred.h>
#include <sys/vmmeter.h>
#include <sys/wait.h>

#include <vm/vm.h>

#include <machine/vmparam.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

/* uname's answers: Linux, so glibc accepts the kernel (design.md). */
#define LINUX_UNAME_SYSNAME	"Linux"
#define LINUX_UNAME_RELEASE	"6.1.0"
#define LINUX_UNAME_MACHINE	"x86_64"

/* --- memory -------------------------------------------------------------- */

/* Linux MAP_* to Umbra's, or -1 for a flag MAP_SHARED_VALIDATE refuses. */
static int
linux_map_flags(int lflags)
{
	int known, flags = 0;

	known = LINUX_MAP_TYPE | LINUX_MAP_FIXED | LINUX_MAP_ANONYMOUS |
	    LINUX_MAP_32BIT | LINUX_MAP_GROWSDOWN | LINUX_MAP_DENYWRITE |
	    LINUX_MAP_EXECUTABLE | LINUX_MAP_LOCKED | LINUX_MAP_NORESERVE |
	    LINUX_MAP_POPULATE | LINUX_MAP_NONBLOCK | LINUX_MAP_STACK |
	    LINUX_MAP_HUGETLB | LINUX_MAP_SYNC | LINUX_MAP_FIXED_NOREPLACE |
	    LINUX_MAP_UNINITIALIZED | (int)LINUX_MAP_HUGE_MASK;
	switch (lflags & LINUX_MAP_TYPE) {
	case LINUX_MAP_SHARED:
		flags |= MAP_SHARED;
		break;
	case LINUX_MAP_PRIVATE:
		flags |= MAP_PRIVATE;
		break;
	case LINUX_MAP_SHARED_VALIDATE:
		/*
		 * Only files validate: for anonymous memory Linux says
		 * EINVAL (kern_mmap, given neither SHARED nor PRIVATE).
		 */
		if (lflags & LINUX_MAP_ANONYMOUS)
			return (MAP_ANON);
		if (lflags & ~known)
			return (-1);
		flags |= MAP_SHARED;
		break;
	default:
		break;		/* neither: kern_mmap says EINVAL */
	}
	if (lflags & LINUX_MAP_FIXED)
		flags |= MAP_FIXED;
	if (lflags & LINUX_MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED | MAP_EXCL;
	if (lflags & LINUX_MAP_ANONYMOUS)
		flags |= MAP_ANON;
	if (lflags & LINUX_MAP_STACK)
		flags |= MAP_STACK;
	/* MAP_NONBLOCK turns population off (Linux since 2.6.23). */
	if ((lflags & (LINUX_MAP_POPULATE | LINUX_MAP_NONBLOCK)) ==
	    LINUX_MAP_POPULATE)
		flags |= MAP_PREFAULT;
	if (lflags & LINUX_MAP_LOCKED)
		flags |= MAP_LOCKED;
	if (lflags & LINUX_MAP_32BIT)
		flags |= MAP_32BIT;
	if (lflags & LINUX_MAP_HUGETLB)
		flags |= MAP_HUGETLB;
	if (lflags & LINUX_MAP_GROWSDOWN)
		flags |= MAP_GROWSDOWN;
	/* MAP_SYNC needs a DAX file: never for anonymous memory. */
	if ((lflags & LINUX_MAP_TYPE) == LINUX_MAP_SHARED_VALIDATE &&
	    (lflags & LINUX_MAP_SYNC))
		return (-1);
	/*
	 * Ignored as Linux ignores them: NORESERVE (no overcommit
	 * accounting), DENYWRITE, EXECUTABLE, UNINITIALIZED, and
	 * SYNC without SHARED_VALIDATE.  XXX: GROWSDOWN maps a fixed-size
	 * region; growth on faults below it comes with stack growth.
	 */
	return (flags);
}

int
linux_mmap(struct thread *td, struct linux_mmap_args *args)
{
	vm_offset_t addr;
	int error, flags;

	flags = linux_map_flags(args->flags);
	if (flags == -1)
		return (EOPNOTSUPP);
	/* Linux looks at the offset only for files, but checks it always. */
	if (args->pgoff & PAGE_MASK)
		return (EINVAL);
	/* mmap ignores PROT_ bits it does not know (mprotect refuses them). */
	error = kern_mmap(td, args->addr, args->len, args->prot &
	    (LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC), flags,
	    args->fd, args->pgoff, &addr);
	if (error == 0)
		td->td_retval[0] = addr;
	return (error);
}

int
linux_mprotect(struct thread *td, struct linux_mprotect_args *args)
{
	if (args->prot & ~(LINUX_PROT_READ | LINUX_PROT_WRITE |
	    LINUX_PROT_EXEC))
		return (EINVAL);
	return (kern_mprotect(td, args->addr, args->len, args->prot));
}

int
linux_munmap(struct thread *td, struct linux_munmap_args *args)
{
	return (kern_munmap(td, args->addr, args->len));
}

/*
 * madvise: Linux's advice to Umbra's.  Advice about features Umbra does
 * not have (KSM, transparent huge pages, dump filtering, reclaim hints)
 * is accepted and ignored, as a Linux kernel built without them... mostly
 * does; MADV_REMOVE needs a shared file: EINVAL for anonymous memory.
 */
int
linux_madvise(struct thread *td, struct linux_madvise_args *args)
{
	int behav;

	switch (args->behav) {
	case LINUX_MADV_NORMAL:
		behav = MADV_NORMAL;
		break;
	case LINUX_MADV_RANDOM:
		behav = MADV_RANDOM;
		break;
	case LINUX_MADV_SEQUENTIAL:
		behav = MADV_SEQUENTIAL;
		break;
	case LINUX_MADV_WILLNEED:
		behav = MADV_WILLNEED;
		break;
	case LINUX_MADV_DONTNEED:
		behav = MADV_DONTNEED;
		break;
	case LINUX_MADV_FREE:
		behav = MADV_FREE;
		break;
	case LINUX_MADV_DONTFORK:
		behav = MADV_DONTFORK;
		break;
	case LINUX_MADV_DOFORK:
		behav = MADV_DOFORK;
		break;
	case LINUX_MADV_DONTDUMP:
		behav = MADV_NOCORE;
		break;
	case LINUX_MADV_DODUMP:
		behav = MADV_CORE;
		break;
	case LINUX_MADV_MERGEABLE:
	case LINUX_MADV_UNMERGEABLE:
	case LINUX_MADV_HUGEPAGE:
	case LINUX_MADV_NOHUGEPAGE:
	case LINUX_MADV_COLD:
	case LINUX_MADV_PAGEOUT:
		behav = MADV_NORMAL;	/* checks only */
		if (args->addr & PAGE_MASK)
			return (EINVAL);
		return (0);
	default:
		return (EINVAL);
	}
	return (kern_madvise(td, args->addr, args->len, behav));
}

int
linux_mremap(struct thread *td, struct linux_mremap_args *args)
{
	vm_offset_t addr;
	int error;

	error = kern_mremap(td, args->addr, args->old_len, args->new_len,
	    args->flags, args->new_addr, &addr);
	if (error == 0)
		td->td_retval[0] = addr;
	return (error);
}

int
linux_msync(struct thread *td, struct linux_msync_args *args)
{
	return (kern_msync(td, args->addr, args->len, args->flags));
}

int
linux_mincore(struct thread *td, struct linux_mincore_args *args)
{
	return (kern_mincore(td, args->start, args->len, args->vec));
}

int
linux_mlock(struct thread *td, struct linux_mlock_args *args)
{
	return (kern_mlock(td, args->addr, args->len, false));
}

int
linux_munlock(struct thread *td, struct linux_mlock_args *args)
{
	return (kern_munlock(td, args->addr, args->len));
}

int
linux_mlock2(struct thread *td, struct linux_mlock2_args *args)
{
	if (args->flags & ~LINUX_MLOCK_ONFAULT)
		return (EINVAL);
	return (kern_mlock(td, args->addr, args->len,
	    (args->flags & LINUX_MLOCK_ONFAULT) != 0));
}

int
linux_mlockall(struct thread *td, struct linux_mlockall_args *args)
{
	return (kern_mlockall(td, args->flags));
}

int
linux_munlockall(struct thread *td, struct linux_noargs *args)
{
	(void)td;
	(void)args;
	return (0);
}

/* brk: Linux returns the break, moved or not; never an error. */
int
linux_brk(struct thread *td, struct linux_brk_args *args)
{
	vm_offset_t brk;

	(void)kern_brk(td, args->dsend, &brk);
	td->td_retval[0] = brk;
	return (0);
}

/* --- processes ----------------------------------------------------------- */

int
linux_getpid(struct thread *td, struct linux_noargs *args)
{
	td->td_retval[0] = td->td_proc->p_pid;
	return (0);
}

int
linux_getppid(struct thread *td, struct linux_noargs *args)
{
	mtx_lock(&proctree_lock);
	td->td_retval[0] = td->td_proc->p_pptr->p_pid;
	mtx_unlock(&proctree_lock);
	return (0);
}

int
linux_setsid(struct thread *td, struct linux_noargs *args)
{
	pid_t sid;
	int error;

	error = kern_setsid(td, &sid);
	if (error == 0)
		td->td_retval[0] = sid;
	return (error);
}

int
linux_getpgrp(struct thread *td, struct linux_noargs *args)
{
	pid_t pgid;
	int error;

	error = kern_getpgid(td, 0, &pgid);
	if (error == 0)
		td->td_retval[0] = pgid;
	return (error);
}

int
linux_setpgid(struct thread *td, struct linux_setpgid_args *args)
{
	return (kern_setpgid(td, args->pid, args->pgid));
}

int
linux_getpgid(struct thread *td, struct linux_getpgid_args *args)
{
	pid_t pgid;
	int error;

	if (args->pid < 0)
		return (ESRCH);
	error = kern_getpgid(td, args->pid, &pgid);
	if (error == 0)
		td->td_retval[0] = pgid;
	return (error);
}

int
linux_getsid(struct thread *td, struct linux_getpgid_args *args)
{
	pid_t sid;
	int error;

	if (args->pid < 0)
		return (ESRCH);
	error = kern_getsid(td, args->pid, &sid);
	if (error == 0)
		td->td_retval[0] = sid;
	return (error);
}

int
linux_gettid(struct thread *td, struct linux_noargs *args)
{
	td->td_retval[0] = td->td_tid;
	return (0);
}

int
linux_fork(struct thread *td, struct linux_noargs *args)
{
	struct fork_req fr;
	pid_t pid;
	int error;

	memset(&fr, 0, sizeof(fr));
	error = fork1(td, &fr, &pid);
	if (error == 0)
		td->td_retval[0] = pid;
	return (error);
}

/* The clone flags Umbra knows (see linux_clone_common). */
#define LINUX_CLONE_KNOWN						\
	(LINUX_CLONE_VM | LINUX_CLONE_FS | LINUX_CLONE_FILES |		\
	LINUX_CLONE_SIGHAND | LINUX_CLONE_VFORK | LINUX_CLONE_THREAD |	\
	LINUX_CLONE_SYSVSEM | LINUX_CLONE_SETTLS |			\
	LINUX_CLONE_PARENT_SETTID | LINUX_CLONE_CHILD_CLEARTID |		\
	LINUX_CLONE_DETACHED | LINUX_CLONE_CHILD_SETTID)
#define LINUX_CLONE_SHARE						\
	(LINUX_CLONE_VM | LINUX_CLONE_FS | LINUX_CLONE_FILES |		\
	LINUX_CLONE_SIGHAND)

/*
 * What clone and clone3 share: flags (the exit signal taken out), the
 * new thread's stack pointer (0: the caller's), its TLS, and the tid
 * addresses.  Two forms:
 *   - a thread (CLONE_THREAD, with CLONE_VM, CLONE_FS, CLONE_FILES and
 *     CLONE_SIGHAND: glibc's pthread_create): thread_create;
 *   - a process (fork, vfork, posix_spawn): fork1, with CLONE_VM
 *     sharing the address space (FR_MEM) and CLONE_VFORK making the
 *     caller wait until the child execs or exits (FR_PPWAIT): vfork and
 *     glibc's posix_spawn are CLONE_VM|CLONE_VFORK, and posix_spawn's
 *     child reports its exec error in the memory it shares (kern_fork.c).
 * Other sharing (CLONE_FS, CLONE_FILES or CLONE_SIGHAND without a
 * thread; CLONE_VFORK with one) is ENOSYS, logged; inconsistent flags
 * are EINVAL, as Linux.  CLONE_SYSVSEM and CLONE_DETACHED are accepted
 * and ignored, and so is the exit signal: the parent gets SIGCHLD.
 */
static int
linux_clone_common(struct thread *td, uint64_t flags, uint64_t stack,
    uint64_t tls, uint64_t parent_tid, uint64_t child_tid)
{
	struct fork_req fr;
	struct thread *td2;
	pid_t pid;
	int error;

	if ((flags & LINUX_CLONE_THREAD) && !(flags & LINUX_CLONE_SIGHAND))
		return (EINVAL);
	if ((flags & LINUX_CLONE_SIGHAND) && !(flags & LINUX_CLONE_VM))
		return (EINVAL);
	if ((flags & ~LINUX_CLONE_KNOWN) != 0 ||
	    ((flags & LINUX_CLONE_THREAD) ?
	    (flags & (LINUX_CLONE_SHARE | LINUX_CLONE_VFORK)) !=
	    LINUX_CLONE_SHARE :
	    (flags & LINUX_CLONE_SHARE & ~LINUX_CLONE_VM) != 0)) {
		printf("linux: pid %d (%s): clone flags %#lx not supported\n",
		    td->td_proc->p_pid, td->td_proc->p_comm, flags);
		return (ENOSYS);
	}
	memset(&fr, 0, sizeof(fr));
	fr.fr_stack = stack;
	if (flags & LINUX_CLONE_SETTLS) {
		if (tls >= VM_MAXUSER_ADDRESS)
			return (EPERM);
		fr.fr_flags |= FR_SETTLS;
		fr.fr_tls = tls;
	}
	if (flags & LINUX_CLONE_CHILD_SETTID)
		fr.fr_child_settid = child_tid;
	if (flags & LINUX_CLONE_CHILD_CLEARTID)
		fr.fr_child_cleartid = child_tid;
	if (flags & LINUX_CLONE_PARENT_SETTID)
		fr.fr_parent_settid = parent_tid;
	if (flags & LINUX_CLONE_THREAD) {
		error = thread_create(td, &fr, &td2);
		if (error == 0)
			td->td_retval[0] = td2->td_tid;
	} else {
		if (flags & LINUX_CLONE_VM)
			fr.fr_flags |= FR_MEM;
		if (flags & LINUX_CLONE_VFORK)
			fr.fr_flags |= FR_PPWAIT;
		error = fork1(td, &fr, &pid);
		if (error == 0)
			td->td_retval[0] = pid;
	}
	return (error);
}

/* clone(flags, stack, parent_tid, child_tid, tls). */
int
linux_clone(struct thread *td, struct linux_clone_args *args)
{
	return (linux_clone_common(td, args->flags & ~LINUX_CSIGNAL,
	    args->stack, args->tls, args->parent_tidptr,
	    args->child_tidptr));
}

/* vfork: clone(CLONE_VM | CLONE_VFORK | SIGCHLD), on the caller's stack. */
int
linux_vfork(struct thread *td, struct linux_noargs *args)
{
	return (linux_clone_common(td, LINUX_CLONE_VM | LINUX_CLONE_VFORK, 0,
	    0, 0, 0));
}

/*
 * clone3(args, size): the same from a struct clone_args of at least
 * version 0's size; bytes past the fields known must be zero (E2BIG).
 * The stack is given by its lowest address and size.  Choosing the
 * ids (set_tid) and cgroups are not supported.
 */
int
linux_clone3(struct thread *td, struct linux_clone3_args *args)
{
	struct l_clone_args ca;
	uint64_t extra, off;
	int error;

	if (args->usize < LINUX_CLONE_ARGS_SIZE_VER0)
		return (EINVAL);
	if (args->usize > PAGE_SIZE)
		return (E2BIG);
	memset(&ca, 0, sizeof(ca));
	error = copyin((const void *)args->uargs, &ca,
	    MIN(args->usize, sizeof(ca)));
	for (off = sizeof(ca); error == 0 && off < args->usize;
	    off += sizeof(extra)) {
		extra = 0;
		error = copyin((const char *)args->uargs + off, &extra,
		    MIN(sizeof(extra), args->usize - off));
		if (error == 0 && extra != 0)
			error = E2BIG;
	}
	if (error != 0)
		return (error);
	if ((ca.flags & LINUX_CSIGNAL) != 0 || ca.exit_signal > NSIG ||
	    ca.set_tid != 0 || ca.set_tid_size != 0 ||
	    (ca.stack == 0) != (ca.stack_size == 0))
		return (EINVAL);
	return (linux_clone_common(td, ca.flags, ca.stack != 0 ? ca.stack +
	    ca.stack_size : 0, ca.tls, ca.parent_tid, ca.child_tid));
}

int
linux_execve(struct thread *td, struct linux_execve_args *args)
{
	struct image_args eargs;
	int error;

	error = exec_copyin_args(&eargs, (const char *)args->path,
	    args->argp, args->envp);
	if (error != 0)
		return (error);
	error = kern_execve(td, &eargs);
	exec_free_args(&eargs);
	return (error);
}

/* exit: the calling thread; the last one's exit is the process's. */
int
linux_exit(struct thread *td, struct linux_exit_args *args)
{
	kern_thr_exit(td, args->rval & 0xff);
}

/* exit_group: the process, with all its threads. */
int
linux_exit_group(struct thread *td, struct linux_exit_args *args)
{
	exit1(td, args->rval & 0xff, 0);
}

/* Linux's struct rusage from CPU ticks; the rest zero (XXX: maxrss). */
static void
linux_rusage(const struct cputicks *ct, struct l_rusage *ru)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = ct->ct_user / hz;
	ru->ru_utime.tv_usec = ct->ct_user % hz * tick;
	ru->ru_stime.tv_sec = ct->ct_sys / hz;
	ru->ru_stime.tv_usec = ct->ct_sys % hz * tick;
}

int
linux_wait4(struct thread *td, struct linux_wait4_args *args)
{
	struct cputicks ct;
	struct l_rusage ru;
	int error, options = 0, status;
	pid_t pid;

	if (args->options & ~(LINUX_WNOHANG | LINUX_WUNTRACED |
	    LINUX_WCONTINUED | LINUX___WNOTHREAD | LINUX___WALL |
	    LINUX___WCLONE))
		return (EINVAL);
	if (args->options & LINUX_WNOHANG)
		options |= WNOHANG;
	if (args->options & LINUX_WUNTRACED)
		options |= WUNTRACED;
	if (args->options & LINUX_WCONTINUED)
		options |= WCONTINUED;
	error = kern_wait4(td, args->pid, &status, options, &pid, &ct);
	if (error != 0)
		return (error);
	if (pid != 0 && args->status != 0)
		error = copyout(&status, (void *)args->status, sizeof(status));
	/* Linux writes the rusage only when a child reported. */
	if (error == 0 && pid != 0 && args->rusage != 0) {
		linux_rusage(&ct, &ru);
		error = copyout(&ru, (void *)args->rusage, sizeof(ru));
	}
	td->td_retval[0] = pid;
	return (error);
}

/*
 * waitid: P_ALL, P_PID, P_PGID (0: the caller's group); WEXITED,
 * WSTOPPED, WCONTINUED (one at least), WNOHANG, WNOWAIT.  The child's
 * siginfo (SIGCHLD, its code, pid and status) goes to infop; with
 * WNOHANG and nothing to report, a zeroed one.
 */
int
linux_waitid(struct thread *td, struct linux_waitid_args *args)
{
	struct wait_info wi;
	int32_t info[32];		/* Linux's 128-byte siginfo */
	struct l_rusage ru;
	int error, options = 0;

	if (args->options & ~(LINUX_WNOHANG | LINUX_WSTOPPED |
	    LINUX_WEXITED | LINUX_WCONTINUED | LINUX_WNOWAIT |
	    LINUX___WNOTHREAD | LINUX___WALL | LINUX___WCLONE))
		return (EINVAL);
	if ((args->options & (LINUX_WSTOPPED | LINUX_WEXITED |
	    LINUX_WCONTINUED)) == 0)
		return (EINVAL);
	if (args->idtype != P_ALL && args->idtype != P_PID &&
	    args->idtype != P_PGID)
		return (EINVAL);
	if (args->idtype != P_ALL && args->id < 0)
		return (EINVAL);
	if (args->options & LINUX_WNOHANG)
		options |= WNOHANG;
	if (args->options & LINUX_WSTOPPED)
		options |= WSTOPPED;
	if (args->options & LINUX_WEXITED)
		options |= WEXITED;
	if (args->options & LINUX_WCONTINUED)
		options |= WCONTINUED;
	if (args->options & LINUX_WNOWAIT)
		options |= WNOWAIT;
	error = kern_wait(td, args->idtype, args->id, options, &wi);
	if (error != 0)
		return (error);
	memset(info, 0, sizeof(info));
	if (wi.wi_pid != 0) {
		info[0] = SIGCHLD;		/* si_signo */
		info[2] = wi.wi_code;		/* si_code */
		info[4] = wi.wi_pid;		/* si_pid */
		info[5] = (int32_t)wi.wi_uid;	/* si_uid */
		info[6] = wi.wi_sigstatus;	/* si_status */
	}
	if (args->infop != 0)
		error = copyout(info, (void *)args->infop, sizeof(info));
	if (error == 0 && wi.wi_pid != 0 && args->rusage != 0) {
		linux_rusage(&wi.wi_ru, &ru);
		error = copyout(&ru, (void *)args->rusage, sizeof(ru));
	}
	td->td_retval[0] = 0;
	return (error);
}

int
linux_set_tid_address(struct thread *td,
    struct linux_set_tid_address_args *args)
{
	td->td_clear_child_tid = args->tidptr;
	td->td_retval[0] = td->td_tid;
	return (0);
}

/* --- system information -------------------------------------------------- */

int
linux_newuname(struct thread *td, struct linux_uname_args *args)
{
	struct l_new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, LINUX_UNAME_SYSNAME, sizeof(u.sysname));
	strlcpy(u.nodename, "umbra", sizeof(u.nodename));
	strlcpy(u.release, LINUX_UNAME_RELEASE, sizeof(u.release));
	snprintf(u.version, sizeof(u.version), "#1 %s", version);
	if (strchr(u.version, '\n') != NULL)
		*strchr(u.version, '\n') = '\0';
	strlcpy(u.machine, LINUX_UNAME_MACHINE, sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return (copyout(&u, (void *)args->buf, sizeof(u)));
}

int
linux_getrlimit(struct thread *td, struct linux_getrlimit_args *args)
{
	struct rlimit rl;
	int error;

	error = kern_prlimit(td, 0, args->resource, NULL, &rl);
	if (error == 0)
		error = copyout(&rl, (void *)args->rlim, sizeof(rl));
	return (error);
}

/* setrlimit, the old call (glibc uses prlimit64): the same struct. */
int
linux_setrlimit(struct thread *td, struct linux_getrlimit_args *args)
{
	struct rlimit rl, old;
	int error;

	error = copyin((const void *)args->rlim, &rl, sizeof(rl));
	if (error != 0)
		return (error);
	return (kern_prlimit(td, 0, args->resource, &rl, &old));
}

/* prlimit64: struct rlimit64 has the layout of Umbra's struct rlimit. */
int
linux_prlimit64(struct thread *td, struct linux_prlimit64_args *args)
{
	struct rlimit new, old;
	int error;

	if (args->new != 0) {
		error = copyin((const void *)args->new, &new, sizeof(new));
		if (error != 0)
			return (error);
	}
	error = kern_prlimit(td, args->pid, args->resource,
	    args->new != 0 ? &new : NULL, &old);
	if (error == 0 && args->old != 0)
		error = copyout(&old, (void *)args->old, sizeof(old));
	return (error);
}

int
linux_arch_prctl(struct thread *td, struct linux_arch_prctl_args *args)
{
	uint64_t v;

	switch (args->code) {
	case LINUX_ARCH_SET_FS:
		return (cpu_set_fsbase(td, args->addr));
	case LINUX_ARCH_SET_GS:
		return (cpu_set_gsbase(td, args->addr));
	case LINUX_ARCH_GET_FS:
		v = td->td_pcb.pcb_fsbase;
		return (copyout(&v, (void *)args->addr, sizeof(v)));
	case LINUX_ARCH_GET_GS:
		v = td->td_pcb.pcb_gsbase;
		return (copyout(&v, (void *)args->addr, sizeof(v)));
	default:
		return (EINVAL);
	}
}

/* --- time ---------------------------------------------------------------- */

/* Linux clock id to Umbra's, or -1. */
static clockid_t
linux_clockid(int which)
{
	switch (which) {
	case LINUX_CLOCK_REALTIME:
		return (CLOCK_REALTIME);
	case LINUX_CLOCK_REALTIME_COARSE:
		return (CLOCK_REALTIME_FAST);
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_BOOTTIME:	/* no suspend: the same clock */
		return (CLOCK_MONOTONIC);
	case LINUX_CLOCK_MONOTONIC_COARSE:
		return (CLOCK_MONOTONIC_FAST);
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
		return (CLOCK_PROCESS_CPUTIME_ID);
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
		return (CLOCK_THREAD_CPUTIME_ID);
	default:
		return (-1);
	}
}

int
linux_clock_gettime(struct thread *td, struct linux_clock_gettime_args *args)
{
	struct timespec ts;
	struct l_timespec lts;
	clockid_t id = linux_clockid(args->which);
	int error;

	if (id == -1)
		return (EINVAL);
	error = kern_clock_gettime(td, id, &ts);
	if (error != 0)
		return (error);
	lts.tv_sec = ts.tv_sec;
	lts.tv_nsec = ts.tv_nsec;
	return (copyout(&lts, (void *)args->tp, sizeof(lts)));
}

/* clock_getres: 1 ns (TSC-based clocks), a tick for the coarse ones. */
int
linux_clock_getres(struct thread *td, struct linux_clock_gettime_args *args)
{
	struct l_timespec lts;
	clockid_t id = linux_clockid(args->which);

	if (id == -1)
		return (EINVAL);
	if (args->tp == 0)
		return (0);
	lts.tv_sec = 0;
	lts.tv_nsec = id == CLOCK_REALTIME_FAST || id == CLOCK_MONOTONIC_FAST ?
	    NSEC_PER_SEC / hz : 1;
	return (copyout(&lts, (void *)args->tp, sizeof(lts)));
}

int
linux_gettimeofday(struct thread *td, struct linux_gettimeofday_args *args)
{
	struct timespec ts;
	struct l_timeval ltv;
	int32_t tz[2] = { 0, 0 };
	int error = 0;

	if (args->tp != 0) {
		(void)kern_clock_gettime(td, CLOCK_REALTIME, &ts);
		ltv.tv_sec = ts.tv_sec;
		ltv.tv_usec = ts.tv_nsec / NSEC_PER_USEC;
		error = copyout(&ltv, (void *)args->tp, sizeof(ltv));
	}
	if (error == 0 && args->tzp != 0)
		error = copyout(tz, (void *)args->tzp, sizeof(tz));
	return (error);
}

int
linux_time(struct thread *td, struct linux_time_args *args)
{
	struct timespec ts;
	int64_t t;
	int error = 0;

	(void)kern_clock_gettime(td, CLOCK_REALTIME, &ts);
	t = ts.tv_sec;
	if (args->tm != 0)
		error = copyout(&t, (void *)args->tm, sizeof(t));
	td->td_retval[0] = t;
	return (error);
}

/* A Linux timespec from user space, or EFAULT. */
static int
linux_copyin_ts(uint64_t uaddr, struct timespec *ts)
{
	struct l_timespec lts;
	int error;

	error = copyin((const void *)uaddr, &lts, sizeof(lts));
	if (error != 0)
		return (error);
	ts->tv_sec = lts.tv_sec;
	ts->tv_nsec = lts.tv_nsec;
	/* A bad tv_nsec must not pass as a valid one when truncated. */
	if (lts.tv_nsec < 0 || lts.tv_nsec >= NSEC_PER_SEC)
		ts->tv_nsec = -1;
	return (0);
}

static int
linux_copyout_ts(const struct timespec *ts, uint64_t uaddr)
{
	struct l_timespec lts;

	lts.tv_sec = ts->tv_sec;
	lts.tv_nsec = ts->tv_nsec;
	return (copyout(&lts, (void *)uaddr, sizeof(lts)));
}

int
linux_nanosleep(struct thread *td, struct linux_nanosleep_args *args)
{
	struct timespec rqt, rmt;
	int error;

	error = linux_copyin_ts(args->rqtp, &rqt);
	if (error != 0)
		return (error);
	error = kern_nanosleep(td, CLOCK_MONOTONIC, false, &rqt, &rmt);
	if (error == EINTR && args->rmtp != 0 &&
	    linux_copyout_ts(&rmt, args->rmtp) != 0)
		return (EFAULT);
	return (error);
}

/*
 * clock_nanosleep: REALTIME, MONOTONIC and BOOTTIME (the same here);
 * other known clocks cannot be slept on (EOPNOTSUPP; XXX: Linux sleeps
 * on the process's CPU clock).
 */
int
linux_clock_nanosleep(struct thread *td,
    struct linux_clock_nanosleep_args *args)
{
	struct timespec rqt, rmt;
	clockid_t id;
	bool abstime;
	int error;

	id = linux_clockid(args->which);
	if (id == -1 || args->which == LINUX_CLOCK_THREAD_CPUTIME_ID)
		return (EINVAL);
	if (args->which != LINUX_CLOCK_REALTIME &&
	    args->which != LINUX_CLOCK_MONOTONIC &&
	    args->which != LINUX_CLOCK_BOOTTIME)
		return (EOPNOTSUPP);
	if (args->flags & ~LINUX_TIMER_ABSTIME)
		return (EINVAL);
	abstime = (args->flags & LINUX_TIMER_ABSTIME) != 0;
	error = linux_copyin_ts(args->rqtp, &rqt);
	if (error != 0)
		return (error);
	error = kern_nanosleep(td, id, abstime, &rqt, &rmt);
	if (error == EINTR && !abstime && args->rmtp != 0 &&
	    linux_copyout_ts(&rmt, args->rmtp) != 0)
		return (EFAULT);
	return (error);
}

/* struct itimerval: two l_timevals, the same layout as Umbra's. */
int
linux_setitimer(struct thread *td, struct linux_setitimer_args *args)
{
	struct itimerval itv, oitv;
	int error;

	if (args->itv != 0) {
		error = copyin((const void *)args->itv, &itv, sizeof(itv));
		if (error != 0)
			return (error);
	}
	error = kern_setitimer(td, args->which, args->itv != 0 ? &itv : NULL,
	    &oitv);
	if (error == 0 && args->oitv != 0)
		error = copyout(&oitv, (void *)args->oitv, sizeof(oitv));
	return (error);
}

int
linux_getitimer(struct thread *td, struct linux_setitimer_args *args)
{
	struct itimerval oitv;
	int error;

	error = kern_setitimer(td, args->which, NULL, &oitv);
	if (error == 0)
		error = copyout(&oitv, (void *)args->itv, sizeof(oitv));
	return (error);
}

/*
 * alarm(seconds): ITIMER_REAL one-shot; returns the seconds the old one
 * had left, rounded as Linux rounds (to nearest, and at least 1).
 */
int
linux_alarm(struct thread *td, struct linux_alarm_args *args)
{
	struct itimerval itv, oitv;
	uint64_t left;

	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_sec = args->secs;
	(void)kern_setitimer(td, ITIMER_REAL, &itv, &oitv);
	left = oitv.it_value.tv_sec;
	if ((left == 0 && oitv.it_value.tv_usec != 0) ||
	    oitv.it_value.tv_usec >= 500000)
		left++;
	td->td_retval[0] = left;
	return (0);
}

/* times: CPU times in clock ticks (hz, which AT_CLKTCK says). */
int
linux_times(struct thread *td, struct linux_times_args *args)
{
	struct cputicks self, children;
	struct l_tms tms;
	int error = 0;

	(void)kern_getcputicks(td, RUSAGE_SELF, &self);
	(void)kern_getcputicks(td, RUSAGE_CHILDREN, &children);
	memset(&tms, 0, sizeof(tms));
	tms.tms_utime = (int64_t)self.ct_user;
	tms.tms_stime = (int64_t)self.ct_sys;
	tms.tms_cutime = (int64_t)children.ct_user;
	tms.tms_cstime = (int64_t)children.ct_sys;
	if (args->buf != 0)
		error = copyout(&tms, (void *)args->buf, sizeof(tms));
	td->td_retval[0] = ticks;
	return (error);
}

/* getrusage: user and system CPU time; the rest zero (XXX: maxrss). */
int
linux_getrusage(struct thread *td, struct linux_getrusage_args *args)
{
	struct cputicks ct;
	struct l_rusage ru;
	int error;

	/* LINUX_RUSAGE_* are RUSAGE_*. */
	error = kern_getcputicks(td, args->who, &ct);
	if (error != 0)
		return (error);
	linux_rusage(&ct, &ru);
	return (copyout(&ru, (void *)args->rusage, sizeof(ru)));
}

/* sysinfo: uptime, memory in pages (mem_unit PAGE_SIZE), processes. */
int
linux_sysinfo(struct thread *td, struct linux_sysinfo_args *args)
{
	struct l_sysinfo si;
	struct timespec ts;
	pid_t pid = 0;
	u_int n = 0;

	memset(&si, 0, sizeof(si));
	nanouptime(&ts);
	si.uptime = ts.tv_sec + (ts.tv_nsec != 0);
	si.totalram = vm_cnt.v_page_count;
	si.freeram = vm_cnt.v_free_count;
	mtx_lock(&proctree_lock);
	while ((pid = proc_next_pid(pid)) != 0)
		n++;
	mtx_unlock(&proctree_lock);
	si.procs = (uint16_t)MIN(n, 0xffff);
	si.mem_unit = PAGE_SIZE;
	return (copyout(&si, (void *)args->info, sizeof(si)));
}

int
linux_getrandom(struct thread *td, struct linux_getrandom_args *args)
{
	size_t done;
	int error;

	error = kern_getrandom(td, args->buf, args->count, args->flags,
	    &done);
	if (error == 0)
		td->td_retval[0] = done;
	return (error);
}

/* --- reboot ------------------------------------------------------------- */

/*
 * reboot: EPERM unless root (checked first, as Linux does), EINVAL for
 * wrong magic numbers or an unknown command.  Ctrl-Alt-Del settings are
 * accepted and ignored (there is no such key path).  HALT, POWER_OFF,
 * RESTART and RESTART2 sync the file systems and end the run
 * (kern_reboot): they do not return.
 */
int
linux_reboot(struct thread *td, struct linux_reboot_args *args)
{
	uint32_t magic2 = (uint32_t)args->magic2;
	int error;

	error = priv_check_cred(td->td_proc->p_ucred);
	if (error != 0)
		return (error);
	if ((uint32_t)args->magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	    magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return (EINVAL);
	switch ((uint32_t)args->cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return (0);
	case LINUX_REBOOT_CMD_HALT:
		kern_reboot(RB_HALT);
	case LINUX_REBOOT_CMD_POWER_OFF:
		kern_reboot(RB_POWEROFF);
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		kern_reboot(RB_RESTART);
	default:
		return (EINVAL);
	}
}

/* --- scheduling ---------------------------------------------------------- */

/*
 * The one CPU's affinity mask, in Linux's cpumask size (one long).
 * pid 0 is the caller; another pid must name a live thread or process
 * (ESRCH).
 */
#define LINUX_CPUMASK_SIZE	sizeof(uint64_t)

static int
linux_affinity_target(pid_t pid)
{
	int error = 0;

	if (pid == 0)
		return (0);
	if (pid < 0)
		return (EINVAL);
	mtx_lock(&proctree_lock);
	if (pfind_locked(pid) == NULL && tdfind_locked(pid, -1) == NULL)
		error = ESRCH;
	mtx_unlock(&proctree_lock);
	return (error);
}

/* sched_getaffinity: CPU 0 only; returns the mask's size (8). */
int
linux_sched_getaffinity(struct thread *td,
    struct linux_sched_affinity_args *args)
{
	uint64_t mask = 1;
	int error;

	if (args->len < LINUX_CPUMASK_SIZE ||
	    (args->len & (LINUX_CPUMASK_SIZE - 1)) != 0)
		return (EINVAL);
	error = linux_affinity_target(args->pid);
	if (error == 0)
		error = copyout(&mask, (void *)args->mask, sizeof(mask));
	if (error == 0)
		td->td_retval[0] = LINUX_CPUMASK_SIZE;
	return (error);
}

/* sched_setaffinity: a mask with CPU 0 is accepted; one without, EINVAL. */
int
linux_sched_setaffinity(struct thread *td,
    struct linux_sched_affinity_args *args)
{
	uint64_t mask = 0;
	int error;

	error = copyin((const void *)args->mask, &mask,
	    MIN(args->len, sizeof(mask)));
	if (error == 0)
		error = linux_affinity_target(args->pid);
	if (error == 0 && (mask & 1) == 0)
		error = EINVAL;
	return (error);
}

/* getcpu(cpu, node, cache): CPU 0, node 0. */
int
linux_getcpu(struct thread *td, struct linux_getcpu_args *args)
{
	u_int zero = 0;
	int error = 0;

	if (args->cpu != 0)
		error = copyout(&zero, (void *)args->cpu, sizeof(zero));
	if (error == 0 && args->node != 0)
		error = copyout(&zero, (void *)args->node, sizeof(zero));
	return (error);
}

/*
 * prctl: PR_SET_NAME and PR_GET_NAME (16 bytes with the NUL, as
 * Linux's TASK_COMM_LEN): the main thread's name is p_comm, another
 * thread's its td_name.  Other options are EINVAL.
 * XXX: p_comm is written without a lock its readers (procfs) take.
 */
int
linux_prctl(struct thread *td, struct linux_prctl_args *args)
{
	struct proc *p = td->td_proc;
	char name[LINUX_TASK_COMM_LEN];
	int error;

	switch (args->option) {
	case LINUX_PR_SET_NAME:
		memset(name, 0, sizeof(name));
		error = copyinstr((const void *)args->arg2, name,
		    sizeof(name), NULL);
		if (error == ENAMETOOLONG)
			error = 0;	/* cut, as Linux */
		if (error != 0)
			return (error);
		name[sizeof(name) - 1] = '\0';
		strlcpy(td->td_name, name, sizeof(td->td_name));
		if (td->td_tid == p->p_pid)
			strlcpy(p->p_comm, name, sizeof(p->p_comm));
		return (0);
	case LINUX_PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strlcpy(name, td->td_tid == p->p_pid ? p->p_comm :
		    td->td_name, sizeof(name));
		return (copyout(name, (void *)args->arg2, sizeof(name)));
	default:
		return (EINVAL);
	}
}

/* --- stubs --------------------------------------------------------------- */

/* Known calls answered with ENOSYS on purpose (rseq: glibc copes). */
int
linux_enosys(struct thread *td, struct linux_noargs *args)
{
	return (ENOSYS);
}

int
linux_sched_yield(struct thread *td, struct linux_noargs *args)
{
	sched_yield();
	return (0);
}
