/*
 * ext2_alloc.c: the allocating half of the ext2 write side (ext2_mount.h,
 * share/doc/ext2.md): block and inode bitmaps, the block map grown on
 * demand, truncation, and writing file data.
 *
 * Invariants kept by every function here, on disk and in em:
 * - a bit of a group's bitmap is set iff the block (inode) is in use;
 * - bg_free_blocks_count, bg_free_inodes_count and bg_used_dirs_count
 *   count that group's clear bits and directories; s_free_blocks_count
 *   and s_free_inodes_count are the sums over the groups;
 * - i_blocks counts, in 512-byte units, every data and indirect block a
 *   block map references (the caller writes the inode);
 * - an indirect block holds zeros wherever it maps nothing.
 *
 * Write-through: a changed bitmap block, then the descriptor block, then
 * the superblock (primary copy) are written through em_bwrite before the
 * function returns; new indirect blocks are written (zeroed, then with
 * their one pointer) before the pointer to them is.  The caller
 * serializes all of this with its own per-mount lock.
 *
 * Allocation policy (no Orlov, no preallocation):
 * - blocks: the first free one at or after the goal in the goal's group,
 *   then in the following groups, wrapping around; the goal is the block
 *   after the previous block of the file (or after its indirect block),
 *   else after the last block allocated on this mount (em_bgoal), which
 *   ext2_ialloc points at the group of the inode it just allocated;
 * - inodes: a file in its parent's group if that group has free inodes
 *   and blocks, else the next group that has; a directory in the group
 *   with the most free blocks among those with at least the average
 *   number of free inodes, which spreads directories over the disk.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/libkern.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <fs/ext2fs/ext2_extern.h>
#include <fs/ext2fs/ext2_mount.h>

#define EXT2_MAXLEVEL	3	/* triple indirect */

static int	ext2_zero_tail(struct ext2_mount *em, struct ext2_dinode *dp,
		    uint64_t size);

/* The first block of group g and the number of blocks in it. */
static void
ext2_group_range(const struct ext2_mount *em, uint32_t g, uint64_t *firstp,
    uint32_t *nblkp)
{
	uint64_t first, last;

	KASSERT(g < em->em_ngroups, ("ext2_group_range: group %u", g));
	first = em->em_sb.s_first_data_block +
	    (uint64_t)g * em->em_sb.s_blocks_per_group;
	last = first + em->em_sb.s_blocks_per_group;
	if (last > em->em_sb.s_blocks_count)
		last = em->em_sb.s_blocks_count;
	*firstp = first;
	*nblkp = (uint32_t)(last - first);
}

/* Is n a power of b (1, b, b^2 ...)? */
static bool
ext2_ispower(uint32_t n, uint32_t b)
{
	while (n > 1 && n % b == 0)
		n /= b;
	return (n == 1);
}

/*
 * Does group g hold a copy of the superblock and descriptor table?  All
 * do, except with SPARSE_SUPER: then groups 0, 1 and powers of 3, 5, 7.
 */
static bool
ext2_group_has_super(const struct ext2_mount *em, uint32_t g)
{
	if (em->em_sb.s_rev_level != EXT2_DYNAMIC_REV ||
	    (em->em_sb.s_feature_ro_compat & EXT2F_ROCOMPAT_SPARSE_SUPER) == 0)
		return (true);
	return (g <= 1 || ext2_ispower(g, 3) || ext2_ispower(g, 5) ||
	    ext2_ispower(g, 7));
}

/*
 * Is blk, a block of group g, one of the group's own metadata blocks
 * (superblock and descriptor copies with the reserved GDT blocks,
 * bitmaps, inode table)?  A bitmap showing one of them free is corrupt.
 */
static bool
ext2_is_meta(const struct ext2_mount *em, uint32_t g, uint64_t blk)
{
	const struct ext2_gd *gd = &em->em_gd[g];
	uint64_t first;
	uint32_t n, nmeta;

	ext2_group_range(em, g, &first, &n);
	if (ext2_group_has_super(em, g)) {
		nmeta = 1 + em->em_gdblocks;
		if (em->em_sb.s_feature_compat & EXT2F_COMPAT_RESIZE_INODE)
			nmeta += em->em_sb.s_reserved_gdt_blocks;
		if (blk < first + nmeta)
			return (true);
	}
	return (blk == gd->bg_block_bitmap || blk == gd->bg_inode_bitmap ||
	    (blk >= gd->bg_inode_table &&
	    blk < (uint64_t)gd->bg_inode_table + em->em_itblocks));
}

/* The first clear bit of map in [from, to), or to if there is none. */
static uint32_t
ext2_bit_ffc(const uint8_t *map, uint32_t from, uint32_t to)
{
	uint32_t i;

	for (i = from; i < to; i++) {
		if (i % 8 == 0 && map[i / 8] == 0xff) {
			i += 7;
			continue;
		}
		if ((map[i / 8] & (1u << (i % 8))) == 0)
			return (i);
	}
	return (to);
}

/*
 * Clear bit of the bitmap in block mapblk and write it.  EIO if the bit
 * is clear already (a double free).
 */
static int
ext2_bitmap_clear(struct ext2_mount *em, uint64_t mapblk, uint32_t bit)
{
	uint8_t *map;
	int error;

	KASSERT(bit < 8 * em->em_bsize, ("ext2_bitmap_clear: bit %u", bit));
	map = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ext2_bread(em, mapblk, map);
	if (error == 0 && (map[bit / 8] & (1u << (bit % 8))) == 0)
		error = EIO;
	if (error == 0) {
		map[bit / 8] &= (uint8_t)~(1u << (bit % 8));
		error = ext2_bwrite(em, mapblk, map);
	}
	free(map, M_EXT2);
	return (error);
}

/*
 * Write the counts of group g: the descriptor-table block holding its
 * descriptor, then the superblock.
 */
static int
ext2_write_counts(struct ext2_mount *em, uint32_t g)
{
	int error;

	error = ext2_gdwrite(em, g / (em->em_bsize / sizeof(struct ext2_gd)));
	if (error != 0)
		return (error);
	return (ext2_sbwrite(em));
}

/*
 * Allocate one block, the first free one at or after goal (wrapping
 * around the file system); mark it in the bitmap and the counts, all
 * written.  The block's contents are left as they are.  ENOSPC when no
 * block is free, EIO when the bitmap offers a metadata block.  The
 * blocks reserved for root (s_r_blocks_count) are not held back: that
 * policy is the caller's.
 */
int
ext2_balloc(struct ext2_mount *em, uint64_t goal, uint64_t *blkp)
{
	struct ext2_gd *gd;
	uint64_t first, blk;
	uint32_t g0, g, i, n, from, to, bit;
	uint8_t *map;
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	if (!ext2_blkrange_ok(em, goal, 1))
		goal = em->em_bgoal;
	if (!ext2_blkrange_ok(em, goal, 1))
		goal = em->em_sb.s_first_data_block;
	g0 = (uint32_t)((goal - em->em_sb.s_first_data_block) /
	    em->em_sb.s_blocks_per_group);
	map = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ENOSPC;
	/* The goal's group from the goal, the others, then its start. */
	for (i = 0; i <= em->em_ngroups; i++) {
		g = (g0 + i) % em->em_ngroups;
		gd = &em->em_gd[g];
		if (gd->bg_free_blocks_count == 0)
			continue;
		ext2_group_range(em, g, &first, &n);
		from = i == 0 ? (uint32_t)(goal - first) : 0;
		to = i == em->em_ngroups ? (uint32_t)(goal - first) : n;
		if (from >= to)
			continue;
		error = ext2_bread(em, gd->bg_block_bitmap, map);
		if (error != 0)
			goto out;
		bit = ext2_bit_ffc(map, from, to);
		if (bit == to) {
			error = ENOSPC;
			continue;
		}
		blk = first + bit;
		if (ext2_is_meta(em, g, blk)) {
			error = EIO;
			goto out;
		}
		map[bit / 8] |= (uint8_t)(1u << (bit % 8));
		error = ext2_bwrite(em, gd->bg_block_bitmap, map);
		if (error != 0)
			goto out;
		gd->bg_free_blocks_count--;
		if (em->em_sb.s_free_blocks_count > 0)
			em->em_sb.s_free_blocks_count--;
		error = ext2_write_counts(em, g);
		if (error != 0)
			goto out;
		em->em_bgoal = blk + 1;
		*blkp = blk;
		goto out;
	}
out:
	free(map, M_EXT2);
	return (error);
}

/*
 * Free block blk: clear its bit, count it free, all written.  EIO for a
 * block outside the data area, a metadata block, or one already free.
 */
int
ext2_bfree(struct ext2_mount *em, uint64_t blk)
{
	struct ext2_gd *gd;
	uint64_t first;
	uint32_t g, n, bit;
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	if (!ext2_blkrange_ok(em, blk, 1))
		return (EIO);
	g = (uint32_t)((blk - em->em_sb.s_first_data_block) /
	    em->em_sb.s_blocks_per_group);
	gd = &em->em_gd[g];
	ext2_group_range(em, g, &first, &n);
	if (ext2_is_meta(em, g, blk) || gd->bg_free_blocks_count >= n)
		return (EIO);
	bit = (uint32_t)(blk - first);
	error = ext2_bitmap_clear(em, gd->bg_block_bitmap, bit);
	if (error != 0)
		return (error);
	gd->bg_free_blocks_count++;
	em->em_sb.s_free_blocks_count++;
	return (ext2_write_counts(em, g));
}

/*
 * The group in which to look first for an inode (see the policy at the
 * top of the file), or em_ngroups if no group has a free inode.
 */
static uint32_t
ext2_ialloc_group(struct ext2_mount *em, uint32_t pg, bool dir)
{
	struct ext2_gd *gd;
	uint32_t g, i, best, avg;

	if (dir) {
		avg = em->em_sb.s_free_inodes_count / em->em_ngroups;
		best = em->em_ngroups;
		for (i = 0; i < em->em_ngroups; i++) {
			g = (pg + 1 + i) % em->em_ngroups;
			gd = &em->em_gd[g];
			if (gd->bg_free_inodes_count == 0 ||
			    gd->bg_free_inodes_count < avg)
				continue;
			if (best == em->em_ngroups ||
			    gd->bg_free_blocks_count >
			    em->em_gd[best].bg_free_blocks_count)
				best = g;
		}
		if (best != em->em_ngroups)
			return (best);
	}
	for (i = 0; i < em->em_ngroups; i++) {
		g = (pg + i) % em->em_ngroups;
		gd = &em->em_gd[g];
		if (gd->bg_free_inodes_count > 0 &&
		    gd->bg_free_blocks_count > 0)
			return (g);
	}
	for (i = 0; i < em->em_ngroups; i++) {
		g = (pg + i) % em->em_ngroups;
		if (em->em_gd[g].bg_free_inodes_count > 0)
			return (g);
	}
	return (em->em_ngroups);
}

/* Zero inode ino on disk, all em_isize bytes of it. */
static int
ext2_izero(struct ext2_mount *em, uint32_t ino)
{
	uint64_t blk;
	uint32_t off;
	uint8_t *buf;
	int error;

	error = ext2_inode_addr(em, ino, &blk, &off);
	if (error != 0)
		return (error);
	buf = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ext2_bread(em, blk, buf);
	if (error == 0) {
		memset(buf + off, 0, em->em_isize);
		error = ext2_bwrite(em, blk, buf);
	}
	free(buf, M_EXT2);
	return (error);
}

/*
 * Allocate an inode for a file of type mode (only S_ISDIR matters) in
 * directory pino: mark it in the bitmap, count it (and the directory),
 * zero it on disk, all written; its number in *inop.  The caller fills
 * and writes the inode.  ENOSPC when no inode is free.
 */
int
ext2_ialloc(struct ext2_mount *em, uint32_t pino, uint16_t mode,
    uint32_t *inop)
{
	struct ext2_gd *gd;
	uint32_t ipg, pg, g, i, from, bit, ino;
	uint8_t *map;
	bool dir;
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	ipg = em->em_sb.s_inodes_per_group;
	pg = pino >= 1 && pino <= em->em_sb.s_inodes_count ?
	    (pino - 1) / ipg : 0;
	dir = (mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
	g = ext2_ialloc_group(em, pg, dir);
	if (g == em->em_ngroups)
		return (ENOSPC);
	map = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ENOSPC;
	/* The chosen group, then every group in turn (counts may lie). */
	for (i = 0; i <= em->em_ngroups; i++) {
		if (i > 0)
			g = (pg + i - 1) % em->em_ngroups;
		gd = &em->em_gd[g];
		if (gd->bg_free_inodes_count == 0)
			continue;
		error = ext2_bread(em, gd->bg_inode_bitmap, map);
		if (error != 0)
			goto out;
		/* The reserved inodes (root, journal ...) are in group 0. */
		from = 0;
		if (g == 0)
			from = em->em_sb.s_rev_level == EXT2_DYNAMIC_REV ?
			    em->em_sb.s_first_ino - 1 :
			    EXT2_GOOD_OLD_FIRST_INO - 1;
		bit = ext2_bit_ffc(map, from, ipg);
		if (bit == ipg) {
			error = ENOSPC;
			continue;
		}
		ino = g * ipg + bit + 1;
		map[bit / 8] |= (uint8_t)(1u << (bit % 8));
		error = ext2_izero(em, ino);
		if (error != 0)
			goto out;
		error = ext2_bwrite(em, gd->bg_inode_bitmap, map);
		if (error != 0)
			goto out;
		gd->bg_free_inodes_count--;
		if (dir)
			gd->bg_used_dirs_count++;
		if (em->em_sb.s_free_inodes_count > 0)
			em->em_sb.s_free_inodes_count--;
		error = ext2_write_counts(em, g);
		if (error != 0)
			goto out;
		/* Its blocks go near it unless the file says otherwise. */
		em->em_bgoal = em->em_sb.s_first_data_block +
		    (uint64_t)g * em->em_sb.s_blocks_per_group;
		*inop = ino;
		goto out;
	}
out:
	free(map, M_EXT2);
	return (error);
}

/*
 * Free inode ino, of type mode (directories are uncounted): clear its
 * bit and count it free, all written.  The inode itself (links, dtime,
 * blocks) is the caller's: truncate it to 0 first.  EINVAL for a
 * reserved or out-of-range number, EIO if it is already free.
 */
int
ext2_ifree(struct ext2_mount *em, uint32_t ino, uint16_t mode)
{
	struct ext2_gd *gd;
	uint32_t g, bit, first;
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	first = em->em_sb.s_rev_level == EXT2_DYNAMIC_REV ?
	    em->em_sb.s_first_ino : EXT2_GOOD_OLD_FIRST_INO;
	if (ino < first || ino > em->em_sb.s_inodes_count)
		return (EINVAL);
	g = (ino - 1) / em->em_sb.s_inodes_per_group;
	bit = (ino - 1) % em->em_sb.s_inodes_per_group;
	gd = &em->em_gd[g];
	if (gd->bg_free_inodes_count >= em->em_sb.s_inodes_per_group)
		return (EIO);
	error = ext2_bitmap_clear(em, gd->bg_inode_bitmap, bit);
	if (error != 0)
		return (error);
	gd->bg_free_inodes_count++;
	if ((mode & EXT2_S_IFMT) == EXT2_S_IFDIR && gd->bg_used_dirs_count > 0)
		gd->bg_used_dirs_count--;
	em->em_sb.s_free_inodes_count++;
	return (ext2_write_counts(em, g));
}

/*
 * The path to logical block lbn: *levelp indirect levels (0 = direct),
 * idx[0] the slot of i_block, idx[1..level] the slot in each indirect
 * block down the tree.  EFBIG past the triple indirect tree.
 */
static int
ext2_bpath(const struct ext2_mount *em, uint64_t lbn, int *levelp,
    uint32_t idx[EXT2_MAXLEVEL + 1])
{
	uint64_t nindir, span;
	int level, k;

	if (lbn < EXT2_NDADDR) {
		*levelp = 0;
		idx[0] = (uint32_t)lbn;
		return (0);
	}
	lbn -= EXT2_NDADDR;
	nindir = em->em_nindir;
	span = 1;
	for (level = 1; level <= EXT2_MAXLEVEL; level++) {
		if (lbn < span * nindir)
			break;
		lbn -= span * nindir;
		span *= nindir;
	}
	if (level > EXT2_MAXLEVEL)
		return (EFBIG);
	idx[0] = EXT2_IND_BLOCK + level - 1;
	/* span is nindir^(level-1): the blocks under each pointer. */
	for (k = 1; k <= level; k++) {
		idx[k] = (uint32_t)(lbn / span);
		lbn %= span;
		span /= nindir;
	}
	*levelp = level;
	return (0);
}

/*
 * ext2_bmap_alloc with an explicit goal for new blocks (0: derive it
 * from the neighbouring pointers, else em_bgoal).  The blocks missing on
 * the path are all allocated first (nothing changes if that fails), then
 * written bottom-up: the data block (zeroed if asked), each new indirect
 * block with its one pointer, and last the pointer in the existing
 * indirect block or in *dp.
 */
int
ext2_bmap_alloc_goal(struct ext2_mount *em, struct ext2_dinode *dp,
    uint64_t lbn, bool zero, uint64_t goal, uint64_t *pbnp, bool *newp)
{
	uint64_t newblk[EXT2_MAXLEVEL + 1], parent, ptr;
	uint32_t idx[EXT2_MAXLEVEL + 1], *ind, *nb, *cont, bpb;
	int level, k, n, j, nalloc, error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	if (dp->i_flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL))
		return (EOPNOTSUPP);
	if (ext2_is_fastlink(em, dp))
		return (EINVAL);
	nalloc = 0;
	error = ext2_bpath(em, lbn, &level, idx);
	if (error != 0)
		return (error);
	ind = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	nb = NULL;
	parent = 0;
	/* Walk down while the path exists; k is the depth of the slot. */
	for (k = 0;; k++) {
		ptr = k == 0 ? dp->i_block[idx[0]] : ind[idx[k]];
		if (ptr == 0)
			break;
		if (!ext2_blkrange_ok(em, ptr, 1)) {
			error = EIO;
			goto out;
		}
		if (k == level) {
			*pbnp = ptr;
			*newp = false;
			goto out;
		}
		error = ext2_bread(em, ptr, ind);
		if (error != 0)
			goto out;
		parent = ptr;
	}

	/* Blocks at depths k+1 .. level+1 are missing: n of them. */
	n = level - k + 1;
	bpb = em->em_bsize / 512;
	if ((uint64_t)dp->i_blocks + (uint64_t)n * bpb > UINT32_MAX) {
		error = EFBIG;
		goto out;
	}
	if (goal == 0) {
		/* After the last block mapped before this slot. */
		cont = k == 0 ? dp->i_block : ind;
		for (j = (int)idx[k] - 1; j >= 0 && goal == 0; j--)
			goal = cont[j] != 0 ? (uint64_t)cont[j] + 1 : 0;
		if (goal == 0)
			goal = parent != 0 ? parent + 1 : em->em_bgoal;
	}
	for (nalloc = 0; nalloc < n; nalloc++) {
		error = ext2_balloc(em, goal, &newblk[nalloc]);
		if (error != 0)
			goto undo;
		goal = newblk[nalloc] + 1;
	}

	nb = malloc(em->em_bsize, M_EXT2, M_WAITOK | M_ZERO);
	if (zero) {
		error = ext2_bwrite(em, newblk[n - 1], nb);
		if (error != 0)
			goto undo;
	}
	for (j = n - 2; j >= 0; j--) {
		memset(nb, 0, em->em_bsize);
		nb[idx[k + 1 + j]] = (uint32_t)newblk[j + 1];
		error = ext2_bwrite(em, newblk[j], nb);
		if (error != 0)
			goto undo;
	}
	if (k == 0)
		dp->i_block[idx[0]] = (uint32_t)newblk[0];
	else {
		ind[idx[k]] = (uint32_t)newblk[0];
		error = ext2_bwrite(em, parent, ind);
		if (error != 0)
			goto undo;
	}
	dp->i_blocks += (uint32_t)n * bpb;
	*pbnp = newblk[n - 1];
	*newp = true;
	goto out;
undo:
	while (nalloc-- > 0)
		(void)ext2_bfree(em, newblk[nalloc]);
out:
	free(ind, M_EXT2);
	if (nb != NULL)
		free(nb, M_EXT2);
	return (error);
}

/*
 * Map logical block lbn of the file to a device block, allocating it
 * and any missing indirect block (those zeroed on disk) if it is a hole;
 * the data block is zeroed on disk only if zero.  *newp tells whether
 * the data block is new.  Updates dp's pointers and i_blocks; the caller
 * writes the inode.  EFBIG past the triple indirect tree (or when
 * i_blocks would overflow), ENOSPC, EINVAL for a fast symlink, EIO for a
 * pointer out of range.  Leaves no trace when it fails.
 */
int
ext2_bmap_alloc(struct ext2_mount *em, struct ext2_dinode *dp, uint64_t lbn,
    bool zero, uint64_t *pbnp, bool *newp)
{
	return (ext2_bmap_alloc_goal(em, dp, lbn, zero, 0, pbnp, newp));
}

/*
 * The largest size of a regular file, as Linux's ext2_max_size: what the
 * block pointers (12 direct, single, double and triple indirect) reach,
 * and what i_blocks (32 bits of 512-byte sectors, the indirect blocks
 * included) counts.  4 KiB blocks: about 2 TiB; 1 KiB: about 16 GiB.
 */
uint64_t
ext2_maxbytes(const struct ext2_mount *em)
{
	uint64_t p = em->em_nindir, bpb = em->em_bsize / 512;
	uint64_t reach, meta, count;

	reach = EXT2_NDADDR + p + p * p + p * p * p;
	/* Indirect blocks a file of `count' data blocks needs, at most. */
	meta = 1 + (1 + p) + (1 + p + p * p);
	count = UINT32_MAX / bpb;
	count = count > meta ? count - meta : 0;
	return (MIN(reach, count) * em->em_bsize);
}

/*
 * Set dp's size, in i_size and, for a regular file, i_size_high.  A size
 * of 2 GiB or more sets the LARGE_FILE feature (written at once) if the
 * file system lacks it; EFBIG on a revision 0 file system, which cannot
 * have it, for a non-regular file of 4 GiB or more, and past
 * ext2_maxbytes (e2fsck: "i_size is ..., should be ...").
 */
int
ext2_set_size(struct ext2_mount *em, struct ext2_dinode *dp, uint64_t size)
{
	struct ext2_super *sb = &em->em_sb;
	int error;

	if ((dp->i_mode & EXT2_S_IFMT) != EXT2_S_IFREG) {
		if (size > UINT32_MAX)
			return (EFBIG);
		dp->i_size = (uint32_t)size;
		return (0);
	}
	if (size > ext2_maxbytes(em))
		return (EFBIG);
	if (size > INT32_MAX &&
	    (sb->s_feature_ro_compat & EXT2F_ROCOMPAT_LARGE_FILE) == 0) {
		if (sb->s_rev_level != EXT2_DYNAMIC_REV)
			return (EFBIG);
		sb->s_feature_ro_compat |= EXT2F_ROCOMPAT_LARGE_FILE;
		error = ext2_sbwrite(em);
		if (error != 0)
			return (error);
	}
	dp->i_size = (uint32_t)size;
	dp->i_size_high = (uint32_t)(size >> 32);
	return (0);
}

/* Would ext2_set_size accept size for dp?  0 or EFBIG. */
static int
ext2_size_ok(const struct ext2_mount *em, const struct ext2_dinode *dp,
    uint64_t size)
{
	if ((dp->i_mode & EXT2_S_IFMT) != EXT2_S_IFREG)
		return (size > UINT32_MAX ? EFBIG : 0);
	if (size > INT32_MAX && em->em_sb.s_rev_level != EXT2_DYNAMIC_REV)
		return (EFBIG);
	if (size > ext2_maxbytes(em))
		return (EFBIG);
	return (0);
}

/*
 * Zero the bytes of the block holding offset size, from size to the end
 * of the block, if size is inside a mapped block: what lies past the end
 * of a file must read as zeros when the file grows over it.
 */
static int
ext2_zero_tail(struct ext2_mount *em, struct ext2_dinode *dp, uint64_t size)
{
	uint64_t pbn;
	uint32_t boff;
	uint8_t *blk;
	int error;

	boff = (uint32_t)(size % em->em_bsize);
	if (boff == 0)
		return (0);
	error = ext2_bmap(em, dp, size / em->em_bsize, &pbn);
	if (error != 0 || pbn == 0)
		return (error == EFBIG ? 0 : error);
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ext2_bread(em, pbn, blk);
	if (error == 0) {
		memset(blk + boff, 0, em->em_bsize - boff);
		error = ext2_bwrite(em, pbn, blk);
	}
	free(blk, M_EXT2);
	return (error);
}

/*
 * Free what the indirect block *ptrp, of the given level (1: it maps data
 * blocks), maps from logical block first on; base is the logical block
 * its slot 0 maps.  The block itself is freed (and *ptrp zeroed) when it
 * lies wholly past first, else rewritten with the freed slots zeroed.
 */
static int
ext2_trunc_ind(struct ext2_mount *em, struct ext2_dinode *dp,
    uint32_t *ptrp, int level, uint64_t base, uint64_t first)
{
	uint64_t span, lo;
	uint32_t *ind, i, bpb;
	bool dirty;
	int l, error;

	if (*ptrp == 0)
		return (0);
	if (!ext2_blkrange_ok(em, *ptrp, 1))
		return (EIO);
	span = 1;
	for (l = 1; l < level; l++)
		span *= em->em_nindir;
	bpb = em->em_bsize / 512;
	ind = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ext2_bread(em, *ptrp, ind);
	if (error != 0)
		goto out;
	dirty = false;
	for (i = 0; i < em->em_nindir; i++) {
		lo = base + i * span;
		if (lo + span <= first || ind[i] == 0)
			continue;
		if (level > 1) {
			error = ext2_trunc_ind(em, dp, &ind[i], level - 1, lo,
			    first);
		} else {
			error = ext2_bfree(em, ind[i]);
			if (error == 0) {
				ind[i] = 0;
				dp->i_blocks -= bpb;
			}
		}
		dirty = true;
		if (error != 0)
			break;
	}
	if (error == 0 && first <= base) {
		error = ext2_bfree(em, *ptrp);
		if (error == 0) {
			*ptrp = 0;
			dp->i_blocks -= bpb;
		}
	} else if (dirty) {
		/* Also after an error: record what was freed. */
		if (ext2_bwrite(em, *ptrp, ind) != 0 && error == 0)
			error = EIO;
	}
out:
	free(ind, M_EXT2);
	return (error);
}

/*
 * Set the file's size to newsize.  Shrinking frees every data and
 * indirect block wholly past newsize and zeroes the rest of the last
 * partial block on disk; growing zeroes the rest of the old last partial
 * block and allocates nothing (the file is sparse there).  A fast symlink
 * keeps its target in i_block: only shrinking it is allowed (EINVAL).
 * Updates dp (size, pointers, i_blocks); the caller writes the inode.
 */
int
ext2_truncate(struct ext2_mount *em, struct ext2_dinode *dp, uint64_t newsize)
{
	uint64_t oldsize, first, base, span;
	uint32_t i, bpb;
	int level, error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	if (dp->i_flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL))
		return (EOPNOTSUPP);
	oldsize = ext2_isize(dp);
	if (ext2_is_fastlink(em, dp)) {
		if (newsize > oldsize || oldsize >= EXT2_FAST_SYMLINK_MAX)
			return (EINVAL);
		memset((char *)dp->i_block + newsize, 0, oldsize - newsize);
		return (ext2_set_size(em, dp, newsize));
	}
	if (newsize > oldsize) {
		error = ext2_size_ok(em, dp, newsize);
		if (error == 0)
			error = ext2_zero_tail(em, dp, oldsize);
		if (error == 0)
			error = ext2_set_size(em, dp, newsize);
		return (error);
	}

	/* Shrink (or same size: frees any block past the end). */
	first = howmany(newsize, em->em_bsize);
	bpb = em->em_bsize / 512;
	for (i = (uint32_t)MIN(first, EXT2_NDADDR); i < EXT2_NDADDR; i++) {
		if (dp->i_block[i] == 0)
			continue;
		error = ext2_bfree(em, dp->i_block[i]);
		if (error != 0)
			return (error);
		dp->i_block[i] = 0;
		dp->i_blocks -= bpb;
	}
	base = EXT2_NDADDR;
	span = em->em_nindir;
	for (level = 1; level <= EXT2_MAXLEVEL; level++) {
		if (base + span > first) {
			error = ext2_trunc_ind(em, dp,
			    &dp->i_block[EXT2_IND_BLOCK + level - 1], level,
			    base, first);
			if (error != 0)
				return (error);
		}
		base += span;
		span *= em->em_nindir;
	}
	error = ext2_zero_tail(em, dp, newsize);
	if (error != 0)
		return (error);
	return (ext2_set_size(em, dp, newsize));
}

/*
 * Write len bytes of buf at offset off of the file, allocating blocks as
 * needed, and extend the size over them; the caller writes the inode.  A
 * block written in part is read first (or taken as zeros if new).  On an
 * error the size covers what was written.  EINVAL for a fast symlink
 * (the caller stores short targets in i_block itself).
 */
int
ext2_write(struct ext2_mount *em, struct ext2_dinode *dp, uint64_t off,
    const void *buf, size_t len)
{
	const uint8_t *src = buf;
	uint64_t size, lbn, pbn;
	uint32_t boff, n;
	uint8_t *blk;
	size_t done;
	bool new;
	int error, error2;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	if (ext2_is_fastlink(em, dp))
		return (EINVAL);
	if (len == 0)
		return (0);
	if (off + len < off)
		return (EFBIG);
	error = ext2_size_ok(em, dp, off + len);
	if (error != 0)
		return (error);
	size = ext2_isize(dp);
	if (off > size) {
		error = ext2_zero_tail(em, dp, size);
		if (error != 0)
			return (error);
	}
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	for (done = 0; done < len; done += n) {
		lbn = (off + done) / em->em_bsize;
		boff = (uint32_t)((off + done) % em->em_bsize);
		n = em->em_bsize - boff;
		if (n > len - done)
			n = (uint32_t)(len - done);
		error = ext2_bmap_alloc(em, dp, lbn, false, &pbn, &new);
		if (error != 0)
			break;
		if (n == em->em_bsize) {
			error = ext2_bwrite(em, pbn, src + done);
			if (error != 0)
				break;
			continue;
		}
		if (new)
			memset(blk, 0, em->em_bsize);
		else {
			error = ext2_bread(em, pbn, blk);
			if (error != 0)
				break;
		}
		memcpy(blk + boff, src + done, n);
		error = ext2_bwrite(em, pbn, blk);
		if (error != 0)
			break;
	}
	free(blk, M_EXT2);
	if (off + done > size) {
		error2 = ext2_set_size(em, dp, off + done);
		if (error == 0)
			error = error2;
	}
	return (error);
}
