/*
 * locore.S: the kernel's entry from GRUB (multiboot2) and the climb to
 * long mode.
 *
 * GRUB loads the ELF segments at their physical addresses (the .boot
 * section at KERNLOAD, the rest just above it, linked at KERNBASE +
 * physical) and jumps to start32 in 32-bit protected mode, paging off,
 * with EAX = multiboot2 magic and EBX = physical address of the boot
 * information.  start32:
 *
 *   1. checks the magic and that the CPU has long mode (else prints a
 *      message on COM1 and halts);
 *   2. clears .bss (the early page tables live there);
 *   3. builds the early page tables: the first 4 GiB of physical memory
 *      with 2 MiB pages, reachable three ways: identity (to survive the
 *      switch), the direct map at DMAP_MIN_ADDRESS, and KERNBASE (the
 *      kernel image, first 1 GiB);
 *   4. enables PAE, long mode, NX and paging, loads a 64-bit GDT and jumps
 *      to 64-bit code, then to the higher half;
 *   5. calls hammer_time(magic, mbi_pa) on the boot stack.  pmap_bootstrap
 *      (pmap.c) then replaces these tables with the kernel's own, which
 *      have no identity map.
 */
#include <machine/asmacros.h>

#define MB2_MAGIC		0xe85250d6	/* header magic */
#define MB2_BOOTLOADER_MAGIC	0x36d76289	/* EAX from the loader */
#define MB2_ARCH_I386		0

#define PG_V	0x001
#define PG_RW	0x002
#define PG_PS	0x080

#define PHYS(x)	((x) - KERNBASE)

/* The multiboot2 header: must lie in the first 32 KiB, 8-byte aligned. */
	.section .multiboot, "a"
	.p2align 3
mb2_header:
	.long	MB2_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	.long	-(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* End tag. */
	.short	0
	.short	0
	.long	8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl	start32
start32:
	cli
	cld
	movl	%eax, %edi		/* keep magic and MBI for hammer_time */
	movl	%ebx, %esi

	cmpl	$MB2_BOOTLOADER_MAGIC, %eax
	jne	.Lno_multiboot

	/* Long mode? CPUID 0x80000001 EDX bit 29. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	.Lno_long_mode
	movl	$0x80000001, %eax
	cpuid
	testl	$(1 << 29), %edx
	jz	.Lno_long_mode
	movl	%edx, %ebp		/* keep the feature bits (NX) */

	/* Clear .bss. */
	movl	$PHYS(__bss_start), %edx
	movl	$PHYS(__bss_end), %ecx
	subl	%edx, %ecx
	movl	%edi, %ebx		/* rep stosb uses edi */
	movl	%edx, %edi
	xorl	%eax, %eax
	rep stosb
	movl	%ebx, %edi

	/* Four page directories: 2048 2 MiB pages covering 4 GiB. */
	movl	$PHYS(boot_pd), %ebx
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax		/* low 32 bits of ecx * 2 MiB */
	orl	$(PG_V | PG_RW | PG_PS), %eax
	movl	%eax, (%ebx, %ecx, 8)
	movl	%ecx, %eax
	shrl	$11, %eax		/* high bits of ecx * 2 MiB */
	movl	%eax, 4(%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	1b

	/* PDPT for low/direct map: four entries, one per page directory. */
	movl	$PHYS(boot_pdpt_low), %ebx
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$12, %eax
	addl	$PHYS(boot_pd), %eax
	orl	$(PG_V | PG_RW), %eax
	movl	%eax, (%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$4, %ecx
	jb	2b

	/* PDPT for the kernel: slot 510 (KERNBASE) is the first 1 GiB. */
	movl	$(PHYS(boot_pd) + (PG_V | PG_RW)), PHYS(boot_pdpt_kern) + 510 * 8

	/* PML4: identity (0), direct map (256), kernel (511). */
	movl	$(PHYS(boot_pdpt_low) + (PG_V | PG_RW)), PHYS(boot_pml4)
	movl	$(PHYS(boot_pdpt_low) + (PG_V | PG_RW)), PHYS(boot_pml4) + 256 * 8
	movl	$(PHYS(boot_pdpt_kern) + (PG_V | PG_RW)), PHYS(boot_pml4) + 511 * 8

	/* PAE, then CR3, then EFER.LME (+NXE when present), then paging. */
	movl	%cr4, %eax
	orl	$0x20, %eax
	movl	%eax, %cr4
	movl	$PHYS(boot_pml4), %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx
	rdmsr
	orl	$0x100, %eax		/* LME */
	testl	$(1 << 20), %ebp
	jz	3f
	orl	$0x800, %eax		/* NXE */
3:	wrmsr
	movl	%cr0, %eax
	orl	$0x80010001, %eax	/* PG | WP | PE */
	movl	%eax, %cr0

	lgdt	boot_gdt_desc
	ljmp	$0x08, $start64_low

.Lno_multiboot:
	movl	$msg_no_mb2, %esi
	jmp	.Lfail32
.Lno_long_mode:
	movl	$msg_no_lm, %esi
.Lfail32:
	/* Write the NUL-terminated string at esi to COM1, then halt. */
	movw	$0x3f8, %dx
4:	lodsb
	testb	%al, %al
	jz	5f
	outb	%al, %dx
	jmp	4b
5:	hlt
	jmp	5b

	.code64
start64_low:
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$start64_high, %rax
	jmp	*%rax

	.section .boot.data, "a"
	.p2align 3
boot_gdt:
	.quad	0			/* null */
	.quad	0x00af9a000000ffff	/* 0x08: code, 64-bit */
	.quad	0x00cf92000000ffff	/* 0x10: data */
boot_gdt_end:
boot_gdt_desc:
	.short	boot_gdt_end - boot_gdt - 1
	.long	boot_gdt
msg_no_mb2:
	.asciz	"Umbra: not started by a multiboot2 loader; halting\r\n"
msg_no_lm:
	.asciz	"Umbra: this CPU has no 64-bit long mode; halting\r\n"

	.text
start64_high:
	movq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp		/* terminates backtraces */
	movl	%edi, %edi		/* zero-extend magic and MBI address */
	movl	%esi, %esi
	call	hammer_time
6:	cli
	hlt
	jmp	6b

	.bss
	.p2align 12
	.globl	boot_pml4, boot_pdpt_low, boot_pdpt_kern, boot_pd
boot_pml4:
	.space	4096
boot_pdpt_low:
	.space	4096
boot_pdpt_kern:
	.space	4096
boot_pd:
	.space	4 * 4096
	.globl	boot_stack, boot_stack_top
boot_stack:
	.space	4 * 4096
boot_stack_top:
