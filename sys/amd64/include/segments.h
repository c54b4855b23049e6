/*
 * machine/segments.h: the GDT layout, the TSS and IDT gate formats.
 *
 * Slot order is fixed by SYSCALL/SYSRET: STAR points SYSRET at GUCODE32,
 * and the CPU takes the user stack segment from the next slot (GUDATA) and
 * the 64-bit user code segment from the one after (GUCODE).
 */
#ifndef _MACHINE_SEGMENTS_H_
#define _MACHINE_SEGMENTS_H_

#define GNULL_SEL	0	/* null descriptor */
#define GCODE_SEL	1	/* kernel code, 64-bit */
#define GDATA_SEL	2	/* kernel data */
#define GUCODE32_SEL	3	/* user code, 32-bit (SYSRET base) */
#define GUDATA_SEL	4	/* user data */
#define GUCODE_SEL	5	/* user code, 64-bit */
#define GPROC0_SEL	6	/* TSS: a 16-byte descriptor, slots 6 and 7 */
#define NGDT		8

#define SEL_KPL		0
#define SEL_UPL		3
#define SEL_RPL_MASK	3
#define GSEL(s, rpl)	(((s) << 3) | (rpl))

/* Interrupt stack table slots (1-based, as the gate's IST field). */
#define IST_DBLFAULT	1
#define IST_NMI		2
#define IST_MCHK	3
#define NIST		3

#define NIDT		256

#ifndef __ASSEMBLY__
#include <sys/types.h>

/* An IDT gate descriptor (16 bytes in long mode). */
struct gate_descriptor {
	uint16_t gd_looffset;
	uint16_t gd_selector;
	uint8_t	 gd_ist;	/* bits 0-2: IST slot, 0 = current stack */
	uint8_t	 gd_type;	/* P, DPL, type (0xe = interrupt gate) */
	uint16_t gd_midoffset;
	uint32_t gd_hioffset;
	uint32_t gd_reserved;
} __packed;

/* The 64-bit task-state segment: stack pointers only, no task switching. */
struct amd64tss {
	uint32_t tss_rsvd0;
	uint64_t tss_rsp0;	/* kernel stack on a trap from user mode */
	uint64_t tss_rsp1;
	uint64_t tss_rsp2;
	uint64_t tss_rsvd1;
	uint64_t tss_ist[7];	/* tss_ist[n - 1] is IST slot n */
	uint64_t tss_rsvd2;
	uint16_t tss_rsvd3;
	uint16_t tss_iobase;
} __packed;

struct region_descriptor {
	uint16_t rd_limit;
	uint64_t rd_base;
} __packed;

#endif /* !__ASSEMBLY__ */

#endif /* !_MACHINE_SEGMENTS_H_ */
