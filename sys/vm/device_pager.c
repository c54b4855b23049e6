/*
 * device_pager.c: VM objects over a character device's memory
 * (FreeBSD's device pager): mmap of /dev/mem, and of any driver with a
 * d_mmap entry point (sys/sys/conf.h).
 *
 * An OBJT_DEVICE object's handle is the device; its page at pindex is
 * the physical address the driver's d_mmap gives for byte offset
 * IDX_TO_OFF(pindex), as a fictitious page (vm_page_getfake: a page
 * record of its own, unmanaged, never freed to the allocator), put in
 * the object by the fault (pgo_populate) with no I/O.  The driver may
 * refuse an offset (d_mmap's error): that access gets SIGBUS.  A private
 * mapping copies such a page on write as any other; the copy is
 * ordinary memory.
 *
 * The mappings of fictitious pages have no pv entries: they go away with
 * their map entries (munmap, exit: pmap_remove of the range) before the
 * object can be terminated, which then frees the page records.
 * Lock legend: the object's lock covers its pages, as for any object.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/errno.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_pager.h>

/*
 * dev_pager_allocate: a new device object over dev for size bytes from
 * device offset foff (an entry maps it from object offset foff), one
 * reference.
 */
vm_object_t
dev_pager_allocate(struct cdev *dev, vm_size_t size, vm_ooffset_t foff)
{
	vm_object_t object;

	KASSERT(dev->si_devsw->d_mmap != NULL, ("%s: device %s has no d_mmap",
	    __func__, dev->si_name));
	object = vm_object_allocate(OBJT_DEVICE, OFF_TO_IDX(foff + size +
	    PAGE_MASK));
	object->handle = dev;
	VM_OBJECT_WLOCK(object);
	vm_object_set_flag(object, OBJ_FICTITIOUS | OBJ_UNMANAGED);
	VM_OBJECT_WUNLOCK(object);
	return (object);
}

/* The device's page for pindex, in place (see the top).  Object locked. */
static int
dev_pager_populate(vm_object_t object, vm_pindex_t pindex, vm_prot_t prot)
{
	struct cdev *dev = object->handle;
	vm_paddr_t paddr;
	vm_page_t m;

	VM_OBJECT_ASSERT_WLOCKED(object);
	KASSERT(vm_page_lookup(object, pindex) == NULL,
	    ("%s: object %p has page %#lx", __func__, object, pindex));
	if (pindex >= object->size ||
	    dev->si_devsw->d_mmap(dev, IDX_TO_OFF(pindex), &paddr,
	    (int)prot) != 0)
		return (VM_PAGER_BAD);
	m = vm_page_getfake(trunc_page(paddr));
	if (m == NULL)
		return (VM_PAGER_ERROR);
	if (vm_page_insert(m, object, pindex) != 0) {
		vm_page_putfake(m);
		return (VM_PAGER_ERROR);
	}
	return (VM_PAGER_OK);
}

/* Terminating: its pages are all fictitious and unmapped. */
static void
dev_pager_dealloc(vm_object_t object)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	object->handle = NULL;
}

const struct pagerops devicepagerops = {
	.pgo_dealloc = dev_pager_dealloc,
	.pgo_populate = dev_pager_populate,
};
