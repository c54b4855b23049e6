/*
 * vm_phys_shim.h: what vm_phys_test.c calls in vm_phys_shim.c and
 * sys/vm/vm_phys.c, in types the host and the kernel share.
 */
#ifndef _VM_PHYS_SHIM_H_
#define _VM_PHYS_SHIM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHIM_MAXPAGES	32768
#define SHIM_NOPAGE	(~(uint64_t)0)
#define SHIM_NFREEORDER	13	/* VM_NFREEORDER */

/* vm_phys_shim.c */
int	shim_setup(const uint64_t *segs, int nsegs, const uint64_t *avail,
	    int navail);
uint64_t shim_alloc(int order);
void	shim_free(uint64_t pa, int order);
void	shim_free_contig(uint64_t pa, unsigned long npages);
unsigned int shim_free_count(void);
int	shim_page_order(uint64_t pa);
void	shim_set_order(uint64_t pa, int order);

/* sys/vm/vm_phys.c */
bool	vm_phys_check(void);
void	vm_phys_free_counts(unsigned int counts[SHIM_NFREEORDER]);
int	vm_phys_avail_remove(uint64_t *avail, size_t nentries, uint64_t start,
	    uint64_t end);
int	vm_phys_avail_largest(const uint64_t *avail);

#endif /* !_VM_PHYS_SHIM_H_ */
