/*
 * linux_ioctl.c: Linux's ioctl(2): each known Linux command is
 * translated to Umbra's (sys/sys/ioccom.h encodings), its argument
 * copied in and translated, kern_ioctl called with the kernel buffer,
 * and the result translated and copied out (FreeBSD's linux_ioctl.c
 * design).  An unknown command fails as Linux does for a file that
 * does not know it: EBADF for a bad descriptor, else ENOTTY.
 *
 * Terminals: Linux's struct termios as TCGETS/TCSETS take it (the
 * kernel's: four flag words, c_line, 19 c_cc) becomes Umbra's (FreeBSD's
 * flag values, c_cc indices and numeric speeds, sys/sys/termios.h)
 * through the tables below; flags without a counterpart are dropped.
 * Linux's disabled c_cc value is 0, Umbra's _POSIX_VDISABLE 0xff.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/filio.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>
#include <sys/termios.h>
#include <sys/ttycom.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_ioctl.h>
#include <compat/linux/linux_proto.h>

#define LINUX_TCGETS		0x5401
#define LINUX_TCSETS		0x5402
#define LINUX_TCSETSW		0x5403
#define LINUX_TCSETSF		0x5404
#define LINUX_TIOCGPGRP		0x540f
#define LINUX_TIOCSPGRP		0x5410
#define LINUX_TIOCSCTTY		0x540e	/* arg: steal (not supported) */
#define LINUX_TIOCNOTTY		0x5422
#define LINUX_TIOCGSID		0x5429
#define LINUX_TIOCGWINSZ	0x5413
#define LINUX_TIOCSWINSZ	0x5414
#define LINUX_FIONREAD		0x541b
#define LINUX_TIOCGPTN		0x80045430	/* unsigned int */
#define LINUX_TIOCSPTLCK	0x40045431	/* int */
#define LINUX_TIOCGPTLCK	0x80045439	/* int */

/* One flag bit in both encodings. */
struct flagmap {
	uint32_t	linux;
	uint32_t	umbra;
};

static const struct flagmap iflag_map[] = {
	{ 0000001, IGNBRK }, { 0000002, BRKINT }, { 0000004, IGNPAR },
	{ 0000010, PARMRK }, { 0000020, INPCK }, { 0000040, ISTRIP },
	{ 0000100, INLCR }, { 0000200, IGNCR }, { 0000400, ICRNL },
	{ 0002000, IXON }, { 0004000, IXANY }, { 0010000, IXOFF },
	{ 0020000, IMAXBEL }, { 0040000, IUTF8 },
};
static const struct flagmap oflag_map[] = {
	{ 0000001, OPOST }, { 0000004, ONLCR }, { 0000010, OCRNL },
	{ 0000020, ONOCR }, { 0000040, ONLRET }, { 0014000, TABDLY },
};
static const struct flagmap cflag_map[] = {
	{ 0000100, CSTOPB }, { 0000200, CREAD }, { 0000400, PARENB },
	{ 0001000, PARODD }, { 0002000, HUPCL }, { 0004000, CLOCAL },
};
static const struct flagmap lflag_map[] = {
	{ 0000001, ISIG }, { 0000002, ICANON }, { 0000010, ECHO },
	{ 0000020, ECHOE }, { 0000040, ECHOK }, { 0000100, ECHONL },
	{ 0000200, NOFLSH }, { 0000400, TOSTOP }, { 0001000, ECHOCTL },
	{ 0002000, ECHOPRT }, { 0004000, ECHOKE }, { 0010000, FLUSHO },
	{ 0040000, PENDIN }, { 0100000, IEXTEN }, { 0200000, EXTPROC },
};
#define LINUX_CSIZE	0000060		/* CS5 0, CS6 020, CS7 040, CS8 060 */
#define LINUX_CBAUD	0010017

/* Linux's c_cc index of each Umbra index, or -1. */
static const int cc_map[NCCS] = {
	[VEOF] = 4, [VEOL] = 11, [VEOL2] = 16, [VERASE] = 2, [VWERASE] = 14,
	[VKILL] = 3, [VREPRINT] = 12, [VERASE2] = -1, [VINTR] = 0,
	[VQUIT] = 1, [VSUSP] = 10, [VDSUSP] = -1, [VSTART] = 8, [VSTOP] = 9,
	[VLNEXT] = 15, [VDISCARD] = 13, [VMIN] = 6, [VTIME] = 5,
	[VSTATUS] = -1, [19] = -1,
};

/* Linux's CBAUD codes and their speeds. */
static const uint32_t baud_map[][2] = {
	{ 0, 0 }, { 1, 50 }, { 2, 75 }, { 3, 110 }, { 4, 134 }, { 5, 150 },
	{ 6, 200 }, { 7, 300 }, { 8, 600 }, { 9, 1200 }, { 10, 1800 },
	{ 11, 2400 }, { 12, 4800 }, { 13, 9600 }, { 14, 19200 },
	{ 15, 38400 }, { 010001, 57600 }, { 010002, 115200 },
	{ 010003, 230400 }, { 010004, 460800 }, { 010005, 500000 },
	{ 010006, 576000 }, { 010007, 921600 },
};

static uint32_t
flags_to_umbra(const struct flagmap *map, size_t n, uint32_t lflags)
{
	uint32_t f = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if ((lflags & map[i].linux) == map[i].linux)
			f |= map[i].umbra;
	return (f);
}

static uint32_t
flags_to_linux(const struct flagmap *map, size_t n, uint32_t uflags)
{
	uint32_t f = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if ((uflags & map[i].umbra) == map[i].umbra)
			f |= map[i].linux;
	return (f);
}

/* linux_to_termios: Linux's struct termios as Umbra's. */
void
linux_to_termios(const struct l_termios *lt, struct termios *t)
{
	size_t i;
	int li;

	memset(t, 0, sizeof(*t));
	t->c_iflag = flags_to_umbra(iflag_map, nitems(iflag_map),
	    lt->c_iflag);
	t->c_oflag = flags_to_umbra(oflag_map, nitems(oflag_map),
	    lt->c_oflag);
	t->c_cflag = flags_to_umbra(cflag_map, nitems(cflag_map),
	    lt->c_cflag) | ((lt->c_cflag & LINUX_CSIZE) >> 4) * CS6;
	t->c_lflag = flags_to_umbra(lflag_map, nitems(lflag_map),
	    lt->c_lflag);
	for (i = 0; i < NCCS; i++) {
		li = cc_map[i];
		if (li < 0)
			t->c_cc[i] = _POSIX_VDISABLE;
		else if (i == VMIN || i == VTIME)
			t->c_cc[i] = lt->c_cc[li];
		else
			t->c_cc[i] = lt->c_cc[li] == 0 ? _POSIX_VDISABLE :
			    lt->c_cc[li];
	}
	t->c_cc[VERASE2] = CTRL('h');	/* Umbra's own second erase */
	t->c_ispeed = t->c_ospeed = 0;
	for (i = 0; i < nitems(baud_map); i++)
		if ((lt->c_cflag & LINUX_CBAUD) == baud_map[i][0])
			t->c_ispeed = t->c_ospeed = baud_map[i][1];
}

/* linux_from_termios: Umbra's struct termios as Linux's. */
void
linux_from_termios(const struct termios *t, struct l_termios *lt)
{
	size_t i;
	int li;

	memset(lt, 0, sizeof(*lt));
	lt->c_iflag = flags_to_linux(iflag_map, nitems(iflag_map),
	    t->c_iflag);
	lt->c_oflag = flags_to_linux(oflag_map, nitems(oflag_map),
	    t->c_oflag);
	lt->c_cflag = flags_to_linux(cflag_map, nitems(cflag_map),
	    t->c_cflag) | ((t->c_cflag & CSIZE) / CS6) << 4;
	lt->c_lflag = flags_to_linux(lflag_map, nitems(lflag_map),
	    t->c_lflag);
	for (i = 0; i < NCCS; i++) {
		li = cc_map[i];
		if (li < 0)
			continue;
		if (i == VMIN || i == VTIME)
			lt->c_cc[li] = t->c_cc[i];
		else
			lt->c_cc[li] = t->c_cc[i] == _POSIX_VDISABLE ? 0 :
			    t->c_cc[i];
	}
	for (i = 0; i < nitems(baud_map); i++)
		if (t->c_ospeed == baud_map[i][1])
			lt->c_cflag |= baud_map[i][0];
}

/* TCGETS and the three TCSETS forms. */
static int
linux_ioctl_termios(struct thread *td, int fd, u_long cmd, uint64_t uarg,
    bool set)
{
	struct l_termios lt;
	struct termios t;
	int error;

	if (!set) {
		error = kern_ioctl(td, fd, TIOCGETA, &t);
		if (error != 0)
			return (error);
		linux_from_termios(&t, &lt);
		return (copyout(&lt, (void *)uarg, sizeof(lt)));
	}
	error = copyin((const void *)uarg, &lt, sizeof(lt));
	if (error != 0)
		return (error);
	linux_to_termios(&lt, &t);
	return (kern_ioctl(td, fd, cmd, &t));
}

/* A command whose argument has the same layout in both ABIs. */
static int
linux_ioctl_same(struct thread *td, int fd, u_long cmd, uint64_t uarg)
{
	char buf[64];
	size_t len = IOCPARM_LEN(cmd);
	int error;

	KASSERT(len <= sizeof(buf), ("linux_ioctl_same: %zu bytes", len));
	if (cmd & IOC_IN) {
		error = copyin((const void *)uarg, buf, len);
		if (error != 0)
			return (error);
	}
	error = kern_ioctl(td, fd, cmd, buf);
	if (error == 0 && (cmd & IOC_OUT))
		error = copyout(buf, (void *)uarg, len);
	return (error);
}

int
linux_ioctl(struct thread *td, struct linux_ioctl_args *args)
{
	switch (args->cmd) {
	case LINUX_TCGETS:
		return (linux_ioctl_termios(td, args->fd, 0, args->arg, false));
	case LINUX_TCSETS:
		return (linux_ioctl_termios(td, args->fd, TIOCSETA, args->arg,
		    true));
	case LINUX_TCSETSW:
		return (linux_ioctl_termios(td, args->fd, TIOCSETAW,
		    args->arg, true));
	case LINUX_TCSETSF:
		return (linux_ioctl_termios(td, args->fd, TIOCSETAF,
		    args->arg, true));
	case LINUX_TIOCGWINSZ:
		return (linux_ioctl_same(td, args->fd, TIOCGWINSZ, args->arg));
	case LINUX_TIOCSWINSZ:
		return (linux_ioctl_same(td, args->fd, TIOCSWINSZ, args->arg));
	case LINUX_TIOCGPGRP:
		return (linux_ioctl_same(td, args->fd, TIOCGPGRP, args->arg));
	case LINUX_TIOCSPGRP:
		return (linux_ioctl_same(td, args->fd, TIOCSPGRP, args->arg));
	case LINUX_TIOCSCTTY:
		return (linux_ioctl_same(td, args->fd, TIOCSCTTY, 0));
	case LINUX_TIOCNOTTY:
		return (linux_ioctl_same(td, args->fd, TIOCNOTTY, 0));
	case LINUX_TIOCGSID:
		return (linux_ioctl_same(td, args->fd, TIOCGSID, args->arg));
	case LINUX_FIONREAD:
		return (linux_ioctl_same(td, args->fd, FIONREAD, args->arg));
	case LINUX_TIOCGPTN:
		return (linux_ioctl_same(td, args->fd, TIOCGPTN, args->arg));
	case LINUX_TIOCSPTLCK:
		return (linux_ioctl_same(td, args->fd, TIOCSPTLCK, args->arg));
	case LINUX_TIOCGPTLCK:
		return (linux_ioctl_same(td, args->fd, TIOCGPTLCK, args->arg));
	default:
		/* No command 0: EBADF or the file's ENOTTY. */
		return (kern_ioctl(td, args->fd, 0, NULL));
	}
}
