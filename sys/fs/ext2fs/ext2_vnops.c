/*
 * ext2_vnops.c: the vnode operations of ext2 (struct vop_vector), over
 * the ext2 library and the vnode pager.
 *
 * Regular files keep their data in their vm_object (created when the
 * vnode is): read and write copy through its pages (vnode_pager_rdwr),
 * the pager fills and cleans them through VOP_BMAP.  A write allocates
 * the blocks it covers before copying, so a full disk is reported by
 * write() (ENOSPC), not lost at writeback.  Directories, symlinks and
 * inodes go through the library, written through.  An unlinked inode
 * is freed on disk when its last reference goes (VOP_INACTIVE).
 * share/doc/ext2.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/disk.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vnode_pager.h>

#include <fs/ext2fs/ext2_extern.h>
#include <fs/ext2fs/ext2_vnode.h>

void	ext2_node_free(struct e2inode *ip);

#define EXT2_LINK_MAX	65000
#define EXT2_FASTLINK_MAX (EXT2_N_BLOCKS * 4)	/* 60 bytes */

static struct ext2_mount *
ITOEM(struct e2inode *ip)
{
	return (&ip->i_ump->um_e2);
}

static uint32_t
ext2_now(void)
{
	struct timespec ts;

	getnanotime(&ts);
	return ((uint32_t)ts.tv_sec);
}

/* Device number <-> i_block[0..1], as Linux's ext2 stores it. */
static void
ext2_set_rdev(struct ext2_dinode *dp, dev_t rdev)
{
	uint32_t maj = (rdev >> 8) & 0xfff, min = (rdev & 0xff) |
	    ((rdev >> 12) & 0xfff00);

	if (maj < 256 && min < 256) {
		dp->i_block[0] = (maj << 8) | min;
		dp->i_block[1] = 0;
	} else {
		dp->i_block[0] = 0;
		dp->i_block[1] = (min & 0xff) | (maj << 8) |
		    ((min & ~0xffu) << 12);
	}
}

static dev_t
ext2_get_rdev(const struct ext2_dinode *dp)
{
	uint32_t maj, min;

	if (dp->i_block[0] != 0) {
		maj = (dp->i_block[0] >> 8) & 0xff;
		min = dp->i_block[0] & 0xff;
	} else {
		maj = (dp->i_block[1] >> 8) & 0xfff;
		min = (dp->i_block[1] & 0xff) | ((dp->i_block[1] >> 12) &
		    0xfff00);
	}
	return (((dev_t)maj << 8) | (min & 0xff) | ((dev_t)(min & ~0xffu) <<
	    12));
}

static uint8_t
ext2_ftype(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return (EXT2_FT_REG_FILE);
	case S_IFDIR:	return (EXT2_FT_DIR);
	case S_IFCHR:	return (EXT2_FT_CHRDEV);
	case S_IFBLK:	return (EXT2_FT_BLKDEV);
	case S_IFIFO:	return (EXT2_FT_FIFO);
	case S_IFSOCK:	return (EXT2_FT_SOCK);
	case S_IFLNK:	return (EXT2_FT_SYMLINK);
	default:	return (EXT2_FT_UNKNOWN);
	}
}

static int
ext2_vop_lookup(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp)
{
	struct e2inode *dip = VTOI(dvp);
	uint32_t ino;
	int error;

	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == '.') {
		vref(dvp);
		*vpp = dvp;
		return (0);
	}
	error = ext2_lookup(ITOEM(dip), &dip->i_din, cnp->cn_nameptr,
	    cnp->cn_namelen, &ino);
	if (error == ENOENT && (cnp->cn_flags & ISLASTCN) &&
	    (cnp->cn_nameiop == CREATE || cnp->cn_nameiop == RENAME))
		return (EJUSTRETURN);
	if (error != 0)
		return (error);
	if (cnp->cn_flags & ISDOTDOT) {
		/* Parent before child: let go of dvp while locking "..". */
		VOP_UNLOCK(dvp);
		error = ext2_vget(dvp->v_mount, ino, vpp);
		(void)vn_lock(dvp, LK_RETRY);
		return (error);
	}
	if (ino == dip->i_number) {
		vref(dvp);
		*vpp = dvp;
		return (0);
	}
	return (ext2_vget(dvp->v_mount, ino, vpp));
}

/*
 * Make a new inode of mode (type and permissions) named cnp in dvp
 * (locked); its vnode, locked, in *vpp.  For a directory it gets "."
 * and ".."; for a symlink target is stored (fast if short).
 */
static int
ext2_makeinode(struct vnode *dvp, mode_t mode, struct componentname *cnp,
    struct vattr *vap, const char *target, struct vnode **vpp)
{
	struct e2inode *dip = VTOI(dvp);
	struct ext2mount *ump = dip->i_ump;
	struct ext2_mount *em = &ump->um_e2;
	struct ext2_dinode din;
	uint32_t ino, now = ext2_now();
	size_t tlen = target != NULL ? strlen(target) : 0;
	int error;

	if (S_ISDIR(mode) && dip->i_din.i_links_count >= EXT2_LINK_MAX)
		return (EMLINK);
	if (cnp->cn_namelen > EXT2_NAME_LEN)
		return (ENAMETOOLONG);
	sx_xlock(&ump->um_lock);
	error = ext2_ialloc(em, dip->i_number, (uint16_t)mode, &ino);
	if (error != 0) {
		sx_xunlock(&ump->um_lock);
		return (error);
	}
	memset(&din, 0, sizeof(din));
	din.i_mode = (uint16_t)mode;
	din.i_uid = (uint16_t)cnp->cn_cred->cr_uid;
	din.i_gid = (dip->i_din.i_mode & S_ISGID) ? dip->i_din.i_gid :
	    (uint16_t)cnp->cn_cred->cr_gid;
	din.i_links_count = 1;
	din.i_atime = din.i_ctime = din.i_mtime = now;
	if (S_ISDIR(mode)) {
		din.i_links_count = 2;
		error = ext2_dir_init(em, ino, &din, dip->i_number);
	} else if (S_ISCHR(mode) || S_ISBLK(mode)) {
		ext2_set_rdev(&din, vap->va_rdev);
	} else if (S_ISLNK(mode)) {
		if (tlen < EXT2_FASTLINK_MAX) {
			memcpy(din.i_block, target, tlen);
			din.i_size = (uint32_t)tlen;
		} else {
			error = ext2_write(em, &din, 0, target, tlen);
		}
	}
	if (error == 0)
		error = ext2_write_inode(em, ino, &din);
	if (error == 0)
		error = ext2_dir_enter(em, &dip->i_din, cnp->cn_nameptr,
		    cnp->cn_namelen, ino, ext2_ftype(mode));
	if (error != 0) {
		(void)ext2_truncate(em, &din, 0);
		din.i_links_count = 0;
		din.i_dtime = now;
		(void)ext2_write_inode(em, ino, &din);
		(void)ext2_ifree(em, ino, (uint16_t)mode);
		sx_xunlock(&ump->um_lock);
		return (error);
	}
	if (S_ISDIR(mode))
		dip->i_din.i_links_count++;
	dip->i_din.i_mtime = dip->i_din.i_ctime = now;
	error = ext2_write_inode(em, dip->i_number, &dip->i_din);
	sx_xunlock(&ump->um_lock);
	if (error != 0)
		return (error);
	return (ext2_vget(dvp->v_mount, ino, vpp));
}

static int
ext2_vop_create(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap)
{
	return (ext2_makeinode(dvp, vttoif(vap->va_type) | vap->va_mode, cnp,
	    vap, NULL, vpp));
}

static int
ext2_vop_mkdir(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap)
{
	return (ext2_makeinode(dvp, S_IFDIR | vap->va_mode, cnp, vap, NULL,
	    vpp));
}

static int
ext2_vop_symlink(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap, const char *target)
{
	return (ext2_makeinode(dvp, S_IFLNK | 0777, cnp, vap, target, vpp));
}

/* Remove the entry cnp from dvp and drop a link of ip. */
static int
ext2_dirremove(struct vnode *dvp, struct e2inode *ip,
    struct componentname *cnp, bool isdir)
{
	struct e2inode *dip = VTOI(dvp);
	struct ext2mount *ump = dip->i_ump;
	uint32_t ino, now = ext2_now();
	int error;

	sx_xlock(&ump->um_lock);
	error = ext2_dir_remove(&ump->um_e2, &dip->i_din, cnp->cn_nameptr,
	    cnp->cn_namelen, &ino);
	if (error == 0 && ino != ip->i_number)
		error = EIO;
	if (error == 0) {
		if (isdir) {
			dip->i_din.i_links_count--;
			ip->i_din.i_links_count = 0;
		} else {
			ip->i_din.i_links_count--;
		}
		dip->i_din.i_mtime = dip->i_din.i_ctime = now;
		ip->i_din.i_ctime = now;
		error = ext2_write_inode(&ump->um_e2, dip->i_number,
		    &dip->i_din);
		if (error == 0)
			error = ext2_write_inode(&ump->um_e2, ip->i_number,
			    &ip->i_din);
	}
	sx_xunlock(&ump->um_lock);
	return (error);
}

static int
ext2_vop_remove(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	return (ext2_dirremove(dvp, VTOI(vp), cnp, false));
}

static int
ext2_vop_rmdir(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	struct e2inode *ip = VTOI(vp);
	bool empty;
	int error;

	error = ext2_dir_isempty(ITOEM(ip), &ip->i_din, &empty);
	if (error != 0)
		return (error);
	if (!empty)
		return (ENOTEMPTY);
	return (ext2_dirremove(dvp, ip, cnp, true));
}

static int
ext2_vop_link(struct vnode *tdvp, struct vnode *vp, struct componentname *cnp)
{
	struct e2inode *dip = VTOI(tdvp), *ip = VTOI(vp);
	struct ext2mount *ump = dip->i_ump;
	uint32_t now = ext2_now();
	int error;

	if (ip->i_din.i_links_count >= EXT2_LINK_MAX)
		return (EMLINK);
	if (ip->i_din.i_links_count == 0)
		return (ENOENT);
	sx_xlock(&ump->um_lock);
	error = ext2_dir_enter(&ump->um_e2, &dip->i_din, cnp->cn_nameptr,
	    cnp->cn_namelen, ip->i_number, ext2_ftype(ip->i_din.i_mode));
	if (error == 0) {
		ip->i_din.i_links_count++;
		ip->i_din.i_ctime = now;
		dip->i_din.i_mtime = dip->i_din.i_ctime = now;
		error = ext2_write_inode(&ump->um_e2, ip->i_number, &ip->i_din);
		if (error == 0)
			error = ext2_write_inode(&ump->um_e2, dip->i_number,
			    &dip->i_din);
	}
	sx_xunlock(&ump->um_lock);
	return (error);
}

/*
 * rename: all four vnodes are locked here (with the mount's rename
 * lock held by the caller).  The old name must still name fvp.
 */
static int
ext2_vop_rename(struct vnode *fdvp, struct vnode *fvp, struct componentname *fcnp,
    struct vnode *tdvp, struct vnode *tvp, struct componentname *tcnp)
{
	struct vnode *vps[4] = { fdvp, tdvp, fvp, tvp };
	struct e2inode *fdp = VTOI(fdvp), *tdp = VTOI(tdvp), *fip = VTOI(fvp);
	struct e2inode *tip = tvp != NULL ? VTOI(tvp) : NULL;
	struct ext2mount *ump = fdp->i_ump;
	struct ext2_mount *em = &ump->um_e2;
	bool isdir = fvp->v_type == VDIR, empty;
	uint32_t ino, now = ext2_now();
	int error;

	vn_lock_set(vps, 4);
	error = ext2_lookup(em, &fdp->i_din, fcnp->cn_nameptr,
	    fcnp->cn_namelen, &ino);
	if (error == 0 && ino != fip->i_number)
		error = ENOENT;
	if (error == 0 && tip != NULL) {
		error = ext2_lookup(em, &tdp->i_din, tcnp->cn_nameptr,
		    tcnp->cn_namelen, &ino);
		if (error == 0 && ino != tip->i_number)
			error = ENOENT;
		if (error == 0 && tvp->v_type == VDIR) {
			error = ext2_dir_isempty(em, &tip->i_din, &empty);
			if (error == 0 && !empty)
				error = ENOTEMPTY;
		}
	}
	if (error == 0 && isdir && tdvp != fdvp && tip == NULL &&
	    tdp->i_din.i_links_count >= EXT2_LINK_MAX)
		error = EMLINK;
	if (error != 0) {
		vn_unlock_set(vps, 4);
		return (error);
	}
	sx_xlock(&ump->um_lock);
	/* 1. The target name: drop what it named, then point it at fvp. */
	if (tip != NULL) {
		error = ext2_dir_remove(em, &tdp->i_din, tcnp->cn_nameptr,
		    tcnp->cn_namelen, &ino);
		if (error == 0) {
			if (tvp->v_type == VDIR) {
				tip->i_din.i_links_count = 0;
				tdp->i_din.i_links_count--;
			} else {
				tip->i_din.i_links_count--;
			}
			tip->i_din.i_ctime = now;
			error = ext2_write_inode(em, tip->i_number, &tip->i_din);
		}
	}
	if (error == 0)
		error = ext2_dir_enter(em, &tdp->i_din, tcnp->cn_nameptr,
		    tcnp->cn_namelen, fip->i_number,
		    ext2_ftype(fip->i_din.i_mode));
	/* 2. The old name. */
	if (error == 0)
		error = ext2_dir_remove(em, &fdp->i_din, fcnp->cn_nameptr,
		    fcnp->cn_namelen, &ino);
	/* 3. A directory moving to a new parent: its "..". */
	if (error == 0 && isdir && fdvp != tdvp) {
		error = ext2_dir_set_dotdot(em, &fip->i_din, tdp->i_number);
		fdp->i_din.i_links_count--;
		tdp->i_din.i_links_count++;
	}
	fip->i_din.i_ctime = now;
	fdp->i_din.i_mtime = fdp->i_din.i_ctime = now;
	tdp->i_din.i_mtime = tdp->i_din.i_ctime = now;
	(void)ext2_write_inode(em, fip->i_number, &fip->i_din);
	(void)ext2_write_inode(em, fdp->i_number, &fdp->i_din);
	if (tdp != fdp)
		(void)ext2_write_inode(em, tdp->i_number, &tdp->i_din);
	sx_xunlock(&ump->um_lock);
	vn_unlock_set(vps, 4);
	return (error);
}

static int
ext2_vop_readlink(struct vnode *vp, struct uio *uio)
{
	struct e2inode *ip = VTOI(vp);
	char *buf;
	size_t len;
	int error;

	if (vp->v_type != VLNK)
		return (EINVAL);
	buf = malloc(MAXPATHLEN, M_EXT2, M_WAITOK);
	error = ext2_readlink(ITOEM(ip), &ip->i_din, buf, MAXPATHLEN,
	    &len);
	if (error == 0)
		error = uiomove(buf, MIN(len, (size_t)uio->uio_resid), uio);
	free(buf, M_EXT2);
	return (error);
}

static int
ext2_vop_getattr(struct vnode *vp, struct vattr *vap)
{
	struct e2inode *ip = VTOI(vp);
	const struct ext2_dinode *dp = &ip->i_din;

	memset(vap, 0, sizeof(*vap));
	vap->va_type = vp->v_type;
	vap->va_mode = dp->i_mode & ALLPERMS;
	vap->va_nlink = dp->i_links_count;
	vap->va_uid = dp->i_uid;
	vap->va_gid = dp->i_gid;
	vap->va_fsid = vp->v_mount->mnt_dev;
	vap->va_fileid = ip->i_number;
	vap->va_size = ext2_isize(dp);
	vap->va_blocksize = ITOEM(ip)->em_bsize;
	vap->va_atime.tv_sec = dp->i_atime;
	vap->va_mtime.tv_sec = dp->i_mtime;
	vap->va_ctime.tv_sec = dp->i_ctime;
	if (vp->v_type == VCHR || vp->v_type == VBLK)
		vap->va_rdev = ext2_get_rdev(dp);
	vap->va_bytes = (int64_t)dp->i_blocks * 512;
	return (0);
}

/* Change the size of a regular file (vnode locked). */
static int
ext2_setsize(struct e2inode *ip, off_t size)
{
	struct ext2mount *ump = ip->i_ump;
	struct vnode *vp = ip->i_vnode;
	int error;

	if (vp->v_type == VDIR)
		return (EISDIR);
	if (vp->v_type != VREG)
		return (EINVAL);
	/* Pages first: none may be written back past the new end. */
	vnode_pager_setsize(vp, size);
	sx_xlock(&ip->i_bmlock);
	sx_xlock(&ump->um_lock);
	error = ext2_truncate(&ump->um_e2, &ip->i_din, (uint64_t)size);
	ip->i_din.i_mtime = ip->i_din.i_ctime = ext2_now();
	if (error == 0)
		error = ext2_write_inode(&ump->um_e2, ip->i_number, &ip->i_din);
	sx_xunlock(&ump->um_lock);
	sx_xunlock(&ip->i_bmlock);
	return (error);
}

static int
ext2_vop_setattr(struct vnode *vp, struct vattr *vap, struct ucred *cred)
{
	struct e2inode *ip = VTOI(vp);
	struct ext2_dinode *dp = &ip->i_din;
	bool owner = cred->cr_uid == 0 || cred->cr_uid == dp->i_uid;
	int error;

	if (vap->va_uid != (uid_t)VNOVAL || vap->va_gid != (gid_t)VNOVAL) {
		uid_t uid = vap->va_uid != (uid_t)VNOVAL ? vap->va_uid :
		    dp->i_uid;
		gid_t gid = vap->va_gid != (gid_t)VNOVAL ? vap->va_gid :
		    dp->i_gid;

		if (cred->cr_uid != 0 && (uid != dp->i_uid || !owner ||
		    (gid != dp->i_gid && !groupmember(gid, cred))))
			return (EPERM);
		dp->i_uid = (uint16_t)uid;
		dp->i_gid = (uint16_t)gid;
		if (cred->cr_uid != 0)
			dp->i_mode &= ~(S_ISUID | S_ISGID);
	}
	if (vap->va_mode != (mode_t)VNOVAL) {
		if (!owner)
			return (EPERM);
		dp->i_mode = (dp->i_mode & S_IFMT) | (vap->va_mode & ALLPERMS);
	}
	if (vap->va_atime.tv_sec != VNOVAL || vap->va_mtime.tv_sec != VNOVAL) {
		if (!owner) {
			if ((vap->va_vaflags & VA_UTIMES_NULL) == 0)
				return (EPERM);
			error = VOP_ACCESS(vp, VWRITE, cred);
			if (error != 0)
				return (error);
		}
		if (vap->va_atime.tv_sec != VNOVAL)
			dp->i_atime = (uint32_t)vap->va_atime.tv_sec;
		if (vap->va_mtime.tv_sec != VNOVAL)
			dp->i_mtime = (uint32_t)vap->va_mtime.tv_sec;
	}
	dp->i_ctime = ext2_now();
	if (vap->va_size != (off_t)VNOVAL)
		return (ext2_setsize(ip, vap->va_size));
	return (ext2_update(ip));
}

static int
ext2_vop_read(struct vnode *vp, struct uio *uio, int ioflag, struct ucred *cred)
{
	if (vp->v_type == VDIR)
		return (EISDIR);
	if (vp->v_type != VREG)
		return (EINVAL);
	if (uio->uio_offset < 0)
		return (EINVAL);
	return (vnode_pager_rdwr(vp, uio, ioflag));
}

/*
 * Give [off, end) of the file blocks before data is copied in: a block
 * the write covers wholly need not be zeroed on disk first.
 */
static int
ext2_alloc_range(struct e2inode *ip, off_t off, off_t end)
{
	struct ext2mount *ump = ip->i_ump;
	uint32_t bsize = ump->um_e2.em_bsize;
	uint64_t lbn, pbn;
	bool new, whole;
	int error = 0;

	sx_xlock(&ip->i_bmlock);
	sx_xlock(&ump->um_lock);
	for (lbn = off / bsize; (off_t)(lbn * bsize) < end; lbn++) {
		whole = (off_t)(lbn * bsize) >= off &&
		    (off_t)((lbn + 1) * bsize) <= end;
		error = ext2_bmap_alloc(&ump->um_e2, &ip->i_din, lbn, !whole,
		    &pbn, &new);
		if (error != 0)
			break;
	}
	sx_xunlock(&ump->um_lock);
	sx_xunlock(&ip->i_bmlock);
	return (error);
}

/* What one step of a write allocates at most (see ext2_vop_write). */
#define EXT2_WRITE_CHUNK	(1024 * 1024)

/*
 * Write in steps of EXT2_WRITE_CHUNK: blocks for a step, the size, then
 * the copy; a step that ends short (a bad user buffer: EFAULT, the disk
 * full: ENOSPC) ends the write.  So a write of 1 TiB from a small buffer
 * does not first allocate the whole disk (syscall_fuzz_test: pwrite64
 * of 2^40 bytes from an unmapped address filled the root), and a failed
 * copy leaves the file no longer than what was written.  ENOSPC after
 * some bytes is a short count, as on Linux.  XXX: blocks a failed copy
 * gave to a hole below the old size stay (not zeroed when the write
 * covered them wholly).
 */
static int
ext2_vop_write(struct vnode *vp, struct uio *uio, int ioflag, struct ucred *cred)
{
	struct e2inode *ip = VTOI(vp);
	struct ext2mount *ump = ip->i_ump;
	off_t size, oldsize, end, start, cstart, cend;
	ssize_t rest, clen, extra = 0;
	bool trimmed;
	int error = 0, error2;

	if (vp->v_type != VREG)
		return (vp->v_type == VDIR ? EISDIR : EINVAL);
	size = oldsize = (off_t)ext2_isize(&ip->i_din);
	if (ioflag & IO_APPEND)
		uio->uio_offset = size;
	if (uio->uio_offset < 0)
		return (EINVAL);
	if (uio->uio_resid == 0)
		return (0);
	start = uio->uio_offset;
	if (__builtin_add_overflow(start, uio->uio_resid, &end))
		return (EFBIG);
	/* Past the largest file: EFBIG; across it: a short count. */
	if ((uint64_t)start >= ext2_maxbytes(&ump->um_e2))
		return (EFBIG);
	if ((uint64_t)end > ext2_maxbytes(&ump->um_e2)) {
		extra = end - (off_t)ext2_maxbytes(&ump->um_e2);
		uio->uio_resid -= extra;
		end -= extra;
	}
	while ((rest = uio->uio_resid) > 0) {
		cstart = uio->uio_offset;
		cend = cstart + MIN(rest, (ssize_t)EXT2_WRITE_CHUNK);
		trimmed = false;
		error = ext2_alloc_range(ip, cstart, cend);
		if (error == ENOSPC) {
			/* Write what got blocks: a short count. */
			uint64_t pbn;
			uint32_t bsize = ump->um_e2.em_bsize;
			off_t ok = cstart;

			sx_slock(&ip->i_bmlock);
			while (ok < cend && ext2_bmap(&ump->um_e2, &ip->i_din,
			    ok / bsize, &pbn) == 0 && pbn != 0)
				ok = (ok / bsize + 1) * bsize;
			sx_sunlock(&ip->i_bmlock);
			if (ok <= cstart)
				break;
			cend = MIN(ok, cend);
			trimmed = true;
			error = 0;
		}
		if (error != 0)
			break;
		if (cend > size) {
			sx_xlock(&ip->i_bmlock);
			sx_xlock(&ump->um_lock);
			error = ext2_set_size(&ump->um_e2, &ip->i_din,
			    (uint64_t)cend);
			sx_xunlock(&ump->um_lock);
			sx_xunlock(&ip->i_bmlock);
			if (error != 0)
				break;
			vnode_pager_setsize(vp, cend);
			size = cend;
		}
		clen = cend - cstart;
		uio->uio_resid = clen;
		error = vnode_pager_rdwr(vp, uio, ioflag);
		uio->uio_resid = rest - (clen - uio->uio_resid);
		if (error != 0 || uio->uio_offset < cend || trimmed)
			break;
	}
	/* Bytes written and the disk full, at a later step: a short count. */
	if (error == ENOSPC && uio->uio_offset > start)
		error = 0;
	/* Not longer than what was written (the blocks past it go). */
	if (size > oldsize && uio->uio_offset < size) {
		error2 = ext2_setsize(ip, MAX(oldsize, uio->uio_offset));
		if (error == 0)
			error = error2;
	}
	if (uio->uio_offset > start)
		ip->i_din.i_mtime = ip->i_din.i_ctime = ext2_now();
	if (error == 0)
		error = ext2_update(ip);
	if (error == 0 && (ioflag & (IO_SYNC | IO_DSYNC)))
		error = vm_object_page_clean(vp->v_object, start, end,
		    OBJPC_SYNC);
	uio->uio_resid += extra;
	return (error);
}

static int
ext2_vop_fsync(struct vnode *vp, int waitfor, bool dataonly)
{
	struct e2inode *ip = VTOI(vp);
	int error = 0;

	if (vp->v_object != NULL)
		error = vm_object_page_clean(vp->v_object, 0, 0,
		    waitfor == MNT_WAIT ? OBJPC_SYNC : 0);
	if (error == 0 && !dataonly)
		error = ext2_update(ip);
	if (error == 0 && waitfor == MNT_WAIT)
		(void)disk_flush(ip->i_ump->um_disk);
	return (error);
}

static uint8_t
ext2_dtype(uint8_t ft)
{
	static const uint8_t tab[EXT2_FT_MAX] = {
		[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
		[EXT2_FT_DIR] = DT_DIR, [EXT2_FT_CHRDEV] = DT_CHR,
		[EXT2_FT_BLKDEV] = DT_BLK, [EXT2_FT_FIFO] = DT_FIFO,
		[EXT2_FT_SOCK] = DT_SOCK, [EXT2_FT_SYMLINK] = DT_LNK,
	};

	return (ft < EXT2_FT_MAX ? tab[ft] : DT_UNKNOWN);
}

/*
 * readdir: entries from byte offset uio_offset of the directory (the
 * cookie is an entry's offset; one that is not an entry's start is
 * moved to the next entry), as struct dirent records.
 */
static int
ext2_vop_readdir(struct vnode *vp, struct uio *uio, int *eofp)
{
	struct e2inode *ip = VTOI(vp);
	struct ext2_mount *em = ITOEM(ip);
	uint32_t bsize = em->em_bsize, off, reclen;
	uint64_t size = ext2_isize(&ip->i_din), blk;
	uint16_t namelen;
	struct ext2_dirent *de;
	struct dirent *d;
	uint8_t *buf, rec[DIRENT_RECLEN(EXT2_NAME_LEN)];
	size_t done, dlen;
	bool any = false;
	int error = 0;

	if (vp->v_type != VDIR)
		return (ENOTDIR);
	*eofp = 0;
	if (uio->uio_offset < 0)
		return (EINVAL);
	buf = malloc(bsize, M_EXT2, M_WAITOK);
	while ((uint64_t)uio->uio_offset < size) {
		blk = (uint64_t)uio->uio_offset / bsize;
		error = ext2_read(em, &ip->i_din, blk * bsize, buf, bsize,
		    &done);
		if (error == 0 && done != bsize)
			error = EIO;
		if (error != 0)
			break;
		for (off = 0; off < bsize; off += reclen) {
			error = ext2_dirent_check(em, buf, off, &reclen,
			    &namelen);
			if (error != 0)
				goto out;
			if (blk * bsize + off < (uint64_t)uio->uio_offset)
				continue;
			de = (struct ext2_dirent *)(buf + off);
			if (de->inode == 0) {
				uio->uio_offset = blk * bsize + off + reclen;
				continue;
			}
			dlen = DIRENT_RECLEN(namelen);
			if ((size_t)uio->uio_resid < dlen) {
				if (!any)
					error = EINVAL;
				goto out;
			}
			d = (struct dirent *)rec;
			memset(rec, 0, dlen);
			d->d_ino = de->inode;
			d->d_off = (int64_t)(blk * bsize + off + reclen);
			d->d_reclen = (uint16_t)dlen;
			d->d_type = ext2_has_filetype(em) ?
			    ext2_dtype(de->file_type) : DT_UNKNOWN;
			memcpy(d->d_name, de->name, namelen);
			error = uiomove(rec, dlen, uio);
			if (error != 0)
				goto out;
			/* uiomove advanced the offset by dlen: the cookie. */
			uio->uio_offset = d->d_off;
			any = true;
		}
	}
	if ((uint64_t)uio->uio_offset >= size)
		*eofp = 1;
out:
	free(buf, M_EXT2);
	return (error);
}

/* The last reference: an unlinked inode is freed now. */
static int
ext2_vop_inactive(struct vnode *vp)
{
	struct e2inode *ip = VTOI(vp);
	struct ext2mount *ump = ip->i_ump;
	mode_t mode = ip->i_din.i_mode;
	int error;

	if (ip->i_din.i_links_count != 0 || ip->i_freed ||
	    ump->um_e2.em_bwrite == NULL)
		return (0);
	if (vp->v_type == VREG)
		vnode_pager_setsize(vp, 0);
	sx_xlock(&ip->i_bmlock);
	sx_xlock(&ump->um_lock);
	error = ext2_truncate(&ump->um_e2, &ip->i_din, 0);
	ip->i_din.i_dtime = ext2_now();
	if (error == 0)
		error = ext2_write_inode(&ump->um_e2, ip->i_number, &ip->i_din);
	if (error == 0)
		error = ext2_ifree(&ump->um_e2, ip->i_number, mode);
	sx_xunlock(&ump->um_lock);
	sx_xunlock(&ip->i_bmlock);
	ip->i_freed = true;
	/* A freed inode's vnode is of no use: recycle it. */
	vgone(vp);
	return (error);
}

static int
ext2_vop_reclaim(struct vnode *vp)
{
	struct e2inode *ip = VTOI(vp);

	if (ip != NULL)
		ext2_node_free(ip);
	vp->v_data = NULL;
	return (0);
}

static int
ext2_bmap_vop(struct vnode *vp, int64_t lbn, int64_t *bnp, int *runp,
    u_int *bsizep, int flags)
{
	struct e2inode *ip = VTOI(vp);
	struct ext2mount *ump = ip->i_ump;
	uint64_t pbn;
	bool new;
	int error;

	*bsizep = ump->um_e2.em_bsize;
	if (runp != NULL)
		*runp = 0;
	if (lbn < 0)
		return (EINVAL);
	if (flags & BMAP_ALLOC) {
		sx_xlock(&ip->i_bmlock);
		sx_xlock(&ump->um_lock);
		error = ext2_bmap_alloc(&ump->um_e2, &ip->i_din, (uint64_t)lbn,
		    true, &pbn, &new);
		if (error == 0 && new)
			error = ext2_write_inode(&ump->um_e2, ip->i_number,
			    &ip->i_din);
		sx_xunlock(&ump->um_lock);
		sx_xunlock(&ip->i_bmlock);
	} else {
		sx_slock(&ip->i_bmlock);
		error = ext2_bmap(&ump->um_e2, &ip->i_din, (uint64_t)lbn, &pbn);
		sx_sunlock(&ip->i_bmlock);
		if (error == EFBIG) {
			pbn = 0;
			error = 0;
		}
	}
	if (error != 0)
		return (error);
	*bnp = pbn == 0 ? -1 : (int64_t)pbn;
	return (0);
}

static int
ext2_vop_getpages(struct vnode *vp, struct vm_page **ma, int count)
{
	return (vnode_pager_generic_getpages(vp, ma, count));
}

static int
ext2_vop_putpages(struct vnode *vp, struct vm_page **ma, int count, bool sync,
    int *rtvals)
{
	return (vnode_pager_generic_putpages(vp, ma, count, sync, rtvals));
}

const struct vop_vector ext2_vnodeops = {
	.vop_lookup = ext2_vop_lookup,
	.vop_create = ext2_vop_create,
	.vop_mkdir = ext2_vop_mkdir,
	.vop_symlink = ext2_vop_symlink,
	.vop_remove = ext2_vop_remove,
	.vop_rmdir = ext2_vop_rmdir,
	.vop_link = ext2_vop_link,
	.vop_rename = ext2_vop_rename,
	.vop_readlink = ext2_vop_readlink,
	.vop_getattr = ext2_vop_getattr,
	.vop_setattr = ext2_vop_setattr,
	.vop_read = ext2_vop_read,
	.vop_write = ext2_vop_write,
	.vop_fsync = ext2_vop_fsync,
	.vop_readdir = ext2_vop_readdir,
	.vop_inactive = ext2_vop_inactive,
	.vop_reclaim = ext2_vop_reclaim,
	.vop_bmap = ext2_bmap_vop,
	.vop_getpages = ext2_vop_getpages,
	.vop_putpages = ext2_vop_putpages,
};
