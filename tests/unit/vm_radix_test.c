/*
 * vm_radix_test.c: the radix trie of resident pages (sys/vm/vm_radix.c)
 * on the host, against a sorted array of keys: random inserts, removes,
 * lookups and nearest-key lookups (lookup_ge, lookup_le) over dense,
 * sparse and clustered key sets, in-order iteration both ways, the
 * edges of the key space, node allocation failure, and what the
 * operations cost.  vm_radix_check, the trie's own checker, is the
 * oracle of its shape.
 */
#include <atf-c.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kshim.h"
#include "vm_object_shim.h"

#define NODEZONE	"RADIX NODE"

#ifndef nitems
#define nitems(x)	(sizeof(x) / sizeof((x)[0]))
#endif

static uint64_t rng_state;

static uint64_t
rng(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return (x * 0x2545f4914f6cdd1dull);
}

static void
setup(uint64_t seed)
{
	static bool zinit;

	if (!zinit) {
		vm_radix_zinit();
		zinit = true;
	}
	rng_state = seed;
	shim_zone_fail_after(-1);
}

/* The model: keys in increasing order, with the page stored under each. */
#define MODEL_MAX	4096
struct model {
	uint64_t	key[MODEL_MAX];
	vm_page_t	page[MODEL_MAX];
	int		n;
};

/* The position of the first key >= k. */
static int
model_find(const struct model *md, uint64_t k)
{
	int lo = 0, hi = md->n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (md->key[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

static bool
model_has(const struct model *md, uint64_t k, int *posp)
{
	*posp = model_find(md, k);
	return (*posp < md->n && md->key[*posp] == k);
}

static void
model_insert(struct model *md, int pos, uint64_t k, vm_page_t m)
{
	memmove(&md->key[pos + 1], &md->key[pos],
	    (size_t)(md->n - pos) * sizeof(md->key[0]));
	memmove(&md->page[pos + 1], &md->page[pos],
	    (size_t)(md->n - pos) * sizeof(md->page[0]));
	md->key[pos] = k;
	md->page[pos] = m;
	md->n++;
}

static void
model_remove(struct model *md, int pos)
{
	memmove(&md->key[pos], &md->key[pos + 1],
	    (size_t)(md->n - pos - 1) * sizeof(md->key[0]));
	memmove(&md->page[pos], &md->page[pos + 1],
	    (size_t)(md->n - pos - 1) * sizeof(md->page[0]));
	md->n--;
}

/* The trie's shape is sound and it holds the model's number of keys. */
static void
check_shape(struct vm_radix *rt, const struct model *md)
{
	uint64_t count;

	ATF_REQUIRE_MSG(vm_radix_check(rt, &count), "%s", kshim_console);
	ATF_REQUIRE_EQ(count, (uint64_t)md->n);
	/* Path compression: fewer nodes than keys. */
	ATF_REQUIRE(shim_zone_used(NODEZONE) < (md->n > 0 ? md->n : 1));
}

/* Key distributions. */
enum dist { DENSE, SPARSE, CLUSTERED };

static uint64_t
random_key(enum dist d)
{
	static const uint64_t bases[] = { 0, 1ull << 63, UINT64_MAX - 4095,
	    0x0000123456789000ull, 0x00007ffffffff000ull >> 12,
	    0xfedcba9876543000ull, 1ull << 32, 0x8000 };

	switch (d) {
	case DENSE:
		return (rng() % 2048);
	case SPARSE:
		return (rng());
	default:
		/* A base, a small offset, and now and then one far digit. */
		return ((bases[rng() % 8] + rng() % 4096) ^
		    ((rng() % 4 == 0) ? (1ull << (rng() % 64)) : 0));
	}
}

/* A key the model holds (n > 0), or a random one. */
static uint64_t
pick_key(const struct model *md, enum dist d)
{
	if (md->n > 0 && rng() % 2 == 0)
		return (md->key[rng() % (uint64_t)md->n]);
	return (random_key(d));
}

static void
random_run(enum dist d, int nops, uint64_t seed)
{
	static struct model md;
	struct vm_radix *rt;
	vm_page_t m, want;
	uint64_t k;
	int i, pos, op;

	setup(seed);
	md.n = 0;
	rt = shim_radix_new();
	for (i = 0; i < nops; i++) {
		op = (int)(rng() % 10);
		/* Keep the model small enough to memmove in. */
		if (md.n > MODEL_MAX - 64 && op < 4)
			op = 4;
		k = pick_key(&md, d);
		switch (op) {
		case 0: case 1: case 2: case 3:		/* insert */
			if (model_has(&md, k, &pos))
				break;
			m = shim_page_new(k);
			ATF_REQUIRE_EQ(vm_radix_insert(rt, m), 0);
			model_insert(&md, pos, k, m);
			break;
		case 4: case 5:				/* remove */
			want = model_has(&md, k, &pos) ? md.page[pos] : NULL;
			ATF_REQUIRE_EQ(vm_radix_remove(rt, k), want);
			if (want != NULL) {
				model_remove(&md, pos);
				kshim_free(want);
			}
			break;
		case 6:					/* lookup */
			want = model_has(&md, k, &pos) ? md.page[pos] : NULL;
			ATF_REQUIRE_EQ(vm_radix_lookup(rt, k), want);
			break;
		case 7: case 8:				/* lookup_ge */
			pos = model_find(&md, k);
			want = pos < md.n ? md.page[pos] : NULL;
			ATF_REQUIRE_EQ_MSG(vm_radix_lookup_ge(rt, k), want,
			    "lookup_ge(%#lx), step %d", k, i);
			break;
		default:				/* lookup_le */
			pos = model_find(&md, k);
			if (pos < md.n && md.key[pos] == k)
				want = md.page[pos];
			else
				want = pos > 0 ? md.page[pos - 1] : NULL;
			ATF_REQUIRE_EQ_MSG(vm_radix_lookup_le(rt, k), want,
			    "lookup_le(%#lx), step %d", k, i);
			break;
		}
		if (i % 997 == 0)
			check_shape(rt, &md);
	}
	check_shape(rt, &md);

	/* Empty it in random order: every node goes back. */
	while (md.n > 0) {
		pos = (int)(rng() % (uint64_t)md.n);
		m = md.page[pos];
		ATF_REQUIRE_EQ(vm_radix_remove(rt, md.key[pos]), m);
		ATF_REQUIRE_EQ(vm_radix_remove(rt, md.key[pos]), NULL);
		model_remove(&md, pos);
		kshim_free(m);
	}
	check_shape(rt, &md);
	ATF_REQUIRE_EQ(shim_zone_used(NODEZONE), 0);
	ATF_REQUIRE_EQ(vm_radix_lookup_ge(rt, 0), NULL);
	ATF_REQUIRE_EQ(vm_radix_lookup_le(rt, UINT64_MAX), NULL);
	kshim_free(rt);
}

ATF_TC_WITHOUT_HEAD(radix__random_dense_against_model);
ATF_TC_BODY(radix__random_dense_against_model, tc)
{
	random_run(DENSE, 200000, 1);
}

ATF_TC_WITHOUT_HEAD(radix__random_sparse_against_model);
ATF_TC_BODY(radix__random_sparse_against_model, tc)
{
	random_run(SPARSE, 200000, 2);
}

ATF_TC_WITHOUT_HEAD(radix__random_clustered_against_model);
ATF_TC_BODY(radix__random_clustered_against_model, tc)
{
	random_run(CLUSTERED, 200000, 3);
}

/* Keys at the ends of the key space and at every digit boundary. */
ATF_TC_WITHOUT_HEAD(radix__edge_keys);
ATF_TC_BODY(radix__edge_keys, tc)
{
	static const uint64_t keys[] = { 0, 1, 15, 16, 0xff, 0x100,
	    1ull << 63, (1ull << 63) - 1, UINT64_MAX - 1, UINT64_MAX };
	vm_page_t pages[nitems(keys)];
	struct vm_radix *rt;
	uint64_t count;
	size_t i;

	setup(4);
	rt = shim_radix_new();
	ATF_CHECK_EQ(vm_radix_lookup_ge(rt, 0), NULL);
	ATF_CHECK_EQ(vm_radix_lookup_le(rt, UINT64_MAX), NULL);

	/* A lone key sits at the root, without a node. */
	pages[0] = shim_page_new(UINT64_MAX);
	ATF_REQUIRE_EQ(vm_radix_insert(rt, pages[0]), 0);
	ATF_CHECK_EQ(shim_zone_used(NODEZONE), 0);
	ATF_CHECK_EQ(vm_radix_lookup_ge(rt, 0), pages[0]);
	ATF_CHECK_EQ(vm_radix_lookup_le(rt, UINT64_MAX - 1), NULL);
	ATF_CHECK_EQ(vm_radix_lookup_ge(rt, UINT64_MAX), pages[0]);
	ATF_CHECK_EQ(vm_radix_remove(rt, UINT64_MAX), pages[0]);
	kshim_free(pages[0]);

	for (i = 0; i < nitems(keys); i++) {
		pages[i] = shim_page_new(keys[nitems(keys) - 1 - i]);
		ATF_REQUIRE_EQ(vm_radix_insert(rt, pages[i]), 0);
	}
	ATF_REQUIRE(vm_radix_check(rt, &count));
	ATF_CHECK_EQ(count, nitems(keys));
	for (i = 0; i < nitems(keys); i++) {
		vm_page_t m = pages[nitems(keys) - 1 - i];	/* keys[i] */

		ATF_CHECK_EQ(vm_radix_lookup(rt, keys[i]), m);
		ATF_CHECK_EQ(vm_radix_lookup_ge(rt, keys[i]), m);
		ATF_CHECK_EQ(vm_radix_lookup_le(rt, keys[i]), m);
	}
	ATF_CHECK_EQ(shim_page_pindex(vm_radix_lookup_ge(rt, 2)), 15);
	ATF_CHECK_EQ(shim_page_pindex(vm_radix_lookup_le(rt, 14)), 1);
	ATF_CHECK_EQ(shim_page_pindex(vm_radix_lookup_ge(rt, 0x101)),
	    (1ull << 63) - 1);
	ATF_CHECK_EQ(shim_page_pindex(vm_radix_lookup_le(rt,
	    (1ull << 63) + 5)), 1ull << 63);
	ATF_CHECK_EQ(shim_page_pindex(vm_radix_lookup_ge(rt,
	    (1ull << 63) + 1)), UINT64_MAX - 1);
	ATF_CHECK_EQ(vm_radix_lookup(rt, 2), NULL);
	ATF_CHECK_EQ(vm_radix_lookup(rt, UINT64_MAX - 2), NULL);
	for (i = 0; i < nitems(keys); i++) {
		ATF_CHECK_EQ(vm_radix_remove(rt, shim_page_pindex(pages[i])),
		    pages[i]);
		kshim_free(pages[i]);
	}
	ATF_CHECK_EQ(shim_zone_used(NODEZONE), 0);
	kshim_free(rt);
}

/* Walking up with lookup_ge(k + 1) and down with lookup_le(k - 1). */
ATF_TC_WITHOUT_HEAD(radix__iterate_in_order);
ATF_TC_BODY(radix__iterate_in_order, tc)
{
	static struct model md;
	struct vm_radix *rt;
	vm_page_t m;
	uint64_t k;
	int i, pos;

	setup(5);
	md.n = 0;
	rt = shim_radix_new();
	for (i = 0; i < 3000; i++) {
		k = random_key(i % 2 ? CLUSTERED : DENSE);
		if (model_has(&md, k, &pos))
			continue;
		m = shim_page_new(k);
		ATF_REQUIRE_EQ(vm_radix_insert(rt, m), 0);
		model_insert(&md, pos, k, m);
	}
	i = 0;
	for (m = vm_radix_lookup_ge(rt, 0); m != NULL;
	    m = shim_page_pindex(m) == UINT64_MAX ? NULL :
	    vm_radix_lookup_ge(rt, shim_page_pindex(m) + 1))
		ATF_REQUIRE_EQ(m, md.page[i++]);
	ATF_CHECK_EQ(i, md.n);
	for (m = vm_radix_lookup_le(rt, UINT64_MAX); m != NULL;
	    m = shim_page_pindex(m) == 0 ? NULL :
	    vm_radix_lookup_le(rt, shim_page_pindex(m) - 1))
		ATF_REQUIRE_EQ(m, md.page[--i]);
	ATF_CHECK_EQ(i, 0);
	for (i = 0; i < md.n; i++) {
		ATF_REQUIRE_EQ(vm_radix_remove(rt, md.key[i]), md.page[i]);
		kshim_free(md.page[i]);
	}
	ATF_CHECK_EQ(shim_zone_used(NODEZONE), 0);
	kshim_free(rt);
}

/* An insert that cannot get a node fails with ENOMEM and changes nothing. */
ATF_TC_WITHOUT_HEAD(radix__insert_enomem_changes_nothing);
ATF_TC_BODY(radix__insert_enomem_changes_nothing, tc)
{
	vm_page_t a, b, c, d;
	struct vm_radix *rt;
	uint64_t count;

	setup(6);
	rt = shim_radix_new();
	a = shim_page_new(0x10);
	b = shim_page_new(0x11);
	c = shim_page_new(0x12);
	d = shim_page_new(0x1000);
	shim_zone_fail_after(0);
	/* The first key needs no node; a second one does. */
	ATF_REQUIRE_EQ(vm_radix_insert(rt, a), 0);
	ATF_CHECK_EQ(vm_radix_insert(rt, b), ENOMEM);
	ATF_CHECK_EQ(vm_radix_lookup(rt, 0x11), NULL);
	ATF_CHECK_EQ(vm_radix_lookup(rt, 0x10), a);
	shim_zone_fail_after(1);
	ATF_REQUIRE_EQ(vm_radix_insert(rt, b), 0);
	/* A free slot of an existing node needs no allocation. */
	ATF_CHECK_EQ(vm_radix_insert(rt, c), 0);
	/* A key diverging above the node needs one. */
	ATF_CHECK_EQ(vm_radix_insert(rt, d), ENOMEM);
	ATF_REQUIRE(vm_radix_check(rt, &count));
	ATF_CHECK_EQ(count, 3);
	ATF_CHECK_EQ(vm_radix_lookup_ge(rt, 0x13), NULL);
	shim_zone_fail_after(-1);
	ATF_REQUIRE_EQ(vm_radix_insert(rt, d), 0);
	ATF_CHECK_EQ(vm_radix_lookup_ge(rt, 0x13), d);
	ATF_CHECK_EQ(shim_zone_used(NODEZONE), 2);
	ATF_CHECK_EQ(vm_radix_remove(rt, 0x10), a);
	ATF_CHECK_EQ(vm_radix_remove(rt, 0x11), b);
	ATF_CHECK_EQ(vm_radix_remove(rt, 0x12), c);
	ATF_CHECK_EQ(vm_radix_remove(rt, 0x1000), d);
	ATF_CHECK_EQ(shim_zone_used(NODEZONE), 0);
	ATF_CHECK(vm_radix_check(rt, &count));
	ATF_CHECK_EQ(count, 0);
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e9 + ts.tv_nsec);
}

/* Time n operations of each kind over keys[]; prints ns per operation. */
static void
measure(const char *what, const uint64_t *keys, int n)
{
	struct vm_radix *rt;
	vm_page_t *pages;
	double t0, t[5];
	long nodes;
	int i, miss = 0;

	pages = calloc((size_t)n, sizeof(*pages));
	ATF_REQUIRE(pages != NULL);
	for (i = 0; i < n; i++)
		pages[i] = shim_page_new(keys[i]);
	rt = shim_radix_new();
	t0 = now_ns();
	for (i = 0; i < n; i++)
		ATF_REQUIRE_EQ(vm_radix_insert(rt, pages[i]), 0);
	t[0] = now_ns() - t0;
	nodes = shim_zone_used(NODEZONE);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		miss += vm_radix_lookup(rt, keys[i]) != pages[i];
	t[1] = now_ns() - t0;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		miss += vm_radix_lookup_ge(rt, keys[i] + 1) == pages[i];
	t[2] = now_ns() - t0;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		miss += vm_radix_lookup_le(rt, keys[i]) != pages[i];
	t[3] = now_ns() - t0;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		miss += vm_radix_remove(rt, keys[i]) != pages[i];
	t[4] = now_ns() - t0;
	ATF_CHECK_EQ(miss, 0);
	ATF_CHECK_EQ(shim_zone_used(NODEZONE), 0);
	printf("%-26s n=%d nodes=%ld (%.2f/key): insert %.0f, lookup %.0f, "
	    "lookup_ge %.0f, lookup_le %.0f, remove %.0f ns/op\n", what, n,
	    nodes, (double)nodes / n, t[0] / n, t[1] / n, t[2] / n, t[3] / n,
	    t[4] / n);
	for (i = 0; i < n; i++)
		kshim_free(pages[i]);
	free(pages);
	kshim_free(rt);
}

/*
 * What the operations cost (printed; nothing asserted about time): a
 * million dense keys in order (a 4 GiB anonymous object), and a quarter
 * million random 64-bit keys.
 */
ATF_TC_WITHOUT_HEAD(radix__costs);
ATF_TC_BODY(radix__costs, tc)
{
	enum { NDENSE = 1 << 20, NSPARSE = 1 << 18 };
	uint64_t *keys;
	int i;

	setup(7);
	keys = calloc(NDENSE, sizeof(*keys));
	ATF_REQUIRE(keys != NULL);
	for (i = 0; i < NDENSE; i++)
		keys[i] = (uint64_t)i;
	measure("dense, in order", keys, NDENSE);
	/* Distinct random keys: successive xorshift outputs never repeat. */
	for (i = 0; i < NSPARSE; i++)
		keys[i] = rng();
	measure("sparse, random", keys, NSPARSE);
	free(keys);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, radix__random_dense_against_model);
	ATF_TP_ADD_TC(tp, radix__random_sparse_against_model);
	ATF_TP_ADD_TC(tp, radix__random_clustered_against_model);
	ATF_TP_ADD_TC(tp, radix__edge_keys);
	ATF_TP_ADD_TC(tp, radix__iterate_in_order);
	ATF_TP_ADD_TC(tp, radix__insert_enomem_changes_nothing);
	ATF_TP_ADD_TC(tp, radix__costs);
	return (atf_no_error());
}
