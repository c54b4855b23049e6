/*
 * sys_poll.c: waiting for descriptors to be ready: kern_poll (poll,
 * ppoll, and select and pselect6 through the personality) and the
 * wake-ups objects send, selrecord/selwakeup (sys/sys/selinfo.h).
 *
 * The wait: a poller reads the generation counter sel_gen, asks every
 * file (fo_poll), and when none is ready sleeps on sel_gen, under
 * sel_mtx, as long as the counter has not moved; selwakeup bumps it
 * under sel_mtx and wakes all sleepers.  A change between the scan and
 * the sleep moved the counter, so no wake-up is lost.  The sleep is
 * interruptible (EINTR) and bounded by the timeout.
 * share/doc/poll.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/selinfo.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>

static struct mtx sel_mtx;
static uint64_t sel_gen;	/* (sel_mtx) bumped by every selwakeup */

static void
sel_init(const void *arg __unused)
{
	mtx_init(&sel_mtx, "select", NULL, MTX_DEF);
}
SYSINIT(sel, SI_SUB_KMEM, SI_ORDER_ANY, sel_init, NULL);

void
selrecord(struct thread *td, struct selinfo *sip)
{
	(void)td;
	(void)sip;
}

void
selwakeup(struct selinfo *sip)
{
	(void)sip;
	KASSERT(PCPU_GET(intr_nesting) == 0, ("selwakeup in an interrupt"));
	mtx_lock(&sel_mtx);
	sel_gen++;
	wakeup(&sel_gen);
	mtx_unlock(&sel_mtx);
}

/* Ask each file once; returns how many have events to report. */
static int
poll_scan(struct thread *td, struct pollfd *fds, u_int nfds)
{
	struct file *fp;
	u_int i;
	int n = 0;

	for (i = 0; i < nfds; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		if (fget(td, fds[i].fd, 0, &fp) != 0) {
			fds[i].revents = POLLNVAL;
		} else {
			/* POLLERR and POLLHUP are reported unasked. */
			fds[i].revents = fo_poll(fp, fds[i].events |
			    POLLERR | POLLHUP, td) & (fds[i].events |
			    POLLERR | POLLHUP);
			(void)fdrop(fp, td);
		}
		if (fds[i].revents != 0)
			n++;
	}
	return (n);
}

/*
 * kern_poll: wait until one of fds[0..nfds-1] (kernel memory) has an
 * event, the timeout passes (NULL: never; zero: do not wait) or a
 * signal arrives (EINTR).  With mask, the blocked signals are *mask
 * during the wait (ppoll, pselect6), and after it, once a handler
 * interrupted it has run (kern_sigmask_during).  On return
 * td_retval[0] is the count of fds with revents, and *left (if given)
 * the part of the timeout not used.
 */
int
kern_poll(struct thread *td, struct pollfd *fds, u_int nfds,
    const struct timespec *timeout, const sigset_t *mask,
    struct timespec *left)
{
	uint64_t end = 0, gen, now, tickns = NSEC_PER_SEC / hz;
	int error = 0, n, timo;

	if (timeout != NULL && (timeout->tv_sec < 0 ||
	    timeout->tv_nsec < 0 || timeout->tv_nsec >= NSEC_PER_SEC))
		return (EINVAL);
	if (nfds > (u_int)fdlimit(td))
		return (EINVAL);
	if (timeout != NULL)
		end = nanouptime_ns() + timespec_to_ns(timeout);
	if (mask != NULL)
		kern_sigmask_during(td, *mask);
	for (;;) {
		mtx_lock(&sel_mtx);
		gen = sel_gen;
		mtx_unlock(&sel_mtx);
		n = poll_scan(td, fds, nfds);
		now = nanouptime_ns();
		if (n > 0 || (timeout != NULL && now >= end))
			break;
		timo = 0;
		if (timeout != NULL)
			timo = (int)MIN((end - now + tickns - 1) / tickns + 1,
			    (uint64_t)hz * 3600);
		mtx_lock(&sel_mtx);
		if (sel_gen == gen)
			error = msleep(&sel_gen, &sel_mtx, PCATCH, "select",
			    timo);
		mtx_unlock(&sel_mtx);
		if (error == EWOULDBLOCK)
			error = 0;
		if (error != 0) {
			/* Linux: EINTR, whatever SA_RESTART says. */
			error = EINTR;
			break;
		}
	}
	if (mask != NULL)
		kern_sigmask_restore(td, error != 0);
	if (left != NULL && timeout != NULL) {
		now = nanouptime_ns();
		ns_to_timespec(now < end ? end - now : 0, left);
	}
	if (error == 0)
		td->td_retval[0] = n;
	return (error);
}
