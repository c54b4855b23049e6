/*
 * uma_core_test.c: in-kernel tests of the zone allocator on real pages:
 * many items across many slabs (one-page slabs through the direct map,
 * multi-page slabs through kmem), hooks, and every statistic, including
 * the system's free page count, back at its baseline afterwards.  Also
 * prints the zones in the manner of `vmstat -z`.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>

#include <vm/uma.h>

#include <machine/vmparam.h>

static bool
stats_equal(const struct uma_zone_stats *a, const struct uma_zone_stats *b)
{
	return (a->uzs_used == b->uzs_used && a->uzs_free == b->uzs_free &&
	    a->uzs_slabs == b->uzs_slabs && a->uzs_pages == b->uzs_pages &&
	    a->uzs_fails == b->uzs_fails);
}

/*
 * Allocate n items of zone, fill each with a pattern of its index, check
 * them all, free them in an interleaved order.  Returns false on a
 * mismatch.
 */
static bool
zone_exercise(uma_zone_t zone, void **items, u_int n)
{
	size_t size = uma_zone_size(zone);
	u_int i, j;
	bool ok = true;

	for (i = 0; i < n; i++) {
		items[i] = uma_zalloc(zone, M_WAITOK);
		memset(items[i], (int)(i * 13 + 1), size);
	}
	for (i = 0; i < n; i++) {
		const uint8_t *p = items[i];

		for (j = 0; j < size; j += 61)
			ok &= p[j] == (uint8_t)(i * 13 + 1);
		ok &= p[size - 1] == (uint8_t)(i * 13 + 1);
	}
	for (i = 0; i < n; i += 2)
		uma_zfree(zone, items[i]);
	for (i = 1; i < n; i += 2)
		uma_zfree(zone, items[i]);
	return (ok);
}

KTEST(uma, many_items_back_to_baseline)
{
	enum { N = 3000 };
	static void *items[N];
	struct uma_zone_stats s0, s1, s;
	uma_zone_t zone;
	u_int free0;

	zone = uma_zcreate("ktest-200", 200, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	KT_ASSERT(kt, zone != NULL);
	uma_zone_get_stats(zone, &s0);
	free0 = vm_cnt.v_free_count;
	KT_EXPECT(kt, zone_exercise(zone, items, N));
	uma_zone_get_stats(zone, &s);
	KT_EXPECT_EQ(kt, s.uzs_requests, N);
	KT_EXPECT_EQ(kt, s.uzs_frees, N);
	KT_EXPECT_EQ(kt, s.uzs_used, 0);
	KT_EXPECT(kt, uma_zone_check(zone));
	KT_EXPECT_EQ(kt, s.uzs_ipers, 20);	/* header in the page */
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	uma_zone_get_stats(zone, &s1);
	KT_EXPECT(kt, stats_equal(&s0, &s1));
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	uma_zdestroy(zone);
}

KTEST(uma, items_in_use_are_counted)
{
	void *items[50];
	struct uma_zone_stats s;
	uma_zone_t zone;
	u_int i;

	zone = uma_zcreate("ktest-64", 64, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	for (i = 0; i < 50; i++) {
		items[i] = uma_zalloc(zone, M_NOWAIT);
		KT_ASSERT(kt, items[i] != NULL);
		KT_EXPECT_EQ(kt, (uintptr_t)items[i] % 64, 0);
		/* One-page slabs live in the direct map. */
		KT_EXPECT(kt, (vm_offset_t)items[i] >= DMAP_MIN_ADDRESS &&
		    (vm_offset_t)items[i] < DMAP_MAX_ADDRESS);
	}
	uma_zone_get_stats(zone, &s);
	KT_EXPECT_EQ(kt, s.uzs_used, 50);
	KT_EXPECT_EQ(kt, uma_zone_get_cur(zone), 50);
	KT_EXPECT_EQ(kt, s.uzs_slabs, 1);
	KT_EXPECT_EQ(kt, s.uzs_free, s.uzs_ipers - 50);
	for (i = 0; i < 50; i++)
		uma_zfree(zone, items[i]);
	uma_zdestroy(zone);
}

/* Items of 10000 bytes: three-page slabs from kmem. */
KTEST(uma, multipage_slabs)
{
	enum { N = 40 };
	static void *items[N];
	struct uma_zone_stats s;
	uma_zone_t zone;
	u_int free0, i;

	zone = uma_zcreate("ktest-10000", 10000, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	/* A first round lets page tables and tags settle. */
	KT_EXPECT(kt, zone_exercise(zone, items, N));
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	free0 = vm_cnt.v_free_count;
	for (i = 0; i < N; i++) {
		items[i] = uma_zalloc(zone, M_WAITOK | M_ZERO);
		KT_EXPECT(kt, (vm_offset_t)items[i] >= VM_MIN_KERNEL_ADDRESS &&
		    (vm_offset_t)items[i] < VM_MAX_KERNEL_ADDRESS);
		KT_EXPECT_EQ(kt, ((uint8_t *)items[i])[9999], 0);
	}
	uma_zone_get_stats(zone, &s);
	KT_EXPECT_EQ(kt, s.uzs_ppera, 3);
	KT_EXPECT_EQ(kt, s.uzs_pages, 3 * N);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0 - 3 * N);
	for (i = 0; i < N; i++)
		uma_zfree(zone, items[i]);
	KT_EXPECT(kt, uma_zone_check(zone));
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	uma_zdestroy(zone);
}

static int hook_inits, hook_finis, hook_ctors, hook_dtors;

static int
hook_init(void *mem, int size, int flags)
{
	hook_inits++;
	return (0);
}

static void
hook_fini(void *mem, int size)
{
	hook_finis++;
}

static int
hook_ctor(void *mem, int size, void *arg, int flags)
{
	hook_ctors++;
	*(void **)mem = arg;
	return (0);
}

static void
hook_dtor(void *mem, int size, void *arg)
{
	hook_dtors++;
}

KTEST(uma, hooks)
{
	struct uma_zone_stats s;
	uma_zone_t zone;
	void *a, *b;

	hook_inits = hook_finis = hook_ctors = hook_dtors = 0;
	zone = uma_zcreate("ktest-hooks", 48, hook_ctor, hook_dtor,
	    hook_init, hook_fini, UMA_ALIGN_PTR, 0);
	uma_zone_get_stats(zone, &s);
	a = uma_zalloc_arg(zone, &s, M_WAITOK);
	b = uma_zalloc_arg(zone, NULL, M_WAITOK | M_ZERO);
	KT_EXPECT(kt, *(void **)a == &s);	/* ctor ran after M_ZERO */
	KT_EXPECT_EQ(kt, hook_inits, s.uzs_ipers);
	KT_EXPECT_EQ(kt, hook_ctors, 2);
	uma_zfree(zone, a);
	uma_zfree(zone, b);
	KT_EXPECT_EQ(kt, hook_dtors, 2);
	KT_EXPECT_EQ(kt, hook_finis, 0);
	uma_zdestroy(zone);
	KT_EXPECT_EQ(kt, hook_finis, s.uzs_ipers);
}

KTEST(uma, limit_fails_nowait)
{
	struct uma_zone_stats s;
	void *items[4];
	uma_zone_t zone;
	u_int i;

	zone = uma_zcreate("ktest-limit", 32, NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
	uma_zone_set_max(zone, 4);
	for (i = 0; i < 4; i++)
		items[i] = uma_zalloc(zone, M_NOWAIT);
	KT_EXPECT(kt, uma_zalloc(zone, M_NOWAIT) == NULL);
	uma_zone_get_stats(zone, &s);
	KT_EXPECT_EQ(kt, s.uzs_limit, 4);
	KT_EXPECT_EQ(kt, s.uzs_fails, 1);
	KT_EXPECT_EQ(kt, s.uzs_requests, 4);
	for (i = 0; i < 4; i++)
		uma_zfree(zone, items[i]);
	uma_zdestroy(zone);
}

struct zone_walk {
	struct ktest_ctx *kt;
	int		nzones;
	u_int		found;		/* bit i: names[i] seen */
};

static const char *const boot_zone_names[] = {
	"UMA Zones", "UMA Slabs", "malloc-16", "malloc-32", "malloc-64",
	"malloc-128", "malloc-256", "malloc-512", "malloc-1024",
	"malloc-2048", "malloc-4096", "malloc-8192", "malloc-16384",
	"malloc-32768", "malloc-65536",
};

/* One line per zone, vmstat -z's columns; checks each zone on the way. */
static void
print_zone(uma_zone_t zone, void *arg)
{
	struct zone_walk *zw = arg;
	struct uma_zone_stats s;
	u_int i;

	uma_zone_get_stats(zone, &s);
	printf("# %-14s %6lu, %5lu, %6lu, %6lu, %8lu, %4lu, %4lu\n",
	    uma_zone_name(zone), s.uzs_size, s.uzs_limit, s.uzs_used,
	    s.uzs_free, s.uzs_requests, s.uzs_fails, s.uzs_sleeps);
	KT_EXPECT(zw->kt, uma_zone_check(zone));
	for (i = 0; i < nitems(boot_zone_names); i++)
		if (strcmp(uma_zone_name(zone), boot_zone_names[i]) == 0)
			zw->found |= 1u << i;
	zw->nzones++;
}

KTEST(uma, boot_zones)
{
	struct zone_walk zw = { kt, 0, 0 };

	printf("# %-14s %6s  %5s  %6s  %6s  %8s  %4s  %4s\n", "ITEM", "SIZE",
	    "LIMIT", "USED", "FREE", "REQ", "FAIL", "SLEEP");
	uma_zone_foreach(print_zone, &zw);
	KT_EXPECT(kt, zw.nzones >= (int)nitems(boot_zone_names));
	KT_EXPECT_EQ(kt, zw.found, (1u << nitems(boot_zone_names)) - 1);
}
