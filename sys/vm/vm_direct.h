/*
 * vm_direct.h: a process's user address space as the system calls and
 * exec see it: a struct vmspace (vm_map.h: the map, the pmap, faults
 * through vm_fault) plus the break and the stack bounds.
 *
 * The functions below were once a temporary direct-pmap implementation;
 * they are now thin glue over vm_map and vm_fault, kept so their callers
 * (exec, fork, exit, mmap, brk, copy tests) did not change in the same
 * step.  XXX: fold them into their callers (vm_mmap.c, kern_exec.c) and
 * make p_vmspace a struct vmspace, as FreeBSD has it.
 */
#ifndef _VM_VM_DIRECT_H_
#define _VM_VM_DIRECT_H_

#include <sys/types.h>

#include <sys/sx.h>

#include <vm/vm.h>
#include <vm/vm_map.h>

#include <machine/pmap.h>

/*
 * One per address space, as Linux's mm: the processes sharing it (a
 * CLONE_VM child, vfork's included, and its parent: kern_fork.c) share
 * the break too.  Each holds one reference (dvmspace_ref); the last
 * dvmspace_free frees it.
 *
 * Lock legend: (a) atomic; (b) dvm_brk_lock, exclusive to change
 * (kern_brk: its threads, or a CLONE_VM sibling, may call brk at once;
 * exec and fork set them before anyone else can see the space), read
 * without it only as a snapshot (procfs); (c) constant after creation;
 * (x) the threads of the processes holding it, or its creator before
 * they run; the map has its own lock.
 */
struct dvmspace {
	struct vmspace	*dvm_vmspace;	/* (c) the map and the pmap */
	volatile u_int	dvm_refcnt;	/* (a) processes holding it */
	struct sx	dvm_brk_lock;	/* the break's changes */
	vm_offset_t	dvm_daddr;	/* (b) start of the heap (brk) */
	vm_offset_t	dvm_brk;	/* (b) current break */
	vm_offset_t	dvm_stack_lo;	/* (x) lowest address of the stack */
};

/* The user stack: its top, and its initial size (it grows down). */
#define USRSTACK		VM_MAXUSER_ADDRESS
#define DVM_STACK_SIZE		(128 * 1024)
/* mmap's top-down area starts this far below the stack (8 MiB limit +
   a gap), as Linux's mmap_base does. */
#define DVM_MMAP_GAP		(16ul * 1024 * 1024)
#define DVM_MMAP_BASE		(USRSTACK - DVM_MMAP_GAP)

struct dvmspace *dvmspace_alloc(void);
struct dvmspace *dvmspace_ref(struct dvmspace *vm);
void	dvmspace_free(struct dvmspace *vm);
int	dvmspace_copy(struct dvmspace *src, struct dvmspace **dstp);
void	dvmspace_activate(struct dvmspace *vm);
struct proc;
/* p's struct vmspace with a reference (vmspace_free it), or NULL when p
   has no user space, and its heap [*daddrp, *brkp); proctree_lock held
   (procfs reads other processes' maps). */
struct vmspace *dvmspace_acquire(struct proc *p, vm_offset_t *daddrp,
	    vm_offset_t *brkp);

static inline pmap_t
dvmspace_pmap(struct dvmspace *vm)
{
	return (&vm->dvm_vmspace->vm_pmap);
}

static inline vm_map_t
dvmspace_map(struct dvmspace *vm)
{
	return (&vm->dvm_vmspace->vm_map);
}

int	user_map_anon(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
	    vm_prot_t prot);
int	user_map_find(struct dvmspace *vm, vm_offset_t *addrp, vm_size_t len,
	    vm_prot_t prot, bool fixed, bool shared);
void	user_unmap(struct dvmspace *vm, vm_offset_t va, vm_size_t len);
int	user_protect(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
	    vm_prot_t prot);
bool	user_range_mapped(struct dvmspace *vm, vm_offset_t va,
	    vm_size_t len);
bool	user_range_covered(struct dvmspace *vm, vm_offset_t va,
	    vm_size_t len);
int	vm_map_set_growsdown(vm_map_t map, vm_offset_t start,
	    vm_offset_t end);
int	user_set_locked(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
	    bool set);
bool	user_range_locked(struct dvmspace *vm, vm_offset_t va,
	    vm_size_t len);
int	dvm_copy_to(struct dvmspace *vm, vm_offset_t va, const void *src,
	    size_t len);

#endif /* !_VM_VM_DIRECT_H_ */
