/*
 * kern_time.c: the time system calls: clocks, sleeps (nanosleep), the
 * interval timers (setitimer, alarm): ITIMER_REAL sends SIGALRM,
 * ITIMER_VIRTUAL SIGVTALRM and ITIMER_PROF SIGPROF; and the CPU time
 * each process is charged at the clock tick (share/doc/signals.md).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>

/*
 * kern_clock_gettime: the time of clock_id (FreeBSD's ids, sys/time.h):
 * wall-clock time (nanotime), time since boot (nanouptime; the _FAST
 * variants read the value of the last tick), or CPU time consumed by
 * the thread or by the whole process (in whole ticks: the clock counts
 * no finer).  0 or EINVAL.
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
		ns_to_timespec(td->td_runtime * (NSEC_PER_SEC / hz), ats);
		return (0);
	case CLOCK_PROCESS_CPUTIME_ID:
		ns_to_timespec((td->td_proc->p_uticks +
		    td->td_proc->p_sticks) * (NSEC_PER_SEC / hz), ats);
		return (0);
	default:
		return (EINVAL);
	}
}

/* --- sleeping ------------------------------------------------------------ */

static char nanowait;		/* the channel of nanosleep: nobody wakes it */

/* The time of clock_id in nanoseconds. */
static uint64_t
clock_ns(clockid_t clock_id)
{
	struct timespec ts;

	if (clock_id == CLOCK_MONOTONIC)
		return (nanouptime_ns());
	nanotime(&ts);
	return (timespec_to_ns(&ts));
}

/*
 * kern_nanosleep: sleep in ticks (tsleep, PCATCH) until clock_id says
 * the end has come; each wake-up reads the clock again, so the sleep is
 * never shorter than asked (a relative sleep is measured on the
 * monotonic clock whatever clock_id says, as Linux does).  A signal
 * ends it: EINTR with the time left in *rmt for a relative sleep
 * (XXX: Linux restarts it after an SA_RESTART handler with the time
 * left; Umbra returns EINTR), ERESTART for an absolute one (made again
 * with the same end).
 */
int
kern_nanosleep(struct thread *td, clockid_t clock_id, bool abstime,
    const struct timespec *rqt, struct timespec *rmt)
{
	uint64_t end, left, now, tickns = NSEC_PER_SEC / hz;
	int error;

	if (clock_id != CLOCK_REALTIME && clock_id != CLOCK_MONOTONIC)
		return (EINVAL);
	if (rqt->tv_sec < 0 || rqt->tv_nsec < 0 ||
	    rqt->tv_nsec >= NSEC_PER_SEC)
		return (EINVAL);
	if (!abstime)
		clock_id = CLOCK_MONOTONIC;
	now = clock_ns(clock_id);
	end = abstime ? timespec_to_ns(rqt) : now + timespec_to_ns(rqt);
	for (;;) {
		now = clock_ns(clock_id);
		if (now >= end)
			return (0);
		left = (end - now + tickns - 1) / tickns;
		error = tsleep(&nanowait, PCATCH, "nanslp",
		    (int)MIN(left + 1, (uint64_t)hz * 3600));
		if (error == EWOULDBLOCK || error == 0)
			continue;
		KASSERT(error == EINTR || error == ERESTART,
		    ("kern_nanosleep: woken with %d", error));
		if (abstime)
			return (error);
		now = clock_ns(clock_id);
		if (rmt != NULL)
			ns_to_timespec(now < end ? end - now : 0, rmt);
		return (EINTR);
	}
}

/* --- interval timers ----------------------------------------------------- */

/*
 * ITIMER_REAL: each process's timer is a callout at the tick it expires
 * at (p_itreal_next).  Callouts run in the clock interrupt and may not
 * take proctree_lock, which psignal needs, so the callout only wakes
 * the itimer thread; the thread walks the armed processes (itimer_list)
 * and sends SIGALRM to each whose time has come, reloading the periodic
 * ones.  Everything is under proctree_lock.  A callout of a timer reset
 * or disarmed meanwhile finds nothing due and is harmless.
 * XXX: the callout sets itimer_pending without the thread's mutex, so
 * the thread also looks once a second (the wake-up can slip between its
 * test and its sleep).
 */
static LIST_HEAD(, proc) itimer_list = LIST_HEAD_INITIALIZER(itimer_list);
static volatile int itimer_pending;	/* a callout fired */
static struct mtx itimer_mtx;		/* the thread's sleep interlock */

static void
itimer_callout(void *arg __unused)
{
	itimer_pending = 1;
	wakeup(__DEVOLATILE(void *, &itimer_pending));
}

/* Arm (next != 0) or disarm p's timer.  proctree_lock held. */
static void
itimer_arm(struct proc *p, uint64_t next, uint64_t ival)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	if (p->p_itreal_next != 0)
		LIST_REMOVE(p, p_itlink);
	p->p_itreal_next = next;
	p->p_itreal_ival = ival;
	if (next == 0) {
		callout_stop(&p->p_itcallout);
		return;
	}
	LIST_INSERT_HEAD(&itimer_list, p, p_itlink);
	callout_reset(&p->p_itcallout, next > ticks ? (int)(next - ticks) : 1,
	    itimer_callout, NULL);
}

void
itimer_proc_exit(struct proc *p)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	if (p->p_itreal_next != 0)
		itimer_arm(p, 0, 0);
}

/* Send SIGALRM to every process whose timer is due; reload or disarm. */
static void
itimer_scan(void)
{
	struct proc *p, *np;
	ksiginfo_t ksi;
	uint64_t next, now;

	mtx_lock(&proctree_lock);
	now = ticks;
	LIST_FOREACH_SAFE(p, &itimer_list, p_itlink, np) {
		if (p->p_itreal_next > now)
			continue;
		if (p->p_state == PRS_NORMAL) {
			ksiginfo_init(&ksi, SIGALRM, SI_TIMER);
			(void)psignal(p, &ksi);
		}
		next = 0;
		if (p->p_itreal_ival != 0 && p->p_state == PRS_NORMAL) {
			next = p->p_itreal_next + p->p_itreal_ival;
			if (next <= now)
				next = now + p->p_itreal_ival;
		}
		itimer_arm(p, next, p->p_itreal_ival);
	}
	mtx_unlock(&proctree_lock);
}

static void
itimer_thread(void *arg __unused)
{
	for (;;) {
		mtx_lock(&itimer_mtx);
		while (!itimer_pending)
			(void)msleep(__DEVOLATILE(void *, &itimer_pending),
			    &itimer_mtx, 0, "itimer", hz);
		itimer_pending = 0;
		mtx_unlock(&itimer_mtx);
		itimer_scan();
	}
}

static void
itimer_init(const void *arg __unused)
{
	mtx_init(&itimer_mtx, "itimer", NULL, MTX_DEF);
	if (kthread_add(itimer_thread, NULL, NULL, PRI_KERN, "itimer") != 0)
		panic("itimer_init: no thread");
}
SYSINIT(itimer, SI_SUB_KTHREAD, SI_ORDER_ANY, itimer_init, NULL);

/*
 * CPU time.  The clock tick charges the thread it interrupts, and that
 * thread's process, a tick of user time when it interrupted user mode,
 * else of system time (cputime_tick; a kernel thread is charged
 * nothing here).  ITIMER_VIRTUAL counts the process's user ticks down,
 * ITIMER_PROF its user and system ticks, in p_itcpu_left (sched_lock,
 * which the tick takes with interrupts off).  The tick cannot post a
 * signal (psignal takes proctree_lock, a sleep mutex): it marks the
 * timer in p_itcpu_fired, which makes ast_pending true, and the thread
 * sends SIGVTALRM or SIGPROF (SI_KERNEL, as Linux) to its process on
 * its way back to user mode (itimer_ast), that is at once for a tick
 * that interrupted user mode.  The timers survive exec; fork clears
 * them (the child's proc starts zeroed), as Linux.
 */
void
cputime_tick(struct thread *td, bool user)
{
	struct proc *p = td->td_proc;
	int which;

	if (td->td_frame == NULL || (p->p_flag & P_SYSTEM) != 0)
		return;
	mtx_lock_spin(&sched_lock);
	if (user) {
		td->td_uticks++;
		p->p_uticks++;
	} else {
		td->td_sticks++;
		p->p_sticks++;
	}
	for (which = user ? ITIMER_VIRTUAL : ITIMER_PROF;
	    which <= ITIMER_PROF; which++) {
		if (p->p_itcpu_left[which - 1] == 0 ||
		    --p->p_itcpu_left[which - 1] != 0)
			continue;
		p->p_itcpu_left[which - 1] = p->p_itcpu_ival[which - 1];
		p->p_itcpu_fired |= 1u << which;
	}
	mtx_unlock_spin(&sched_lock);
}

void
itimer_ast(struct thread *td)
{
	struct proc *p = td->td_proc;
	ksiginfo_t ksi;
	u_int fired;

	if (p->p_itcpu_fired == 0)		/* a peek */
		return;
	mtx_lock_spin(&sched_lock);
	fired = p->p_itcpu_fired;
	p->p_itcpu_fired = 0;
	mtx_unlock_spin(&sched_lock);
	mtx_lock(&proctree_lock);
	if (fired & (1u << ITIMER_VIRTUAL)) {
		ksiginfo_init(&ksi, SIGVTALRM, SI_KERNEL);
		(void)psignal(p, &ksi);
	}
	if (fired & (1u << ITIMER_PROF)) {
		ksiginfo_init(&ksi, SIGPROF, SI_KERNEL);
		(void)psignal(p, &ksi);
	}
	mtx_unlock(&proctree_lock);
}

/* A timeval in ticks of CPU time, rounded up (the tick samples). */
static uint64_t
tv_to_cputicks(const struct timeval *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * USEC_PER_SEC + tv->tv_usec;

	return ((us + tick - 1) / tick);
}

/* A timeval in ticks, rounded up, plus one: never early. */
static uint64_t
tv_to_ticks(const struct timeval *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * USEC_PER_SEC + tv->tv_usec;

	if (us == 0)
		return (0);
	return ((us + tick - 1) / tick + 1);
}

static void
ticks_to_tv(uint64_t t, struct timeval *tv)
{
	tv->tv_sec = (time_t)(t / hz);
	tv->tv_usec = (suseconds_t)(t % hz) * tick;
}

static bool
itimerval_ok(const struct timeval *tv)
{
	return (tv->tv_sec >= 0 && tv->tv_usec >= 0 &&
	    tv->tv_usec < USEC_PER_SEC);
}

/*
 * kern_setitimer: read (oitv) and set (itv, unless NULL) the process's
 * timer which: ITIMER_REAL (real time), ITIMER_VIRTUAL (user CPU time)
 * or ITIMER_PROF (user and system CPU time).  EINVAL for an unknown
 * timer or a bad timeval.
 */
int
kern_setitimer(struct thread *td, u_int which, const struct itimerval *itv,
    struct itimerval *oitv)
{
	struct proc *p = td->td_proc;
	uint64_t now;

	if (which > ITIMER_PROF)
		return (EINVAL);
	if (itv != NULL && (!itimerval_ok(&itv->it_value) ||
	    !itimerval_ok(&itv->it_interval)))
		return (EINVAL);
	if (which != ITIMER_REAL) {
		if (oitv != NULL)
			memset(oitv, 0, sizeof(*oitv));
		mtx_lock_spin(&sched_lock);
		if (oitv != NULL) {
			ticks_to_tv(p->p_itcpu_left[which - 1],
			    &oitv->it_value);
			ticks_to_tv(p->p_itcpu_ival[which - 1],
			    &oitv->it_interval);
		}
		if (itv != NULL) {
			/* A tick more, as Linux: the first is partly used. */
			p->p_itcpu_left[which - 1] =
			    tv_to_cputicks(&itv->it_value);
			if (p->p_itcpu_left[which - 1] != 0)
				p->p_itcpu_left[which - 1]++;
			/* Kept even when disarmed: getitimer says it. */
			p->p_itcpu_ival[which - 1] =
			    tv_to_cputicks(&itv->it_interval);
		}
		mtx_unlock_spin(&sched_lock);
		return (0);
	}
	mtx_lock(&proctree_lock);
	now = ticks;
	if (oitv != NULL) {
		memset(oitv, 0, sizeof(*oitv));
		if (p->p_itreal_next != 0) {
			ticks_to_tv(p->p_itreal_next > now ?
			    p->p_itreal_next - now : 1, &oitv->it_value);
			ticks_to_tv(p->p_itreal_ival, &oitv->it_interval);
		}
	}
	if (itv != NULL) {
		if (itv->it_value.tv_sec == 0 && itv->it_value.tv_usec == 0)
			itimer_arm(p, 0, 0);
		else
			itimer_arm(p, now + tv_to_ticks(&itv->it_value),
			    tv_to_ticks(&itv->it_interval));
	}
	mtx_unlock(&proctree_lock);
	return (0);
}
