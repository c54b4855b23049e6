/*
 * vfs_subr.c: the life of vnodes (sys/sys/vnode.h): allocation, the
 * vnode cache, references, locks, recycling, permission checks.
 *
 * The cache: a hash table keyed by (mount, v_hashid) finds the one
 * vnode of a file; unreferenced vnodes stay in it on an LRU free list
 * so that their pages and inode stay cached, until there are more than
 * desiredvnodes vnodes and getnewvnode recycles the oldest (vgone:
 * VOP_RECLAIM after the pages are written back).  vfs_hash_mtx protects
 * the chains, the free list and each mount's vnode list.
 *
 * References: v_usecount under v_interlock.  vrele dropping the last
 * one locks the vnode, runs VOP_INACTIVE (an unlinked file is freed
 * there) and puts it on the free list.  share/doc/vfs.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/ucred.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vnode_pager.h>

static MALLOC_DEFINE(M_VNODE, "vnode", "vnodes");

#define VFS_HASH_SIZE	512	/* chains; a power of two */

struct vnode	*rootvnode;		/* (c) after vfs_mountroot */

static struct mtx vfs_hash_mtx;
static LIST_HEAD(vnode_hash_head, vnode) vfs_hash_tbl[VFS_HASH_SIZE]; /* (h) */
static TAILQ_HEAD(, vnode) vnode_free_list =		/* (h) LRU */
    TAILQ_HEAD_INITIALIZER(vnode_free_list);
static u_long	numvnodes;		/* (h) vnodes allocated */
static u_long	freevnodes;		/* (h) on the free list */
static u_long	desiredvnodes = 4096;	/* recycle above this many */
static u_long	vnodes_recycled;	/* (h) */

SYSCTL_ULONG(_vfs, OID_AUTO, numvnodes, CTLFLAG_RD, &numvnodes, 0,
    "Vnodes allocated");
SYSCTL_ULONG(_vfs, OID_AUTO, freevnodes, CTLFLAG_RD, &freevnodes, 0,
    "Unreferenced vnodes kept in the cache");
SYSCTL_ULONG(_vfs, OID_AUTO, desiredvnodes, CTLFLAG_RW, &desiredvnodes, 0,
    "Vnodes kept before the oldest unreferenced ones are recycled");
SYSCTL_ULONG(_vfs, OID_AUTO, recycles, CTLFLAG_RD, &vnodes_recycled, 0,
    "Vnodes recycled");

static void
vfs_subr_init(const void *arg __unused)
{
	int i;

	mtx_init(&vfs_hash_mtx, "vfs_hash", NULL, MTX_DEF);
	for (i = 0; i < VFS_HASH_SIZE; i++)
		LIST_INIT(&vfs_hash_tbl[i]);
}
SYSINIT(vfs_subr, SI_SUB_VFS, SI_ORDER_FIRST, vfs_subr_init, NULL);

/* The hash chain of (mp, hashid). */
static struct vnode_hash_head *
vfs_hash_chain(struct mount *mp, ino_t hashid)
{
	uintptr_t h = (uintptr_t)mp / 64 + hashid * 2654435761u;

	return (&vfs_hash_tbl[h & (VFS_HASH_SIZE - 1)]);
}

/*
 * vfs_hash_foreach: fn(vp, arg) for every vnode in the cache.  fn runs
 * under vfs_hash_mtx: it may take vp's v_interlock and allocate with
 * M_NOWAIT, but not sleep or take a vnode lock.
 */
void
vfs_hash_foreach(void (*fn)(struct vnode *, void *), void *arg)
{
	struct vnode *vp;
	int i;

	mtx_lock(&vfs_hash_mtx);
	for (i = 0; i < VFS_HASH_SIZE; i++)
		LIST_FOREACH(vp, &vfs_hash_tbl[i], v_hashlist)
			fn(vp, arg);
	mtx_unlock(&vfs_hash_mtx);
}

/* Free the vnode itself: unreferenced, reclaimed, off every list. */
static void
vnode_free(struct vnode *vp)
{
	KASSERT(vp->v_usecount == 0 && (vp->v_iflag & VI_FREE) == 0,
	    ("vnode_free: vnode %p in use", vp));
	KASSERT(vp->v_object == NULL, ("vnode_free: vnode %p has an object",
	    vp));
	mtx_lock(&vfs_hash_mtx);
	if (vp->v_mount != NULL)
		TAILQ_REMOVE(&vp->v_mount->mnt_nvnodes, vp, v_mntlist);
	numvnodes--;
	mtx_unlock(&vfs_hash_mtx);
	vn_name_free(vp);
	sx_destroy(&vp->v_lock);
	mtx_destroy(&vp->v_interlock);
	free(vp, M_VNODE);
}

/*
 * vgone: reclaim vp (locked, referenced by the caller or unreferenced
 * and off the free list): write its pages back and drop them, let the
 * file system free its part, take it out of the cache.  The vnode is
 * VI_DOOMED from here on; lookups skip it.
 */
void
vgone(struct vnode *vp)
{
	KASSERT(sx_xlocked(&vp->v_lock), ("vgone: vnode %p not locked", vp));
	mtx_lock(&vp->v_interlock);
	if (vp->v_iflag & VI_DOOMED) {
		mtx_unlock(&vp->v_interlock);
		return;
	}
	vp->v_iflag |= VI_DOOMED;
	mtx_unlock(&vp->v_interlock);
	vfs_hash_remove(vp);
	if (vp->v_object != NULL)
		vnode_destroy_vobject(vp);
	(void)VOP_RECLAIM(vp);
	vp->v_data = NULL;
}

/*
 * Recycle the oldest unreferenced vnode, if one can be locked without
 * waiting (the caller may hold other vnode locks).  Returns true if it
 * freed one.
 */
static bool
vnlru_one(void)
{
	struct vnode *vp;

	mtx_lock(&vfs_hash_mtx);
	TAILQ_FOREACH(vp, &vnode_free_list, v_freelist) {
		if (sx_try_xlock(&vp->v_lock))
			break;
	}
	if (vp == NULL) {
		mtx_unlock(&vfs_hash_mtx);
		return (false);
	}
	mtx_lock(&vp->v_interlock);
	KASSERT(vp->v_usecount == 0, ("vnlru_one: free vnode %p in use", vp));
	TAILQ_REMOVE(&vnode_free_list, vp, v_freelist);
	vp->v_iflag &= ~VI_FREE;
	freevnodes--;
	vnodes_recycled++;
	/* Keep it from being found while it is reclaimed. */
	vp->v_usecount = 1;
	mtx_unlock(&vp->v_interlock);
	mtx_unlock(&vfs_hash_mtx);
	vgone(vp);
	vp->v_usecount = 0;
	sx_xunlock(&vp->v_lock);
	vnode_free(vp);
	return (true);
}

/*
 * getnewvnode: a new vnode of mount mp with operations vops, locked,
 * with one reference, VNON; the file system fills it and enters it in
 * the cache.  Recycles an old one first when over desiredvnodes.
 */
int
getnewvnode(const char *tag, struct mount *mp, const struct vop_vector *vops,
    struct vnode **vpp)
{
	struct vnode *vp;

	while (numvnodes >= desiredvnodes && vnlru_one())
		;
	vp = malloc(sizeof(*vp), M_VNODE, M_WAITOK | M_ZERO);
	mtx_init(&vp->v_interlock, "vnode interlock", NULL, MTX_DEF);
	sx_init(&vp->v_lock, tag);
	sx_xlock(&vp->v_lock);
	vp->v_type = VNON;
	vp->v_op = vops;
	vp->v_mount = mp;
	vp->v_usecount = 1;
	mtx_lock(&vfs_hash_mtx);
	if (mp != NULL)
		TAILQ_INSERT_TAIL(&mp->mnt_nvnodes, vp, v_mntlist);
	numvnodes++;
	mtx_unlock(&vfs_hash_mtx);
	*vpp = vp;
	return (0);
}

/* Take vp off the free list (hash mtx and interlock held). */
static void
vfree_remove(struct vnode *vp)
{
	if (vp->v_iflag & VI_FREE) {
		TAILQ_REMOVE(&vnode_free_list, vp, v_freelist);
		vp->v_iflag &= ~VI_FREE;
		freevnodes--;
	}
}

/* vref: one more reference to vp (which the caller already holds one
   on, or found in the cache). */
void
vref(struct vnode *vp)
{
	mtx_lock(&vfs_hash_mtx);
	mtx_lock(&vp->v_interlock);
	KASSERT(vp->v_usecount >= 0, ("vref: vnode %p count %d", vp,
	    vp->v_usecount));
	vfree_remove(vp);
	vp->v_usecount++;
	mtx_unlock(&vp->v_interlock);
	mtx_unlock(&vfs_hash_mtx);
}

/*
 * Drop a reference; the last one (with vp locked by the caller iff
 * locked) runs VOP_INACTIVE and puts vp on the free list.
 */
static void
vrele_common(struct vnode *vp, bool locked)
{
	mtx_lock(&vp->v_interlock);
	KASSERT(vp->v_usecount > 0, ("vrele: vnode %p count %d", vp,
	    vp->v_usecount));
	if (vp->v_usecount > 1) {
		vp->v_usecount--;
		mtx_unlock(&vp->v_interlock);
		return;
	}
	mtx_unlock(&vp->v_interlock);
	/* The last reference: inactivate with the vnode locked. */
	if (!locked)
		sx_xlock(&vp->v_lock);
	mtx_lock(&vfs_hash_mtx);
	mtx_lock(&vp->v_interlock);
	if (--vp->v_usecount > 0) {
		/* Someone found it in the cache meanwhile. */
		mtx_unlock(&vp->v_interlock);
		mtx_unlock(&vfs_hash_mtx);
		if (!locked)
			sx_xunlock(&vp->v_lock);
		return;
	}
	vp->v_usecount = 1;	/* hold it across VOP_INACTIVE */
	mtx_unlock(&vp->v_interlock);
	mtx_unlock(&vfs_hash_mtx);
	if ((vp->v_iflag & VI_DOOMED) == 0)
		(void)VOP_INACTIVE(vp);
	mtx_lock(&vfs_hash_mtx);
	mtx_lock(&vp->v_interlock);
	if (--vp->v_usecount > 0) {
		mtx_unlock(&vp->v_interlock);
		mtx_unlock(&vfs_hash_mtx);
		if (!locked)
			sx_xunlock(&vp->v_lock);
		return;
	}
	if ((vp->v_iflag & VI_DOOMED) && !locked) {
		/* Reclaimed (vgone while referenced): free it now. */
		mtx_unlock(&vp->v_interlock);
		mtx_unlock(&vfs_hash_mtx);
		sx_xunlock(&vp->v_lock);
		vnode_free(vp);
		return;
	}
	/* A doomed vnode a caller keeps locked goes first in line for
	   vnlru_one, which frees it. */
	vp->v_iflag |= VI_FREE;
	if (vp->v_iflag & VI_DOOMED)
		TAILQ_INSERT_HEAD(&vnode_free_list, vp, v_freelist);
	else
		TAILQ_INSERT_TAIL(&vnode_free_list, vp, v_freelist);
	freevnodes++;
	mtx_unlock(&vp->v_interlock);
	mtx_unlock(&vfs_hash_mtx);
	if (!locked)
		sx_xunlock(&vp->v_lock);
}

void
vrele(struct vnode *vp)
{
	vrele_common(vp, false);
}

/* vunref: drop a reference to a locked vnode, keeping the lock. */
void
vunref(struct vnode *vp)
{
	KASSERT(sx_xlocked(&vp->v_lock), ("vunref: vnode %p not locked", vp));
	vrele_common(vp, true);
}

/* vput: unlock and drop a reference. */
void
vput(struct vnode *vp)
{
	KASSERT(sx_xlocked(&vp->v_lock), ("vput: vnode %p not locked", vp));
	sx_xunlock(&vp->v_lock);
	vrele(vp);
}

/* vn_lock: lock vp; ENOENT (unlocked) if reclaimed, unless LK_RETRY. */
int
vn_lock(struct vnode *vp, int flags)
{
	KASSERT(vp->v_usecount > 0, ("vn_lock: vnode %p unreferenced", vp));
	sx_xlock(&vp->v_lock);
	if ((vp->v_iflag & VI_DOOMED) && (flags & LK_RETRY) == 0) {
		sx_xunlock(&vp->v_lock);
		return (ENOENT);
	}
	return (0);
}

void
VOP_UNLOCK(struct vnode *vp)
{
	sx_xunlock(&vp->v_lock);
}

bool
VOP_ISLOCKED(struct vnode *vp)
{
	return (sx_xlocked(&vp->v_lock) != 0);
}

/*
 * vn_lock_set: lock the distinct vnodes of vps (n of them, NULLs and
 * repeats skipped; all referenced) without a lock-order deadlock: take
 * the first, try the rest, and on a miss let go of all and start with
 * the one that was busy.  For rename, which locks two directories and
 * two files in no tree order.
 */
void
vn_lock_set(struct vnode **vps, int n)
{
	int first = 0, i, j;

	for (;;) {
		(void)vn_lock(vps[first], LK_RETRY);
		for (i = 0; i < n; i++) {
			if (i == first || vps[i] == NULL)
				continue;
			for (j = 0; j < i; j++)
				if (vps[j] == vps[i])
					break;
			if (j < i || vps[i] == vps[first])
				continue;
			if (!sx_try_xlock(&vps[i]->v_lock))
				break;
		}
		if (i == n)
			return;
		/* Undo the ones taken. */
		for (j = 0; j < i; j++) {
			int k;

			if (vps[j] == NULL)
				continue;
			for (k = 0; k < j; k++)
				if (vps[k] == vps[j])
					break;
			if (k < j)
				continue;
			if (j == first || vps[j] != vps[first])
				VOP_UNLOCK(vps[j]);
		}
		if (first > i && vps[first] != NULL)
			VOP_UNLOCK(vps[first]);
		first = i;
	}
}

/* vn_unlock_set: unlock what vn_lock_set locked. */
void
vn_unlock_set(struct vnode **vps, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		if (vps[i] == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (vps[j] == vps[i])
				break;
		if (j == i)
			VOP_UNLOCK(vps[i]);
	}
}

/*
 * vfs_hash_get: the cached vnode (mp, hashid), referenced and locked,
 * in *vpp; NULL if there is none.  Always returns 0.
 */
int
vfs_hash_get(struct mount *mp, ino_t hashid, struct vnode **vpp)
{
	struct vnode *vp;

	for (;;) {
		mtx_lock(&vfs_hash_mtx);
		LIST_FOREACH(vp, vfs_hash_chain(mp, hashid), v_hashlist) {
			if (vp->v_mount == mp && vp->v_hashid == hashid &&
			    (vp->v_iflag & VI_DOOMED) == 0)
				break;
		}
		if (vp == NULL) {
			mtx_unlock(&vfs_hash_mtx);
			*vpp = NULL;
			return (0);
		}
		mtx_lock(&vp->v_interlock);
		vfree_remove(vp);
		vp->v_usecount++;
		mtx_unlock(&vp->v_interlock);
		mtx_unlock(&vfs_hash_mtx);
		if (vn_lock(vp, 0) == 0) {
			*vpp = vp;
			return (0);
		}
		vrele(vp);	/* reclaimed while we waited: look again */
	}
}

/*
 * vfs_hash_insert: enter vp (new, locked, referenced) as (its mount,
 * hashid).  If another thread entered that file first, vp is reclaimed
 * and freed, and *vpp is the other (referenced, locked); else *vpp = vp.
 */
int
vfs_hash_insert(struct vnode *vp, ino_t hashid, struct vnode **vpp)
{
	struct vnode *ovp;
	int error;

	for (;;) {
		mtx_lock(&vfs_hash_mtx);
		LIST_FOREACH(ovp, vfs_hash_chain(vp->v_mount, hashid),
		    v_hashlist) {
			if (ovp->v_mount == vp->v_mount &&
			    ovp->v_hashid == hashid &&
			    (ovp->v_iflag & VI_DOOMED) == 0)
				break;
		}
		if (ovp == NULL) {
			vp->v_hashid = hashid;
			LIST_INSERT_HEAD(vfs_hash_chain(vp->v_mount, hashid),
			    vp, v_hashlist);
			mtx_unlock(&vfs_hash_mtx);
			*vpp = vp;
			return (0);
		}
		mtx_lock(&ovp->v_interlock);
		vfree_remove(ovp);
		ovp->v_usecount++;
		mtx_unlock(&ovp->v_interlock);
		mtx_unlock(&vfs_hash_mtx);
		error = vn_lock(ovp, 0);
		if (error == 0)
			break;
		vrele(ovp);
	}
	/* Lost the race: discard vp. */
	vp->v_iflag |= VI_DOOMED;
	(void)VOP_RECLAIM(vp);
	vp->v_data = NULL;
	vp->v_usecount = 0;
	sx_xunlock(&vp->v_lock);
	vnode_free(vp);
	*vpp = ovp;
	return (0);
}

/* vfs_hash_remove: take vp out of the cache's hash (if in it). */
void
vfs_hash_remove(struct vnode *vp)
{
	struct vnode *v;

	mtx_lock(&vfs_hash_mtx);
	LIST_FOREACH(v, vfs_hash_chain(vp->v_mount, vp->v_hashid), v_hashlist)
		if (v == vp) {
			LIST_REMOVE(vp, v_hashlist);
			break;
		}
	mtx_unlock(&vfs_hash_mtx);
}

/*
 * vaccess: may cred access (accmode: VREAD|VWRITE|VEXEC|VADMIN) a file
 * of type type, mode, owner uid and group gid?  0 or EACCES (EPERM for
 * VADMIN).  The superuser may do anything except execute a file no one
 * may execute.
 */
int
vaccess(enum vtype type, mode_t mode, uid_t uid, gid_t gid, int accmode,
    struct ucred *cred)
{
	mode_t granted;

	if (cred->cr_uid == 0) {
		if ((accmode & VEXEC) && type != VDIR &&
		    (mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0)
			return (EACCES);
		return (0);
	}
	if (accmode & VADMIN) {
		if (cred->cr_uid != uid)
			return (EPERM);
		accmode &= ~VADMIN;
	}
	if (accmode & VAPPEND)
		accmode = (accmode & ~VAPPEND) | VWRITE;
	if (cred->cr_uid == uid)
		granted = (mode & S_IRWXU) >> 6;
	else if (groupmember(gid, cred))
		granted = (mode & S_IRWXG) >> 3;
	else
		granted = mode & S_IRWXO;
	/* VREAD/VWRITE/VEXEC are the owner bits: compare as rwx. */
	if (((accmode >> 6) & 07 & ~granted) != 0)
		return (EACCES);
	return (0);
}

/* The default VOP_ACCESS: vaccess over VOP_GETATTR. */
int
vaccess_vnode(struct vnode *vp, int accmode, struct ucred *cred)
{
	struct vattr va;
	int error;

	error = VOP_GETATTR(vp, &va);
	if (error != 0)
		return (error);
	return (vaccess(vp->v_type, va.va_mode, va.va_uid, va.va_gid, accmode,
	    cred));
}

/* vattr_null: every field VNOVAL (setattr: change nothing). */
void
vattr_null(struct vattr *vap)
{
	memset(vap, 0xff, sizeof(*vap));
	vap->va_type = VNON;
	vap->va_vaflags = 0;
}

static const enum vtype iftovt_tab[16] = {
	VNON, VFIFO, VCHR, VNON, VDIR, VNON, VBLK, VNON,
	VREG, VNON, VLNK, VNON, VSOCK, VNON, VNON, VBAD,
};

enum vtype
iftovt(mode_t mode)
{
	return (iftovt_tab[(mode & S_IFMT) >> 12]);
}

mode_t
vttoif(enum vtype type)
{
	static const mode_t tab[] = {
		[VNON] = 0, [VREG] = S_IFREG, [VDIR] = S_IFDIR,
		[VBLK] = S_IFBLK, [VCHR] = S_IFCHR, [VLNK] = S_IFLNK,
		[VSOCK] = S_IFSOCK, [VFIFO] = S_IFIFO, [VBAD] = 0,
	};

	return (tab[type]);
}

/* vfs_sync_all: write back every mounted file system (sync(2)). */
void
vfs_sync_all(bool wait)
{
	struct mount *mp;

	/*
	 * Unmount frees mounts: hold it off while walking the list.  The
	 * syncs lock regular files' vnodes under this; kern_mount locks a
	 * directory before it, so the two never wait for each other.
	 */
	vfs_mountlist_slock();
	TAILQ_FOREACH(mp, &mountlist, mnt_list)
		(void)VFS_SYNC(mp, wait ? MNT_WAIT : MNT_NOWAIT);
	vfs_mountlist_sunlock();
}

/*
 * vfs_fsync_vnodes: VOP_FSYNC every vnode of mp that has pages (sync,
 * unmount).  The vnodes are gathered referenced first, so the walk does
 * not hold the cache's lock across the writes.
 */
void
vfs_fsync_vnodes(struct mount *mp, int waitfor)
{
	struct vnode *vp, **vps;
	u_long n, i, max;

	mtx_lock(&vfs_hash_mtx);
	max = numvnodes;
	mtx_unlock(&vfs_hash_mtx);
	vps = malloc((max + 1) * sizeof(*vps), M_VNODE, M_WAITOK);
	n = 0;
	mtx_lock(&vfs_hash_mtx);
	TAILQ_FOREACH(vp, &mp->mnt_nvnodes, v_mntlist) {
		if (n == max)
			break;
		if (vp->v_object == NULL || (vp->v_iflag & VI_DOOMED))
			continue;
		mtx_lock(&vp->v_interlock);
		vfree_remove(vp);
		vp->v_usecount++;
		mtx_unlock(&vp->v_interlock);
		vps[n++] = vp;
	}
	mtx_unlock(&vfs_hash_mtx);
	for (i = 0; i < n; i++) {
		vp = vps[i];
		if (vn_lock(vp, 0) == 0) {
			(void)VOP_FSYNC(vp, waitfor, false);
			vput(vp);
		} else {
			vrele(vp);
		}
	}
	free(vps, M_VNODE);
}

/*
 * vflush: reclaim and free every vnode of mp, for unmount.  Returns
 * EBUSY, with nothing changed, if any of them is referenced (an open
 * file, a current directory, a lookup in progress).  XXX: there is no
 * mount-busy protocol yet, so a lookup entering mp while this runs is
 * not kept out; the caller holds the mount lock and mounts are only
 * changed by root.
 */
int
vflush(struct mount *mp)
{
	struct vnode *vp;

	mtx_lock(&vfs_hash_mtx);
	TAILQ_FOREACH(vp, &mp->mnt_nvnodes, v_mntlist) {
		if (vp->v_usecount > 0) {
			mtx_unlock(&vfs_hash_mtx);
			return (EBUSY);
		}
	}
	while ((vp = TAILQ_FIRST(&mp->mnt_nvnodes)) != NULL) {
		mtx_lock(&vp->v_interlock);
		if (vp->v_usecount > 0) {
			/* Found in the cache meanwhile. */
			mtx_unlock(&vp->v_interlock);
			mtx_unlock(&vfs_hash_mtx);
			return (EBUSY);
		}
		vfree_remove(vp);
		/* Keep it from being found while it is reclaimed. */
		vp->v_usecount = 1;
		mtx_unlock(&vp->v_interlock);
		mtx_unlock(&vfs_hash_mtx);
		sx_xlock(&vp->v_lock);
		vgone(vp);
		vp->v_usecount = 0;
		sx_xunlock(&vp->v_lock);
		vnode_free(vp);
		mtx_lock(&vfs_hash_mtx);
	}
	mtx_unlock(&vfs_hash_mtx);
	return (0);
}

/*
 * The syncer: every vfs.syncer_interval seconds, dirty file pages are
 * written back (MNT_NOWAIT), so a stopped machine loses at most that
 * much of what was written with write(2) or through shared mappings
 * without fsync or msync.  0 stops it.
 */
static u_int	syncer_interval = 30;	/* seconds */
SYSCTL_UINT(_vfs, OID_AUTO, syncer_interval, CTLFLAG_RW, &syncer_interval, 0,
    "Seconds between write-backs of dirty file pages (0: never)");

static void
vfs_syncer(void *arg __unused)
{
	for (;;) {
		(void)pause("syncer", (int)MAX(syncer_interval, 1u) * hz);
		if (syncer_interval != 0 && rootvnode != NULL)
			vfs_sync_all(false);
	}
}

static void
vfs_syncer_start(const void *arg __unused)
{
	if (kthread_add(vfs_syncer, NULL, NULL, PRI_KERN, "syncer") != 0)
		printf("vfs: no syncer thread\n");
}
SYSINIT(syncer, SI_SUB_ROOT, SI_ORDER_ANY, vfs_syncer_start, NULL);
