/*
 * ext2_dinode.h: the on-disk inode of ext2 (share/doc/ext2.md).  The
 * first 128 bytes are this structure; revision 1 file systems give each
 * inode s_inode_size bytes (128, or 256 by default since e2fsprogs 1.43),
 * the rest holding ext4 fields and extended attributes this code ignores.
 */
#ifndef _FS_EXT2FS_EXT2_DINODE_H_
#define _FS_EXT2FS_EXT2_DINODE_H_

#include <sys/types.h>

#include "ext2_fs.h"

#define EXT2_NDADDR		12	/* direct block pointers */
#define EXT2_IND_BLOCK		12	/* i_block[12]: single indirect */
#define EXT2_DIND_BLOCK		13	/* i_block[13]: double indirect */
#define EXT2_TIND_BLOCK		14	/* i_block[14]: triple indirect */
#define EXT2_N_BLOCKS		15
#define EXT2_FAST_SYMLINK_MAX	(EXT2_N_BLOCKS * 4)	/* 60 bytes */

/* i_mode: the st_mode bits. */
#define EXT2_S_IFMT		0170000
#define EXT2_S_IFSOCK		0140000
#define EXT2_S_IFLNK		0120000
#define EXT2_S_IFREG		0100000
#define EXT2_S_IFBLK		0060000
#define EXT2_S_IFDIR		0040000
#define EXT2_S_IFCHR		0020000
#define EXT2_S_IFIFO		0010000

/* i_flags */
#define EXT2_COMPR_FL		0x00000004
#define EXT2_INDEX_FL		0x00001000	/* htree directory */
#define EXT2_EXTENTS_FL		0x00080000	/* ext4 extents: unsupported */
#define EXT2_INLINE_DATA_FL	0x10000000	/* ext4 inline data */

struct ext2_dinode {
	uint16_t	i_mode;			/*   0 */
	uint16_t	i_uid;			/*   2 */
	uint32_t	i_size;			/*   4 low 32 bits */
	uint32_t	i_atime;		/*   8 */
	uint32_t	i_ctime;		/*  12 */
	uint32_t	i_mtime;		/*  16 */
	uint32_t	i_dtime;		/*  20 deletion time */
	uint16_t	i_gid;			/*  24 */
	uint16_t	i_links_count;		/*  26 */
	uint32_t	i_blocks;		/*  28 512-byte sectors */
	uint32_t	i_flags;		/*  32 */
	uint32_t	i_osd1;			/*  36 */
	uint32_t	i_block[EXT2_N_BLOCKS];	/*  40 block map, or symlink */
	uint32_t	i_generation;		/* 100 */
	uint32_t	i_file_acl;		/* 104 extended attribute block */
	uint32_t	i_size_high;		/* 108 high 32 bits (LARGE_FILE) */
	uint32_t	i_faddr;		/* 112 */
	uint8_t		i_osd2[12];		/* 116 uid/gid high bits ... */
};

_Static_assert(sizeof(struct ext2_dinode) == 128,
    "ext2_dinode size");

#endif /* !_FS_EXT2FS_EXT2_DINODE_H_ */
