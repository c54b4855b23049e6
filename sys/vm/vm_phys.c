/*
 * vm_phys.c: physical memory segments and the buddy allocator.
 *
 * RAM is described by up to VM_PHYSSEG_MAX segments (vm_phys_add_seg, at
 * boot, from the memory map: see vm_page_startup).  Every page of every
 * segment has a struct vm_page; the segments' slices of vm_page_array are
 * consecutive, in segment order, so a physical address finds its record
 * by a search over the few segments (vm_phys_paddr_to_vm_page).
 *
 * Free pages are kept in blocks of 2^order pages, order 0 ..
 * VM_NFREEORDER - 1, one free list per order.  Invariants, checked by
 * vm_phys_check():
 *
 *   - a free block of order o starts at a physical address aligned to
 *     2^o pages and lies inside one segment;
 *   - its first page has m->order == o and is on vm_phys_free_queues[o];
 *     every other page of the block, and every allocated page, has
 *     m->order == VM_NFREEORDER;
 *   - the free lists hold exactly vm_cnt.v_free_count pages;
 *   - no two free blocks of the same order are buddies (they would have
 *     been merged), except at the top order, which never merges.
 *
 * Allocation takes the smallest free block of at least the wanted order
 * and splits it, putting the upper halves back on the lower lists.  Free
 * merges the block with its buddy (the block whose address differs in
 * bit order + PAGE_SHIFT) as long as the buddy is free, of the same
 * order and in the same segment, then lists the result.
 *
 * Locking: vm_phys_free_mtx, a sleep mutex (MTX_DEF), protects the free
 * lists, the order field of every page and v_free_count.  It is a leaf
 * lock: nothing else is taken while it is held.  It must not be taken
 * from an interrupt handler.
 *
 * Nothing here touches hardware: tests/unit/vm_phys_test.c compiles this
 * file for the host and runs it on a fake page array.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_page.h>
#include <vm/vm_phys.h>

struct vm_phys_seg vm_phys_segs[VM_PHYSSEG_MAX];	/* (c) */
int		vm_phys_nsegs;				/* (c) */
struct mtx	vm_phys_free_mtx;

static struct vm_freelist vm_phys_free_queues[VM_NFREEORDER];	/* (f) */

static void	vm_phys_free_locked(vm_page_t m, int order);

/*
 * vm_phys_avail_remove: take [start, end) out of the range list avail
 * (pairs of start/end, ended by a 0/0 pair, room for nentries entries),
 * splitting a range when the hole falls inside it.  Returns 0, or ENOSPC
 * when a split needs a pair the list has no room for.
 */
int
vm_phys_avail_remove(vm_paddr_t *avail, size_t nentries, vm_paddr_t start,
    vm_paddr_t end)
{
	size_t i, n;

	KASSERT(start <= end, ("%s: bad range %#lx-%#lx", __func__, start,
	    end));
	for (n = 0; avail[n + 1] != 0; n += 2)
		;
	for (i = 0; i < n; i += 2) {
		if (end <= avail[i] || start >= avail[i + 1])
			continue;
		if (start > avail[i] && end < avail[i + 1]) {
			/* A hole in the middle: split into two ranges. */
			if (n + 4 > nentries)
				return (ENOSPC);
			memmove(&avail[i + 2], &avail[i],
			    (n + 2 - i) * sizeof(avail[0]));
			avail[i + 1] = start;
			avail[i + 2] = end;
			n += 2;
			i += 2;
		} else if (start > avail[i]) {
			avail[i + 1] = start;
		} else if (end < avail[i + 1]) {
			avail[i] = end;
		} else {
			/* The whole range goes. */
			memmove(&avail[i], &avail[i + 2],
			    (n + 2 - i - 2) * sizeof(avail[0]));
			n -= 2;
			i -= 2;
		}
	}
	return (0);
}

/*
 * vm_phys_avail_largest: the index of the start of the largest range in
 * avail (a 0/0-terminated pair list), or -1 when it is empty.
 */
int
vm_phys_avail_largest(const vm_paddr_t *avail)
{
	vm_paddr_t best = 0;
	int i, besti = -1;

	for (i = 0; avail[i + 1] != 0; i += 2) {
		if (avail[i + 1] - avail[i] > best) {
			best = avail[i + 1] - avail[i];
			besti = i;
		}
	}
	return (besti);
}

/*
 * vm_phys_init: reset the allocator to no segments and empty free lists.
 * Called once at boot, before vm_phys_add_seg (and by host tests before
 * each scenario).
 */
void
vm_phys_init(void)
{
	int order;

	mtx_init(&vm_phys_free_mtx, "vm_phys_free", NULL, MTX_DEF);
	for (order = 0; order < VM_NFREEORDER; order++) {
		TAILQ_INIT(&vm_phys_free_queues[order].pl);
		vm_phys_free_queues[order].lcnt = 0;
	}
	vm_phys_nsegs = 0;
	vm_cnt.v_free_count = 0;
}

/*
 * vm_phys_add_seg: add the RAM range [start, end) as a segment.  Ranges
 * must be page-aligned, non-empty, added in increasing address order and
 * must not overlap.  Returns 0, EINVAL for a bad range or ENOSPC when the
 * table is full.
 */
int
vm_phys_add_seg(vm_paddr_t start, vm_paddr_t end)
{
	struct vm_phys_seg *seg;

	if ((start & PAGE_MASK) != 0 || (end & PAGE_MASK) != 0 ||
	    start >= end)
		return (EINVAL);
	if (vm_phys_nsegs > 0 && start < vm_phys_segs[vm_phys_nsegs - 1].end)
		return (EINVAL);
	if (vm_phys_nsegs == VM_PHYSSEG_MAX)
		return (ENOSPC);
	seg = &vm_phys_segs[vm_phys_nsegs++];
	seg->start = start;
	seg->end = end;
	seg->first_page = NULL;
	return (0);
}

/* vm_phys_npages: the number of pages in all segments. */
u_long
vm_phys_npages(void)
{
	u_long n = 0;
	int i;

	for (i = 0; i < vm_phys_nsegs; i++)
		n += atop(vm_phys_segs[i].end - vm_phys_segs[i].start);
	return (n);
}

/*
 * vm_phys_init_pages: give every segment its slice of array (which must
 * hold vm_phys_npages() records) and initialize every record as an
 * allocated, unwired page with no owner.  The caller then frees the
 * pages that are really free with vm_phys_free_contig.
 */
void
vm_phys_init_pages(vm_page_t array)
{
	struct vm_phys_seg *seg;
	vm_page_t m;
	vm_paddr_t pa;
	int i;

	m = array;
	for (i = 0; i < vm_phys_nsegs; i++) {
		seg = &vm_phys_segs[i];
		seg->first_page = m;
		for (pa = seg->start; pa < seg->end; pa += PAGE_SIZE, m++) {
			memset(m, 0, sizeof(*m));
			m->phys_addr = pa;
			m->segind = (uint8_t)i;
			m->order = VM_NFREEORDER;
			m->queue = PQ_NONE;
			m->busy_lock = VPB_UNBUSIED;
			pmap_page_init(m);
		}
	}
}

/* The segment holding pa, or NULL. */
static struct vm_phys_seg *
vm_phys_paddr_to_seg(vm_paddr_t pa)
{
	int i;

	for (i = 0; i < vm_phys_nsegs; i++)
		if (pa >= vm_phys_segs[i].start && pa < vm_phys_segs[i].end)
			return (&vm_phys_segs[i]);
	return (NULL);
}

/*
 * vm_phys_paddr_to_vm_page: the record of the page holding pa, or NULL if
 * pa is in no segment.  No lock: segments are constant after boot.
 */
vm_page_t
vm_phys_paddr_to_vm_page(vm_paddr_t pa)
{
	struct vm_phys_seg *seg;

	seg = vm_phys_paddr_to_seg(pa);
	if (seg == NULL)
		return (NULL);
	return (&seg->first_page[atop(pa - seg->start)]);
}

/* Put the free block headed by m on the list of its order. */
static void
vm_freelist_add(vm_page_t m, int order)
{
	m->order = (uint8_t)order;
	TAILQ_INSERT_HEAD(&vm_phys_free_queues[order].pl, m, plinks);
	vm_phys_free_queues[order].lcnt++;
}

/* Take the free block headed by m off the list of its order. */
static void
vm_freelist_rem(vm_page_t m, int order)
{
	KASSERT(m->order == order, ("%s: page %#lx has order %d, not %d",
	    __func__, m->phys_addr, m->order, order));
	TAILQ_REMOVE(&vm_phys_free_queues[order].pl, m, plinks);
	vm_phys_free_queues[order].lcnt--;
	m->order = VM_NFREEORDER;
}

/*
 * vm_phys_alloc_pages: allocate a block of 2^order pages, aligned to its
 * size.  Takes and drops vm_phys_free_mtx.  Returns the first page (its
 * order field VM_NFREEORDER, every other field as it was when freed) or
 * NULL when no block is large enough.
 */
vm_page_t
vm_phys_alloc_pages(int order)
{
	vm_page_t m;
	int o;

	KASSERT(order >= 0 && order < VM_NFREEORDER,
	    ("%s: bad order %d", __func__, order));
	mtx_lock(&vm_phys_free_mtx);
	for (o = order; o < VM_NFREEORDER; o++)
		if (!TAILQ_EMPTY(&vm_phys_free_queues[o].pl))
			break;
	if (o == VM_NFREEORDER) {
		mtx_unlock(&vm_phys_free_mtx);
		return (NULL);
	}
	m = TAILQ_FIRST(&vm_phys_free_queues[o].pl);
	vm_freelist_rem(m, o);
	/* Split: the upper half of each level goes back, one order down. */
	while (o > order) {
		o--;
		vm_freelist_add(&m[1ul << o], o);
	}
	vm_cnt.v_free_count -= 1u << order;
	mtx_unlock(&vm_phys_free_mtx);
	return (m);
}

/* Free a block and merge it with its buddies; vm_phys_free_mtx held. */
static void
vm_phys_free_locked(vm_page_t m, int order)
{
	struct vm_phys_seg *seg;
	vm_paddr_t pa, buddy_pa;
	vm_page_t buddy;

	mtx_assert(&vm_phys_free_mtx, MA_OWNED);
	KASSERT(order >= 0 && order < VM_NFREEORDER,
	    ("%s: bad order %d", __func__, order));
	KASSERT(m->order == VM_NFREEORDER,
	    ("%s: page %#lx is already free (order %d)", __func__,
	    m->phys_addr, m->order));
	pa = m->phys_addr;
	KASSERT((atop(pa) & ((1ul << order) - 1)) == 0,
	    ("%s: page %#lx not aligned to order %d", __func__, pa, order));
	seg = &vm_phys_segs[m->segind];
	KASSERT(pa >= seg->start && pa + ptoa(1ul << order) <= seg->end,
	    ("%s: block %#lx order %d outside its segment", __func__, pa,
	    order));
	vm_cnt.v_free_count += 1u << order;
	while (order < VM_NFREEORDER - 1) {
		buddy_pa = pa ^ ptoa(1ul << order);
		if (buddy_pa < seg->start ||
		    buddy_pa + ptoa(1ul << order) > seg->end)
			break;
		buddy = &seg->first_page[atop(buddy_pa - seg->start)];
		if (buddy->order != order)
			break;
		vm_freelist_rem(buddy, order);
		order++;
		pa &= ~(ptoa(1ul << order) - 1);
	}
	m = &seg->first_page[atop(pa - seg->start)];
	vm_freelist_add(m, order);
}

/*
 * vm_phys_free_pages: free the block of 2^order pages starting at m,
 * which vm_phys_alloc_pages returned (or which vm_page_startup hands
 * over).  Takes and drops vm_phys_free_mtx.
 */
void
vm_phys_free_pages(vm_page_t m, int order)
{
	mtx_lock(&vm_phys_free_mtx);
	vm_phys_free_locked(m, order);
	mtx_unlock(&vm_phys_free_mtx);
}

/*
 * vm_phys_free_contig: free npages consecutive pages from m, which need
 * not form one block: the run is cut into the largest aligned blocks
 * that fit.  The pages must lie in one segment.  Takes and drops
 * vm_phys_free_mtx.
 */
void
vm_phys_free_contig(vm_page_t m, u_long npages)
{
	u_long pfn, n;
	int order;

	KASSERT(npages == 0 || m[npages - 1].segind == m->segind,
	    ("%s: run of %lu pages at %#lx crosses segments", __func__,
	    npages, m->phys_addr));
	mtx_lock(&vm_phys_free_mtx);
	while (npages > 0) {
		pfn = atop(m->phys_addr);
		for (order = VM_NFREEORDER - 1; order > 0; order--) {
			n = 1ul << order;
			if ((pfn & (n - 1)) == 0 && n <= npages)
				break;
		}
		vm_phys_free_locked(m, order);
		m += 1ul << order;
		npages -= 1ul << order;
	}
	mtx_unlock(&vm_phys_free_mtx);
}

/* vm_phys_free_counts: copy the number of free blocks of each order. */
void
vm_phys_free_counts(u_int counts[VM_NFREEORDER])
{
	int order;

	mtx_lock(&vm_phys_free_mtx);
	for (order = 0; order < VM_NFREEORDER; order++)
		counts[order] = vm_phys_free_queues[order].lcnt;
	mtx_unlock(&vm_phys_free_mtx);
}

/*
 * Check one free list: every entry heads an aligned block of its order
 * inside its segment.  Adds the blocks' pages to *pagesp.  Returns false
 * after printing the first problem.
 */
static bool
vm_phys_check_list(int order, u_long *pagesp)
{
	struct vm_phys_seg *seg;
	vm_page_t m;
	u_int n = 0;

	TAILQ_FOREACH(m, &vm_phys_free_queues[order].pl, plinks) {
		if (++n > vm_phys_npages()) {
			printf("vm_phys_check: list %d loops\n", order);
			return (false);
		}
		seg = &vm_phys_segs[m->segind];
		if (m->order != order) {
			printf("vm_phys_check: page %#lx on list %d has "
			    "order %d\n", m->phys_addr, order, m->order);
			return (false);
		}
		if ((atop(m->phys_addr) & ((1ul << order) - 1)) != 0 ||
		    m->phys_addr + ptoa(1ul << order) > seg->end) {
			printf("vm_phys_check: block %#lx order %d misaligned "
			    "or outside its segment\n", m->phys_addr, order);
			return (false);
		}
		*pagesp += 1ul << order;
	}
	if (n != vm_phys_free_queues[order].lcnt) {
		printf("vm_phys_check: list %d has %u blocks, lcnt %u\n",
		    order, n, vm_phys_free_queues[order].lcnt);
		return (false);
	}
	return (true);
}

/*
 * Check every page record of seg: free heads are not left unmerged with a
 * free buddy, the pages inside a free block are marked as such.  Counts
 * the free heads found into *headsp.
 */
static bool
vm_phys_check_seg(struct vm_phys_seg *seg, u_long *headsp)
{
	vm_page_t m, buddy, end;
	vm_paddr_t buddy_pa;
	u_long i, n;
	int order;

	end = seg->first_page + atop(seg->end - seg->start);
	for (m = seg->first_page; m < end; m += n) {
		order = m->order;
		n = 1;
		if (order == VM_NFREEORDER)
			continue;
		if (order > VM_NFREEORDER) {
			printf("vm_phys_check: page %#lx has order %d\n",
			    m->phys_addr, order);
			return (false);
		}
		(*headsp)++;
		n = 1ul << order;
		if (m->wire_count != 0 || m->object != NULL) {
			printf("vm_phys_check: free page %#lx is wired or "
			    "owned\n", m->phys_addr);
			return (false);
		}
		for (i = 1; i < n; i++) {
			if (m[i].order != VM_NFREEORDER) {
				printf("vm_phys_check: page %#lx inside free "
				    "block %#lx has order %d\n",
				    m[i].phys_addr, m->phys_addr, m[i].order);
				return (false);
			}
		}
		if (order == VM_NFREEORDER - 1)
			continue;
		buddy_pa = m->phys_addr ^ ptoa(1ul << order);
		if (buddy_pa < seg->start ||
		    buddy_pa + ptoa(1ul << order) > seg->end)
			continue;
		buddy = &seg->first_page[atop(buddy_pa - seg->start)];
		if (buddy->order == order) {
			printf("vm_phys_check: free buddies %#lx and %#lx of "
			    "order %d not merged\n", m->phys_addr, buddy_pa,
			    order);
			return (false);
		}
	}
	return (true);
}

/*
 * vm_phys_check: verify the allocator's invariants (see the top of this
 * file) by walking every free list and every page record.  Takes and
 * drops vm_phys_free_mtx.  Returns true when consistent; otherwise prints
 * the first problem found and returns false.  Cost: O(pages).
 */
bool
vm_phys_check(void)
{
	u_long pages = 0, heads = 0, blocks = 0;
	bool ok = true;
	int order, i;

	mtx_lock(&vm_phys_free_mtx);
	for (order = 0; ok && order < VM_NFREEORDER; order++) {
		ok = vm_phys_check_list(order, &pages);
		blocks += vm_phys_free_queues[order].lcnt;
	}
	if (ok && pages != vm_cnt.v_free_count) {
		printf("vm_phys_check: free lists hold %lu pages, "
		    "v_free_count %u\n", pages, vm_cnt.v_free_count);
		ok = false;
	}
	for (i = 0; ok && i < vm_phys_nsegs; i++)
		ok = vm_phys_check_seg(&vm_phys_segs[i], &heads);
	if (ok && heads != blocks) {
		printf("vm_phys_check: %lu free heads in the page array, %lu "
		    "blocks on the lists\n", heads, blocks);
		ok = false;
	}
	mtx_unlock(&vm_phys_free_mtx);
	return (ok);
}
