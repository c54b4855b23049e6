/*
 * kern_tc.c: uptime and wall-clock time from a timecounter.
 *
 * The timecounter (sys/timetc.h; the TSC on amd64) is a 64-bit counter
 * of known frequency.  Uptime in nanoseconds is
 *
 *	th_offset_ns + (count - th_offset_count) * th_scale / 2^32
 *
 * with th_scale = 10^9 * 2^32 / frequency (nanoseconds per count, in
 * 32.32 fixed point; the product is taken in 128 bits, so it does not
 * overflow for any uptime).  These four values are a "timehands"; they
 * change only when a better counter registers, and then continuity holds:
 * the new hands start at the uptime the old ones reached.  Two hands
 * alternate: the writer fills the one not in use and publishes it, and a
 * reader retries if the generation it started with changed under it.
 *
 * Wall-clock time is boottime + uptime; tc_setclock() sets boottime from
 * a reading of the RTC.  At every tick tc_ticktock() samples uptime for
 * the cheap getnanouptime()/getnanotime() and the time_uptime and
 * time_second seconds counters.
 *
 * Uptime is 0 until the first timecounter registers (SI_SUB_CLOCKS).
 * Monotonic on one CPU; with SMP it relies on the CPUs' TSCs being in
 * step (invariant and synchronized TSC), which SMP bring-up will check.
 *
 * Lock legend:
 *	(w) tc_lock (spin): writers of the timehands, boottime
 *	(a) read without a lock: one aligned 64-bit word, or under the
 *	    timehands generation protocol
 */
#include <sys/types.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/timetc.h>

struct timehands {
	struct timecounter *th_counter;	/* (w) */
	uint64_t	th_offset_count; /* (w) counter value at ... */
	uint64_t	th_offset_ns;	/* (w) ... this uptime */
	uint64_t	th_scale;	/* (w) ns per count, 32.32 */
	volatile u_int	th_generation;	/* (w) 0 while being changed */
};

struct timecounter *timecounter;	/* (w) */
struct timeval	boottime;		/* (w) */

static int
sysctl_kern_boottime(SYSCTL_HANDLER_ARGS)
{
	struct timeval tv = boottime;

	return (SYSCTL_OUT(req, &tv, sizeof(tv)));
}
SYSCTL_PROC(_kern, KERN_BOOTTIME, boottime, CTLTYPE_STRUCT | CTLFLAG_RD |
    CTLFLAG_MPSAFE, NULL, 0, sysctl_kern_boottime, "S,timeval",
    "System boottime");
volatile time_t	time_uptime;		/* (a) */
volatile time_t	time_second;		/* (a) */

static struct timehands th0, th1;
static struct timehands *volatile timehands;	/* (w,a) the hands in use */
static volatile uint64_t boottime_ns;	/* (w,a) boottime, in ns */
static volatile uint64_t tick_uptime_ns; /* (a) uptime at the last tick */
static struct mtx tc_lock;

static void
tc_lock_init(const void *arg __unused)
{
	mtx_init(&tc_lock, "timecounter", NULL, MTX_SPIN);
}
SYSINIT(tc_lock, SI_SUB_INTR, SI_ORDER_ANY, tc_lock_init, NULL);

/* Uptime from the hands th, or false if they changed while read. */
static bool
tc_read_hands(struct timehands *th, uint64_t *nsp)
{
	u_int gen = __atomic_load_n(&th->th_generation, __ATOMIC_ACQUIRE);
	uint64_t delta;

	if (gen == 0)
		return (false);
	delta = th->th_counter->tc_get_timecount(th->th_counter) -
	    th->th_offset_count;
	*nsp = th->th_offset_ns +
	    (uint64_t)(((unsigned __int128)delta * th->th_scale) >> 32);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return (gen == th->th_generation);
}

/* nanouptime_ns: nanoseconds since the timecounter started; 0 before. */
uint64_t
nanouptime_ns(void)
{
	struct timehands *th;
	uint64_t ns;

	for (;;) {
		th = __atomic_load_n(&timehands, __ATOMIC_ACQUIRE);
		if (th == NULL)
			return (0);
		if (tc_read_hands(th, &ns))
			return (ns);
	}
}

/*
 * tc_init: register tc; it takes over if it is the first or better than
 * the counter in use, with uptime continuing from where it was.
 */
void
tc_init(struct timecounter *tc)
{
	struct timehands *th;
	uint64_t now;
	u_int gen;

	KASSERT(tc->tc_frequency > 0 && tc->tc_get_timecount != NULL,
	    ("tc_init: bad timecounter %s", tc->tc_name));
	mtx_lock_spin(&tc_lock);
	if (timecounter != NULL && timecounter->tc_quality >= tc->tc_quality)
		goto out;
	now = nanouptime_ns();
	gen = timehands == NULL ? 1 : timehands->th_generation + 1;
	if (gen == 0)
		gen = 1;
	th = timehands == &th0 ? &th1 : &th0;
	th->th_generation = 0;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	th->th_counter = tc;
	th->th_scale = ((uint64_t)NSEC_PER_SEC << 32) / tc->tc_frequency;
	th->th_offset_ns = now;
	th->th_offset_count = tc->tc_get_timecount(tc);
	__atomic_store_n(&th->th_generation, gen, __ATOMIC_RELEASE);
	__atomic_store_n(&timehands, th, __ATOMIC_RELEASE);
	timecounter = tc;
out:
	mtx_unlock_spin(&tc_lock);
}

/* nanouptime: uptime as a timespec. */
void
nanouptime(struct timespec *ts)
{
	ns_to_timespec(nanouptime_ns(), ts);
}

/* microuptime: uptime as a timeval. */
void
microuptime(struct timeval *tv)
{
	struct timespec ts;

	nanouptime(&ts);
	TIMESPEC_TO_TIMEVAL(tv, &ts);
}

/* getnanouptime: uptime as of the last tick (or now, before the first). */
void
getnanouptime(struct timespec *ts)
{
	uint64_t ns = tick_uptime_ns;

	ns_to_timespec(ns != 0 ? ns : nanouptime_ns(), ts);
}

/* nanotime: wall-clock time, boottime + uptime. */
void
nanotime(struct timespec *ts)
{
	ns_to_timespec(boottime_ns + nanouptime_ns(), ts);
}

/* microtime: wall-clock time as a timeval. */
void
microtime(struct timeval *tv)
{
	struct timespec ts;

	nanotime(&ts);
	TIMESPEC_TO_TIMEVAL(tv, &ts);
}

/* getnanotime: wall-clock time as of the last tick. */
void
getnanotime(struct timespec *ts)
{
	struct timespec up;

	getnanouptime(&up);
	ns_to_timespec(boottime_ns + timespec_to_ns(&up), ts);
}

/*
 * tc_setclock: make the wall-clock time now ts (at or after the epoch),
 * by moving boottime.
 */
void
tc_setclock(const struct timespec *ts)
{
	uint64_t up, bt;

	KASSERT(ts->tv_sec >= 0, ("tc_setclock: before the epoch"));
	mtx_lock_spin(&tc_lock);
	up = nanouptime_ns();
	bt = timespec_to_ns(ts);
	bt = bt > up ? bt - up : 0;
	boottime_ns = bt;
	boottime.tv_sec = bt / NSEC_PER_SEC;
	boottime.tv_usec = bt % NSEC_PER_SEC / NSEC_PER_USEC;
	time_second = (bt + up) / NSEC_PER_SEC;
	mtx_unlock_spin(&tc_lock);
}

/* tc_ticktock: sample the clocks for this tick; from hardclock(). */
void
tc_ticktock(void)
{
	uint64_t up = nanouptime_ns();

	tick_uptime_ns = up;
	time_uptime = up / NSEC_PER_SEC;
	time_second = (boottime_ns + up) / NSEC_PER_SEC;
}
