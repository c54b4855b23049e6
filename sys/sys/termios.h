/*
 * termios.h: terminal settings, Umbra's own layout and values
 * (FreeBSD's).  The Linux personality translates Linux's struct termios
 * (its flag bits, c_cc indices and CBAUD speeds) to this one
 * (sys/compat/linux/linux_ioctl.c).  The console tty is sys/kern/tty.c.
 */
#ifndef _SYS_TERMIOS_H_
#define _SYS_TERMIOS_H_

#include <sys/types.h>

typedef uint32_t tcflag_t;
typedef uint8_t	cc_t;
typedef uint32_t speed_t;

/* c_cc indices */
#define VEOF		0	/* ^D: end of line without newline; EOF */
#define VEOL		1
#define VEOL2		2
#define VERASE		3	/* DEL */
#define VWERASE		4	/* ^W */
#define VKILL		5	/* ^U */
#define VREPRINT	6	/* ^R */
#define VERASE2		7	/* ^H: a second erase character */
#define VINTR		8	/* ^C: SIGINT */
#define VQUIT		9	/* ^\: SIGQUIT */
#define VSUSP		10	/* ^Z: SIGTSTP */
#define VDSUSP		11
#define VSTART		12	/* ^Q */
#define VSTOP		13	/* ^S */
#define VLNEXT		14	/* ^V */
#define VDISCARD	15	/* ^O */
#define VMIN		16	/* non-canonical: bytes a read waits for */
#define VTIME		17	/* non-canonical: timer, 1/10 s */
#define VSTATUS		18
#define NCCS		20

#define _POSIX_VDISABLE	0xff	/* a c_cc entry that matches nothing */

/* c_iflag */
#define IGNBRK		0x00000001
#define BRKINT		0x00000002
#define IGNPAR		0x00000004
#define PARMRK		0x00000008
#define INPCK		0x00000010
#define ISTRIP		0x00000020	/* strip the eighth bit */
#define INLCR		0x00000040	/* NL -> CR */
#define IGNCR		0x00000080	/* drop CR */
#define ICRNL		0x00000100	/* CR -> NL */
#define IXON		0x00000200
#define IXOFF		0x00000400
#define IXANY		0x00000800
#define IMAXBEL		0x00002000	/* ring the bell when the queue is full */
#define IUTF8		0x00004000

/* c_oflag */
#define OPOST		0x00000001	/* post-process output */
#define ONLCR		0x00000002	/* NL -> CR NL */
#define TABDLY		0x00000004	/* (OXTABS) */
#define ONOEOT		0x00000008
#define OCRNL		0x00000010
#define ONOCR		0x00000020
#define ONLRET		0x00000040

/* c_cflag */
#define CSIZE		0x00000300
#define CS5		0x00000000
#define CS6		0x00000100
#define CS7		0x00000200
#define CS8		0x00000300
#define CSTOPB		0x00000400
#define CREAD		0x00000800
#define PARENB		0x00001000
#define PARODD		0x00002000
#define HUPCL		0x00004000
#define CLOCAL		0x00008000

/* c_lflag */
#define ECHOKE		0x00000001	/* kill erases the line visually */
#define ECHOE		0x00000002	/* erase erases visually */
#define ECHOK		0x00000004	/* echo NL after kill */
#define ECHO		0x00000008
#define ECHONL		0x00000010	/* echo NL even without ECHO */
#define ECHOPRT		0x00000020
#define ECHOCTL		0x00000040	/* echo control characters as ^X */
#define ISIG		0x00000080	/* INTR, QUIT, SUSP send signals */
#define ICANON		0x00000100	/* line editing */
#define ALTWERASE	0x00000200
#define IEXTEN		0x00000400
#define EXTPROC		0x00000800
#define TOSTOP		0x00400000
#define FLUSHO		0x00800000
#define PENDIN		0x20000000
#define NOFLSH		0x80000000	/* no flush of input at a signal */

struct termios {
	tcflag_t	c_iflag;
	tcflag_t	c_oflag;
	tcflag_t	c_cflag;
	tcflag_t	c_lflag;
	cc_t		c_cc[NCCS];
	speed_t		c_ispeed;	/* bits per second */
	speed_t		c_ospeed;
};

struct winsize {
	unsigned short	ws_row;
	unsigned short	ws_col;
	unsigned short	ws_xpixel;
	unsigned short	ws_ypixel;
};

#define CTRL(c)		((c) & 0x1f)

#endif /* !_SYS_TERMIOS_H_ */
