/*
 * vm_mmap.c: the memory system calls in Umbra's own terms (sys/sys/mman.h
 * flags): mmap of anonymous memory, munmap, mprotect, brk.
 *
 * They work on the process's vm_map (through vm_direct.c): mmap adds an
 * entry of demand-zero anonymous memory, placed top-down below the mmap
 * base unless MAP_FIXED, a free hint address honoured as on Linux;
 * MAP_SHARED memory stays shared across fork, MAP_PRIVATE becomes
 * copy-on-write; munmap and brk remove entries (their pages are freed);
 * mprotect changes entries.  The argument checks and errors are Linux's.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/mman.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>

#include <machine/vmparam.h>

#define PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC)

/*
 * kern_mmap: map len bytes of anonymous memory with prot at addr
 * (MAP_FIXED) or where there is room.  Returns 0 with the address in
 * *resp; EINVAL (bad flags, length or alignment), ENODEV/EBADF (a file:
 * none can be mapped yet), EEXIST (MAP_FIXED|MAP_EXCL over a mapping) or
 * ENOMEM.
 */
int
kern_mmap(struct thread *td, vm_offset_t addr, vm_size_t len, int prot,
    int flags, int fd, off_t pos, vm_offset_t *resp)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_size_t size;
	int error;

	if (len == 0 || (prot & ~PROT_ALL) != 0)
		return (EINVAL);
	if (((flags & MAP_SHARED) != 0) == ((flags & MAP_PRIVATE) != 0))
		return (EINVAL);
	if ((flags & MAP_ANON) == 0)
		return (fd >= 0 && fd <= 2 ? ENODEV : EBADF);
	if ((pos & PAGE_MASK) != 0)
		return (EINVAL);
	size = round_page(len);
	if (size < len || size > VM_MAXUSER_ADDRESS)
		return (ENOMEM);
	if (flags & MAP_FIXED) {
		if ((addr & PAGE_MASK) != 0)
			return (EINVAL);
		if (addr < PAGE_SIZE || addr > VM_MAXUSER_ADDRESS - size)
			return (ENOMEM);
		if ((flags & MAP_EXCL) && user_range_mapped(vm, addr, size))
			return (EEXIST);
		user_unmap(vm, addr, size);
	} else {
		addr = trunc_page(addr);	/* a hint */
	}
	error = user_map_find(vm, &addr, size, (vm_prot_t)prot,
	    (flags & MAP_FIXED) != 0, (flags & MAP_SHARED) != 0);
	if (error != 0)
		return (error == EEXIST ? EEXIST : ENOMEM);
	*resp = addr;
	return (0);
}

/* kern_munmap: remove [addr, addr + len).  0 or EINVAL. */
int
kern_munmap(struct thread *td, vm_offset_t addr, vm_size_t len)
{
	vm_size_t size = round_page(len);

	if ((addr & PAGE_MASK) != 0 || len == 0 || size < len ||
	    addr > VM_MAXUSER_ADDRESS || size > VM_MAXUSER_ADDRESS - addr)
		return (EINVAL);
	user_unmap(td->td_proc->p_vmspace, addr, size);
	return (0);
}

/*
 * kern_mprotect: give [addr, addr + len) protection prot.  0, EINVAL,
 * ENOMEM (part of the range is not mapped) or EACCES.
 */
int
kern_mprotect(struct thread *td, vm_offset_t addr, vm_size_t len, int prot)
{
	vm_size_t size = round_page(len);

	if ((addr & PAGE_MASK) != 0 || (prot & ~PROT_ALL) != 0 || size < len)
		return (EINVAL);
	if (addr > VM_MAXUSER_ADDRESS || size > VM_MAXUSER_ADDRESS - addr)
		return (ENOMEM);
	if (size == 0)
		return (0);
	return (user_protect(td->td_proc->p_vmspace, addr, size,
	    (vm_prot_t)prot));
}

/*
 * kern_brk: move the break (the end of the heap above the image) to
 * newbrk; 0 leaves it.  New memory is zero-filled; memory below a lower
 * break is freed.  Returns 0 or ENOMEM (the break stays), and the break
 * in *resp either way.
 */
int
kern_brk(struct thread *td, vm_offset_t newbrk, vm_offset_t *resp)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_offset_t old = round_page(vm->dvm_brk), new;
	uint64_t max = td->td_proc->p_limit[RLIMIT_DATA].rlim_cur;
	int error = 0;

	*resp = vm->dvm_brk;
	if (newbrk == 0 || newbrk < vm->dvm_daddr)
		return (0);
	new = round_page(newbrk);
	if (new < newbrk || new > DVM_MMAP_BASE || new - vm->dvm_daddr > max)
		return (ENOMEM);
	if (new > old) {
		/* Fails where a mapping is in the way, as on Linux. */
		if (user_map_find(vm, &old, new - old, VM_PROT_READ |
		    VM_PROT_WRITE, true, false) != 0)
			error = ENOMEM;
	} else if (new < old)
		user_unmap(vm, new, old - new);
	if (error != 0)
		return (error);
	vm->dvm_brk = newbrk;
	*resp = newbrk;
	return (0);
}
