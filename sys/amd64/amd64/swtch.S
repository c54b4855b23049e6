/*
 * swtch.S: the context switch and the first instructions of a new thread.
 *
 * cpu_switch_pcb(old, new) saves the callee-saved registers, the stack
 * pointer and the resume address into old's pcb, then loads new's and
 * jumps to its resume address.  The caller-saved registers need no saving:
 * cpu_switch_pcb is an ordinary call, so the compiler already assumed them
 * clobbered.  Offsets are those of struct pcb (machine/pcb.h, checked by
 * CTASSERTs in machdep.c).
 *
 * A new thread's pcb resumes at fork_trampoline with r12 = function,
 * r13 = argument and r14 = its user trap frame or 0 (cpu_thread_setup), on
 * an empty, 16-byte aligned stack (just below the trap frame, if any) and
 * with rbp = 0 so backtraces end there.  fork_exit returns only for a
 * thread with a trap frame: it then enters user mode through doreti.
 */
#include <machine/asmacros.h>

#define PCB_RBX		0
#define PCB_RBP		8
#define PCB_R12		16
#define PCB_R13		24
#define PCB_R14		32
#define PCB_R15		40
#define PCB_RSP		48
#define PCB_RIP		56

/* void cpu_switch_pcb(struct pcb *old, struct pcb *new) */
ENTRY(cpu_switch_pcb)
	popq	%rax			/* our return address */
	movq	%rax, PCB_RIP(%rdi)
	movq	%rsp, PCB_RSP(%rdi)
	movq	%rbx, PCB_RBX(%rdi)
	movq	%rbp, PCB_RBP(%rdi)
	movq	%r12, PCB_R12(%rdi)
	movq	%r13, PCB_R13(%rdi)
	movq	%r14, PCB_R14(%rdi)
	movq	%r15, PCB_R15(%rdi)

	movq	PCB_RBX(%rsi), %rbx
	movq	PCB_RBP(%rsi), %rbp
	movq	PCB_R12(%rsi), %r12
	movq	PCB_R13(%rsi), %r13
	movq	PCB_R14(%rsi), %r14
	movq	PCB_R15(%rsi), %r15
	movq	PCB_RSP(%rsi), %rsp
	jmp	*PCB_RIP(%rsi)
END(cpu_switch_pcb)

/* First code of a new thread: fork_exit(function, argument, frame). */
ENTRY(fork_trampoline)
	movq	%r12, %rdi
	movq	%r13, %rsi
	movq	%r14, %rdx
	call	fork_exit
	movq	%r14, %rsp		/* a user thread: its trap frame */
	jmp	doreti
END(fork_trampoline)
