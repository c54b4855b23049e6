/*
 * vm_pager.h: pagers, the backing store of VM objects (FreeBSD's
 * vm_pager): where a page that is not resident comes from, and where a
 * dirty page goes.  One struct pagerops per object type (pagertab):
 * anonymous objects have none (a miss zero-fills); vnode objects read
 * and write the file through the file system (vnode_pager.c); device
 * objects map physical ranges (device_pager.c); swap comes later.
 *
 * Results are VM_PAGER_* (sys/sys/vnode.h): OK, BAD (the page is past
 * the end of the object: the faulting access gets SIGBUS), FAIL (no
 * such page in the store), ERROR (I/O error: SIGBUS too), AGAIN.
 */
#ifndef _VM_VM_PAGER_H_
#define _VM_VM_PAGER_H_

#include <sys/types.h>
#include <sys/vnode.h>

#include <vm/vm.h>

struct pagerops {
	/* The object is being terminated: drop the store's hold. */
	void	(*pgo_dealloc)(vm_object_t object);
	/* Fill ma[0..count-1]: busy, consecutive pindexes, not valid;
	   object unlocked.  On VM_PAGER_OK all are valid. */
	int	(*pgo_getpages)(vm_object_t object, vm_page_t *ma,
		    int count);
	/* Write busy pages back (object unlocked); rtvals per page. */
	void	(*pgo_putpages)(vm_object_t object, vm_page_t *ma,
		    int count, int flags, int *rtvals);
	/* Does the store have pindex (a fault asks before zero-filling
	   in a backing object)? */
	bool	(*pgo_haspage)(vm_object_t object, vm_pindex_t pindex);
	/* Instead of getpages, for memory that is there already (device
	   memory): put the page for pindex in the object, valid, without
	   I/O; object locked throughout.  VM_PAGER_OK, BAD (no such
	   page: SIGBUS), or ERROR (no memory for the page record). */
	int	(*pgo_populate)(vm_object_t object, vm_pindex_t pindex,
		    vm_prot_t prot);
};

/* pgo_putpages flags */
#define VM_PAGER_PUT_SYNC	0x0001	/* wait for the writes */

extern const struct pagerops *const pagertab[];

/* Does this object type have a pager (a miss is not a zero-fill)? */
bool	vm_pager_has_store(vm_object_t object);
int	vm_pager_get_pages(vm_object_t object, vm_page_t *ma, int count);
void	vm_pager_put_pages(vm_object_t object, vm_page_t *ma, int count,
	    int flags, int *rtvals);
bool	vm_pager_has_page(vm_object_t object, vm_pindex_t pindex);
void	vm_pager_deallocate(vm_object_t object);
int	vm_pager_populate(vm_object_t object, vm_pindex_t pindex,
	    vm_prot_t prot);

/* device_pager.c: the pages of a character device's d_mmap. */
struct cdev;
vm_object_t dev_pager_allocate(struct cdev *dev, vm_size_t size,
	    vm_ooffset_t foff);
/*
 * Fill m (busy, not valid, in object) from the store, with up to ahead
 * more pages after it read in the same request (those not resident that
 * the store has: read-ahead, left valid and not busy).  Object locked on
 * entry and return, dropped during the I/O.  Returns VM_PAGER_*; m is
 * valid on VM_PAGER_OK and stays busy either way.
 */
int	vm_pager_page_in(vm_object_t object, vm_page_t m, int ahead);

/* Most pages one pager request moves (read-ahead, write clusters). */
#define VM_PAGER_MAXCLUSTER	16

#endif /* !_VM_VM_PAGER_H_ */
