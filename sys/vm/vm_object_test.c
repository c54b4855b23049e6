/*
 * vm_object_test.c: in-kernel tests of VM objects on real pages: the
 * radix trie under an object, termination (every page back to vm_phys,
 * mappings gone), collapse keeping what each holder sees (page contents
 * read through the direct map), the fork pattern of the issue's
 * acceptance on objects alone (1 000 rounds, chain depth <= 2), the
 * paths where a collapse meets a locked shadow or a termination waits
 * for a hold, and the vm.stats.object sysctls.  A write here does what
 * vm_fault will: a page found below the first object is copied into it.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/callout.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/kthread.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/sysctl.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/uma.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

/* The state a test must leave as it found it. */
struct vmo_snap {
	u_int	free;
	u_int	wire;
	u_int	objects;
};

static u_int
vmo_sysctl_uint(const char *name)
{
	u_int val = 0;
	size_t len = sizeof(val);

	if (kernel_sysctlbyname(name, &val, &len, NULL, 0) != 0 ||
	    len != sizeof(val))
		return (~0u);
	return (val);
}

static u_long
vmo_sysctl_ulong(const char *name)
{
	u_long val = 0;
	size_t len = sizeof(val);

	if (kernel_sysctlbyname(name, &val, &len, NULL, 0) != 0 ||
	    len != sizeof(val))
		return (~0ul);
	return (val);
}

/*
 * Settle the allocators and take a snapshot.  Objects come from a
 * NOFREE zone: make it hold room for 32 before counting pages.
 */
static void
vmo_snap(struct vmo_snap *s)
{
	vm_object_t o[32];
	u_int i;

	for (i = 0; i < nitems(o); i++)
		o[i] = vm_object_allocate_anon(1);
	for (i = 0; i < nitems(o); i++)
		vm_object_deallocate(o[i]);
	uma_reclaim(UMA_RECLAIM_DRAIN);
	s->free = vm_cnt.v_free_count;
	s->wire = vm_cnt.v_wire_count;
	s->objects = vmo_sysctl_uint("vm.stats.object.count");
}

static void
vmo_expect_snap(struct ktest_ctx *kt, const struct vmo_snap *s0)
{
	struct vmo_snap s1;

	uma_reclaim(UMA_RECLAIM_DRAIN);
	s1.free = vm_cnt.v_free_count;
	s1.wire = vm_cnt.v_wire_count;
	s1.objects = vmo_sysctl_uint("vm.stats.object.count");
	KT_EXPECT_EQ(kt, s1.objects, s0->objects);
	KT_EXPECT_EQ(kt, s1.free, s0->free);
	KT_EXPECT_EQ(kt, s1.wire, s0->wire);
}

static uint64_t *
vmo_words(vm_page_t m)
{
	return ((uint64_t *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)));
}

/*
 * The page object's chain shows at pindex, copied into dst (or zeros),
 * starting below object (locked; it stays locked).  Returns true when a
 * page was found.
 */
static bool
vmo_copy_from_below(vm_object_t object, vm_pindex_t pindex, uint64_t *dst)
{
	vm_object_t b, locked;
	vm_page_t m;

	locked = NULL;
	m = NULL;
	for (b = object->backing_object; b != NULL; b = b->backing_object) {
		pindex += OFF_TO_IDX(object->backing_object_offset);
		VM_OBJECT_WLOCK(b);	/* hand over hand, top-down */
		if (locked != NULL)
			VM_OBJECT_WUNLOCK(locked);
		locked = b;
		object = b;
		m = vm_page_lookup(b, pindex);
		if (m != NULL)
			break;
	}
	if (m != NULL)
		memcpy(dst, vmo_words(m), PAGE_SIZE);
	else
		memset(dst, 0, PAGE_SIZE);
	if (locked != NULL)
		VM_OBJECT_WUNLOCK(locked);
	return (m != NULL);
}

/* The value object's holder reads at pindex (first word; 0: zero page). */
static uint64_t
vmo_read(vm_object_t object, vm_pindex_t pindex)
{
	static uint64_t buf[PAGE_SIZE / sizeof(uint64_t)];
	vm_page_t m;
	uint64_t v;

	VM_OBJECT_WLOCK(object);
	m = vm_page_lookup(object, pindex);
	if (m != NULL) {
		/* A page holds v and ~v (vmo_write), or zeros. */
		v = vmo_words(m)[0];
		KASSERT(vmo_words(m)[511] == (v == 0 ? 0 : ~v),
		    ("vmo_read: torn page"));
	} else {
		(void)vmo_copy_from_below(object, pindex, buf);
		v = buf[0];
	}
	VM_OBJECT_WUNLOCK(object);
	return (v);
}

/* A write of v at pindex, copy-on-write into object as vm_fault will. */
static void
vmo_write(vm_object_t object, vm_pindex_t pindex, uint64_t v)
{
	vm_page_t m;
	uint64_t *w;

	VM_OBJECT_WLOCK(object);
	m = vm_page_lookup(object, pindex);
	if (m == NULL) {
		m = vm_page_alloc(object, pindex, VM_ALLOC_WAITOK);
		(void)vmo_copy_from_below(object, pindex, vmo_words(m));
		m->valid = VM_PAGE_BITS_ALL;
	}
	w = vmo_words(m);
	w[0] = v;
	w[511] = ~v;
	m->dirty = VM_PAGE_BITS_ALL;
	VM_OBJECT_WUNLOCK(object);
}

static int
vmo_depth(vm_object_t object)
{
	int depth;

	VM_OBJECT_WLOCK(object);
	depth = vm_object_chain_depth(object);
	VM_OBJECT_WUNLOCK(object);
	return (depth);
}

static bool
vmo_check(vm_object_t object)
{
	bool ok;

	VM_OBJECT_WLOCK(object);
	ok = vm_object_check(object);
	VM_OBJECT_WUNLOCK(object);
	return (ok);
}

/* Pages at sparse indexes, up to the top of the key space, by the trie. */
KTEST(vm_object, pages_by_pindex)
{
	static const vm_pindex_t idx[] = { 0, 1, 17, 4096, 4097, 1ul << 35,
	    (1ul << 52) - 1, ~0ul - 1 };
	struct vmo_snap s0;
	vm_page_t m[nitems(idx)];
	vm_object_t o;
	u_int i;

	vmo_snap(&s0);
	o = vm_object_allocate(OBJT_DEFAULT, ~0ul);
	VM_OBJECT_WLOCK(o);
	for (i = 0; i < nitems(idx); i++) {
		m[i] = vm_page_alloc(o, idx[i], VM_ALLOC_NOWAIT);
		KT_ASSERT(kt, m[i] != NULL);
		KT_EXPECT(kt, m[i]->object == o && m[i]->pindex == idx[i]);
	}
	KT_EXPECT_EQ(kt, o->resident_page_count, nitems(idx));
	for (i = 0; i < nitems(idx); i++) {
		KT_EXPECT(kt, vm_page_lookup(o, idx[i]) == m[i]);
		KT_EXPECT(kt, vm_page_find_least(o, idx[i]) == m[i]);
		if (i > 0)
			KT_EXPECT(kt, vm_page_find_least(o, idx[i - 1] + 1) ==
			    m[i]);
	}
	KT_EXPECT(kt, vm_page_lookup(o, 2) == NULL);
	KT_EXPECT(kt, vm_page_find_least(o, ~0ul) == NULL);
	KT_EXPECT(kt, vm_object_check(o));
	/* A freed page leaves its object. */
	vm_page_free(m[3]);
	KT_EXPECT(kt, vm_page_lookup(o, 4096) == NULL);
	KT_EXPECT(kt, vm_page_find_least(o, 18) == m[4]);
	VM_OBJECT_WUNLOCK(o);
	vm_object_deallocate(o);
	vmo_expect_snap(kt, &s0);
}

/*
 * A chain of 8 objects with pages at every level, extra references on
 * each: dropping them all frees every page and object, exactly.
 */
KTEST(vm_object, terminate_frees_every_page)
{
	struct vmo_snap s0;
	vm_object_t chain[8], top;
	vm_ooffset_t off;
	vm_page_t wired;
	u_int free1;
	int i, j;

	vmo_snap(&s0);
	top = vm_object_allocate_anon(64);
	for (i = 0; i < 8; i++) {
		for (j = i; j < 64; j += 3)
			vmo_write(top, j, (uint64_t)i << 32 | j);
		chain[i] = top;
		vm_object_reference(top);
		off = 0;
		vm_object_shadow(&top, &off, 64 * PAGE_SIZE);
	}
	KT_EXPECT_EQ(kt, vmo_depth(top), 9);
	KT_EXPECT(kt, vmo_check(top));
	VM_OBJECT_WLOCK(top);
	wired = vm_page_alloc(top, 63, VM_ALLOC_WAITOK | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO);
	VM_OBJECT_WUNLOCK(top);
	/* Every level's last write shows through. */
	for (j = 0; j < 64; j++)
		KT_EXPECT_EQ(kt, vmo_read(top, j) & 0xffffffff,
		    j == 63 ? 0 : (uint64_t)j);
	free1 = vm_cnt.v_free_count;

	/* The holder goes first: the chain survives on the extra refs. */
	vm_object_deallocate(top);
	KT_EXPECT(kt, wired->object == NULL);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free1);	/* 63 wired, kept */
	for (i = 7; i >= 0; i--)
		vm_object_deallocate(chain[i]);
	KT_EXPECT(kt, vm_page_unwire_noq(wired));
	vm_page_free(wired);
	vmo_expect_snap(kt, &s0);
}

/* Terminating an object takes its pages out of every pmap mapping them. */
KTEST(vm_object, terminate_unmaps_pages)
{
	const vm_offset_t va = 0x0000200000000000ul;
	struct vmo_snap s0;
	struct pmap pm;
	vm_object_t o;
	vm_page_t m;
	int i;

	vmo_snap(&s0);
	KT_ASSERT_EQ(kt, pmap_pinit(&pm), 0);
	o = vm_object_allocate_anon(4);
	for (i = 0; i < 4; i++) {
		vmo_write(o, i, i + 1);
		VM_OBJECT_WLOCK(o);
		m = vm_page_lookup(o, i);
		VM_OBJECT_WUNLOCK(o);
		KT_ASSERT_EQ(kt, pmap_enter(&pm, va + ptoa(i), m,
		    VM_PROT_READ, 0), 0);
		KT_ASSERT_EQ(kt, pmap_enter(&pm, va + ptoa(i + 16), m,
		    VM_PROT_READ, 0), 0);
	}
	KT_EXPECT_EQ(kt, pm.pm_stats.resident_count, 8);
	vm_object_deallocate(o);
	for (i = 0; i < 20; i++)
		KT_EXPECT_EQ(kt, pmap_extract(&pm, va + ptoa(i)), 0);
	KT_EXPECT_EQ(kt, pm.pm_stats.resident_count, 0);
	KT_EXPECT(kt, pmap_check_pv(&pm));
	pmap_release(&pm);
	vmo_expect_snap(kt, &s0);
}

/*
 * Collapse and bypass with offsets, on page contents: what every holder
 * reads is the same before and after.
 */
KTEST(vm_object, collapse_keeps_contents)
{
	enum { N = 48 };
	struct vmo_snap s0;
	vm_object_t base, a, b;
	vm_ooffset_t off;
	uint64_t want_a[N / 2], want_b[N];
	u_long collapses, bypasses;
	int i;

	vmo_snap(&s0);
	collapses = vmo_sysctl_ulong("vm.stats.object.collapses");
	bypasses = vmo_sysctl_ulong("vm.stats.object.bypasses");
	base = vm_object_allocate_anon(N);
	for (i = 0; i < N; i += 2)
		vmo_write(base, i, 1000 + i);
	/* a: a window of N/2 pages at N/4; b: all of base. */
	vm_object_reference(base);
	a = base;
	off = ptoa(N / 4);
	vm_object_shadow(&a, &off, ptoa(N / 2));
	vm_object_reference(base);
	b = base;
	off = 0;
	vm_object_shadow(&b, &off, ptoa(N));
	vm_object_deallocate(base);	/* only a and b hold it */
	for (i = 0; i < N / 2; i += 3)
		vmo_write(a, i, 2000 + i);
	for (i = 0; i < N; i += 4)
		vmo_write(b, i, 3000 + i);
	for (i = 0; i < N / 2; i++)
		want_a[i] = vmo_read(a, i);
	for (i = 0; i < N; i++)
		want_b[i] = vmo_read(b, i);

	/* b hides base's every page once it writes them all: bypass. */
	for (i = 0; i < N; i += 2)
		vmo_write(b, i, want_b[i]);
	VM_OBJECT_WLOCK(b);
	vm_object_collapse(b);
	KT_EXPECT(kt, b->backing_object == NULL);
	VM_OBJECT_WUNLOCK(b);
	KT_EXPECT_EQ(kt, vmo_sysctl_ulong("vm.stats.object.bypasses"),
	    bypasses + 1);
	for (i = 0; i < N; i++)
		KT_EXPECT_EQ(kt, vmo_read(b, i), want_b[i]);
	vm_object_deallocate(b);

	/* base is a's alone now: a's next collapse absorbs it. */
	KT_EXPECT_EQ(kt, base->ref_count, 1);
	VM_OBJECT_WLOCK(a);
	vm_object_collapse(a);
	VM_OBJECT_WUNLOCK(a);
	KT_EXPECT_EQ(kt, vmo_sysctl_ulong("vm.stats.object.collapses"),
	    collapses + 1);
	KT_EXPECT_EQ(kt, vmo_depth(a), 1);
	KT_EXPECT(kt, vmo_check(a));
	for (i = 0; i < N / 2; i++)
		KT_EXPECT_EQ(kt, vmo_read(a, i), want_a[i]);
	KT_EXPECT_EQ(kt, a->resident_page_count, N / 4 + N / 2 / 3 -
	    N / 2 / 6);
	vm_object_deallocate(a);
	vmo_expect_snap(kt, &s0);
}

/*
 * The acceptance on objects alone: a process writes its memory
 * and forks a child that writes and exits, 1 000 times.  Odd rounds
 * shadow both sides at the fork, even rounds shadow on first write (as
 * vm_map's needs-copy will).  The chain never grows past 2, what the
 * parent reads is always what it wrote, and all memory comes back.
 */
KTEST(vm_object, fork_pattern_chain_depth)
{
	enum { N = 8, ROUNDS = 1000 };
	struct vmo_snap s0;
	vm_object_t parent, child;
	vm_ooffset_t off;
	uint64_t want[N];
	u_long collapses;
	u_int zero = 0;
	int round, i, maxdepth;

	vmo_snap(&s0);
	KT_ASSERT_EQ(kt, kernel_sysctlbyname(
	    "vm.stats.object.max_chain_depth", NULL, NULL, &zero,
	    sizeof(zero)), 0);
	collapses = vmo_sysctl_ulong("vm.stats.object.collapses");
	parent = vm_object_allocate_anon(N);
	for (i = 0; i < N; i++)
		vmo_write(parent, i, want[i] = i + 1);
	maxdepth = 0;
	for (round = 1; round <= ROUNDS; round++) {
		/* fork */
		child = parent;
		vm_object_reference(parent);
		if (round % 2 == 1) {
			off = 0;
			vm_object_shadow(&parent, &off, ptoa(N));
			off = 0;
			vm_object_shadow(&child, &off, ptoa(N));
		}
		/* The child writes some pages and sees the rest. */
		off = 0;
		if (round % 2 == 0)
			vm_object_shadow(&child, &off, ptoa(N));
		for (i = round % 3; i < N; i += 3)
			vmo_write(child, i, (uint64_t)round << 32 | 0xc0 | i);
		for (i = 0; i < N; i++) {
			if (i % 3 != round % 3 && vmo_read(child, i) !=
			    want[i])
				break;
		}
		KT_EXPECT_EQ(kt, i, N);
		maxdepth = MAX(maxdepth, vmo_depth(child));
		maxdepth = MAX(maxdepth, vmo_depth(parent));
		vm_object_deallocate(child);		/* exit */

		/* The parent writes half its memory. */
		off = 0;
		if (round % 2 == 0)
			vm_object_shadow(&parent, &off, ptoa(N));
		for (i = round % 2; i < N; i += 2)
			vmo_write(parent, i, want[i] = (uint64_t)round << 32 |
			    i);
		for (i = 0; i < N; i++) {
			if (vmo_read(parent, i) != want[i])
				break;
		}
		KT_ASSERT_EQ(kt, i, N);
		maxdepth = MAX(maxdepth, vmo_depth(parent));
		if (round % 100 == 0)
			KT_ASSERT(kt, vmo_check(parent));
	}
	printf("# %d rounds: deepest chain %d, sysctl max_chain_depth %u, "
	    "chain_depth %u, %lu collapses\n", ROUNDS, maxdepth,
	    vmo_sysctl_uint("vm.stats.object.max_chain_depth"),
	    vmo_sysctl_uint("vm.stats.object.chain_depth"),
	    vmo_sysctl_ulong("vm.stats.object.collapses") - collapses);
	KT_EXPECT(kt, maxdepth <= 2);
	KT_EXPECT(kt, vmo_sysctl_uint("vm.stats.object.max_chain_depth") <= 2);
	KT_EXPECT(kt, vmo_sysctl_uint("vm.stats.object.chain_depth") <= 2);
	KT_EXPECT(kt, vmo_sysctl_ulong("vm.stats.object.collapses") -
	    collapses >= ROUNDS / 2);
	KT_EXPECT_EQ(kt, vmo_depth(parent), 1);
	KT_EXPECT_EQ(kt, parent->resident_page_count, N);
	vm_object_deallocate(parent);
	vmo_expect_snap(kt, &s0);
}

/*
 * A thread that holds an object's lock for a few ticks, or a hold
 * (paging_in_progress) on it, then lets go.
 */
static struct {
	vm_object_t	object;
	bool		pip;		/* take a hold, not the lock */
	volatile int	state;		/* 1 holding, 2 released */
} vmo_holder;

static void
vmo_holder_thread(void *arg)
{
	vm_object_t object = vmo_holder.object;

	VM_OBJECT_WLOCK(object);
	if (vmo_holder.pip) {
		vm_object_pip_add(object, 1);
		VM_OBJECT_WUNLOCK(object);
	}
	vmo_holder.state = 1;
	wakeup(&vmo_holder);
	(void)pause("vmohold", 3);
	if (vmo_holder.pip)
		VM_OBJECT_WLOCK(object);
	vmo_holder.state = 2;
	if (vmo_holder.pip)
		vm_object_pip_wakeup(object);
	VM_OBJECT_WUNLOCK(object);
}

static u_int vmo_holder_threads;	/* kthread_count() before the start */

static int
vmo_holder_start(struct ktest_ctx *kt, vm_object_t object, bool pip)
{
	uint64_t end;
	int error;

	vmo_holder_threads = kthread_count();
	vmo_holder.object = object;
	vmo_holder.pip = pip;
	vmo_holder.state = 0;
	error = kthread_add(vmo_holder_thread, NULL, NULL, PRI_KERN,
	    "kt_vmohold");
	if (error != 0)
		return (error);
	end = ticks + hz;
	while (vmo_holder.state == 0 && ticks < end)
		(void)tsleep(&vmo_holder, 0, "vmostart", 1);
	return (vmo_holder.state == 1 ? 0 : EWOULDBLOCK);
}

/* Wait for the holder thread to be gone, and free its stack. */
static void
vmo_holder_finish(void)
{
	uint64_t end;

	end = ticks + hz;
	while (kthread_count() != vmo_holder_threads && ticks < end)
		(void)pause("vmofin", 1);
	kthread_reap();
}

static void
vmo_noop_thread(void *arg)
{
}

/*
 * Run a thread that does nothing to its end, so that the page tables a
 * thread's stack needs exist before a test counts pages.
 */
static void
vmo_threads_settle(void)
{
	vmo_holder_threads = kthread_count();
	if (kthread_add(vmo_noop_thread, NULL, NULL, PRI_KERN,
	    "kt_vmonoop") == 0)
		vmo_holder_finish();
}

/*
 * The last other reference to a backing object goes while another
 * thread holds the shadow's lock: the collapse cannot take the shadow's
 * lock out of order, so it holds the shadow, lets go of the backing
 * object and waits for the lock the right way round.
 */
KTEST(vm_object, collapse_waits_for_locked_shadow)
{
	struct vmo_snap s0;
	vm_object_t o, s;
	vm_ooffset_t off;
	u_long collapses;

	vmo_threads_settle();
	vmo_snap(&s0);
	collapses = vmo_sysctl_ulong("vm.stats.object.collapses");
	o = vm_object_allocate_anon(4);
	vmo_write(o, 1, 11);
	vm_object_reference(o);
	s = o;
	off = 0;
	vm_object_shadow(&s, &off, ptoa(4));
	vmo_write(s, 2, 22);
	KT_ASSERT_EQ(kt, vmo_holder_start(kt, s, false), 0);
	vm_object_deallocate(o);
	KT_EXPECT_EQ(kt, vmo_holder.state, 2);
	KT_EXPECT_EQ(kt, vmo_sysctl_ulong("vm.stats.object.collapses"),
	    collapses + 1);
	KT_EXPECT(kt, s->backing_object == NULL);
	KT_EXPECT_EQ(kt, s->paging_in_progress, 0);
	KT_EXPECT_EQ(kt, vmo_read(s, 1), 11);
	KT_EXPECT_EQ(kt, vmo_read(s, 2), 22);
	vm_object_deallocate(s);
	vmo_holder_finish();
	vmo_expect_snap(kt, &s0);
}

/* Termination waits for holds on the object to drain. */
KTEST(vm_object, terminate_waits_for_holds)
{
	struct vmo_snap s0;
	vm_object_t o;

	vmo_threads_settle();
	vmo_snap(&s0);
	o = vm_object_allocate_anon(2);
	vmo_write(o, 0, 5);
	KT_ASSERT_EQ(kt, vmo_holder_start(kt, o, true), 0);
	vm_object_deallocate(o);
	KT_EXPECT_EQ(kt, vmo_holder.state, 2);
	vmo_holder_finish();
	vmo_expect_snap(kt, &s0);
}

/* vm.stats.object.* exist and follow what happens. */
KTEST(vm_object, sysctls)
{
	u_long shadows;
	u_int count;
	vm_object_t o, s;
	vm_ooffset_t off;

	shadows = vmo_sysctl_ulong("vm.stats.object.shadows");
	count = vmo_sysctl_uint("vm.stats.object.count");
	KT_EXPECT(kt, vmo_sysctl_ulong("vm.stats.object.collapses") != ~0ul);
	KT_EXPECT(kt, vmo_sysctl_ulong("vm.stats.object.bypasses") != ~0ul);
	KT_EXPECT(kt, vmo_sysctl_uint("vm.stats.object.max_chain_depth") !=
	    ~0u);
	o = vm_object_allocate_anon(1);
	vm_object_reference(o);
	s = o;
	off = 0;
	vm_object_shadow(&s, &off, PAGE_SIZE);
	KT_EXPECT_EQ(kt, vmo_sysctl_ulong("vm.stats.object.shadows"),
	    shadows + 1);
	KT_EXPECT_EQ(kt, vmo_sysctl_uint("vm.stats.object.count"), count + 2);
	KT_EXPECT(kt, vmo_sysctl_uint("vm.stats.object.chain_depth") >= 2);
	KT_EXPECT(kt, vmo_sysctl_uint("vm.stats.object.max_chain_depth") >=
	    2);
	vm_object_deallocate(s);
	vm_object_deallocate(o);
	KT_EXPECT_EQ(kt, vmo_sysctl_uint("vm.stats.object.count"), count);
}
