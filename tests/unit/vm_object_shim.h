/*
 * vm_object_shim.h: what vm_radix_test.c and vm_object_test.c call in
 * sys/vm/vm_radix.c, vm_object.c, vm_page.c and their shims
 * (vm_radix_shim.c, vm_object_shim.c), in types the host and the kernel
 * share.  The shims include this next to the kernel's own headers, so the
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

/* <vm/vm_object.h> */
#define OBJT_DEFAULT	0
#define OBJT_SWAP	1
#define OBJT_VNODE	2
#define OBJT_DEVICE	3
#define OBJT_PHYS	4
#define OBJT_DEAD	5
#define OBJ_UNMANAGED	0x0002
#define OBJ_DEAD	0x0008
#define OBJ_ANON	0x0010
#define OBJ_ONEMAPPING	0x2000
#define OBJPR_CLEANONLY	0x1
#define OBJPR_NOTMAPPED	0x2

/* <vm/vm_page.h> */
#define VM_ALLOC_WAITOK	0x0000
#define VM_ALLOC_NOWAIT	0x0001
#define VM_ALLOC_WIRED	0x0002
#define VM_ALLOC_ZERO	0x0004

/* sys/vm/vm_radix.c */
int	vm_radix_insert(struct vm_radix *rtree, vm_page_t page);
vm_page_t vm_radix_lookup(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_lookup_ge(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_lookup_le(struct vm_radix *rtree, vm_pindex_t index);
vm_page_t vm_radix_remove(struct vm_radix *rtree, vm_pindex_t index);
bool	vm_radix_check(struct vm_radix *rtree, uint64_t *countp);
void	vm_radix_zinit(void);

/* sys/vm/vm_object.c */
void	vm_object_init(void);
vm_object_t vm_object_allocate(uint8_t type, vm_pindex_t size);
vm_object_t vm_object_allocate_anon(vm_pindex_t size);
void	vm_object_reference(vm_object_t object);
void	vm_object_deallocate(vm_object_t object);
void	vm_object_shadow(vm_object_t *object, vm_ooffset_t *offset,
	    uint64_t length);
void	vm_object_collapse(vm_object_t object);
void	vm_object_page_remove(vm_object_t object, vm_pindex_t start,
	    vm_pindex_t end, int options);
int	vm_object_chain_depth(vm_object_t object);
bool	vm_object_check(vm_object_t object);

/* sys/vm/vm_page.c */
vm_page_t vm_page_alloc(vm_object_t object, vm_pindex_t pindex, int req);
void	vm_page_free(vm_page_t m);
void	vm_page_wire(vm_page_t m);
bool	vm_page_unwire_noq(vm_page_t m);
int	vm_page_insert(vm_page_t m, vm_object_t object, vm_pindex_t pindex);
void	vm_page_remove(vm_page_t m);
vm_page_t vm_page_lookup(vm_object_t object, vm_pindex_t pindex);
vm_page_t vm_page_find_least(vm_object_t object, vm_pindex_t pindex);
int	vm_page_rename(vm_page_t m, vm_object_t new_object,
	    vm_pindex_t new_pindex);

/* sys/kern/kern_sysctl.c */
void	sysctl_register_all(void);
int	kernel_sysctlbyname(const char *name, void *old, size_t *oldlenp,
	    const void *new, size_t newlen);

/* kshim.c: host memory for the shims. */
void	*kshim_calloc(size_t size);
void	kshim_free(void *p);

/*
 * vm_radix_shim.c: UMA zones over host memory (items are kept for reuse,
 * as UMA keeps them, so a zone's init runs once per item), with a count
 * of items in use, a way to make allocations fail and a hook to run
 * inside one (what another thread does while the allocator is preempted);
 * page records for a bare trie.
 */
struct vm_radix *shim_radix_new(void);
vm_page_t shim_page_new(vm_pindex_t pindex);
vm_pindex_t shim_page_pindex(vm_page_t m);
vm_object_t shim_page_object(vm_page_t m);
long	shim_zone_used(const char *name);
void	shim_zone_fail_after(long n);	/* -1: never fail */
void	shim_zone_alloc_hook(const char *name, void (*fn)(void *), void *arg);

/*
 * vm_object_shim.c: the pmap and sleep hooks, a physical memory of
 * SHIM_NPAGES pages (through vm_phys_shim.c), and accessors for the
 * fields the tests check.
 */
#define SHIM_NPAGES	16384

void	shim_vm_setup(void);
unsigned int shim_free_pages(void);
unsigned long shim_remove_all_calls(void);
void	shim_object_lock(vm_object_t object);
void	shim_object_unlock(vm_object_t object);
int	shim_object_ref_count(vm_object_t object);
int	shim_object_shadow_count(vm_object_t object);
int	shim_object_resident(vm_object_t object);
vm_pindex_t shim_object_size(vm_object_t object);
int	shim_object_flags(vm_object_t object);
vm_object_t shim_object_backing(vm_object_t object);
vm_ooffset_t shim_object_backing_offset(vm_object_t object);
bool	shim_object_check(vm_object_t object);
bool	shim_objects_check_all(void);
unsigned int shim_object_count(void);
vm_page_t shim_object_resolve(vm_object_t object, vm_pindex_t pindex);
void	shim_page_set_valid(vm_page_t m, bool valid);
void	shim_page_set_dirty(vm_page_t m, bool dirty);
void	shim_object_corrupt(vm_object_t object, int what, int delta);
uint64_t shim_sysctl_u64(const char *name);

#endif /* !_VM_OBJECT_SHIM_H_ */
