/*
 * vm_pager.c: the pager switch (FreeBSD's vm_pager.c): which store backs
 * an object of each type, and the calls that reach it
 * (share/doc/vnode-pager.md).
 *
 * pagertab is indexed by the object type.  Anonymous objects
 * (OBJT_DEFAULT, and OBJT_SWAP until swap exists) have no store: a page
 * missing from a whole chain is zero-filled by vm_fault.  OBJT_VNODE
 * objects are files (vnode_pager.c).  Device and physical objects get
 * their pagers with the devices that need them.
 *
 * The pager functions are called with the pages busy and the object
 * unlocked, so that a pager may sleep for I/O; vm_pager_page_in wraps
 * that for the callers that hold the object locked (vm_fault,
 * vnode_pager_rdwr), adding read-ahead.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_pager.h>

extern const struct pagerops devicepagerops;
extern const struct pagerops vnodepagerops;

const struct pagerops *const pagertab[] = {
	[OBJT_DEFAULT] = NULL,
	[OBJT_SWAP] = NULL,
	[OBJT_VNODE] = &vnodepagerops,
	[OBJT_DEVICE] = &devicepagerops,
	[OBJT_PHYS] = NULL,
	[OBJT_DEAD] = NULL,
};

/* The pager of object's type, or NULL. */
static const struct pagerops *
vm_pager_ops(vm_object_t object)
{
	KASSERT(object->type < nitems(pagertab), ("%s: object %p type %d",
	    __func__, object, object->type));
	return (pagertab[object->type]);
}

/*
 * vm_pager_has_store: does object have a store a missing page comes
 * from (so that a miss is not a zero-fill)?  Object locked.
 */
bool
vm_pager_has_store(vm_object_t object)
{
	const struct pagerops *ops = vm_pager_ops(object);

	VM_OBJECT_ASSERT_LOCKED(object);
	return (ops != NULL && (ops->pgo_getpages != NULL ||
	    ops->pgo_populate != NULL));
}

/* vm_pager_populate: see pgo_populate; VM_PAGER_FAIL without one. */
int
vm_pager_populate(vm_object_t object, vm_pindex_t pindex, vm_prot_t prot)
{
	const struct pagerops *ops = vm_pager_ops(object);

	VM_OBJECT_ASSERT_WLOCKED(object);
	if (ops == NULL || ops->pgo_populate == NULL)
		return (VM_PAGER_FAIL);
	return (ops->pgo_populate(object, pindex, prot));
}

/*
 * vm_pager_get_pages: fill ma[0..count-1] (busy, not valid, consecutive
 * pindexes of object) from the store.  Object unlocked.  Returns
 * VM_PAGER_*; on VM_PAGER_OK every page is valid.
 */
int
vm_pager_get_pages(vm_object_t object, vm_page_t *ma, int count)
{
	const struct pagerops *ops = vm_pager_ops(object);
	int i;

	VM_OBJECT_ASSERT_UNLOCKED(object);
	KASSERT(count > 0, ("%s: no pages", __func__));
	for (i = 0; i < count; i++)
		KASSERT(ma[i]->object == object && vm_page_busied(ma[i]) &&
		    ma[i]->pindex == ma[0]->pindex + (vm_pindex_t)i,
		    ("%s: page %d (%#lx) of object %p not busy or out of "
		    "order", __func__, i, ma[i]->phys_addr, object));
	if (ops == NULL || ops->pgo_getpages == NULL)
		return (VM_PAGER_FAIL);
	return (ops->pgo_getpages(object, ma, count));
}

/*
 * vm_pager_put_pages: write ma[0..count-1] (busy, write-protected) back
 * to the store; rtvals[i] gets each page's VM_PAGER_* result.  flags:
 * VM_PAGER_PUT_SYNC.  Object unlocked.  An object without a store
 * answers VM_PAGER_FAIL for every page.
 */
void
vm_pager_put_pages(vm_object_t object, vm_page_t *ma, int count, int flags,
    int *rtvals)
{
	const struct pagerops *ops = vm_pager_ops(object);
	int i;

	VM_OBJECT_ASSERT_UNLOCKED(object);
	if (ops == NULL || ops->pgo_putpages == NULL) {
		for (i = 0; i < count; i++)
			rtvals[i] = VM_PAGER_FAIL;
		return;
	}
	ops->pgo_putpages(object, ma, count, flags, rtvals);
}

/* vm_pager_has_page: does object's store hold pindex?  Object locked. */
bool
vm_pager_has_page(vm_object_t object, vm_pindex_t pindex)
{
	const struct pagerops *ops = vm_pager_ops(object);

	VM_OBJECT_ASSERT_LOCKED(object);
	if (ops == NULL || ops->pgo_haspage == NULL)
		return (false);
	return (ops->pgo_haspage(object, pindex));
}

/*
 * vm_pager_deallocate: object is being terminated: its store lets go
 * (a vnode forgets its object).  Object locked.
 */
void
vm_pager_deallocate(vm_object_t object)
{
	const struct pagerops *ops = vm_pager_ops(object);

	VM_OBJECT_ASSERT_WLOCKED(object);
	if (ops != NULL && ops->pgo_dealloc != NULL)
		ops->pgo_dealloc(object);
}

/*
 * vm_pager_page_in: fill m from object's store, with read-ahead (see
 * vm_pager.h).  The read-ahead pages are new, busy pages inserted after
 * m while they are free in the object and the store has them; they are
 * made with VM_ALLOC_NOWAIT, so read-ahead just stops when memory is
 * short.  Object locked on entry and on return.
 */
int
vm_pager_page_in(vm_object_t object, vm_page_t m, int ahead)
{
	vm_page_t ma[VM_PAGER_MAXCLUSTER];
	int count, i, rv;

	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT(m->object == object && vm_page_busied(m) && m->valid == 0,
	    ("%s: page %#lx not busy and invalid in object %p", __func__,
	    m->phys_addr, object));
	ma[0] = m;
	count = 1;
	ahead = MIN(ahead, VM_PAGER_MAXCLUSTER - 1);
	for (i = 1; i <= ahead; i++) {
		vm_pindex_t pindex = m->pindex + (vm_pindex_t)i;
		vm_page_t p;

		if (vm_page_lookup(object, pindex) != NULL ||
		    !vm_pager_has_page(object, pindex))
			break;
		p = vm_page_alloc(object, pindex, VM_ALLOC_NOWAIT);
		if (p == NULL)
			break;
		vm_page_xbusy(p);
		ma[count++] = p;
	}
	/* The pages are busy: nobody else uses or frees them meanwhile. */
	VM_OBJECT_WUNLOCK(object);
	rv = vm_pager_get_pages(object, ma, count);
	VM_OBJECT_WLOCK(object);
	for (i = 1; i < count; i++) {
		vm_page_xunbusy(ma[i]);
		if (rv != VM_PAGER_OK)
			vm_page_free(ma[i]);
	}
	KASSERT(rv != VM_PAGER_OK || m->valid == VM_PAGE_BITS_ALL,
	    ("%s: page %#lx not valid after the pager", __func__,
	    m->phys_addr));
	return (rv);
}
