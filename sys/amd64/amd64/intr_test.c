/*
 * intr_test.c: in-kernel tests of interrupt dispatch and the interrupt
 * controllers: a handler on a software vector sees its argument, its
 * trap frame and interrupt context; registration errors; a real device
 * interrupt (the i8254 on ISA IRQ 0) routed through the I/O APIC with
 * the MADT's source override; the LAPIC timer's interrupts being counted
 * and acknowledged.  These run after boot, with interrupts enabled.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>
#include <sys/time.h>

#include <machine/clock.h>
#include <machine/cpufunc.h>
#include <machine/frame.h>
#include <machine/intr_machdep.h>
#include <machine/pcpu.h>

#include <dev/acpi/acpi.h>

#define PSL_I		0x200	/* rflags: interrupts enabled */

struct soft_probe {
	int		calls;
	void		*arg;
	uint64_t	trapno;
	uint64_t	cs;
	u_int		nesting;
	void		*onfault;
};

static void
soft_handler(void *arg, struct trapframe *tf)
{
	struct soft_probe *p = arg;

	p->calls++;
	p->arg = arg;
	p->trapno = tf->tf_trapno;
	p->cs = tf->tf_cs;
	p->nesting = PCPU_GET(intr_nesting);
	p->onfault = PCPU_GET(onfault);
}

static void
count_handler(void *arg, struct trapframe *tf __unused)
{
	(*(volatile u_int *)arg)++;
}

static void
soft_int(void)
{
	__asm__ volatile("int %0" : : "i"(IDT_SOFT_TEST) : "memory");
}

/* Idle (interrupts on) until ns nanoseconds of uptime have passed. */
static void
idle_ns(uint64_t ns)
{
	uint64_t t0 = nanouptime_ns();

	while (nanouptime_ns() - t0 < ns)
		cpu_idle();
}

KTEST(intr, enabled_after_boot)
{
	KT_EXPECT(kt, read_rflags() & PSL_I);
	KT_EXPECT_EQ(kt, PCPU_GET(intr_nesting), 0);
}

KTEST(intr, soft_vector_handler)
{
	struct soft_probe probe;
	u_long vec0 = intrcnt[IDT_SOFT_TEST], total0 = vm_cnt.v_intr;
	uint64_t pc0 = PCPU_GET(intr_count);

	memset(&probe, 0, sizeof(probe));
	KT_ASSERT_EQ(kt, intr_setup_vector(IDT_SOFT_TEST, "test soft",
	    soft_handler, &probe), 0);
	KT_EXPECT_STREQ(kt, intr_vector_name(IDT_SOFT_TEST), "test soft");
	soft_int();
	soft_int();
	KT_EXPECT_EQ(kt, intr_teardown_vector(IDT_SOFT_TEST), 0);
	KT_EXPECT(kt, intr_vector_name(IDT_SOFT_TEST) == NULL);

	KT_EXPECT_EQ(kt, probe.calls, 2);
	KT_EXPECT(kt, probe.arg == &probe);
	KT_EXPECT_EQ(kt, probe.trapno, IDT_SOFT_TEST);
	KT_EXPECT_EQ(kt, probe.cs & 3, 0);		/* from the kernel */
	KT_EXPECT_EQ(kt, probe.nesting, 1);
	KT_EXPECT(kt, probe.onfault == NULL);
	KT_EXPECT_EQ(kt, PCPU_GET(intr_nesting), 0);
	KT_EXPECT_EQ(kt, intrcnt[IDT_SOFT_TEST] - vec0, 2);
	KT_EXPECT(kt, vm_cnt.v_intr - total0 >= 2);
	KT_EXPECT(kt, PCPU_GET(intr_count) - pc0 >= 2);
	KT_EXPECT(kt, read_rflags() & PSL_I);
}

KTEST(intr, setup_errors)
{
	volatile u_int n = 0;
	void *arg = (void *)(uintptr_t)&n;

	KT_EXPECT_EQ(kt, intr_setup_vector(14, "x", count_handler, arg),
	    EINVAL);
	KT_EXPECT_EQ(kt, intr_setup_vector(256, "x", count_handler, arg),
	    EINVAL);
	KT_EXPECT_EQ(kt, intr_setup_vector(IDT_SOFT_TEST, "x", NULL, arg),
	    EINVAL);
	KT_EXPECT_EQ(kt, intr_setup_vector(APIC_TIMER_INT, "x", count_handler,
	    arg), EBUSY);
	KT_EXPECT_EQ(kt, intr_setup_vector(APIC_SPURIOUS_INT, "x",
	    count_handler, arg), EBUSY);
	KT_EXPECT_EQ(kt, intr_teardown_vector(IDT_SOFT_TEST), ENOENT);
	KT_EXPECT_EQ(kt, intr_teardown_vector(3), EINVAL);
	KT_EXPECT_EQ(kt, intr_setup_irq(-1, "x", count_handler, arg), EINVAL);
	KT_EXPECT_EQ(kt, intr_setup_irq(NUM_IO_INTS, "x", count_handler, arg),
	    EINVAL);
	/* A GSI no I/O APIC has (QEMU's has 24 pins): nothing left behind. */
	KT_EXPECT_EQ(kt, intr_setup_irq(NUM_IO_INTS - 1, "x", count_handler,
	    arg), ENXIO);
	KT_EXPECT(kt, intr_vector_name(IDT_IO_INTS + NUM_IO_INTS - 1) ==
	    NULL);
	KT_EXPECT_EQ(kt, intr_teardown_irq(NUM_IO_INTS - 1), ENOENT);
}

/* The MADT as QEMU's pc machine builds it. */
KTEST(intr, madt_decoded)
{
	const struct acpi_madt_info *madt = acpi_madt();
	bool irq0_override = false;
	u_int i;

	KT_ASSERT(kt, madt != NULL);
	KT_EXPECT(kt, madt->mi_ncpus >= 1);
	KT_ASSERT(kt, madt->mi_nioapics >= 1);
	KT_EXPECT_EQ(kt, madt->mi_ioapic[0].gsi_base, 0);
	KT_EXPECT_EQ(kt, madt->mi_lapic_addr, 0xfee00000);
	for (i = 0; i < madt->mi_noverrides; i++)
		if (madt->mi_override[i].bus == 0 &&
		    madt->mi_override[i].irq == 0) {
			irq0_override = true;
			KT_EXPECT_EQ(kt, madt->mi_override[i].gsi, 2);
		}
	KT_EXPECT(kt, irq0_override);
	KT_EXPECT_EQ(kt, intr_irq_vector(0), IDT_IO_INTS + 2);
	KT_EXPECT_EQ(kt, intr_irq_vector(1), IDT_IO_INTS + 1);
	KT_EXPECT_EQ(kt, intr_irq_vector(20), IDT_IO_INTS + 20);
}

/*
 * A device interrupt end to end: the i8254's channel 0 at 1 kHz on ISA
 * IRQ 0, through the I/O APIC pin the MADT override names, for 50 ms.
 * A functional check: some interrupts arrive, on the right vector, and
 * stop when the IRQ is torn down.
 */
KTEST(intr, ioapic_irq0_i8254)
{
	volatile u_int n = 0;
	u_int count = I8254_FREQ / 1000, after;
	int vec = intr_irq_vector(0);
	u_long vec0;

	KT_ASSERT(kt, vec >= IDT_IO_INTS);
	vec0 = intrcnt[vec];
	outb(TIMER_MODE, TIMER_SEL0 | TIMER_16BIT | TIMER_RATEGEN);
	outb(TIMER_CNTR0, count & 0xff);
	outb(TIMER_CNTR0, count >> 8);
	KT_ASSERT_EQ(kt, intr_setup_irq(0, "test i8254", count_handler,
	    (void *)(uintptr_t)&n), 0);
	KT_EXPECT_EQ(kt, intr_setup_irq(0, "again", count_handler,
	    (void *)(uintptr_t)&n), EBUSY);
	idle_ns(50000000);
	KT_EXPECT_EQ(kt, intr_teardown_irq(0), 0);
	after = n;
	idle_ns(5000000);
	/* Mode 0 with no count written: channel 0 stops. */
	outb(TIMER_MODE, TIMER_SEL0 | TIMER_16BIT | TIMER_INTTC);

	printf("# %u i8254 interrupts in 50 ms on vector %#x\n", after, vec);
	KT_EXPECT(kt, after >= 10 && after <= 100);
	KT_EXPECT_EQ(kt, n, after);		/* none after teardown */
	KT_EXPECT_EQ(kt, intrcnt[vec] - vec0, after);
}

/* The tick arrives on its vector and keeps arriving: EOIs are sent. */
KTEST(intr, lapic_timer_counted)
{
	u_long t0 = intrcnt[APIC_TIMER_INT];
	uint64_t tk0 = ticks;

	KT_EXPECT_STREQ(kt, intr_vector_name(APIC_TIMER_INT), "lapic timer");
	idle_ns(5 * 1000000000ul / hz);
	KT_EXPECT(kt, intrcnt[APIC_TIMER_INT] - t0 >= 3);
	KT_EXPECT_EQ(kt, intrcnt[APIC_TIMER_INT] - t0, ticks - tk0);
}
