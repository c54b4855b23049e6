/*
 * machine/frame.h: the trap frame, as exception.S builds it on the kernel
 * stack.
 *
 * The CPU pushes ss, rsp, rflags, cs and rip (always, in long mode); each
 * vector's stub pushes an error code (the CPU's, or 0) and the vector
 * number; alltraps then stores the fifteen general registers below.  The
 * byte offsets are written next to each field: exception.S uses them, and
 * the CTASSERTs in trap.c hold the two in step.
 */
#ifndef _MACHINE_FRAME_H_
#define _MACHINE_FRAME_H_

#include <sys/types.h>

struct trapframe {
	uint64_t tf_rdi;	/*   0 */
	uint64_t tf_rsi;	/*   8 */
	uint64_t tf_rdx;	/*  16 */
	uint64_t tf_rcx;	/*  24 */
	uint64_t tf_r8;		/*  32 */
	uint64_t tf_r9;		/*  40 */
	uint64_t tf_rax;	/*  48 */
	uint64_t tf_rbx;	/*  56 */
	uint64_t tf_rbp;	/*  64 */
	uint64_t tf_r10;	/*  72 */
	uint64_t tf_r11;	/*  80 */
	uint64_t tf_r12;	/*  88 */
	uint64_t tf_r13;	/*  96 */
	uint64_t tf_r14;	/* 104 */
	uint64_t tf_r15;	/* 112 */
	uint64_t tf_trapno;	/* 120: vector number, pushed by the stub */
	uint64_t tf_err;	/* 128: error code, or 0 */
	uint64_t tf_rip;	/* 136: pushed by the CPU from here on */
	uint64_t tf_cs;		/* 144 */
	uint64_t tf_rflags;	/* 152 */
	uint64_t tf_rsp;	/* 160 */
	uint64_t tf_ss;		/* 168 */
};

#define TF_TRAPNO	120
#define TF_CS		144
#define TF_SIZE		176

#endif /* !_MACHINE_FRAME_H_ */
