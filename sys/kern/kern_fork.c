/*
 * kern_fork.c: creating processes.
 *
 * fork1() duplicates the calling process: a new pid, a copy of the
 * address space (dvmspace_copy: vmspace_fork, copy-on-write), and one
 * thread, a copy of the calling one only (however many the parent
 * has), that returns to user mode from the same system call with 0.
 * New threads in the same process are thread_create's
 * (kern_thread.c).
 *
 * vfork and posix_spawn (Linux's clone with CLONE_VM|CLONE_VFORK;
 * FreeBSD's RFMEM|RFPPWAIT) change two things, each on its own:
 *   - FR_MEM (CLONE_VM): the child shares the parent's address space,
 *     the same dvmspace with one more reference (dvmspace_ref): stores
 *     by either are seen by the other, and the break is shared, as
 *     Linux's mm.  The child runs on the stack clone gave it, or on the
 *     parent's (vfork(2): safe, the parent sleeps).  Its exec gives it
 *     a new space and its exit drops its reference (exec_new_vmspace,
 *     exit1, dvmspace_free): the parent's stays.  Without FR_PPWAIT the
 *     child has no alternate signal stack (Linux);
 *   - FR_PPWAIT (CLONE_VFORK): the calling thread sleeps until the
 *     child execs (once its old address space is let go) or exits,
 *     killed included (fork_ppwake), then returns the child's pid.
 *     The sleep is killable, as Linux's: SIGKILL, or another thread
 *     ending the process, ends it early; every other signal stays
 *     pending and is delivered after it.  The link: the child's
 *     p_vforkparent is the waiting thread, whose td_vforkchild is the
 *     child, both set before the child runs and cleared together, under
 *     proctree_lock, by whichever side ends the wait first.  The parent
 *     never looks at the child after that (a child whose parent ignores
 *     SIGCHLD is freed by its own exit).
 *
 * proc_spawn() makes the processes the kernel itself starts (init, the
 * user test programs): a child of the given parent with no address
 * space, whose thread runs a kernel function first; that function execs
 * a program, and the thread then enters user mode through the trap frame
 * exec filled (fork_exit, fork_trampoline).  FreeBSD starts init the same
 * way (fork1 from proc0, then start_init execs).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/cons.h>
#include <sys/filedesc.h>
#include <sys/imgact.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/syscallsubr.h>
#include <sys/vnode.h>

#include <vm/vm_direct.h>

#include <machine/frame.h>
#include <machine/pmap.h>

/*
 * A new process (child of parent) and its thread, PRS_NEW, the thread set
 * up for user mode (trap frame) but not runnable, its tid the pid.
 * Returns 0, or EAGAIN/ENOMEM with nothing left behind.
 */
static int
fork_alloc(struct proc *parent, const char *name, struct proc **pp,
    struct thread **tdp)
{
	struct thread *td;
	struct proc *p;
	int error;

	error = proc_alloc(parent, &p);
	if (error != 0)
		return (error);
	error = thread_alloc(PRI_KERN, name, &td);
	if (error != 0) {
		mtx_lock(&proctree_lock);
		proc_reap(p);
		mtx_unlock(&proctree_lock);
		return (error);
	}
	td->td_proc = p;
	td->td_tid = p->p_pid;
	cpu_thread_user_frame(td);
	*pp = p;
	*tdp = td;
	return (0);
}

/* Publish a new process and start its thread. */
static void
fork_run(struct proc *p, struct thread *td)
{
	mtx_lock(&proctree_lock);
	mtx_lock(&p->p_mtx);
	TAILQ_INSERT_TAIL(&p->p_threads, td, td_plist);
	p->p_numthreads = 1;
	mtx_unlock(&p->p_mtx);
	p->p_state = PRS_NORMAL;
	mtx_unlock(&proctree_lock);
	thread_run(td);
}

/*
 * fork_return: a forked child's or a new thread's first code, in its
 * address space: store its tid where clone asked, then back to user
 * mode with 0.
 */
void
fork_return(void *arg __unused)
{
	struct thread *td = curthread;
	int tid = td->td_tid;

	if (td->td_child_settid != 0)
		(void)copyout(&tid, (void *)td->td_child_settid, sizeof(tid));
}

/*
 * fork_thread_setup: give td2 (new, with a user frame, not yet run) a
 * copy of td's user registers, FS base and signal mask, on the page
 * tables cr3, changed as fr asks (stack, TLS, tid addresses); it starts
 * in fork_return.  td is curthread, in a system call.
 */
void
fork_thread_setup(struct thread *td, struct thread *td2,
    const struct fork_req *fr, uint64_t cr3)
{
	td2->td_sigmask = td->td_sigmask;
	cpu_thread_setup(td2, fork_return, NULL);
	cpu_fork(td, td2);
	td2->td_pcb.pcb_cr3 = cr3;
	if (fr->fr_stack != 0)
		td2->td_frame->tf_rsp = fr->fr_stack;
	if (fr->fr_flags & FR_SETTLS)
		td2->td_pcb.pcb_fsbase = fr->fr_tls;
	td2->td_child_settid = fr->fr_child_settid;
	td2->td_clear_child_tid = fr->fr_child_cleartid;
}

/*
 * Whether the wait in vfork of td (curthread) must end early: SIGKILL is
 * pending for it or its process, or another thread is ending the process
 * (exit_group, a fatal signal, exec).  proctree_lock held.
 */
static bool
fork_ppwait_killed(struct thread *td)
{
	struct proc *p = td->td_proc;
	bool killed;

	mtx_assert(&proctree_lock, MA_OWNED);
	mtx_lock(&p->p_mtx);
	killed = ((p->p_sigpend | td->td_sigpend) & SIGBIT(SIGKILL)) != 0 ||
	    (p->p_singlethread != NULL && p->p_singlethread != td);
	mtx_unlock(&p->p_mtx);
	return (killed);
}

/*
 * fork_ppwait: td (curthread) waits for its vfork child (td_vforkchild)
 * to exec or exit (fork_ppwake), killably (see the top of the file).
 * Every signal but SIGKILL is blocked meanwhile, so the interruptible
 * sleep ends only for SIGKILL or the end of the process, and what else
 * comes stays pending until the old mask is back.  A stop of the
 * process by another thread also ends the sleep (sig_sleep_check): td
 * then looks again every tenth of a second.  On return the link is
 * gone either way.
 */
static void
fork_ppwait(struct thread *td)
{
	struct proc *p2;
	sigset_t mask;
	int error;

	KASSERT(td == curthread && td->td_frame != NULL,
	    ("fork_ppwait: not a user thread"));
	mask = td->td_sigmask;
	td->td_sigmask = ~SIGBIT(SIGKILL);
	mtx_lock(&proctree_lock);
	while (td->td_vforkchild != NULL) {
		error = msleep(&td->td_vforkchild, &proctree_lock, PCATCH,
		    "vfork", 0);
		if (error == 0 || td->td_vforkchild == NULL)
			continue;
		if (fork_ppwait_killed(td))
			break;
		(void)msleep(&td->td_vforkchild, &proctree_lock, 0, "vfork",
		    MAX(hz / 10, 1));
	}
	/* Killed: the child goes on alone. */
	if ((p2 = td->td_vforkchild) != NULL) {
		KASSERT(p2->p_vforkparent == td, ("fork_ppwait: pid %d "
		    "waits for another", p2->p_pid));
		p2->p_vforkparent = NULL;
		td->td_vforkchild = NULL;
	}
	mtx_unlock(&proctree_lock);
	td->td_sigmask = mask;
}

/*
 * fork_ppwake: p (curproc) has let its old address space go (exec) or
 * is exiting: the thread waiting in vfork for it, if any, goes on.
 */
void
fork_ppwake(struct proc *p)
{
	struct thread *td;

	KASSERT(p == curproc, ("fork_ppwake: not curproc"));
	/* Set before p ran; only cleared since: a peek is enough. */
	if (p->p_vforkparent == NULL)
		return;
	mtx_lock(&proctree_lock);
	if ((td = p->p_vforkparent) != NULL) {
		KASSERT(td->td_vforkchild == p, ("fork_ppwake: tid %d waits "
		    "for another", td->td_tid));
		td->td_vforkchild = NULL;
		p->p_vforkparent = NULL;
		wakeup(&td->td_vforkchild);
	}
	mtx_unlock(&proctree_lock);
}

/*
 * fork1: duplicate td's process (td is curthread, in a system call), with
 * the changes fr asks for: FR_MEM shares the address space, FR_PPWAIT
 * makes td wait until the child execs or exits (see the top of the
 * file).  Returns 0 with the child's pid in *pidp (the child running, or
 * with FR_PPWAIT exec'ed or gone), or ENOMEM/EAGAIN.
 */
int
fork1(struct thread *td, const struct fork_req *fr, pid_t *pidp)
{
	struct proc *p1 = td->td_proc, *p2;
	struct dvmspace *vm2;
	struct thread *td2;
	pid_t pid;
	int error;

	KASSERT(td == curthread && p1->p_vmspace != NULL,
	    ("fork1: not a user process"));
	KASSERT(td->td_vforkchild == NULL, ("fork1: tid %d in vfork",
	    td->td_tid));
	if (fr->fr_flags & FR_MEM)
		vm2 = dvmspace_ref(p1->p_vmspace);
	else {
		error = dvmspace_copy(p1->p_vmspace, &vm2);
		if (error != 0)
			return (error);
	}
	error = fork_alloc(p1, p1->p_comm, &p2, &td2);
	if (error != 0) {
		dvmspace_free(vm2);
		return (error);
	}
	p2->p_vmspace = vm2;
	if (p1->p_fd != NULL)
		p2->p_fd = fdcopy(p1->p_fd);
	if ((p2->p_textvp = p1->p_textvp) != NULL)
		exec_text_dup(p2->p_textvp);
	mtx_lock(&p1->p_mtx);
	p2->p_args = pargs_hold(p1->p_args);
	mtx_unlock(&p1->p_mtx);
	td2->td_sigstk = td->td_sigstk;
	if ((fr->fr_flags & (FR_MEM | FR_PPWAIT)) == FR_MEM) {
		memset(&td2->td_sigstk, 0, sizeof(td2->td_sigstk));
		td2->td_sigstk.ss_flags = SS_DISABLE;
	}
	fork_thread_setup(td, td2, fr, dvmspace_pmap(vm2)->pm_cr3);
	pid = p2->p_pid;
	if (fr->fr_parent_settid != 0)
		(void)copyout(&pid, (void *)fr->fr_parent_settid, sizeof(pid));
	if (fr->fr_flags & FR_PPWAIT) {
		mtx_lock(&proctree_lock);
		p2->p_vforkparent = td;
		td->td_vforkchild = p2;
		mtx_unlock(&proctree_lock);
	}
	/* From here on p2 may run, exit and be freed: only pid is kept. */
	fork_run(p2, td2);
	if (fr->fr_flags & FR_PPWAIT)
		fork_ppwait(td);
	*pidp = pid;
	return (0);
}

/*
 * proc_spawn: start a new process, child of parent, named name, whose
 * thread runs func(arg) in the kernel and then enters user mode through
 * its trap frame: func must exec (kern_execve) or exit (exit1).  Its
 * fds 0-2 are the console, which PSPAWN_CTTY in flags makes its
 * controlling terminal too (the user test programs); init gets none, as
 * on Linux (a session leader opening /dev/console never acquires it).  Returns
 * 0 with the process in *pp (running), or ENOMEM/EAGAIN.
 */
int
proc_spawn(struct proc *parent, void (*func)(void *), void *arg,
    const char *name, int flags, struct proc **pp)
{
	struct thread *td;
	struct proc *p;
	int error;

	error = fork_alloc(parent, name, &p, &td);
	if (error != 0)
		return (error);
	proc_set_comm(p, name);
	/* Files: the root, and the console as fds 0, 1 and 2. */
	p->p_fd = fdinit();
	cons_install_stdio(td, (flags & PSPAWN_CTTY) != 0);
	cpu_thread_setup(td, func, arg);
	fork_run(p, td);
	*pp = p;
	return (0);
}
