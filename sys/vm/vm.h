/*
 * vm.h: the core VM handles and protection bits, shared by every part of
 * the kernel that talks about memory.  The pointer typedefs exist for the
 * core VM objects only (../shared/style.md); everything else is spelled
 * "struct foo *".
 */
#ifndef _VM_VM_H_
#define _VM_VM_H_

#include <sys/types.h>

typedef struct vm_page	*vm_page_t;
typedef struct vm_object *vm_object_t;
typedef struct vm_map	*vm_map_t;

typedef uint64_t	vm_pindex_t;	/* page index within an object */
typedef uint64_t	vm_ooffset_t;	/* byte offset within an object */

/* Protection: a bit mask, as in mmap's PROT_* (same values). */
typedef uint8_t		vm_prot_t;
#define VM_PROT_NONE	((vm_prot_t)0x00)
#define VM_PROT_READ	((vm_prot_t)0x01)
#define VM_PROT_WRITE	((vm_prot_t)0x02)
#define VM_PROT_EXECUTE	((vm_prot_t)0x04)
#define VM_PROT_ALL	(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE)
#define VM_PROT_RW	(VM_PROT_READ | VM_PROT_WRITE)

#endif /* !_VM_VM_H_ */
