/*
 * kern_cons.c: console output.
 *
 * Characters go to the one registered console device; a newline becomes
 * CR LF for serial terminals.  Before a console exists, output is
 * dropped.  XXX: printf is not serialized yet; it must take a spin lock
 * once there is more than one CPU or preemption.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/cons.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/uio.h>

static struct consdev *cn_tab;	/* the console, set once at boot */

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

/* cnwrite_user: console output written by a user process. */
void
cnwrite_user(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (!cn_user_midline && cn_user_prefix != NULL)
			cnputs(cn_user_prefix);
		cnputc(buf[i]);
		cn_user_midline = buf[i] != '\n';
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
 * The console as an open file (DTYPE_TTY), descriptors 0-2 of the
 * processes the kernel starts.  XXX: output only; reads see end of
 * file until the tty line discipline (sys/kern/tty.c) takes over.
 */
static int
cons_fo_read(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	return (0);
}

static int
cons_fo_write(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	char buf[256];
	size_t n;
	int error;

	while (uio->uio_resid > 0) {
		n = MIN((size_t)uio->uio_resid, sizeof(buf));
		error = uiomove(buf, n, uio);
		if (error != 0)
			return (error);
		cnwrite_user(buf, n);
	}
	return (0);
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
	.fo_stat = cons_fo_stat,
};

/* cons_install_stdio: the console as fds 0, 1, 2 of td's process. */
void
cons_install_stdio(struct thread *td)
{
	struct file *fp;
	int fd, i;

	(void)falloc_noinstall(td, &fp);
	finit(fp, FREAD | FWRITE, DTYPE_TTY, NULL, &cons_fileops);
	for (i = 0; i < 3; i++) {
		if (finstall(td, fp, i, 0, &fd) != 0 || fd != i)
			panic("cons_install_stdio: descriptor %d", i);
	}
	(void)fdrop(fp, td);
}
