/*
 * machine/apicreg.h: the register layouts of the local APIC (xAPIC, memory
 * mapped) and the I/O APIC (Intel SDM vol. 3, chapter 10 "Advanced
 * Programmable Interrupt Controller"; the 82093AA I/O APIC datasheet).
 */
#ifndef _MACHINE_APICREG_H_
#define _MACHINE_APICREG_H_

/*
 * IA32_APIC_BASE (MSR 0x1b): the local APIC's physical base address in
 * bits 12 and up, BSP in bit 8, x2APIC mode in bit 10, global enable in
 * bit 11.
 */
#define MSR_APICBASE		0x1b
#define APICBASE_BSP		0x00000100
#define APICBASE_X2APIC		0x00000400
#define APICBASE_ENABLED	0x00000800
#define APICBASE_ADDRESS	0x000ffffffffff000ul

/* CPUID leaf 1 EDX: an on-chip local APIC. */
#define CPUID_APIC		0x00000200

/*
 * Local APIC registers: byte offsets from the base, each a 32-bit
 * register on a 16-byte boundary.
 */
#define LAPIC_ID		0x020	/* bits 24-31: APIC ID */
#define LAPIC_VERSION		0x030	/* bits 0-7 version, 16-23 max LVT */
#define LAPIC_TPR		0x080	/* task priority */
#define LAPIC_EOI		0x0b0	/* write 0: end of interrupt */
#define LAPIC_LDR		0x0d0	/* logical destination */
#define LAPIC_DFR		0x0e0	/* destination format */
#define LAPIC_SVR		0x0f0	/* spurious vector, software enable */
#define LAPIC_ISR0		0x100	/* in service: 8 x 32 bits, 0x10 apart */
#define LAPIC_TMR0		0x180	/* trigger mode */
#define LAPIC_IRR0		0x200	/* interrupt requests */
#define LAPIC_ESR		0x280	/* error status: write, then read */
#define LAPIC_LVT_CMCI		0x2f0
#define LAPIC_ICR_LO		0x300	/* interrupt command (IPIs) */
#define LAPIC_ICR_HI		0x310
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_THERMAL	0x330
#define LAPIC_LVT_PCINT		0x340	/* performance counters */
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_LVT_ERROR		0x370
#define LAPIC_TIMER_ICR		0x380	/* timer initial count */
#define LAPIC_TIMER_CCR		0x390	/* timer current count */
#define LAPIC_TIMER_DCR		0x3e0	/* timer divide configuration */

#define LAPIC_ID_SHIFT		24
#define LAPIC_VERSION_MAXLVT(v)	(((v) >> 16) & 0xff)

#define SVR_ENABLE		0x00000100	/* APIC software enable */

/* Local vector table entries. */
#define LVT_VECTOR		0x000000ff
#define LVT_DM_FIXED		0x00000000	/* delivery mode, bits 8-10 */
#define LVT_DM_NMI		0x00000400
#define LVT_DM_EXTINT		0x00000700
#define LVT_POLARITY_LOW	0x00002000
#define LVT_TRIGGER_LEVEL	0x00008000
#define LVT_MASKED		0x00010000
#define LVT_TIMER_ONESHOT	0x00000000	/* timer mode, bits 17-18 */
#define LVT_TIMER_PERIODIC	0x00020000

/* Timer divide configuration values (bits 0, 1 and 3). */
#define DCR_DIV_1		0x0b
#define DCR_DIV_2		0x00
#define DCR_DIV_16		0x03

/*
 * I/O APIC: an index register and a data window, 32 bits each.  Register
 * 0 holds the ID (bits 24-27), 1 the version (bits 0-7) and the number of
 * redirection entries less one (bits 16-23); entry n is the register
 * pair 0x10 + 2n (low) and 0x11 + 2n (high: destination APIC ID in bits
 * 24-31 in physical destination mode).
 */
#define IOAPIC_DEFAULT_ADDR	0xfec00000ul
#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_ID		0x00
#define IOAPIC_VER		0x01
#define IOAPIC_REDTBL_LO(pin)	(0x10 + 2 * (pin))
#define IOAPIC_REDTBL_HI(pin)	(0x11 + 2 * (pin))
#define IOAPIC_VER_MAXREDIR(v)	(((v) >> 16) & 0xff)

#define IOART_VECTOR		0x000000ff
#define IOART_DM_FIXED		0x00000000
#define IOART_DESTPHY		0x00000000	/* physical destination */
#define IOART_DELIVS		0x00001000	/* delivery pending */
#define IOART_INTALO		0x00002000	/* active low */
#define IOART_REM_IRR		0x00004000
#define IOART_TRGRLVL		0x00008000	/* level triggered */
#define IOART_INTMASK		0x00010000
#define IOART_DEST_SHIFT	24		/* in the high word */

#endif /* !_MACHINE_APICREG_H_ */
