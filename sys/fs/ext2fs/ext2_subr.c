/*
 * ext2_subr.c: reading ext2 revision 0/1 file systems through a block-read
 * callback (ext2_mount.h, share/doc/ext2.md): superblock validation, the
 * group descriptor table, inodes, the block map, file data, directories,
 * path lookup and symlinks; and the few write primitives the rest of the
 * library shares (checked block writes, inode writes, the superblock and
 * descriptor table).  Allocation and truncation are in ext2_alloc.c,
 * directory changes in ext2_dir.c.
 *
 * Every number read from the disk is checked before it is used as an
 * index or a block number, so a corrupt image gives an errno, never a
 * read outside a buffer or the device.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/libkern.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <fs/ext2fs/ext2_extern.h>
#include <fs/ext2fs/ext2_mount.h>

MALLOC_DEFINE(M_EXT2, "ext2", "ext2 file system buffers");

/* Is x a power of two (and nonzero)? */
static bool
ispow2(uint32_t x)
{
	return (x != 0 && (x & (x - 1)) == 0);
}

/*
 * Check a superblock for consistency and support; on success store the
 * number of block groups.  EINVAL for what cannot be a valid ext2
 * superblock, EOPNOTSUPP for a valid one this code cannot read.
 */
int
ext2_sb_check(const struct ext2_super *sb, uint32_t *ngroupsp)
{
	uint64_t ngroups, bsize, isize, itbytes;

	if (sb->s_magic != EXT2_SUPER_MAGIC)
		return (EINVAL);
	if (sb->s_rev_level > EXT2_DYNAMIC_REV)
		return (EINVAL);
	if (sb->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG)
		return (EINVAL);
	bsize = 1024u << sb->s_log_block_size;
	if (sb->s_log_frag_size != sb->s_log_block_size)
		return (EOPNOTSUPP);	/* fragments were never implemented */
	if (sb->s_rev_level == EXT2_DYNAMIC_REV) {
		if (sb->s_feature_incompat & ~EXT2F_INCOMPAT_SUPP)
			return (EOPNOTSUPP);
		isize = sb->s_inode_size;
		if (isize < EXT2_GOOD_OLD_INODE_SIZE || isize > bsize ||
		    !ispow2((uint32_t)isize))
			return (EINVAL);
		if (sb->s_first_ino <= EXT2_ROOT_INO ||
		    sb->s_first_ino > sb->s_inodes_count)
			return (EINVAL);
	} else
		isize = EXT2_GOOD_OLD_INODE_SIZE;
	if (sb->s_first_data_block != (bsize == 1024 ? 1u : 0u))
		return (EINVAL);
	if (sb->s_blocks_per_group == 0 ||
	    sb->s_blocks_per_group > 8 * bsize ||
	    sb->s_inodes_per_group == 0 ||
	    sb->s_inodes_per_group > 8 * bsize)
		return (EINVAL);
	if (sb->s_blocks_count <= sb->s_first_data_block ||
	    sb->s_free_blocks_count > sb->s_blocks_count ||
	    sb->s_r_blocks_count > sb->s_blocks_count ||
	    sb->s_free_inodes_count > sb->s_inodes_count)
		return (EINVAL);
	ngroups = howmany((uint64_t)sb->s_blocks_count -
	    sb->s_first_data_block, sb->s_blocks_per_group);
	if (ngroups * sb->s_inodes_per_group != sb->s_inodes_count)
		return (EINVAL);
	/* The inode table of a group must fit in the group. */
	itbytes = (uint64_t)sb->s_inodes_per_group * isize;
	if (itbytes % bsize != 0 ||
	    itbytes / bsize >= sb->s_blocks_per_group)
		return (EINVAL);
	/* Superblock and descriptor table must fit in the first group. */
	if (2 + howmany(ngroups * sizeof(struct ext2_gd), bsize) >
	    sb->s_blocks_per_group)
		return (EINVAL);
	*ngroupsp = (uint32_t)ngroups;
	return (0);
}

/* Is [blk, blk + n) inside the file system's data blocks? */
bool
ext2_blkrange_ok(const struct ext2_mount *em, uint64_t blk, uint64_t n)
{
	return (blk >= em->em_sb.s_first_data_block &&
	    blk + n <= em->em_sb.s_blocks_count && blk + n > blk);
}

/* Read file system block blkno into buf (em_bsize bytes). */
int
ext2_bread(struct ext2_mount *em, uint64_t blkno, void *buf)
{
	if (!ext2_blkrange_ok(em, blkno, 1))
		return (EIO);
	return (em->em_bread(em->em_dev, blkno, em->em_bsize, buf));
}

/* May the write functions change this file system?  0 or EROFS. */
int
ext2_writable(const struct ext2_mount *em)
{
	if (em->em_bwrite == NULL || em->em_ronly)
		return (EROFS);
	return (0);
}

/* Write buf (em_bsize bytes) to file system block blkno. */
int
ext2_bwrite(struct ext2_mount *em, uint64_t blkno, const void *buf)
{
	KASSERT(ext2_writable(em) == 0, ("ext2_bwrite: read-only mount"));
	if (!ext2_blkrange_ok(em, blkno, 1))
		return (EIO);
	return (em->em_bwrite(em->em_dev, blkno, em->em_bsize, buf));
}

/*
 * Read and check the superblock and the group descriptor table.  On
 * success em is ready for the other calls; ext2_unmount releases it.
 */
int
ext2_mount(struct ext2_mount *em, ext2_bread_t *bread, void *dev)
{
	struct ext2_super *sb;
	struct ext2_gd *gd;
	uint8_t *buf;
	uint64_t gdblk, first, last;
	uint32_t i, ngroups, gdbytes, nblk;
	int error;

	memset(em, 0, sizeof(*em));
	em->em_bread = bread;
	em->em_dev = dev;
	sb = &em->em_sb;
	error = bread(dev, EXT2_SBLOCK_OFFSET / EXT2_SBLOCK_SIZE,
	    EXT2_SBLOCK_SIZE, sb);
	if (error != 0)
		return (error);
	error = ext2_sb_check(sb, &ngroups);
	if (error != 0)
		return (error);
	em->em_bsize = 1024u << sb->s_log_block_size;
	em->em_nindir = em->em_bsize / sizeof(uint32_t);
	em->em_ngroups = ngroups;
	em->em_isize = sb->s_rev_level == EXT2_GOOD_OLD_REV ?
	    EXT2_GOOD_OLD_INODE_SIZE : sb->s_inode_size;
	em->em_ipb = em->em_bsize / em->em_isize;
	em->em_itblocks = sb->s_inodes_per_group / em->em_ipb;
	/*
	 * Unknown ro_compat features (checksums, huge files ...) would be
	 * left inconsistent by our writes; a file system that was not
	 * unmounted cleanly, or has recorded errors, wants e2fsck first.
	 */
	em->em_ronly = (sb->s_rev_level == EXT2_DYNAMIC_REV &&
	    (sb->s_feature_ro_compat & ~EXT2F_ROCOMPAT_SUPP) != 0) ||
	    (sb->s_state & EXT2_VALID_FS) == 0 ||
	    (sb->s_state & EXT2_ERROR_FS) != 0;

	/* The table starts in the block after the superblock's. */
	gdbytes = ngroups * sizeof(struct ext2_gd);
	nblk = howmany(gdbytes, em->em_bsize);
	em->em_gdblocks = nblk;
	gdblk = sb->s_first_data_block + 1;
	/*
	 * A corrupt superblock can ask for tens of MiB here (the table is
	 * bounded only by s_blocks_per_group blocks): fail, don't panic.
	 */
	buf = malloc((size_t)nblk * em->em_bsize, M_EXT2, M_NOWAIT | M_ZERO);
	if (buf == NULL)
		return (ENOMEM);
	for (i = 0; i < nblk; i++) {
		error = ext2_bread(em, gdblk + i, buf + (size_t)i *
		    em->em_bsize);
		if (error != 0)
			goto fail;
	}
	em->em_gd = (struct ext2_gd *)buf;
	for (i = 0; i < ngroups; i++) {
		gd = &em->em_gd[i];
		first = sb->s_first_data_block +
		    (uint64_t)i * sb->s_blocks_per_group;
		last = first + sb->s_blocks_per_group;
		if (last > sb->s_blocks_count)
			last = sb->s_blocks_count;
		/* Without FLEX_BG a group's metadata lies in the group. */
		if (gd->bg_block_bitmap < first ||
		    gd->bg_block_bitmap >= last ||
		    gd->bg_inode_bitmap < first ||
		    gd->bg_inode_bitmap >= last ||
		    gd->bg_inode_table < first ||
		    (uint64_t)gd->bg_inode_table + em->em_itblocks > last ||
		    gd->bg_free_inodes_count > sb->s_inodes_per_group ||
		    gd->bg_free_blocks_count > sb->s_blocks_per_group) {
			error = EINVAL;
			goto fail;
		}
	}
	em->em_bgoal = sb->s_first_data_block;
	return (0);
fail:
	free(buf, M_EXT2);
	em->em_gd = NULL;
	return (error);
}

/* Release what ext2_mount allocated. */
void
ext2_unmount(struct ext2_mount *em)
{
	if (em->em_gd != NULL)
		free(em->em_gd, M_EXT2);
	em->em_gd = NULL;
}

/*
 * Where inode ino lives: the block holding it and its byte offset in that
 * block.  EINVAL for an inode number out of range.
 */
int
ext2_inode_addr(struct ext2_mount *em, uint32_t ino, uint64_t *blkp,
    uint32_t *offp)
{
	uint32_t group, idx;

	KASSERT(em->em_gd != NULL, ("ext2_inode_addr: not mounted"));
	if (ino == 0 || ino > em->em_sb.s_inodes_count)
		return (EINVAL);
	group = (ino - 1) / em->em_sb.s_inodes_per_group;
	idx = (ino - 1) % em->em_sb.s_inodes_per_group;
	*blkp = (uint64_t)em->em_gd[group].bg_inode_table + idx / em->em_ipb;
	*offp = (idx % em->em_ipb) * em->em_isize;
	return (0);
}

/* Read the first 128 bytes of inode ino into *dp. */
int
ext2_read_inode(struct ext2_mount *em, uint32_t ino, struct ext2_dinode *dp)
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
	if (error == 0)
		memcpy(dp, buf + off, sizeof(*dp));
	free(buf, M_EXT2);
	return (error);
}

/*
 * Write *dp as the first 128 bytes of inode ino (read-modify-write of its
 * block; the rest of a large inode is kept).
 */
int
ext2_write_inode(struct ext2_mount *em, uint32_t ino,
    const struct ext2_dinode *dp)
{
	uint64_t blk;
	uint32_t off;
	uint8_t *buf;
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	error = ext2_inode_addr(em, ino, &blk, &off);
	if (error != 0)
		return (error);
	buf = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ext2_bread(em, blk, buf);
	if (error == 0) {
		memcpy(buf + off, dp, sizeof(*dp));
		error = ext2_bwrite(em, blk, buf);
	}
	free(buf, M_EXT2);
	return (error);
}

/*
 * Write the in-memory superblock (its primary copy, byte 1024) and the
 * whole descriptor table.  The backup copies in other groups are left
 * as mke2fs wrote them (e2fsck only uses them when the primary is bad).
 */
int
ext2_sync_super(struct ext2_mount *em)
{
	uint32_t i;
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	for (i = 0; i < em->em_gdblocks; i++) {
		error = ext2_gdwrite(em, i);
		if (error != 0)
			return (error);
	}
	return (ext2_sbwrite(em));
}

/* Write block i of the in-memory descriptor table to its place. */
int
ext2_gdwrite(struct ext2_mount *em, uint32_t i)
{
	KASSERT(i < em->em_gdblocks, ("ext2_gdwrite: block %u", i));
	return (ext2_bwrite(em, em->em_sb.s_first_data_block + 1 + i,
	    (uint8_t *)em->em_gd + (size_t)i * em->em_bsize));
}

/*
 * Write the in-memory superblock to its primary place: 1024 bytes at
 * byte 1024, addressed as the read at mount was (blkno 1, bsize 1024).
 */
int
ext2_sbwrite(struct ext2_mount *em)
{
	KASSERT(ext2_writable(em) == 0, ("ext2_sbwrite: read-only mount"));
	return (em->em_bwrite(em->em_dev, EXT2_SBLOCK_OFFSET /
	    EXT2_SBLOCK_SIZE, EXT2_SBLOCK_SIZE, &em->em_sb));
}

/* The size of a file in bytes (i_size_high is used for regular files). */
uint64_t
ext2_isize(const struct ext2_dinode *dp)
{
	if ((dp->i_mode & EXT2_S_IFMT) == EXT2_S_IFREG)
		return ((uint64_t)dp->i_size_high << 32 | dp->i_size);
	return (dp->i_size);
}

/*
 * Map logical block lbn of the file to a device block: *pbnp is 0 for a
 * hole.  Walks the direct pointers, then the single, double and triple
 * indirect trees.  EFBIG past the triple indirect range, EIO for a
 * pointer outside the file system.
 */
int
ext2_bmap(struct ext2_mount *em, const struct ext2_dinode *dp,
    uint64_t lbn, uint64_t *pbnp)
{
	uint64_t nindir, span, blk;
	uint32_t *ind;
	int level, error;

	if (dp->i_flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL))
		return (EOPNOTSUPP);
	*pbnp = 0;
	if (lbn < EXT2_NDADDR) {
		blk = dp->i_block[lbn];
		goto out;
	}
	lbn -= EXT2_NDADDR;
	nindir = em->em_nindir;
	/* Find the tree (level 1..3) and the size of its subtrees. */
	span = 1;
	for (level = 1; level <= 3; level++) {
		if (lbn < span * nindir)
			break;
		lbn -= span * nindir;
		span *= nindir;
	}
	if (level > 3)
		return (EFBIG);
	blk = dp->i_block[EXT2_IND_BLOCK + level - 1];
	ind = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	/* span is nindir^(level-1): the blocks under each pointer. */
	for (; level > 0; level--) {
		if (blk == 0)
			break;
		error = ext2_bread(em, blk, ind);
		if (error != 0) {
			free(ind, M_EXT2);
			return (error);
		}
		blk = ind[lbn / span];
		lbn %= span;
		span /= nindir;
	}
	free(ind, M_EXT2);
out:
	if (blk != 0 && !ext2_blkrange_ok(em, blk, 1))
		return (EIO);
	*pbnp = blk;
	return (0);
}

/*
 * Read up to len bytes of the file at offset off into buf; *donep is what
 * was read (short at end of file, 0 at or past it).  Holes read as zeros.
 */
int
ext2_read(struct ext2_mount *em, const struct ext2_dinode *dp,
    uint64_t off, void *buf, size_t len, size_t *donep)
{
	uint64_t size, lbn, pbn;
	uint32_t boff, n;
	uint8_t *blk, *dst;
	size_t done;
	int error;

	*donep = 0;
	size = ext2_isize(dp);
	if (off >= size)
		return (0);
	if (len > size - off)
		len = (size_t)(size - off);
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	dst = buf;
	error = 0;
	for (done = 0; done < len; done += n) {
		lbn = (off + done) / em->em_bsize;
		boff = (uint32_t)((off + done) % em->em_bsize);
		n = em->em_bsize - boff;
		if (n > len - done)
			n = (uint32_t)(len - done);
		error = ext2_bmap(em, dp, lbn, &pbn);
		if (error != 0)
			break;
		if (pbn == 0) {
			memset(dst + done, 0, n);
			continue;
		}
		error = ext2_bread(em, pbn, blk);
		if (error != 0)
			break;
		memcpy(dst + done, blk + boff, n);
	}
	free(blk, M_EXT2);
	*donep = done;
	return (error);
}

/* Does the file system store file types in directory entries? */
bool
ext2_has_filetype(const struct ext2_mount *em)
{
	return (em->em_sb.s_rev_level == EXT2_DYNAMIC_REV &&
	    (em->em_sb.s_feature_incompat & EXT2F_INCOMPAT_FILETYPE) != 0);
}

/*
 * Check the directory entry at byte off of block blk (em_bsize bytes) and
 * decode its record and name lengths: at least 8 bytes left in the block;
 * rec_len at least 8, a multiple of 4, inside the block; the name inside
 * rec_len; the inode in range; a used entry named with 1..255 bytes.
 * EIO for a bad entry.
 */
int
ext2_dirent_check(const struct ext2_mount *em, const uint8_t *blk,
    uint32_t off, uint32_t *reclenp, uint16_t *namelenp)
{
	const struct ext2_dirent *de;
	uint32_t reclen;
	uint16_t namelen;

	if (off >= em->em_bsize || em->em_bsize - off < EXT2_DIRENT_HDR)
		return (EIO);
	de = (const struct ext2_dirent *)(blk + off);
	reclen = de->rec_len;
	/* 64 KiB blocks store 65536 as 0 (or 65535). */
	if (em->em_bsize == 65536 && off == 0 &&
	    (reclen == 0 || reclen == 65535))
		reclen = 65536;
	namelen = ext2_has_filetype(em) ? de->name_len :
	    (uint16_t)(de->name_len | de->file_type << 8);
	if (reclen < EXT2_DIRENT_HDR || reclen % 4 != 0 ||
	    reclen > em->em_bsize - off ||
	    EXT2_DIRENT_HDR + namelen > reclen ||
	    de->inode > em->em_sb.s_inodes_count)
		return (EIO);
	if (de->inode != 0 && (namelen == 0 || namelen > EXT2_NAME_LEN))
		return (EIO);
	*reclenp = reclen;
	*namelenp = namelen;
	return (0);
}

/*
 * Read block lbn of directory dp into blk; its device block in *pbnp.
 * EIO for a hole: directories have none.
 */
int
ext2_dir_bread(struct ext2_mount *em, const struct ext2_dinode *dp,
    uint64_t lbn, uint64_t *pbnp, void *blk)
{
	int error;

	error = ext2_bmap(em, dp, lbn, pbnp);
	if (error == 0 && *pbnp == 0)
		error = EIO;
	if (error == 0)
		error = ext2_bread(em, *pbnp, blk);
	return (error);
}

/*
 * Call cb for every used entry of directory dp, in disk order.  Each
 * entry is checked first (ext2_dirent_check); a bad entry ends the walk
 * with EIO.
 */
int
ext2_dir_iterate(struct ext2_mount *em, const struct ext2_dinode *dp,
    ext2_dir_cb_t *cb, void *arg)
{
	struct ext2_dirent_info di;
	const struct ext2_dirent *de;
	uint64_t size, lbn, pbn;
	uint32_t off, reclen;
	uint8_t *blk;
	bool ftype;
	int error;

	if ((dp->i_mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
		return (ENOTDIR);
	size = ext2_isize(dp);
	if (size % em->em_bsize != 0)
		return (EIO);
	ftype = ext2_has_filetype(em);
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = 0;
	for (lbn = 0; lbn < size / em->em_bsize && error == 0; lbn++) {
		error = ext2_dir_bread(em, dp, lbn, &pbn, blk);
		if (error != 0)
			break;
		for (off = 0; off < em->em_bsize; off += reclen) {
			error = ext2_dirent_check(em, blk, off, &reclen,
			    &di.di_namelen);
			if (error != 0)
				break;
			de = (const struct ext2_dirent *)(blk + off);
			if (de->inode == 0)
				continue;
			di.di_type = ftype ? de->file_type : EXT2_FT_UNKNOWN;
			di.di_ino = de->inode;
			di.di_name = de->name;
			error = cb(arg, &di);
			if (error != 0)
				break;
		}
	}
	free(blk, M_EXT2);
	return (error);
}

struct ext2_lookup_arg {
	const char	*la_name;
	size_t		la_namelen;
	uint32_t	la_ino;
};

#define EXT2_LOOKUP_FOUND	(-1)	/* stops the walk; not an errno */

/* ext2_dir_iterate callback of ext2_lookup: compare one name. */
static int
ext2_lookup_cb(void *arg, const struct ext2_dirent_info *de)
{
	struct ext2_lookup_arg *la = arg;

	if (de->di_namelen != la->la_namelen ||
	    memcmp(de->di_name, la->la_name, la->la_namelen) != 0)
		return (0);
	la->la_ino = de->di_ino;
	return (EXT2_LOOKUP_FOUND);
}

/* Find name (namelen bytes, no '/') in directory dp; its inode in *inop. */
int
ext2_lookup(struct ext2_mount *em, const struct ext2_dinode *dp,
    const char *name, size_t namelen, uint32_t *inop)
{
	struct ext2_lookup_arg la;
	int error;

	if (namelen == 0)
		return (ENOENT);
	if (namelen > EXT2_NAME_LEN)
		return (ENAMETOOLONG);
	la.la_name = name;
	la.la_namelen = namelen;
	la.la_ino = 0;
	error = ext2_dir_iterate(em, dp, ext2_lookup_cb, &la);
	if (error == EXT2_LOOKUP_FOUND) {
		*inop = la.la_ino;
		return (0);
	}
	return (error != 0 ? error : ENOENT);
}

/*
 * Resolve an absolute or root-relative path ("/a/b", "a//b/") from the
 * root directory to an inode number.  Symbolic links are not followed
 * (the VFS will do that): a symlink in the middle of a path gives
 * ENOTDIR, one at the end is returned as itself.
 */
int
ext2_namei(struct ext2_mount *em, const char *path, uint32_t *inop)
{
	struct ext2_dinode di;
	const char *p, *end;
	uint32_t ino;
	int error;

	ino = EXT2_ROOT_INO;
	for (p = path;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (end = p; *end != '\0' && *end != '/'; end++)
			;
		error = ext2_read_inode(em, ino, &di);
		if (error != 0)
			return (error);
		error = ext2_lookup(em, &di, p, (size_t)(end - p), &ino);
		if (error != 0)
			return (error);
		p = end;
		if (*p == '/') {
			/* More follows (even just "/"): must be a directory. */
			error = ext2_read_inode(em, ino, &di);
			if (error != 0)
				return (error);
			if ((di.i_mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
				return (ENOTDIR);
		}
	}
	*inop = ino;
	return (0);
}

/*
 * Is dp a fast symlink, its target in i_block?  A symlink with a target
 * (size > 0) and no data block: i_blocks is 0, or counts only its
 * extended attribute block (i_file_acl).  A new symlink (size 0) is not.
 */
bool
ext2_is_fastlink(const struct ext2_mount *em, const struct ext2_dinode *dp)
{
	uint32_t eablocks;

	if ((dp->i_mode & EXT2_S_IFMT) != EXT2_S_IFLNK || ext2_isize(dp) == 0)
		return (false);
	eablocks = dp->i_file_acl != 0 ? em->em_bsize / 512 : 0;
	return (dp->i_blocks == eablocks);
}

/*
 * Copy the target of symlink dp into buf (NUL-terminated, bufsize bytes
 * at most); its length in *lenp.  A fast symlink (ext2_is_fastlink)
 * holds the target in i_block; a slow one in its first data block.
 * ERANGE if buf is too small.
 */
int
ext2_readlink(struct ext2_mount *em, const struct ext2_dinode *dp,
    char *buf, size_t bufsize, size_t *lenp)
{
	uint64_t size;
	size_t done;
	int error;

	if ((dp->i_mode & EXT2_S_IFMT) != EXT2_S_IFLNK)
		return (EINVAL);
	size = ext2_isize(dp);
	if (size == 0 || size >= em->em_bsize)
		return (EIO);
	if (size + 1 > bufsize)
		return (ERANGE);
	if (ext2_is_fastlink(em, dp)) {
		if (size >= EXT2_FAST_SYMLINK_MAX)
			return (EIO);
		memcpy(buf, dp->i_block, (size_t)size);
	} else {
		error = ext2_read(em, dp, 0, buf, (size_t)size, &done);
		if (error != 0)
			return (error);
		if (done != size)
			return (EIO);
	}
	buf[size] = '\0';
	*lenp = (size_t)size;
	return (0);
}
