/*
 * uma_machdep.c: UMA's page-level back end on amd64 (vm/uma_int.h).
 *
 * One-page slabs, and vmem's boundary-tag pages, are single wired pages
 * reached through the direct map, with no kernel virtual address to
 * allocate or map (FreeBSD's uma_small_alloc).
 *
 * vsetslab/vtoslab record a slab pointer (or malloc's large-allocation
 * size, tagged with bit 0) in the vm_page of the page holding an
 * address.  The page is one UMA or malloc owns, wired and in no object,
 * so the record goes in its pindex field, which is otherwise unused
 * for such a page (FreeBSD keeps it in a union with the page-queue
 * links).  An address is a direct-map address (its physical page is
 * arithmetic) or a kernel-arena address (pmap_kextract).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/vm_page.h>
#include <vm/uma_int.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

/* uma_small_alloc: a wired page through the direct map, or NULL. */
void *
uma_small_alloc(int flags)
{
	vm_page_t m;

	KASSERT((flags & ~M_ZERO) == M_NOWAIT,
	    ("uma_small_alloc: bad flags %#x", flags));
	m = vm_page_alloc_noobj(VM_ALLOC_NOWAIT | VM_ALLOC_WIRED |
	    ((flags & M_ZERO) != 0 ? VM_ALLOC_ZERO : 0));
	if (m == NULL)
		return (NULL);
	return ((void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)));
}

/* uma_small_free: give back a page from uma_small_alloc. */
void
uma_small_free(void *mem)
{
	vm_page_t m;

	KASSERT(((vm_offset_t)mem & PAGE_MASK) == 0 &&
	    (vm_offset_t)mem >= DMAP_MIN_ADDRESS &&
	    (vm_offset_t)mem < DMAP_MAX_ADDRESS,
	    ("uma_small_free: %p is not a direct-map page", mem));
	m = PHYS_TO_VM_PAGE(DMAP_TO_PHYS((vm_offset_t)mem));
	KASSERT(m != NULL, ("uma_small_free: %p is not RAM", mem));
	vm_page_free(m);
}

/* The page record of the page holding va, or NULL if none. */
static vm_page_t
uma_va_to_page(vm_offset_t va)
{
	vm_paddr_t pa;

	if (va >= DMAP_MIN_ADDRESS && va < DMAP_MAX_ADDRESS)
		pa = DMAP_TO_PHYS(va);
	else if (va >= VM_MIN_KERNEL_ADDRESS && va < VM_MAX_KERNEL_ADDRESS) {
		pa = pmap_kextract(va);
		if (pa == 0)
			return (NULL);
	} else
		return (NULL);
	return (PHYS_TO_VM_PAGE(pa));
}

/* vsetslab: record slab (or NULL) for the UMA or malloc page holding va. */
void
vsetslab(vm_offset_t va, struct uma_slab *slab)
{
	vm_page_t m;

	m = uma_va_to_page(va);
	KASSERT(m != NULL && m->object == NULL && m->wire_count > 0,
	    ("vsetslab: %#lx is not a wired kernel page", va));
	m->pindex = (vm_pindex_t)(uintptr_t)slab;
}

/* vtoslab: what vsetslab recorded for va's page; NULL if not such a page. */
struct uma_slab *
vtoslab(vm_offset_t va)
{
	vm_page_t m;

	m = uma_va_to_page(va);
	if (m == NULL || m->object != NULL || m->wire_count == 0)
		return (NULL);
	return ((struct uma_slab *)(uintptr_t)m->pindex);
}
