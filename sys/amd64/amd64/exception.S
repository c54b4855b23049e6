/*
 * exception.S: the ways into the kernel and back out.
 *
 * Traps and interrupts: each IDT vector has a 16-byte stub at
 * trap_stubs + 16 * vector that pushes a zero error code (unless the CPU
 * pushed one: vectors 8, 10-14, 17, 21, 29, 30) and the vector number,
 * then jumps to alltraps, which saves the general registers to complete
 * a struct trapframe (machine/frame.h) and calls trap(frame).  Coming
 * from user mode, the GS base is swapped to the kernel's per-CPU data on
 * entry and back on exit, and the CPU has already switched to the
 * thread's kernel stack (TSS rsp0).  Every entry clears rflags.AC, so
 * SMAP holds in the kernel whatever the interrupted code had.
 *
 * System calls: SYSCALL enters fast_syscall (MSR_LSTAR) on the user
 * stack with interrupts off (MSR_SF_MASK) and the user GS.  It swaps GS,
 * switches to the thread's kernel stack (PCPU rsp0), builds the same
 * struct trapframe a trap from user mode would (trapno T_SYSCALL, rip
 * from rcx, rflags from r11), enables interrupts and calls
 * amd64_syscall(frame).  It returns with SYSRET, which takes rip from rcx
 * and rflags from r11, unless the thread asked for a full return
 * (PCB_FULL_IRET: after exec and, later, signal delivery, every register
 * comes from the frame) or the return address is not below
 * VM_MAXUSER_ADDRESS (SYSRET to a non-canonical rip would fault in
 * kernel mode on the user stack): then it leaves through doreti and
 * iretq like a trap.
 *
 * doreti: restore the frame at %rsp and iretq; also the first entry into
 * user mode of a new thread (fork_trampoline, swtch.S).
 */
#include <machine/asmacros.h>
#include <machine/frame.h>
#include <machine/pcb.h>
#include <machine/pcpu.h>
#include <machine/segments.h>
#include <machine/specialreg.h>
#include <machine/trap.h>
#include <machine/vmparam.h>

/* Store the fifteen general registers into the trap frame at %rsp. */
.macro SAVE_REGS
	movq	%rdi, TF_RDI(%rsp)
	movq	%rsi, TF_RSI(%rsp)
	movq	%rdx, TF_RDX(%rsp)
	movq	%rcx, TF_RCX(%rsp)
	movq	%r8, TF_R8(%rsp)
	movq	%r9, TF_R9(%rsp)
	movq	%rax, TF_RAX(%rsp)
	movq	%rbx, TF_RBX(%rsp)
	movq	%rbp, TF_RBP(%rsp)
	movq	%r10, TF_R10(%rsp)
	movq	%r11, TF_R11(%rsp)
	movq	%r12, TF_R12(%rsp)
	movq	%r13, TF_R13(%rsp)
	movq	%r14, TF_R14(%rsp)
	movq	%r15, TF_R15(%rsp)
.endm

/* Load them back, all but rcx and r11 (SYSRET takes rip and rflags there). */
.macro RESTORE_REGS_BUT_RCX_R11
	movq	TF_RDI(%rsp), %rdi
	movq	TF_RSI(%rsp), %rsi
	movq	TF_RDX(%rsp), %rdx
	movq	TF_R8(%rsp), %r8
	movq	TF_R9(%rsp), %r9
	movq	TF_RAX(%rsp), %rax
	movq	TF_RBX(%rsp), %rbx
	movq	TF_RBP(%rsp), %rbp
	movq	TF_R10(%rsp), %r10
	movq	TF_R12(%rsp), %r12
	movq	TF_R13(%rsp), %r13
	movq	TF_R14(%rsp), %r14
	movq	TF_R15(%rsp), %r15
.endm

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
	SAVE_REGS
	testb	$3, TF_CS(%rsp)
	jz	1f
	swapgs
1:	SMAP_CLAC
	cld
	movq	%rsp, %rdi
	call	trap
	jmp	doreti
END(alltraps)

/* Return to the context of the trap frame at %rsp, through iretq. */
ENTRY(doreti)
	cli
	testb	$3, TF_CS(%rsp)
	jz	2f
	swapgs
2:	RESTORE_REGS_BUT_RCX_R11
	movq	TF_RCX(%rsp), %rcx
	movq	TF_R11(%rsp), %r11
	addq	$TF_RIP, %rsp		/* registers, vector and error code */
	iretq
END(doreti)

/* SYSCALL from 64-bit user mode. */
ENTRY(fast_syscall)
	swapgs
	movq	%rsp, %gs:PC_SCRATCH_RSP
	movq	%gs:PC_RSP0, %rsp
	pushq	$GSEL(GUDATA_SEL, SEL_UPL)	/* tf_ss */
	pushq	%gs:PC_SCRATCH_RSP		/* tf_rsp */
	pushq	%r11				/* tf_rflags */
	pushq	$GSEL(GUCODE_SEL, SEL_UPL)	/* tf_cs */
	pushq	%rcx				/* tf_rip */
	pushq	$0				/* tf_err */
	pushq	$T_SYSCALL			/* tf_trapno */
	subq	$120, %rsp
	SAVE_REGS
	sti
	movq	%rsp, %rdi
	call	amd64_syscall
	cli
	movq	%gs:PC_CURPCB, %rax
	testl	$PCB_FULL_IRET, PCB_FLAGS(%rax)
	jnz	3f
	movabsq	$VM_MAXUSER_ADDRESS, %rax
	cmpq	%rax, TF_RIP(%rsp)
	jae	4f
	RESTORE_REGS_BUT_RCX_R11
	movq	TF_RIP(%rsp), %rcx
	movq	TF_RFLAGS(%rsp), %r11
	movq	TF_RSP(%rsp), %rsp
	swapgs
	sysretq
3:	andl	$~PCB_FULL_IRET, PCB_FLAGS(%rax)
4:	jmp	doreti
END(fast_syscall)

/*
 * SYSCALL from compatibility (32-bit) mode, which AMD CPUs allow: there
 * is no 32-bit personality, so return -ENOSYS at once, touching neither
 * the stack nor GS.
 */
ENTRY(fast_syscall32)
	movl	$-38, %eax
	sysretl
END(fast_syscall32)
