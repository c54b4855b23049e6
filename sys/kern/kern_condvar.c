/*
 * kern_condvar.c: condition variables on sleep queues: the condition
 * variable's address is the wait channel.  Waiters hold the mutex that
 * protects the condition; msleep() drops it atomically with going to
 * sleep, so a signal after the waiter tested the condition cannot be lost.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/condvar.h>
#include <sys/mutex.h>
#include <sys/sleepqueue.h>

void
cv_init(struct cv *cvp, const char *desc)
{
	cvp->cv_description = desc;
	cvp->cv_waiters = 0;
}

void
cv_destroy(struct cv *cvp)
{
	KASSERT(cvp->cv_waiters == 0, ("cv_destroy: %s has waiters",
	    cvp->cv_description));
}

/* cv_wait: wait for a signal; mtx held on entry and on return. */
void
cv_wait(struct cv *cvp, struct mtx *mtx)
{
	mtx_assert(mtx, MA_OWNED);
	cvp->cv_waiters++;
	(void)msleep(cvp, mtx, 0, cvp->cv_description, 0);
	cvp->cv_waiters--;
}

/* cv_timedwait: as cv_wait, for at most timo ticks; EWOULDBLOCK if so. */
int
cv_timedwait(struct cv *cvp, struct mtx *mtx, int timo)
{
	int error;

	mtx_assert(mtx, MA_OWNED);
	cvp->cv_waiters++;
	error = msleep(cvp, mtx, 0, cvp->cv_description, timo);
	cvp->cv_waiters--;
	return (error);
}

/* cv_signal: wake one waiter.  Call with the mutex held. */
void
cv_signal(struct cv *cvp)
{
	if (cvp->cv_waiters > 0)
		wakeup_one(cvp);
}

/* cv_broadcast: wake every waiter.  Call with the mutex held. */
void
cv_broadcast(struct cv *cvp)
{
	if (cvp->cv_waiters > 0)
		wakeup(cvp);
}
