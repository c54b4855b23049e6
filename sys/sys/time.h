/*
 * time.h: time values and the kernel's clocks.
 *
 * Three clocks, all in nanoseconds underneath:
 *   - uptime (nanouptime): monotonic time since the timecounter started,
 *     read from the TSC (kern/kern_tc.c); 0 until SI_SUB_CLOCKS;
 *   - wall-clock time (nanotime): boottime + uptime, with boottime set
 *     from the CMOS RTC at boot (dev/rtc/rtc.c);
 *   - the tick: `ticks' counts hardclock() calls, hz per second
 *     (kern/kern_clock.c).
 * The get*() variants return the value sampled at the last tick: cheaper
 * and at most 1/hz old.
 */
#ifndef _SYS_TIME_H_
#define _SYS_TIME_H_

#include <sys/types.h>

#ifndef _TIME_T_DECLARED
typedef int64_t		time_t;
#define _TIME_T_DECLARED
#endif
#ifndef _SUSECONDS_T_DECLARED
typedef int64_t		suseconds_t;
#define _SUSECONDS_T_DECLARED
#endif

struct timespec {
	time_t	tv_sec;		/* seconds */
	long	tv_nsec;	/* and nanoseconds, 0-999999999 */
};

struct timeval {
	time_t	tv_sec;		/* seconds */
	suseconds_t tv_usec;	/* and microseconds, 0-999999 */
};

struct trapframe;

/* Interval timers (setitimer): ITIMER_REAL counts real time. */
struct itimerval {
	struct timeval	it_interval;	/* reload value, 0: one-shot */
	struct timeval	it_value;	/* time left, 0: disarmed */
};
#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

/* Clocks of clock_gettime, FreeBSD's ids (the personality translates). */
#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		4
#define CLOCK_UPTIME		5
#define CLOCK_REALTIME_FAST	10
#define CLOCK_MONOTONIC_FAST	12
#define CLOCK_THREAD_CPUTIME_ID	14
#define CLOCK_PROCESS_CPUTIME_ID 15

#define NSEC_PER_SEC	1000000000l
#define USEC_PER_SEC	1000000l
#define NSEC_PER_USEC	1000l

/* Operations on timespecs (FreeBSD's macros). */
#define timespeccmp(tvp, uvp, cmp)					\
	(((tvp)->tv_sec == (uvp)->tv_sec) ?				\
	    ((tvp)->tv_nsec cmp (uvp)->tv_nsec) :			\
	    ((tvp)->tv_sec cmp (uvp)->tv_sec))
#define timespecadd(tsp, usp, vsp)					\
	do {								\
		(vsp)->tv_sec = (tsp)->tv_sec + (usp)->tv_sec;		\
		(vsp)->tv_nsec = (tsp)->tv_nsec + (usp)->tv_nsec;	\
		if ((vsp)->tv_nsec >= NSEC_PER_SEC) {			\
			(vsp)->tv_sec++;				\
			(vsp)->tv_nsec -= NSEC_PER_SEC;			\
		}							\
	} while (0)
#define timespecsub(tsp, usp, vsp)					\
	do {								\
		(vsp)->tv_sec = (tsp)->tv_sec - (usp)->tv_sec;		\
		(vsp)->tv_nsec = (tsp)->tv_nsec - (usp)->tv_nsec;	\
		if ((vsp)->tv_nsec < 0) {				\
			(vsp)->tv_sec--;				\
			(vsp)->tv_nsec += NSEC_PER_SEC;			\
		}							\
	} while (0)

#define TIMESPEC_TO_TIMEVAL(tv, ts)					\
	do {								\
		(tv)->tv_sec = (ts)->tv_sec;				\
		(tv)->tv_usec = (ts)->tv_nsec / NSEC_PER_USEC;		\
	} while (0)

/* Nanoseconds (since whatever origin) to a timespec and back. */
static inline void
ns_to_timespec(uint64_t ns, struct timespec *ts)
{
	ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
}

static inline uint64_t
timespec_to_ns(const struct timespec *ts)
{
	return ((uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec);
}

/* kern/kern_tc.c: uptime and wall-clock time. */
extern struct timeval boottime;		/* wall-clock time at uptime 0 */
extern volatile time_t time_uptime;	/* seconds of uptime, per tick */
extern volatile time_t time_second;	/* wall-clock seconds, per tick */

uint64_t nanouptime_ns(void);
void	nanouptime(struct timespec *ts);
void	microuptime(struct timeval *tv);
void	getnanouptime(struct timespec *ts);
void	nanotime(struct timespec *ts);
void	microtime(struct timeval *tv);
void	getnanotime(struct timespec *ts);
void	tc_setclock(const struct timespec *ts);
void	tc_ticktock(void);

/*
 * kern/kern_clock.c: the periodic tick.  (FreeBSD declares these in
 * sys/kernel.h.)
 */
extern int	hz;			/* ticks per second */
extern int	tick;			/* microseconds per tick */
extern volatile uint64_t ticks;		/* ticks since the clock started */

void	hardclock(struct trapframe *tf);

/* Machine-dependent: busy-wait usec microseconds (amd64/amd64/clock.c). */
void	DELAY(int usec);

#endif /* !_SYS_TIME_H_ */
