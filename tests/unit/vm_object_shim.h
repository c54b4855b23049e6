/*
 * vm_object_shim.h: what vm_radix_test.c calls in sys/vm/vm_radix.c and
 * its shim (vm_radix_shim.c), in types the host and the kernel share.
 * The shims include this next to the kernel's own headers, so the
 * compiler checks that the two agree.
 */
#ifndef _VM_OBJECT_SHIM_H_
#define _VM_OBJECT_SHIM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vm_object *vm_object_t;
typedef struct vm_page	*vm_page_t;
typedef uint64_t	vm_pindex_t;
typedef uint64_t	vm_ooffset_t;
struct vm_radix;

/* sys/vm/vm_radix.c */
int	vm_radix_insert(struct vm_radix *rtree, vm_page_t page);
vm_page_t vm_radix_lookup(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_lookup_ge(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_lookup_le(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_remove(struct vm_radix *rtree, vm_pindex_t index);
bool	vm_radix_check(struct vm_radix *rtree, uint64_t *countp);
void	vm_radix_zinit(void);

/* kshim.c: host memory for the shims. */
void	*kshim_calloc(size_t size);
void	kshim_free(void *p);

/*
 * vm_radix_shim.c: UMA zones over host memory (items are kept for reuse,
 * as UMA keeps them, so a zone's init runs once per item), with a count
 * of items in use and a way to make allocations fail; page records for a
 * bare trie.
 */
struct vm_radix *shim_radix_new(void);
vm_page_t shim_page_new(vm_pindex_t pindex);
vm_pindex_t shim_page_pindex(vm_page_t m);
vm_object_t shim_page_object(vm_page_t m);
long	shim_zone_used(const char *name);
void	shim_zone_fail_after(long n);	/* -1: never fail */

#endif /* !_VM_OBJECT_SHIM_H_ */
