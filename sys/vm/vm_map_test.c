/*
 * vm_map_test.c: in-kernel tests of address maps (suite vm_map) over
 * real vmspaces and user pmaps: deleting and protecting ranges changes
 * the page tables (checked through pmap_extract, the PTEs and provoked
 * faults), 10 000 mappings are made, searched and removed with their
 * costs measured, fork copies and skips the right entries, and the
 * vm.max_map_count sysctl bounds a map.  Each test ends with the "MAP
 * ENTRY" and "VMSPACE" zones and the free page count at their baseline.
 *
 * Pages stand in for what vm_fault will enter: pages of the entry's
 * object (or wired pages of no object) put in with pmap_enter.  The
 * host test (tests/unit/vm_map_test.c) checks the object references and
 * page removals exhaustively; here they meet the real vm_object.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/systm.h>
#include <sys/time.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/uma.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>

#include <machine/cpufunc.h>
#include <machine/md_var.h>
#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/specialreg.h>
#include <machine/vmparam.h>

#define USER_MIN	0x10000ul	/* Linux's vm.mmap_min_addr */
#define T_PAGEFLT	14

/* The state every test must leave as it found it. */
struct mapsnap {
	uint64_t	entries_used;
	uint64_t	vmspaces_used;
	u_int		free;
};

struct zone_find {
	const char	*name;
	uma_zone_t	zone;
};

static void
zone_find_cb(uma_zone_t zone, void *arg)
{
	struct zone_find *zf = arg;

	if (strcmp(uma_zone_name(zone), zf->name) == 0)
		zf->zone = zone;
}

static uint64_t
zone_used(const char *name)
{
	struct zone_find zf = { name, NULL };
	struct uma_zone_stats st;

	uma_zone_foreach(zone_find_cb, &zf);
	if (zf.zone == NULL)
		return (~0ul);
	uma_zone_get_stats(zf.zone, &st);
	return (st.uzs_used);
}

/*
 * Take the baseline.  Objects and their radix nodes come from zones that
 * keep their slabs (UMA_ZONE_NOFREE), so one object with pages is made
 * and dropped first: the first test to use objects would otherwise see
 * the slabs it created as pages lost.
 */
static void
snap(struct mapsnap *s)
{
	vm_object_t object;

	object = vm_object_allocate_anon(1024);
	VM_OBJECT_WLOCK(object);
	(void)vm_page_alloc(object, 0, VM_ALLOC_WAITOK);
	(void)vm_page_alloc(object, 1000, VM_ALLOC_WAITOK);
	VM_OBJECT_WUNLOCK(object);
	vm_object_deallocate(object);
	uma_reclaim(UMA_RECLAIM_DRAIN);
	s->entries_used = zone_used("MAP ENTRY");
	s->vmspaces_used = zone_used("VMSPACE");
	s->free = vm_cnt.v_free_count;
}

static void
expect_baseline(struct ktest_ctx *kt, const struct mapsnap *s0)
{
	struct mapsnap s1;

	snap(&s1);
	KT_EXPECT_EQ(kt, s1.entries_used, s0->entries_used);
	KT_EXPECT_EQ(kt, s1.vmspaces_used, s0->vmspaces_used);
	KT_EXPECT_EQ(kt, s1.free, s0->free);
}

static bool
map_check(vm_map_t map)
{
	bool ok;

	vm_map_lock_read(map);
	ok = vm_map_check(map);
	vm_map_unlock_read(map);
	return (ok);
}

/* Enter a fresh wired page at each page of [va, va + n pages). */
static void
fill(struct ktest_ctx *kt, struct vmspace *vm, vm_offset_t va, int n,
    vm_page_t *pages)
{
	int i;

	for (i = 0; i < n; i++) {
		pages[i] = vm_page_alloc_noobj(VM_ALLOC_WAITOK |
		    VM_ALLOC_WIRED | VM_ALLOC_ZERO);
		KT_ASSERT_EQ(kt, pmap_enter(vmspace_pmap(vm), va + ptoa(i),
		    pages[i], VM_PROT_RW, 0), 0);
	}
}

static void
unfill(vm_page_t *pages, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		KASSERT(pmap_page_mapcount(pages[i]) == 0,
		    ("vm_map_test: page still mapped"));
		pages[i]->dirty = 0;
		vm_page_free(pages[i]);
	}
}

/* Give object pages n pages from pindex and enter them at va, as faults. */
static void
fill_object(struct ktest_ctx *kt, struct vmspace *vm, vm_offset_t va,
    vm_object_t object, vm_pindex_t pindex, int n, vm_prot_t prot)
{
	vm_page_t m;
	int i;

	VM_OBJECT_WLOCK(object);
	for (i = 0; i < n; i++) {
		m = vm_page_alloc(object, pindex + i, VM_ALLOC_WAITOK |
		    VM_ALLOC_ZERO);
		m->valid = VM_PAGE_BITS_ALL;
		/* object, then pmap */
		KT_EXPECT_EQ(kt, pmap_enter(vmspace_pmap(vm), va + ptoa(i), m,
		    prot, 0), 0);
	}
	VM_OBJECT_WUNLOCK(object);
}

static int
resident(vm_object_t object)
{
	int n;

	VM_OBJECT_WLOCK(object);
	n = object->resident_page_count;
	VM_OBJECT_WUNLOCK(object);
	return (n);
}

static void
do_user_write(void *arg)
{
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("stac" : : : "memory");
	*(volatile uint64_t *)arg = 0x5a5a5a5a5a5a5a5aul;
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("clac" : : : "memory");
}

static void
do_user_read(void *arg)
{
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("stac" : : : "memory");
	(void)*(volatile uint64_t *)arg;
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("clac" : : : "memory");
}

/* Run fn(va) in vm's address space; returns whether it faulted, and how. */
static bool
user_fault(struct vmspace *vm, void (*fn)(void *), vm_offset_t va,
    uint64_t *err)
{
	uint64_t trapno, addr;
	bool faulted;

	pmap_activate_cr3(vmspace_pmap(vm));
	faulted = cpu_expect_fault(fn, (void *)va, &trapno, &addr, err);
	if (rcr4() & CR4_SMAP)
		__asm__ volatile("clac" : : : "memory");
	pmap_activate_cr3(kernel_pmap);
	return (faulted && trapno == T_PAGEFLT && addr == va);
}

/*
 * A partial munmap: the hole in the middle of an entry leaves the page
 * tables and the entry splits in two; the rest stays mapped.
 */
KTEST(vm_map, delete_unmaps_pages)
{
	vm_page_t pages[16];
	struct mapsnap s0;
	struct vmspace *vm;
	vm_map_t map;
	vm_offset_t va = 0;
	int i;

	snap(&s0);
	vm = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm != NULL);
	map = &vm->vm_map;
	KT_ASSERT_EQ(kt, vm_map_find(map, NULL, 0, &va, ptoa(16), 0,
	    VMFS_ANY_SPACE, VM_PROT_RW, VM_PROT_ALL, 0), 0);
	/* Top-down: right below the top of user space. */
	KT_EXPECT_EQ(kt, va, VM_MAXUSER_ADDRESS - ptoa(16));
	fill(kt, vm, va, 16, pages);
	KT_EXPECT_EQ(kt, vmspace_pmap(vm)->pm_stats.resident_count, 16);

	KT_ASSERT_EQ(kt, vm_map_remove(map, va + ptoa(4), va + ptoa(8)), 0);
	KT_EXPECT_EQ(kt, map->nentries, 2);
	KT_EXPECT_EQ(kt, map->size, ptoa(12));
	for (i = 0; i < 16; i++)
		KT_EXPECT_EQ(kt, pmap_extract(vmspace_pmap(vm), va + ptoa(i)),
		    i >= 4 && i < 8 ? 0 : VM_PAGE_TO_PHYS(pages[i]));
	KT_EXPECT(kt, map_check(map));
	KT_EXPECT(kt, pmap_check_pv(vmspace_pmap(vm)));

	/* The whole vmspace goes, and every mapping with it. */
	vmspace_free(vm);
	unfill(pages, 16);
	expect_baseline(kt, &s0);
}

/*
 * Partial munmap of anonymous memory: the pages only that range could
 * reach leave the object at once and go back to the free pages.
 */
KTEST(vm_map, unmap_frees_object_pages)
{
	struct mapsnap s0;
	struct vmspace *vm;
	vm_object_t object;
	vm_offset_t va = 0x800000;
	u_int free0;
	int i;

	snap(&s0);
	vm = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm != NULL);
	object = vm_object_allocate_anon(16);
	KT_ASSERT_EQ(kt, vm_map_find(&vm->vm_map, object, 0, &va, ptoa(16),
	    0, VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_ALL, MAP_COPY_ON_WRITE), 0);
	fill_object(kt, vm, va, object, 0, 16, VM_PROT_RW);
	KT_EXPECT_EQ(kt, resident(object), 16);

	free0 = vm_cnt.v_free_count;
	KT_ASSERT_EQ(kt, vm_map_remove(&vm->vm_map, va + ptoa(4),
	    va + ptoa(8)), 0);
	KT_EXPECT_EQ(kt, resident(object), 12);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0 + 4);
	for (i = 0; i < 16; i++)
		KT_EXPECT_EQ(kt, pmap_extract(vmspace_pmap(vm), va + ptoa(i)) ==
		    0, i >= 4 && i < 8);
	/* Two entries hold the object now. */
	VM_OBJECT_WLOCK(object);
	KT_EXPECT_EQ(kt, object->ref_count, 2);
	KT_EXPECT(kt, vm_object_check(object));
	VM_OBJECT_WUNLOCK(object);
	KT_EXPECT(kt, map_check(&vm->vm_map));
	KT_EXPECT(kt, pmap_check_pv(vmspace_pmap(vm)));
	/* The rest goes with the vmspace, the object with its last entry. */
	vmspace_free(vm);
	expect_baseline(kt, &s0);
}

/* mprotect: lowered rights reach the PTEs at once; the CPU enforces them. */
KTEST(vm_map, protect_reaches_ptes)
{
	vm_page_t pages[4];
	struct mapsnap s0;
	struct vmspace *vm;
	vm_map_t map;
	vm_offset_t va = 0x400000;
	pt_entry_t *pte;
	uint64_t err;

	snap(&s0);
	vm = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm != NULL);
	map = &vm->vm_map;
	KT_ASSERT_EQ(kt, vm_map_find(map, NULL, 0, &va, ptoa(4), 0,
	    VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_RW, 0), 0);
	fill(kt, vm, va, 4, pages);
	KT_EXPECT(kt, !user_fault(vm, do_user_write, va + ptoa(1), &err));

	/* Read-only in the middle: three entries, that PTE loses RW. */
	KT_ASSERT_EQ(kt, vm_map_protect(map, va + ptoa(1), va + ptoa(2),
	    VM_PROT_READ, false), 0);
	KT_EXPECT_EQ(kt, map->nentries, 3);
	pte = pmap_pte(vmspace_pmap(vm), va + ptoa(1));
	KT_ASSERT(kt, pte != NULL);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW), PG_V);
	pte = pmap_pte(vmspace_pmap(vm), va);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW), PG_V | PG_RW);
	KT_EXPECT(kt, user_fault(vm, do_user_write, va + ptoa(1), &err));
	KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_W), PGEX_P | PGEX_W);
	KT_EXPECT(kt, !user_fault(vm, do_user_read, va + ptoa(1), &err));
	KT_EXPECT(kt, !user_fault(vm, do_user_write, va + ptoa(2), &err));

	/* Beyond max_protection: refused, nothing changes. */
	KT_EXPECT_EQ(kt, vm_map_protect(map, va, va + ptoa(4), VM_PROT_ALL,
	    false), EACCES);
	KT_EXPECT_EQ(kt, map->nentries, 3);

	/* No access: the mapping goes; the entry stays. */
	KT_ASSERT_EQ(kt, vm_map_protect(map, va + ptoa(3), va + ptoa(4),
	    VM_PROT_NONE, false), 0);
	KT_EXPECT_EQ(kt, pmap_extract(vmspace_pmap(vm), va + ptoa(3)), 0);
	KT_EXPECT(kt, user_fault(vm, do_user_read, va + ptoa(3), &err));
	KT_EXPECT_EQ(kt, err & PGEX_P, 0);

	/* Back to read/write: entries merge (the PTEs wait for faults). */
	KT_ASSERT_EQ(kt, vm_map_protect(map, va, va + ptoa(4), VM_PROT_RW,
	    false), 0);
	KT_EXPECT_EQ(kt, map->nentries, 1);
	KT_EXPECT(kt, map_check(map));
	KT_EXPECT(kt, pmap_check_pv(vmspace_pmap(vm)));
	vmspace_free(vm);
	unfill(pages, 4);
	expect_baseline(kt, &s0);
}

/*
 * "10 000 mappings made and removed": one page each, alternating rights
 * so that none merge, found top-down; then searched and removed one by
 * one.  Prints the cost of each phase.
 */
KTEST(vm_map, ten_thousand_mappings)
{
	enum { N = 10000 };
	struct mapsnap s0;
	struct vmspace *vm;
	vm_map_t map;
	vm_offset_t va, top = VM_MAXUSER_ADDRESS;
	uint64_t t0, t_make, t_find, t_remove;
	int i, bad = 0;

	snap(&s0);
	vm = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm != NULL);
	map = &vm->vm_map;
	t0 = nanouptime_ns();
	for (i = 0; i < N; i++) {
		va = 0;
		if (vm_map_find(map, NULL, 0, &va, PAGE_SIZE, 0,
		    VMFS_ANY_SPACE, i % 2 ? VM_PROT_READ : VM_PROT_RW,
		    VM_PROT_ALL, 0) != 0 || va != top - ptoa(i + 1))
			bad++;
	}
	t_make = nanouptime_ns() - t0;
	KT_EXPECT_EQ(kt, bad, 0);
	KT_EXPECT_EQ(kt, map->nentries, N);
	KT_EXPECT_EQ(kt, map->size, ptoa(N));
	KT_EXPECT(kt, map_check(map));

	/* Searches: a two-page hole in the middle, found from anywhere. */
	KT_ASSERT_EQ(kt, vm_map_remove(map, top - ptoa(5001),
	    top - ptoa(4999)), 0);
	t0 = nanouptime_ns();
	vm_map_lock_read(map);
	for (i = 0; i < N; i++) {
		if (vm_map_findspace_range(map, top - ptoa(N), top,
		    ptoa(2), PAGE_SIZE, i % 2, &va) != 0 ||
		    va != top - ptoa(5001))
			bad++;
	}
	vm_map_unlock_read(map);
	t_find = nanouptime_ns() - t0;
	KT_EXPECT_EQ(kt, bad, 0);

	t0 = nanouptime_ns();
	for (i = 0; i < N; i++)
		if (vm_map_remove(map, top - ptoa(i + 1), top - ptoa(i)) != 0)
			bad++;
	t_remove = nanouptime_ns() - t0;
	KT_EXPECT_EQ(kt, bad, 0);
	KT_EXPECT_EQ(kt, map->nentries, 0);
	KT_EXPECT_EQ(kt, map->size, 0);
	KT_EXPECT(kt, map_check(map));
	printf("# vm_map: %d mappings made in %lu us (%lu ns each), %d "
	    "searches in %lu us (%lu ns each), removed in %lu us (%lu ns "
	    "each)\n", N, t_make / 1000, t_make / N, N, t_find / 1000,
	    t_find / N, t_remove / 1000, t_remove / N);
	vmspace_free(vm);
	expect_baseline(kt, &s0);
}

/* Fork copies COPY and SHARE entries and leaves NONE and DONTFORK out. */
KTEST(vm_map, fork_inheritance)
{
	vm_page_t pages[1];
	struct vm_map_entry *entry;
	struct mapsnap s0;
	struct vmspace *vm1, *vm2;
	vm_offset_t base = 0x10000000, va;
	int i, n = 0;

	snap(&s0);
	vm1 = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm1 != NULL);
	vm1->vm_dsize = 7;
	for (i = 0; i < 4; i++) {
		va = base + ptoa(2 * i);
		KT_ASSERT_EQ(kt, vm_map_find(&vm1->vm_map, NULL, 0, &va,
		    PAGE_SIZE, 0, VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_RW,
		    i == 1 ? MAP_INHERIT_SHARE : 0), 0);
	}
	KT_ASSERT_EQ(kt, vm_map_inherit(&vm1->vm_map, base + ptoa(4),
	    base + ptoa(5), VM_INHERIT_NONE), 0);
	KT_ASSERT_EQ(kt, vm_map_madvise(&vm1->vm_map, base + ptoa(6),
	    base + ptoa(7), MADV_DONTFORK), 0);
	fill(kt, vm1, base, 1, pages);

	vm2 = vmspace_fork(vm1);
	KT_ASSERT(kt, vm2 != NULL);
	KT_EXPECT(kt, vmspace_pmap(vm2) != vmspace_pmap(vm1));
	KT_EXPECT_EQ(kt, vm2->vm_dsize, 7);
	KT_EXPECT_EQ(kt, vm2->vm_map.nentries, 2);
	vm_map_lock_read(&vm2->vm_map);
	VM_MAP_ENTRY_FOREACH(entry, &vm2->vm_map) {
		KT_EXPECT_EQ(kt, entry->start, base + ptoa(2 * n));
		KT_EXPECT_EQ(kt, entry->inheritance, n == 1 ?
		    VM_INHERIT_SHARE : VM_INHERIT_COPY);
		n++;
	}
	vm_map_unlock_read(&vm2->vm_map);
	/* The child's page tables start empty: its faults fill them. */
	KT_EXPECT_EQ(kt, vmspace_pmap(vm2)->pm_stats.resident_count, 0);
	KT_EXPECT_EQ(kt, pmap_extract(vmspace_pmap(vm1), base),
	    VM_PAGE_TO_PHYS(pages[0]));
	KT_EXPECT(kt, map_check(&vm2->vm_map));
	vmspace_free(vm2);
	vmspace_free(vm1);
	unfill(pages, 1);
	expect_baseline(kt, &s0);
}

/*
 * Fork of private memory with pages: both sides copy-on-write over the
 * same object, the parent's pages write-protected (a write faults), the
 * child's page tables empty.  A shared entry without an object gets one,
 * the same on both sides.
 */
KTEST(vm_map, fork_copy_on_write)
{
	struct vm_map_entry *e1, *e2;
	struct mapsnap s0;
	struct vmspace *vm1, *vm2;
	vm_object_t object;
	vm_offset_t va = 0x400000, shva = 0x600000;
	pt_entry_t *pte;
	uint64_t err;

	snap(&s0);
	vm1 = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm1 != NULL);
	object = vm_object_allocate_anon(4);
	KT_ASSERT_EQ(kt, vm_map_find(&vm1->vm_map, object, 0, &va, ptoa(4), 0,
	    VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_ALL, 0), 0);
	KT_ASSERT_EQ(kt, vm_map_find(&vm1->vm_map, NULL, 0, &shva, ptoa(2), 0,
	    VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_ALL, MAP_INHERIT_SHARE), 0);
	fill_object(kt, vm1, va, object, 0, 4, VM_PROT_RW);
	KT_EXPECT(kt, !user_fault(vm1, do_user_write, va, &err));

	vm2 = vmspace_fork(vm1);
	KT_ASSERT(kt, vm2 != NULL);
	vm_map_lock_read(&vm1->vm_map);
	vm_map_lock_read(&vm2->vm_map);
	KT_ASSERT(kt, vm_map_lookup_entry(&vm1->vm_map, va, &e1));
	KT_ASSERT(kt, vm_map_lookup_entry(&vm2->vm_map, va, &e2));
	KT_EXPECT(kt, e1->object == object && e2->object == object);
	KT_EXPECT_EQ(kt, e1->eflags & (MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY),
	    MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY);
	KT_EXPECT_EQ(kt, e2->eflags & (MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY),
	    MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY);
	KT_EXPECT_EQ(kt, object->ref_count, 2);
	KT_EXPECT_EQ(kt, object->flags & OBJ_ONEMAPPING, 0);
	KT_ASSERT(kt, vm_map_lookup_entry(&vm1->vm_map, shva, &e1));
	KT_ASSERT(kt, vm_map_lookup_entry(&vm2->vm_map, shva, &e2));
	KT_EXPECT(kt, e1->object != NULL && e1->object == e2->object);
	KT_EXPECT(kt, e1->object != NULL && e1->object->ref_count == 2);
	vm_map_unlock_read(&vm2->vm_map);
	vm_map_unlock_read(&vm1->vm_map);

	pte = pmap_pte(vmspace_pmap(vm1), va + ptoa(2));
	KT_ASSERT(kt, pte != NULL);
	KT_EXPECT_EQ(kt, *pte & (PG_V | PG_RW), PG_V);
	KT_EXPECT(kt, user_fault(vm1, do_user_write, va + ptoa(2), &err));
	KT_EXPECT_EQ(kt, err & (PGEX_P | PGEX_W), PGEX_P | PGEX_W);
	KT_EXPECT(kt, !user_fault(vm1, do_user_read, va + ptoa(2), &err));
	KT_EXPECT_EQ(kt, vmspace_pmap(vm2)->pm_stats.resident_count, 0);
	KT_EXPECT(kt, map_check(&vm1->vm_map) && map_check(&vm2->vm_map));

	vmspace_free(vm2);
	KT_EXPECT_EQ(kt, object->ref_count, 1);
	vmspace_free(vm1);
	expect_baseline(kt, &s0);
}

/* vm.max_map_count: read, lowered, enforced, restored. */
KTEST(vm_map, max_map_count_sysctl)
{
	struct mapsnap s0;
	struct vmspace *vm;
	vm_offset_t va;
	size_t len = sizeof(int);
	int old = 0, lim = 3, i;

	snap(&s0);
	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.max_map_count", &old, &len,
	    NULL, 0), 0);
	KT_EXPECT_EQ(kt, old, VM_MAX_MAP_COUNT_DEFAULT);
	vm = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm != NULL);
	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.max_map_count", NULL, NULL,
	    &lim, sizeof(lim)), 0);
	/* Alternating rights: three entries, then no fourth. */
	for (i = 0; i < 4; i++) {
		va = 0;
		KT_EXPECT_EQ(kt, vm_map_find(&vm->vm_map, NULL, 0, &va,
		    PAGE_SIZE, 0, VMFS_ANY_SPACE, i % 2 ? VM_PROT_READ :
		    VM_PROT_RW, VM_PROT_RW, 0), i < 3 ? 0 : ENOMEM);
	}
	/* Three entries again, the top one three pages long ... */
	KT_ASSERT_EQ(kt, vm_map_remove(&vm->vm_map, VM_MAXUSER_ADDRESS -
	    ptoa(3), VM_MAXUSER_ADDRESS), 0);
	for (i = 0; i < 3; i++) {
		va = 0;
		KT_ASSERT_EQ(kt, vm_map_find(&vm->vm_map, NULL, 0, &va,
		    ptoa(i == 0 ? 3 : 1), 0, VMFS_ANY_SPACE, i % 2 ?
		    VM_PROT_READ : VM_PROT_RW, VM_PROT_RW, 0), 0);
	}
	KT_EXPECT_EQ(kt, vm->vm_map.nentries, 3);
	/* ... where a hole in the middle would make a fourth. */
	KT_EXPECT_EQ(kt, vm_map_remove(&vm->vm_map, VM_MAXUSER_ADDRESS -
	    ptoa(2), VM_MAXUSER_ADDRESS - ptoa(1)), ENOMEM);
	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.max_map_count", NULL, NULL,
	    &old, sizeof(old)), 0);
	KT_EXPECT_EQ(kt, vm_map_remove(&vm->vm_map, VM_MAXUSER_ADDRESS -
	    ptoa(2), VM_MAXUSER_ADDRESS - ptoa(1)), 0);
	KT_EXPECT_EQ(kt, vm->vm_map.nentries, 4);
	vmspace_free(vm);
	expect_baseline(kt, &s0);
}

/* vmspace references; the map lock's modes and timestamp. */
KTEST(vm_map, vmspace_refs_and_lock)
{
	struct mapsnap s0;
	struct vmspace *vm;
	vm_map_t map;
	u_int ts;

	snap(&s0);
	vm = vmspace_alloc(USER_MIN, VM_MAXUSER_ADDRESS);
	KT_ASSERT(kt, vm != NULL);
	map = &vm->vm_map;
	vmspace_ref(vm);
	KT_EXPECT_EQ(kt, vm->vm_refcnt, 2);
	vmspace_free(vm);
	KT_EXPECT_EQ(kt, vm->vm_refcnt, 1);

	ts = map->timestamp;
	vm_map_lock_read(map);
	KT_EXPECT_EQ(kt, map->timestamp, ts);
	KT_EXPECT(kt, !vm_map_trylock(map));
	KT_EXPECT(kt, vm_map_trylock_read(map));
	vm_map_unlock_read(map);
	/* The only reader: the upgrade succeeds at once. */
	KT_EXPECT_EQ(kt, vm_map_lock_upgrade(map), 0);
	KT_EXPECT(kt, map->timestamp != ts);
	VM_MAP_ASSERT_LOCKED(map);
	vm_map_lock_downgrade(map);
	vm_map_unlock_read(map);
	KT_EXPECT(kt, vm_map_trylock(map));
	vm_map_unlock(map);
	vmspace_free(vm);
	expect_baseline(kt, &s0);
}
