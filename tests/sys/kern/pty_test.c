/*
 * pty_test: pseudo-terminals, Linux's Unix 98 ptys: posix_openpt
 * (/dev/ptmx), grantpt, unlockpt, ptsname (/dev/pts/N); a locked slave's
 * open is EIO; data both ways through the line discipline (echo,
 * ONLCR, raw mode); poll on both sides; the master's read is EAGAIN
 * (O_NONBLOCK) with nothing, EIO once the slave is closed (POLLHUP);
 * the master's close hangs the slave up (reads see end of file, writes
 * EIO, /dev/pts/N gone) and sends SIGHUP to the session's leader; a
 * session leader's open without O_NOCTTY makes the slave its
 * controlling terminal (/dev/tty, ^C to the foreground group); the
 * window size on both sides, SIGWINCH; 256 KiB through the slave.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

static const char *no_ptmx;

static void
setup(void)
{
	struct stat sb;

	/* The kernel's test mode may run us with no /dev. */
	if (stat("/dev/ptmx", &sb) != 0)
		no_ptmx = "no /dev/ptmx";
}

static int
skipped(void)
{
	if (no_ptmx == NULL)
		return (0);
#ifdef TAP_ATF
	atf_tc_fail("%s", no_ptmx);
#endif
	printf("ok %d # SKIP %s\n", ++tap_n, no_ptmx);
	return (1);
}

/* A new pair: the master, its slave's name in name; -1 on failure. */
static int
pty_master(char *name, size_t len)
{
	int m;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0)
		return (-1);
	if (grantpt(m) != 0 || unlockpt(m) != 0 ||
	    ptsname_r(m, name, len) != 0) {
		close(m);
		return (-1);
	}
	return (m);
}

/* Read what is there within a second into buf (NUL-ended): the count. */
static ssize_t
read_wait(int fd, char *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, 1000) != 1)
		return (-2);
	n = read(fd, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
	return (n);
}

/* Whether /dev/pts lists name (the last component). */
static int
pts_listed(const char *name)
{
	const char *base = strrchr(name, '/') + 1;
	struct dirent *de;
	DIR *d;
	int found = 0;

	d = opendir("/dev/pts");
	if (d == NULL)
		return (0);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, base) == 0)
			found = 1;
	closedir(d);
	return (found);
}

static void
test_open__ptmx_ptn_lock_ptsname(void)
{
	char name[64], want[64], link[128], path[64];
	struct stat sb;
	unsigned int n;
	int m, s, lock = -1;
	ssize_t len;

	if (skipped())
		return;
	m = posix_openpt(O_RDWR | O_NOCTTY);
	TAP_CHECK(m >= 0);
	TAP_CHECK(fstat(m, &sb) == 0 && S_ISCHR(sb.st_mode) &&
	    sb.st_rdev == makedev(5, 2));
	TAP_CHECK(isatty(m));
	TAP_CHECK(ioctl(m, TIOCGPTN, &n) == 0);
	TAP_CHECK(ioctl(m, TIOCGPTLCK, &lock) == 0 && lock == 1);
	snprintf(want, sizeof(want), "/dev/pts/%u", n);
	TAP_CHECK(ptsname_r(m, name, sizeof(name)) == 0 &&
	    strcmp(name, want) == 0);
	TAP_ERRNO("open of a locked slave", EIO, open(want, O_RDWR | O_NOCTTY));
	TAP_CHECK(grantpt(m) == 0);
	TAP_CHECK(unlockpt(m) == 0);
	TAP_CHECK(ioctl(m, TIOCGPTLCK, &lock) == 0 && lock == 0);
	s = open(want, O_RDWR | O_NOCTTY);
	TAP_CHECK(s >= 0);
	TAP_CHECK(isatty(s));
	TAP_CHECK(fstat(s, &sb) == 0 && S_ISCHR(sb.st_mode) &&
	    sb.st_rdev == makedev(136, n));
	TAP_CHECK(stat(want, &sb) == 0 && S_ISCHR(sb.st_mode) &&
	    sb.st_rdev == makedev(136, n));
	TAP_CHECK(pts_listed(want));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", s);
	len = readlink(path, link, sizeof(link) - 1);
	link[len > 0 ? len : 0] = '\0';
	TAP_CHECK(strcmp(link, want) == 0);
	close(s);
	close(m);
}

static void
test_data__both_ways_through_the_line_discipline(void)
{
	char name[64], buf[256];
	struct termios t;
	int m, s;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	s = open(name, O_RDWR | O_NOCTTY);
	TAP_CHECK(s >= 0);
	/* Typed into the master: a line for the slave, echoed back. */
	TAP_CHECK(write(m, "hello\r", 6) == 6);
	TAP_CHECK(read_wait(s, buf, sizeof(buf)) == 6 &&
	    strcmp(buf, "hello\n") == 0);
	TAP_CHECK(read_wait(m, buf, sizeof(buf)) == 7 &&
	    strcmp(buf, "hello\r\n") == 0);
	/* The slave's output, NL as CR NL. */
	TAP_CHECK(write(s, "out\n", 4) == 4);
	TAP_CHECK(read_wait(m, buf, sizeof(buf)) == 5 &&
	    strcmp(buf, "out\r\n") == 0);
	/* Erase: the line is edited before the slave sees it. */
	TAP_CHECK(write(m, "ab\x7f" "c\n", 5) == 5);
	TAP_CHECK(read_wait(s, buf, sizeof(buf)) == 3 &&
	    strcmp(buf, "ac\n") == 0);
	(void)read_wait(m, buf, sizeof(buf));
	/* Raw mode: every byte at once, no echo. */
	TAP_CHECK(tcgetattr(s, &t) == 0);
	cfmakeraw(&t);
	TAP_CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	TAP_CHECK(write(m, "xyz", 3) == 3);
	TAP_CHECK(read_wait(s, buf, sizeof(buf)) == 3 &&
	    strcmp(buf, "xyz") == 0);
	TAP_CHECK(write(s, "a\nb", 3) == 3);
	TAP_CHECK(read_wait(m, buf, sizeof(buf)) == 3 &&
	    strcmp(buf, "a\nb") == 0);
	close(s);
	close(m);
}

static void
test_poll__both_sides_and_nonblocking_reads(void)
{
	struct pollfd p[2], q;
	char name[64], buf[64];
	int m, s;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	s = open(name, O_RDWR | O_NOCTTY | O_NONBLOCK);
	TAP_CHECK(s >= 0);
	TAP_CHECK(fcntl(m, F_SETFL, O_NONBLOCK) == 0);
	TAP_ERRNO("master read, nothing written", EAGAIN, read(m, buf, 64));
	TAP_ERRNO("slave read, nothing typed", EAGAIN, read(s, buf, 64));
	p[0] = (struct pollfd){ .fd = m, .events = POLLIN | POLLOUT };
	p[1] = (struct pollfd){ .fd = s, .events = POLLIN | POLLOUT };
	TAP_CHECK(poll(p, 2, 0) == 2 && p[0].revents == POLLOUT &&
	    p[1].revents == POLLOUT);
	/* A line for the slave (its echo for the master). */
	TAP_CHECK(write(m, "x\n", 2) == 2);
	/* (Linux moves the bytes in a worker: wait for both sides.) */
	q = (struct pollfd){ .fd = s, .events = POLLIN };
	TAP_CHECK(poll(&q, 1, 1000) == 1);
	q = (struct pollfd){ .fd = m, .events = POLLIN };
	TAP_CHECK(poll(&q, 1, 1000) == 1);
	TAP_CHECK(poll(p, 2, 0) == 2 &&
	    p[0].revents == (POLLIN | POLLOUT) &&
	    p[1].revents == (POLLIN | POLLOUT));
	TAP_CHECK(read(s, buf, sizeof(buf)) == 2);
	TAP_CHECK(read(m, buf, sizeof(buf)) == 3);
	TAP_CHECK(poll(p, 2, 0) == 2 && p[0].revents == POLLOUT &&
	    p[1].revents == POLLOUT);
	/* An incomplete line is not readable yet. */
	TAP_CHECK(write(m, "y", 1) == 1);
	(void)read_wait(m, buf, sizeof(buf));
	p[1].events = POLLIN;
	TAP_CHECK(poll(&p[1], 1, 100) == 0);
	TAP_ERRNO("slave read, half a line", EAGAIN, read(s, buf, 64));
	close(s);
	close(m);
}

static void
test_slave_closed__master_read_eio_pollhup(void)
{
	struct pollfd p;
	char name[64], buf[64];
	int m, s;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	s = open(name, O_RDWR | O_NOCTTY);
	TAP_CHECK(s >= 0);
	TAP_CHECK(write(s, "bye\n", 4) == 4);
	close(s);
	/* What the slave wrote is still there, then EIO. */
	p = (struct pollfd){ .fd = m, .events = POLLIN };
	TAP_CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLHUP));
	TAP_CHECK(read(m, buf, sizeof(buf)) == 5);
	TAP_ERRNO("master read, the slave closed", EIO, read(m, buf, 64));
	TAP_CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLHUP);
	/* The slave can be opened again. */
	s = open(name, O_RDWR | O_NOCTTY);
	TAP_CHECK(s >= 0);
	TAP_CHECK(poll(&p, 1, 0) == 0);
	close(s);
	close(m);
}

static void
test_master_closed__slave_hung_up(void)
{
	struct pollfd p;
	struct termios t;
	char name[64], buf[64];
	int m, s;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	s = open(name, O_RDWR | O_NOCTTY);
	TAP_CHECK(s >= 0);
	close(m);
	TAP_CHECK(read(s, buf, sizeof(buf)) == 0);
	TAP_ERRNO("slave write, hung up", EIO, write(s, "x", 1));
	TAP_ERRNO("tcgetattr, hung up", EIO, tcgetattr(s, &t));
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLOUT };
	TAP_CHECK(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) &&
	    (p.revents & POLLIN));
	TAP_ERRNO("open of the slave, master closed", ENOENT,
	    open(name, O_RDWR | O_NOCTTY));
	TAP_CHECK(!pts_listed(name));
	close(s);
}

/*
 * A child leads a session and opens the slave without O_NOCTTY: its
 * controlling terminal.  It tells us over a pipe, then waits in a read.
 * It closes its copy of the master m.
 */
static pid_t
spawn_leader(int m, const char *name, int *pfd, void (*then)(int))
{
	char c;
	pid_t pid;
	int fds[2], s, t;

	if (pipe(fds) != 0)
		return (-1);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		close(m);		/* the parent's to close */
		tap_check(setsid() == getpid(), "child: setsid");
		s = open(name, O_RDWR);
		tap_check(s >= 0, "child: open the slave");
		tap_check(tcgetsid(s) == getpid(), "child: its session's");
		tap_check(tcgetpgrp(s) == getpid(), "child: foreground");
		t = open("/dev/tty", O_RDWR);
		tap_check(t >= 0 && isatty(t), "child: /dev/tty");
		if (then != NULL)
			then(s);
		c = 'r';
		(void)write(fds[1], &c, 1);
		for (;;)
			(void)read(s, &c, 1);
	}
	close(fds[1]);
	*pfd = fds[0];
	return (pid);
}

static void
test_master_closed__sighup_to_the_leader(void)
{
	char name[64], c;
	int m, pfd, st;
	pid_t pid;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	pid = spawn_leader(m, name, &pfd, NULL);
	TAP_CHECK(pid > 0);
	TAP_CHECK(read(pfd, &c, 1) == 1);
	close(m);
	TAP_CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGHUP);
	close(pfd);
}

static void
test_ctty__intr_to_the_foreground(void)
{
	char name[64], c;
	int m, pfd, st;
	pid_t pid;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	pid = spawn_leader(m, name, &pfd, NULL);
	TAP_CHECK(pid > 0);
	TAP_CHECK(read(pfd, &c, 1) == 1);
	TAP_CHECK(write(m, "\003", 1) == 1);	/* ^C */
	TAP_CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGINT);
	close(pfd);
	close(m);
}

/*
 * /proc/<pid>/stat of a process whose controlling terminal is the
 * slave: tty_nr (field 7) is the slave's device number, tpgid (8) its
 * foreground group.
 */
static void
test_ctty__proc_stat_tty_nr(void)
{
	char name[64], path[64], buf[512], c, *p;
	long tty_nr = -1, tpgid = -1;
	struct stat sb;
	int m, pfd, st, fd;
	ssize_t n;
	pid_t pid;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	TAP_CHECK(stat(name, &sb) == 0 && S_ISCHR(sb.st_mode));
	pid = spawn_leader(m, name, &pfd, NULL);
	TAP_CHECK(pid > 0);
	TAP_CHECK(read(pfd, &c, 1) == 1);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strrchr(buf, ')');
	TAP_CHECK(p != NULL && sscanf(p + 2, "%*c %*d %*d %*d %ld %ld",
	    &tty_nr, &tpgid) == 2);
	printf("# tty_nr %#lx, the slave %#lx\n", tty_nr,
	    (unsigned long)sb.st_rdev);
	tap_check(tty_nr == (long)sb.st_rdev, "tty_nr is the slave's device");
	tap_check(tpgid == pid, "tpgid is the leader's group");
	kill(pid, SIGKILL);
	TAP_CHECK(waitpid(pid, &st, 0) == pid);
	close(pfd);
	close(m);
}

/*
 * ^C typed on the master by another user still reaches the slave's
 * foreground group: the terminal sends it, not the writer (Linux sends
 * it as the kernel, without kill's permission check).  Needs root (to
 * become someone else).
 */
static void
test_ctty__intr_typed_by_another_user(void)
{
	char name[64], c;
	int m, pfd, st;
	pid_t pid, w;

	if (skipped())
		return;
	if (geteuid() != 0) {
#ifdef TAP_ATF
		atf_tc_skip("needs root to type as another user");
#endif
		printf("ok %d # SKIP not root\n", ++tap_n);
		return;
	}
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	pid = spawn_leader(m, name, &pfd, NULL);
	TAP_CHECK(pid > 0);
	TAP_CHECK(read(pfd, &c, 1) == 1);
	w = fork();
	if (w == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(2);
		_exit(write(m, "\003", 1) == 1 ? 0 : 1);
	}
	TAP_CHECK(waitpid(w, &st, 0) == w && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	TAP_CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGINT);
	close(pfd);
	close(m);
}

static void
winch(int sig)
{
	(void)sig;
	_exit(42);
}

static void
catch_winch(int s)
{
	(void)s;
	signal(SIGWINCH, winch);
}

static void
test_winsize__both_sides_and_sigwinch(void)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 }, got;
	char name[64], c;
	int m, s, pfd, st;
	pid_t pid;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	s = open(name, O_RDWR | O_NOCTTY);
	TAP_CHECK(s >= 0);
	TAP_CHECK(ioctl(m, TIOCSWINSZ, &ws) == 0);
	memset(&got, 0, sizeof(got));
	TAP_CHECK(ioctl(s, TIOCGWINSZ, &got) == 0 && got.ws_row == 24 &&
	    got.ws_col == 80);
	ws.ws_col = 100;
	TAP_CHECK(ioctl(s, TIOCSWINSZ, &ws) == 0);
	TAP_CHECK(ioctl(m, TIOCGWINSZ, &got) == 0 && got.ws_col == 100);
	/* A change from the master: SIGWINCH to the foreground group. */
	pid = spawn_leader(m, name, &pfd, catch_winch);
	TAP_CHECK(pid > 0);
	TAP_CHECK(read(pfd, &c, 1) == 1);
	ws.ws_row = 50;
	TAP_CHECK(ioctl(m, TIOCSWINSZ, &ws) == 0);
	TAP_CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 42);
	close(pfd);
	close(s);
	close(m);
}

/* 256 KiB from the slave, in raw mode: the writer waits for room. */
static void
test_data__a_large_transfer(void)
{
	static char buf[65536];
	struct termios t;
	char name[64];
	size_t total = 0, i;
	ssize_t n;
	int m, s, st, ok = 1;
	pid_t pid;

	if (skipped())
		return;
	m = pty_master(name, sizeof(name));
	TAP_CHECK(m >= 0);
	s = open(name, O_RDWR | O_NOCTTY);
	TAP_CHECK(s >= 0);
	TAP_CHECK(tcgetattr(s, &t) == 0);
	cfmakeraw(&t);
	TAP_CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	pid = fork();
	if (pid == 0) {
		close(m);
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = (char)('a' + i % 26);
		for (i = 0; i < 4; i++)
			if (write(s, buf, sizeof(buf)) != sizeof(buf))
				_exit(1);
		_exit(0);
	}
	close(s);
	while (total < 4 * sizeof(buf)) {
		n = read(m, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (i = 0; i < (size_t)n; i++)
			if (buf[i] != (char)('a' + (total + i) % 65536 % 26))
				ok = 0;
		total += (size_t)n;
	}
	TAP_CHECK(total == 4 * sizeof(buf));
	TAP_CHECK(ok);
	TAP_CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	close(m);
}

#define CASES(X)							\
	X(open__ptmx_ptn_lock_ptsname)					\
	X(data__both_ways_through_the_line_discipline)			\
	X(poll__both_sides_and_nonblocking_reads)			\
	X(slave_closed__master_read_eio_pollhup)			\
	X(master_closed__slave_hung_up)					\
	X(master_closed__sighup_to_the_leader)				\
	X(ctty__intr_to_the_foreground)					\
	X(ctty__intr_typed_by_another_user)				\
	X(ctty__proc_stat_tty_nr)					\
	X(winsize__both_sides_and_sigwinch)				\
	X(data__a_large_transfer)
TAP_MAIN(CASES, setup, NULL)
