/*
 * tty_test: the console terminal as the program's stdin/stdout, through
 * glibc's termios calls.  isatty; tcgetattr shows canonical mode with
 * echo and signals; tcsetattr changes are read back (then restored);
 * the window size round-trips; the foreground process is this one;
 * FIONREAD works.  In Umbra's test mode the console has no input, so
 * read(0) sees end of file.  Where stdin is not a terminal (the host's
 * test run), the terminal checks are skipped.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

int
main(void)
{
	struct termios t, t2, saved;
	struct winsize ws, ws2;
	struct stat sb;
	struct utsname u;
	char c;
	int n;

	TAP_CHECK(ioctl(-1, TCGETS, &t) == -1 && errno == EBADF);
	if (!isatty(0)) {
		printf("ok 2 # SKIP stdin is not a terminal\n1..2\n");
		return (0);
	}
	TAP_CHECK(isatty(1));
	TAP_CHECK(fstat(0, &sb) == 0 && S_ISCHR(sb.st_mode));
	TAP_CHECK(tcgetattr(0, &t) == 0);
	saved = t;
	TAP_CHECK((t.c_lflag & (ICANON | ECHO | ISIG)) ==
	    (ICANON | ECHO | ISIG));
	TAP_CHECK((t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
	TAP_CHECK(t.c_cc[VINTR] == 3 && t.c_cc[VEOF] == 4);
	/* Raw mode, read back. */
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	TAP_CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	TAP_CHECK(tcgetattr(0, &t2) == 0);
	TAP_CHECK((t2.c_lflag & (ICANON | ECHO)) == 0 &&
	    t2.c_cc[VMIN] == 0 && t2.c_cc[VTIME] == 1);
	TAP_CHECK(tcsetattr(0, TCSAFLUSH, &saved) == 0);
	TAP_CHECK(tcgetattr(0, &t2) == 0 && (t2.c_lflag & ICANON) != 0);
	/* Window size. */
	TAP_CHECK(ioctl(1, TIOCGWINSZ, &ws) == 0);
	ws2 = ws;
	ws2.ws_row = 33;
	ws2.ws_col = 99;
	TAP_CHECK(ioctl(1, TIOCSWINSZ, &ws2) == 0);
	memset(&ws2, 0, sizeof(ws2));
	TAP_CHECK(ioctl(1, TIOCGWINSZ, &ws2) == 0 && ws2.ws_row == 33 &&
	    ws2.ws_col == 99);
	(void)ioctl(1, TIOCSWINSZ, &ws);
	TAP_CHECK(tcgetpgrp(0) > 0);
	TAP_CHECK(ioctl(0, FIONREAD, &n) == 0 && n >= 0);
	if (uname(&u) == 0 && strcmp(u.nodename, "umbra") == 0)
		TAP_CHECK(read(0, &c, 1) == 0);	/* Umbra's test mode */
	return (tap_done());
}
