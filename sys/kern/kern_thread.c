/*
 * kern_thread.c: thread records, and the threads of a user process.
 *
 * thread0 is the boot thread: hammer_time runs on it from the first C
 * instruction (on the boot stack), so curthread is never NULL and lock
 * ownership works before the scheduler exists.
 *
 * A user process's threads (clone with CLONE_THREAD, thread_create)
 * share its struct proc: the address space, the descriptor table, the
 * signal actions and the pending signals sent to the process.  Each has
 * its own id (from the pid space: kern_proc.c), kernel stack, trap
 * frame, FS base, signal mask and pending set.
 *
 * Ways a thread ends:
 *   - Linux exit(2) (kern_thr_exit): the calling thread only; the last
 *     thread's exit is the process's exit (exit1) with that status;
 *   - exit_group(2), a fatal signal, exec (thread_single): the thread
 *     that starts it becomes p_singlethread, wakes the others from
 *     interruptible sleeps (sleepq_abort) and waits until it is alone.
 *     Each other thread ends itself (kern_thr_exit) at its next
 *     return to user mode (userret -> thread_single_check), which an
 *     interrupt or the end of its sleep brings soon.  A thread in an
 *     uninterruptible sleep ends when that sleep ends.  Two threads
 *     racing to end the process: the second to set p_singlethread just
 *     ends itself; the first's status wins, as Linux's first
 *     exit_group does.  XXX: an exec racing a fatal signal lets the exec
 *     win where Linux kills the process.
 * Every thread's end stores 0 at its clear_child_tid address and wakes
 * one futex waiter there (glibc's pthread_join waits on it), while the
 * address space is still there; then the thread switches to the
 * kernel's page tables, leaves p_threads (so its id is free again) and
 * the CPU (thread_exit, kern_kthread.c, frees its stack later).
 *
 * Locking: p_threads and p_numthreads change under proctree_lock and
 * p_mtx both (lookups by id hold the first, the process's own walks the
 * second); p_singlethread under p_mtx.  A new thread joins p_threads
 * only while no thread is ending the process, checked under p_mtx, so
 * thread_single's count can only go down.  Lock order: proctree_lock ->
 * p_mtx -> sched_lock.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/futex.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/sleepqueue.h>

#include <machine/frame.h>
#include <machine/pcb.h>
#include <machine/pmap.h>

struct thread thread0 = {
	.td_name = "thread0",
	.td_tid = 0,
	.td_state = TDS_RUNNING,
	.td_priority = PRI_KERN,
	.td_base_pri = PRI_KERN,
	.td_proc = &proc0,
};

/*
 * thread_create: a new thread in td's process (td is curthread, in a
 * system call), returning to user mode from the same call with 0 and a
 * copy of td's registers, signal mask and FS base, changed as fr asks
 * (stack, TLS, the tid stores).  Its id is stored at fr_parent_settid
 * before it runs.  Returns 0 with the thread in *td2p (running), ENOMEM
 * or EAGAIN (no id free), or EINTR when the process is ending.
 */
int
thread_create(struct thread *td, const struct fork_req *fr,
    struct thread **td2p)
{
	struct proc *p = td->td_proc;
	struct thread *td2;
	pid_t tid;
	int error;

	KASSERT(td == curthread && td->td_frame != NULL &&
	    p->p_vmspace != NULL, ("thread_create: not a user thread"));
	error = thread_alloc(PRI_KERN, p->p_comm, &td2);
	if (error != 0)
		return (error);
	td2->td_proc = p;
	cpu_thread_user_frame(td2);
	/* The alternate stack is not inherited (Linux, CLONE_VM). */
	td2->td_sigstk.ss_flags = SS_DISABLE;
	fork_thread_setup(td, td2, fr, td->td_pcb.pcb_cr3);

	mtx_lock(&proctree_lock);
	tid = pid_alloc();
	mtx_lock(&p->p_mtx);
	if (tid == 0 || p->p_singlethread != NULL) {
		mtx_unlock(&p->p_mtx);
		mtx_unlock(&proctree_lock);
		thread_free(td2);
		return (tid == 0 ? EAGAIN : EINTR);
	}
	td2->td_tid = tid;
	TAILQ_INSERT_TAIL(&p->p_threads, td2, td_plist);
	p->p_numthreads++;
	mtx_unlock(&p->p_mtx);
	mtx_unlock(&proctree_lock);

	/* Before it runs: glibc's new thread reads its id from there. */
	if (fr->fr_parent_settid != 0)
		(void)copyout(&tid, (void *)fr->fr_parent_settid, sizeof(tid));
	thread_run(td2);
	*td2p = td2;
	return (0);
}

/*
 * thread_clear_tid: td's end as its clear_child_tid address sees it:
 * store 0 there and wake one futex waiter (a shared futex, as Linux's
 * mm_release).  Faults are ignored.  td is curthread, with its address
 * space.
 */
void
thread_clear_tid(struct thread *td)
{
	vm_offset_t uaddr = td->td_clear_child_tid;
	int zero = 0, count;

	KASSERT(td == curthread, ("thread_clear_tid: not curthread"));
	if (uaddr == 0)
		return;
	td->td_clear_child_tid = 0;
	if (copyout(&zero, (void *)uaddr, sizeof(zero)) == 0)
		(void)futex_wake(td, uaddr, FUTEX_F_SHARED, 1,
		    FUTEX_BITSET_ANY, &count);
}

/*
 * thread_leave_vmspace: run td (curthread, ending) on the kernel's page
 * tables from now on, so its process's address space can be freed under
 * it.
 */
void
thread_leave_vmspace(struct thread *td)
{
	KASSERT(td == curthread, ("thread_leave_vmspace: not curthread"));
	critical_enter();
	td->td_pcb.pcb_cr3 = 0;
	td->td_pcb.pcb_flags &= ~(PCB_USER | PCB_FULL_IRET);
	pmap_activate_cr3(kernel_pmap);
	critical_exit();
}

/*
 * Take td off its process's threads unless it is the last; returns
 * whether it did.  Wakes a thread waiting in thread_single for the count
 * to reach one.
 */
static bool
thread_unlink(struct thread *td)
{
	struct proc *p = td->td_proc;

	mtx_lock(&proctree_lock);
	mtx_lock(&p->p_mtx);
	if (p->p_numthreads == 1) {
		mtx_unlock(&p->p_mtx);
		mtx_unlock(&proctree_lock);
		return (false);
	}
	KASSERT(p->p_singlethread != td, ("thread_unlink: tid %d ends "
	    "the process", td->td_tid));
	TAILQ_REMOVE(&p->p_threads, td, td_plist);
	p->p_numthreads--;
	if (p->p_singlethread != NULL && p->p_numthreads == 1)
		wakeup(&p->p_singlethread);
	td->td_proc = &proc0;
	mtx_unlock(&p->p_mtx);
	mtx_unlock(&proctree_lock);
	return (true);
}

/*
 * kern_thr_exit: end td (curthread, a user thread): Linux's exit(2), and
 * how every thread but one ends when the process does.  The last
 * thread's end is the process's exit (exit1) with status rval; two
 * threads ending at once cannot both miss being last, as the count is
 * tested and lowered under the locks.  Does not return.
 */
void
kern_thr_exit(struct thread *td, int rval)
{
	KASSERT(td == curthread && td->td_frame != NULL,
	    ("kern_thr_exit: not a user thread"));
	thread_clear_tid(td);
	/* Off the address space first: the last thread may free it. */
	thread_leave_vmspace(td);
	if (!thread_unlink(td))
		exit1(td, rval, 0);
	thread_exit();
}

/*
 * thread_single: make td (curthread) the only thread of its process:
 * the others end at their next return to user mode, woken from
 * interruptible sleeps, and td waits for them.  Returns 0 (td alone;
 * p_singlethread stays td until thread_single_end or the process's
 * end), or EINTR when another thread is doing the same: td must then
 * end (kern_thr_exit, or return to user mode).
 */
int
thread_single(struct thread *td)
{
	struct proc *p = td->td_proc;
	struct thread *td2;

	KASSERT(td == curthread, ("thread_single: not curthread"));
	mtx_lock(&p->p_mtx);
	if (p->p_singlethread == td) {
		mtx_unlock(&p->p_mtx);
		return (0);
	}
	if (p->p_singlethread != NULL) {
		mtx_unlock(&p->p_mtx);
		return (EINTR);
	}
	if (p->p_numthreads == 1) {
		mtx_unlock(&p->p_mtx);
		return (0);
	}
	p->p_singlethread = td;
	TAILQ_FOREACH(td2, &p->p_threads, td_plist)
		if (td2 != td)
			sleepq_abort(td2);
	while (p->p_numthreads > 1)
		(void)msleep(&p->p_singlethread, &p->p_mtx, 0, "single", 0);
	KASSERT(TAILQ_FIRST(&p->p_threads) == td, ("thread_single: pid %d: "
	    "td %d is not alone", p->p_pid, td->td_tid));
	mtx_unlock(&p->p_mtx);
	return (0);
}

/* thread_single_end: td's process may have other threads again (exec). */
void
thread_single_end(struct thread *td)
{
	struct proc *p = td->td_proc;

	mtx_lock(&p->p_mtx);
	KASSERT(p->p_singlethread == NULL || p->p_singlethread == td,
	    ("thread_single_end: tid %d is not the single thread",
	    td->td_tid));
	p->p_singlethread = NULL;
	mtx_unlock(&p->p_mtx);
}

/*
 * thread_single_check: on the way to user mode: end td (curthread) if
 * another thread is ending its process.  An unlocked peek: a thread
 * that misses a new p_singlethread was woken by it and comes back here
 * at its next interrupt or system call.
 */
void
thread_single_check(struct thread *td)
{
	struct thread *single = td->td_proc->p_singlethread;

	if (single != NULL && single != td)
		kern_thr_exit(td, 0);
}
