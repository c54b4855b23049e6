/*
 * tmpfs_vnops.c: the vnode operations of tmpfs (struct vop_vector) over
 * the nodes of tmpfs_subr.c (share/doc/tmpfs.md).
 *
 * Everything is memory: lookups walk a directory's tree of names,
 * changes edit it under the directory's vnode lock and the mount's
 * tm_lock, and a regular file's read and write go through its node's
 * anonymous object (tmpfs_reg_rdwr), which mmap maps too (vn_mmap takes
 * vp->v_object).  Device nodes, fifos and sockets are plain nodes: they
 * keep their type and device number and nothing more.  A node whose
 * last link went is freed when its vnode is reclaimed, which
 * VOP_INACTIVE asks for at once.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_object.h>

#include <fs/tmpfs/tmpfs.h>

static int
tmpfs_lookup(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp)
{
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp), *parent;
	struct tmpfs_mount *tmp = dnode->tn_tmp;
	struct tmpfs_dirent *de;
	int error;

	if (dvp->v_type != VDIR)
		return (ENOTDIR);
	if (dnode->tn_links == 0)
		return (ENOENT);	/* a removed directory is empty */
	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == '.') {
		vref(dvp);
		*vpp = dvp;
		return (0);
	}
	if (cnp->cn_flags & ISDOTDOT) {
		sx_xlock(&tmp->tm_lock);
		parent = dnode->tn_parent;
		tmpfs_node_hold(parent);
		sx_xunlock(&tmp->tm_lock);
		if (parent == dnode) {
			tmpfs_node_drop(parent);
			vref(dvp);
			*vpp = dvp;
			return (0);
		}
		/* Parent before child: let go of dvp while locking "..". */
		VOP_UNLOCK(dvp);
		error = tmpfs_alloc_vp(dvp->v_mount, parent, vpp);
		tmpfs_node_drop(parent);
		(void)vn_lock(dvp, LK_RETRY);
		return (error);
	}
	de = tmpfs_dir_lookup(dnode, cnp->cn_nameptr, cnp->cn_namelen);
	if (de == NULL) {
		if ((cnp->cn_flags & ISLASTCN) &&
		    (cnp->cn_nameiop == CREATE || cnp->cn_nameiop == RENAME))
			return (EJUSTRETURN);
		return (ENOENT);
	}
	return (tmpfs_alloc_vp(dvp->v_mount, de->td_node, vpp));
}

/*
 * Make a node of type with mode named cnp in dvp (locked): a symlink to
 * target, a device rdev.  Its vnode, locked and referenced, in *vpp.
 */
static int
tmpfs_mknode(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    enum vtype type, mode_t mode, const char *target, dev_t rdev)
{
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp), *node;
	struct tmpfs_mount *tmp = dnode->tn_tmp;
	struct ucred *cred = cnp->cn_cred;
	gid_t gid;
	int error;

	if (dnode->tn_links == 0)
		return (ENOENT);
	if (cnp->cn_namelen > NAME_MAX)
		return (ENAMETOOLONG);
	if (type == VLNK && strlen(target) >= MAXPATHLEN)
		return (ENAMETOOLONG);
	/* A set-group-ID directory gives its group (and, to a directory,
	   the bit). */
	gid = (dnode->tn_mode & S_ISGID) ? dnode->tn_gid : cred->cr_gid;
	if (type == VDIR && (dnode->tn_mode & S_ISGID))
		mode |= S_ISGID;
	error = tmpfs_alloc_node(tmp, type, mode, cred->cr_uid, gid, dnode,
	    target, rdev, &node);
	if (error != 0)
		return (error);
	error = tmpfs_dir_enter(dnode, cnp->cn_nameptr, cnp->cn_namelen, node);
	if (error != 0) {
		sx_xlock(&tmp->tm_lock);
		node->tn_links = 0;
		tmpfs_free_node(tmp, node);
		sx_xunlock(&tmp->tm_lock);
		return (error);
	}
	return (tmpfs_alloc_vp(dvp->v_mount, node, vpp));
}

static int
tmpfs_create(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap)
{
	KASSERT(vap->va_type != VDIR && vap->va_type != VLNK,
	    ("%s: type %d", __func__, vap->va_type));
	return (tmpfs_mknode(dvp, vpp, cnp, vap->va_type, vap->va_mode, NULL,
	    vap->va_rdev));
}

static int
tmpfs_mkdir(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap)
{
	return (tmpfs_mknode(dvp, vpp, cnp, VDIR, vap->va_mode, NULL, 0));
}

static int
tmpfs_symlink(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap, const char *target)
{
	return (tmpfs_mknode(dvp, vpp, cnp, VLNK, 0777, target, 0));
}

/* The entry cnp of dnode, if it still names node (else NULL). */
static struct tmpfs_dirent *
tmpfs_dir_find(struct tmpfs_node *dnode, struct componentname *cnp,
    struct tmpfs_node *node)
{
	struct tmpfs_dirent *de;

	de = tmpfs_dir_lookup(dnode, cnp->cn_nameptr, cnp->cn_namelen);
	return (de != NULL && de->td_node == node ? de : NULL);
}

static int
tmpfs_remove(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp);
	struct tmpfs_dirent *de;

	if (vp->v_type == VDIR)
		return (EISDIR);
	de = tmpfs_dir_find(dnode, cnp, VP_TO_TMPFS_NODE(vp));
	if (de == NULL)
		return (ENOENT);
	tmpfs_dir_remove(dnode, de);
	return (0);
}

static int
tmpfs_rmdir(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp);
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	struct tmpfs_dirent *de;

	if (vp->v_type != VDIR)
		return (ENOTDIR);
	if (dvp == vp)
		return (EINVAL);
	de = tmpfs_dir_find(dnode, cnp, node);
	if (de == NULL)
		return (ENOENT);
	if (node->tn_nentries != 0)
		return (ENOTEMPTY);
	tmpfs_dir_remove(dnode, de);
	return (0);
}

static int
tmpfs_link(struct vnode *tdvp, struct vnode *vp, struct componentname *cnp)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);

	if (vp->v_type == VDIR)
		return (EPERM);
	if (VP_TO_TMPFS_NODE(tdvp)->tn_links == 0)
		return (ENOENT);	/* the directory was removed */
	if (node->tn_links >= TMPFS_LINK_MAX)
		return (EMLINK);
	if (node->tn_links == 0)
		return (ENOENT);
	return (tmpfs_dir_enter(VP_TO_TMPFS_NODE(tdvp), cnp->cn_nameptr,
	    cnp->cn_namelen, node));
}

/*
 * rename: the four vnodes are locked here (the caller holds the mount's
 * rename lock, which keeps the ancestry it checked); the names must
 * still name what namei found.
 */
static int
tmpfs_rename(struct vnode *fdvp, struct vnode *fvp, struct componentname *fcnp,
    struct vnode *tdvp, struct vnode *tvp, struct componentname *tcnp)
{
	struct vnode *vps[4] = { fdvp, tdvp, fvp, tvp };
	struct tmpfs_node *fdnode = VP_TO_TMPFS_NODE(fdvp);
	struct tmpfs_node *tdnode = VP_TO_TMPFS_NODE(tdvp);
	struct tmpfs_node *fnode = VP_TO_TMPFS_NODE(fvp);
	struct tmpfs_node *tnode = tvp != NULL ? VP_TO_TMPFS_NODE(tvp) : NULL;
	struct tmpfs_dirent *fde, *tde = NULL;
	int error = 0;

	vn_lock_set(vps, 4);
	if (fdnode->tn_links == 0 || tdnode->tn_links == 0)
		error = ENOENT;
	if (error == 0 && (fde = tmpfs_dir_find(fdnode, fcnp, fnode)) == NULL)
		error = ENOENT;
	if (error == 0 && tnode != NULL) {
		tde = tmpfs_dir_find(tdnode, tcnp, tnode);
		if (tde == NULL)
			error = ENOENT;
		else if (tnode->tn_type == VDIR && tnode->tn_nentries != 0)
			error = ENOTEMPTY;
	} else if (error == 0 && tmpfs_dir_lookup(tdnode, tcnp->cn_nameptr,
	    tcnp->cn_namelen) != NULL) {
		error = EEXIST;		/* made since namei looked */
	}
	if (error == 0 && fnode->tn_type == VDIR && fdnode != tdnode &&
	    tnode == NULL && tdnode->tn_links >= TMPFS_LINK_MAX)
		error = EMLINK;
	if (error == 0) {
		if (tde != NULL)
			tmpfs_dir_remove(tdnode, tde);
		tmpfs_dir_move(fdnode, fde, tdnode, tcnp->cn_nameptr,
		    tcnp->cn_namelen);
	}
	vn_unlock_set(vps, 4);
	return (error);
}

static int
tmpfs_readlink(struct vnode *vp, struct uio *uio)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);

	if (vp->v_type != VLNK)
		return (EINVAL);
	tmpfs_itimes(node, true, false, false);
	return (uiomove(node->tn_link, MIN((size_t)node->tn_size,
	    (size_t)uio->uio_resid), uio));
}

static int
tmpfs_getattr(struct vnode *vp, struct vattr *vap)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);

	memset(vap, 0, sizeof(*vap));
	vap->va_type = vp->v_type;
	vap->va_mode = node->tn_mode;
	vap->va_nlink = node->tn_links;
	vap->va_uid = node->tn_uid;
	vap->va_gid = node->tn_gid;
	vap->va_fsid = vp->v_mount->mnt_dev;
	vap->va_fileid = node->tn_id;
	vap->va_size = node->tn_size;
	vap->va_blocksize = PAGE_SIZE;
	vap->va_atime = node->tn_atime;
	vap->va_mtime = node->tn_mtime;
	vap->va_ctime = node->tn_ctime;
	if (vp->v_type == VCHR || vp->v_type == VBLK)
		vap->va_rdev = node->tn_rdev;
	if (vp->v_type == VREG)
		vap->va_bytes = (int64_t)node->tn_object->resident_page_count *
		    PAGE_SIZE;
	return (0);
}

/*
 * setattr: owner and group (root, or the owner giving the file to a
 * group it is in), mode (owner), times (owner; or anyone who may write
 * for "now"), size (a regular file).  ctime moves with each change.
 */
static int
tmpfs_setattr(struct vnode *vp, struct vattr *vap, struct ucred *cred)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	bool root = cred->cr_uid == 0;
	bool owner = root || cred->cr_uid == node->tn_uid;
	uid_t uid;
	gid_t gid;
	int error;

	if (vap->va_uid != (uid_t)VNOVAL || vap->va_gid != (gid_t)VNOVAL) {
		uid = vap->va_uid != (uid_t)VNOVAL ? vap->va_uid :
		    node->tn_uid;
		gid = vap->va_gid != (gid_t)VNOVAL ? vap->va_gid :
		    node->tn_gid;
		if (!root && (!owner || uid != node->tn_uid ||
		    (gid != node->tn_gid && !groupmember(gid, cred))))
			return (EPERM);
		node->tn_uid = uid;
		node->tn_gid = gid;
		if (!root)
			node->tn_mode &= ~(S_ISUID | S_ISGID);
	}
	if (vap->va_mode != (mode_t)VNOVAL) {
		if (!owner)
			return (EPERM);
		node->tn_mode = vap->va_mode & ALLPERMS;
	}
	if (vap->va_atime.tv_sec != VNOVAL || vap->va_mtime.tv_sec != VNOVAL) {
		if (!owner && (vap->va_vaflags & VA_UTIMES_NULL) == 0)
			return (EPERM);
		if (!owner) {
			error = VOP_ACCESS(vp, VWRITE, cred);
			if (error != 0)
				return (error);
		}
		if (vap->va_atime.tv_sec != VNOVAL)
			node->tn_atime = vap->va_atime;
		if (vap->va_mtime.tv_sec != VNOVAL)
			node->tn_mtime = vap->va_mtime;
	}
	if (vap->va_size != (off_t)VNOVAL) {
		if (vp->v_type == VDIR)
			return (EISDIR);
		if (vp->v_type != VREG)
			return (EINVAL);
		error = tmpfs_reg_resize(vp, vap->va_size);
		if (error != 0)
			return (error);
		tmpfs_itimes(node, false, true, false);
	}
	tmpfs_itimes(node, false, false, true);
	return (0);
}

/* read and write: a regular file's data (uio_rw says which way). */
static int
tmpfs_rdwr(struct vnode *vp, struct uio *uio, int ioflag, struct ucred *cred)
{
	if (vp->v_type == VDIR)
		return (EISDIR);
	if (vp->v_type != VREG)
		return (EINVAL);
	return (tmpfs_reg_rdwr(vp, uio, ioflag));
}

static int
tmpfs_readdir(struct vnode *vp, struct uio *uio, int *eofp)
{
	if (vp->v_type != VDIR)
		return (ENOTDIR);
	return (tmpfs_dir_getdents(VP_TO_TMPFS_NODE(vp), uio, eofp));
}

/* The last reference: a node without links goes now. */
static int
tmpfs_inactive(struct vnode *vp)
{
	if (VP_TO_TMPFS_NODE(vp)->tn_links == 0)
		vgone(vp);
	return (0);
}

/*
 * reclaim: the vnode leaves its node (if it is the node's: a vnode that
 * lost the race into the cache never was), which is freed if nothing
 * else keeps it.
 */
static int
tmpfs_reclaim(struct vnode *vp)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	struct tmpfs_mount *tmp;

	vp->v_object = NULL;	/* the node's, not the vnode's */
	if (node != NULL && node->tn_type == VREG) {
		VM_OBJECT_WLOCK(node->tn_object);
		if (node->tn_object->handle == vp)
			node->tn_object->handle = NULL;
		VM_OBJECT_WUNLOCK(node->tn_object);
	}
	if (node != NULL) {
		tmp = node->tn_tmp;
		sx_xlock(&tmp->tm_lock);
		if (node->tn_vnode == vp) {
			node->tn_vnode = NULL;
			if (node->tn_links == 0 && node->tn_holds == 0)
				tmpfs_free_node(tmp, node);
		}
		sx_xunlock(&tmp->tm_lock);
	}
	vp->v_data = NULL;
	return (0);
}

const struct vop_vector tmpfs_vnodeops = {
	.vop_lookup = tmpfs_lookup,
	.vop_create = tmpfs_create,
	.vop_mkdir = tmpfs_mkdir,
	.vop_symlink = tmpfs_symlink,
	.vop_remove = tmpfs_remove,
	.vop_rmdir = tmpfs_rmdir,
	.vop_link = tmpfs_link,
	.vop_rename = tmpfs_rename,
	.vop_readlink = tmpfs_readlink,
	.vop_getattr = tmpfs_getattr,
	.vop_setattr = tmpfs_setattr,
	.vop_read = tmpfs_rdwr,
	.vop_write = tmpfs_rdwr,
	.vop_readdir = tmpfs_readdir,
	.vop_inactive = tmpfs_inactive,
	.vop_reclaim = tmpfs_reclaim,
};
