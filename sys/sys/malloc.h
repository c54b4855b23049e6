/*
 * malloc.h: the kernel's general-purpose allocator, malloc(9), and the
 * allocation flags every kernel allocator shares (malloc, UMA, kmem,
 * vmem), with FreeBSD's names and values.
 *
 * Every allocation is charged to a malloc type, declared once with
 * MALLOC_DEFINE(M_FOO, "foo", "what it holds") and elsewhere with
 * MALLOC_DECLARE(M_FOO).  The type's statistics (what `vmstat -m` shows)
 * count requests, frees and bytes in use; they are exact at every moment
 * (atomic counters), so a sequence of mallocs and their frees brings them
 * back to where they started.
 */
#ifndef _SYS_MALLOC_H_
#define _SYS_MALLOC_H_

#include <sys/types.h>
#include <sys/linker_set.h>

/*
 * Flags.  Exactly one of M_NOWAIT and M_WAITOK must be given to malloc
 * and uma_zalloc.  M_WAITOK never returns NULL.  XXX: nothing can sleep
 * for memory yet (no pagedaemon), so an M_WAITOK request that cannot be
 * met panics instead of waiting.
 */
#define M_NOWAIT	0x0001	/* fail rather than wait */
#define M_WAITOK	0x0002	/* may wait; never fails */
#define M_ZERO		0x0100	/* return zero-filled memory */
#define M_FIRSTFIT	0x1000	/* vmem: take the first segment that fits */
#define M_BESTFIT	0x2000	/* vmem: take the smallest segment that fits */

#define M_MAGIC		0x4d414c4cul	/* "MALL": a struct malloc_type */

/*
 * Per-type statistics.  Lock legend: (a) atomic operations; the counters
 * only grow, so "in use" is the difference of two of them.
 */
struct malloc_type_stats {
	volatile u_long	mts_memalloced;	/* (a) bytes handed out, ever */
	volatile u_long	mts_memfreed;	/* (a) bytes given back, ever */
	volatile u_long	mts_numallocs;	/* (a) successful mallocs */
	volatile u_long	mts_numfrees;	/* (a) frees */
	volatile u_long	mts_size;	/* (a) bit i: bucket 16 << i used */
};

/* Lock legend: (c) constant; the stats are atomic. */
struct malloc_type {
	u_long		ks_magic;	/* (c) M_MAGIC */
	const char	*ks_shortdesc;	/* (c) name, as vmstat -m shows it */
	const char	*ks_longdesc;	/* (c) what it is for */
	struct malloc_type_stats ks_stats;
};

/*
 * MALLOC_DEFINE makes `type' an array of one struct malloc_type, so the
 * name alone is the pointer malloc() takes, and puts it in the
 * malloc_type_set linker set, where malloc_type_foreach finds it.
 */
#define MALLOC_DEFINE(type, shortdesc, longdesc)			\
	struct malloc_type type[1] = {					\
		{ .ks_magic = M_MAGIC, .ks_shortdesc = (shortdesc),	\
		  .ks_longdesc = (longdesc) }				\
	};								\
	DATA_SET(malloc_type_set, type)

#define MALLOC_DECLARE(type)	extern struct malloc_type type[1]

MALLOC_DECLARE(M_DEVBUF);	/* device driver memory */
MALLOC_DECLARE(M_TEMP);		/* short-lived buffers */

/* Largest size served from a bucket zone; larger goes to kmem_malloc. */
#define MALLOC_MAXBUCKET	65536
#define MALLOC_MINBUCKET	16

void	*malloc(size_t size, struct malloc_type *type, int flags);
void	free(void *addr, struct malloc_type *type);
void	*realloc(void *addr, size_t size, struct malloc_type *type,
	    int flags);
void	*reallocf(void *addr, size_t size, struct malloc_type *type,
	    int flags);
size_t	malloc_usable_size(const void *addr);
void	malloc_type_foreach(void (*fn)(struct malloc_type *, void *),
	    void *arg);
u_long	malloc_type_inuse(const struct malloc_type *type);
u_long	malloc_type_memuse(const struct malloc_type *type);

#endif /* !_SYS_MALLOC_H_ */
