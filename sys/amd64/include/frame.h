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

#ifndef __ASSEMBLY__
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
#endif /* !__ASSEMBLY__ */

#define TF_RDI		0
#define TF_RSI		8
#define TF_RDX		16
#define TF_RCX		24
#define TF_R8		32
#define TF_R9		40
#define TF_RAX		48
#define TF_RBX		56
#define TF_RBP		64
#define TF_R10		72
#define TF_R11		80
#define TF_R12		88
#define TF_R13		96
#define TF_R14		104
#define TF_R15		112
#define TF_TRAPNO	120
#define TF_ERR		128
#define TF_RIP		136
#define TF_CS		144
#define TF_RFLAGS	152
#define TF_RSP		160
#define TF_SS		168
#define TF_SIZE		176

#endif /* !_MACHINE_FRAME_H_ */
