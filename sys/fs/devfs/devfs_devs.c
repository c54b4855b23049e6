/*
 * devfs_devs.c: the devfs file-system type: mounting, the root, and
 * the vnodes of devices (sys/fs/devfs/devfs.h).
 *
 * A devfs mount has no state of its own: its one directory lists the
 * registry's devices as they are now, so devices made after the mount
 * appear at once.  Every mount of devfs shows the same devices.
 * XXX: unmount is EBUSY (the VFS has no vflush to reclaim a mount's
 * vnodes yet).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/kernel.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <fs/devfs/devfs.h>

/* devfs_allocv: the cached vnode of dev (or the root), or a new one. */
int
devfs_allocv(struct mount *mp, struct cdev *dev, struct vnode **vpp)
{
	struct vnode *vp, *nvp;
	ino_t ino = dev != NULL ? dev->si_ino : DEVFS_ROOTINO;
	int error;

	error = vfs_hash_get(mp, ino, &vp);
	if (error != 0 || vp != NULL) {
		*vpp = vp;
		return (error);
	}
	error = getnewvnode("devfs", mp, &devfs_vnodeops, &vp);
	if (error != 0)
		return (error);
	if (dev == NULL) {
		vp->v_type = VDIR;
	} else if (dev->si_flags & SI_DIR) {
		vp->v_type = VDIR;
		vp->v_data = dev;
	} else {
		vp->v_type = VCHR;
		vp->v_data = dev;
		vp->v_rdev = dev;
		vp->v_fops = &devfs_fops;
	}
	error = vfs_hash_insert(vp, ino, &nvp);
	*vpp = nvp;
	return (error);
}

static int
devfs_mount(struct mount *mp, const char *from)
{
	mp->mnt_dev = vfs_anon_dev();
	return (0);
}

static int
devfs_unmount(struct mount *mp, int flags)
{
	return (EBUSY);
}

static int
devfs_root(struct mount *mp, struct vnode **vpp)
{
	return (devfs_allocv(mp, NULL, vpp));
}

/* statfs: Linux's devtmpfs reports tmpfs's magic; no blocks. */
static int
devfs_statfs(struct mount *mp, struct statfs *sbp)
{
	sbp->f_type = 0x01021994;	/* TMPFS_MAGIC */
	sbp->f_bsize = PAGE_SIZE;
	sbp->f_namelen = SPECNAMELEN;
	return (0);
}

static const struct vfsops devfs_vfsops = {
	.vfs_mount = devfs_mount,
	.vfs_unmount = devfs_unmount,
	.vfs_root = devfs_root,
	.vfs_statfs = devfs_statfs,
};

static struct vfsconf devfs_vfsconf = {
	.vfc_name = "devfs",
	.vfc_vfsops = &devfs_vfsops,
	.vfc_flags = VFCF_NODEV,
};
VFS_SET(devfs_vfsconf);

/*
 * Mount devfs on /dev at boot if the root has that directory (as
 * tmpfs on /tmp and procfs on /proc).  XXX: bin/init will mount it.
 */
static void
devfs_mount_dev(const void *arg __unused)
{
	struct thread *td = curthread;
	struct stat sb;
	int error;

	if (rootvnode == NULL || td->td_proc->p_fd == NULL)
		return;
	if (kern_statat(td, 0, AT_FDCWD, "/dev", UIO_SYSSPACE, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode))
		return;
	error = kern_mount(td, "devfs", NULL, "/dev", 0);
	if (error != 0)
		printf("devfs: mounting /dev failed (error %d)\n", error);
}
SYSINIT(devfs_dev, SI_SUB_ROOT, SI_ORDER_MIDDLE, devfs_mount_dev, NULL);
