/*
 * tmpfs_subr.c: tmpfs nodes, directories, vnodes and file data (tmpfs.h,
 * share/doc/tmpfs.md).
 *
 * Nodes: allocated with a unique inode number and put on the mount's
 * list; freed when they have no links, no vnode and no holds (reclaim
 * or the last hold drop decides, under tm_lock).  A node's vnode is
 * found through the vnode cache (vfs_hash, keyed by the inode number),
 * so one node has one vnode; tn_vnode names the one that won the
 * insertion.
 *
 * Directories: a red-black tree of entries by name for lookups, and a
 * list in cookie order for readdir.  Cookies grow per directory and are
 * never reused while the directory lives, so a readdir offset stays
 * valid across removals: the next entry is the first with a cookie at
 * or above it.
 *
 * File data: the node's object (OBJT_SWAP, never OBJ_ANON).  Its size
 * in pages follows the file's (a fault past it is SIGBUS); read copies
 * resident pages and zeros for holes; write fills a page in two steps
 * around the copy from the user (first resident and valid, then, after
 * the copy into a kernel bounce buffer, written), so no page is ever
 * busy across a copyin or copyout: a read() into a mapping of the same
 * file may fault on that very page.  The vnode lock, held throughout,
 * keeps the page from being truncated away between the steps.
 *
 * Space: tm_pages_used counts the resident pages of the files as last
 * seen (tn_pages per node, brought up to date by tmpfs_pages_sync at
 * each write, truncation and free).  A write refuses a new page past
 * tm_pages_max (ENOSPC, or a short write); pages a fault fills through
 * a mapping are counted at the next sync, not refused.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/tree.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

#include <fs/tmpfs/tmpfs.h>

static MALLOC_DEFINE(M_TMPFSNODE, "tmpfs node", "tmpfs nodes");
static MALLOC_DEFINE(M_TMPFSDIR, "tmpfs dirent", "tmpfs directory entries");
static MALLOC_DEFINE(M_TMPFSBUF, "tmpfs buf", "tmpfs bounce buffers");

static int
tmpfs_dirent_cmp(struct tmpfs_dirent *a, struct tmpfs_dirent *b)
{
	if (a->td_namelen != b->td_namelen)
		return (a->td_namelen < b->td_namelen ? -1 : 1);
	return (memcmp(a->td_name, b->td_name, a->td_namelen));
}

RB_GENERATE_STATIC(tmpfs_dir, tmpfs_dirent, td_byname, tmpfs_dirent_cmp);

/* The object size in pages of a file of size bytes. */
static vm_pindex_t
tmpfs_npages(off_t size)
{
	return (OFF_TO_IDX(round_page((vm_ooffset_t)size)));
}

/* tmpfs_itimes: set the chosen times of node to now (vnode locked). */
void
tmpfs_itimes(struct tmpfs_node *node, bool access, bool modify, bool change)
{
	struct timespec now;

	getnanotime(&now);
	if (access)
		node->tn_atime = now;
	if (modify)
		node->tn_mtime = now;
	if (change)
		node->tn_ctime = now;
}

/*
 * tmpfs_alloc_node: a new node of type with mode, owner and group: a
 * directory with parent (NULL for the root, which is its own parent),
 * a symlink with target, a device with rdev, a regular file with an
 * empty object.  Links: 1 for a directory ("."), else 0, until the
 * caller enters the name (tmpfs_dir_enter).  ENOSPC past the node
 * limit.  tm_lock not held.
 */
int
tmpfs_alloc_node(struct tmpfs_mount *tmp, enum vtype type, mode_t mode,
    uid_t uid, gid_t gid, struct tmpfs_node *parent, const char *target,
    dev_t rdev, struct tmpfs_node **nodep)
{
	struct tmpfs_node *node;
	size_t len;

	KASSERT(type != VNON && type != VBAD, ("%s: type %d", __func__, type));
	KASSERT(type != VLNK || target != NULL, ("%s: no target", __func__));
	node = malloc(sizeof(*node), M_TMPFSNODE, M_WAITOK | M_ZERO);
	node->tn_tmp = tmp;
	node->tn_type = type;
	node->tn_mode = mode & ALLPERMS;
	node->tn_uid = uid;
	node->tn_gid = gid;
	node->tn_links = type == VDIR ? 1 : 0;	/* "."; the name comes */
	tmpfs_itimes(node, true, true, true);
	switch (type) {
	case VDIR:
		RB_INIT(&node->tn_names);
		TAILQ_INIT(&node->tn_order);
		node->tn_parent = parent != NULL ? parent : node;
		node->tn_nextcookie = TMPFS_COOKIE_FIRST;
		node->tn_size = 2 * TMPFS_DIRENT_SIZE;
		break;
	case VREG:
		node->tn_object = vm_object_allocate(OBJT_SWAP, 0);
		VM_OBJECT_WLOCK(node->tn_object);
		vm_object_set_flag(node->tn_object, OBJ_NAMED);
		VM_OBJECT_WUNLOCK(node->tn_object);
		break;
	case VLNK:
		len = strlen(target);
		node->tn_link = malloc(len + 1, M_TMPFSNODE, M_WAITOK);
		memcpy(node->tn_link, target, len + 1);
		node->tn_size = (off_t)len;
		break;
	case VCHR:
	case VBLK:
		node->tn_rdev = rdev;
		break;
	default:
		break;
	}
	sx_xlock(&tmp->tm_lock);
	if (tmp->tm_nodes_inuse >= tmp->tm_nodes_max) {
		sx_xunlock(&tmp->tm_lock);
		node->tn_links = 0;
		tmpfs_free_node(tmp, node);
		return (ENOSPC);
	}
	tmp->tm_nodes_inuse++;
	node->tn_id = tmp->tm_nextid++;
	LIST_INSERT_HEAD(&tmp->tm_nodes, node, tn_entries);
	sx_xunlock(&tmp->tm_lock);
	*nodep = node;
	return (0);
}

/*
 * tmpfs_free_node: free node and what it owns: a directory's entries
 * (empty but for unmount), a symlink's target, a file's object (its
 * pages go with the last reference: mappings keep theirs).  tm_lock held
 * if the node is on the mount's list (tn_id != 0), else not needed.
 */
void
tmpfs_free_node(struct tmpfs_mount *tmp, struct tmpfs_node *node)
{
	struct tmpfs_dirent *de, *next;

	if (node->tn_id != 0) {
		sx_assert(&tmp->tm_lock, SA_XLOCKED);
		LIST_REMOVE(node, tn_entries);
		tmp->tm_nodes_inuse--;
	}
	switch (node->tn_type) {
	case VDIR:
		TAILQ_FOREACH_SAFE(de, &node->tn_order, td_order, next) {
			TAILQ_REMOVE(&node->tn_order, de, td_order);
			free(de->td_name, M_TMPFSDIR);
			free(de, M_TMPFSDIR);
		}
		break;
	case VREG:
		if (node->tn_id != 0) {
			KASSERT(tmp->tm_pages_used >= node->tn_pages,
			    ("%s: %lu pages used, node has %lu", __func__,
			    tmp->tm_pages_used, node->tn_pages));
			tmp->tm_pages_used -= node->tn_pages;
		}
		vm_object_deallocate(node->tn_object);
		break;
	case VLNK:
		free(node->tn_link, M_TMPFSNODE);
		break;
	default:
		break;
	}
	free(node, M_TMPFSNODE);
}

/* Free node if nothing keeps it any more (tm_lock held). */
static void
tmpfs_node_maybe_free(struct tmpfs_node *node)
{
	struct tmpfs_mount *tmp = node->tn_tmp;

	sx_assert(&tmp->tm_lock, SA_XLOCKED);
	if (node->tn_links == 0 && node->tn_vnode == NULL &&
	    node->tn_holds == 0)
		tmpfs_free_node(tmp, node);
}

/* tmpfs_node_hold: keep node from being freed (tm_lock held). */
void
tmpfs_node_hold(struct tmpfs_node *node)
{
	sx_assert(&node->tn_tmp->tm_lock, SA_XLOCKED);
	node->tn_holds++;
}

/* tmpfs_node_drop: let go of a hold; may free node (tm_lock not held). */
void
tmpfs_node_drop(struct tmpfs_node *node)
{
	struct tmpfs_mount *tmp = node->tn_tmp;

	sx_xlock(&tmp->tm_lock);
	KASSERT(node->tn_holds > 0, ("%s: node %p not held", __func__, node));
	node->tn_holds--;
	tmpfs_node_maybe_free(node);
	sx_xunlock(&tmp->tm_lock);
}

/*
 * tmpfs_alloc_vp: node's vnode, referenced and locked: the cached one,
 * or a new one.  The caller keeps node alive meanwhile (a locked parent
 * directory naming it, or a hold).  tm_lock not held.
 */
int
tmpfs_alloc_vp(struct mount *mp, struct tmpfs_node *node, struct vnode **vpp)
{
	struct tmpfs_mount *tmp = VFSTOTMPFS(mp);
	struct vnode *vp;
	int error;

	error = vfs_hash_get(mp, node->tn_id, vpp);
	if (error != 0 || *vpp != NULL)
		return (error);
	(void)getnewvnode("tmpfs", mp, &tmpfs_vnodeops, &vp);
	vp->v_data = node;
	vp->v_type = node->tn_type;
	if (node->tn_type == VREG)
		vp->v_object = node->tn_object;	/* borrowed */
	if (node->tn_type == VCHR || node->tn_type == VBLK)
		vp->v_rdev = NULL;	/* a plain node: no device behind it */
	error = vfs_hash_insert(vp, node->tn_id, vpp);
	if (error != 0 || *vpp != vp)
		return (error);
	/* A doomed vnode of node may not have left it yet: this one wins. */
	sx_xlock(&tmp->tm_lock);
	node->tn_vnode = vp;
	sx_xunlock(&tmp->tm_lock);
	if (node->tn_type == VREG) {
		/* The object names its file (procfs maps, fd links). */
		VM_OBJECT_WLOCK(node->tn_object);
		node->tn_object->handle = vp;
		VM_OBJECT_WUNLOCK(node->tn_object);
	}
	return (0);
}

/*
 * tmpfs_dir_lookup: the entry name in directory dnode, or NULL.  dnode's
 * vnode locked (or tm_lock held).
 */
struct tmpfs_dirent *
tmpfs_dir_lookup(struct tmpfs_node *dnode, const char *name, size_t namelen)
{
	struct tmpfs_dirent key;

	KASSERT(dnode->tn_type == VDIR, ("%s: not a directory", __func__));
	if (namelen > NAME_MAX)
		return (NULL);
	key.td_name = __DECONST(char *, name);
	key.td_namelen = (uint16_t)namelen;
	return (RB_FIND(tmpfs_dir, &dnode->tn_names, &key));
}

/* Put de in dnode under the next cookie (tm_lock held). */
static void
tmpfs_dir_attach(struct tmpfs_node *dnode, struct tmpfs_dirent *de)
{
	de->td_cookie = dnode->tn_nextcookie++;
	RB_INSERT(tmpfs_dir, &dnode->tn_names, de);
	TAILQ_INSERT_TAIL(&dnode->tn_order, de, td_order);
	dnode->tn_nentries++;
	dnode->tn_size += TMPFS_DIRENT_SIZE;
}

/* Take de out of dnode (tm_lock held). */
static void
tmpfs_dir_detach(struct tmpfs_node *dnode, struct tmpfs_dirent *de)
{
	RB_REMOVE(tmpfs_dir, &dnode->tn_names, de);
	TAILQ_REMOVE(&dnode->tn_order, de, td_order);
	dnode->tn_nentries--;
	dnode->tn_size -= TMPFS_DIRENT_SIZE;
}

/*
 * tmpfs_dir_enter: a new entry name -> node in dnode (which has none of
 * that name), and one more link of node; a directory's ".." counts as
 * a link of dnode (EMLINK past TMPFS_LINK_MAX).  Times of dnode updated.  Both vnodes locked (node's
 * may have none yet); takes tm_lock.  EMLINK.
 */
int
tmpfs_dir_enter(struct tmpfs_node *dnode, const char *name, size_t namelen,
    struct tmpfs_node *node)
{
	struct tmpfs_mount *tmp = dnode->tn_tmp;
	struct tmpfs_dirent *de;

	KASSERT(namelen > 0 && namelen <= NAME_MAX, ("%s: name length %zu",
	    __func__, namelen));
	de = malloc(sizeof(*de), M_TMPFSDIR, M_WAITOK | M_ZERO);
	de->td_name = malloc(namelen, M_TMPFSDIR, M_WAITOK);
	memcpy(de->td_name, name, namelen);
	de->td_namelen = (uint16_t)namelen;
	de->td_node = node;
	sx_xlock(&tmp->tm_lock);
	if (node->tn_type == VDIR && dnode->tn_links >= TMPFS_LINK_MAX) {
		sx_xunlock(&tmp->tm_lock);
		free(de->td_name, M_TMPFSDIR);
		free(de, M_TMPFSDIR);
		return (EMLINK);
	}
	KASSERT(tmpfs_dir_lookup(dnode, name, namelen) == NULL,
	    ("%s: name exists", __func__));
	tmpfs_dir_attach(dnode, de);
	node->tn_links++;
	if (node->tn_type == VDIR) {
		dnode->tn_links++;
		node->tn_parent = dnode;
	}
	sx_xunlock(&tmp->tm_lock);
	tmpfs_itimes(dnode, false, true, true);
	tmpfs_itimes(node, false, false, true);
	return (0);
}

/*
 * tmpfs_dir_remove: remove entry de from dnode and drop the link it was:
 * a directory loses its links ("." and the name) and dnode its "..".
 * Both vnodes locked; takes tm_lock.
 */
void
tmpfs_dir_remove(struct tmpfs_node *dnode, struct tmpfs_dirent *de)
{
	struct tmpfs_mount *tmp = dnode->tn_tmp;
	struct tmpfs_node *node = de->td_node;

	sx_xlock(&tmp->tm_lock);
	tmpfs_dir_detach(dnode, de);
	if (node->tn_type == VDIR) {
		KASSERT(node->tn_nentries == 0, ("%s: directory %p not empty",
		    __func__, node));
		node->tn_links = 0;
		dnode->tn_links--;
	} else {
		KASSERT(node->tn_links > 0, ("%s: node %p has no links",
		    __func__, node));
		node->tn_links--;
	}
	sx_xunlock(&tmp->tm_lock);
	free(de->td_name, M_TMPFSDIR);
	free(de, M_TMPFSDIR);
	tmpfs_itimes(dnode, false, true, true);
	tmpfs_itimes(node, false, false, true);
}

/*
 * tmpfs_dir_move: rename: de leaves fdnode and enters tdnode as name,
 * under a new cookie; a directory moving to another parent takes its
 * ".." along.  Every vnode involved locked; takes tm_lock.
 */
void
tmpfs_dir_move(struct tmpfs_node *fdnode, struct tmpfs_dirent *de,
    struct tmpfs_node *tdnode, const char *name, size_t namelen)
{
	struct tmpfs_mount *tmp = fdnode->tn_tmp;
	struct tmpfs_node *node = de->td_node;
	char *newname;

	newname = malloc(namelen, M_TMPFSDIR, M_WAITOK);
	memcpy(newname, name, namelen);
	sx_xlock(&tmp->tm_lock);
	tmpfs_dir_detach(fdnode, de);
	free(de->td_name, M_TMPFSDIR);
	de->td_name = newname;
	de->td_namelen = (uint16_t)namelen;
	tmpfs_dir_attach(tdnode, de);
	if (node->tn_type == VDIR && fdnode != tdnode) {
		fdnode->tn_links--;
		tdnode->tn_links++;
		node->tn_parent = tdnode;
	}
	sx_xunlock(&tmp->tm_lock);
	tmpfs_itimes(fdnode, false, true, true);
	tmpfs_itimes(tdnode, false, true, true);
	tmpfs_itimes(node, false, false, true);
}

static uint8_t
tmpfs_dtype(enum vtype type)
{
	switch (type) {
	case VREG:	return (DT_REG);
	case VDIR:	return (DT_DIR);
	case VLNK:	return (DT_LNK);
	case VCHR:	return (DT_CHR);
	case VBLK:	return (DT_BLK);
	case VFIFO:	return (DT_FIFO);
	case VSOCK:	return (DT_SOCK);
	default:	return (DT_UNKNOWN);
	}
}

/*
 * Copy one struct dirent out: name (namelen bytes), inode ino, type,
 * and next, the cookie of what follows.  Returns 0, or EJUSTRETURN
 * when the buffer has no room for it (uio untouched).
 */
static int
tmpfs_dirent_out(struct uio *uio, const char *name, size_t namelen,
    ino_t ino, uint8_t type, uint64_t next)
{
	uint8_t rec[DIRENT_RECLEN(NAME_MAX)];
	struct dirent *d = (struct dirent *)rec;
	size_t dlen = DIRENT_RECLEN(namelen);
	int error;

	if ((size_t)uio->uio_resid < dlen)
		return (EJUSTRETURN);
	memset(rec, 0, dlen);
	d->d_ino = ino;
	d->d_off = (int64_t)next;
	d->d_reclen = (uint16_t)dlen;
	d->d_type = type;
	memcpy(d->d_name, name, namelen);
	error = uiomove(rec, dlen, uio);
	uio->uio_offset = (off_t)next;	/* the cookie, not a byte count */
	return (error);
}

/*
 * tmpfs_dir_getdents: readdir of dnode from cookie uio_offset: "." (0),
 * ".." (1), then the entries with a cookie at or above the offset, in
 * cookie order.  *eofp when everything was given.  EINVAL if not even
 * one entry fits.  dnode's vnode locked.
 */
int
tmpfs_dir_getdents(struct tmpfs_node *dnode, struct uio *uio, int *eofp)
{
	struct tmpfs_dirent *de;
	uint64_t off;
	bool any = false;
	int error = 0;

	*eofp = 0;
	if (uio->uio_offset < 0)
		return (EINVAL);
	off = (uint64_t)uio->uio_offset;
	if (off == TMPFS_COOKIE_DOT) {
		error = tmpfs_dirent_out(uio, ".", 1, dnode->tn_id, DT_DIR,
		    TMPFS_COOKIE_DOTDOT);
		if (error != 0)
			goto out;
		any = true;
		off = TMPFS_COOKIE_DOTDOT;
	}
	if (off == TMPFS_COOKIE_DOTDOT) {
		error = tmpfs_dirent_out(uio, "..", 2, dnode->tn_parent->tn_id,
		    DT_DIR, TMPFS_COOKIE_FIRST);
		if (error != 0)
			goto out;
		any = true;
		off = TMPFS_COOKIE_FIRST;
	}
	TAILQ_FOREACH(de, &dnode->tn_order, td_order) {
		if (de->td_cookie < off)
			continue;
		error = tmpfs_dirent_out(uio, de->td_name, de->td_namelen,
		    de->td_node->tn_id, tmpfs_dtype(de->td_node->tn_type),
		    de->td_cookie + 1);
		if (error != 0)
			goto out;
		any = true;
	}
	*eofp = 1;
out:
	if (error == EJUSTRETURN)
		error = any ? 0 : EINVAL;
	tmpfs_itimes(dnode, true, false, false);
	return (error);
}

/*
 * tmpfs_pages_sync: count node's resident pages into the mount's use
 * (the pages faults added since the last sync, or removed).  tm_lock not
 * held; takes it, then the object's lock.
 */
void
tmpfs_pages_sync(struct tmpfs_node *node)
{
	struct tmpfs_mount *tmp = node->tn_tmp;
	vm_object_t object = node->tn_object;
	vm_pindex_t resident;

	KASSERT(node->tn_type == VREG, ("%s: not a file", __func__));
	sx_xlock(&tmp->tm_lock);
	VM_OBJECT_WLOCK(object);
	resident = (vm_pindex_t)object->resident_page_count;
	VM_OBJECT_WUNLOCK(object);
	KASSERT(tmp->tm_pages_used + resident >= node->tn_pages,
	    ("%s: counts %lu %lu %lu", __func__, tmp->tm_pages_used, resident,
	    node->tn_pages));
	tmp->tm_pages_used = tmp->tm_pages_used + resident - node->tn_pages;
	node->tn_pages = resident;
	sx_xunlock(&tmp->tm_lock);
}

/*
 * Zero bytes [from, PAGE_SIZE) of object's page pindex if it is resident
 * (after waiting for it to be idle).  Object locked.
 */
static void
tmpfs_zero_tail(vm_object_t object, vm_pindex_t pindex, u_int from)
{
	vm_page_t m;

	VM_OBJECT_ASSERT_WLOCKED(object);
	while ((m = vm_page_lookup(object, pindex)) != NULL &&
	    vm_page_busied(m)) {
		vm_page_busy_sleep(m, "tmpfszt");
		VM_OBJECT_WLOCK(object);
	}
	if (m != NULL)
		memset((char *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)) + from, 0,
		    PAGE_SIZE - from);
}

/*
 * tmpfs_reg_resize: the file vp (VREG, locked) is now newsize bytes.
 * Shrinking unmaps and frees the pages wholly past the end (mappings
 * touching them later get SIGBUS) and zeroes the rest of the last page;
 * growing zeroes the old last page past the old end (bytes a mapping
 * stored there are not part of the file) and leaves a hole.  Returns 0.
 */
int
tmpfs_reg_resize(struct vnode *vp, off_t newsize)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	vm_object_t object = node->tn_object;
	off_t oldsize = node->tn_size;

	KASSERT(vp->v_type == VREG && newsize >= 0, ("%s: vnode %p size %jd",
	    __func__, vp, (intmax_t)newsize));
	KASSERT(VOP_ISLOCKED(vp), ("%s: vnode %p not locked", __func__, vp));
	if (newsize == oldsize)
		return (0);
	VM_OBJECT_WLOCK(object);
	if (newsize < oldsize) {
		object->size = tmpfs_npages(newsize);
		vm_object_page_remove(object, tmpfs_npages(newsize), 0, 0);
		if ((newsize & PAGE_MASK) != 0)
			tmpfs_zero_tail(object, OFF_TO_IDX(newsize),
			    newsize & PAGE_MASK);
	} else {
		if ((oldsize & PAGE_MASK) != 0)
			tmpfs_zero_tail(object, OFF_TO_IDX(oldsize),
			    oldsize & PAGE_MASK);
		object->size = tmpfs_npages(newsize);
	}
	VM_OBJECT_WUNLOCK(object);
	node->tn_size = newsize;
	if (newsize < oldsize)
		tmpfs_pages_sync(node);
	return (0);
}

/*
 * Make object's page pindex resident and valid (zero-filled if new), not
 * busy, counting a new page against the mount's limit.  vnode locked,
 * object not.  Returns 0 or ENOSPC (over the limit or out of memory).
 */
static int
tmpfs_page_fill(struct tmpfs_node *node, vm_pindex_t pindex)
{
	struct tmpfs_mount *tmp = node->tn_tmp;
	vm_object_t object = node->tn_object;
	vm_page_t m;
	bool resident;

	VM_OBJECT_WLOCK(object);
	resident = vm_page_lookup(object, pindex) != NULL;
	VM_OBJECT_WUNLOCK(object);
	if (resident)
		return (0);
	/* tm_lock before the object's. */
	sx_xlock(&tmp->tm_lock);
	if (tmp->tm_pages_used >= tmp->tm_pages_max) {
		sx_xunlock(&tmp->tm_lock);
		return (ENOSPC);
	}
	tmp->tm_pages_used++;
	node->tn_pages++;
	sx_xunlock(&tmp->tm_lock);
	VM_OBJECT_WLOCK(object);
	m = vm_page_grab(object, pindex, VM_ALLOC_NOWAIT | VM_ALLOC_ZERO);
	if (m != NULL) {
		m->valid = VM_PAGE_BITS_ALL;
		vm_page_xunbusy(m);
	}
	VM_OBJECT_WUNLOCK(object);
	return (m != NULL ? 0 : ENOSPC);
}

/*
 * tmpfs_reg_rdwr: read or write the file vp (VREG, locked) through its
 * object's pages: uio says where and how much.  A read stops at the
 * size (holes read zeros without taking pages); a write grows the file
 * as it goes (IO_APPEND: from the end) and stops at the first page the
 * mount has no room for: ENOSPC when nothing was written, else a short
 * count.  Returns 0 or an errno (uio counts what moved).
 */
int
tmpfs_reg_rdwr(struct vnode *vp, struct uio *uio, int ioflag)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	vm_object_t object = node->tn_object;
	vm_pindex_t pindex;
	vm_page_t m;
	ssize_t resid0 = uio->uio_resid;
	off_t end, osize;
	size_t n, done;
	char *buf;
	u_int poff;
	int error = 0;

	KASSERT(vp->v_type == VREG, ("%s: vnode %p not a file", __func__, vp));
	if (uio->uio_rw == UIO_WRITE && (ioflag & IO_APPEND) != 0)
		uio->uio_offset = node->tn_size;
	if (uio->uio_offset < 0)
		return (EINVAL);
	if (uio->uio_rw == UIO_WRITE &&
	    __builtin_add_overflow(uio->uio_offset, uio->uio_resid, &end))
		return (EFBIG);
	buf = malloc(PAGE_SIZE, M_TMPFSBUF, M_WAITOK);
	while (uio->uio_resid > 0 && error == 0) {
		pindex = OFF_TO_IDX(uio->uio_offset);
		poff = uio->uio_offset & PAGE_MASK;
		n = MIN((size_t)uio->uio_resid, PAGE_SIZE - poff);
		if (uio->uio_rw == UIO_READ) {
			if (uio->uio_offset >= node->tn_size)
				break;
			n = MIN(n, (size_t)(node->tn_size - uio->uio_offset));
			VM_OBJECT_WLOCK(object);
			while ((m = vm_page_lookup(object, pindex)) != NULL &&
			    vm_page_busied(m)) {
				vm_page_busy_sleep(m, "tmpfsrd");
				VM_OBJECT_WLOCK(object);
			}
			if (m != NULL && m->valid != 0)
				memcpy(buf, (char *)PHYS_TO_DMAP(
				    VM_PAGE_TO_PHYS(m)) + poff, n);
			else
				memset(buf, 0, n);
			VM_OBJECT_WUNLOCK(object);
			error = uiomove(buf, n, uio);
			continue;
		}

		/* Write: the page resident first, then the user's bytes. */
		error = tmpfs_page_fill(node, pindex);
		if (error != 0)
			break;
		osize = node->tn_size;
		if (uio->uio_offset + (off_t)n > osize)
			(void)tmpfs_reg_resize(vp, uio->uio_offset + (off_t)n);
		done = (size_t)uio->uio_resid;
		error = uiomove(buf, n, uio);
		done -= (size_t)uio->uio_resid;
		if (done < n && node->tn_size > osize)
			/* The copy failed part way: the end is what came. */
			(void)tmpfs_reg_resize(vp, MAX(osize,
			    uio->uio_offset));
		if (done == 0)
			break;
		VM_OBJECT_WLOCK(object);
		m = vm_page_grab(object, pindex, VM_ALLOC_NOWAIT);
		KASSERT(m != NULL && m->valid == VM_PAGE_BITS_ALL,
		    ("%s: page %lu of object %p went away", __func__, pindex,
		    object));
		memcpy((char *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)) + poff, buf,
		    done);
		m->dirty = VM_PAGE_BITS_ALL;
		vm_page_xunbusy(m);
		VM_OBJECT_WUNLOCK(object);
	}
	free(buf, M_TMPFSBUF);
	if (uio->uio_rw == UIO_WRITE) {
		tmpfs_pages_sync(node);
		if (uio->uio_resid != resid0)
			tmpfs_itimes(node, false, true, true);
		if (error == ENOSPC && uio->uio_resid != resid0)
			error = 0;	/* a short write */
	} else {
		tmpfs_itimes(node, true, false, false);
	}
	return (error);
}
