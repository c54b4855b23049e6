/*
 * intr_machdep.c: interrupt dispatch, the handler table, and bringing up
 * the interrupt controllers.
 *
 * Controllers (machine/intr_machdep.h has the vector map): the legacy
 * 8259 pair is remapped to vectors 0x20-0x2f and fully masked, so a
 * spurious IRQ 7/15 lands on a harmless vector; device interrupts come
 * through the I/O APIC(s) (io_apic.c) to the local APIC (local_apic.c),
 * which also has the timer.  intr_init() sets them up in that order at
 * SI_SUB_INTR; intr_enable() turns interrupts on at the end of
 * SI_SUB_CLOCKS, once clock.c has started the tick.  From there on the
 * kernel runs with interrupts enabled except inside spin mutexes and
 * handlers.
 *
 * Dispatch: trap() hands every vector from 32 up to
 * intr_execute_handlers(), which, with interrupts disabled:
 *   - counts the interrupt (per vector in intrcnt[], in total in
 *     vm_cnt.v_intr (sysctl vm.stats.sys.v_intr), per CPU in
 *     pc_intr_count);
 *   - raises pc_intr_nesting around the handler, so code can tell it
 *     runs in interrupt context (sleep mutexes assert it does not);
 *   - clears pc_onfault around the handler, so a fault inside a handler
 *     is reported, never mistaken for the interrupted code's expected
 *     fault;
 *   - calls the vector's one handler with its argument and the trap
 *     frame, or counts a stray (the first few are reported);
 *   - sends the local APIC an EOI if the vector is in service there
 *     (not for software `int $n', nor for the spurious vector).
 * trap() then calls ast_check_preempt(), after the EOI, so a thread
 * switch there does not hold other interrupts up.
 *
 * One handler per vector: sharing a line comes with PCI, if needed.
 *
 * Lock legend for the handler table:
 *	(t) intr_table_lock (spin): registration and teardown
 *	(i) read in interrupt context with interrupts disabled; written
 *	    under (t), handler last, so dispatch sees a complete entry
 * XXX SMP: teardown must also wait for a handler running on another CPU.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>

#include <machine/apicvar.h>
#include <machine/atomic.h>
#include <machine/cpufunc.h>
#include <machine/frame.h>
#include <machine/intr_machdep.h>
#include <machine/pcpu.h>

/* The 8259 pair. */
#define IO_ICU1		0x20	/* master command; data at +1 */
#define IO_ICU2		0xa0	/* slave */
#define ICW1_INIT	0x11	/* edge, cascade, ICW4 follows */
#define ICW4_8086	0x01

#define STRAY_REPORT_MAX 10	/* stray interrupts reported on the console */

struct intr_vec {
	intr_handler_t	*iv_handler;	/* (t,i) NULL: none */
	void		*iv_arg;	/* (t,i) */
	const char	*iv_name;	/* (t) for statistics */
};

u_long	intrcnt[256];
u_long	intr_stray_count;

static struct intr_vec intr_vecs[256];
static struct mtx intr_table_lock;

/*
 * intr_init: the interrupt controllers, in order: 8259s masked, local
 * APIC, I/O APICs.  Interrupts stay disabled until clock.c's
 * SI_SUB_CLOCKS code has started the timer.
 */
static void
intr_init(const void *arg __unused)
{
	mtx_init(&intr_table_lock, "intr table", NULL, MTX_SPIN);
	atpic_mask_all();
	lapic_init();
	ioapic_init();
}
SYSINIT(intr, SI_SUB_INTR, SI_ORDER_FIRST, intr_init, NULL);

/* intr_enable: the end of interrupt setup: let them in. */
static void
intr_enable(const void *arg __unused)
{
	enable_intr();
}
SYSINIT(intr_enable, SI_SUB_CLOCKS, SI_ORDER_ANY, intr_enable, NULL);

/* Send one byte to an 8259, with an I/O delay for old hardware. */
static void
atpic_out(uint16_t port, uint8_t v)
{
	outb(port, v);
	outb(0x80, 0);
}

/*
 * atpic_mask_all: reinitialize the 8259 pair with its vectors at
 * IDT_ATPIC_INTS (master) and IDT_ATPIC_INTS + 8 (slave), then mask
 * every input.  Left alone, the BIOS's mapping would put IRQ 0-7 on
 * vectors 8-15, on top of CPU exceptions.
 */
void
atpic_mask_all(void)
{
	atpic_out(IO_ICU1, ICW1_INIT);
	atpic_out(IO_ICU2, ICW1_INIT);
	atpic_out(IO_ICU1 + 1, IDT_ATPIC_INTS);		/* ICW2: base */
	atpic_out(IO_ICU2 + 1, IDT_ATPIC_INTS + 8);
	atpic_out(IO_ICU1 + 1, 1 << 2);		/* ICW3: slave on IRQ 2 */
	atpic_out(IO_ICU2 + 1, 2);		/* ICW3: slave identity */
	atpic_out(IO_ICU1 + 1, ICW4_8086);
	atpic_out(IO_ICU2 + 1, ICW4_8086);
	atpic_out(IO_ICU1 + 1, 0xff);		/* OCW1: mask all */
	atpic_out(IO_ICU2 + 1, 0xff);
}

/*
 * intr_setup_vector: make handler(arg, frame) the handler of vector.
 * Returns 0, EINVAL for an exception vector or a bad one, EBUSY if the
 * vector has a handler already.
 */
int
intr_setup_vector(int vector, const char *name, intr_handler_t *handler,
    void *arg)
{
	struct intr_vec *iv;
	int error = 0;

	if (vector < NIDT_EXCEPTIONS || vector > 255 || handler == NULL)
		return (EINVAL);
	iv = &intr_vecs[vector];
	mtx_lock_spin(&intr_table_lock);
	if (iv->iv_handler != NULL) {
		error = EBUSY;
		goto out;
	}
	iv->iv_name = name;
	iv->iv_arg = arg;
	__atomic_store_n(&iv->iv_handler, handler, __ATOMIC_RELEASE);
out:
	mtx_unlock_spin(&intr_table_lock);
	return (error);
}

/*
 * intr_teardown_vector: remove vector's handler.  Returns 0, EINVAL for
 * a bad vector, ENOENT if it had none.  The caller masks the source
 * first.
 */
int
intr_teardown_vector(int vector)
{
	struct intr_vec *iv;
	int error = 0;

	if (vector < NIDT_EXCEPTIONS || vector > 255)
		return (EINVAL);
	iv = &intr_vecs[vector];
	mtx_lock_spin(&intr_table_lock);
	if (iv->iv_handler == NULL) {
		error = ENOENT;
		goto out;
	}
	iv->iv_handler = NULL;
	iv->iv_arg = NULL;
out:
	mtx_unlock_spin(&intr_table_lock);
	return (error);
}

/*
 * Where irq (an ISA IRQ below 16, else a GSI) arrives and how it is
 * triggered; EINVAL unless that is a GSI with a vector.
 */
static int
intr_irq_lookup(int irq, u_int *gsip, bool *levelp, bool *lowp)
{
	if (ioapic_irq_to_gsi(irq, gsip, levelp, lowp) != 0 ||
	    *gsip >= NUM_IO_INTS)
		return (EINVAL);
	return (0);
}

/* intr_irq_vector: the vector irq arrives on, or -1 if it has none. */
int
intr_irq_vector(int irq)
{
	u_int gsi;
	bool level, low;

	if (intr_irq_lookup(irq, &gsi, &level, &low) != 0)
		return (-1);
	return (IDT_IO_INTS + gsi);
}

/*
 * intr_setup_irq: attach handler(arg, frame) to irq (an ISA IRQ below 16,
 * translated through the MADT's overrides, else a GSI) and unmask it at
 * its I/O APIC, aimed at this CPU.  Returns 0, EINVAL for a bad irq,
 * EBUSY if its vector is taken, ENXIO if no I/O APIC has its GSI.
 */
int
intr_setup_irq(int irq, const char *name,
    void (*handler)(void *arg, struct trapframe *tf), void *arg)
{
	u_int gsi;
	bool level, low;
	int error, vector;

	if (intr_irq_lookup(irq, &gsi, &level, &low) != 0)
		return (EINVAL);
	vector = IDT_IO_INTS + gsi;
	error = intr_setup_vector(vector, name, handler, arg);
	if (error != 0)
		return (error);
	mtx_lock_spin(&intr_table_lock);
	error = ioapic_route(gsi, vector, level, low, lapic_id());
	mtx_unlock_spin(&intr_table_lock);
	if (error != 0)
		(void)intr_teardown_vector(vector);
	return (error);
}

/*
 * intr_teardown_irq: mask irq at its I/O APIC and remove its handler.
 * Returns 0, EINVAL for a bad irq, ENOENT if it had no handler.
 */
int
intr_teardown_irq(int irq)
{
	u_int gsi;
	bool level, low;

	if (intr_irq_lookup(irq, &gsi, &level, &low) != 0)
		return (EINVAL);
	mtx_lock_spin(&intr_table_lock);
	(void)ioapic_mask(gsi);
	mtx_unlock_spin(&intr_table_lock);
	return (intr_teardown_vector(IDT_IO_INTS + gsi));
}

/* intr_vector_name: the name vector's handler registered, or NULL. */
const char *
intr_vector_name(int vector)
{
	if (vector < 0 || vector > 255 || intr_vecs[vector].iv_handler == NULL)
		return (NULL);
	return (intr_vecs[vector].iv_name);
}

/*
 * intr_execute_handlers: run vector's handler for the interrupt whose
 * frame is tf, then acknowledge it.  Called by trap() with interrupts
 * disabled, for vectors 32-255.
 */
void
intr_execute_handlers(u_int vector, struct trapframe *tf)
{
	struct pcpu *pc = get_pcpu();
	struct intr_vec *iv;
	struct kjmpbuf *onfault;
	intr_handler_t *handler;

	KASSERT(vector >= NIDT_EXCEPTIONS && vector < 256,
	    ("intr_execute_handlers: vector %u", vector));
	KASSERT((read_rflags() & 0x200) == 0,
	    ("intr_execute_handlers: interrupts enabled"));

	pc->pc_intr_count++;
	atomic_add_long(&intrcnt[vector], 1);
	vm_cnt.v_intr++;	/* (k): interrupts are off */

	iv = &intr_vecs[vector];
	handler = __atomic_load_n(&iv->iv_handler, __ATOMIC_ACQUIRE);
	onfault = pc->pc_onfault;
	pc->pc_onfault = NULL;
	pc->pc_intr_nesting++;
	if (handler != NULL)
		handler(iv->iv_arg, tf);
	else if (atomic_fetchadd_long(&intr_stray_count, 1) <
	    STRAY_REPORT_MAX)
		printf("stray interrupt on vector %u (%#x)\n", vector, vector);
	KASSERT(pc->pc_intr_nesting > 0, ("intr_execute_handlers: nesting"));
	pc->pc_intr_nesting--;
	pc->pc_onfault = onfault;

	if (lapic_in_service(vector))
		lapic_eoi();
}

/*
 * cpu_idle: wait for the next interrupt.  `sti; hlt' as one sequence:
 * sti takes effect after the next instruction, so an interrupt pending
 * now wakes the hlt instead of slipping in before it.  Returns with
 * interrupts enabled, after an interrupt was handled.
 */
void
cpu_idle(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

/* Tests: the controllers as intr_init left them. */

KTEST(intr, pic_masked)
{
	KT_EXPECT_EQ(kt, inb(IO_ICU1 + 1), 0xff);
	KT_EXPECT_EQ(kt, inb(IO_ICU2 + 1), 0xff);
}
