/*
 * sched.h: the scheduler's interface.
 *
 * One run queue per priority band (4 priorities a band), round robin
 * within a band, the most urgent band first; a thread that uses up its
 * time slice (sched_slice ticks) goes to the back of its band.  A wakeup of
 * a thread more urgent than the running one, or the end of a slice, sets
 * TDF_NEEDRESCHED, and the switch happens on the way out of the interrupt
 * (ast_check_preempt) or at the next sched_yield.  sched_lock, a spin
 * mutex, protects every thread's scheduling state, the run queues and the
 * sleep queues.
 */
#ifndef _SYS_SCHED_H_
#define _SYS_SCHED_H_

#include <sys/types.h>
#include <sys/mutex.h>

struct thread;
struct trapframe;

extern struct mtx sched_lock;
extern int sched_slice;		/* ticks a thread runs before round robin */

void	sched_add(struct thread *td);
void	sched_rem(struct thread *td);
void	sched_clock(struct thread *td);
void	sched_prio(struct thread *td, int pri);
void	sched_setrunnable(struct thread *td);
void	sched_yield(void);
void	sched_new_thread(struct thread *td);
void	sched_exit_thread(struct thread *td) __dead2;
void	mi_switch(void);
void	ast_check_preempt(struct trapframe *tf);
bool	sched_running(void);
void	critical_enter(void);
void	critical_exit(void);

/* Machine-dependent (machdep.c, swtch.S). */
void	cpu_switch(struct thread *old, struct thread *new);
void	cpu_thread_setup(struct thread *td, void (*func)(void *), void *arg);
void	cpu_idle(void);
void	fork_exit(void (*func)(void *), void *arg, struct trapframe *frame);
void	userret(struct thread *td, struct trapframe *frame);
bool	ast_pending(struct thread *td);

#endif /* !_SYS_SCHED_H_ */
