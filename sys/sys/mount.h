/*
 * mount.h: mounted file systems and the file-system types
 * (FreeBSD's struct mount and vfsops, reduced).
 *
 * A file system type registers a struct vfsconf with VFS_SET (a linker
 * set; sys/kern does not name file systems).  kern_mount finds the type
 * by name, allocates a struct mount and calls its vfs_mount, which reads
 * the device, makes the root vnode and fills mnt_data and mnt_stat.  A
 * mount over a directory vnode sets its v_mountedhere, and namei crosses
 * it; ".." from a file system's root crosses back through
 * mnt_vnodecovered.  sys/kern/vfs_mount.c.
 *
 * Lock legend:
 *	(c) constant after the mount is set up
 *	(m) mountlist_mtx
 *	(h) vfs_hash_mtx (the vnode cache)
 *	(r) mnt_renamelock (a sleep lock serializing renames, which
 *	    lock two directories)
 */
#ifndef _SYS_MOUNT_H_
#define _SYS_MOUNT_H_

#include <sys/types.h>
#include <sys/linker_set.h>
#include <sys/queue.h>
#include <sys/sx.h>

struct disk;
struct mount;
struct thread;
struct ucred;
struct vnode;

#define MFSNAMELEN	16
#define MNAMELEN	88

/* statfs(2), Umbra's layout (Linux's fields). */
struct statfs {
	uint64_t	f_type;		/* magic (EXT2_SUPER_MAGIC ...) */
	uint64_t	f_bsize;	/* block size */
	uint64_t	f_blocks;	/* total blocks */
	uint64_t	f_bfree;	/* free blocks */
	uint64_t	f_bavail;	/* free to non-root */
	uint64_t	f_files;	/* inodes */
	uint64_t	f_ffree;	/* free inodes */
	uint64_t	f_fsid;		/* device */
	uint64_t	f_namelen;	/* longest name */
	uint64_t	f_flags;	/* MNT_* */
	char		f_fstypename[MFSNAMELEN]; /* "ext2" */
	char		f_mntfromname[MNAMELEN]; /* "/dev/disk0s1" */
	char		f_mntonname[MNAMELEN];	/* "/" */
};

struct vfsops {
	/* Set up mp (mnt_data, mnt_stat names are filled by the caller)
	   from the device named from (NULL for a memory fs). */
	int	(*vfs_mount)(struct mount *mp, const char *from);
	int	(*vfs_unmount)(struct mount *mp, int flags);
	/* The root vnode, referenced and locked. */
	int	(*vfs_root)(struct mount *mp, struct vnode **vpp);
	int	(*vfs_statfs)(struct mount *mp, struct statfs *sbp);
	/* Write everything dirty back (sync); wait: MNT_WAIT. */
	int	(*vfs_sync)(struct mount *mp, int waitfor);
};

struct vfsconf {
	const char	*vfc_name;	/* "ext2", "devfs", "tmpfs" */
	const struct vfsops *vfc_vfsops;
	int		vfc_flags;
};

/* Register a file-system type (in the vfs_set linker set). */
#define VFS_SET(vfc)	DATA_SET(vfs_set, vfc)
#define VFCF_NODEV	0x0001	/* vfc_flags: mounts no device (memory fs) */

struct mount {
	TAILQ_ENTRY(mount) mnt_list;	/* (m) mountlist */
	const struct vfsops *mnt_op;	/* (c) */
	const struct vfsconf *mnt_vfc;	/* (c) its type */
	struct vnode	*mnt_vnodecovered; /* (c) the directory it is
					   mounted on (held); NULL for / */
	void		*mnt_data;	/* (c) the file system's */
	struct disk	*mnt_disk;	/* (c) its device, or NULL */
	uint64_t	mnt_flag;	/* (c) MNT_* */
	dev_t		mnt_dev;	/* (c) st_dev of its files */
	TAILQ_HEAD(, vnode) mnt_nvnodes; /* (h) its vnodes */
	struct sx	mnt_renamelock;	/* (r) */
	struct statfs	mnt_stat;	/* (c) names; counts by statfs */
};

/* mnt_flag */
#define MNT_RDONLY	0x0001
#define MNT_NOSUID	0x0002
#define MNT_NOEXEC	0x0004
#define MNT_NODEV	0x0008
#define MNT_ROOTFS	0x4000	/* the root file system */

#define MNT_FORCE	0x0001	/* unmount flags */

extern TAILQ_HEAD(mntlist, mount) mountlist;	/* (m) */

/* vfs_mount.c */
/* Mount a file system of type fstype from "from" on the directory
   path (a kernel string); errors as mount(2). */
int	kern_mount(struct thread *td, const char *fstype, const char *from,
	    const char *path, uint64_t flags);
int	kern_unmount(struct thread *td, const char *path, int flags);
/* A mount on no directory (tests, internal mounts); VFS_ROOT reaches it. */
int	vfs_mount_private(const char *fstype, const char *from,
	    uint64_t flags, struct mount **mpp);
/* Mount the root file system (umbra.root=disk0s1 by default). */
int	vfs_mountroot(void);
int	vfs_statfs_mp(struct mount *mp, struct statfs *sbp);
/* Hold off mount and unmount while walking mountlist (may sleep). */
void	vfs_mountlist_slock(void);
void	vfs_mountlist_sunlock(void);
/* fn(mp, arg) for each mount, mounts held off; fn may sleep. */
void	vfs_mount_foreach(void (*fn)(struct mount *mp, void *arg),
	    void *arg);
/* A device number for a memory file system (devfs, tmpfs, procfs). */
dev_t	vfs_anon_dev(void);

#define VFS_ROOT(mp, vpp)	((mp)->mnt_op->vfs_root((mp), (vpp)))
#define VFS_SYNC(mp, w)							\
	((mp)->mnt_op->vfs_sync != NULL ? (mp)->mnt_op->vfs_sync((mp), (w)) : 0)

#endif /* !_SYS_MOUNT_H_ */
