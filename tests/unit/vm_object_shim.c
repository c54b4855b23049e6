/*
 * vm_object_shim.c: the kernel-side surroundings of sys/vm/vm_object.c
 * and vm_page.c in a host test, compiled with the kernel's headers (a
 * <prog>_KSHIMS file).  Pages come from the real vm_page.c and vm_phys.c
 * over vm_phys_shim.c's page array (no memory behind the records), UMA
 * from vm_radix_shim.c, the sysctl tree from the real kern_sysctl.c with
 * the vm and vm.stats nodes declared here.  The pmap hooks count their
 * calls (no page is ever mapped here); nothing may sleep.  Accessors let
 * the ATF program, which cannot see the structures, read their fields.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/sleepqueue.h>
#include <sys/sysctl.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_pager.h>
#include <vm/vm_phys.h>
#include <vm/vnode_pager.h>

#include <machine/pmap.h>

#include "vm_object_shim.h"
#include "vm_phys_shim.h"

CTASSERT(SHIM_NPAGES <= SHIM_MAXPAGES);

vm_paddr_t	phys_avail[PHYS_AVAIL_ENTRIES];	/* vm_page_startup's; unused */
vm_paddr_t	dump_avail[2 * VM_PHYSSEG_MAX + 2];
u_long		physmem;

SYSCTL_ROOT_NODE(CTL_VM, vm, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "Virtual memory");
SYSCTL_NODE(_vm, OID_AUTO, stats, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "VM meter stats");

static u_long	shim_remove_all_count;

void
pmap_remove_all(vm_page_t m)
{
	KASSERT(m->object != NULL, ("pmap_remove_all: page in no object"));
	shim_remove_all_count++;
}

void
pmap_remove_write(vm_page_t m)
{
}

int
pmap_page_mapcount(vm_page_t m)
{
	return (0);
}

void
pmap_zero_page(vm_page_t m)
{
}

int
msleep(const void *chan, struct mtx *mtx, int pri, const char *wmesg,
    int timo)
{
	panic("msleep(%s): a single-threaded test would sleep forever",
	    wmesg);
}

void
wakeup(const void *chan)
{
}

/* No files here: the vnode side of vm_object.c is never reached. */
void
vref(struct vnode *vp)
{
	panic("vref: no vnodes in the host test");
}

void
vrele(struct vnode *vp)
{
	panic("vrele: no vnodes in the host test");
}

/* No file pages to give back. */
u_long
vnode_pager_reclaim(u_long npages)
{
	return (0);
}

/* Only anonymous objects here: no pager to let go. */
void
vm_pager_deallocate(vm_object_t object)
{
}

/* Pages at 1 MiB .. 1 MiB + SHIM_NPAGES pages, all free; objects; sysctl. */
void
shim_vm_setup(void)
{
	const uint64_t seg[2] = { 0x100000,
	    0x100000 + (uint64_t)SHIM_NPAGES * PAGE_SIZE };
	static bool done;

	if (done)
		return;
	done = true;
	if (shim_setup(seg, 1, seg, 1) != 0)
		panic("shim_vm_setup: no page array");
	vm_object_init();
	sysctl_register_all();
}

unsigned int
shim_free_pages(void)
{
	return (vm_cnt.v_free_count);
}

unsigned long
shim_remove_all_calls(void)
{
	return (shim_remove_all_count);
}

void
shim_object_lock(vm_object_t object)
{
	VM_OBJECT_WLOCK(object);
}

void
shim_object_unlock(vm_object_t object)
{
	VM_OBJECT_WUNLOCK(object);
}

int
shim_object_ref_count(vm_object_t object)
{
	return (object->ref_count);
}

int
shim_object_shadow_count(vm_object_t object)
{
	return (object->shadow_count);
}

int
shim_object_resident(vm_object_t object)
{
	return (object->resident_page_count);
}

vm_pindex_t
shim_object_size(vm_object_t object)
{
	return (object->size);
}

int
shim_object_flags(vm_object_t object)
{
	return (object->flags);
}

vm_object_t
shim_object_backing(vm_object_t object)
{
	return (object->backing_object);
}

vm_ooffset_t
shim_object_backing_offset(vm_object_t object)
{
	return (object->backing_object_offset);
}

bool
shim_object_check(vm_object_t object)
{
	bool ok;

	VM_OBJECT_WLOCK(object);
	ok = vm_object_check(object);
	VM_OBJECT_WUNLOCK(object);
	return (ok);
}

/* Check every live object (single-threaded: no list lock needed). */
bool
shim_objects_check_all(void)
{
	vm_object_t object;

	TAILQ_FOREACH(object, &vm_object_list, object_list) {
		if (!shim_object_check(object))
			return (false);
	}
	return (true);
}

unsigned int
shim_object_count(void)
{
	vm_object_t object;
	unsigned int n = 0;

	TAILQ_FOREACH(object, &vm_object_list, object_list)
		n++;
	return (n);
}

/*
 * The page a fault at pindex of object would find: the first one walking
 * down the chain, or NULL (zero-fill).  Locks hand over hand, top-down.
 */
vm_page_t
shim_object_resolve(vm_object_t object, vm_pindex_t pindex)
{
	vm_object_t next;
	vm_page_t m;

	VM_OBJECT_WLOCK(object);
	for (;;) {
		m = vm_page_lookup(object, pindex);
		next = object->backing_object;
		if (m != NULL || next == NULL)
			break;
		pindex += OFF_TO_IDX(object->backing_object_offset);
		VM_OBJECT_WLOCK(next);
		VM_OBJECT_WUNLOCK(object);
		object = next;
	}
	VM_OBJECT_WUNLOCK(object);
	return (m);
}

void
shim_page_set_valid(vm_page_t m, bool valid)
{
	m->valid = valid ? VM_PAGE_BITS_ALL : 0;
}

void
shim_page_set_dirty(vm_page_t m, bool dirty)
{
	m->dirty = dirty ? VM_PAGE_BITS_ALL : 0;
}

/* Break one of object's counts on purpose (what: 0 resident, 1 shadows). */
void
shim_object_corrupt(vm_object_t object, int what, int delta)
{
	if (what == 0)
		object->resident_page_count += delta;
	else
		object->shadow_count += delta;
}

/* A numeric sysctl of 4 or 8 bytes, read through kern_sysctl.c. */
uint64_t
shim_sysctl_u64(const char *name)
{
	union {
		uint32_t	u32;
		uint64_t	u64;
	} val;
	size_t len = sizeof(val);
	int error;

	val.u64 = 0;
	error = kernel_sysctlbyname(name, &val, &len, NULL, 0);
	if (error != 0)
		panic("shim_sysctl_u64: %s: error %d", name, error);
	return (len == sizeof(uint32_t) ? val.u32 : val.u64);
}

/* malloc(9) for vm_page.c's fictitious page records: host memory. */
void	*kshim_calloc(size_t size);
void	kshim_free(void *p);

void *
malloc(size_t size, struct malloc_type *type, int flags)
{
	(void)type;
	(void)flags;
	return (kshim_calloc(size));
}

void
free(void *addr, struct malloc_type *type)
{
	(void)type;
	if (addr != NULL)
		kshim_free(addr);
}
