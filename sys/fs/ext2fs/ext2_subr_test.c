/*
 * ext2_subr_test.c: in-kernel tests of the ext2 reader on a tiny file
 * system built here in memory (64 blocks of 1 KiB, one group): mount,
 * path lookup, file data, a fast symlink, a corrupt superblock, and that
 * M_EXT2 gives back all it took.  The host tests (tests/unit/ext2_test.c)
 * cover real mke2fs images in depth; disk-backed tests come with the
 * block driver.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/libkern.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <fs/ext2fs/ext2_mount.h>

MALLOC_DECLARE(M_EXT2);

#define TINY_BLOCKS	64
#define TINY_BSIZE	1024
#define TINY_TEXT	"hello, umbra\n"

static int
tiny_bread(void *dev, uint64_t blkno, uint32_t bsize, void *buf)
{
	if ((blkno + 1) * bsize > TINY_BLOCKS * TINY_BSIZE)
		return (EIO);
	memcpy(buf, (uint8_t *)dev + blkno * bsize, bsize);
	return (0);
}

/* Append a directory entry at *offp of dir block blk. */
static void
tiny_dirent(uint8_t *blk, uint32_t *offp, uint32_t ino, uint16_t reclen,
    uint8_t type, const char *name)
{
	struct ext2_dirent *de = (struct ext2_dirent *)(blk + *offp);

	de->inode = ino;
	de->rec_len = reclen;
	de->name_len = (uint8_t)strlen(name);
	de->file_type = type;
	memcpy(de->name, name, de->name_len);
	*offp += reclen;
}

/*
 * Blocks: 1 superblock, 2 descriptors, 3-4 bitmaps, 5-6 inode table
 * (16 inodes of 128 bytes), 7 the root directory, 8 the file's data.
 */
static uint8_t *
tiny_image(void)
{
	struct ext2_super *sb;
	struct ext2_gd *gd;
	struct ext2_dinode *it;
	uint8_t *img;
	uint32_t off;

	img = malloc(TINY_BLOCKS * TINY_BSIZE, M_TEMP, M_WAITOK | M_ZERO);
	sb = (struct ext2_super *)(img + 1024);
	sb->s_inodes_count = 16;
	sb->s_blocks_count = TINY_BLOCKS;
	sb->s_first_data_block = 1;
	sb->s_blocks_per_group = 8192;
	sb->s_frags_per_group = 8192;
	sb->s_inodes_per_group = 16;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_state = EXT2_VALID_FS;
	sb->s_rev_level = EXT2_DYNAMIC_REV;
	sb->s_first_ino = 11;
	sb->s_inode_size = 128;
	sb->s_feature_incompat = EXT2F_INCOMPAT_FILETYPE;
	gd = (struct ext2_gd *)(img + 2 * TINY_BSIZE);
	gd->bg_block_bitmap = 3;
	gd->bg_inode_bitmap = 4;
	gd->bg_inode_table = 5;
	it = (struct ext2_dinode *)(img + 5 * TINY_BSIZE);
	/* Inode 2: the root. */
	it[1].i_mode = EXT2_S_IFDIR | 0755;
	it[1].i_size = TINY_BSIZE;
	it[1].i_links_count = 2;
	it[1].i_blocks = 2;
	it[1].i_block[0] = 7;
	/* Inode 12: a file; 13: a fast symlink to it. */
	it[11].i_mode = EXT2_S_IFREG | 0644;
	it[11].i_size = sizeof(TINY_TEXT) - 1;
	it[11].i_links_count = 1;
	it[11].i_blocks = 2;
	it[11].i_block[0] = 8;
	memcpy(img + 8 * TINY_BSIZE, TINY_TEXT, sizeof(TINY_TEXT) - 1);
	it[12].i_mode = EXT2_S_IFLNK | 0777;
	it[12].i_size = 5;
	it[12].i_links_count = 1;
	memcpy(it[12].i_block, "hello", 5);
	off = 0;
	tiny_dirent(img + 7 * TINY_BSIZE, &off, 2, 12, EXT2_FT_DIR, ".");
	tiny_dirent(img + 7 * TINY_BSIZE, &off, 2, 12, EXT2_FT_DIR, "..");
	tiny_dirent(img + 7 * TINY_BSIZE, &off, 12, 16, EXT2_FT_REG_FILE,
	    "hello");
	tiny_dirent(img + 7 * TINY_BSIZE, &off, 13, TINY_BSIZE - off,
	    EXT2_FT_SYMLINK, "link");
	return (img);
}

KTEST(ext2, tiny_image)
{
	struct ext2_mount em;
	struct ext2_dinode di;
	u_long inuse;
	uint8_t *img;
	uint32_t ino;
	char buf[64];
	size_t done;

	inuse = malloc_type_inuse(M_EXT2);
	img = tiny_image();
	KT_ASSERT_EQ(kt, ext2_mount(&em, tiny_bread, img), 0);
	KT_EXPECT_EQ(kt, em.em_bsize, TINY_BSIZE);
	KT_EXPECT_EQ(kt, em.em_ngroups, 1);
	KT_ASSERT_EQ(kt, ext2_namei(&em, "/hello", &ino), 0);
	KT_EXPECT_EQ(kt, ino, 12);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, ino, &di), 0);
	memset(buf, 0, sizeof(buf));
	KT_EXPECT_EQ(kt, ext2_read(&em, &di, 0, buf, sizeof(buf), &done), 0);
	KT_EXPECT_EQ(kt, done, sizeof(TINY_TEXT) - 1);
	KT_EXPECT_STREQ(kt, buf, TINY_TEXT);
	KT_ASSERT_EQ(kt, ext2_namei(&em, "link", &ino), 0);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, ino, &di), 0);
	KT_EXPECT_EQ(kt, ext2_readlink(&em, &di, buf, sizeof(buf), &done), 0);
	KT_EXPECT_STREQ(kt, buf, "hello");
	KT_EXPECT_EQ(kt, ext2_namei(&em, "nope", &ino), ENOENT);
	KT_EXPECT_EQ(kt, ext2_namei(&em, "hello/x", &ino), ENOTDIR);
	ext2_unmount(&em);

	/* A bad magic and an unknown incompat feature are refused. */
	((struct ext2_super *)(img + 1024))->s_magic = 0x53EF;
	KT_EXPECT_EQ(kt, ext2_mount(&em, tiny_bread, img), EINVAL);
	((struct ext2_super *)(img + 1024))->s_magic = EXT2_SUPER_MAGIC;
	((struct ext2_super *)(img + 1024))->s_feature_incompat |=
	    EXT2F_INCOMPAT_EXTENTS;
	KT_EXPECT_EQ(kt, ext2_mount(&em, tiny_bread, img), EOPNOTSUPP);
	free(img, M_TEMP);
	KT_EXPECT_EQ(kt, malloc_type_inuse(M_EXT2), inuse);
}
