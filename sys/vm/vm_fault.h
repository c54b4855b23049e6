/*
 * vm_fault.h: resolving page faults in an address map.
 */
#ifndef _VM_VM_FAULT_H_
#define _VM_VM_FAULT_H_

#include <sys/types.h>

#include <vm/vm.h>

/* fault_flags */
#define VM_FAULT_NORMAL		0x00
#define VM_FAULT_NOPREFAULT	0x01	/* do not map resident neighbours */

/* The free space kept below a stack that grows (Linux's stack_guard_gap). */
#define VM_STACK_GUARD_GAP	(256ul * 4096)
/* The most a grows-down region may grow to (RLIMIT_STACK's default). */
#define VM_STACK_MAX		(8ul * 1024 * 1024)

/* How many neighbours fault-around maps behind and ahead (FreeBSD's). */
#define VM_FAULT_PFBAK		4
#define VM_FAULT_PFFOR		4

/* Read-ahead of a file page fault, in pages after the faulting one. */
#define VM_FAULT_READAHEAD	7

int	vm_fault(vm_map_t map, vm_offset_t vaddr, vm_prot_t fault_type,
	    int fault_flags);
int	vm_fault_prefault_range(vm_map_t map, vm_offset_t start,
	    vm_offset_t end, vm_prot_t fault_type);

#endif /* !_VM_VM_FAULT_H_ */
