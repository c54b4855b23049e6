/*
 * exception.S: entry points for all 256 IDT vectors and the common path
 * into trap().
 *
 * Each vector has a 16-byte stub at trap_stubs + 16 * vector that pushes
 * a zero error code (unless the CPU pushed one: vectors 8, 10-14, 17, 21,
 * 29, 30) and the vector number, then jumps to alltraps, which saves the
 * general registers to complete a struct trapframe (machine/frame.h) and
 * calls trap(frame).  Coming from user mode, the GS base is swapped to
 * the kernel's per-CPU data on entry and back on exit.
 */
#include <machine/asmacros.h>

#define TF_CS		144

	.text
	.p2align 4
	.globl	trap_stubs
trap_stubs:
	.set	vec, 0
	.rept	256
	.p2align 4
	.if (vec == 8) || (vec >= 10 && vec <= 14) || (vec == 17) || \
	    (vec == 21) || (vec == 29) || (vec == 30)
	pushq	$vec
	.else
	pushq	$0
	pushq	$vec
	.endif
	jmp	alltraps
	.set	vec, vec + 1
	.endr
	.globl	trap_stubs_end
trap_stubs_end:

ENTRY(alltraps)
	subq	$120, %rsp
	movq	%rdi, 0(%rsp)
	movq	%rsi, 8(%rsp)
	movq	%rdx, 16(%rsp)
	movq	%rcx, 24(%rsp)
	movq	%r8, 32(%rsp)
	movq	%r9, 40(%rsp)
	movq	%rax, 48(%rsp)
	movq	%rbx, 56(%rsp)
	movq	%rbp, 64(%rsp)
	movq	%r10, 72(%rsp)
	movq	%r11, 80(%rsp)
	movq	%r12, 88(%rsp)
	movq	%r13, 96(%rsp)
	movq	%r14, 104(%rsp)
	movq	%r15, 112(%rsp)
	testb	$3, TF_CS(%rsp)
	jz	1f
	swapgs
1:	cld
	movq	%rsp, %rdi
	call	trap
	cli
	testb	$3, TF_CS(%rsp)
	jz	2f
	swapgs
2:	movq	0(%rsp), %rdi
	movq	8(%rsp), %rsi
	movq	16(%rsp), %rdx
	movq	24(%rsp), %rcx
	movq	32(%rsp), %r8
	movq	40(%rsp), %r9
	movq	48(%rsp), %rax
	movq	56(%rsp), %rbx
	movq	64(%rsp), %rbp
	movq	72(%rsp), %r10
	movq	80(%rsp), %r11
	movq	88(%rsp), %r12
	movq	96(%rsp), %r13
	movq	104(%rsp), %r14
	movq	112(%rsp), %r15
	addq	$136, %rsp		/* registers, vector and error code */
	iretq
END(alltraps)
