/*
 * vm_radix.h: the index of an object's resident pages, a path-compressed
 * radix trie keyed by page index (vm_radix.c).
 *
 * The trie stores vm_page pointers and reads each page's pindex as its
 * key, so a page is in at most one trie and its pindex must not change
 * while it is there.  The caller serializes every operation on a trie:
 * for an object's pages, that is the object lock (vm_object.h).
 */
#ifndef _VM_VM_RADIX_H_
#define _VM_VM_RADIX_H_

#include <sys/types.h>

#include <vm/vm.h>

struct vm_radix {
	uintptr_t	rt_root;	/* a node, a tagged page or 0 */
};

void	vm_radix_zinit(void);
int	vm_radix_insert(struct vm_radix *rtree, vm_page_t page);
vm_page_t vm_radix_lookup(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_lookup_ge(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_lookup_le(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_remove(struct vm_radix *rtree, vm_pindex_t index);
bool	vm_radix_check(struct vm_radix *rtree, u_long *countp);

static inline void
vm_radix_init(struct vm_radix *rtree)
{
	rtree->rt_root = 0;
}

static inline bool
vm_radix_is_empty(struct vm_radix *rtree)
{
	return (rtree->rt_root == 0);
}

#endif /* !_VM_VM_RADIX_H_ */
