/*
 * sys_pipe.c: pipes with Linux's semantics (sys/sys/pipe.h).
 *
 * One struct pipe holds a PIPE_SIZE ring and is shared by its two open
 * files: the read end (FREAD) and the write end (FWRITE).  dup and fork
 * share an end's file, so an end is open until its file's last
 * reference goes (fo_close); the pipe is freed when both ends are.
 * pipe_readers and pipe_writers count the open files that read and
 * write it: 1 and 1 for a new pipe.  A named pipe (FIFO) uses the same
 * pipe and file operations with its own counts: every open of the FIFO
 * is a reader, a writer or both (sys/fs/fifofs/fifo_vnops.c); its files
 * are DTYPE_FIFO, whose stat and close are the vnode's.
 *
 * Cases:
 *   - read: returns the data there, up to the request, without waiting
 *     for more; an empty pipe waits for a writer (EAGAIN with
 *     O_NONBLOCK) or, with no writer left, reads end of file (0);
 *   - write: a write of at most PIPE_BUF bytes waits until it fits
 *     whole and is never interleaved with another write; a larger one
 *     writes what fits and waits for the rest (O_NONBLOCK: what fits,
 *     EAGAIN when nothing does); with no reader it raises SIGPIPE and
 *     fails with EPIPE (after a partial write, the count is returned);
 *     writing 0 bytes returns 0 at once, as Linux;
 *   - sleeps are interruptible (PCATCH): EINTR, or a restart after a
 *     handler with SA_RESTART; a partial transfer returns its count;
 *   - fstat: a FIFO (S_IFIFO | 0600), size 0, its own inode number (a
 *     named pipe: its vnode's attributes);
 *     FIONREAD: the bytes held; fo_poll: POLLIN/POLLHUP on the read end,
 *     POLLOUT (room for PIPE_BUF) and POLLERR (no reader: with POLLOUT
 *     when there is room, as Linux) on the write end.  A FIFO
 *     opened for reading with O_NONBLOCK and no writer reports no
 *     POLLHUP until a writer has opened it since (f_pipegen, Linux).
 *
 * Locking: pipe_mtx guards the state; the I/O lock (PIPE_LOCKFL)
 * serializes the transfers, and is held with pipe_mtx dropped while
 * uiomove copies (it may fault).  Waiting for data or room releases the
 * I/O lock, so a blocked writer never stops a reader or another writer.
 * Every change of state (data, room, an end closed) calls selwakeup
 * for poll and select (sys/kern/sys_poll.c).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/filio.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/pipe.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/selinfo.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/ucred.h>
#include <sys/uio.h>

#include <machine/atomic.h>

static MALLOC_DEFINE(M_PIPE, "pipe", "pipes and their buffers");

static u_int	pipe_ino_next;	/* (a) inode numbers of pipes */
static dev_t	pipe_dev;	/* st_dev of every pipe, set once */


/*
 * The ring.
 */

/* pipebuf_init: an empty ring over buf (size bytes). */
void
pipebuf_init(struct pipebuf *pb, char *buf, u_int size)
{
	KASSERT(size > 0, ("pipebuf_init: size 0"));
	pb->pb_buf = buf;
	pb->pb_size = size;
	pb->pb_in = pb->pb_out = pb->pb_cnt = 0;
}

/* pipebuf_check: the ring's invariants. */
void
pipebuf_check(const struct pipebuf *pb)
{
	KASSERT(pb->pb_cnt <= pb->pb_size && pb->pb_in < pb->pb_size &&
	    pb->pb_out < pb->pb_size, ("pipebuf %p: in %u out %u cnt %u "
	    "size %u", pb, pb->pb_in, pb->pb_out, pb->pb_cnt, pb->pb_size));
	KASSERT(pb->pb_in == (pb->pb_out + pb->pb_cnt) % pb->pb_size,
	    ("pipebuf %p: in %u != out %u + cnt %u", pb, pb->pb_in,
	    pb->pb_out, pb->pb_cnt));
}

/* pipebuf_rspan: bytes of data readable in one piece at pb_out. */
u_int
pipebuf_rspan(const struct pipebuf *pb)
{
	return (MIN(pb->pb_cnt, pb->pb_size - pb->pb_out));
}

/* pipebuf_wspan: bytes of room writable in one piece at pb_in. */
u_int
pipebuf_wspan(const struct pipebuf *pb)
{
	return (MIN(pb->pb_size - pb->pb_cnt, pb->pb_size - pb->pb_in));
}

/* pipebuf_consumed: n bytes were read at pb_out. */
void
pipebuf_consumed(struct pipebuf *pb, u_int n)
{
	KASSERT(n <= pipebuf_rspan(pb), ("pipebuf_consumed: %u > span %u",
	    n, pipebuf_rspan(pb)));
	pb->pb_out = (pb->pb_out + n) % pb->pb_size;
	pb->pb_cnt -= n;
	if (pb->pb_cnt == 0)
		pb->pb_in = pb->pb_out = 0;	/* long spans again */
	pipebuf_check(pb);
}

/* pipebuf_produced: n bytes were written at pb_in. */
void
pipebuf_produced(struct pipebuf *pb, u_int n)
{
	KASSERT(n <= pipebuf_wspan(pb), ("pipebuf_produced: %u > span %u",
	    n, pipebuf_wspan(pb)));
	pb->pb_in = (pb->pb_in + n) % pb->pb_size;
	pb->pb_cnt += n;
	pipebuf_check(pb);
}

/*
 * The I/O lock.
 */

/* Take the I/O lock (pipe_mtx held); EINTR/ERESTART with catch. */
static int
pipelock(struct pipe *cpipe, bool catch)
{
	int error;

	mtx_assert(&cpipe->pipe_mtx, MA_OWNED);
	while (cpipe->pipe_state & PIPE_LOCKFL) {
		cpipe->pipe_state |= PIPE_LWANT;
		error = msleep(&cpipe->pipe_state, &cpipe->pipe_mtx,
		    catch ? PCATCH : 0, "pipelk", 0);
		if (error != 0)
			return (error);
	}
	cpipe->pipe_state |= PIPE_LOCKFL;
	return (0);
}

static void
pipeunlock(struct pipe *cpipe)
{
	mtx_assert(&cpipe->pipe_mtx, MA_OWNED);
	KASSERT(cpipe->pipe_state & PIPE_LOCKFL, ("pipeunlock: not locked"));
	cpipe->pipe_state &= ~PIPE_LOCKFL;
	if (cpipe->pipe_state & PIPE_LWANT) {
		cpipe->pipe_state &= ~PIPE_LWANT;
		wakeup(&cpipe->pipe_state);
	}
}

/*
 * Wake readers waiting for data, or writers waiting for room, and the
 * pollers (any change: data, room or an end closed).
 */
static void
pipe_wake(struct pipe *cpipe, u_int want)
{
	mtx_assert(&cpipe->pipe_mtx, MA_OWNED);
	selwakeup(&cpipe->pipe_sel);
	if (cpipe->pipe_state & want) {
		cpipe->pipe_state &= ~want;
		wakeup(want == PIPE_WANTR ? (void *)&cpipe->pipe_readers :
		    (void *)&cpipe->pipe_writers);
	}
}

/*
 * Give up the I/O lock and sleep until woken as want (PIPE_WANTR: data
 * or no writer; PIPE_WANTW: room or no reader); the lock is held again
 * on a 0 return, not on an error.
 */
static int
pipe_wait(struct pipe *cpipe, u_int want)
{
	int error;

	pipeunlock(cpipe);
	cpipe->pipe_state |= want;
	error = msleep(want == PIPE_WANTR ? (void *)&cpipe->pipe_readers :
	    (void *)&cpipe->pipe_writers, &cpipe->pipe_mtx, PCATCH,
	    want == PIPE_WANTR ? "piperd" : "pipewr", 0);
	if (error != 0)
		return (error);
	return (pipelock(cpipe, true));
}

/*
 * Creation.
 */

/* pipe_alloc: a new, empty pipe with no reader and no writer. */
struct pipe *
pipe_alloc(struct ucred *cred)
{
	struct pipe *cpipe;

	cpipe = malloc(sizeof(*cpipe), M_PIPE, M_WAITOK | M_ZERO);
	pipebuf_init(&cpipe->pipe_buffer, malloc(PIPE_SIZE, M_PIPE, M_WAITOK),
	    PIPE_SIZE);
	mtx_init(&cpipe->pipe_mtx, "pipe", NULL, MTX_DEF);
	cpipe->pipe_ino = atomic_fetchadd_int(&pipe_ino_next, 1) + 1;
	if (pipe_dev == 0)
		pipe_dev = vfs_anon_dev();	/* XXX: racy on SMP */
	cpipe->pipe_dev = pipe_dev;
	cpipe->pipe_uid = cred->cr_uid;
	cpipe->pipe_gid = cred->cr_gid;
	nanotime(&cpipe->pipe_ctime);
	return (cpipe);
}

/* pipe_free: free a pipe nobody has open (pipe_release said so). */
void
pipe_free(struct pipe *cpipe)
{
	KASSERT(cpipe->pipe_readers == 0 && cpipe->pipe_writers == 0,
	    ("pipe_free: pipe %p open: %u readers %u writers", cpipe,
	    cpipe->pipe_readers, cpipe->pipe_writers));
	/* Nobody holds it open: no transfer is in progress. */
	KASSERT((cpipe->pipe_state & PIPE_LOCKFL) == 0,
	    ("pipe_free: pipe %p busy", cpipe));
	mtx_destroy(&cpipe->pipe_mtx);
	free(cpipe->pipe_buffer.pb_buf, M_PIPE);
	free(cpipe, M_PIPE);
}

/* pipe_release: see sys/sys/pipe.h. */
bool
pipe_release(struct pipe *cpipe, int fflag)
{
	mtx_assert(&cpipe->pipe_mtx, MA_OWNED);
	if (fflag & FREAD) {
		KASSERT(cpipe->pipe_readers > 0, ("pipe_release: no reader"));
		if (--cpipe->pipe_readers == 0)
			pipe_wake(cpipe, PIPE_WANTW);	/* they get EPIPE */
	}
	if (fflag & FWRITE) {
		KASSERT(cpipe->pipe_writers > 0, ("pipe_release: no writer"));
		if (--cpipe->pipe_writers == 0)
			pipe_wake(cpipe, PIPE_WANTR);	/* they see EOF */
	}
	return (cpipe->pipe_readers == 0 && cpipe->pipe_writers == 0);
}

/* pipe_files: a new pipe's read and write ends (sys/sys/pipe.h). */
int
pipe_files(struct thread *td, int flags, struct file **rfpp,
    struct file **wfpp)
{
	struct pipe *cpipe;
	struct file *rf, *wf;

	KASSERT((flags & ~O_NONBLOCK) == 0, ("pipe_files: flags %#x", flags));
	cpipe = pipe_alloc(td->td_proc->p_ucred);
	cpipe->pipe_readers = cpipe->pipe_writers = 1;
	cpipe->pipe_rgen = cpipe->pipe_wgen = 1;
	(void)falloc_noinstall(td, &rf);
	(void)falloc_noinstall(td, &wf);
	finit(rf, FREAD | flags, DTYPE_PIPE, cpipe, &pipeops);
	finit(wf, FWRITE | flags, DTYPE_PIPE, cpipe, &pipeops);
	*rfpp = rf;
	*wfpp = wf;
	return (0);
}

/*
 * kern_pipe: a pipe; fildes[0] its read end, fildes[1] its write end.
 * flags: O_CLOEXEC, O_NONBLOCK (else EINVAL).  EMFILE with no free
 * descriptors (nothing is left open then).
 */
int
kern_pipe(struct thread *td, int fildes[2], int flags)
{
	struct file *rf, *wf;
	int error;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return (EINVAL);
	if (td->td_proc->p_fd == NULL)
		return (EMFILE);
	error = pipe_files(td, flags & O_NONBLOCK, &rf, &wf);
	if (error != 0)
		return (error);
	error = finstall(td, rf, 0, flags & O_CLOEXEC, &fildes[0]);
	if (error == 0) {
		error = finstall(td, wf, 0, flags & O_CLOEXEC, &fildes[1]);
		if (error != 0)
			(void)kern_close(td, fildes[0]);
	}
	(void)fdrop(rf, td);
	(void)fdrop(wf, td);
	return (error);
}

/*
 * The file operations.
 */

static int
pipe_read(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	struct pipe *cpipe = fp->f_data;
	struct pipebuf *pb = &cpipe->pipe_buffer;
	ssize_t resid;
	size_t n;
	int error;
	bool moved = false;

	mtx_lock(&cpipe->pipe_mtx);
	error = pipelock(cpipe, true);
	if (error != 0)
		goto out;
	while (uio->uio_resid > 0) {
		if (pb->pb_cnt > 0) {
			n = MIN(pipebuf_rspan(pb), (size_t)uio->uio_resid);
			resid = uio->uio_resid;
			mtx_unlock(&cpipe->pipe_mtx);
			error = uiomove(pb->pb_buf + pb->pb_out, n, uio);
			mtx_lock(&cpipe->pipe_mtx);
			n = resid - uio->uio_resid;
			if (n > 0) {
				pipebuf_consumed(pb, n);
				moved = true;
				pipe_wake(cpipe, PIPE_WANTW);
			}
			if (error != 0)
				break;
			continue;
		}
		/* Empty: return what was read, end of file, or wait. */
		if (moved || cpipe->pipe_writers == 0)
			break;
		if (fp->f_flag & O_NONBLOCK) {
			error = EAGAIN;
			break;
		}
		error = pipe_wait(cpipe, PIPE_WANTR);
		if (error != 0)
			goto out;	/* the I/O lock is not held */
	}
	pipeunlock(cpipe);
out:
	mtx_unlock(&cpipe->pipe_mtx);
	return (error);
}

/* SIGPIPE to the writer (a user thread; kernel tests get EPIPE only). */
static void
pipe_sigpipe(struct thread *td)
{
	ksiginfo_t ksi;

	if (td->td_frame == NULL)
		return;
	ksiginfo_init(&ksi, SIGPIPE, SI_USER);
	ksi.ksi_pid = td->td_proc->p_pid;
	ksi.ksi_uid = td->td_proc->p_ucred->cr_ruid;
	tdsignal(td, &ksi);
}

static int
pipe_write(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	struct pipe *cpipe = fp->f_data;
	struct pipebuf *pb = &cpipe->pipe_buffer;
	ssize_t total = uio->uio_resid, resid;
	size_t n, need;
	int error;

	if (total == 0)
		return (0);
	mtx_lock(&cpipe->pipe_mtx);
	error = pipelock(cpipe, true);
	if (error != 0)
		goto out;
	while (uio->uio_resid > 0) {
		if (cpipe->pipe_readers == 0) {
			pipe_sigpipe(td);
			error = uio->uio_resid == total ? EPIPE : 0;
			break;
		}
		/* A small write goes in whole; a large one as room comes. */
		need = total <= PIPE_BUF ? (size_t)uio->uio_resid : 1;
		if (pb->pb_size - pb->pb_cnt >= need) {
			n = MIN(pipebuf_wspan(pb), (size_t)uio->uio_resid);
			resid = uio->uio_resid;
			mtx_unlock(&cpipe->pipe_mtx);
			error = uiomove(pb->pb_buf + pb->pb_in, n, uio);
			mtx_lock(&cpipe->pipe_mtx);
			n = resid - uio->uio_resid;
			if (n > 0) {
				pipebuf_produced(pb, n);
				pipe_wake(cpipe, PIPE_WANTR);
			}
			if (error != 0)
				break;
			continue;
		}
		if (fp->f_flag & O_NONBLOCK) {
			error = EAGAIN;
			break;
		}
		error = pipe_wait(cpipe, PIPE_WANTW);
		if (error != 0)
			goto out;	/* the I/O lock is not held */
	}
	pipeunlock(cpipe);
out:
	mtx_unlock(&cpipe->pipe_mtx);
	return (error);
}

/* FIONREAD: the bytes held (either end, as Linux). */
static int
pipe_ioctl(struct file *fp, u_long cmd, void *data, struct thread *td)
{
	struct pipe *cpipe = fp->f_data;

	switch (cmd) {
	case FIONREAD:
		mtx_lock(&cpipe->pipe_mtx);
		*(int *)data = (int)cpipe->pipe_buffer.pb_cnt;
		mtx_unlock(&cpipe->pipe_mtx);
		return (0);
	default:
		return (ENOTTY);
	}
}

static int
pipe_poll(struct file *fp, int events, struct thread *td)
{
	struct pipe *cpipe = fp->f_data;
	struct pipebuf *pb = &cpipe->pipe_buffer;
	int revents = 0;

	mtx_lock(&cpipe->pipe_mtx);
	if (fp->f_flag & FREAD) {
		if (pb->pb_cnt > 0)
			revents |= events & (POLLIN | POLLRDNORM);
		if (cpipe->pipe_writers == 0 &&
		    fp->f_pipegen != cpipe->pipe_wgen)
			revents |= POLLHUP;
	}
	if (fp->f_flag & FWRITE) {
		/* Both with no reader and room (Linux). */
		if (cpipe->pipe_readers == 0)
			revents |= POLLERR;
		if (pb->pb_size - pb->pb_cnt >= PIPE_BUF)
			revents |= events & (POLLOUT | POLLWRNORM);
	}
	mtx_unlock(&cpipe->pipe_mtx);
	return (revents);
}

static int
pipe_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	struct pipe *cpipe = fp->f_data;

	if (fp->f_type == DTYPE_FIFO)
		return (vnops.fo_stat(fp, sb, td));	/* the node's */
	sb->st_dev = cpipe->pipe_dev;
	sb->st_ino = cpipe->pipe_ino;
	sb->st_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	sb->st_nlink = 1;
	sb->st_uid = cpipe->pipe_uid;
	sb->st_gid = cpipe->pipe_gid;
	sb->st_atim = sb->st_mtim = sb->st_ctim = cpipe->pipe_ctime;
	sb->st_blksize = PAGE_SIZE;
	return (0);
}

/*
 * The last reference to one end: close it; the second frees the pipe.
 * An open FIFO closes through its vnode (vn_close: fifo_close).
 */
static int
pipe_close(struct file *fp, struct thread *td)
{
	struct pipe *cpipe = fp->f_data;
	bool last;

	if (fp->f_type == DTYPE_FIFO)
		return (vnops.fo_close(fp, td));
	mtx_lock(&cpipe->pipe_mtx);
	last = pipe_release(cpipe, fp->f_flag & (FREAD | FWRITE));
	mtx_unlock(&cpipe->pipe_mtx);
	if (last)
		pipe_free(cpipe);
	return (0);
}

const struct fileops pipeops = {
	.fo_read = pipe_read,
	.fo_write = pipe_write,
	.fo_ioctl = pipe_ioctl,
	.fo_poll = pipe_poll,
	.fo_stat = pipe_stat,
	.fo_close = pipe_close,
	.fo_flags = 0,
};
