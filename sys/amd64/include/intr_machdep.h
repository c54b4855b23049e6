/*
 * machine/intr_machdep.h: the interrupt vector map and the interface for
 * attaching handlers to interrupts.
 *
 * Every one of the 256 IDT vectors enters trap() through exception.S.
 * Vectors 0-31 are CPU exceptions (trap.c); every other vector goes to
 * intr_execute_handlers() (intr_machdep.c).  The map:
 *
 *   0x00-0x1f  CPU exceptions.
 *   0x20-0x2f  the legacy 8259 PICs, remapped here and then fully masked
 *              (atpic_mask_all).  Nothing should arrive; a spurious IRQ 7
 *              or 15 would land on 0x27 or 0x2f, counted as stray.
 *   0x30-0x6f  I/O APIC inputs: vector = IDT_IO_INTS + GSI, for global
 *              system interrupts 0-63 (ISA IRQs are first translated to
 *              their GSI through the MADT's source overrides: on QEMU,
 *              IRQ 0 is GSI 2, hence vector 0x32).
 *   0x70-0x7f  free.
 *   0x80       reserved: Linux i386 `int $0x80' system calls (a DPL 3 gate
 *              once the Linux personality wants it).
 *   0x81-0xdf  free (MSI vectors later).
 *   0xe0-0xef  software-triggered vectors (`int $n'); IDT_SOFT_TEST is
 *              used by the intr.* tests.
 *   0xf0       local APIC timer: the hardclock tick (APIC_TIMER_INT).
 *   0xf1       local APIC error (APIC_ERROR_INT).
 *   0xf2-0xf7  reserved for inter-processor interrupts once there is more
 *              than one CPU: TLB shootdown (IPI_INVLTLB, IPI_INVLPG,
 *              IPI_INVLRNG, sent by pmap's invalidation function to the
 *              CPUs using a pmap), rescheduling (IPI_AST), stopping a CPU
 *              on panic (IPI_STOP).  They sit in the highest priority
 *              class (vector >> 4 == 0xf) so device interrupts never hold
 *              a shootdown up.  No handler is installed for them yet.
 *   0xf8-0xfe  reserved.
 *   0xff       local APIC spurious vector (its low four bits must be ones
 *              on old CPUs); never acknowledged with an EOI.
 *
 * All IDT gates are interrupt gates, so handlers run with interrupts
 * disabled; there is no nesting of interrupts today.
 */
#ifndef _MACHINE_INTR_MACHDEP_H_
#define _MACHINE_INTR_MACHDEP_H_

#include <sys/types.h>

struct trapframe;

#define NIDT_EXCEPTIONS	32	/* vectors 0-31 */
#define IDT_ATPIC_INTS	0x20	/* 8259 master IRQ 0; slave at +8 */
#define IDT_IO_INTS	0x30	/* I/O APIC GSI 0 */
#define NUM_IO_INTS	64	/* GSIs with a vector */
#define IDT_SYSCALL80	0x80	/* reserved: Linux i386 int $0x80 */
#define IDT_SOFT_TEST	0xe0	/* software vector for the intr.* tests */
#define APIC_TIMER_INT	0xf0
#define APIC_ERROR_INT	0xf1
#define IPI_INVLTLB	0xf2	/* reserved: flush the whole TLB */
#define IPI_INVLPG	0xf3	/* reserved: invalidate one page */
#define IPI_INVLRNG	0xf4	/* reserved: invalidate a range */
#define IPI_AST		0xf5	/* reserved: reschedule */
#define IPI_STOP	0xf6	/* reserved: stop (panic, shutdown) */
#define APIC_SPURIOUS_INT 0xff

CTASSERT(IDT_IO_INTS + NUM_IO_INTS <= 0x70);

/* A handler: arg as registered, tf the interrupted context. */
typedef void intr_handler_t(void *arg, struct trapframe *tf);

/*
 * Counters (updated with interrupts disabled, atomically so SMP can keep
 * them): intrcnt[v] interrupts on vector v (strays included), vm_cnt.v_intr
 * all device and software interrupts, which is what sysctl
 * vm.stats.sys.v_intr will report (FreeBSD keeps it in struct vmmeter;
 * the lead moves it there when the VM counters land).
 */
extern u_long	intrcnt[256];
extern u_long	intr_stray_count;

int	intr_setup_vector(int vector, const char *name,
	    intr_handler_t *handler, void *arg);
int	intr_teardown_vector(int vector);
int	intr_setup_irq(int irq, const char *name,
	    void (*handler)(void *arg, struct trapframe *tf), void *arg);
int	intr_teardown_irq(int irq);
int	intr_irq_vector(int irq);
const char *intr_vector_name(int vector);
void	intr_execute_handlers(u_int vector, struct trapframe *tf);

/*
 * ast_check_preempt: called by trap() after every interrupt's handlers
 * (and its EOI).  The scheduler switches threads here when
 * TDF_NEEDRESCHED is set; until it exists a weak empty default stands in
 * (kern/kern_clock_hooks.c).
 */
void	ast_check_preempt(struct trapframe *tf);

/* cpu_idle: enable interrupts and halt until the next one. */
void	cpu_idle(void);

/* The 8259 pair (intr_machdep.c). */
void	atpic_mask_all(void);

#endif /* !_MACHINE_INTR_MACHDEP_H_ */
