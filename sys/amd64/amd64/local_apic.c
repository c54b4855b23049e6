/*
 * local_apic.c: the boot CPU's local APIC, in xAPIC (memory-mapped) mode.
 *
 * The registers are found at the physical address in IA32_APIC_BASE (MSR
 * 0x1b) and reached through the direct map.  XXX: the direct map is
 * write-back cacheable; on real hardware the MTRRs make this range
 * uncacheable anyway, and the pmap helper will map device MMIO uncached
 * explicitly (PAT).  Under QEMU caching attributes make no difference.
 * If firmware left the APIC in x2APIC mode it is switched back to xAPIC
 * (disable, then enable: the transition the SDM allows).
 *
 * lapic_init() sets the APIC up for the I/O APIC model: task priority 0
 * (accept everything), spurious vector APIC_SPURIOUS_INT with the
 * software enable bit, LINT0 (the 8259's ExtINT path) masked, LINT1 as
 * NMI (or as the MADT says), errors on APIC_ERROR_INT, the performance,
 * thermal and CMCI entries masked, and the timer masked until clock.c
 * starts it.  The timer is used in two ways: one-shot and masked, counted
 * down from 2^32-1, while clock.c calibrates it against the i8254, then
 * periodic at hz on APIC_TIMER_INT.  It always divides the bus clock by
 * 16 (lapic_timer_freq is the rate after that divider).
 *
 * End of interrupt: intr_execute_handlers() calls lapic_eoi() only when
 * the vector is in service here (lapic_in_service), so software `int $n'
 * vectors and the spurious vector, which the APIC never put in service,
 * are not acknowledged by mistake.
 *
 * Only the boot CPU's APIC exists today; SMP will run lapic_init on each
 * CPU and add the IPI functions (the ICR registers).
 */
#include <sys/types.h>
#include <sys/systm.h>

#include <machine/apicreg.h>
#include <machine/apicvar.h>
#include <machine/cpufunc.h>
#include <machine/intr_machdep.h>
#include <machine/vmparam.h>

#include <dev/acpi/acpi.h>

uint64_t	lapic_timer_freq;		/* set by clock.c */

static volatile uint8_t *lapic_va;	/* registers, in the direct map */
static vm_paddr_t lapic_pa;
static u_long	lapic_errors;		/* error interrupts taken */

static inline uint32_t
lapic_read(u_int reg)
{
	return (*(volatile uint32_t *)(lapic_va + reg));
}

static inline void
lapic_write(u_int reg, uint32_t v)
{
	*(volatile uint32_t *)(lapic_va + reg) = v;
}

/* The error interrupt: latch and report the error status. */
static void
lapic_error_intr(void *arg __unused, struct trapframe *tf __unused)
{
	uint32_t esr;

	lapic_write(LAPIC_ESR, 0);	/* latch the current errors */
	esr = lapic_read(LAPIC_ESR);
	lapic_errors++;
	printf("lapic%u: error interrupt, ESR %#x\n", lapic_id(), esr);
}

/* The spurious vector: nothing to do, and no EOI. */
static void
lapic_spurious_intr(void *arg __unused, struct trapframe *tf __unused)
{
}

/*
 * lapic_init: find, enable and program this CPU's local APIC; install the
 * error and spurious handlers.  Called once, interrupts disabled.
 */
void
lapic_init(void)
{
	const struct acpi_madt_info *madt = acpi_madt();
	uint32_t regs[4], version, maxlvt;
	uint64_t base;
	int nmi_lint = 1;
	int error;

	do_cpuid(1, regs);
	if ((regs[3] & CPUID_APIC) == 0)
		panic("lapic_init: this CPU has no local APIC");
	base = rdmsr(MSR_APICBASE);
	if (base & APICBASE_X2APIC) {
		printf("lapic: switching from x2APIC to xAPIC mode\n");
		wrmsr(MSR_APICBASE, base & ~(APICBASE_X2APIC |
		    APICBASE_ENABLED));
		base &= ~APICBASE_X2APIC;
	}
	if ((base & APICBASE_ENABLED) == 0)
		wrmsr(MSR_APICBASE, base | APICBASE_ENABLED);
	lapic_pa = base & APICBASE_ADDRESS;
	lapic_va = (volatile uint8_t *)PHYS_TO_DMAP(lapic_pa);
	if (madt != NULL && madt->mi_lapic_addr != lapic_pa)
		printf("lapic: MADT says %#lx, MSR says %#lx; using the MSR\n",
		    madt->mi_lapic_addr, lapic_pa);
	if (madt != NULL && madt->mi_nmi_lint >= 0)
		nmi_lint = madt->mi_nmi_lint;

	version = lapic_read(LAPIC_VERSION);
	maxlvt = LAPIC_VERSION_MAXLVT(version);

	/* Mask everything first, then enable and program. */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | APIC_TIMER_INT);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED | APIC_ERROR_INT);
	if (maxlvt >= 4)
		lapic_write(LAPIC_LVT_PCINT, LVT_MASKED);
	if (maxlvt >= 5)
		lapic_write(LAPIC_LVT_THERMAL, LVT_MASKED);
	if (maxlvt >= 6)
		lapic_write(LAPIC_LVT_CMCI, LVT_MASKED);
	lapic_write(LAPIC_TIMER_ICR, 0);

	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, SVR_ENABLE | APIC_SPURIOUS_INT);

	/*
	 * LINT0 carries the 8259's ExtINT: masked, the 8259s are unused.
	 * The NMI pin (LINT1 on PCs) delivers NMIs, edge triggered.
	 */
	lapic_write(LAPIC_LVT_LINT0, nmi_lint == 0 ? LVT_DM_NMI :
	    LVT_MASKED | LVT_DM_EXTINT);
	lapic_write(LAPIC_LVT_LINT1, nmi_lint == 1 ? LVT_DM_NMI : LVT_MASKED);

	error = intr_setup_vector(APIC_ERROR_INT, "lapic error",
	    lapic_error_intr, NULL);
	KASSERT(error == 0, ("lapic_init: error vector: %d", error));
	error = intr_setup_vector(APIC_SPURIOUS_INT, "lapic spurious",
	    lapic_spurious_intr, NULL);
	KASSERT(error == 0, ("lapic_init: spurious vector: %d", error));

	/* Clear stale errors (write, then read), then unmask them. */
	lapic_write(LAPIC_ESR, 0);
	(void)lapic_read(LAPIC_ESR);
	lapic_write(LAPIC_LVT_ERROR, APIC_ERROR_INT);
	lapic_eoi();	/* in case firmware left something in service */

	printf("lapic%u: <local APIC> version %#x, %u LVT entries, at %#lx%s\n",
	    lapic_id(), version & 0xff, maxlvt + 1, lapic_pa,
	    (base & APICBASE_BSP) ? ", BSP" : "");
}

/* lapic_id: this CPU's APIC ID. */
u_int
lapic_id(void)
{
	KASSERT(lapic_va != NULL, ("lapic_id: no local APIC yet"));
	return (lapic_read(LAPIC_ID) >> LAPIC_ID_SHIFT);
}

/* lapic_eoi: signal the end of the interrupt in service. */
void
lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* lapic_in_service: is vector in service (ISR bit set) on this APIC? */
bool
lapic_in_service(u_int vector)
{
	KASSERT(vector < 256, ("lapic_in_service: vector %u", vector));
	if (lapic_va == NULL)
		return (false);
	return ((lapic_read(LAPIC_ISR0 + 0x10 * (vector / 32)) >>
	    (vector % 32)) & 1);
}

/*
 * lapic_timer_oneshot_masked: start the timer counting down from count,
 * one-shot, with its interrupt masked: a stopwatch for calibration, read
 * with lapic_timer_read().
 */
void
lapic_timer_oneshot_masked(uint32_t count)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | LVT_TIMER_ONESHOT |
	    APIC_TIMER_INT);
	lapic_write(LAPIC_TIMER_DCR, DCR_DIV_16);
	lapic_write(LAPIC_TIMER_ICR, count);
}

/* lapic_timer_read: the timer's current count. */
uint32_t
lapic_timer_read(void)
{
	return (lapic_read(LAPIC_TIMER_CCR));
}

/*
 * lapic_timer_periodic: interrupt on vector every count timer counts
 * (divided by 16).
 */
void
lapic_timer_periodic(uint32_t count, u_int vector)
{
	KASSERT(count > 0, ("lapic_timer_periodic: zero count"));
	lapic_write(LAPIC_TIMER_DCR, DCR_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_TIMER_PERIODIC | vector);
	lapic_write(LAPIC_TIMER_ICR, count);
}

/* lapic_timer_stop: stop the timer and mask its interrupt. */
void
lapic_timer_stop(void)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | APIC_TIMER_INT);
	lapic_write(LAPIC_TIMER_ICR, 0);
}
