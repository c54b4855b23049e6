/*
 * vm_phys.h: physical memory segments and the buddy allocator of free
 * pages (vm_phys.c).
 */
#ifndef _VM_VM_PHYS_H_
#define _VM_VM_PHYS_H_

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/queue.h>

#include <vm/vm.h>

/*
 * Free blocks have orders 0 .. VM_NFREEORDER - 1: a block of order o is
 * 2^o pages, aligned to its size in physical memory.  The top order is
 * 4096 pages (16 MiB), enough for 2 MiB superpages later.
 */
#define VM_NFREEORDER	13
#define VM_PHYSSEG_MAX	32	/* RAM ranges the allocator can manage */

/*
 * A segment: one range of RAM with its slice of vm_page_array.  Buddies
 * never coalesce across segments.
 */
struct vm_phys_seg {
	vm_paddr_t	start;		/* (c) first byte, page-aligned */
	vm_paddr_t	end;		/* (c) end, exclusive, page-aligned */
	vm_page_t	first_page;	/* (c) the record of start */
};

/* Lock legend: (f) vm_phys_free_mtx. */
struct vm_freelist {
	TAILQ_HEAD(, vm_page) pl;	/* (f) first pages of free blocks */
	u_int		lcnt;		/* (f) blocks on pl */
};

/*
 * Physical memory as machine-dependent code hands it over before
 * SI_SUB_VM: lists of [start, end) pairs ended by a 0/0 pair, sorted,
 * page-aligned.  dump_avail is all the RAM the kernel manages (one
 * vm_phys segment per range); phys_avail is the part of it that is free
 * (the kernel image, boot page tables, boot information and modules
 * removed).  vm_page_startup takes vm_page_array out of phys_avail.
 */
#define PHYS_AVAIL_ENTRIES	(2 * VM_PHYSSEG_MAX + 2 * 32)
extern vm_paddr_t phys_avail[PHYS_AVAIL_ENTRIES];
extern vm_paddr_t dump_avail[2 * VM_PHYSSEG_MAX + 2];
extern u_long	physmem;	/* pages of RAM in the memory map */

extern struct vm_phys_seg vm_phys_segs[VM_PHYSSEG_MAX];
extern int	vm_phys_nsegs;
extern struct mtx vm_phys_free_mtx;

int	vm_phys_avail_remove(vm_paddr_t *avail, size_t nentries,
	    vm_paddr_t start, vm_paddr_t end);
int	vm_phys_avail_largest(const vm_paddr_t *avail);
void	vm_phys_init(void);
int	vm_phys_add_seg(vm_paddr_t start, vm_paddr_t end);
u_long	vm_phys_npages(void);
void	vm_phys_init_pages(vm_page_t array);
vm_page_t vm_phys_paddr_to_vm_page(vm_paddr_t pa);
vm_page_t vm_phys_alloc_pages(int order);
void	vm_phys_free_pages(vm_page_t m, int order);
void	vm_phys_free_contig(vm_page_t m, u_long npages);
void	vm_phys_free_counts(u_int counts[VM_NFREEORDER]);
bool	vm_phys_check(void);

#endif /* !_VM_VM_PHYS_H_ */
