/*
 * tty_pts.c: pseudo-terminals, as Linux's Unix 98 ptys
 * (share/doc/devices-and-tty.md, "Pseudo-terminals").
 *
 * Each open of /dev/ptmx (5,2) makes a pair and gives its master: a
 * file of this driver (d_fdopen), whose vnode stays /dev/ptmx's.  The
 * slave is a tty (sys/kern/tty.c) and the node /dev/pts/N (136,N) of
 * the devfs directory "pts":
 *   - what the master writes is the slave's input, through the line
 *     discipline (echo, ^C ...); what the slave writes, after output
 *     processing, is the master's to read (a ring of PTS_OUTQ_SIZE: a
 *     slave writer waits for room);
 *   - a new slave is locked (its open is EIO) until the master unlocks
 *     it (TIOCSPTLCK 0: glibc's unlockpt); TIOCGPTN gives N (ptsname);
 *   - an open of the slave without O_NOCTTY by a session leader
 *     without a controlling terminal makes it that (Linux);
 *   - once every slave file is closed (after one was opened), the
 *     master's read gives EIO when no output is left, its poll POLLHUP
 *     (before the first open: EAGAIN, or it waits);
 *   - the master's close hangs up the slave (tty_hangup: the session
 *     lets go of it, its leader gets SIGHUP and SIGCONT; reads see end
 *     of file, writes and ioctls EIO) and takes /dev/pts/N away;
 *   - the pair is freed when the master and every slave file are
 *     closed.  The cdev of pts/N is hidden, not destroyed, and serves
 *     the next pair numbered N (numbers: the lowest free, as Linux).
 * /dev/tty of a session whose terminal is a slave opens that slave
 * (t_fdopen, from kern_cons.c's ctty_d_fdopen).
 *
 * Locks: pts_mtx (m: the table, pts_master) before the tty's t_mtx
 * (t: the rest, with the tty's state); (m,t): both to write, either to
 * read.  proctree_lock comes before both.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filio.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/selinfo.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/tty.h>
#include <sys/ttycom.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

static MALLOC_DEFINE(M_PTS, "pts", "pseudo-terminals");

#define PTS_MAX		256		/* pairs at once */
#define PTS_OUTQ_SIZE	8192		/* slave output for the master */
#define PTS_MAJOR	136
#define PTS_CHUNK	256

struct pts {
	struct tty	*pts_tty;	/* the slave */
	u_int		pts_unit;	/* N of /dev/pts/N */
	struct cdev	*pts_cdev;	/* /dev/pts/N */
	bool		pts_master;	/* (m) the master is open */
	u_int		pts_slaves;	/* (m,t) open slave files */
	bool		pts_opened;	/* (m,t) a slave was opened */
	bool		pts_locked;	/* (t) opens of the slave: EIO */
	char		pts_outq[PTS_OUTQ_SIZE]; /* (t) slave output */
	u_int		pts_outhead;	/* (t) */
	u_int		pts_outcnt;	/* (t) */
	struct selinfo	pts_msel;	/* the master's pollers */
};

static struct mtx pts_mtx;
static struct pts *pts_table[PTS_MAX];		/* (m) */
static struct cdev *pts_cdevs[PTS_MAX];		/* (m) made on demand */

static const struct fileops ptm_fileops;
static const struct fileops pts_fileops;

/*
 * The slave tty's device side.
 */

/* Output of the slave: into the ring (dropped when full: echo). */
static void
pts_outc(struct tty *tp, int c)
{
	struct pts *pts = tp->t_softc;

	if (pts->pts_outcnt == PTS_OUTQ_SIZE)
		return;
	pts->pts_outq[(pts->pts_outhead + pts->pts_outcnt) % PTS_OUTQ_SIZE] =
	    (char)c;
	if (pts->pts_outcnt++ == 0) {
		wakeup(&pts->pts_outq);
		selwakeup(&pts->pts_msel);
	}
}

static size_t
pts_outroom(struct tty *tp)
{
	struct pts *pts = tp->t_softc;

	return (PTS_OUTQ_SIZE - pts->pts_outcnt);
}

/* A read of the slave made room in its input: the master may write. */
static void
pts_inroom(struct tty *tp)
{
	struct pts *pts = tp->t_softc;

	wakeup(&pts->pts_outhead);
	selwakeup(&pts->pts_msel);
}

/* Whether the master's write of n bytes must wait (t_mtx held). */
static bool
pts_input_full(struct tty *tp, size_t n)
{
	/* Committed input a read will take; a full edited line is not. */
	return (tp->t_canq > 0 && TTY_INQ_SIZE - tp->t_incnt < n);
}

/*
 * Allocation and release.
 */

static void
pts_init(const void *arg __unused)
{
	mtx_init(&pts_mtx, "pts", NULL, MTX_DEF);
	(void)make_dev_dir("pts");
}
SYSINIT(pts, SI_SUB_DRIVERS, SI_ORDER_ANY, pts_init, NULL);

static int	pts_fdopen_tty(struct tty *tp, int fflags, struct thread *td,
		    struct file *fp);
static const struct cdevsw pts_cdevsw;

/* pts_alloc: a new pair, its slave locked and shown in /dev/pts. */
static int
pts_alloc(struct ucred *cred, struct pts **ptsp)
{
	struct pts *pts;
	struct cdev *dev;
	char name[16];
	u_int unit;

	pts = malloc(sizeof(*pts), M_PTS, M_WAITOK | M_ZERO);
	pts->pts_tty = tty_alloc("pts", pts_outc, pts);
	pts->pts_tty->t_outroom = pts_outroom;
	pts->pts_tty->t_inroom = pts_inroom;
	pts->pts_tty->t_fdopen = pts_fdopen_tty;
	pts->pts_locked = true;
	pts->pts_master = true;
	mtx_lock(&pts_mtx);
	for (unit = 0; unit < PTS_MAX && pts_table[unit] != NULL; unit++)
		;
	if (unit == PTS_MAX) {
		mtx_unlock(&pts_mtx);
		tty_free(pts->pts_tty);
		free(pts, M_PTS);
		return (ENOSPC);
	}
	pts_table[unit] = pts;
	pts->pts_unit = unit;
	pts->pts_tty->t_dev = makedev(PTS_MAJOR, unit);
	dev = pts_cdevs[unit];
	mtx_unlock(&pts_mtx);
	if (dev == NULL) {
		/* Only the allocator of unit makes its cdev: it owns it. */
		snprintf(name, sizeof(name), "pts/%u", unit);
		dev = make_dev(&pts_cdevsw, makedev(PTS_MAJOR, unit),
		    cred->cr_uid, 5, 0620, name);
		mtx_lock(&pts_mtx);
		pts_cdevs[unit] = dev;
		mtx_unlock(&pts_mtx);
	}
	pts->pts_cdev = dev;
	dev_set_hidden(dev, false);
	*ptsp = pts;
	return (0);
}

/* Free pts once nothing has it (pts_mtx held; dropped). */
static void
pts_release(struct pts *pts)
{
	mtx_assert(&pts_mtx, MA_OWNED);
	if (pts->pts_master || pts->pts_slaves > 0) {
		mtx_unlock(&pts_mtx);
		return;
	}
	pts_table[pts->pts_unit] = NULL;
	mtx_unlock(&pts_mtx);
	tty_free(pts->pts_tty);
	free(pts, M_PTS);
}

/*
 * The master.
 */

static int
ptm_read(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	struct pts *pts = fp->f_data;
	struct tty *tp = pts->pts_tty;
	char buf[PTS_CHUNK];
	size_t n, i;
	int error = 0;

	if (uio->uio_resid == 0)
		return (0);
	mtx_lock(&tp->t_mtx);
	while (pts->pts_outcnt == 0) {
		if (pts->pts_opened && pts->pts_slaves == 0)
			error = EIO;		/* Linux: the slave is closed */
		else if (fp->f_flag & O_NONBLOCK)
			error = EAGAIN;
		else
			error = msleep(&pts->pts_outq, &tp->t_mtx, PCATCH,
			    "ptmin", 0);
		if (error != 0) {
			mtx_unlock(&tp->t_mtx);
			return (error);
		}
	}
	while (error == 0 && pts->pts_outcnt > 0 && uio->uio_resid > 0) {
		n = MIN(MIN((size_t)uio->uio_resid, sizeof(buf)),
		    pts->pts_outcnt);
		for (i = 0; i < n; i++) {
			buf[i] = pts->pts_outq[pts->pts_outhead];
			pts->pts_outhead = (pts->pts_outhead + 1) %
			    PTS_OUTQ_SIZE;
		}
		pts->pts_outcnt -= n;
		if (pts->pts_outcnt == 0)
			pts->pts_outhead = 0;
		wakeup(&tp->t_outwait);
		selwakeup(&tp->t_sel);
		mtx_unlock(&tp->t_mtx);
		error = uiomove(buf, n, uio);
		mtx_lock(&tp->t_mtx);
	}
	mtx_unlock(&tp->t_mtx);
	return (error);
}

/* The master's bytes are the slave's input, as typed. */
static int
ptm_write(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	struct pts *pts = fp->f_data;
	struct tty *tp = pts->pts_tty;
	char buf[PTS_CHUNK];
	size_t n, i;
	int error = 0;

	while (uio->uio_resid > 0) {
		n = MIN((size_t)uio->uio_resid, sizeof(buf));
		mtx_lock(&tp->t_mtx);
		while (pts_input_full(tp, n)) {
			if (fp->f_flag & O_NONBLOCK)
				error = EAGAIN;
			else
				error = msleep(&pts->pts_outhead, &tp->t_mtx,
				    PCATCH, "ptmout", 0);
			if (error != 0)
				break;
		}
		mtx_unlock(&tp->t_mtx);
		if (error != 0)
			return (error);
		error = uiomove(buf, n, uio);
		if (error != 0)
			return (error);
		for (i = 0; i < n; i++)
			tty_input(tp, (u_char)buf[i]);
	}
	return (0);
}

static int
ptm_ioctl(struct file *fp, u_long cmd, void *data, struct thread *td)
{
	struct pts *pts = fp->f_data;
	struct tty *tp = pts->pts_tty;

	switch (cmd) {
	case TIOCGPTN:
		*(u_int *)data = pts->pts_unit;
		return (0);
	case TIOCSPTLCK:
		mtx_lock(&tp->t_mtx);
		pts->pts_locked = *(int *)data != 0;
		mtx_unlock(&tp->t_mtx);
		return (0);
	case TIOCGPTLCK:
		mtx_lock(&tp->t_mtx);
		*(int *)data = pts->pts_locked;
		mtx_unlock(&tp->t_mtx);
		return (0);
	case TIOCGPGRP:		/* the slave's foreground group */
		mtx_lock(&tp->t_mtx);
		*(int *)data = tp->t_pgrp;
		mtx_unlock(&tp->t_mtx);
		return (0);
	case FIONREAD:
		mtx_lock(&tp->t_mtx);
		*(int *)data = (int)pts->pts_outcnt;
		mtx_unlock(&tp->t_mtx);
		return (0);
	case TIOCGETA:
	case TIOCSETA:
	case TIOCSETAW:
	case TIOCSETAF:
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		/* XXX: the master has no settings of its own: the slave's. */
		return (tty_ioctl(tp, cmd, data, td));
	default:
		return (ENOTTY);
	}
}

static int
ptm_poll(struct file *fp, int events, struct thread *td)
{
	struct pts *pts = fp->f_data;
	struct tty *tp = pts->pts_tty;
	int revents = 0;

	mtx_lock(&tp->t_mtx);
	if (pts->pts_outcnt > 0)
		revents |= events & (POLLIN | POLLRDNORM);
	if (!pts_input_full(tp, 1))
		revents |= events & (POLLOUT | POLLWRNORM);
	if (pts->pts_opened && pts->pts_slaves == 0)
		revents |= POLLHUP;
	mtx_unlock(&tp->t_mtx);
	return (revents);
}

static int
ptm_close(struct file *fp, struct thread *td)
{
	struct pts *pts = fp->f_data;
	int error;

	error = fp->f_vnode != NULL ? vnops.fo_close(fp, td) : 0;
	tty_hangup(pts->pts_tty);
	dev_set_hidden(pts->pts_cdev, true);
	mtx_lock(&pts_mtx);
	pts->pts_master = false;
	pts_release(pts);
	return (error);
}

/*
 * fstat: the node opened: /dev/ptmx (5,2) for the master, as Linux,
 * /dev/pts/N or /dev/tty for the slave.  A file without a vnode (kernel
 * tests): a character device (5,2), (136,N).
 */
static int
ptm_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	struct pts *pts = fp->f_data;

	if (fp->f_vnode != NULL)
		return (vnops.fo_stat(fp, sb, td));
	memset(sb, 0, sizeof(*sb));
	sb->st_mode = S_IFCHR | 0620;
	sb->st_nlink = 1;
	sb->st_rdev = fp->f_ops == &ptm_fileops ? makedev(5, 2) :
	    makedev(PTS_MAJOR, pts->pts_unit);
	return (0);
}

static const struct fileops ptm_fileops = {
	.fo_read = ptm_read,
	.fo_write = ptm_write,
	.fo_ioctl = ptm_ioctl,
	.fo_poll = ptm_poll,
	.fo_stat = ptm_stat,
	.fo_close = ptm_close,
};

/* /dev/ptmx's open: a new pair, fp its master. */
static int
ptmx_fdopen(struct cdev *dev, int fflags, struct thread *td, struct file *fp)
{
	struct pts *pts;
	int error;

	error = pts_alloc(fp->f_cred, &pts);
	if (error != 0)
		return (error);
	finit(fp, fflags, DTYPE_PTS, pts, &ptm_fileops);
	return (0);
}

static const struct cdevsw ptmx_cdevsw = {
	.d_name = "ptmx",
	.d_flags = D_TTY,
	.d_fdopen = ptmx_fdopen,
};

static void
ptmx_init(const void *arg __unused)
{
	(void)make_dev(&ptmx_cdevsw, makedev(5, 2), 0, 5, 0666, "ptmx");
}
SYSINIT(ptmx, SI_SUB_DRIVERS, SI_ORDER_ANY, ptmx_init, NULL);

/*
 * The slave.
 */

/*
 * A new open file fp of pts's slave (pts_mtx held; dropped): EIO when
 * it is locked or its master is gone.
 */
static int
pts_open_file(struct pts *pts, int fflags, struct file *fp)
{
	struct tty *tp = pts->pts_tty;
	int error = 0;

	mtx_assert(&pts_mtx, MA_OWNED);
	mtx_lock(&tp->t_mtx);
	if (pts->pts_locked || !pts->pts_master) {
		error = EIO;
	} else {
		pts->pts_slaves++;
		pts->pts_opened = true;
	}
	mtx_unlock(&tp->t_mtx);
	mtx_unlock(&pts_mtx);
	if (error == 0)
		finit(fp, fflags, DTYPE_PTS, pts, &pts_fileops);
	return (error);
}

/* /dev/pts/N's open; without O_NOCTTY it may become the ctty. */
static int
pts_fdopen(struct cdev *dev, int fflags, struct thread *td, struct file *fp)
{
	struct pts *pts;
	int error;

	mtx_lock(&pts_mtx);
	pts = pts_table[minor(dev->si_rdev)];
	if (pts == NULL || pts->pts_cdev != dev) {
		mtx_unlock(&pts_mtx);
		return (EIO);
	}
	error = pts_open_file(pts, fflags, fp);
	if (error == 0 && (fflags & O_NOCTTY) == 0 &&
	    td->td_proc->p_pgrp != NULL) {
		mtx_lock(&proctree_lock);
		(void)tty_ctty_acquire(pts->pts_tty, td->td_proc);
		mtx_unlock(&proctree_lock);
	}
	return (error);
}

/* /dev/tty of a session whose terminal is tp (proctree_lock held). */
static int
pts_fdopen_tty(struct tty *tp, int fflags, struct thread *td,
    struct file *fp)
{
	mtx_lock(&pts_mtx);
	return (pts_open_file(tp->t_softc, fflags, fp));
}

static const struct cdevsw pts_cdevsw = {
	.d_name = "pts",
	.d_flags = D_TTY,
	.d_fdopen = pts_fdopen,
};

static int
pts_read(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	struct pts *pts = fp->f_data;

	return (tty_read(pts->pts_tty, uio, (fp->f_flag & O_NONBLOCK) ?
	    IO_NDELAY : 0));
}

static int
pts_write(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	struct pts *pts = fp->f_data;

	return (tty_write(pts->pts_tty, uio, (fp->f_flag & O_NONBLOCK) ?
	    IO_NDELAY : 0));
}

static int
pts_ioctl(struct file *fp, u_long cmd, void *data, struct thread *td)
{
	struct pts *pts = fp->f_data;

	return (tty_ioctl(pts->pts_tty, cmd, data, td));
}

static int
pts_poll(struct file *fp, int events, struct thread *td)
{
	struct pts *pts = fp->f_data;

	return (tty_poll(pts->pts_tty, events));
}

static int
pts_close(struct file *fp, struct thread *td)
{
	struct pts *pts = fp->f_data;
	int error;

	error = fp->f_vnode != NULL ? vnops.fo_close(fp, td) : 0;
	mtx_lock(&pts_mtx);
	mtx_lock(&pts->pts_tty->t_mtx);
	if (--pts->pts_slaves == 0) {
		/* The master's read: EIO, its poll POLLHUP. */
		wakeup(&pts->pts_outq);
		selwakeup(&pts->pts_msel);
	}
	mtx_unlock(&pts->pts_tty->t_mtx);
	pts_release(pts);
	return (error);
}

static const struct fileops pts_fileops = {
	.fo_read = pts_read,
	.fo_write = pts_write,
	.fo_ioctl = pts_ioctl,
	.fo_poll = pts_poll,
	.fo_stat = ptm_stat,
	.fo_close = pts_close,
};

/*
 * For kernel tests: a new pair's master, and an open of slave unit, as
 * files without descriptors or vnodes.
 */
int
pts_master_file(struct thread *td, int fflags, struct file **fpp)
{
	struct file *fp;
	int error;

	(void)falloc_noinstall(td, &fp);
	error = ptmx_fdopen(NULL, fflags, td, fp);
	if (error != 0) {
		(void)fdrop(fp, td);
		return (error);
	}
	*fpp = fp;
	return (0);
}

int
pts_slave_file(struct thread *td, u_int unit, int fflags, struct file **fpp)
{
	struct file *fp;
	struct cdev *dev;
	int error;

	if (unit >= PTS_MAX)
		return (ENXIO);
	mtx_lock(&pts_mtx);
	dev = pts_cdevs[unit];
	mtx_unlock(&pts_mtx);
	if (dev == NULL)
		return (ENXIO);
	(void)falloc_noinstall(td, &fp);
	error = pts_fdopen(dev, fflags, td, fp);
	if (error != 0) {
		(void)fdrop(fp, td);
		return (error);
	}
	*fpp = fp;
	return (0);
}
