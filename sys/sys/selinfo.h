/*
 * selinfo.h: how an object that fo_poll reports on tells pollers that
 * its readiness changed (FreeBSD's struct selinfo, selrecord and
 * selwakeup).  sys/kern/sys_poll.c; share/doc/poll.md.
 *
 * A stand-in for per-object wait queues: every selwakeup bumps one
 * global generation counter and wakes every thread in poll or select,
 * which then asks each of its files again.  Correct, and cheap while few
 * threads poll; per-object queues can replace it behind these calls.
 */
#ifndef _SYS_SELINFO_H_
#define _SYS_SELINFO_H_

#include <sys/types.h>

struct thread;

/* Kept by each pollable object; empty until per-object queues. */
struct selinfo {
	int	si_unused;
};

/* The calling poller waits on sip (a no-op with the global counter). */
void	selrecord(struct thread *td, struct selinfo *sip);
/* sip's readiness changed: wake its pollers.  Not in an interrupt. */
void	selwakeup(struct selinfo *sip);

#endif /* !_SYS_SELINFO_H_ */
