/*
 * machine/vmparam.h: where things live in the kernel's virtual address
 * space.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (later issues)
 *   0xffff800000000000 - DMAP_MAX_ADDRESS    direct map of all physical
 *                                            memory (PML4 slots 256..)
 *   0xffffffff80000000 - ...                 kernel image (KERNBASE maps
 *                                            physical 0; the kernel is
 *                                            loaded at 2 MiB)
 *
 * locore maps the first 4 GiB of physical memory into the direct map with
 * 2 MiB pages; machdep extends it to the top of RAM.
 */
#ifndef _MACHINE_VMPARAM_H_
#define _MACHINE_VMPARAM_H_

#define KERNBASE		0xffffffff80000000ul
#define KERNLOAD		0x200000ul	/* physical load address */
#define DMAP_MIN_ADDRESS	0xffff800000000000ul
#define DMAP_MAX_ADDRESS	0xffff808000000000ul	/* 512 GiB */
#define DMAP_PML4_INDEX		256

#define PHYS_TO_DMAP(pa)	((vm_offset_t)(pa) + DMAP_MIN_ADDRESS)
#define DMAP_TO_PHYS(va)	((vm_paddr_t)(va) - DMAP_MIN_ADDRESS)
#define KERNEL_TO_PHYS(va)	((vm_paddr_t)(va) - KERNBASE)

#endif /* !_MACHINE_VMPARAM_H_ */
