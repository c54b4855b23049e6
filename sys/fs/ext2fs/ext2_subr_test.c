/*
 * ext2_subr_test.c: in-kernel tests of the ext2 reader on a tiny file
 * system built here in memory (64 blocks of 1 KiB, one group): mount,
 * path lookup, file data, a fast symlink, a corrupt superblock; then the
 * write side (create, write, mkdir, unlink, rmdir, back to the original
 * counts); and that M_EXT2 gives back all it took.  The host tests
 * (tests/unit/ext2_test.c, ext2w_test.c) cover real mke2fs images in
 * depth; disk-backed tests come with the block driver.
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

static int
tiny_bwrite(void *dev, uint64_t blkno, uint32_t bsize, const void *buf)
{
	if ((blkno + 1) * bsize > TINY_BLOCKS * TINY_BSIZE)
		return (EIO);
	memcpy((uint8_t *)dev + blkno * bsize, buf, bsize);
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
 * (16 inodes of 128 bytes), 7 the root directory, 8 the file's data;
 * 9-63 free.  Inodes 1-10 reserved, 12 and 13 used; 11, 14-16 free.
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
	sb->s_free_blocks_count = TINY_BLOCKS - 9;
	sb->s_free_inodes_count = 4;
	gd = (struct ext2_gd *)(img + 2 * TINY_BSIZE);
	gd->bg_block_bitmap = 3;
	gd->bg_inode_bitmap = 4;
	gd->bg_inode_table = 5;
	gd->bg_free_blocks_count = TINY_BLOCKS - 9;
	gd->bg_free_inodes_count = 4;
	gd->bg_used_dirs_count = 1;
	/* Blocks 1-8 (bits 0-7) used, bits past block 63 padding. */
	memset(img + 3 * TINY_BSIZE, 0xff, TINY_BSIZE);
	memset(img + 3 * TINY_BSIZE + 1, 0, (TINY_BLOCKS - 1) / 8 - 1);
	img[3 * TINY_BSIZE + (TINY_BLOCKS - 1) / 8] = 0x80;
	/* Inodes 1-10, 12, 13 used. */
	img[4 * TINY_BSIZE] = 0xff;
	img[4 * TINY_BSIZE + 1] = 0x1b;
	memset(img + 4 * TINY_BSIZE + 2, 0xff, TINY_BSIZE - 2);
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

/* The file system's free counts, as the superblock and descriptor say. */
static void
tiny_counts(struct ext2_mount *em, uint32_t c[4])
{
	c[0] = em->em_sb.s_free_blocks_count;
	c[1] = em->em_sb.s_free_inodes_count;
	c[2] = em->em_gd[0].bg_free_blocks_count;
	c[3] = em->em_gd[0].bg_used_dirs_count;
}

/*
 * The write side on the tiny image: a file of three blocks and a
 * directory made, read back after a remount, removed again; the counts
 * come back to where they were, on disk too.
 */
KTEST(ext2, tiny_write)
{
	struct ext2_mount em;
	struct ext2_dinode root, di, dd;
	uint32_t ino, dino, ino2, before[4], after[4];
	u_long inuse;
	uint8_t *img;
	char *data, *back;
	size_t done, i;
	bool empty;

	inuse = malloc_type_inuse(M_EXT2);
	img = tiny_image();
	data = malloc(3000, M_TEMP, M_WAITOK);
	back = malloc(3000, M_TEMP, M_WAITOK);
	for (i = 0; i < 3000; i++)
		data[i] = (char)(i * 7 + 1);
	KT_ASSERT_EQ(kt, ext2_mount(&em, tiny_bread, img), 0);
	tiny_counts(&em, before);
	KT_EXPECT_EQ(kt, ext2_ialloc(&em, 2, EXT2_S_IFREG, &ino), EROFS);
	em.em_bwrite = tiny_bwrite;

	/* Create /new with 3000 bytes. */
	KT_ASSERT_EQ(kt, ext2_ialloc(&em, 2, EXT2_S_IFREG, &ino), 0);
	KT_EXPECT_EQ(kt, ino, 11);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, ino, &di), 0);
	di.i_mode = EXT2_S_IFREG | 0644;
	di.i_links_count = 1;
	KT_ASSERT_EQ(kt, ext2_write(&em, &di, 0, data, 3000), 0);
	KT_EXPECT_EQ(kt, di.i_size, 3000);
	KT_EXPECT_EQ(kt, di.i_blocks, 6);
	KT_ASSERT_EQ(kt, ext2_write_inode(&em, ino, &di), 0);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, 2, &root), 0);
	KT_ASSERT_EQ(kt, ext2_dir_enter(&em, &root, "new", 3, ino,
	    EXT2_FT_REG_FILE), 0);

	/* And /d, a directory. */
	KT_ASSERT_EQ(kt, ext2_ialloc(&em, 2, EXT2_S_IFDIR, &dino), 0);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, dino, &dd), 0);
	dd.i_mode = EXT2_S_IFDIR | 0755;
	dd.i_links_count = 2;
	KT_ASSERT_EQ(kt, ext2_dir_init(&em, dino, &dd, 2), 0);
	KT_ASSERT_EQ(kt, ext2_write_inode(&em, dino, &dd), 0);
	KT_ASSERT_EQ(kt, ext2_dir_enter(&em, &root, "d", 1, dino,
	    EXT2_FT_DIR), 0);
	root.i_links_count++;
	KT_ASSERT_EQ(kt, ext2_write_inode(&em, 2, &root), 0);
	ext2_unmount(&em);

	/* Everything reads back from the image. */
	KT_ASSERT_EQ(kt, ext2_mount(&em, tiny_bread, img), 0);
	em.em_bwrite = tiny_bwrite;
	KT_ASSERT_EQ(kt, ext2_namei(&em, "/new", &ino2), 0);
	KT_EXPECT_EQ(kt, ino2, ino);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, ino, &di), 0);
	KT_EXPECT_EQ(kt, ext2_read(&em, &di, 0, back, 3000, &done), 0);
	KT_EXPECT_EQ(kt, done, 3000);
	KT_EXPECT_EQ(kt, memcmp(back, data, 3000), 0);
	KT_ASSERT_EQ(kt, ext2_namei(&em, "d/..", &ino2), 0);
	KT_EXPECT_EQ(kt, ino2, 2);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, dino, &dd), 0);
	KT_ASSERT_EQ(kt, ext2_dir_isempty(&em, &dd, &empty), 0);
	KT_EXPECT(kt, empty);
	KT_ASSERT_EQ(kt, ext2_read_inode(&em, 2, &root), 0);
	KT_ASSERT_EQ(kt, ext2_dir_isempty(&em, &root, &empty), 0);
	KT_EXPECT(kt, !empty);

	/* Unlink /new and rmdir /d. */
	KT_ASSERT_EQ(kt, ext2_dir_remove(&em, &root, "new", 3, &ino2), 0);
	KT_EXPECT_EQ(kt, ino2, ino);
	KT_ASSERT_EQ(kt, ext2_truncate(&em, &di, 0), 0);
	KT_EXPECT_EQ(kt, di.i_blocks, 0);
	KT_ASSERT_EQ(kt, ext2_ifree(&em, ino, di.i_mode), 0);
	KT_EXPECT_EQ(kt, ext2_ifree(&em, ino, di.i_mode), EIO);
	KT_ASSERT_EQ(kt, ext2_dir_remove(&em, &root, "d", 1, &ino2), 0);
	KT_ASSERT_EQ(kt, ext2_truncate(&em, &dd, 0), 0);
	KT_ASSERT_EQ(kt, ext2_ifree(&em, dino, dd.i_mode), 0);
	KT_EXPECT_EQ(kt, ext2_dir_remove(&em, &root, "d", 1, &ino2), ENOENT);
	KT_EXPECT_EQ(kt, ext2_namei(&em, "new", &ino2), ENOENT);
	ext2_unmount(&em);

	KT_ASSERT_EQ(kt, ext2_mount(&em, tiny_bread, img), 0);
	tiny_counts(&em, after);
	for (i = 0; i < 4; i++)
		KT_EXPECT_EQ(kt, after[i], before[i]);
	ext2_unmount(&em);
	free(data, M_TEMP);
	free(back, M_TEMP);
	free(img, M_TEMP);
	KT_EXPECT_EQ(kt, malloc_type_inuse(M_EXT2), inuse);
}
