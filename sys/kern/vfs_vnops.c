/*
 * vfs_vnops.c: open files that are vnodes (the vnops fileops), and the
 * open(2) logic, vn_open.
 *
 * Reads and writes lock the vnode around VOP_READ/VOP_WRITE, so a
 * write is atomic with respect to other reads and writes of the file,
 * and take the file's offset lock so that threads sharing one open file
 * get consecutive ranges (foffset_lock).
 *
 * Text files: v_writecount counts opens for writing (> 0) or, negated,
 * running programs (< 0), as Linux's i_writecount does: opening a
 * running program for writing, or executing a file open for writing,
 * fails with ETXTBSY.  share/doc/vfs.md.
 *
 * FIFOs: vn_open and vn_close call fifo_open and fifo_close instead of
 * the file system's VOP_OPEN and VOP_CLOSE (fs/fifofs/fifo_vnops.c).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vnode_pager.h>

#include <fs/fifofs/fifo.h>

/* vn_writechk: may vp be written?  EROFS, ETXTBSY. */
int
vn_writechk(struct vnode *vp)
{
	if (vp->v_mount != NULL && (vp->v_mount->mnt_flag & MNT_RDONLY))
		return (EROFS);
	if (vp->v_writecount < 0)
		return (ETXTBSY);
	return (0);
}

/* The part of open(2) that creates: the last component is missing. */
static int
vn_create(struct nameidata *ndp, int cmode, struct vnode **vpp)
{
	struct vnode *dvp = ndp->ni_dvp;
	struct vattr va;
	int error;

	if (ndp->ni_cnd.cn_flags & TRAILINGSLASH)
		return (EISDIR);
	if (dvp->v_mount->mnt_flag & MNT_RDONLY)
		return (EROFS);
	error = VOP_ACCESS(dvp, VWRITE, ndp->ni_cnd.cn_cred);
	if (error != 0)
		return (error);
	vattr_null(&va);
	va.va_type = VREG;
	va.va_mode = cmode & ALLPERMS;
	return (VOP_CREATE(dvp, vpp, &ndp->ni_cnd, &va));
}

/*
 * vn_open: open the file ndp names (ndp set up with NDINIT: the path
 * and its start) with fflags *flagsp and, for O_CREAT, mode cmode
 * (already masked by the umask).  Returns 0 with the vnode referenced
 * and locked in ndp->ni_vp, or the errno of open(2).
 */
int
vn_open(struct nameidata *ndp, int *flagsp, int cmode, struct file *fp)
{
	struct componentname *cnp = &ndp->ni_cnd;
	struct ucred *cred = ndp->ni_cnd.cn_thread->td_proc->p_ucred;
	struct vnode *vp;
	int fmode = *flagsp, error, accmode;
	bool created = false;

	if (fmode & O_CREAT) {
		cnp->cn_nameiop = CREATE;
		cnp->cn_flags = LOCKPARENT | LOCKLEAF | (cnp->cn_flags &
		    WANTPATH) | ((fmode & (O_EXCL | O_NOFOLLOW)) ? NOFOLLOW :
		    FOLLOW);
		error = namei(ndp);
		if (error != 0)
			return (error);
		vp = ndp->ni_vp;
		if (vp == NULL) {
			error = vn_create(ndp, cmode, &vp);
			vput(ndp->ni_dvp);
			ndp->ni_dvp = NULL;
			NDFREE_PNBUF(ndp);
			if (error != 0)
				return (error);
			created = true;
			fmode &= ~O_TRUNC;
		} else {
			if (vp == ndp->ni_dvp)
				vrele(ndp->ni_dvp);
			else
				vput(ndp->ni_dvp);
			ndp->ni_dvp = NULL;
			NDFREE_PNBUF(ndp);
			if (fmode & O_EXCL) {
				vput(vp);
				return (EEXIST);
			}
		}
	} else {
		cnp->cn_nameiop = LOOKUP;
		cnp->cn_flags = LOCKLEAF | (cnp->cn_flags & WANTPATH) |
		    ((fmode & O_NOFOLLOW) ? NOFOLLOW : FOLLOW);
		error = namei(ndp);
		if (error != 0)
			return (error);
		vp = ndp->ni_vp;
	}

	if (vp->v_type == VLNK && (fmode & O_PATH) == 0) {
		error = ELOOP;
		goto bad;
	}
	if ((fmode & O_DIRECTORY) && vp->v_type != VDIR) {
		error = ENOTDIR;
		goto bad;
	}
	if (vp->v_type == VDIR && (fmode & (FWRITE | O_CREAT))) {
		error = EISDIR;
		goto bad;
	}
	if ((fmode & O_PATH) == 0) {
		accmode = 0;
		if (fmode & FREAD)
			accmode |= VREAD;
		if (fmode & (FWRITE | O_TRUNC))
			accmode |= VWRITE;
		if (!created && accmode != 0) {
			error = VOP_ACCESS(vp, accmode, cred);
			if (error != 0)
				goto bad;
		}
		if (fmode & FWRITE) {
			error = vn_writechk(vp);
			if (error != 0)
				goto bad;
		}
		if ((fmode & O_TRUNC) && vp->v_type == VREG) {
			struct vattr va;

			vattr_null(&va);
			va.va_size = 0;
			error = VOP_SETATTR(vp, &va, cred);
			if (error != 0)
				goto bad;
		}
		/* A FIFO's open may wait, without vp's lock, for a partner. */
		if (vp->v_type == VFIFO)
			error = fifo_open(vp, fmode, cred, fp);
		else
			error = VOP_OPEN(vp, fmode, cred, fp);
		if (error != 0)
			goto bad;
		if (fmode & FWRITE) {
			mtx_lock(&vp->v_interlock);
			vp->v_writecount++;
			mtx_unlock(&vp->v_interlock);
		}
	}
	*flagsp = fmode;
	ndp->ni_vp = vp;
	return (0);
bad:
	vput(vp);
	ndp->ni_vp = NULL;
	return (error);
}

/* vn_close: the close of an open of vp with fflags flags. */
int
vn_close(struct vnode *vp, int flags, struct ucred *cred)
{
	int error = 0;

	(void)vn_lock(vp, LK_RETRY);
	if ((flags & O_PATH) == 0) {
		if (flags & FWRITE) {
			mtx_lock(&vp->v_interlock);
			KASSERT(vp->v_writecount > 0,
			    ("vn_close: vnode %p writecount %d", vp,
			    vp->v_writecount));
			vp->v_writecount--;
			mtx_unlock(&vp->v_interlock);
		}
		if (vp->v_type == VFIFO)
			fifo_close(vp, flags);
		else
			error = VOP_CLOSE(vp, flags, cred);
	}
	vput(vp);
	return (error);
}

/* vn_stat: vp's attributes as a struct stat (vp L). */
int
vn_stat(struct vnode *vp, struct stat *sb)
{
	struct vattr va;
	int error;

	error = VOP_GETATTR(vp, &va);
	if (error != 0)
		return (error);
	memset(sb, 0, sizeof(*sb));
	sb->st_dev = va.va_fsid;
	sb->st_ino = va.va_fileid;
	sb->st_mode = vttoif(vp->v_type) | (va.va_mode & ALLPERMS);
	sb->st_nlink = va.va_nlink;
	sb->st_uid = va.va_uid;
	sb->st_gid = va.va_gid;
	sb->st_rdev = va.va_rdev;
	sb->st_atim = va.va_atime;
	sb->st_mtim = va.va_mtime;
	sb->st_ctim = va.va_ctime;
	sb->st_size = va.va_size;
	sb->st_blocks = va.va_bytes / 512;
	sb->st_blksize = va.va_blocksize;
	return (0);
}

/*
 * vn_rdwr: kernel I/O on vp (unlocked): len bytes at offset between
 * the file and base.  *residp (if given) gets the bytes not moved;
 * without it a short transfer is EIO.
 */
int
vn_rdwr(enum uio_rw rw, struct vnode *vp, void *base, size_t len,
    off_t offset, struct ucred *cred, size_t *residp)
{
	struct iovec iov;
	struct uio uio;
	int error;

	iov.iov_base = base;
	iov.iov_len = len;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = offset;
	uio.uio_resid = len;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_rw = rw;
	uio.uio_td = curthread;
	error = vn_lock(vp, 0);
	if (error != 0)
		return (error);
	if (rw == UIO_READ)
		error = VOP_READ(vp, &uio, 0, cred);
	else
		error = VOP_WRITE(vp, &uio, 0, cred);
	VOP_UNLOCK(vp);
	if (residp != NULL)
		*residp = uio.uio_resid;
	else if (error == 0 && uio.uio_resid != 0)
		error = EIO;
	return (error);
}

/*
 * The vnode fileops.
 */

static int
vn_io(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	struct vnode *vp = fp->f_vnode;
	int error, ioflag = 0;
	off_t off;

	if (fp->f_flag & O_NONBLOCK)
		ioflag |= IO_NDELAY;
	if (uio->uio_rw == UIO_WRITE) {
		if (fp->f_flag & O_APPEND)
			ioflag |= IO_APPEND;
		if (fp->f_flag & O_SYNC)
			ioflag |= IO_SYNC;
		if (fp->f_flag & O_DSYNC)
			ioflag |= IO_DSYNC;
	}
	if ((flags & FOF_OFFSET) == 0)
		uio->uio_offset = foffset_lock(fp);
	off = uio->uio_offset;
	error = vn_lock(vp, 0);
	if (error == 0) {
		if (uio->uio_rw == UIO_READ)
			error = VOP_READ(vp, uio, ioflag, fp->f_cred);
		else
			error = VOP_WRITE(vp, uio, ioflag, fp->f_cred);
		VOP_UNLOCK(vp);
	} else {
		error = EBADF;
	}
	if ((flags & FOF_OFFSET) == 0)
		foffset_unlock(fp, error == 0 || uio->uio_offset != off ?
		    uio->uio_offset : off);
	return (error);
}

static int
vn_read(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	return (vn_io(fp, uio, flags, td));
}

static int
vn_write(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	return (vn_io(fp, uio, flags, td));
}

static int
vn_fo_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	struct vnode *vp = fp->f_vnode;
	int error;

	error = vn_lock(vp, 0);
	if (error != 0)
		return (EBADF);
	error = vn_stat(vp, sb);
	VOP_UNLOCK(vp);
	return (error);
}

static int
vn_closefile(struct file *fp, struct thread *td)
{
	return (vn_close(fp->f_vnode, fp->f_flag, fp->f_cred));
}

static int
vn_ioctl(struct file *fp, u_long cmd, void *data, struct thread *td)
{
	struct vnode *vp = fp->f_vnode;

	if (vp->v_type == VCHR || vp->v_type == VBLK)
		return (VOP_IOCTL(vp, cmd, data, fp->f_flag, td));
	return (ENOTTY);
}

/* ftruncate: a regular file open for writing (else EINVAL). */
static int
vn_truncate(struct file *fp, off_t length, struct thread *td)
{
	struct vnode *vp = fp->f_vnode;
	struct vattr va;
	int error;

	if (length < 0)
		return (EINVAL);
	if (vp->v_type != VREG || (fp->f_flag & FWRITE) == 0)
		return (EINVAL);
	error = vn_lock(vp, 0);
	if (error != 0)
		return (EBADF);
	error = vn_writechk(vp);
	if (error == 0) {
		vattr_null(&va);
		va.va_size = length;
		error = VOP_SETATTR(vp, &va, fp->f_cred);
	}
	VOP_UNLOCK(vp);
	return (error);
}

/*
 * lseek: SEEK_SET/CUR/END, and SEEK_DATA/SEEK_HOLE with the whole file
 * one extent of data (no holes reported), as Linux's generic code for
 * file systems without hole tracking.
 */
static int
vn_seek(struct file *fp, off_t offset, int whence, off_t *resp,
    struct thread *td)
{
	struct vnode *vp = fp->f_vnode;
	struct vattr va;
	off_t cur, size = 0, res;
	int error;

	cur = foffset_lock(fp);
	if (whence == SEEK_END || whence == SEEK_DATA || whence == SEEK_HOLE) {
		error = vn_lock(vp, 0);
		if (error == 0) {
			error = VOP_GETATTR(vp, &va);
			VOP_UNLOCK(vp);
		}
		if (error != 0) {
			foffset_unlock(fp, cur);
			return (error);
		}
		size = va.va_size;
	}
	error = 0;
	switch (whence) {
	case SEEK_SET:
		res = offset;
		break;
	case SEEK_CUR:
		if (__builtin_add_overflow(cur, offset, &res))
			error = EOVERFLOW;
		break;
	case SEEK_END:
		if (__builtin_add_overflow(size, offset, &res))
			error = EOVERFLOW;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			error = ENXIO;
		res = whence == SEEK_DATA ? offset : size;
		break;
	default:
		error = EINVAL;
		break;
	}
	if (error == 0 && res < 0 && vp->v_type != VCHR)
		error = EINVAL;
	if (error == 0) {
		foffset_unlock(fp, res);
		*resp = res;
	} else {
		foffset_unlock(fp, cur);
	}
	return (error);
}

const struct fileops vnops = {
	.fo_read = vn_read,
	.fo_write = vn_write,
	.fo_ioctl = vn_ioctl,
	.fo_stat = vn_fo_stat,
	.fo_close = vn_closefile,
	.fo_truncate = vn_truncate,
	.fo_seek = vn_seek,
	.fo_mmap = vn_mmap,
	.fo_flags = DFLAG_SEEKABLE,
};
