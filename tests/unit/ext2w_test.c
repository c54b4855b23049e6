/*
 * ext2w_test.c: the ext2 write side (sys/fs/ext2fs/ext2_alloc.c,
 * ext2_dir.c) on images made here by the host's mke2fs, 1 KiB and 4 KiB
 * blocks, through a file-backed bread/bwrite.  The test plays the VFS
 * (link counts, modes, dtime) with small helpers, then checks the image
 * with e2fsck -fn (exit 0, nothing to say), with a count checker of its
 * own (bitmaps against descriptors against the superblock, which e2fsck
 * -n lets pass), and reads the files back with debugfs.  Cases: a tree
 * of files and directories (indirect, double indirect, a sparse file to
 * the triple tree or past 4 GiB), truncation, removing everything back to
 * mke2fs's counts, filling the disk to ENOSPC, directory slot reuse, a
 * rename's "..", an htree directory, LARGE_FILE, EROFS, and 2000 random
 * operations against an in-memory model.
 */
#include <atf-c.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kshim.h"

#include "../../sys/fs/ext2fs/ext2_mount.h"

long	ext2_shim_live(void);

#define KIB		1024
#define MIB		(1024 * 1024)
#define SBIN		"PATH=/sbin:/usr/sbin:$PATH "

/* The image file and its mount. */
struct fs {
	int			fd;
	struct ext2_mount	em;
	uint32_t		bsize;
};

static uint64_t rng_state;

static uint64_t
rng(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return (x * 0x2545f4914f6cdd1dull);
}

static int
file_bread(void *dev, uint64_t blkno, uint32_t bsize, void *buf)
{
	struct fs *fs = dev;

	if (pread(fs->fd, buf, bsize, (off_t)(blkno * bsize)) !=
	    (ssize_t)bsize)
		return (EIO);
	return (0);
}

static int
file_bwrite(void *dev, uint64_t blkno, uint32_t bsize, const void *buf)
{
	struct fs *fs = dev;

	if (pwrite(fs->fd, buf, bsize, (off_t)(blkno * bsize)) !=
	    (ssize_t)bsize)
		return (EIO);
	return (0);
}

/* Make img with mke2fs (extra options opts) and mount it writable. */
static void
fs_make(struct fs *fs, int bsize, const char *size, const char *opts)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), SBIN "mke2fs -q -F -t ext2 -b %d %s img %s",
	    bsize, opts, size);
	if (system(cmd) != 0)
		atf_tc_skip("mke2fs failed or is missing");
	fs->fd = open("img", O_RDWR);
	ATF_REQUIRE(fs->fd >= 0);
	fs->bsize = (uint32_t)bsize;
	ATF_REQUIRE_EQ(ext2_mount(&fs->em, file_bread, fs), 0);
	ATF_REQUIRE(!fs->em.em_ronly);
	fs->em.em_bwrite = file_bwrite;
}

static void
fs_remount(struct fs *fs)
{
	ext2_unmount(&fs->em);
	ATF_REQUIRE_EQ(ext2_mount(&fs->em, file_bread, fs), 0);
	fs->em.em_bwrite = file_bwrite;
}

static void
fs_close(struct fs *fs)
{
	ext2_unmount(&fs->em);
	close(fs->fd);
	ATF_REQUIRE_EQ(ext2_shim_live(), 0);
}

/* Run cmd, its output (stdout and stderr) in out; the exit status. */
static int
run(const char *cmd, char *out, size_t outsize)
{
	FILE *p;
	size_t n;
	int st;

	p = popen(cmd, "r");
	ATF_REQUIRE(p != NULL);
	n = fread(out, 1, outsize - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return (WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* e2fsck -fn must find nothing at all. */
static void
fsck_clean(void)
{
	static char out[64 * 1024];
	int st;

	st = run(SBIN "e2fsck -fn img 2>&1", out, sizeof(out));
	if (st != 0)
		printf("%s", out);
	ATF_REQUIRE_EQ_MSG(st, 0, "e2fsck -fn exit %d", st);
}

/* Is bit i of map set? */
static bool
bit(const uint8_t *map, uint32_t i)
{
	return ((map[i / 8] & (1u << (i % 8))) != 0);
}

/*
 * The counts, recomputed: each group's free blocks and inodes from its
 * bitmaps and its directories from its inode table must equal its
 * descriptor, and the sums the superblock (in memory and on disk).
 */
static void
check_counts(struct fs *fs)
{
	struct ext2_mount *em = &fs->em, disk;
	struct ext2_dinode di;
	uint8_t *map;
	uint64_t first, nblk, fb, fi, tfb, tfi;
	uint32_t g, i, dirs, ino;

	map = calloc(1, em->em_bsize);
	tfb = tfi = 0;
	for (g = 0; g < em->em_ngroups; g++) {
		first = em->em_sb.s_first_data_block +
		    (uint64_t)g * em->em_sb.s_blocks_per_group;
		nblk = em->em_sb.s_blocks_count - first;
		if (nblk > em->em_sb.s_blocks_per_group)
			nblk = em->em_sb.s_blocks_per_group;
		ATF_REQUIRE_EQ(file_bread(fs, em->em_gd[g].bg_block_bitmap,
		    em->em_bsize, map), 0);
		for (fb = 0, i = 0; i < nblk; i++)
			fb += !bit(map, i);
		ATF_REQUIRE_EQ(file_bread(fs, em->em_gd[g].bg_inode_bitmap,
		    em->em_bsize, map), 0);
		dirs = 0;
		for (fi = 0, i = 0; i < em->em_sb.s_inodes_per_group; i++) {
			if (!bit(map, i)) {
				fi++;
				continue;
			}
			ino = g * em->em_sb.s_inodes_per_group + i + 1;
			ATF_REQUIRE_EQ(ext2_read_inode(em, ino, &di), 0);
			if ((di.i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
				dirs++;
		}
		ATF_CHECK_EQ_MSG(fb, em->em_gd[g].bg_free_blocks_count,
		    "group %u free blocks", g);
		ATF_CHECK_EQ_MSG(fi, em->em_gd[g].bg_free_inodes_count,
		    "group %u free inodes", g);
		ATF_CHECK_EQ_MSG(dirs, em->em_gd[g].bg_used_dirs_count,
		    "group %u dirs", g);
		tfb += fb;
		tfi += fi;
	}
	free(map);
	ATF_CHECK_EQ(tfb, em->em_sb.s_free_blocks_count);
	ATF_CHECK_EQ(tfi, em->em_sb.s_free_inodes_count);
	/* What is on disk is what is in memory. */
	ATF_REQUIRE_EQ(ext2_mount(&disk, file_bread, fs), 0);
	ATF_CHECK(memcmp(&disk.em_sb, &em->em_sb, sizeof(disk.em_sb)) == 0);
	ATF_CHECK(memcmp(disk.em_gd, em->em_gd, em->em_ngroups *
	    sizeof(struct ext2_gd)) == 0);
	ext2_unmount(&disk);
}

/* The VFS's part, played by the test. */

static uint32_t
t_lookup(struct fs *fs, const char *path)
{
	uint32_t ino;

	ATF_REQUIRE_EQ_MSG(ext2_namei(&fs->em, path, &ino), 0, "%s", path);
	return (ino);
}

static void
t_iget(struct fs *fs, uint32_t ino, struct ext2_dinode *di)
{
	ATF_REQUIRE_EQ(ext2_read_inode(&fs->em, ino, di), 0);
}

static void
t_iput(struct fs *fs, uint32_t ino, const struct ext2_dinode *di)
{
	ATF_REQUIRE_EQ(ext2_write_inode(&fs->em, ino, di), 0);
}

static uint8_t
t_ftype(uint16_t mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFDIR:
		return (EXT2_FT_DIR);
	case EXT2_S_IFLNK:
		return (EXT2_FT_SYMLINK);
	default:
		return (EXT2_FT_REG_FILE);
	}
}

/* Create name in directory dino; 0 or the errno of the allocation. */
static int
t_create(struct fs *fs, uint32_t dino, const char *name, uint16_t mode,
    uint32_t *inop)
{
	struct ext2_dinode di, dd;
	uint32_t ino;
	int error;

	error = ext2_ialloc(&fs->em, dino, mode, &ino);
	if (error != 0)
		return (error);
	t_iget(fs, ino, &di);
	ATF_REQUIRE_EQ(di.i_mode, 0);
	di.i_mode = mode;
	di.i_links_count = 1;
	di.i_atime = di.i_ctime = di.i_mtime = 1700000000;
	t_iget(fs, dino, &dd);
	if ((mode & EXT2_S_IFMT) == EXT2_S_IFDIR) {
		error = ext2_dir_init(&fs->em, ino, &di, dino);
		if (error != 0) {
			ATF_REQUIRE_EQ(ext2_ifree(&fs->em, ino, mode), 0);
			return (error);
		}
		di.i_links_count = 2;
		dd.i_links_count++;
	}
	t_iput(fs, ino, &di);
	error = ext2_dir_enter(&fs->em, &dd, name, strlen(name), ino,
	    t_ftype(mode));
	if (error != 0) {
		ATF_REQUIRE_EQ(ext2_truncate(&fs->em, &di, 0), 0);
		di.i_links_count = 0;
		di.i_dtime = 1700000001;
		t_iput(fs, ino, &di);
		ATF_REQUIRE_EQ(ext2_ifree(&fs->em, ino, mode), 0);
		return (error);
	}
	t_iput(fs, dino, &dd);
	*inop = ino;
	return (0);
}

static int
t_write(struct fs *fs, uint32_t ino, uint64_t off, const void *buf,
    size_t len)
{
	struct ext2_dinode di;
	int error;

	t_iget(fs, ino, &di);
	error = ext2_write(&fs->em, &di, off, buf, len);
	t_iput(fs, ino, &di);
	return (error);
}

static void
t_truncate(struct fs *fs, uint32_t ino, uint64_t size)
{
	struct ext2_dinode di;

	t_iget(fs, ino, &di);
	ATF_REQUIRE_EQ(ext2_truncate(&fs->em, &di, size), 0);
	ATF_REQUIRE_EQ(ext2_isize(&di), size);
	t_iput(fs, ino, &di);
}

/* Drop one link of ino (type mode); free it at zero. */
static void
t_drop(struct fs *fs, uint32_t ino)
{
	struct ext2_dinode di;

	t_iget(fs, ino, &di);
	if ((di.i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
		di.i_links_count = 0;
	else
		di.i_links_count--;
	if (di.i_links_count == 0) {
		ATF_REQUIRE_EQ(ext2_truncate(&fs->em, &di, 0), 0);
		ATF_REQUIRE_EQ(di.i_blocks, 0);
		di.i_dtime = 1700000002;
	}
	t_iput(fs, ino, &di);
	if (di.i_links_count == 0)
		ATF_REQUIRE_EQ(ext2_ifree(&fs->em, ino, di.i_mode), 0);
}

static void
t_unlink(struct fs *fs, uint32_t dino, const char *name)
{
	struct ext2_dinode dd;
	uint32_t ino;

	t_iget(fs, dino, &dd);
	ATF_REQUIRE_EQ_MSG(ext2_dir_remove(&fs->em, &dd, name, strlen(name),
	    &ino), 0, "unlink %s", name);
	t_drop(fs, ino);
}

/* rmdir: 0, or ENOTEMPTY (nothing changed). */
static int
t_rmdir(struct fs *fs, uint32_t dino, const char *name)
{
	struct ext2_dinode dd, di;
	uint32_t ino, ino2;
	bool empty;

	t_iget(fs, dino, &dd);
	ATF_REQUIRE_EQ(ext2_lookup(&fs->em, &dd, name, strlen(name), &ino),
	    0);
	t_iget(fs, ino, &di);
	ATF_REQUIRE_EQ(ext2_dir_isempty(&fs->em, &di, &empty), 0);
	if (!empty)
		return (ENOTEMPTY);
	ATF_REQUIRE_EQ(ext2_dir_remove(&fs->em, &dd, name, strlen(name),
	    &ino2), 0);
	ATF_REQUIRE_EQ(ino, ino2);
	dd.i_links_count--;
	t_iput(fs, dino, &dd);
	t_drop(fs, ino);
	return (0);
}

static void
t_symlink(struct fs *fs, uint32_t dino, const char *name, const char *target)
{
	struct ext2_dinode di;
	uint32_t ino;
	size_t len = strlen(target);

	ATF_REQUIRE_EQ(t_create(fs, dino, name, EXT2_S_IFLNK | 0777, &ino), 0);
	t_iget(fs, ino, &di);
	if (len < EXT2_FAST_SYMLINK_MAX) {
		memcpy(di.i_block, target, len);
		di.i_size = (uint32_t)len;
	} else
		ATF_REQUIRE_EQ(ext2_write(&fs->em, &di, 0, target, len), 0);
	t_iput(fs, ino, &di);
}

/* File path must hold exactly want[0..len) (by debugfs and by us). */
static void
check_content(struct fs *fs, const char *path, const uint8_t *want,
    size_t len)
{
	struct ext2_dinode di;
	char cmd[512];
	uint8_t *got;
	size_t done, n;
	FILE *p;

	t_iget(fs, t_lookup(fs, path), &di);
	ATF_REQUIRE_EQ_MSG(ext2_isize(&di), len, "%s size %llu want %zu", path,
	    (unsigned long long)ext2_isize(&di), len);
	got = malloc(len + 1);
	ATF_REQUIRE_EQ(ext2_read(&fs->em, &di, 0, got, len + 1, &done), 0);
	ATF_REQUIRE_EQ(done, len);
	ATF_REQUIRE_MSG(len == 0 || memcmp(got, want, len) == 0,
	    "%s differs (ext2_read)", path);
	snprintf(cmd, sizeof(cmd), SBIN "debugfs -R 'cat \"%s\"' img "
	    "2>/dev/null", path);
	p = popen(cmd, "r");
	ATF_REQUIRE(p != NULL);
	n = fread(got, 1, len + 1, p);
	pclose(p);
	ATF_REQUIRE_EQ_MSG(n, len, "%s: debugfs read %zu of %zu", path, n,
	    len);
	ATF_REQUIRE_MSG(len == 0 || memcmp(got, want, len) == 0,
	    "%s differs (debugfs)", path);
	free(got);
}

static void
fill(uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(rng() >> 56);
}

/* The superblock's and each group's counts, for comparison. */
struct counts {
	uint32_t	fb, fi;
	uint16_t	gfb[64], gfi[64], gdirs[64];
};

static void
get_counts(struct fs *fs, struct counts *c)
{
	uint32_t g;

	ATF_REQUIRE(fs->em.em_ngroups <= 64);
	memset(c, 0, sizeof(*c));
	c->fb = fs->em.em_sb.s_free_blocks_count;
	c->fi = fs->em.em_sb.s_free_inodes_count;
	for (g = 0; g < fs->em.em_ngroups; g++) {
		c->gfb[g] = fs->em.em_gd[g].bg_free_blocks_count;
		c->gfi[g] = fs->em.em_gd[g].bg_free_inodes_count;
		c->gdirs[g] = fs->em.em_gd[g].bg_used_dirs_count;
	}
}

static void
same_counts(const struct counts *a, const struct counts *b)
{
	ATF_CHECK_EQ(a->fb, b->fb);
	ATF_CHECK_EQ(a->fi, b->fi);
	ATF_CHECK(memcmp(a, b, sizeof(*a)) == 0);
}

/*
 * A tree: nested directories, files of edge sizes, single and double
 * indirect files, a sparse file with bytes in the triple tree (1 KiB)
 * or past 4 GiB (4 KiB), fast and slow symlinks; all checked, then all
 * removed, back to mke2fs's counts.
 */
static void
tree(int bsize)
{
	static const size_t sizes[] = { 0, 1, 1023, 1024, 1025, 4095, 4096,
	    4097, 12 * 1024, 13 * 1024, 12 * 4096 + 1, 300 * 1024,
	    1100 * 4096 };
	struct fs fs;
	struct counts c0, c1;
	struct ext2_dinode di;
	char path[300], name[64], out[4096], cmd[256], buf[64];
	uint8_t *data[sizeof(sizes) / sizeof(sizes[0])];
	uint64_t far, pbn;
	uint32_t d[8], ino, sino;
	size_t i, done;
	int k;

	rng_state = 0x1234567ull + (uint64_t)bsize;
	fs_make(&fs, bsize, "16M", "");
	get_counts(&fs, &c0);
	/* d0/d1/.../d5 and d0/many */
	d[0] = EXT2_ROOT_INO;
	for (k = 1; k <= 6; k++) {
		snprintf(name, sizeof(name), "d%d", k - 1);
		ATF_REQUIRE_EQ(t_create(&fs, d[k - 1], name,
		    EXT2_S_IFDIR | 0755, &d[k]), 0);
	}
	ATF_REQUIRE_EQ(t_create(&fs, d[1], "many", EXT2_S_IFDIR | 0755,
	    &d[7]), 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "a_somewhat_long_file_name_%03zu",
		    i);
		ATF_REQUIRE_EQ(t_create(&fs, d[7], name, EXT2_S_IFREG | 0644,
		    &ino), 0);
		ATF_REQUIRE_EQ(t_write(&fs, ino, 0, name, strlen(name)), 0);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(name, sizeof(name), "f%zu", sizes[i]);
		ATF_REQUIRE_EQ(t_create(&fs, d[i % 7], name,
		    EXT2_S_IFREG | 0644, &ino), 0);
		data[i] = malloc(sizes[i] + 1);
		fill(data[i], sizes[i]);
		/* In odd pieces. */
		for (done = 0; done < sizes[i]; done += k) {
			k = 1 + (int)(rng() % 5000);
			k = (int)MIN(sizes[i] - done, (size_t)k);
			ATF_REQUIRE_EQ(t_write(&fs, ino, done, data[i] + done,
			    (size_t)k), 0);
		}
	}
	t_symlink(&fs, d[2], "fast", "../f1");
	memset(path, 'x', 200);
	path[200] = '\0';
	t_symlink(&fs, d[2], "slow", path);
	/* Sparse: the triple tree with 1 KiB blocks, past 4 GiB with 4. */
	far = bsize == 1024 ? 70ull * MIB + 5 : 5ull * 1024 * MIB + 5;
	ATF_REQUIRE_EQ(t_create(&fs, d[0], "sparse", EXT2_S_IFREG | 0644,
	    &sino), 0);
	ATF_REQUIRE_EQ(t_write(&fs, sino, 7, "start", 5), 0);
	ATF_REQUIRE_EQ(t_write(&fs, sino, 5 * MIB, "middle", 6), 0);
	ATF_REQUIRE_EQ(t_write(&fs, sino, far, "end", 3), 0);
	fsck_clean();
	check_counts(&fs);

	/* Read back, by us and by debugfs. */
	fs_remount(&fs);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(name, sizeof(name), "f%zu", sizes[i]);
		ATF_REQUIRE_EQ(ext2_namei(&fs.em, "/", &ino), 0);
		snprintf(path, sizeof(path), "/");
		for (k = 0; k < (int)(i % 7); k++)
			snprintf(path + strlen(path), sizeof(path) -
			    strlen(path), "d%d/", k);
		snprintf(path + strlen(path), sizeof(path) - strlen(path),
		    "%s", name);
		check_content(&fs, path, data[i], sizes[i]);
	}
	check_content(&fs, "/d0/many/a_somewhat_long_file_name_123",
	    (const uint8_t *)"a_somewhat_long_file_name_123", 29);
	t_iget(&fs, t_lookup(&fs, "d0/d1/fast"), &di);
	ATF_REQUIRE_EQ(di.i_blocks, 0);
	ATF_REQUIRE_EQ(ext2_readlink(&fs.em, &di, out, sizeof(out), &done),
	    0);
	ATF_REQUIRE_STREQ(out, "../f1");
	t_iget(&fs, t_lookup(&fs, "d0/d1/slow"), &di);
	ATF_REQUIRE(di.i_blocks != 0);
	ATF_REQUIRE_EQ(ext2_readlink(&fs.em, &di, out, sizeof(out), &done),
	    0);
	ATF_REQUIRE_EQ(done, 200);
	/* The sparse file: size, holes, bytes, and debugfs's block map. */
	t_iget(&fs, sino, &di);
	ATF_REQUIRE_EQ(ext2_isize(&di), far + 3);
	if (bsize == 4096)
		ATF_REQUIRE_EQ(di.i_size_high, 1);
	ATF_REQUIRE_EQ(ext2_read(&fs.em, &di, far - 2, buf, 10, &done), 0);
	ATF_REQUIRE_EQ(done, 5);
	ATF_REQUIRE(memcmp(buf, "\0\0end", 5) == 0);
	ATF_REQUIRE_EQ(ext2_read(&fs.em, &di, 5 * MIB - 1, buf, 8, &done), 0);
	ATF_REQUIRE(memcmp(buf, "\0middle\0", 8) == 0);
	ATF_REQUIRE_EQ(ext2_bmap(&fs.em, &di, far / (uint64_t)bsize, &pbn),
	    0);
	snprintf(cmd, sizeof(cmd), SBIN "debugfs -R 'bmap /sparse %llu' img "
	    "2>/dev/null", (unsigned long long)(far / (uint64_t)bsize));
	ATF_REQUIRE_EQ(run(cmd, out, sizeof(out)), 0);
	ATF_REQUIRE_EQ(strtoull(out, NULL, 10), pbn);
	/* Data, double tree (2 + data), triple tree (3 + data). */
	ATF_REQUIRE_EQ(di.i_blocks, 8 * (uint32_t)bsize / 512);

	/* Remove everything: mke2fs's counts come back exactly. */
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(name, sizeof(name), "f%zu", sizes[i]);
		t_unlink(&fs, d[i % 7], name);
		free(data[i]);
	}
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "a_somewhat_long_file_name_%03zu",
		    i);
		t_unlink(&fs, d[7], name);
	}
	t_unlink(&fs, d[2], "fast");
	t_unlink(&fs, d[2], "slow");
	t_unlink(&fs, d[0], "sparse");
	ATF_REQUIRE_EQ(t_rmdir(&fs, d[1], "d1"), ENOTEMPTY);
	ATF_REQUIRE_EQ(t_rmdir(&fs, d[1], "many"), 0);
	for (k = 6; k >= 1; k--) {
		snprintf(name, sizeof(name), "d%d", k - 1);
		ATF_REQUIRE_EQ(t_rmdir(&fs, d[k - 1], name), 0);
	}
	fsck_clean();
	check_counts(&fs);
	get_counts(&fs, &c1);
	same_counts(&c0, &c1);
	fs_close(&fs);
}

ATF_TC_WITHOUT_HEAD(tree__1k);
ATF_TC_BODY(tree__1k, tc)
{
	tree(1024);
}

ATF_TC_WITHOUT_HEAD(tree__4k);
ATF_TC_BODY(tree__4k, tc)
{
	tree(4096);
}

/* Truncation: shrink across the trees, grow sparse, tails are zeros. */
static void
truncate_case(int bsize)
{
	struct fs fs;
	struct counts c0, c1;
	struct ext2_dinode di;
	uint8_t *data;
	uint32_t ino, blocks;
	size_t len, cut;
	uint64_t pbn;
	int step;

	rng_state = 99 + (uint64_t)bsize;
	fs_make(&fs, bsize, "16M", "");
	get_counts(&fs, &c0);
	/* Into the double tree: 268 blocks (1 KiB) / 1036 blocks (4 KiB). */
	len = (bsize == 1024 ? 300 : 1040) * (size_t)bsize + 123;
	data = calloc(1, 8 * len);
	fill(data, len);
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "f", EXT2_S_IFREG | 0644,
	    &ino), 0);
	ATF_REQUIRE_EQ(t_write(&fs, ino, 0, data, len), 0);
	t_iget(&fs, ino, &di);
	/* Data, one single, one double with one single under it. */
	blocks = (uint32_t)howmany(len, bsize) + 3;
	ATF_REQUIRE_EQ(di.i_blocks, blocks * (uint32_t)bsize / 512);
	fsck_clean();
	/* Shrink in steps down through every tree to direct blocks. */
	for (step = 0; step < 6; step++) {
		static const size_t frac[] = { 2, 3, 5, 40, 400, 100000 };

		cut = len / frac[step] + (size_t)step * 7;
		if (cut >= len)
			cut = len / 2;
		memset(data + cut, 0, len - cut);
		t_truncate(&fs, ino, cut);
		len = cut;
		fsck_clean();
		check_counts(&fs);
		check_content(&fs, "/f", data, len);
	}
	/* Grow sparse: nothing allocated, zeros read (old tail too). */
	t_iget(&fs, ino, &di);
	blocks = di.i_blocks;
	t_truncate(&fs, ino, 3 * len + 5000);
	t_iget(&fs, ino, &di);
	ATF_REQUIRE_EQ(di.i_blocks, blocks);
	ATF_REQUIRE_EQ(ext2_bmap(&fs.em, &di, (3 * len + 4000) / bsize, &pbn),
	    0);
	ATF_REQUIRE_EQ(pbn, 0);
	len = 3 * len + 5000;
	fsck_clean();
	check_content(&fs, "/f", data, len);
	/* Write past a hole, then shrink into the hole. */
	fill(data + 2 * len, 100);
	ATF_REQUIRE_EQ(t_write(&fs, ino, 2 * len, data + 2 * len, 100), 0);
	check_content(&fs, "/f", data, 2 * len + 100);
	t_truncate(&fs, ino, len + 1);
	check_content(&fs, "/f", data, len + 1);
	fsck_clean();
	check_counts(&fs);
	/* To zero, then gone. */
	t_truncate(&fs, ino, 0);
	t_iget(&fs, ino, &di);
	ATF_REQUIRE_EQ(di.i_blocks, 0);
	for (step = 0; step < EXT2_N_BLOCKS; step++)
		ATF_REQUIRE_EQ(di.i_block[step], 0);
	t_unlink(&fs, EXT2_ROOT_INO, "f");
	fsck_clean();
	check_counts(&fs);
	get_counts(&fs, &c1);
	same_counts(&c0, &c1);
	free(data);
	fs_close(&fs);
}

ATF_TC_WITHOUT_HEAD(truncate__1k);
ATF_TC_BODY(truncate__1k, tc)
{
	truncate_case(1024);
}

ATF_TC_WITHOUT_HEAD(truncate__4k);
ATF_TC_BODY(truncate__4k, tc)
{
	truncate_case(4096);
}

/*
 * Fill the disk with files until ENOSPC, then inodes until ENOSPC; the
 * file system stays consistent full; removing everything gives back
 * mke2fs's counts exactly.
 */
static void
enospc(int bsize)
{
	struct fs fs;
	struct counts c0, c1;
	struct ext2_dinode di;
	char name[32];
	uint8_t *buf;
	uint32_t ino, nfiles, nempty, i, dino;
	uint64_t pbn;
	bool new;
	int error;

	fs_make(&fs, bsize, "8M", "");
	get_counts(&fs, &c0);
	buf = calloc(1, 256 * KIB);
	memset(buf, 0x5a, 256 * KIB);
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "d", EXT2_S_IFDIR | 0755,
	    &dino), 0);
	/* Empty files until the inodes run out. */
	for (nempty = 0;; nempty++) {
		snprintf(name, sizeof(name), "e%u", nempty);
		error = t_create(&fs, EXT2_ROOT_INO, name, EXT2_S_IFREG | 0644,
		    &ino);
		if (error != 0)
			break;
	}
	ATF_REQUIRE_EQ(error, ENOSPC);
	ATF_REQUIRE_EQ(fs.em.em_sb.s_free_inodes_count, 0);
	fsck_clean();
	check_counts(&fs);
	/* Free one inode for each big file to come. */
	for (i = 0; i < 64; i++) {
		snprintf(name, sizeof(name), "e%u", --nempty);
		t_unlink(&fs, EXT2_ROOT_INO, name);
	}
	/* Files of 256 KiB until the blocks run out. */
	for (nfiles = 0;; nfiles++) {
		snprintf(name, sizeof(name), "big%u", nfiles);
		ATF_REQUIRE_EQ(t_create(&fs, dino, name, EXT2_S_IFREG | 0644,
		    &ino), 0);
		error = t_write(&fs, ino, 0, buf, 256 * KIB);
		if (error != 0)
			break;
	}
	ATF_REQUIRE_EQ(error, ENOSPC);
	ATF_REQUIRE_EQ(fs.em.em_sb.s_free_blocks_count, 0);
	t_iget(&fs, ino, &di);
	ATF_REQUIRE_EQ(ext2_bmap_alloc(&fs.em, &di, 0, false, &pbn, &new), 0);
	ATF_REQUIRE(!new);
	ATF_REQUIRE_EQ(ext2_bmap_alloc(&fs.em, &di, 5000, false, &pbn, &new),
	    ENOSPC);
	ATF_REQUIRE_EQ(ext2_balloc(&fs.em, 0, &pbn), ENOSPC);
	printf("%u big files, %u empty ones\n", nfiles + 1, nempty);
	fsck_clean();
	check_counts(&fs);
	/* Free all of it. */
	fs_remount(&fs);
	for (i = 0; i <= nfiles; i++) {
		snprintf(name, sizeof(name), "big%u", i);
		t_unlink(&fs, dino, name);
	}
	for (i = 0; i < nempty; i++) {
		snprintf(name, sizeof(name), "e%u", i);
		t_unlink(&fs, EXT2_ROOT_INO, name);
	}
	ATF_REQUIRE_EQ(t_rmdir(&fs, EXT2_ROOT_INO, "d"), 0);
	/* The root grew by blocks of empty entries: shrink it back. */
	t_truncate(&fs, EXT2_ROOT_INO, bsize);
	fsck_clean();
	check_counts(&fs);
	get_counts(&fs, &c1);
	same_counts(&c0, &c1);
	free(buf);
	fs_close(&fs);
}

ATF_TC_WITHOUT_HEAD(enospc__1k);
ATF_TC_BODY(enospc__1k, tc)
{
	enospc(1024);
}

ATF_TC_WITHOUT_HEAD(enospc__4k);
ATF_TC_BODY(enospc__4k, tc)
{
	enospc(4096);
}

/* Directory slots: reuse after remove, first entries, names, errors. */
ATF_TC_WITHOUT_HEAD(dir__slots);
ATF_TC_BODY(dir__slots, tc)
{
	struct fs fs;
	struct ext2_dinode dd, di;
	char name[300];
	uint32_t dino, ino, i;
	uint64_t size;
	bool empty;

	fs_make(&fs, 1024, "8M", "");
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "d", EXT2_S_IFDIR | 0755,
	    &dino), 0);
	/* 100 names of 20 bytes (28-byte records): three 1 KiB blocks. */
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "name_number_%08u", i);
		ATF_REQUIRE_EQ(t_create(&fs, dino, name, EXT2_S_IFREG | 0644,
		    &ino), 0);
	}
	t_iget(&fs, dino, &dd);
	size = ext2_isize(&dd);
	ATF_REQUIRE_EQ(size, 3 * 1024);
	/* Remove all, add all again: the directory does not grow. */
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "name_number_%08u", i);
		t_unlink(&fs, dino, name);
	}
	t_iget(&fs, dino, &dd);
	ATF_REQUIRE_EQ(ext2_dir_isempty(&fs.em, &dd, &empty), 0);
	ATF_REQUIRE(empty);
	fsck_clean();
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "name_number_%08u", 99 - i);
		ATF_REQUIRE_EQ(t_create(&fs, dino, name, EXT2_S_IFREG | 0644,
		    &ino), 0);
	}
	t_iget(&fs, dino, &dd);
	ATF_REQUIRE_EQ(ext2_isize(&dd), size);
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "/d/name_number_%08u", i);
		(void)t_lookup(&fs, name);
	}
	/* Odd ones removed, longer names fill their gaps. */
	for (i = 1; i < 100; i += 2) {
		snprintf(name, sizeof(name), "name_number_%08u", i);
		t_unlink(&fs, dino, name);
	}
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "longer_name_number_%08u", i);
		ATF_REQUIRE_EQ(t_create(&fs, dino, name, EXT2_S_IFREG | 0644,
		    &ino), 0);
	}
	/* Names of 1 and 255 bytes; 256 is too long; . and .. stay. */
	memset(name, 'n', 256);
	name[255] = '\0';
	ATF_REQUIRE_EQ(t_create(&fs, dino, name, EXT2_S_IFREG | 0644, &ino),
	    0);
	ATF_REQUIRE_EQ(t_create(&fs, dino, "x", EXT2_S_IFREG | 0644, &ino), 0);
	name[255] = 'n';
	name[256] = '\0';
	t_iget(&fs, dino, &dd);
	ATF_REQUIRE_EQ(ext2_dir_enter(&fs.em, &dd, name, 256, ino,
	    EXT2_FT_REG_FILE), ENAMETOOLONG);
	ATF_REQUIRE_EQ(ext2_dir_enter(&fs.em, &dd, name, 0, ino,
	    EXT2_FT_REG_FILE), EINVAL);
	ATF_REQUIRE_EQ(ext2_dir_remove(&fs.em, &dd, ".", 1, &ino), EINVAL);
	ATF_REQUIRE_EQ(ext2_dir_remove(&fs.em, &dd, "..", 2, &ino), EINVAL);
	ATF_REQUIRE_EQ(ext2_dir_remove(&fs.em, &dd, "nope", 4, &ino), ENOENT);
	ATF_REQUIRE_EQ(ext2_dir_isempty(&fs.em, &dd, &empty), 0);
	ATF_REQUIRE(!empty);
	t_iget(&fs, EXT2_ROOT_INO, &di);
	ATF_REQUIRE_EQ(ext2_dir_enter(&fs.em, &dd, "x", 1, 0,
	    EXT2_FT_REG_FILE), EINVAL);
	t_iget(&fs, t_lookup(&fs, "d/x"), &di);
	ATF_REQUIRE_EQ(ext2_dir_enter(&fs.em, &di, "y", 1, ino,
	    EXT2_FT_REG_FILE), ENOTDIR);
	fsck_clean();
	check_counts(&fs);
	fs_close(&fs);
}

/* A rename across directories re-points "..": e2fsck agrees. */
ATF_TC_WITHOUT_HEAD(dir__rename_dotdot);
ATF_TC_BODY(dir__rename_dotdot, tc)
{
	struct fs fs;
	struct ext2_dinode a, b, c;
	uint32_t ia, ib, ic, ino;

	fs_make(&fs, 4096, "8M", "");
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "a", EXT2_S_IFDIR | 0755,
	    &ia), 0);
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "b", EXT2_S_IFDIR | 0755,
	    &ib), 0);
	ATF_REQUIRE_EQ(t_create(&fs, ia, "c", EXT2_S_IFDIR | 0755, &ic), 0);
	/* mv a/c b/c */
	t_iget(&fs, ia, &a);
	t_iget(&fs, ib, &b);
	t_iget(&fs, ic, &c);
	ATF_REQUIRE_EQ(ext2_dir_enter(&fs.em, &b, "c", 1, ic, EXT2_FT_DIR), 0);
	ATF_REQUIRE_EQ(ext2_dir_remove(&fs.em, &a, "c", 1, &ino), 0);
	ATF_REQUIRE_EQ(ino, ic);
	ATF_REQUIRE_EQ(ext2_dir_set_dotdot(&fs.em, &c, ib), 0);
	a.i_links_count--;
	b.i_links_count++;
	t_iput(&fs, ia, &a);
	t_iput(&fs, ib, &b);
	ATF_REQUIRE_EQ(t_lookup(&fs, "b/c/.."), ib);
	fsck_clean();
	check_counts(&fs);
	ATF_REQUIRE_EQ(ext2_dir_set_dotdot(&fs.em, &c, 0), EINVAL);
	fs_close(&fs);
}

/* Entering a name into an htree-indexed directory drops the index. */
ATF_TC_WITHOUT_HEAD(dir__htree);
ATF_TC_BODY(dir__htree, tc)
{
	struct fs fs;
	struct ext2_dinode dd;
	char name[64];
	uint32_t dino, ino, i;

	fs_make(&fs, 1024, "8M", "");
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "big", EXT2_S_IFDIR |
	    0755, &dino), 0);
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "entry_%04u_with_a_long_name", i);
		ATF_REQUIRE_EQ(t_create(&fs, dino, name, EXT2_S_IFREG | 0644,
		    &ino), 0);
	}
	ext2_unmount(&fs.em);
	/* e2fsck -D indexes it (exit 1: changed). */
	ATF_REQUIRE(system(SBIN "e2fsck -fyD img >/dev/null 2>&1") >> 8 <= 1);
	fs_remount(&fs);
	t_iget(&fs, dino, &dd);
	ATF_REQUIRE(dd.i_flags & EXT2_INDEX_FL);
	ATF_REQUIRE_EQ(t_create(&fs, dino, "new", EXT2_S_IFREG | 0644, &ino),
	    0);
	t_unlink(&fs, dino, "entry_0005_with_a_long_name");
	t_iget(&fs, dino, &dd);
	ATF_REQUIRE((dd.i_flags & EXT2_INDEX_FL) == 0);
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "big/entry_%04u_with_a_long_name",
		    i);
		if (i != 5)
			(void)t_lookup(&fs, name);
	}
	(void)t_lookup(&fs, "big/new");
	fsck_clean();
	check_counts(&fs);
	fs_close(&fs);
}

/*
 * LARGE_FILE is set by the first file of 2 GiB on a file system without
 * it; revision 0 cannot have it (EFBIG).
 */
ATF_TC_WITHOUT_HEAD(large_file);
ATF_TC_BODY(large_file, tc)
{
	struct fs fs;
	struct ext2_dinode di;
	uint32_t ino;

	/*
	 * mke2fs always sets it: clear it (no file is that large yet, once
	 * the resize inode is not there).
	 */
	fs_make(&fs, 4096, "8M", "-O ^resize_inode");
	fs.em.em_sb.s_feature_ro_compat &= ~EXT2F_ROCOMPAT_LARGE_FILE;
	ATF_REQUIRE_EQ(file_bwrite(&fs, 1, 1024, &fs.em.em_sb), 0);
	fs_remount(&fs);
	fsck_clean();
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "f", EXT2_S_IFREG | 0644,
	    &ino), 0);
	ATF_REQUIRE_EQ(t_write(&fs, ino, 0x7fffffffull - 1, "ab", 2), 0);
	ATF_REQUIRE(fs.em.em_sb.s_feature_ro_compat &
	    EXT2F_ROCOMPAT_LARGE_FILE);
	fs_remount(&fs);
	ATF_REQUIRE(fs.em.em_sb.s_feature_ro_compat &
	    EXT2F_ROCOMPAT_LARGE_FILE);
	t_iget(&fs, ino, &di);
	ATF_REQUIRE_EQ(ext2_isize(&di), 0x80000000ull);
	fsck_clean();
	check_counts(&fs);
	fs_close(&fs);

	fs_make(&fs, 1024, "8M", "-r 0");
	ATF_REQUIRE_EQ(fs.em.em_sb.s_rev_level, EXT2_GOOD_OLD_REV);
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "f", EXT2_S_IFREG | 0644,
	    &ino), 0);
	ATF_REQUIRE_EQ(t_write(&fs, ino, 0x7fffffffull, "a", 1), EFBIG);
	ATF_REQUIRE_EQ(t_write(&fs, ino, 0x7fffffffull - 1, "a", 1), 0);
	t_iget(&fs, ino, &di);
	ATF_REQUIRE_EQ(ext2_truncate(&fs.em, &di, 0x80000000ull), EFBIG);
	fsck_clean();
	check_counts(&fs);
	fs_close(&fs);
}

/* Nothing is written without em_bwrite, or with em_ronly. */
ATF_TC_WITHOUT_HEAD(erofs);
ATF_TC_BODY(erofs, tc)
{
	struct fs fs;
	struct ext2_dinode di;
	uint64_t blk;
	uint32_t ino;
	bool new, empty;
	int pass;

	fs_make(&fs, 1024, "8M", "");
	ATF_REQUIRE_EQ(t_create(&fs, EXT2_ROOT_INO, "d", EXT2_S_IFDIR | 0755,
	    &ino), 0);
	t_iget(&fs, ino, &di);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0)
			fs.em.em_bwrite = NULL;
		else {
			fs.em.em_bwrite = file_bwrite;
			fs.em.em_ronly = true;
		}
		ATF_CHECK_EQ(ext2_write_inode(&fs.em, ino, &di), EROFS);
		ATF_CHECK_EQ(ext2_sync_super(&fs.em), EROFS);
		ATF_CHECK_EQ(ext2_ialloc(&fs.em, 2, 0, &ino), EROFS);
		ATF_CHECK_EQ(ext2_ifree(&fs.em, ino, 0), EROFS);
		ATF_CHECK_EQ(ext2_balloc(&fs.em, 0, &blk), EROFS);
		ATF_CHECK_EQ(ext2_bfree(&fs.em, 100), EROFS);
		ATF_CHECK_EQ(ext2_bmap_alloc(&fs.em, &di, 1, true, &blk, &new),
		    EROFS);
		ATF_CHECK_EQ(ext2_truncate(&fs.em, &di, 0), EROFS);
		ATF_CHECK_EQ(ext2_write(&fs.em, &di, 0, "x", 1), EROFS);
		ATF_CHECK_EQ(ext2_dir_enter(&fs.em, &di, "x", 1, ino, 1),
		    EROFS);
		ATF_CHECK_EQ(ext2_dir_remove(&fs.em, &di, "x", 1, &ino),
		    EROFS);
		ATF_CHECK_EQ(ext2_dir_set_dotdot(&fs.em, &di, 2), EROFS);
		ATF_CHECK_EQ(ext2_dir_init(&fs.em, ino, &di, 2), EROFS);
		/* Reading still works. */
		ATF_CHECK_EQ(ext2_dir_isempty(&fs.em, &di, &empty), 0);
		ATF_CHECK(empty);
	}
	fs.em.em_ronly = false;
	/* Double frees are refused. */
	ATF_CHECK_EQ(ext2_ifree(&fs.em, 3, EXT2_S_IFREG), EINVAL);
	ATF_CHECK_EQ(ext2_ifree(&fs.em, fs.em.em_sb.s_inodes_count,
	    EXT2_S_IFREG), EIO);
	ATF_CHECK_EQ(ext2_bfree(&fs.em, fs.em.em_sb.s_blocks_count - 1), EIO);
	ATF_CHECK_EQ(ext2_bfree(&fs.em, fs.em.em_gd[0].bg_inode_table), EIO);
	ATF_CHECK_EQ(ext2_bfree(&fs.em, fs.em.em_sb.s_blocks_count), EIO);
	fsck_clean();
	fs_close(&fs);

	/* Unknown ro_compat features, an unclean state: em_ronly. */
	fs_make(&fs, 1024, "8M", "");
	fs.em.em_sb.s_state &= ~EXT2_VALID_FS;
	ATF_REQUIRE_EQ(file_bwrite(&fs, 1, 1024, &fs.em.em_sb), 0);
	fs_remount(&fs);
	ATF_CHECK(fs.em.em_ronly);
	ATF_CHECK_EQ(ext2_ialloc(&fs.em, 2, 0, &ino), EROFS);
	fs.em.em_sb.s_state |= EXT2_VALID_FS;
	fs.em.em_sb.s_feature_ro_compat |= EXT2F_ROCOMPAT_METADATA_CSUM;
	ATF_REQUIRE_EQ(file_bwrite(&fs, 1, 1024, &fs.em.em_sb), 0);
	fs_remount(&fs);
	ATF_CHECK(fs.em.em_ronly);
	fs_close(&fs);
}

/*
 * 2000 random operations (create, mkdir, write at random offsets, some
 * sparse, truncate, unlink, rmdir, symlink, read back) against an
 * in-memory model; then e2fsck, the counts, and every file's bytes by
 * debugfs.
 */
#define RMAX		400	/* model nodes */
#define RDATA_MAX	(600 * KIB)

struct rnode {
	bool		used;
	bool		dir;
	int		parent;		/* index, -1 for the root */
	char		name[40];
	uint32_t	ino;
	uint8_t		*data;		/* files */
	size_t		size;
	int		nchild;		/* dirs */
};

static struct rnode rn[RMAX];

static void
rpath(int i, char *buf, size_t size)
{
	char tmp[512];

	if (i < 0) {
		snprintf(buf, size, "/");
		return;
	}
	rpath(rn[i].parent, tmp, sizeof(tmp));
	snprintf(buf, size, "%s%s%s", tmp, strcmp(tmp, "/") == 0 ? "" : "/",
	    rn[i].name);
}

static uint32_t
rino(int i)
{
	return (i < 0 ? EXT2_ROOT_INO : rn[i].ino);
}

/* A random used node (dir or not as asked), or -2. */
static int
rpick(bool dir)
{
	int i, k;

	for (k = 0; k < 4 * RMAX; k++) {
		i = (int)(rng() % RMAX);
		if (rn[i].used && rn[i].dir == dir)
			return (i);
	}
	return (-2);
}

static int
rfree_slot(void)
{
	int i;

	for (i = 0; i < RMAX; i++)
		if (!rn[i].used)
			return (i);
	return (-1);
}

static void
random_case(int bsize)
{
	struct fs fs;
	struct ext2_dinode di;
	char path[600];
	uint8_t *buf;
	uint64_t total;
	size_t off, len, done;
	int op, i, p, nops[10], n;
	uint32_t ino;

	rng_state = 0xfeedull + (uint64_t)bsize;
	memset(rn, 0, sizeof(rn));
	memset(nops, 0, sizeof(nops));
	fs_make(&fs, bsize, "32M", "");
	buf = malloc(RDATA_MAX + 1);
	total = 0;
	for (n = 0; n < 2000; n++) {
		op = (int)(rng() % 10);
		switch (op) {
		case 0:		/* create */
		case 1:		/* mkdir */
		case 9:		/* symlink: a file whose data is a target */
			i = rfree_slot();
			p = rng() % 4 == 0 ? -1 : rpick(true);
			if (i < 0 || p == -2)
				continue;
			snprintf(rn[i].name, sizeof(rn[i].name), "n%d_%llu", n,
			    (unsigned long long)(rng() % 1000000));
			rn[i].dir = op == 1;
			rn[i].parent = p;
			if (op == 9) {
				rn[i].size = 1 + rng() % 300;
				rn[i].data = malloc(rn[i].size + 1);
				for (off = 0; off < rn[i].size; off++)
					rn[i].data[off] = (uint8_t)('a' +
					    rng() % 26);
				rn[i].data[rn[i].size] = '\0';
				t_symlink(&fs, rino(p), rn[i].name,
				    (char *)rn[i].data);
				rpath(i, path, sizeof(path));
				rn[i].ino = t_lookup(&fs, path);
				rn[i].used = true;
				rn[i].dir = false;
				rn[i].nchild = -1;	/* a symlink */
			} else {
				ATF_REQUIRE_EQ(t_create(&fs, rino(p),
				    rn[i].name, op == 1 ? EXT2_S_IFDIR | 0755 :
				    EXT2_S_IFREG | 0644, &rn[i].ino), 0);
				rn[i].used = true;
				rn[i].data = NULL;
				rn[i].size = 0;
				rn[i].nchild = 0;
			}
			if (p >= 0)
				rn[p].nchild++;
			break;
		case 2:		/* write */
		case 3:
		case 4:
			i = rpick(false);
			if (i < 0 || rn[i].nchild < 0)
				continue;
			off = rng() % 4 == 0 ? rng() % RDATA_MAX :
			    rng() % (rn[i].size + 1);
			len = 1 + rng() % (rng() % 4 == 0 ? 64 * KIB : 3000);
			if (off + len > RDATA_MAX)
				len = RDATA_MAX - off;
			if (off + len > rn[i].size &&
			    total + (off + len - rn[i].size) > 20 * MIB)
				continue;
			if (off + len > rn[i].size) {
				rn[i].data = realloc(rn[i].data, off + len);
				memset(rn[i].data + rn[i].size, 0,
				    off + len - rn[i].size);
				total += off + len - rn[i].size;
				rn[i].size = off + len;
			}
			fill(rn[i].data + off, len);
			ATF_REQUIRE_EQ(t_write(&fs, rn[i].ino, off,
			    rn[i].data + off, len), 0);
			break;
		case 5:		/* truncate */
			i = rpick(false);
			if (i < 0 || rn[i].nchild < 0)
				continue;
			len = rng() % 3 == 0 ? 0 : rng() % (rn[i].size * 2 + 2);
			if (len > RDATA_MAX)
				len = RDATA_MAX;
			if (len > rn[i].size) {
				if (total + len - rn[i].size > 20 * MIB)
					continue;
				rn[i].data = realloc(rn[i].data, len);
				memset(rn[i].data + rn[i].size, 0,
				    len - rn[i].size);
			}
			total += len;
			total -= rn[i].size;
			rn[i].size = len;
			t_truncate(&fs, rn[i].ino, len);
			break;
		case 6:		/* unlink */
			i = rpick(false);
			if (i < 0)
				continue;
			t_unlink(&fs, rino(rn[i].parent), rn[i].name);
			if (rn[i].parent >= 0)
				rn[rn[i].parent].nchild--;
			if (rn[i].nchild >= 0)
				total -= rn[i].size;
			free(rn[i].data);
			memset(&rn[i], 0, sizeof(rn[i]));
			break;
		case 7:		/* rmdir */
			i = rpick(true);
			if (i < 0)
				continue;
			ATF_REQUIRE_EQ(t_rmdir(&fs, rino(rn[i].parent),
			    rn[i].name), rn[i].nchild == 0 ? 0 : ENOTEMPTY);
			if (rn[i].nchild != 0)
				break;
			if (rn[i].parent >= 0)
				rn[rn[i].parent].nchild--;
			memset(&rn[i], 0, sizeof(rn[i]));
			break;
		case 8:		/* read back */
			i = rpick(false);
			if (i < 0 || rn[i].nchild < 0)
				continue;
			t_iget(&fs, rn[i].ino, &di);
			ATF_REQUIRE_EQ(ext2_isize(&di), rn[i].size);
			ATF_REQUIRE_EQ(ext2_read(&fs.em, &di, 0, buf,
			    RDATA_MAX + 1, &done), 0);
			ATF_REQUIRE_EQ(done, rn[i].size);
			ATF_REQUIRE(done == 0 ||
			    memcmp(buf, rn[i].data, done) == 0);
			break;
		}
		nops[op]++;
	}
	printf("ops: create %d mkdir %d write %d truncate %d unlink %d "
	    "rmdir %d read %d symlink %d; %llu bytes\n", nops[0], nops[1],
	    nops[2] + nops[3] + nops[4], nops[5], nops[6], nops[7], nops[8],
	    nops[9], (unsigned long long)total);
	fsck_clean();
	check_counts(&fs);
	fs_remount(&fs);
	for (i = 0; i < RMAX; i++) {
		if (!rn[i].used)
			continue;
		rpath(i, path, sizeof(path));
		ino = t_lookup(&fs, path);
		ATF_REQUIRE_EQ(ino, rn[i].ino);
		t_iget(&fs, ino, &di);
		if (rn[i].dir) {
			for (n = 2, p = 0; p < RMAX; p++)
				n += rn[p].used && rn[p].dir &&
				    rn[p].parent == i;
			ATF_REQUIRE_EQ(di.i_links_count, n);
		} else if (rn[i].nchild < 0) {
			ATF_REQUIRE_EQ(ext2_readlink(&fs.em, &di,
			    (char *)buf, RDATA_MAX, &done), 0);
			ATF_REQUIRE_STREQ((char *)buf, (char *)rn[i].data);
		} else
			check_content(&fs, path, rn[i].data, rn[i].size);
	}
	for (i = 0; i < RMAX; i++)
		free(rn[i].data);
	free(buf);
	fs_close(&fs);
}

ATF_TC_WITHOUT_HEAD(random__1k);
ATF_TC_BODY(random__1k, tc)
{
	random_case(1024);
}

ATF_TC_WITHOUT_HEAD(random__4k);
ATF_TC_BODY(random__4k, tc)
{
	random_case(4096);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, tree__1k);
	ATF_TP_ADD_TC(tp, tree__4k);
	ATF_TP_ADD_TC(tp, truncate__1k);
	ATF_TP_ADD_TC(tp, truncate__4k);
	ATF_TP_ADD_TC(tp, enospc__1k);
	ATF_TP_ADD_TC(tp, enospc__4k);
	ATF_TP_ADD_TC(tp, dir__slots);
	ATF_TP_ADD_TC(tp, dir__rename_dotdot);
	ATF_TP_ADD_TC(tp, dir__htree);
	ATF_TP_ADD_TC(tp, large_file);
	ATF_TP_ADD_TC(tp, erofs);
	ATF_TP_ADD_TC(tp, random__1k);
	ATF_TP_ADD_TC(tp, random__4k);
	return (atf_no_error());
}
