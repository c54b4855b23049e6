/*
 * ext2_mount.h: the read side of ext2 as a library over a block-read
 * callback (sys/fs/ext2fs/ext2_subr.c, share/doc/ext2.md), used by the
 * kernel and by the host unit tests alike.  Nothing here knows of the VFS
 * or of buffers: the caller supplies em_bread.
 *
 * Errors: EINVAL for a superblock or group descriptor table that is
 * inconsistent (mount), EOPNOTSUPP for an incompatible feature or an
 * inode format this code does not read (extents, inline data), EIO for
 * corruption met while reading (a block pointer outside the file system,
 * a malformed directory entry, an out-of-range inode number in a
 * directory), ENOENT, ENOTDIR, ENAMETOOLONG, ERANGE for lookup and
 * readlink, ENOMEM if the descriptor table cannot be allocated, and
 * whatever em_bread returns.
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
 * A mounted file system.  Lock legend: (c) constant after ext2_mount;
 * the library keeps no other state, so concurrent readers need no lock.
 */
struct ext2_mount {
	ext2_bread_t	*em_bread;	/* (c) the device */
	void		*em_dev;	/* (c) its argument */
	struct ext2_super em_sb;	/* (c) the superblock as read */
	struct ext2_gd	*em_gd;		/* (c) em_ngroups descriptors */
	uint32_t	em_bsize;	/* (c) block size in bytes */
	uint32_t	em_nindir;	/* (c) block pointers per block */
	uint32_t	em_ngroups;	/* (c) block groups */
	uint32_t	em_isize;	/* (c) bytes per on-disk inode */
	uint32_t	em_ipb;		/* (c) inodes per block */
	uint32_t	em_itblocks;	/* (c) inode table blocks per group */
	bool		em_ronly;	/* (c) ro_compat features unknown */
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

#endif /* !_FS_EXT2FS_EXT2_MOUNT_H_ */
