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

/* A pipe p, pfd[0] polling its read end (POLLIN), pfd[1] its write end. */
static void
pipe_pfd(int p[2], struct pollfd pfd[2])
{
	TAP_CHECK(pipe(p) == 0);
	pfd[0].fd = p[0];
	pfd[0].events = POLLIN;
	pfd[1].fd = p[1];
	pfd[1].events = POLLOUT;
}

static void
close_pipe(int p[2])
{
	close(p[0]);
	close(p[1]);
}

static void
test_poll__empty_pipe_not_readable(void)
{
	struct pollfd pfd[2];
	int p[2];

	pipe_pfd(p, pfd);
	TAP_CHECK(poll(pfd, 2, 0) == 1);
	TAP_CHECK(pfd[0].revents == 0 && pfd[1].revents == POLLOUT);
	TAP_CHECK(poll(pfd, 1, 30) == 0);
	close_pipe(p);
}

/* A waiting poll wakes when a child writes. */
static void
test_poll__wakes_when_child_writes(void)
{
	struct pollfd pfd[2];
	int p[2], n;
	pid_t pid;
	char c;

	pipe_pfd(p, pfd);
	pid = late_writer(p[1]);
	n = poll(pfd, 1, -1);
	TAP_CHECK(n == 1 && pfd[0].revents == POLLIN);
	TAP_CHECK(reaped_ok(pid));
	TAP_CHECK(read(p[0], &c, 1) == 1 && c == 'x');
	close_pipe(p);
}

/* select: a timeout that expires writes back what is left (0). */
static void
test_select__timeout_writes_back_time_left(void)
{
	struct pollfd pfd[2];
	struct timeval tv;
	fd_set rs;
	int p[2];

	pipe_pfd(p, pfd);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	tv.tv_sec = 0;
	tv.tv_usec = 30000;
	TAP_CHECK(select(p[0] + 1, &rs, NULL, NULL, &tv) == 0);
	TAP_CHECK(!FD_ISSET(p[0], &rs) && tv.tv_sec == 0 && tv.tv_usec == 0);
	close_pipe(p);
}

static void
test_select__wakes_when_child_writes(void)
{
	struct pollfd pfd[2];
	struct timeval tv;
	fd_set rs, ws;
	int p[2];
	pid_t pid;
	char c;

	pipe_pfd(p, pfd);
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
	close_pipe(p);
}

/* on_sig for SIGALRM and SIGUSR1; hits from 0. */
static void
catch_signals(void)
{
	struct sigaction sa;

	hits = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

/* A signal ends an endless wait: EINTR. */
static void
test_poll_select__signal_ends_endless_wait(void)
{
	struct pollfd pfd[2];
	fd_set rs;
	int p[2];

	pipe_pfd(p, pfd);
	catch_signals();
	ualarm(50000, 0);
	TAP_ERRNO("poll interrupted", EINTR, poll(pfd, 1, -1));
	TAP_CHECK(hits == 1);
	ualarm(50000, 0);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	TAP_ERRNO("select interrupted", EINTR,
	    select(p[0] + 1, &rs, NULL, NULL, NULL));
	TAP_CHECK(hits == 2);
	close_pipe(p);
}

/*
 * ppoll: SIGUSR1, blocked, gets in only during the wait; pselect with
 * a mask that still blocks it times out; unblocked, the pending one
 * arrives.
 */
static void
test_ppoll_pselect__mask_during_wait(void)
{
	struct pollfd pfd[2];
	struct timespec ts;
	sigset_t mask, old, cur;
	fd_set rs;
	int p[2];
	pid_t pid;

	pipe_pfd(p, pfd);
	catch_signals();
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	TAP_CHECK(sigprocmask(SIG_BLOCK, &mask, &old) == 0);
	pid = late_signal(SIGUSR1);
	ts.tv_sec = 10;
	ts.tv_nsec = 0;
	TAP_ERRNO("ppoll interrupted", EINTR, ppoll(pfd, 1, &ts, &old));
	TAP_CHECK(hits == 1);
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
	TAP_CHECK(hits == 1);
	/* Unblocked, the pending one arrives. */
	TAP_CHECK(sigprocmask(SIG_SETMASK, &old, NULL) == 0);
	TAP_CHECK(hits == 2);
	close_pipe(p);
}

/* Files are always ready; a closed descriptor is POLLNVAL or EBADF. */
static void
test_poll_select__devnull_ready_closed_fd_bad(void)
{
	struct pollfd pfd;
	struct timespec ts;
	fd_set rs;
	int fd;

	fd = open("/dev/null", O_RDWR);
	TAP_CHECK(fd >= 0);
	pfd.fd = fd;
	pfd.events = POLLIN | POLLOUT;
	TAP_CHECK(poll(&pfd, 1, 0) == 1 &&
	    pfd.revents == (POLLIN | POLLOUT));
	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	TAP_CHECK(pselect(fd + 1, &rs, NULL, NULL, &ts, NULL) == 1);
	close(fd);
	pfd.fd = fd;
	TAP_CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLNVAL);
	pfd.fd = -1;
	TAP_CHECK(poll(&pfd, 1, 0) == 0 && pfd.revents == 0);
	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	TAP_ERRNO("select closed fd", EBADF,
	    select(fd + 1, &rs, NULL, NULL, NULL));
}

static void
test_poll_ppoll__bad_arguments_einval(void)
{
	struct pollfd pfd[2];
	struct timespec ts;
	struct rlimit rl;
	int p[2];

	pipe_pfd(p, pfd);
	TAP_CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	TAP_ERRNO("poll nfds > RLIMIT_NOFILE", EINVAL,
	    poll(pfd, rl.rlim_cur + 1, 0));
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000000;
	TAP_ERRNO("ppoll tv_nsec 1e9", EINVAL, ppoll(pfd, 1, &ts, NULL));
	close_pipe(p);
}

/* The writer closed: POLLHUP on the read end. */
static void
test_poll__writer_closed_pollhup(void)
{
	struct pollfd pfd[2];
	int p[2];

	pipe_pfd(p, pfd);
	close(p[1]);
	TAP_CHECK(poll(pfd, 1, -1) == 1 && (pfd[0].revents & POLLHUP));
	close(p[0]);
}

#define CASES(X) X(poll__empty_pipe_not_readable) \
	X(poll__wakes_when_child_writes) \
	X(select__timeout_writes_back_time_left) \
	X(select__wakes_when_child_writes) \
	X(poll_select__signal_ends_endless_wait) \
	X(ppoll_pselect__mask_during_wait) \
	X(poll_select__devnull_ready_closed_fd_bad) \
	X(poll_ppoll__bad_arguments_einval) X(poll__writer_closed_pollhup)
TAP_MAIN(CASES, NULL, NULL)
