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
 * userret: on the way back to user mode from a system call, an exception
 * or a new thread's start: give the CPU away if a more urgent thread
 * asked for it, then deliver pending signals (ast_signals).  Interrupts
 * may be on; td is curthread with its frame.
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
	/* Unlocked peek: only a system call of another thread posts. */
	if ((td->td_sigpend & ~td->td_sigmask) != 0)
		ast_signals(td);
}
