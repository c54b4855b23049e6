/*
 * vmem.h: resource arenas (kern/subr_vmem.c), FreeBSD's vmem(9) in a
 * simpler form: an arena hands out ranges of an integer space (kernel
 * virtual addresses for kernel_arena) in multiples of its quantum.
 *
 * Flags (<sys/malloc.h>): exactly one of M_BESTFIT (the smallest free
 * segment that fits) and M_FIRSTFIT (the first segment found on a free
 * list that fits: fast), and one of M_NOWAIT and M_WAITOK.  XXX: an
 * arena cannot wait for space yet; M_WAITOK fails with ENOMEM like
 * M_NOWAIT, and callers that must not fail (kmem_malloc) panic.
 */
#ifndef _SYS_VMEM_H_
#define _SYS_VMEM_H_

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/queue.h>

typedef uintptr_t	vmem_addr_t;
typedef size_t		vmem_size_t;
typedef struct vmem	vmem_t;

#define VMEM_ADDR_MIN	0
#define VMEM_ADDR_MAX	(~(vmem_addr_t)0)

/* vmem_size typemask */
#define VMEM_ALLOC	0x01	/* bytes allocated */
#define VMEM_FREE	0x02	/* bytes free */
#define VMEM_MAXFREE	0x10	/* the largest free segment */

#define VMEM_NAMELEN	16

vmem_t	*vmem_create(const char *name, vmem_addr_t base, vmem_size_t size,
	    vmem_size_t quantum, vmem_size_t qcache_max, int flags);
vmem_t	*vmem_init(vmem_t *vm, const char *name, vmem_addr_t base,
	    vmem_size_t size, vmem_size_t quantum, vmem_size_t qcache_max,
	    int flags);
void	vmem_destroy(vmem_t *vm);
int	vmem_add(vmem_t *vm, vmem_addr_t addr, vmem_size_t size, int flags);
int	vmem_alloc(vmem_t *vm, vmem_size_t size, int flags,
	    vmem_addr_t *addrp);
int	vmem_xalloc(vmem_t *vm, vmem_size_t size, vmem_size_t align,
	    vmem_size_t phase, vmem_size_t nocross, vmem_addr_t minaddr,
	    vmem_addr_t maxaddr, int flags, vmem_addr_t *addrp);
void	vmem_free(vmem_t *vm, vmem_addr_t addr, vmem_size_t size);
void	vmem_xfree(vmem_t *vm, vmem_addr_t addr, vmem_size_t size);
vmem_size_t vmem_size(vmem_t *vm, int typemask);
vmem_size_t vmem_roundup_size(vmem_t *vm, vmem_size_t size);
const char *vmem_name(vmem_t *vm);
bool	vmem_check(vmem_t *vm);

/*
 * The arena itself.  Its layout is public only so that vmem_init can
 * place an arena in static storage (kernel_arena exists before malloc);
 * its fields belong to subr_vmem.c.
 */
#define VMEM_MAXORDER	(sizeof(vmem_size_t) * 8)
#define VMEM_HASHSIZE	256	/* busy-tag hash buckets (power of 2) */

struct vmem_btag;

TAILQ_HEAD(vmem_seglist, vmem_btag);
LIST_HEAD(vmem_freelist, vmem_btag);
LIST_HEAD(vmem_hashlist, vmem_btag);

/*
 * Lock legend:
 *	(c) constant after vmem_init
 *	(v) vm_lock
 */
struct vmem {
	struct mtx	vm_lock;
	char		vm_name[VMEM_NAMELEN];	/* (c) */
	vmem_size_t	vm_quantum_mask;	/* (c) quantum - 1 */
	int		vm_quantum_shift;	/* (c) log2(quantum) */
	bool		vm_static;		/* (c) from vmem_init */
	struct vmem_seglist vm_seglist;		/* (v) tags, address order */
	struct vmem_freelist vm_freelist[VMEM_MAXORDER]; /* (v) free segs
						   by power-of-two size */
	struct vmem_hashlist vm_hashlist[VMEM_HASHSIZE]; /* (v) busy segs */
	struct vmem_freelist vm_freetags;	/* (v) tags held in reserve */
	int		vm_nfreetags;		/* (v) tags on vm_freetags */
	vmem_size_t	vm_size;		/* (v) bytes in all spans */
	vmem_size_t	vm_inuse;		/* (v) bytes allocated */
	u_int		vm_nbusytag;		/* (v) busy segments */
	u_int		vm_nfreeseg;		/* (v) free segments */
	u_long		vm_nallocs;		/* (v) allocations, ever */
	u_long		vm_nfails;		/* (v) failed allocations */
};

#endif /* !_SYS_VMEM_H_ */
