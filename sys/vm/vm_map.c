/*
 * vm_map.c: address maps: which ranges of a process's address space are
 * mapped, to what, with which rights (FreeBSD's design, our code;
 * share/doc/vm-map.md has the whole story).
 *
 * A map is a set of non-overlapping entries [start, end), each naming a
 * backing object and offset (or no object yet: anonymous memory never
 * touched), a protection, a maximum protection, an inheritance for fork,
 * a wiring count and flags (copy-on-write, needs-copy, grows-down,
 * guard, no-fork ...).  The entries are kept twice:
 *
 *   - on a list in address order through the map's header, a sentinel
 *     whose end is the map's lowest address and whose start is its end;
 *   - in a red-black tree by start address (sys/sys/tree.h), augmented:
 *     each entry's adj_free is the free space between its end and the
 *     next entry's start (the map's end for the last one), and max_free
 *     is the largest adj_free in its subtree.  The header's adj_free is
 *     the gap below the first entry; it is not in the tree.
 *
 * So a lookup is a descent (O(log n)), and finding free space is a
 * descent that only enters subtrees whose max_free is big enough:
 * O(log n) for page alignment.  vm_map_find searches bottom-up (the
 * lowest fit, FreeBSD's way) or top-down (the highest fit, Linux's
 * x86-64 mmap layout) as the map's MAP_TOPDOWN flag says; user
 * vmspaces are top-down.  A hint address is taken when the range there
 * is free, as Linux does.
 *
 * Invariants, checked by vm_map_check() (the oracle of the host tests):
 *   - entries are page-aligned, non-empty, inside [min, max), in order,
 *     without overlap; the list and the tree hold the same entries in
 *     the same order;
 *   - the tree is a valid red-black tree with parent links;
 *   - every adj_free and max_free is right;
 *   - nentries and size (bytes mapped, guards excluded) match;
 *   - protection is within max_protection; a guard has no object and
 *     no access.
 *
 * Clipping (vm_map_clip_start/end) splits an entry in two for partial
 * munmap/mprotect/madvise; the right half's object offset advances and
 * both halves hold a reference on the object.  After a change, adjacent
 * entries that have become compatible are merged again
 * (vm_map_simplify_entry).  Operations that clip do it before changing
 * anything and undo it on failure: an operation either succeeds or
 * leaves the map as it found it.  Deleting an entry also frees the
 * object pages only it could reach (an OBJ_ONEMAPPING object, which
 * insert and fork keep honest).  Entries come from the UMA zone
 * "MAP ENTRY" without waiting (M_NOWAIT), so running out of memory is
 * ENOMEM, as is going past vm.max_map_count entries.
 *
 * Locking: each map has an sx lock (sys/sx.h): shared to look, exclusive
 * to change.  A holder may sleep (vm_fault waiting for a page, mmap
 * waiting for memory).  timestamp is bumped whenever the lock is taken
 * exclusive, so a thread that dropped the lock can tell whether its
 * lookup still holds.  Lock order: map -> objects -> pages -> pmap; two
 * maps (fork) are taken parent first, and the child's map is new and
 * private to the forking thread.
 *
 * Errors: EINVAL for a bad range or argument, EEXIST for an insert over
 * mapped space, EACCES for a protection beyond max_protection, ENOMEM
 * for no free space, no memory or too many entries.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mman.h>
#include <sys/sx.h>
#include <sys/sysctl.h>
#include <sys/systm.h>
#include <sys/tree.h>

#include <vm/vm.h>
#include <vm/uma.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>

#include <machine/atomic.h>
#include <machine/pmap.h>

int	vm_max_map_count = VM_MAX_MAP_COUNT_DEFAULT;
SYSCTL_INT(_vm, OID_AUTO, max_map_count, CTLFLAG_RW, &vm_max_map_count, 0,
    "Maximum number of entries in a process's address map");

static uma_zone_t vm_map_entry_zone;	/* (c) "MAP ENTRY" */
static uma_zone_t vmspace_zone;		/* (c) "VMSPACE" */

static int	vm_map_entry_cmp(struct vm_map_entry *a,
		    struct vm_map_entry *b);
static void	vm_map_entry_augment(struct vm_map_entry *entry);

RB_PROTOTYPE_STATIC(vm_map_tree, vm_map_entry, rb, vm_map_entry_cmp);
RB_GENERATE_AUGMENT_STATIC(vm_map_tree, vm_map_entry, rb, vm_map_entry_cmp,
    vm_map_entry_augment);

/*
 * vm_map_startup: create the zones of map entries and vmspaces.  Called
 * once, when UMA works (and by host tests).
 */
void
vm_map_startup(void)
{
	vm_map_entry_zone = uma_zcreate("MAP ENTRY",
	    sizeof(struct vm_map_entry), NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	vmspace_zone = uma_zcreate("VMSPACE", sizeof(struct vmspace), NULL,
	    NULL, NULL, NULL, UMA_ALIGN_PTR, 0);
}

static void
vm_map_startup_sysinit(const void *dummy)
{
	(void)dummy;
	vm_map_startup();
}
SYSINIT(vm_map, SI_SUB_KMEM, SI_ORDER_ANY, vm_map_startup_sysinit, NULL);

/*
 * vm_map_init: make map an empty map of [min, max) over pmap (NULL: no
 * page tables to keep in step).  Searches bottom-up until MAP_TOPDOWN is
 * set in flags.
 */
void
vm_map_init(vm_map_t map, struct pmap *pmap, vm_offset_t min,
    vm_offset_t max)
{
	KASSERT(min < max && (min & PAGE_MASK) == 0 &&
	    (max & PAGE_MASK) == 0, ("%s: bad range %#lx-%#lx", __func__,
	    min, max));
	memset(&map->header, 0, sizeof(map->header));
	map->header.next = map->header.prev = &map->header;
	map->header.eflags = MAP_ENTRY_HEADER;
	map->header.start = max;
	map->header.end = min;
	map->header.adj_free = max - min;
	map->header.max_free = max - min;
	RB_INIT(&map->root);
	map->nentries = 0;
	map->size = 0;
	map->timestamp = 0;
	map->flags = 0;
	map->pmap = pmap;
	sx_init(&map->lock, "vm map (user)");
}

/*
 * vm_map_destroy: remove every entry (dropping their object references
 * and page-table mappings) and destroy the lock.  map unlocked; no one
 * else may use it.
 */
void
vm_map_destroy(vm_map_t map)
{
	int error;

	vm_map_lock(map);
	error = vm_map_delete(map, vm_map_min(map), vm_map_max(map));
	KASSERT(error == 0, ("%s: delete failed: %d", __func__, error));
	(void)error;
	vm_map_unlock(map);
	sx_destroy(&map->lock);
}

/*
 * The map lock.  Exclusive locking bumps timestamp, so whoever looked
 * something up under an earlier hold can tell that it may be stale.
 */
void
vm_map_lock(vm_map_t map)
{
	sx_xlock(&map->lock);
	map->timestamp++;
}

void
vm_map_unlock(vm_map_t map)
{
	sx_xunlock(&map->lock);
}

void
vm_map_lock_read(vm_map_t map)
{
	sx_slock(&map->lock);
}

void
vm_map_unlock_read(vm_map_t map)
{
	sx_sunlock(&map->lock);
}

/* vm_map_trylock: lock map exclusive if that needs no wait; 1 if so. */
int
vm_map_trylock(vm_map_t map)
{
	if (!sx_try_xlock(&map->lock))
		return (0);
	map->timestamp++;
	return (1);
}

int
vm_map_trylock_read(vm_map_t map)
{
	return (sx_try_slock(&map->lock));
}

/*
 * vm_map_lock_upgrade: turn a shared hold into an exclusive one.
 * Returns 0 with map locked exclusive (nothing changed in between); or
 * 1 with map unlocked, when another thread changed it while the lock
 * had to be let go: the caller must look up again.
 */
int
vm_map_lock_upgrade(vm_map_t map)
{
	u_int last;

	if (!sx_try_upgrade(&map->lock)) {
		last = map->timestamp;
		sx_sunlock(&map->lock);
		sx_xlock(&map->lock);
		if (last != map->timestamp) {
			sx_xunlock(&map->lock);
			return (1);
		}
	}
	map->timestamp++;
	return (0);
}

/* vm_map_lock_downgrade: exclusive to shared, without letting go. */
void
vm_map_lock_downgrade(vm_map_t map)
{
	sx_downgrade(&map->lock);
}

/* Tree order: by start address (entries never overlap). */
static int
vm_map_entry_cmp(struct vm_map_entry *a, struct vm_map_entry *b)
{
	return (a->start < b->start ? -1 : a->start > b->start);
}

/* The tree's augment hook: max_free from adj_free and the children. */
static void
vm_map_entry_augment(struct vm_map_entry *entry)
{
	struct vm_map_entry *child;
	vm_size_t max = entry->adj_free;

	child = RB_LEFT(entry, rb);
	if (child != NULL && child->max_free > max)
		max = child->max_free;
	child = RB_RIGHT(entry, rb);
	if (child != NULL && child->max_free > max)
		max = child->max_free;
	entry->max_free = max;
}

/* Bytes an entry adds to map->size: guards reserve but do not map. */
static vm_size_t
vm_map_entry_size(const struct vm_map_entry *entry)
{
	if ((entry->eflags & MAP_ENTRY_GUARD) != 0)
		return (0);
	return (entry->end - entry->start);
}

static struct vm_map_entry *
vm_map_entry_create(void)
{
	return (uma_zalloc(vm_map_entry_zone, M_NOWAIT | M_ZERO));
}

static void
vm_map_entry_dispose(struct vm_map_entry *entry)
{
	uma_zfree(vm_map_entry_zone, entry);
}

/*
 * vm_map_entry_link: put entry, whose range lies in the free space right
 * after prev (an entry or the header), on the list and in the tree, and
 * recompute the two gaps that change.  Map locked exclusive.
 */
static void
vm_map_entry_link(vm_map_t map, struct vm_map_entry *prev,
    struct vm_map_entry *entry)
{
	struct vm_map_entry *old;

	VM_MAP_ASSERT_LOCKED(map);
	KASSERT(prev->end <= entry->start || prev == &map->header,
	    ("%s: entry %#lx-%#lx overlaps its predecessor", __func__,
	    entry->start, entry->end));
	KASSERT(entry->end <= prev->next->start,
	    ("%s: entry %#lx-%#lx overlaps its successor", __func__,
	    entry->start, entry->end));
	entry->prev = prev;
	entry->next = prev->next;
	prev->next->prev = entry;
	prev->next = entry;
	/* header.start is the map's end, header.end its start. */
	entry->adj_free = entry->next->start - entry->end;
	prev->adj_free = entry->start - prev->end;
	old = RB_INSERT(vm_map_tree, &map->root, entry);
	KASSERT(old == NULL, ("%s: start %#lx already in the tree", __func__,
	    entry->start));
	(void)old;
	if (prev != &map->header)
		RB_UPDATE_AUGMENT(vm_map_tree, prev);
	map->nentries++;
}

/*
 * vm_map_entry_grow: entry's end moves up to end, into its free gap;
 * the gap and the tree's max_free follow.  Map locked exclusive.
 */
static void
vm_map_entry_grow(vm_map_t map, struct vm_map_entry *entry, vm_offset_t end)
{
	VM_MAP_ASSERT_LOCKED(map);
	KASSERT(end > entry->end && end <= entry->next->start,
	    ("%s: %#lx-%#lx cannot grow to %#lx", __func__, entry->start,
	    entry->end, end));
	entry->end = end;
	entry->adj_free = entry->next->start - end;
	RB_UPDATE_AUGMENT(vm_map_tree, entry);
}

/*
 * vm_map_entry_unlink: take entry off the list and out of the tree; its
 * predecessor's gap grows over it.  Map locked exclusive.
 */
static void
vm_map_entry_unlink(vm_map_t map, struct vm_map_entry *entry)
{
	struct vm_map_entry *prev = entry->prev, *next = entry->next;

	VM_MAP_ASSERT_LOCKED(map);
	prev->next = next;
	next->prev = prev;
	RB_REMOVE(vm_map_tree, &map->root, entry);
	prev->adj_free = next->start - prev->end;
	if (prev != &map->header)
		RB_UPDATE_AUGMENT(vm_map_tree, prev);
	map->nentries--;
}

/*
 * vm_map_lookup_entry: find the entry containing addr.  Returns true and
 * that entry in *entryp; or false and in *entryp the last entry below
 * addr (the header if none).  Map locked (either way).
 */
bool
vm_map_lookup_entry(vm_map_t map, vm_offset_t addr,
    struct vm_map_entry **entryp)
{
	struct vm_map_entry *cur, *below = &map->header;

	VM_MAP_ASSERT_LOCKED_ANY(map);
	cur = RB_ROOT(&map->root);
	while (cur != NULL) {
		if (addr < cur->start) {
			cur = RB_LEFT(cur, rb);
		} else if (addr < cur->end) {
			*entryp = cur;
			return (true);
		} else {
			below = cur;
			cur = RB_RIGHT(cur, rb);
		}
	}
	*entryp = below;
	return (false);
}

/*
 * Whether the free range [gs, ge), cut to [lo, hi), holds length bytes
 * at an align-aligned address: the lowest such address, or the highest
 * when topdown, goes to *addr.
 */
static bool
vm_map_gap_fit(vm_offset_t gs, vm_offset_t ge, vm_offset_t lo,
    vm_offset_t hi, vm_size_t length, vm_size_t align, bool topdown,
    vm_offset_t *addr)
{
	vm_offset_t s = MAX(gs, lo), e = MIN(ge, hi), a;

	if (s >= e || e - s < length)
		return (false);
	if (topdown) {
		a = rounddown2(e - length, align);
		if (a < s)
			return (false);
	} else {
		a = roundup2(s, align);
		if (a < s || a > e - length)
			return (false);
	}
	*addr = a;
	return (true);
}

/*
 * The free-space search over the subtree of entry: the gap after each
 * entry, in address order (topdown: reverse order), skipping subtrees
 * whose largest gap is too small and those wholly outside [lo, hi).
 * A left subtree's gaps end at or before entry->start; a right
 * subtree's begin after entry's own gap ends.  Without alignment only
 * the gaps cut by lo or hi can be big enough and still not fit, so the
 * search follows a few root-to-leaf paths (towards lo, towards hi, and
 * down into the first subtree that fits): O(log n).  Alignment may
 * reject a few more big-enough gaps.  The recursion depth is the tree
 * height, at most 2 log2(n + 1).
 */
static bool
vm_map_findspace_tree(struct vm_map_entry *entry, vm_offset_t lo,
    vm_offset_t hi, vm_size_t length, vm_size_t align, bool topdown,
    vm_offset_t *addr)
{
	struct vm_map_entry *left, *right;
	vm_offset_t gap_end;

	if (entry == NULL || entry->max_free < length)
		return (false);
	left = RB_LEFT(entry, rb);
	right = RB_RIGHT(entry, rb);
	gap_end = entry->end + entry->adj_free;
	if (!topdown) {
		if (entry->start > lo && vm_map_findspace_tree(left, lo, hi,
		    length, align, topdown, addr))
			return (true);
		if (vm_map_gap_fit(entry->end, gap_end, lo, hi, length, align,
		    topdown, addr))
			return (true);
		return (gap_end < hi && vm_map_findspace_tree(right, lo, hi,
		    length, align, topdown, addr));
	}
	if (gap_end < hi && vm_map_findspace_tree(right, lo, hi, length,
	    align, topdown, addr))
		return (true);
	if (vm_map_gap_fit(entry->end, gap_end, lo, hi, length, align,
	    topdown, addr))
		return (true);
	return (entry->start > lo && vm_map_findspace_tree(left, lo, hi,
	    length, align, topdown, addr));
}

/*
 * vm_map_findspace_range: find length free bytes at an align-aligned
 * address (align: a power of two, at least a page) inside [lo, hi) of
 * map: the lowest such address, or the highest when topdown.  Map
 * locked (either way).  Returns 0 with *addr set, EINVAL for a zero
 * length, ENOMEM when there is no such space.
 */
int
vm_map_findspace_range(vm_map_t map, vm_offset_t lo, vm_offset_t hi,
    vm_size_t length, vm_size_t align, bool topdown, vm_offset_t *addr)
{
	struct vm_map_entry *header = &map->header;
	vm_offset_t gap_end;

	VM_MAP_ASSERT_LOCKED_ANY(map);
	KASSERT(powerof2(align) && align >= PAGE_SIZE &&
	    (length & PAGE_MASK) == 0, ("%s: bad length %#lx or alignment "
	    "%#lx", __func__, length, align));
	if (length == 0)
		return (EINVAL);
	lo = MAX(lo, vm_map_min(map));
	hi = MIN(hi, vm_map_max(map));
	if (lo >= hi || hi - lo < length)
		return (ENOMEM);
	/* The gap below the first entry is the header's. */
	gap_end = header->end + header->adj_free;
	if (!topdown && vm_map_gap_fit(header->end, gap_end, lo, hi, length,
	    align, topdown, addr))
		return (0);
	if (vm_map_findspace_tree(RB_ROOT(&map->root), lo, hi, length, align,
	    topdown, addr))
		return (0);
	if (topdown && vm_map_gap_fit(header->end, gap_end, lo, hi, length,
	    align, topdown, addr))
		return (0);
	return (ENOMEM);
}

/*
 * vm_map_findspace: the lowest address at or above start where length
 * bytes of map are free (FreeBSD's interface: bottom-up, page-aligned).
 * Map locked.  Returns 0 with *addr set, or ENOMEM.
 */
int
vm_map_findspace(vm_map_t map, vm_offset_t start, vm_size_t length,
    vm_offset_t *addr)
{
	return (vm_map_findspace_range(map, start, vm_map_max(map), length,
	    PAGE_SIZE, false, addr));
}

/* Whether [start, end) of map, inside its bounds, is wholly free. */
static bool
vm_map_range_free(vm_map_t map, vm_offset_t start, vm_offset_t end)
{
	struct vm_map_entry *prev;

	if (vm_map_lookup_entry(map, start, &prev))
		return (false);
	/* The header's start is the map's end. */
	return (prev->next->start >= end);
}

/*
 * Whether prev and entry, neighbours in map, could be one entry: the
 * same object at contiguous offsets (or both without object), the same
 * rights, inheritance, wiring and flags, and neither a stack or the
 * gap below one (whose boundaries stack growth relies on).
 */
static bool
vm_map_mergeable_neighbors(const struct vm_map_entry *prev,
    const struct vm_map_entry *entry)
{
	return (prev->end == entry->start &&
	    ((prev->eflags | entry->eflags) & MAP_ENTRY_NOMERGE_MASK) == 0 &&
	    prev->eflags == entry->eflags &&
	    prev->object == entry->object &&
	    (prev->object == NULL || prev->offset +
	    (vm_ooffset_t)(prev->end - prev->start) == entry->offset) &&
	    prev->protection == entry->protection &&
	    prev->max_protection == entry->max_protection &&
	    prev->inheritance == entry->inheritance &&
	    prev->wired_count == entry->wired_count);
}

/*
 * Absorb prev into entry, its neighbour above: entry grows down over
 * prev's range, which keeps its size; prev and its object reference go.
 * No compatibility check (the caller made it, or is undoing a clip).
 */
static void
vm_map_entry_merge(vm_map_t map, struct vm_map_entry *prev,
    struct vm_map_entry *entry)
{
	KASSERT(prev->next == entry && prev->end == entry->start,
	    ("%s: %#lx-%#lx and %#lx-%#lx are not neighbours", __func__,
	    prev->start, prev->end, entry->start, entry->end));
	/* Keys may meet for a moment: the removal compares nothing. */
	entry->start = prev->start;
	entry->offset = prev->offset;
	vm_map_entry_unlink(map, prev);
	if (prev->object != NULL)
		vm_object_deallocate(prev->object);
	vm_map_entry_dispose(prev);
}

static void
vm_map_try_merge_entries(vm_map_t map, struct vm_map_entry *prev,
    struct vm_map_entry *entry)
{
	if (vm_map_mergeable_neighbors(prev, entry))
		vm_map_entry_merge(map, prev, entry);
}

/*
 * vm_map_simplify_entry: merge entry with its neighbours where they are
 * compatible; entry itself may be freed.  Map locked exclusive.
 */
void
vm_map_simplify_entry(vm_map_t map, struct vm_map_entry *entry)
{
	VM_MAP_ASSERT_LOCKED(map);
	KASSERT(entry != &map->header, ("%s: the header", __func__));
	vm_map_try_merge_entries(map, entry->prev, entry);
	vm_map_try_merge_entries(map, entry, entry->next);
}

/*
 * Merge what can be merged from first's predecessor up to the entry that
 * starts at end, after a change to the entries of [first->start, end).
 */
static void
vm_map_simplify_range(vm_map_t map, struct vm_map_entry *first,
    vm_offset_t end)
{
	struct vm_map_entry *entry, *next;

	for (entry = first; entry != &map->header && entry->start <= end;
	    entry = next) {
		next = entry->next;
		/* Frees entry->prev at most, never entry or next. */
		vm_map_try_merge_entries(map, entry->prev, entry);
	}
}

/*
 * vm_map_insert: map [start, end) of map to object at offset (object
 * NULL: anonymous memory, its object made at the first fault) with
 * protection prot and maximum max.  cow: MAP_* flags (COPY_ON_WRITE,
 * INHERIT_SHARE, NOFAULT, DISABLE_COREDUMP, STACK_GROWS_DOWN,
 * CREATE_GUARD, CREATE_STACK_GAP_DN).  The new entry is merged with
 * compatible neighbours.  On success the map owns the caller's reference
 * on object; on failure the caller keeps it.  Map locked exclusive.
 * Returns 0; EINVAL for a range outside the map, empty, or a guard with
 * an object or access; EACCES when prot exceeds max; EEXIST when part
 * of the range is mapped; ENOMEM for too many entries or no memory.
 */
int
vm_map_insert(vm_map_t map, vm_object_t object, vm_ooffset_t offset,
    vm_offset_t start, vm_offset_t end, vm_prot_t prot, vm_prot_t max,
    int cow)
{
	struct vm_map_entry *entry, *prev;
	int eflags;

	VM_MAP_ASSERT_LOCKED(map);
	KASSERT((start & PAGE_MASK) == 0 && (end & PAGE_MASK) == 0,
	    ("%s: unaligned range %#lx-%#lx", __func__, start, end));
	if (start < vm_map_min(map) || end > vm_map_max(map) || start >= end)
		return (EINVAL);
	if ((prot & ~max) != 0)
		return (EACCES);
	if ((cow & (MAP_CREATE_GUARD | MAP_CREATE_STACK_GAP_DN)) != 0 &&
	    (object != NULL || max != VM_PROT_NONE))
		return (EINVAL);
	if (vm_map_lookup_entry(map, start, &prev) ||
	    prev->next->start < end)
		return (EEXIST);
	/* Counted before any merging, as Linux counts. */
	if (map->nentries >= vm_max_map_count)
		return (ENOMEM);
	eflags = 0;
	if ((cow & MAP_COPY_ON_WRITE) != 0)
		eflags |= MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY;
	if ((cow & MAP_NOFAULT) != 0)
		eflags |= MAP_ENTRY_NOFAULT;
	if ((cow & MAP_DISABLE_COREDUMP) != 0)
		eflags |= MAP_ENTRY_NOCOREDUMP;
	if ((cow & MAP_STACK_GROWS_DOWN) != 0)
		eflags |= MAP_ENTRY_GROWS_DOWN;
	if ((cow & MAP_CREATE_GUARD) != 0)
		eflags |= MAP_ENTRY_GUARD;
	if ((cow & MAP_CREATE_STACK_GAP_DN) != 0)
		eflags |= MAP_ENTRY_GUARD | MAP_ENTRY_STACK_GAP_DN;
	/*
	 * Anonymous memory right after an anonymous entry of the same kind
	 * grows that entry, its object taking the new pages (brk, and
	 * mmaps placed one after another: Linux merges such vmas too).
	 */
	if (object == NULL && prev != &map->header && prev->end == start &&
	    ((prev->eflags | eflags) & (MAP_ENTRY_NOMERGE_MASK |
	    MAP_ENTRY_GUARD)) == 0 && prev->eflags == eflags &&
	    prev->protection == prot && prev->max_protection == max &&
	    prev->inheritance == ((cow & MAP_INHERIT_SHARE) != 0 ?
	    VM_INHERIT_SHARE : VM_INHERIT_DEFAULT) &&
	    prev->wired_count == 0 &&
	    vm_object_coalesce(prev->object, prev->offset,
	    prev->end - prev->start, end - start)) {
		vm_map_entry_grow(map, prev, end);
		map->size += end - start;
		vm_map_simplify_entry(map, prev);
		return (0);
	}
	entry = vm_map_entry_create();
	if (entry == NULL)
		return (ENOMEM);
	entry->start = start;
	entry->end = end;
	entry->object = object;
	entry->offset = offset;
	entry->eflags = eflags;
	entry->protection = prot;
	entry->max_protection = max;
	entry->inheritance = (cow & MAP_INHERIT_SHARE) != 0 ?
	    VM_INHERIT_SHARE : VM_INHERIT_DEFAULT;
	entry->wired_count = 0;
	if (object != NULL && (object->flags & OBJ_ANON) != 0) {
		/*
		 * OBJ_ONEMAPPING promises that each page is mapped by one
		 * entry at most; with another holder (the caller's
		 * reference is now ours) nothing proves it any more.
		 */
		VM_OBJECT_WLOCK(object);	/* map, then object */
		if (object->ref_count > 1 || object->shadow_count != 0)
			vm_object_clear_flag(object, OBJ_ONEMAPPING);
		VM_OBJECT_WUNLOCK(object);
	}
	vm_map_entry_link(map, prev, entry);
	map->size += vm_map_entry_size(entry);
	vm_map_simplify_entry(map, entry);
	return (0);
}

/*
 * vm_map_find: map length bytes of object at offset somewhere in map.
 * find_space: VMFS_NO_SPACE maps exactly at *addr; VMFS_ANY_SPACE and
 * VMFS_ALIGNED_SPACE(x) (2^x-aligned, x >= PAGE_SHIFT) take *addr as a
 * hint, used when it (rounded up to the alignment) is non-zero and the
 * range there is free; otherwise the space below max_addr (0: the map's
 * end) is searched top-down (MAP_TOPDOWN) or bottom-up from the hint,
 * then from the bottom.  prot, max and cow as vm_map_insert.  Locks and
 * unlocks map.  Returns 0 with *addr set; ENOMEM when nothing fits; the
 * errors of vm_map_insert.
 */
int
vm_map_find(vm_map_t map, vm_object_t object, vm_ooffset_t offset,
    vm_offset_t *addr, vm_size_t length, vm_offset_t max_addr,
    int find_space, vm_prot_t prot, vm_prot_t max, int cow)
{
	vm_offset_t hint, hi, lo, start;
	vm_size_t align;
	int error, shift;

	KASSERT((length & PAGE_MASK) == 0, ("%s: unaligned length %#lx",
	    __func__, length));
	if (length == 0)
		return (EINVAL);
	if (find_space == VMFS_NO_SPACE) {
		start = *addr;
		if (start + length < start)
			return (EINVAL);
		vm_map_lock(map);
		error = vm_map_insert(map, object, offset, start,
		    start + length, prot, max, cow);
		vm_map_unlock(map);
		return (error);
	}
	if (find_space == VMFS_ANY_SPACE) {
		align = PAGE_SIZE;
	} else {
		shift = find_space >> 8;
		if ((find_space & 0xff) != 0 || shift < PAGE_SHIFT ||
		    shift >= 64)
			return (EINVAL);
		align = (vm_size_t)1 << shift;
	}

	vm_map_lock(map);
	lo = vm_map_min(map);
	hi = max_addr != 0 ? MIN(max_addr, vm_map_max(map)) : vm_map_max(map);
	hint = *addr;
	start = roundup2(hint, align);
	if (hint != 0 && start >= hint && start >= lo && start < hi &&
	    hi - start >= length && vm_map_range_free(map, start,
	    start + length)) {
		/* The hint is free: take it, as Linux does. */
		error = 0;
	} else if ((map->flags & MAP_TOPDOWN) != 0) {
		error = vm_map_findspace_range(map, lo, hi, length, align,
		    true, &start);
	} else {
		error = ENOMEM;
		if (hint > lo)
			error = vm_map_findspace_range(map, hint, hi, length,
			    align, false, &start);
		if (error != 0)
			error = vm_map_findspace_range(map, lo, hi, length,
			    align, false, &start);
	}
	if (error == 0)
		error = vm_map_insert(map, object, offset, start,
		    start + length, prot, max, cow);
	if (error == 0)
		*addr = start;
	vm_map_unlock(map);
	return (error);
}

/*
 * vm_map_clip_start: split entry at start (inside it) so that entry
 * begins there; the part below becomes a new entry holding its own
 * reference on the object.  Nothing to do if start is at or below
 * entry's start.  Map locked exclusive.  Returns 0, or ENOMEM (nothing
 * changed).
 */
int
vm_map_clip_start(vm_map_t map, struct vm_map_entry *entry,
    vm_offset_t start)
{
	struct vm_map_entry *new;

	VM_MAP_ASSERT_LOCKED(map);
	KASSERT(entry != &map->header && (start & PAGE_MASK) == 0,
	    ("%s: bad clip at %#lx", __func__, start));
	if (start <= entry->start)
		return (0);
	KASSERT(start < entry->end, ("%s: %#lx past entry %#lx-%#lx",
	    __func__, start, entry->start, entry->end));
	new = vm_map_entry_create();
	if (new == NULL)
		return (ENOMEM);
	*new = *entry;
	new->end = start;
	entry->offset += (vm_ooffset_t)(start - entry->start);
	entry->start = start;
	if (new->object != NULL)
		vm_object_reference(new->object);
	vm_map_entry_link(map, entry->prev, new);
	return (0);
}

/*
 * vm_map_clip_end: split entry at end (inside it) so that entry ends
 * there; the part above becomes a new entry, its object offset advanced,
 * holding its own reference on the object.  Map locked exclusive.
 * Returns 0, or ENOMEM (nothing changed).
 */
int
vm_map_clip_end(vm_map_t map, struct vm_map_entry *entry, vm_offset_t end)
{
	struct vm_map_entry *new;

	VM_MAP_ASSERT_LOCKED(map);
	KASSERT(entry != &map->header && (end & PAGE_MASK) == 0,
	    ("%s: bad clip at %#lx", __func__, end));
	if (end >= entry->end)
		return (0);
	KASSERT(end > entry->start, ("%s: %#lx before entry %#lx-%#lx",
	    __func__, end, entry->start, entry->end));
	new = vm_map_entry_create();
	if (new == NULL)
		return (ENOMEM);
	*new = *entry;
	new->start = end;
	new->offset += (vm_ooffset_t)(end - entry->start);
	entry->end = end;
	if (new->object != NULL)
		vm_object_reference(new->object);
	vm_map_entry_link(map, entry, new);
	return (0);
}

/* Whether an operation that leaves guards alone must clip entry. */
static bool
vm_map_clip_wanted(const struct vm_map_entry *entry, bool guards)
{
	return (guards || (entry->eflags & MAP_ENTRY_GUARD) == 0);
}

/*
 * The number of entries that clipping [start, end) adds (0, 1 or 2);
 * guards counted only if guards.
 */
static int
vm_map_clip_count(vm_map_t map, vm_offset_t start, vm_offset_t end,
    bool guards)
{
	struct vm_map_entry *entry;
	int n = 0;

	if (vm_map_lookup_entry(map, start, &entry) && entry->start < start &&
	    vm_map_clip_wanted(entry, guards))
		n++;
	if (vm_map_lookup_entry(map, end - 1, &entry) && entry->end > end &&
	    vm_map_clip_wanted(entry, guards))
		n++;
	return (n);
}

/*
 * vm_map_clip_range: clip the entries at start and end (guards only if
 * guards), so that each entry lies inside [start, end) or outside it;
 * *firstp gets the first entry ending above start (the header if none):
 * one that begins at start unless it is a guard left whole.  All or
 * nothing: on ENOMEM the map is as it was.  Map locked exclusive.
 */
static int
vm_map_clip_range(vm_map_t map, vm_offset_t start, vm_offset_t end,
    bool guards, struct vm_map_entry **firstp)
{
	struct vm_map_entry *first, *last;
	bool clipped = false;
	int error;

	KASSERT(start < end, ("%s: empty range %#lx-%#lx", __func__, start,
	    end));
	if (vm_map_lookup_entry(map, start, &first)) {
		if (first->start < start && vm_map_clip_wanted(first,
		    guards)) {
			error = vm_map_clip_start(map, first, start);
			if (error != 0)
				return (error);
			clipped = true;
		}
	} else {
		first = first->next;
	}
	if (vm_map_lookup_entry(map, end - 1, &last) && last->end > end &&
	    vm_map_clip_wanted(last, guards)) {
		error = vm_map_clip_end(map, last, end);
		if (error != 0) {
			/* Undo the first clip: the halves were one entry. */
			if (clipped)
				vm_map_entry_merge(map, first->prev, first);
			return (error);
		}
	}
	*firstp = first;
	return (0);
}

/*
 * Prepare [start, end) of map for a change of attributes: refuse with
 * ENOMEM if the splits would take the map past vm.max_map_count (before
 * any merging, as Linux counts), else clip it (guards left whole).
 */
static int
vm_map_clip_for_change(vm_map_t map, vm_offset_t start, vm_offset_t end,
    struct vm_map_entry **firstp)
{
	if (map->nentries + vm_map_clip_count(map, start, end, false) >
	    vm_max_map_count)
		return (ENOMEM);
	return (vm_map_clip_range(map, start, end, false, firstp));
}

/*
 * The pages of object behind entry, which has just left the map and the
 * page tables: when the object promises that each of its pages is mapped
 * once at most (OBJ_ONEMAPPING) and others still hold it (other pieces
 * of a clipped entry), nobody can reach these pages any more: free them
 * now rather than when the object dies, and give up the object's tail
 * if they were its end (FreeBSD's rule).  With one reference left, the
 * deallocation that follows frees everything anyway.
 */
static void
vm_map_entry_release_pages(struct vm_map_entry *entry)
{
	vm_object_t object = entry->object;
	vm_pindex_t start, end;

	start = OFF_TO_IDX(entry->offset);
	end = start + atop(entry->end - entry->start);
	VM_OBJECT_WLOCK(object);	/* map, then object */
	if (object->ref_count != 1 &&
	    (object->flags & OBJ_ONEMAPPING) != 0) {
		vm_object_page_remove(object, start, end, OBJPR_NOTMAPPED);
		if (end >= object->size && start < object->size)
			object->size = start;
	}
	VM_OBJECT_WUNLOCK(object);
}

/*
 * Remove entry from map: unmap it from the page tables, free the pages
 * only it could reach, and drop its object reference.  Map locked
 * exclusive.
 */
static void
vm_map_entry_delete(vm_map_t map, struct vm_map_entry *entry)
{
	vm_map_entry_unlink(map, entry);
	map->size -= vm_map_entry_size(entry);
	/* XXX: a wired entry must be unwired here once wiring exists. */
	if (map->pmap != NULL && (entry->eflags & MAP_ENTRY_GUARD) == 0)
		pmap_remove(map->pmap, entry->start, entry->end);
	if (entry->object != NULL) {
		vm_map_entry_release_pages(entry);
		vm_object_deallocate(entry->object);
	}
	vm_map_entry_dispose(entry);
}

/*
 * vm_map_delete: unmap [start, end) of map (page-aligned; holes are
 * fine), clipping entries that straddle its ends, removing the page
 * mappings and dropping object references.  Map locked exclusive.
 * Returns 0, or ENOMEM (nothing changed) when a hole in the middle of an
 * entry would take the map past vm.max_map_count or memory is short.
 */
int
vm_map_delete(vm_map_t map, vm_offset_t start, vm_offset_t end)
{
	struct vm_map_entry *entry, *next;
	int error;

	VM_MAP_ASSERT_LOCKED(map);
	KASSERT((start & PAGE_MASK) == 0 && (end & PAGE_MASK) == 0 &&
	    start <= end, ("%s: bad range %#lx-%#lx", __func__, start, end));
	if (start == end)
		return (0);
	/* Only a hole inside one entry leaves more entries than before. */
	if (vm_map_lookup_entry(map, start, &entry) && entry->start < start &&
	    entry->end > end && map->nentries >= vm_max_map_count)
		return (ENOMEM);
	error = vm_map_clip_range(map, start, end, true, &entry);
	if (error != 0)
		return (error);
	while (entry != &map->header && entry->start < end) {
		next = entry->next;
		vm_map_entry_delete(map, entry);
		entry = next;
	}
	return (0);
}

/*
 * vm_map_remove: vm_map_delete of [start, end) cut to the map's bounds,
 * taking and dropping the map lock.
 */
int
vm_map_remove(vm_map_t map, vm_offset_t start, vm_offset_t end)
{
	int error = 0;

	vm_map_lock(map);
	start = MAX(start, vm_map_min(map));
	end = MIN(end, vm_map_max(map));
	if (start < end)
		error = vm_map_delete(map, start, end);
	vm_map_unlock(map);
	return (error);
}

/*
 * vm_map_protect: set the protection of the entries in [start, end) to
 * new_prot (set_max: set max_protection to new_prot and keep only the
 * current rights it allows).  Holes and guards are skipped.  Lowered
 * rights are removed from the page tables at once (pmap_protect);
 * raised ones take effect at the next fault, which also keeps
 * copy-on-write pages read-only.  Locks and unlocks map.  Returns 0;
 * EINVAL for bits outside VM_PROT_ALL; EACCES (nothing changed) if
 * new_prot exceeds some entry's max_protection; ENOMEM (nothing changed)
 * for too many entries or no memory.
 */
int
vm_map_protect(vm_map_t map, vm_offset_t start, vm_offset_t end,
    vm_prot_t new_prot, bool set_max)
{
	struct vm_map_entry *entry, *first;
	vm_prot_t old_prot;
	int error = 0;

	KASSERT((start & PAGE_MASK) == 0 && (end & PAGE_MASK) == 0 &&
	    start <= end, ("%s: bad range %#lx-%#lx", __func__, start, end));
	if ((new_prot & ~VM_PROT_ALL) != 0)
		return (EINVAL);
	if (start == end)
		return (0);
	vm_map_lock(map);
	/* Check every entry first: a refusal must change nothing. */
	if (!vm_map_lookup_entry(map, start, &entry))
		entry = entry->next;
	for (; entry != &map->header && entry->start < end;
	    entry = entry->next) {
		if ((entry->eflags & MAP_ENTRY_GUARD) == 0 &&
		    (new_prot & ~entry->max_protection) != 0) {
			error = EACCES;
			goto out;
		}
	}
	error = vm_map_clip_for_change(map, start, end, &first);
	if (error != 0)
		goto out;
	for (entry = first; entry != &map->header && entry->start < end;
	    entry = entry->next) {
		if ((entry->eflags & MAP_ENTRY_GUARD) != 0)
			continue;
		old_prot = entry->protection;
		if (set_max) {
			entry->max_protection = new_prot;
			entry->protection = new_prot & old_prot;
		} else {
			entry->protection = new_prot;
		}
		if ((old_prot & ~entry->protection) != 0 && map->pmap != NULL)
			pmap_protect(map->pmap, entry->start, entry->end,
			    entry->protection);
	}
	vm_map_simplify_range(map, first, end);
out:
	vm_map_unlock(map);
	return (error);
}

/*
 * Give every entry but guards in [start, end) of map the inheritance
 * inheritance (if >= 0) and clear then set the eflags bits clear and
 * set, clipping at the ends and merging afterwards.  Locks and unlocks
 * map.  Returns 0, or ENOMEM (nothing changed).
 */
static int
vm_map_change_attrs(vm_map_t map, vm_offset_t start, vm_offset_t end,
    int inheritance, int clear, int set)
{
	struct vm_map_entry *entry, *first;
	int error;

	if (start == end)
		return (0);
	vm_map_lock(map);
	error = vm_map_clip_for_change(map, start, end, &first);
	if (error == 0) {
		for (entry = first; entry != &map->header &&
		    entry->start < end; entry = entry->next) {
			if ((entry->eflags & MAP_ENTRY_GUARD) != 0)
				continue;
			if (inheritance >= 0)
				entry->inheritance = (vm_inherit_t)inheritance;
			entry->eflags = (entry->eflags & ~clear) | set;
		}
		vm_map_simplify_range(map, first, end);
	}
	vm_map_unlock(map);
	return (error);
}

/*
 * vm_map_inherit: set what fork does with [start, end) of map
 * (VM_INHERIT_SHARE, COPY or NONE); guards are left alone.  Locks and
 * unlocks map.  Returns 0, EINVAL for another value, ENOMEM (nothing
 * changed).
 */
int
vm_map_inherit(vm_map_t map, vm_offset_t start, vm_offset_t end,
    vm_inherit_t new_inheritance)
{
	KASSERT((start & PAGE_MASK) == 0 && (end & PAGE_MASK) == 0 &&
	    start <= end, ("%s: bad range %#lx-%#lx", __func__, start, end));
	switch (new_inheritance) {
	case VM_INHERIT_SHARE:
	case VM_INHERIT_COPY:
	case VM_INHERIT_NONE:
		break;
	default:
		return (EINVAL);
	}
	return (vm_map_change_attrs(map, start, end, new_inheritance, 0, 0));
}

/*
 * The advice that acts on pages rather than on entries: WILLNEED,
 * DONTNEED, FREE.  XXX: a hook, doing nothing yet; it belongs with
 * vm_fault and mmap.  WILLNEED pre-faults the resident pages of each
 * entry's object chain (pmap_enter).  DONTNEED and FREE remove the range
 * from the page tables (pmap_remove) and, for private anonymous memory,
 * make the next touch zero-fill, as Linux does: free the pages of the
 * entry's object in the range when only this entry can reach them
 * (OBJ_ONEMAPPING, as vm_map_delete does), otherwise give the range a
 * fresh object of its own (pages shared with a fork's other side must
 * not be freed); FREE may instead mark them clean and discardable.
 */
static int
vm_map_madvise_pages(vm_map_t map, vm_offset_t start, vm_offset_t end,
    int behav)
{
	(void)map;
	(void)start;
	(void)end;
	(void)behav;
	return (0);
}

/*
 * vm_map_madvise: apply advice behav (MADV_*) to [start, end) of map.
 * Advice kept in the entries (NORMAL, SEQUENTIAL, RANDOM, NOCORE, CORE,
 * DONTFORK, DOFORK) clips and merges like a protection change; advice on
 * pages goes to vm_map_madvise_pages.  Guards are left alone.  Locks
 * and unlocks map.  Returns 0, EINVAL for unknown advice, ENOMEM
 * (nothing changed).
 */
int
vm_map_madvise(vm_map_t map, vm_offset_t start, vm_offset_t end, int behav)
{
	int clear, set;

	KASSERT((start & PAGE_MASK) == 0 && (end & PAGE_MASK) == 0 &&
	    start <= end, ("%s: bad range %#lx-%#lx", __func__, start, end));
	switch (behav) {
	case MADV_NORMAL:
		set = MAP_ENTRY_BEHAV_NORMAL;
		clear = MAP_ENTRY_BEHAV_MASK;
		break;
	case MADV_SEQUENTIAL:
		set = MAP_ENTRY_BEHAV_SEQUENTIAL;
		clear = MAP_ENTRY_BEHAV_MASK;
		break;
	case MADV_RANDOM:
		set = MAP_ENTRY_BEHAV_RANDOM;
		clear = MAP_ENTRY_BEHAV_MASK;
		break;
	case MADV_NOCORE:
		set = MAP_ENTRY_NOCOREDUMP;
		clear = 0;
		break;
	case MADV_CORE:
		set = 0;
		clear = MAP_ENTRY_NOCOREDUMP;
		break;
	case MADV_DONTFORK:
		set = MAP_ENTRY_NOFORK;
		clear = 0;
		break;
	case MADV_DOFORK:
		set = 0;
		clear = MAP_ENTRY_NOFORK;
		break;
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
		return (vm_map_madvise_pages(map, start, end, behav));
	default:
		return (EINVAL);
	}
	return (vm_map_change_attrs(map, start, end, -1, clear, set));
}

/*
 * vm_map_check_protection: whether all of [start, end) is mapped, by
 * entries allowing at least protection (VM_PROT_NONE: merely mapped).
 * Map locked (either way).
 */
bool
vm_map_check_protection(vm_map_t map, vm_offset_t start, vm_offset_t end,
    vm_prot_t protection)
{
	struct vm_map_entry *entry;

	VM_MAP_ASSERT_LOCKED_ANY(map);
	if (!vm_map_lookup_entry(map, start, &entry))
		return (false);
	while (start < end) {
		if (entry == &map->header || start < entry->start ||
		    (entry->protection & protection) != protection)
			return (false);
		start = entry->end;
		entry = entry->next;
	}
	return (true);
}

#ifdef INVARIANTS
/*
 * Check the tree below entry (parent: its parent): parent links,
 * colours, max_free.  Returns the black height, or -1 after printing
 * the first violation.
 */
static int
vm_map_check_tree(vm_map_t map, struct vm_map_entry *entry,
    struct vm_map_entry *parent)
{
	struct vm_map_entry *l, *r;
	vm_size_t max;
	int bl, br;

	if (entry == NULL)
		return (1);
	l = RB_LEFT(entry, rb);
	r = RB_RIGHT(entry, rb);
	if (RB_PARENT(entry, rb) != parent) {
		printf("vm_map_check: %p: entry %#lx: bad parent link\n", map,
		    entry->start);
		return (-1);
	}
	if (RB_COLOR(entry, rb) == RB_RED &&
	    ((l != NULL && RB_COLOR(l, rb) == RB_RED) ||
	    (r != NULL && RB_COLOR(r, rb) == RB_RED))) {
		printf("vm_map_check: %p: entry %#lx: red with a red child\n",
		    map, entry->start);
		return (-1);
	}
	bl = vm_map_check_tree(map, l, entry);
	br = vm_map_check_tree(map, r, entry);
	if (bl < 0 || br < 0)
		return (-1);
	if (bl != br) {
		printf("vm_map_check: %p: entry %#lx: black heights %d/%d\n",
		    map, entry->start, bl, br);
		return (-1);
	}
	max = entry->adj_free;
	if (l != NULL && l->max_free > max)
		max = l->max_free;
	if (r != NULL && r->max_free > max)
		max = r->max_free;
	if (entry->max_free != max) {
		printf("vm_map_check: %p: entry %#lx: max_free %#lx, should "
		    "be %#lx\n", map, entry->start, entry->max_free, max);
		return (-1);
	}
	return (bl + (RB_COLOR(entry, rb) == RB_BLACK));
}

/*
 * vm_map_check: verify every invariant of map (the list at the top of
 * this file).  Returns true if all hold; otherwise prints the first
 * violation and returns false.  Map locked (either way).  O(n).
 */
bool
vm_map_check(vm_map_t map)
{
	struct vm_map_entry *entry, *prev, *tree;
	vm_size_t size = 0;
	int n = 0;

	VM_MAP_ASSERT_LOCKED_ANY(map);
#define	CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printf("vm_map_check: %p: ", map);			\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		return (false);						\
	}								\
} while (0)
	CHECK(map->header.eflags == MAP_ENTRY_HEADER &&
	    vm_map_min(map) < vm_map_max(map), "bad header");
	tree = RB_MIN(vm_map_tree, &map->root);
	prev = &map->header;
	for (entry = map->header.next; entry != &map->header;
	    prev = entry, entry = entry->next) {
		CHECK(entry->prev == prev, "entry %#lx: bad prev link",
		    entry->start);
		CHECK(entry == tree, "entry %#lx: list and tree disagree",
		    entry->start);
		tree = RB_NEXT(vm_map_tree, &map->root, tree);
		CHECK((entry->start & PAGE_MASK) == 0 &&
		    (entry->end & PAGE_MASK) == 0 && entry->start < entry->end,
		    "entry %#lx-%#lx: bad range", entry->start, entry->end);
		CHECK(entry->start >= prev->end && entry->end <=
		    vm_map_max(map), "entry %#lx-%#lx: overlaps or out of "
		    "the map", entry->start, entry->end);
		CHECK(prev->adj_free == entry->start - prev->end,
		    "gap below %#lx: adj_free %#lx, should be %#lx",
		    entry->start, prev->adj_free, entry->start - prev->end);
		CHECK((entry->protection & ~entry->max_protection) == 0 &&
		    (entry->max_protection & ~VM_PROT_ALL) == 0,
		    "entry %#lx: protection %#x, max %#x", entry->start,
		    entry->protection, entry->max_protection);
		CHECK(entry->inheritance <= VM_INHERIT_NONE,
		    "entry %#lx: inheritance %d", entry->start,
		    entry->inheritance);
		CHECK((entry->eflags & MAP_ENTRY_HEADER) == 0 &&
		    entry->wired_count >= 0, "entry %#lx: eflags %#x, "
		    "wired %d", entry->start, entry->eflags,
		    entry->wired_count);
		CHECK((entry->eflags & MAP_ENTRY_GUARD) == 0 ||
		    (entry->object == NULL &&
		    entry->max_protection == VM_PROT_NONE),
		    "guard %#lx: object or access", entry->start);
		n++;
		size += vm_map_entry_size(entry);
	}
	CHECK(tree == NULL, "tree entry %#lx not on the list", tree->start);
	CHECK(map->header.prev == prev, "bad header prev link");
	CHECK(prev->adj_free == vm_map_max(map) - prev->end,
	    "gap at the top: adj_free %#lx, should be %#lx", prev->adj_free,
	    vm_map_max(map) - prev->end);
	CHECK(n == map->nentries, "%d entries, nentries %d", n,
	    map->nentries);
	CHECK(size == map->size, "%#lx bytes mapped, size %#lx", size,
	    map->size);
	CHECK(RB_ROOT(&map->root) == NULL ||
	    RB_COLOR(RB_ROOT(&map->root), rb) == RB_BLACK, "red root");
#undef CHECK
	return (vm_map_check_tree(map, RB_ROOT(&map->root), NULL) > 0);
}
#endif /* INVARIANTS */

/*
 * vmspace_alloc: a new address space of [min, max) with fresh page
 * tables (pmap_pinit), searched top-down (Linux's mmap layout), one
 * reference.  Returns NULL when memory is short.
 */
struct vmspace *
vmspace_alloc(vm_offset_t min, vm_offset_t max)
{
	struct vmspace *vm;

	vm = uma_zalloc(vmspace_zone, M_NOWAIT | M_ZERO);
	if (vm == NULL)
		return (NULL);
	if (pmap_pinit(&vm->vm_pmap) != 0) {
		uma_zfree(vmspace_zone, vm);
		return (NULL);
	}
	vm_map_init(&vm->vm_map, &vm->vm_pmap, min, max);
	vm->vm_map.flags |= MAP_TOPDOWN;
	vm->vm_refcnt = 1;
	return (vm);
}

/*
 * vmspace_ref: one more user of vm (a reader of another process's map;
 * processes sharing it, CLONE_VM, share the dvmspace around it).
 */
void
vmspace_ref(struct vmspace *vm)
{
	KASSERT(vm->vm_refcnt > 0, ("%s: %p is free", __func__, vm));
	atomic_add_int(&vm->vm_refcnt, 1);
}

/*
 * vmspace_free: drop a reference; the last one removes every mapping
 * and frees the page tables and the vmspace.  Its pmap must not be
 * active on any CPU by then (switch to another before exit's last free).
 */
void
vmspace_free(struct vmspace *vm)
{
	KASSERT(vm->vm_refcnt > 0, ("%s: %p is free", __func__, vm));
	if (atomic_fetchadd_int(&vm->vm_refcnt, (u_int)-1) > 1)
		return;
	vm_map_destroy(&vm->vm_map);
	pmap_release(&vm->vm_pmap);
	uma_zfree(vmspace_zone, vm);
}

/*
 * A copy of old_entry for the child's map: the same range, object,
 * rights and flags, minus wiring (mlock is not inherited); linked at
 * the top of new_map.  NULL when memory is short.
 */
static struct vm_map_entry *
vmspace_fork_entry(vm_map_t new_map, const struct vm_map_entry *old_entry)
{
	struct vm_map_entry *new_entry;

	new_entry = vm_map_entry_create();
	if (new_entry == NULL)
		return (NULL);
	*new_entry = *old_entry;
	new_entry->wired_count = 0;
	new_entry->eflags &= ~MAP_ENTRY_USER_WIRED;
	if (new_entry->object != NULL)
		vm_object_reference(new_entry->object);
	vm_map_entry_link(new_map, new_map->header.prev, new_entry);
	new_map->size += vm_map_entry_size(new_entry);
	return (new_entry);
}

/* object's pages are about to be mapped by two entries. */
static void
vmspace_object_shared(vm_object_t object)
{
	VM_OBJECT_WLOCK(object);	/* map, then object */
	vm_object_clear_flag(object, OBJ_ONEMAPPING);
	VM_OBJECT_WUNLOCK(object);
}

/*
 * vm_map_entry_share: prepare old_entry, inherited VM_INHERIT_SHARE, for
 * being mapped by another map too (fork's child), or for naming its
 * pages by object and offset for good (a shared futex's key): from now
 * on its object never changes.  An entry without an object gets one now
 * (else each side would zero-fill its own); one that still needs its
 * copy gets its shadow now (else each side's first write would make a
 * shadow of its own).  Map locked exclusive.
 */
void
vm_map_entry_share(struct vm_map_entry *old_entry)
{
	vm_object_t object;
	vm_size_t size = old_entry->end - old_entry->start;

	if (old_entry->object == NULL) {
		old_entry->object = vm_object_allocate_anon(atop(size));
		old_entry->offset = 0;
	}
	if ((old_entry->eflags & MAP_ENTRY_NEEDS_COPY) != 0) {
		/*
		 * A second reference for the moment, so that a shadow is
		 * made even when this entry was the only holder.
		 */
		object = old_entry->object;
		vm_object_reference(object);
		vm_object_shadow(&old_entry->object, &old_entry->offset,
		    size);
		old_entry->eflags &= ~MAP_ENTRY_NEEDS_COPY;
		vm_object_deallocate(object);
	}
	vmspace_object_shared(old_entry->object);
}

/*
 * vmspace_fork: the child's address space at fork.  Each entry of vm1,
 * by its inheritance:
 *   - NONE, or MADV_DONTFORK (MAP_ENTRY_NOFORK): left out;
 *   - SHARE: the child maps the same object at the same offset (made
 *     now if there was none yet; shadowed now if a copy was pending);
 *   - COPY: the child maps the same object too, and when there is one,
 *     both entries become copy-on-write with a copy still to make
 *     (COW | NEEDS_COPY) and the parent's pages lose write access, so
 *     the first write on either side faults and vm_fault gives the
 *     writer its own shadow object.  Without an object there is nothing
 *     to share: each side zero-fills its own at its first fault.
 * Guards are copied.  Locks vm1's map for the whole copy (its entries'
 * flags change).  Returns the new vmspace, or NULL when memory is short
 * (vm1's entries may then carry COW | NEEDS_COPY needlessly, which is
 * harmless).
 */
struct vmspace *
vmspace_fork(struct vmspace *vm1)
{
	struct vm_map_entry *old_entry;
	struct vmspace *vm2;
	vm_map_t new_map, old_map = &vm1->vm_map;
	bool failed = false;

	vm_map_lock(old_map);
	vm2 = vmspace_alloc(vm_map_min(old_map), vm_map_max(old_map));
	if (vm2 == NULL)
		goto out;
	new_map = &vm2->vm_map;
	new_map->flags = old_map->flags;
	vm2->vm_tsize = vm1->vm_tsize;
	vm2->vm_dsize = vm1->vm_dsize;
	vm2->vm_ssize = vm1->vm_ssize;
	vm2->vm_taddr = vm1->vm_taddr;
	vm2->vm_daddr = vm1->vm_daddr;
	vm2->vm_maxsaddr = vm1->vm_maxsaddr;
	/* The child's map is private to us: parent first, then child. */
	vm_map_lock(new_map);
	VM_MAP_ENTRY_FOREACH(old_entry, old_map) {
		if ((old_entry->eflags & MAP_ENTRY_NOFORK) != 0 ||
		    old_entry->inheritance == VM_INHERIT_NONE)
			continue;
		if (old_entry->inheritance == VM_INHERIT_SHARE) {
			if ((old_entry->eflags & MAP_ENTRY_GUARD) == 0)
				vm_map_entry_share(old_entry);
		} else if (old_entry->object != NULL) {
			KASSERT(old_entry->inheritance == VM_INHERIT_COPY,
			    ("%s: entry %#lx: inheritance %d", __func__,
			    old_entry->start, old_entry->inheritance));
			/* Clipped entries sharing an object: split it first. */
			if ((old_entry->eflags & MAP_ENTRY_NEEDS_COPY) == 0)
				vm_object_split(&old_entry->object,
				    &old_entry->offset,
				    old_entry->end - old_entry->start);
			if ((old_entry->eflags & MAP_ENTRY_NEEDS_COPY) == 0 &&
			    (old_entry->protection & VM_PROT_WRITE) != 0 &&
			    old_map->pmap != NULL)
				pmap_protect(old_map->pmap, old_entry->start,
				    old_entry->end, old_entry->protection &
				    ~VM_PROT_WRITE);
			old_entry->eflags |= MAP_ENTRY_COW |
			    MAP_ENTRY_NEEDS_COPY;
			vmspace_object_shared(old_entry->object);
		}
		if (vmspace_fork_entry(new_map, old_entry) == NULL) {
			failed = true;
			break;
		}
	}
	vm_map_unlock(new_map);
	if (failed) {
		vmspace_free(vm2);
		vm2 = NULL;
	}
out:
	vm_map_unlock(old_map);
	return (vm2);
}
