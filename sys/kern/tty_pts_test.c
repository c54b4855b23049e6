/*
 * tty_pts_test.c: in-kernel tests of pseudo-terminals (tty_pts.c), on
 * files without descriptors (pts_master_file, pts_slave_file; thread0
 * leads no session, so no controlling terminal is taken): a pair, its
 * locked slave, /dev/pts/N in the registry, data both ways, EIO for the
 * master once the slave is closed, the hangup of the slave when the
 * master closes.  The user-level semantics (glibc's calls, ctty,
 * signals) are tests/sys/kern/pty_test.c.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/ktest.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/tty.h>
#include <sys/ttycom.h>
#include <sys/uio.h>

/* A non-blocking read or write through fp: bytes moved, or -errno. */
static int
pio(struct file *fp, enum uio_rw rw, char *buf, size_t len)
{
	size_t want = rw == UIO_READ ? len - 1 : len;
	struct iovec iov = { buf, want };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = want,
		.uio_segflg = UIO_SYSSPACE, .uio_rw = rw, .uio_td = curthread,
	};
	size_t done;
	int error;

	error = rw == UIO_READ ? fo_read(fp, &uio, 0, curthread) :
	    fo_write(fp, &uio, 0, curthread);
	done = want - uio.uio_resid;
	if (rw == UIO_READ)
		buf[done] = '\0';
	return (error != 0 ? -error : (int)done);
}

static int
pwr(struct file *fp, const char *s)
{
	char buf[64];

	strlcpy(buf, s, sizeof(buf));
	return (pio(fp, UIO_WRITE, buf, strlen(buf)));
}

/* A pair: the master, its slave unlocked and open, both O_NONBLOCK. */
static int
pair(struct file **mp, struct file **sp, u_int *unitp)
{
	int error, zero = 0;

	error = pts_master_file(curthread, FREAD | FWRITE | O_NONBLOCK, mp);
	if (error != 0)
		return (error);
	(void)fo_ioctl(*mp, TIOCGPTN, unitp, curthread);
	(void)fo_ioctl(*mp, TIOCSPTLCK, &zero, curthread);
	return (pts_slave_file(curthread, *unitp, FREAD | FWRITE | O_NONBLOCK |
	    O_NOCTTY, sp));
}

/* A new slave is locked (EIO) until unlocked; pts/N is in the registry. */
KTEST(pts, pair_lock_and_node)
{
	struct file *m, *s;
	struct cdev *dev;
	struct stat sb;
	char name[16];
	u_int unit = ~0u;
	int lock = 0, zero = 0;

	KT_ASSERT_EQ(kt, pts_master_file(curthread, FREAD | FWRITE, &m), 0);
	KT_EXPECT_EQ(kt, fo_ioctl(m, TIOCGPTN, &unit, curthread), 0);
	KT_EXPECT(kt, unit < 256);
	KT_EXPECT_EQ(kt, fo_ioctl(m, TIOCGPTLCK, &lock, curthread), 0);
	KT_EXPECT_EQ(kt, lock, 1);
	KT_EXPECT_EQ(kt, pts_slave_file(curthread, unit, FREAD | FWRITE, &s),
	    EIO);
	snprintf(name, sizeof(name), "pts/%u", unit);
	dev = dev_lookup(name);
	KT_ASSERT(kt, dev != NULL);
	KT_EXPECT_EQ(kt, dev->si_rdev, makedev(136, unit));
	KT_EXPECT(kt, dev_lookup("pts") != NULL &&
	    (dev_lookup("pts")->si_flags & SI_DIR));
	KT_EXPECT_EQ(kt, fo_ioctl(m, TIOCSPTLCK, &zero, curthread), 0);
	KT_ASSERT_EQ(kt, pts_slave_file(curthread, unit, FREAD | FWRITE, &s),
	    0);
	KT_EXPECT_EQ(kt, fo_stat(s, &sb, curthread), 0);
	KT_EXPECT(kt, S_ISCHR(sb.st_mode));
	KT_EXPECT_EQ(kt, sb.st_rdev, makedev(136, unit));
	(void)fdrop(s, curthread);
	(void)fdrop(m, curthread);
	/* The pair is gone: the node with it. */
	KT_EXPECT(kt, dev_lookup(name) == NULL);
}

/* The master types a line for the slave and reads the echo and output. */
KTEST(pts, data_both_ways)
{
	struct file *m, *s;
	char buf[64];
	u_int unit;

	KT_ASSERT_EQ(kt, pair(&m, &s, &unit), 0);
	KT_EXPECT_EQ(kt, pio(m, UIO_READ, buf, sizeof(buf)), -EAGAIN);
	KT_EXPECT_EQ(kt, pwr(m, "ab"), 2);
	KT_EXPECT_EQ(kt, pio(s, UIO_READ, buf, sizeof(buf)), -EAGAIN);
	KT_EXPECT_EQ(kt, fo_poll(s, POLLIN, curthread), 0);
	KT_EXPECT_EQ(kt, pwr(m, "\r"), 1);
	KT_EXPECT_EQ(kt, fo_poll(s, POLLIN, curthread), POLLIN);
	KT_EXPECT_EQ(kt, pio(s, UIO_READ, buf, sizeof(buf)), 3);
	KT_EXPECT_STREQ(kt, buf, "ab\n");
	KT_EXPECT_EQ(kt, fo_poll(m, POLLIN | POLLOUT, curthread),
	    POLLIN | POLLOUT);
	KT_EXPECT_EQ(kt, pio(m, UIO_READ, buf, sizeof(buf)), 4);
	KT_EXPECT_STREQ(kt, buf, "ab\r\n");
	KT_EXPECT_EQ(kt, pwr(s, "out\n"), 4);
	KT_EXPECT_EQ(kt, pio(m, UIO_READ, buf, sizeof(buf)), 5);
	KT_EXPECT_STREQ(kt, buf, "out\r\n");
	KT_EXPECT_EQ(kt, fo_poll(m, POLLIN | POLLOUT, curthread), POLLOUT);
	(void)fdrop(s, curthread);
	(void)fdrop(m, curthread);
}

/* Every slave file closed: the master reads what is left, then EIO. */
KTEST(pts, slave_closed_master_eio)
{
	struct file *m, *s, *s2;
	char buf[64];
	u_int unit;

	KT_ASSERT_EQ(kt, pair(&m, &s, &unit), 0);
	KT_ASSERT_EQ(kt, pts_slave_file(curthread, unit, FREAD | FWRITE |
	    O_NOCTTY, &s2), 0);
	KT_EXPECT_EQ(kt, pwr(s, "x"), 1);
	(void)fdrop(s, curthread);
	KT_EXPECT_EQ(kt, fo_poll(m, POLLIN, curthread), POLLIN);
	(void)fdrop(s2, curthread);
	KT_EXPECT_EQ(kt, fo_poll(m, POLLIN, curthread), POLLIN | POLLHUP);
	KT_EXPECT_EQ(kt, pio(m, UIO_READ, buf, sizeof(buf)), 1);
	KT_EXPECT_EQ(kt, pio(m, UIO_READ, buf, sizeof(buf)), -EIO);
	KT_EXPECT_EQ(kt, fo_poll(m, POLLIN, curthread), POLLHUP);
	(void)fdrop(m, curthread);
}

/* The master's close hangs the slave up; the node goes. */
KTEST(pts, master_closed_hangup)
{
	struct file *m, *s, *s2;
	struct termios t;
	char buf[64], name[16];
	u_int unit;

	KT_ASSERT_EQ(kt, pair(&m, &s, &unit), 0);
	KT_EXPECT_EQ(kt, pwr(m, "typed\n"), 6);
	(void)fdrop(m, curthread);
	KT_EXPECT_EQ(kt, pio(s, UIO_READ, buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(kt, pwr(s, "x"), -EIO);
	KT_EXPECT_EQ(kt, fo_ioctl(s, TIOCGETA, &t, curthread), EIO);
	KT_EXPECT_EQ(kt, fo_poll(s, POLLIN | POLLOUT, curthread),
	    POLLIN | POLLOUT | POLLERR | POLLHUP);
	snprintf(name, sizeof(name), "pts/%u", unit);
	KT_EXPECT(kt, dev_lookup(name) == NULL);
	KT_EXPECT_EQ(kt, pts_slave_file(curthread, unit, FREAD, &s2), EIO);
	(void)fdrop(s, curthread);
}
