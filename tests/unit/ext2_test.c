/*
 * ext2_test.c: the ext2 reader (sys/fs/ext2fs/ext2_subr.c) on images
 * made here by the host's mke2fs -d from a staging directory, with 1 KiB
 * and 4 KiB blocks: every file's bytes against the staging copy (small,
 * indirect, a 70 MiB sparse file reaching the triple indirect tree with
 * 1 KiB blocks), every path, directories spanning several blocks, fast
 * and slow symlinks, ENOENT and ENOTDIR; then corrupted images (magic,
 * block size, counts, features, rec_len, block pointers, random flips),
 * which must give errors and never a crash or a leak.
 */
#include <atf-c.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kshim.h"

#include "../../sys/fs/ext2fs/ext2_mount.h"

long	ext2_shim_live(void);

#define MIB		(1024 * 1024)
#define SPARSE_SIZE	(70ull * MIB)
#define NMANY		200	/* entries of d1/many: several dir blocks */

/* The image, in memory. */
struct img {
	uint8_t	*data;
	size_t	size;
};

/* What the staging tree holds: path and kind (f, d, l). */
struct ent {
	char	path[160];
	char	kind;
};
static struct ent ents[NMANY + 64];
static int nents;

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
mem_bread(void *dev, uint64_t blkno, uint32_t bsize, void *buf)
{
	struct img *im = dev;

	if (blkno >= im->size / bsize)
		return (EIO);
	memcpy(buf, im->data + blkno * bsize, bsize);
	return (0);
}

static void
add_ent(const char *path, char kind)
{
	ATF_REQUIRE(nents < (int)(sizeof(ents) / sizeof(ents[0])));
	snprintf(ents[nents].path, sizeof(ents[nents].path), "%s", path);
	ents[nents].kind = kind;
	nents++;
}

/* A staging file of size bytes of pseudo-random data. */
static void
mkfile(const char *path, size_t size)
{
	char full[256];
	FILE *f;
	size_t i;

	snprintf(full, sizeof(full), "stage/%s", path);
	f = fopen(full, "w");
	ATF_REQUIRE(f != NULL);
	for (i = 0; i < size; i++)
		fputc((int)(rng() >> 56), f);
	ATF_REQUIRE(fclose(f) == 0);
	add_ent(path, 'f');
}

static void
mkdir_ent(const char *path)
{
	char full[256];

	snprintf(full, sizeof(full), "stage/%s", path);
	ATF_REQUIRE(mkdir(full, 0755) == 0);
	add_ent(path, 'd');
}

static void
mklink(const char *path, const char *target)
{
	char full[256];

	snprintf(full, sizeof(full), "stage/%s", path);
	ATF_REQUIRE(symlink(target, full) == 0);
	add_ent(path, 'l');
}

/* Write a few bytes at off in an existing file. */
static void
poke(const char *path, off_t off, const char *s)
{
	char full[256];
	int fd;

	snprintf(full, sizeof(full), "stage/%s", path);
	fd = open(full, O_WRONLY);
	ATF_REQUIRE(fd >= 0);
	ATF_REQUIRE(pwrite(fd, s, strlen(s), off) == (ssize_t)strlen(s));
	close(fd);
}

/* The staging tree, then the image made from it, loaded into im. */
static void
build(struct img *im, int bsize, bool htree)
{
	char cmd[512], path[160];
	struct stat st;
	FILE *f;
	int i;

	rng_state = 0x9e3779b97f4a7c15ull;
	nents = 0;
	ATF_REQUIRE(mkdir("stage", 0755) == 0);
	mkfile("empty", 0);
	mkfile("one", 1);
	mkfile("b1023", 1023);
	mkfile("b1024", 1024);
	mkfile("b4097", 4097);
	mkfile("big300k", 300 * 1024);
	mkfile("sparse", 0);
	ATF_REQUIRE(truncate("stage/sparse", (off_t)SPARSE_SIZE) == 0);
	poke("sparse", 0, "start");
	poke("sparse", 5 * MIB + 7, "double indirect");
	poke("sparse", 65 * MIB + 123, "triple indirect");
	poke("sparse", (off_t)SPARSE_SIZE - 3, "end");
	mkdir_ent("d1");
	mkdir_ent("d1/d2");
	mkdir_ent("d1/d2/d3");
	mkdir_ent("d1/d2/d3/d4");
	mkdir_ent("d1/d2/d3/d4/d5");
	mkfile("d1/d2/d3/d4/d5/deep", 5000);
	mkfile("d1/d2/f2", 77);
	mkdir_ent("d1/many");
	for (i = 0; i < NMANY; i++) {
		snprintf(path, sizeof(path),
		    "d1/many/entry_with_a_rather_long_name_%03d", i);
		mkfile(path, (size_t)i);
	}
	mklink("fastlink", "b1024");
	mklink("slowlink", "d1/d2/d3/d4/d5/deep/../../../../../../a/target/"
	    "path/long/enough/to/need/a/data/block/of/its/own");
	mklink("d1/uplink", "../big300k");

	snprintf(cmd, sizeof(cmd), "PATH=/sbin:/usr/sbin:$PATH mke2fs -q -F "
	    "-t ext2 -r 1 -b %d -d stage img 24M", bsize);
	if (system(cmd) != 0)
		atf_tc_skip("mke2fs failed or is missing");
	/* e2fsck -D indexes the large directories (exit 1: changed). */
	if (htree && (system("PATH=/sbin:/usr/sbin:$PATH e2fsck -fyD img "
	    ">/dev/null 2>&1") >> 8) > 1)
		atf_tc_fail("e2fsck -fyD failed");
	ATF_REQUIRE(stat("img", &st) == 0);
	im->size = (size_t)st.st_size;
	im->data = malloc(im->size);
	ATF_REQUIRE(im->data != NULL);
	f = fopen("img", "r");
	ATF_REQUIRE(f != NULL);
	ATF_REQUIRE(fread(im->data, 1, im->size, f) == im->size);
	fclose(f);
}

/* Compare file path of the image with its staging copy, in chunks. */
static void
check_file(struct ext2_mount *em, const char *path, size_t chunk)
{
	struct ext2_dinode di;
	char full[256];
	uint8_t *want, *got;
	uint32_t ino;
	size_t done, off, n;
	FILE *f;

	snprintf(full, sizeof(full), "stage/%s", path);
	f = fopen(full, "r");
	ATF_REQUIRE(f != NULL);
	ATF_REQUIRE_EQ_MSG(ext2_namei(em, path, &ino), 0, "%s", path);
	ATF_REQUIRE_EQ(ext2_read_inode(em, ino, &di), 0);
	ATF_REQUIRE_EQ(di.i_mode & EXT2_S_IFMT, EXT2_S_IFREG);
	want = malloc(chunk);
	got = malloc(chunk + 1);
	for (off = 0;; off += n) {
		n = fread(want, 1, chunk, f);
		memset(got, 0xa5, chunk + 1);
		ATF_REQUIRE_EQ(ext2_read(em, &di, off, got, chunk + 1, &done),
		    0);
		if (n < chunk) {
			/* The last chunk: short read at end of file. */
			ATF_REQUIRE_EQ_MSG(done, n, "%s at %zu", path, off);
			ATF_REQUIRE(memcmp(want, got, n) == 0);
			break;
		}
		ATF_REQUIRE(done >= n);
		ATF_REQUIRE_MSG(memcmp(want, got, n) == 0, "%s differs at %zu",
		    path, off);
	}
	ATF_REQUIRE_EQ(ext2_isize(&di), off + n);
	fclose(f);
	free(want);
	free(got);
}

static int
count_cb(void *arg, const struct ext2_dirent_info *de)
{
	(*(int *)arg)++;
	return (0);
}

/* Everything the staging tree holds must read back the same. */
static void
check_tree(struct img *im, int bsize)
{
	struct ext2_mount em;
	struct ext2_dinode di;
	char target[256], want[256], full[300];
	size_t len;
	ssize_t wl;
	uint32_t ino, ino2;
	int i, n;

	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, im), 0);
	ATF_REQUIRE_EQ(em.em_bsize, (uint32_t)bsize);
	ATF_REQUIRE(!em.em_ronly);
	for (i = 0; i < nents; i++) {
		ATF_REQUIRE_EQ_MSG(ext2_namei(&em, ents[i].path, &ino), 0,
		    "%s", ents[i].path);
		ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
		switch (ents[i].kind) {
		case 'f':
			check_file(&em, ents[i].path,
			    strcmp(ents[i].path, "sparse") == 0 ? MIB : 777);
			break;
		case 'd':
			ATF_REQUIRE_EQ(di.i_mode & EXT2_S_IFMT, EXT2_S_IFDIR);
			snprintf(full, sizeof(full), "/%s/", ents[i].path);
			ATF_REQUIRE_EQ(ext2_namei(&em, full, &ino2), 0);
			ATF_REQUIRE_EQ(ino, ino2);
			break;
		case 'l':
			ATF_REQUIRE_EQ(di.i_mode & EXT2_S_IFMT, EXT2_S_IFLNK);
			snprintf(full, sizeof(full), "stage/%s", ents[i].path);
			wl = readlink(full, want, sizeof(want) - 1);
			ATF_REQUIRE(wl > 0);
			want[wl] = '\0';
			ATF_REQUIRE_EQ(ext2_readlink(&em, &di, target,
			    sizeof(target), &len), 0);
			ATF_REQUIRE_EQ(len, (size_t)wl);
			ATF_REQUIRE_STREQ(target, want);
			ATF_REQUIRE_EQ(ext2_readlink(&em, &di, target,
			    (size_t)wl, &len), ERANGE);
			break;
		}
	}
	/* The slow symlink has a data block, the fast one none. */
	ATF_REQUIRE_EQ(ext2_namei(&em, "fastlink", &ino), 0);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
	ATF_REQUIRE_EQ(di.i_blocks, 0);
	ATF_REQUIRE_EQ(ext2_namei(&em, "slowlink", &ino), 0);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
	ATF_REQUIRE(di.i_blocks != 0);

	/* d1/many spans several blocks and lists every entry. */
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/many", &ino), 0);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
	ATF_REQUIRE(ext2_isize(&di) >= 2ull * (uint64_t)bsize);
	n = 0;
	ATF_REQUIRE_EQ(ext2_dir_iterate(&em, &di, count_cb, &n), 0);
	ATF_REQUIRE_EQ(n, NMANY + 2);
	ATF_REQUIRE_EQ(ext2_lookup(&em, &di, "..", 2, &ino2), 0);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1", &ino), 0);
	ATF_REQUIRE_EQ(ino, ino2);
	ATF_REQUIRE_EQ(ext2_namei(&em, "/", &ino), 0);
	ATF_REQUIRE_EQ(ino, EXT2_ROOT_INO);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/d2/..", &ino2), 0);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1", &ino), 0);
	ATF_REQUIRE_EQ(ino, ino2);

	/* Missing names and non-directories. */
	ATF_REQUIRE_EQ(ext2_namei(&em, "nothere", &ino), ENOENT);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/d2/d3/nothere", &ino), ENOENT);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/many/entry_with_a_rather_long_"
	    "name_200", &ino), ENOENT);
	ATF_REQUIRE_EQ(ext2_namei(&em, "nothere/x", &ino), ENOENT);
	ATF_REQUIRE_EQ(ext2_namei(&em, "b1024/x", &ino), ENOTDIR);
	ATF_REQUIRE_EQ(ext2_namei(&em, "b1024/", &ino), ENOTDIR);
	ATF_REQUIRE_EQ(ext2_namei(&em, "fastlink/x", &ino), ENOTDIR);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/d2/f2/d3", &ino), ENOTDIR);
	ATF_REQUIRE_EQ(ext2_namei(&em, "b1024", &ino), 0);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
	ATF_REQUIRE_EQ(ext2_lookup(&em, &di, "x", 1, &ino), ENOTDIR);
	ATF_REQUIRE_EQ(ext2_readlink(&em, &di, target, sizeof(target), &len),
	    EINVAL);
	memset(full, 'x', EXT2_NAME_LEN + 1);
	full[EXT2_NAME_LEN + 1] = '\0';
	ATF_REQUIRE_EQ(ext2_namei(&em, full, &ino), ENAMETOOLONG);

	/* Inode numbers are bounds-checked. */
	ATF_REQUIRE_EQ(ext2_read_inode(&em, 0, &di), EINVAL);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, em.em_sb.s_inodes_count + 1, &di),
	    EINVAL);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, em.em_sb.s_inodes_count, &di), 0);

	ext2_unmount(&em);
	ATF_REQUIRE_EQ(ext2_shim_live(), 0);
}

ATF_TC_WITHOUT_HEAD(read_1k);
ATF_TC_BODY(read_1k, tc)
{
	struct img im;

	build(&im, 1024, false);
	check_tree(&im, 1024);
	free(im.data);
}

/* Directories with an htree index (DIR_INDEX) read linearly. */
ATF_TC_WITHOUT_HEAD(read_htree);
ATF_TC_BODY(read_htree, tc)
{
	struct ext2_mount em;
	struct ext2_dinode di;
	struct img im;
	uint32_t ino;

	build(&im, 1024, true);
	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, &im), 0);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/many", &ino), 0);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
	ATF_REQUIRE(di.i_flags & EXT2_INDEX_FL);
	ext2_unmount(&em);
	check_tree(&im, 1024);
	free(im.data);
}

ATF_TC_WITHOUT_HEAD(read_4k);
ATF_TC_BODY(read_4k, tc)
{
	struct img im;

	build(&im, 4096, false);
	check_tree(&im, 4096);
	free(im.data);
}

/* The sparse file's far bytes sit where the 1 KiB tree has 3 levels. */
ATF_TC_WITHOUT_HEAD(bmap_1k);
ATF_TC_BODY(bmap_1k, tc)
{
	struct ext2_mount em;
	struct ext2_dinode di;
	struct img im;
	uint64_t pbn, tind;
	uint32_t ino;
	char buf[32];
	size_t done;

	build(&im, 1024, false);
	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, &im), 0);
	ATF_REQUIRE_EQ(ext2_namei(&em, "sparse", &ino), 0);
	ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
	/* 12 direct + 256 + 256^2: the triple tree starts at 65804. */
	tind = 12 + 256 + 256 * 256;
	ATF_REQUIRE((65 * MIB + 123) / 1024 >= tind);
	ATF_REQUIRE(di.i_block[EXT2_TIND_BLOCK] != 0);
	ATF_REQUIRE(di.i_block[EXT2_DIND_BLOCK] != 0);
	ATF_REQUIRE_EQ(ext2_bmap(&em, &di, (65 * MIB + 123) / 1024, &pbn), 0);
	ATF_REQUIRE(pbn != 0);
	ATF_REQUIRE_EQ(ext2_bmap(&em, &di, tind, &pbn), 0);
	ATF_REQUIRE_EQ(pbn, 0);		/* a hole */
	ATF_REQUIRE_EQ(ext2_bmap(&em, &di, 1, &pbn), 0);
	ATF_REQUIRE_EQ(pbn, 0);
	ATF_REQUIRE_EQ(ext2_read(&em, &di, 65 * MIB + 120, buf, 20, &done), 0);
	ATF_REQUIRE_EQ(done, 20);
	ATF_REQUIRE(memcmp(buf, "\0\0\0triple indirect\0\0", 20) == 0);
	/* Past the end of the file, nothing; past the tree, EFBIG. */
	ATF_REQUIRE_EQ(ext2_read(&em, &di, SPARSE_SIZE, buf, 20, &done), 0);
	ATF_REQUIRE_EQ(done, 0);
	ATF_REQUIRE_EQ(ext2_bmap(&em, &di, tind + 256ull * 256 * 256, &pbn),
	    EFBIG);
	ext2_unmount(&em);
	free(im.data);
	ATF_REQUIRE_EQ(ext2_shim_live(), 0);
}

/* mke2fs's default ext2 features are all accepted. */
ATF_TC_WITHOUT_HEAD(features);
ATF_TC_BODY(features, tc)
{
	struct ext2_mount em;
	struct img im;

	build(&im, 1024, false);
	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, &im), 0);
	ATF_REQUIRE_EQ(em.em_sb.s_rev_level, EXT2_DYNAMIC_REV);
	ATF_REQUIRE(em.em_sb.s_feature_incompat & EXT2F_INCOMPAT_FILETYPE);
	ATF_REQUIRE(em.em_ngroups >= 3);
	ATF_REQUIRE_EQ(em.em_isize, em.em_sb.s_inode_size);
	printf("compat %#x incompat %#x ro_compat %#x isize %u groups %u\n",
	    em.em_sb.s_feature_compat, em.em_sb.s_feature_incompat,
	    em.em_sb.s_feature_ro_compat, em.em_isize, em.em_ngroups);
	ext2_unmount(&em);
	free(im.data);
}

#define SB32(im, off)	(*(uint32_t *)((im)->data + 1024 + (off)))
#define SB16(im, off)	(*(uint16_t *)((im)->data + 1024 + (off)))

/* Mount must fail with want after edit(); the image is restored. */
static void
mount_fails(struct img *im, size_t off, size_t len, uint64_t val, int want)
{
	struct ext2_mount em;
	uint8_t save[8];

	memcpy(save, im->data + off, len);
	memcpy(im->data + off, &val, len);
	ATF_REQUIRE_EQ_MSG(ext2_mount(&em, mem_bread, im), want,
	    "offset %zu value %#llx", off, (unsigned long long)val);
	memcpy(im->data + off, save, len);
	ATF_REQUIRE_EQ(ext2_shim_live(), 0);
}

ATF_TC_WITHOUT_HEAD(bad_super);
ATF_TC_BODY(bad_super, tc)
{
	struct ext2_mount em;
	struct img im;
	uint32_t v;

	build(&im, 1024, false);
	mount_fails(&im, 1024 + 56, 2, 0xEF54, EINVAL);		/* magic */
	mount_fails(&im, 1024 + 24, 4, 7, EINVAL);		/* 128 KiB */
	mount_fails(&im, 1024 + 24, 4, 0xffffffff, EINVAL);
	mount_fails(&im, 1024 + 76, 4, 2, EINVAL);		/* rev */
	v = SB32(&im, 0);
	mount_fails(&im, 1024 + 0, 4, v + 1, EINVAL);		/* inodes */
	v = SB32(&im, 4);
	mount_fails(&im, 1024 + 4, 4, v + 8192 * 4, EINVAL);	/* blocks */
	mount_fails(&im, 1024 + 4, 4, 1, EINVAL);
	mount_fails(&im, 1024 + 32, 4, 0, EINVAL);		/* per group */
	mount_fails(&im, 1024 + 40, 4, 0, EINVAL);
	mount_fails(&im, 1024 + 88, 2, 100, EINVAL);		/* isize */
	mount_fails(&im, 1024 + 88, 2, 2048, EINVAL);
	mount_fails(&im, 1024 + 20, 4, 0, EINVAL);		/* first data */
	mount_fails(&im, 1024 + 28, 4, 1, EOPNOTSUPP);	/* fragments */
	v = SB32(&im, 96);
	mount_fails(&im, 1024 + 96, 4, v | EXT2F_INCOMPAT_EXTENTS, EOPNOTSUPP);
	mount_fails(&im, 1024 + 96, 4, v | EXT2F_INCOMPAT_64BIT, EOPNOTSUPP);
	mount_fails(&im, 1024 + 96, 4, v | EXT2F_INCOMPAT_RECOVER, EOPNOTSUPP);
	mount_fails(&im, 1024 + 96, 4, v | EXT2F_INCOMPAT_META_BG, EOPNOTSUPP);
	mount_fails(&im, 1024 + 96, 4, v | 0x80000000u, EOPNOTSUPP);
	/* Group 0's inode table outside group 0 (descriptor at block 2). */
	mount_fails(&im, 2048 + 8, 4, 9000, EINVAL);
	mount_fails(&im, 2048 + 0, 4, 0, EINVAL);
	/* A device that fails reads. */
	memset(&em, 0, sizeof(em));
	im.size = 1024;
	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, &im), EIO);
	/* Unknown ro_compat features mount, flagged read-only. */
	im.size = 24 * MIB;
	v = SB32(&im, 100);
	SB32(&im, 100) = v | EXT2F_ROCOMPAT_METADATA_CSUM;
	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, &im), 0);
	ATF_REQUIRE(em.em_ronly);
	ext2_unmount(&em);
	free(im.data);
	ATF_REQUIRE_EQ(ext2_shim_live(), 0);
}

/* Set a 16-bit field of the first entry of directory path's block 0. */
static uint8_t *
dirblock(struct ext2_mount *em, struct img *im, const char *path,
    struct ext2_dinode *di)
{
	uint64_t pbn;
	uint32_t ino;

	ATF_REQUIRE_EQ(ext2_namei(em, path, &ino), 0);
	ATF_REQUIRE_EQ(ext2_read_inode(em, ino, di), 0);
	ATF_REQUIRE_EQ(ext2_bmap(em, di, 0, &pbn), 0);
	ATF_REQUIRE(pbn != 0);
	return (im->data + pbn * em->em_bsize);
}

ATF_TC_WITHOUT_HEAD(bad_dir);
ATF_TC_BODY(bad_dir, tc)
{
	static const uint16_t reclens[] = { 0, 2, 7, 13, 1028, 0xfffc };
	static const char name[] = "entry_with_a_rather_long_name_199";
	struct ext2_mount em;
	struct ext2_dinode di;
	struct img im;
	uint8_t *blk, save[8];
	uint32_t ino;
	size_t i;

	build(&im, 1024, false);
	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, &im), 0);
	blk = dirblock(&em, &im, "d1/many", &di);
	memcpy(save, blk, 8);
	for (i = 0; i < sizeof(reclens) / sizeof(reclens[0]); i++) {
		memcpy(blk + 4, &reclens[i], 2);
		ATF_REQUIRE_EQ_MSG(ext2_lookup(&em, &di, name, strlen(name),
		    &ino), EIO, "rec_len %u", reclens[i]);
		memcpy(blk, save, 8);
	}
	/* A name longer than its record. */
	blk[6] = 200;
	ATF_REQUIRE_EQ(ext2_lookup(&em, &di, name, strlen(name), &ino), EIO);
	memcpy(blk, save, 8);
	/* An inode number past s_inodes_count. */
	memcpy(blk, &(uint32_t){ em.em_sb.s_inodes_count + 1 }, 4);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/many/x", &ino), EIO);
	memcpy(blk, save, 8);
	ATF_REQUIRE_EQ(ext2_lookup(&em, &di, name, strlen(name), &ino), 0);
	/* The root itself. */
	blk = dirblock(&em, &im, "/", &di);
	memcpy(save, blk, 8);
	memcpy(blk + 4, &(uint16_t){ 6 }, 2);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/d2", &ino), EIO);
	memcpy(blk, save, 8);
	ATF_REQUIRE_EQ(ext2_namei(&em, "d1/d2", &ino), 0);
	ext2_unmount(&em);
	free(im.data);
	ATF_REQUIRE_EQ(ext2_shim_live(), 0);
}

ATF_TC_WITHOUT_HEAD(bad_blockptr);
ATF_TC_BODY(bad_blockptr, tc)
{
	struct ext2_mount em;
	struct ext2_dinode di;
	struct img im;
	uint64_t blk;
	uint32_t ino, off, *ptrs, save[EXT2_N_BLOCKS], bad[4];
	char buf[2048];
	size_t done, i, j;

	build(&im, 1024, false);
	ATF_REQUIRE_EQ(ext2_mount(&em, mem_bread, &im), 0);
	ATF_REQUIRE_EQ(ext2_namei(&em, "big300k", &ino), 0);
	ATF_REQUIRE_EQ(ext2_inode_addr(&em, ino, &blk, &off), 0);
	ptrs = (uint32_t *)(im.data + blk * 1024 + off + 40);
	memcpy(save, ptrs, sizeof(save));
	bad[0] = em.em_sb.s_blocks_count;		/* just past */
	bad[1] = em.em_sb.s_blocks_count + 1000;	/* past the device */
	bad[2] = 0xffffffff;
	bad[3] = 0;	/* for the boot block: below s_first_data_block */
	for (i = 0; i < 4; i++) {
		/* A direct pointer, the indirect ones. */
		for (j = 0; j < EXT2_N_BLOCKS; j += (j < 11 ? 11 : 1)) {
			if (bad[i] == 0 && j != 0)
				continue;
			ptrs[j] = bad[i];
			ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
			if (bad[i] == 0) {
				/* 0 is a hole, not an error. */
				ATF_REQUIRE_EQ(ext2_read(&em, &di, 0, buf,
				    sizeof(buf), &done), 0);
			} else
				ATF_REQUIRE_EQ_MSG(ext2_read(&em, &di,
				    j <= 12 ? j * 1024 : 299 * 1024, buf,
				    sizeof(buf), &done), j <= 13 ? EIO : 0,
				    "ptr %zu = %#x", j, bad[i]);
			memcpy(ptrs, save, sizeof(save));
		}
	}
	/* A pointer inside the indirect block. */
	ATF_REQUIRE_EQ(ext2_read_inode(&em, ino, &di), 0);
	ptrs = (uint32_t *)(im.data + (uint64_t)di.i_block[12] * 1024);
	save[0] = ptrs[5];
	ptrs[5] = 0x7fffffff;
	ATF_REQUIRE_EQ(ext2_read(&em, &di, 17 * 1024, buf, 10, &done), EIO);
	ATF_REQUIRE_EQ(ext2_read(&em, &di, 16 * 1024, buf, 10, &done), 0);
	ATF_REQUIRE_EQ(done, 10);
	ptrs[5] = save[0];
	ext2_unmount(&em);
	free(im.data);
	ATF_REQUIRE_EQ(ext2_shim_live(), 0);
}

/*
 * Random bit flips in the metadata (superblock, descriptors, bitmaps,
 * inode tables, directories: the first 600 KiB, half of them in the
 * first 3 KiB: superblock and descriptors); whatever mounts is
 * walked fully.  Only errors or data may come out: no crash, no leak.
 */
ATF_TC_WITHOUT_HEAD(fuzz);
ATF_TC_BODY(fuzz, tc)
{
	struct ext2_mount em;
	struct ext2_dinode di;
	struct img im;
	uint8_t *orig, *buf;
	char target[512];
	uint32_t ino;
	size_t done, len, off;
	int round, k, i, mounted;

	build(&im, 1024, false);
	orig = malloc(im.size);
	memcpy(orig, im.data, im.size);
	buf = malloc(64 * 1024);
	mounted = 0;
	for (round = 0; round < 300; round++) {
		memcpy(im.data, orig, 600 * 1024);
		for (k = 0; k < 1 + (int)(rng() % 16); k++) {
			/* Half in the superblock and descriptors. */
			off = 1024 + rng() % (rng() % 2 == 0 ? 2048 :
			    600 * 1024 - 1024);
			im.data[off] ^= (uint8_t)(1u << (rng() % 8));
		}
		if (ext2_mount(&em, mem_bread, &im) != 0)
			continue;
		mounted++;
		for (i = 0; i < nents; i++) {
			if (ext2_namei(&em, ents[i].path, &ino) != 0 ||
			    ext2_read_inode(&em, ino, &di) != 0)
				continue;
			(void)ext2_read(&em, &di, 0, buf, 64 * 1024, &done);
			(void)ext2_readlink(&em, &di, target, sizeof(target),
			    &len);
		}
		ext2_unmount(&em);
		ATF_REQUIRE_EQ(ext2_shim_live(), 0);
	}
	printf("%d of 300 corrupted images mounted\n", mounted);
	free(orig);
	free(buf);
	free(im.data);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, read_1k);
	ATF_TP_ADD_TC(tp, read_4k);
	ATF_TP_ADD_TC(tp, read_htree);
	ATF_TP_ADD_TC(tp, bmap_1k);
	ATF_TP_ADD_TC(tp, features);
	ATF_TP_ADD_TC(tp, bad_super);
	ATF_TP_ADD_TC(tp, bad_dir);
	ATF_TP_ADD_TC(tp, bad_blockptr);
	ATF_TP_ADD_TC(tp, fuzz);
	return (atf_no_error());
}
