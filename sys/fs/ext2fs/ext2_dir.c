/*
 * ext2_dir.c: changing ext2 directories (ext2_mount.h, share/doc/ext2.md):
 * entering and removing names, the emptiness test of rmdir, a new
 * directory's first block, and re-pointing ".." for rename.
 *
 * A directory block is a chain of entries whose rec_len fields add up to
 * the block size exactly; no entry crosses a block.  Every function here
 * keeps that: entering a name takes an unused entry big enough, or
 * splits the slack off the end of a used one (its rec_len shrunk to
 * EXT2_DIR_REC_LEN of its name), else appends a block holding one entry
 * that spans it; removing a name merges its record into the previous
 * entry of the block, or marks the block's first entry unused (inode 0).
 * Each entry is checked (ext2_dirent_check) before it is used, so a
 * corrupt block gives EIO and is never written back.
 *
 * An htree index (EXT2_INDEX_FL, DIR_INDEX) is not maintained: entering
 * a name clears the flag, which turns the directory back into a linear
 * one (its index blocks read as blocks of one unused entry).  Removing
 * leaves the index valid.  The caller writes the directory's inode after
 * ext2_dir_enter, and serializes all of these with its per-mount lock.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/libkern.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <fs/ext2fs/ext2_extern.h>
#include <fs/ext2fs/ext2_mount.h>

/* Store rec_len (65536, a whole 64 KiB block, is stored as 65535). */
static void
ext2_dirent_setlen(struct ext2_dirent *de, uint32_t reclen)
{
	de->rec_len = reclen == 65536 ? 65535 : (uint16_t)reclen;
}

/* Fill the entry at de: inode, record length, name, type. */
static void
ext2_dirent_fill(const struct ext2_mount *em, struct ext2_dirent *de,
    uint32_t ino, uint32_t reclen, const char *name, size_t namelen,
    uint8_t ftype)
{
	de->inode = ino;
	ext2_dirent_setlen(de, reclen);
	de->name_len = (uint8_t)namelen;
	/* Without FILETYPE this byte is the high byte of name_len. */
	de->file_type = ext2_has_filetype(em) ? ftype : 0;
	memcpy(de->name, name, namelen);
}

/*
 * Checks common to the functions that take a directory: writable, a
 * directory, a whole number of blocks.
 */
static int
ext2_dir_check(const struct ext2_mount *em, const struct ext2_dinode *ddp)
{
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	if ((ddp->i_mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
		return (ENOTDIR);
	if (ext2_isize(ddp) % em->em_bsize != 0)
		return (EIO);
	return (0);
}

/*
 * Add the entry name -> ino (file type ftype, stored only with FILETYPE)
 * to directory ddp: in the first place with room, else in a new block at
 * the end (the size grows by one block).  Does not look for an existing
 * entry of that name: the caller has.  Clears EXT2_INDEX_FL; the caller
 * writes ddp afterwards.  EINVAL for an empty name or a bad inode number,
 * ENAMETOOLONG past 255 bytes, ENOTDIR, ENOSPC, EIO.
 */
int
ext2_dir_enter(struct ext2_mount *em, struct ext2_dinode *ddp,
    const char *name, size_t namelen, uint32_t ino, uint8_t ftype)
{
	struct ext2_dirent *de;
	uint64_t size, lbn, pbn;
	uint32_t off, reclen, used, need;
	uint16_t nlen;
	uint8_t *blk;
	bool new;
	int error;

	error = ext2_dir_check(em, ddp);
	if (error != 0)
		return (error);
	if (namelen == 0 || ino == 0 || ino > em->em_sb.s_inodes_count)
		return (EINVAL);
	if (namelen > EXT2_NAME_LEN)
		return (ENAMETOOLONG);
	need = EXT2_DIR_REC_LEN(namelen);
	size = ext2_isize(ddp);
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	for (lbn = 0; lbn < size / em->em_bsize; lbn++) {
		error = ext2_dir_bread(em, ddp, lbn, &pbn, blk);
		if (error != 0)
			goto out;
		for (off = 0; off < em->em_bsize; off += reclen) {
			error = ext2_dirent_check(em, blk, off, &reclen,
			    &nlen);
			if (error != 0)
				goto out;
			de = (struct ext2_dirent *)(blk + off);
			used = de->inode != 0 ? EXT2_DIR_REC_LEN(nlen) : 0;
			if (reclen - used < need)
				continue;
			if (used != 0) {
				/* Split the slack off this entry. */
				ext2_dirent_setlen(de, used);
				de = (struct ext2_dirent *)(blk + off + used);
			}
			ext2_dirent_fill(em, de, ino, reclen - used, name,
			    namelen, ftype);
			error = ext2_bwrite(em, pbn, blk);
			goto done;
		}
	}

	/* No room: a new block at the end. */
	error = ext2_bmap_alloc(em, ddp, lbn, false, &pbn, &new);
	if (error != 0)
		goto out;
	memset(blk, 0, em->em_bsize);
	ext2_dirent_fill(em, (struct ext2_dirent *)blk, ino, em->em_bsize,
	    name, namelen, ftype);
	error = ext2_bwrite(em, pbn, blk);
	if (error == 0)
		error = ext2_set_size(em, ddp, size + em->em_bsize);
	if (error != 0)
		(void)ext2_truncate(em, ddp, size);	/* frees the block */
done:
	if (error == 0)
		ddp->i_flags &= ~EXT2_INDEX_FL;
out:
	free(blk, M_EXT2);
	return (error);
}

/*
 * Remove the entry name from directory ddp; the inode it named in *inop.
 * The record joins the previous entry of its block, or, first in its
 * block, is marked unused.  ENOENT if there is no such entry, EINVAL for
 * "." and "..", ENAMETOOLONG, ENOTDIR, EIO.  ddp is not changed.
 */
int
ext2_dir_remove(struct ext2_mount *em, struct ext2_dinode *ddp,
    const char *name, size_t namelen, uint32_t *inop)
{
	struct ext2_dirent *de, *prev;
	uint64_t lbn, pbn;
	uint32_t off, reclen, prevlen;
	uint16_t nlen;
	uint8_t *blk;
	int error;

	error = ext2_dir_check(em, ddp);
	if (error != 0)
		return (error);
	if (namelen == 0)
		return (ENOENT);
	if (namelen > EXT2_NAME_LEN)
		return (ENAMETOOLONG);
	if (name[0] == '.' && (namelen == 1 ||
	    (namelen == 2 && name[1] == '.')))
		return (EINVAL);
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ENOENT;
	for (lbn = 0; lbn < ext2_isize(ddp) / em->em_bsize; lbn++) {
		error = ext2_dir_bread(em, ddp, lbn, &pbn, blk);
		if (error != 0)
			goto out;
		prev = NULL;
		prevlen = 0;
		for (off = 0; off < em->em_bsize; off += reclen) {
			error = ext2_dirent_check(em, blk, off, &reclen,
			    &nlen);
			if (error != 0)
				goto out;
			de = (struct ext2_dirent *)(blk + off);
			if (de->inode == 0 || nlen != namelen ||
			    memcmp(de->name, name, namelen) != 0) {
				prev = de;
				prevlen = reclen;
				continue;
			}
			*inop = de->inode;
			if (prev != NULL)
				ext2_dirent_setlen(prev, prevlen + reclen);
			else
				de->inode = 0;
			error = ext2_bwrite(em, pbn, blk);
			goto out;
		}
		error = ENOENT;
	}
out:
	free(blk, M_EXT2);
	return (error);
}

#define EXT2_NOTEMPTY	(-1)	/* stops the walk; not an errno */

/* ext2_dir_iterate callback of ext2_dir_isempty: anything but . and ..? */
static int
ext2_isempty_cb(void *arg, const struct ext2_dirent_info *de)
{
	if (de->di_name[0] == '.' && (de->di_namelen == 1 ||
	    (de->di_namelen == 2 && de->di_name[1] == '.')))
		return (0);
	return (EXT2_NOTEMPTY);
}

/*
 * Does directory ddp hold nothing but "." and ".."?  (Read only: works on
 * a read-only mount too.)
 */
int
ext2_dir_isempty(struct ext2_mount *em, const struct ext2_dinode *ddp,
    bool *emptyp)
{
	int error;

	error = ext2_dir_iterate(em, ddp, ext2_isempty_cb, NULL);
	if (error == EXT2_NOTEMPTY) {
		*emptyp = false;
		return (0);
	}
	if (error == 0)
		*emptyp = true;
	return (error);
}

/*
 * Point the ".." entry of directory ddp (the second entry of its first
 * block) at parent, for a rename across directories.  EIO if the first
 * block does not start with "." and "..".  ddp is not changed.
 */
int
ext2_dir_set_dotdot(struct ext2_mount *em, struct ext2_dinode *ddp,
    uint32_t parent)
{
	struct ext2_dirent *de;
	uint64_t pbn;
	uint32_t reclen, reclen2;
	uint16_t nlen;
	uint8_t *blk;
	int error;

	error = ext2_dir_check(em, ddp);
	if (error != 0)
		return (error);
	if (parent == 0 || parent > em->em_sb.s_inodes_count)
		return (EINVAL);
	if (ext2_isize(ddp) == 0)
		return (EIO);
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK);
	error = ext2_dir_bread(em, ddp, 0, &pbn, blk);
	if (error != 0)
		goto out;
	error = ext2_dirent_check(em, blk, 0, &reclen, &nlen);
	if (error == 0 && (nlen != 1 || blk[EXT2_DIRENT_HDR] != '.'))
		error = EIO;
	if (error == 0)
		error = ext2_dirent_check(em, blk, reclen, &reclen2, &nlen);
	if (error != 0)
		goto out;
	de = (struct ext2_dirent *)(blk + reclen);
	if (nlen != 2 || de->name[0] != '.' || de->name[1] != '.') {
		error = EIO;
		goto out;
	}
	de->inode = parent;
	if (ext2_has_filetype(em))
		de->file_type = EXT2_FT_DIR;
	error = ext2_bwrite(em, pbn, blk);
out:
	free(blk, M_EXT2);
	return (error);
}

/*
 * Give the new, empty directory ino (inode *dp, i_mode already a
 * directory) its first block: "." (ino) and ".." (parent), allocated in
 * the directory's group; its size becomes one block.  Updates dp; the
 * caller writes it.  EINVAL if dp is not an empty directory, ENOSPC.
 */
int
ext2_dir_init(struct ext2_mount *em, uint32_t ino, struct ext2_dinode *dp,
    uint32_t parent)
{
	struct ext2_dirent *de;
	uint64_t pbn, goal;
	uint32_t g;
	uint8_t *blk;
	bool new;
	int error;

	error = ext2_writable(em);
	if (error != 0)
		return (error);
	if ((dp->i_mode & EXT2_S_IFMT) != EXT2_S_IFDIR ||
	    ext2_isize(dp) != 0 || ino == 0 ||
	    ino > em->em_sb.s_inodes_count || parent == 0 ||
	    parent > em->em_sb.s_inodes_count)
		return (EINVAL);
	/* Near the inode: just past its group's inode table. */
	g = (ino - 1) / em->em_sb.s_inodes_per_group;
	goal = (uint64_t)em->em_gd[g].bg_inode_table + em->em_itblocks;
	error = ext2_bmap_alloc_goal(em, dp, 0, false, goal, &pbn, &new);
	if (error != 0)
		return (error);
	blk = malloc(em->em_bsize, M_EXT2, M_WAITOK | M_ZERO);
	ext2_dirent_fill(em, (struct ext2_dirent *)blk, ino,
	    EXT2_DIR_REC_LEN(1), ".", 1, EXT2_FT_DIR);
	de = (struct ext2_dirent *)(blk + EXT2_DIR_REC_LEN(1));
	ext2_dirent_fill(em, de, parent, em->em_bsize - EXT2_DIR_REC_LEN(1),
	    "..", 2, EXT2_FT_DIR);
	error = ext2_bwrite(em, pbn, blk);
	free(blk, M_EXT2);
	if (error == 0)
		error = ext2_set_size(em, dp, em->em_bsize);
	if (error != 0)
		(void)ext2_truncate(em, dp, 0);		/* frees the block */
	return (error);
}
