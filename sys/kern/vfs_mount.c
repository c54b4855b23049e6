/*
 * vfs_mount.c: mounting file systems (sys/sys/mount.h).
 *
 * File-system types register with VFS_SET; kern_mount finds one by
 * name.  A mount over a directory hangs the file system's root below
 * that directory's v_mountedhere, which namei crosses.  The root file
 * system is mounted once devices are attached (SI_SUB_ROOT) from the
 * partition umbra.root names (default disk0s1) as type umbra.rootfstype
 * (default ext2); without it the system runs with no files (the rescue
 * boot module still works).  share/doc/vfs.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/disk.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/filedesc.h>
#include <sys/kernel.h>
#include <sys/linker_set.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/ucred.h>
#include <sys/vnode.h>

static MALLOC_DEFINE(M_MOUNT, "mount", "mount structures");

SET_DECLARE(vfs_set, struct vfsconf);

struct mntlist	mountlist = TAILQ_HEAD_INITIALIZER(mountlist);	/* (m) */
static struct mtx mountlist_mtx;
static struct sx mount_sx;	/* serializes mount and unmount */
static u_int	anon_dev_next = 1;	/* (m) minor of the next memory fs */

static void
vfs_mount_init(const void *arg __unused)
{
	mtx_init(&mountlist_mtx, "mountlist", NULL, MTX_DEF);
	sx_init(&mount_sx, "mount");
}
SYSINIT(vfs_mount, SI_SUB_VFS, SI_ORDER_SECOND, vfs_mount_init, NULL);

/* The registered type named name, or NULL. */
static const struct vfsconf *
vfs_byname(const char *name)
{
	struct vfsconf **vfcp;

	SET_FOREACH(vfcp, vfs_set)
		if (strcmp((*vfcp)->vfc_name, name) == 0)
			return (*vfcp);
	return (NULL);
}

/*
 * vfs_mountlist_slock, vfs_mountlist_sunlock: keep mounts from being
 * made or unmounted (mount_sx shared), so that a walk of mountlist that
 * sleeps (sync) never meets a freed mount.
 */
void
vfs_mountlist_slock(void)
{
	sx_slock(&mount_sx);
}

void
vfs_mountlist_sunlock(void)
{
	sx_sunlock(&mount_sx);
}

/* vfs_anon_dev: a device number for a memory file system (major 0). */
dev_t
vfs_anon_dev(void)
{
	dev_t dev;

	mtx_lock(&mountlist_mtx);
	dev = anon_dev_next++;
	mtx_unlock(&mountlist_mtx);
	return (dev);
}

/* The disk a mount names: "/dev/disk0s1" or "disk0s1". */
static int
vfs_find_disk(const char *from, struct disk **dp)
{
	if (from == NULL)
		return (ENOTBLK);
	if (strncmp(from, "/dev/", 5) == 0)
		from += 5;
	*dp = disk_lookup(from);
	return (*dp != NULL ? 0 : ENXIO);
}

/*
 * Make and set up a mount of type vfc from "from"; its root vnode,
 * referenced and locked, in *rootvpp.
 */
static int
vfs_domount(const struct vfsconf *vfc, const char *from, const char *onname,
    uint64_t flags, struct mount **mpp, struct vnode **rootvpp)
{
	struct mount *mp;
	struct disk *d = NULL;
	int error;

	if ((vfc->vfc_flags & VFCF_NODEV) == 0) {
		error = vfs_find_disk(from, &d);
		if (error != 0)
			return (error);
	}
	mp = malloc(sizeof(*mp), M_MOUNT, M_WAITOK | M_ZERO);
	mp->mnt_op = vfc->vfc_vfsops;
	mp->mnt_vfc = vfc;
	mp->mnt_disk = d;
	mp->mnt_flag = flags;
	TAILQ_INIT(&mp->mnt_nvnodes);
	sx_init(&mp->mnt_renamelock, "rename");
	strlcpy(mp->mnt_stat.f_fstypename, vfc->vfc_name, MFSNAMELEN);
	strlcpy(mp->mnt_stat.f_mntfromname, from != NULL ? from : vfc->vfc_name,
	    MNAMELEN);
	strlcpy(mp->mnt_stat.f_mntonname, onname, MNAMELEN);
	error = mp->mnt_op->vfs_mount(mp, from);
	if (error == 0) {
		error = VFS_ROOT(mp, rootvpp);
		if (error != 0 && mp->mnt_op->vfs_unmount != NULL)
			(void)mp->mnt_op->vfs_unmount(mp, MNT_FORCE);
	}
	if (error != 0) {
		sx_destroy(&mp->mnt_renamelock);
		free(mp, M_MOUNT);
		return (error);
	}
	(*rootvpp)->v_vflag |= VV_ROOT;
	mtx_lock(&mountlist_mtx);
	TAILQ_INSERT_TAIL(&mountlist, mp, mnt_list);
	mtx_unlock(&mountlist_mtx);
	*mpp = mp;
	return (0);
}

/*
 * kern_mount: mount a file system of type fstype from "from" on the
 * directory path.  EPERM for a non-root caller, ENODEV for an unknown
 * type, ENOTDIR, EBUSY (already a mount point), ENXIO (no such disk).
 */
int
kern_mount(struct thread *td, const char *fstype, const char *from,
    const char *path, uint64_t flags)
{
	const struct vfsconf *vfc;
	struct nameidata nd;
	struct mount *mp;
	struct vnode *vp, *rvp;
	int error;

	error = priv_check_cred(td->td_proc->p_ucred);
	if (error != 0)
		return (error);
	vfc = vfs_byname(fstype);
	if (vfc == NULL)
		return (ENODEV);
	NDINIT(&nd, LOOKUP, FOLLOW | LOCKLEAF, UIO_SYSSPACE, path, td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	vp = nd.ni_vp;
	sx_xlock(&mount_sx);
	if (vp->v_type != VDIR)
		error = ENOTDIR;
	else if (vp->v_mountedhere != NULL)
		error = EBUSY;
	else
		error = vfs_domount(vfc, from, path, flags, &mp, &rvp);
	if (error != 0) {
		sx_xunlock(&mount_sx);
		vput(vp);
		return (error);
	}
	VOP_UNLOCK(rvp);
	vrele(rvp);	/* the file system keeps its root */
	mp->mnt_vnodecovered = vp;	/* keeps namei's reference */
	vp->v_mountedhere = mp;
	VOP_UNLOCK(vp);
	sx_xunlock(&mount_sx);
	return (0);
}

/*
 * vfs_mount_private: mount a file system of type fstype from "from" on
 * no directory (kernel tests; internal mounts).  It is on mountlist, so
 * sync reaches it, and namei never does: start at VFS_ROOT(*mpp).
 * Returns 0, ENODEV for an unknown type, or the file system's error.
 */
int
vfs_mount_private(const char *fstype, const char *from, uint64_t flags,
    struct mount **mpp)
{
	const struct vfsconf *vfc;
	struct vnode *rvp;
	int error;

	vfc = vfs_byname(fstype);
	if (vfc == NULL)
		return (ENODEV);
	sx_xlock(&mount_sx);
	error = vfs_domount(vfc, from, "(private)", flags, mpp, &rvp);
	sx_xunlock(&mount_sx);
	if (error == 0)
		vput(rvp);	/* the file system keeps its root */
	return (error);
}

/*
 * kern_unmount: unmount the file system mounted on path.  EINVAL if it
 * is not a mount point, EBUSY if it is the root or its files are in use.
 */
int
kern_unmount(struct thread *td, const char *path, int flags)
{
	struct nameidata nd;
	struct mount *mp;
	struct vnode *vp, *covered;
	int error;

	error = priv_check_cred(td->td_proc->p_ucred);
	if (error != 0)
		return (error);
	NDINIT(&nd, LOOKUP, FOLLOW | LOCKLEAF, UIO_SYSSPACE, path, td);
	error = namei(&nd);
	if (error != 0)
		return (error);
	vp = nd.ni_vp;
	mp = vp->v_mount;
	if ((vp->v_vflag & VV_ROOT) == 0) {
		vput(vp);
		return (EINVAL);
	}
	if (mp->mnt_vnodecovered == NULL) {
		vput(vp);
		return (EBUSY);
	}
	vput(vp);
	sx_xlock(&mount_sx);
	(void)VFS_SYNC(mp, MNT_WAIT);
	error = mp->mnt_op->vfs_unmount != NULL ?
	    mp->mnt_op->vfs_unmount(mp, flags) : EBUSY;
	if (error != 0) {
		sx_xunlock(&mount_sx);
		return (error);
	}
	covered = mp->mnt_vnodecovered;
	(void)vn_lock(covered, LK_RETRY);
	covered->v_mountedhere = NULL;
	vput(covered);
	mtx_lock(&mountlist_mtx);
	TAILQ_REMOVE(&mountlist, mp, mnt_list);
	mtx_unlock(&mountlist_mtx);
	sx_xunlock(&mount_sx);
	sx_destroy(&mp->mnt_renamelock);
	free(mp, M_MOUNT);
	return (0);
}

/*
 * vfs_mount_foreach: fn(mp, arg) for each mount, in mount order, with
 * mounts and unmounts held off (fn may sleep; /proc/mounts).
 */
void
vfs_mount_foreach(void (*fn)(struct mount *mp, void *arg), void *arg)
{
	struct mount *mp;

	sx_slock(&mount_sx);
	TAILQ_FOREACH(mp, &mountlist, mnt_list)
		fn(mp, arg);
	sx_sunlock(&mount_sx);
}

/* vfs_statfs_mp: the file system's statistics, with the names. */
int
vfs_statfs_mp(struct mount *mp, struct statfs *sbp)
{
	int error = 0;

	memcpy(sbp, &mp->mnt_stat, sizeof(*sbp));
	if (mp->mnt_op->vfs_statfs != NULL)
		error = mp->mnt_op->vfs_statfs(mp, sbp);
	sbp->f_flags = mp->mnt_flag & (MNT_RDONLY | MNT_NOSUID | MNT_NOEXEC |
	    MNT_NODEV);
	sbp->f_fsid = mp->mnt_dev;
	return (error);
}

/*
 * vfs_mountroot: mount "/" and give the kernel's process a descriptor
 * table over it.  Returns 0 or the mount's error (the system goes on
 * without files).
 */
int
vfs_mountroot(void)
{
	const struct vfsconf *vfc;
	const char *from, *fstype;
	struct mount *mp;
	struct vnode *rvp;
	int error;

	from = kern_getenv("umbra.root");
	if (from == NULL)
		from = "disk0s1";
	fstype = kern_getenv("umbra.rootfstype");
	if (fstype == NULL)
		fstype = "ext2";
	vfc = vfs_byname(fstype);
	if (vfc == NULL)
		return (ENODEV);
	error = vfs_domount(vfc, from, "/", MNT_ROOTFS, &mp, &rvp);
	if (error != 0)
		return (error);
	VOP_UNLOCK(rvp);
	rootvnode = rvp;	/* keeps the reference */
	if (proc0.p_fd == NULL)
		proc0.p_fd = fdinit();
	return (0);
}

static void
vfs_mountroot_sysinit(const void *arg __unused)
{
	int error;

	error = vfs_mountroot();
	if (error != 0)
		printf("vfs: no root file system (error %d); running without "
		    "files\n", error);
	else
		printf("vfs: root file system %s (%s) mounted\n",
		    TAILQ_FIRST(&mountlist)->mnt_stat.f_mntfromname,
		    TAILQ_FIRST(&mountlist)->mnt_stat.f_fstypename);
}
SYSINIT(mountroot, SI_SUB_ROOT, SI_ORDER_FIRST, vfs_mountroot_sysinit, NULL);
