/*
 * kmem_shim.h: what vmem_test.c and uma_test.c call in sys/kern/
 * subr_vmem.c, sys/vm/uma_core.c and kmem_shim.c, in types the host and
 * the kernel share.  kmem_shim.c includes this next to the kernel's own
 * headers, so the compiler checks that the two agree.
 */
#ifndef _KMEM_SHIM_H_
#define _KMEM_SHIM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* <sys/malloc.h> */
#define M_NOWAIT	0x0001
#define M_WAITOK	0x0002
#define M_ZERO		0x0100
#define M_FIRSTFIT	0x1000
#define M_BESTFIT	0x2000

/* <sys/vmem.h> */
typedef uintptr_t	vmem_addr_t;
typedef size_t		vmem_size_t;
typedef struct vmem	vmem_t;

#define VMEM_ADDR_MIN	0
#define VMEM_ADDR_MAX	(~(vmem_addr_t)0)
#define VMEM_ALLOC	0x01
#define VMEM_FREE	0x02
#define VMEM_MAXFREE	0x10

vmem_t	*vmem_create(const char *name, vmem_addr_t base, vmem_size_t size,
	    vmem_size_t quantum, vmem_size_t qcache_max, int flags);
void	vmem_destroy(vmem_t *vm);
int	vmem_add(vmem_t *vm, vmem_addr_t addr, vmem_size_t size, int flags);
int	vmem_alloc(vmem_t *vm, vmem_size_t size, int flags,
	    vmem_addr_t *addrp);
int	vmem_xalloc(vmem_t *vm, vmem_size_t size, vmem_size_t align,
	    vmem_size_t phase, vmem_size_t nocross, vmem_addr_t minaddr,
	    vmem_addr_t maxaddr, int flags, vmem_addr_t *addrp);
void	vmem_free(vmem_t *vm, vmem_addr_t addr, vmem_size_t size);
vmem_size_t vmem_size(vmem_t *vm, int typemask);
bool	vmem_check(vmem_t *vm);

/* <vm/uma.h> */
typedef struct uma_zone *uma_zone_t;
typedef int	(*uma_ctor)(void *mem, int size, void *arg, int flags);
typedef void	(*uma_dtor)(void *mem, int size, void *arg);
typedef int	(*uma_init)(void *mem, int size, int flags);
typedef void	(*uma_fini)(void *mem, int size);

#define UMA_ZONE_ZINIT		0x0002
#define UMA_ZONE_OFFPAGE	0x0008
#define UMA_ZONE_MALLOC		0x0010
#define UMA_ZONE_NOFREE		0x0020
#define UMA_ALIGN_PTR	(sizeof(void *) - 1)
#define UMA_ALIGN_CACHE	(64 - 1)
#define UMA_RECLAIM_DRAIN	1

void	uma_startup(void);
uma_zone_t uma_zcreate(const char *name, size_t size, uma_ctor ctor,
	    uma_dtor dtor, uma_init init, uma_fini fini, int align,
	    uint32_t flags);
void	uma_zdestroy(uma_zone_t zone);
void	*uma_zalloc_arg(uma_zone_t zone, void *arg, int flags);
void	uma_zfree_arg(uma_zone_t zone, void *item, void *arg);
int	uma_zone_set_max(uma_zone_t zone, int nitems);
int	uma_zone_get_cur(uma_zone_t zone);
void	uma_zone_reclaim(uma_zone_t zone, int req);
void	uma_reclaim(int req);
const char *uma_zone_name(uma_zone_t zone);
void	uma_zone_foreach(void (*fn)(uma_zone_t zone, void *arg), void *arg);
bool	uma_zone_check(uma_zone_t zone);

/* kmem_shim.c: one column of a zone's statistics, by its vmstat -z name
   (SIZE LIMIT USED FREE REQ FAIL SLEEP) or FREES, SLABS, PAGES, IPERS,
   PPERA. */
uint64_t shim_uma_stat(uma_zone_t zone, const char *column);

#endif /* !_KMEM_SHIM_H_ */
