/*
 * uma_int.h: UMA's internal structures (vm/uma_core.c), shared with
 * malloc(9) (kern/kern_malloc.c), which finds the zone of an address
 * through its slab, and with the page-level back end in
 * amd64/amd64/uma_machdep.c.
 *
 * A slab is one page, or ppera pages for items of a page or more.  Items
 * start at the slab's first byte; the slab header (struct uma_slab) sits
 * either at the end of a one-page slab (in-page, at uz_pgoff) or in an
 * item of the "UMA Slabs" zone (off-page) when in-page would waste more
 * than a tenth of the page.  An item's slab is found by address
 * arithmetic for an in-page zone and through the page's vm_page
 * (vtoslab) otherwise; malloc zones always record it in the page, since
 * free() must find the zone from the address alone.
 */
#ifndef _VM_UMA_INT_H_
#define _VM_UMA_INT_H_

#include <sys/types.h>
#include <sys/param.h>
#include <sys/mutex.h>
#include <sys/queue.h>

#include <vm/uma.h>

#define UMA_SMALLEST_UNIT	16	/* no item is smaller */
#define SLAB_MAX_ITEMS		(PAGE_SIZE / UMA_SMALLEST_UNIT)
#define SLAB_SETWORDS		(SLAB_MAX_ITEMS / 64)
#define UMA_MAX_WASTE		(PAGE_SIZE / 10)

/* Internal zone flags (uz_flags), above the public UMA_ZONE_* ones. */
#define UMA_ZFLAG_INTERNAL	0x10000000	/* UMA's own zones */
#define UMA_ZFLAG_OFFPAGE	0x20000000	/* header off the slab */
#define UMA_ZFLAG_VTOSLAB	0x40000000	/* slab recorded per page */

/*
 * Lock legend:
 *	(c) constant after the slab is made
 *	(z) the zone's uz_lock
 */
struct uma_slab {
	LIST_ENTRY(uma_slab) us_link;	/* (z) on one of the zone's lists */
	uma_zone_t	us_zone;	/* (c) its zone */
	uint8_t		*us_data;	/* (c) first item, the slab's base */
	u_int		us_freecount;	/* (z) free items */
	u_int		us_pad;
	uint64_t	us_free[SLAB_SETWORDS];	/* (z) bit i: item i free */
};

LIST_HEAD(uma_slablist, uma_slab);

/*
 * Lock legend:
 *	(c) constant after uma_zcreate
 *	(g) uma_zones_mtx
 *	(z) uz_lock
 * Counters: uz_allocs - uz_frees == uz_used, uz_used <= uz_nslabs *
 * uz_ipers (uma_zone_check).
 */
struct uma_zone {
	struct mtx	uz_lock;
	TAILQ_ENTRY(uma_zone) uz_link;	/* (g) every zone */
	const char	*uz_name;	/* (c) the caller's string */
	size_t		uz_size;	/* (c) item size asked for */
	size_t		uz_rsize;	/* (c) item stride in the slab */
	int		uz_align;	/* (c) alignment mask */
	uint32_t	uz_flags;	/* (c) UMA_ZONE_*, UMA_ZFLAG_* */
	u_int		uz_ppera;	/* (c) pages per slab */
	u_int		uz_ipers;	/* (c) items per slab */
	u_int		uz_pgoff;	/* (c) in-page header offset */
	uma_ctor	uz_ctor;	/* (c) */
	uma_dtor	uz_dtor;	/* (c) */
	uma_init	uz_init;	/* (c) */
	uma_fini	uz_fini;	/* (c) */
	struct uma_slablist uz_part_slab; /* (z) some items free */
	struct uma_slablist uz_free_slab; /* (z) every item free */
	struct uma_slablist uz_full_slab; /* (z) no item free */
	u_long		uz_nslabs;	/* (z) slabs on the three lists */
	u_long		uz_used;	/* (z) items allocated */
	u_long		uz_max_items;	/* (z) limit, 0 = none */
	uint64_t	uz_allocs;	/* (z) successful allocations */
	uint64_t	uz_frees;	/* (z) frees */
	uint64_t	uz_fails;	/* (z) failed allocations */
	uint64_t	uz_sleeps;	/* (z) waits (none yet) */
};

/*
 * The page-level back end (amd64/amd64/uma_machdep.c; host tests bring
 * their own):
 *	uma_small_alloc	one wired page through the direct map, zeroed
 *			with M_ZERO; NULL if none (flags: M_NOWAIT only);
 *	uma_small_free	give such a page back;
 *	vsetslab	record slab for the page holding va (NULL clears);
 *	vtoslab		the slab recorded for va's page, or NULL.
 * malloc(9) records a large allocation's size in the same place, as
 * (size | 1): slab pointers are aligned, so bit 0 tells them apart.
 */
void	*uma_small_alloc(int flags);
void	uma_small_free(void *mem);
void	vsetslab(vm_offset_t va, struct uma_slab *slab);
struct uma_slab *vtoslab(vm_offset_t va);

#endif /* !_VM_UMA_INT_H_ */
