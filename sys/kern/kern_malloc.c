/*
 * kern_malloc.c: malloc(9), the kernel's general-purpose allocator.
 *
 * Two paths, chosen by size:
 *   - up to MALLOC_MAXBUCKET (64 KiB): the smallest power-of-two bucket
 *     zone that holds it, "malloc-16" .. "malloc-65536" (UMA zones with
 *     UMA_ZONE_MALLOC).  A bucket's items are aligned to their size up to
 *     a page (UMA puts items of power-of-two size at multiples of it
 *     from a page boundary), so every pointer is at least 16-byte
 *     aligned;
 *   - larger: whole pages from kmem_malloc ("large" allocations).
 * free() needs no size: the address leads to its page's vm_page, which
 * records either the UMA slab (and so the zone) or, for a large
 * allocation, its size as (size | 1) (vtoslab/vsetslab, vm/uma_int.h).
 *
 * Every allocation is charged to a malloc type (MALLOC_DEFINE), whose
 * counters are updated atomically, so they are exact: a malloc and its
 * free leave the type's requests - frees and bytes in use where they
 * were.  A bucket allocation is charged the bucket's size, a large one
 * its size rounded to pages: what it really takes.  Freeing with another
 * type than the one allocated skews both types' statistics (no check:
 * the type is not recorded per allocation).
 *
 * M_WAITOK never returns NULL.  XXX: nothing can wait for memory yet, so
 * when none is left, malloc(M_WAITOK) panics with the size and type.
 *
 * Locking: none of its own; UMA and kmem lock.  Callable with sleep
 * mutexes held, not from interrupt handlers nor with spin mutexes held.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <vm/uma.h>
#include <vm/uma_int.h>
#include <vm/vm_kern.h>

#include <machine/atomic.h>

#define MALLOC_NBUCKETS	13	/* 16 << 0 .. 16 << 12 = 65536 */

CTASSERT((MALLOC_MINBUCKET << (MALLOC_NBUCKETS - 1)) == MALLOC_MAXBUCKET);

MALLOC_DEFINE(M_DEVBUF, "devbuf", "device driver memory");
MALLOC_DEFINE(M_TEMP, "temp", "misc. temporary data buffers");

SET_DECLARE(malloc_type_set, struct malloc_type);

static const char *const kmemzone_names[MALLOC_NBUCKETS] = {
	"malloc-16", "malloc-32", "malloc-64", "malloc-128", "malloc-256",
	"malloc-512", "malloc-1024", "malloc-2048", "malloc-4096",
	"malloc-8192", "malloc-16384", "malloc-32768", "malloc-65536",
};
static uma_zone_t kmemzones[MALLOC_NBUCKETS];	/* (c) after malloc_init */

/*
 * malloc_init: create the bucket zones.  SI_SUB_KMEM, after kmem_init
 * and uma_startup.
 */
static void
malloc_init(const void *arg __unused)
{
	int i;

	for (i = 0; i < MALLOC_NBUCKETS; i++)
		kmemzones[i] = uma_zcreate(kmemzone_names[i],
		    MALLOC_MINBUCKET << i, NULL, NULL, NULL, NULL,
		    UMA_ALIGN_PTR, UMA_ZONE_MALLOC);
}
SYSINIT(malloc, SI_SUB_KMEM, SI_ORDER_THIRD, malloc_init, NULL);

/* The bucket of a size up to MALLOC_MAXBUCKET: 16 << index >= size. */
static inline int
malloc_bucket(size_t size)
{
	if (size <= MALLOC_MINBUCKET)
		return (0);
	return (64 - __builtin_clzl(size - 1) - 4);
}

/* Charge an allocation of size bytes (bucket index, or -1) to mtp. */
static void
malloc_type_allocated(struct malloc_type *mtp, size_t size, int bucket)
{
	struct malloc_type_stats *mts = &mtp->ks_stats;
	u_long old;

	atomic_add_long(&mts->mts_memalloced, size);
	atomic_add_long(&mts->mts_numallocs, 1);
	if (bucket >= 0) {
		do {
			old = mts->mts_size;
			if ((old & (1ul << bucket)) != 0)
				break;
		} while (!atomic_cmpset_ptr((volatile uintptr_t *)
		    &mts->mts_size, old, old | (1ul << bucket)));
	}
}

/* Charge a free of size bytes to mtp. */
static void
malloc_type_freed(struct malloc_type *mtp, size_t size)
{
	atomic_add_long(&mtp->ks_stats.mts_memfreed, size);
	atomic_add_long(&mtp->ks_stats.mts_numfrees, 1);
}

/*
 * malloc: size bytes charged to type mtp.  flags: M_WAITOK or M_NOWAIT,
 * optionally M_ZERO.  malloc(0) returns a minimal allocation.  Returns
 * the memory, or NULL (M_NOWAIT only) when none is left.
 */
void *
malloc(size_t size, struct malloc_type *mtp, int flags)
{
	int bucket, nflags;
	vm_offset_t va;
	void *p;

	KASSERT(mtp->ks_magic == M_MAGIC, ("malloc: bad malloc type %p",
	    mtp));
	KASSERT((flags & (M_NOWAIT | M_WAITOK)) == M_NOWAIT ||
	    (flags & (M_NOWAIT | M_WAITOK)) == M_WAITOK,
	    ("malloc(%zu, %s): need one of M_NOWAIT, M_WAITOK (flags %#x)",
	    size, mtp->ks_shortdesc, flags));
	KASSERT(kmemzones[0] != NULL, ("malloc(%zu, %s): before malloc_init",
	    size, mtp->ks_shortdesc));
	/* Ask without waiting, so that failure is reported here. */
	nflags = (flags & ~M_WAITOK) | M_NOWAIT;
	if (size <= MALLOC_MAXBUCKET) {
		bucket = malloc_bucket(size);
		p = uma_zalloc(kmemzones[bucket], nflags);
		if (p != NULL)
			malloc_type_allocated(mtp, MALLOC_MINBUCKET << bucket,
			    bucket);
	} else {
		p = NULL;
		if (size <= SIZE_MAX - PAGE_MASK) {
			size = round_page(size);
			va = kmem_malloc(size, nflags);
			if (va != 0) {
				vsetslab(va, (struct uma_slab *)(size | 1));
				malloc_type_allocated(mtp, size, -1);
				p = (void *)va;
			}
		}
	}
	if (p == NULL && (flags & M_WAITOK) != 0)
		panic("malloc(%zu, %s, M_WAITOK): out of memory (XXX: cannot "
		    "wait for memory yet)", size, mtp->ks_shortdesc);
	return (p);
}

/*
 * free: give back what malloc returned, charged to the same type.
 * free(NULL) does nothing.  An address malloc did not return panics.
 */
void
free(void *addr, struct malloc_type *mtp)
{
	struct uma_slab *slab;
	uma_zone_t zone;
	size_t size;

	if (addr == NULL)
		return;
	KASSERT(mtp->ks_magic == M_MAGIC, ("free: bad malloc type %p", mtp));
	slab = vtoslab((vm_offset_t)addr);
	if (slab == NULL)
		panic("free: %p (type %s) was not allocated by malloc", addr,
		    mtp->ks_shortdesc);
	if (((uintptr_t)slab & 1) != 0) {
		size = (uintptr_t)slab & ~(uintptr_t)1;
		if (((uintptr_t)addr & PAGE_MASK) != 0)
			panic("free: %p (type %s) is inside a %zu-byte "
			    "allocation", addr, mtp->ks_shortdesc, size);
		vsetslab((vm_offset_t)addr, NULL);
		kmem_free((vm_offset_t)addr, size);
		malloc_type_freed(mtp, size);
		return;
	}
	zone = slab->us_zone;
	if ((zone->uz_flags & UMA_ZONE_MALLOC) == 0)
		panic("free: %p (type %s) is an item of zone %s", addr,
		    mtp->ks_shortdesc, zone->uz_name);
	size = zone->uz_size;
	uma_zfree(zone, addr);
	malloc_type_freed(mtp, size);
}

/*
 * malloc_usable_size: how many bytes the allocation at addr really has
 * (its bucket, or its pages); 0 for NULL.
 */
size_t
malloc_usable_size(const void *addr)
{
	struct uma_slab *slab;

	if (addr == NULL)
		return (0);
	slab = vtoslab((vm_offset_t)addr);
	if (slab == NULL)
		panic("malloc_usable_size: %p was not allocated by malloc",
		    addr);
	if (((uintptr_t)slab & 1) != 0)
		return ((uintptr_t)slab & ~(uintptr_t)1);
	return (slab->us_zone->uz_size);
}

/*
 * realloc: resize the allocation at addr (NULL: malloc) to size bytes,
 * keeping its contents up to the smaller size; the same type and flags
 * as malloc.  Stays in place when size fits the allocation and uses
 * more than half of it.  Returns the new address, or NULL (M_NOWAIT)
 * with the old allocation untouched.
 */
void *
realloc(void *addr, size_t size, struct malloc_type *mtp, int flags)
{
	size_t alloc;
	void *p;

	if (addr == NULL)
		return (malloc(size, mtp, flags));
	alloc = malloc_usable_size(addr);
	if (size <= alloc &&
	    (size > alloc / 2 || alloc == MALLOC_MINBUCKET))
		return (addr);
	p = malloc(size, mtp, flags);
	if (p == NULL)
		return (NULL);
	memcpy(p, addr, MIN(size, alloc));
	free(addr, mtp);
	return (p);
}

/* reallocf: realloc that frees the old allocation when it fails. */
void *
reallocf(void *addr, size_t size, struct malloc_type *mtp, int flags)
{
	void *p;

	p = realloc(addr, size, mtp, flags);
	if (p == NULL)
		free(addr, mtp);
	return (p);
}

/* malloc_type_foreach: call fn(type, arg) for every malloc type. */
void
malloc_type_foreach(void (*fn)(struct malloc_type *, void *), void *arg)
{
	struct malloc_type **mtpp;

	SET_FOREACH(mtpp, malloc_type_set)
		fn(*mtpp, arg);
}

/*
 * malloc_type_inuse: allocations of type mtp not yet freed.  The frees
 * are read first: a free racing with the reads can only make the result
 * too large by one, never wrap it.
 */
u_long
malloc_type_inuse(const struct malloc_type *mtp)
{
	u_long frees = mtp->ks_stats.mts_numfrees;

	return (mtp->ks_stats.mts_numallocs - frees);
}

/* malloc_type_memuse: bytes of type mtp in use (read as above). */
u_long
malloc_type_memuse(const struct malloc_type *mtp)
{
	u_long freed = mtp->ks_stats.mts_memfreed;

	return (mtp->ks_stats.mts_memalloced - freed);
}
