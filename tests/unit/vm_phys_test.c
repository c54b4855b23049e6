/*
 * vm_phys_test.c: the buddy allocator (sys/vm/vm_phys.c) on a fake page
 * array, against a reference model: a map of which pages are allocated.
 *
 * After every step vm_phys_check() must pass, the free count must match
 * the model, every block handed out must be aligned, inside one segment
 * and made of pages the model has free, and an allocation may fail only
 * when the model holds no free aligned block of that order inside a
 * segment (with complete coalescing, one would be on a list).  Freeing
 * everything must give back the fully coalesced lists of the start.
 */
#include <atf-c.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kshim.h"
#include "vm_phys_shim.h"

#define PG	4096ul
#define MIB	(1ul << 20)

/*
 * Three segments with unaligned edges; the third has a hole (pages that
 * never become free, like the kernel image) in its middle.
 */
static const uint64_t segs[] = {
	1 * MIB, 1 * MIB + 600 * PG,
	16 * MIB + 3 * PG, 16 * MIB + 3 * PG + 5000 * PG,
	64 * MIB, 64 * MIB + 9000 * PG,
};
static const uint64_t avail[] = {
	1 * MIB, 1 * MIB + 600 * PG,
	16 * MIB + 3 * PG, 16 * MIB + 3 * PG + 5000 * PG,
	64 * MIB, 64 * MIB + 2047 * PG,
	64 * MIB + 2100 * PG, 64 * MIB + 9000 * PG,
};
#define NSEGS	3
#define NAVAIL	4

/* Model: one byte per page of the segments: 0 free, 1 allocated, 2 hole. */
static uint8_t	model[SHIM_MAXPAGES];
static uint64_t	model_free;

/* Index of pa in the model, or -1 if pa is in no segment. */
static long
pidx(uint64_t pa)
{
	long base = 0;
	int i;

	for (i = 0; i < NSEGS; i++) {
		if (pa >= segs[2 * i] && pa < segs[2 * i + 1])
			return (base + (long)((pa - segs[2 * i]) / PG));
		base += (long)((segs[2 * i + 1] - segs[2 * i]) / PG);
	}
	return (-1);
}

static void
setup(void)
{
	uint64_t pa;
	int i;

	memset(model, 2, sizeof(model));
	model_free = 0;
	for (i = 0; i < NAVAIL; i++)
		for (pa = avail[2 * i]; pa < avail[2 * i + 1]; pa += PG) {
			model[pidx(pa)] = 0;
			model_free++;
		}
	ATF_REQUIRE_EQ(shim_setup(segs, NSEGS, avail, NAVAIL), 0);
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
	ATF_REQUIRE_EQ(shim_free_count(), model_free);
}

/* Is there a free aligned block of this order inside a segment? */
static bool
model_has_block(int order)
{
	uint64_t n = 1ul << order, pa, start, k;
	int i;

	for (i = 0; i < NSEGS; i++) {
		start = (segs[2 * i] + n * PG - 1) & ~(n * PG - 1);
		for (pa = start; pa + n * PG <= segs[2 * i + 1];
		    pa += n * PG) {
			for (k = 0; k < n; k++)
				if (model[pidx(pa + k * PG)] != 0)
					break;
			if (k == n)
				return (true);
		}
	}
	return (false);
}

/* Record an allocation of order at pa in the model, checking it. */
static void
model_alloc(uint64_t pa, int order)
{
	uint64_t n = 1ul << order, k;
	long i0 = pidx(pa), ilast = pidx(pa + (n - 1) * PG);

	ATF_REQUIRE_MSG(pa % (n * PG) == 0, "block %#lx order %d misaligned",
	    (unsigned long)pa, order);
	ATF_REQUIRE_MSG(i0 >= 0 && ilast == i0 + (long)n - 1,
	    "block %#lx order %d not inside one segment", (unsigned long)pa,
	    order);
	for (k = 0; k < n; k++) {
		ATF_REQUIRE_MSG(model[i0 + k] == 0,
		    "page %#lx handed out but not free",
		    (unsigned long)(pa + k * PG));
		model[i0 + k] = 1;
	}
	model_free -= n;
}

static void
model_free_block(uint64_t pa, int order)
{
	uint64_t n = 1ul << order, k;
	long i0 = pidx(pa);

	for (k = 0; k < n; k++)
		model[i0 + k] = 0;
	model_free += n;
}

ATF_TC_WITHOUT_HEAD(vm_phys__setup_fully_coalesced);
ATF_TC_BODY(vm_phys__setup_fully_coalesced, tc)
{
	unsigned int counts[SHIM_NFREEORDER];

	setup();
	vm_phys_free_counts(counts);
	/* The 2048-page run at 64 MiB lacks its last page: 1024+512+...+1. */
	ATF_CHECK(counts[0] >= 1);
	ATF_CHECK_EQ(shim_page_order(64 * MIB), 10);
	ATF_CHECK_EQ(shim_page_order(64 * MIB + 1024 * PG), 9);
}

ATF_TC_WITHOUT_HEAD(vm_phys__split_and_coalesce);
ATF_TC_BODY(vm_phys__split_and_coalesce, tc)
{
	unsigned int before[SHIM_NFREEORDER], after[SHIM_NFREEORDER];
	uint64_t pa;
	int o;

	/* One segment of 16 aligned pages: a single order-4 block. */
	static const uint64_t seg[] = { 32 * MIB, 32 * MIB + 16 * PG };

	ATF_REQUIRE_EQ(shim_setup(seg, 1, seg, 1), 0);
	vm_phys_free_counts(before);
	ATF_REQUIRE_EQ(before[4], 1);
	pa = shim_alloc(0);
	ATF_REQUIRE(pa == 32 * MIB);
	vm_phys_free_counts(after);
	for (o = 0; o < 4; o++)
		ATF_CHECK_EQ(after[o], 1);	/* 1 + 2 + 4 + 8 pages */
	ATF_CHECK_EQ(after[4], 0);
	ATF_CHECK_EQ(shim_page_order(32 * MIB + PG), 0);
	ATF_CHECK_EQ(shim_page_order(32 * MIB + 8 * PG), 3);
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
	shim_free(pa, 0);
	vm_phys_free_counts(after);
	ATF_CHECK_EQ(memcmp(before, after, sizeof(before)), 0);
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
	ATF_CHECK_EQ(shim_free_count(), 16);
	/* Too big for the segment. */
	ATF_CHECK(shim_alloc(5) == SHIM_NOPAGE);
}

ATF_TC_WITHOUT_HEAD(vm_phys__random_against_model);
ATF_TC_BODY(vm_phys__random_against_model, tc)
{
	unsigned int before[SHIM_NFREEORDER], after[SHIM_NFREEORDER];
	struct { uint64_t pa; int order; } live[4096];
	int nlive = 0, step, order, i, fails = 0;
	uint64_t pa;

	setup();
	vm_phys_free_counts(before);
	srandom(20261122);
	for (step = 0; step < 20000; step++) {
		if (nlive < (int)(sizeof(live) / sizeof(live[0])) &&
		    (nlive == 0 || random() % 100 < 55)) {
			/* Mostly small orders, sometimes up to the top. */
			order = random() % 4 == 0 ?
			    (int)(random() % SHIM_NFREEORDER) :
			    (int)(random() % 3);
			pa = shim_alloc(order);
			if (pa == SHIM_NOPAGE) {
				ATF_REQUIRE_MSG(!model_has_block(order),
				    "step %d: order %d failed with a free "
				    "block available", step, order);
				fails++;
			} else {
				model_alloc(pa, order);
				live[nlive].pa = pa;
				live[nlive].order = order;
				nlive++;
			}
		} else {
			i = (int)(random() % nlive);
			shim_free(live[i].pa, live[i].order);
			model_free_block(live[i].pa, live[i].order);
			live[i] = live[--nlive];
		}
		ATF_REQUIRE_MSG(vm_phys_check(), "step %d: %s", step,
		    kshim_console);
		ATF_REQUIRE_EQ(shim_free_count(), model_free);
	}
	ATF_CHECK(fails > 0);	/* the top orders ran out now and then */
	while (nlive > 0) {
		nlive--;
		shim_free(live[nlive].pa, live[nlive].order);
		model_free_block(live[nlive].pa, live[nlive].order);
	}
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
	vm_phys_free_counts(after);
	ATF_CHECK_EQ(memcmp(before, after, sizeof(before)), 0);
	ATF_CHECK_EQ(shim_free_count(), model_free);
}

ATF_TC_WITHOUT_HEAD(vm_phys__drain_order0_and_refill);
ATF_TC_BODY(vm_phys__drain_order0_and_refill, tc)
{
	unsigned int before[SHIM_NFREEORDER], after[SHIM_NFREEORDER];
	static uint64_t pages[SHIM_MAXPAGES];
	unsigned int n = 0, total;

	setup();
	total = shim_free_count();
	vm_phys_free_counts(before);
	while ((pages[n] = shim_alloc(0)) != SHIM_NOPAGE) {
		model_alloc(pages[n], 0);
		n++;
	}
	ATF_CHECK_EQ(n, total);
	ATF_CHECK_EQ(shim_free_count(), 0);
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
	/* Free in an order unlike the allocation's: every other page first. */
	for (unsigned int i = 0; i < n; i += 2)
		shim_free(pages[i], 0);
	for (unsigned int i = 1; i < n; i += 2)
		shim_free(pages[i], 0);
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
	vm_phys_free_counts(after);
	ATF_CHECK_EQ(memcmp(before, after, sizeof(before)), 0);
	ATF_CHECK_EQ(shim_free_count(), total);
}

/* Pages freed one at a time merge with their free buddies. */
ATF_TC_WITHOUT_HEAD(vm_phys__free_merges_buddies);
ATF_TC_BODY(vm_phys__free_merges_buddies, tc)
{
	static const uint64_t seg[] = { 32 * MIB, 32 * MIB + 4 * PG };

	ATF_REQUIRE_EQ(shim_setup(seg, 1, seg, 0), 0);
	ATF_CHECK_EQ(shim_free_count(), 0);
	shim_free_contig(32 * MIB + 3 * PG, 1);
	shim_free_contig(32 * MIB, 1);
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
	ATF_CHECK_EQ(shim_page_order(32 * MIB), 0);
	shim_free_contig(32 * MIB + PG, 1);
	ATF_CHECK_EQ(shim_page_order(32 * MIB), 1);
	shim_free_contig(32 * MIB + 2 * PG, 1);
	ATF_CHECK_EQ(shim_page_order(32 * MIB), 2);
	ATF_CHECK_EQ(shim_page_order(32 * MIB + 2 * PG), SHIM_NFREEORDER);
	ATF_REQUIRE_MSG(vm_phys_check(), "%s", kshim_console);
}

/* The checker is an oracle only if it catches a corrupted state. */
ATF_TC_WITHOUT_HEAD(vm_phys__check_catches_corruption);
ATF_TC_BODY(vm_phys__check_catches_corruption, tc)
{
	static const uint64_t seg[] = { 32 * MIB, 32 * MIB + 2 * PG };

	ATF_REQUIRE_EQ(shim_setup(seg, 1, seg, 1), 0);
	ATF_REQUIRE(vm_phys_check());
	/* A page inside the free order-1 block claims to head a block. */
	shim_set_order(32 * MIB + PG, 0);
	ATF_CHECK(!vm_phys_check());
	ATF_CHECK(strstr(kshim_console, "inside free block") != NULL);
	shim_set_order(32 * MIB + PG, SHIM_NFREEORDER);
	ATF_CHECK(vm_phys_check());
}

ATF_TC_WITHOUT_HEAD(vm_phys__avail_remove);
ATF_TC_BODY(vm_phys__avail_remove, tc)
{
	uint64_t a[10] = { 0x100000, 0x800000, 0x1000000, 0x2000000, 0, 0 };

	/* A hole in the middle splits a range. */
	ATF_REQUIRE_EQ(vm_phys_avail_remove(a, 10, 0x200000, 0x300000), 0);
	ATF_CHECK(a[0] == 0x100000 && a[1] == 0x200000);
	ATF_CHECK(a[2] == 0x300000 && a[3] == 0x800000);
	ATF_CHECK(a[4] == 0x1000000 && a[5] == 0x2000000);
	ATF_CHECK(a[6] == 0 && a[7] == 0);
	/* Trims at either end, and a whole range across two. */
	ATF_REQUIRE_EQ(vm_phys_avail_remove(a, 10, 0x700000, 0x1100000), 0);
	ATF_CHECK(a[3] == 0x700000 && a[4] == 0x1100000);
	ATF_REQUIRE_EQ(vm_phys_avail_remove(a, 10, 0x100000, 0x200000), 0);
	ATF_CHECK(a[0] == 0x300000 && a[1] == 0x700000);
	ATF_CHECK(a[2] == 0x1100000 && a[3] == 0x2000000);
	ATF_CHECK(a[4] == 0 && a[5] == 0);
	ATF_CHECK_EQ(vm_phys_avail_largest(a), 2);
	/* A fourth range fits in 10 entries; a split into a fifth does not. */
	ATF_REQUIRE_EQ(vm_phys_avail_remove(a, 10, 0x400000, 0x500000), 0);
	ATF_CHECK_EQ(vm_phys_avail_remove(a, 8, 0x1200000, 0x1300000),
	    ENOSPC);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, vm_phys__setup_fully_coalesced);
	ATF_TP_ADD_TC(tp, vm_phys__split_and_coalesce);
	ATF_TP_ADD_TC(tp, vm_phys__random_against_model);
	ATF_TP_ADD_TC(tp, vm_phys__drain_order0_and_refill);
	ATF_TP_ADD_TC(tp, vm_phys__free_merges_buddies);
	ATF_TP_ADD_TC(tp, vm_phys__check_catches_corruption);
	ATF_TP_ADD_TC(tp, vm_phys__avail_remove);
	return (atf_no_error());
}
