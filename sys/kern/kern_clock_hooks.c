/*
 * kern_clock_hooks.c: placeholders for what the threads and callout code
 * will provide.  hardclock() (kern_clock.c) calls callout_tick() and
 * sched_clock() on every tick, and trap() calls ast_check_preempt() after
 * every interrupt; until the scheduler and callouts exist these do
 * nothing.  They are weak, so the real definitions win as soon as they
 * are linked in; the lead engineer deletes this file when merging them.
 */
#include <sys/types.h>
#include <sys/proc.h>

#include <machine/intr_machdep.h>

void	callout_tick(void);
void	sched_clock(struct thread *td);

/* callout_tick: the callout code runs the callouts due at this tick. */
__attribute__((__weak__)) void
callout_tick(void)
{
}

/*
 * sched_clock: the scheduler charges td for the tick and sets
 * TDF_NEEDRESCHED when its time slice is used up.
 */
__attribute__((__weak__)) void
sched_clock(struct thread *td __unused)
{
}

/*
 * ast_check_preempt: the scheduler will switch here when
 * TDF_NEEDRESCHED is set.  Called by trap() after an interrupt's
 * handler and EOI, interrupts still disabled, pc_intr_nesting back to 0;
 * tf is the interrupted context (check tf->tf_rflags: a software
 * `int $n' may come from code running with interrupts disabled).
 */
__attribute__((__weak__)) void
ast_check_preempt(struct trapframe *tf __unused)
{
}
