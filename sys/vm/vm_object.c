/*
 * vm_object.c: VM objects: allocation, reference counting, shadow chains,
 * collapse and bypass, termination, page removal (share/doc/vm-object.md;
 * FreeBSD's design and names, our code).
 *
 * An object's pages are in its radix trie (vm_radix.c), keyed by pindex;
 * vm_page.c keeps m->object, m->pindex and the trie in agreement.  A
 * copy-on-write chain is a list of anonymous objects linked through
 * backing_object: the page a process sees at pindex i of the top object
 * is the first one found walking down, at i, then i + atop(offset of the
 * first link), and so on; a miss at the bottom is zero-fill.
 *
 * Invariants (vm_object_check verifies them):
 *	- resident_page_count is the number of pages in the trie, and each
 *	  of them names this object and its key as object and pindex;
 *	- shadow_count is the length of shadow_head, and every object on
 *	  it has this object as backing_object;
 *	- every shadow holds one reference on its backing object, so
 *	  ref_count >= shadow_count; only a dead object or a file's
 *	  (OBJT_VNODE, held by its vnode without a reference) has
 *	  ref_count 0;
 *	- an object without a backing object has backing_object_offset 0;
 *	- chains have no cycles (an object only ever shadows an older one).
 *
 * The cases handled:
 *	vnode		a file's object is never terminated by its last
 *			reference: it is the file's cache until the vnode is
 *			reclaimed (vnode_destroy_vobject).  Each reference
 *			holds a vnode reference (vref/vrele), dropped after
 *			the object lock.  Never collapsed (not OBJ_ANON).
 *	deallocate	the last reference terminates the object (its pages
 *			are unmapped and freed, it leaves its backing
 *			object's shadow list) and then drops the reference
 *			it held on its backing object, in a loop down the
 *			chain.  An anonymous object left with exactly one
 *			reference that is its only shadow's is merged into
 *			that shadow: vm_object_collapse(shadow).
 *	shadow		a new anonymous object over the old one, taking the
 *			caller's reference; not made when the caller holds
 *			the only reference to an anonymous object (FreeBSD).
 *	collapse	backing object anonymous and referenced by this
 *			shadow alone: its pages move up (renamed by the
 *			offset) where the shadow has none; pages the shadow
 *			hides or that lie outside its window are freed; the
 *			shadow then adopts the backing object's backing
 *			object and the empty backing object is freed.
 *	bypass		backing object shared, but every page it could show
 *			through this shadow's window is already in the
 *			shadow: the shadow skips it and references the next
 *			object down instead.
 *	page remove	munmap, MADV_DONTNEED, truncation: pages in a range
 *			are unmapped and freed (wired ones only unmapped).
 * Collapse and bypass repeat down the chain while they apply, and never
 * change what any pindex of any object resolves to.  A collapse that
 * meets a busy page or finds no radix node stops where it is: the pages
 * moved so far are ones the shadow lacked, so the chain is consistent
 * and the collapse can be retried later.
 *
 * Locking (the order for the whole VM is in share/doc/vm-object.md): each
 * object has a sleep mutex.  Two objects of one chain are taken top-down:
 * an object before its backing object.  Going up (from a backing object
 * to its shadow) is a trylock, or a hold (paging_in_progress) taken
 * while the lower lock keeps the shadow alive, then the locks in order.
 * vm_object_list_mtx is a leaf.  An object is freed only after it has
 * left vm_object_list, and object memory is type-stable
 * (UMA_ZONE_NOFREE), so a walk under vm_object_list_mtx may read chains
 * without object locks (the chain-depth sysctl).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/sleepqueue.h>
#include <sys/sysctl.h>
#include <sys/systm.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/uma.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_pager.h>
#include <vm/vm_radix.h>

#include <machine/atomic.h>
#include <machine/pmap.h>

struct object_q	vm_object_list = TAILQ_HEAD_INITIALIZER(vm_object_list);
struct mtx	vm_object_list_mtx;
static u_int	vm_object_count;	/* (l) objects on vm_object_list */
static uma_zone_t obj_zone;

static SYSCTL_NODE(_vm_stats, OID_AUTO, object, CTLFLAG_RW | CTLFLAG_MPSAFE,
    NULL, "VM object stats");

static u_long	object_collapses;	/* (a) */
SYSCTL_ULONG(_vm_stats_object, OID_AUTO, collapses, CTLFLAG_RD,
    &object_collapses, 0, "VM object collapses");

static u_long	object_bypasses;	/* (a) */
SYSCTL_ULONG(_vm_stats_object, OID_AUTO, bypasses, CTLFLAG_RD,
    &object_bypasses, 0, "VM object bypasses");

static u_long	object_shadows;		/* (a) */
SYSCTL_ULONG(_vm_stats_object, OID_AUTO, shadows, CTLFLAG_RD,
    &object_shadows, 0, "Shadow objects created");

static u_int	object_max_chain_depth;	/* (a) */
SYSCTL_UINT(_vm_stats_object, OID_AUTO, max_chain_depth, CTLFLAG_RW,
    &object_max_chain_depth, 0,
    "Deepest shadow chain observed (objects in it); write 0 to reset");

SYSCTL_UINT(_vm_stats_object, OID_AUTO, count, CTLFLAG_RD,
    &vm_object_count, 0, "Live VM objects");

static int	sysctl_vm_object_vnode_pages(SYSCTL_HANDLER_ARGS);
SYSCTL_PROC(_vm_stats_object, OID_AUTO, vnode_pages, CTLTYPE_ULONG |
    CTLFLAG_RD | CTLFLAG_MPSAFE, NULL, 0, sysctl_vm_object_vnode_pages, "LU",
    "Resident pages of files (OBJT_VNODE objects)");

static int	sysctl_vm_object_chain_depth(SYSCTL_HANDLER_ARGS);
SYSCTL_PROC(_vm_stats_object, OID_AUTO, chain_depth, CTLTYPE_INT |
    CTLFLAG_RD | CTLFLAG_MPSAFE, NULL, 0, sysctl_vm_object_chain_depth, "I",
    "Deepest shadow chain among live objects now");

static void	vm_object_backing_remove(vm_object_t object);
static bool	vm_object_collapse_scan(vm_object_t object);
static vm_object_t vm_object_deallocate_anon(vm_object_t backing_object);
static void	vm_object_deallocate_vnode(vm_object_t object);
static void	vm_object_destroy(vm_object_t object);
static void	vm_object_page_discard(vm_object_t object, vm_page_t m);
static bool	vm_object_scan_all_shadowed(vm_object_t object);

/* Set up an object item once, when its slab is created. */
static int
vm_object_zinit(void *mem, int size, int flags)
{
	vm_object_t object = mem;

	mtx_init(&object->lock, "vm object", NULL, MTX_DEF);
	LIST_INIT(&object->shadow_head);
	vm_radix_init(&object->rtree);
	object->type = OBJT_DEAD;
	object->flags = OBJ_DEAD;
	object->ref_count = 0;
	object->shadow_count = 0;
	object->resident_page_count = 0;
	object->paging_in_progress = 0;
	return (0);
}

/*
 * vm_object_init: the object zone, its list lock and the radix node
 * zone.  Once, after UMA is up.
 */
void
vm_object_init(void)
{
	mtx_init(&vm_object_list_mtx, "vm object list", NULL, MTX_DEF);
	obj_zone = uma_zcreate("VM OBJECT", sizeof(struct vm_object), NULL,
	    NULL, vm_object_zinit, NULL, UMA_ALIGN_PTR, UMA_ZONE_NOFREE);
	vm_radix_zinit();
}

static void
vm_object_init_sysinit(const void *arg __unused)
{
	vm_object_init();
}
SYSINIT(vm_object, SI_SUB_KMEM, SI_ORDER_ANY, vm_object_init_sysinit, NULL);

/* A new object with one reference, listed on vm_object_list. */
static vm_object_t
vm_object_alloc_common(objtype_t type, vm_pindex_t size, u_short flags)
{
	vm_object_t object;

	object = uma_zalloc(obj_zone, M_WAITOK);
	KASSERT(object->ref_count == 0 && object->shadow_count == 0 &&
	    LIST_EMPTY(&object->shadow_head) &&
	    object->resident_page_count == 0 &&
	    vm_radix_is_empty(&object->rtree) &&
	    object->paging_in_progress == 0,
	    ("%s: object %p not clean", __func__, object));
	object->type = type;
	object->flags = flags;
	object->size = size;
	object->generation = 1;
	object->ref_count = 1;
	object->backing_object = NULL;
	object->backing_object_offset = 0;
	object->handle = NULL;
	memset(&object->un_pager, 0, sizeof(object->un_pager));
	mtx_lock(&vm_object_list_mtx);
	TAILQ_INSERT_TAIL(&vm_object_list, object, object_list);
	vm_object_count++;
	mtx_unlock(&vm_object_list_mtx);
	return (object);
}

/*
 * vm_object_allocate: a new object of type and size (pages), with one
 * reference.  Not an OBJ_ANON object: one with a name (shared memory,
 * tmpfs later) or a pager handle, never collapsed.  May not fail (panics
 * when memory is exhausted, until allocations can wait).
 */
vm_object_t
vm_object_allocate(objtype_t type, vm_pindex_t size)
{
	u_short flags;

	switch (type) {
	case OBJT_DEFAULT:
	case OBJT_SWAP:
	case OBJT_VNODE:
		flags = 0;
		break;
	case OBJT_DEVICE:
		flags = OBJ_FICTITIOUS | OBJ_UNMANAGED;
		break;
	case OBJT_PHYS:
		flags = OBJ_UNMANAGED;
		break;
	default:
		panic("vm_object_allocate: bad type %d", type);
	}
	return (vm_object_alloc_common(type, size, flags));
}

/*
 * vm_object_allocate_anon: a new anonymous object of size pages, with one
 * reference: private memory reached only through map entries and
 * shadows (OBJ_ANON), so it may be collapsed.  May not fail.
 */
vm_object_t
vm_object_allocate_anon(vm_pindex_t size)
{
	return (vm_object_alloc_common(OBJT_DEFAULT, size,
	    OBJ_ANON | OBJ_ONEMAPPING));
}

/* vm_object_reference: add a reference; object unlocked (or NULL). */
void
vm_object_reference(vm_object_t object)
{
	if (object == NULL)
		return;
	VM_OBJECT_WLOCK(object);
	vm_object_reference_locked(object);
	VM_OBJECT_WUNLOCK(object);
}

/*
 * vm_object_reference_locked: add a reference; object locked.  A file's
 * object passes it on to its vnode (vref; the object's lock comes before
 * v_interlock).
 */
void
vm_object_reference_locked(vm_object_t object)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT((object->ref_count > 0 || object->type == OBJT_VNODE) &&
	    (object->flags & OBJ_DEAD) == 0,
	    ("%s: dead object %p", __func__, object));
	object->ref_count++;
	if (object->type == OBJT_VNODE)
		vref(object->handle);
}

/*
 * vm_object_vnode_ref: the file whose data object is (locked): the
 * vnode of an OBJT_VNODE object, or the vnode a memory file system
 * attached to its OBJ_NAMED object (none while the file has no vnode).
 * Referenced (vrele it), or NULL.
 */
struct vnode *
vm_object_vnode_ref(vm_object_t object)
{
	struct vnode *vp = NULL;

	VM_OBJECT_ASSERT_WLOCKED(object);
	if (object->type == OBJT_VNODE || (object->flags & OBJ_NAMED))
		vp = object->handle;
	if (vp != NULL)
		vref(vp);
	return (vp);
}

/* vm_object_set_flag: set OBJ_* bits; object locked. */
void
vm_object_set_flag(vm_object_t object, u_short bits)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT((bits & OBJ_ANON) == 0, ("%s: OBJ_ANON is constant", __func__));
	object->flags |= bits;
}

/* vm_object_clear_flag: clear OBJ_* bits; object locked. */
void
vm_object_clear_flag(vm_object_t object, u_short bits)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT((bits & OBJ_ANON) == 0, ("%s: OBJ_ANON is constant", __func__));
	object->flags &= ~bits;
}

/*
 * vm_object_pip_add: add n holds that keep object from being freed (a
 * fault walking the chain, a collapse reaching up).  Object locked, or
 * known to stay alive until the call returns (its backing object
 * locked, with object on its shadow list).
 */
void
vm_object_pip_add(vm_object_t object, u_int n)
{
	atomic_add_int(&object->paging_in_progress, n);
}

/* vm_object_pip_wakeup: drop one hold, waking waiters on the last. */
void
vm_object_pip_wakeup(vm_object_t object)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT(object->paging_in_progress > 0,
	    ("%s: object %p has no holds", __func__, object));
	if (atomic_fetchadd_int(&object->paging_in_progress, -1u) == 1)
		wakeup(__DEVOLATILE(void *, &object->paging_in_progress));
}

/*
 * vm_object_pip_wait: sleep until object has no holds.  Object locked
 * on entry and return; the lock is dropped while asleep.
 */
void
vm_object_pip_wait(vm_object_t object, const char *wmesg)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	while (object->paging_in_progress != 0)
		(void)msleep(__DEVOLATILE(void *, &object->paging_in_progress),
		    &object->lock, 0, wmesg, 0);
}

/*
 * vm_object_deallocate: drop a reference to object (unlocked, or NULL).
 * The last reference terminates the object and then drops its reference
 * on the backing object, and so on down the chain.  When an anonymous
 * object is left referenced only by its one shadow, that shadow absorbs
 * it (vm_object_collapse).  Takes and drops object locks; none held on
 * entry.
 */
void
vm_object_deallocate(vm_object_t object)
{
	vm_object_t backing_object;

	while (object != NULL) {
		VM_OBJECT_WLOCK(object);
		if (object->type == OBJT_VNODE) {
			vm_object_deallocate_vnode(object);
			return;
		}
		/* A shadow's own reference is dropped only after it left. */
		KASSERT(object->ref_count > object->shadow_count,
		    ("%s: object %p has %d references, %d shadows", __func__,
		    object, object->ref_count, object->shadow_count));
		object->ref_count--;
		if (object->ref_count > 0) {
			if (object->ref_count == 1 &&
			    object->shadow_count == 1 &&
			    (object->flags & (OBJ_ANON | OBJ_DEAD)) ==
			    OBJ_ANON) {
				/* Drops the lock; returns a reference. */
				object = vm_object_deallocate_anon(object);
				continue;
			}
			VM_OBJECT_WUNLOCK(object);
			return;
		}
		backing_object = object->backing_object;
		vm_object_terminate(object);	/* unlocks and frees */
		object = backing_object;
	}
}

/*
 * Drop a reference to a file's object (locked): the object stays, as the
 * file's cache, unless its vnode is already gone (OBJ_DOOMED) and this
 * was the last reference.  Then the vnode reference goes, with no
 * object lock held (vrele may sleep).  Returns with object unlocked.
 */
static void
vm_object_deallocate_vnode(vm_object_t object)
{
	struct vnode *vp = object->handle;

	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT(object->ref_count > object->shadow_count && vp != NULL,
	    ("%s: object %p has %d references, %d shadows", __func__,
	    object, object->ref_count, object->shadow_count));
	object->ref_count--;
	if (object->ref_count == 0 && (object->flags & OBJ_DOOMED) != 0)
		vm_object_terminate(object);	/* unlocks and frees */
	else
		VM_OBJECT_WUNLOCK(object);
	vrele(vp);
}

/*
 * backing_object (locked) has one reference left, held by its one
 * shadow: collapse the shadow, which absorbs backing_object.  Drops
 * backing_object's lock.  Returns the shadow with a reference the caller
 * must drop, or NULL when the shadow is on its way out.
 */
static vm_object_t
vm_object_deallocate_anon(vm_object_t backing_object)
{
	vm_object_t object;

	VM_OBJECT_ASSERT_WLOCKED(backing_object);
	object = LIST_FIRST(&backing_object->shadow_head);
	KASSERT(object != NULL && backing_object->shadow_count == 1 &&
	    object->backing_object == backing_object,
	    ("%s: object %p shadow list", __func__, backing_object));
	if (!VM_OBJECT_TRYWLOCK(object)) {
		/*
		 * Lock order is shadow first.  The shadow cannot be freed
		 * while we hold backing_object (it must leave the shadow
		 * list first); the hold keeps it after that.
		 */
		vm_object_pip_add(object, 1);
		VM_OBJECT_WUNLOCK(backing_object);
		VM_OBJECT_WLOCK(object);
		vm_object_pip_wakeup(object);
	} else
		VM_OBJECT_WUNLOCK(backing_object);
	if ((object->flags & (OBJ_DEAD | OBJ_COLLAPSING)) != 0 ||
	    object->ref_count == 0) {
		VM_OBJECT_WUNLOCK(object);
		return (NULL);
	}
	object->ref_count++;
	vm_object_collapse(object);
	VM_OBJECT_WUNLOCK(object);
	return (object);
}

/*
 * Unmap m (a page of object, locked) and free it; a wired page is only
 * taken out of the object, and whoever drops its last wiring frees it.
 */
static void
vm_object_page_discard(vm_object_t object, vm_page_t m)
{
	KASSERT(m->object == object, ("%s: page %#lx not in object %p",
	    __func__, m->phys_addr, object));
	KASSERT(m->busy_lock == VPB_UNBUSIED, ("%s: page %#lx is busy",
	    __func__, m->phys_addr));
	if ((m->oflags & VPO_UNMANAGED) == 0)
		pmap_remove_all(m);
	if (vm_page_wired(m))
		vm_page_remove(m);
	else
		vm_page_free(m);
}

/* Take object off its backing object's shadow list; both locked. */
static void
vm_object_backing_remove(vm_object_t object)
{
	vm_object_t backing_object = object->backing_object;

	VM_OBJECT_ASSERT_WLOCKED(object);
	VM_OBJECT_ASSERT_WLOCKED(backing_object);
	KASSERT(backing_object->shadow_count > 0,
	    ("%s: object %p has no shadows", __func__, backing_object));
	LIST_REMOVE(object, shadow_list);
	backing_object->shadow_count--;
	backing_object->generation++;
}

/* Put object on backing_object's shadow list; both locked. */
static void
vm_object_backing_insert(vm_object_t object, vm_object_t backing_object)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	VM_OBJECT_ASSERT_WLOCKED(backing_object);
	LIST_INSERT_HEAD(&backing_object->shadow_head, object, shadow_list);
	backing_object->shadow_count++;
	backing_object->generation++;
}

/*
 * vm_object_terminate: end object (locked, no references, no shadows):
 * leave the backing object's shadow list, wait for holds to drain, unmap
 * and free every page (dirty ones too: a file's are written back first
 * by vnode_destroy_vobject), let the pager let go, free the object.  The
 * reference object held on its backing object is left to the caller.
 * Returns with object freed.
 */
void
vm_object_terminate(vm_object_t object)
{
	vm_object_t backing_object;
	vm_pindex_t pindex;
	vm_page_t m;

	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT(object->ref_count == 0 && object->shadow_count == 0 &&
	    (object->flags & OBJ_DEAD) == 0,
	    ("%s: object %p: %d references, %d shadows, flags %#x",
	    __func__, object, object->ref_count, object->shadow_count,
	    object->flags));
	object->flags |= OBJ_DEAD;
	backing_object = object->backing_object;
	if (backing_object != NULL) {
		VM_OBJECT_WLOCK(backing_object);	/* object, then backing */
		vm_object_backing_remove(object);
		object->backing_object = NULL;
		object->backing_object_offset = 0;
		VM_OBJECT_WUNLOCK(backing_object);
	}

	/* Nobody can find the object now, but a holder from before can. */
	vm_object_pip_wait(object, "objtrm");

	for (m = vm_page_find_least(object, 0); m != NULL;
	    m = vm_page_find_least(object, pindex + 1)) {
		pindex = m->pindex;
		vm_object_page_discard(object, m);
	}
	KASSERT(object->resident_page_count == 0 &&
	    vm_radix_is_empty(&object->rtree),
	    ("%s: object %p kept %d pages", __func__, object,
	    object->resident_page_count));
	vm_pager_deallocate(object);
	object->type = OBJT_DEAD;
	object->handle = NULL;
	VM_OBJECT_WUNLOCK(object);
	vm_object_destroy(object);
}

/*
 * Free a dead object: no references, shadows, pages, holds or backing
 * object.  Its lock is not held; the caller may hold others.
 */
static void
vm_object_destroy(vm_object_t object)
{
	KASSERT(object->ref_count == 0 && object->shadow_count == 0 &&
	    object->resident_page_count == 0 &&
	    object->paging_in_progress == 0 &&
	    object->backing_object == NULL &&
	    (object->flags & OBJ_DEAD) != 0,
	    ("%s: object %p still in use", __func__, object));
	mtx_lock(&vm_object_list_mtx);
	TAILQ_REMOVE(&vm_object_list, object, object_list);
	vm_object_count--;
	mtx_unlock(&vm_object_list_mtx);
	uma_zfree(obj_zone, object);
}

/* Record a chain of depth objects, if it is the deepest yet. */
static void
vm_object_depth_observe(u_int depth)
{
	u_int old;

	do {
		old = atomic_load_int(&object_max_chain_depth);
		if (depth <= old)
			return;
	} while (!atomic_cmpset_int(&object_max_chain_depth, old, depth));
}

/* The caller's reference is the only one to anonymous object (locked). */
static bool
vm_object_private(vm_object_t object)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	return (object->ref_count == 1 && (object->flags & OBJ_ANON) != 0);
}

/*
 * vm_object_shadow: make *object copy-on-write for its holder.  A new
 * anonymous object of length bytes is created over *object, at byte
 * offset *offset in it, and takes over the caller's reference to
 * *object; *object and *offset are replaced by the new object and 0.
 * Nothing happens when the caller holds the only reference to an
 * anonymous *object: nobody else can see what it writes there.  That is
 * checked again once the new object is made: the other holders may have
 * gone while it was allocated (a child exiting while its parent's write
 * fault shadows their shared stack), and a shadow linked then would keep
 * an object with one reference and one shadow that no deallocate comes
 * to collapse any more, so the chain would stay a level deeper for good.
 * *object (may be NULL) unlocked.
 */
void
vm_object_shadow(vm_object_t *object, vm_ooffset_t *offset,
    vm_size_t length)
{
	vm_object_t source, result;
	int depth;

	KASSERT(length > 0 && (length & PAGE_MASK) == 0 &&
	    (*offset & PAGE_MASK) == 0,
	    ("%s: bad length %#lx or offset %#lx", __func__, length,
	    *offset));
	source = *object;
	if (source != NULL) {
		VM_OBJECT_WLOCK(source);
		if (vm_object_private(source)) {
			VM_OBJECT_WUNLOCK(source);
			return;
		}
		VM_OBJECT_WUNLOCK(source);
	}

	result = vm_object_allocate_anon(atop(length));
	depth = 1;
	if (source != NULL) {
		VM_OBJECT_WLOCK(result);
		VM_OBJECT_WLOCK(source);	/* result, then its backing */
		if (vm_object_private(source)) {
			/* The others left meanwhile: source is ours alone. */
			VM_OBJECT_WUNLOCK(source);
			VM_OBJECT_WUNLOCK(result);
			vm_object_deallocate(result);
			return;
		}
		result->backing_object = source;
		result->backing_object_offset = *offset;
		vm_object_backing_insert(result, source);
		/* Its pages may now be seen through several mappings. */
		source->flags &= ~OBJ_ONEMAPPING;
		depth += vm_object_chain_depth(source);
		VM_OBJECT_WUNLOCK(source);
		VM_OBJECT_WUNLOCK(result);
	}
	atomic_add_long(&object_shadows, 1);
	vm_object_depth_observe(depth);
	*object = result;
	*offset = 0;
}

/*
 * True when every page object's backing object (both locked) could show
 * through object's window is hidden by a valid page of object itself.
 * XXX: with a swap pager, the backing object's swapped-out pages must
 * be looked for too.
 */
static bool
vm_object_scan_all_shadowed(vm_object_t object)
{
	vm_object_t backing_object = object->backing_object;
	vm_pindex_t backing_offset_index, pindex;
	vm_page_t p, pp;

	backing_offset_index = OFF_TO_IDX(object->backing_object_offset);
	for (p = vm_page_find_least(backing_object, backing_offset_index);
	    p != NULL; p = vm_page_find_least(backing_object, pindex + 1)) {
		pindex = p->pindex;
		if (pindex - backing_offset_index >= object->size)
			break;
		if (p->busy_lock != VPB_UNBUSIED)
			return (false);
		pp = vm_page_lookup(object, pindex - backing_offset_index);
		if (pp == NULL || pp->valid == 0 ||
		    pp->busy_lock != VPB_UNBUSIED)
			return (false);
	}
	return (true);
}

/*
 * Move the pages of object's backing object (both locked; the backing
 * object referenced by object alone) up into object: renamed by the
 * offset where object has no valid page, freed where object hides them
 * or where they fall outside object's window.  Returns true when the
 * backing object is left empty, false when a busy page or a radix node
 * shortage stopped the move (what has moved stays moved: object lacked
 * those pages, so nothing anyone sees has changed).
 */
static bool
vm_object_collapse_scan(vm_object_t object)
{
	vm_object_t backing_object = object->backing_object;
	vm_pindex_t backing_offset_index, pindex, new_pindex;
	vm_page_t p, pp;
	bool done = true;

	backing_offset_index = OFF_TO_IDX(object->backing_object_offset);
	object->flags |= OBJ_COLLAPSING;
	for (p = vm_page_find_least(backing_object, 0); p != NULL;
	    p = vm_page_find_least(backing_object, pindex + 1)) {
		pindex = p->pindex;
		if (p->busy_lock != VPB_UNBUSIED) {
			done = false;
			break;
		}
		new_pindex = pindex - backing_offset_index;
		if (pindex < backing_offset_index ||
		    new_pindex >= object->size) {
			/* Outside the window: nobody can see it. */
			vm_object_page_discard(backing_object, p);
			continue;
		}
		pp = vm_page_lookup(object, new_pindex);
		if (pp != NULL && (pp->busy_lock != VPB_UNBUSIED ||
		    (pp->valid == 0 && vm_page_wired(pp)))) {
			done = false;
			break;
		}
		if (pp != NULL && pp->valid == 0) {
			/* object's page holds nothing yet: p wins. */
			vm_object_page_discard(object, pp);
			pp = NULL;
		}
		if (pp != NULL) {
			/* Hidden by object's own copy. */
			vm_object_page_discard(backing_object, p);
			continue;
		}
		if (vm_page_rename(p, object, new_pindex) != 0) {
			done = false;
			break;
		}
	}
	object->flags &= ~OBJ_COLLAPSING;
	KASSERT(!done || backing_object->resident_page_count == 0,
	    ("%s: object %p kept %d pages", __func__, backing_object,
	    backing_object->resident_page_count));
	return (done);
}

/*
 * vm_object_collapse: shorten object's chain.  While the backing object
 * is anonymous: if object holds its only reference, absorb it (collapse);
 * else, if object hides every page it could show, skip it (bypass).
 * Stops at the first backing object where neither applies, or that is
 * busy (holds, a collapse in progress, busy pages).  Object locked on
 * entry and return; takes the locks below it.
 */
void
vm_object_collapse(vm_object_t object)
{
	vm_object_t backing_object, new_backing_object;

	VM_OBJECT_ASSERT_WLOCKED(object);
	for (;;) {
		if ((object->flags & (OBJ_ANON | OBJ_DEAD | OBJ_COLLAPSING)) !=
		    OBJ_ANON || object->paging_in_progress != 0)
			break;
		backing_object = object->backing_object;
		if (backing_object == NULL ||
		    (backing_object->flags & OBJ_ANON) == 0)
			break;
		VM_OBJECT_WLOCK(backing_object);	/* object, then backing */
		if ((backing_object->flags & (OBJ_DEAD | OBJ_COLLAPSING)) !=
		    0 || backing_object->paging_in_progress != 0) {
			VM_OBJECT_WUNLOCK(backing_object);
			break;
		}
		new_backing_object = backing_object->backing_object;

		if (backing_object->ref_count == 1) {
			/* Collapse: object's reference is the only one. */
			KASSERT(backing_object->shadow_count == 1 &&
			    LIST_FIRST(&backing_object->shadow_head) == object,
			    ("%s: object %p has %d shadows", __func__,
			    backing_object, backing_object->shadow_count));
			if (!vm_object_collapse_scan(object)) {
				VM_OBJECT_WUNLOCK(backing_object);
				break;
			}
			vm_object_backing_remove(object);
			if (new_backing_object != NULL) {
				/* backing's reference passes to object. */
				VM_OBJECT_WLOCK(new_backing_object);
				vm_object_backing_remove(backing_object);
				vm_object_backing_insert(object,
				    new_backing_object);
				object->backing_object_offset +=
				    backing_object->backing_object_offset;
				object->backing_object = new_backing_object;
				backing_object->backing_object = NULL;
				VM_OBJECT_WUNLOCK(new_backing_object);
			} else {
				object->backing_object_offset = 0;
				object->backing_object = NULL;
			}
			object->generation++;
			backing_object->ref_count = 0;
			backing_object->flags |= OBJ_DEAD;
			backing_object->type = OBJT_DEAD;
			backing_object->backing_object_offset = 0;
			VM_OBJECT_WUNLOCK(backing_object);
			vm_object_destroy(backing_object);
			atomic_add_long(&object_collapses, 1);
		} else {
			/* Bypass: object must hide all the backing shows. */
			if (!vm_object_scan_all_shadowed(object)) {
				VM_OBJECT_WUNLOCK(backing_object);
				break;
			}
			vm_object_backing_remove(object);
			backing_object->ref_count--;
			if (new_backing_object != NULL) {
				VM_OBJECT_WLOCK(new_backing_object);
				vm_object_backing_insert(object,
				    new_backing_object);
				vm_object_reference_locked(new_backing_object);
				object->backing_object_offset +=
				    backing_object->backing_object_offset;
				object->backing_object = new_backing_object;
				VM_OBJECT_WUNLOCK(new_backing_object);
			} else {
				object->backing_object_offset = 0;
				object->backing_object = NULL;
			}
			object->generation++;
			/*
			 * Its reference count was at least 2, so it lives on.
			 * XXX: left with one shadow and one reference, it
			 * could be absorbed by that shadow, whose lock we may
			 * not take here; that waits for the shadow's next
			 * collapse.
			 */
			KASSERT(backing_object->ref_count > 0,
			    ("%s: bypassed object %p lost its last reference",
			    __func__, backing_object));
			VM_OBJECT_WUNLOCK(backing_object);
			atomic_add_long(&object_bypasses, 1);
		}
#ifdef INVARIANTS
		if (!vm_object_check(object))
			panic("vm_object_collapse: object %p inconsistent",
			    object);
#endif
	}
}

/*
 * vm_object_coalesce: whether anonymous memory of next_size bytes that
 * follows prev_size bytes of prev_object at prev_offset can be the same
 * object's next pages, so that a map entry grows instead of a new one
 * starting (FreeBSD's vm_object_coalesce: brk and adjacent anonymous
 * mmaps make one region, as Linux merges its vmas).  True for no object
 * at all.  Not when the object is no anonymous object, shadows another
 * (its pages past prev_size could show the backing object's), or is
 * shared while the range is not at its end (someone else may map the
 * pages there).  When true, the object covers the range: pages left
 * from an earlier mapping of it (unmapped since) are freed, and its
 * size grows to the range's end.  XXX: with a swap pager, the range's
 * swap space is to be freed too.
 */
bool
vm_object_coalesce(vm_object_t prev_object, vm_ooffset_t prev_offset,
    vm_size_t prev_size, vm_size_t next_size)
{
	vm_pindex_t next_pindex, next_npages;

	if (prev_object == NULL)
		return (true);
	if ((prev_object->flags & OBJ_ANON) == 0)
		return (false);
	VM_OBJECT_WLOCK(prev_object);
	vm_object_collapse(prev_object);	/* fewer backing objects */
	next_pindex = OFF_TO_IDX(prev_offset) + atop(prev_size);
	next_npages = atop(next_size);
	if (prev_object->backing_object != NULL ||
	    (prev_object->flags & OBJ_DEAD) != 0 ||
	    (prev_object->ref_count > 1 && prev_object->size != next_pindex &&
	    (prev_object->flags & OBJ_ONEMAPPING) == 0)) {
		VM_OBJECT_WUNLOCK(prev_object);
		return (false);
	}
	if (next_pindex < prev_object->size)
		vm_object_page_remove(prev_object, next_pindex,
		    next_pindex + next_npages, 0);
	if (next_pindex + next_npages > prev_object->size)
		prev_object->size = next_pindex + next_npages;
	VM_OBJECT_WUNLOCK(prev_object);
	return (true);
}

/*
 * vm_object_page_remove: remove the pages of object with start <= pindex
 * < end (end 0: to the end of the object), for munmap, MADV_DONTNEED and
 * truncation.  Each page is unmapped everywhere (unless OBJPR_NOTMAPPED
 * says it is not mapped) and freed.  OBJPR_CLEANONLY keeps dirty pages
 * (after write-protecting them).  A wired page stays in the object,
 * unmapped and, unless OBJPR_CLEANONLY, invalidated.  A busy page (a
 * pager filling or writing it) is waited for.  Object locked on entry
 * and on return; the lock is dropped while waiting.
 */
void
vm_object_page_remove(vm_object_t object, vm_pindex_t start, vm_pindex_t end,
    int options)
{
	vm_pindex_t pindex;
	vm_page_t p;
	bool managed;

	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT(end == 0 || start < end, ("%s: bad range %#lx-%#lx",
	    __func__, start, end));
	KASSERT((options & ~(OBJPR_CLEANONLY | OBJPR_NOTMAPPED)) == 0,
	    ("%s: bad options %#x", __func__, options));
	for (p = vm_page_find_least(object, start);
	    p != NULL && (end == 0 || p->pindex < end);
	    p = vm_page_find_least(object, pindex + 1)) {
		pindex = p->pindex;
		if (vm_page_busied(p)) {
			vm_page_busy_sleep(p, "objprm");
			VM_OBJECT_WLOCK(object);
			pindex--;	/* look at this index again */
			continue;
		}
		managed = (p->oflags & VPO_UNMANAGED) == 0;
		KASSERT((options & OBJPR_NOTMAPPED) == 0 || !managed ||
		    pmap_page_mapcount(p) == 0,
		    ("%s: page %#lx is mapped", __func__, p->phys_addr));
		if (vm_page_wired(p)) {
			if ((options & OBJPR_NOTMAPPED) == 0 && managed)
				pmap_remove_all(p);
			if ((options & OBJPR_CLEANONLY) == 0) {
				p->valid = 0;
				p->dirty = 0;
			}
			continue;
		}
		if ((options & OBJPR_CLEANONLY) != 0) {
			/* A write-protected page stays clean, or is dirty. */
			if ((options & OBJPR_NOTMAPPED) == 0 && managed)
				pmap_remove_write(p);
			if (p->dirty != 0)
				continue;
		}
		if ((options & OBJPR_NOTMAPPED) == 0 && managed)
			pmap_remove_all(p);
		vm_page_free(p);
	}
}

/*
 * What a chain's depth counts: its anonymous objects (OBJ_ANON), the
 * shadows and the anonymous memory at the bottom.  A file's (or a
 * device's) object at the bottom of a private mapping's chain is the
 * store the shadows copy from, not a shadow, and is not counted: a
 * private file mapping of a forking process has the same depth as
 * anonymous memory would.
 */
static int
vm_object_depth_unit(vm_object_t object)
{
	return ((object->flags & OBJ_ANON) != 0 ? 1 : 0);
}

/*
 * vm_object_chain_depth: the number of anonymous objects in object's
 * chain (1 for an anonymous object that shadows nothing; see
 * vm_object_depth_unit).  Object locked; takes the locks of the objects
 * below it, one at a time, top-down.
 */
int
vm_object_chain_depth(vm_object_t object)
{
	vm_object_t locked, backing_object;
	int depth;

	VM_OBJECT_ASSERT_WLOCKED(object);
	depth = vm_object_depth_unit(object);
	locked = NULL;
	for (backing_object = object->backing_object; backing_object != NULL;
	    backing_object = backing_object->backing_object) {
		VM_OBJECT_WLOCK(backing_object);	/* hand over hand */
		if (locked != NULL)
			VM_OBJECT_WUNLOCK(locked);
		locked = backing_object;
		depth += vm_object_depth_unit(backing_object);
	}
	if (locked != NULL)
		VM_OBJECT_WUNLOCK(locked);
	return (depth);
}

/*
 * vm.stats.object.chain_depth: the deepest chain among live objects.
 * Walks the chains without object locks: an object leaves
 * vm_object_list before it is freed, and every object a chain reaches is
 * listed, so nothing read here can be freed under us; a chain changing
 * meanwhile gives an answer that was true a moment ago.
 */
static int
sysctl_vm_object_chain_depth(SYSCTL_HANDLER_ARGS)
{
	vm_object_t object, backing_object;
	int depth, max;

	max = 0;
	mtx_lock(&vm_object_list_mtx);
	TAILQ_FOREACH(object, &vm_object_list, object_list) {
		depth = 0;
		for (backing_object = object; backing_object != NULL &&
		    depth <= (int)vm_object_count;
		    backing_object = backing_object->backing_object)
			depth += vm_object_depth_unit(backing_object);
		max = MAX(max, depth);
	}
	mtx_unlock(&vm_object_list_mtx);
	return (sysctl_handle_int(oidp, &max, 0, req));
}

/*
 * vm.stats.object.vnode_pages: the resident pages of every file's
 * object, i.e. the page cache.  Read without object locks, as the chain
 * depth is: each count was true a moment ago.
 */
static int
sysctl_vm_object_vnode_pages(SYSCTL_HANDLER_ARGS)
{
	vm_object_t object;
	u_long pages;

	pages = 0;
	mtx_lock(&vm_object_list_mtx);
	TAILQ_FOREACH(object, &vm_object_list, object_list)
		if (object->type == OBJT_VNODE)
			pages += (u_long)object->resident_page_count;
	mtx_unlock(&vm_object_list_mtx);
	return (sysctl_handle_long(oidp, &pages, 0, req));
}

/* Report a failed check of object; returns false. */
static bool __printflike(2, 3)
vm_object_check_fail(vm_object_t object, const char *fmt, ...)
{
	va_list ap;

	printf("vm_object_check: object %p: ", object);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return (false);
}

/*
 * vm_object_check: verify object's invariants (the top of this file) and
 * its links to its shadows and its backing object.  Object locked; takes
 * the backing object's lock.  Returns false after printing the first
 * problem found.
 */
bool
vm_object_check(vm_object_t object)
{
	vm_object_t shadow, backing_object;
	vm_pindex_t pindex;
	vm_page_t m;
	u_long count;
	int n;
	bool found;

	VM_OBJECT_ASSERT_WLOCKED(object);
	if (object->type == OBJT_DEAD || (object->flags & OBJ_DEAD) != 0)
		return (vm_object_check_fail(object, "dead, type %d flags %#x",
		    object->type, object->flags));
	if (object->ref_count < 0 || (object->ref_count == 0 &&
	    object->type != OBJT_VNODE) ||
	    object->ref_count < object->shadow_count)
		return (vm_object_check_fail(object, "%d references, %d "
		    "shadows", object->ref_count, object->shadow_count));

	if (!vm_radix_check(&object->rtree, &count))
		return (vm_object_check_fail(object, "radix trie broken"));
	if (count != (u_long)object->resident_page_count)
		return (vm_object_check_fail(object, "%lu pages in the trie, "
		    "resident count %d", count, object->resident_page_count));
	for (m = vm_page_find_least(object, 0); m != NULL;
	    m = vm_page_find_least(object, pindex + 1)) {
		pindex = m->pindex;
		if (m->object != object)
			return (vm_object_check_fail(object, "page %#lx at "
			    "%#lx names object %p", m->phys_addr, pindex,
			    m->object));
		if (vm_page_lookup(object, pindex) != m)
			return (vm_object_check_fail(object, "page %#lx not "
			    "found at its pindex %#lx", m->phys_addr, pindex));
		if ((object->flags & OBJ_ANON) != 0 && pindex >= object->size)
			return (vm_object_check_fail(object, "page %#lx at "
			    "%#lx beyond size %#lx", m->phys_addr, pindex,
			    object->size));
		if (m->order != VM_NFREEORDER)
			return (vm_object_check_fail(object, "page %#lx at "
			    "%#lx is free", m->phys_addr, pindex));
	}

	n = 0;
	LIST_FOREACH(shadow, &object->shadow_head, shadow_list) {
		if (++n > object->shadow_count)
			break;
		/* A shadow's backing_object is (ob): ours to read. */
		if (shadow == object || shadow->backing_object != object ||
		    (shadow->flags & OBJ_ANON) == 0)
			return (vm_object_check_fail(object, "shadow %p backed "
			    "by %p, flags %#x", shadow, shadow->backing_object,
			    shadow->flags));
	}
	if (n != object->shadow_count)
		return (vm_object_check_fail(object, "%s%d shadows listed, "
		    "count %d", n > object->shadow_count ? "over " : "", n,
		    object->shadow_count));

	backing_object = object->backing_object;
	if (backing_object == NULL) {
		if (object->backing_object_offset != 0)
			return (vm_object_check_fail(object, "offset %#lx "
			    "without a backing object",
			    object->backing_object_offset));
		return (true);
	}
	if (backing_object == object ||
	    (object->backing_object_offset & PAGE_MASK) != 0)
		return (vm_object_check_fail(object, "backing object %p at "
		    "offset %#lx", backing_object,
		    object->backing_object_offset));
	VM_OBJECT_WLOCK(backing_object);	/* object, then backing */
	found = false;
	n = 0;
	LIST_FOREACH(shadow, &backing_object->shadow_head, shadow_list) {
		if (shadow == object)
			found = true;
		if (++n > backing_object->shadow_count)
			break;
	}
	n = backing_object->ref_count - backing_object->shadow_count;
	VM_OBJECT_WUNLOCK(backing_object);
	if (!found)
		return (vm_object_check_fail(object, "not on the shadow list "
		    "of its backing object %p", backing_object));
	if (n < 0)
		return (vm_object_check_fail(object, "backing object %p has "
		    "fewer references than shadows", backing_object));
	return (true);
}

/*
 * vm_object_split: give a map entry its own object.  When clipping left
 * several entries of one map sharing an anonymous object (OBJ_ONEMAPPING:
 * each page is mapped by one entry at most), fork would make them all
 * copy-on-write over one object that none can then collapse, and shadow
 * chains would grow past 2 (glibc's mprotect of RELRO does this to the
 * data segment).  As FreeBSD's vm_object_split: move the pages of the
 * entry's range into a new object of the entry's size, shadowing the same
 * backing object, and let the entry hold that.  Called by vmspace_fork
 * with the map locked exclusive; entry->object unlocked.  Nothing happens
 * for a shared or single-holder object, or when memory is short.
 */
void
vm_object_split(vm_object_t *objectp, vm_ooffset_t *offsetp, vm_size_t length)
{
	vm_object_t orig = *objectp, new, backing;
	vm_pindex_t start = OFF_TO_IDX(*offsetp), size = atop(length);
	vm_page_t m, next;

	VM_OBJECT_WLOCK(orig);
	if (orig->ref_count <= 1 || orig->shadow_count != 0 ||
	    (orig->flags & (OBJ_ANON | OBJ_ONEMAPPING | OBJ_DEAD)) !=
	    (OBJ_ANON | OBJ_ONEMAPPING)) {
		VM_OBJECT_WUNLOCK(orig);
		return;
	}
	VM_OBJECT_WUNLOCK(orig);
	new = vm_object_allocate_anon(size);
	/* Lock order: new is nobody's backing object yet; then orig. */
	VM_OBJECT_WLOCK(new);
	VM_OBJECT_WLOCK(orig);
	if (orig->ref_count <= 1 || orig->shadow_count != 0) {
		VM_OBJECT_WUNLOCK(orig);
		VM_OBJECT_WUNLOCK(new);
		vm_object_deallocate(new);
		return;
	}
	backing = orig->backing_object;
	if (backing != NULL) {
		VM_OBJECT_WLOCK(backing);
		new->backing_object = backing;
		new->backing_object_offset = orig->backing_object_offset +
		    *offsetp;
		vm_object_backing_insert(new, backing);
		vm_object_reference_locked(backing);
		VM_OBJECT_WUNLOCK(backing);
	}
	for (m = vm_page_find_least(orig, start); m != NULL &&
	    m->pindex < start + size; m = next) {
		next = vm_page_find_least(orig, m->pindex + 1);
		KASSERT(m->busy_lock == VPB_UNBUSIED,
		    ("%s: busy page %#lx", __func__, m->phys_addr));
		if (vm_page_rename(m, new, m->pindex - start) != 0)
			break;	/* XXX: the rest stays in orig, still mapped */
	}
	VM_OBJECT_WUNLOCK(orig);
	VM_OBJECT_WUNLOCK(new);
	*objectp = new;
	*offsetp = 0;
	vm_object_deallocate(orig);	/* the entry's reference */
}
