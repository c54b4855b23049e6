/*
 * support.S: small assembly helpers: kernel setjmp/longjmp (used to
 * recover from expected faults), and descriptor-table loads.
 */
#include <machine/asmacros.h>

/* int ksetjmp(struct kjmpbuf *jb): returns 0, or val from klongjmp. */
ENTRY(ksetjmp)
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rax		/* rsp after our return */
	movq	%rax, 48(%rdi)
	movq	(%rsp), %rax		/* our return address */
	movq	%rax, 56(%rdi)
	xorl	%eax, %eax
	ret
END(ksetjmp)

/* void klongjmp(struct kjmpbuf *jb, int val): val must be non-zero. */
ENTRY(klongjmp)
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	movl	%esi, %eax
	jmp	*56(%rdi)
END(klongjmp)

/*
 * void load_gdt_and_segments(struct region_descriptor *gdt, int ksel,
 *     int dsel): load the GDT, reload CS with a far return and the data
 * segment registers.
 */
ENTRY(load_gdt_and_segments)
	lgdt	(%rdi)
	movl	%edx, %ds
	movl	%edx, %es
	movl	%edx, %ss
	popq	%rax			/* return address */
	pushq	%rsi			/* new CS */
	pushq	%rax
	lretq
END(load_gdt_and_segments)
