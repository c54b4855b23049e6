/*
 * trap_test.c: in-kernel tests of the exception path: each provokes one
 * exception inside cpu_expect_fault() and checks that the vector, error
 * code and fault address arrive intact, and that the kernel survives.
 * Also: the symbolized backtrace, and the boot's memory map.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/ktest.h>

#include <machine/db_machdep.h>
#include <machine/md_var.h>
#include <machine/multiboot2.h>
#include <machine/pcpu.h>
#include <machine/vmparam.h>

#define BAD_KVA	0xffff900000000000ul	/* unmapped kernel address */

static void
do_breakpoint(void *arg __unused)
{
	__asm__ volatile("int3");
}

static void
do_ud2(void *arg __unused)
{
	__asm__ volatile("ud2");
}

/* In assembly: the compiler may rewrite a C division by a variable. */
static void
do_divide(void *arg)
{
	uint32_t divisor = *(uint32_t *)arg;

	__asm__ volatile("divl %2"
			 :
			 : "a"(1), "d"(0), "r"(divisor)
			 : "cc");
}

static void
do_read(void *arg)
{
	(void)*(volatile uint64_t *)arg;
}

static void
do_write(void *arg)
{
	*(volatile uint64_t *)arg = 1;
}

static void
do_noncanonical(void *arg __unused)
{
	(void)*(volatile uint64_t *)0x8000000000000000ul;
}

KTEST(trap, breakpoint)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_breakpoint, NULL, &trapno, &addr,
	    &err));
	KT_EXPECT_EQ(kt, trapno, 3);
}

KTEST(trap, invalid_opcode)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_ud2, NULL, &trapno, &addr, &err));
	KT_EXPECT_EQ(kt, trapno, 6);
}

KTEST(trap, divide_error)
{
	uint64_t trapno, addr, err;
	int zero = 0;

	KT_ASSERT(kt, cpu_expect_fault(do_divide, &zero, &trapno, &addr,
	    &err));
	KT_EXPECT_EQ(kt, trapno, 0);
}

KTEST(trap, page_fault_read_unmapped)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_read, (void *)(BAD_KVA + 0x123),
	    &trapno, &addr, &err));
	KT_EXPECT_EQ(kt, trapno, 14);
	KT_EXPECT_EQ(kt, addr, BAD_KVA + 0x123);
	KT_EXPECT_EQ(kt, err & 0x7, 0);		/* supervisor read, !P */
}

KTEST(trap, page_fault_write_unmapped)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_write, (void *)BAD_KVA, &trapno,
	    &addr, &err));
	KT_EXPECT_EQ(kt, trapno, 14);
	KT_EXPECT_EQ(kt, addr, BAD_KVA);
	KT_EXPECT_EQ(kt, err & 0x7, 0x2);	/* supervisor write, !P */
}

/* The identity map is gone once machdep is done: NULL must fault. */
KTEST(trap, null_dereference_faults)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_read, NULL, &trapno, &addr, &err));
	KT_EXPECT_EQ(kt, trapno, 14);
	KT_EXPECT_EQ(kt, addr, 0);
}

KTEST(trap, general_protection_noncanonical)
{
	uint64_t trapno, addr, err;

	KT_ASSERT(kt, cpu_expect_fault(do_noncanonical, NULL, &trapno, &addr,
	    &err));
	KT_EXPECT_EQ(kt, trapno, 13);
}

KTEST(trap, survives_many_faults)
{
	uint64_t trapno, addr, err;
	int i, caught = 0;

	for (i = 0; i < 1000; i++)
		caught += cpu_expect_fault(do_read, (void *)BAD_KVA, &trapno,
		    &addr, &err);
	KT_EXPECT_EQ(kt, caught, 1000);
	KT_EXPECT(kt, PCPU_GET(onfault) == NULL);
}

KTEST(db, symbolizes_kernel_text)
{
	const char *name;
	vm_offset_t off;

	KT_ASSERT(kt, db_nsymbols() > 50);
	name = db_symbol((vm_offset_t)do_read + 1, &off);
	KT_ASSERT(kt, name != NULL);
	KT_EXPECT_STREQ(kt, name, "do_read");
	KT_EXPECT_EQ(kt, off, 1);
	name = db_symbol((vm_offset_t)hammer_time, &off);
	KT_ASSERT(kt, name != NULL);
	KT_EXPECT_STREQ(kt, name, "hammer_time");
	KT_EXPECT(kt, db_symbol(BAD_KVA, &off) == NULL);
}

KTEST(boot, memory_map_sane)
{
	vm_paddr_t kern_pa = KERNEL_TO_PHYS((vm_offset_t)hammer_time);
	bool kernel_in_ram = false;
	u_int i;

	KT_ASSERT(kt, bootinfo.nmmap > 0);
	KT_EXPECT(kt, mb2_mem_available(&bootinfo) >= 16ul << 20);
	for (i = 0; i < bootinfo.nmmap; i++) {
		const struct bootinfo_mmap *e = &bootinfo.mmap[i];

		KT_EXPECT(kt, e->length > 0);
		if (e->type == MB2_MEM_AVAILABLE && e->base <= kern_pa &&
		    kern_pa < e->base + e->length)
			kernel_in_ram = true;
	}
	KT_EXPECT(kt, kernel_in_ram);
	KT_EXPECT(kt, dmap_max_address >= DMAP_MIN_ADDRESS +
	    mb2_mem_top(&bootinfo));
}

/* Every available byte is readable through the direct map. */
KTEST(boot, direct_map_covers_ram)
{
	uint64_t trapno, addr, err;
	u_int i;

	for (i = 0; i < bootinfo.nmmap; i++) {
		const struct bootinfo_mmap *e = &bootinfo.mmap[i];
		vm_paddr_t last;

		if (e->type != MB2_MEM_AVAILABLE)
			continue;
		last = trunc_page(e->base + e->length - 1);
		KT_EXPECT(kt, !cpu_expect_fault(do_read,
		    (void *)PHYS_TO_DMAP(e->base), &trapno, &addr, &err));
		KT_EXPECT(kt, !cpu_expect_fault(do_read,
		    (void *)PHYS_TO_DMAP(last), &trapno, &addr, &err));
	}
}
