/*
 * kern_descrip.c: open files and descriptor tables (sys/sys/file.h,
 * sys/sys/filedesc.h).
 *
 * An open file (struct file) is reference-counted: each descriptor
 * naming it holds one reference, and a system call using it holds one
 * more for its duration (fget .. fdrop), so a concurrent close cannot
 * free it under the call.  The last fdrop calls fo_close.
 *
 * A table grows by doubling up to the RLIMIT_NOFILE soft limit (EMFILE
 * beyond it).  fd_freefile is a hint: no descriptor below it is free.
 * fork copies the table (fdcopy); exec closes UF_EXCLOSE entries; exit
 * closes all (fdfree).  share/doc/vfs.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/malloc.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/sched.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <machine/atomic.h>

MALLOC_DEFINE(M_FILE, "file", "open files");
static MALLOC_DEFINE(M_FILEDESC, "filedesc", "descriptor tables");

/* The most descriptors a table may have, whatever the limit says. */
#define FD_HARD_MAX	65536

/*
 * Open files.
 */

/* falloc_noinstall: a new open file with one reference, DTYPE_NONE. */
int
falloc_noinstall(struct thread *td, struct file **fpp)
{
	struct file *fp;

	fp = malloc(sizeof(*fp), M_FILE, M_WAITOK | M_ZERO);
	fp->f_count = 1;
	fp->f_cred = crhold(td->td_proc->p_ucred);
	mtx_init(&fp->f_mtx, "file", NULL, MTX_DEF);
	*fpp = fp;
	return (0);
}

/* finit: make fp a file of type type over data with ops. */
void
finit(struct file *fp, u_int flag, short type, void *data,
    const struct fileops *ops)
{
	KASSERT(fp->f_type == DTYPE_NONE, ("finit: file %p set up twice", fp));
	fp->f_flag = flag;
	fp->f_data = data;
	fp->f_ops = ops;
	fp->f_type = type;
}

/* fhold: one more reference; returns fp. */
struct file *
fhold(struct file *fp)
{
	KASSERT(fp->f_count > 0, ("fhold: file %p is free", fp));
	atomic_add_int(&fp->f_count, 1);
	return (fp);
}

/*
 * fdrop: drop a reference.  The last one closes the file (fo_close) and
 * frees it; returns fo_close's error then, else 0.
 */
int
fdrop(struct file *fp, struct thread *td)
{
	int error = 0;

	KASSERT(fp->f_count > 0, ("fdrop: file %p is free", fp));
	if (atomic_fetchadd_int(&fp->f_count, -1) != 1)
		return (0);
	if (fp->f_type != DTYPE_NONE && fp->f_ops->fo_close != NULL)
		error = fp->f_ops->fo_close(fp, td);
	crfree(fp->f_cred);
	mtx_destroy(&fp->f_mtx);
	free(fp, M_FILE);
	return (error);
}

/*
 * foffset_lock: take fp's offset for a read or write and return it;
 * concurrent callers wait, so two reads through one file do not read the
 * same bytes.  foffset_unlock stores the new offset and lets the next in.
 */
off_t
foffset_lock(struct file *fp)
{
	off_t off;

	mtx_lock(&fp->f_mtx);
	while (fp->f_vflags & FOFFSET_LOCKED) {
		fp->f_vflags |= FOFFSET_WAITING;
		msleep(&fp->f_vflags, &fp->f_mtx, 0, "foffset", 0);
	}
	fp->f_vflags |= FOFFSET_LOCKED;
	off = fp->f_offset;
	mtx_unlock(&fp->f_mtx);
	return (off);
}

void
foffset_unlock(struct file *fp, off_t off)
{
	mtx_lock(&fp->f_mtx);
	KASSERT(fp->f_vflags & FOFFSET_LOCKED,
	    ("foffset_unlock: file %p offset not locked", fp));
	fp->f_offset = off;
	if (fp->f_vflags & FOFFSET_WAITING)
		wakeup(&fp->f_vflags);
	fp->f_vflags &= ~(FOFFSET_LOCKED | FOFFSET_WAITING);
	mtx_unlock(&fp->f_mtx);
}

/*
 * The fo_* wrappers: the errno Linux gives when a kind of file lacks an
 * operation.
 */
int
fo_read(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	if (fp->f_ops->fo_read == NULL)
		return (EINVAL);
	return (fp->f_ops->fo_read(fp, uio, flags, td));
}

int
fo_write(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	if (fp->f_ops->fo_write == NULL)
		return (EINVAL);
	return (fp->f_ops->fo_write(fp, uio, flags, td));
}

int
fo_ioctl(struct file *fp, u_long cmd, void *data, struct thread *td)
{
	if (fp->f_ops->fo_ioctl == NULL)
		return (ENOTTY);
	return (fp->f_ops->fo_ioctl(fp, cmd, data, td));
}

int
fo_poll(struct file *fp, int events, struct thread *td)
{
	if (fp->f_ops->fo_poll == NULL)
		return (events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM));
	return (fp->f_ops->fo_poll(fp, events, td));
}

int
fo_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	memset(sb, 0, sizeof(*sb));
	if (fp->f_ops->fo_stat == NULL)
		return (EOPNOTSUPP);
	return (fp->f_ops->fo_stat(fp, sb, td));
}

/*
 * Descriptor tables.
 */

/* A new, empty table; cwd and root are the system root, if mounted. */
struct filedesc *
fdinit(void)
{
	struct filedesc *fdp;

	fdp = malloc(sizeof(*fdp), M_FILEDESC, M_WAITOK | M_ZERO);
	fdp->fd_ofiles = malloc(NDFILE * sizeof(struct filedescent),
	    M_FILEDESC, M_WAITOK | M_ZERO);
	fdp->fd_nfiles = NDFILE;
	fdp->fd_cmask = 022;
	fdp->fd_refcnt = 1;
	fdp->fd_holdcnt = 1;
	sx_init(&fdp->fd_sx, "filedesc");
	if (rootvnode != NULL) {
		vref(rootvnode);
		fdp->fd_cdir = rootvnode;
		vref(rootvnode);
		fdp->fd_rdir = rootvnode;
	}
	return (fdp);
}

/* fdcopy: a copy of fdp for a forked child; each file gains a ref. */
struct filedesc *
fdcopy(struct filedesc *fdp)
{
	struct filedesc *nfdp;
	int i;

	nfdp = malloc(sizeof(*nfdp), M_FILEDESC, M_WAITOK | M_ZERO);
	sx_init(&nfdp->fd_sx, "filedesc");
	nfdp->fd_refcnt = 1;
	nfdp->fd_holdcnt = 1;
	FILEDESC_SLOCK(fdp);
	nfdp->fd_nfiles = fdp->fd_nfiles;
	nfdp->fd_ofiles = malloc(fdp->fd_nfiles * sizeof(struct filedescent),
	    M_FILEDESC, M_WAITOK | M_ZERO);
	for (i = 0; i < fdp->fd_nfiles; i++) {
		if (fdp->fd_ofiles[i].fde_file == NULL)
			continue;
		nfdp->fd_ofiles[i].fde_file = fhold(fdp->fd_ofiles[i].fde_file);
		nfdp->fd_ofiles[i].fde_flags = fdp->fd_ofiles[i].fde_flags;
	}
	nfdp->fd_freefile = fdp->fd_freefile;
	nfdp->fd_cmask = fdp->fd_cmask;
	if ((nfdp->fd_cdir = fdp->fd_cdir) != NULL)
		vref(nfdp->fd_cdir);
	if ((nfdp->fd_rdir = fdp->fd_rdir) != NULL)
		vref(nfdp->fd_rdir);
	FILEDESC_SUNLOCK(fdp);
	return (nfdp);
}

/* Remove descriptor fd from the table (locked); its file, or NULL. */
static struct file *
fdunused(struct filedesc *fdp, int fd)
{
	struct file *fp;

	sx_assert(&fdp->fd_sx, SA_XLOCKED);
	if (fd < 0 || fd >= fdp->fd_nfiles)
		return (NULL);
	fp = fdp->fd_ofiles[fd].fde_file;
	fdp->fd_ofiles[fd].fde_file = NULL;
	fdp->fd_ofiles[fd].fde_flags = 0;
	if (fp != NULL && fd < fdp->fd_freefile)
		fdp->fd_freefile = fd;
	return (fp);
}

/*
 * fdclosed: a descriptor of td's process referring to fp was closed:
 * the process's record locks on the file go (POSIX), then the reference.
 */
static int
fdclosed(struct thread *td, struct file *fp)
{
	if (fp->f_vnode != NULL)
		lf_release(td->td_proc, fp->f_vnode);
	return (fdrop(fp, td));
}

/* fdfree: close every descriptor of td's process, drop cwd and root. */
void
fdfree(struct thread *td)
{
	struct proc *p = td->td_proc;
	struct filedesc *fdp = p->p_fd;
	struct vnode *cdir, *rdir;
	struct file *fp;
	int i;

	lf_release(p, NULL);
	if (fdp == NULL)
		return;
	p->p_fd = NULL;
	if (atomic_fetchadd_int(&fdp->fd_refcnt, -1) != 1)
		return;
	for (i = 0; i < fdp->fd_nfiles; i++) {
		FILEDESC_XLOCK(fdp);
		fp = fdunused(fdp, i);
		FILEDESC_XUNLOCK(fdp);
		if (fp != NULL)
			(void)fdrop(fp, td);
	}
	FILEDESC_XLOCK(fdp);
	cdir = fdp->fd_cdir;
	rdir = fdp->fd_rdir;
	fdp->fd_cdir = fdp->fd_rdir = NULL;
	FILEDESC_XUNLOCK(fdp);
	if (cdir != NULL)
		vrele(cdir);
	if (rdir != NULL)
		vrele(rdir);
	fddrop(fdp);
}

/*
 * fdhold: see filedesc.h.  XXX: p_fd changes (fdfree) without a lock
 * readers share; on one CPU the critical section makes reading it and
 * taking the hold one step.  SMP needs p_fd under the process lock.
 */
struct filedesc *
fdhold(struct proc *p)
{
	struct filedesc *fdp;

	mtx_assert(&proctree_lock, MA_OWNED);
	critical_enter();
	fdp = p->p_fd;
	if (fdp != NULL)
		atomic_add_int(&fdp->fd_holdcnt, 1);
	critical_exit();
	return (fdp);
}

/* fddrop: release a hold; the last frees the table's memory. */
void
fddrop(struct filedesc *fdp)
{
	if (atomic_fetchadd_int(&fdp->fd_holdcnt, (u_int)-1) != 1)
		return;
	KASSERT(fdp->fd_refcnt == 0, ("fddrop: %p still in use", fdp));
	sx_destroy(&fdp->fd_sx);
	free(fdp->fd_ofiles, M_FILEDESC);
	free(fdp, M_FILEDESC);
}

/* fdcloseexec: close the close-on-exec descriptors (exec). */
void
fdcloseexec(struct thread *td)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct file *fp;
	int i;

	if (fdp == NULL)
		return;
	for (i = 0; i < fdp->fd_nfiles; i++) {
		FILEDESC_XLOCK(fdp);
		fp = NULL;
		if (fdp->fd_ofiles[i].fde_flags & UF_EXCLOSE)
			fp = fdunused(fdp, i);
		FILEDESC_XUNLOCK(fdp);
		if (fp != NULL)
			(void)fdclosed(td, fp);
	}
}

/* The descriptor limit of td's process (sys/filedesc.h). */
int
fdlimit(struct thread *td)
{
	uint64_t lim = td->td_proc->p_limit[RLIMIT_NOFILE].rlim_cur;

	return ((int)MIN(lim, (uint64_t)FD_HARD_MAX));
}

/* Grow the table (locked) to hold index want; EMFILE past the limit. */
static int
fdgrow(struct filedesc *fdp, int want, int limit)
{
	struct filedescent *nf;
	int n;

	sx_assert(&fdp->fd_sx, SA_XLOCKED);
	if (want >= limit)
		return (EMFILE);
	n = fdp->fd_nfiles;
	while (n <= want)
		n *= 2;
	n = MIN(n, limit);
	nf = malloc(n * sizeof(*nf), M_FILEDESC, M_WAITOK | M_ZERO);
	memcpy(nf, fdp->fd_ofiles, fdp->fd_nfiles * sizeof(*nf));
	free(fdp->fd_ofiles, M_FILEDESC);
	fdp->fd_ofiles = nf;
	fdp->fd_nfiles = n;
	return (0);
}

/*
 * finstall: put fp in the lowest free descriptor >= minfd; the table
 * takes a reference of its own (the caller still drops its one).
 * flags: O_CLOEXEC.  Returns 0 with it in *fdp, or EMFILE/EINVAL.
 */
int
finstall(struct thread *td, struct file *fp, int minfd, int flags, int *fdp)
{
	struct filedesc *fdesc = td->td_proc->p_fd;
	int fd, limit = fdlimit(td), error;

	if (minfd < 0 || minfd >= limit)
		return (minfd < 0 ? EINVAL : EMFILE);
	FILEDESC_XLOCK(fdesc);
	fd = MAX(minfd, fdesc->fd_freefile);
	while (fd < fdesc->fd_nfiles && fdesc->fd_ofiles[fd].fde_file != NULL)
		fd++;
	/* The table may be larger than a limit lowered since it grew. */
	if (fd >= limit) {
		FILEDESC_XUNLOCK(fdesc);
		return (EMFILE);
	}
	if (fd >= fdesc->fd_nfiles) {
		error = fdgrow(fdesc, fd, limit);
		if (error != 0) {
			FILEDESC_XUNLOCK(fdesc);
			return (error);
		}
	}
	fdesc->fd_ofiles[fd].fde_file = fhold(fp);
	fdesc->fd_ofiles[fd].fde_flags = (flags & O_CLOEXEC) ? UF_EXCLOSE : 0;
	if (minfd <= fdesc->fd_freefile)
		fdesc->fd_freefile = fd + 1;
	FILEDESC_XUNLOCK(fdesc);
	*fdp = fd;
	return (0);
}

/*
 * finstall_at: make descriptor fd refer to fp (a new reference),
 * closing what it referred to before.  EBADF if fd is out of range.
 */
int
finstall_at(struct thread *td, struct file *fp, int fd, int flags)
{
	struct filedesc *fdesc = td->td_proc->p_fd;
	struct file *old;
	int limit = fdlimit(td), error;

	if (fd < 0 || fd >= limit)
		return (EBADF);
	FILEDESC_XLOCK(fdesc);
	if (fd >= fdesc->fd_nfiles) {
		error = fdgrow(fdesc, fd, limit);
		if (error != 0) {
			FILEDESC_XUNLOCK(fdesc);
			return (EBADF);
		}
	}
	old = fdesc->fd_ofiles[fd].fde_file;
	fdesc->fd_ofiles[fd].fde_file = fhold(fp);
	fdesc->fd_ofiles[fd].fde_flags = (flags & O_CLOEXEC) ? UF_EXCLOSE : 0;
	FILEDESC_XUNLOCK(fdesc);
	if (old != NULL)
		(void)fdclosed(td, old);
	return (0);
}

/* fget: the file behind fd, referenced, with the needed access. */
int
fget(struct thread *td, int fd, u_int needflags, struct file **fpp)
{
	struct filedesc *fdesc = td->td_proc->p_fd;
	struct file *fp;

	if (fdesc == NULL)
		return (EBADF);
	FILEDESC_SLOCK(fdesc);
	if (fd < 0 || fd >= fdesc->fd_nfiles ||
	    (fp = fdesc->fd_ofiles[fd].fde_file) == NULL) {
		FILEDESC_SUNLOCK(fdesc);
		return (EBADF);
	}
	if ((fp->f_flag & needflags) != needflags ||
	    (needflags != 0 && (fp->f_flag & O_PATH))) {
		FILEDESC_SUNLOCK(fdesc);
		return (EBADF);
	}
	fhold(fp);
	FILEDESC_SUNLOCK(fdesc);
	*fpp = fp;
	return (0);
}

/*
 * fgetvp: the vnode behind fd, referenced (vrele it).  EBADF for a
 * descriptor not open, ENOTDIR when it is no vnode (a pipe, the
 * console): what the path calls taking a directory descriptor answer.
 */
int
fgetvp(struct thread *td, int fd, struct vnode **vpp)
{
	struct file *fp;
	int error;

	error = fget(td, fd, 0, &fp);
	if (error != 0)
		return (error);
	*vpp = fp->f_vnode;
	if (*vpp != NULL)
		vref(*vpp);
	(void)fdrop(fp, td);
	return (*vpp != NULL ? 0 : ENOTDIR);
}

/*
 * System calls.
 */

/* kern_close: close fd.  0, EBADF, or the error of the last close. */
int
kern_close(struct thread *td, int fd)
{
	struct filedesc *fdesc = td->td_proc->p_fd;
	struct file *fp;

	if (fdesc == NULL)
		return (EBADF);
	FILEDESC_XLOCK(fdesc);
	fp = fdunused(fdesc, fd);
	FILEDESC_XUNLOCK(fdesc);
	if (fp == NULL)
		return (EBADF);
	return (fdclosed(td, fp));
}

/* kern_fstat: the status of what fd refers to. */
int
kern_fstat(struct thread *td, int fd, struct stat *sbp)
{
	struct file *fp;
	int error;

	error = fget(td, fd, 0, &fp);
	if (error != 0)
		return (error);
	error = fo_stat(fp, sbp, td);
	(void)fdrop(fp, td);
	return (error);
}

/*
 * kern_dup: dup (exact false: the lowest free >= 0), or dup2/dup3
 * (exact: newfd itself; dup2 of a descriptor onto itself is a no-op that
 * checks it, as Linux).  flags: O_CLOEXEC.  Result in td_retval[0].
 */
int
kern_dup(struct thread *td, int oldfd, int newfd, int flags, bool exact)
{
	struct file *fp;
	int error, fd;

	error = fget(td, oldfd, 0, &fp);
	if (error != 0)
		return (error);
	if (!exact) {
		error = finstall(td, fp, 0, flags, &fd);
	} else if (oldfd == newfd) {
		fd = newfd;
	} else {
		fd = newfd;
		error = finstall_at(td, fp, newfd, flags);
	}
	(void)fdrop(fp, td);
	if (error == 0)
		td->td_retval[0] = fd;
	return (error);
}

/* Read or change the close-on-exec flag of fd. */
static int
fd_flags(struct thread *td, int fd, int set, int *oldp)
{
	struct filedesc *fdesc = td->td_proc->p_fd;
	struct filedescent *fde;

	FILEDESC_XLOCK(fdesc);
	if (fd < 0 || fd >= fdesc->fd_nfiles ||
	    fdesc->fd_ofiles[fd].fde_file == NULL) {
		FILEDESC_XUNLOCK(fdesc);
		return (EBADF);
	}
	fde = &fdesc->fd_ofiles[fd];
	*oldp = (fde->fde_flags & UF_EXCLOSE) ? FD_CLOEXEC : 0;
	if (set >= 0)
		fde->fde_flags = (set & FD_CLOEXEC) ? UF_EXCLOSE : 0;
	FILEDESC_XUNLOCK(fdesc);
	return (0);
}

/*
 * kern_fcntl: F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL,
 * F_SETFL (only FCNTLFLAGS change).  Record locks are the userland
 * issue's (EINVAL here).  Result in td_retval[0].
 */
int
kern_fcntl(struct thread *td, int fd, int cmd, intptr_t arg)
{
	struct file *fp;
	int error, old, nfd;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		error = fget(td, fd, 0, &fp);
		if (error != 0)
			return (error);
		if (arg < 0 || arg > INT32_MAX)
			error = EINVAL;
		else
			error = finstall(td, fp, (int)arg,
			    cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0, &nfd);
		(void)fdrop(fp, td);
		if (error == 0)
			td->td_retval[0] = nfd;
		return (error);
	case F_GETFD:
	case F_SETFD:
		error = fd_flags(td, fd, cmd == F_SETFD ? (int)arg : -1, &old);
		if (error == 0)
			td->td_retval[0] = cmd == F_GETFD ? old : 0;
		return (error);
	case F_GETFL:
	case F_SETFL:
		error = fget(td, fd, 0, &fp);
		if (error != 0)
			return (error);
		mtx_lock(&fp->f_mtx);
		if (cmd == F_GETFL) {
			td->td_retval[0] = OFLAGS(fp->f_flag);
		} else {
			fp->f_flag = (fp->f_flag & ~FCNTLFLAGS) |
			    ((int)arg & FCNTLFLAGS);
			td->td_retval[0] = 0;
		}
		mtx_unlock(&fp->f_mtx);
		(void)fdrop(fp, td);
		return (0);
	default:
		return (EINVAL);
	}
}

/*
 * kern_lseek: move fd's offset.  ESPIPE for a file that cannot seek,
 * EINVAL for a bad whence or a negative result; the new offset in
 * td_retval[0].
 */
int
kern_lseek(struct thread *td, int fd, off_t offset, int whence)
{
	struct file *fp;
	off_t res;
	int error;

	error = fget(td, fd, 0, &fp);
	if (error != 0)
		return (error);
	if (fp->f_ops->fo_seek == NULL)
		error = ESPIPE;
	else
		error = fp->f_ops->fo_seek(fp, offset, whence, &res, td);
	(void)fdrop(fp, td);
	if (error == 0)
		td->td_retval[0] = res;
	return (error);
}
