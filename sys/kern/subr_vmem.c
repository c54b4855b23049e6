/*
 * subr_vmem.c: resource arenas, after FreeBSD's vmem(9) (itself after
 * Bonwick and Adams, "Magazines and Vmem", 2001), without quantum caches
 * or import functions.
 *
 * An arena hands out ranges of an integer space in multiples of its
 * quantum.  kernel_arena (vm/vm_kern.c) manages the kernel's virtual
 * addresses this way; tests make arenas over made-up ranges.
 *
 * Every segment of the space the arena knows has a boundary tag (struct
 * vmem_btag):
 *
 *   - a span tag (BT_TYPE_SPAN) opens each range added with vmem_add;
 *     the span's segments follow it on vm_seglist, in address order, and
 *     cover it exactly;
 *   - a free segment (BT_TYPE_FREE) is also on vm_freelist[o], where o is
 *     floor(log2(size / quantum)): list o holds the segments of 2^o to
 *     2^(o+1) - 1 quanta;
 *   - an allocated segment (BT_TYPE_BUSY) is also on a hash chain by its
 *     start address, so vmem_free finds it in O(1).
 *
 * Invariants (vmem_check):
 *   - vm_seglist is in increasing address order; each span's segments
 *     tile it without gap or overlap;
 *   - no two free segments of one span are neighbours (vmem_free
 *     coalesces);
 *   - each free segment is on the free list of its size, each busy one
 *     on its hash chain; vm_inuse, vm_size, vm_nbusytag and vm_nfreeseg
 *     agree with the tags.
 *
 * Allocation (vmem_xalloc) picks a free segment that can hold an
 * aligned range:
 *   - M_FIRSTFIT starts at the lowest list whose every segment is big
 *     enough (the order of size, rounded up), takes the first segment
 *     that fits, and looks at the rounded-down list last;
 *   - M_BESTFIT starts at the rounded-down list and takes the smallest
 *     segment that fits from the first list that has one (any segment of
 *     a higher list is larger);
 * then splits off what is left before (alignment) and after it as free
 * segments.  vmem_free turns the busy tag free and merges it with free
 * neighbours in its span.
 *
 * Boundary tags never come from malloc, which sits on top of this: a
 * global pool starts with VMEM_BT_STATIC tags in the kernel image and
 * grows a page at a time from uma_small_alloc (a wired page reached
 * through the direct map; FreeBSD takes its tags from a UMA zone fed the
 * same way).  Tag pages are never given back.  Each arena holds a small
 * reserve of tags (vm_freetags), filled before it looks for space, so an
 * allocation never fails half-way through a split.
 *
 * Locking: each arena's vm_lock (a sleep mutex) covers the arena and its
 * tags; vmem_bt_mtx covers the global pool.  Order: vm_lock ->
 * vmem_bt_mtx -> the page allocator's locks.  No arena calls another.
 * Not for interrupt handlers.
 *
 * Nothing here touches hardware: tests/unit/vmem_test.c runs this file on
 * the host against a bitmap model.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/systm.h>
#include <sys/vmem.h>

#include <vm/uma_int.h>

#define BT_TYPE_SPAN	1	/* opens a span added with vmem_add */
#define BT_TYPE_FREE	2
#define BT_TYPE_BUSY	3

/* Lock legend: (v) the arena's vm_lock, or vmem_bt_mtx while pooled. */
struct vmem_btag {
	TAILQ_ENTRY(vmem_btag) bt_seglist;	/* (v) all tags, by address */
	LIST_ENTRY(vmem_btag) bt_link;		/* (v) free list, hash chain
						   or reserve */
	vmem_addr_t	bt_start;		/* (v) first address */
	vmem_size_t	bt_size;		/* (v) bytes */
	int		bt_type;		/* (v) BT_TYPE_* */
};

/* The last address of a tag's range: inclusive, so the top of the space
   (where KVA ends) does not overflow. */
#define BT_END(bt)	((bt)->bt_start + (bt)->bt_size - 1)

#define VMEM_BT_STATIC	512	/* tags in the kernel image */
#define BT_MINRESERVE	4	/* an allocation or a span needs 2 */
#define BT_MAXRESERVE	32	/* beyond this, give tags to the pool */
#define VMEM_HASHSHIFT	(64 - 8)	/* log2(VMEM_HASHSIZE) = 8 */

CTASSERT(VMEM_HASHSIZE == 1 << (64 - VMEM_HASHSHIFT));

MALLOC_DEFINE(M_VMEM, "vmem", "vmem arenas");

/* Lock legend: (p) vmem_bt_mtx; (b) set once by the first vmem_init. */
static struct mtx vmem_bt_mtx;				/* (b) */
static LIST_HEAD(, vmem_btag) vmem_bt_pool;		/* (p) */
static bool	vmem_bt_inited;				/* (b) */
static struct vmem_btag vmem_bt_static[VMEM_BT_STATIC];	/* (p) */

static void	vmem_clip(vmem_t *vm, struct vmem_btag *bt,
		    vmem_addr_t addr, vmem_size_t size);

/*
 * vmem_bt_startup: seed the tag pool from the static array.  Runs once,
 * from the first vmem_init, which happens at boot on one CPU before any
 * other thread exists.
 */
static void
vmem_bt_startup(void)
{
	u_int i;

	mtx_init(&vmem_bt_mtx, "vmem btag", NULL, MTX_DEF);
	LIST_INIT(&vmem_bt_pool);
	for (i = 0; i < VMEM_BT_STATIC; i++)
		LIST_INSERT_HEAD(&vmem_bt_pool, &vmem_bt_static[i], bt_link);
	vmem_bt_inited = true;
}

/* Floor of log2 of a size in quanta (qsize > 0): its free list. */
static inline int
vmem_order(vmem_size_t qsize)
{
	KASSERT(qsize != 0, ("vmem_order: zero size"));
	return (63 - __builtin_clzl(qsize));
}

/* The hash chain of busy segments starting at addr. */
static inline struct vmem_hashlist *
vmem_hashhead(vmem_t *vm, vmem_addr_t addr)
{
	uint64_t h = (uint64_t)(addr >> vm->vm_quantum_shift) *
	    0x9e3779b97f4a7c15ul;

	return (&vm->vm_hashlist[h >> VMEM_HASHSHIFT]);
}

/*
 * bt_fill: make sure the arena holds at least BT_MINRESERVE tags, taking
 * them from the pool and growing the pool by a page when it is empty.
 * Called with vm_lock held; returns 0 or ENOMEM.
 */
static int
bt_fill(vmem_t *vm)
{
	struct vmem_btag *bt;
	char *page;
	u_int i, n;

	mtx_assert(&vm->vm_lock, MA_OWNED);
	if (vm->vm_nfreetags >= BT_MINRESERVE)
		return (0);
	mtx_lock(&vmem_bt_mtx);
	while (vm->vm_nfreetags < BT_MINRESERVE) {
		if (LIST_EMPTY(&vmem_bt_pool)) {
			page = uma_small_alloc(M_NOWAIT);
			if (page == NULL) {
				mtx_unlock(&vmem_bt_mtx);
				return (ENOMEM);
			}
			n = PAGE_SIZE / sizeof(struct vmem_btag);
			for (i = 0; i < n; i++) {
				bt = (struct vmem_btag *)page + i;
				LIST_INSERT_HEAD(&vmem_bt_pool, bt, bt_link);
			}
		}
		bt = LIST_FIRST(&vmem_bt_pool);
		LIST_REMOVE(bt, bt_link);
		LIST_INSERT_HEAD(&vm->vm_freetags, bt, bt_link);
		vm->vm_nfreetags++;
	}
	mtx_unlock(&vmem_bt_mtx);
	return (0);
}

/* Take a tag from the arena's reserve (bt_fill made sure there is one). */
static struct vmem_btag *
bt_alloc(vmem_t *vm)
{
	struct vmem_btag *bt;

	mtx_assert(&vm->vm_lock, MA_OWNED);
	bt = LIST_FIRST(&vm->vm_freetags);
	KASSERT(bt != NULL, ("bt_alloc: %s: tag reserve empty", vm->vm_name));
	LIST_REMOVE(bt, bt_link);
	vm->vm_nfreetags--;
	return (bt);
}

/* Return a tag to the arena's reserve, spilling to the pool past a limit. */
static void
bt_free(vmem_t *vm, struct vmem_btag *bt)
{
	mtx_assert(&vm->vm_lock, MA_OWNED);
	bt->bt_type = 0;
	LIST_INSERT_HEAD(&vm->vm_freetags, bt, bt_link);
	if (++vm->vm_nfreetags <= BT_MAXRESERVE)
		return;
	mtx_lock(&vmem_bt_mtx);
	while (vm->vm_nfreetags > BT_MINRESERVE) {
		bt = LIST_FIRST(&vm->vm_freetags);
		LIST_REMOVE(bt, bt_link);
		vm->vm_nfreetags--;
		LIST_INSERT_HEAD(&vmem_bt_pool, bt, bt_link);
	}
	mtx_unlock(&vmem_bt_mtx);
}

/* Mark bt free and put it on the free list of its size. */
static void
bt_insfree(vmem_t *vm, struct vmem_btag *bt)
{
	bt->bt_type = BT_TYPE_FREE;
	LIST_INSERT_HEAD(
	    &vm->vm_freelist[vmem_order(bt->bt_size >> vm->vm_quantum_shift)],
	    bt, bt_link);
	vm->vm_nfreeseg++;
}

/* Take the free segment bt off its free list. */
static void
bt_remfree(vmem_t *vm, struct vmem_btag *bt)
{
	KASSERT(bt->bt_type == BT_TYPE_FREE, ("bt_remfree: %s: tag %p type %d",
	    vm->vm_name, bt, bt->bt_type));
	LIST_REMOVE(bt, bt_link);
	vm->vm_nfreeseg--;
}

/*
 * vmem_init: vmem_create in storage the caller provides (an arena needed
 * before malloc works, like kernel_arena).  Returns vm, or NULL when the
 * initial span cannot be added.
 */
vmem_t *
vmem_init(vmem_t *vm, const char *name, vmem_addr_t base, vmem_size_t size,
    vmem_size_t quantum, vmem_size_t qcache_max, int flags)
{
	u_int i;

	KASSERT(quantum != 0 && powerof2(quantum),
	    ("vmem_init: %s: quantum %#lx not a power of 2", name, quantum));
	KASSERT(qcache_max == 0,
	    ("vmem_init: %s: quantum caches are not supported", name));
	if (!vmem_bt_inited)
		vmem_bt_startup();
	memset(vm, 0, sizeof(*vm));
	strlcpy(vm->vm_name, name, sizeof(vm->vm_name));
	mtx_init(&vm->vm_lock, vm->vm_name, "vmem", MTX_DEF);
	vm->vm_quantum_mask = quantum - 1;
	vm->vm_quantum_shift = vmem_order(quantum);
	vm->vm_static = true;
	TAILQ_INIT(&vm->vm_seglist);
	for (i = 0; i < VMEM_MAXORDER; i++)
		LIST_INIT(&vm->vm_freelist[i]);
	for (i = 0; i < VMEM_HASHSIZE; i++)
		LIST_INIT(&vm->vm_hashlist[i]);
	LIST_INIT(&vm->vm_freetags);
	if (size != 0 && vmem_add(vm, base, size, flags) != 0) {
		vmem_destroy(vm);
		return (NULL);
	}
	return (vm);
}

/*
 * vmem_create: a new arena over [base, base + size) (size 0: empty, for
 * vmem_add), allocating in multiples of quantum (a power of 2).
 * qcache_max must be 0.  Returns the arena, or NULL when out of memory.
 */
vmem_t *
vmem_create(const char *name, vmem_addr_t base, vmem_size_t size,
    vmem_size_t quantum, vmem_size_t qcache_max, int flags)
{
	vmem_t *vm;

	vm = malloc(sizeof(*vm), M_VMEM, flags & (M_WAITOK | M_NOWAIT));
	if (vm == NULL)
		return (NULL);
	if (vmem_init(vm, name, base, size, quantum, qcache_max, flags) ==
	    NULL) {
		free(vm, M_VMEM);
		return (NULL);
	}
	vm->vm_static = false;
	return (vm);
}

/*
 * vmem_destroy: tear down an arena with nothing allocated from it; its
 * tags go back to the pool.
 */
void
vmem_destroy(vmem_t *vm)
{
	struct vmem_btag *bt;

	mtx_lock(&vm->vm_lock);
	KASSERT(vm->vm_nbusytag == 0, ("vmem_destroy: %s: %u segments "
	    "still allocated (%#lx bytes)", vm->vm_name, vm->vm_nbusytag,
	    vm->vm_inuse));
	mtx_lock(&vmem_bt_mtx);
	while ((bt = TAILQ_FIRST(&vm->vm_seglist)) != NULL) {
		TAILQ_REMOVE(&vm->vm_seglist, bt, bt_seglist);
		if (bt->bt_type == BT_TYPE_FREE)
			LIST_REMOVE(bt, bt_link);
		LIST_INSERT_HEAD(&vmem_bt_pool, bt, bt_link);
	}
	while ((bt = LIST_FIRST(&vm->vm_freetags)) != NULL) {
		LIST_REMOVE(bt, bt_link);
		LIST_INSERT_HEAD(&vmem_bt_pool, bt, bt_link);
	}
	mtx_unlock(&vmem_bt_mtx);
	mtx_unlock(&vm->vm_lock);
	mtx_destroy(&vm->vm_lock);
	if (!vm->vm_static)
		free(vm, M_VMEM);
}

/*
 * vmem_add: add the span [addr, addr + size) to the arena.  It must not
 * overlap a span already there; spans never coalesce with each other.
 * Returns 0, EINVAL for a bad or overlapping range, or ENOMEM.
 */
int
vmem_add(vmem_t *vm, vmem_addr_t addr, vmem_size_t size, int flags)
{
	struct vmem_btag *span, *bt, *pos;
	int error;

	if (size == 0 || ((addr | size) & vm->vm_quantum_mask) != 0 ||
	    addr + (size - 1) < addr)
		return (EINVAL);
	mtx_lock(&vm->vm_lock);
	/* The first tag past the new span; the span goes before it. */
	TAILQ_FOREACH(pos, &vm->vm_seglist, bt_seglist) {
		if (pos->bt_type != BT_TYPE_SPAN)
			continue;
		if (pos->bt_start > addr)
			break;
		if (BT_END(pos) >= addr) {
			error = EINVAL;	/* overlaps this span */
			goto out;
		}
	}
	if (pos != NULL && addr + (size - 1) >= pos->bt_start) {
		error = EINVAL;
		goto out;
	}
	error = bt_fill(vm);
	if (error != 0)
		goto out;
	span = bt_alloc(vm);
	span->bt_type = BT_TYPE_SPAN;
	span->bt_start = addr;
	span->bt_size = size;
	bt = bt_alloc(vm);
	bt->bt_start = addr;
	bt->bt_size = size;
	if (pos != NULL) {
		TAILQ_INSERT_BEFORE(pos, span, bt_seglist);
		TAILQ_INSERT_BEFORE(pos, bt, bt_seglist);
	} else {
		TAILQ_INSERT_TAIL(&vm->vm_seglist, span, bt_seglist);
		TAILQ_INSERT_TAIL(&vm->vm_seglist, bt, bt_seglist);
	}
	bt_insfree(vm, bt);
	vm->vm_size += size;
out:
	mtx_unlock(&vm->vm_lock);
	return (error);
}

/* Does [start, start + size) cross a multiple of nocross? */
#define VMEM_CROSSES(start, size, nocross)				\
	(((start) & ~((nocross) - 1)) !=				\
	    (((start) + (size) - 1) & ~((nocross) - 1)))

/*
 * vmem_fit: can the free segment bt hold size bytes at an address that
 * is phase modulo align, within [minaddr, maxaddr], not crossing a
 * multiple of nocross (0: no limit)?  If so, the lowest such address goes
 * to *addrp.
 */
static bool
vmem_fit(const struct vmem_btag *bt, vmem_size_t size, vmem_size_t align,
    vmem_size_t phase, vmem_size_t nocross, vmem_addr_t minaddr,
    vmem_addr_t maxaddr, vmem_addr_t *addrp)
{
	vmem_addr_t start, end, off;

	start = MAX(bt->bt_start, minaddr);
	end = MIN(BT_END(bt), maxaddr);
	if (start > end)
		return (false);
	off = (start - phase) & (align - 1);
	if (off != 0) {
		if (start + (align - off) < start)
			return (false);		/* wrapped past the top */
		start += align - off;
	}
	if (start > end || end - start < size - 1)
		return (false);
	if (nocross != 0 && VMEM_CROSSES(start, size, nocross)) {
		/*
		 * Move to the next boundary, which is aligned (nocross >=
		 * align), then to the phase: the lowest offset from a
		 * boundary the alignment allows.  If the range crosses
		 * from there, it crosses from anywhere.
		 */
		start = (start | (nocross - 1)) + 1;
		if (start == 0 || start + phase < start)
			return (false);
		start += phase;
		if (start > end || end - start < size - 1 ||
		    VMEM_CROSSES(start, size, nocross))
			return (false);
	}
	*addrp = start;
	return (true);
}

/*
 * vmem_xalloc: allocate size bytes (rounded up to the quantum) at an
 * address that is phase modulo align (0: the quantum), within [minaddr,
 * maxaddr], not crossing a multiple of nocross (0: no limit).  align,
 * phase and nocross are multiples of the quantum, align and nocross
 * powers of 2, nocross >= align and >= size.  flags: M_BESTFIT or
 * M_FIRSTFIT, and M_NOWAIT or M_WAITOK.  Takes and drops vm_lock.
 * Returns 0 with the address in *addrp, or ENOMEM.
 */
int
vmem_xalloc(vmem_t *vm, vmem_size_t size, vmem_size_t align,
    vmem_size_t phase, vmem_size_t nocross, vmem_addr_t minaddr,
    vmem_addr_t maxaddr, int flags, vmem_addr_t *addrp)
{
	struct vmem_btag *bt, *best;
	vmem_addr_t addr, bestaddr;
	vmem_size_t qsize;
	int error, first, floor, i, strat;

	strat = flags & (M_BESTFIT | M_FIRSTFIT);
	KASSERT(strat == M_BESTFIT || strat == M_FIRSTFIT,
	    ("vmem_xalloc: %s: need one of M_BESTFIT, M_FIRSTFIT (flags %#x)",
	    vm->vm_name, flags));
	KASSERT((flags & (M_NOWAIT | M_WAITOK)) == M_NOWAIT ||
	    (flags & (M_NOWAIT | M_WAITOK)) == M_WAITOK,
	    ("vmem_xalloc: %s: need one of M_NOWAIT, M_WAITOK (flags %#x)",
	    vm->vm_name, flags));
	if (align == 0)
		align = vm->vm_quantum_mask + 1;
	KASSERT(size != 0, ("vmem_xalloc: %s: zero size", vm->vm_name));
	KASSERT(powerof2(align) && (align & vm->vm_quantum_mask) == 0,
	    ("vmem_xalloc: %s: bad align %#lx", vm->vm_name, align));
	KASSERT(phase < align && (phase & vm->vm_quantum_mask) == 0,
	    ("vmem_xalloc: %s: bad phase %#lx", vm->vm_name, phase));
	KASSERT(nocross == 0 || (powerof2(nocross) && nocross >= align &&
	    nocross >= size), ("vmem_xalloc: %s: bad nocross %#lx",
	    vm->vm_name, nocross));
	KASSERT(minaddr <= maxaddr, ("vmem_xalloc: %s: bad range %#lx-%#lx",
	    vm->vm_name, minaddr, maxaddr));

	size = vmem_roundup_size(vm, size);
	if (size == 0)
		return (ENOMEM);	/* rounding wrapped */
	qsize = size >> vm->vm_quantum_shift;
	floor = vmem_order(qsize);
	first = floor + (powerof2(qsize) ? 0 : 1);

	mtx_lock(&vm->vm_lock);
	error = bt_fill(vm);
	if (error != 0)
		goto fail;
	if (strat == M_FIRSTFIT) {
		for (i = first; i < (int)VMEM_MAXORDER; i++) {
			LIST_FOREACH(bt, &vm->vm_freelist[i], bt_link) {
				if (vmem_fit(bt, size, align, phase, nocross,
				    minaddr, maxaddr, &addr))
					goto found;
			}
		}
		if (first != floor) {
			LIST_FOREACH(bt, &vm->vm_freelist[floor], bt_link) {
				if (vmem_fit(bt, size, align, phase, nocross,
				    minaddr, maxaddr, &addr))
					goto found;
			}
		}
	} else {
		for (i = floor; i < (int)VMEM_MAXORDER; i++) {
			best = NULL;
			bestaddr = 0;
			LIST_FOREACH(bt, &vm->vm_freelist[i], bt_link) {
				if ((best == NULL ||
				    bt->bt_size < best->bt_size) &&
				    vmem_fit(bt, size, align, phase, nocross,
				    minaddr, maxaddr, &addr)) {
					best = bt;
					bestaddr = addr;
				}
			}
			if (best != NULL) {
				bt = best;
				addr = bestaddr;
				goto found;
			}
		}
	}
	error = ENOMEM;
fail:
	vm->vm_nfails++;
	mtx_unlock(&vm->vm_lock);
	return (error);
found:
	vmem_clip(vm, bt, addr, size);
	vm->vm_nallocs++;
	mtx_unlock(&vm->vm_lock);
	*addrp = addr;
	return (0);
}

/*
 * vmem_clip: allocate [addr, addr + size) from the free segment bt that
 * holds it: what is left before and after becomes free segments of their
 * own, and bt becomes the busy segment.  The caller filled the tag
 * reserve.
 */
static void
vmem_clip(vmem_t *vm, struct vmem_btag *bt, vmem_addr_t addr,
    vmem_size_t size)
{
	struct vmem_btag *rest;

	mtx_assert(&vm->vm_lock, MA_OWNED);
	KASSERT(addr >= bt->bt_start && addr + (size - 1) <= BT_END(bt),
	    ("vmem_clip: %s: %#lx+%#lx outside segment %#lx+%#lx",
	    vm->vm_name, addr, size, bt->bt_start, bt->bt_size));
	bt_remfree(vm, bt);
	if (addr > bt->bt_start) {
		rest = bt_alloc(vm);
		rest->bt_start = bt->bt_start;
		rest->bt_size = addr - bt->bt_start;
		TAILQ_INSERT_BEFORE(bt, rest, bt_seglist);
		bt_insfree(vm, rest);
		bt->bt_start = addr;
		bt->bt_size -= rest->bt_size;
	}
	if (bt->bt_size > size) {
		rest = bt_alloc(vm);
		rest->bt_start = addr + size;
		rest->bt_size = bt->bt_size - size;
		TAILQ_INSERT_AFTER(&vm->vm_seglist, bt, rest, bt_seglist);
		bt_insfree(vm, rest);
		bt->bt_size = size;
	}
	bt->bt_type = BT_TYPE_BUSY;
	LIST_INSERT_HEAD(vmem_hashhead(vm, addr), bt, bt_link);
	vm->vm_nbusytag++;
	vm->vm_inuse += size;
}

/*
 * vmem_alloc: allocate size bytes anywhere in the arena; see vmem_xalloc.
 * Returns 0 with the address in *addrp, or ENOMEM.
 */
int
vmem_alloc(vmem_t *vm, vmem_size_t size, int flags, vmem_addr_t *addrp)
{
	return (vmem_xalloc(vm, size, 0, 0, 0, VMEM_ADDR_MIN, VMEM_ADDR_MAX,
	    flags, addrp));
}

/*
 * vmem_xfree: free what vmem_xalloc or vmem_alloc returned; size must be
 * the size asked for.  The segment merges with free neighbours.
 */
void
vmem_xfree(vmem_t *vm, vmem_addr_t addr, vmem_size_t size)
{
	struct vmem_btag *bt, *nbt;

	size = vmem_roundup_size(vm, size);
	mtx_lock(&vm->vm_lock);
	LIST_FOREACH(bt, vmem_hashhead(vm, addr), bt_link) {
		if (bt->bt_start == addr)
			break;
	}
	if (bt == NULL)
		panic("vmem_free: %s: %#lx was not allocated", vm->vm_name,
		    addr);
	KASSERT(bt->bt_type == BT_TYPE_BUSY && bt->bt_size == size,
	    ("vmem_free: %s: %#lx freed with size %#lx, allocated %#lx",
	    vm->vm_name, addr, size, bt->bt_size));
	LIST_REMOVE(bt, bt_link);
	vm->vm_nbusytag--;
	vm->vm_inuse -= size;

	/* Within a span, neighbouring tags are contiguous: merge. */
	nbt = TAILQ_NEXT(bt, bt_seglist);
	if (nbt != NULL && nbt->bt_type == BT_TYPE_FREE) {
		bt_remfree(vm, nbt);
		TAILQ_REMOVE(&vm->vm_seglist, nbt, bt_seglist);
		bt->bt_size += nbt->bt_size;
		bt_free(vm, nbt);
	}
	nbt = TAILQ_PREV(bt, vmem_seglist, bt_seglist);
	KASSERT(nbt != NULL, ("vmem_free: %s: %#lx has no span", vm->vm_name,
	    addr));
	if (nbt->bt_type == BT_TYPE_FREE) {
		bt_remfree(vm, nbt);
		TAILQ_REMOVE(&vm->vm_seglist, nbt, bt_seglist);
		bt->bt_start = nbt->bt_start;
		bt->bt_size += nbt->bt_size;
		bt_free(vm, nbt);
	}
	bt_insfree(vm, bt);
	mtx_unlock(&vm->vm_lock);
}

/* vmem_free: free what vmem_alloc returned (see vmem_xfree). */
void
vmem_free(vmem_t *vm, vmem_addr_t addr, vmem_size_t size)
{
	vmem_xfree(vm, addr, size);
}

/* vmem_roundup_size: size rounded up to the arena's quantum. */
vmem_size_t
vmem_roundup_size(vmem_t *vm, vmem_size_t size)
{
	return ((size + vm->vm_quantum_mask) & ~vm->vm_quantum_mask);
}

/*
 * vmem_size: bytes allocated (VMEM_ALLOC), free (VMEM_FREE), both (the
 * arena's size), or the largest free segment (VMEM_MAXFREE).
 */
vmem_size_t
vmem_size(vmem_t *vm, int typemask)
{
	struct vmem_btag *bt;
	vmem_size_t size;
	int i;

	size = 0;
	mtx_lock(&vm->vm_lock);
	switch (typemask) {
	case VMEM_ALLOC:
		size = vm->vm_inuse;
		break;
	case VMEM_FREE:
		size = vm->vm_size - vm->vm_inuse;
		break;
	case VMEM_ALLOC | VMEM_FREE:
		size = vm->vm_size;
		break;
	case VMEM_MAXFREE:
		for (i = VMEM_MAXORDER - 1; i >= 0 && size == 0; i--) {
			LIST_FOREACH(bt, &vm->vm_freelist[i], bt_link)
				size = MAX(size, bt->bt_size);
		}
		break;
	default:
		panic("vmem_size: %s: bad typemask %#x", vm->vm_name,
		    typemask);
	}
	mtx_unlock(&vm->vm_lock);
	return (size);
}

/* vmem_name: the arena's name. */
const char *
vmem_name(vmem_t *vm)
{
	return (vm->vm_name);
}

/* A failed vmem_check condition: say which, and fail. */
#define VMEM_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		printf("vmem_check: %s: ", vm->vm_name);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		ok = false;						\
		goto out;						\
	}								\
} while (0)

/*
 * vmem_check: verify the arena's invariants (see the top of the file),
 * printing the first one broken.  Returns true if all hold.
 */
bool
vmem_check(vmem_t *vm)
{
	struct vmem_btag *bt, *prev, *span, *it;
	vmem_addr_t next;
	vmem_size_t size, inuse, qsize;
	u_int nbusy, nfree, nlisted, i;
	bool covered, found, ok;

	ok = covered = true;
	size = inuse = 0;
	nbusy = nfree = 0;
	span = prev = NULL;
	next = 0;
	mtx_lock(&vm->vm_lock);
	TAILQ_FOREACH(bt, &vm->vm_seglist, bt_seglist) {
		VMEM_CHECK(bt->bt_size != 0 &&
		    ((bt->bt_start | bt->bt_size) & vm->vm_quantum_mask) == 0,
		    "tag %#lx+%#lx not quantum-aligned", bt->bt_start,
		    bt->bt_size);
		if (bt->bt_type == BT_TYPE_SPAN) {
			VMEM_CHECK(covered, "span %#lx not covered (stops at "
			    "%#lx)", span->bt_start, next);
			VMEM_CHECK(span == NULL || bt->bt_start > BT_END(span),
			    "span %#lx out of order", bt->bt_start);
			span = prev = bt;
			next = bt->bt_start;
			covered = false;
			size += bt->bt_size;
			continue;
		}
		VMEM_CHECK(span != NULL && !covered && bt->bt_start == next,
		    "segment %#lx, expected %#lx", bt->bt_start, next);
		VMEM_CHECK(BT_END(bt) <= BT_END(span),
		    "segment %#lx+%#lx past its span", bt->bt_start,
		    bt->bt_size);
		if (BT_END(bt) == BT_END(span))
			covered = true;
		else
			next = BT_END(bt) + 1;
		if (bt->bt_type == BT_TYPE_FREE) {
			VMEM_CHECK(prev->bt_type != BT_TYPE_FREE,
			    "free segments %#lx and %#lx not merged",
			    prev->bt_start, bt->bt_start);
			nfree++;
		} else {
			VMEM_CHECK(bt->bt_type == BT_TYPE_BUSY,
			    "tag %#lx has type %d", bt->bt_start, bt->bt_type);
			found = false;
			LIST_FOREACH(it, vmem_hashhead(vm, bt->bt_start),
			    bt_link)
				found |= it == bt;
			VMEM_CHECK(found, "busy segment %#lx not hashed",
			    bt->bt_start);
			inuse += bt->bt_size;
			nbusy++;
		}
		prev = bt;
	}
	VMEM_CHECK(covered, "last span not covered (stops at %#lx)", next);
	VMEM_CHECK(size == vm->vm_size, "size %#lx, spans add to %#lx",
	    vm->vm_size, size);
	VMEM_CHECK(inuse == vm->vm_inuse, "inuse %#lx, busy tags add to %#lx",
	    vm->vm_inuse, inuse);
	VMEM_CHECK(nbusy == vm->vm_nbusytag, "%u busy tags, counted %u",
	    vm->vm_nbusytag, nbusy);
	VMEM_CHECK(nfree == vm->vm_nfreeseg, "%u free segments, counted %u",
	    vm->vm_nfreeseg, nfree);
	/* Every listed tag is free and on its size's list; with the counts
	   equal, every free segment is listed. */
	nlisted = 0;
	for (i = 0; i < VMEM_MAXORDER; i++) {
		LIST_FOREACH(it, &vm->vm_freelist[i], bt_link) {
			qsize = it->bt_size >> vm->vm_quantum_shift;
			VMEM_CHECK(it->bt_type == BT_TYPE_FREE &&
			    vmem_order(qsize) == (int)i,
			    "tag %#lx+%#lx on free list %u", it->bt_start,
			    it->bt_size, i);
			nlisted++;
		}
	}
	VMEM_CHECK(nlisted == nfree, "%u tags on free lists, %u free",
	    nlisted, nfree);
out:
	mtx_unlock(&vm->vm_lock);
	return (ok);
}
