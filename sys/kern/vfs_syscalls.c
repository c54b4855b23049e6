/*
 * vfs_syscalls.c: the file-system system calls in Umbra's terms
 * (sys/sys/syscallsubr.h): open, create, remove, rename, link,
 * attributes, directories, sync.  Each looks its paths up with namei and
 * calls the file systems' VOPs; errors are Linux's (the reference).
 * share/doc/vfs.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/pipe.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vnode_pager.h>

static MALLOC_DEFINE(M_GETCWD, "getcwd", "getcwd buffers");

static struct ucred *
td_cred(struct thread *td)
{
	return (td->td_proc->p_ucred);
}

static bool
vn_rdonly(struct vnode *vp)
{
	return (vp->v_mount != NULL && (vp->v_mount->mnt_flag & MNT_RDONLY));
}

/*
 * kern_openat: open path relative to dirfd with open flags flags and
 * creation mode mode; the new descriptor in td_retval[0].
 */
int
kern_openat(struct thread *td, int dirfd, const char *path,
    enum uio_seg pathseg, int flags, int mode)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct nameidata nd;
	struct file *fp;
	struct vnode *vp;
	int fmode, cmode, error, fd;

	if (fdp == NULL)
		return (ENOENT);
	if ((flags & O_ACCMODE) == O_ACCMODE && (flags & O_PATH) == 0)
		return (EINVAL);
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	fmode = FFLAGS(flags);
	cmode = (mode & ~fdp->fd_cmask) & ALLPERMS;
	error = falloc_noinstall(td, &fp);
	if (error != 0)
		return (error);
	NDINIT_AT(&nd, LOOKUP, WANTPATH, pathseg, path, dirfd, td);
	error = vn_open(&nd, &fmode, cmode, fp);
	if (error != 0) {
		NDFREE_PATH(&nd);
		(void)fdrop(fp, td);
		return (error);
	}
	vp = nd.ni_vp;
	fp->f_vnode = vp;
	fmode &= ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_NOFOLLOW |
	    O_CLOEXEC | O_DIRECTORY);
	/*
	 * An opened FIFO is a pipe's (fifo_open left the pipe in f_data);
	 * a driver's d_fdopen may have made the file its own (/dev/ptmx);
	 * a device has its own file operations (devfs); else the vnode's.
	 */
	if (fp->f_type != DTYPE_NONE)
		fp->f_flag = fmode;
	else if (vp->v_type == VFIFO && (fmode & O_PATH) == 0)
		finit(fp, fmode, DTYPE_FIFO, fp->f_data, &pipeops);
	else
		finit(fp, fmode, DTYPE_VNODE, vp, vp->v_fops != NULL &&
		    (fmode & O_PATH) == 0 ? vp->v_fops : &vnops);
	VOP_UNLOCK(vp);
	vn_name_record(vp, nd.ni_path);		/* for procfs */
	NDFREE_PATH(&nd);
	error = finstall(td, fp, 0, flags & O_CLOEXEC, &fd);
	(void)fdrop(fp, td);
	if (error == 0)
		td->td_retval[0] = fd;
	return (error);
}

/*
 * Look up path for creation: the parent locked in nd->ni_dvp, and
 * nd->ni_vp NULL; EEXIST if the name exists.
 */
static int
create_lookup(struct thread *td, struct nameidata *nd, int dirfd,
    const char *path, enum uio_seg pathseg, u_long extra)
{
	int error;

	NDINIT_AT(nd, CREATE, LOCKPARENT | NOFOLLOW | extra, pathseg, path,
	    dirfd, td);
	error = namei(nd);
	if (error != 0)
		return (error);
	if (nd->ni_vp != NULL) {
		namei_release(nd);
		return (EEXIST);
	}
	if (vn_rdonly(nd->ni_dvp)) {
		namei_release(nd);
		return (EROFS);
	}
	error = VOP_ACCESS(nd->ni_dvp, VWRITE, td_cred(td));
	if (error != 0) {
		namei_release(nd);
		return (error);
	}
	return (0);
}

/* kern_mknodat: a regular file, fifo or device node (root only). */
int
kern_mknodat(struct thread *td, int dirfd, const char *path,
    enum uio_seg pathseg, int mode, dev_t dev)
{
	struct nameidata nd;
	struct vattr va;
	struct vnode *vp;
	int error;

	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFCHR:
	case S_IFBLK:
		error = priv_check_cred(td_cred(td));
		if (error != 0)
			return (error);
		break;
	default:
		return (EINVAL);
	}
	error = create_lookup(td, &nd, dirfd, path, pathseg, 0);
	if (error != 0)
		return (error);
	vattr_null(&va);
	va.va_type = (mode & S_IFMT) == 0 ? VREG : iftovt(mode);
	va.va_mode = mode & ALLPERMS & ~td->td_proc->p_fd->fd_cmask;
	va.va_rdev = dev;
	error = VOP_CREATE(nd.ni_dvp, &vp, &nd.ni_cnd, &va);
	if (error == 0)
		vput(vp);
	namei_release(&nd);
	return (error);
}

/* kern_mkdirat: make directory path with mode (less the umask). */
int
kern_mkdirat(struct thread *td, int dirfd, const char *path,
    enum uio_seg pathseg, int mode)
{
	struct nameidata nd;
	struct vattr va;
	struct vnode *vp;
	int error;

	error = create_lookup(td, &nd, dirfd, path, pathseg, 0);
	if (error != 0)
		return (error);
	vattr_null(&va);
	va.va_type = VDIR;
	va.va_mode = mode & (ALLPERMS & ~(S_ISUID | S_ISGID)) &
	    ~td->td_proc->p_fd->fd_cmask;
	error = VOP_MKDIR(nd.ni_dvp, &vp, &nd.ni_cnd, &va);
	if (error == 0)
		vput(vp);
	namei_release(&nd);
	return (error);
}

/* kern_symlinkat: a symbolic link path containing target. */
int
kern_symlinkat(struct thread *td, const char *target, int fd,
    const char *path, enum uio_seg pathseg)
{
	struct nameidata nd;
	struct vattr va;
	struct vnode *vp;
	char *tbuf;
	size_t done;
	int error;

	tbuf = malloc(MAXPATHLEN, M_GETCWD, M_WAITOK);
	if (pathseg == UIO_SYSSPACE)
		error = strlcpy(tbuf, target, MAXPATHLEN) >= MAXPATHLEN ?
		    ENAMETOOLONG : 0;
	else
		error = copyinstr(target, tbuf, MAXPATHLEN, &done);
	if (error == 0 && tbuf[0] == '\0')
		error = ENOENT;
	if (error == 0)
		error = create_lookup(td, &nd, fd, path, pathseg, 0);
	if (error == 0) {
		vattr_null(&va);
		va.va_type = VLNK;
		va.va_mode = 0777;
		error = VOP_SYMLINK(nd.ni_dvp, &vp, &nd.ni_cnd, &va, tbuf);
		if (error == 0)
			vput(vp);
		namei_release(&nd);
	}
	free(tbuf, M_GETCWD);
	return (error);
}

/* kern_linkat: a new name path2 for the file path1 (not a directory). */
int
kern_linkat(struct thread *td, int fd1, const char *path1, int fd2,
    const char *path2, enum uio_seg pathseg, int flags)
{
	struct nameidata nd, tnd;
	struct vnode *vp;
	int error;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return (EINVAL);
	NDINIT_AT(&nd, LOOKUP, ((flags & AT_SYMLINK_FOLLOW) ? FOLLOW : 0) |
	    ((flags & AT_EMPTY_PATH) ? EMPTYPATH : 0), pathseg, path1, fd1,
	    td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	vp = nd.ni_vp;
	if (vp->v_type == VDIR) {
		vrele(vp);
		return (EPERM);
	}
	error = create_lookup(td, &tnd, fd2, path2, pathseg, 0);
	if (error != 0) {
		vrele(vp);
		return (error);
	}
	if (tnd.ni_dvp->v_mount != vp->v_mount) {
		error = EXDEV;
	} else {
		(void)vn_lock(vp, LK_RETRY);
		error = VOP_LINK(tnd.ni_dvp, vp, &tnd.ni_cnd);
		VOP_UNLOCK(vp);
	}
	namei_release(&tnd);
	vrele(vp);
	return (error);
}

/*
 * kern_unlinkat: remove path, a file (EISDIR for a directory, as
 * Linux) or, with AT_REMOVEDIR, an empty directory.
 */
int
kern_unlinkat(struct thread *td, int dirfd, const char *path,
    enum uio_seg pathseg, int flags)
{
	struct nameidata nd;
	struct vnode *vp, *dvp;
	int error;

	if (flags & ~AT_REMOVEDIR)
		return (EINVAL);
	NDINIT_AT(&nd, DELETE, LOCKPARENT | LOCKLEAF | NOFOLLOW | WANTPATH,
	    pathseg, path, dirfd, td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	vp = nd.ni_vp;
	dvp = nd.ni_dvp;
	if (flags & AT_REMOVEDIR) {
		if (vp->v_type != VDIR)
			error = ENOTDIR;
		else if (vp == dvp)
			error = EINVAL;
		else if (nd.ni_cnd.cn_namelen == 2 &&
		    nd.ni_cnd.cn_nameptr[0] == '.' &&
		    nd.ni_cnd.cn_nameptr[1] == '.')
			error = ENOTEMPTY;
		else if (vp->v_vflag & VV_ROOT)
			error = EBUSY;
	} else {
		if (vp->v_type == VDIR)
			error = EISDIR;
	}
	if (error == 0 && vn_rdonly(dvp))
		error = EROFS;
	if (error == 0)
		error = VOP_ACCESS(dvp, VWRITE | VEXEC, td_cred(td));
	if (error == 0 && (flags & AT_REMOVEDIR))
		error = VOP_RMDIR(dvp, vp, &nd.ni_cnd);
	else if (error == 0)
		error = VOP_REMOVE(dvp, vp, &nd.ni_cnd);
	if (error == 0)
		vn_name_unlink(vp, nd.ni_path);	/* " (deleted)" */
	namei_release(&nd);
	return (error);
}

/* Is vp (a directory) dvp or below it?  For rename's EINVAL. */
static int
vn_is_ancestor(struct vnode *ancestor, struct vnode *vp, struct thread *td,
    bool *isp)
{
	struct nameidata nd;
	struct vnode *cur, *up;
	int error = 0;

	*isp = false;
	cur = vp;
	vref(cur);
	for (;;) {
		if (cur == ancestor) {
			*isp = true;
			break;
		}
		if (cur == rootvnode || (cur->v_vflag & VV_ROOT))
			break;
		NDINIT(&nd, LOOKUP, 0, UIO_SYSSPACE, "..", td);
		nd.ni_startdir = cur;
		error = namei(&nd);
		if (error != 0)
			break;
		up = nd.ni_vp;
		vrele(cur);
		if (up == cur) {
			cur = up;
			break;
		}
		cur = up;
	}
	vrele(cur);
	return (error);
}

/*
 * kern_renameat: rename old to new (RENAME_NOREPLACE: EEXIST if new
 * exists).  Renames are serialized per file system (mnt_renamelock),
 * which keeps the ancestor check valid.
 */
int
kern_renameat(struct thread *td, int olddirfd, const char *old, int newdirfd,
    const char *new, enum uio_seg pathseg, int flags)
{
	struct nameidata fnd, tnd;
	struct vnode *fvp, *fdvp, *tvp, *tdvp;
	struct mount *mp;
	bool below;
	int error;

	if (flags & ~RENAME_NOREPLACE)
		return (flags & RENAME_EXCHANGE ? EOPNOTSUPP : EINVAL);
	NDINIT_AT(&fnd, DELETE, WANTPARENT | NOFOLLOW | WANTPATH, pathseg,
	    old, olddirfd, td);
	error = namei(&fnd);
	if (error != 0)
		return (error);
	fvp = fnd.ni_vp;
	fdvp = fnd.ni_dvp;
	mp = fdvp->v_mount;
	if (fvp == fdvp || (fnd.ni_cnd.cn_flags & ISDOTDOT) ||
	    (fnd.ni_cnd.cn_namelen == 2 && fnd.ni_cnd.cn_nameptr[0] == '.' &&
	    fnd.ni_cnd.cn_nameptr[1] == '.')) {
		namei_release(&fnd);
		return (EBUSY);
	}
	sx_xlock(&mp->mnt_renamelock);
	NDINIT_AT(&tnd, RENAME, WANTPARENT | NOFOLLOW | WANTPATH, pathseg,
	    new, newdirfd, td);
	error = namei(&tnd);
	if (error != 0)
		goto out1;
	tvp = tnd.ni_vp;
	tdvp = tnd.ni_dvp;
	if (tdvp->v_mount != mp) {
		error = EXDEV;
	} else if (tvp != NULL && (flags & RENAME_NOREPLACE)) {
		error = EEXIST;
	} else if (tvp == tdvp) {
		error = EBUSY;		/* new is "." (Linux) */
	} else if (tvp != NULL && fvp->v_type == VDIR && tvp->v_type != VDIR) {
		error = ENOTDIR;
	} else if (tvp != NULL && fvp->v_type != VDIR && tvp->v_type == VDIR) {
		error = EISDIR;
	} else if (tvp != NULL && (tvp->v_vflag & VV_ROOT)) {
		error = EBUSY;
	} else if (vn_rdonly(fdvp)) {
		error = EROFS;
	} else if (fvp == tvp) {
		error = 0;		/* the same file: nothing to do */
		goto out2;
	} else {
		error = 0;
		if (fvp->v_type == VDIR) {
			error = vn_is_ancestor(fvp, tdvp, td, &below);
			if (error == 0 && below)
				error = EINVAL;
		}
	}
	if (error == 0) {
		(void)vn_lock(fdvp, LK_RETRY);
		error = VOP_ACCESS(fdvp, VWRITE | VEXEC, td_cred(td));
		VOP_UNLOCK(fdvp);
	}
	if (error == 0 && tdvp != fdvp) {
		(void)vn_lock(tdvp, LK_RETRY);
		error = VOP_ACCESS(tdvp, VWRITE | VEXEC, td_cred(td));
		VOP_UNLOCK(tdvp);
	}
	if (error == 0)
		error = VOP_RENAME(fdvp, fvp, &fnd.ni_cnd, tdvp, tvp,
		    &tnd.ni_cnd);
	if (error == 0) {
		/* procfs names the file by its new path (as Linux). */
		if (tvp != NULL)
			vn_name_unlink(tvp, tnd.ni_path);
		vn_name_rename(fvp, fnd.ni_path, tnd.ni_path);
	}
out2:
	namei_release(&tnd);
out1:
	sx_xunlock(&mp->mnt_renamelock);
	namei_release(&fnd);
	return (error);
}

/*
 * kern_readlinkat: the target of symlink path into the user buffer
 * (not NUL-terminated); its length in td_retval[0].  EINVAL if path is
 * not a symlink or count <= 0.
 */
int
kern_readlinkat(struct thread *td, int fd, const char *path,
    enum uio_seg pathseg, vm_offset_t ubuf, size_t count)
{
	struct nameidata nd;
	struct iovec iov;
	struct uio uio;
	struct vnode *vp;
	int error;

	if ((ssize_t)count <= 0)
		return (EINVAL);
	NDINIT_AT(&nd, LOOKUP, LOCKLEAF | NOFOLLOW | EMPTYPATH, pathseg, path,
	    fd, td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	vp = nd.ni_vp;
	if (vp->v_type != VLNK) {
		namei_release(&nd);
		return (EINVAL);
	}
	iov.iov_base = (void *)ubuf;
	iov.iov_len = count;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = 0;
	uio.uio_resid = count;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_rw = UIO_READ;
	uio.uio_td = td;
	error = VOP_READLINK(vp, &uio);
	namei_release(&nd);
	if (error == 0)
		td->td_retval[0] = count - uio.uio_resid;
	return (error);
}

/* Look path up (AT_* flags) and run fn on the locked vnode. */
static int
path_apply(struct thread *td, int fd, const char *path, enum uio_seg pathseg,
    int flags, int (*fn)(struct vnode *, void *, struct thread *), void *arg)
{
	struct nameidata nd;
	int error;

	NDINIT_AT(&nd, LOOKUP, LOCKLEAF |
	    ((flags & AT_SYMLINK_NOFOLLOW) ? NOFOLLOW : FOLLOW) |
	    ((flags & AT_EMPTY_PATH) ? EMPTYPATH : 0), pathseg, path, fd, td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	error = fn(nd.ni_vp, arg, td);
	namei_release(&nd);
	return (error);
}

/* Run fn on the vnode open as fd (locked). */
static int
fd_apply(struct thread *td, int fd, int (*fn)(struct vnode *, void *,
    struct thread *), void *arg)
{
	struct file *fp;
	struct vnode *vp;
	int error;

	error = fget(td, fd, 0, &fp);
	if (error != 0)
		return (error);
	vp = fp->f_vnode;
	if (vp == NULL) {
		(void)fdrop(fp, td);
		return (EINVAL);
	}
	error = vn_lock(vp, 0);
	if (error == 0) {
		error = fn(vp, arg, td);
		VOP_UNLOCK(vp);
	} else {
		error = EBADF;
	}
	(void)fdrop(fp, td);
	return (error);
}

static int
stat_fn(struct vnode *vp, void *arg, struct thread *td)
{
	return (vn_stat(vp, arg));
}

/* kern_statat: stat/lstat/newfstatat (AT_SYMLINK_NOFOLLOW, EMPTY_PATH). */
int
kern_statat(struct thread *td, int flags, int fd, const char *path,
    enum uio_seg pathseg, struct stat *sbp)
{
	char c;
	int error;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return (EINVAL);
	/* fstatat(fd, "", AT_EMPTY_PATH) is fstat: pipes and ttys too. */
	if ((flags & AT_EMPTY_PATH) && fd != AT_FDCWD) {
		if (pathseg == UIO_SYSSPACE)
			c = *path;
		else if ((error = copyin(path, &c, 1)) != 0)
			return (error);
		if (c == '\0')
			return (kern_fstat(td, fd, sbp));
	}
	return (path_apply(td, fd, path, pathseg, flags, stat_fn, sbp));
}

struct access_args {
	int	amode;
	int	flags;
};

static int
access_fn(struct vnode *vp, void *arg, struct thread *td)
{
	struct access_args *aa = arg;
	int accmode = 0;

	if (aa->amode == F_OK)
		return (0);
	if (aa->amode & R_OK)
		accmode |= VREAD;
	if (aa->amode & W_OK) {
		if (vn_rdonly(vp) && vp->v_type != VCHR && vp->v_type != VBLK)
			return (EROFS);
		if (vp->v_writecount < 0)
			return (ETXTBSY);
		accmode |= VWRITE;
	}
	if (aa->amode & X_OK)
		accmode |= VEXEC;
	/* XXX: real ids vs effective (all processes run as root yet). */
	return (VOP_ACCESS(vp, accmode, td_cred(td)));
}

/* kern_faccessat: may the caller access path with amode (R/W/X_OK)? */
int
kern_faccessat(struct thread *td, int fd, const char *path,
    enum uio_seg pathseg, int flags, int amode)
{
	struct access_args aa = { amode, flags };

	if (amode & ~(R_OK | W_OK | X_OK))
		return (EINVAL);
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH))
		return (EINVAL);
	return (path_apply(td, fd, path, pathseg, flags, access_fn, &aa));
}

/* Set attributes va on vp (locked), checking read-only mounts. */
static int
setattr_fn(struct vnode *vp, void *arg, struct thread *td)
{
	if (vn_rdonly(vp))
		return (EROFS);
	return (VOP_SETATTR(vp, arg, td_cred(td)));
}

int
kern_fchmodat(struct thread *td, int fd, const char *path,
    enum uio_seg pathseg, mode_t mode, int flags)
{
	struct vattr va;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return (EINVAL);
	if (flags & AT_SYMLINK_NOFOLLOW)
		return (EOPNOTSUPP);	/* Linux: symlinks have no mode */
	vattr_null(&va);
	va.va_mode = mode & ALLPERMS;
	return (path_apply(td, fd, path, pathseg, flags, setattr_fn, &va));
}

int
kern_fchmod(struct thread *td, int fd, mode_t mode)
{
	struct vattr va;

	vattr_null(&va);
	va.va_mode = mode & ALLPERMS;
	return (fd_apply(td, fd, setattr_fn, &va));
}

int
kern_fchownat(struct thread *td, int fd, const char *path,
    enum uio_seg pathseg, uid_t uid, gid_t gid, int flags)
{
	struct vattr va;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return (EINVAL);
	vattr_null(&va);
	va.va_uid = uid;
	va.va_gid = gid;
	return (path_apply(td, fd, path, pathseg, flags, setattr_fn, &va));
}

int
kern_fchown(struct thread *td, int fd, uid_t uid, gid_t gid)
{
	struct vattr va;

	vattr_null(&va);
	va.va_uid = uid;
	va.va_gid = gid;
	return (fd_apply(td, fd, setattr_fn, &va));
}

/* Fill va's times from utimensat's times (NULL: now). */
static int
utimens_vattr(const struct timespec *times, struct vattr *va)
{
	struct timespec now;
	int i;

	vattr_null(va);
	getnanotime(&now);
	if (times == NULL) {
		va->va_atime = va->va_mtime = now;
		va->va_vaflags |= VA_UTIMES_NULL;
		return (0);
	}
	for (i = 0; i < 2; i++) {
		if (times[i].tv_nsec == UTIME_OMIT)
			continue;
		if (times[i].tv_nsec != UTIME_NOW &&
		    (times[i].tv_nsec < 0 || times[i].tv_nsec >= 1000000000))
			return (EINVAL);
		if (i == 0)
			va->va_atime = times[i].tv_nsec == UTIME_NOW ? now :
			    times[i];
		else
			va->va_mtime = times[i].tv_nsec == UTIME_NOW ? now :
			    times[i];
	}
	if ((times[0].tv_nsec == UTIME_NOW || times[0].tv_nsec == UTIME_OMIT) &&
	    (times[1].tv_nsec == UTIME_NOW || times[1].tv_nsec == UTIME_OMIT))
		va->va_vaflags |= VA_UTIMES_NULL;
	return (0);
}

/* kern_utimensat: set access and modification times (path NULL: fd). */
int
kern_utimensat(struct thread *td, int fd, const char *path,
    enum uio_seg pathseg, const struct timespec *times, int flags)
{
	struct vattr va;
	int error;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return (EINVAL);
	error = utimens_vattr(times, &va);
	if (error != 0)
		return (error);
	if (times != NULL && times[0].tv_nsec == UTIME_OMIT &&
	    times[1].tv_nsec == UTIME_OMIT)
		return (0);
	if (path == NULL)
		return (fd_apply(td, fd, setattr_fn, &va));
	return (path_apply(td, fd, path, pathseg, flags, setattr_fn, &va));
}

static int
truncate_fn(struct vnode *vp, void *arg, struct thread *td)
{
	struct vattr va;
	int error;

	if (vp->v_type == VDIR)
		return (EISDIR);
	if (vp->v_type != VREG)
		return (EINVAL);
	error = vn_writechk(vp);
	if (error == 0)
		error = VOP_ACCESS(vp, VWRITE, td_cred(td));
	if (error != 0)
		return (error);
	vattr_null(&va);
	va.va_size = *(off_t *)arg;
	return (VOP_SETATTR(vp, &va, td_cred(td)));
}

int
kern_truncate(struct thread *td, const char *path, enum uio_seg pathseg,
    off_t length)
{
	if (length < 0)
		return (EINVAL);
	return (path_apply(td, AT_FDCWD, path, pathseg, 0, truncate_fn,
	    &length));
}

int
kern_ftruncate(struct thread *td, int fd, off_t length)
{
	struct file *fp;
	int error;

	error = fget(td, fd, 0, &fp);
	if (error != 0)
		return (error);
	if (fp->f_flag & O_PATH)
		error = EBADF;
	else if (fp->f_ops->fo_truncate == NULL)
		error = EINVAL;
	else
		error = fp->f_ops->fo_truncate(fp, length, td);
	(void)fdrop(fp, td);
	return (error);
}

/*
 * kern_getdents: directory entries of fd (struct dirent, Linux's
 * dirent64) into the user buffer; bytes in td_retval[0], 0 at the end.
 * EINVAL if the buffer cannot hold one entry, ENOTDIR.
 */
int
kern_getdents(struct thread *td, int fd, vm_offset_t ubuf, size_t count)
{
	return (kern_getdirentries(td, fd, (void *)ubuf, count,
	    UIO_USERSPACE));
}

/* kern_getdirentries: kern_getdents into a buffer in user or kernel space. */
int
kern_getdirentries(struct thread *td, int fd, void *buf, size_t count,
    enum uio_seg seg)
{
	struct file *fp;
	struct vnode *vp;
	struct iovec iov;
	struct uio uio;
	int error, eof;

	error = fget(td, fd, FREAD, &fp);
	if (error != 0)
		return (error);
	vp = fp->f_vnode;
	if (vp == NULL || vp->v_type != VDIR) {
		(void)fdrop(fp, td);
		return (ENOTDIR);
	}
	iov.iov_base = buf;
	iov.iov_len = count;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_resid = MIN(count, (size_t)INT32_MAX);
	uio.uio_segflg = seg;
	uio.uio_rw = UIO_READ;
	uio.uio_td = td;
	uio.uio_offset = foffset_lock(fp);
	error = vn_lock(vp, 0);
	if (error == 0) {
		error = VOP_READDIR(vp, &uio, &eof);
		VOP_UNLOCK(vp);
	} else {
		error = ENOENT;
	}
	foffset_unlock(fp, uio.uio_offset);
	if (error == 0)
		td->td_retval[0] = MIN(count, (size_t)INT32_MAX) -
		    uio.uio_resid;
	(void)fdrop(fp, td);
	return (error);
}

/* Make vp (referenced, unlocked) the cwd or root; checks it first. */
static int
change_dir(struct thread *td, struct vnode *vp, bool root)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct vnode *old;
	int error;

	if (vp->v_type != VDIR) {
		vrele(vp);
		return (ENOTDIR);
	}
	(void)vn_lock(vp, LK_RETRY);
	error = VOP_ACCESS(vp, VEXEC, td_cred(td));
	VOP_UNLOCK(vp);
	if (error == 0 && root)
		error = priv_check_cred(td_cred(td));
	if (error != 0) {
		vrele(vp);
		return (error);
	}
	FILEDESC_XLOCK(fdp);
	if (root) {
		old = fdp->fd_rdir;
		fdp->fd_rdir = vp;
	} else {
		old = fdp->fd_cdir;
		fdp->fd_cdir = vp;
	}
	FILEDESC_XUNLOCK(fdp);
	if (old != NULL)
		vrele(old);
	return (0);
}

int
kern_chdir(struct thread *td, const char *path, enum uio_seg pathseg)
{
	struct nameidata nd;
	int error;

	NDINIT(&nd, LOOKUP, FOLLOW | WANTPATH, pathseg, path, td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	vn_name_record(nd.ni_vp, nd.ni_path);
	NDFREE_PATH(&nd);
	return (change_dir(td, nd.ni_vp, false));
}

int
kern_chroot(struct thread *td, const char *path, enum uio_seg pathseg)
{
	struct nameidata nd;
	int error;

	NDINIT(&nd, LOOKUP, FOLLOW | WANTPATH, pathseg, path, td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	/* Named, so that lookups from the new root can name files. */
	vn_name_record(nd.ni_vp, nd.ni_path);
	NDFREE_PATH(&nd);
	return (change_dir(td, nd.ni_vp, true));
}

int
kern_fchdir(struct thread *td, int fd)
{
	struct vnode *vp;
	int error;

	error = fgetvp(td, fd, &vp);
	if (error != 0)
		return (error);
	return (change_dir(td, vp, false));
}

/* The attributes' file id of vp (unlocked). */
static int
vn_fileid(struct vnode *vp, ino_t *idp)
{
	struct vattr va;
	int error;

	(void)vn_lock(vp, LK_RETRY);
	error = VOP_GETATTR(vp, &va);
	VOP_UNLOCK(vp);
	*idp = va.va_fileid;
	return (error);
}

/*
 * The name of the entry of directory dvp (unlocked) whose inode is id,
 * into name (NAME_MAX + 1 bytes).  ENOENT if there is none.
 */
static int
dir_name_of(struct vnode *dvp, ino_t id, char *name)
{
	struct dirent *de;
	struct iovec iov;
	struct uio uio;
	char *buf;
	size_t off;
	int error, eof = 0;
	const size_t bufsize = 4096;

	buf = malloc(bufsize, M_GETCWD, M_WAITOK);
	uio.uio_offset = 0;
	error = ENOENT;
	(void)vn_lock(dvp, LK_RETRY);
	while (!eof) {
		iov.iov_base = buf;
		iov.iov_len = bufsize;
		uio.uio_iov = &iov;
		uio.uio_iovcnt = 1;
		uio.uio_resid = bufsize;
		uio.uio_segflg = UIO_SYSSPACE;
		uio.uio_rw = UIO_READ;
		uio.uio_td = curthread;
		if (VOP_READDIR(dvp, &uio, &eof) != 0 ||
		    uio.uio_resid == (ssize_t)bufsize)
			break;
		for (off = 0; off < bufsize - uio.uio_resid;
		    off += de->d_reclen) {
			de = (struct dirent *)(buf + off);
			if (de->d_ino != id || strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			strlcpy(name, de->d_name, NAME_MAX + 1);
			error = 0;
			goto done;
		}
	}
done:
	VOP_UNLOCK(dvp);
	free(buf, M_GETCWD);
	return (error);
}

/*
 * kern_getcwd: the current directory's path, found by walking ".." up
 * to the root and reading each parent for the child's name (there is
 * no name cache yet).  ERANGE if buflen is too small, ENOENT if the
 * directory was removed.
 */
int
kern_getcwd(struct thread *td, char *buf, size_t buflen, size_t *lenp)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct nameidata nd;
	struct vnode *vp, *up, *root;
	char *name;
	size_t pos, n;
	ino_t id;
	int error = 0;

	if (buflen < 2)
		return (ERANGE);
	if (fdp == NULL || fdp->fd_cdir == NULL)
		return (ENOENT);	/* no root file system mounted */
	name = malloc(NAME_MAX + 1, M_GETCWD, M_WAITOK);
	FILEDESC_SLOCK(fdp);
	vp = fdp->fd_cdir;
	vref(vp);
	root = fdp->fd_rdir != NULL ? fdp->fd_rdir : rootvnode;
	FILEDESC_SUNLOCK(fdp);
	pos = buflen - 1;
	buf[pos] = '\0';
	while (vp != root && vp != rootvnode) {
		/* Up across a mount point first. */
		while ((vp->v_vflag & VV_ROOT) &&
		    vp->v_mount->mnt_vnodecovered != NULL) {
			up = vp->v_mount->mnt_vnodecovered;
			vref(up);
			vrele(vp);
			vp = up;
		}
		error = vn_fileid(vp, &id);
		if (error != 0)
			break;
		NDINIT(&nd, LOOKUP, 0, UIO_SYSSPACE, "..", td);
		nd.ni_startdir = vp;
		error = namei(&nd);
		if (error != 0)
			break;
		up = nd.ni_vp;
		error = dir_name_of(up, id, name);
		vrele(vp);
		vp = up;
		if (error != 0)
			break;
		n = strlen(name);
		if (n + 1 > pos) {
			error = ERANGE;
			break;
		}
		pos -= n;
		memcpy(buf + pos, name, n);
		buf[--pos] = '/';
	}
	vrele(vp);
	free(name, M_GETCWD);
	if (error != 0)
		return (error);
	if (pos == buflen - 1)
		buf[--pos] = '/';
	n = buflen - pos;
	memmove(buf, buf + pos, n);
	*lenp = n;
	return (0);
}

/* kern_umask: set the umask; the old one in td_retval[0]. */
int
kern_umask(struct thread *td, int newmask)
{
	struct filedesc *fdp = td->td_proc->p_fd;

	FILEDESC_XLOCK(fdp);
	td->td_retval[0] = fdp->fd_cmask;
	fdp->fd_cmask = newmask & ALLPERMS;
	FILEDESC_XUNLOCK(fdp);
	return (0);
}

static int
fsync_fn(struct vnode *vp, void *arg, struct thread *td)
{
	if (vp->v_type == VFIFO)
		return (EINVAL);	/* nothing to write back (Linux) */
	return (VOP_FSYNC(vp, MNT_WAIT, !*(bool *)arg));
}

/* kern_fsync: write fd's file back (fullsync false: fdatasync). */
int
kern_fsync(struct thread *td, int fd, bool fullsync)
{
	return (fd_apply(td, fd, fsync_fn, &fullsync));
}

int
kern_sync(struct thread *td)
{
	vfs_sync_all(true);
	return (0);
}

static int
statfs_fn(struct vnode *vp, void *arg, struct thread *td)
{
	return (vfs_statfs_mp(vp->v_mount, arg));
}

int
kern_statfs(struct thread *td, const char *path, enum uio_seg pathseg,
    struct statfs *sfp)
{
	return (path_apply(td, AT_FDCWD, path, pathseg, 0, statfs_fn, sfp));
}

int
kern_fstatfs(struct thread *td, int fd, struct statfs *sfp)
{
	return (fd_apply(td, fd, statfs_fn, sfp));
}
