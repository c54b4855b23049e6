/*
 * subr_trap.c: the last thing before the return to user mode.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/signalvar.h>

#include <machine/frame.h>

/*
 * ast_pending: whether td (curthread, a user thread) has something to do
 * before it returns to user mode besides a switch: a signal it does not
 * block, pending for it or its process, a CPU timer's signal to send,
 * or its process ending or stopped.  An unlocked peek (what it finds is
 * rechecked under the locks).
 */
bool
ast_pending(struct thread *td)
{
	struct proc *p = td->td_proc;

	return (((td->td_sigpend | p->p_sigpend) & ~td->td_sigmask) != 0 ||
	    (p->p_singlethread != NULL && p->p_singlethread != td) ||
	    (p->p_flag & P_STOPPED) != 0 || p->p_itcpu_fired != 0);
}

/*
 * userret: on the way back to user mode from a system call, an exception
 * or a new thread's start: give the CPU away if a more urgent thread
 * asked for it, end the thread if another is ending the process
 * (thread_single_check), send the signals of expired CPU timers
 * (itimer_ast), then deliver pending signals (ast_signals), and wait
 * while the process is stopped (sig_stop_park).
 * Interrupts may be on; td is curthread with its frame.
 */
void
userret(struct thread *td, struct trapframe *frame)
{
	KASSERT(td == curthread && frame == td->td_frame,
	    ("userret: not curthread's frame"));
	KASSERT(td->td_critnest == 0 && td->td_spinlocks == 0,
	    ("userret: %s holds a critical section or spin lock",
	    td->td_name));
	if (td->td_flags & TDF_NEEDRESCHED)
		sched_yield();
	if (ast_pending(td)) {
		itimer_ast(td);
		/* Again after a stop: SIGKILL or a signal sent meanwhile. */
		do {
			thread_single_check(td);
			ast_signals(td);
		} while (sig_stop_park(td));
	}
	/* A temporary mask no handler took over (ppoll, pselect6). */
	sigmask_restore_pending(td);
}
