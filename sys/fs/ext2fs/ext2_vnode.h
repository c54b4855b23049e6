/*
 * ext2_vnode.h: ext2 as a VFS file system: the per-mount and per-inode
 * state of the glue between the VFS and the ext2 library
 * (ext2_vfsops.c, ext2_vnops.c; share/doc/ext2.md "The VFS glue").
 *
 * Locks:
 *	um_lock (sx): every call of the library's write side on this
 *	    mount (they share the bitmaps, the counts and the inode-table
 *	    blocks that ext2_write_inode rewrites), and ext2_write_inode.
 *	i_bmlock (sx): the inode's block map (i_din.i_block, i_blocks,
 *	    the size): shared to map a block (the pager, from page faults,
 *	    without the vnode lock), exclusive to change it.  Order: the
 *	    vnode lock, then i_bmlock, then um_lock.
 *	The vnode lock: everything else in the inode.
 */
#ifndef _FS_EXT2FS_EXT2_VNODE_H_
#define _FS_EXT2FS_EXT2_VNODE_H_

#include <sys/types.h>
#include <sys/sx.h>

#include <fs/ext2fs/ext2_mount.h>

struct disk;
struct mount;
struct vnode;

struct ext2mount {
	struct ext2_mount um_e2;	/* the library's mount */
	struct mount	*um_mountp;	/* (c) */
	struct disk	*um_disk;	/* (c) the partition */
	struct sx	um_lock;	/* see above */
};

struct e2inode {
	struct vnode	*i_vnode;	/* (c) */
	struct ext2mount *i_ump;	/* (c) */
	uint32_t	i_number;	/* (c) inode number */
	struct ext2_dinode i_din;	/* the on-disk inode, as in memory */
	struct sx	i_bmlock;	/* see above */
	bool		i_freed;	/* (v) unlinked and freed on disk */
};

#define VTOI(vp)	((struct e2inode *)(vp)->v_data)
#define VFSTOEXT2(mp)	((struct ext2mount *)(mp)->mnt_data)

int	ext2_vget(struct mount *mp, uint32_t ino, struct vnode **vpp);
int	ext2_update(struct e2inode *ip);	/* write the inode back */

#endif /* !_FS_EXT2FS_EXT2_VNODE_H_ */
