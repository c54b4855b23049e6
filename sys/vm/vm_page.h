/*
 * vm_page.h: one struct vm_page per physical page of RAM, and the page
 * allocation interface (vm_page.c).
 *
 * Every page of every vm_phys segment has a record in vm_page_array,
 * allocated at boot from the memory it describes.  A page is in exactly
 * one of these states:
 *
 *	free	on a buddy free list (vm_phys.c): wire_count 0, no object;
 *		the first page of a free block has order = the block's
 *		order, the others VM_NFREEORDER;
 *	wired	allocated and held with wire_count > 0 (kernel memory,
 *		page tables, pages the kernel keeps at boot);
 *	owned	in an object (vm_page_alloc, vm_page_insert): object and
 *		pindex name it, the object's radix trie finds it; later
 *		also on a pagedaemon queue.  It may be wired too.
 *
 * Lock legend:
 *	(c) constant after vm_page_startup
 *	(f) vm_phys_free_mtx (while the page is free)
 *	(a) atomic operations
 *	(o) the owning object's lock; for a page with no object, its
 *	    allocator (whoever vm_page_alloc_* returned it to)
 *	(q) the page queue lock (later issue)
 *	(v) pmap_pv_mtx
 */
#ifndef _VM_VM_PAGE_H_
#define _VM_VM_PAGE_H_

#include <sys/types.h>
#include <sys/queue.h>

#include <vm/vm.h>

#include <vm/vm_phys.h>

#include <machine/pmap.h>

/* A page's valid and dirty state: one bit per 512-byte block. */
typedef uint8_t vm_page_bits_t;
#define VM_PAGE_BITS_ALL	((vm_page_bits_t)0xff)

struct vm_page {
	TAILQ_ENTRY(vm_page) plinks;	/* (f|q) free list or page queue */
	vm_object_t	object;		/* (o) owning object, or NULL */
	vm_pindex_t	pindex;		/* (o) page index in the object */
	vm_paddr_t	phys_addr;	/* (c) physical address */
	struct md_page	md;		/* (v) machine-dependent: pv list */
	volatile u_int	wire_count;	/* (a) wirings; > 0 = not pageable */
	volatile u_int	busy_lock;	/* (a) VPB_* busy state */
	uint16_t	flags;		/* (o) PG_* */
	uint8_t		oflags;		/* (o) VPO_* */
	uint8_t		queue;		/* (q) PQ_* queue the page is on */
	uint8_t		order;		/* (f) free block order, or
					   VM_NFREEORDER */
	uint8_t		segind;		/* (c) vm_phys segment index */
	vm_page_bits_t	valid;		/* (o) blocks holding valid data */
	vm_page_bits_t	dirty;		/* (o) blocks modified since clean */
};

/* flags */
#define PG_FICTITIOUS	0x0001	/* a device page (vm_page_getfake): not in
				   the page array, no allocator's */
#define PG_NODUMP	0x0002	/* leave out of crash dumps (later) */

/* oflags */
#define VPO_UNMANAGED	0x01	/* pmap_enter keeps no pv entry for it */

/*
 * busy_lock: a page being filled or written by a pager, or prepared by
 * vm_fault or vnode_pager_rdwr, is busy: others wait (vm_page_busy_sleep)
 * before using or freeing it.  Exclusive only.  Set and cleared under the
 * object lock, which is also what waiters sleep with, so a wakeup is never
 * lost; the holder may drop the object lock while the page is busy.
 */
#define VPB_UNBUSIED	0u	/* not busy */
#define VPB_XBUSY	1u	/* busy (one holder) */

/* queue: the pagedaemon's queues (vm_pageout, later issue). */
#define PQ_INACTIVE	0
#define PQ_ACTIVE	1
#define PQ_LAUNDRY	2
#define PQ_COUNT	3
#define PQ_NONE		255

/* vm_page_alloc_* req flags */
#define VM_ALLOC_WAITOK	0x0000	/* no memory: panic (until waiting exists) */
#define VM_ALLOC_NOWAIT	0x0001	/* no memory: return NULL */
#define VM_ALLOC_WIRED	0x0002	/* return the page(s) wired once */
#define VM_ALLOC_ZERO	0x0004	/* return the page(s) zero-filled */
#define VM_ALLOC_USER	0x0008	/* for user memory: not the kernel's reserve */

extern vm_page_t vm_page_array;		/* (c) every page record */
extern u_long	vm_page_array_size;	/* (c) entries in vm_page_array */

/* The page record of physical address pa, or NULL if pa is not RAM. */
#define PHYS_TO_VM_PAGE(pa)	vm_phys_paddr_to_vm_page(pa)
#define VM_PAGE_TO_PHYS(m)	((m)->phys_addr)

void	vm_page_startup(void);
vm_page_t vm_page_alloc(vm_object_t object, vm_pindex_t pindex, int req);
vm_page_t vm_page_alloc_noobj(int req);
vm_page_t vm_page_alloc_contig_noobj(int req, u_long npages);
void	vm_page_free(vm_page_t m);
void	vm_page_free_contig(vm_page_t m, u_long npages);
vm_page_t vm_page_getfake(vm_paddr_t paddr);
void	vm_page_putfake(vm_page_t m);
void	vm_page_wire(vm_page_t m);
bool	vm_page_unwire_noq(vm_page_t m);
void	vm_page_unwire(vm_page_t m, uint8_t nqueue);

/* The object side of pages: the object lock is held (vm_object.h). */
int	vm_page_insert(vm_page_t m, vm_object_t object, vm_pindex_t pindex);
void	vm_page_remove(vm_page_t m);
vm_page_t vm_page_lookup(vm_object_t object, vm_pindex_t pindex);
vm_page_t vm_page_find_least(vm_object_t object, vm_pindex_t pindex);
int	vm_page_rename(vm_page_t m, vm_object_t new_object,
	    vm_pindex_t new_pindex);

void	vm_page_xbusy(vm_page_t m);
void	vm_page_xunbusy(vm_page_t m);
void	vm_page_busy_sleep(vm_page_t m, const char *wmesg);
vm_page_t vm_page_grab(vm_object_t object, vm_pindex_t pindex, int req);

/* Is the page busy?  Object locked. */
static inline bool
vm_page_busied(vm_page_t m)
{
	return (m->busy_lock != VPB_UNBUSIED);
}

static inline bool
vm_page_wired(vm_page_t m)
{
	return (m->wire_count > 0);
}

#endif /* !_VM_VM_PAGE_H_ */
