/*
 * kern_malloc_test.c: in-kernel tests of malloc(9): sizes from 1 byte to
 * 1 MiB (powers of 2, their neighbours, page-straddling sizes) hold
 * their patterns and are aligned; M_ZERO zeroes reused memory; the
 * malloc type's counters, the bucket zones' counters and the free page
 * count all return to their baseline; realloc keeps contents.  Also
 * prints the malloc types in the manner of `vmstat -m`.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>

#include <vm/uma.h>

MALLOC_DEFINE(M_KTEST, "ktest", "in-kernel test allocations");

static const size_t test_sizes[] = {
	1, 2, 3, 7, 8, 15, 16, 17, 24, 31, 32, 33, 63, 64, 65, 100, 127, 128,
	129, 255, 256, 257, 500, 511, 512, 513, 1000, 1023, 1024, 1025, 2047,
	2048, 2049, 3000, 4095, 4096, 4097, 5000, 6000, 8191, 8192, 8193,
	12288, 12289, 16383, 16384, 16385, 32767, 32768, 32769, 65535, 65536,
	65537, 100000, 131072, 200000, 262144, 524287, 1048575, 1048576,
};
#define NSIZES	nitems(test_sizes)

/* The byte at offset off of the allocation numbered i. */
static inline uint8_t
pattern(u_int i, size_t off)
{
	return ((uint8_t)(i * 31 + off * 7 + (off >> 8)));
}

/* The bucket zones' USED and slab counts, summed, and the free pages. */
struct malloc_snapshot {
	uint64_t	used;
	uint64_t	slabs;
	u_int		free_pages;
	u_long		inuse;
	u_long		memuse;
};

static void
sum_zone(uma_zone_t zone, void *arg)
{
	struct malloc_snapshot *ms = arg;
	struct uma_zone_stats s;

	if (strncmp(uma_zone_name(zone), "malloc-", 7) != 0)
		return;
	uma_zone_get_stats(zone, &s);
	ms->used += s.uzs_used;
	ms->slabs += s.uzs_slabs;
}

static void
snapshot(struct malloc_snapshot *ms, struct malloc_type *mtp)
{
	memset(ms, 0, sizeof(*ms));
	uma_reclaim(UMA_RECLAIM_DRAIN);
	uma_zone_foreach(sum_zone, ms);
	ms->free_pages = vm_cnt.v_free_count;
	ms->inuse = malloc_type_inuse(mtp);
	ms->memuse = malloc_type_memuse(mtp);
}

/* Allocate every test size at once, check patterns and alignment, free. */
static bool
malloc_all_sizes(struct ktest_ctx *kt, int flags)
{
	static void *p[NSIZES];
	size_t off, size;
	u_int i;
	bool ok = true;

	for (i = 0; i < NSIZES; i++) {
		size = test_sizes[i];
		p[i] = malloc(size, M_KTEST, flags);
		KT_ASSERT(kt, p[i] != NULL);
		KT_EXPECT(kt, malloc_usable_size(p[i]) >= size);
		/* 16-byte alignment at least; natural up to a page. */
		KT_EXPECT_EQ(kt, (uintptr_t)p[i] % 16, 0);
		if (powerof2(size) && size >= 16 && size <= PAGE_SIZE)
			KT_EXPECT_EQ(kt, (uintptr_t)p[i] % size, 0);
		if (size > PAGE_SIZE)
			KT_EXPECT_EQ(kt, (uintptr_t)p[i] % PAGE_SIZE, 0);
		for (off = 0; off < size; off++)
			((uint8_t *)p[i])[off] = pattern(i, off);
	}
	for (i = 0; i < NSIZES; i++) {
		for (off = 0; off < test_sizes[i]; off++) {
			if (((uint8_t *)p[i])[off] != pattern(i, off)) {
				printf("# size %zu: byte %zu overwritten\n",
				    test_sizes[i], off);
				ok = false;
				break;
			}
		}
	}
	for (i = 0; i < NSIZES; i += 2)
		free(p[i], M_KTEST);
	for (i = 1; i < NSIZES; i += 2)
		free(p[i], M_KTEST);
	return (ok);
}

KTEST(malloc, many_sizes_back_to_baseline)
{
	struct malloc_snapshot s0, s1;
	u_long allocs0;

	KT_EXPECT(kt, malloc_all_sizes(kt, M_WAITOK));	/* settle */
	snapshot(&s0, M_KTEST);
	allocs0 = M_KTEST->ks_stats.mts_numallocs;
	KT_EXPECT(kt, malloc_all_sizes(kt, M_NOWAIT));
	snapshot(&s1, M_KTEST);
	KT_EXPECT_EQ(kt, M_KTEST->ks_stats.mts_numallocs, allocs0 + NSIZES);
	KT_EXPECT_EQ(kt, s1.inuse, s0.inuse);
	KT_EXPECT_EQ(kt, s1.memuse, s0.memuse);
	KT_EXPECT_EQ(kt, s1.used, s0.used);
	KT_EXPECT_EQ(kt, s1.slabs, s0.slabs);
	KT_EXPECT_EQ(kt, s1.free_pages, s0.free_pages);
}

KTEST(malloc, type_counts_each_allocation)
{
	u_long inuse0 = malloc_type_inuse(M_KTEST);
	u_long memuse0 = malloc_type_memuse(M_KTEST);
	void *a, *b, *c;

	a = malloc(1, M_KTEST, M_WAITOK);	/* bucket 16 */
	b = malloc(100, M_KTEST, M_WAITOK);	/* bucket 128 */
	c = malloc(70000, M_KTEST, M_WAITOK);	/* 18 pages */
	KT_EXPECT_EQ(kt, malloc_type_inuse(M_KTEST), inuse0 + 3);
	KT_EXPECT_EQ(kt, malloc_type_memuse(M_KTEST),
	    memuse0 + 16 + 128 + 18 * PAGE_SIZE);
	KT_EXPECT(kt, M_KTEST->ks_stats.mts_size & (1u << 0));
	KT_EXPECT(kt, M_KTEST->ks_stats.mts_size & (1u << 3));
	KT_EXPECT_EQ(kt, malloc_usable_size(b), 128);
	KT_EXPECT_EQ(kt, malloc_usable_size(c), 18 * PAGE_SIZE);
	free(b, M_KTEST);
	free(a, M_KTEST);
	free(c, M_KTEST);
	KT_EXPECT_EQ(kt, malloc_type_inuse(M_KTEST), inuse0);
	KT_EXPECT_EQ(kt, malloc_type_memuse(M_KTEST), memuse0);
}

KTEST(malloc, zero_really_zeroes)
{
	static const size_t sizes[] = { 24, 1000, 4096, 5000, 70000 };
	uint8_t *p;
	size_t i, off;

	for (i = 0; i < nitems(sizes); i++) {
		p = malloc(sizes[i], M_KTEST, M_WAITOK);
		memset(p, 0xff, sizes[i]);
		free(p, M_KTEST);
		/* Most likely the very same memory comes back. */
		p = malloc(sizes[i], M_KTEST, M_WAITOK | M_ZERO);
		for (off = 0; off < sizes[i]; off++)
			if (p[off] != 0)
				break;
		KT_EXPECT_EQ(kt, off, sizes[i]);
		free(p, M_KTEST);
	}
}

KTEST(malloc, large_allocation_pages)
{
	u_int free0;
	void *p;

	free(malloc(1 << 20, M_KTEST, M_WAITOK), M_KTEST);	/* settle */
	free0 = vm_cnt.v_free_count;
	p = malloc(1 << 20, M_KTEST, M_WAITOK);
	KT_ASSERT(kt, p != NULL);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0 - 256);
	free(p, M_KTEST);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
}

KTEST(malloc, free_null_and_impossible_nowait)
{
	u_long inuse0 = malloc_type_inuse(M_KTEST);

	free(NULL, M_KTEST);
	KT_EXPECT(kt, malloc(1ul << 40, M_KTEST, M_NOWAIT) == NULL);
	KT_EXPECT(kt, malloc(SIZE_MAX, M_KTEST, M_NOWAIT) == NULL);
	KT_EXPECT_EQ(kt, malloc_type_inuse(M_KTEST), inuse0);
}

KTEST(malloc, realloc_keeps_contents)
{
	static const size_t steps[] = { 10, 100, 120, 5000, 100000, 3000, 50 };
	uint8_t *p, *q;
	size_t i, off, have;
	u_long inuse0 = malloc_type_inuse(M_KTEST);

	p = realloc(NULL, 10, M_KTEST, M_WAITOK);
	for (off = 0; off < 10; off++)
		p[off] = pattern(0, off);
	have = 10;
	for (i = 1; i < nitems(steps); i++) {
		q = realloc(p, steps[i], M_KTEST, M_WAITOK);
		KT_ASSERT(kt, q != NULL);
		for (off = 0; off < MIN(have, steps[i]); off++)
			if (q[off] != pattern(0, off))
				break;
		KT_EXPECT_EQ(kt, off, MIN(have, steps[i]));
		for (off = have; off < steps[i]; off++)
			q[off] = pattern(0, off);
		if (steps[i] == 120)
			KT_EXPECT(kt, q == p);	/* still fits its bucket */
		have = steps[i];
		p = q;
	}
	free(p, M_KTEST);
	KT_EXPECT_EQ(kt, malloc_type_inuse(M_KTEST), inuse0);
}

/* One line per malloc type, as vmstat -m prints them. */
static void
print_type(struct malloc_type *mtp, void *arg)
{
	u_int *n = arg;

	printf("# %12s %6lu %6luK %8lu\n", mtp->ks_shortdesc,
	    malloc_type_inuse(mtp), (malloc_type_memuse(mtp) + 1023) / 1024,
	    mtp->ks_stats.mts_numallocs);
	(*n)++;
}

KTEST(malloc, types_listed)
{
	u_int n = 0;

	printf("# %12s %6s %7s %8s\n", "Type", "InUse", "MemUse",
	    "Requests");
	malloc_type_foreach(print_type, &n);
	KT_EXPECT(kt, n >= 4);	/* devbuf, temp, vmem, ktest */
}
