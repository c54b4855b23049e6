/*
 * vm_direct.h: TEMPORARY user address spaces mapped directly with the
 * pmap, until vm_map, vm_object and vm_fault carry user memory
 * (share/doc/user-mode.md, "Temporary direct-pmap code").
 *
 * A struct dvmspace is what struct vmspace (vm_map.h) will be for a
 * process: its pmap plus the memory it owns.  Here that memory is a list
 * of anonymous pages, allocated zero-filled and entered into the pmap at
 * once (no faults: a user access outside them is fatal).  Everything
 * outside sys/vm/vm_direct.c and sys/vm/vm_mmap.c reaches it only
 * through p_vmspace, dvmspace_pmap() and the functions below, so moving
 * onto vm_map is: struct dvmspace -> struct vmspace, dvmspace_alloc/
 * free/copy -> vmspace_alloc/free/fork, user_map_anon -> vm_map_find of
 * an anonymous object, user_unmap -> vm_map_remove, user_protect ->
 * vm_map_protect, dvm_copy_to -> mapping the file's pages.
 */
#ifndef _VM_VM_DIRECT_H_
#define _VM_VM_DIRECT_H_

#include <sys/types.h>
#include <sys/queue.h>

#include <vm/vm.h>

#include <machine/pmap.h>

/*
 * Lock legend: (x) the owning process's thread (single-threaded
 * processes only: nothing else touches a process's address space), or
 * its creator before the process runs; the pmap has its own lock.
 */
struct dvmspace {
	struct pmap	dvm_pmap;	/* the page tables */
	TAILQ_HEAD(dvm_pglist, vm_page) dvm_pages; /* (x) every page it owns,
					   by plinks (free while the page is
					   allocated and on no queue);
					   m->pindex = atop(va) */
	u_long		dvm_npages;	/* (x) pages on dvm_pages */
	vm_offset_t	dvm_daddr;	/* (x) start of the heap (brk) */
	vm_offset_t	dvm_brk;	/* (x) current break */
	vm_offset_t	dvm_mmap_next;	/* (x) mmap places new mappings
					   just below this (top down) */
	vm_offset_t	dvm_stack_lo;	/* (x) lowest address of the stack */
};

/* The user stack: its top, and how much of it exists (no growth yet). */
#define USRSTACK		VM_MAXUSER_ADDRESS
#define DVM_STACK_SIZE		(1024 * 1024)
/* mmap's top-down area starts this far below the stack (8 MiB limit +
   a gap), as Linux's mmap_base does. */
#define DVM_MMAP_GAP		(16ul * 1024 * 1024)
#define DVM_MMAP_MIN		0x0000000100000000ul /* it stops above 4 GiB */

struct dvmspace *dvmspace_alloc(void);
void	dvmspace_free(struct dvmspace *vm);
int	dvmspace_copy(struct dvmspace *src, struct dvmspace **dstp);
void	dvmspace_activate(struct dvmspace *vm);

static inline pmap_t
dvmspace_pmap(struct dvmspace *vm)
{
	return (&vm->dvm_pmap);
}

int	user_map_anon(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
	    vm_prot_t prot);
void	user_unmap(struct dvmspace *vm, vm_offset_t va, vm_size_t len);
int	user_protect(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
	    vm_prot_t prot);
bool	user_range_mapped(struct dvmspace *vm, vm_offset_t va,
	    vm_size_t len);
int	dvm_copy_to(struct dvmspace *vm, vm_offset_t va, const void *src,
	    size_t len);

#endif /* !_VM_VM_DIRECT_H_ */
