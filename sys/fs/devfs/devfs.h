/*
 * devfs.h: the device file system's internals (sys/fs/devfs;
 * share/doc/devices-and-tty.md).
 *
 * devfs is a memory file system of one directory (its root, inode 2)
 * whose entries are the character devices of the registry
 * (sys/sys/conf.h), each a VCHR vnode with v_rdev = its cdev and
 * v_fops = devfs_fops, so an open device's reads and writes go to the
 * driver's cdevsw.  Vnodes are cached by (mount, inode number).
 */
#ifndef _FS_DEVFS_DEVFS_H_
#define _FS_DEVFS_DEVFS_H_

#include <sys/types.h>

struct cdev;
struct mount;
struct vnode;

#define DEVFS_ROOTINO	2

extern const struct vop_vector devfs_vnodeops;
extern const struct fileops devfs_fops;

/* The vnode of dev (NULL: the root) in mp, referenced and locked. */
int	devfs_allocv(struct mount *mp, struct cdev *dev, struct vnode **vpp);

#endif /* !_FS_DEVFS_DEVFS_H_ */
