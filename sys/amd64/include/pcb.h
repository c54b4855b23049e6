/*
 * machine/pcb.h: the context a thread leaves behind when switched out.
 *
 * cpu_switch() saves the callee-saved registers and the stack pointer
 * here; everything else is on the thread's own stack (the C calling
 * convention already saved the caller-saved registers).
 */
#ifndef _MACHINE_PCB_H_
#define _MACHINE_PCB_H_

#include <sys/types.h>

struct pcb {
	uint64_t pcb_rbx;	/*  0 */
	uint64_t pcb_rbp;	/*  8 */
	uint64_t pcb_r12;	/* 16 */
	uint64_t pcb_r13;	/* 24 */
	uint64_t pcb_r14;	/* 32 */
	uint64_t pcb_r15;	/* 40 */
	uint64_t pcb_rsp;	/* 48 */
	uint64_t pcb_rip;	/* 56: where the thread resumes */
	uint64_t pcb_rflags;	/* 64 */
	uint64_t pcb_cr3;	/* 72: its address space (user threads) */
};

#endif /* !_MACHINE_PCB_H_ */
