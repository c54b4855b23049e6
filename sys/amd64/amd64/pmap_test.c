/*
 * pmap_test.c: in-kernel tests of the amd64 pmap on the real page tables:
 * the kernel's protections hold (checked by provoking the faults), KVA
 * mappings come and go, the CPU's accessed and dirty bits show up and can
 * be cleared, and user pmaps keep their pv lists, page-table page counts
 * and the VM counters exact through enter/protect/remove sequences.
 *
 * Test KVA: the last 2 MiB below VM_MAX_KERNEL_ADDRESS.  XXX: once a KVA
 * arena exists, the tests should take their addresses from it.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/ktest.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_page.h>

#include <machine/cpufunc.h>
#include <machine/db_machdep.h>
#include <machine/md_var.h>
#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/specialreg.h>
#include <machine/vmparam.h>

#define TEST_KVA	(VM_MAX_KERNEL_ADDRESS - NBPDR)
#define T_PAGEFLT	14

static const uint64_t pmap_test_rodata = 0x0123456789abcdeful;
static uint64_t pmap_test_data = 1;

static void
do_read(void *arg)
{
	(void)*(volatile uint64_t *)arg;
}

static void
do_write(void *arg)
{
	*(volatile uint64_t *)arg = 0x5a5a5a5a5a5a5a5aul;
}

static void
do_call(void *arg)
{
	((void (*)(void))arg)();
}

/* Access a user address from the kernel, allowed by stac/clac (SMAP). */
static uint64_t
user_read(vm_offset_t va)
{
	uint64_t v;

	if (rcr4() & CR4_SMAP)
		__asm__ volatile("stac" : : : "memory");
	v = *(volatile uint64_t *)va;
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("clac" : : : "memory");
	return (v);
}

static void
user_write(vm_offset_t va, uint64_t v)
{
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("stac" : : : "memory");
	*(volatile uint64_t *)va = v;
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("clac" : : : "memory");
}

/* The NX bit pmap uses: none on a CPU without NX. */
#define NX	((cpu_feature_ext & AMDID_NX) ? PG_NX : 0)

/* The state the tests must leave as they found it. */
struct vmsnap {
	u_int	free;
	u_int	wired;
};

static void
snap(struct vmsnap *s)
{
	s->free = vm_cnt.v_free_count;
	s->wired = vm_cnt.v_wire_count;
}

KTEST(pmap, cpu_protections_enabled)
{
	KT_EXPECT(kt, rcr0() & CR0_WP);
	if (cpu_feature_ext & AMDID_NX)
		KT_EXPECT(kt, rdmsr(MSR_EFER) & EFER_NXE);
	if (cpu_stdext_feature & CPUID_STDEXT_SMEP)
		KT_EXPECT(kt, rcr4() & CR4_SMEP);
	if (cpu_stdext_feature & CPUID_STDEXT_SMAP)
		KT_EXPECT(kt, rcr4() & CR4_SMAP);
	KT_EXPECT(kt, rcr4() & CR4_PGE);
	KT_EXPECT_EQ(kt, rcr3() & PG_FRAME, kernel_pmap->pm_cr3);
	/* No identity map: the low half of the kernel's PML4 is empty. */
	KT_EXPECT_EQ(kt, kernel_pmap->pm_pml4[0], 0);
}

/* Each kernel section has its protection, and every mapping is global. */
KTEST(pmap, kernel_sections)
{
	extern char __text_start[];
	pt_entry_t *pte;

	pte = pmap_pte(kernel_pmap, trunc_page((vm_offset_t)do_read));
	KT_ASSERT(kt, pte != NULL);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW | PG_NX | PG_G | PG_U),
	    PG_V | PG_G);
	pte = pmap_pte(kernel_pmap,
	    trunc_page((vm_offset_t)&pmap_test_rodata));
	KT_ASSERT(kt, pte != NULL);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW | PG_NX | PG_G),
	    PG_V | NX | PG_G);
	pte = pmap_pte(kernel_pmap, trunc_page((vm_offset_t)&pmap_test_data));
	KT_ASSERT(kt, pte != NULL);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW | PG_NX | PG_G),
	    PG_V | PG_RW | NX | PG_G);
	KT_EXPECT_EQ(kt, pmap_kextract((vm_offset_t)__text_start),
	    KERNEL_TO_PHYS((vm_offset_t)__text_start));
	/* Below the image and past _end: nothing. */
	KT_EXPECT_EQ(kt, pmap_kextract(KERNBASE), 0);
	KT_EXPECT_EQ(kt, pmap_kextract(round_page((vm_offset_t)_end)), 0);
}

/* "A kernel write to its own text ... faults." */
KTEST(pmap, kernel_text_write_faults)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_write, (void *)do_read, &trapno,
	    &addr, &err));
	KT_EXPECT_EQ(kt, trapno, T_PAGEFLT);
	KT_EXPECT_EQ(kt, addr, (vm_offset_t)do_read);
	KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_W | PGEX_U), PGEX_P | PGEX_W);
}

KTEST(pmap, kernel_rodata_write_faults)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_write,
	    __DECONST(void *, &pmap_test_rodata), &trapno, &addr, &err));
	KT_EXPECT_EQ(kt, trapno, T_PAGEFLT);
	KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_W), PGEX_P | PGEX_W);
	KT_EXPECT_EQ(kt, pmap_test_rodata, 0x0123456789abcdeful);
	/* Data is writable. */
	KT_EXPECT(kt, !cpu_expect_fault(do_write, &pmap_test_data, &trapno,
	    &addr, &err));
}

/* "... and an execute from the direct map both fault." */
KTEST(pmap, dmap_execute_faults)
{
	uint64_t trapno, addr, err;
	vm_offset_t va;
	vm_page_t m;

	if ((cpu_feature_ext & AMDID_NX) == 0)
		KT_SKIP(kt, "the CPU has no NX");
	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
	va = PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m));
	*(volatile uint8_t *)va = 0xc3;			/* ret */
	KT_EXPECT(kt, cpu_expect_fault(do_call, (void *)va, &trapno, &addr,
	    &err));
	KT_EXPECT_EQ(kt, trapno, T_PAGEFLT);
	KT_EXPECT_EQ(kt, addr, va);
	KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_I), PGEX_P | PGEX_I);
	vm_page_free(m);
}

/* The direct map covers RAM with large pages and translates back. */
KTEST(pmap, dmap_large_pages)
{
	vm_paddr_t top = DMAP_TO_PHYS(dmap_max_address);
	pdp_entry_t e;

	KT_EXPECT(kt, top >= (4ul << 30));
	KT_EXPECT_EQ(kt, pmap_kextract(PHYS_TO_DMAP(0x12345678)), 0x12345678);
	e = ((pdp_entry_t *)PHYS_TO_DMAP(
	    kernel_pmap->pm_pml4[DMAP_PML4_INDEX] & PG_FRAME))[1];
	KT_EXPECT(kt, e & PG_V);
	if (cpu_feature_ext & AMDID_PAGE1GB)
		KT_EXPECT_EQ(kt, e & (PG_PS | PG_PS_PDP_FRAME | PG_NX | PG_RW),
		    PG_PS | NBPDP | NX | PG_RW);
}

/* kenter/kextract/kremove, and the address faults afterwards. */
KTEST(pmap, kenter_kremove)
{
	uint64_t trapno, addr, err;
	struct vmsnap s0, s1;
	vm_offset_t va = TEST_KVA + 3 * PAGE_SIZE;
	vm_page_t m;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO);
	snap(&s0);
	pmap_kenter(va, VM_PAGE_TO_PHYS(m));
	KT_EXPECT_EQ(kt, pmap_kextract(va + 0x10), VM_PAGE_TO_PHYS(m) + 0x10);
	*(volatile uint64_t *)(va + 8) = 0xfeedface;
	KT_EXPECT_EQ(kt, *(uint64_t *)(PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)) + 8),
	    0xfeedface);
	pmap_kremove(va);
	KT_EXPECT_EQ(kt, pmap_kextract(va), 0);
	KT_ASSERT(kt, cpu_expect_fault(do_read, (void *)va, &trapno, &addr,
	    &err));
	KT_EXPECT_EQ(kt, trapno, T_PAGEFLT);
	KT_EXPECT_EQ(kt, addr, va);
	KT_EXPECT_EQ(kt, err & PGEX_P, 0);
	/* KVA page tables stay, and nothing else moved. */
	snap(&s1);
	KT_EXPECT(kt, s1.free <= s0.free && s0.free - s1.free <= 2);
	vm_page_free(m);
}

KTEST(pmap, kenter_readonly_write_faults)
{
	uint64_t trapno, addr, err;
	vm_offset_t va = TEST_KVA + 5 * PAGE_SIZE;
	vm_page_t m;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
	pmap_kenter_prot(va, VM_PAGE_TO_PHYS(m), VM_PROT_READ);
	KT_EXPECT(kt, !cpu_expect_fault(do_read, (void *)va, &trapno, &addr,
	    &err));
	KT_ASSERT(kt, cpu_expect_fault(do_write, (void *)va, &trapno, &addr,
	    &err));
	KT_EXPECT_EQ(kt, trapno, T_PAGEFLT);
	KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_W), PGEX_P | PGEX_W);
	/* Replacing the mapping with a writable one takes effect at once. */
	pmap_kenter(va, VM_PAGE_TO_PHYS(m));
	KT_EXPECT(kt, !cpu_expect_fault(do_write, (void *)va, &trapno, &addr,
	    &err));
	pmap_kremove(va);
	vm_page_free(m);
}

/*
 * The CPU sets PG_A on a read and PG_M on a write through a test mapping;
 * after clearing them (and invalidating the TLB entry) it sets them again.
 */
KTEST(pmap, kenter_accessed_dirty)
{
	vm_offset_t va = TEST_KVA + 7 * PAGE_SIZE;
	pt_entry_t *pte;
	vm_page_t m;
	int round;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
	pmap_kenter(va, VM_PAGE_TO_PHYS(m));
	pte = pmap_pte(kernel_pmap, va);
	KT_ASSERT(kt, pte != NULL);
	for (round = 0; round < 2; round++) {
		KT_EXPECT_EQ(kt, *pte & (PG_A | PG_M), 0);
		(void)*(volatile uint64_t *)va;
		KT_EXPECT_EQ(kt, *pte & (PG_A | PG_M), PG_A);
		*(volatile uint64_t *)va = 1;
		KT_EXPECT_EQ(kt, *pte & (PG_A | PG_M), PG_A | PG_M);
		__atomic_fetch_and(pte, ~(PG_A | PG_M), __ATOMIC_SEQ_CST);
		pmap_invalidate_page(kernel_pmap, va);
	}
	pmap_kremove(va);
	vm_page_free(m);
}

/* A user pmap shares the kernel half and starts empty. */
KTEST(pmap, pinit_release)
{
	struct vmsnap s0, s1;
	struct pmap pm;
	int i;

	snap(&s0);
	KT_ASSERT_EQ(kt, pmap_pinit(&pm), 0);
	for (i = 0; i < NPML4EPG / 2; i++)
		KT_EXPECT_EQ(kt, pm.pm_pml4[i], 0);
	for (i = NPML4EPG / 2; i < NPML4EPG; i++)
		KT_EXPECT_EQ(kt, pm.pm_pml4[i], kernel_pmap->pm_pml4[i]);
	KT_EXPECT_EQ(kt, pmap_extract(&pm, 0x400000), 0);
	pmap_release(&pm);
	snap(&s1);
	KT_EXPECT_EQ(kt, s1.free, s0.free);
	KT_EXPECT_EQ(kt, s1.wired, s0.wired);
}

/*
 * enter / protect / remove on a user pmap, checked in its page tables;
 * the page-table pages go away with the last mapping.
 */
KTEST(pmap, enter_protect_remove)
{
	const vm_offset_t va = 0x0000123456789000ul;
	struct vmsnap s0, s1;
	struct pmap pm;
	pt_entry_t *pte;
	vm_page_t m;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
	snap(&s0);
	KT_ASSERT_EQ(kt, pmap_pinit(&pm), 0);
	KT_ASSERT_EQ(kt, pmap_enter(&pm, va, m, VM_PROT_ALL, 0), 0);
	KT_EXPECT_EQ(kt, pmap_extract(&pm, va + 0x123),
	    VM_PAGE_TO_PHYS(m) + 0x123);
	KT_EXPECT_EQ(kt, pmap_extract(&pm, va + PAGE_SIZE), 0);
	PMAP_LOCK(&pm);
	pte = pmap_pte(&pm, va);
	PMAP_UNLOCK(&pm);
	KT_ASSERT(kt, pte != NULL);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_U | PG_RW | PG_NX | PG_G |
	    PG_MANAGED | PG_A | PG_M), PG_V | PG_U | PG_RW | PG_MANAGED);
	KT_EXPECT_EQ(kt, pm.pm_stats.resident_count, 1);
	KT_EXPECT_EQ(kt, pmap_page_mapcount(m), 1);
	/* PDPT + PD + PT + PML4 + a pv chunk. */
	KT_EXPECT_EQ(kt, s0.free - vm_cnt.v_free_count, 5);
	KT_EXPECT(kt, pmap_check_pv(&pm));

	pmap_protect(&pm, va, va + PAGE_SIZE, VM_PROT_READ | VM_PROT_EXECUTE);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW | PG_NX), PG_V);
	pmap_protect(&pm, va, va + PAGE_SIZE, VM_PROT_READ);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW | PG_NX), PG_V | NX);
	pmap_protect(&pm, va, va + PAGE_SIZE, VM_PROT_ALL);	/* no-op */
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW | PG_NX), PG_V | NX);
	/* Re-entering the same page changes its protection and wiring. */
	KT_ASSERT_EQ(kt, pmap_enter(&pm, va, m, VM_PROT_RW, PMAP_ENTER_WIRED),
	    0);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW | PG_NX | PG_W),
	    PG_V | PG_RW | NX | PG_W);
	KT_EXPECT_EQ(kt, pm.pm_stats.wired_count, 1);
	KT_EXPECT_EQ(kt, pmap_page_mapcount(m), 1);

	pmap_remove(&pm, 0, VM_MAXUSER_ADDRESS);
	KT_EXPECT_EQ(kt, pmap_extract(&pm, va), 0);
	KT_EXPECT_EQ(kt, pm.pm_stats.resident_count, 0);
	KT_EXPECT_EQ(kt, pm.pm_stats.wired_count, 0);
	KT_EXPECT_EQ(kt, pmap_page_mapcount(m), 0);
	KT_EXPECT_EQ(kt, pm.pm_pml4[pmap_pml4e_index(va)], 0);
	KT_EXPECT(kt, pmap_check_pv(&pm));
	pmap_release(&pm);
	snap(&s1);
	KT_EXPECT_EQ(kt, s1.free, s0.free);
	KT_EXPECT_EQ(kt, s1.wired, s0.wired);
	vm_page_free(m);
}

/*
 * Run the CPU on a user pmap: its accesses (allowed by stac) set PG_A and
 * PG_M, which pmap_is_referenced / pmap_is_modified see through the pv
 * list and pmap_ts_referenced / pmap_clear_modify clear.  SMAP makes the
 * same access fault without stac, SMEP an execution.
 */
KTEST(pmap, user_accessed_dirty)
{
	const vm_offset_t va = 0x400000;
	uint64_t trapno, addr, err;
	struct pmap pm;
	vm_page_t m;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
	*(uint64_t *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)) = 0xc3;	/* ret */
	KT_ASSERT_EQ(kt, pmap_pinit(&pm), 0);
	KT_ASSERT_EQ(kt, pmap_enter(&pm, va, m, VM_PROT_ALL, 0), 0);
	pmap_activate_cr3(&pm);

	KT_EXPECT(kt, !pmap_is_referenced(m));
	KT_EXPECT_EQ(kt, user_read(va), 0xc3);
	KT_EXPECT(kt, pmap_is_referenced(m));
	KT_EXPECT(kt, !pmap_is_modified(m));
	user_write(va + 8, 42);
	KT_EXPECT(kt, pmap_is_modified(m));
	pmap_clear_modify(m);
	KT_EXPECT(kt, !pmap_is_modified(m));
	user_write(va + 8, 43);
	KT_EXPECT(kt, pmap_is_modified(m));
	KT_EXPECT_EQ(kt, pmap_ts_referenced(m), 1);
	KT_EXPECT(kt, !pmap_is_referenced(m));
	KT_EXPECT_EQ(kt, user_read(va + 8), 43);
	KT_EXPECT(kt, pmap_is_referenced(m));

	if (rcr4() & CR4_SMAP) {
		KT_EXPECT(kt, cpu_expect_fault(do_read, (void *)va, &trapno,
		    &addr, &err));
		KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_U), PGEX_P);
	}
	if (rcr4() & CR4_SMEP) {
		KT_EXPECT(kt, cpu_expect_fault(do_call, (void *)va, &trapno,
		    &addr, &err));
		KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_I), PGEX_P | PGEX_I);
	}
	/* Write-protect: the dirty bit moves to the page, writes fault. */
	pmap_remove_write(m);
	KT_EXPECT_EQ(kt, m->dirty, VM_PAGE_BITS_ALL);
	KT_EXPECT(kt, !pmap_is_modified(m));
	KT_EXPECT_EQ(kt, pmap_extract(&pm, va), VM_PAGE_TO_PHYS(m));

	pmap_activate_cr3(kernel_pmap);
	pmap_remove_all(m);
	KT_EXPECT_EQ(kt, pmap_extract(&pm, va), 0);
	KT_EXPECT(kt, pmap_check_pv(&pm));
	pmap_release(&pm);
	m->dirty = 0;
	vm_page_free(m);
}

/* One page in three pmaps: remove_write and remove_all reach them all. */
KTEST(pmap, remove_all_reaches_every_mapping)
{
	struct pmap pm[3];
	struct vmsnap s0, s1;
	pt_entry_t *pte;
	vm_page_t m;
	int i;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK);
	snap(&s0);
	for (i = 0; i < 3; i++) {
		KT_ASSERT_EQ(kt, pmap_pinit(&pm[i]), 0);
		KT_ASSERT_EQ(kt, pmap_enter(&pm[i], 0x10000 * (i + 1), m,
		    VM_PROT_RW, VM_PROT_WRITE), 0);
	}
	/* Two mappings in one pmap, too. */
	KT_ASSERT_EQ(kt, pmap_enter(&pm[0], 0x7f0000000000, m, VM_PROT_READ,
	    0), 0);
	KT_EXPECT_EQ(kt, pmap_page_mapcount(m), 4);
	KT_EXPECT(kt, pmap_is_modified(m));	/* preset by the access */
	pmap_remove_write(m);
	for (i = 0; i < 3; i++) {
		PMAP_LOCK(&pm[i]);
		pte = pmap_pte(&pm[i], 0x10000 * (i + 1));
		KT_EXPECT(kt, pte != NULL && (*pte & (PG_RW | PG_M)) == 0);
		PMAP_UNLOCK(&pm[i]);
	}
	KT_EXPECT_EQ(kt, m->dirty, VM_PAGE_BITS_ALL);
	pmap_remove_all(m);
	KT_EXPECT_EQ(kt, pmap_page_mapcount(m), 0);
	for (i = 0; i < 3; i++) {
		KT_EXPECT_EQ(kt, pmap_extract(&pm[i], 0x10000 * (i + 1)), 0);
		KT_EXPECT_EQ(kt, pm[i].pm_stats.resident_count, 0);
		KT_EXPECT(kt, pmap_check_pv(&pm[i]));
		pmap_release(&pm[i]);
	}
	snap(&s1);
	KT_EXPECT_EQ(kt, s1.free, s0.free);
	KT_EXPECT_EQ(kt, s1.wired, s0.wired);
	m->dirty = 0;
	vm_page_free(m);
}

/* A small deterministic generator: the same sequence on every boot. */
static uint64_t
rnd(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (*state);
}

/*
 * Random enter / remove / protect / remove_all over three pmaps and 24
 * pages, at addresses spread so that PDPT, PD and PT pages come and go,
 * against a model of what maps where.  pmap_check_pv (page tables versus
 * every page's pv list, page-table counts) runs every few steps; at the
 * end everything is unmapped and the counters are back exactly.
 */
#define RND_NPMAP	3
#define RND_NPAGE	24
#define RND_NSLOT	32

static vm_offset_t
rnd_slot_va(int slot)
{
	/* 4 PML4 slots x 2 GiB regions x 2 MiB regions x 2 pages. */
	return (((vm_offset_t)(slot & 3) << PML4SHIFT) |
	    ((vm_offset_t)((slot >> 2) & 1) << PDPSHIFT) |
	    ((vm_offset_t)((slot >> 3) & 1) << PDRSHIFT) |
	    ((vm_offset_t)((slot >> 4) & 1) << PAGE_SHIFT) | 0x200000000ul);
}

KTEST(pmap, pv_random_against_model)
{
	static int8_t model[RND_NPMAP][RND_NSLOT];	/* page index or -1 */
	struct pmap pm[RND_NPMAP];
	vm_page_t pages[RND_NPAGE];
	struct vmsnap s0, s1;
	uint64_t state = 0x9e3779b97f4a7c15ul;
	int i, j, p, s, step, op, bad = 0;
	vm_paddr_t pa;

	for (i = 0; i < RND_NPAGE; i++)
		pages[i] = vm_page_alloc_noobj(VM_ALLOC_WAITOK);
	snap(&s0);
	for (i = 0; i < RND_NPMAP; i++) {
		KT_ASSERT_EQ(kt, pmap_pinit(&pm[i]), 0);
		for (j = 0; j < RND_NSLOT; j++)
			model[i][j] = -1;
	}
	for (step = 0; step < 3000; step++) {
		p = (int)(rnd(&state) % RND_NPMAP);
		s = (int)(rnd(&state) % RND_NSLOT);
		op = (int)(rnd(&state) % 10);
		if (op < 5) {
			j = (int)(rnd(&state) % RND_NPAGE);
			KT_ASSERT_EQ(kt, pmap_enter(&pm[p], rnd_slot_va(s),
			    pages[j], op < 3 ? VM_PROT_RW : VM_PROT_READ,
			    PMAP_ENTER_NOSLEEP), 0);
			model[p][s] = (int8_t)j;
		} else if (op < 8) {
			pmap_remove(&pm[p], rnd_slot_va(s),
			    rnd_slot_va(s) + PAGE_SIZE);
			model[p][s] = -1;
		} else if (op < 9) {
			pmap_protect(&pm[p], rnd_slot_va(s),
			    rnd_slot_va(s) + PAGE_SIZE, VM_PROT_READ);
		} else {
			j = (int)(rnd(&state) % RND_NPAGE);
			pmap_remove_all(pages[j]);
			for (i = 0; i < RND_NPMAP; i++)
				for (s = 0; s < RND_NSLOT; s++)
					if (model[i][s] == j)
						model[i][s] = -1;
		}
		if (step % 100 != 99)
			continue;
		for (i = 0; i < RND_NPMAP; i++) {
			KT_ASSERT(kt, pmap_check_pv(&pm[i]));
			for (s = 0; s < RND_NSLOT; s++) {
				pa = pmap_extract(&pm[i], rnd_slot_va(s));
				if (model[i][s] < 0 ? pa != 0 :
				    pa != VM_PAGE_TO_PHYS(pages[model[i][s]]))
					bad++;
			}
		}
	}
	KT_EXPECT_EQ(kt, bad, 0);
	for (j = 0, s = 0; j < RND_NPAGE; j++)
		s += pmap_page_mapcount(pages[j]);
	for (i = 0, p = 0; i < RND_NPMAP; i++)
		for (j = 0; j < RND_NSLOT; j++)
			p += model[i][j] >= 0;
	KT_EXPECT_EQ(kt, s, p);
	for (i = 0; i < RND_NPMAP; i++) {
		pmap_remove(&pm[i], 0, VM_MAXUSER_ADDRESS);
		KT_EXPECT(kt, pmap_check_pv(&pm[i]));
		pmap_release(&pm[i]);
	}
	snap(&s1);
	KT_EXPECT_EQ(kt, s1.free, s0.free);
	KT_EXPECT_EQ(kt, s1.wired, s0.wired);
	for (i = 0; i < RND_NPAGE; i++) {
		KT_EXPECT_EQ(kt, pmap_page_mapcount(pages[i]), 0);
		pages[i]->dirty = 0;
		vm_page_free(pages[i]);
	}
}

/* A full-range invalidation really flushes: a stale entry would let this
 * read succeed. */
KTEST(pmap, invalidate_range_flushes)
{
	const vm_offset_t va = 0x800000;
	uint64_t trapno, addr, err;
	struct pmap pm;
	vm_page_t m;
	int n;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
	KT_ASSERT_EQ(kt, pmap_pinit(&pm), 0);
	pmap_activate_cr3(&pm);
	/* Below and above the threshold: invlpg path and full flush. */
	for (n = 1; n <= 2 * PMAP_INVLPG_THRESHOLD; n += PMAP_INVLPG_THRESHOLD) {
		KT_ASSERT_EQ(kt, pmap_enter(&pm, va, m, VM_PROT_RW, 0), 0);
		(void)user_read(va);		/* now in the TLB */
		pmap_remove(&pm, va, va + ptoa((vm_offset_t)n));
		if (rcr4() & CR4_SMAP)
			__asm__ volatile("stac" : : : "memory");
		KT_EXPECT(kt, cpu_expect_fault(do_read, (void *)va, &trapno,
		    &addr, &err));
		if (rcr4() & CR4_SMAP)
			__asm__ volatile("clac" : : : "memory");
		KT_EXPECT_EQ(kt, err & PGEX_P, 0);
	}
	pmap_activate_cr3(kernel_pmap);
	pmap_release(&pm);
	vm_page_free(m);
}

static void
do_trace(void *arg)
{
	db_trace_frame((vm_offset_t)do_read, (vm_offset_t)arg);
}

/*
 * Backtraces follow frames on KVA stacks (where thread stacks live) and
 * stop, without faulting, at an unmapped page (a stack guard).
 */
KTEST(pmap, backtrace_through_kva)
{
	vm_offset_t va = TEST_KVA + 9 * PAGE_SIZE;
	uint64_t trapno, addr, err, *frame;
	vm_page_t m;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
	pmap_kenter(va, VM_PAGE_TO_PHYS(m));
	/* Two frames: the second points at the unmapped page above. */
	frame = (uint64_t *)va;
	frame[0] = va + 64;
	frame[1] = (uint64_t)do_write + 4;
	frame[8] = va + PAGE_SIZE + 16;
	frame[9] = (uint64_t)do_call + 4;
	KT_EXPECT(kt, !cpu_expect_fault(do_trace, (void *)va, &trapno, &addr,
	    &err));
	pmap_kremove(va);
	vm_page_free(m);
}
