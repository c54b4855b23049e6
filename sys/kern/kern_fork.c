/*
 * kern_fork.c: creating processes.
 *
 * fork1() duplicates the calling process: a new pid, a copy of the
 * address space, and one thread that returns to user mode from the same
 * system call with 0.  XXX: the copy is made at once, page by page
 * (dvmspace_copy, temporary direct-pmap code); vmspace_fork with
 * copy-on-write shadow objects replaces it once vm_map and vm_object are
 * in.
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
	TAILQ_INSERT_TAIL(&p->p_threads, td, td_plist);
	p->p_state = PRS_NORMAL;
	mtx_unlock(&proctree_lock);
	thread_run(td);
}

/*
 * A forked child's first code, in its own address space: store its tid
 * where clone asked, then back to user mode with 0.
 */
static void
fork_return(void *arg __unused)
{
	struct thread *td = curthread;
	int tid = td->td_tid;

	if (td->td_child_settid != 0)
		(void)copyout(&tid, (void *)td->td_child_settid, sizeof(tid));
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
	td2->td_sigmask = td->td_sigmask;
	td2->td_sigstk = td->td_sigstk;
	cpu_thread_setup(td2, fork_return, NULL);
	cpu_fork(td, td2);
	td2->td_pcb.pcb_cr3 = dvmspace_pmap(vm2)->pm_cr3;
	if (fr->fr_stack != 0)
		td2->td_frame->tf_rsp = fr->fr_stack;
	if (fr->fr_flags & FR_SETTLS)
		td2->td_pcb.pcb_fsbase = fr->fr_tls;
	td2->td_child_settid = fr->fr_child_settid;
	td2->td_clear_child_tid = fr->fr_child_cleartid;
	fork_run(p2, td2);
	*p2p = p2;
	return (0);
}

/*
 * proc_spawn: start a new process, child of parent, named name, whose
 * thread runs func(arg) in the kernel and then enters user mode through
 * its trap frame: func must exec (kern_execve) or exit (exit1).  Returns
 * 0 with the process in *pp (running), or ENOMEM/EAGAIN.
 */
int
proc_spawn(struct proc *parent, void (*func)(void *), void *arg,
    const char *name, struct proc **pp)
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
	cons_install_stdio(td);
	cpu_thread_setup(td, func, arg);
	fork_run(p, td);
	*pp = p;
	return (0);
}
