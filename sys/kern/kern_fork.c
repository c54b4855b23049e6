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
 * proc_spawn() makes the processes the kernel itself starts (init, the
 * user test programs): a child of the given parent with no address
 * space, whose thread runs a kernel function first; that function execs
 * a program, and the thread then enters user mode through the trap frame
 * exec filled (fork_exit, fork_trampoline).  FreeBSD starts init the same
 * way (fork1 from proc0, then start_init execs).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/cons.h>
#include <sys/filedesc.h>
#include <sys/imgact.h>
#include <sys/proc.h>
#include <sys/sched.h>
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
 * fork1: duplicate td's process (td is curthread, in a system call), with
 * the changes fr asks for.  Returns 0 with the child in *p2p (running),
 * or ENOMEM/EAGAIN.
 */
int
fork1(struct thread *td, const struct fork_req *fr, struct proc **p2p)
{
	struct proc *p1 = td->td_proc, *p2;
	struct dvmspace *vm2;
	struct thread *td2;
	int error;

	KASSERT(td == curthread && p1->p_vmspace != NULL,
	    ("fork1: not a user process"));
	error = dvmspace_copy(p1->p_vmspace, &vm2);
	if (error != 0)
		return (error);
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
	fork_thread_setup(td, td2, fr, dvmspace_pmap(vm2)->pm_cr3);
	if (fr->fr_parent_settid != 0)
		(void)copyout(&p2->p_pid, (void *)fr->fr_parent_settid,
		    sizeof(p2->p_pid));
	fork_run(p2, td2);
	*p2p = p2;
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
