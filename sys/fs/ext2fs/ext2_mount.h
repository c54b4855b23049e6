/*
 * ext2_mount.h: ext2 as a library over block-read and block-write
 * callbacks (sys/fs/ext2fs/ext2_subr.c reads, ext2_alloc.c allocates and
 * truncates, ext2_dir.c modifies directories; share/doc/ext2.md), used by
 * the kernel and by the host unit tests alike.  Nothing here knows of the
 * VFS or of buffers: the caller supplies em_bread and, to write, em_bwrite.
 *
 * Errors: EINVAL for a superblock or group descriptor table that is
 * inconsistent (mount), EOPNOTSUPP for an incompatible feature or an
 * inode format this code does not read (extents, inline data), EIO for
 * corruption met while reading (a block pointer outside the file system,
 * a malformed directory entry, an out-of-range inode number in a
 * directory), ENOENT, ENOTDIR, ENAMETOOLONG, ERANGE for lookup and
 * readlink, ENOMEM if the descriptor table cannot be allocated, and
 * whatever em_bread returns.  The write side adds EROFS (no em_bwrite, or
 * em_ronly), ENOSPC, EFBIG (past the block map or i_blocks), EIO for a
 * bitmap that disagrees (freeing what is free) and whatever em_bwrite
 * returns.
 */
#ifndef _FS_EXT2FS_EXT2_MOUNT_H_
#define _FS_EXT2FS_EXT2_MOUNT_H_

#include <sys/types.h>
#include "ext2_fs.h"
#include "ext2_dinode.h"

/*
 * Read block blkno, bsize bytes long (the byte offset is blkno * bsize),
 * into buf.  Returns 0 or an errno.  The superblock is read with bsize
 * 1024, blkno 1; everything after with the file system's block size.
 */
typedef int	ext2_bread_t(void *dev, uint64_t blkno, uint32_t bsize,
		    void *buf);

/*
 * Write bsize bytes of buf at block blkno, the same addressing as
 * ext2_bread_t (the superblock is written with bsize 1024, blkno 1, even
 * on a file system of larger blocks).  Returns 0 or an errno.
 */
typedef int	ext2_bwrite_t(void *dev, uint64_t blkno, uint32_t bsize,
		    const void *buf);

/*
 * A mounted file system.  ext2_mount fills it with em_bwrite NULL (read
 * only); a caller that wants to write sets em_bwrite after ext2_mount.
 *
 * Lock legend: (c) constant after ext2_mount (em_bwrite: set once right
 * after it); (w) changed by the write functions.  The library takes no
 * lock: the caller serializes every write function (and ext2_sync_super)
 * with one lock of its own, per mount.  Readers may run concurrently with
 * each other; a reader concurrent with a writer may see a directory or a
 * block map half-updated, so the VFS holds the vnode lock across both.
 * Readers touch only (c) fields of em_sb and em_gd (block numbers, sizes),
 * never the (w) counts.
 */
struct ext2_mount {
	ext2_bread_t	*em_bread;	/* (c) the device */
	ext2_bwrite_t	*em_bwrite;	/* (c) its writer; NULL = read only */
	void		*em_dev;	/* (c) their argument */
	struct ext2_super em_sb;	/* (c,w) the superblock; (w) counts */
	struct ext2_gd	*em_gd;		/* (c,w) em_ngroups descriptors;
					   (w) counts, whole blocks of them */
	uint32_t	em_bsize;	/* (c) block size in bytes */
	uint32_t	em_nindir;	/* (c) block pointers per block */
	uint32_t	em_ngroups;	/* (c) block groups */
	uint32_t	em_isize;	/* (c) bytes per on-disk inode */
	uint32_t	em_ipb;		/* (c) inodes per block */
	uint32_t	em_itblocks;	/* (c) inode table blocks per group */
	uint32_t	em_gdblocks;	/* (c) blocks of the descriptor table */
	bool		em_ronly;	/* (c) not writable: unknown ro_compat
					   features, or not cleanly unmounted */
	uint64_t	em_bgoal;	/* (w) block search start without a
					   better hint (after the last one) */
};

/* One directory entry, as ext2_dir_iterate reports it. */
struct ext2_dirent_info {
	uint32_t	di_ino;
	uint8_t		di_type;	/* EXT2_FT_*, UNKNOWN without FILETYPE */
	uint16_t	di_namelen;
	const char	*di_name;	/* not NUL-terminated */
};

/* Return nonzero from the callback to stop the walk with that value. */
typedef int	ext2_dir_cb_t(void *arg, const struct ext2_dirent_info *de);

int	ext2_sb_check(const struct ext2_super *sb, uint32_t *ngroupsp);
int	ext2_mount(struct ext2_mount *em, ext2_bread_t *bread, void *dev);
void	ext2_unmount(struct ext2_mount *em);
int	ext2_read_inode(struct ext2_mount *em, uint32_t ino,
	    struct ext2_dinode *dp);
int	ext2_inode_addr(struct ext2_mount *em, uint32_t ino, uint64_t *blkp,
	    uint32_t *offp);
uint64_t ext2_isize(const struct ext2_dinode *dp);
int	ext2_bmap(struct ext2_mount *em, const struct ext2_dinode *dp,
	    uint64_t lbn, uint64_t *pbnp);
int	ext2_read(struct ext2_mount *em, const struct ext2_dinode *dp,
	    uint64_t off, void *buf, size_t len, size_t *donep);
int	ext2_dir_iterate(struct ext2_mount *em, const struct ext2_dinode *dp,
	    ext2_dir_cb_t *cb, void *arg);
int	ext2_lookup(struct ext2_mount *em, const struct ext2_dinode *dp,
	    const char *name, size_t namelen, uint32_t *inop);
int	ext2_namei(struct ext2_mount *em, const char *path, uint32_t *inop);
int	ext2_readlink(struct ext2_mount *em, const struct ext2_dinode *dp,
	    char *buf, size_t bufsize, size_t *lenp);

/*
 * The write side.  Every function returns EROFS when em_bwrite is NULL or
 * em_ronly is set, and writes each metadata block it changes (bitmaps,
 * descriptors, the superblock, indirect and directory blocks) through
 * em_bwrite before it returns.  Functions taking a struct ext2_dinode *
 * update it in memory only: the caller writes it with ext2_write_inode.
 * Link counts, modes, times and owners are the caller's.
 */
int	ext2_write_inode(struct ext2_mount *em, uint32_t ino,
	    const struct ext2_dinode *dp);
int	ext2_sync_super(struct ext2_mount *em);
int	ext2_ialloc(struct ext2_mount *em, uint32_t pino, uint16_t mode,
	    uint32_t *inop);
int	ext2_ifree(struct ext2_mount *em, uint32_t ino, uint16_t mode);
int	ext2_balloc(struct ext2_mount *em, uint64_t goal, uint64_t *blkp);
int	ext2_bfree(struct ext2_mount *em, uint64_t blk);
int	ext2_bmap_alloc(struct ext2_mount *em, struct ext2_dinode *dp,
	    uint64_t lbn, bool zero, uint64_t *pbnp, bool *newp);
int	ext2_truncate(struct ext2_mount *em, struct ext2_dinode *dp,
	    uint64_t newsize);
int	ext2_write(struct ext2_mount *em, struct ext2_dinode *dp, uint64_t off,
	    const void *buf, size_t len);
int	ext2_dir_enter(struct ext2_mount *em, struct ext2_dinode *ddp,
	    const char *name, size_t namelen, uint32_t ino, uint8_t ftype);
int	ext2_dir_remove(struct ext2_mount *em, struct ext2_dinode *ddp,
	    const char *name, size_t namelen, uint32_t *inop);
int	ext2_dir_isempty(struct ext2_mount *em, const struct ext2_dinode *ddp,
	    bool *emptyp);
int	ext2_dir_set_dotdot(struct ext2_mount *em, struct ext2_dinode *ddp,
	    uint32_t parent);
int	ext2_dir_init(struct ext2_mount *em, uint32_t ino,
	    struct ext2_dinode *dp, uint32_t parent);

#endif /* !_FS_EXT2FS_EXT2_MOUNT_H_ */
