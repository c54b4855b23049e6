/*
 * fifo_test.c: in-kernel tests of named pipes (fifo_vnops.c), on the
 * root's ext2 and on tmpfs /tmp, through the kern_* system calls from
 * the kernel's process: the O_NONBLOCK open rules (ENXIO), data, EOF
 * and EPIPE through the pipe, poll (no POLLHUP before a writer came),
 * fstat of the node, ESPIPE, the pipe freed at the last close, unlink
 * while open, and opens that wait for their partner in a kernel thread.
 * Signals (EINTR, SA_RESTART) and SIGPIPE need a user process:
 * tests/sys/fs/fifo_test.c.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/filio.h>
#include <sys/ktest.h>
#include <sys/kthread.h>
#include <sys/mount.h>
#include <sys/pipe.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <fs/fifofs/fifo.h>
#include <fs/tmpfs/tmpfs.h>

#define SYS	UIO_SYSSPACE

/*
 * The FIFO's path under dir ("/" for ext2, "/tmp" for tmpfs), made
 * afresh; skips when dir is not there as the file system wanted.
 */
static const char *
ft_mkfifo(struct ktest_ctx *kt, const char *dir, bool tmpfs)
{
	static char path[64];
	struct statfs sf;

	if (rootvnode == NULL || curthread->td_proc->p_fd == NULL ||
	    (rootvnode->v_mount->mnt_flag & MNT_RDONLY))
		KT_SKIP(kt, "no writable root file system");
	memset(&sf, 0, sizeof(sf));
	if (kern_statfs(curthread, dir, SYS, &sf) != 0 ||
	    (sf.f_type == TMPFS_MAGIC) != tmpfs)
		KT_SKIP(kt, "no such file system there");
	snprintf(path, sizeof(path), "%s/kt_fifo", strcmp(dir, "/") == 0 ?
	    "" : dir);
	(void)kern_unlinkat(curthread, AT_FDCWD, path, SYS, 0);
	KT_ASSERT_EQ(kt, kern_mknodat(curthread, AT_FDCWD, path, SYS,
	    S_IFIFO | 0640, 0), 0);
	return (path);
}

static int
ft_open(const char *path, int flags, int *fdp)
{
	int error;

	error = kern_openat(curthread, AT_FDCWD, path, SYS, flags, 0);
	*fdp = error == 0 ? (int)curthread->td_retval[0] : -1;
	return (error);
}

/* read or write len bytes through fd; the count, or -errno. */
static ssize_t
ft_io(int fd, bool write, void *buf, size_t len)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = (ssize_t)len,
		.uio_segflg = UIO_SYSSPACE, .uio_td = curthread,
	};
	int error;

	error = write ? kern_writev(curthread, fd, &uio) :
	    kern_readv(curthread, fd, &uio);
	return (error != 0 ? -error : (ssize_t)curthread->td_retval[0]);
}

static int
ft_poll(int fd, int events)
{
	struct file *fp;
	int revents;

	if (fget(curthread, fd, 0, &fp) != 0)
		return (-1);
	revents = fo_poll(fp, events, curthread);
	(void)fdrop(fp, curthread);
	return (revents);
}

/* The FIFO's vnode (an O_PATH open, which is no FIFO open), held. */
static struct vnode *
ft_vnode(struct ktest_ctx *kt, const char *path)
{
	struct vnode *vp;
	int fd;

	KT_ASSERT_EQ(kt, ft_open(path, O_PATH, &fd), 0);
	KT_ASSERT_EQ(kt, fgetvp(curthread, fd, &vp), 0);
	(void)kern_close(curthread, fd);
	return (vp);
}

/* Non-blocking opens, data, EOF, EPIPE, poll, fstat, the last close. */
static void
ft_rules(struct ktest_ctx *kt, const char *dir, bool tmpfs)
{
	const char *path = ft_mkfifo(kt, dir, tmpfs);
	struct stat sb, sb2;
	struct vnode *vp;
	char buf[16];
	int r, w, rw, n;

	vp = ft_vnode(kt, path);
	KT_EXPECT_EQ(kt, vp->v_type, VFIFO);
	KT_EXPECT(kt, vp->v_fifo == NULL);
	/* No reader: a non-blocking writer gets ENXIO, and no pipe stays. */
	KT_EXPECT_EQ(kt, ft_open(path, O_WRONLY | O_NONBLOCK, &w), ENXIO);
	KT_EXPECT(kt, vp->v_fifo == NULL);
	/* A non-blocking reader opens at once; now a writer may come. */
	KT_ASSERT_EQ(kt, ft_open(path, O_RDONLY | O_NONBLOCK, &r), 0);
	KT_ASSERT(kt, vp->v_fifo != NULL);
	KT_EXPECT_EQ(kt, vp->v_fifo->pipe_readers, 1);
	KT_EXPECT_EQ(kt, ft_poll(r, POLLIN), 0);	/* no POLLHUP yet */
	KT_EXPECT_EQ(kt, ft_io(r, false, buf, sizeof(buf)), 0);
	KT_ASSERT_EQ(kt, ft_open(path, O_WRONLY | O_NONBLOCK, &w), 0);
	KT_EXPECT_EQ(kt, vp->v_fifo->pipe_writers, 1);
	KT_EXPECT_EQ(kt, ft_poll(w, POLLOUT), POLLOUT);
	KT_EXPECT_EQ(kt, ft_io(r, false, buf, sizeof(buf)), -EAGAIN);
	KT_EXPECT_EQ(kt, ft_io(w, true, "hello", 5), 5);
	KT_EXPECT_EQ(kt, kern_ioctl(curthread, r, FIONREAD, &n), 0);
	KT_EXPECT_EQ(kt, n, 5);
	KT_EXPECT_EQ(kt, ft_poll(r, POLLIN), POLLIN);
	KT_EXPECT_EQ(kt, ft_io(r, false, buf, sizeof(buf)), 5);
	KT_EXPECT(kt, memcmp(buf, "hello", 5) == 0);
	/* fstat: the node's; no seeking. */
	KT_EXPECT_EQ(kt, kern_fstat(curthread, r, &sb), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, path, SYS,
	    &sb2), 0);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFIFO | 0640);
	KT_EXPECT_EQ(kt, sb.st_ino, sb2.st_ino);
	KT_EXPECT_EQ(kt, sb.st_dev, sb2.st_dev);
	KT_EXPECT_EQ(kt, sb.st_size, 0);
	KT_EXPECT_EQ(kt, kern_lseek(curthread, r, 0, SEEK_CUR), ESPIPE);
	KT_EXPECT_EQ(kt, kern_lseek(curthread, w, 0, SEEK_SET), ESPIPE);
	/* The writer gone: end of file, POLLHUP; the pipe stays. */
	KT_EXPECT_EQ(kt, ft_io(w, true, "left", 4), 4);
	KT_EXPECT_EQ(kt, kern_close(curthread, w), 0);
	KT_EXPECT_EQ(kt, ft_poll(r, POLLIN), POLLIN | POLLHUP);
	KT_EXPECT_EQ(kt, ft_io(r, false, buf, sizeof(buf)), 4);
	KT_EXPECT_EQ(kt, ft_io(r, false, buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(kt, ft_poll(r, POLLIN), POLLHUP);
	/* The reader gone: EPIPE (no signal to a kernel thread), POLLERR. */
	KT_ASSERT_EQ(kt, ft_open(path, O_RDWR, &rw), 0);
	KT_ASSERT_EQ(kt, ft_open(path, O_WRONLY | O_NONBLOCK, &w), 0);
	KT_EXPECT_EQ(kt, vp->v_fifo->pipe_readers, 2);
	KT_EXPECT_EQ(kt, vp->v_fifo->pipe_writers, 2);
	KT_EXPECT_EQ(kt, kern_close(curthread, rw), 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, r), 0);
	KT_EXPECT_EQ(kt, ft_io(w, true, "x", 1), -EPIPE);
	KT_EXPECT_EQ(kt, ft_poll(w, POLLOUT), POLLOUT | POLLERR);
	/* Unread data goes with the last opener; a new open starts empty. */
	KT_ASSERT_EQ(kt, ft_open(path, O_RDWR, &rw), 0);
	KT_EXPECT_EQ(kt, ft_io(rw, true, "stale", 5), 5);
	KT_EXPECT_EQ(kt, kern_close(curthread, w), 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, rw), 0);
	KT_EXPECT(kt, vp->v_fifo == NULL);
	KT_ASSERT_EQ(kt, ft_open(path, O_RDWR | O_NONBLOCK, &rw), 0);
	KT_EXPECT_EQ(kt, kern_ioctl(curthread, rw, FIONREAD, &n), 0);
	KT_EXPECT_EQ(kt, n, 0);
	KT_EXPECT_EQ(kt, ft_io(rw, false, buf, sizeof(buf)), -EAGAIN);
	/* Unlinked while open: it still works, and goes at the close. */
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, path, SYS, 0), 0);
	KT_EXPECT_EQ(kt, ft_io(rw, true, "after", 5), 5);
	KT_EXPECT_EQ(kt, ft_io(rw, false, buf, sizeof(buf)), 5);
	KT_EXPECT(kt, memcmp(buf, "after", 5) == 0);
	KT_EXPECT_EQ(kt, kern_fstat(curthread, rw, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, rw), 0);
	KT_EXPECT(kt, vp->v_fifo == NULL);
	vrele(vp);
}

KTEST(fifo, rules_ext2)
{
	ft_rules(kt, "/", false);
}

KTEST(fifo, rules_tmpfs)
{
	ft_rules(kt, "/tmp", true);
}

/* A kernel thread's open (and what it does next) for the waiting tests. */
static struct {
	const char	*path;
	int		flags;
	volatile int	error;
	volatile int	fd;
	volatile int	done;	/* 1: opened (or failed); 2: finished */
	volatile ssize_t got;	/* the reader: what its read returned */
	char		buf[16];
} ft_kt;

static void
ft_opener_thread(void *arg)
{
	int fd;

	(void)arg;
	ft_kt.error = ft_open(ft_kt.path, ft_kt.flags, &fd);
	ft_kt.fd = fd;
	ft_kt.done = 1;
	wakeup(&ft_kt);
	if (ft_kt.error == 0) {
		if ((ft_kt.flags & O_ACCMODE) == O_WRONLY)
			ft_kt.got = ft_io(fd, true, "ping", 4);
		else
			ft_kt.got = ft_io(fd, false, ft_kt.buf,
			    sizeof(ft_kt.buf));
		(void)kern_close(curthread, fd);
	}
	ft_kt.done = 2;
	wakeup(&ft_kt);
	kthread_exit();
}

static void
ft_start(struct ktest_ctx *kt, const char *path, int flags)
{
	memset(&ft_kt, 0, sizeof(ft_kt));
	ft_kt.path = path;
	ft_kt.flags = flags;
	ft_kt.got = -1;
	KT_ASSERT_EQ(kt, kthread_add(ft_opener_thread, NULL, NULL, PRI_KERN,
	    "ktfifo"), 0);
}

/* Wait (up to 5 s) until the thread got to state; false on timeout. */
static bool
ft_wait(int state)
{
	int i;

	for (i = 0; i < 500 && ft_kt.done < state; i++)
		(void)tsleep(&ft_kt, 0, "ktfifow", MAX(hz / 100, 1));
	return (ft_kt.done >= state);
}

/* A writer waits in open for a reader; then they talk. */
KTEST(fifo, writer_waits_for_reader)
{
	const char *path = ft_mkfifo(kt, "/tmp", true);
	char buf[16];
	int r;

	ft_start(kt, path, O_WRONLY);
	(void)pause("ktfifo", MAX(hz / 20, 1));
	KT_EXPECT_EQ(kt, ft_kt.done, 0);	/* still waiting */
	KT_ASSERT_EQ(kt, ft_open(path, O_RDONLY, &r), 0);  /* a writer: no wait */
	KT_ASSERT(kt, ft_wait(2));
	KT_EXPECT_EQ(kt, ft_kt.error, 0);
	KT_EXPECT_EQ(kt, ft_kt.got, 4);
	KT_EXPECT_EQ(kt, ft_io(r, false, buf, sizeof(buf)), 4);
	KT_EXPECT(kt, memcmp(buf, "ping", 4) == 0);
	KT_EXPECT_EQ(kt, ft_io(r, false, buf, sizeof(buf)), 0);	/* EOF */
	KT_EXPECT_EQ(kt, kern_close(curthread, r), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, path, SYS, 0), 0);
}

/*
 * A reader waits in open; a non-blocking writer may open (the waiting
 * reader counts), and ends the wait even though it closes at once: the
 * reader then reads end of file.
 */
KTEST(fifo, reader_waits_for_writer)
{
	const char *path = ft_mkfifo(kt, "/", false);
	int w;

	ft_start(kt, path, O_RDONLY);
	(void)pause("ktfifo", MAX(hz / 20, 1));
	KT_EXPECT_EQ(kt, ft_kt.done, 0);
	KT_ASSERT_EQ(kt, ft_open(path, O_WRONLY | O_NONBLOCK, &w), 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, w), 0);
	KT_ASSERT(kt, ft_wait(2));
	KT_EXPECT_EQ(kt, ft_kt.error, 0);
	KT_EXPECT_EQ(kt, ft_kt.got, 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, path, SYS, 0), 0);
}

/* O_RDWR never waits, and ends a waiting reader's wait. */
KTEST(fifo, rdwr_never_waits)
{
	const char *path = ft_mkfifo(kt, "/tmp", true);
	int rw;

	ft_start(kt, path, O_RDONLY);
	(void)pause("ktfifo", MAX(hz / 20, 1));
	KT_EXPECT_EQ(kt, ft_kt.done, 0);
	KT_ASSERT_EQ(kt, ft_open(path, O_RDWR, &rw), 0);
	KT_ASSERT(kt, ft_wait(1));
	KT_EXPECT_EQ(kt, ft_kt.error, 0);
	KT_EXPECT_EQ(kt, ft_io(rw, true, "abc", 3), 3);
	KT_ASSERT(kt, ft_wait(2));
	KT_EXPECT_EQ(kt, ft_kt.got, 3);
	KT_EXPECT(kt, memcmp(ft_kt.buf, "abc", 3) == 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, rw), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, path, SYS, 0), 0);
}
