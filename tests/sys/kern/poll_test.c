/*
 * poll_test: poll, ppoll, select and pselect on pipes and files.  An
 * empty pipe is not readable (timeout 0 returns 0, a short timeout
 * expires and select writes the time left back); data from a forked
 * child wakes a waiting poll and select; a closed writer is POLLHUP; a
 * closed descriptor is POLLNVAL for poll and EBADF for select; nfds
 * above RLIMIT_NOFILE is EINVAL; a signal (alarm) ends an infinite
 * wait with EINTR; ppoll's mask lets a blocked signal in only during
 * the wait; /dev/null is always ready.
 */
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static volatile int hits;

static void
on_sig(int sig)
{
	(void)sig;
	hits++;
}

/* A child that writes one byte to fd after about 50 ms, then exits. */
static pid_t
late_writer(int fd)
{
	struct timespec ts = { 0, 50000000 };
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		nanosleep(&ts, NULL);
		_exit(write(fd, "x", 1) == 1 ? 0 : 1);
	}
	return (pid);
}

/* A child that sends sig to the parent after about 50 ms. */
static pid_t
late_signal(int sig)
{
	struct timespec ts = { 0, 50000000 };
	pid_t pid, parent = getpid();

	pid = fork();
	if (pid == 0) {
		nanosleep(&ts, NULL);
		_exit(kill(parent, sig) == 0 ? 0 : 1);
	}
	return (pid);
}

static int
reaped_ok(pid_t pid)
{
	int status;

	return (waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
}

int
main(void)
{
	struct pollfd pfd[2];
	struct sigaction sa;
	struct rlimit rl;
	struct timeval tv;
	struct timespec ts;
	sigset_t mask, old, cur;
	fd_set rs, ws;
	int p[2], fd, n;
	pid_t pid;
	char c;

	TAP_CHECK(pipe(p) == 0);
	pfd[0].fd = p[0];
	pfd[0].events = POLLIN;
	pfd[1].fd = p[1];
	pfd[1].events = POLLOUT;
	TAP_CHECK(poll(pfd, 2, 0) == 1);
	TAP_CHECK(pfd[0].revents == 0 && pfd[1].revents == POLLOUT);
	TAP_CHECK(poll(pfd, 1, 30) == 0);

	/* A waiting poll wakes when a child writes. */
	pid = late_writer(p[1]);
	n = poll(pfd, 1, -1);
	TAP_CHECK(n == 1 && pfd[0].revents == POLLIN);
	TAP_CHECK(reaped_ok(pid));
	TAP_CHECK(read(p[0], &c, 1) == 1 && c == 'x');

	/* select: a timeout that expires writes back what is left (0). */
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	tv.tv_sec = 0;
	tv.tv_usec = 30000;
	TAP_CHECK(select(p[0] + 1, &rs, NULL, NULL, &tv) == 0);
	TAP_CHECK(!FD_ISSET(p[0], &rs) && tv.tv_sec == 0 && tv.tv_usec == 0);
	pid = late_writer(p[1]);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	FD_ZERO(&ws);
	FD_SET(p[0], &ws);	/* the read end is never writable */
	tv.tv_sec = 10;
	tv.tv_usec = 0;
	TAP_CHECK(select(p[0] + 1, &rs, &ws, NULL, &tv) == 1);
	TAP_CHECK(FD_ISSET(p[0], &rs) && !FD_ISSET(p[0], &ws));
	TAP_CHECK(tv.tv_sec < 10 || tv.tv_usec == 0);
	TAP_CHECK(reaped_ok(pid));
	TAP_CHECK(read(p[0], &c, 1) == 1);

	/* A signal ends an endless wait: EINTR. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	ualarm(50000, 0);
	TAP_ERRNO("poll interrupted", EINTR, poll(pfd, 1, -1));
	TAP_CHECK(hits == 1);
	ualarm(50000, 0);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	TAP_ERRNO("select interrupted", EINTR,
	    select(p[0] + 1, &rs, NULL, NULL, NULL));
	TAP_CHECK(hits == 2);

	/* ppoll: SIGUSR1, blocked, gets in only during the wait. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	TAP_CHECK(sigprocmask(SIG_BLOCK, &mask, &old) == 0);
	pid = late_signal(SIGUSR1);
	ts.tv_sec = 10;
	ts.tv_nsec = 0;
	TAP_ERRNO("ppoll interrupted", EINTR, ppoll(pfd, 1, &ts, &old));
	TAP_CHECK(hits == 3);
	TAP_CHECK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0 &&
	    sigismember(&cur, SIGUSR1));
	TAP_CHECK(reaped_ok(pid));
	/* pselect with a mask that still blocks it: times out. */
	pid = late_signal(SIGUSR1);
	TAP_CHECK(reaped_ok(pid));
	ts.tv_sec = 0;
	ts.tv_nsec = 20000000;
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	TAP_CHECK(pselect(p[0] + 1, &rs, NULL, NULL, &ts, &cur) == 0);
	TAP_CHECK(hits == 3);
	/* Unblocked, the pending one arrives. */
	TAP_CHECK(sigprocmask(SIG_SETMASK, &old, NULL) == 0);
	TAP_CHECK(hits == 4);

	/* Files are always ready; bad descriptors. */
	fd = open("/dev/null", O_RDWR);
	TAP_CHECK(fd >= 0);
	pfd[1].fd = fd;
	pfd[1].events = POLLIN | POLLOUT;
	TAP_CHECK(poll(&pfd[1], 1, 0) == 1 &&
	    pfd[1].revents == (POLLIN | POLLOUT));
	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	TAP_CHECK(pselect(fd + 1, &rs, NULL, NULL, &ts, NULL) == 1);
	close(fd);
	pfd[1].fd = fd;
	TAP_CHECK(poll(&pfd[1], 1, 0) == 1 && pfd[1].revents == POLLNVAL);
	pfd[1].fd = -1;
	TAP_CHECK(poll(&pfd[1], 1, 0) == 0 && pfd[1].revents == 0);
	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	TAP_ERRNO("select closed fd", EBADF,
	    select(fd + 1, &rs, NULL, NULL, NULL));
	TAP_CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	TAP_ERRNO("poll nfds > RLIMIT_NOFILE", EINVAL,
	    poll(pfd, rl.rlim_cur + 1, 0));
	ts.tv_nsec = 1000000000;
	TAP_ERRNO("ppoll tv_nsec 1e9", EINVAL, ppoll(pfd, 1, &ts, NULL));

	/* The writer closed: POLLHUP on the read end. */
	close(p[1]);
	TAP_CHECK(poll(pfd, 1, -1) == 1 && (pfd[0].revents & POLLHUP));
	close(p[0]);
	return (tap_done());
}
