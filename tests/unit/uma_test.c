/*
 * uma_test.c: the zone allocator (sys/vm/uma_core.c) on the host, over
 * a fake page provider (aligned host memory, with a page -> slab table
 * standing in for the vm_page records).  Checks slab bookkeeping,
 * layouts, hooks, limits, exhaustion and that every statistic returns
 * to its baseline; uma_zone_check (UMA's own checker) is the oracle of
 * list and counter consistency.
 */
#include <atf-c.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kshim.h"
#include "kmem_shim.h"

#define PAGE	4096ul

/* --- The fake page provider (vm/uma_int.h's back end, and kmem) --- */

void	*uma_small_alloc(int flags);
void	uma_small_free(void *mem);
vm_offset_t kmem_malloc(vm_size_t size, int flags);
void	kmem_free(vm_offset_t addr, vm_size_t size);
void	vsetslab(vm_offset_t va, void *slab);
void	*vtoslab(vm_offset_t va);

static long	pages_out;	/* pages handed out and not returned */
static long	pages_left = -1; /* pages that may still be had; -1: any */

static void *
page_get(size_t npages, int flags)
{
	void *p;

	if (pages_left >= 0 && (size_t)pages_left < npages)
		return (NULL);
	if (pages_left >= 0)
		pages_left -= (long)npages;
	p = aligned_alloc(PAGE, npages * PAGE);
	ATF_REQUIRE(p != NULL);
	/* Dirty memory unless zeroing was asked for. */
	memset(p, (flags & M_ZERO) ? 0 : 0xa5, npages * PAGE);
	pages_out += (long)npages;
	return (p);
}

static void
page_put(void *p, size_t npages)
{
	memset(p, 0x5a, npages * PAGE);
	free(p);
	pages_out -= (long)npages;
}

void *
uma_small_alloc(int flags)
{
	return (page_get(1, flags));
}

void
uma_small_free(void *mem)
{
	page_put(mem, 1);
}

vm_offset_t
kmem_malloc(vm_size_t size, int flags)
{
	return ((vm_offset_t)page_get(size / PAGE, flags));
}

void
kmem_free(vm_offset_t addr, vm_size_t size)
{
	page_put((void *)addr, size / PAGE);
}

/* page -> slab, an open-addressing table keyed by page address. */
#define NSLOTS	(1 << 18)
static struct {
	vm_offset_t	page;
	void		*slab;
} slots[NSLOTS];

static size_t
slot_of(vm_offset_t va)
{
	vm_offset_t page = va & ~(PAGE - 1);
	size_t i = (size_t)(page >> 12) * 2654435761u % NSLOTS;

	while (slots[i].page != 0 && slots[i].page != page)
		i = (i + 1) % NSLOTS;
	slots[i].page = page;
	return (i);
}

void
vsetslab(vm_offset_t va, void *slab)
{
	slots[slot_of(va)].slab = slab;
}

void *
vtoslab(vm_offset_t va)
{
	return (slots[slot_of(va)].slab);
}

/* --- Helpers --- */

static void
start(void)
{
	uma_startup();
}

#define STAT(zone, col)	shim_uma_stat((zone), (col))

struct find_arg {
	const char	*name;
	uma_zone_t	zone;
	int		count;
};

static void
find_zone(uma_zone_t zone, void *arg)
{
	struct find_arg *fa = arg;

	fa->count++;
	if (strcmp(uma_zone_name(zone), fa->name) == 0)
		fa->zone = zone;
}

static uma_zone_t
zone_by_name(const char *name, int *countp)
{
	struct find_arg fa = { name, NULL, 0 };

	uma_zone_foreach(find_zone, &fa);
	if (countp != NULL)
		*countp = fa.count;
	return (fa.zone);
}

static void
shuffle(void **v, size_t n)
{
	size_t i, j;
	void *t;

	for (i = n - 1; i > 0; i--) {
		j = (size_t)random() % (i + 1);
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

/* --- Tests --- */

ATF_TC_WITHOUT_HEAD(uma__many_items_back_to_baseline);
ATF_TC_BODY(uma__many_items_back_to_baseline, tc)
{
	enum { N = 5000 };
	static void *items[N];
	uma_zone_t zone;
	long pages0;
	size_t i;

	start();
	pages0 = pages_out;
	zone = uma_zcreate("test-100", 100, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	ATF_REQUIRE(zone != NULL);
	ATF_CHECK_EQ(STAT(zone, "SIZE"), 100);
	for (i = 0; i < N; i++) {
		items[i] = uma_zalloc_arg(zone, NULL, M_WAITOK);
		ATF_REQUIRE(items[i] != NULL);
		ATF_CHECK_EQ((uintptr_t)items[i] % 8, 0);
		memset(items[i], (int)(i & 0xff), 100);
	}
	for (i = 0; i < N; i++) {
		const uint8_t *p = items[i];

		ATF_REQUIRE_MSG(p[0] == (i & 0xff) && p[99] == (i & 0xff),
		    "item %zu overwritten", i);
	}
	ATF_CHECK(uma_zone_check(zone));
	ATF_CHECK_EQ(STAT(zone, "USED"), N);
	ATF_CHECK_EQ(STAT(zone, "REQ"), N);
	ATF_CHECK(STAT(zone, "SLABS") >= N / STAT(zone, "IPERS"));
	ATF_CHECK_EQ(STAT(zone, "PAGES"), STAT(zone, "SLABS"));
	ATF_CHECK_EQ(STAT(zone, "FREE"),
	    STAT(zone, "SLABS") * STAT(zone, "IPERS") - N);
	srandom(7);
	shuffle(items, N);
	for (i = 0; i < N; i++) {
		uma_zfree_arg(zone, items[i], NULL);
		if (i % 500 == 0)
			ATF_REQUIRE(uma_zone_check(zone));
	}
	ATF_CHECK(uma_zone_check(zone));
	ATF_CHECK_EQ(STAT(zone, "USED"), 0);
	ATF_CHECK_EQ(STAT(zone, "FREES"), N);
	ATF_CHECK_EQ(STAT(zone, "FAIL"), 0);
	/* At most the one spare slab is kept; reclaim gives it back. */
	ATF_CHECK(STAT(zone, "SLABS") <= 1);
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	ATF_CHECK_EQ(STAT(zone, "SLABS"), 0);
	ATF_CHECK_EQ(STAT(zone, "PAGES"), 0);
	ATF_CHECK_EQ(STAT(zone, "FREE"), 0);
	uma_zdestroy(zone);
	uma_reclaim(UMA_RECLAIM_DRAIN);
	ATF_CHECK_EQ(pages_out, pages0);
}

/* Items per slab, pages per slab, and alignment, for typical sizes. */
ATF_TC_WITHOUT_HEAD(uma__layouts_and_alignment);
ATF_TC_BODY(uma__layouts_and_alignment, tc)
{
	static const struct {
		size_t	size;
		int	align;
		u_int	ipers, ppera;
		size_t	natural;	/* items aligned to this */
	} cases[] = {
		{ 16, UMA_ALIGN_PTR, 251, 1, 16 },	/* header in page */
		{ 64, UMA_ALIGN_PTR, 62, 1, 64 },
		{ 256, UMA_ALIGN_PTR, 15, 1, 256 },
		{ 512, UMA_ALIGN_PTR, 8, 1, 512 },	/* header off page */
		{ 1024, UMA_ALIGN_PTR, 4, 1, 1024 },
		{ 2048, UMA_ALIGN_PTR, 2, 1, 2048 },
		{ 4096, UMA_ALIGN_PTR, 1, 1, 4096 },
		{ 8192, UMA_ALIGN_PTR, 1, 2, 4096 },
		{ 65536, UMA_ALIGN_PTR, 1, 16, 4096 },
		{ 3000, UMA_ALIGN_PTR, 1, 1, 4096 },
		{ 100, UMA_ALIGN_CACHE, 31, 1, 64 },
		{ 24, UMA_ALIGN_PTR, 167, 1, 8 },
	};
	void *items[40];
	uma_zone_t zone;
	size_t c, i, n;
	long pages0;

	start();
	pages0 = pages_out;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		zone = uma_zcreate("layout", cases[c].size, NULL, NULL, NULL,
		    NULL, cases[c].align, 0);
		ATF_CHECK_EQ_MSG(STAT(zone, "IPERS"), cases[c].ipers,
		    "size %zu: %lu items per slab", cases[c].size,
		    (u_long)STAT(zone, "IPERS"));
		ATF_CHECK_EQ_MSG(STAT(zone, "PPERA"), cases[c].ppera,
		    "size %zu: %lu pages per slab", cases[c].size,
		    (u_long)STAT(zone, "PPERA"));
		n = 2 * cases[c].ipers + 1;
		if (n > 40)
			n = 40;
		for (i = 0; i < n; i++) {
			items[i] = uma_zalloc_arg(zone, NULL, M_NOWAIT);
			ATF_REQUIRE(items[i] != NULL);
			ATF_CHECK_MSG((uintptr_t)items[i] %
			    cases[c].natural == 0, "size %zu: item %p",
			    cases[c].size, items[i]);
			memset(items[i], 0xee, cases[c].size);
		}
		ATF_CHECK(uma_zone_check(zone));
		for (i = 0; i < n; i++)
			uma_zfree_arg(zone, items[i], NULL);
		ATF_CHECK(uma_zone_check(zone));
		uma_zdestroy(zone);
	}
	uma_reclaim(UMA_RECLAIM_DRAIN);
	ATF_CHECK_EQ(pages_out, pages0);
}

static int n_init, n_fini, n_ctor, n_dtor, fail_ctor, fail_init_at;

static int
t_init(void *mem, int size, int flags)
{
	if (fail_init_at > 0 && ++n_init == fail_init_at)
		return (1);
	if (fail_init_at == 0)
		n_init++;
	*(int *)mem = 0x1717;
	return (0);
}

static void
t_fini(void *mem, int size)
{
	ATF_CHECK_EQ(*(int *)mem, 0x1717);
	n_fini++;
}

static int
t_ctor(void *mem, int size, void *arg, int flags)
{
	ATF_CHECK_EQ(*(int *)mem, 0x1717);	/* init's state survives */
	ATF_CHECK_EQ((uintptr_t)arg, 42);
	n_ctor++;
	return (fail_ctor);
}

static void
t_dtor(void *mem, int size, void *arg)
{
	ATF_CHECK_EQ((uintptr_t)arg, 43);
	n_dtor++;
}

ATF_TC_WITHOUT_HEAD(uma__hooks_run_when_they_should);
ATF_TC_BODY(uma__hooks_run_when_they_should, tc)
{
	void *a, *b;
	uma_zone_t zone;
	int ipers;

	start();
	zone = uma_zcreate("hooks", 200, t_ctor, t_dtor, t_init, t_fini,
	    UMA_ALIGN_PTR, 0);
	ipers = (int)STAT(zone, "IPERS");
	a = uma_zalloc_arg(zone, (void *)42, M_WAITOK);
	ATF_REQUIRE(a != NULL);
	ATF_CHECK_EQ(n_init, ipers);	/* a slab was made */
	ATF_CHECK_EQ(n_ctor, 1);
	b = uma_zalloc_arg(zone, (void *)42, M_WAITOK);
	ATF_CHECK_EQ(n_init, ipers);
	ATF_CHECK_EQ(n_ctor, 2);
	uma_zfree_arg(zone, b, (void *)43);
	ATF_CHECK_EQ(n_dtor, 1);
	ATF_CHECK_EQ(n_fini, 0);	/* the slab stays */

	/* A failing ctor: NULL, counted as a failure, item back. */
	fail_ctor = 1;
	b = uma_zalloc_arg(zone, (void *)42, M_NOWAIT);
	ATF_CHECK(b == NULL);
	ATF_CHECK_EQ(STAT(zone, "FAIL"), 1);
	ATF_CHECK_EQ(STAT(zone, "USED"), 1);
	ATF_CHECK_EQ(STAT(zone, "REQ"), 2);
	ATF_CHECK(uma_zone_check(zone));
	fail_ctor = 0;

	uma_zfree_arg(zone, a, (void *)43);
	ATF_CHECK_EQ(n_dtor, 2);
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	ATF_CHECK_EQ(n_fini, ipers);
	ATF_CHECK_EQ(STAT(zone, "SLABS"), 0);

	/* A failing init: the half-built slab is undone. */
	n_init = n_fini = 0;
	fail_init_at = 3;
	a = uma_zalloc_arg(zone, (void *)42, M_NOWAIT);
	ATF_CHECK(a == NULL);
	ATF_CHECK_EQ(n_fini, 2);
	ATF_CHECK_EQ(STAT(zone, "SLABS"), 0);
	ATF_CHECK_EQ(STAT(zone, "FAIL"), 2);
	fail_init_at = 0;
	ATF_CHECK(uma_zone_check(zone));
	uma_zdestroy(zone);
}

ATF_TC_WITHOUT_HEAD(uma__zero_and_zinit);
ATF_TC_BODY(uma__zero_and_zinit, tc)
{
	uma_zone_t zone;
	uint8_t *p;
	int i;

	start();
	zone = uma_zcreate("zero", 300, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	p = uma_zalloc_arg(zone, NULL, M_WAITOK);
	ATF_CHECK_EQ(p[0], 0xa5);	/* the provider's dirt */
	memset(p, 0xff, 300);
	uma_zfree_arg(zone, p, NULL);
	p = uma_zalloc_arg(zone, NULL, M_WAITOK | M_ZERO);
	for (i = 0; i < 300; i++)
		ATF_REQUIRE_EQ_MSG(p[i], 0, "byte %d", i);
	uma_zfree_arg(zone, p, NULL);
	uma_zdestroy(zone);

	zone = uma_zcreate("zinit", 300, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, UMA_ZONE_ZINIT);
	p = uma_zalloc_arg(zone, NULL, M_WAITOK);
	for (i = 0; i < 300; i++)
		ATF_REQUIRE_EQ_MSG(p[i], 0, "byte %d", i);
	uma_zfree_arg(zone, p, NULL);
	uma_zdestroy(zone);
}

ATF_TC_WITHOUT_HEAD(uma__limit_and_exhaustion_fail);
ATF_TC_BODY(uma__limit_and_exhaustion_fail, tc)
{
	void *items[64], *p;
	uma_zone_t zone;
	int i;

	start();
	zone = uma_zcreate("limit", 64, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	ATF_CHECK_EQ(uma_zone_set_max(zone, 10), 10);
	ATF_CHECK_EQ(STAT(zone, "LIMIT"), 10);
	for (i = 0; i < 10; i++)
		ATF_REQUIRE((items[i] = uma_zalloc_arg(zone, NULL,
		    M_NOWAIT)) != NULL);
	ATF_CHECK(uma_zalloc_arg(zone, NULL, M_NOWAIT) == NULL);
	ATF_CHECK_EQ(STAT(zone, "FAIL"), 1);
	uma_zfree_arg(zone, items[3], NULL);
	ATF_REQUIRE((items[3] = uma_zalloc_arg(zone, NULL, M_NOWAIT)) !=
	    NULL);
	for (i = 0; i < 10; i++)
		uma_zfree_arg(zone, items[i], NULL);
	uma_zone_set_max(zone, 0);

	/* No pages: M_NOWAIT fails cleanly, the zone stays consistent. */
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	pages_left = 0;
	p = uma_zalloc_arg(zone, NULL, M_NOWAIT);
	ATF_CHECK(p == NULL);
	ATF_CHECK_EQ(STAT(zone, "FAIL"), 2);
	ATF_CHECK_EQ(STAT(zone, "USED"), 0);
	pages_left = -1;
	ATF_CHECK(uma_zone_check(zone));
	p = uma_zalloc_arg(zone, NULL, M_NOWAIT);
	ATF_CHECK(p != NULL);
	uma_zfree_arg(zone, p, NULL);
	uma_zdestroy(zone);
}

/* The one-spare-slab policy, and UMA_ZONE_NOFREE. */
ATF_TC_WITHOUT_HEAD(uma__spare_slab_and_nofree);
ATF_TC_BODY(uma__spare_slab_and_nofree, tc)
{
	void *items[600];
	uma_zone_t zone;
	int i, ipers, n;

	start();
	zone = uma_zcreate("spare", 128, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	ipers = (int)STAT(zone, "IPERS");
	n = 3 * ipers;
	for (i = 0; i < n; i++)
		items[i] = uma_zalloc_arg(zone, NULL, M_WAITOK);
	ATF_CHECK_EQ(STAT(zone, "SLABS"), 3);
	/* Cycling one item at a slab boundary costs no pages. */
	items[n] = uma_zalloc_arg(zone, NULL, M_WAITOK);
	ATF_CHECK_EQ(STAT(zone, "SLABS"), 4);
	for (i = 0; i < 5; i++) {
		uma_zfree_arg(zone, items[n], NULL);
		ATF_CHECK_EQ(STAT(zone, "SLABS"), 4);
		items[n] = uma_zalloc_arg(zone, NULL, M_WAITOK);
		ATF_CHECK_EQ(STAT(zone, "SLABS"), 4);
	}
	for (i = 0; i <= n; i++)
		uma_zfree_arg(zone, items[i], NULL);
	ATF_CHECK_EQ(STAT(zone, "SLABS"), 1);	/* one spare */
	uma_zdestroy(zone);

	zone = uma_zcreate("nofree", 128, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, UMA_ZONE_NOFREE);
	for (i = 0; i < n; i++)
		items[i] = uma_zalloc_arg(zone, NULL, M_WAITOK);
	for (i = 0; i < n; i++)
		uma_zfree_arg(zone, items[i], NULL);
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	ATF_CHECK_EQ(STAT(zone, "SLABS"), 3);
	ATF_CHECK_EQ(STAT(zone, "FREE"), (uint64_t)n);
	uma_zdestroy(zone);	/* destroy does give them back */
}

ATF_TC_WITHOUT_HEAD(uma__zone_list);
ATF_TC_BODY(uma__zone_list, tc)
{
	uma_zone_t zone, slabs;
	uint64_t slabs_used;
	void *p[8];
	int n0, n1, n2, i;

	start();
	ATF_CHECK(zone_by_name("UMA Zones", &n0) != NULL);
	slabs = zone_by_name("UMA Slabs", NULL);
	ATF_REQUIRE(slabs != NULL);
	slabs_used = STAT(slabs, "USED");
	zone = uma_zcreate("listed", 1024, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	ATF_CHECK(zone_by_name("listed", &n1) == zone);
	ATF_CHECK_EQ(n1, n0 + 1);
	for (i = 0; i < 8; i++)		/* off-page: headers from Slabs */
		p[i] = uma_zalloc_arg(zone, NULL, M_WAITOK);
	ATF_CHECK_EQ(STAT(slabs, "USED"), slabs_used + STAT(zone, "SLABS"));
	for (i = 0; i < 8; i++)
		uma_zfree_arg(zone, p[i], NULL);
	uma_zdestroy(zone);
	ATF_CHECK(zone_by_name("listed", &n2) == NULL);
	ATF_CHECK_EQ(n2, n0);
	ATF_CHECK_EQ(STAT(slabs, "USED"), slabs_used);
}

ATF_TC(uma__double_free_panics);
ATF_TC_HEAD(uma__double_free_panics, tc)
{
	atf_tc_set_md_var(tc, "descr", "a second free of an item panics");
}
ATF_TC_BODY(uma__double_free_panics, tc)
{
	uma_zone_t zone;
	void *a, *b;

	start();
	zone = uma_zcreate("twice", 32, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	a = uma_zalloc_arg(zone, NULL, M_WAITOK);
	b = uma_zalloc_arg(zone, NULL, M_WAITOK);	/* keeps the slab */
	(void)b;
	uma_zfree_arg(zone, a, NULL);
	atf_tc_expect_signal(SIGABRT, "the kernel's panic aborts");
	uma_zfree_arg(zone, a, NULL);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, uma__many_items_back_to_baseline);
	ATF_TP_ADD_TC(tp, uma__layouts_and_alignment);
	ATF_TP_ADD_TC(tp, uma__hooks_run_when_they_should);
	ATF_TP_ADD_TC(tp, uma__zero_and_zinit);
	ATF_TP_ADD_TC(tp, uma__limit_and_exhaustion_fail);
	ATF_TP_ADD_TC(tp, uma__spare_slab_and_nofree);
	ATF_TP_ADD_TC(tp, uma__zone_list);
	ATF_TP_ADD_TC(tp, uma__double_free_panics);
	return (atf_no_error());
}
