/*
 * devfs_vnops.c: devfs's vnode operations, and the file operations of
 * an open device (sys/fs/devfs/devfs.h).
 *
 * Directories: the root, and those make_dev_dir registers ("pts": a
 * cdev with SI_DIR, the vnode's v_data); a device "pts/0" is entry "0"
 * of "pts".  Hidden devices (SI_HIDDEN) are in no directory.
 *
 * Vnode operations: lookup of a device by name in its directory, getattr
 * (owner, mode and number from make_dev), readdir (".", "..", then the
 * devices in the order made), open and close (the driver's d_open and
 * d_close; d_fdopen instead of d_open may make the file the driver's).
 * Access checks are the default (vaccess over getattr).
 *
 * An open device's file has devfs_fops (kern_openat takes them from
 * v_fops): read, write, ioctl and poll go to the cdevsw without the
 * vnode lock (a terminal read may sleep for a long time); the offset is
 * the file's (foffset_lock), as /dev/mem needs.  lseek moves it
 * (SEEK_SET, SEEK_CUR; ESPIPE for a terminal).  fo_mmap maps a
 * driver's d_mmap_single object (/dev/zero) or, through the device
 * pager, its d_mmap addresses (/dev/mem).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/dirent.h>
#include <sys/mman.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_pager.h>

#include <fs/devfs/devfs.h>

/*
 * Vnode operations.
 */

/*
 * A directory's cdev: NULL for the root, else a make_dev_dir one
 * (v_data; a device's vnode has v_data = v_rdev = its cdev).
 */
static struct cdev *
devfs_dir(struct vnode *vp)
{
	return (vp->v_rdev == NULL ? vp->v_data : NULL);
}

/* Whether dev is an entry of directory dir (NULL: the root). */
static bool
devfs_child(struct cdev *dir, struct cdev *dev)
{
	const char *slash = strchr(dev->si_name, '/');
	size_t len;

	if (dev->si_flags & SI_HIDDEN)
		return (false);
	if (dir == NULL)
		return (slash == NULL);
	len = strlen(dir->si_name);
	return (slash != NULL && (size_t)(slash - dev->si_name) == len &&
	    strncmp(dev->si_name, dir->si_name, len) == 0);
}

static int
devfs_lookup(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp)
{
	char name[SPECNAMELEN + 1];
	struct cdev *dev, *dir;
	size_t plen = 0;
	int error;

	if (dvp->v_type != VDIR)
		return (ENOTDIR);
	dir = devfs_dir(dvp);
	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == '.') {
		vref(dvp);
		*vpp = dvp;
		return (0);
	}
	if (cnp->cn_flags & ISDOTDOT) {
		if (dir == NULL) {
			/* The root is its own parent (namei crosses mounts). */
			vref(dvp);
			*vpp = dvp;
			return (0);
		}
		/* Parent before child: let go of dvp while locking "..". */
		VOP_UNLOCK(dvp);
		error = devfs_allocv(dvp->v_mount, NULL, vpp);
		(void)vn_lock(dvp, LK_RETRY);
		return (error);
	}
	if (dir != NULL) {
		plen = strlen(dir->si_name) + 1;
		memcpy(name, dir->si_name, plen - 1);
		name[plen - 1] = '/';
	}
	if (plen + cnp->cn_namelen > SPECNAMELEN)
		return (ENOENT);
	memcpy(name + plen, cnp->cn_nameptr, cnp->cn_namelen);
	name[plen + cnp->cn_namelen] = '\0';
	dev = dev_lookup(name);
	if (dev == NULL || !devfs_child(dir, dev)) {
		if ((cnp->cn_flags & ISLASTCN) &&
		    (cnp->cn_nameiop == CREATE || cnp->cn_nameiop == RENAME))
			return (EJUSTRETURN);	/* creation fails later */
		return (ENOENT);
	}
	return (devfs_allocv(dvp->v_mount, dev, vpp));
}

static int
devfs_getattr(struct vnode *vp, struct vattr *vap)
{
	struct cdev *dev = vp->v_rdev;

	memset(vap, 0, sizeof(*vap));
	vap->va_type = vp->v_type;
	vap->va_fsid = vp->v_mount->mnt_dev;
	vap->va_blocksize = PAGE_SIZE;
	if (dev == NULL) {
		dev = devfs_dir(vp);
		vap->va_mode = 0755;
		vap->va_nlink = 2;
		vap->va_fileid = dev != NULL ? dev->si_ino : DEVFS_ROOTINO;
		if (dev != NULL)
			vap->va_atime = vap->va_mtime = vap->va_ctime =
			    dev->si_ctime;
		return (0);
	}
	vap->va_mode = dev->si_mode;
	vap->va_nlink = 1;
	vap->va_uid = dev->si_uid;
	vap->va_gid = dev->si_gid;
	vap->va_fileid = dev->si_ino;
	vap->va_rdev = dev->si_rdev;
	vap->va_atime = vap->va_mtime = vap->va_ctime = dev->si_ctime;
	return (0);
}

/* One entry into uio if it fits; EINVAL when it does not (*fitp). */
static int
devfs_dirent(struct uio *uio, ino_t ino, off_t next, uint8_t type,
    const char *name, bool *fitp)
{
	char buf[DIRENT_RECLEN(SPECNAMELEN)];
	struct dirent *dp = (struct dirent *)buf;
	size_t namlen = strlen(name), reclen = DIRENT_RECLEN(namlen);

	if ((size_t)uio->uio_resid < reclen) {
		*fitp = false;
		return (0);
	}
	memset(buf, 0, reclen);
	dp->d_ino = ino;
	dp->d_off = next;
	dp->d_reclen = (uint16_t)reclen;
	dp->d_type = type;
	memcpy(dp->d_name, name, namlen);
	*fitp = true;
	return (uiomove(buf, reclen, uio));
}

/*
 * Cookies: 0 ".", 1 "..", 2 + i the i-th device.  EINVAL when not even
 * the first entry fits (Linux's getdents).
 */
static int
devfs_readdir(struct vnode *vp, struct uio *uio, int *eofp)
{
	struct cdev *dev, *dir;
	off_t off = uio->uio_offset;
	int error = 0, n = 0;
	bool fit = true;

	if (vp->v_type != VDIR)
		return (ENOTDIR);
	dir = devfs_dir(vp);
	*eofp = 0;
	while (error == 0) {
		if (off == 0 || off == 1) {
			error = devfs_dirent(uio, off == 0 && dir != NULL ?
			    dir->si_ino : DEVFS_ROOTINO, off + 1, DT_DIR,
			    off == 0 ? "." : "..", &fit);
		} else {
			dev = off - 2 < INT32_MAX ? dev_byindex(off - 2) : NULL;
			if (dev == NULL) {
				*eofp = 1;
				break;
			}
			if (devfs_child(dir, dev))
				error = devfs_dirent(uio, dev->si_ino, off + 1,
				    (dev->si_flags & SI_DIR) ? DT_DIR : DT_CHR,
				    dir != NULL ? strchr(dev->si_name, '/') + 1 :
				    dev->si_name, &fit);
		}
		if (!fit)
			break;
		off++;
		n++;
	}
	uio->uio_offset = off;
	if (error == 0 && n == 0 && !fit)
		error = EINVAL;
	return (error);
}

static int
devfs_open(struct vnode *vp, int mode, struct ucred *cred, struct file *fp)
{
	struct cdev *dev = vp->v_rdev;

	if (dev == NULL)
		return (0);
	if (dev->si_devsw->d_fdopen != NULL && fp != NULL)
		return (dev->si_devsw->d_fdopen(dev, mode, curthread, fp));
	if (dev->si_devsw->d_open == NULL)
		return (0);
	return (dev->si_devsw->d_open(dev, mode, curthread));
}

static int
devfs_close(struct vnode *vp, int fflag, struct ucred *cred)
{
	struct cdev *dev = vp->v_rdev;

	if (dev == NULL || dev->si_devsw->d_close == NULL)
		return (0);
	return (dev->si_devsw->d_close(dev, fflag, curthread));
}

const struct vop_vector devfs_vnodeops = {
	.vop_lookup = devfs_lookup,
	.vop_open = devfs_open,
	.vop_close = devfs_close,
	.vop_getattr = devfs_getattr,
	.vop_readdir = devfs_readdir,
};

/*
 * The file operations of an open device.
 */

static int
devfs_io(struct file *fp, struct uio *uio, int flags)
{
	struct cdev *dev = fp->f_vnode->v_rdev;
	const struct cdevsw *dsw = dev->si_devsw;
	int error, ioflag;
	off_t off;

	ioflag = (fp->f_flag & O_NONBLOCK) ? IO_NDELAY : 0;
	if ((flags & FOF_OFFSET) == 0)
		uio->uio_offset = foffset_lock(fp);
	off = uio->uio_offset;
	if (uio->uio_rw == UIO_READ)
		error = dsw->d_read != NULL ? dsw->d_read(dev, uio, ioflag) :
		    EINVAL;
	else
		error = dsw->d_write != NULL ? dsw->d_write(dev, uio, ioflag) :
		    EINVAL;
	if ((flags & FOF_OFFSET) == 0)
		foffset_unlock(fp, error == 0 || uio->uio_offset != off ?
		    uio->uio_offset : off);
	return (error);
}

static int
devfs_read_f(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	return (devfs_io(fp, uio, flags));
}

static int
devfs_write_f(struct file *fp, struct uio *uio, int flags, struct thread *td)
{
	return (devfs_io(fp, uio, flags));
}

static int
devfs_ioctl_f(struct file *fp, u_long cmd, void *data, struct thread *td)
{
	struct cdev *dev = fp->f_vnode->v_rdev;

	if (dev->si_devsw->d_ioctl == NULL)
		return (ENOTTY);
	return (dev->si_devsw->d_ioctl(dev, cmd, data, fp->f_flag, td));
}

static int
devfs_poll_f(struct file *fp, int events, struct thread *td)
{
	struct cdev *dev = fp->f_vnode->v_rdev;

	if (dev->si_devsw->d_poll == NULL)
		return (events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM));
	return (dev->si_devsw->d_poll(dev, events, td));
}

/* stat and close are those of any vnode file. */
static int
devfs_stat_f(struct file *fp, struct stat *sb, struct thread *td)
{
	return (vnops.fo_stat(fp, sb, td));
}

static int
devfs_close_f(struct file *fp, struct thread *td)
{
	return (vnops.fo_close(fp, td));
}

static int
devfs_seek_f(struct file *fp, off_t offset, int whence, off_t *resp,
    struct thread *td)
{
	struct cdev *dev = fp->f_vnode->v_rdev;
	off_t cur, res;
	int error = 0;

	if (dev->si_devsw->d_flags & D_TTY)
		return (ESPIPE);
	cur = foffset_lock(fp);
	switch (whence) {
	case SEEK_SET:
		res = offset;
		break;
	case SEEK_CUR:
		if (__builtin_add_overflow(cur, offset, &res))
			error = EOVERFLOW;
		break;
	default:
		error = EINVAL;
		break;
	}
	if (error == 0 && res < 0)
		error = EINVAL;
	foffset_unlock(fp, error == 0 ? res : cur);
	if (error == 0)
		*resp = res;
	return (error);
}

/*
 * mmap of a device: the driver's own object (d_mmap_single: /dev/zero's
 * anonymous memory), else a device pager object over d_mmap (/dev/mem),
 * else ENODEV.  The maximum protection follows the open mode, as for
 * files: read and execute need FREAD (the caller checked), write needs
 * FWRITE for a shared mapping.
 */
static int
devfs_mmap_f(struct file *fp, vm_size_t size, vm_prot_t prot, int flags,
    vm_ooffset_t *foffp, vm_prot_t *maxprotp, struct vm_object **objp,
    struct thread *td)
{
	struct cdev *dev = fp->f_vnode->v_rdev;
	const struct cdevsw *dsw = dev->si_devsw;
	vm_prot_t maxprot;
	int error = ENODEV;

	maxprot = VM_PROT_READ | VM_PROT_EXECUTE;
	if ((flags & MAP_PRIVATE) != 0 || (fp->f_flag & FWRITE) != 0)
		maxprot |= VM_PROT_WRITE;
	else if ((prot & VM_PROT_WRITE) != 0)
		return (EACCES);
	if (dsw->d_mmap_single != NULL)
		error = dsw->d_mmap_single(dev, foffp, size, objp, (int)prot);
	if (error == ENODEV && dsw->d_mmap != NULL) {
		*objp = dev_pager_allocate(dev, size, *foffp);
		error = 0;
	}
	if (error == 0)
		*maxprotp = maxprot;
	return (error);
}

const struct fileops devfs_fops = {
	.fo_read = devfs_read_f,
	.fo_write = devfs_write_f,
	.fo_ioctl = devfs_ioctl_f,
	.fo_poll = devfs_poll_f,
	.fo_stat = devfs_stat_f,
	.fo_close = devfs_close_f,
	.fo_seek = devfs_seek_f,
	.fo_mmap = devfs_mmap_f,
	.fo_flags = DFLAG_SEEKABLE,
};
