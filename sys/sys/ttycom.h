/*
 * ttycom.h: the terminal ioctl commands, Umbra's (FreeBSD's) numbers.
 * Data is a kernel buffer (sys/sys/ioccom.h).
 */
#ifndef _SYS_TTYCOM_H_
#define _SYS_TTYCOM_H_

#include <sys/ioccom.h>
#include <sys/termios.h>

#define TIOCGETA	_IOR('t', 19, struct termios)	/* tcgetattr */
#define TIOCSETA	_IOW('t', 20, struct termios)	/* TCSANOW */
#define TIOCSETAW	_IOW('t', 21, struct termios)	/* TCSADRAIN */
#define TIOCSETAF	_IOW('t', 22, struct termios)	/* TCSAFLUSH */
#define TIOCSWINSZ	_IOW('t', 103, struct winsize)
#define TIOCGWINSZ	_IOR('t', 104, struct winsize)
#define TIOCSPGRP	_IOW('t', 118, int)	/* foreground process */
#define TIOCGPGRP	_IOR('t', 119, int)
#define TIOCSCTTY	_IO('t', 97)		/* take as controlling tty */
#define TIOCNOTTY	_IO('t', 113)		/* let go of it */
#define TIOCGSID	_IOR('t', 99, int)	/* its session's id */
/* A pseudo-terminal's master (sys/kern/tty_pts.c), as Linux's. */
#define TIOCGPTN	_IOR('t', 15, u_int)	/* the slave's number */
#define TIOCSPTLCK	_IOW('t', 16, int)	/* lock (!= 0) the slave */
#define TIOCGPTLCK	_IOR('t', 17, int)	/* whether it is locked */

#endif /* !_SYS_TTYCOM_H_ */
