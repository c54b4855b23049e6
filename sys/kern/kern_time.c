/*
 * kern_time.c: the time system calls.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>

/*
 * kern_clock_gettime: the time of clock_id (FreeBSD's ids, sys/time.h):
 * wall-clock time (nanotime), time since boot (nanouptime; the _FAST
 * variants read the value of the last tick), or CPU time consumed (in
 * whole ticks: the scheduler counts no finer).  0 or EINVAL.
 */
int
kern_clock_gettime(struct thread *td, clockid_t clock_id,
    struct timespec *ats)
{
	switch (clock_id) {
	case CLOCK_REALTIME:
		nanotime(ats);
		return (0);
	case CLOCK_REALTIME_FAST:
		getnanotime(ats);
		return (0);
	case CLOCK_MONOTONIC:
	case CLOCK_UPTIME:
		nanouptime(ats);
		return (0);
	case CLOCK_MONOTONIC_FAST:
		getnanouptime(ats);
		return (0);
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_PROCESS_CPUTIME_ID:
		/* One thread a process: the same. */
		ns_to_timespec(td->td_runtime * (NSEC_PER_SEC / hz), ats);
		return (0);
	default:
		return (EINVAL);
	}
}
