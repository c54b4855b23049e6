/*
 * timetc.h: timecounters, the hardware counters uptime is read from
 * (kern/kern_tc.c).
 *
 * A timecounter is a free-running counter of known frequency; the
 * machine-dependent code registers one with tc_init() (the TSC, from
 * amd64/amd64/clock.c).  Counters here are 64 bits wide and taken not to
 * wrap (the TSC wraps after about 200 years at 3 GHz); a narrower one
 * (the ACPI PM timer's 24 bits, the HPET's 32) would need FreeBSD's
 * per-tick windowing before it can be registered.
 *
 * Lock legend: (c) constant after tc_init.
 */
#ifndef _SYS_TIMETC_H_
#define _SYS_TIMETC_H_

#include <sys/types.h>

struct timecounter;

typedef uint64_t timecounter_get_t(struct timecounter *tc);

struct timecounter {
	timecounter_get_t *tc_get_timecount; /* (c) read the counter */
	uint64_t	tc_frequency;	/* (c) counts per second */
	const char	*tc_name;	/* (c) e.g. "TSC" */
	int		tc_quality;	/* (c) the best one is used */
	void		*tc_priv;	/* (c) for the driver */
};

extern struct timecounter *timecounter;	/* the one in use */

void	tc_init(struct timecounter *tc);

#endif /* !_SYS_TIMETC_H_ */
