/*
 * pipe_test: pipes with Linux's semantics.  Data through a pipe and
 * FIONREAD; fstat says FIFO; end of file once every write end is closed
 * (across fork); writing with no reader: EPIPE with SIGPIPE ignored, the
 * handler runs when caught, and the default action kills; pipe2's
 * O_NONBLOCK: EAGAIN on an empty pipe, a full pipe holds 64 KiB, a
 * small write that does not fit writes nothing; pipe2 refuses unknown
 * flags; a large blocking write completes as a reader drains it; writes
 * of PIPE_BUF bytes from three processes are never interleaved; a
 * blocked read is interrupted by a signal (EINTR) and restarted after a
 * handler with SA_RESTART.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define NWRITERS	3
#define NRECORDS	64

static volatile int hits;

static void
count_signal(int sig)
{
	(void)sig;
	hits++;
}

static void
catch_signal(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_signal;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

/* Let other processes run for about ms milliseconds. */
static void
yield_ms(int ms)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 +
	    (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
}

/* Read exactly len bytes (or to end of file); the count read. */
static size_t
read_full(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			break;
		got += n;
	}
	return (got);
}

static void
test_pipe__data_fionread_fstat_wrong_end(void)
{
	struct stat sb;
	char buf[16];
	int fds[2], n = -1;

	TAP_CHECK(pipe(fds) == 0);
	TAP_CHECK(write(fds[1], "hello", 5) == 5);
	TAP_CHECK(ioctl(fds[0], FIONREAD, &n) == 0 && n == 5);
	TAP_CHECK(read(fds[0], buf, sizeof(buf)) == 5 &&
	    memcmp(buf, "hello", 5) == 0);
	TAP_CHECK(fstat(fds[0], &sb) == 0 && S_ISFIFO(sb.st_mode));
	TAP_CHECK(fstat(fds[1], &sb) == 0 && S_ISFIFO(sb.st_mode));
	/* The wrong end: EBADF. */
	TAP_CHECK(write(fds[0], "x", 1) == -1 && errno == EBADF);
	TAP_CHECK(read(fds[1], buf, 1) == -1 && errno == EBADF);
	close(fds[0]);
	close(fds[1]);
}

static void
test_read__eof_once_writers_closed(void)
{
	char buf[64];
	int fds[2], status;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		write(fds[1], "from child", 10);
		_exit(0);
	}
	close(fds[1]);
	TAP_CHECK(read_full(fds[0], buf, sizeof(buf)) == 10 &&
	    memcmp(buf, "from child", 10) == 0);
	TAP_CHECK(read(fds[0], buf, sizeof(buf)) == 0);	/* EOF */
	TAP_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
	close(fds[0]);
}

static void
test_write__no_reader_epipe_sigpipe_ignored(void)
{
	int fds[2];

	pipe(fds);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	TAP_CHECK(write(fds[1], "x", 1) == -1 && errno == EPIPE);
	TAP_CHECK(write(fds[1], "x", 0) == 0);
	signal(SIGPIPE, SIG_DFL);
	close(fds[1]);
}

static void
test_write__no_reader_runs_sigpipe_handler(void)
{
	int fds[2];

	pipe(fds);
	close(fds[0]);
	hits = 0;
	catch_signal(SIGPIPE, 0);
	TAP_CHECK(write(fds[1], "x", 1) == -1 && errno == EPIPE);
	TAP_CHECK(hits == 1);
	signal(SIGPIPE, SIG_DFL);
	close(fds[1]);
}

static void
test_write__no_reader_sigpipe_kills(void)
{
	int fds[2], status;
	pid_t pid;

	pipe(fds);
	close(fds[0]);
	signal(SIGPIPE, SIG_DFL);
	pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	TAP_CHECK(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGPIPE);
	close(fds[1]);
}

static void
test_pipe2__nonblock_capacity_and_flags(void)
{
	static char buf[70000];
	int fds[2];
	ssize_t n, total = 0;

	TAP_CHECK(pipe2(fds, 0x40000000) == -1 && errno == EINVAL);
	TAP_CHECK(pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0);
	TAP_CHECK(read(fds[0], buf, 1) == -1 && errno == EAGAIN);
	while ((n = write(fds[1], buf, PIPE_BUF)) > 0)
		total += n;
	TAP_CHECK(n == -1 && errno == EAGAIN);
	TAP_CHECK(total == 65536);
	/* Room for 1 byte: a small write does not go in at all. */
	TAP_CHECK(read(fds[0], buf, 1) == 1);
	TAP_CHECK(write(fds[1], buf, 2) == -1 && errno == EAGAIN);
	TAP_CHECK(read_full(fds[0], buf, sizeof(buf)) == 65535);
	close(fds[0]);
	close(fds[1]);
}

static void
test_write__large_blocking_completes(void)
{
	static char buf[1 << 20];
	size_t i, got = 0;
	int fds[2], status, bad = 0;
	ssize_t n;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		while ((n = read(fds[0], buf, 3000)) > 0) {
			for (i = 0; i < (size_t)n; i++)
				if (buf[i] != (char)((got + i) % 253))
					bad = 1;
			got += n;
		}
		_exit(bad == 0 && got == sizeof(buf) ? 0 : 1);
	}
	close(fds[0]);
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i % 253);
	TAP_CHECK(write(fds[1], buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	close(fds[1]);
	TAP_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
}

static void
test_write__pipe_buf_never_interleaved(void)
{
	static char rec[PIPE_BUF], buf[NWRITERS * NRECORDS * PIPE_BUF];
	int fds[2], w, r, status, torn = 0, counts[NWRITERS] = { 0 };
	size_t got, i;
	pid_t pids[NWRITERS];

	pipe(fds);
	for (w = 0; w < NWRITERS; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(fds[0]);
			memset(rec, 'a' + w, sizeof(rec));
			for (r = 0; r < NRECORDS; r++)
				if (write(fds[1], rec, sizeof(rec)) !=
				    sizeof(rec))
					_exit(1);
			_exit(0);
		}
	}
	close(fds[1]);
	got = read_full(fds[0], buf, sizeof(buf));
	TAP_CHECK(got == sizeof(buf));
	for (r = 0; r < NWRITERS * NRECORDS; r++) {
		char c = buf[r * PIPE_BUF];

		for (i = 1; i < PIPE_BUF; i++)
			if (buf[r * PIPE_BUF + i] != c)
				torn++;
		if (c >= 'a' && c < 'a' + NWRITERS)
			counts[c - 'a']++;
	}
	TAP_CHECK(torn == 0);
	for (w = 0; w < NWRITERS; w++)
		TAP_CHECK(counts[w] == NRECORDS);
	for (w = 0; w < NWRITERS; w++)
		TAP_CHECK(waitpid(pids[w], &status, 0) == pids[w] &&
		    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(fds[0]);
}

/*
 * A child blocks reading an empty pipe; the parent signals it until it
 * exits.  Without SA_RESTART the read fails with EINTR (exit 0).  With
 * SA_RESTART it resumes and gets the byte written afterwards (exit 0).
 */
static int
interrupted_read(int restart)
{
	int fds[2], status, i;
	char c;
	ssize_t n;
	pid_t pid;

	pipe(fds);
	hits = 0;
	catch_signal(SIGUSR1, restart ? SA_RESTART : 0);	/* inherited */
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		for (;;) {
			n = read(fds[0], &c, 1);
			if (!restart && n == -1 && errno == EINTR)
				_exit(hits > 0 ? 0 : 3);
			if (restart && n == 1 && c == 'x')
				_exit(hits > 0 ? 0 : 4);
			if (n != -1 || errno != EINTR)
				_exit(2);
		}
	}
	signal(SIGUSR1, SIG_DFL);
	close(fds[0]);
	for (i = 0; i < 100; i++) {
		kill(pid, SIGUSR1);
		yield_ms(10);
		if (restart && i == 10)
			break;
		if (waitpid(pid, &status, WNOHANG) == pid)
			goto reaped;
	}
	write(fds[1], "x", 1);
	waitpid(pid, &status, 0);
reaped:
	close(fds[1]);
	return (WIFEXITED(status) ? WEXITSTATUS(status) : 100);
}

static void
test_read__interrupted_eintr(void)
{
	TAP_CHECK(interrupted_read(0) == 0);
}

static void
test_read__restarted_with_sa_restart(void)
{
	TAP_CHECK(interrupted_read(1) == 0);
}

#define CASES(X) X(pipe__data_fionread_fstat_wrong_end) \
	X(read__eof_once_writers_closed) \
	X(write__no_reader_epipe_sigpipe_ignored) \
	X(write__no_reader_runs_sigpipe_handler) \
	X(write__no_reader_sigpipe_kills) \
	X(pipe2__nonblock_capacity_and_flags) \
	X(write__large_blocking_completes) \
	X(write__pipe_buf_never_interleaved) X(read__interrupted_eintr) \
	X(read__restarted_with_sa_restart)
TAP_MAIN(CASES, NULL, NULL)
