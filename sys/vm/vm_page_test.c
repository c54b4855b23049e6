/*
 * vm_page_test.c: in-kernel tests of the page records and the buddy
 * allocator on the machine's real memory: the boot's accounting, split
 * and coalesce, draining every free page and giving it back, contiguous
 * allocations, zeroing and wiring.  Each test leaves the allocator as it
 * found it, which the tests themselves check.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/ktest.h>
#include <sys/queue.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_page.h>
#include <vm/vm_phys.h>

#include <machine/md_var.h>
#include <machine/multiboot2.h>
#include <machine/vmparam.h>

TAILQ_HEAD(pglist, vm_page);

static bool
counts_equal(const u_int *a, const u_int *b)
{
	return (memcmp(a, b, sizeof(u_int) * VM_NFREEORDER) == 0);
}

/* Allocate order-0 blocks until the order-0 list is empty. */
static void
drain_order0(struct pglist *pl)
{
	u_int counts[VM_NFREEORDER];
	vm_page_t m;

	vm_phys_free_counts(counts);
	while (counts[0]-- > 0) {
		m = vm_phys_alloc_pages(0);
		TAILQ_INSERT_TAIL(pl, m, plinks);
	}
}

static void
free_list(struct pglist *pl)
{
	vm_page_t m;

	while ((m = TAILQ_FIRST(pl)) != NULL) {
		TAILQ_REMOVE(pl, m, plinks);
		vm_phys_free_pages(m, 0);
	}
}

/* What the boot handed over: counts add up, reserved pages stay out. */
KTEST(vm_page, startup_accounting)
{
	vm_page_t m;
	u_long i, nfree = 0;

	KT_ASSERT(kt, vm_phys_check());
	KT_EXPECT_EQ(kt, vm_cnt.v_page_count, vm_page_array_size);
	KT_EXPECT(kt, vm_cnt.v_free_count + vm_cnt.v_wire_count <=
	    vm_cnt.v_page_count);
	for (i = 0; i < vm_page_array_size; i++)
		if (vm_page_array[i].order != VM_NFREEORDER)
			nfree += 1ul << vm_page_array[i].order;
	KT_EXPECT_EQ(kt, nfree, vm_cnt.v_free_count);
	/* v_page_count is the RAM above 1 MiB: within 2 % of all of it. */
	KT_EXPECT(kt, (u_long)vm_cnt.v_page_count * 100 >= physmem * 98);
	/* The first MiB is no page; the kernel and the array are wired. */
	KT_EXPECT(kt, PHYS_TO_VM_PAGE(0) == NULL);
	KT_EXPECT(kt, PHYS_TO_VM_PAGE(0x9f000) == NULL);
	m = PHYS_TO_VM_PAGE(KERNEL_TO_PHYS((vm_offset_t)vm_page_startup));
	KT_ASSERT(kt, m != NULL);
	KT_EXPECT(kt, m->wire_count > 0 && m->order == VM_NFREEORDER);
	m = PHYS_TO_VM_PAGE(DMAP_TO_PHYS((vm_offset_t)vm_page_array));
	KT_ASSERT(kt, m != NULL);
	KT_EXPECT(kt, m->wire_count > 0 && m->order == VM_NFREEORDER);
	m = PHYS_TO_VM_PAGE(bootinfo.mbi_pa);
	if (m != NULL)
		KT_EXPECT(kt, m->wire_count > 0 && m->order == VM_NFREEORDER);
	KT_EXPECT_EQ(kt, VM_PAGE_TO_PHYS(&vm_page_array[0]),
	    vm_phys_segs[0].start);
	KT_EXPECT(kt, PHYS_TO_VM_PAGE(vm_phys_segs[0].start + 5 * PAGE_SIZE +
	    123) == &vm_page_array[5]);
}

/*
 * With the order-0 list empty, one page must come from splitting the
 * smallest larger block, leaving one block on every order below it; its
 * return must merge them all back.
 */
KTEST(vm_phys, split_and_coalesce)
{
	struct pglist drained = TAILQ_HEAD_INITIALIZER(drained);
	u_int orig[VM_NFREEORDER], before[VM_NFREEORDER];
	u_int after[VM_NFREEORDER];
	u_int free0 = vm_cnt.v_free_count;
	vm_page_t m, buddy;
	int k, o;

	vm_phys_free_counts(orig);
	drain_order0(&drained);
	vm_phys_free_counts(before);
	KT_ASSERT(kt, before[0] == 0);
	for (k = 1; k < VM_NFREEORDER && before[k] == 0; k++)
		;
	KT_ASSERT(kt, k < VM_NFREEORDER);

	m = vm_phys_alloc_pages(0);
	KT_ASSERT(kt, m != NULL);
	vm_phys_free_counts(after);
	for (o = 0; o < k; o++)
		KT_EXPECT_EQ(kt, after[o], before[o] + 1);
	KT_EXPECT_EQ(kt, after[k], before[k] - 1);
	buddy = PHYS_TO_VM_PAGE(VM_PAGE_TO_PHYS(m) ^ PAGE_SIZE);
	KT_ASSERT(kt, buddy != NULL);
	KT_EXPECT_EQ(kt, buddy->order, 0);
	KT_EXPECT(kt, vm_phys_check());

	vm_phys_free_pages(m, 0);
	vm_phys_free_counts(after);
	KT_EXPECT(kt, counts_equal(after, before));
	free_list(&drained);
	vm_phys_free_counts(after);
	KT_EXPECT(kt, counts_equal(after, orig));
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	KT_EXPECT(kt, vm_phys_check());
}

/*
 * Take every free page one at a time until the allocator says no, then
 * give them all back (every other page first, so that merging happens in
 * a different order): the count and the per-order lists come back
 * exactly.
 */
KTEST(vm_phys, drain_all_and_refill)
{
	struct pglist pages = TAILQ_HEAD_INITIALIZER(pages);
	struct pglist odd = TAILQ_HEAD_INITIALIZER(odd);
	u_int before[VM_NFREEORDER], after[VM_NFREEORDER];
	u_int free0 = vm_cnt.v_free_count, wired0 = vm_cnt.v_wire_count;
	u_long n = 0;
	vm_page_t m;

	vm_phys_free_counts(before);
	while ((m = vm_page_alloc_noobj(VM_ALLOC_NOWAIT)) != NULL) {
		if (n++ % 2 == 0)
			TAILQ_INSERT_TAIL(&pages, m, plinks);
		else
			TAILQ_INSERT_TAIL(&odd, m, plinks);
	}
	KT_EXPECT_EQ(kt, n, free0);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0);
	KT_EXPECT(kt, vm_page_alloc_contig_noobj(VM_ALLOC_NOWAIT, 2) == NULL);
	KT_EXPECT(kt, vm_phys_check());
	while ((m = TAILQ_FIRST(&pages)) != NULL) {
		TAILQ_REMOVE(&pages, m, plinks);
		vm_page_free(m);
	}
	KT_EXPECT(kt, vm_phys_check());
	while ((m = TAILQ_FIRST(&odd)) != NULL) {
		TAILQ_REMOVE(&odd, m, plinks);
		vm_page_free(m);
	}
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	vm_phys_free_counts(after);
	KT_EXPECT(kt, counts_equal(after, before));
	KT_EXPECT(kt, vm_phys_check());
}

/* Contiguous runs are physically contiguous and aligned to their size. */
KTEST(vm_page, contig_aligned)
{
	static const u_long sizes[] = { 1, 2, 3, 4, 5, 8, 16, 100, 512, 1024 };
	u_int free0 = vm_cnt.v_free_count, wired0 = vm_cnt.v_wire_count;
	u_long i, j, n, align;
	vm_page_t m;

	for (i = 0; i < nitems(sizes); i++) {
		n = sizes[i];
		for (align = 1; align < n; align <<= 1)
			;
		m = vm_page_alloc_contig_noobj(VM_ALLOC_NOWAIT |
		    VM_ALLOC_WIRED, n);
		KT_ASSERT(kt, m != NULL);
		KT_EXPECT_EQ(kt, VM_PAGE_TO_PHYS(m) % ptoa(align), 0);
		for (j = 0; j < n; j++) {
			KT_EXPECT_EQ(kt, VM_PAGE_TO_PHYS(&m[j]),
			    VM_PAGE_TO_PHYS(m) + ptoa(j));
			KT_EXPECT_EQ(kt, m[j].wire_count, 1);
		}
		/* Only n pages were taken: the rounding went back. */
		KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0 - n);
		KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0 + n);
		vm_page_free_contig(m, n);
		KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
		KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0);
	}
	KT_EXPECT(kt, vm_page_alloc_contig_noobj(VM_ALLOC_NOWAIT,
	    (1ul << VM_NFREEORDER) + 1) == NULL);
	KT_EXPECT(kt, vm_phys_check());
}

/* VM_ALLOC_ZERO gives zeros even where the page was just dirtied. */
KTEST(vm_page, alloc_zero)
{
	uint64_t *p;
	vm_page_t m;
	u_int i, bad = 0, round;

	for (round = 0; round < 4; round++) {
		m = vm_page_alloc_noobj(VM_ALLOC_WAITOK);
		p = (uint64_t *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m));
		memset(p, 0xa5, PAGE_SIZE);
		vm_page_free(m);
		/* The free lists are LIFO: this is most likely the same page. */
		m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_ZERO);
		p = (uint64_t *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m));
		for (i = 0; i < PAGE_SIZE / sizeof(*p); i++)
			bad += p[i] != 0;
		memset(p, 0x5a, PAGE_SIZE);
		vm_page_free(m);
	}
	KT_EXPECT_EQ(kt, bad, 0);
}

/* Wirings nest; only the first and the last move v_wire_count. */
KTEST(vm_page, wire_unwire)
{
	u_int wired0 = vm_cnt.v_wire_count;
	vm_page_t m;

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK);
	KT_EXPECT_EQ(kt, m->wire_count, 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0);
	vm_page_wire(m);
	vm_page_wire(m);
	KT_EXPECT_EQ(kt, m->wire_count, 2);
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0 + 1);
	KT_EXPECT(kt, !vm_page_unwire_noq(m));
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0 + 1);
	vm_page_unwire(m, PQ_NONE);
	KT_EXPECT_EQ(kt, m->wire_count, 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0);
	vm_page_free(m);

	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_WIRED);
	KT_EXPECT_EQ(kt, m->wire_count, 1);
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0 + 1);
	vm_page_free(m);	/* drops the allocation's wiring */
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wired0);
}
