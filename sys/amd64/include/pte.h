/*
 * machine/pte.h: x86-64 page-table entries (Intel SDM vol. 3, 4.5).
 *
 * Four levels translate a 48-bit virtual address; each table is one
 * 4 KiB page of 512 eight-byte entries, indexed by 9 bits of the address:
 *
 *	bits 47..39  PML4 entry   -> page-directory-pointer table (PDPT)
 *	bits 38..30  PDPT entry   -> page directory, or a 1 GiB page (PS)
 *	bits 29..21  PD entry     -> page table, or a 2 MiB page (PS)
 *	bits 20..12  PT entry     -> a 4 KiB page
 *	bits 11..0   offset in the page
 *
 * Bits 63..48 of a canonical address copy bit 47: the upper half
 * (0xffff8...) is the kernel's, PML4 slots 256..511.
 *
 * Entry bits, the same at every level unless noted:
 *
 *	PG_V	present.  A clear entry faults (#PF, error code P clear) and
 *		the CPU ignores every other bit.
 *	PG_RW	writable.  With it clear, user writes fault; supervisor
 *		writes fault too because CR0.WP is on.
 *	PG_U	user-accessible.  Clear = supervisor only.  With CR4.SMEP
 *		the kernel cannot execute, and with CR4.SMAP cannot read or
 *		write (outside stac/clac), a PG_U page.
 *	PG_NC_PWT, PG_NC_PCD: write-through / cache-disable (with PAT,
 *		the memory type); always clear here: write-back memory.
 *	PG_A	accessed: set by the CPU on any access through the entry.
 *	PG_M	dirty (leaf entries only): set by the CPU on a write.
 *		Both are set in memory atomically by the page walk; the
 *		TLB caches them, so software that clears them must
 *		invalidate the TLB entry or a later access will not set
 *		them again.
 *	PG_PS	page size (PDPT and PD entries): this entry maps a 1 GiB
 *		or 2 MiB page instead of pointing to a table.  In a PT
 *		entry the same bit is PAT (PG_PTE_PAT).
 *	PG_G	global (leaf entries, with CR4.PGE): the TLB entry survives
 *		a CR3 reload.  Kernel mappings only, since every address
 *		space shares them.
 *	PG_W, PG_MANAGED: bits 9 and 10 are ignored by the CPU; the pmap
 *		uses them for "wired" and "has a pv entry" (FreeBSD's
 *		PG_AVAIL1/PG_AVAIL2 meanings).
 *	PG_NX	no-execute (bit 63, needs EFER.NXE; reserved otherwise).
 *		An instruction fetch through it faults (error code I).  The
 *		effective permission of an address is the most restrictive
 *		one along its walk: NX or !RW or !U at any level wins.
 *
 * The physical address of the next table or the page is bits 51..12
 * (PG_FRAME); 2 MiB and 1 GiB pages use bits 51..21 and 51..30.
 */
#ifndef _MACHINE_PTE_H_
#define _MACHINE_PTE_H_

#include <sys/types.h>

#include <machine/param.h>

typedef uint64_t pml4_entry_t;
typedef uint64_t pdp_entry_t;
typedef uint64_t pd_entry_t;
typedef uint64_t pt_entry_t;

#define PG_V		0x001ul
#define PG_RW		0x002ul
#define PG_U		0x004ul
#define PG_NC_PWT	0x008ul
#define PG_NC_PCD	0x010ul
#define PG_A		0x020ul
#define PG_M		0x040ul
#define PG_PS		0x080ul
#define PG_PTE_PAT	0x080ul
#define PG_G		0x100ul
#define PG_W		0x200ul		/* software: wired mapping */
#define PG_MANAGED	0x400ul		/* software: has a pv entry */
#define PG_NX		(1ul << 63)

#define PG_FRAME	0x000ffffffffff000ul
#define PG_PS_FRAME	0x000fffffffe00000ul	/* 2 MiB page */
#define PG_PS_PDP_FRAME	0x000fffffc0000000ul	/* 1 GiB page */

#define NPTEPG		512	/* entries per table, every level */
#define NPDEPG		512
#define NPDPEPG		512
#define NPML4EPG	512

/* Table indices of a virtual address. */
#define pmap_pml4e_index(va)	(((va) >> PML4SHIFT) & (NPML4EPG - 1))
#define pmap_pdpe_index(va)	(((va) >> PDPSHIFT) & (NPDPEPG - 1))
#define pmap_pde_index(va)	(((va) >> PDRSHIFT) & (NPDEPG - 1))
#define pmap_pte_index(va)	(((va) >> PAGE_SHIFT) & (NPTEPG - 1))

/*
 * The page-fault (#PF) error code: why the walk for CR2 failed.
 */
#define PGEX_P		0x01	/* protection violation (else not present) */
#define PGEX_W		0x02	/* write */
#define PGEX_U		0x04	/* from user mode */
#define PGEX_RSV	0x08	/* reserved bit set in a PTE */
#define PGEX_I		0x10	/* instruction fetch */

#endif /* !_MACHINE_PTE_H_ */
