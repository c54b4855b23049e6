/*
 * vm_page.c: the page records and page allocation.
 *
 * At SI_SUB_VM, vm_page_startup turns the machine-dependent description
 * of RAM (dump_avail: all managed RAM; phys_avail: the free part of it)
 * into vm_phys segments and the vm_page_array, allocated from the end of
 * the largest free range and reached through the direct map.  Every page
 * of dump_avail gets a record; the pages not in phys_avail (the kernel
 * image, boot page tables, boot information and modules, the array
 * itself) start wired, the rest go to the buddy allocator.  From then on
 * v_page_count = v_free_count + (allocated pages), and v_wire_count
 * counts the allocated pages with a wiring, exactly.
 *
 * vm_page_alloc_noobj / vm_page_alloc_contig_noobj hand out pages that
 * belong to no object (kernel memory, page tables, pv chunks).  There is
 * no way to wait for memory yet: when the allocator is empty, clean
 * unmapped file pages are given back first (vnode_pager_reclaim, until
 * a pagedaemon exists); then VM_ALLOC_WAITOK panics and VM_ALLOC_NOWAIT
 * returns NULL.
 *
 * The object side of pages (vm_page_insert, _remove, _lookup, _rename,
 * vm_page_alloc) keeps m->object, m->pindex and the object's radix trie
 * (vm_radix.c) in agreement, under the object lock: a page is in its
 * object's trie under key m->pindex exactly when m->object is that
 * object, and resident_page_count counts them.  vm_page_free takes a
 * page out of its object first.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/sleepqueue.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_phys.h>
#include <vm/vm_radix.h>
#include <vm/vnode_pager.h>

#include <machine/atomic.h>
#include <machine/pmap.h>
#include <machine/vmparam.h>

vm_page_t	vm_page_array;		/* (c) */
u_long		vm_page_array_size;	/* (c) */

/*
 * vm_page_startup: create the segments and the page array, and hand the
 * free pages to vm_phys.  Runs once, first in SI_SUB_VM.
 */
void
vm_page_startup(void)
{
	vm_paddr_t pa, size;
	u_long npages, i, freed;
	int error, big;

	vm_phys_init();
	for (i = 0; dump_avail[i + 1] != 0; i += 2) {
		error = vm_phys_add_seg(dump_avail[i], dump_avail[i + 1]);
		if (error != 0)
			panic("vm_page_startup: segment %#lx-%#lx: error %d",
			    dump_avail[i], dump_avail[i + 1], error);
	}
	npages = vm_phys_npages();

	/* The array comes from the end of the largest free range. */
	size = round_page(npages * sizeof(struct vm_page));
	big = vm_phys_avail_largest(phys_avail);
	if (big < 0 || phys_avail[big + 1] - phys_avail[big] < size)
		panic("vm_page_startup: no room for %lu page records",
		    npages);
	pa = phys_avail[big + 1] - size;
	(void)vm_phys_avail_remove(phys_avail, PHYS_AVAIL_ENTRIES, pa,
	    pa + size);	/* shrinks a range: cannot fail */
	vm_page_array = (vm_page_t)PHYS_TO_DMAP(pa);
	vm_page_array_size = npages;
	vm_phys_init_pages(vm_page_array);
	vm_cnt.v_page_count = (u_int)npages;

	/* Everything starts wired; the free ranges are then released. */
	for (i = 0; i < npages; i++)
		vm_page_array[i].wire_count = 1;
	freed = 0;
	for (i = 0; phys_avail[i + 1] != 0; i += 2) {
		vm_page_t m = PHYS_TO_VM_PAGE(phys_avail[i]);
		u_long j, n = atop(phys_avail[i + 1] - phys_avail[i]);

		KASSERT(m != NULL && PHYS_TO_VM_PAGE(phys_avail[i + 1] -
		    PAGE_SIZE) == m + n - 1,
		    ("vm_page_startup: free range %#lx-%#lx not in one "
		    "segment", phys_avail[i], phys_avail[i + 1]));
		for (j = 0; j < n; j++)
			m[j].wire_count = 0;
		vm_phys_free_contig(m, n);
		freed += n;
	}
	vm_cnt.v_wire_count = (u_int)(npages - freed);

	printf("real memory  = %lu (%lu MiB)\n", ptoa(physmem),
	    ptoa(physmem) >> 20);
	printf("avail memory = %lu (%lu MiB)\n", ptoa((u_long)vm_cnt.v_free_count),
	    ptoa((u_long)vm_cnt.v_free_count) >> 20);
	if (bootverbose)
		printf("vm_page: %lu pages in %d segments, array %lu KiB at "
		    "%#lx\n", npages, vm_phys_nsegs, size >> 10, pa);
#ifdef INVARIANTS
	if (!vm_phys_check())
		panic("vm_page_startup: free lists inconsistent");
#endif
}

static void
vm_page_startup_sysinit(const void *arg __unused)
{
	vm_page_startup();
}
SYSINIT(vm_page, SI_SUB_VM, SI_ORDER_FIRST, vm_page_startup_sysinit, NULL);

/* Make a page just taken from vm_phys ready for its new owner. */
static void
vm_page_alloc_init(vm_page_t m, int req)
{
	KASSERT(m->wire_count == 0 && m->object == NULL &&
	    m->queue == PQ_NONE && m->busy_lock == VPB_UNBUSIED,
	    ("%s: free page %#lx in use", __func__, m->phys_addr));
	KASSERT(TAILQ_EMPTY(&m->md.pv_list),
	    ("%s: free page %#lx still mapped", __func__, m->phys_addr));
	m->flags = 0;
	m->oflags = 0;
	m->valid = 0;
	m->dirty = 0;
	m->pindex = 0;
	if (req & VM_ALLOC_WIRED) {
		m->wire_count = 1;
		atomic_add_int(&vm_cnt.v_wire_count, 1);
	}
	if (req & VM_ALLOC_ZERO)
		pmap_zero_page(m);
}

/* The order of the smallest block holding npages pages. */
static int
vm_page_order(u_long npages)
{
	int order = 0;

	while ((1ul << order) < npages)
		order++;
	return (order);
}

/*
 * The free pages user memory may not take: 1/64 of memory, at least 128
 * pages (512 KiB) and at most 4096 (16 MiB).
 */
static u_int
vm_page_user_reserve(void)
{
	return (MIN(MAX(vm_cnt.v_page_count / 64, 128u), 4096u));
}

/*
 * vm_page_alloc_noobj: allocate one page that belongs to no object.  req
 * is VM_ALLOC_NOWAIT or VM_ALLOC_WAITOK, or'ed with VM_ALLOC_WIRED and
 * VM_ALLOC_ZERO (and VM_ALLOC_USER, with NOWAIT: NULL rather than take
 * the kernel's reserve).  No lock needed on entry.  Returns the page, or NULL
 * (VM_ALLOC_NOWAIT only) when memory is exhausted.
 */
vm_page_t
vm_page_alloc_noobj(int req)
{
	return (vm_page_alloc_contig_noobj(req, 1));
}

/*
 * vm_page_alloc_contig_noobj: allocate npages physically contiguous pages
 * that belong to no object, the first aligned to the smallest power of
 * two >= npages (pages beyond npages go back to the allocator).  Flags
 * as for vm_page_alloc_noobj, applied to every page.  Returns the first
 * page, or NULL (VM_ALLOC_NOWAIT only).
 */
vm_page_t
vm_page_alloc_contig_noobj(int req, u_long npages)
{
	vm_page_t m;
	u_long i;
	int order;

	KASSERT((req & ~(VM_ALLOC_NOWAIT | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO | VM_ALLOC_USER)) == 0,
	    ("%s: bad req %#x", __func__, req));
	KASSERT((req & VM_ALLOC_USER) == 0 || (req & VM_ALLOC_NOWAIT) != 0,
	    ("%s: VM_ALLOC_USER without VM_ALLOC_NOWAIT", __func__));
	KASSERT(npages > 0, ("%s: no pages", __func__));
	order = vm_page_order(npages);
	if (order >= VM_NFREEORDER) {
		KASSERT(req & VM_ALLOC_NOWAIT,
		    ("%s: %lu pages exceed the largest block", __func__,
		    npages));
		return (NULL);
	}
	/*
	 * User memory (page faults) leaves the kernel a reserve: a program
	 * that touches or mlocks more than there is gets ENOMEM (killed at
	 * its fault) while the kernel's own allocations, which cannot wait
	 * yet, still succeed (syscall_fuzz_test: mlockall of a 4 GiB brk
	 * heap, then a panic in namei's malloc).  XXX: no OOM killer.
	 */
	if ((req & VM_ALLOC_USER) != 0) {
		/* Clean file pages go first, as many batches as it takes. */
		while (vm_cnt.v_free_count < vm_page_user_reserve() +
		    (1u << order))
			if (vnode_pager_reclaim(VNODE_PAGER_RECLAIM_BATCH) == 0)
				return (NULL);
	}
	m = vm_phys_alloc_pages(order);
	if (m == NULL && vnode_pager_reclaim(MAX(1ul << order,
	    VNODE_PAGER_RECLAIM_BATCH)) != 0)
		m = vm_phys_alloc_pages(order);
	if (m == NULL) {
		if ((req & VM_ALLOC_NOWAIT) == 0)
			panic("vm_page_alloc: out of memory: no free block of "
			    "%lu pages (%u pages free) and VM_ALLOC_WAITOK "
			    "cannot wait yet", 1ul << order,
			    vm_cnt.v_free_count);
		return (NULL);
	}
	if ((1ul << order) > npages)
		vm_phys_free_contig(m + npages, (1ul << order) - npages);
	for (i = 0; i < npages; i++)
		vm_page_alloc_init(&m[i], req);
	return (m);
}

/*
 * Check a page on its way back to vm_phys, take it out of its object
 * (whose lock the caller holds) and clear its state.
 */
static void
vm_page_free_prep(vm_page_t m)
{
	KASSERT(m->order == VM_NFREEORDER,
	    ("vm_page_free: page %#lx is already free", m->phys_addr));
	if (m->object != NULL)
		vm_page_remove(m);
	KASSERT(m->queue == PQ_NONE,
	    ("vm_page_free: page %#lx is on queue %d", m->phys_addr,
	    m->queue));
	KASSERT(m->busy_lock == VPB_UNBUSIED,
	    ("vm_page_free: page %#lx is busy", m->phys_addr));
	KASSERT(TAILQ_EMPTY(&m->md.pv_list),
	    ("vm_page_free: page %#lx is still mapped", m->phys_addr));
	KASSERT(m->wire_count <= 1,
	    ("vm_page_free: page %#lx wired %u times", m->phys_addr,
	    m->wire_count));
	if (m->wire_count == 1) {
		m->wire_count = 0;
		atomic_subtract_int(&vm_cnt.v_wire_count, 1);
	}
	m->valid = 0;
	m->dirty = 0;
	m->flags = 0;
	m->oflags = 0;
}

/*
 * vm_page_free: return a page to the allocator.  A page in an object
 * leaves it first (the object lock is held).  The page may still hold
 * the single wiring VM_ALLOC_WIRED gave it, which is dropped; a page
 * wired more than once, mapped, busy or queued is a bug (assertion).
 */
void
vm_page_free(vm_page_t m)
{
	if (m->flags & PG_FICTITIOUS) {
		vm_page_putfake(m);
		return;
	}
	vm_page_free_prep(m);
	vm_phys_free_pages(m, 0);
}

static MALLOC_DEFINE(M_FICTPAGE, "fictpage", "fictitious pages");

/*
 * vm_page_getfake: a fictitious page for physical address paddr (device
 * memory, or RAM seen through /dev/mem): a page record outside the page
 * array, valid, unmanaged (pmap keeps no pv entry, so its mappings are
 * removed with their map entries), belonging to no allocator.  NULL when
 * no memory is left (M_NOWAIT: the caller holds an object lock).
 */
vm_page_t
vm_page_getfake(vm_paddr_t paddr)
{
	vm_page_t m;

	KASSERT((paddr & PAGE_MASK) == 0, ("%s: address %#lx", __func__,
	    paddr));
	m = malloc(sizeof(*m), M_FICTPAGE, M_NOWAIT | M_ZERO);
	if (m == NULL)
		return (NULL);
	m->phys_addr = paddr;
	TAILQ_INIT(&m->md.pv_list);
	m->flags = PG_FICTITIOUS;
	m->oflags = VPO_UNMANAGED;
	m->order = VM_NFREEORDER;
	m->queue = PQ_NONE;
	m->valid = VM_PAGE_BITS_ALL;
	return (m);
}

/* vm_page_putfake: free a fictitious page (out of its object first). */
void
vm_page_putfake(vm_page_t m)
{
	KASSERT(m->flags & PG_FICTITIOUS, ("%s: page %#lx is real", __func__,
	    m->phys_addr));
	KASSERT(m->busy_lock == VPB_UNBUSIED && m->wire_count == 0,
	    ("%s: page %#lx busy or wired", __func__, m->phys_addr));
	if (m->object != NULL)
		vm_page_remove(m);
	free(m, M_FICTPAGE);
}

/*
 * vm_page_free_contig: free npages pages from m, as returned by
 * vm_page_alloc_contig_noobj(req, npages).  Same rules per page as
 * vm_page_free; the pages are in no object.
 */
void
vm_page_free_contig(vm_page_t m, u_long npages)
{
	u_long i;

	for (i = 0; i < npages; i++) {
		KASSERT(m[i].object == NULL, ("%s: page %#lx is in an object",
		    __func__, m[i].phys_addr));
		vm_page_free_prep(&m[i]);
	}
	vm_phys_free_contig(m, npages);
}

/* vm_page_wire: add a wiring to an allocated page. */
void
vm_page_wire(vm_page_t m)
{
	KASSERT(m->order == VM_NFREEORDER,
	    ("vm_page_wire: page %#lx is free", m->phys_addr));
	if (atomic_fetchadd_int(&m->wire_count, 1) == 0)
		atomic_add_int(&vm_cnt.v_wire_count, 1);
}

/*
 * vm_page_unwire_noq: drop a wiring.  Returns true when it was the last
 * one; the page then stays with its owner (no queue).  A page whose
 * object terminated while it was wired is left with no object
 * (vm_object.c): whoever drops its last wiring frees it.
 */
bool
vm_page_unwire_noq(vm_page_t m)
{
	u_int old;

	old = atomic_fetchadd_int(&m->wire_count, -1u);
	KASSERT(old > 0, ("vm_page_unwire: page %#lx not wired",
	    m->phys_addr));
	if (old == 1) {
		atomic_subtract_int(&vm_cnt.v_wire_count, 1);
		return (true);
	}
	return (false);
}

/*
 * vm_page_unwire: drop a wiring; when it is the last, the page would go
 * to page queue nqueue.  The queues come with the pagedaemon: until then
 * nqueue must be PQ_NONE and the page stays with its owner.
 */
void
vm_page_unwire(vm_page_t m, uint8_t nqueue)
{
	KASSERT(nqueue == PQ_NONE,
	    ("vm_page_unwire: page queues are not implemented yet"));
	(void)vm_page_unwire_noq(m);
}

/*
 * vm_page_insert: make m, a page in no object, object's page at pindex,
 * which must be free in object.  Object locked.  Returns 0, or ENOMEM
 * (nothing changed) when the trie could not get a node.
 */
int
vm_page_insert(vm_page_t m, vm_object_t object, vm_pindex_t pindex)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT(m->object == NULL, ("%s: page %#lx already in object %p",
	    __func__, m->phys_addr, m->object));
	KASSERT(object->type != OBJT_DEAD, ("%s: object %p is dead", __func__,
	    object));
	m->pindex = pindex;
	if (vm_radix_insert(&object->rtree, m) != 0)
		return (ENOMEM);
	m->object = object;
	object->resident_page_count++;
	object->generation++;
	return (0);
}

/*
 * vm_page_remove: take m out of its object, whose lock is held.  The
 * page is left allocated, in no object, its pindex unchanged.
 */
void
vm_page_remove(vm_page_t m)
{
	vm_object_t object = m->object;
	vm_page_t mrem;

	KASSERT(object != NULL, ("%s: page %#lx is in no object", __func__,
	    m->phys_addr));
	VM_OBJECT_ASSERT_WLOCKED(object);
	mrem = vm_radix_remove(&object->rtree, m->pindex);
	KASSERT(mrem == m, ("%s: page %#lx not in its object %p at %#lx",
	    __func__, m->phys_addr, object, m->pindex));
	(void)mrem;
	m->object = NULL;
	object->resident_page_count--;
	object->generation++;
}

/* vm_page_lookup: object's page at pindex, or NULL.  Object locked. */
vm_page_t
vm_page_lookup(vm_object_t object, vm_pindex_t pindex)
{
	VM_OBJECT_ASSERT_LOCKED(object);
	return (vm_radix_lookup(&object->rtree, pindex));
}

/*
 * vm_page_find_least: object's page with the least pindex >= pindex, or
 * NULL.  Object locked.  Walks an object's pages in order:
 * for (m = vm_page_find_least(o, 0); m != NULL;
 *     m = vm_page_find_least(o, m->pindex + 1)).
 */
vm_page_t
vm_page_find_least(vm_object_t object, vm_pindex_t pindex)
{
	VM_OBJECT_ASSERT_LOCKED(object);
	return (vm_radix_lookup_ge(&object->rtree, pindex));
}

/*
 * vm_page_rename: move m from its object to new_object at new_pindex,
 * which must be free there.  Both objects locked.  The page keeps its
 * mappings, and becomes dirty: the new object holds its only copy.
 * Returns 0, or ENOMEM with nothing changed.
 */
int
vm_page_rename(vm_page_t m, vm_object_t new_object, vm_pindex_t new_pindex)
{
	vm_object_t old_object = m->object;
	vm_pindex_t old_pindex = m->pindex;

	KASSERT(old_object != NULL && old_object != new_object,
	    ("%s: page %#lx from object %p to %p", __func__, m->phys_addr,
	    old_object, new_object));
	VM_OBJECT_ASSERT_WLOCKED(old_object);
	VM_OBJECT_ASSERT_WLOCKED(new_object);

	/*
	 * Insert under the new key first, the one step that can fail; the
	 * old trie is not looked at until the old key is back.
	 */
	m->pindex = new_pindex;
	if (vm_radix_insert(&new_object->rtree, m) != 0) {
		m->pindex = old_pindex;
		return (ENOMEM);
	}
	m->pindex = old_pindex;
	vm_page_remove(m);
	m->pindex = new_pindex;
	m->object = new_object;
	new_object->resident_page_count++;
	new_object->generation++;
	m->dirty = VM_PAGE_BITS_ALL;
	return (0);
}

/*
 * vm_page_alloc: allocate a page and insert it in object at pindex (free
 * there).  Object locked.  req as for vm_page_alloc_noobj; the page is
 * unmanaged (VPO_UNMANAGED) in an OBJ_UNMANAGED object.  Returns the
 * page, or NULL (VM_ALLOC_NOWAIT only) when memory is short.
 */
vm_page_t
vm_page_alloc(vm_object_t object, vm_pindex_t pindex, int req)
{
	vm_page_t m;

	VM_OBJECT_ASSERT_WLOCKED(object);
	m = vm_page_alloc_noobj(req);
	if (m == NULL)
		return (NULL);
	if (vm_page_insert(m, object, pindex) != 0) {
		if ((req & VM_ALLOC_NOWAIT) == 0)
			panic("vm_page_alloc: no radix node for object %p and "
			    "VM_ALLOC_WAITOK cannot wait yet", object);
		vm_page_free(m);
		return (NULL);
	}
	if ((object->flags & OBJ_UNMANAGED) != 0)
		m->oflags |= VPO_UNMANAGED;
	return (m);
}

/* vm_page_xbusy: busy m, which is not busy.  Object locked. */
void
vm_page_xbusy(vm_page_t m)
{
	KASSERT(m->object != NULL, ("%s: page %#lx in no object", __func__,
	    m->phys_addr));
	VM_OBJECT_ASSERT_WLOCKED(m->object);
	KASSERT(m->busy_lock == VPB_UNBUSIED, ("%s: page %#lx already busy",
	    __func__, m->phys_addr));
	m->busy_lock = VPB_XBUSY;
}

/*
 * vm_page_xunbusy: end m's busy state and wake whoever waits for it.
 * Object locked (waiters sleep with that lock: no lost wakeup).
 */
void
vm_page_xunbusy(vm_page_t m)
{
	KASSERT(m->object != NULL, ("%s: page %#lx in no object", __func__,
	    m->phys_addr));
	VM_OBJECT_ASSERT_WLOCKED(m->object);
	KASSERT(m->busy_lock == VPB_XBUSY, ("%s: page %#lx not busy",
	    __func__, m->phys_addr));
	m->busy_lock = VPB_UNBUSIED;
	wakeup(m);
}

/*
 * vm_page_busy_sleep: wait until m, busy, is no longer busy.  Its object
 * is locked on entry and unlocked on return (the page may be gone by
 * then: the caller looks it up again).
 */
void
vm_page_busy_sleep(vm_page_t m, const char *wmesg)
{
	vm_object_t object = m->object;

	VM_OBJECT_ASSERT_WLOCKED(object);
	/* msleep drops the object lock only once asleep. */
	if (m->busy_lock != VPB_UNBUSIED)
		(void)msleep(m, &object->lock, 0, wmesg, 0);
	VM_OBJECT_WUNLOCK(object);
}

/*
 * vm_page_grab: object's page at pindex, busy: the resident one (after
 * waiting for it if it is busy), or a new one, not valid, when there is
 * none.  req: VM_ALLOC_NOWAIT or VM_ALLOC_WAITOK (| VM_ALLOC_ZERO for a
 * new page).  Object locked on entry and on return; it is dropped while
 * waiting.  Returns the busy page, or NULL (VM_ALLOC_NOWAIT) when memory
 * is short.
 */
vm_page_t
vm_page_grab(vm_object_t object, vm_pindex_t pindex, int req)
{
	vm_page_t m;

	VM_OBJECT_ASSERT_WLOCKED(object);
	for (;;) {
		m = vm_page_lookup(object, pindex);
		if (m == NULL)
			break;
		if (!vm_page_busied(m)) {
			vm_page_xbusy(m);
			return (m);
		}
		vm_page_busy_sleep(m, "pggrab");
		VM_OBJECT_WLOCK(object);
	}
	m = vm_page_alloc(object, pindex, req);
	if (m != NULL)
		vm_page_xbusy(m);
	return (m);
}
