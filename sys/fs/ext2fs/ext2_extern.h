/*
 * ext2_extern.h: what the files of the ext2 library share among
 * themselves (ext2_subr.c, ext2_alloc.c, ext2_dir.c) and nobody else
 * calls: checked block I/O (blocks, the descriptor table, the
 * superblock, directory blocks), the decoding of a directory entry, and
 * a few helpers of the write side.
 */
#ifndef _FS_EXT2FS_EXT2_EXTERN_H_
#define _FS_EXT2FS_EXT2_EXTERN_H_

#include <sys/malloc.h>

#include <fs/ext2fs/ext2_mount.h>

MALLOC_DECLARE(M_EXT2);

bool	ext2_blkrange_ok(const struct ext2_mount *em, uint64_t blk,
	    uint64_t n);
int	ext2_bread(struct ext2_mount *em, uint64_t blkno, void *buf);
int	ext2_bwrite(struct ext2_mount *em, uint64_t blkno, const void *buf);
int	ext2_gdwrite(struct ext2_mount *em, uint32_t i);
int	ext2_sbwrite(struct ext2_mount *em);
int	ext2_dir_bread(struct ext2_mount *em, const struct ext2_dinode *dp,
	    uint64_t lbn, uint64_t *pbnp, void *blk);
bool	ext2_has_filetype(const struct ext2_mount *em);
int	ext2_dirent_check(const struct ext2_mount *em, const uint8_t *blk,
	    uint32_t off, uint32_t *reclenp, uint16_t *namelenp);
int	ext2_writable(const struct ext2_mount *em);
bool	ext2_is_fastlink(const struct ext2_mount *em,
	    const struct ext2_dinode *dp);
int	ext2_bmap_alloc_goal(struct ext2_mount *em, struct ext2_dinode *dp,
	    uint64_t lbn, bool zero, uint64_t goal, uint64_t *pbnp,
	    bool *newp);
/* The largest size of a regular file (Linux's s_maxbytes for ext2). */
uint64_t ext2_maxbytes(const struct ext2_mount *em);
int	ext2_set_size(struct ext2_mount *em, struct ext2_dinode *dp,
	    uint64_t size);

#endif /* !_FS_EXT2FS_EXT2_EXTERN_H_ */
