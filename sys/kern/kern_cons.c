/*
 * kern_cons.c: the console: kernel output, and the console terminal.
 *
 * Kernel output (printf) goes to the one registered console device; a
 * newline becomes CR LF for serial terminals.  Before a console exists,
 * output is dropped.  XXX: printf is not serialized yet; it must take a
 * spin lock once there is more than one CPU or preemption.
 *
 * User processes reach the console through its tty, cons_tty
 * (sys/kern/tty.c): descriptors 0-2 of the processes the kernel starts
 * (cons_install_stdio), /dev/console (out of job control, as Linux's)
 * and /dev/tty (for a process whose controlling terminal it is).  Its
 * output goes through cn_user_putc, which keeps the test mode's line
 * prefix; its input comes from the device's receive interrupt (cnrint).
 * A session leader the kernel starts with PSPAWN_CTTY (the user test
 * programs) takes it as its controlling terminal, and its group is the
 * foreground (^C sends it SIGINT) until TIOCSPGRP names another.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/cons.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kernel.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/tty.h>
#include <sys/uio.h>
#include <sys/vnode.h>

static struct consdev *cn_tab;	/* the console, set once at boot */
struct tty	*cons_tty;	/* its terminal, from SI_SUB_DRIVERS */
static bool	cn_noinput;	/* reads see end of file (test mode) */

/*
 * User processes' output (write to fds 0-2): when a prefix is set (the
 * user test mode frames program output as TAP diagnostics), it starts
 * every line.  XXX: one state for all processes; the test mode runs one
 * program at a time.
 */
static const char *cn_user_prefix;
static bool	cn_user_midline;	/* the last user byte was no newline */

void
cnadd(struct consdev *cp)
{
	cn_tab = cp;
}

void
cnputc(int c)
{
	if (cn_tab == NULL)
		return;
	if (c == '\n')
		cn_tab->cn_putc(cn_tab, '\r');
	cn_tab->cn_putc(cn_tab, c);
}

void
cnputs(const char *s)
{
	while (*s != '\0')
		cnputc(*s++);
}

/* cn_set_user_prefix: start each user output line with prefix (or none). */
void
cn_set_user_prefix(const char *prefix)
{
	cn_user_prefix = prefix;
	cn_user_midline = false;
}

/* cn_user_putc: one byte of user output, as is, after any prefix. */
static void
cn_user_putc(int c)
{
	if (cn_tab == NULL)
		return;
	if (!cn_user_midline && cn_user_prefix != NULL)
		cnputs(cn_user_prefix);
	cn_tab->cn_putc(cn_tab, c);
	cn_user_midline = c != '\n';
}

/* cnwrite_user: console output written by a user process (NL: CR NL). */
void
cnwrite_user(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			cn_user_putc('\r');
		cn_user_putc((u_char)buf[i]);
	}
}

/* cn_user_endline: end a user line left without its newline. */
void
cn_user_endline(void)
{
	if (cn_user_midline)
		cnputc('\n');
	cn_user_midline = false;
}

/*
 * The console terminal.
 */

/* The tty's output routine: post-processed bytes to the device. */
static void
cons_tty_outc(struct tty *tp, int c)
{
	cn_user_putc(c);
}

/* cnrint: a byte the console device received (interrupt context). */
void
cnrint(int c)
{
	if (cons_tty != NULL)
		tty_rint_intr(cons_tty, c);
}

/* cn_set_noinput: reads of the console see end of file (or not). */
void
cn_set_noinput(bool noinput)
{
	cn_noinput = noinput;
	if (cons_tty != NULL) {
		mtx_lock(&cons_tty->t_mtx);
		if (noinput)
			cons_tty->t_flags |= TF_NOINPUT;
		else
			cons_tty->t_flags &= ~TF_NOINPUT;
		wakeup(&cons_tty->t_inq);
		mtx_unlock(&cons_tty->t_mtx);
	}
}

/*
 * /dev/console (5,1) and /dev/tty (5,0), as Linux's:
 *   - /dev/console is the console terminal, out of job control: a
 *     background process reads and writes it without SIGTTIN or SIGTTOU
 *     (Linux's job_control() exempts the console's files); its ioctls
 *     are checked as any terminal's;
 *   - /dev/tty is the caller's controlling terminal: its open fails with
 *     ENXIO when the caller's session has none.  For the console, the
 *     open file is /dev/tty's (its cdevsw reaches the console); a
 *     terminal with t_fdopen (a pty's slave) makes the file its own.
 *     XXX: another controlling terminal (a tty made by a test) cannot
 *     be opened so: ENXIO too.
 */
static int
ctty_d_fdopen(struct cdev *dev, int fflags, struct thread *td,
    struct file *fp)
{
	struct pgrp *pg;
	struct tty *tp;
	int error = ENXIO;

	mtx_lock(&proctree_lock);
	pg = td->td_proc->p_pgrp;
	tp = pg != NULL ? pg->pg_session->s_ttyp : NULL;
	if (tp != NULL && tp == cons_tty)
		error = 0;
	else if (tp != NULL && tp->t_fdopen != NULL)
		error = tp->t_fdopen(tp, fflags, td, fp);
	mtx_unlock(&proctree_lock);
	return (error);
}

static int
cons_d_read(struct cdev *dev, struct uio *uio, int ioflag)
{
	return (tty_read(cons_tty, uio, ioflag | IO_TTYCONSOLE));
}

static int
cons_d_write(struct cdev *dev, struct uio *uio, int ioflag)
{
	return (tty_write(cons_tty, uio, ioflag | IO_TTYCONSOLE));
}

static int
ctty_d_read(struct cdev *dev, struct uio *uio, int ioflag)
{
	return (tty_read(cons_tty, uio, ioflag));
}

static int
ctty_d_write(struct cdev *dev, struct uio *uio, int ioflag)
{
	return (tty_write(cons_tty, uio, ioflag));
}

static int
cons_d_ioctl(struct cdev *dev, u_long cmd, void *data, int fflag,
    struct thread *td)
{
	return (tty_ioctl(cons_tty, cmd, data, td));
}

static int
cons_d_poll(struct cdev *dev, int events, struct thread *td)
{
	return (tty_poll(cons_tty, events));
}

static const struct cdevsw cons_cdevsw = {
	.d_name = "console",
	.d_flags = D_TTY,
	.d_read = cons_d_read,
	.d_write = cons_d_write,
	.d_ioctl = cons_d_ioctl,
	.d_poll = cons_d_poll,
};

static const struct cdevsw ctty_cdevsw = {
	.d_name = "tty",
	.d_flags = D_TTY,
	.d_fdopen = ctty_d_fdopen,
	.d_read = ctty_d_read,
	.d_write = ctty_d_write,
	.d_ioctl = cons_d_ioctl,
	.d_poll = cons_d_poll,
};

static void
cons_tty_init(const void *arg __unused)
{
	cons_tty = tty_alloc("console", cons_tty_outc, NULL);
	cons_tty->t_dev = makedev(5, 1);
	if (cn_noinput)
		cons_tty->t_flags |= TF_NOINPUT;
	if (tty_start_input(cons_tty) != 0)
		printf("console: no input thread\n");
	(void)make_dev(&cons_cdevsw, makedev(5, 1), 0, 0, 0600, "console");
	(void)make_dev(&ctty_cdevsw, makedev(5, 0), 0, 5, 0666, "tty");
}
SYSINIT(cons_tty, SI_SUB_DRIVERS, SI_ORDER_FIRST, cons_tty_init, NULL);

/*
 * The console as an open file (DTYPE_TTY): descriptors 0-2 of the
 * processes the kernel starts.  Before the tty exists, reads see end of
 * file and writes go straight out.
 */
static int
cons_fo_read(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	if (cons_tty == NULL)
		return (0);
	return (tty_read(cons_tty, uio, (fp->f_flag & O_NONBLOCK) ?
	    IO_NDELAY : 0));
}

static int
cons_fo_write(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	char buf[256];
	size_t n;
	int error;

	if (cons_tty != NULL)
		return (tty_write(cons_tty, uio, 0));
	while (uio->uio_resid > 0) {
		n = MIN((size_t)uio->uio_resid, sizeof(buf));
		error = uiomove(buf, n, uio);
		if (error != 0)
			return (error);
		cnwrite_user(buf, n);
	}
	return (0);
}

static int
cons_fo_ioctl(struct file *fp, u_long cmd, void *data, struct thread *td)
{
	if (cons_tty == NULL)
		return (ENOTTY);
	return (tty_ioctl(cons_tty, cmd, data, td));
}

static int
cons_fo_poll(struct file *fp, int events, struct thread *td)
{
	if (cons_tty == NULL)
		return (events);
	return (tty_poll(cons_tty, events));
}

/* A character device (5, 1), as /dev/console on Linux, mode 0600. */
static int
cons_fo_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	sb->st_mode = S_IFCHR | 0600;
	sb->st_nlink = 1;
	sb->st_rdev = (5 << 8) | 1;
	sb->st_blksize = 1024;
	return (0);
}

static const struct fileops cons_fileops = {
	.fo_read = cons_fo_read,
	.fo_write = cons_fo_write,
	.fo_ioctl = cons_fo_ioctl,
	.fo_poll = cons_fo_poll,
	.fo_stat = cons_fo_stat,
};

/*
 * cons_install_stdio: the console as fds 0, 1, 2 of td's process; with
 * ctty, the process (a session leader) also takes it as its controlling
 * terminal when the console controls no session.
 */
void
cons_install_stdio(struct thread *td, bool ctty)
{
	struct file *fp;
	int fd, i;

	(void)falloc_noinstall(td, &fp);
	finit(fp, FREAD | FWRITE, DTYPE_TTY, cons_tty, &cons_fileops);
	for (i = 0; i < 3; i++) {
		if (finstall(td, fp, i, 0, &fd) != 0 || fd != i)
			panic("cons_install_stdio: descriptor %d", i);
	}
	(void)fdrop(fp, td);
	if (ctty && cons_tty != NULL) {
		mtx_lock(&proctree_lock);
		(void)tty_ctty_acquire(cons_tty, td->td_proc);
		mtx_unlock(&proctree_lock);
	}
}
