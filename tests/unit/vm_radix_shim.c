/*
 * vm_radix_shim.c: the kernel-side surroundings of sys/vm/vm_radix.c (and
 * of vm_object.c's zone) in a host test, compiled with the kernel's
 * headers (a <prog>_KSHIMS file): UMA zones over host memory and page
 * records that live outside any vm_phys segment.
 *
 * A zone keeps freed items on a list and hands them out again, as UMA
 * does with a slab's items, so a zone's init hook runs once per item and
 * code that relies on type-stable items (the object lock) is exercised
 * the same way.  Items in use are counted per zone (leak checks),
 * shim_zone_fail_after() makes M_NOWAIT allocations fail on demand, and
 * shim_zone_alloc_hook() runs a function inside the next allocation from
 * a zone, as another thread would run when the allocating one is
 * preempted or sleeps there.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/uma.h>
#include <vm/vm_page.h>
#include <vm/vm_radix.h>

#include "vm_object_shim.h"

struct shim_item {
	struct shim_item *next;
};

struct uma_zone {
	const char	*name;
	size_t		size;
	uma_init	init;
	long		used;		/* items handed out */
	struct shim_item *free;		/* items to hand out again */
	struct uma_zone	*link;		/* all zones */
};

static struct uma_zone *shim_zones;
static long	shim_fail_after = -1;	/* successes left; -1: unlimited */
static const char *shim_hook_zone;	/* the zone whose next allocation */
static void	(*shim_hook_fn)(void *);	/* calls this, once */
static void	*shim_hook_arg;

uma_zone_t
uma_zcreate(const char *name, size_t size, uma_ctor ctor, uma_dtor dtor,
    uma_init init, uma_fini fini, int align, uint32_t flags)
{
	struct uma_zone *zone;

	KASSERT(ctor == NULL && dtor == NULL,
	    ("uma shim: hooks other than init are not shimmed"));
	zone = kshim_calloc(sizeof(*zone));
	zone->name = name;
	zone->size = MAX(size, sizeof(struct shim_item));
	zone->init = init;
	zone->link = shim_zones;
	shim_zones = zone;
	return (zone);
}

void *
uma_zalloc_arg(uma_zone_t zone, void *arg, int flags)
{
	struct shim_item *item;
	void (*fn)(void *);

	if (shim_hook_fn != NULL && strcmp(zone->name, shim_hook_zone) == 0) {
		fn = shim_hook_fn;
		shim_hook_fn = NULL;
		fn(shim_hook_arg);
	}
	if (shim_fail_after == 0) {
		if ((flags & M_NOWAIT) == 0)
			panic("uma shim: %s: M_WAITOK allocation failed",
			    zone->name);
		return (NULL);
	}
	if (shim_fail_after > 0)
		shim_fail_after--;
	item = zone->free;
	if (item != NULL) {
		zone->free = item->next;
	} else {
		item = kshim_calloc(zone->size);
		if (zone->init != NULL && zone->init(item, (int)zone->size,
		    flags) != 0)
			panic("uma shim: %s: init failed", zone->name);
	}
	if (flags & M_ZERO)
		memset(item, 0, zone->size);
	zone->used++;
	return (item);
}

void
uma_zfree_arg(uma_zone_t zone, void *mem, void *arg)
{
	struct shim_item *item = mem;

	KASSERT(zone->used > 0, ("uma shim: %s: free of nothing",
	    zone->name));
	zone->used--;
	item->next = zone->free;
	zone->free = item;
}

long
shim_zone_used(const char *name)
{
	struct uma_zone *zone;

	for (zone = shim_zones; zone != NULL; zone = zone->link) {
		if (strcmp(zone->name, name) == 0)
			return (zone->used);
	}
	return (-1);
}

void
shim_zone_fail_after(long n)
{
	shim_fail_after = n;
}

void
shim_zone_alloc_hook(const char *name, void (*fn)(void *), void *arg)
{
	shim_hook_zone = name;
	shim_hook_arg = arg;
	shim_hook_fn = fn;
}

struct vm_radix *
shim_radix_new(void)
{
	struct vm_radix *rtree = kshim_calloc(sizeof(*rtree));

	vm_radix_init(rtree);
	return (rtree);
}

/* A page record for a bare trie: host memory, in no segment. */
vm_page_t
shim_page_new(vm_pindex_t pindex)
{
	vm_page_t m = kshim_calloc(sizeof(*m));

	m->pindex = pindex;
	m->order = VM_NFREEORDER;
	return (m);
}

vm_pindex_t
shim_page_pindex(vm_page_t m)
{
	return (m->pindex);
}

vm_object_t
shim_page_object(vm_page_t m)
{
	return (m->object);
}
