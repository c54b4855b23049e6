/*
 * pmap.c: the amd64 physical map: page tables for the kernel and for
 * user address spaces, and the pv lists that find every mapping of a
 * page.
 *
 * The kernel's address space (machine/vmparam.h has the map):
 *   - pmap_bootstrap, early in hammer_time, replaces locore's boot tables:
 *     the direct map of all RAM (and at least 4 GiB) with 1 GiB pages
 *     when the CPU has them, else 2 MiB pages, read/write, no-execute;
 *     the kernel image with 4 KiB pages, each section with its own
 *     protection (text read-only + executable, rodata read-only, data and
 *     bss read/write, all but text no-execute); one empty PDPT page for
 *     the KVA range.  Its page tables come from the physical memory just
 *     past the kernel, and the caller's *firstaddr moves past them so
 *     that vm_page_startup keeps them out of the free lists.  Then it
 *     turns on global pages (CR4.PGE), SMEP and SMAP where CPUID has them.
 *   - Kernel mappings carry PG_G.  The kernel's PML4 slots (256..511) are
 *     filled at boot and never change, so a user pmap copies them once
 *     (pmap_pinit) and shares the kernel's lower tables for good.
 *   - KVA page tables (PD and PT pages under the boot PDPT) are allocated
 *     on demand by pmap_kenter and never freed.
 *
 * User address spaces (pmap_pinit .. pmap_release):
 *   - PDPT, PD and PT pages are allocated when a mapping needs them.  The
 *     wire_count of each such page is the number of valid entries in it;
 *     when the last goes, the page is unlinked from its parent and freed
 *     (after the TLB invalidation, never before), which may empty the
 *     parent in turn.  The PML4 page lives as long as the pmap.
 *   - Every mapping of a page without VPO_UNMANAGED is "managed": PG_MANAGED
 *     in the PTE and a pv entry (pmap, va) on the page's md.pv_list, so
 *     that pmap_remove_all, pmap_remove_write, and the accessed/dirty
 *     queries reach every mapping of the page.  A dirty bit (PG_M) that
 *     goes away with a mapping or its write permission is handed to the
 *     page (m->dirty) first.
 *   - pv entries come from pv chunks: one wired page holds a header and
 *     PV_PER_CHUNK entries with a bitmap of free ones; a chunk with free
 *     entries is on pv_chunks, an empty chunk goes back to vm_phys.
 *
 * TLB: every change to an entry that may be cached goes through
 * pmap_invalidate_page / _range / _all (invlpg per page, a full flush past
 * PMAP_INVLPG_THRESHOLD pages).  There is one CPU today; the SMP
 * shootdown (an IPI to the other CPUs on which the pmap is active) goes in
 * those three functions and nowhere else.
 *
 * Locks, in this order: a pmap's pm_mtx, then pmap_pv_mtx (every pv list
 * and the pv chunk allocator), then vm_phys_free_mtx.  The kernel pmap's
 * lock serializes only the allocation of KVA page tables.  Functions that
 * start from a page (pmap_remove_all ...) hold pmap_pv_mtx first and take
 * each pmap with pmap_pv_lock_pmap, which never waits for a pmap while
 * holding pmap_pv_mtx.  XXX SMP: one pv lock for all pages will want to
 * become a hashed array of locks, as in FreeBSD; and a pmap's storage
 * must stay valid (type-stable) while another CPU may wait for its lock.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/vm_page.h>
#include <vm/vm_phys.h>

#include <machine/cpufunc.h>
#include <machine/md_var.h>
#include <machine/multiboot2.h>
#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/specialreg.h>
#include <machine/vmparam.h>

#define NUPML4E		(NPML4EPG / 2)	/* user PML4 slots: 0..255 */
#define CPUID_PGE	0x00002000	/* CPUID 1 EDX: global pages */

/* A pv chunk: one page of pv entries and its free map. */
struct pv_chunk {
	TAILQ_ENTRY(pv_chunk) pc_list;	/* (v) on pv_chunks if not full */
	uint64_t	pc_map[2];	/* (v) 1 = entry free */
	u_int		pc_nfree;	/* (v) free entries */
	struct pv_entry	pc_pventry[];	/* PV_PER_CHUNK entries */
};
#define PV_PER_CHUNK	((PAGE_SIZE - sizeof(struct pv_chunk)) / \
			    sizeof(struct pv_entry))
CTASSERT(PV_PER_CHUNK <= 128 && PV_PER_CHUNK > 64);

TAILQ_HEAD(pglist, vm_page);

struct pmap	kernel_pmap_store;
struct mtx	pmap_pv_mtx;

static pt_entry_t pg_nx;	/* (c) PG_NX if the CPU has NX, else 0 */
static pt_entry_t pg_g;		/* (c) PG_G if the CPU has PGE, else 0 */
static TAILQ_HEAD(, pv_chunk) pv_chunks = TAILQ_HEAD_INITIALIZER(pv_chunks);
static u_long	pv_entry_count;	/* (v) pv entries in use */
static u_long	pv_chunk_count;	/* (v) pages holding pv chunks */

extern char	__text_start[], __etext[], __data_start[], __ksyms_start[];

static vm_paddr_t pmap_bootstrap_alloc(vm_paddr_t *firstaddr, u_int n);
static void	pmap_bootstrap_kernel(pml4_entry_t *pml4,
		    vm_paddr_t *firstaddr);
static vm_paddr_t pmap_bootstrap_dmap(pml4_entry_t *pml4,
		    vm_paddr_t *firstaddr);

/* Atomic updates of entries the CPU may set A and M in concurrently. */
static inline pt_entry_t
pte_load_clear(pt_entry_t *pte)
{
	return (__atomic_exchange_n(pte, 0, __ATOMIC_SEQ_CST));
}

static inline pt_entry_t
pte_clear_bits(pt_entry_t *pte, pt_entry_t bits)
{
	return (__atomic_fetch_and(pte, ~bits, __ATOMIC_SEQ_CST));
}

static inline void
pte_set_bits(pt_entry_t *pte, pt_entry_t bits)
{
	(void)__atomic_fetch_or(pte, bits, __ATOMIC_SEQ_CST);
}

static inline void
pte_store(pt_entry_t *pte, pt_entry_t v)
{
	__atomic_store_n(pte, v, __ATOMIC_SEQ_CST);
}

/* The table an entry of an upper level points to, through the DMAP. */
static inline pt_entry_t *
pmap_table(pt_entry_t e)
{
	return ((pt_entry_t *)PHYS_TO_DMAP(e & PG_FRAME));
}

/*
 * ---------------------------------------------------------------------
 * Boot
 * ---------------------------------------------------------------------
 */

/* Does [start, end) overlap the boot information or a module? */
static vm_paddr_t
pmap_bootstrap_busy_end(vm_paddr_t start, vm_paddr_t end)
{
	u_int i;

	if (start < bootinfo.mbi_pa + bootinfo.mbi_size &&
	    bootinfo.mbi_pa < end)
		return (round_page(bootinfo.mbi_pa + bootinfo.mbi_size));
	for (i = 0; i < bootinfo.nmodules; i++)
		if (start < bootinfo.modules[i].end &&
		    bootinfo.modules[i].start < end)
			return (round_page(bootinfo.modules[i].end));
	return (0);
}

/*
 * Take n zeroed pages from *firstaddr upwards, stepping over the boot
 * information and modules.  Locore's direct map (the first 4 GiB) reaches
 * them.
 */
static vm_paddr_t
pmap_bootstrap_alloc(vm_paddr_t *firstaddr, u_int n)
{
	vm_paddr_t pa, busy;
	u_int i;
	bool ram = false;

	while ((busy = pmap_bootstrap_busy_end(*firstaddr,
	    *firstaddr + ptoa(n))) != 0)
		*firstaddr = busy;
	pa = *firstaddr;
	for (i = 0; i < bootinfo.nmmap; i++) {
		const struct bootinfo_mmap *e = &bootinfo.mmap[i];

		if (e->type == MB2_MEM_AVAILABLE && e->base <= pa &&
		    pa + ptoa(n) <= e->base + e->length)
			ram = true;
	}
	if (!ram || pa + ptoa(n) > (4ul << 30))
		panic("pmap_bootstrap: no RAM for page tables at %#lx", pa);
	*firstaddr = pa + ptoa(n);
	memset((void *)PHYS_TO_DMAP(pa), 0, ptoa(n));
	return (pa);
}

/*
 * Map physical [0, top) at DMAP_MIN_ADDRESS, where top covers RAM and at
 * least 4 GiB.  Returns the end of what is mapped.
 */
static vm_paddr_t
pmap_bootstrap_dmap(pml4_entry_t *pml4, vm_paddr_t *firstaddr)
{
	pdp_entry_t *pdpt;
	pd_entry_t *pd;
	vm_paddr_t top, pdpt_pa, pd_pa;
	u_long i, ngb;

	top = MAX(mb2_mem_top(&bootinfo), 4ul << 30);
	if (top > DMAP_MAX_ADDRESS - DMAP_MIN_ADDRESS) {
		printf("WARNING: direct map limited to %lu GiB of %lu GiB\n",
		    (DMAP_MAX_ADDRESS - DMAP_MIN_ADDRESS) >> 30, top >> 30);
		top = DMAP_MAX_ADDRESS - DMAP_MIN_ADDRESS;
	}
	ngb = howmany(top, NBPDP);
	pdpt_pa = pmap_bootstrap_alloc(firstaddr, 1);
	pdpt = (pdp_entry_t *)PHYS_TO_DMAP(pdpt_pa);
	if (cpu_feature_ext & AMDID_PAGE1GB) {
		for (i = 0; i < ngb; i++)
			pdpt[i] = (i << PDPSHIFT) | PG_V | PG_RW | PG_PS |
			    PG_A | PG_M | pg_g | pg_nx;
	} else {
		pd_pa = pmap_bootstrap_alloc(firstaddr, (u_int)ngb);
		pd = (pd_entry_t *)PHYS_TO_DMAP(pd_pa);
		for (i = 0; i < ngb * NPDEPG; i++)
			pd[i] = (i << PDRSHIFT) | PG_V | PG_RW | PG_PS |
			    PG_A | PG_M | pg_g | pg_nx;
		for (i = 0; i < ngb; i++)
			pdpt[i] = (pd_pa + ptoa(i)) | PG_V | PG_RW | PG_A;
	}
	pml4[DMAP_PML4_INDEX] = pdpt_pa | PG_V | PG_RW | PG_A;
	return (ngb << PDPSHIFT);
}

/* The protection bits of the kernel image page at va. */
static pt_entry_t
pmap_bootstrap_kprot(vm_offset_t va)
{
	if (va < (vm_offset_t)__text_start)
		return (pg_nx);			/* .boot: not run up here */
	if (va < round_page((vm_offset_t)__etext))
		return (0);			/* text: read, execute */
	if (va < (vm_offset_t)__data_start)
		return (pg_nx);			/* rodata, linker sets */
	if (va < (vm_offset_t)__ksyms_start)
		return (PG_RW | PG_M | pg_nx);	/* data, bss */
	return (pg_nx);				/* symbols */
}

/* Map the kernel image [KERNBASE + KERNLOAD, _end) with 4 KiB pages. */
static void
pmap_bootstrap_kernel(pml4_entry_t *pml4, vm_paddr_t *firstaddr)
{
	pdp_entry_t *pdpt;
	pd_entry_t *pd;
	pt_entry_t *pt;
	vm_paddr_t pdpt_pa, pd_pa, pt_pa;
	vm_offset_t va, start, end;
	u_int first, last, i;

	start = KERNBASE + KERNLOAD;
	end = round_page((vm_offset_t)_end);
	first = pmap_pde_index(start);
	last = pmap_pde_index(end - 1);
	KASSERT(end - KERNBASE <= NBPDP, ("pmap_bootstrap: kernel > 1 GiB"));
	pdpt_pa = pmap_bootstrap_alloc(firstaddr, 1);
	pd_pa = pmap_bootstrap_alloc(firstaddr, 1);
	pt_pa = pmap_bootstrap_alloc(firstaddr, last - first + 1);
	pdpt = (pdp_entry_t *)PHYS_TO_DMAP(pdpt_pa);
	pd = (pd_entry_t *)PHYS_TO_DMAP(pd_pa);
	pt = (pt_entry_t *)PHYS_TO_DMAP(pt_pa);
	for (i = first; i <= last; i++)
		pd[i] = (pt_pa + ptoa(i - first)) | PG_V | PG_RW | PG_A;
	for (va = start; va < end; va += PAGE_SIZE)
		pt[atop(va - KERNBASE) - first * NPTEPG] =
		    KERNEL_TO_PHYS(va) | PG_V | PG_A | pg_g |
		    pmap_bootstrap_kprot(va);
	pdpt[pmap_pdpe_index(KERNBASE)] = pd_pa | PG_V | PG_RW | PG_A;
	pml4[KERNBASE_PML4_INDEX] = pdpt_pa | PG_V | PG_RW | PG_A;
}

/*
 * pmap_bootstrap: build the kernel's page tables and switch to them
 * (see the top of this file).  Called once by hammer_time, on the boot
 * CPU, with locore's tables live and bootinfo parsed.  *firstaddr is the
 * first free physical address past the kernel image; on return it is
 * past the page tables as well.
 */
void
pmap_bootstrap(vm_paddr_t *firstaddr)
{
	pml4_entry_t *pml4;
	vm_paddr_t pml4_pa;
	uint32_t regs[4];
	uint64_t cr4;

	do_cpuid(1, regs);
	pg_g = (regs[3] & CPUID_PGE) ? PG_G : 0;
	pg_nx = (cpu_feature_ext & AMDID_NX) ? PG_NX : 0;

	pml4_pa = pmap_bootstrap_alloc(firstaddr, 1);
	pml4 = (pml4_entry_t *)PHYS_TO_DMAP(pml4_pa);
	dmap_max_address = DMAP_MIN_ADDRESS +
	    pmap_bootstrap_dmap(pml4, firstaddr);
	pmap_bootstrap_kernel(pml4, firstaddr);
	pml4[KVA_PML4_INDEX] = pmap_bootstrap_alloc(firstaddr, 1) | PG_V |
	    PG_RW | PG_A;

	kernel_pmap->pm_pml4 = pml4;
	kernel_pmap->pm_cr3 = pml4_pa;
	kernel_pmap->pm_pml4pg = NULL;
	mtx_init(&kernel_pmap->pm_mtx, "kernel pmap", NULL, MTX_DEF);
	mtx_init(&pmap_pv_mtx, "pmap pv", NULL, MTX_DEF);

	/* No identity map in the new tables: NULL faults from here on. */
	load_cr3(pml4_pa);
	cr4 = rcr4();
	if (pg_g != 0)
		cr4 |= CR4_PGE;
	if (cpu_stdext_feature & CPUID_STDEXT_SMEP)
		cr4 |= CR4_SMEP;
	if (cpu_stdext_feature & CPUID_STDEXT_SMAP)
		cr4 |= CR4_SMAP;
	load_cr4(cr4);
	load_cr0(rcr0() | CR0_WP);
	if (bootverbose)
		printf("pmap: direct map %lu GiB (%s pages), page tables "
		    "%#lx-%#lx;%s%s%s%s\n",
		    (dmap_max_address - DMAP_MIN_ADDRESS) >> 30,
		    (cpu_feature_ext & AMDID_PAGE1GB) ? "1 GiB" : "2 MiB",
		    pml4_pa, *firstaddr, pg_nx ? " NX" : "",
		    pg_g ? " PGE" : "", (cr4 & CR4_SMEP) ? " SMEP" : "",
		    (cr4 & CR4_SMAP) ? " SMAP" : "");
}

/* pmap_page_init: initialize the machine-dependent part of a page record. */
void
pmap_page_init(vm_page_t m)
{
	TAILQ_INIT(&m->md.pv_list);
	m->md.pv_count = 0;
	m->md.pv_gen = 0;
}

/* pmap_zero_page: fill a page with zeros through the direct map. */
void
pmap_zero_page(vm_page_t m)
{
	memset((void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)), 0, PAGE_SIZE);
}

/*
 * ---------------------------------------------------------------------
 * TLB invalidation: the one place every pmap change goes through.
 * SMP: send the matching shootdown to every other CPU where pmap is
 * active, here.
 * ---------------------------------------------------------------------
 */

/* Is pmap's address space the one this CPU is using? */
static bool
pmap_is_current(pmap_t pmap)
{
	return (pmap == kernel_pmap || pmap->pm_cr3 == (rcr3() & PG_FRAME));
}

/* pmap_invalidate_page: drop va's translation of pmap from the TLB. */
void
pmap_invalidate_page(pmap_t pmap, vm_offset_t va)
{
	if (pmap_is_current(pmap))
		invlpg(va);
}

/*
 * pmap_invalidate_range: drop [sva, eva) from the TLB: invlpg page by page
 * up to PMAP_INVLPG_THRESHOLD pages, else a full flush.
 */
void
pmap_invalidate_range(pmap_t pmap, vm_offset_t sva, vm_offset_t eva)
{
	vm_offset_t va;

	if (eva - sva > ptoa((vm_offset_t)PMAP_INVLPG_THRESHOLD)) {
		pmap_invalidate_all(pmap);
		return;
	}
	if (pmap_is_current(pmap))
		for (va = sva; va < eva; va += PAGE_SIZE)
			invlpg(va);
}

/*
 * pmap_invalidate_all: flush every translation of pmap.  For the kernel
 * pmap that includes global entries: toggling CR4.PGE flushes them.
 */
void
pmap_invalidate_all(pmap_t pmap)
{
	uint64_t cr4;

	if (pmap == kernel_pmap && pg_g != 0) {
		cr4 = rcr4();
		load_cr4(cr4 & ~CR4_PGE);
		load_cr4(cr4);
	} else if (pmap_is_current(pmap))
		load_cr3(rcr3());
}

/*
 * ---------------------------------------------------------------------
 * Walking the tables
 * ---------------------------------------------------------------------
 */

/*
 * The lowest entry the walk for va reaches in pmap: a PT entry (level 1),
 * a 2 MiB PD entry (2) or a 1 GiB PDPT entry (3), valid or not.  NULL
 * when an upper level is missing.
 */
static pt_entry_t *
pmap_walk(pmap_t pmap, vm_offset_t va, int *levelp)
{
	pt_entry_t *e;

	e = &pmap->pm_pml4[pmap_pml4e_index(va)];
	if ((*e & PG_V) == 0)
		return (NULL);
	e = &pmap_table(*e)[pmap_pdpe_index(va)];
	*levelp = 3;
	if ((*e & (PG_V | PG_PS)) != PG_V)
		return ((*e & PG_V) ? e : NULL);
	e = &pmap_table(*e)[pmap_pde_index(va)];
	*levelp = 2;
	if ((*e & (PG_V | PG_PS)) != PG_V)
		return ((*e & PG_V) ? e : NULL);
	*levelp = 1;
	return (&pmap_table(*e)[pmap_pte_index(va)]);
}

/*
 * pmap_pte: the address (through the DMAP) of va's 4 KiB PT entry in
 * pmap, or NULL if the upper levels are missing or map a large page.
 * The caller holds pmap's lock for a user pmap.
 */
pt_entry_t *
pmap_pte(pmap_t pmap, vm_offset_t va)
{
	pt_entry_t *e;
	int level;

	e = pmap_walk(pmap, va, &level);
	return (e != NULL && level == 1 ? e : NULL);
}

/* The physical address va translates to in pmap, or 0. */
static vm_paddr_t
pmap_translate(pmap_t pmap, vm_offset_t va)
{
	pt_entry_t *e;
	int level;

	e = pmap_walk(pmap, va, &level);
	if (e == NULL || (*e & PG_V) == 0)
		return (0);
	switch (level) {
	case 3:
		return ((*e & PG_PS_PDP_FRAME) | (va & (NBPDP - 1)));
	case 2:
		return ((*e & PG_PS_FRAME) | (va & (NBPDR - 1)));
	default:
		return ((*e & PG_FRAME) | (va & PAGE_MASK));
	}
}

/*
 * pmap_extract: the physical address va maps to in pmap, or 0 if none.
 * Takes and drops pmap's lock.
 */
vm_paddr_t
pmap_extract(pmap_t pmap, vm_offset_t va)
{
	vm_paddr_t pa;

	PMAP_LOCK(pmap);
	pa = pmap_translate(pmap, va);
	PMAP_UNLOCK(pmap);
	return (pa);
}

/*
 * pmap_kextract: the physical address of kernel address va, or 0 if it is
 * not mapped.  No lock: the caller owns the mapping it asks about.
 */
vm_paddr_t
pmap_kextract(vm_offset_t va)
{
	if (va >= DMAP_MIN_ADDRESS && va < dmap_max_address)
		return (DMAP_TO_PHYS(va));
	return (pmap_translate(kernel_pmap, va));
}

/*
 * ---------------------------------------------------------------------
 * Kernel mappings (KVA)
 * ---------------------------------------------------------------------
 */

/* va's PT entry in KVA, allocating the missing PD and PT pages. */
static pt_entry_t *
pmap_kva_pte(vm_offset_t va)
{
	pt_entry_t *e, *pte;
	vm_page_t m;
	int level;

	pte = pmap_pte(kernel_pmap, va);
	if (pte != NULL)
		return (pte);
	PMAP_LOCK(kernel_pmap);
	e = &pmap_table(kernel_pmap->pm_pml4[KVA_PML4_INDEX])[
	    pmap_pdpe_index(va)];
	if ((*e & PG_V) == 0) {
		m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_WIRED |
		    VM_ALLOC_ZERO);
		pte_store(e, VM_PAGE_TO_PHYS(m) | PG_V | PG_RW | PG_A);
	}
	e = &pmap_table(*e)[pmap_pde_index(va)];
	if ((*e & PG_V) == 0) {
		m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_WIRED |
		    VM_ALLOC_ZERO);
		pte_store(e, VM_PAGE_TO_PHYS(m) | PG_V | PG_RW | PG_A);
	}
	PMAP_UNLOCK(kernel_pmap);
	pte = pmap_walk(kernel_pmap, va, &level);
	KASSERT(pte != NULL && level == 1, ("pmap_kva_pte: %#lx", va));
	return (pte);
}

/*
 * pmap_kenter_prot: map physical page pa at kernel address va, global,
 * with protection prot (VM_PROT_READ at least; no-execute unless
 * VM_PROT_EXECUTE).  va must be in [VM_MIN_KERNEL_ADDRESS,
 * VM_MAX_KERNEL_ADDRESS); a mapping already there is replaced.  May
 * allocate page-table pages (and panic if memory is exhausted); takes
 * the kernel pmap's lock then, so not from an interrupt handler.
 */
void
pmap_kenter_prot(vm_offset_t va, vm_paddr_t pa, vm_prot_t prot)
{
	pt_entry_t *pte, newpte, old;

	KASSERT(va >= VM_MIN_KERNEL_ADDRESS && va < VM_MAX_KERNEL_ADDRESS,
	    ("pmap_kenter: %#lx outside KVA", va));
	KASSERT((va & PAGE_MASK) == 0 && (pa & PAGE_MASK) == 0,
	    ("pmap_kenter: unaligned %#lx -> %#lx", va, pa));
	KASSERT(prot & VM_PROT_READ, ("pmap_kenter: prot %#x", prot));
	newpte = pa | PG_V | pg_g;
	if (prot & VM_PROT_WRITE)
		newpte |= PG_RW;
	if ((prot & VM_PROT_EXECUTE) == 0)
		newpte |= pg_nx;
	pte = pmap_kva_pte(va);
	old = __atomic_exchange_n(pte, newpte, __ATOMIC_SEQ_CST);
	if (old & PG_V)
		pmap_invalidate_page(kernel_pmap, va);
}

/* pmap_kenter: pmap_kenter_prot(va, pa, read/write). */
void
pmap_kenter(vm_offset_t va, vm_paddr_t pa)
{
	pmap_kenter_prot(va, pa, VM_PROT_READ | VM_PROT_WRITE);
}

/*
 * pmap_kremove: unmap kernel address va (set by pmap_kenter).  Its page
 * tables stay.  No lock.
 */
void
pmap_kremove(vm_offset_t va)
{
	pt_entry_t *pte;

	KASSERT(va >= VM_MIN_KERNEL_ADDRESS && va < VM_MAX_KERNEL_ADDRESS,
	    ("pmap_kremove: %#lx outside KVA", va));
	pte = pmap_pte(kernel_pmap, va);
	KASSERT(pte != NULL, ("pmap_kremove: no page table for %#lx", va));
	(void)pte_load_clear(pte);
	pmap_invalidate_page(kernel_pmap, va);
}

/*
 * ---------------------------------------------------------------------
 * pv entries
 * ---------------------------------------------------------------------
 */

/*
 * Get a free pv entry, adding a chunk page if none is left.  With
 * pmap_pv_mtx held.  Returns NULL only if nosleep and memory is out.
 */
static struct pv_entry *
pmap_pv_alloc(bool nosleep)
{
	struct pv_chunk *pc;
	vm_page_t m;
	u_int i, w;

	mtx_assert(&pmap_pv_mtx, MA_OWNED);
	pc = TAILQ_FIRST(&pv_chunks);
	if (pc == NULL) {
		m = vm_page_alloc_noobj((nosleep ? VM_ALLOC_NOWAIT :
		    VM_ALLOC_WAITOK) | VM_ALLOC_WIRED);
		if (m == NULL)
			return (NULL);
		pc = (struct pv_chunk *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m));
		pc->pc_map[0] = ~0ul;
		pc->pc_map[1] = (1ul << (PV_PER_CHUNK - 64)) - 1;
		pc->pc_nfree = PV_PER_CHUNK;
		TAILQ_INSERT_HEAD(&pv_chunks, pc, pc_list);
		pv_chunk_count++;
	}
	w = pc->pc_map[0] != 0 ? 0 : 1;
	KASSERT(pc->pc_map[w] != 0, ("pmap_pv_alloc: listed chunk is full"));
	i = (u_int)__builtin_ctzl(pc->pc_map[w]);
	pc->pc_map[w] &= ~(1ul << i);
	if (--pc->pc_nfree == 0)
		TAILQ_REMOVE(&pv_chunks, pc, pc_list);
	pv_entry_count++;
	return (&pc->pc_pventry[w * 64 + i]);
}

/* Return a pv entry; an empty chunk goes back to vm_phys. */
static void
pmap_pv_free(struct pv_entry *pv)
{
	struct pv_chunk *pc;
	u_int idx;

	mtx_assert(&pmap_pv_mtx, MA_OWNED);
	pc = (struct pv_chunk *)trunc_page((vm_offset_t)pv);
	idx = (u_int)(pv - pc->pc_pventry);
	KASSERT(idx < PV_PER_CHUNK &&
	    (pc->pc_map[idx / 64] & (1ul << (idx % 64))) == 0,
	    ("pmap_pv_free: bad or free entry %p", pv));
	pc->pc_map[idx / 64] |= 1ul << (idx % 64);
	pv_entry_count--;
	if (pc->pc_nfree++ == 0)
		TAILQ_INSERT_HEAD(&pv_chunks, pc, pc_list);
	if (pc->pc_nfree == PV_PER_CHUNK) {
		TAILQ_REMOVE(&pv_chunks, pc, pc_list);
		pv_chunk_count--;
		vm_page_free(PHYS_TO_VM_PAGE(DMAP_TO_PHYS((vm_offset_t)pc)));
	}
}

/* Put pv (pmap, va) on m's list.  pmap_pv_mtx held. */
static void
pmap_pv_insert(vm_page_t m, struct pv_entry *pv, pmap_t pmap,
    vm_offset_t va)
{
	mtx_assert(&pmap_pv_mtx, MA_OWNED);
	pv->pv_pmap = pmap;
	pv->pv_va = va;
	TAILQ_INSERT_TAIL(&m->md.pv_list, pv, pv_next);
	m->md.pv_count++;
	m->md.pv_gen++;
}

/* Take the pv entry (pmap, va) off m's list and free it. */
static void
pmap_pv_remove(vm_page_t m, pmap_t pmap, vm_offset_t va)
{
	struct pv_entry *pv;

	mtx_assert(&pmap_pv_mtx, MA_OWNED);
	TAILQ_FOREACH(pv, &m->md.pv_list, pv_next)
		if (pv->pv_pmap == pmap && pv->pv_va == va)
			break;
	KASSERT(pv != NULL, ("pmap_pv_remove: no pv for %p %#lx on %#lx",
	    pmap, va, VM_PAGE_TO_PHYS(m)));
	TAILQ_REMOVE(&m->md.pv_list, pv, pv_next);
	m->md.pv_count--;
	m->md.pv_gen++;
	pmap_pv_free(pv);
}

/*
 * Lock pmap while holding pmap_pv_mtx without breaking the lock order
 * (pmap first): trylock, else drop pmap_pv_mtx, take both in order and
 * check m's pv list did not change meanwhile.  Returns true with pmap
 * locked; false with pmap unlocked when the caller must restart its walk
 * of m's list.  pmap_pv_mtx is held on return either way.
 */
static bool
pmap_pv_lock_pmap(vm_page_t m, pmap_t pmap)
{
	u_int gen;

	if (PMAP_TRYLOCK(pmap))
		return (true);
	gen = m->md.pv_gen;
	mtx_unlock(&pmap_pv_mtx);
	PMAP_LOCK(pmap);
	mtx_lock(&pmap_pv_mtx);
	if (gen != m->md.pv_gen) {
		PMAP_UNLOCK(pmap);
		return (false);
	}
	return (true);
}

/*
 * ---------------------------------------------------------------------
 * User pmaps
 * ---------------------------------------------------------------------
 */

/*
 * pmap_pinit: make pmap an empty user address space: a zeroed PML4 with
 * the kernel's slots (256..511) copied in.  Returns 0, or ENOMEM.
 */
int
pmap_pinit(pmap_t pmap)
{
	vm_page_t m;
	int i;

	m = vm_page_alloc_noobj(VM_ALLOC_NOWAIT | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO);
	if (m == NULL)
		return (ENOMEM);
	pmap->pm_pml4pg = m;
	pmap->pm_cr3 = VM_PAGE_TO_PHYS(m);
	pmap->pm_pml4 = (pml4_entry_t *)PHYS_TO_DMAP(pmap->pm_cr3);
	for (i = NUPML4E; i < NPML4EPG; i++)
		pmap->pm_pml4[i] = kernel_pmap->pm_pml4[i];
	pmap->pm_stats.resident_count = 0;
	pmap->pm_stats.wired_count = 0;
	mtx_init(&pmap->pm_mtx, "pmap", NULL, MTX_DEF);
	return (0);
}

/*
 * pmap_release: free an empty user pmap's PML4.  Every mapping must be
 * gone (pmap_remove over the whole space), which also freed the lower
 * tables, and the pmap must not be active.
 */
void
pmap_release(pmap_t pmap)
{
	int i;

	KASSERT(pmap != kernel_pmap, ("pmap_release: kernel pmap"));
	KASSERT(pmap->pm_stats.resident_count == 0,
	    ("pmap_release: %lu pages still mapped",
	    pmap->pm_stats.resident_count));
	KASSERT((rcr3() & PG_FRAME) != pmap->pm_cr3,
	    ("pmap_release: pmap is active"));
	for (i = 0; i < NUPML4E; i++)
		KASSERT(pmap->pm_pml4[i] == 0,
		    ("pmap_release: PML4 slot %d still in use", i));
	vm_page_free(pmap->pm_pml4pg);
	pmap->pm_pml4pg = NULL;
	pmap->pm_pml4 = NULL;
	mtx_destroy(&pmap->pm_mtx);
}

/*
 * pmap_activate_cr3: switch this CPU to pmap's address space.  The hook
 * for the context switch (later: also mark the pmap active on this CPU
 * for shootdowns).
 */
void
pmap_activate_cr3(pmap_t pmap)
{
	if ((rcr3() & PG_FRAME) != pmap->pm_cr3)
		load_cr3(pmap->pm_cr3);
}

/*
 * The PT entry for user address va, allocating the missing PDPT, PD and
 * PT pages.  All of them are allocated before the tables change, so a
 * failure (nosleep only: NULL) leaves no trace.  pmap locked.
 */
static pt_entry_t *
pmap_alloc_pte(pmap_t pmap, vm_offset_t va, bool nosleep)
{
	pt_entry_t *e, *pte;
	vm_page_t newpg[3], parent;
	int need, i, level;

	PMAP_LOCK_ASSERT(pmap, MA_OWNED);
	e = &pmap->pm_pml4[pmap_pml4e_index(va)];
	need = 3;
	for (level = 3; level > 0 && (*e & PG_V); level--) {
		need--;
		if (level > 1)
			e = &pmap_table(*e)[level == 3 ? pmap_pdpe_index(va) :
			    pmap_pde_index(va)];
	}
	for (i = 0; i < need; i++) {
		newpg[i] = vm_page_alloc_noobj((nosleep ? VM_ALLOC_NOWAIT :
		    VM_ALLOC_WAITOK) | VM_ALLOC_ZERO);
		if (newpg[i] == NULL) {
			while (i-- > 0)
				vm_page_free(newpg[i]);
			return (NULL);
		}
	}
	/* Link the new pages top down; each link counts in its parent. */
	e = &pmap->pm_pml4[pmap_pml4e_index(va)];
	parent = NULL;
	for (level = 3, i = 0; level > 0; level--) {
		if ((*e & PG_V) == 0) {
			pte_store(e, VM_PAGE_TO_PHYS(newpg[i++]) | PG_V |
			    PG_RW | PG_U | PG_A);
			if (parent != NULL)
				vm_page_wire(parent);
		}
		parent = PHYS_TO_VM_PAGE(*e & PG_FRAME);
		e = &pmap_table(*e)[level == 3 ? pmap_pdpe_index(va) :
		    level == 2 ? pmap_pde_index(va) : pmap_pte_index(va)];
	}
	KASSERT(i == need, ("pmap_alloc_pte: used %d of %d pages", i, need));
	pte = e;
	return (pte);
}

/*
 * A mapping at va went away: drop one entry from its PT page and free the
 * page-table pages that become empty (up to the PDPT), unlinking each from
 * its parent.  The pages go on *free: the caller frees them after the TLB
 * invalidation.  pmap locked.
 */
static void
pmap_unuse_pt(pmap_t pmap, vm_offset_t va, struct pglist *free)
{
	pt_entry_t *entry[4];
	vm_page_t m;
	int level;

	entry[3] = &pmap->pm_pml4[pmap_pml4e_index(va)];
	entry[2] = &pmap_table(*entry[3])[pmap_pdpe_index(va)];
	entry[1] = &pmap_table(*entry[2])[pmap_pde_index(va)];
	/* entry[level] points at the page whose count drops. */
	for (level = 1; level <= 3; level++) {
		m = PHYS_TO_VM_PAGE(*entry[level] & PG_FRAME);
		if (!vm_page_unwire_noq(m))
			break;
		pte_store(entry[level], 0);
		TAILQ_INSERT_TAIL(free, m, plinks);
	}
}

/* Free the page-table pages a removal collected. */
static void
pmap_free_ptpages(struct pglist *free)
{
	vm_page_t m;

	while ((m = TAILQ_FIRST(free)) != NULL) {
		TAILQ_REMOVE(free, m, plinks);
		vm_page_free(m);
	}
}

/* The page lost a mapping that had PG_M: its contents are dirty. */
static void
pmap_page_dirty(vm_page_t m)
{
	m->dirty = VM_PAGE_BITS_ALL;
}

/*
 * Remove the valid mapping at va whose PT entry is pte: statistics, dirty
 * state, pv entry, page-table page counts.  No TLB invalidation: the
 * caller does it, then frees *free.  pmap locked.
 */
static void
pmap_remove_pte(pmap_t pmap, vm_offset_t va, pt_entry_t *pte,
    struct pglist *free)
{
	pt_entry_t old;
	vm_page_t m;

	old = pte_load_clear(pte);
	KASSERT(old & PG_V, ("pmap_remove_pte: %#lx not mapped", va));
	pmap->pm_stats.resident_count--;
	if (old & PG_W)
		pmap->pm_stats.wired_count--;
	if (old & PG_MANAGED) {
		m = PHYS_TO_VM_PAGE(old & PG_FRAME);
		if (old & PG_M)
			pmap_page_dirty(m);
		mtx_lock(&pmap_pv_mtx);
		pmap_pv_remove(m, pmap, va);
		mtx_unlock(&pmap_pv_mtx);
	}
	pmap_unuse_pt(pmap, va, free);
}

/*
 * pmap_enter: map page m at user address va in pmap with protection prot.
 * flags: PMAP_ENTER_WIRED, PMAP_ENTER_NOSLEEP, and in VM_PROT_ALL the
 * access that caused the fault (it presets PG_A, and PG_M for a write).
 * Replaces any mapping at va (a new protection for the same page keeps
 * its accessed and dirty bits).  Takes and drops pmap's lock and
 * pmap_pv_mtx.  Returns 0, or ENOMEM with PMAP_ENTER_NOSLEEP when a page
 * table or pv entry cannot be allocated (nothing changed then); without
 * it, running out of memory panics (no waiting yet).
 */
int
pmap_enter(pmap_t pmap, vm_offset_t va, vm_page_t m, vm_prot_t prot,
    u_int flags)
{
	struct pglist free = TAILQ_HEAD_INITIALIZER(free);
	struct pv_entry *pv = NULL;
	pt_entry_t *pte, newpte, origpte;
	vm_page_t om;
	vm_paddr_t pa;
	bool managed, nosleep;
	int error = 0;

	KASSERT(pmap != kernel_pmap, ("pmap_enter: kernel pmap"));
	KASSERT(va < VM_MAXUSER_ADDRESS && (va & PAGE_MASK) == 0,
	    ("pmap_enter: bad user address %#lx", va));
	KASSERT((prot & VM_PROT_ALL) != 0 && (prot & ~VM_PROT_ALL) == 0,
	    ("pmap_enter: bad prot %#x", prot));
	KASSERT((flags & VM_PROT_ALL & ~prot) == 0,
	    ("pmap_enter: access %#x beyond prot %#x", flags, prot));
	KASSERT(m->order == VM_NFREEORDER,
	    ("pmap_enter: page %#lx is free", VM_PAGE_TO_PHYS(m)));
	pa = VM_PAGE_TO_PHYS(m);
	managed = (m->oflags & VPO_UNMANAGED) == 0;
	nosleep = (flags & PMAP_ENTER_NOSLEEP) != 0;
	newpte = pa | PG_V | PG_U;
	if (prot & VM_PROT_WRITE)
		newpte |= PG_RW;
	if ((prot & VM_PROT_EXECUTE) == 0)
		newpte |= pg_nx;
	if (flags & PMAP_ENTER_WIRED)
		newpte |= PG_W;
	if (managed)
		newpte |= PG_MANAGED;
	if (flags & VM_PROT_ALL)
		newpte |= PG_A;
	if (flags & VM_PROT_WRITE)
		newpte |= PG_M;

	PMAP_LOCK(pmap);
	/* Everything that can fail first: a pv entry, then page tables. */
	if (managed) {
		mtx_lock(&pmap_pv_mtx);
		pv = pmap_pv_alloc(nosleep);
		mtx_unlock(&pmap_pv_mtx);
		if (pv == NULL) {
			error = ENOMEM;
			goto out;
		}
	}
	pte = pmap_alloc_pte(pmap, va, nosleep);
	if (pte == NULL) {
		error = ENOMEM;
		goto out;
	}
	origpte = *pte;
	if ((origpte & PG_V) && (origpte & PG_FRAME) == pa &&
	    (origpte & PG_MANAGED) == (newpte & PG_MANAGED)) {
		/* The same page: new protection and wiring only. */
		newpte |= origpte & PG_A;
		if (newpte & PG_RW)
			newpte |= origpte & PG_M;
		if ((origpte & PG_W) && !(newpte & PG_W))
			pmap->pm_stats.wired_count--;
		else if (!(origpte & PG_W) && (newpte & PG_W))
			pmap->pm_stats.wired_count++;
		/* A dirty bit set since the read above must not be lost. */
		origpte = __atomic_exchange_n(pte, newpte, __ATOMIC_SEQ_CST);
		if ((origpte & PG_M) && (newpte & PG_RW))
			pte_set_bits(pte, PG_M);
		else if ((origpte & PG_M) && managed)
			pmap_page_dirty(m);
		pmap_invalidate_page(pmap, va);
		goto out;
	}
	if (origpte & PG_V) {
		/* Another page: its mapping goes, the PT slot stays used. */
		origpte = pte_load_clear(pte);
		pmap->pm_stats.resident_count--;
		if (origpte & PG_W)
			pmap->pm_stats.wired_count--;
		if (origpte & PG_MANAGED) {
			om = PHYS_TO_VM_PAGE(origpte & PG_FRAME);
			if (origpte & PG_M)
				pmap_page_dirty(om);
			mtx_lock(&pmap_pv_mtx);
			pmap_pv_remove(om, pmap, va);
			mtx_unlock(&pmap_pv_mtx);
		}
	} else
		vm_page_wire(PHYS_TO_VM_PAGE(DMAP_TO_PHYS(
		    trunc_page((vm_offset_t)pte))));
	pmap->pm_stats.resident_count++;
	if (newpte & PG_W)
		pmap->pm_stats.wired_count++;
	if (managed) {
		mtx_lock(&pmap_pv_mtx);
		pmap_pv_insert(m, pv, pmap, va);
		mtx_unlock(&pmap_pv_mtx);
		pv = NULL;
	}
	pte_store(pte, newpte);
	if (origpte & PG_V)
		pmap_invalidate_page(pmap, va);
out:
	if (pv != NULL) {
		mtx_lock(&pmap_pv_mtx);
		pmap_pv_free(pv);
		mtx_unlock(&pmap_pv_mtx);
	}
	PMAP_UNLOCK(pmap);
	pmap_free_ptpages(&free);
	return (error);
}

/*
 * The next address to look at after va when the entry at level (3: PDPT,
 * 2: PD, 1: PT) that would cover va is missing.
 */
static vm_offset_t
pmap_skip(vm_offset_t va, int level)
{
	static const u_int shift[] = { 0, PAGE_SHIFT, PDRSHIFT, PDPSHIFT,
	    PML4SHIFT };

	return ((va | ((1ul << shift[level + 1]) - 1)) + 1);
}

/*
 * Call fn on every valid PT entry of the user range [sva, eva) of pmap,
 * skipping missing tables whole.  pmap locked.  Returns whether any entry
 * was visited.
 */
static bool
pmap_range_foreach(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
    void (*fn)(pmap_t, vm_offset_t, pt_entry_t *, void *), void *arg)
{
	pt_entry_t *e;
	vm_offset_t va;
	bool any = false;

	PMAP_LOCK_ASSERT(pmap, MA_OWNED);
	KASSERT(sva <= eva && eva <= VM_MAXUSER_ADDRESS,
	    ("%s: bad range %#lx-%#lx", __func__, sva, eva));
	for (va = sva; va < eva && va >= sva;) {
		e = &pmap->pm_pml4[pmap_pml4e_index(va)];
		if ((*e & PG_V) == 0) {
			va = pmap_skip(va, 3);
			continue;
		}
		e = &pmap_table(*e)[pmap_pdpe_index(va)];
		if ((*e & PG_V) == 0) {
			va = pmap_skip(va, 2);
			continue;
		}
		e = &pmap_table(*e)[pmap_pde_index(va)];
		if ((*e & PG_V) == 0) {
			va = pmap_skip(va, 1);
			continue;
		}
		e = &pmap_table(*e)[pmap_pte_index(va)];
		if (*e & PG_V) {
			/* fn may free the PT page: the walk restarts above. */
			fn(pmap, va, e, arg);
			any = true;
		}
		va += PAGE_SIZE;
	}
	return (any);
}

static void
pmap_remove_cb(pmap_t pmap, vm_offset_t va, pt_entry_t *pte, void *arg)
{
	pmap_remove_pte(pmap, va, pte, arg);
}

/*
 * pmap_remove: unmap every page of user range [sva, eva) of pmap and free
 * the page-table pages that become empty.  Takes and drops pmap's lock
 * and pmap_pv_mtx.
 */
void
pmap_remove(pmap_t pmap, vm_offset_t sva, vm_offset_t eva)
{
	struct pglist free = TAILQ_HEAD_INITIALIZER(free);

	KASSERT(pmap != kernel_pmap, ("pmap_remove: kernel pmap"));
	PMAP_LOCK(pmap);
	if (pmap_range_foreach(pmap, sva, eva, pmap_remove_cb, &free))
		pmap_invalidate_range(pmap, sva, eva);
	PMAP_UNLOCK(pmap);
	pmap_free_ptpages(&free);
}

static void
pmap_protect_cb(pmap_t pmap, vm_offset_t va, pt_entry_t *pte, void *arg)
{
	vm_prot_t prot = *(vm_prot_t *)arg;
	pt_entry_t old;

	if ((prot & VM_PROT_WRITE) == 0) {
		old = pte_clear_bits(pte, PG_RW | PG_M);
		if ((old & (PG_M | PG_MANAGED)) == (PG_M | PG_MANAGED))
			pmap_page_dirty(PHYS_TO_VM_PAGE(old & PG_FRAME));
	}
	if ((prot & VM_PROT_EXECUTE) == 0)
		pte_set_bits(pte, pg_nx);
}

/*
 * pmap_protect: lower the protection of every mapping in user range
 * [sva, eva) of pmap to prot (it never adds a permission).  Without
 * VM_PROT_READ the mappings are removed.  Takes and drops pmap's lock.
 */
void
pmap_protect(pmap_t pmap, vm_offset_t sva, vm_offset_t eva, vm_prot_t prot)
{
	KASSERT(pmap != kernel_pmap, ("pmap_protect: kernel pmap"));
	if ((prot & VM_PROT_READ) == 0) {
		pmap_remove(pmap, sva, eva);
		return;
	}
	if ((prot & (VM_PROT_WRITE | VM_PROT_EXECUTE)) ==
	    (VM_PROT_WRITE | VM_PROT_EXECUTE))
		return;
	PMAP_LOCK(pmap);
	if (pmap_range_foreach(pmap, sva, eva, pmap_protect_cb, &prot))
		pmap_invalidate_range(pmap, sva, eva);
	PMAP_UNLOCK(pmap);
}

/*
 * ---------------------------------------------------------------------
 * A page, wherever it is mapped
 * ---------------------------------------------------------------------
 */

typedef int pmap_pv_fn_t(pmap_t pmap, vm_offset_t va, pt_entry_t *pte,
    vm_page_t m);

/*
 * Call fn on every managed mapping of m, with its pmap and pmap_pv_mtx
 * held; fn must not change m's pv list.  Returns the sum of fn's results
 * (of the last pass, when a lock dance forced a restart).
 */
static int
pmap_pv_foreach(vm_page_t m, pmap_pv_fn_t *fn)
{
	struct pv_entry *pv;
	pmap_t pmap;
	int total;

	mtx_lock(&pmap_pv_mtx);
restart:
	total = 0;
	TAILQ_FOREACH(pv, &m->md.pv_list, pv_next) {
		pmap = pv->pv_pmap;
		if (!pmap_pv_lock_pmap(m, pmap))
			goto restart;
		KASSERT(pmap_pte(pmap, pv->pv_va) != NULL,
		    ("pmap_pv_foreach: pv %p %#lx has no PT", pmap,
		    pv->pv_va));
		total += fn(pmap, pv->pv_va, pmap_pte(pmap, pv->pv_va), m);
		PMAP_UNLOCK(pmap);
	}
	mtx_unlock(&pmap_pv_mtx);
	return (total);
}

static int
pmap_pv_is_modified(pmap_t pmap, vm_offset_t va, pt_entry_t *pte,
    vm_page_t m)
{
	return ((*pte & PG_M) != 0);
}

static int
pmap_pv_clear_modify(pmap_t pmap, vm_offset_t va, pt_entry_t *pte,
    vm_page_t m)
{
	if (pte_clear_bits(pte, PG_M) & PG_M)
		pmap_invalidate_page(pmap, va);
	return (0);
}

static int
pmap_pv_is_referenced(pmap_t pmap, vm_offset_t va, pt_entry_t *pte,
    vm_page_t m)
{
	return ((*pte & PG_A) != 0);
}

static int
pmap_pv_ts_referenced(pmap_t pmap, vm_offset_t va, pt_entry_t *pte,
    vm_page_t m)
{
	if ((pte_clear_bits(pte, PG_A) & PG_A) == 0)
		return (0);
	pmap_invalidate_page(pmap, va);
	return (1);
}

static int
pmap_pv_remove_write(pmap_t pmap, vm_offset_t va, pt_entry_t *pte,
    vm_page_t m)
{
	pt_entry_t old;

	old = pte_clear_bits(pte, PG_RW | PG_M);
	if (old & PG_M)
		pmap_page_dirty(m);
	if (old & PG_RW)
		pmap_invalidate_page(pmap, va);
	return (0);
}

/*
 * pmap_is_modified: has the CPU written to m through any of its mappings
 * since the dirty bits were last cleared?  Takes and drops pmap_pv_mtx
 * and each mapping pmap's lock; the caller holds neither.
 */
bool
pmap_is_modified(vm_page_t m)
{
	return (pmap_pv_foreach(m, pmap_pv_is_modified) != 0);
}

/* pmap_clear_modify: clear the dirty bit of every mapping of m. */
void
pmap_clear_modify(vm_page_t m)
{
	(void)pmap_pv_foreach(m, pmap_pv_clear_modify);
}

/* pmap_is_referenced: has any mapping of m been used since cleared? */
bool
pmap_is_referenced(vm_page_t m)
{
	return (pmap_pv_foreach(m, pmap_pv_is_referenced) != 0);
}

/*
 * pmap_ts_referenced: clear the accessed bit of every mapping of m.
 * Returns how many mappings had it set (the pagedaemon's measure of use).
 */
int
pmap_ts_referenced(vm_page_t m)
{
	return (pmap_pv_foreach(m, pmap_pv_ts_referenced));
}

/*
 * pmap_remove_write: make every mapping of m read-only, handing a dirty
 * bit to m->dirty, so that later writes fault (before cleaning a page).
 */
void
pmap_remove_write(vm_page_t m)
{
	(void)pmap_pv_foreach(m, pmap_pv_remove_write);
}

/*
 * pmap_remove_all: unmap m from every pmap that maps it (via its pv
 * list), handing a dirty bit to m->dirty.  Takes and drops pmap_pv_mtx
 * and each pmap's lock; the caller holds neither.
 */
void
pmap_remove_all(vm_page_t m)
{
	struct pglist free = TAILQ_HEAD_INITIALIZER(free);
	struct pv_entry *pv;
	pt_entry_t *pte, old;
	vm_offset_t va;
	pmap_t pmap;

	mtx_lock(&pmap_pv_mtx);
	while ((pv = TAILQ_FIRST(&m->md.pv_list)) != NULL) {
		pmap = pv->pv_pmap;
		if (!pmap_pv_lock_pmap(m, pmap))
			continue;
		va = pv->pv_va;
		pte = pmap_pte(pmap, va);
		KASSERT(pte != NULL && (*pte & PG_V) &&
		    (*pte & PG_FRAME) == VM_PAGE_TO_PHYS(m),
		    ("pmap_remove_all: pv %p %#lx does not map %#lx", pmap,
		    va, VM_PAGE_TO_PHYS(m)));
		old = pte_load_clear(pte);
		pmap->pm_stats.resident_count--;
		if (old & PG_W)
			pmap->pm_stats.wired_count--;
		if (old & PG_M)
			pmap_page_dirty(m);
		TAILQ_REMOVE(&m->md.pv_list, pv, pv_next);
		m->md.pv_count--;
		m->md.pv_gen++;
		pmap_pv_free(pv);
		pmap_unuse_pt(pmap, va, &free);
		pmap_invalidate_page(pmap, va);
		PMAP_UNLOCK(pmap);
	}
	mtx_unlock(&pmap_pv_mtx);
	pmap_free_ptpages(&free);
}

/* pmap_page_mapcount: the number of managed mappings of m. */
int
pmap_page_mapcount(vm_page_t m)
{
	int n;

	mtx_lock(&pmap_pv_mtx);
	n = (int)m->md.pv_count;
	mtx_unlock(&pmap_pv_mtx);
	return (n);
}

/*
 * ---------------------------------------------------------------------
 * Consistency check (tests)
 * ---------------------------------------------------------------------
 */

/* Is (pmap, va) on m's pv list? */
static bool
pmap_pv_find(vm_page_t m, pmap_t pmap, vm_offset_t va)
{
	struct pv_entry *pv;

	TAILQ_FOREACH(pv, &m->md.pv_list, pv_next)
		if (pv->pv_pmap == pmap && pv->pv_va == va)
			return (true);
	return (false);
}

/* Count the valid entries of a table and compare with its page's count. */
static bool
pmap_check_ptpage(pt_entry_t *table, const char *what)
{
	vm_page_t m;
	u_int i, n = 0;

	for (i = 0; i < NPTEPG; i++)
		if (table[i] & PG_V)
			n++;
	m = PHYS_TO_VM_PAGE(DMAP_TO_PHYS((vm_offset_t)table));
	if (m == NULL || m->wire_count != n || n == 0) {
		printf("pmap_check_pv: %s page %#lx has %u entries, count %u\n",
		    what, DMAP_TO_PHYS((vm_offset_t)table), n,
		    m != NULL ? m->wire_count : 0);
		return (false);
	}
	return (true);
}

/* Check the PT entries of one PT page; counts into *residentp, *managedp. */
static bool
pmap_check_pt(pmap_t pmap, vm_offset_t base, pt_entry_t *pt,
    u_long *residentp, u_long *managedp)
{
	vm_offset_t va;
	vm_page_t m;
	u_int i;

	for (i = 0; i < NPTEPG; i++) {
		if ((pt[i] & PG_V) == 0)
			continue;
		va = base + ptoa((vm_offset_t)i);
		(*residentp)++;
		m = PHYS_TO_VM_PAGE(pt[i] & PG_FRAME);
		if ((pt[i] & PG_MANAGED) == 0)
			continue;
		(*managedp)++;
		if (m == NULL || !pmap_pv_find(m, pmap, va)) {
			printf("pmap_check_pv: %#lx -> %#lx has no pv entry\n",
			    va, pt[i] & PG_FRAME);
			return (false);
		}
	}
	return (true);
}

/*
 * pmap_check_pv: verify user pmap against the pv lists: every managed PT
 * entry has its pv entry, every pv entry naming pmap is a managed PT entry
 * mapping its page, each page-table page's count equals its valid
 * entries, and the resident count is right.  Walks every table of pmap
 * and every page's pv list.  Takes and drops pmap's lock and pmap_pv_mtx.
 * Returns true when consistent; else prints the first problem.
 */
bool
pmap_check_pv(pmap_t pmap)
{
	pt_entry_t *pdpt, *pd, *pte;
	u_long resident = 0, managed = 0, npv = 0, i, n;
	struct pv_entry *pv;
	vm_page_t m;
	bool ok = true;
	u_int i4, i3, i2;

	PMAP_LOCK(pmap);
	mtx_lock(&pmap_pv_mtx);
	for (i4 = 0; ok && i4 < NUPML4E; i4++) {
		if ((pmap->pm_pml4[i4] & PG_V) == 0)
			continue;
		pdpt = pmap_table(pmap->pm_pml4[i4]);
		ok = pmap_check_ptpage(pdpt, "PDPT");
		for (i3 = 0; ok && i3 < NPDPEPG; i3++) {
			if ((pdpt[i3] & PG_V) == 0)
				continue;
			pd = pmap_table(pdpt[i3]);
			ok = pmap_check_ptpage(pd, "PD");
			for (i2 = 0; ok && i2 < NPDEPG; i2++) {
				if ((pd[i2] & PG_V) == 0)
					continue;
				ok = pmap_check_ptpage(pmap_table(pd[i2]),
				    "PT") && pmap_check_pt(pmap,
				    ((vm_offset_t)i4 << PML4SHIFT) |
				    ((vm_offset_t)i3 << PDPSHIFT) |
				    ((vm_offset_t)i2 << PDRSHIFT),
				    pmap_table(pd[i2]), &resident, &managed);
			}
		}
	}
	if (ok && resident != pmap->pm_stats.resident_count) {
		printf("pmap_check_pv: %lu mappings, resident_count %lu\n",
		    resident, pmap->pm_stats.resident_count);
		ok = false;
	}
	for (i = 0; ok && i < vm_page_array_size; i++) {
		m = &vm_page_array[i];
		n = 0;
		TAILQ_FOREACH(pv, &m->md.pv_list, pv_next) {
			n++;
			if (pv->pv_pmap != pmap)
				continue;
			npv++;
			pte = pmap_pte(pmap, pv->pv_va);
			if (pte == NULL || (*pte & (PG_V | PG_MANAGED)) !=
			    (PG_V | PG_MANAGED) ||
			    (*pte & PG_FRAME) != VM_PAGE_TO_PHYS(m)) {
				printf("pmap_check_pv: pv %#lx of page %#lx "
				    "maps something else\n", pv->pv_va,
				    VM_PAGE_TO_PHYS(m));
				ok = false;
			}
		}
		if (n != m->md.pv_count) {
			printf("pmap_check_pv: page %#lx has %lu pv entries, "
			    "pv_count %u\n", VM_PAGE_TO_PHYS(m), n,
			    m->md.pv_count);
			ok = false;
		}
	}
	if (ok && npv != managed) {
		printf("pmap_check_pv: %lu pv entries, %lu managed mappings\n",
		    npv, managed);
		ok = false;
	}
	mtx_unlock(&pmap_pv_mtx);
	PMAP_UNLOCK(pmap);
	return (ok);
}
