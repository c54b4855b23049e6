/*
 * kern_synch.c: sleeping on wait channels and waking up.
 *
 * A wait channel is any address.  Sleeping threads hang on one of
 * SLEEPQ_BUCKETS queues hashed by channel; all of them, and every
 * thread's td_wchan, are protected by sched_lock, so "decide to sleep" and
 * "be woken" cannot interleave: msleep() releases the caller's mutex only
 * after taking sched_lock, and a waker must take sched_lock to find the
 * sleeper.  That closes the lost-wakeup window.
 *
 * A timeout arms the sleeping thread's own callout; when it fires first
 * (from the clock interrupt) it takes the thread off its queue with
 * EWOULDBLOCK.  After waking the thread stops its callout; a callout that
 * fires after the thread was already woken finds it not sleeping and does
 * nothing.  (On one CPU the thread's callout_stop cannot race a callout
 * in progress; SMP will need callout_drain.)
 *
 * Interruptible sleeps (PCATCH in pri, user threads only): before it
 * sleeps, under sched_lock, the thread looks for a pending signal it
 * does not block and for another thread ending its process
 * (sig_sleep_check); either ends the sleep at once.  While it sleeps
 * with TDF_SINTR, whoever posts such a signal or starts such an ending
 * calls sleepq_abort(), which wakes it with EINTR.  Posting writes the
 * pending set before taking sched_lock and the sleeper reads it after
 * taking sched_lock, so one of the two always sees the other.  The
 * sleep then returns ERESTART when the signal's handler has SA_RESTART
 * (the system call is made again after the handler), else EINTR.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/queue.h>
#include <sys/sched.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>

#define SLEEPQ_BUCKETS	64

TAILQ_HEAD(sleepq_head, thread);

static struct sleepq_head sleepq[SLEEPQ_BUCKETS];	/* (sched_lock) */
static bool sleepq_ready;

static struct sleepq_head *
sleepq_bucket(const void *chan)
{
	uintptr_t h = (uintptr_t)chan;

	h ^= h >> 7;
	h ^= h >> 17;
	return (&sleepq[h % SLEEPQ_BUCKETS]);
}

static void
sleepq_init(void)
{
	int i;

	for (i = 0; i < SLEEPQ_BUCKETS; i++)
		TAILQ_INIT(&sleepq[i]);
	sleepq_ready = true;
}

/* Take td off its sleep queue and make it runnable; sched_lock held. */
static void
sleepq_resume(struct thread *td, int result)
{
	mtx_assert(&sched_lock, MA_OWNED);
	KASSERT(td->td_state == TDS_SLEEPING, ("sleepq_resume: %s not asleep",
	    td->td_name));
	TAILQ_REMOVE(sleepq_bucket(td->td_wchan), td, td_runq);
	td->td_sleep_result = result;
	td->td_state = TDS_CAN_RUN;
	sched_setrunnable(td);
}

/* The sleep timed out (callout, clock interrupt). */
static void
sleepq_timeout(void *arg)
{
	struct thread *td = arg;

	mtx_lock_spin(&sched_lock);
	if (td->td_state == TDS_SLEEPING)
		sleepq_resume(td, EWOULDBLOCK);
	mtx_unlock_spin(&sched_lock);
}

/*
 * sleepq_block_locked: sleep on chan with no timeout.  sched_lock is held
 * on entry and on return (across the switch).  For sleep mutexes, which
 * decide to block under sched_lock.
 */
void
sleepq_block_locked(const void *chan, const char *wmesg)
{
	struct thread *td = curthread;

	mtx_assert(&sched_lock, MA_OWNED);
	if (!sleepq_ready)
		sleepq_init();
	td->td_wchan = chan;
	td->td_wmesg = wmesg;
	td->td_sleep_result = 0;
	td->td_state = TDS_SLEEPING;
	TAILQ_INSERT_TAIL(sleepq_bucket(chan), td, td_runq);
	mi_switch();
}

/* sleepq_wakeup_locked: wake every sleeper on chan; sched_lock held. */
void
sleepq_wakeup_locked(const void *chan)
{
	struct sleepq_head *bucket;
	struct thread *td, *next;

	mtx_assert(&sched_lock, MA_OWNED);
	if (!sleepq_ready)
		sleepq_init();
	bucket = sleepq_bucket(chan);
	TAILQ_FOREACH_SAFE(td, bucket, td_runq, next)
		if (td->td_wchan == chan)
			sleepq_resume(td, 0);
}

/*
 * sleepq_abort: end td's interruptible sleep (PCATCH) with EINTR, if it
 * is in one; else nothing.  Takes sched_lock.
 */
void
sleepq_abort(struct thread *td)
{
	mtx_lock_spin(&sched_lock);
	if (td->td_state == TDS_SLEEPING && (td->td_flags & TDF_SINTR) != 0)
		sleepq_resume(td, EINTR);
	mtx_unlock_spin(&sched_lock);
}

/*
 * msleep: sleep on chan until wakeup(chan) or, if timo > 0, timo ticks.
 * mtx (a sleep mutex, may be NULL) is held on entry, released while
 * asleep and held again on return.  pri is 0 or PCATCH (the thread
 * keeps its priority).  Returns 0 when woken, EWOULDBLOCK on timeout;
 * with PCATCH also EINTR or ERESTART for a signal or the end of the
 * process (see the top of the file), without sleeping when one is
 * there already.
 */
int
msleep(const void *chan, struct mtx *mtx, int pri, const char *wmesg,
    int timo)
{
	struct thread *td = curthread;
	bool catch = (pri & PCATCH) != 0 && td->td_frame != NULL;
	int result;

	KASSERT(chan != NULL, ("msleep: NULL channel"));
	KASSERT((pri & ~PCATCH) == 0, ("msleep: pri %#x", pri));
	KASSERT(PCPU_GET(intr_nesting) == 0, ("msleep in an interrupt"));
	KASSERT(td->td_spinlocks == 0, ("msleep: %s holds a spin mutex",
	    td->td_name));
	KASSERT(sched_running(), ("msleep before the scheduler runs"));
	KASSERT(mtx == NULL || mtx_owned(mtx), ("msleep: mutex not owned"));

	mtx_lock_spin(&sched_lock);
	if (!sleepq_ready)
		sleepq_init();
	if (catch && (result = sig_sleep_check(td)) != 0) {
		mtx_unlock_spin(&sched_lock);
		return (result);	/* mtx is still held */
	}
	/* Wakers need sched_lock: none can run before we sleep. */
	if (mtx != NULL)
		mtx_unlock_sched_locked(mtx);
	td->td_wchan = chan;
	td->td_wmesg = wmesg;
	td->td_sleep_result = 0;
	td->td_state = TDS_SLEEPING;
	if (catch)
		td->td_flags |= TDF_SINTR;
	TAILQ_INSERT_TAIL(sleepq_bucket(chan), td, td_runq);
	if (timo > 0)
		callout_reset(&td->td_slpcallout, timo, sleepq_timeout, td);
	mi_switch();
	td->td_flags &= ~TDF_SINTR;
	result = td->td_sleep_result;
	/*
	 * Interrupted, but nothing is left to deliver here: another thread
	 * took the signal, or it was a stop that a SIGCONT has ended.  The
	 * call starts again, as if it had not been interrupted (Linux).
	 */
	if (result == EINTR && (result = sig_sleep_check(td)) == 0)
		result = ERESTART;
	mtx_unlock_spin(&sched_lock);
	if (timo > 0)
		callout_stop(&td->td_slpcallout);
	if (mtx != NULL)
		mtx_lock(mtx);
	return (result);
}

int
tsleep(const void *chan, int pri, const char *wmesg, int timo)
{
	return (msleep(chan, NULL, pri, wmesg, timo));
}

/* pause: sleep for timo ticks. */
int
pause(const char *wmesg, int timo)
{
	KASSERT(timo > 0, ("pause: timo %d", timo));
	(void)tsleep(&curthread->td_slpcallout, 0, wmesg, timo);
	return (0);
}

static void
wakeup_some(const void *chan, bool one)
{
	struct sleepq_head *bucket;
	struct thread *td, *next;

	mtx_lock_spin(&sched_lock);
	if (!sleepq_ready)
		sleepq_init();
	bucket = sleepq_bucket(chan);
	TAILQ_FOREACH_SAFE(td, bucket, td_runq, next) {
		if (td->td_wchan != chan)
			continue;
		sleepq_resume(td, 0);
		if (one)
			break;
	}
	mtx_unlock_spin(&sched_lock);
}

/* wakeup: make every thread sleeping on chan runnable. */
void
wakeup(const void *chan)
{
	wakeup_some(chan, false);
}

/* wakeup_one: make the longest sleeper on chan runnable. */
void
wakeup_one(const void *chan)
{
	wakeup_some(chan, true);
}
