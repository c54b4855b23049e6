/*
 * callout.h: functions to call a number of ticks from now (FreeBSD's
 * callout(9) interface).
 *
 * Callout functions run from the clock interrupt (hardclock), with
 * interrupts disabled: they must be short and must not sleep or take
 * sleep mutexes.  XXX: a softclock thread will lift that restriction when
 * a callout needs to sleep.
 */
#ifndef _SYS_CALLOUT_H_
#define _SYS_CALLOUT_H_

#include <sys/types.h>
#include <sys/queue.h>

struct callout {
	TAILQ_ENTRY(callout) c_links;	/* (c) wheel bucket link */
	uint64_t	c_time;		/* (c) tick it fires at */
	void		(*c_func)(void *); /* (c) */
	void		*c_arg;		/* (c) */
	u_int		c_flags;	/* (c) CALLOUT_* */
};
/* (c) = callout_mtx, the callout wheel's spin mutex. */

#define CALLOUT_PENDING	0x0001	/* on the wheel, not yet fired */
#define CALLOUT_ACTIVE	0x0002	/* reset and not stopped (informative) */

void	callout_init(struct callout *c);
void	callout_reset(struct callout *c, int ticks, void (*func)(void *),
	    void *arg);
int	callout_stop(struct callout *c);
bool	callout_pending(const struct callout *c);
void	callout_tick(void);

extern volatile uint64_t ticks;	/* clock ticks since boot (kern_clock.c) */
extern int hz;			/* ticks per second */

#endif /* !_SYS_CALLOUT_H_ */
