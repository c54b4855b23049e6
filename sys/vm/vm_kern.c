/*
 * vm_kern.c: kernel virtual memory.
 *
 * kernel_arena (a vmem arena, page quantum) owns every kernel virtual
 * address in [VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS); the direct
 * map and the kernel image are outside it.  On top of it:
 *
 *   kmem_malloc/kmem_free	wired memory: addresses from the arena,
 *				each page a fresh wired page entered with
 *				pmap_kenter (read/write, not executable);
 *   kva_alloc/kva_free		addresses only, for callers that map
 *				their own pages;
 *   kstack_alloc/kstack_free	kernel thread stacks: kmem with one
 *				unmapped guard page below, so running off
 *				the bottom of a stack faults.
 *
 * Invariant: no free address of kernel_arena is mapped.  kmem_free and
 * kstack_free unmap (pmap_kremove invalidates the TLB entry) before the
 * addresses go back to the arena; a kva_alloc caller removes its own
 * mappings before kva_free.  So a guard page, or memory after kmem_free,
 * faults when touched.
 *
 * Page tables for the arena's addresses are allocated by pmap_kenter on
 * first use and kept, so the first allocation at a new address can take
 * a page-table page that its free does not give back.
 *
 * Locking: kernel_arena's lock, then the page allocator's; nothing is
 * held between calls.  XXX: nothing can wait for memory yet: with
 * M_WAITOK, kmem_malloc panics when it finds no addresses or pages.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <sys/vmem.h>

#include <vm/vm.h>
#include <vm/vm_kern.h>
#include <vm/vm_page.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

#define KSTACK_GUARD_PAGES	1

vmem_t		*kernel_arena;		/* (c) after kmem_init */
static vmem_t	kernel_arena_store;

/*
 * kmem_init: create kernel_arena over the whole KVA range.  SI_SUB_KMEM,
 * first: UMA and malloc come after it.
 */
void
kmem_init(void)
{
	kernel_arena = vmem_init(&kernel_arena_store, "kernel arena",
	    VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS -
	    VM_MIN_KERNEL_ADDRESS, PAGE_SIZE, 0, M_WAITOK);
	if (kernel_arena == NULL)
		panic("kmem_init: cannot create the kernel arena");
}

static void
kmem_init_sysinit(const void *arg __unused)
{
	kmem_init();
}
SYSINIT(kmem, SI_SUB_KMEM, SI_ORDER_FIRST, kmem_init_sysinit, NULL);

/* Unmap and free the pages behind [addr, addr + size). */
static void
kmem_unback(vm_offset_t addr, vm_size_t size)
{
	vm_offset_t va;
	vm_paddr_t pa;
	vm_page_t m;

	for (va = addr; va < addr + size; va += PAGE_SIZE) {
		pa = pmap_kextract(va);
		m = PHYS_TO_VM_PAGE(pa);
		KASSERT(pa != 0 && m != NULL,
		    ("kmem_unback: %#lx is not backed by RAM", va));
		pmap_kremove(va);
		vm_page_free(m);
	}
}

/*
 * Map a fresh wired page (zeroed with M_ZERO) at each page of [addr,
 * addr + size).  Returns 0, or ENOMEM with nothing left mapped.
 */
static int
kmem_back(vm_offset_t addr, vm_size_t size, int flags)
{
	vm_offset_t va;
	vm_page_t m;
	int req;

	req = VM_ALLOC_NOWAIT | VM_ALLOC_WIRED |
	    ((flags & M_ZERO) != 0 ? VM_ALLOC_ZERO : 0);
	for (va = addr; va < addr + size; va += PAGE_SIZE) {
		m = vm_page_alloc_noobj(req);
		if (m == NULL) {
			kmem_unback(addr, va - addr);
			return (ENOMEM);
		}
		pmap_kenter(va, VM_PAGE_TO_PHYS(m));
	}
	return (0);
}

/*
 * kmem_malloc: size bytes (rounded up to pages) of wired kernel memory,
 * zeroed with M_ZERO.  flags: M_WAITOK or M_NOWAIT, and M_ZERO.
 * Returns the page-aligned address, or 0 (M_NOWAIT only).
 */
vm_offset_t
kmem_malloc(vm_size_t size, int flags)
{
	vmem_addr_t addr;

	KASSERT((flags & (M_NOWAIT | M_WAITOK)) == M_NOWAIT ||
	    (flags & (M_NOWAIT | M_WAITOK)) == M_WAITOK,
	    ("kmem_malloc: need one of M_NOWAIT, M_WAITOK (flags %#x)",
	    flags));
	KASSERT(size != 0, ("kmem_malloc: zero size"));
	size = round_page(size);
	if (size == 0 || vmem_alloc(kernel_arena, size,
	    M_BESTFIT | M_NOWAIT, &addr) != 0) {
		if ((flags & M_WAITOK) != 0)
			panic("kmem_malloc(%#lx): kernel address space "
			    "exhausted (XXX: cannot wait yet)", size);
		return (0);
	}
	if (kmem_back(addr, size, flags) != 0) {
		vmem_free(kernel_arena, addr, size);
		if ((flags & M_WAITOK) != 0)
			panic("kmem_malloc(%#lx): out of pages (XXX: cannot "
			    "wait yet)", size);
		return (0);
	}
	return (addr);
}

/*
 * kmem_free: unmap and free what kmem_malloc returned; size as asked.
 * Touching the range afterwards faults.
 */
void
kmem_free(vm_offset_t addr, vm_size_t size)
{
	KASSERT((addr & PAGE_MASK) == 0 && addr >= VM_MIN_KERNEL_ADDRESS &&
	    addr < VM_MAX_KERNEL_ADDRESS,
	    ("kmem_free: %#lx is not a kmem address", addr));
	size = round_page(size);
	kmem_unback(addr, size);
	vmem_free(kernel_arena, addr, size);
}

/*
 * kva_alloc: size bytes (rounded up to pages) of kernel address space,
 * unmapped.  Returns the address, or 0 when the arena is exhausted.
 */
vm_offset_t
kva_alloc(vm_size_t size)
{
	vmem_addr_t addr;

	size = round_page(size);
	if (size == 0 || vmem_alloc(kernel_arena, size, M_BESTFIT | M_NOWAIT,
	    &addr) != 0)
		return (0);
	return (addr);
}

/* kva_free: give back kva_alloc's addresses; the caller unmapped them. */
void
kva_free(vm_offset_t addr, vm_size_t size)
{
	vmem_free(kernel_arena, addr, round_page(size));
}

/*
 * kstack_alloc: a kernel thread stack of pages wired pages, with an
 * unmapped guard page just below it.  Returns the lowest mapped address
 * (the stack grows down from that plus ptoa(pages)), or 0 when out of
 * memory.
 */
vm_offset_t
kstack_alloc(int pages)
{
	vm_offset_t ks;

	KASSERT(pages > 0, ("kstack_alloc: %d pages", pages));
	ks = kva_alloc(ptoa((vm_size_t)(pages + KSTACK_GUARD_PAGES)));
	if (ks == 0)
		return (0);
	if (kmem_back(ks + ptoa(KSTACK_GUARD_PAGES), ptoa((vm_size_t)pages),
	    M_NOWAIT) != 0) {
		kva_free(ks, ptoa((vm_size_t)(pages + KSTACK_GUARD_PAGES)));
		return (0);
	}
	return (ks + ptoa(KSTACK_GUARD_PAGES));
}

/* kstack_free: free a stack from kstack_alloc(pages). */
void
kstack_free(vm_offset_t ks, int pages)
{
	KASSERT(pages > 0 && (ks & PAGE_MASK) == 0,
	    ("kstack_free: bad stack %#lx (%d pages)", ks, pages));
	kmem_unback(ks, ptoa((vm_size_t)pages));
	kva_free(ks - ptoa(KSTACK_GUARD_PAGES),
	    ptoa((vm_size_t)(pages + KSTACK_GUARD_PAGES)));
}
