/*
 * machine/vmparam.h: where things live in the virtual address space.
 *
 *   start                 end (exclusive)       PML4   what
 *   0x0000000000000000    0x00007ffffffff000    0-255  user space
 *   0xffff800000000000    dmap_max_address      256    direct map: all
 *                                                      physical memory
 *   0xfffffe0000000000    0xfffffe8000000000    508    kernel virtual
 *                                                      memory (KVA)
 *   0xffffffff80000000    _end                  511    kernel image
 *
 * The last user page (below 0x0000800000000000) stays unmapped: a SYSRET
 * to the first non-canonical address would fault in kernel mode.
 *
 * The direct map (DMAP) maps physical address pa at PHYS_TO_DMAP(pa), for
 * all of RAM and at least the first 4 GiB (ACPI tables, APIC registers),
 * read/write, never executable, with 1 GiB pages where the CPU has them.
 * The kernel image is linked at KERNBASE + its physical address (loaded at
 * KERNLOAD = 2 MiB) and mapped with 4 KiB pages so that each section gets
 * its own protection.  KVA is where kernel memory (malloc, thread stacks
 * with guard pages) gets virtual addresses; its page tables are allocated
 * on demand by pmap_kenter, below one PDPT page allocated at boot so that
 * every address space shares them.  sys/amd64/amd64/pmap.c builds all
 * this in pmap_bootstrap, replacing locore's boot page tables.
 */
#ifndef _MACHINE_VMPARAM_H_
#define _MACHINE_VMPARAM_H_

/* Constants usable from assembly too (no "ul" suffix there). */
#ifdef __ASSEMBLY__
#define _UL(x)			x
#else
#define _UL(x)			x##ul
#endif

#define VM_MIN_ADDRESS		_UL(0x0000000000000000)
#define VM_MAXUSER_ADDRESS	_UL(0x00007ffffffff000)

#define DMAP_PML4_INDEX		256
#define DMAP_MIN_ADDRESS	_UL(0xffff800000000000)
#define DMAP_MAX_ADDRESS	_UL(0xffff808000000000)	/* 512 GiB */

#define KVA_PML4_INDEX		508
#define VM_MIN_KERNEL_ADDRESS	_UL(0xfffffe0000000000)
#define VM_MAX_KERNEL_ADDRESS	_UL(0xfffffe8000000000)	/* 512 GiB */

#define KERNBASE_PML4_INDEX	511
#define KERNBASE		_UL(0xffffffff80000000)
#define KERNLOAD		_UL(0x200000)	/* physical load address */

#define PHYS_TO_DMAP(pa)	((vm_offset_t)(pa) + DMAP_MIN_ADDRESS)
#define DMAP_TO_PHYS(va)	((vm_paddr_t)(va) - DMAP_MIN_ADDRESS)
#define KERNEL_TO_PHYS(va)	((vm_paddr_t)(va) - KERNBASE)

#endif /* !_MACHINE_VMPARAM_H_ */
