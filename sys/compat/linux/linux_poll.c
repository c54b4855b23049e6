/*
 * linux_poll.c: poll, ppoll, select and pselect6 over kern_poll
 * (sys/kern/sys_poll.c).  struct pollfd is Linux's layout already.
 * select turns its fd_sets into pollfds and back: readable is POLLIN
 * (or POLLHUP, POLLERR), writable is POLLOUT (or POLLERR), exceptional
 * is POLLPRI; a set descriptor not open is EBADF.  As Linux: select's
 * nfds is cut to the descriptor limit, poll's above it is EINVAL;
 * select, pselect6 and ppoll write the time left back; every form
 * returns EINTR for a signal, SA_RESTART or not.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/filedesc.h>
#include <sys/malloc.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/signal.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

#define SEL_IN	(POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define SEL_OUT	(POLLOUT | POLLWRNORM | POLLERR)
#define SEL_EX	POLLPRI

/* poll and ppoll: copy in, wait, copy the revents out. */
static int
linux_poll_common(struct thread *td, uint64_t ufds, u_int nfds,
    const struct timespec *timeout, const sigset_t *mask,
    struct timespec *left)
{
	struct pollfd *fds;
	int error;

	/*
	 * Bounded by the table's size too (fdlimit): RLIMIT_NOFILE may be
	 * raised far beyond what malloc can give.  Linux bounds nfds by
	 * RLIMIT_NOFILE alone, at most its nr_open (2^20).
	 */
	if (nfds > (u_int)fdlimit(td))
		return (EINVAL);
	fds = malloc(MAX(nfds, 1) * sizeof(*fds), M_TEMP, M_WAITOK);
	error = copyin((const void *)ufds, fds, nfds * sizeof(*fds));
	if (error == 0)
		error = kern_poll(td, fds, nfds, timeout, mask, left);
	if (error == 0)
		error = copyout(fds, (void *)ufds, nfds * sizeof(*fds));
	free(fds, M_TEMP);
	return (error);
}

int
linux_poll(struct thread *td, struct linux_poll_args *args)
{
	struct timespec ts;

	if (args->timeout >= 0) {
		ts.tv_sec = args->timeout / 1000;
		ts.tv_nsec = (args->timeout % 1000) * 1000000l;
	}
	return (linux_poll_common(td, args->fds, args->nfds,
	    args->timeout >= 0 ? &ts : NULL, NULL, NULL));
}

/* The signal mask of ppoll and pselect6, if one is given. */
static int
linux_copyin_mask(uint64_t umask, uint64_t size, sigset_t *mask)
{
	if (size != sizeof(sigset_t))
		return (EINVAL);
	return (copyin((const void *)umask, mask, sizeof(*mask)));
}

/* A timespec argument, checked; *tsp NULL when none (infinite). */
static int
linux_copyin_timeout(uint64_t uts, struct timespec *ts,
    struct timespec **tsp)
{
	struct l_timespec lts;
	int error;

	*tsp = NULL;
	if (uts == 0)
		return (0);
	error = copyin((const void *)uts, &lts, sizeof(lts));
	if (error != 0)
		return (error);
	if (lts.tv_sec < 0 || lts.tv_nsec < 0 || lts.tv_nsec >= NSEC_PER_SEC)
		return (EINVAL);
	ts->tv_sec = lts.tv_sec;
	ts->tv_nsec = lts.tv_nsec;
	*tsp = ts;
	return (0);
}

int
linux_ppoll(struct thread *td, struct linux_ppoll_args *args)
{
	struct timespec ts, *tsp, left;
	struct l_timespec lts;
	sigset_t mask;
	int error;

	error = linux_copyin_timeout(args->tsp, &ts, &tsp);
	if (error == 0 && args->sigmask != 0)
		error = linux_copyin_mask(args->sigmask, args->sigsetsize,
		    &mask);
	if (error != 0)
		return (error);
	error = linux_poll_common(td, args->fds, args->nfds, tsp,
	    args->sigmask != 0 ? &mask : NULL, &left);
	if ((error == 0 || error == EINTR) && tsp != NULL) {
		lts.tv_sec = left.tv_sec;
		lts.tv_nsec = left.tv_nsec;
		(void)copyout(&lts, (void *)args->tsp, sizeof(lts));
	}
	return (error);
}

/*
 * select's core: nfds and three user fd_sets (0: none), the timeout and
 * mask; the sets come back with the ready descriptors.
 */
static int
linux_select_common(struct thread *td, int nfds, uint64_t ureads[3],
    const struct timespec *timeout, const sigset_t *mask,
    struct timespec *left)
{
	static const short sel_events[3] = { SEL_IN, SEL_OUT, SEL_EX };
	uint64_t *sets[3], *bits;
	struct pollfd *fds;
	size_t words;
	int error = 0, fd, i, n, nready;

	if (nfds < 0)
		return (EINVAL);
	/* Linux too looks no further than the descriptor table. */
	nfds = MIN(nfds, fdlimit(td));
	words = howmany(nfds, 64);
	bits = malloc(MAX(words, 1) * 3 * sizeof(uint64_t), M_TEMP,
	    M_WAITOK | M_ZERO);
	fds = malloc(MAX(nfds, 1) * sizeof(*fds), M_TEMP, M_WAITOK);
	for (i = 0; i < 3; i++) {
		sets[i] = bits + i * words;
		if (ureads[i] != 0 && error == 0)
			error = copyin((const void *)ureads[i], sets[i],
			    words * sizeof(uint64_t));
	}
	/* One pollfd per descriptor in any set. */
	for (fd = 0, n = 0; error == 0 && fd < nfds; fd++) {
		fds[n].events = 0;
		for (i = 0; i < 3; i++)
			if (sets[i][fd / 64] & (1ul << (fd % 64)))
				fds[n].events |= sel_events[i];
		if (fds[n].events != 0)
			fds[n++].fd = fd;
	}
	if (error == 0)
		error = kern_poll(td, fds, n, timeout, mask, left);
	nready = 0;
	if (error == 0) {
		memset(bits, 0, words * 3 * sizeof(uint64_t));
		for (fd = 0; fd < n; fd++) {
			if (fds[fd].revents & POLLNVAL) {
				error = EBADF;
				break;
			}
			for (i = 0; i < 3; i++) {
				if ((fds[fd].events & sel_events[i] &
				    fds[fd].revents) == 0)
					continue;
				sets[i][fds[fd].fd / 64] |=
				    1ul << (fds[fd].fd % 64);
				nready++;
			}
		}
	}
	for (i = 0; error == 0 && i < 3; i++)
		if (ureads[i] != 0)
			error = copyout(sets[i], (void *)ureads[i],
			    words * sizeof(uint64_t));
	free(fds, M_TEMP);
	free(bits, M_TEMP);
	if (error == 0)
		td->td_retval[0] = nready;
	return (error);
}

int
linux_select(struct thread *td, struct linux_select_args *args)
{
	struct timespec ts, left;
	struct l_timeval ltv;
	uint64_t sets[3] = { args->readfds, args->writefds,
	    args->exceptfds };
	int error;

	if (args->tvp != 0) {
		error = copyin((const void *)args->tvp, &ltv, sizeof(ltv));
		if (error != 0)
			return (error);
		if (ltv.tv_sec < 0 || ltv.tv_usec < 0 ||
		    ltv.tv_usec >= USEC_PER_SEC)
			return (EINVAL);
		ts.tv_sec = ltv.tv_sec;
		ts.tv_nsec = ltv.tv_usec * NSEC_PER_USEC;
	}
	error = linux_select_common(td, args->nfds, sets,
	    args->tvp != 0 ? &ts : NULL, NULL, &left);
	if ((error == 0 || error == EINTR) && args->tvp != 0) {
		ltv.tv_sec = left.tv_sec;
		ltv.tv_usec = left.tv_nsec / NSEC_PER_USEC;
		(void)copyout(&ltv, (void *)args->tvp, sizeof(ltv));
	}
	return (error);
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
struct l_pselect6_data {
	uint64_t	ss;
	uint64_t	ss_len;
};

int
linux_pselect6(struct thread *td, struct linux_pselect6_args *args)
{
	struct timespec ts, *tsp, left;
	struct l_pselect6_data data;
	struct l_timespec lts;
	uint64_t sets[3] = { args->readfds, args->writefds,
	    args->exceptfds };
	sigset_t mask;
	bool masked = false;
	int error;

	error = linux_copyin_timeout(args->tsp, &ts, &tsp);
	if (error == 0 && args->sig != 0) {
		error = copyin((const void *)args->sig, &data, sizeof(data));
		if (error == 0 && data.ss != 0) {
			error = linux_copyin_mask(data.ss, data.ss_len, &mask);
			masked = true;
		}
	}
	if (error != 0)
		return (error);
	error = linux_select_common(td, args->nfds, sets, tsp,
	    masked ? &mask : NULL, &left);
	if ((error == 0 || error == EINTR) && tsp != NULL) {
		lts.tv_sec = left.tv_sec;
		lts.tv_nsec = left.tv_nsec;
		(void)copyout(&lts, (void *)args->tsp, sizeof(lts));
	}
	return (error);
}
