/*
 * machine/param.h: amd64 page sizes and the kernel's address-space layout.
 */
#ifndef _MACHINE_PARAM_H_
#define _MACHINE_PARAM_H_

#define MACHINE		"amd64"
#define MACHINE_ARCH	"amd64"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1 << PAGE_SHIFT)	/* 4 KiB */
#define PAGE_MASK	(PAGE_SIZE - 1)
#define PDRSHIFT	21
#define NBPDR		(1ul << PDRSHIFT)	/* 2 MiB: one page-directory entry */
#define PDPSHIFT	30
#define NBPDP		(1ul << PDPSHIFT)	/* 1 GiB: one PDP entry */
#define PML4SHIFT	39
#define NBPML4		(1ul << PML4SHIFT)	/* 512 GiB: one PML4 entry */

#define KSTACK_PAGES	4		/* kernel stack of a thread */

#endif /* !_MACHINE_PARAM_H_ */
