/*
 * machine/pcpu.h: per-CPU data, reached through the GS base.
 *
 * Each CPU's GS base points at its struct pcpu, whose first field points
 * back at itself, so PCPU_GET(field) is one %gs-relative load and
 * get_pcpu() one more.  Only the boot CPU exists today; the shape is the
 * one SMP will need.  Fields are written only by their own CPU (with
 * interrupts disabled where a trap could look at them), so they need no
 * lock.
 */
#ifndef _MACHINE_PCPU_H_
#define _MACHINE_PCPU_H_

#define PC_SCRATCH_RSP	8
#define PC_RSP0		16
#define PC_CURPCB	24

#ifndef __ASSEMBLY__
#include <sys/types.h>

struct trapframe;
struct kjmpbuf;
struct thread;
struct pcb;
struct amd64tss;

/*
 * The first four fields are read by assembly (exception.S, support.S) at
 * the offsets PC_*; CTASSERTs in machdep.c keep them in step.
 */
struct pcpu {
	struct pcpu	*pc_self;	/*  0: this struct, for get_pcpu() */
	uint64_t	pc_scratch_rsp;	/*  8: user rsp during syscall entry */
	uint64_t	pc_rsp0;	/* 16: the running thread's kernel
					   stack top (also in the TSS) */
	struct pcb	*pc_curpcb;	/* 24: the running thread's pcb */
	u_int		pc_cpuid;	/* logical CPU number */
	struct thread	*pc_curthread;	/* the thread running here */
	struct thread	*pc_idlethread;	/* this CPU's idle thread */
	uint64_t	pc_intr_count;	/* interrupts taken */
	u_int		pc_intr_nesting; /* >0 while in an interrupt handler */
	/*
	 * Where to resume if a fault happens: trap() longjmps here instead
	 * of panicking.  Used by code that expects a fault (in-kernel
	 * tests; copyin/copyout use the per-thread pcb_onfault instead).
	 */
	struct kjmpbuf	*pc_onfault;
	uint64_t	pc_fault_trapno; /* vector of the last recovered fault */
	uint64_t	pc_fault_err;	/* its error code */
	uint64_t	pc_fault_addr;	/* its CR2 for page faults */
	uint64_t	pc_fault_rip;	/* its instruction */
	struct amd64tss	*pc_tss;	/* this CPU's TSS (rsp0 for traps
					   from user mode) */
};

static inline struct pcpu *
get_pcpu(void)
{
	struct pcpu *pc;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(pc));
	return (pc);
}

#define PCPU_GET(member)	(get_pcpu()->pc_##member)
#define PCPU_SET(member, v)	(get_pcpu()->pc_##member = (v))

void	pcpu_init(struct pcpu *pc, u_int cpuid);
#endif /* !__ASSEMBLY__ */

#endif /* !_MACHINE_PCPU_H_ */
