/*
 * vm_direct.c: glue between a process's address space as exec, fork,
 * exit and the memory system calls use it (struct dvmspace, vm_direct.h)
 * and the VM: every function here is a few calls into vm_map and
 * vm_fault.  Memory is anonymous and demand-zero: mapping creates map
 * entries only, and pages come from faults (trap.c → vm_fault).  Fork is
 * vmspace_fork: private memory becomes copy-on-write, shared memory stays
 * shared.  A CLONE_VM child (vfork) shares the whole dvmspace instead:
 * dvmspace_ref, and each process's exit or exec drops its reference
 * (dvmspace_free); the last one frees the vmspace.  XXX: fold into the
 * callers and make p_vmspace a struct vmspace (vm_direct.h).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sched.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_fault.h>
#include <vm/vm_map.h>
#include <vm/vm_page.h>

#include <machine/atomic.h>
#include <machine/pmap.h>
#include <machine/vmparam.h>

static MALLOC_DEFINE(M_DVMSPACE, "dvmspace", "process address spaces");

/*
 * dvmspace_alloc: an empty user address space, [PAGE_SIZE, USRSTACK):
 * page 0 stays unmapped so NULL pointers fault.  Returns NULL when memory
 * is short.
 */
struct dvmspace *
dvmspace_alloc(void)
{
	struct dvmspace *vm;

	vm = malloc(sizeof(*vm), M_DVMSPACE, M_WAITOK | M_ZERO);
	vm->dvm_vmspace = vmspace_alloc(PAGE_SIZE, USRSTACK);
	if (vm->dvm_vmspace == NULL) {
		free(vm, M_DVMSPACE);
		return (NULL);
	}
	vm->dvm_refcnt = 1;
	sx_init(&vm->dvm_brk_lock, "dvm brk");
	vm->dvm_stack_lo = USRSTACK;
	return (vm);
}

/*
 * dvmspace_ref: one more process holding vm (a CLONE_VM child, fork1).
 * Returns vm.
 */
struct dvmspace *
dvmspace_ref(struct dvmspace *vm)
{
	KASSERT(vm->dvm_refcnt > 0, ("%s: %p is free", __func__, vm));
	atomic_add_int(&vm->dvm_refcnt, 1);
	return (vm);
}

/*
 * dvmspace_free: drop a reference (a process's exit or exec); the last
 * one unmaps everything and frees it, and then vm must not be active on
 * the CPU (pmap_release asserts it).  The others leave it to the
 * processes still holding it.
 */
void
dvmspace_free(struct dvmspace *vm)
{
	KASSERT(vm->dvm_refcnt > 0, ("%s: %p is free", __func__, vm));
	if (atomic_fetchadd_int(&vm->dvm_refcnt, (u_int)-1) > 1)
		return;
	vmspace_free(vm->dvm_vmspace);
	sx_destroy(&vm->dvm_brk_lock);
	free(vm, M_DVMSPACE);
}

/*
 * dvmspace_acquire: see vm_direct.h.  XXX: exec and exit swap p_vmspace
 * in a critical section with no lock readers share; on one CPU a
 * critical section here makes reading it and taking the reference one
 * step.  SMP needs p_vmspace under the process lock.
 */
struct vmspace *
dvmspace_acquire(struct proc *p, vm_offset_t *daddrp, vm_offset_t *brkp)
{
	struct vmspace *vm = NULL;

	mtx_assert(&proctree_lock, MA_OWNED);
	*daddrp = *brkp = 0;
	critical_enter();
	if (p->p_vmspace != NULL) {
		vm = p->p_vmspace->dvm_vmspace;
		vmspace_ref(vm);
		*daddrp = p->p_vmspace->dvm_daddr;
		*brkp = p->p_vmspace->dvm_brk;
	}
	critical_exit();
	return (vm);
}

/*
 * dvmspace_copy: the address space of a forked child (vmspace_fork), one
 * reference.  Returns 0 with *dstp set, or ENOMEM.
 */
int
dvmspace_copy(struct dvmspace *src, struct dvmspace **dstp)
{
	struct dvmspace *vm;

	vm = malloc(sizeof(*vm), M_DVMSPACE, M_WAITOK | M_ZERO);
	vm->dvm_vmspace = vmspace_fork(src->dvm_vmspace);
	if (vm->dvm_vmspace == NULL) {
		free(vm, M_DVMSPACE);
		return (ENOMEM);
	}
	vm->dvm_refcnt = 1;
	sx_init(&vm->dvm_brk_lock, "dvm brk");
	sx_slock(&src->dvm_brk_lock);	/* a sibling may be in brk */
	vm->dvm_daddr = src->dvm_daddr;
	vm->dvm_brk = src->dvm_brk;
	sx_sunlock(&src->dvm_brk_lock);
	vm->dvm_stack_lo = src->dvm_stack_lo;
	*dstp = vm;
	return (0);
}

void
dvmspace_activate(struct dvmspace *vm)
{
	pmap_activate_cr3(dvmspace_pmap(vm));
}

/*
 * user_map_find: map len bytes of anonymous memory with prot: at *addrp
 * exactly (fixed; EEXIST if anything is mapped there) or, else, the
 * highest free place below the mmap base, *addrp being a hint taken when
 * free (Linux).  shared: fork shares it instead of copying.  Returns 0
 * with *addrp set, or the errors of vm_map_find (ENOMEM, EEXIST, EINVAL).
 */
int
user_map_find(struct dvmspace *vm, vm_offset_t *addrp, vm_size_t len,
    vm_prot_t prot, bool fixed, bool shared)
{
	return (vm_map_find(dvmspace_map(vm), NULL, 0, addrp, len,
	    fixed ? 0 : DVM_MMAP_BASE, fixed ? VMFS_NO_SPACE : VMFS_ANY_SPACE,
	    prot, VM_PROT_ALL, shared ? MAP_INHERIT_SHARE : 0));
}

/*
 * user_map_anon: make [va, va + len) anonymous memory with at least
 * protection prot.  Pages already mapped there (exec's segments may share
 * a page) keep their contents and gain prot.  Returns 0 or ENOMEM.
 */
int
user_map_anon(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
    vm_prot_t prot)
{
	vm_map_t map = dvmspace_map(vm);
	vm_offset_t end = va + len, next;
	struct vm_map_entry *entry;
	vm_prot_t eprot;
	int error = 0;

	KASSERT((va & PAGE_MASK) == 0 && (len & PAGE_MASK) == 0 && len > 0,
	    ("user_map_anon: bad range %#lx+%#lx", va, len));
	while (va < end && error == 0) {
		vm_map_lock_read(map);
		if (vm_map_lookup_entry(map, va, &entry)) {
			next = MIN(entry->end, end);
			eprot = entry->protection | prot;
			vm_map_unlock_read(map);
			error = vm_map_protect(map, va, next, eprot, false);
		} else {
			next = entry->next == &map->header ? end :
			    MIN(entry->next->start, end);
			vm_map_unlock_read(map);
			error = user_map_find(vm, &va, next - va, prot, true,
			    false);
		}
		va = next;
	}
	return (error == 0 ? 0 : ENOMEM);
}

/* user_unmap: remove [va, va + len); what was not mapped is ignored. */
void
user_unmap(struct dvmspace *vm, vm_offset_t va, vm_size_t len)
{
	(void)vm_map_remove(dvmspace_map(vm), va, va + len);
}

/*
 * user_protect: give [va, va + len) protection prot (mprotect).  Returns
 * 0; ENOMEM at the first hole, the mappings before it changed (Linux);
 * EACCES beyond a mapping's maximum protection.
 */
int
user_protect(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
    vm_prot_t prot)
{
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	vm_offset_t a = va, end = va + len;
	int error;

	/* Linux changes the mappings before the first hole, then fails. */
	vm_map_lock_read(map);
	while (a < end && vm_map_lookup_entry(map, a, &entry))
		a = MIN(entry->end, end);
	vm_map_unlock_read(map);
	if (a > va) {
		error = vm_map_protect(map, va, a, prot, false);
		if (error != 0)
			return (error);
	}
	return (a < end ? ENOMEM : 0);
}

/* user_range_covered: is every page of [va, va + len) mapped? */
bool
user_range_covered(struct dvmspace *vm, vm_offset_t va, vm_size_t len)
{
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	vm_offset_t a = va, end = va + len;
	bool covered = true;

	vm_map_lock_read(map);
	while (a < end) {
		if (!vm_map_lookup_entry(map, a, &entry)) {
			covered = false;
			break;
		}
		a = entry->end;
	}
	vm_map_unlock_read(map);
	return (covered);
}

/* user_range_mapped: does any mapping overlap [va, va + len)? */
bool
user_range_mapped(struct dvmspace *vm, vm_offset_t va, vm_size_t len)
{
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	bool mapped;

	vm_map_lock_read(map);
	mapped = vm_map_lookup_entry(map, va, &entry) ||
	    (entry->next != &map->header && entry->next->start < va + len);
	vm_map_unlock_read(map);
	return (mapped);
}

/*
 * dvm_copy_to: copy len bytes from the kernel's src to user address va of
 * vm, whatever the mapping's protection (exec writes its read-only text
 * this way).  Each page is faulted in for reading, which places a private
 * page in the entry's own object, then written through the direct map.
 * Only for a space no fork has shared (exec's new one): a read fault in a
 * copy-on-write entry would map a page other spaces see.
 * Returns 0, or EFAULT when the range is not mapped.
 */
int
dvm_copy_to(struct dvmspace *vm, vm_offset_t va, const void *src, size_t len)
{
	const uint8_t *s = src;

	while (len > 0) {
		size_t n = MIN(len, PAGE_SIZE - (va & PAGE_MASK));
		vm_paddr_t pa;

		if (vm_fault(dvmspace_map(vm), va, VM_PROT_READ,
		    VM_FAULT_NOPREFAULT) != 0)
			return (EFAULT);
		pa = pmap_extract(dvmspace_pmap(vm), va);
		KASSERT(pa != 0, ("dvm_copy_to: %#lx not mapped after fault",
		    va));
		memcpy((void *)PHYS_TO_DMAP(pa), s, n);
		va += n;
		s += n;
		len -= n;
	}
	return (0);
}

/* user_range_locked: is any page of [va, va + len) mlocked? */
bool
user_range_locked(struct dvmspace *vm, vm_offset_t va, vm_size_t len)
{
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	bool locked = false;

	vm_map_lock_read(map);
	if (!vm_map_lookup_entry(map, va, &entry))
		entry = entry->next;
	for (; entry != &map->header && entry->start < va + len;
	    entry = entry->next)
		if (entry->eflags & MAP_ENTRY_USER_WIRED)
			locked = true;
	vm_map_unlock_read(map);
	return (locked);
}


/*
 * Set and clear entry flags over [start, end), clipping the entries at
 * its ends.  Returns 0 or ENOMEM (clipping past the map-entry limit).
 */
static int
map_range_eflags(vm_map_t map, vm_offset_t start, vm_offset_t end,
    int set, int clear)
{
	struct vm_map_entry *entry;
	int error = 0;

	vm_map_lock(map);
	if (!vm_map_lookup_entry(map, start, &entry))
		entry = entry->next;
	else if ((error = vm_map_clip_start(map, entry, start)) != 0)
		goto out;
	for (; entry != &map->header && entry->start < end;
	    entry = entry->next) {
		if ((error = vm_map_clip_end(map, entry, end)) != 0)
			goto out;
		entry->eflags = (entry->eflags | set) & ~clear;
	}
out:
	vm_map_unlock(map);
	return (error);
}

/*
 * user_set_locked: mark (or unmark) [va, va + len) as mlocked: the
 * entries carry MAP_ENTRY_USER_WIRED.  XXX: the pages are not wired yet
 * (nothing pages out); the flag is what madvise(DONTNEED) and the future
 * pagedaemon look at.  Returns 0 or ENOMEM.
 */
int
user_set_locked(struct dvmspace *vm, vm_offset_t va, vm_size_t len, bool set)
{
	return (map_range_eflags(dvmspace_map(vm), va, va + len,
	    set ? MAP_ENTRY_USER_WIRED : 0, set ? 0 : MAP_ENTRY_USER_WIRED));
}

/*
 * vm_map_set_growsdown: mark the entries of [start, end) as growing down
 * (MAP_GROWSDOWN, the main stack): a fault just below them extends them
 * (vm_fault).  Returns 0 or ENOMEM.
 */
int
vm_map_set_growsdown(vm_map_t map, vm_offset_t start, vm_offset_t end)
{
	return (map_range_eflags(map, start, end, MAP_ENTRY_GROWS_DOWN, 0));
}
