/*
 * vm_fault_test.c: in-kernel tests of vm_fault on real vmspaces: zero
 * fill, protection errors, copy-on-write after vmspace_fork in both
 * directions, bounded shadow chains over 1 000 fork/write/exit rounds,
 * fault-around, waiting for a busy page, and memory back to baseline.
 * Pages are read and written through the direct map, as a user access
 * would after the fault.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/kthread.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_fault.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

#define VA0	0x10000000ul

static struct vmspace *
mkvm(void)
{
	return (vmspace_alloc(PAGE_SIZE, VM_MAXUSER_ADDRESS));
}

static int
map_anon(struct vmspace *vm, vm_offset_t va, vm_size_t len, vm_prot_t prot)
{
	vm_offset_t addr = va;

	return (vm_map_find(&vm->vm_map, NULL, 0, &addr, len, 0,
	    VMFS_NO_SPACE, prot, VM_PROT_ALL, 0));
}

/* The byte at va through the direct map, or NULL when va is not mapped. */
static volatile uint8_t *
byte_at(struct vmspace *vm, vm_offset_t va)
{
	vm_paddr_t pa = pmap_extract(&vm->vm_pmap, va);

	if (pa == 0)
		return (NULL);
	return ((volatile uint8_t *)PHYS_TO_DMAP(pa));
}

static vm_object_t
object_at(struct vmspace *vm, vm_offset_t va)
{
	struct vm_map_entry *entry;
	vm_object_t object = NULL;

	vm_map_lock_read(&vm->vm_map);
	if (vm_map_lookup_entry(&vm->vm_map, va, &entry))
		object = entry->object;
	vm_map_unlock_read(&vm->vm_map);
	return (object);
}

static int
chain_depth_at(struct vmspace *vm, vm_offset_t va)
{
	vm_object_t object = object_at(vm, va);
	int depth;

	if (object == NULL)
		return (0);
	VM_OBJECT_WLOCK(object);
	depth = vm_object_chain_depth(object);
	VM_OBJECT_WUNLOCK(object);
	return (depth);
}

/* Warm the zones that never give slabs back, so baselines are exact. */
static void
warm_up(void)
{
	struct vmspace *vm = mkvm(), *vm2;

	(void)map_anon(vm, VA0, PAGE_SIZE, VM_PROT_RW);
	(void)vm_fault(&vm->vm_map, VA0, VM_PROT_WRITE, 0);
	vm2 = vmspace_fork(vm);
	(void)vm_fault(&vm2->vm_map, VA0, VM_PROT_WRITE, 0);
	vmspace_free(vm2);
	vmspace_free(vm);
}

static void
zero_fill_body(struct ktest_ctx *kt)
{
	struct vmspace *vm;
	uint64_t zfod = vm_cnt.v_zfod;

	vm = mkvm();
	KT_ASSERT(kt, vm != NULL);
	KT_ASSERT_EQ(kt, map_anon(vm, VA0, 4 * PAGE_SIZE, VM_PROT_RW), 0);
	KT_ASSERT_EQ(kt, map_anon(vm, VA0 + 8 * PAGE_SIZE, PAGE_SIZE,
	    VM_PROT_READ), 0);
	KT_EXPECT(kt, byte_at(vm, VA0 + PAGE_SIZE) == NULL);

	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + PAGE_SIZE + 5,
	    VM_PROT_WRITE, 0), 0);
	KT_ASSERT(kt, byte_at(vm, VA0 + PAGE_SIZE) != NULL);
	KT_EXPECT_EQ(kt, byte_at(vm, VA0 + PAGE_SIZE)[5], 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_zfod, zfod + 1);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 2 * PAGE_SIZE,
	    VM_PROT_READ, 0), 0);

	/* No mapping; a read-only mapping written; no execute right. */
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 5 * PAGE_SIZE,
	    VM_PROT_READ, 0), EFAULT);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 8 * PAGE_SIZE,
	    VM_PROT_WRITE, 0), EACCES);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0, VM_PROT_EXECUTE, 0),
	    EACCES);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 8 * PAGE_SIZE,
	    VM_PROT_READ, 0), 0);
	vmspace_free(vm);
}

/* The second run finds every zone warm: pages must come back exactly. */
KTEST(vm_fault, zero_fill_and_errors)
{
	u_int free0;

	zero_fill_body(kt);
	free0 = vm_cnt.v_free_count;
	zero_fill_body(kt);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
}

KTEST(vm_fault, cow_after_fork_both_ways)
{
	struct vmspace *parent, *child;
	uint64_t cow = vm_cnt.v_cow_faults;
	vm_paddr_t ppa;
	u_int free0;

	warm_up();
	free0 = vm_cnt.v_free_count;
	parent = mkvm();
	KT_ASSERT_EQ(kt, map_anon(parent, VA0, 2 * PAGE_SIZE, VM_PROT_RW), 0);
	KT_ASSERT_EQ(kt, vm_fault(&parent->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	*byte_at(parent, VA0) = 'P';
	ppa = pmap_extract(&parent->vm_pmap, VA0);

	child = vmspace_fork(parent);
	KT_ASSERT(kt, child != NULL);
	/* A read shares the parent's page, read-only. */
	KT_ASSERT_EQ(kt, vm_fault(&child->vm_map, VA0, VM_PROT_READ, 0), 0);
	KT_EXPECT_EQ(kt, pmap_extract(&child->vm_pmap, VA0), ppa);
	KT_EXPECT_EQ(kt, *byte_at(child, VA0), 'P');
	/* The child's write copies. */
	KT_ASSERT_EQ(kt, vm_fault(&child->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	KT_EXPECT(kt, pmap_extract(&child->vm_pmap, VA0) != ppa);
	KT_EXPECT_EQ(kt, *byte_at(child, VA0), 'P');
	*byte_at(child, VA0) = 'C';
	KT_EXPECT_EQ(kt, *byte_at(parent, VA0), 'P');
	/* The parent's write after fork does not reach the child. */
	KT_ASSERT_EQ(kt, vm_fault(&parent->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	*byte_at(parent, VA0) = 'Q';
	KT_EXPECT_EQ(kt, *byte_at(child, VA0), 'C');
	KT_EXPECT(kt, vm_cnt.v_cow_faults > cow);

	vmspace_free(child);
	vmspace_free(parent);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
}

/*
 * The acceptance, on vmspaces: a parent that writes its memory
 * and forks a child that writes and exits, 1 000 times, keeps its shadow
 * chain at depth 2 or less, and gives every page back.
 */
KTEST(vm_fault, fork_write_exit_chain_bounded)
{
	struct vmspace *parent, *child;
	int i, depth, maxdepth = 0;
	u_int free0;

	warm_up();
	free0 = vm_cnt.v_free_count;
	parent = mkvm();
	KT_ASSERT_EQ(kt, map_anon(parent, VA0, 4 * PAGE_SIZE, VM_PROT_RW), 0);
	for (i = 0; i < 1000; i++) {
		KT_ASSERT_EQ(kt, vm_fault(&parent->vm_map, VA0 + PAGE_SIZE,
		    VM_PROT_WRITE, 0), 0);
		*byte_at(parent, VA0 + PAGE_SIZE) = (uint8_t)i;
		child = vmspace_fork(parent);
		KT_ASSERT(kt, child != NULL);
		KT_ASSERT_EQ(kt, vm_fault(&child->vm_map, VA0 + PAGE_SIZE,
		    VM_PROT_WRITE, 0), 0);
		KT_ASSERT_EQ(kt, *byte_at(child, VA0 + PAGE_SIZE), (uint8_t)i);
		*byte_at(child, VA0 + PAGE_SIZE) = 0xff;
		vmspace_free(child);
		depth = chain_depth_at(parent, VA0);
		if (depth > maxdepth)
			maxdepth = depth;
	}
	KT_EXPECT(kt, maxdepth <= 2);
	KT_EXPECT_EQ(kt, *byte_at(parent, VA0 + PAGE_SIZE), (uint8_t)999);
	vmspace_free(parent);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
}

KTEST(vm_fault, fault_around_maps_resident_neighbours)
{
	struct vmspace *vm;
	int i;

	vm = mkvm();
	KT_ASSERT_EQ(kt, map_anon(vm, VA0, 16 * PAGE_SIZE, VM_PROT_RW), 0);
	for (i = 0; i < 16; i++)
		KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + i * PAGE_SIZE,
		    VM_PROT_WRITE, VM_FAULT_NOPREFAULT), 0);
	/* Resident in the object, unmapped from the pmap. */
	pmap_remove(&vm->vm_pmap, VA0, VA0 + 16 * PAGE_SIZE);
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 8 * PAGE_SIZE,
	    VM_PROT_READ, 0), 0);
	for (i = 0; i < 16; i++) {
		bool mapped = byte_at(vm, VA0 + i * PAGE_SIZE) != NULL;
		bool near = i >= 8 - VM_FAULT_PFBAK && i <= 8 + VM_FAULT_PFFOR;

		KT_EXPECT_EQ(kt, mapped, near);
	}
	vmspace_free(vm);
}

/* A fault on a busy page waits until the page is unbusied. */
static struct vmspace *busy_vm;
static volatile int busy_done, busy_error;

static void
busy_faulter(void *arg __unused)
{
	busy_error = vm_fault(&busy_vm->vm_map, VA0, VM_PROT_READ, 0);
	busy_done = 1;
}

KTEST(vm_fault, busy_page_makes_faulter_wait)
{
	vm_object_t object;
	vm_page_t m;
	uint64_t intrans = vm_cnt.v_intrans;
	int i;

	busy_vm = mkvm();
	busy_done = 0;
	KT_ASSERT_EQ(kt, map_anon(busy_vm, VA0, PAGE_SIZE, VM_PROT_RW), 0);
	KT_ASSERT_EQ(kt, vm_fault(&busy_vm->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	pmap_remove(&busy_vm->vm_pmap, VA0, VA0 + PAGE_SIZE);
	object = object_at(busy_vm, VA0);
	VM_OBJECT_WLOCK(object);
	m = vm_page_lookup(object, 0);
	KT_ASSERT(kt, m != NULL);
	m->busy_lock = 1;		/* as a pager doing I/O would */
	VM_OBJECT_WUNLOCK(object);

	KT_ASSERT_EQ(kt, kthread_add(busy_faulter, NULL, NULL, PRI_KERN,
	    "kt_vmfbusy"), 0);
	(void)pause("ktbusy", 5);
	KT_EXPECT_EQ(kt, busy_done, 0);
	KT_EXPECT(kt, vm_cnt.v_intrans > intrans);

	VM_OBJECT_WLOCK(object);
	m->busy_lock = VPB_UNBUSIED;
	wakeup(m);
	VM_OBJECT_WUNLOCK(object);
	for (i = 0; i < 100 && !busy_done; i++)
		(void)pause("ktbusy", 1);
	KT_EXPECT_EQ(kt, busy_done, 1);
	KT_EXPECT_EQ(kt, busy_error, 0);
	KT_EXPECT(kt, byte_at(busy_vm, VA0) != NULL);
	vmspace_free(busy_vm);
}

/* Shared anonymous memory stays shared across fork. */
KTEST(vm_fault, shared_anon_across_fork)
{
	struct vmspace *parent, *child;
	vm_offset_t addr = VA0;

	parent = mkvm();
	KT_ASSERT_EQ(kt, vm_map_find(&parent->vm_map, NULL, 0, &addr,
	    PAGE_SIZE, 0, VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE), 0);
	KT_ASSERT_EQ(kt, vm_fault(&parent->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	child = vmspace_fork(parent);
	KT_ASSERT(kt, child != NULL);
	KT_ASSERT_EQ(kt, vm_fault(&child->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	*byte_at(child, VA0) = 'S';
	KT_EXPECT_EQ(kt, *byte_at(parent, VA0), 'S');
	KT_EXPECT_EQ(kt, pmap_extract(&child->vm_pmap, VA0),
	    pmap_extract(&parent->vm_pmap, VA0));
	vmspace_free(child);
	vmspace_free(parent);
}

/*
 * Stack growth: a fault below a grows-down mapping extends it; one in a
 * guard entry, or too close above another mapping, does not (and does not
 * loop: regression test for a retry loop on guard entries).
 */
KTEST(vm_fault, growsdown_growth_and_limits)
{
	struct vmspace *vm;
	vm_offset_t stack = VA0 + 64 * PAGE_SIZE, guard = VA0, addr = VA0;

	vm = mkvm();
	KT_ASSERT_EQ(kt, vm_map_find(&vm->vm_map, NULL, 0, &addr, PAGE_SIZE,
	    0, VMFS_NO_SPACE, VM_PROT_NONE, VM_PROT_NONE, MAP_CREATE_GUARD), 0);
	addr = stack;
	KT_ASSERT_EQ(kt, vm_map_find(&vm->vm_map, NULL, 0, &addr, PAGE_SIZE,
	    0, VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_ALL, MAP_STACK_GROWS_DOWN),
	    0);
	/* Ten pages below: grows over the pages between. */
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, stack - 10 * PAGE_SIZE,
	    VM_PROT_WRITE, 0), 0);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, stack - 5 * PAGE_SIZE,
	    VM_PROT_READ, 0), 0);
	/* The guard is a fault, and so is growth to within the guard gap. */
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, guard, VM_PROT_READ, 0),
	    EFAULT);
	vmspace_free(vm);

	/* An accessible mapping 2 pages below: no growth into the gap. */
	vm = mkvm();
	addr = VA0;
	KT_ASSERT_EQ(kt, map_anon(vm, VA0, PAGE_SIZE, VM_PROT_RW), 0);
	addr = VA0 + 3 * PAGE_SIZE;
	KT_ASSERT_EQ(kt, vm_map_find(&vm->vm_map, NULL, 0, &addr, PAGE_SIZE,
	    0, VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_ALL, MAP_STACK_GROWS_DOWN),
	    0);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 2 * PAGE_SIZE,
	    VM_PROT_WRITE, 0), EFAULT);
	vmspace_free(vm);
}

/*
 * Fork splits an anonymous object that clipping left shared by two
 * entries of one map (vm_object_split), so each can collapse on its own;
 * contents stay where they were.
 */
KTEST(vm_fault, fork_splits_clipped_object)
{
	struct vmspace *vm, *child;
	vm_object_t lo, hi;
	int i;

	vm = mkvm();
	KT_ASSERT_EQ(kt, map_anon(vm, VA0, 4 * PAGE_SIZE, VM_PROT_RW), 0);
	for (i = 0; i < 4; i++) {
		KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + i * PAGE_SIZE,
		    VM_PROT_WRITE, 0), 0);
		*byte_at(vm, VA0 + i * PAGE_SIZE) = (uint8_t)('a' + i);
	}
	KT_ASSERT_EQ(kt, vm_map_protect(&vm->vm_map, VA0, VA0 + PAGE_SIZE,
	    VM_PROT_READ, false), 0);
	KT_ASSERT(kt, object_at(vm, VA0) == object_at(vm, VA0 + PAGE_SIZE));
	child = vmspace_fork(vm);
	KT_ASSERT(kt, child != NULL);
	lo = object_at(vm, VA0);
	hi = object_at(vm, VA0 + PAGE_SIZE);
	KT_EXPECT(kt, lo != hi);
	for (i = 0; i < 4; i++) {
		KT_ASSERT_EQ(kt, vm_fault(&child->vm_map, VA0 + i * PAGE_SIZE,
		    VM_PROT_READ, 0), 0);
		KT_EXPECT_EQ(kt, *byte_at(child, VA0 + i * PAGE_SIZE),
		    'a' + i);
		KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + i * PAGE_SIZE), 'a' + i);
	}
	vmspace_free(child);
	vmspace_free(vm);
}
