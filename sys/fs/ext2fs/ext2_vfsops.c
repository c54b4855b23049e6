/*
 * ext2_vfsops.c: mounting ext2 (the "ext2" VFS type) and its vnodes.
 *
 * The library (ext2_subr.c ...) reads and writes blocks through two
 * callbacks; here they go straight to the partition with disk_read and
 * disk_write.  Metadata is written through at once (the library's
 * contract), so the file system on disk is consistent after every
 * operation; file data lives in each file's vm_object and is written
 * by the vnode pager (msync, fsync, sync, reclaim).  XXX: no buffer
 * cache below the callbacks yet: every directory or inode read is a
 * disk read.  share/doc/ext2.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/disk.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vnode_pager.h>

#include <fs/ext2fs/ext2_extern.h>
#include <fs/ext2fs/ext2_vnode.h>

static MALLOC_DEFINE(M_EXT2NODE, "ext2node", "ext2 in-memory inodes");
static MALLOC_DEFINE(M_EXT2MNT, "ext2mount", "ext2 mounts");

extern const struct vop_vector ext2_vnodeops;

/* The library's callbacks: bsize bytes at byte blkno * bsize. */
static int
ext2_dev_bread(void *dev, uint64_t blkno, uint32_t bsize, void *buf)
{
	struct disk *d = dev;

	return (disk_read(d, blkno * bsize / d->d_sectorsize, buf,
	    bsize / d->d_sectorsize));
}

static int
ext2_dev_bwrite(void *dev, uint64_t blkno, uint32_t bsize, const void *buf)
{
	struct disk *d = dev;

	return (disk_write(d, blkno * bsize / d->d_sectorsize, buf,
	    bsize / d->d_sectorsize));
}

static int
ext2_vfs_mount(struct mount *mp, const char *from)
{
	struct ext2mount *ump;
	int error;

	ump = malloc(sizeof(*ump), M_EXT2MNT, M_WAITOK | M_ZERO);
	error = ext2_mount(&ump->um_e2, ext2_dev_bread, mp->mnt_disk);
	if (error != 0) {
		free(ump, M_EXT2MNT);
		return (error);
	}
	if ((mp->mnt_flag & MNT_RDONLY) == 0 && !ump->um_e2.em_ronly)
		ump->um_e2.em_bwrite = ext2_dev_bwrite;
	else
		mp->mnt_flag |= MNT_RDONLY;
	ump->um_mountp = mp;
	ump->um_disk = mp->mnt_disk;
	sx_init(&ump->um_lock, "ext2mount");
	mp->mnt_data = ump;
	/* st_dev: the partition as Linux numbers sda1 (8, 1). */
	mp->mnt_dev = (8 << 8) | (ump->um_disk->d_parent != NULL ? 1 : 0);
	mp->mnt_stat.f_type = EXT2_SUPER_MAGIC;
	return (0);
}

static int
ext2_vfs_unmount(struct mount *mp, int flags)
{
	struct ext2mount *ump = VFSTOEXT2(mp);

	/* XXX: busy vnodes are not checked; unmount of ext2 is unused. */
	(void)flags;
	ext2_unmount(&ump->um_e2);
	sx_destroy(&ump->um_lock);
	free(ump, M_EXT2MNT);
	mp->mnt_data = NULL;
	return (0);
}

static int
ext2_vfs_root(struct mount *mp, struct vnode **vpp)
{
	return (ext2_vget(mp, EXT2_ROOT_INO, vpp));
}

static int
ext2_vfs_statfs(struct mount *mp, struct statfs *sbp)
{
	struct ext2mount *ump = VFSTOEXT2(mp);
	const struct ext2_super *sb = &ump->um_e2.em_sb;

	sbp->f_type = EXT2_SUPER_MAGIC;
	sbp->f_bsize = ump->um_e2.em_bsize;
	sbp->f_blocks = sb->s_blocks_count;
	sbp->f_bfree = sb->s_free_blocks_count;
	sbp->f_bavail = sb->s_free_blocks_count > sb->s_r_blocks_count ?
	    sb->s_free_blocks_count - sb->s_r_blocks_count : 0;
	sbp->f_files = sb->s_inodes_count;
	sbp->f_ffree = sb->s_free_inodes_count;
	sbp->f_namelen = EXT2_NAME_LEN;
	return (0);
}

/* Write back every file's dirty pages (inodes are written through). */
static int
ext2_vfs_sync(struct mount *mp, int waitfor)
{
	vfs_fsync_vnodes(mp, waitfor);
	(void)disk_flush(VFSTOEXT2(mp)->um_disk);
	return (0);
}

static const struct vfsops ext2_vfsops = {
	.vfs_mount = ext2_vfs_mount,
	.vfs_unmount = ext2_vfs_unmount,
	.vfs_root = ext2_vfs_root,
	.vfs_statfs = ext2_vfs_statfs,
	.vfs_sync = ext2_vfs_sync,
};

static const struct vfsconf ext2_vfsconf = {
	.vfc_name = "ext2",
	.vfc_vfsops = &ext2_vfsops,
};
VFS_SET(ext2_vfsconf);

/*
 * ext2_vget: the vnode of inode ino, referenced and locked: from the
 * vnode cache, or read from the disk.
 */
int
ext2_vget(struct mount *mp, uint32_t ino, struct vnode **vpp)
{
	struct ext2mount *ump = VFSTOEXT2(mp);
	struct e2inode *ip;
	struct vnode *vp;
	int error;

	error = vfs_hash_get(mp, ino, vpp);
	if (error != 0 || *vpp != NULL)
		return (error);
	ip = malloc(sizeof(*ip), M_EXT2NODE, M_WAITOK | M_ZERO);
	error = ext2_read_inode(&ump->um_e2, ino, &ip->i_din);
	if (error == 0 && ip->i_din.i_links_count == 0 && ino != EXT2_ROOT_INO)
		error = ENOENT;		/* a stale directory entry */
	if (error == 0 && iftovt(ip->i_din.i_mode) == VNON)
		error = EIO;
	if (error != 0) {
		free(ip, M_EXT2NODE);
		return (error);
	}
	(void)getnewvnode("ext2", mp, &ext2_vnodeops, &vp);
	ip->i_vnode = vp;
	ip->i_ump = ump;
	ip->i_number = ino;
	sx_init(&ip->i_bmlock, "ext2 bmap");
	vp->v_data = ip;
	vp->v_type = iftovt(ip->i_din.i_mode);
	if (vp->v_type == VREG)
		(void)vnode_create_vobject(vp, ext2_isize(&ip->i_din));
	return (vfs_hash_insert(vp, ino, vpp));
}

/* ext2_update: write ip's inode to the disk (vnode locked). */
int
ext2_update(struct e2inode *ip)
{
	struct ext2mount *ump = ip->i_ump;
	int error;

	if (ump->um_e2.em_bwrite == NULL)
		return (0);
	sx_xlock(&ump->um_lock);
	error = ext2_write_inode(&ump->um_e2, ip->i_number, &ip->i_din);
	sx_xunlock(&ump->um_lock);
	return (error);
}

/* The node's part of a reclaim (ext2_vnops.c's vop_reclaim). */
void	ext2_node_free(struct e2inode *ip);

void
ext2_node_free(struct e2inode *ip)
{
	sx_destroy(&ip->i_bmlock);
	free(ip, M_EXT2NODE);
}
