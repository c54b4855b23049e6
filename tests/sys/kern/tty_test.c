/*
 * tty_test: a terminal through glibc's termios calls.  isatty and fstat
 * S_IFCHR; tcgetattr shows canonical mode with echo and signals;
 * tcsetattr changes are read back (then restored); the window size
 * round-trips; the foreground process group is read back; FIONREAD
 * works.
 *
 * The terminal: built plainly, the program's stdin and stdout, the
 * console in Umbra's test mode, where the console has no input, so
 * read(0) sees end of file; where stdin is not a terminal (the host's
 * test run), the terminal checks are skipped.  As an ATF program (Kyua
 * gives the case /dev/null as stdin and a session of its own), each case
 * opens a pseudo-terminal's slave (Linux, and Umbra), or the console
 * where there is no /dev/ptmx; a raw read there times out with nothing
 * (VTIME).
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

/* The terminal's input and output descriptors; why there is none. */
static int tin = 0, tout = 1;
static const char *no_tty;

#ifdef TAP_ATF
static int is_pty;
static char why[200];

/* A pseudo-terminal's slave, else the console. */
static void
setup(void)
{
	const char *name;
	int m, s;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0 &&
	    (name = ptsname(m)) != NULL &&
	    (s = open(name, O_RDWR | O_NOCTTY)) >= 0) {
		/* The master stays open: the slave would hang up. */
		printf("# terminal: %s\n", name);
		tin = tout = s;
		is_pty = 1;
		return;
	}
	snprintf(why, sizeof(why), "no pseudo-terminal (/dev/ptmx: %s)",
	    strerror(errno));
	s = open("/dev/console", O_RDWR | O_NOCTTY);
	if (s >= 0 && isatty(s)) {
		printf("# %s; terminal: /dev/console\n", why);
		tin = tout = s;
		return;
	}
	snprintf(why + strlen(why), sizeof(why) - strlen(why),
	    " and no console (/dev/console: %s)", strerror(errno));
	no_tty = why;
}
#else
static void
setup(void)
{
	if (!isatty(0))
		no_tty = "stdin is not a terminal";
}
#endif

/* Without a terminal, skip the case; true if skipped (plain program). */
static int
skipped(void)
{
	if (no_tty == NULL)
		return (0);
#ifdef TAP_ATF
	atf_tc_skip("%s", no_tty);
#endif
	printf("ok %d # SKIP %s\n", ++tap_n, no_tty);
	return (1);
}

static void
test_ioctl__bad_fd_ebadf(void)
{
	struct termios t;

	TAP_CHECK(ioctl(-1, TCGETS, &t) == -1 && errno == EBADF);
}

static void
test_terminal__isatty_character_device(void)
{
	struct stat sb;

	if (skipped())
		return;
	TAP_CHECK(isatty(tout));
	TAP_CHECK(fstat(tin, &sb) == 0 && S_ISCHR(sb.st_mode));
}

static void
test_tcgetattr__canonical_echo_signals(void)
{
	struct termios t;

	if (skipped())
		return;
	TAP_CHECK(tcgetattr(tin, &t) == 0);
	TAP_CHECK((t.c_lflag & (ICANON | ECHO | ISIG)) ==
	    (ICANON | ECHO | ISIG));
	TAP_CHECK((t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
	TAP_CHECK(t.c_cc[VINTR] == 3 && t.c_cc[VEOF] == 4);
}

/* Raw mode, read back, then the saved settings again. */
static void
test_tcsetattr__raw_mode_read_back(void)
{
	struct termios t, t2, saved;

	if (skipped())
		return;
	TAP_CHECK(tcgetattr(tin, &t) == 0);
	saved = t;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	TAP_CHECK(tcsetattr(tin, TCSANOW, &t) == 0);
	TAP_CHECK(tcgetattr(tin, &t2) == 0);
	TAP_CHECK((t2.c_lflag & (ICANON | ECHO)) == 0 &&
	    t2.c_cc[VMIN] == 0 && t2.c_cc[VTIME] == 1);
	TAP_CHECK(tcsetattr(tin, TCSAFLUSH, &saved) == 0);
	TAP_CHECK(tcgetattr(tin, &t2) == 0 && (t2.c_lflag & ICANON) != 0);
}

static void
test_winsize__round_trip(void)
{
	struct winsize ws, ws2;

	if (skipped())
		return;
	TAP_CHECK(ioctl(tout, TIOCGWINSZ, &ws) == 0);
	ws2 = ws;
	ws2.ws_row = 33;
	ws2.ws_col = 99;
	TAP_CHECK(ioctl(tout, TIOCSWINSZ, &ws2) == 0);
	memset(&ws2, 0, sizeof(ws2));
	TAP_CHECK(ioctl(tout, TIOCGWINSZ, &ws2) == 0 && ws2.ws_row == 33 &&
	    ws2.ws_col == 99);
	(void)ioctl(tout, TIOCSWINSZ, &ws);
}

#ifdef TAP_ATF
/*
 * The foreground group of a controlling terminal: a child leading a new
 * session takes the pseudo-terminal (TIOCSCTTY) and is its foreground.
 */
static void
test_tcgetpgrp__foreground_group(void)
{
	pid_t pid;
	int st;

	if (skipped())
		return;
	if (!is_pty)
		atf_tc_skip("%s: the console already controls another "
		    "session (Kyua's, as init's run() gives it), and this "
		    "case leads a session of its own (Kyua's setsid), so it "
		    "can have no controlling terminal; the plain tty_test "
		    "(umbra.utest=1) reads the console's foreground group",
		    why);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		TAP_CHECK(setsid() == getpid());
		TAP_CHECK(ioctl(tin, TIOCSCTTY, 0) == 0);
		TAP_CHECK(tcgetpgrp(tin) == getpid());
		_exit(0);
	}
	TAP_CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
}
#else
static void
test_tcgetpgrp__foreground_group(void)
{
	if (skipped())
		return;
	TAP_CHECK(tcgetpgrp(tin) > 0);
}
#endif

static void
test_fionread__answers(void)
{
	int n;

	if (skipped())
		return;
	TAP_CHECK(ioctl(tin, FIONREAD, &n) == 0 && n >= 0);
}

#ifdef TAP_ATF
/* Non-canonical, VMIN 0, VTIME 1: with no input, a read gives 0. */
static void
test_read__raw_vtime_times_out(void)
{
	struct termios t, saved;
	char c;

	if (skipped())
		return;
	TAP_CHECK(tcgetattr(tin, &t) == 0);
	saved = t;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	TAP_CHECK(tcsetattr(tin, TCSANOW, &t) == 0);
	TAP_CHECK(read(tin, &c, 1) == 0);
	TAP_CHECK(tcsetattr(tin, TCSAFLUSH, &saved) == 0);
}
#define READ_CASE(X)	X(read__raw_vtime_times_out)
#else
/* Umbra's test mode: the console has no input, reads see end of file. */
static void
test_read__console_eof_in_test_mode(void)
{
	struct utsname u;
	char c;

	if (skipped())
		return;
	if (uname(&u) == 0 && strcmp(u.nodename, "umbra") == 0)
		TAP_CHECK(read(tin, &c, 1) == 0);
}
#define READ_CASE(X)	X(read__console_eof_in_test_mode)
#endif

#define CASES(X) X(ioctl__bad_fd_ebadf) \
	X(terminal__isatty_character_device) \
	X(tcgetattr__canonical_echo_signals) \
	X(tcsetattr__raw_mode_read_back) X(winsize__round_trip) \
	X(tcgetpgrp__foreground_group) X(fionread__answers) READ_CASE(X)
TAP_MAIN(CASES, setup, NULL)
