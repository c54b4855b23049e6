/*
 * support_test.c: in-kernel tests of the user-access functions of
 * support.S (copyin, copyout, copyinstr, fueword, suword): kernel
 * addresses and addresses past the top of user space are refused, faults
 * on user addresses return EFAULT instead of panicking, SMAP stays
 * closed outside them, and real user pages (a direct-pmap address space
 * loaded for the test) are read and written.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_fault.h>

#include <machine/cpufunc.h>
#include <machine/md_var.h>
#include <machine/pmap.h>
#include <machine/specialreg.h>
#include <machine/trap.h>
#include <machine/vmparam.h>

#define UA_RW	0x10000ul	/* a read/write user page */
#define UA_RO	0x11000ul	/* a read-only one */
#define UA_NONE	0x12000ul	/* nothing mapped */

static void
check_clean(struct ktest_ctx *kt)
{
	KT_EXPECT(kt, (read_rflags() & PSL_AC) == 0);
	KT_EXPECT(kt, curthread->td_pcb.pcb_onfault == NULL);
}

/* Kernel addresses and the top of user space are refused at once. */
KTEST(copy, refuses_kernel_addresses)
{
	char buf[16];
	size_t len = 99;
	long v;

	memset(buf, 0x5a, sizeof(buf));
	KT_EXPECT_EQ(kt, copyin((void *)KERNBASE, buf, 8), EFAULT);
	KT_EXPECT_EQ(kt, copyin((void *)PHYS_TO_DMAP(0x100000), buf, 8),
	    EFAULT);
	KT_EXPECT_EQ(kt, copyout(buf, (void *)buf, 8), EFAULT);
	KT_EXPECT_EQ(kt, copyin((void *)(VM_MAXUSER_ADDRESS - 4), buf, 8),
	    EFAULT);
	KT_EXPECT_EQ(kt, copyout(buf, (void *)(VM_MAXUSER_ADDRESS - 4), 8),
	    EFAULT);
	/* A range that wraps around. */
	KT_EXPECT_EQ(kt, copyin((void *)0x1000, buf, ~0ul - 0x800), EFAULT);
	KT_EXPECT_EQ(kt, fueword((void *)KERNBASE, &v), -1);
	KT_EXPECT_EQ(kt, suword((void *)(VM_MAXUSER_ADDRESS - 4), 1), -1);
	KT_EXPECT_EQ(kt, copyinstr((void *)KERNBASE, buf, sizeof(buf),
	    &len), EFAULT);
	KT_EXPECT_EQ(kt, len, 0);
	/* Nothing at all: fine anywhere in user space. */
	KT_EXPECT_EQ(kt, copyin((void *)VM_MAXUSER_ADDRESS, buf, 0), 0);
	KT_EXPECT_EQ(kt, (uint8_t)buf[0], 0x5a);
	check_clean(kt);
}

/* Unmapped user addresses (the kernel's own page tables) fault: EFAULT. */
KTEST(copy, unmapped_user_faults)
{
	char buf[16];
	size_t len = 99;
	long v = 7;

	KT_EXPECT_EQ(kt, copyin((void *)UA_NONE, buf, 8), EFAULT);
	check_clean(kt);
	KT_EXPECT_EQ(kt, copyout(buf, (void *)UA_NONE, 8), EFAULT);
	KT_EXPECT_EQ(kt, copyin(NULL, buf, 1), EFAULT);
	KT_EXPECT_EQ(kt, fueword((void *)UA_NONE, &v), -1);
	KT_EXPECT_EQ(kt, v, 7);
	KT_EXPECT_EQ(kt, suword((void *)UA_NONE, 1), -1);
	KT_EXPECT_EQ(kt, copyinstr((void *)UA_NONE, buf, sizeof(buf), &len),
	    EFAULT);
	KT_EXPECT_EQ(kt, len, 0);
	check_clean(kt);
}

struct copy_env {
	struct dvmspace	*vm;
};

/*
 * A user address space with UA_RW and UA_RO, loaded on this CPU, its
 * pages faulted in: the test thread has no process whose map a fault in
 * copyin could consult.
 */
static bool
copy_env_enter(struct copy_env *e)
{
	e->vm = dvmspace_alloc();
	if (e->vm == NULL)
		return (false);
	if (user_map_anon(e->vm, UA_RW, PAGE_SIZE, VM_PROT_RW) != 0 ||
	    user_map_anon(e->vm, UA_RO, PAGE_SIZE, VM_PROT_READ) != 0 ||
	    dvm_copy_to(e->vm, UA_RO, "hello", 6) != 0 ||
	    dvm_copy_to(e->vm, UA_RO + PAGE_SIZE - 8, "xxxxxxxx", 8) != 0 ||
	    vm_fault(dvmspace_map(e->vm), UA_RW, VM_PROT_WRITE, 0) != 0) {
		dvmspace_free(e->vm);
		return (false);
	}
	/* No switch while the test's page tables are loaded. */
	critical_enter();
	dvmspace_activate(e->vm);
	return (true);
}

static void
copy_env_leave(struct copy_env *e)
{
	pmap_activate_cr3(kernel_pmap);
	critical_exit();
	dvmspace_free(e->vm);
}

static void
smap_read(void *arg)
{
	(void)*(volatile long *)arg;
}

KTEST(copy, user_pages)
{
	struct copy_env e;
	char buf[64], in[64];
	uint64_t trapno, addr, err;
	size_t len;
	long v;

	KT_ASSERT(kt, copy_env_enter(&e));
	memset(buf, 0xa5, sizeof(buf));
	KT_EXPECT_EQ(kt, copyout(buf, (void *)UA_RW, sizeof(buf)), 0);
	memset(in, 0, sizeof(in));
	KT_EXPECT_EQ(kt, copyin((void *)UA_RW, in, sizeof(in)), 0);
	KT_EXPECT(kt, memcmp(buf, in, sizeof(in)) == 0);
	/* Read-only: readable, not writable (CR0.WP), page unchanged. */
	KT_EXPECT_EQ(kt, copyin((void *)UA_RO, in, 6), 0);
	KT_EXPECT_STREQ(kt, in, "hello");
	KT_EXPECT_EQ(kt, copyout(buf, (void *)UA_RO, 4), EFAULT);
	KT_EXPECT_EQ(kt, copyin((void *)UA_RO, in, 6), 0);
	KT_EXPECT_STREQ(kt, in, "hello");
	/* Spanning a writable page into a read-only one. */
	KT_EXPECT_EQ(kt, copyout(buf, (void *)(UA_RW + PAGE_SIZE - 8), 16),
	    EFAULT);
	/* Spanning into the unmapped page. */
	KT_EXPECT_EQ(kt, copyin((void *)(UA_RO + PAGE_SIZE - 8), in, 16),
	    EFAULT);
	check_clean(kt);
	/* Strings. */
	KT_EXPECT_EQ(kt, copyinstr((void *)UA_RO, in, sizeof(in), &len), 0);
	KT_EXPECT_EQ(kt, len, 6);
	KT_EXPECT_EQ(kt, copyinstr((void *)UA_RO, in, 3, &len), ENAMETOOLONG);
	KT_EXPECT_EQ(kt, len, 3);
	KT_EXPECT_EQ(kt, copyinstr((void *)(UA_RO + PAGE_SIZE - 8), in,
	    sizeof(in), &len), EFAULT);
	KT_EXPECT_EQ(kt, len, 8);
	KT_EXPECT_EQ(kt, copyinstr((void *)UA_RO, in, sizeof(in), NULL), 0);
	/* Words. */
	KT_EXPECT_EQ(kt, suword((void *)UA_RW, 0x1122334455667788l), 0);
	KT_EXPECT_EQ(kt, fueword((void *)UA_RW, &v), 0);
	KT_EXPECT_EQ(kt, v, 0x1122334455667788l);
	KT_EXPECT_EQ(kt, suword((void *)UA_RO, 1), -1);
	check_clean(kt);
	/* SMAP: outside these functions the kernel cannot touch user pages. */
	if (cpu_stdext_feature & CPUID_STDEXT_SMAP) {
		KT_EXPECT(kt, cpu_expect_fault(smap_read, (void *)UA_RW,
		    &trapno, &addr, &err));
		KT_EXPECT_EQ(kt, trapno, T_PAGEFLT);
		KT_EXPECT_EQ(kt, addr, UA_RW);
	}
	copy_env_leave(&e);
}

static void
dvmspace_body(struct ktest_ctx *kt)
{
	struct dvmspace *vm, *vm2;
	vm_offset_t p5 = UA_RW + 5 * PAGE_SIZE;
	vm_paddr_t pa;

	vm = dvmspace_alloc();
	KT_ASSERT(kt, vm != NULL);
	KT_EXPECT_EQ(kt, user_map_anon(vm, UA_RW, 16 * PAGE_SIZE, VM_PROT_RW),
	    0);
	KT_EXPECT_EQ(kt, dvm_copy_to(vm, p5, "z", 1), 0);
	/* mprotect(PROT_NONE) keeps the mapping, without access. */
	KT_EXPECT_EQ(kt, user_protect(vm, UA_RW, PAGE_SIZE, VM_PROT_NONE), 0);
	KT_EXPECT_EQ(kt, pmap_extract(dvmspace_pmap(vm), UA_RW), 0);
	KT_EXPECT(kt, user_range_mapped(vm, UA_RW, PAGE_SIZE));
	KT_EXPECT_EQ(kt, user_protect(vm, UA_RW + 64 * PAGE_SIZE, PAGE_SIZE,
	    VM_PROT_READ), ENOMEM);
	/* Fork: the child reads the parent's page, then copies on write. */
	KT_ASSERT_EQ(kt, dvmspace_copy(vm, &vm2), 0);
	pa = pmap_extract(dvmspace_pmap(vm), p5);
	KT_ASSERT_EQ(kt, vm_fault(dvmspace_map(vm2), p5, VM_PROT_READ, 0), 0);
	KT_EXPECT_EQ(kt, pmap_extract(dvmspace_pmap(vm2), p5), pa);
	KT_ASSERT_EQ(kt, vm_fault(dvmspace_map(vm2), p5, VM_PROT_WRITE, 0), 0);
	KT_EXPECT(kt, pmap_extract(dvmspace_pmap(vm2), p5) != pa);
	KT_EXPECT_EQ(kt, *(char *)PHYS_TO_DMAP(pmap_extract(dvmspace_pmap(vm2),
	    p5)), 'z');
	user_unmap(vm, UA_RW, 8 * PAGE_SIZE);
	KT_EXPECT(kt, !user_range_mapped(vm, UA_RW, 8 * PAGE_SIZE));
	KT_EXPECT(kt, pmap_check_pv(dvmspace_pmap(vm)));
	dvmspace_free(vm);
	dvmspace_free(vm2);
}

/* An address space gives every page back (the second run: zones warm). */
KTEST(copy, dvmspace_frees_pages)
{
	u_int before;

	dvmspace_body(kt);
	before = vm_cnt.v_free_count;
	dvmspace_body(kt);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, before);
}
