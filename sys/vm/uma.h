/*
 * uma.h: the zone (slab) allocator, in the manner of FreeBSD's UMA
 * (vm/uma_core.c).
 *
 * A zone hands out fixed-size items, carved from slabs of one or more
 * pages.  Four optional hooks, with FreeBSD's meaning:
 *
 *	init	when an item comes into existence (its slab is created);
 *	ctor	each time the item is allocated (after M_ZERO zeroing);
 *	dtor	each time it is freed;
 *	fini	when it goes away (its slab is given back).
 *
 * so state set up by init survives between a free and the next
 * allocation ("type-stable" items).  An init or ctor returning non-zero
 * fails the allocation.
 *
 * Flags to uma_zalloc: exactly one of M_WAITOK and M_NOWAIT, optionally
 * M_ZERO (<sys/malloc.h>).  XXX: M_WAITOK cannot wait yet; it panics
 * when no page can be had or the zone's limit is reached.  Zones may be
 * used with other sleep mutexes held (a zone's lock is a leaf, and no
 * page allocation sleeps) but not from an interrupt handler, with or
 * without M_NOWAIT, nor with a spin mutex held.
 *
 * The zone's statistics are exact (one lock per zone) and named after
 * the columns of FreeBSD's `vmstat -z`.
 */
#ifndef _VM_UMA_H_
#define _VM_UMA_H_

#include <sys/types.h>

typedef struct uma_zone *uma_zone_t;

typedef int	(*uma_ctor)(void *mem, int size, void *arg, int flags);
typedef void	(*uma_dtor)(void *mem, int size, void *arg);
typedef int	(*uma_init)(void *mem, int size, int flags);
typedef void	(*uma_fini)(void *mem, int size);

/* uma_zcreate flags */
#define UMA_ZONE_ZINIT		0x0002	/* items start zeroed (at init) */
#define UMA_ZONE_OFFPAGE	0x0008	/* slab headers outside the slab */
#define UMA_ZONE_MALLOC		0x0010	/* a malloc(9) bucket zone */
#define UMA_ZONE_NOFREE		0x0020	/* never give slabs back */

/*
 * uma_zcreate align: a mask (alignment - 1), as in FreeBSD.  Items of a
 * zone are aligned to it; items whose size is a power of 2 up to a page
 * are also aligned to their size.
 */
#define UMA_ALIGN_PTR	(sizeof(void *) - 1)
#define UMA_ALIGN_LONG	(sizeof(long) - 1)
#define UMA_ALIGN_INT	(sizeof(int) - 1)
#define UMA_ALIGN_SHORT	(sizeof(short) - 1)
#define UMA_ALIGN_CHAR	(sizeof(char) - 1)
#define UMA_ALIGN_CACHE	(64 - 1)
#define UMA_ALIGNOF(type) (_Alignof(type) - 1)

/* uma_reclaim / uma_zone_reclaim: give every wholly free slab back. */
#define UMA_RECLAIM_DRAIN	1

/*
 * A zone's statistics, as `vmstat -z` shows them (the first seven) and
 * more.  A snapshot: uma_zone_get_stats copies it under the zone lock.
 */
struct uma_zone_stats {
	uint64_t	uzs_size;	/* SIZE: bytes per item */
	uint64_t	uzs_limit;	/* LIMIT: most items, 0 = none */
	uint64_t	uzs_used;	/* USED: items allocated now */
	uint64_t	uzs_free;	/* FREE: free items in its slabs */
	uint64_t	uzs_requests;	/* REQ: allocations, ever */
	uint64_t	uzs_fails;	/* FAIL: allocations that failed */
	uint64_t	uzs_sleeps;	/* SLEEP: waits for memory (none yet) */
	uint64_t	uzs_frees;	/* items freed, ever */
	uint64_t	uzs_slabs;	/* slabs held */
	uint64_t	uzs_pages;	/* pages held by those slabs */
	uint64_t	uzs_ipers;	/* items per slab */
	uint64_t	uzs_ppera;	/* pages per slab */
};

void	uma_startup(void);
uma_zone_t uma_zcreate(const char *name, size_t size, uma_ctor ctor,
	    uma_dtor dtor, uma_init init, uma_fini fini, int align,
	    uint32_t flags);
void	uma_zdestroy(uma_zone_t zone);
void	*uma_zalloc_arg(uma_zone_t zone, void *arg, int flags);
void	uma_zfree_arg(uma_zone_t zone, void *item, void *arg);
int	uma_zone_set_max(uma_zone_t zone, int nitems);
int	uma_zone_get_max(uma_zone_t zone);
int	uma_zone_get_cur(uma_zone_t zone);
void	uma_zone_reclaim(uma_zone_t zone, int req);
void	uma_reclaim(int req);
const char *uma_zone_name(uma_zone_t zone);
size_t	uma_zone_size(uma_zone_t zone);
void	uma_zone_get_stats(uma_zone_t zone, struct uma_zone_stats *stats);
void	uma_zone_foreach(void (*fn)(uma_zone_t zone, void *arg), void *arg);
bool	uma_zone_check(uma_zone_t zone);

static inline void *
uma_zalloc(uma_zone_t zone, int flags)
{
	return (uma_zalloc_arg(zone, NULL, flags));
}

static inline void
uma_zfree(uma_zone_t zone, void *item)
{
	uma_zfree_arg(zone, item, NULL);
}

#endif /* !_VM_UMA_H_ */
