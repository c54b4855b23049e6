/*
 * ext2_fs.h: the on-disk layout of the ext2 file system, revision 1
 * (share/doc/ext2.md): the superblock, the block group descriptor, the
 * directory entry and the feature flags.  All fields are little-endian,
 * which is the host order on amd64.  Byte offsets are given in comments
 * and checked by _Static_assert below.
 */
#ifndef _FS_EXT2FS_EXT2_FS_H_
#define _FS_EXT2FS_EXT2_FS_H_

#include <sys/types.h>

#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SBLOCK_OFFSET	1024	/* bytes from the start of the device */
#define EXT2_SBLOCK_SIZE	1024

#define EXT2_GOOD_OLD_REV	0	/* fixed inode size and first inode */
#define EXT2_DYNAMIC_REV	1	/* s_first_ino, s_inode_size, features */

#define EXT2_MIN_BLOCK_LOG	10	/* 1 KiB */
#define EXT2_MAX_BLOCK_LOG	16	/* 64 KiB */

#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO	11

/* Reserved inode numbers. */
#define EXT2_BAD_INO		1	/* bad blocks */
#define EXT2_ROOT_INO		2	/* the root directory */
#define EXT2_RESIZE_INO		7	/* reserved group descriptors */

/* s_state */
#define EXT2_VALID_FS		0x0001	/* cleanly unmounted */
#define EXT2_ERROR_FS		0x0002	/* errors detected */

/* s_feature_compat: an implementation may ignore these. */
#define EXT2F_COMPAT_DIR_PREALLOC	0x0001
#define EXT2F_COMPAT_IMAGIC_INODES	0x0002
#define EXT2F_COMPAT_HAS_JOURNAL	0x0004
#define EXT2F_COMPAT_EXT_ATTR		0x0008
#define EXT2F_COMPAT_RESIZE_INODE	0x0010
#define EXT2F_COMPAT_DIR_INDEX		0x0020
#define EXT2F_COMPAT_SPARSE_SUPER2	0x0200

/* s_feature_ro_compat: may be read without them; not written. */
#define EXT2F_ROCOMPAT_SPARSE_SUPER	0x0001
#define EXT2F_ROCOMPAT_LARGE_FILE	0x0002
#define EXT2F_ROCOMPAT_BTREE_DIR	0x0004
#define EXT2F_ROCOMPAT_HUGE_FILE	0x0008
#define EXT2F_ROCOMPAT_GDT_CSUM		0x0010
#define EXT2F_ROCOMPAT_DIR_NLINK	0x0020
#define EXT2F_ROCOMPAT_EXTRA_ISIZE	0x0040
#define EXT2F_ROCOMPAT_QUOTA		0x0100
#define EXT2F_ROCOMPAT_BIGALLOC		0x0200
#define EXT2F_ROCOMPAT_METADATA_CSUM	0x0400

/* s_feature_incompat: refuse to mount what is not understood. */
#define EXT2F_INCOMPAT_COMPRESSION	0x0001
#define EXT2F_INCOMPAT_FILETYPE		0x0002
#define EXT2F_INCOMPAT_RECOVER		0x0004
#define EXT2F_INCOMPAT_JOURNAL_DEV	0x0008
#define EXT2F_INCOMPAT_META_BG		0x0010
#define EXT2F_INCOMPAT_EXTENTS		0x0040
#define EXT2F_INCOMPAT_64BIT		0x0080
#define EXT2F_INCOMPAT_MMP		0x0100
#define EXT2F_INCOMPAT_FLEX_BG		0x0200
#define EXT2F_INCOMPAT_EA_INODE		0x0400
#define EXT2F_INCOMPAT_DIRDATA		0x1000
#define EXT2F_INCOMPAT_CSUM_SEED	0x2000
#define EXT2F_INCOMPAT_LARGEDIR		0x4000
#define EXT2F_INCOMPAT_INLINE_DATA	0x8000
#define EXT2F_INCOMPAT_ENCRYPT		0x10000

/* What this implementation reads. */
#define EXT2F_INCOMPAT_SUPP		EXT2F_INCOMPAT_FILETYPE
/* What a future writer may modify without corrupting (see ext2.md). */
#define EXT2F_ROCOMPAT_SUPP		(EXT2F_ROCOMPAT_SPARSE_SUPER | \
					 EXT2F_ROCOMPAT_LARGE_FILE)

/* The superblock: 1024 bytes at byte 1024 of the device. */
struct ext2_super {
	uint32_t	s_inodes_count;		/*   0 */
	uint32_t	s_blocks_count;		/*   4 */
	uint32_t	s_r_blocks_count;	/*   8 reserved for root */
	uint32_t	s_free_blocks_count;	/*  12 */
	uint32_t	s_free_inodes_count;	/*  16 */
	uint32_t	s_first_data_block;	/*  20 1 for 1 KiB blocks, else 0 */
	uint32_t	s_log_block_size;	/*  24 block size = 1024 << this */
	uint32_t	s_log_frag_size;	/*  28 */
	uint32_t	s_blocks_per_group;	/*  32 */
	uint32_t	s_frags_per_group;	/*  36 */
	uint32_t	s_inodes_per_group;	/*  40 */
	uint32_t	s_mtime;		/*  44 last mount */
	uint32_t	s_wtime;		/*  48 last write */
	uint16_t	s_mnt_count;		/*  52 */
	int16_t		s_max_mnt_count;	/*  54 */
	uint16_t	s_magic;		/*  56 EXT2_SUPER_MAGIC */
	uint16_t	s_state;		/*  58 EXT2_VALID_FS ... */
	uint16_t	s_errors;		/*  60 behaviour on error */
	uint16_t	s_minor_rev_level;	/*  62 */
	uint32_t	s_lastcheck;		/*  64 */
	uint32_t	s_checkinterval;	/*  68 */
	uint32_t	s_creator_os;		/*  72 */
	uint32_t	s_rev_level;		/*  76 */
	uint16_t	s_def_resuid;		/*  80 */
	uint16_t	s_def_resgid;		/*  82 */
	/* EXT2_DYNAMIC_REV only: */
	uint32_t	s_first_ino;		/*  84 first non-reserved inode */
	uint16_t	s_inode_size;		/*  88 */
	uint16_t	s_block_group_nr;	/*  90 group of this copy */
	uint32_t	s_feature_compat;	/*  92 */
	uint32_t	s_feature_incompat;	/*  96 */
	uint32_t	s_feature_ro_compat;	/* 100 */
	uint8_t		s_uuid[16];		/* 104 */
	char		s_volume_name[16];	/* 120 */
	char		s_last_mounted[64];	/* 136 */
	uint32_t	s_algorithm_usage_bitmap; /* 200 */
	uint8_t		s_prealloc_blocks;	/* 204 */
	uint8_t		s_prealloc_dir_blocks;	/* 205 */
	uint16_t	s_reserved_gdt_blocks;	/* 206 for RESIZE_INODE */
	uint8_t		s_journal_uuid[16];	/* 208 */
	uint32_t	s_journal_inum;		/* 224 */
	uint32_t	s_journal_dev;		/* 228 */
	uint32_t	s_last_orphan;		/* 232 */
	uint32_t	s_hash_seed[4];		/* 236 DIR_INDEX */
	uint8_t		s_def_hash_version;	/* 252 */
	uint8_t		s_jnl_backup_type;	/* 253 */
	uint16_t	s_desc_size;		/* 254 64BIT only */
	uint32_t	s_default_mount_opts;	/* 256 */
	uint32_t	s_first_meta_bg;	/* 260 META_BG only */
	uint32_t	s_mkfs_time;		/* 264 */
	uint8_t		s_reserved[1024 - 268];	/* 268 ext3/4 fields, unused */
};

/* A block group descriptor: 32 bytes, in the blocks after the superblock. */
struct ext2_gd {
	uint32_t	bg_block_bitmap;	/*  0 */
	uint32_t	bg_inode_bitmap;	/*  4 */
	uint32_t	bg_inode_table;		/*  8 first block */
	uint16_t	bg_free_blocks_count;	/* 12 */
	uint16_t	bg_free_inodes_count;	/* 14 */
	uint16_t	bg_used_dirs_count;	/* 16 */
	uint16_t	bg_flags;		/* 18 */
	uint32_t	bg_reserved[3];		/* 20 */
};

/*
 * A directory entry (with the FILETYPE feature; without it name_len is 16
 * bits and file_type its high byte).  rec_len is the distance to the next
 * entry, a multiple of 4; entries never cross a block; inode 0 is unused.
 */
struct ext2_dirent {
	uint32_t	inode;			/* 0 */
	uint16_t	rec_len;		/* 4 */
	uint8_t		name_len;		/* 6 */
	uint8_t		file_type;		/* 7 EXT2_FT_* */
	char		name[];			/* 8 up to 255, not NUL-ended */
};
#define EXT2_DIRENT_HDR		8
#define EXT2_NAME_LEN		255
#define EXT2_DIR_REC_LEN(n)	((EXT2_DIRENT_HDR + (n) + 3) & ~3)

/* file_type */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7
#define EXT2_FT_MAX		8

_Static_assert(sizeof(struct ext2_super) == 1024, "ext2_super size");
_Static_assert(__builtin_offsetof(struct ext2_super, s_magic) == 56,
    "s_magic offset");
_Static_assert(__builtin_offsetof(struct ext2_super, s_feature_ro_compat) ==
    100, "s_feature_ro_compat offset");
_Static_assert(__builtin_offsetof(struct ext2_super, s_desc_size) == 254,
    "s_desc_size offset");
_Static_assert(sizeof(struct ext2_gd) == 32, "ext2_gd size");
_Static_assert(sizeof(struct ext2_dirent) == 8, "ext2_dirent size");

#endif /* !_FS_EXT2FS_EXT2_FS_H_ */
