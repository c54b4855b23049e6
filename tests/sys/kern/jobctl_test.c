/*
 * jobctl_test: job control on a terminal, orphaned process groups, the
 * CPU-time interval timers and the children's CPU time, as Linux.
 *
 * Terminal cases (background_*, orphaned_background__*, dev_tty__*):
 * each runs its part in a process X that leads a session whose
 * controlling terminal is tfd and whose group is the terminal's
 * foreground (with_terminal):
 *   - a pseudo-terminal's slave, taken (TIOCSCTTY) by a child that
 *     leads a new session (Linux and Umbra, plain or under Kyua);
 *   - else /dev/tty when this program already leads the session the
 *     console controls (Umbra's test mode, umbra.utest=1: the kernel
 *     gives the program the console as its controlling terminal; the
 *     console reads as end of file there);
 *   - else the case is skipped: with no /dev/ptmx under Kyua, the case
 *     leads a session of its own (no controlling terminal) and the
 *     console is the controlling terminal of Kyua's session.
 * X's own group is orphaned (its parent is in another session); the
 * children it puts in groups of their own are not (X, their parent, is
 * in another group of the session).  Reads are non-canonical with VMIN
 * 0 and VTIME 1, so a read that is allowed ends at once with 0.
 *
 * The other cases need no terminal: stop signals in an orphaned group,
 * SIGHUP and SIGCONT for a group orphaned with a stopped member (by its
 * parent's exit, and by the exit of its last link), ITIMER_VIRTUAL and
 * ITIMER_PROF, getrusage(RUSAGE_CHILDREN) and times().
 *
 * A child reports through its exit status (child_code) or a pipe; checks
 * that fail in a child fail the case (tap.h), and X's exit status tells
 * the plain program.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

/* --- helpers -------------------------------------------------------- */

/* A call's result as a child's exit status: 0-50 a count, 100 + errno. */
static int
child_code(long r)
{
	if (r < 0)
		return (100 + errno);
	return (r > 50 ? 50 : (int)r);
}

/* Skip the case (ATF), or say so in TAP (plain). */
static void
skip(const char *why)
{
#ifdef TAP_ATF
	atf_tc_skip("%s", why);
#endif
	printf("ok %d # SKIP %s\n", ++tap_n, why);
	fflush(stdout);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* User plus system CPU time of who (RUSAGE_SELF, RUSAGE_CHILDREN), s. */
static double
cpu_s(int who)
{
	struct rusage ru;

	if (getrusage(who, &ru) != 0)
		return (-1);
	return (ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

/* Spin in user mode until this process has used sec of CPU time. */
static void
spin_cpu(double sec)
{
	volatile unsigned long n = 0;
	double end = now_s() + 30;
	int i;

	while (cpu_s(RUSAGE_SELF) < sec && now_s() < end)
		for (i = 0; i < 100000; i++)
			n++;
}

/* A pipe's read end ready within ms, and what it gives (at most len). */
static ssize_t
read_within(int fd, char *buf, size_t len, int ms)
{
	struct pollfd pfd = { fd, POLLIN, 0 };

	if (poll(&pfd, 1, ms) != 1)
		return (-1);
	return (read(fd, buf, len));
}

/* --- the terminal ---------------------------------------------------- */

static char no_term[300];	/* why there is no terminal */

/*
 * with_terminal: run part(fd) in a process leading a session whose
 * controlling terminal is fd and whose group is fd's foreground (see
 * the top of the file).  The terminal is non-canonical (VMIN 0, VTIME
 * 1) during part, its settings restored after.  Skips the case when
 * there is no such terminal.
 */
static void
with_terminal(void (*part)(int fd))
{
	struct termios saved, t;
	const char *name;
	int m, fd, out, cons, st = -1;
	pid_t pid;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0 &&
	    (name = ptsname(m)) != NULL) {
		printf("# terminal: %s\n", name);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			TAP_CHECK(setsid() == getpid());
			fd = open(name, O_RDWR);
			TAP_CHECK(fd >= 0 && ioctl(fd, TIOCSCTTY, 0) == 0);
			TAP_CHECK(tcgetattr(fd, &t) == 0);
			t.c_lflag &= ~(ICANON | ECHO);
			t.c_cc[VMIN] = 0;
			t.c_cc[VTIME] = 1;
			TAP_CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
			part(fd);
			fflush(stdout);
			_exit(tap_failed != 0);
		}
		TAP_CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
		tap_check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		    "the terminal's session leader ended well");
		close(m);
		return;
	}
	snprintf(no_term, sizeof(no_term), "no pseudo-terminal (/dev/ptmx: "
	    "%s)", strerror(errno));
	if (m >= 0)
		close(m);
	fd = open("/dev/tty", O_RDWR);
	if (fd < 0) {
		snprintf(no_term + strlen(no_term), sizeof(no_term) -
		    strlen(no_term), ", no controlling terminal (/dev/tty: "
		    "%s): under Kyua the case leads a session of its own, "
		    "and the console controls Kyua's; the plain jobctl_test "
		    "(umbra.utest=1) runs this on the console",
		    strerror(errno));
		skip(no_term);
		return;
	}
	if (getsid(0) != getpid() || tcgetpgrp(fd) != getpgrp()) {
		snprintf(no_term + strlen(no_term), sizeof(no_term) -
		    strlen(no_term), ", and this process does not lead the "
		    "session of its controlling terminal in the foreground");
		close(fd);
		skip(no_term);
		return;
	}
	printf("# %s; terminal: /dev/tty, this process's (the console)\n",
	    no_term);
	/*
	 * The program's output goes to the console too: through
	 * /dev/console, which is out of job control (as Linux's), it is
	 * not lost while this process is in the background under TOSTOP.
	 */
	fflush(stdout);
	out = dup(STDOUT_FILENO);
	cons = open("/dev/console", O_WRONLY);
	if (cons >= 0)
		(void)dup2(cons, STDOUT_FILENO);
	TAP_CHECK(tcgetattr(fd, &saved) == 0);
	t = saved;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	TAP_CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
	part(fd);
	TAP_CHECK(tcsetattr(fd, TCSANOW, &saved) == 0);
	close(fd);
	fflush(stdout);
	if (cons >= 0 && out >= 0) {
		(void)dup2(out, STDOUT_FILENO);
		close(cons);
	}
	if (out >= 0)
		close(out);
}

/* Block (how SIG_BLOCK) or unblock SIGTTOU, as a shell does around
   tcsetpgrp from the background. */
static void
ttou_mask(int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTTOU);
	sigprocmask(how, &set, NULL);
}

/* Make pgid the foreground (from anywhere: SIGTTOU blocked). */
static int
set_fg(int fd, pid_t pgid)
{
	int r;

	ttou_mask(SIG_BLOCK);
	r = tcsetpgrp(fd, pgid);
	ttou_mask(SIG_UNBLOCK);
	return (r);
}

/* A child in background group pgid (0: its own) returning fn(fd). */
static pid_t
bg_child_in(int fd, int (*fn)(int), pid_t pgid)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)setpgid(0, pgid);
		_exit(fn(fd));
	}
	(void)setpgid(pid, pgid == 0 ? pid : pgid);
	return (pid);
}

static pid_t
bg_child(int fd, int (*fn)(int))
{
	return (bg_child_in(fd, fn, 0));
}

/* A child that pauses, in group pgid (0: its own). */
static pid_t
pauser(pid_t pgid)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)setpgid(0, pgid);
		for (;;)
			pause();
	}
	(void)setpgid(pid, pgid == 0 ? pid : pgid);
	return (pid);
}

static void
reap(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	(void)waitpid(pid, &st, 0);
}

/* pid stopped by sig (WUNTRACED). */
static bool
stopped_by(pid_t pid, int sig)
{
	int st;

	return (waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) &&
	    WSTOPSIG(st) == sig);
}

/* pid exited with code. */
static bool
exited_with(pid_t pid, int code)
{
	int st;

	if (waitpid(pid, &st, WUNTRACED) != pid)
		return (false);
	if (!WIFEXITED(st))
		printf("# pid %d: status %#x\n", (int)pid, st);
	else if (WEXITSTATUS(st) != code)
		printf("# pid %d: exit %d, not %d\n", (int)pid,
		    WEXITSTATUS(st), code);
	return (WIFEXITED(st) && WEXITSTATUS(st) == code);
}

/* --- background reads ------------------------------------------------ */

static int
do_read(int fd)
{
	char c;

	return (child_code(read(fd, &c, 1)));
}

static int
do_read_ttin_ignored(int fd)
{
	signal(SIGTTIN, SIG_IGN);
	return (do_read(fd));
}

static int
do_read_ttin_blocked(int fd)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTTIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return (do_read(fd));
}

static volatile int ttin_hits;

static void
on_ttin(int sig)
{
	(void)sig;
	ttin_hits++;
}

/* A SIGTTIN handler without SA_RESTART: the read fails with EINTR. */
static int
do_read_ttin_handler(int fd)
{
	struct sigaction sa;
	int code;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_ttin;
	sigaction(SIGTTIN, &sa, NULL);
	code = do_read(fd);
	return (ttin_hits == 1 ? code : 99);
}

/*
 * A background read stops the reader's whole group with SIGTTIN; once
 * continued in the foreground, the read starts again and goes through.
 */
static void
bg_read_part(int fd)
{
	pid_t g, c;

	g = pauser(0);				/* leads the group */
	c = bg_child_in(fd, do_read, g);
	TAP_CHECK(stopped_by(c, SIGTTIN));
	TAP_CHECK(stopped_by(g, SIGTTIN));	/* sent to the group */
	TAP_CHECK(set_fg(fd, g) == 0);
	TAP_CHECK(kill(-g, SIGCONT) == 0);
	TAP_CHECK(exited_with(c, 0));		/* VTIME: nothing to read */
	TAP_CHECK(set_fg(fd, getpgrp()) == 0);
	reap(g);
}

static void
test_background_read__sigttin_stops_group(void)
{
	with_terminal(bg_read_part);
}

/* SIGTTIN ignored or blocked: EIO; caught: EINTR. */
static void
bg_read_eio_part(int fd)
{
	pid_t c;

	c = bg_child(fd, do_read_ttin_ignored);
	TAP_CHECK(exited_with(c, 100 + EIO));
	c = bg_child(fd, do_read_ttin_blocked);
	TAP_CHECK(exited_with(c, 100 + EIO));
	c = bg_child(fd, do_read_ttin_handler);
	TAP_CHECK(exited_with(c, 100 + EINTR));
}

static void
test_background_read__ignored_eio_caught_eintr(void)
{
	with_terminal(bg_read_eio_part);
}

/* --- background writes and settings ------------------------------------ */

static const char bg_msg[] = "jobctl_test: a background write\n";

static int
do_write(int fd)
{
	return (child_code(write(fd, bg_msg, sizeof(bg_msg) - 1)));
}

static int
do_write_ttou_ignored(int fd)
{
	signal(SIGTTOU, SIG_IGN);
	return (do_write(fd));
}

static void
set_tostop(int fd, bool on)
{
	struct termios t;

	TAP_CHECK(tcgetattr(fd, &t) == 0);
	if (on)
		t.c_lflag |= TOSTOP;
	else
		t.c_lflag &= ~TOSTOP;
	TAP_CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
}

/*
 * Without TOSTOP a background write goes through; with it, SIGTTOU
 * stops the writer, again when continued in the background, and the
 * write goes through once it is in the foreground; SIGTTOU ignored: it
 * goes through.
 */
static void
bg_write_part(int fd)
{
	int len = (int)sizeof(bg_msg) - 1;
	pid_t c;

	c = bg_child(fd, do_write);
	TAP_CHECK(exited_with(c, len));
	set_tostop(fd, true);
	c = bg_child(fd, do_write);
	TAP_CHECK(stopped_by(c, SIGTTOU));
	TAP_CHECK(kill(c, SIGCONT) == 0);
	TAP_CHECK(stopped_by(c, SIGTTOU));	/* the write started again */
	TAP_CHECK(set_fg(fd, c) == 0);
	TAP_CHECK(kill(c, SIGCONT) == 0);
	TAP_CHECK(exited_with(c, len));
	TAP_CHECK(set_fg(fd, getpgrp()) == 0);
	c = bg_child(fd, do_write_ttou_ignored);
	TAP_CHECK(exited_with(c, len));
	set_tostop(fd, false);
}

static void
test_background_write__tostop_sigttou(void)
{
	with_terminal(bg_write_part);
}

static int
do_tcsetattr(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &t) != 0)
		return (90);
	return (child_code(tcsetattr(fd, TCSANOW, &t)));
}

static int
do_tcsetattr_ttou_blocked(int fd)
{
	ttou_mask(SIG_BLOCK);
	return (do_tcsetattr(fd));
}

static int
do_tcgetattr(int fd)
{
	struct termios t;

	return (child_code(tcgetattr(fd, &t)));
}

/* tcsetpgrp to its own group; 98 if it did not become the foreground. */
static int
do_tcsetpgrp(int fd)
{
	int r;

	r = tcsetpgrp(fd, getpgrp());
	if (r == 0 && tcgetpgrp(fd) != getpgrp())
		return (98);
	return (child_code(r));
}

static int
do_tcsetpgrp_ttou_blocked(int fd)
{
	ttou_mask(SIG_BLOCK);
	return (do_tcsetpgrp(fd));
}

/*
 * The settings and the foreground group from the background: tcsetattr
 * and tcsetpgrp stop the caller with SIGTTOU, even without TOSTOP,
 * unless it blocks SIGTTOU; tcgetattr is always allowed.
 */
static void
bg_settings_part(int fd)
{
	pid_t c;

	c = bg_child(fd, do_tcgetattr);
	TAP_CHECK(exited_with(c, 0));
	c = bg_child(fd, do_tcsetattr);
	TAP_CHECK(stopped_by(c, SIGTTOU));
	TAP_CHECK(set_fg(fd, c) == 0);
	TAP_CHECK(kill(c, SIGCONT) == 0);
	TAP_CHECK(exited_with(c, 0));
	TAP_CHECK(set_fg(fd, getpgrp()) == 0);
	c = bg_child(fd, do_tcsetattr_ttou_blocked);
	TAP_CHECK(exited_with(c, 0));
	c = bg_child(fd, do_tcsetpgrp);
	TAP_CHECK(stopped_by(c, SIGTTOU));
	reap(c);
	c = bg_child(fd, do_tcsetpgrp_ttou_blocked);
	TAP_CHECK(exited_with(c, 0));		/* it took the terminal */
	TAP_CHECK(set_fg(fd, getpgrp()) == 0);
	TAP_CHECK(tcgetpgrp(fd) == getpgrp());
}

static void
test_background_settings__sigttou_unless_blocked(void)
{
	with_terminal(bg_settings_part);
}

/* --- an orphaned group in the background --------------------------------- */

/*
 * X's own group is orphaned: in the background (another group is the
 * foreground), its reads, its tcsetattr and its TOSTOP writes fail with
 * EIO, and tcsetpgrp with ENOTTY, rather than stop it for good; what
 * SIGTTOU ignored or blocked allows still goes through.
 */
static void
orphaned_part(int fd)
{
	struct termios t;
	char c;
	pid_t d;

	set_tostop(fd, true);
	TAP_CHECK(tcgetattr(fd, &t) == 0);
	d = pauser(0);
	TAP_CHECK(tcsetpgrp(fd, d) == 0);
	TAP_ERRNO("read in an orphaned background group", EIO,
	    read(fd, &c, 1));
	TAP_CHECK(tcgetattr(fd, &t) == 0);
	TAP_ERRNO("tcsetattr in an orphaned background group", EIO,
	    tcsetattr(fd, TCSANOW, &t));
	TAP_ERRNO("TOSTOP write in an orphaned background group", EIO,
	    write(fd, bg_msg, sizeof(bg_msg) - 1));
	TAP_ERRNO("tcsetpgrp in an orphaned background group", ENOTTY,
	    tcsetpgrp(fd, getpgrp()));
	signal(SIGTTOU, SIG_IGN);
	TAP_CHECK(write(fd, bg_msg, sizeof(bg_msg) - 1) ==
	    (ssize_t)sizeof(bg_msg) - 1);
	t.c_lflag &= ~TOSTOP;
	TAP_CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
	signal(SIGTTOU, SIG_DFL);
	TAP_CHECK(set_fg(fd, getpgrp()) == 0);
	TAP_CHECK(tcgetpgrp(fd) == getpgrp());
	reap(d);
}

static void
test_orphaned_background__eio_enotty(void)
{
	with_terminal(orphaned_part);
}

/* --- /dev/tty --------------------------------------------------------- */

/* Without a controlling terminal, /dev/tty cannot be opened: ENXIO. */
static void
test_dev_tty__no_controlling_terminal_enxio(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)setsid();
		_exit(child_code(open("/dev/tty", O_RDWR)));
	}
	TAP_CHECK(exited_with(pid, 100 + ENXIO));
}

/* With one, /dev/tty is that terminal. */
static void
dev_tty_part(int fd)
{
	struct winsize ws, ws2;
	struct stat sb;
	int t;

	t = open("/dev/tty", O_RDWR);
	TAP_CHECK(t >= 0);
	TAP_CHECK(fstat(t, &sb) == 0 && S_ISCHR(sb.st_mode) &&
	    sb.st_rdev == makedev(5, 0));
	TAP_CHECK(tcgetsid(t) == getsid(0));
	TAP_CHECK(tcgetpgrp(t) == getpgrp());
	TAP_CHECK(ioctl(fd, TIOCGWINSZ, &ws) == 0);
	ws2 = ws;
	ws2.ws_row = 31;
	ws2.ws_col = 97;
	TAP_CHECK(ioctl(fd, TIOCSWINSZ, &ws2) == 0);
	memset(&ws2, 0, sizeof(ws2));
	TAP_CHECK(ioctl(t, TIOCGWINSZ, &ws2) == 0 && ws2.ws_row == 31 &&
	    ws2.ws_col == 97);
	(void)ioctl(fd, TIOCSWINSZ, &ws);
	close(t);
}

static void
test_dev_tty__is_the_controlling_terminal(void)
{
	with_terminal(dev_tty_part);
}

/* --- orphaned groups, no terminal ------------------------------------- */

/*
 * In an orphaned group (a new session's leader: its parent is in
 * another session), SIGTSTP, SIGTTIN and SIGTTOU do nothing; SIGSTOP
 * stops.  A child in a group of its own, whose parent links it, stops
 * for SIGTSTP.
 */
static void
test_orphaned_group__stop_signals_discarded(void)
{
	bool ok;
	pid_t p;
	int st;

	fflush(stdout);
	p = fork();
	if (p == 0) {
		pid_t q;

		(void)setsid();
		raise(SIGTSTP);
		raise(SIGTTIN);
		raise(SIGTTOU);
		q = fork();
		if (q == 0) {
			(void)setpgid(0, 0);
			raise(SIGTSTP);
			_exit(3);
		}
		(void)setpgid(q, q);
		if (!stopped_by(q, SIGTSTP))
			_exit(1);
		kill(q, SIGCONT);
		if (!exited_with(q, 3))
			_exit(2);
		raise(SIGSTOP);
		_exit(7);
	}
	ok = stopped_by(p, SIGSTOP);		/* not before */
	TAP_CHECK(ok);
	TAP_CHECK(kill(p, ok ? SIGCONT : SIGKILL) == 0);
	TAP_CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 7);
}

static int report_fd = -1;		/* where the member reports */
static volatile int got_hup, got_cont, hup_code;

static void
on_hup(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	got_hup++;
	hup_code = si->si_code;
}

static void
on_cont(int sig)
{
	(void)sig;
	got_cont++;
}

/*
 * A member of the group under test: handlers for SIGHUP and SIGCONT,
 * then (stop) SIGSTOP to itself, or a wait until its parent has gone
 * and a little more; it writes what it got to report_fd, after its
 * name: 'H' for SIGHUP (with si_code SI_KERNEL), 'C' for SIGCONT, '-'
 * for neither.
 */
static void
member(char name, bool stop, pid_t parent)
{
	struct sigaction sa;
	char rep[4] = { name, '-', '-', '\0' };
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_hup;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGCONT, on_cont);
	if (stop)
		raise(SIGSTOP);
	else {
		for (i = 0; i < 1000 && getppid() == parent; i++)
			usleep(10000);
		usleep(300000);
	}
	for (i = 0; i < 100 && stop && !(got_hup && got_cont); i++)
		usleep(10000);
	if (got_hup)
		rep[1] = hup_code == SI_KERNEL ? 'H' : 'h';
	if (got_cont)
		rep[2] = 'C';
	(void)write(report_fd, rep, 3);
	_exit(0);
}

/* A child of the caller running member() in a group of pgid (0: own). */
static pid_t
spawn_member(char name, pid_t pgid, bool stop)
{
	pid_t pid, self = getpid();

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)setpgid(0, pgid);
		member(name, stop, self);
	}
	(void)setpgid(pid, pgid == 0 ? pid : pgid);
	return (pid);
}

/* Read the 3-byte reports of n members from fd into rep (NUL-ended). */
static void
read_reports(int fd, char *rep, int n)
{
	ssize_t r;
	int got = 0;

	while (got < 3 * n) {
		r = read_within(fd, rep + got, 3 * n - got, 10000);
		if (r <= 0)
			break;
		got += (int)r;
	}
	rep[got] = '\0';
}

/*
 * Its parent's exit orphans a group with a stopped member (the parent,
 * in another group of the session, was its link): each member gets
 * SIGHUP then SIGCONT from the kernel.  A group orphaned so with no
 * stopped member gets nothing.
 */
static void
test_orphaned_group__parent_exit_hup_cont(void)
{
	int fds[2], st;
	char rep[12];
	pid_t p;

	TAP_CHECK(pipe(fds) == 0);
	report_fd = fds[1];
	fflush(stdout);
	p = fork();
	if (p == 0) {
		pid_t s, r;

		close(fds[0]);
		(void)setsid();
		s = spawn_member('S', 0, true);
		if (!stopped_by(s, SIGSTOP))
			_exit(1);
		r = spawn_member('R', 0, false);
		(void)r;
		_exit(0);			/* orphans both groups */
	}
	close(fds[1]);
	TAP_CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	read_reports(fds[0], rep, 2);
	printf("# reports: \"%s\"\n", rep);
	TAP_CHECK(strstr(rep, "SHC") != NULL);	/* stopped: HUP, CONT */
	TAP_CHECK(strstr(rep, "R--") != NULL);	/* running: nothing */
	close(fds[0]);
}

/*
 * The exit of the group's last link: L leads the session; P, its child,
 * leads a group of its own (linked by L) with its child C, stopped.
 * When P exits, C goes to init and nothing links the group any more: C
 * gets SIGHUP then SIGCONT.
 */
static void
test_orphaned_group__last_link_exit_hup_cont(void)
{
	int fds[2], st;
	char rep[12];
	pid_t l;

	TAP_CHECK(pipe(fds) == 0);
	report_fd = fds[1];
	fflush(stdout);
	l = fork();
	if (l == 0) {
		pid_t p;

		close(fds[0]);
		(void)setsid();
		p = fork();
		if (p == 0) {
			pid_t c;

			(void)setpgid(0, 0);
			c = spawn_member('C', getpid(), true);
			if (!stopped_by(c, SIGSTOP))
				_exit(1);
			_exit(0);
		}
		(void)setpgid(p, p);
		if (!exited_with(p, 0))
			_exit(1);
		for (;;)
			pause();		/* the session stays */
	}
	close(fds[1]);
	read_reports(fds[0], rep, 1);
	printf("# report: \"%s\"\n", rep);
	TAP_CHECK(strcmp(rep, "CHC") == 0);
	TAP_CHECK(kill(l, SIGKILL) == 0 && waitpid(l, &st, 0) == l);
	close(fds[0]);
}

/* --- CPU-time interval timers ------------------------------------------ */

static volatile int vt_hits, prof_hits;

static void
on_vtalrm(int sig)
{
	(void)sig;
	vt_hits++;
}

static void
on_prof(int sig)
{
	(void)sig;
	prof_hits++;
}

static void
arm(int which, long value_us, long interval_us)
{
	struct itimerval itv;

	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_sec = value_us / 1000000;
	itv.it_value.tv_usec = value_us % 1000000;
	itv.it_interval.tv_sec = interval_us / 1000000;
	itv.it_interval.tv_usec = interval_us % 1000000;
	TAP_CHECK(setitimer(which, &itv, NULL) == 0);
}

static long
left_us(int which)
{
	struct itimerval itv;

	if (getitimer(which, &itv) != 0)
		return (-1);
	return (itv.it_value.tv_sec * 1000000L + itv.it_value.tv_usec);
}

/* ITIMER_VIRTUAL: SIGVTALRM once the process has used the time in user
   mode; a one-shot timer is disarmed after. */
static void
test_itimer_virtual__fires_after_user_time(void)
{
	double end = now_s() + 30, start;
	volatile unsigned long n = 0;
	long left;

	signal(SIGVTALRM, on_vtalrm);
	vt_hits = 0;
	start = cpu_s(RUSAGE_SELF);
	arm(ITIMER_VIRTUAL, 50000, 0);
	/* Linux adds a tick of its clock (10 ms at 100 Hz, as Umbra's). */
	left = left_us(ITIMER_VIRTUAL);
	printf("# 50 ms armed: %ld us left\n", left);
	TAP_CHECK(left > 40000 && left <= 60000);
	while (vt_hits == 0 && now_s() < end)
		n++;
	TAP_CHECK(vt_hits == 1);
	TAP_CHECK(cpu_s(RUSAGE_SELF) - start >= 0.04);
	TAP_CHECK(left_us(ITIMER_VIRTUAL) == 0);
	signal(SIGVTALRM, SIG_DFL);
}

/* ITIMER_VIRTUAL does not run while the process sleeps. */
static void
test_itimer_virtual__not_while_sleeping(void)
{
	struct timespec ts = { 0, 300000000 };

	signal(SIGVTALRM, on_vtalrm);
	vt_hits = 0;
	arm(ITIMER_VIRTUAL, 100000, 0);
	TAP_CHECK(nanosleep(&ts, NULL) == 0);
	TAP_CHECK(vt_hits == 0);
	TAP_CHECK(left_us(ITIMER_VIRTUAL) > 50000);
	arm(ITIMER_VIRTUAL, 0, 0);
	TAP_CHECK(left_us(ITIMER_VIRTUAL) == 0);
	signal(SIGVTALRM, SIG_DFL);
}

/* ITIMER_PROF counts system time too (reads of /dev/zero), and reloads
   from its interval. */
static void
test_itimer_prof__periodic_counts_system_time(void)
{
	static char buf[1 << 20];
	double end = now_s() + 30;
	struct itimerval itv;
	int fd;

	fd = open("/dev/zero", O_RDONLY);
	TAP_CHECK(fd >= 0);
	signal(SIGPROF, on_prof);
	prof_hits = 0;
	arm(ITIMER_PROF, 20000, 20000);
	while (prof_hits < 3 && now_s() < end)
		(void)read(fd, buf, sizeof(buf));
	TAP_CHECK(prof_hits >= 3);
	TAP_CHECK(getitimer(ITIMER_PROF, &itv) == 0 &&
	    itv.it_interval.tv_sec == 0 && itv.it_interval.tv_usec > 0 &&
	    itv.it_interval.tv_usec <= 20000);
	arm(ITIMER_PROF, 0, 0);
	TAP_CHECK(left_us(ITIMER_PROF) == 0);
	signal(SIGPROF, SIG_DFL);
	close(fd);
}

/* setitimer's EINVAL; a child does not inherit the timers. */
static void
test_itimer_cpu__errors_and_fork(void)
{
	struct itimerval itv;
	pid_t pid;

	memset(&itv, 0, sizeof(itv));
	TAP_ERRNO("setitimer of timer 3", EINVAL,
	    setitimer((__itimer_which_t)3, &itv, NULL));
	itv.it_value.tv_usec = 1000000;
	TAP_ERRNO("setitimer with tv_usec 1000000", EINVAL,
	    setitimer(ITIMER_VIRTUAL, &itv, NULL));
	arm(ITIMER_VIRTUAL, 10000000, 0);
	arm(ITIMER_PROF, 10000000, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(left_us(ITIMER_VIRTUAL) == 0 && left_us(ITIMER_PROF) == 0
		    ? 0 : 1);
	TAP_CHECK(exited_with(pid, 0));
	TAP_CHECK(left_us(ITIMER_VIRTUAL) > 0 && left_us(ITIMER_PROF) > 0);
	arm(ITIMER_VIRTUAL, 0, 0);
	arm(ITIMER_PROF, 0, 0);
}

/* --- the children's CPU time ----------------------------------------- */

/*
 * getrusage(RUSAGE_CHILDREN) and times() count the children the caller
 * has reaped, with the children they reaped: not before the wait.
 */
static void
test_rusage_children__sums_reaped_children(void)
{
	double before, mid, after;
	struct tms t0, t1;
	long hz = sysconf(_SC_CLK_TCK);
	pid_t pid;
	int fds[2];
	char c;

	before = cpu_s(RUSAGE_CHILDREN);
	TAP_CHECK(times(&t0) != (clock_t)-1);
	TAP_CHECK(pipe(fds) == 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		spin_cpu(0.2);
		(void)write(fds[1], "x", 1);
		_exit(0);
	}
	TAP_CHECK(read_within(fds[0], &c, 1, 60000) == 1);
	usleep(100000);				/* a zombie now */
	mid = cpu_s(RUSAGE_CHILDREN);
	TAP_CHECK(mid == before);
	TAP_CHECK(exited_with(pid, 0));
	after = cpu_s(RUSAGE_CHILDREN);
	printf("# children: %.3f s, then %.3f s\n", before, after);
	TAP_CHECK(after - before >= 0.19);
	TAP_CHECK(times(&t1) != (clock_t)-1);
	TAP_CHECK((t1.tms_cutime + t1.tms_cstime) -
	    (t0.tms_cutime + t0.tms_cstime) >= (clock_t)(hz * 19 / 100));
	/* A grandchild's time reaches here through its reaped parent. */
	before = after;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pid_t g = fork();

		if (g == 0) {
			spin_cpu(0.1);
			_exit(0);
		}
		_exit(waitpid(g, NULL, 0) == g ? 0 : 1);
	}
	TAP_CHECK(exited_with(pid, 0));
	after = cpu_s(RUSAGE_CHILDREN);
	printf("# with a grandchild: %.3f s\n", after);
	TAP_CHECK(after - before >= 0.09);
	close(fds[0]);
	close(fds[1]);
}

/* The CPU time of a struct rusage, s. */
static double
ru_s(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
	    ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6);
}

/*
 * wait4's rusage is the reaped child's CPU time (with its own reaped
 * children's); waitid's too, and its siginfo names the child's uid.
 * WNOHANG with nothing to report leaves the rusage as it was (Linux
 * writes it only for a child that reported).
 */
static void
test_wait_rusage__the_childs_time(void)
{
	struct rusage ru;
	siginfo_t si;
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		spin_cpu(0.2);
		_exit(3);
	}
	memset(&ru, 0xff, sizeof(ru));
	TAP_CHECK(wait4(pid, &st, 0, &ru) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 3);
	printf("# wait4: %.3f s\n", ru_s(&ru));
	tap_check(ru_s(&ru) >= 0.19 && ru_s(&ru) < 30,
	    "wait4's rusage holds the child's 0.2 s of CPU time");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		spin_cpu(0.1);
		_exit(0);
	}
	memset(&ru, 0, sizeof(ru));
	memset(&si, 0, sizeof(si));
	/* waitid(2) with its fifth argument: glibc's waitid has none. */
	TAP_CHECK(syscall(SYS_waitid, P_PID, pid, &si, WEXITED, &ru) == 0);
	tap_check(si.si_pid == pid && si.si_code == CLD_EXITED &&
	    si.si_uid == getuid(), "waitid's siginfo: pid, code, uid");
	tap_check(ru_s(&ru) >= 0.09 && ru_s(&ru) < 30,
	    "waitid's rusage holds the child's 0.1 s");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	memset(&ru, 0xff, sizeof(ru));
	tap_check(wait4(pid, &st, WNOHANG, &ru) == 0 && ru.ru_maxrss == -1,
	    "WNOHANG with nothing: 0, the rusage untouched");
	kill(pid, SIGKILL);
	TAP_CHECK(waitpid(pid, &st, 0) == pid);
}

#define CASES(X) X(background_read__sigttin_stops_group) \
	X(background_read__ignored_eio_caught_eintr) \
	X(background_write__tostop_sigttou) \
	X(background_settings__sigttou_unless_blocked) \
	X(orphaned_background__eio_enotty) \
	X(dev_tty__no_controlling_terminal_enxio) \
	X(dev_tty__is_the_controlling_terminal) \
	X(orphaned_group__stop_signals_discarded) \
	X(orphaned_group__parent_exit_hup_cont) \
	X(orphaned_group__last_link_exit_hup_cont) \
	X(itimer_virtual__fires_after_user_time) \
	X(itimer_virtual__not_while_sleeping) \
	X(itimer_prof__periodic_counts_system_time) \
	X(itimer_cpu__errors_and_fork) \
	X(rusage_children__sums_reaped_children) \
	X(wait_rusage__the_childs_time)
TAP_MAIN(CASES, NULL, NULL)
