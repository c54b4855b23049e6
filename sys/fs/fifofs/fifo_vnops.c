/*
 * fifo_vnops.c: named pipes (FIFOs), FreeBSD's fifofs reduced to its
 * open and close: the data path is the anonymous pipe's (sys_pipe.c).
 *
 * A FIFO is a VFIFO node of any file system (mknod(2), mkfifo(3); tmpfs
 * and ext2 keep it as a plain node).  The first open hangs a new pipe on
 * the vnode (v_fifo) and the last close frees it, so what nobody read is
 * gone then and a later open starts empty.  In between, each open counts
 * as a reader (FREAD), a writer (FWRITE) or both (O_RDWR) in the pipe's
 * pipe_readers and pipe_writers, which give a read its end of file and a
 * write its EPIPE, as for a pipe's ends.  The open file is DTYPE_FIFO
 * with pipeops; its fstat and close go to the vnode (vn_stat, vn_close),
 * so fstat shows the node and unlink leaves the pipe to those who have
 * it open.
 *
 * Opens (Linux's fifo_open):
 *   - O_RDONLY waits until a writer has opened since it started (a
 *     writer already there: at once); with O_NONBLOCK it never waits,
 *     and its file reports no POLLHUP until a writer has come
 *     (f_pipegen);
 *   - O_WRONLY waits for a reader likewise; with O_NONBLOCK and no
 *     reader (one waiting in open counts) it fails with ENXIO;
 *   - O_RDWR never waits;
 *   - the waits count generations (pipe_rgen, pipe_wgen), not openers,
 *     so a partner that opened and closed again still ends them; they
 *     are interruptible (PCATCH: EINTR, or ERESTART for a handler with
 *     SA_RESTART, and the open starts again) and undo their count then.
 *
 * Locking: the vnode lock covers v_fifo, and so every open and close of
 * the FIFO; pipe_mtx covers the counts (lock order: the vnode, then
 * pipe_mtx).  A waiting open drops the vnode lock while it sleeps, so
 * its partner can open; its own count keeps the pipe alive meanwhile.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/mutex.h>
#include <sys/pipe.h>
#include <sys/selinfo.h>
#include <sys/sleepqueue.h>
#include <sys/vnode.h>

#include <fs/fifofs/fifo.h>

/*
 * Wait until *genp changes: a partner opened.  pipe_mtx and vp's lock
 * held on entry and on return; both are dropped while asleep.  0, or
 * EINTR/ERESTART when a signal came first.
 */
static int
fifo_wait(struct vnode *vp, struct pipe *cpipe, u_int *genp,
    const char *wmesg)
{
	u_int gen = *genp;
	int error = 0;

	mtx_unlock(&cpipe->pipe_mtx);
	VOP_UNLOCK(vp);
	mtx_lock(&cpipe->pipe_mtx);
	while (*genp == gen && error == 0)
		error = msleep(genp, &cpipe->pipe_mtx, PCATCH, wmesg, 0);
	if (*genp != gen)
		error = 0;	/* the partner came, signal or not */
	mtx_unlock(&cpipe->pipe_mtx);
	(void)vn_lock(vp, LK_RETRY);
	mtx_lock(&cpipe->pipe_mtx);
	return (error);
}

/* fifo_open: see fifo.h. */
int
fifo_open(struct vnode *vp, int fmode, struct ucred *cred, struct file *fp)
{
	struct pipe *cpipe;
	int error = 0, rw = fmode & (FREAD | FWRITE);
	bool last;

	KASSERT(vp->v_type == VFIFO, ("fifo_open: vnode %p type %d", vp,
	    vp->v_type));
	KASSERT(VOP_ISLOCKED(vp), ("fifo_open: vnode %p not locked", vp));
	KASSERT(rw != 0, ("fifo_open: fmode %#x", fmode));
	KASSERT(fp != NULL && fp->f_type == DTYPE_NONE,
	    ("fifo_open: file %p", fp));
	cpipe = vp->v_fifo;
	if (cpipe == NULL) {
		/* Nobody has it open, so no reader. */
		if (rw == FWRITE && (fmode & O_NONBLOCK))
			return (ENXIO);
		cpipe = pipe_alloc(cred);
		vp->v_fifo = cpipe;
	}
	mtx_lock(&cpipe->pipe_mtx);
	if (rw == FWRITE && (fmode & O_NONBLOCK) && cpipe->pipe_readers == 0) {
		/* Open, so it has a writer: the pipe stays. */
		mtx_unlock(&cpipe->pipe_mtx);
		return (ENXIO);
	}
	if (rw & FREAD) {
		cpipe->pipe_readers++;
		cpipe->pipe_rgen++;
		wakeup(&cpipe->pipe_rgen);	/* writers waiting in open */
	}
	if (rw & FWRITE) {
		cpipe->pipe_writers++;
		cpipe->pipe_wgen++;
		wakeup(&cpipe->pipe_wgen);	/* readers waiting in open */
	}
	selwakeup(&cpipe->pipe_sel);
	if (rw == FREAD && cpipe->pipe_writers == 0) {
		if (fmode & O_NONBLOCK)
			fp->f_pipegen = cpipe->pipe_wgen;
		else
			error = fifo_wait(vp, cpipe, &cpipe->pipe_wgen,
			    "fifoor");
	} else if (rw == FWRITE && cpipe->pipe_readers == 0) {
		error = fifo_wait(vp, cpipe, &cpipe->pipe_rgen, "fifoow");
	}
	if (error != 0) {
		last = pipe_release(cpipe, rw);
		mtx_unlock(&cpipe->pipe_mtx);
		if (last) {
			vp->v_fifo = NULL;
			pipe_free(cpipe);
		}
		return (error);
	}
	mtx_unlock(&cpipe->pipe_mtx);
	fp->f_data = cpipe;
	return (0);
}

/* fifo_close: see fifo.h. */
void
fifo_close(struct vnode *vp, int fflag)
{
	struct pipe *cpipe = vp->v_fifo;
	bool last;

	KASSERT(VOP_ISLOCKED(vp), ("fifo_close: vnode %p not locked", vp));
	KASSERT(cpipe != NULL, ("fifo_close: vnode %p has no pipe", vp));
	mtx_lock(&cpipe->pipe_mtx);
	last = pipe_release(cpipe, fflag & (FREAD | FWRITE));
	mtx_unlock(&cpipe->pipe_mtx);
	if (last) {
		vp->v_fifo = NULL;
		pipe_free(cpipe);
	}
}
