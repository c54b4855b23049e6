/*
 * vnode_pager.c: the pages of files (share/doc/vnode-pager.md; FreeBSD's
 * vnode_pager.c, our code).
 *
 * A regular file's data lives in one OBJT_VNODE object (vp->v_object,
 * handle = vp): read() and write() copy through its pages
 * (vnode_pager_rdwr), mappings map them, so every view of a file sees
 * the same physical pages (the unified buffer cache).  The object holds
 * the file's size in bytes (un_pager.vnp.vnp_size):
 *	- a page wholly past it cannot be brought in: the pager answers
 *	  VM_PAGER_BAD and the faulting access gets SIGBUS (BUS_ADRERR);
 *	- the bytes of the last page past it read as zeros and are never
 *	  written to the file (a write-back of the block holding EOF writes
 *	  zeros there);
 *	- shrinking unmaps and frees the pages wholly past the new size and
 *	  zeroes the rest of the last page.
 *
 * Getpages and putpages are generic over the file system's VOP_BMAP:
 * the file's logical blocks (1 KiB to 4 KiB; a page spans several) map
 * to device blocks, and runs of contiguous blocks move in one disk
 * request through a bounce buffer.  Holes read as zeros; a write-back
 * asks BMAP_ALLOC for a block.
 *
 * Dirty tracking: a page is dirty when m->dirty is set (by write(), a
 * write fault, or the pmap handing over a hardware dirty bit when a
 * mapping goes or is write-protected).  vm_object_page_clean
 * write-protects each page first (pmap_remove_write), so a dirty bit
 * set through a mapping is seen and no store slips in during the write.
 *
 * Memory: until the pagedaemon exists, an allocation that finds no free
 * page takes clean, unmapped file pages back (vnode_pager_reclaim), so
 * that a file much larger than RAM can be written in synced chunks.
 *
 * References: the vnode holds its object without a reference; each
 * reference on the object holds a vnode reference (vm_object.c).
 *
 * Locking: vp's lock (the caller's) > object lock > page busy > pmap.
 * Pages are busy while the pager fills or writes them, with the object
 * unlocked.  No page is held busy across a copy to or from user memory:
 * vnode_pager_rdwr bounces through a kernel buffer, so a read() into a
 * mapping of the same file faults without meeting its own busy page.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/disk.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/uio.h>
#include <sys/vmmeter.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_pager.h>
#include <vm/vnode_pager.h>

#include <machine/pcpu.h>
#include <machine/pmap.h>
#include <machine/vmparam.h>

static MALLOC_DEFINE(M_VNPAGER, "vnpager", "vnode pager bounce buffers");

static void	vnode_pager_dealloc(vm_object_t object);
static int	vnode_pager_getpages(vm_object_t object, vm_page_t *ma,
		    int count);
static void	vnode_pager_putpages(vm_object_t object, vm_page_t *ma,
		    int count, int flags, int *rtvals);
static bool	vnode_pager_haspage(vm_object_t object, vm_pindex_t pindex);

const struct pagerops vnodepagerops = {
	.pgo_dealloc = vnode_pager_dealloc,
	.pgo_getpages = vnode_pager_getpages,
	.pgo_putpages = vnode_pager_putpages,
	.pgo_haspage = vnode_pager_haspage,
};

/* The kernel address of page m's contents (the direct map). */
static inline char *
vnode_pager_page_va(vm_page_t m)
{
	return ((char *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)));
}

/* The object size in pages for a file of size bytes. */
static inline vm_pindex_t
vnode_pager_npages(off_t size)
{
	return (OFF_TO_IDX(round_page((vm_ooffset_t)size)));
}

/*
 * vnode_create_vobject: vp's object, made now (size bytes, no
 * references: the vnode holds it) if vp has none.  vp L.  Returns the
 * object; its references are the callers' to take.
 */
vm_object_t
vnode_create_vobject(struct vnode *vp, off_t size)
{
	vm_object_t object;

	KASSERT(size >= 0, ("%s: size %jd", __func__, (intmax_t)size));
	if (vp->v_object != NULL)
		return (vp->v_object);
	object = vm_object_allocate(OBJT_VNODE, vnode_pager_npages(size));
	VM_OBJECT_WLOCK(object);
	object->handle = vp;
	object->un_pager.vnp.vnp_size = size;
	object->ref_count = 0;		/* the vnode's hold is no reference */
	VM_OBJECT_WUNLOCK(object);
	vp->v_object = object;
	return (object);
}

/*
 * vnode_destroy_vobject: vp is being reclaimed: write its object's dirty
 * pages back and terminate it.  If mappings still hold it (a forced
 * reclaim), its pages go and it is doomed: faults get SIGBUS, and the
 * last reference terminates it.  vp L.
 */
void
vnode_destroy_vobject(struct vnode *vp)
{
	vm_object_t object = vp->v_object;

	if (object == NULL)
		return;
	(void)vm_object_page_clean(object, 0, 0, OBJPC_SYNC);
	VM_OBJECT_WLOCK(object);
	vp->v_object = NULL;
	if (object->ref_count == 0) {
		KASSERT(object->shadow_count == 0, ("%s: object %p has "
		    "shadows but no references", __func__, object));
		vm_object_terminate(object);	/* unlocks and frees */
		return;
	}
	vm_object_page_remove(object, 0, 0, 0);
	object->un_pager.vnp.vnp_size = 0;
	object->size = 0;
	vm_object_set_flag(object, OBJ_DOOMED);
	VM_OBJECT_WUNLOCK(object);
}

/* Zero bytes [from, PAGE_SIZE) of object's page at pindex, if resident. */
static void
vnode_pager_zero_tail(vm_object_t object, vm_pindex_t pindex, u_int from)
{
	vm_page_t m;

	VM_OBJECT_ASSERT_WLOCKED(object);
	for (;;) {
		m = vm_page_lookup(object, pindex);
		if (m == NULL || !vm_page_busied(m))
			break;
		vm_page_busy_sleep(m, "vnpzero");
		VM_OBJECT_WLOCK(object);
	}
	if (m != NULL && m->valid != 0)
		memset(vnode_pager_page_va(m) + from, 0, PAGE_SIZE - from);
}

/*
 * vnode_pager_setsize: the file's size is now nsize bytes.  Shrinking
 * unmaps and frees the pages wholly past nsize (a mapping touching them
 * later gets SIGBUS) and zeroes the rest of the last page.  Growing
 * zeroes the old last page past the old size, so that bytes stored there
 * through a mapping never appear in the file.  vp L.
 */
void
vnode_pager_setsize(struct vnode *vp, off_t nsize)
{
	vm_object_t object = vp->v_object;
	off_t osize;

	KASSERT(nsize >= 0, ("%s: size %jd", __func__, (intmax_t)nsize));
	if (object == NULL)
		return;
	VM_OBJECT_WLOCK(object);
	osize = object->un_pager.vnp.vnp_size;
	if (nsize < osize) {
		object->un_pager.vnp.vnp_size = nsize;
		object->size = vnode_pager_npages(nsize);
		vm_object_page_remove(object, vnode_pager_npages(nsize), 0, 0);
		if ((nsize & PAGE_MASK) != 0)
			vnode_pager_zero_tail(object, OFF_TO_IDX(nsize),
			    nsize & PAGE_MASK);
	} else if (nsize > osize) {
		if ((osize & PAGE_MASK) != 0)
			vnode_pager_zero_tail(object, OFF_TO_IDX(osize),
			    osize & PAGE_MASK);
		object->un_pager.vnp.vnp_size = nsize;
		object->size = vnode_pager_npages(nsize);
	}
	VM_OBJECT_WUNLOCK(object);
}

/*
 * Make object's page at pindex resident, valid and busy.  Object locked
 * on entry and return (dropped for I/O).  Returns the page, or NULL:
 * past the end of the file (*errorp untouched) or after an I/O error
 * (*errorp = EIO).
 */
static vm_page_t
vnode_pager_grab_valid(vm_object_t object, vm_pindex_t pindex, int ahead,
    int *errorp)
{
	vm_page_t m;
	int rv;

	VM_OBJECT_ASSERT_WLOCKED(object);
	m = vm_page_grab(object, pindex, VM_ALLOC_WAITOK);
	if (m->valid == VM_PAGE_BITS_ALL)
		return (m);
	rv = vm_pager_page_in(object, m, ahead);
	if (rv == VM_PAGER_OK)
		return (m);
	vm_page_xunbusy(m);
	vm_page_free(m);
	if (rv != VM_PAGER_BAD)
		*errorp = EIO;
	return (NULL);
}

/*
 * vnode_pager_rdwr: read or write the regular file vp through its pages
 * (vnode_pager.h).  A read stops at the file's size (a short read); a
 * write must lie within it (the file system grew the file first).  Each
 * page is handled in two steps around the copy to or from the uio, which
 * goes through a kernel bounce buffer with no page busy: the page is
 * made valid first (unless the write covers it whole), then copied.  A
 * written page is dirty.  vp L.  Returns 0 or the errno of the first
 * failure (uio counts what was moved).
 */
int
vnode_pager_rdwr(struct vnode *vp, struct uio *uio, int ioflag)
{
	vm_object_t object = vp->v_object;
	vm_page_t m;
	char *buf;
	off_t size;
	size_t n, done;
	ssize_t resid0;
	int error = 0, ahead;
	u_int poff;
	bool full;

	(void)ioflag;	/* IO_SYNC: the caller cleans the pages */
	KASSERT(object != NULL && object->type == OBJT_VNODE,
	    ("%s: vnode %p has no object", __func__, vp));
	buf = malloc(PAGE_SIZE, M_VNPAGER, M_WAITOK);
	while (uio->uio_resid > 0 && error == 0) {
		vm_pindex_t pindex = OFF_TO_IDX(uio->uio_offset);

		poff = uio->uio_offset & PAGE_MASK;
		VM_OBJECT_WLOCK(object);
		size = object->un_pager.vnp.vnp_size;
		if (uio->uio_offset >= size) {
			VM_OBJECT_WUNLOCK(object);
			KASSERT(uio->uio_rw == UIO_READ, ("%s: write at %jd "
			    "past the size %jd", __func__,
			    (intmax_t)uio->uio_offset, (intmax_t)size));
			break;
		}
		n = MIN((size_t)uio->uio_resid, PAGE_SIZE - poff);
		n = MIN(n, (size_t)(size - uio->uio_offset));
		/* Read ahead as far as this request goes, in one I/O. */
		ahead = (int)MIN(howmany(uio->uio_resid - n, PAGE_SIZE),
		    VM_PAGER_MAXCLUSTER - 1);
		if (uio->uio_rw == UIO_READ) {
			m = vnode_pager_grab_valid(object, pindex, ahead,
			    &error);
			if (m == NULL) {
				/* EIO, or the file shrank meanwhile. */
				VM_OBJECT_WUNLOCK(object);
				break;
			}
			memcpy(buf, vnode_pager_page_va(m) + poff, n);
			vm_page_xunbusy(m);
			VM_OBJECT_WUNLOCK(object);
			error = uiomove(buf, n, uio);
			continue;
		}

		/* Write: a page not wholly overwritten is read first. */
		full = poff == 0 && (n == PAGE_SIZE ||
		    uio->uio_offset + (off_t)n >= size);
		if (!full) {
			m = vnode_pager_grab_valid(object, pindex, 0, &error);
			if (m == NULL) {
				VM_OBJECT_WUNLOCK(object);
				break;
			}
			vm_page_xunbusy(m);
		}
		VM_OBJECT_WUNLOCK(object);
		resid0 = uio->uio_resid;
		error = uiomove(buf, n, uio);
		done = (size_t)(resid0 - uio->uio_resid);
		if (done == 0)
			break;
		VM_OBJECT_WLOCK(object);
		m = vm_page_grab(object, pindex, VM_ALLOC_WAITOK);
		if (m->valid != VM_PAGE_BITS_ALL) {
			if (poff == 0 && (done == PAGE_SIZE ||
			    uio->uio_offset >= size)) {
				/* Overwritten up to EOF: zero the rest. */
				memset(vnode_pager_page_va(m) + done, 0,
				    PAGE_SIZE - done);
			} else if (vm_pager_page_in(object, m, 0) !=
			    VM_PAGER_OK) {
				/*
				 * XXX: the page went away (truncation,
				 * MS_INVALIDATE) between the steps and
				 * cannot be read back; uio already counts
				 * the bytes copied in.
				 */
				vm_page_xunbusy(m);
				vm_page_free(m);
				VM_OBJECT_WUNLOCK(object);
				error = EIO;
				break;
			}
		}
		memcpy(vnode_pager_page_va(m) + poff, buf, done);
		m->valid = VM_PAGE_BITS_ALL;
		m->dirty = VM_PAGE_BITS_ALL;
		vm_page_xunbusy(m);
		VM_OBJECT_WUNLOCK(object);
	}
	free(buf, M_VNPAGER);
	return (error);
}

/*
 * The file system's block size, from a VOP_BMAP of block 0: a power of
 * two from 512 bytes to a page.  Returns 0 or an errno.
 */
static int
vnode_pager_bsize(struct vnode *vp, u_int *bsizep)
{
	int64_t bn;
	u_int bsize = 0;
	int error;

	error = VOP_BMAP(vp, 0, &bn, NULL, &bsize, 0);
	if (error != 0)
		return (error);
	if (bsize < 512 || bsize > PAGE_SIZE || !powerof2(bsize))
		return (EINVAL);
	*bsizep = bsize;
	return (0);
}

/*
 * Move the file's bytes [off, end) (block-aligned) between buf (which
 * holds the bytes from off) and the device, block run by block run.
 * Reading, holes give zeros; writing, holes get blocks (BMAP_ALLOC).
 * Returns 0 or an errno.
 */
static int
vnode_pager_io(struct vnode *vp, int cmd, char *buf, off_t off, off_t end,
    u_int bsize)
{
	struct disk *d;
	off_t start = off;
	int64_t bn, nblk;
	u_int secs, bsz;
	int error, run;

	d = vp->v_mount != NULL ? vp->v_mount->mnt_disk : NULL;
	if (d == NULL)
		return (ENXIO);
	secs = bsize / d->d_sectorsize;
	if (secs == 0)
		return (EINVAL);
	while (off < end) {
		run = 0;
		bsz = bsize;
		error = VOP_BMAP(vp, off / bsize, &bn, &run, &bsz,
		    cmd == BIO_WRITE ? BMAP_ALLOC : 0);
		if (error != 0)
			return (error);
		if (bsz != bsize)
			return (EINVAL);
		if (bn < 0) {
			if (cmd == BIO_WRITE)
				return (ENOSPC);
			memset(buf + (off - start), 0, bsize);
			off += bsize;
			continue;
		}
		nblk = MIN(1 + (int64_t)MAX(run, 0), (end - off) / bsize);
		if (cmd == BIO_READ)
			error = disk_read(d, (uint64_t)bn * secs,
			    buf + (off - start), (u_int)(nblk * secs));
		else
			error = disk_write(d, (uint64_t)bn * secs,
			    buf + (off - start), (u_int)(nblk * secs));
		if (error != 0)
			return (error);
		off += nblk * bsize;
	}
	return (0);
}

/*
 * vnode_pager_generic_getpages: fill ma[0..count-1] (busy, consecutive)
 * from the file through VOP_BMAP and the mount's disk: bytes past the
 * file's size are zeros.  vp U.  Returns VM_PAGER_OK (every page valid
 * and clean), VM_PAGER_BAD (the first page is wholly past the size) or
 * VM_PAGER_ERROR.
 */
int
vnode_pager_generic_getpages(struct vnode *vp, vm_page_t *ma, int count)
{
	vm_object_t object = ma[0]->object;
	off_t size, foff, end, len;
	char *buf;
	u_int bsize;
	int i, error;

	VM_OBJECT_WLOCK(object);
	size = object->un_pager.vnp.vnp_size;
	VM_OBJECT_WUNLOCK(object);
	foff = (off_t)IDX_TO_OFF(ma[0]->pindex);
	if (foff >= size)
		return (VM_PAGER_BAD);
	error = vnode_pager_bsize(vp, &bsize);
	if (error != 0)
		return (VM_PAGER_ERROR);
	len = (off_t)count * PAGE_SIZE;
	buf = malloc((size_t)len, M_VNPAGER, M_WAITOK);
	end = MIN(foff + len, roundup2(size, (off_t)bsize));
	error = vnode_pager_io(vp, BIO_READ, buf, foff, end, bsize);
	if (error == 0) {
		if (size - foff < len)
			memset(buf + (size - foff), 0, (size_t)(len -
			    (size - foff)));
		for (i = 0; i < count; i++) {
			memcpy(vnode_pager_page_va(ma[i]),
			    buf + (size_t)i * PAGE_SIZE, PAGE_SIZE);
			ma[i]->valid = VM_PAGE_BITS_ALL;
			ma[i]->dirty = 0;
		}
	}
	free(buf, M_VNPAGER);
	return (error == 0 ? VM_PAGER_OK : VM_PAGER_ERROR);
}

/*
 * vnode_pager_generic_putpages: write ma[0..count-1] (busy,
 * write-protected, consecutive) to the file through VOP_BMAP with
 * BMAP_ALLOC and the mount's disk.  Only the blocks holding bytes below
 * the size are written, and the bytes of the last block past the size
 * go out as zeros.  A page wholly past the size gets VM_PAGER_BAD (it
 * is not part of the file).  sync: the device cache is flushed too.
 * vp L.  Returns VM_PAGER_OK or VM_PAGER_ERROR (every page then
 * VM_PAGER_ERROR).
 */
int
vnode_pager_generic_putpages(struct vnode *vp, vm_page_t *ma, int count,
    bool sync, int *rtvals)
{
	vm_object_t object = ma[0]->object;
	off_t size, foff, end, len;
	char *buf;
	u_int bsize;
	int i, n, error;

	VM_OBJECT_WLOCK(object);
	size = object->un_pager.vnp.vnp_size;
	VM_OBJECT_WUNLOCK(object);
	foff = (off_t)IDX_TO_OFF(ma[0]->pindex);
	for (i = 0, n = 0; i < count; i++) {
		if ((off_t)IDX_TO_OFF(ma[i]->pindex) < size) {
			rtvals[i] = VM_PAGER_ERROR;
			n++;
		} else
			rtvals[i] = VM_PAGER_BAD;
	}
	if (n == 0)
		return (VM_PAGER_OK);
	error = vnode_pager_bsize(vp, &bsize);
	if (error != 0)
		return (VM_PAGER_ERROR);
	len = (off_t)n * PAGE_SIZE;
	buf = malloc((size_t)len, M_VNPAGER, M_WAITOK);
	for (i = 0; i < n; i++)
		memcpy(buf + (size_t)i * PAGE_SIZE,
		    vnode_pager_page_va(ma[i]), PAGE_SIZE);
	if (size - foff < len)
		memset(buf + (size - foff), 0, (size_t)(len - (size - foff)));
	end = MIN(foff + len, roundup2(size, (off_t)bsize));
	error = vnode_pager_io(vp, BIO_WRITE, buf, foff, end, bsize);
	if (error == 0 && sync)
		error = disk_flush(vp->v_mount->mnt_disk);
	free(buf, M_VNPAGER);
	if (error != 0)
		return (VM_PAGER_ERROR);
	for (i = 0; i < n; i++)
		rtvals[i] = VM_PAGER_OK;
	return (VM_PAGER_OK);
}

/* pgo_dealloc: the object is being terminated; its vnode forgets it. */
static void
vnode_pager_dealloc(vm_object_t object)
{
	struct vnode *vp = object->handle;

	VM_OBJECT_ASSERT_WLOCKED(object);
	if (vp != NULL && vp->v_object == object)
		vp->v_object = NULL;
}

/* pgo_getpages: VOP_GETPAGES, unless the file is gone or ends before. */
static int
vnode_pager_getpages(vm_object_t object, vm_page_t *ma, int count)
{
	struct vnode *vp = object->handle;
	bool past;

	VM_OBJECT_WLOCK(object);
	past = (object->flags & OBJ_DOOMED) != 0 ||
	    (off_t)IDX_TO_OFF(ma[0]->pindex) >=
	    object->un_pager.vnp.vnp_size;
	VM_OBJECT_WUNLOCK(object);
	if (past)
		return (VM_PAGER_BAD);
	VM_CNT_INC(v_vnodein);
	VM_CNT_ADD(v_vnodepgsin, count);
	return (VOP_GETPAGES(vp, ma, count));
}

/* pgo_putpages: VOP_PUTPAGES; rtvals start as errors. */
static void
vnode_pager_putpages(vm_object_t object, vm_page_t *ma, int count, int flags,
    int *rtvals)
{
	struct vnode *vp = object->handle;
	int i;

	for (i = 0; i < count; i++)
		rtvals[i] = VM_PAGER_ERROR;
	if ((object->flags & OBJ_DOOMED) != 0)
		return;
	VM_CNT_INC(v_vnodeout);
	VM_CNT_ADD(v_vnodepgsout, count);
	(void)VOP_PUTPAGES(vp, ma, count, (flags & VM_PAGER_PUT_SYNC) != 0,
	    rtvals);
}

/* pgo_haspage: the file has every page below its size. */
static bool
vnode_pager_haspage(vm_object_t object, vm_pindex_t pindex)
{
	VM_OBJECT_ASSERT_LOCKED(object);
	return ((object->flags & OBJ_DOOMED) == 0 &&
	    (off_t)IDX_TO_OFF(pindex) < object->un_pager.vnp.vnp_size);
}

/*
 * vnode_pager_reclaim: see vnode_pager.h.  Walks vm_object_list and
 * frees, in each file object it can trylock (never one this thread
 * holds), the pages that are valid, clean, not busy, not wired and
 * mapped nowhere (pv_count 0 cannot grow while the object is locked:
 * mappings are made under it, and an unmapped page's dirty bit has
 * already moved to m->dirty).
 */
u_long
vnode_pager_reclaim(u_long npages)
{
	vm_object_t object;
	vm_page_t m, next;
	u_long freed = 0;

	if (PCPU_GET(intr_nesting) != 0 || !mtx_trylock(&vm_object_list_mtx))
		return (0);
	TAILQ_FOREACH(object, &vm_object_list, object_list) {
		if (object->type != OBJT_VNODE || VM_OBJECT_WOWNED(object) ||
		    !VM_OBJECT_TRYWLOCK(object))
			continue;
		for (m = object->type == OBJT_VNODE ?
		    vm_page_find_least(object, 0) : NULL;
		    m != NULL && freed < npages; m = next) {
			next = vm_page_find_least(object, m->pindex + 1);
			if (vm_page_busied(m) || vm_page_wired(m) ||
			    m->dirty != 0 || m->valid != VM_PAGE_BITS_ALL ||
			    m->md.pv_count != 0)
				continue;
			vm_page_free(m);
			freed++;
		}
		VM_OBJECT_WUNLOCK(object);
		if (freed >= npages)
			break;
	}
	mtx_unlock(&vm_object_list_mtx);
	return (freed);
}

/*
 * Write back the cluster ma[0..count-1] of object (locked; the pages
 * busy, write-protected, marked clean): the lock is dropped for the
 * I/O.  A page that failed is dirty again.  Returns 0 or EIO.
 */
static int
vm_object_page_clean_cluster(vm_object_t object, vm_page_t *ma, int count,
    int flags)
{
	int rtvals[VM_PAGER_MAXCLUSTER];
	int i, error = 0;

	VM_OBJECT_WUNLOCK(object);
	vm_pager_put_pages(object, ma, count, (flags & OBJPC_SYNC) != 0 ?
	    VM_PAGER_PUT_SYNC : 0, rtvals);
	VM_OBJECT_WLOCK(object);
	for (i = 0; i < count; i++) {
		if (rtvals[i] != VM_PAGER_OK && rtvals[i] != VM_PAGER_BAD) {
			ma[i]->dirty = VM_PAGE_BITS_ALL;
			error = EIO;
		}
		vm_page_xunbusy(ma[i]);
	}
	return (error);
}

/* Is m dirty?  Write-protects it first, so the answer holds. */
static bool
vm_object_page_dirty(vm_page_t m)
{
	if ((m->oflags & VPO_UNMANAGED) == 0)
		pmap_remove_write(m);	/* hands PG_M over to m->dirty */
	return (m->dirty != 0);
}

/*
 * vm_object_page_clean: write back the dirty pages of [start, end) of a
 * file's object (vnode_pager.h).  Each page is write-protected (its
 * hardware dirty bits become m->dirty), then runs of consecutive dirty
 * pages go to the pager in clusters of up to VM_PAGER_MAXCLUSTER, busy
 * and marked clean first (a store after that faults and waits, then
 * dirties the page again).  OBJPC_INVAL then unmaps and frees the clean,
 * unwired pages of the range.  The object's vnode is locked by the
 * caller; the object is not.  Returns 0 or EIO (the failed pages stay
 * dirty).
 */
int
vm_object_page_clean(vm_object_t object, vm_ooffset_t start,
    vm_ooffset_t end, int flags)
{
	vm_page_t ma[VM_PAGER_MAXCLUSTER];
	vm_pindex_t pstart, pend, pindex;
	vm_page_t m, p;
	int count, error = 0;

	KASSERT((flags & ~(OBJPC_SYNC | OBJPC_INVAL)) == 0,
	    ("%s: bad flags %#x", __func__, flags));
	VM_OBJECT_WLOCK(object);
	if (object->type != OBJT_VNODE) {
		VM_OBJECT_WUNLOCK(object);
		return (0);
	}
	pstart = OFF_TO_IDX(start);
	pend = end == 0 ? 0 : OFF_TO_IDX(round_page(end));
	for (m = vm_page_find_least(object, pstart);
	    m != NULL && (pend == 0 || m->pindex < pend);
	    m = vm_page_find_least(object, pindex + 1)) {
		pindex = m->pindex;
		if (vm_page_busied(m)) {
			vm_page_busy_sleep(m, "pgclean");
			VM_OBJECT_WLOCK(object);
			pindex--;	/* look at this index again */
			continue;
		}
		if (vm_object_page_dirty(m)) {
			/* A run of dirty, idle pages from here. */
			count = 0;
			for (p = m; p != NULL && count < VM_PAGER_MAXCLUSTER &&
			    p->pindex == pindex + (vm_pindex_t)count &&
			    (pend == 0 || p->pindex < pend) &&
			    !vm_page_busied(p) && vm_object_page_dirty(p);
			    p = vm_page_lookup(object, p->pindex + 1)) {
				vm_page_xbusy(p);
				p->dirty = 0;
				ma[count++] = p;
			}
			if (vm_object_page_clean_cluster(object, ma, count,
			    flags) != 0) {
				error = EIO;
				pindex += (vm_pindex_t)count - 1;
			} else if ((flags & OBJPC_INVAL) != 0)
				pindex--;	/* now free the clean run */
			else
				pindex += (vm_pindex_t)count - 1;
			continue;
		}
		if ((flags & OBJPC_INVAL) != 0 && !vm_page_wired(m)) {
			if ((m->oflags & VPO_UNMANAGED) == 0)
				pmap_remove_all(m);
			/* Unmapping may hand over a last dirty bit. */
			if (m->dirty == 0)
				vm_page_free(m);
			else
				pindex--;
		}
	}
	VM_OBJECT_WUNLOCK(object);
	return (error);
}
