/*
 * support.S: small assembly helpers: kernel setjmp/longjmp (used to
 * recover from expected faults), descriptor-table loads, and the
 * functions that move data between the kernel and user space.
 *
 * User access (copyin, copyout, copyinstr, fueword, suword): each first
 * checks that the whole user range lies below VM_MAXUSER_ADDRESS (so a
 * user pointer can never name kernel memory), then sets the running
 * thread's pcb_onfault to copy_fault and opens SMAP (stac) only around
 * the access itself.  A page fault or general-protection fault taken
 * while pcb_onfault is set (trap.c) resumes at copy_fault, which closes
 * SMAP and returns EFAULT (or -1 for fueword/suword).  None of these
 * functions pushes anything on the stack, so copy_fault's `ret' returns
 * to their caller whichever of them faulted.
 */
#include <machine/asmacros.h>
#include <machine/pcb.h>
#include <machine/pcpu.h>
#include <machine/specialreg.h>
#include <machine/vmparam.h>

#define EFAULT		14
#define ENAMETOOLONG	36

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

/* Start a user access: pcb_onfault = copy_fault (uses rax, r9). */
#define ONFAULT_SET(label)						\
	movq	%gs:PC_CURPCB, %r9;					\
	leaq	label(%rip), %rax;					\
	movq	%rax, PCB_ONFAULT(%r9)

#define ONFAULT_CLEAR							\
	movq	%gs:PC_CURPCB, %r9;					\
	movq	$0, PCB_ONFAULT(%r9)

/*
 * Fail unless [reg, reg + len) lies below VM_MAXUSER_ADDRESS, without
 * overflow (uses rax, r8).
 */
#define USER_RANGE_CHECK(reg, len, fail)				\
	movq	reg, %rax;						\
	addq	len, %rax;						\
	jc	fail;							\
	movabsq	$VM_MAXUSER_ADDRESS, %r8;				\
	cmpq	%r8, %rax;						\
	ja	fail

/* int copyin(const void *uaddr, void *kaddr, size_t len) */
ENTRY(copyin)
	USER_RANGE_CHECK(%rdi, %rdx, copy_efault)
	ONFAULT_SET(copy_fault)
	xchgq	%rdi, %rsi
	movq	%rdx, %rcx
	SMAP_STAC
	rep movsb
	SMAP_CLAC
	ONFAULT_CLEAR
	xorl	%eax, %eax
	ret
END(copyin)

/* int copyout(const void *kaddr, void *uaddr, size_t len) */
ENTRY(copyout)
	USER_RANGE_CHECK(%rsi, %rdx, copy_efault)
	ONFAULT_SET(copy_fault)
	xchgq	%rdi, %rsi
	movq	%rdx, %rcx
	SMAP_STAC
	rep movsb
	SMAP_CLAC
	ONFAULT_CLEAR
	xorl	%eax, %eax
	ret
END(copyout)

/*
 * int copyinstr(const void *uaddr, void *kaddr, size_t maxlen,
 *     size_t *lencopied): copy a NUL-terminated string of at most maxlen
 * bytes with its NUL.  Returns 0, ENAMETOOLONG when no NUL came within
 * maxlen bytes, or EFAULT (a fault, or the string runs into the top of
 * user space).  *lencopied (if not NULL) gets the bytes copied,
 * the NUL included, in every case.
 */
ENTRY(copyinstr)
	movq	%rdx, %r10		/* r10: bytes we may copy */
	movabsq	$VM_MAXUSER_ADDRESS, %rax
	cmpq	%rax, %rdi
	jae	7f			/* starts outside: EFAULT, 0 copied */
	subq	%rdi, %rax		/* rax: room below the top */
	movl	$ENAMETOOLONG, %r11d	/* r11: the error if r10 runs out */
	cmpq	%rax, %r10
	jbe	5f
	movq	%rax, %r10
	movl	$EFAULT, %r11d
5:	movq	%rcx, %rdx		/* rdx: lencopied */
	xorl	%ecx, %ecx		/* rcx: bytes copied */
	ONFAULT_SET(copyinstr_fault)
	SMAP_STAC
6:	cmpq	%rcx, %r10
	je	8f
	movb	(%rdi,%rcx), %al
	movb	%al, (%rsi,%rcx)
	incq	%rcx
	testb	%al, %al
	jnz	6b
	xorl	%r11d, %r11d		/* found the NUL */
8:	SMAP_CLAC
	ONFAULT_CLEAR
	testq	%rdx, %rdx
	jz	1f
	movq	%rcx, (%rdx)
1:	movl	%r11d, %eax
	ret
7:	testq	%rcx, %rcx		/* lencopied is still in rcx */
	jz	1f
	movq	$0, (%rcx)
1:	movl	$EFAULT, %eax
	ret
END(copyinstr)

/*
 * copyinstr's fault exit: rcx bytes were copied; report them, EFAULT.
 * (rdx holds lencopied: the trap frame restored the registers.)
 */
ENTRY(copyinstr_fault)
	SMAP_CLAC
	ONFAULT_CLEAR
	testq	%rdx, %rdx
	jz	1f
	movq	%rcx, (%rdx)
1:	movl	$EFAULT, %eax
	ret
END(copyinstr_fault)

/* int fueword(const void *uaddr, long *val): 0, or -1 on a fault. */
ENTRY(fueword)
	USER_RANGE_CHECK(%rdi, $8, fusu_efault)
	ONFAULT_SET(fusu_fault)
	SMAP_STAC
	movq	(%rdi), %rax
	SMAP_CLAC
	movq	%rax, (%rsi)
	ONFAULT_CLEAR
	xorl	%eax, %eax
	ret
END(fueword)

/* int suword(void *uaddr, long val): 0, or -1 on a fault. */
ENTRY(suword)
	USER_RANGE_CHECK(%rdi, $8, fusu_efault)
	ONFAULT_SET(fusu_fault)
	SMAP_STAC
	movq	%rsi, (%rdi)
	SMAP_CLAC
	ONFAULT_CLEAR
	xorl	%eax, %eax
	ret
END(suword)

/* Where a faulting copy resumes (trap.c sets rip here). */
ENTRY(copy_fault)
	SMAP_CLAC
	ONFAULT_CLEAR
copy_efault:
	movl	$EFAULT, %eax
	ret
END(copy_fault)

ENTRY(fusu_fault)
	SMAP_CLAC
	ONFAULT_CLEAR
fusu_efault:
	movl	$-1, %eax
	ret
END(fusu_fault)
