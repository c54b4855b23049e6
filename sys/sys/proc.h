/*
 * proc.h: threads (and, with the process issue, processes).
 *
 * Lock legend:
 *	(c) constant after creation
 *	(s) the scheduler lock (sched_lock, a spin mutex)
 *	(k) only the thread itself (curthread) touches it
 */
#ifndef _SYS_PROC_H_
#define _SYS_PROC_H_

#include <sys/types.h>
#include <sys/callout.h>
#include <sys/queue.h>

#include <machine/pcb.h>
#include <machine/pcpu.h>

enum td_state {
	TDS_INACTIVE,	/* created, never run, or exited */
	TDS_CAN_RUN,	/* not on a run queue, not sleeping: being set up */
	TDS_RUNQ,	/* on a run queue */
	TDS_RUNNING,	/* on a CPU */
	TDS_SLEEPING,	/* on a sleep queue (td_wchan) */
};

struct thread {
	char		td_name[24];	/* (c) for ps and backtraces */
	int		td_tid;		/* (c) thread id */
	enum td_state	td_state;	/* (s) */
	int		td_priority;	/* (s) lower value = more urgent */
	int		td_base_pri;	/* (s) priority when not boosted */
	u_int		td_flags;	/* (s) TDF_* */
	int		td_slice;	/* (s) ticks left in its time slice */
	TAILQ_ENTRY(thread) td_runq;	/* (s) run queue or sleep queue link */
	TAILQ_ENTRY(thread) td_allthr;	/* (s) all threads */
	const void	*td_wchan;	/* (s) what it sleeps on */
	const char	*td_wmesg;	/* (s) why it sleeps */
	int		td_sleep_result; /* (s) 0, or EWOULDBLOCK on timeout */
	struct callout	td_slpcallout;	/* (s) ends a sleep with a timeout */
	void		(*td_func)(void *); /* (c) kernel thread's function */
	void		*td_arg;	/* (c) its argument */
	u_int		td_spinlocks;	/* (k) spin mutexes held */
	u_int		td_md_spinlock_count; /* (k) spinlock_enter depth */
	uint64_t	td_md_saved_flags; /* (k) rflags at the outermost enter */
	u_int		td_critnest;	/* (k) critical_enter depth */
	int		td_owepreempt;	/* (k) preemption was deferred */
	vm_offset_t	td_kstack;	/* (c) base of the kernel stack */
	u_int		td_kstack_pages; /* (c) its size in pages */
	uint64_t	td_runtime;	/* (s) ticks spent running */
	uint64_t	td_switches;	/* (s) times switched out */
	struct pcb	td_pcb;		/* (k) saved context when off CPU */
};

#define TDF_NEEDRESCHED	0x0001	/* switch away at the next chance */
#define TDF_IDLETD	0x0002	/* the idle thread */
#define TDF_TIMEOUT	0x0004	/* the sleep timed out */

/* Priorities: 0 (most urgent) .. PRI_MAX; the idle thread runs at PRI_IDLE. */
#define PRI_MIN_KERN	0
#define PRI_KERN	64	/* ordinary kernel threads */
#define PRI_MAX		255
#define PRI_IDLE	255

extern struct thread thread0;	/* the boot thread */

#define curthread	(PCPU_GET(curthread))

#endif /* !_SYS_PROC_H_ */
