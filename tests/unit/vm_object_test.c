/*
 * vm_object_test.c: VM objects (sys/vm/vm_object.c, with the object side
 * of vm_page.c, vm_phys.c and vm_radix.c) on the host: reference and
 * shadow counting, collapse and bypass, termination, page removal, the
 * counters as sysctls.  The oracle of collapse is a model of what each
 * "mapping" sees: for every page index, the page a fault would find
 * walking the chain top-down (or none: zero-fill).  The model is kept
 * from the test's own knowledge of where it wrote; the objects must show
 * exactly that after every operation, whatever collapses and bypasses
 * happen underneath.  vm_object_check runs on every live object.
 */
#include <atf-c.h>
#include <stdio.h>
#include <string.h>
#include <sys/param.h>

#include "kshim.h"
#include "vm_object_shim.h"

#define PAGE		4096ull
#define NODEZONE	"RADIX NODE"
#define OBJZONE		"VM OBJECT"

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

/* What every test starts from and must come back to. */
struct baseline {
	unsigned int	free;
	unsigned int	objects;
};

static void
setup(struct baseline *b, uint64_t seed)
{
	shim_vm_setup();
	shim_zone_fail_after(-1);
	shim_zone_alloc_hook(NULL, NULL, NULL);
	rng_state = seed;
	b->free = shim_free_pages();
	b->objects = shim_object_count();
}

static void
check_baseline(const struct baseline *b)
{
	ATF_CHECK_EQ(shim_object_count(), b->objects);
	ATF_CHECK_EQ(shim_free_pages(), b->free);
	ATF_CHECK_EQ(shim_zone_used(NODEZONE), 0);
	ATF_CHECK_EQ(shim_zone_used(OBJZONE), (long)b->objects);
}

/* A valid page of object at pindex (a write that found no page). */
static vm_page_t
write_page(vm_object_t object, vm_pindex_t pindex)
{
	vm_page_t m;

	shim_object_lock(object);
	ATF_REQUIRE(vm_page_lookup(object, pindex) == NULL);
	m = vm_page_alloc(object, pindex, VM_ALLOC_WAITOK);
	ATF_REQUIRE(m != NULL);
	shim_page_set_valid(m, true);
	shim_object_unlock(object);
	return (m);
}

static void
collapse(vm_object_t object)
{
	shim_object_lock(object);
	vm_object_collapse(object);
	shim_object_unlock(object);
}

static int
depth(vm_object_t object)
{
	int d;

	shim_object_lock(object);
	d = vm_object_chain_depth(object);
	shim_object_unlock(object);
	return (d);
}

static void
check_all(void)
{
	ATF_REQUIRE_MSG(shim_objects_check_all(), "%s", kshim_console);
}

ATF_TC_WITHOUT_HEAD(object__reference_and_deallocate);
ATF_TC_BODY(object__reference_and_deallocate, tc)
{
	struct baseline b;
	vm_object_t o;
	int i;

	setup(&b, 1);
	o = vm_object_allocate_anon(16);
	ATF_CHECK_EQ(shim_object_ref_count(o), 1);
	ATF_CHECK_EQ(shim_object_flags(o), OBJ_ANON | OBJ_ONEMAPPING);
	ATF_CHECK_EQ(shim_object_size(o), 16);
	for (i = 0; i < 16; i += 3)
		(void)write_page(o, (vm_pindex_t)i);
	ATF_CHECK_EQ(shim_object_resident(o), 6);
	ATF_CHECK_EQ(shim_free_pages(), b.free - 6);
	vm_object_reference(o);
	ATF_CHECK_EQ(shim_object_ref_count(o), 2);
	check_all();
	vm_object_deallocate(o);
	ATF_CHECK_EQ(shim_object_ref_count(o), 1);
	ATF_CHECK_EQ(shim_object_resident(o), 6);
	vm_object_deallocate(o);
	check_baseline(&b);

	/* A named (non-OBJ_ANON) object. */
	o = vm_object_allocate(OBJT_DEFAULT, 4);
	ATF_CHECK_EQ(shim_object_flags(o), 0);
	(void)write_page(o, 3);
	vm_object_deallocate(o);
	check_baseline(&b);
}

ATF_TC_WITHOUT_HEAD(shadow__takes_the_reference);
ATF_TC_BODY(shadow__takes_the_reference, tc)
{
	struct baseline b;
	vm_object_t o, s;
	vm_ooffset_t off;
	uint64_t shadows;
	vm_page_t m;

	setup(&b, 2);
	shadows = shim_sysctl_u64("vm.stats.object.shadows");
	o = vm_object_allocate_anon(8);
	m = write_page(o, 5);

	/* The only reference to an anonymous object: nothing to do. */
	s = o;
	off = 2 * PAGE;
	vm_object_shadow(&s, &off, 4 * PAGE);
	ATF_CHECK_EQ(s, o);
	ATF_CHECK_EQ(off, 2 * PAGE);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.shadows"), shadows);

	/* Shared: a shadow takes over the caller's reference. */
	vm_object_reference(o);
	vm_object_shadow(&s, &off, 4 * PAGE);
	ATF_REQUIRE(s != o);
	ATF_CHECK_EQ(off, 0);
	ATF_CHECK_EQ(shim_object_backing(s), o);
	ATF_CHECK_EQ(shim_object_backing_offset(s), 2 * PAGE);
	ATF_CHECK_EQ(shim_object_size(s), 4);
	ATF_CHECK_EQ(shim_object_ref_count(s), 1);
	ATF_CHECK_EQ(shim_object_ref_count(o), 2);
	ATF_CHECK_EQ(shim_object_shadow_count(o), 1);
	ATF_CHECK_EQ(shim_object_flags(o) & OBJ_ONEMAPPING, 0);
	ATF_CHECK_EQ(shim_object_flags(s), OBJ_ANON | OBJ_ONEMAPPING);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.shadows"), shadows + 1);
	ATF_CHECK_EQ(depth(s), 2);
	ATF_CHECK_EQ(depth(o), 1);
	ATF_CHECK(shim_sysctl_u64("vm.stats.object.max_chain_depth") >= 2);
	/* s's page 3 is o's page 5. */
	ATF_CHECK_EQ(shim_object_resolve(s, 3), m);
	ATF_CHECK_EQ(shim_object_resolve(s, 2), NULL);
	check_all();

	vm_object_deallocate(s);
	ATF_CHECK_EQ(shim_object_ref_count(o), 1);
	ATF_CHECK_EQ(shim_object_shadow_count(o), 0);
	vm_object_deallocate(o);
	check_baseline(&b);
}

/*
 * The backing object's last other reference goes: its only shadow, a
 * window of 4 pages at offset 3, absorbs the pages it can see and lacks;
 * the rest are freed.
 */
ATF_TC_WITHOUT_HEAD(collapse__moves_what_the_shadow_sees);
ATF_TC_BODY(collapse__moves_what_the_shadow_sees, tc)
{
	struct baseline b;
	vm_page_t bp[10], sp1;
	vm_object_t o, s;
	vm_ooffset_t off;
	uint64_t collapses;
	unsigned long unmaps;
	int i;

	setup(&b, 3);
	collapses = shim_sysctl_u64("vm.stats.object.collapses");
	o = vm_object_allocate_anon(10);
	for (i = 0; i < 10; i++)
		bp[i] = write_page(o, (vm_pindex_t)i);
	vm_object_reference(o);
	s = o;
	off = 3 * PAGE;
	vm_object_shadow(&s, &off, 4 * PAGE);
	sp1 = write_page(s, 1);
	ATF_CHECK_EQ(shim_object_resolve(s, 0), bp[3]);
	ATF_CHECK_EQ(shim_object_resolve(s, 1), sp1);
	ATF_CHECK_EQ(shim_object_resolve(s, 2), bp[5]);
	ATF_CHECK_EQ(shim_object_resolve(s, 3), bp[6]);

	unmaps = shim_remove_all_calls();
	vm_object_deallocate(o);	/* the other mapping of o goes */
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.collapses"),
	    collapses + 1);
	ATF_CHECK_EQ(shim_object_backing(s), NULL);
	ATF_CHECK_EQ(shim_object_backing_offset(s), 0);
	ATF_CHECK_EQ(shim_object_resident(s), 4);
	ATF_CHECK_EQ(shim_object_resolve(s, 0), bp[3]);
	ATF_CHECK_EQ(shim_object_resolve(s, 1), sp1);
	ATF_CHECK_EQ(shim_object_resolve(s, 2), bp[5]);
	ATF_CHECK_EQ(shim_object_resolve(s, 3), bp[6]);
	ATF_CHECK_EQ(shim_page_object(bp[5]), s);
	ATF_CHECK_EQ(shim_page_pindex(bp[5]), 2);
	/* Seven pages freed (0, 1, 2, hidden 4, 7, 8, 9), each unmapped. */
	ATF_CHECK_EQ(shim_free_pages(), b.free - 4);
	ATF_CHECK_EQ(shim_remove_all_calls() - unmaps, 7);
	ATF_CHECK_EQ(shim_object_count(), b.objects + 1);
	check_all();
	vm_object_deallocate(s);
	check_baseline(&b);
}

/*
 * s and t shadow o, which shadows p.  s holds a valid page for every page
 * o could show it: collapse(s) bypasses o and references p directly; o
 * stays for t.  A shadow that does not hide everything is left alone.
 */
ATF_TC_WITHOUT_HEAD(bypass__skips_a_hidden_backing_object);
ATF_TC_BODY(bypass__skips_a_hidden_backing_object, tc)
{
	struct baseline b;
	vm_object_t p, o, s, t;
	vm_page_t pp[8], op[3], tp, sp0, sv[3];
	vm_ooffset_t off;
	uint64_t bypasses;
	int i;

	setup(&b, 4);
	bypasses = shim_sysctl_u64("vm.stats.object.bypasses");
	p = vm_object_allocate_anon(8);
	for (i = 0; i < 8; i++)
		pp[i] = write_page(p, (vm_pindex_t)i);
	vm_object_reference(p);		/* p stays mapped elsewhere */
	o = p;
	off = 1 * PAGE;
	vm_object_shadow(&o, &off, 6 * PAGE);	/* o[i] over p[i + 1] */
	op[0] = write_page(o, 0);
	op[1] = write_page(o, 2);
	op[2] = write_page(o, 5);
	vm_object_reference(o);
	s = o;
	off = 2 * PAGE;
	vm_object_shadow(&s, &off, 3 * PAGE);	/* s[i] over o[i + 2] */
	t = o;
	off = 0;
	vm_object_reference(o);
	vm_object_shadow(&t, &off, 6 * PAGE);
	vm_object_deallocate(o);		/* only s and t map it now */
	tp = write_page(t, 2);
	ATF_CHECK_EQ(shim_object_ref_count(o), 2);
	ATF_CHECK_EQ(depth(s), 3);

	/* s lacks its page 0, where o shows its own page 2: no bypass. */
	(void)write_page(s, 1);
	collapse(s);
	ATF_CHECK_EQ(shim_object_backing(s), o);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.bypasses"), bypasses);

	/*
	 * With s[0] written, o shows s nothing of its own (s[2] sees p[5]
	 * through it): s may look at p directly.
	 */
	sp0 = write_page(s, 0);
	for (i = 0; i < 3; i++)
		sv[i] = shim_object_resolve(s, (vm_pindex_t)i);
	ATF_CHECK_EQ(sv[0], sp0);
	ATF_CHECK_EQ(sv[2], pp[5]);
	collapse(s);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.bypasses"),
	    bypasses + 1);
	for (i = 0; i < 3; i++)
		ATF_CHECK_EQ(shim_object_resolve(s, (vm_pindex_t)i), sv[i]);
	ATF_CHECK_EQ(shim_object_backing(s), p);
	ATF_CHECK_EQ(shim_object_backing_offset(s), 3 * PAGE);
	ATF_CHECK_EQ(shim_object_ref_count(o), 1);
	ATF_CHECK_EQ(shim_object_shadow_count(o), 1);
	ATF_CHECK_EQ(shim_object_ref_count(p), 3);
	ATF_CHECK_EQ(shim_object_shadow_count(p), 2);
	ATF_CHECK_EQ(depth(s), 2);
	/* t sees what it saw. */
	ATF_CHECK_EQ(shim_object_resolve(t, 0), op[0]);
	ATF_CHECK_EQ(shim_object_resolve(t, 1), pp[2]);
	ATF_CHECK_EQ(shim_object_resolve(t, 2), tp);
	ATF_CHECK_EQ(shim_object_resolve(t, 5), op[2]);
	check_all();

	/* t goes: o is unreferenced and freed with its pages. */
	vm_object_deallocate(t);
	ATF_CHECK_EQ(shim_object_count(), b.objects + 2);
	ATF_CHECK_EQ(shim_object_ref_count(p), 2);
	vm_object_deallocate(s);
	vm_object_deallocate(p);
	check_baseline(&b);
}

/*
 * A page of the shadow that holds nothing yet (invalid) hides nothing:
 * no bypass, and a collapse replaces it with the backing page.
 */
ATF_TC_WITHOUT_HEAD(collapse__invalid_shadow_page_hides_nothing);
ATF_TC_BODY(collapse__invalid_shadow_page_hides_nothing, tc)
{
	struct baseline b;
	vm_object_t o, s, t;
	vm_page_t op, inv;
	vm_ooffset_t off;

	setup(&b, 5);
	o = vm_object_allocate_anon(1);
	op = write_page(o, 0);
	vm_object_reference(o);
	vm_object_reference(o);
	s = t = o;
	off = 0;
	vm_object_shadow(&s, &off, PAGE);
	vm_object_shadow(&t, &off, PAGE);
	vm_object_deallocate(o);		/* s and t remain */
	inv = write_page(s, 0);
	shim_page_set_valid(inv, false);
	collapse(s);
	ATF_CHECK_EQ(shim_object_backing(s), o);	/* no bypass */
	vm_object_deallocate(t);			/* collapse into s */
	ATF_CHECK_EQ(shim_object_backing(s), NULL);
	ATF_CHECK_EQ(shim_object_resolve(s, 0), op);
	ATF_CHECK_EQ(shim_object_resident(s), 1);
	check_all();
	vm_object_deallocate(s);
	check_baseline(&b);
}

/*
 * A collapse that runs out of radix nodes stops half-way: the pages
 * moved so far were ones the shadow lacked, so what it shows is intact
 * and a later collapse finishes the job.
 */
ATF_TC_WITHOUT_HEAD(collapse__enomem_leaves_a_consistent_chain);
ATF_TC_BODY(collapse__enomem_leaves_a_consistent_chain, tc)
{
	enum { N = 200 };
	struct baseline b;
	vm_page_t op[N];
	vm_object_t o, s;
	vm_ooffset_t off;
	uint64_t collapses;
	int i;

	setup(&b, 6);
	collapses = shim_sysctl_u64("vm.stats.object.collapses");
	o = vm_object_allocate_anon(N);
	for (i = 0; i < N; i++)
		op[i] = write_page(o, (vm_pindex_t)i);
	vm_object_reference(o);
	s = o;
	off = 0;
	vm_object_shadow(&s, &off, N * PAGE);
	(void)write_page(s, 7);
	shim_zone_fail_after(5);
	vm_object_deallocate(o);
	shim_zone_fail_after(-1);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.collapses"), collapses);
	ATF_CHECK_EQ(shim_object_backing(s), o);
	ATF_CHECK(shim_object_resident(s) > 1);
	ATF_CHECK(shim_object_resident(o) < N - 1);
	for (i = 0; i < N; i++) {
		if (i != 7)
			ATF_CHECK_EQ(shim_object_resolve(s, (vm_pindex_t)i),
			    op[i]);
	}
	check_all();
	collapse(s);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.collapses"),
	    collapses + 1);
	ATF_CHECK_EQ(shim_object_backing(s), NULL);
	ATF_CHECK_EQ(shim_object_resident(s), N);
	ATF_CHECK_EQ(shim_free_pages(), b.free - N);
	vm_object_deallocate(s);
	check_baseline(&b);
}

/*
 * Dropping the top of a chain frees every object and page of it; a page
 * still wired is left to its wirer, in no object.
 */
ATF_TC_WITHOUT_HEAD(terminate__frees_the_chain);
ATF_TC_BODY(terminate__frees_the_chain, tc)
{
	struct baseline b;
	vm_object_t top;
	vm_ooffset_t off;
	vm_page_t wired;
	int level, i;

	setup(&b, 7);
	top = vm_object_allocate_anon(32);
	for (level = 0; level < 5; level++) {
		for (i = 0; i < 32; i++) {
			if (rng() % 3 == 0)
				(void)write_page(top, (vm_pindex_t)i);
		}
		vm_object_reference(top);	/* keep it from collapsing */
		off = 0;
		vm_object_shadow(&top, &off, 32 * PAGE);
	}
	wired = write_page(top, 31);
	vm_page_wire(wired);
	ATF_CHECK_EQ(depth(top), 6);
	check_all();
	/* The extra references go from the bottom up... */
	for (level = 0; level < 5; level++) {
		vm_object_t o = top;
		int k;

		for (k = 0; k < 5 - level; k++)
			o = shim_object_backing(o);
		vm_object_deallocate(o);
	}
	/* ...each letting its shadow absorb it. */
	ATF_CHECK_EQ(depth(top), 1);
	check_all();
	vm_object_deallocate(top);
	ATF_CHECK_EQ(shim_page_object(wired), NULL);
	ATF_CHECK_EQ(shim_object_count(), b.objects);
	ATF_CHECK_EQ(shim_free_pages(), b.free - 1);
	ATF_REQUIRE(vm_page_unwire_noq(wired));
	vm_page_free(wired);
	check_baseline(&b);

	/* Extra references dropped top-down: top absorbs one per step. */
	top = vm_object_allocate_anon(8);
	for (level = 0; level < 4; level++) {
		(void)write_page(top, (vm_pindex_t)level);
		vm_object_reference(top);
		off = 0;
		vm_object_shadow(&top, &off, 8 * PAGE);
	}
	ATF_CHECK_EQ(depth(top), 5);
	for (level = 4; level > 0; level--) {
		vm_object_deallocate(shim_object_backing(top));
		ATF_CHECK_EQ(depth(top), level);
	}
	ATF_CHECK_EQ(shim_object_resident(top), 4);
	vm_object_deallocate(top);
	check_baseline(&b);
}

ATF_TC_WITHOUT_HEAD(page_remove__ranges_and_options);
ATF_TC_BODY(page_remove__ranges_and_options, tc)
{
	struct baseline b;
	vm_page_t m[20];
	vm_object_t o;
	int i;

	setup(&b, 8);
	o = vm_object_allocate_anon(20);
	for (i = 0; i < 20; i++)
		m[i] = write_page(o, (vm_pindex_t)i);
	vm_page_wire(m[6]);
	shim_object_lock(o);
	vm_object_page_remove(o, 5, 10, 0);
	ATF_CHECK_EQ(shim_object_resident(o), 16);	/* 6 is wired */
	ATF_CHECK_EQ(vm_page_lookup(o, 6), m[6]);
	ATF_CHECK_EQ(vm_page_lookup(o, 5), NULL);
	ATF_CHECK_EQ(vm_page_lookup(o, 10), m[10]);
	ATF_CHECK_EQ(vm_page_find_least(o, 5), m[6]);
	shim_page_set_dirty(m[12], true);
	shim_page_set_dirty(m[13], false);
	vm_object_page_remove(o, 12, 14, OBJPR_CLEANONLY | OBJPR_NOTMAPPED);
	ATF_CHECK_EQ(vm_page_lookup(o, 12), m[12]);
	ATF_CHECK_EQ(vm_page_lookup(o, 13), NULL);
	vm_object_page_remove(o, 15, 0, 0);		/* to the end */
	ATF_CHECK_EQ(vm_page_find_least(o, 14), m[14]);
	ATF_CHECK_EQ(vm_page_find_least(o, 15), NULL);
	ATF_CHECK_EQ(shim_object_resident(o), 10);
	ATF_CHECK(vm_object_check(o));
	shim_object_unlock(o);
	ATF_CHECK_EQ(shim_free_pages(), b.free - 10);
	vm_object_deallocate(o);	/* the wired page is orphaned */
	ATF_REQUIRE(vm_page_unwire_noq(m[6]));
	vm_page_free(m[6]);
	check_baseline(&b);
}

/* The checker notices broken counts. */
ATF_TC_WITHOUT_HEAD(check__catches_broken_counts);
ATF_TC_BODY(check__catches_broken_counts, tc)
{
	struct baseline b;
	vm_object_t o, s;
	vm_ooffset_t off;

	setup(&b, 9);
	o = vm_object_allocate_anon(4);
	(void)write_page(o, 1);
	vm_object_reference(o);
	s = o;
	off = 0;
	vm_object_shadow(&s, &off, 4 * PAGE);
	ATF_CHECK(shim_object_check(o));
	ATF_CHECK(shim_object_check(s));
	shim_object_corrupt(o, 0, 1);
	ATF_CHECK(!shim_object_check(o));
	ATF_CHECK(strstr(kshim_console, "resident count 2") != NULL);
	shim_object_corrupt(o, 0, -1);
	shim_object_corrupt(o, 1, 1);
	ATF_CHECK(!shim_object_check(o));
	shim_object_corrupt(o, 1, 1);		/* 3 shadows > 2 references */
	ATF_CHECK(!shim_object_check(o));
	ATF_CHECK(!shim_object_check(s));	/* its backing object's */
	shim_object_corrupt(o, 1, -2);
	ATF_CHECK(shim_object_check(o));
	vm_object_deallocate(s);
	vm_object_deallocate(o);
	check_baseline(&b);
}

/*
 * A mapping as the test sees it: a window of size pages at off in obj,
 * copy-on-write pending (needs_copy) after a fork, and the model: the
 * page each index must show.
 */
#define HPAGES	24
#define NHANDLES 20
struct handle {
	bool		live;
	bool		needs_copy;
	vm_object_t	obj;
	vm_pindex_t	off;
	vm_pindex_t	size;
	vm_page_t	vis[HPAGES];
};

static void
handle_check(const struct handle *h, int step)
{
	vm_pindex_t i;

	for (i = 0; i < h->size; i++)
		ATF_REQUIRE_EQ_MSG(shim_object_resolve(h->obj, h->off + i),
		    h->vis[i], "step %d index %lu", step, (unsigned long)i);
}

/* A write at index i: shadow if a fork left the object shared. */
static void
handle_write(struct handle *h, vm_pindex_t i)
{
	vm_ooffset_t off;
	vm_page_t m;

	if (h->needs_copy) {
		off = h->off * PAGE;
		vm_object_shadow(&h->obj, &off, h->size * PAGE);
		h->off = off / PAGE;
		h->needs_copy = false;
	}
	shim_object_lock(h->obj);
	m = vm_page_lookup(h->obj, h->off + i);
	shim_object_unlock(h->obj);
	if (m != NULL) {
		ATF_REQUIRE_EQ(m, h->vis[i]);	/* written in place */
		return;
	}
	h->vis[i] = write_page(h->obj, h->off + i);
}

static struct handle *
handle_free_slot(struct handle *hs)
{
	int i;

	for (i = 0; i < NHANDLES; i++) {
		if (!hs[i].live)
			return (&hs[i]);
	}
	return (NULL);
}

/*
 * Random forks (lazy, or shadowing both sides at once), writes, exits,
 * clips (a mapping split in two over one object) and explicit collapses
 * over up to NHANDLES mappings, checked against the model at each step.
 */
ATF_TC_WITHOUT_HEAD(collapse__random_chains_against_model);
ATF_TC_BODY(collapse__random_chains_against_model, tc)
{
	static struct handle hs[NHANDLES];
	struct baseline b;
	struct handle *h, *n;
	uint64_t collapses, bypasses;
	vm_ooffset_t off;
	int step, i, op, maxdepth = 0;

	setup(&b, 10);
	collapses = shim_sysctl_u64("vm.stats.object.collapses");
	bypasses = shim_sysctl_u64("vm.stats.object.bypasses");
	memset(hs, 0, sizeof(hs));
	for (step = 0; step < 20000; step++) {
		h = &hs[rng() % NHANDLES];
		if (!h->live) {
			/* A fresh anonymous mapping. */
			memset(h, 0, sizeof(*h));
			h->live = true;
			h->size = HPAGES;
			h->obj = vm_object_allocate_anon(HPAGES);
			continue;
		}
		op = (int)(rng() % 16);
		if (op < 8) {
			handle_write(h, rng() % h->size);
		} else if (op < 11) {
			/* fork */
			n = handle_free_slot(hs);
			if (n == NULL)
				continue;
			*n = *h;
			vm_object_reference(h->obj);
			h->needs_copy = n->needs_copy = true;
			if (rng() % 2 == 0) {
				/* Shadow both sides now (eager). */
				off = h->off * PAGE;
				vm_object_shadow(&h->obj, &off, h->size * PAGE);
				h->off = off / PAGE;
				off = n->off * PAGE;
				vm_object_shadow(&n->obj, &off, n->size * PAGE);
				n->off = off / PAGE;
				h->needs_copy = n->needs_copy = false;
			}
		} else if (op < 14) {
			/* exit */
			vm_object_deallocate(h->obj);
			h->live = false;
		} else if (op < 15) {
			/* clip at k: [0, k) stays, [k, size) moves to n */
			vm_pindex_t k;

			n = handle_free_slot(hs);
			if (n == NULL || h->size < 2)
				continue;
			k = 1 + rng() % (h->size - 1);
			*n = *h;
			vm_object_reference(h->obj);
			n->off = h->off + k;
			n->size = h->size - k;
			memmove(n->vis, &h->vis[k], n->size * sizeof(n->vis[0]));
			h->size = k;
		} else {
			collapse(h->obj);
		}
		for (i = 0; i < NHANDLES; i++) {
			if (hs[i].live) {
				handle_check(&hs[i], step);
				maxdepth = MAX(maxdepth, depth(hs[i].obj));
			}
		}
		if (step % 64 == 0)
			check_all();
	}
	check_all();
	for (i = 0; i < NHANDLES; i++) {
		if (hs[i].live)
			vm_object_deallocate(hs[i].obj);
	}
	check_baseline(&b);
	printf("20000 steps: %lu collapses, %lu bypasses, deepest chain %d\n",
	    (unsigned long)(shim_sysctl_u64("vm.stats.object.collapses") -
	    collapses), (unsigned long)(shim_sysctl_u64(
	    "vm.stats.object.bypasses") - bypasses), maxdepth);
	ATF_CHECK(shim_sysctl_u64("vm.stats.object.collapses") > collapses);
	ATF_CHECK(shim_sysctl_u64("vm.stats.object.bypasses") > bypasses);
}

/*
 * The acceptance, on objects alone: a process writes its memory
 * and forks a child that writes and exits, 1 000 times; the parent's
 * chain never grows past 2.  Both fork styles, both orders of the
 * writes.
 */
static void
fork_rounds(bool eager, bool child_first)
{
	enum { N = 16, ROUNDS = 1000 };
	struct handle parent, child;
	struct baseline b;
	int round, i, maxdepth = 0;
	vm_ooffset_t off;

	setup(&b, 11);
	memset(&parent, 0, sizeof(parent));
	parent.live = true;
	parent.size = N;
	parent.obj = vm_object_allocate_anon(N);
	for (i = 0; i < N; i++)
		handle_write(&parent, (vm_pindex_t)i);
	for (round = 0; round < ROUNDS; round++) {
		child = parent;
		vm_object_reference(parent.obj);
		parent.needs_copy = child.needs_copy = true;
		if (eager) {
			off = 0;
			vm_object_shadow(&parent.obj, &off, N * PAGE);
			off = 0;
			vm_object_shadow(&child.obj, &off, N * PAGE);
			parent.needs_copy = child.needs_copy = false;
		}
		if (!child_first) {
			for (i = 0; i < N; i++)
				handle_write(&parent, (vm_pindex_t)i);
		}
		for (i = 0; i < N; i++) {
			if (rng() % 2 == 0)
				handle_write(&child, (vm_pindex_t)i);
		}
		handle_check(&child, round);
		maxdepth = MAX(maxdepth, depth(child.obj));
		maxdepth = MAX(maxdepth, depth(parent.obj));
		vm_object_deallocate(child.obj);
		if (child_first) {
			for (i = 0; i < N; i++)
				handle_write(&parent, (vm_pindex_t)i);
		}
		handle_check(&parent, round);
		maxdepth = MAX(maxdepth, depth(parent.obj));
		ATF_REQUIRE(shim_sysctl_u64("vm.stats.object.chain_depth") <=
		    2);
	}
	check_all();
	ATF_CHECK(maxdepth <= 2);
	ATF_CHECK_EQ(depth(parent.obj), 1);
	ATF_CHECK_EQ(shim_free_pages(), b.free - N);
	vm_object_deallocate(parent.obj);
	check_baseline(&b);
}

ATF_TC_WITHOUT_HEAD(fork__lazy_parent_first_chain_stays_short);
ATF_TC_BODY(fork__lazy_parent_first_chain_stays_short, tc)
{
	fork_rounds(false, false);
}

ATF_TC_WITHOUT_HEAD(fork__lazy_child_first_chain_stays_short);
ATF_TC_BODY(fork__lazy_child_first_chain_stays_short, tc)
{
	fork_rounds(false, true);
}

ATF_TC_WITHOUT_HEAD(fork__eager_chain_stays_short);
ATF_TC_BODY(fork__eager_chain_stays_short, tc)
{
	fork_rounds(true, false);
	fork_rounds(true, true);
}

static void
drop_reference(void *object)
{
	vm_object_deallocate(object);
}

/*
 * The race that left fork_chain_test with a 3-deep chain in about one
 * run in 40: after a fork, the parent's first write to its stack shadows
 * the stack object o, which the child shares (2 references); while the
 * shadow object is being allocated the parent is preempted, and the
 * child writes (its own shadow of o) and exits, dropping the other
 * reference.  The parent must then keep o unshadowed (the only reference
 * is its own), not link a shadow over an o that nobody will collapse:
 * such a chain stays 2 deep, and every later fork's first write makes it
 * 3.  Rounds alternate a child that wrote (its shadow goes) and one that
 * did not (its direct reference goes).
 */
ATF_TC_WITHOUT_HEAD(shadow__other_holder_leaves_during_allocation);
ATF_TC_BODY(shadow__other_holder_leaves_during_allocation, tc)
{
	struct baseline b;
	vm_object_t o, parent, child;
	vm_ooffset_t off;
	uint64_t shadows;
	unsigned int zero = 0;
	int round;

	setup(&b, 13);
	ATF_REQUIRE_EQ(kernel_sysctlbyname("vm.stats.object.max_chain_depth",
	    NULL, NULL, &zero, sizeof(zero)), 0);
	o = vm_object_allocate_anon(4);
	(void)write_page(o, 1);
	for (round = 0; round < 10; round++) {
		shadows = shim_sysctl_u64("vm.stats.object.shadows");
		vm_object_reference(o);			/* fork */
		child = o;
		if (round % 2 == 0) {
			off = 0;
			vm_object_shadow(&child, &off, 4 * PAGE);
			ATF_REQUIRE(child != o);
			ATF_CHECK_EQ(shim_sysctl_u64(
			    "vm.stats.object.shadows"), shadows + 1);
		}
		/* The parent's write fault; the child exits meanwhile. */
		shim_zone_alloc_hook(OBJZONE, drop_reference, child);
		parent = o;
		off = 0;
		vm_object_shadow(&parent, &off, 4 * PAGE);
		ATF_CHECK_EQ(parent, o);
		ATF_CHECK_EQ(off, 0);
		ATF_CHECK_EQ(shim_object_ref_count(o), 1);
		ATF_CHECK_EQ(shim_object_shadow_count(o), 0);
		ATF_CHECK_EQ(depth(parent), 1);
		ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.shadows"),
		    shadows + (round % 2 == 0 ? 1 : 0));
		check_all();
		o = parent;
	}
	ATF_CHECK(shim_sysctl_u64("vm.stats.object.max_chain_depth") <= 2);
	vm_object_deallocate(o);
	check_baseline(&b);
}

/* The counters and their sysctls. */
ATF_TC_WITHOUT_HEAD(sysctl__object_stats);
ATF_TC_BODY(sysctl__object_stats, tc)
{
	struct baseline b;
	vm_object_t o, s[3];
	vm_ooffset_t off;
	unsigned int zero = 0;
	int i;

	setup(&b, 12);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.count"), b.objects);
	ATF_REQUIRE_EQ(kernel_sysctlbyname("vm.stats.object.max_chain_depth",
	    NULL, NULL, &zero, sizeof(zero)), 0);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.max_chain_depth"), 0);
	o = vm_object_allocate_anon(1);
	for (i = 0; i < 3; i++) {
		s[i] = o;
		vm_object_reference(o);
		off = 0;
		vm_object_shadow(&s[i], &off, PAGE);
		o = s[i];
	}
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.count"), b.objects + 4);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.max_chain_depth"), 4);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.chain_depth"), 4);
	/* Drop s[2]'s chain from the bottom: it collapses to one object. */
	vm_object_deallocate(shim_object_backing(s[0]));
	vm_object_deallocate(s[0]);
	vm_object_deallocate(s[1]);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.chain_depth"), 1);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.max_chain_depth"), 4);
	ATF_CHECK_EQ(depth(s[2]), 1);
	vm_object_deallocate(s[2]);
	ATF_CHECK_EQ(shim_sysctl_u64("vm.stats.object.count"), b.objects);
	check_baseline(&b);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, object__reference_and_deallocate);
	ATF_TP_ADD_TC(tp, shadow__takes_the_reference);
	ATF_TP_ADD_TC(tp, collapse__moves_what_the_shadow_sees);
	ATF_TP_ADD_TC(tp, bypass__skips_a_hidden_backing_object);
	ATF_TP_ADD_TC(tp, collapse__invalid_shadow_page_hides_nothing);
	ATF_TP_ADD_TC(tp, collapse__enomem_leaves_a_consistent_chain);
	ATF_TP_ADD_TC(tp, terminate__frees_the_chain);
	ATF_TP_ADD_TC(tp, page_remove__ranges_and_options);
	ATF_TP_ADD_TC(tp, check__catches_broken_counts);
	ATF_TP_ADD_TC(tp, collapse__random_chains_against_model);
	ATF_TP_ADD_TC(tp, fork__lazy_parent_first_chain_stays_short);
	ATF_TP_ADD_TC(tp, fork__lazy_child_first_chain_stays_short);
	ATF_TP_ADD_TC(tp, fork__eager_chain_stays_short);
	ATF_TP_ADD_TC(tp, shadow__other_holder_leaves_during_allocation);
	ATF_TP_ADD_TC(tp, sysctl__object_stats);
	return (atf_no_error());
}
