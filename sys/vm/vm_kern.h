/*
 * vm_kern.h: kernel virtual memory (vm/vm_kern.c): the kernel's address
 * arena, wired kernel memory (kmem), bare address space (kva) and
 * kernel thread stacks with guard pages.
 */
#ifndef _VM_VM_KERN_H_
#define _VM_VM_KERN_H_

#include <sys/types.h>
#include <sys/vmem.h>

/*
 * Every kernel virtual address outside the direct map and the kernel
 * image, VM_MIN_KERNEL_ADDRESS .. VM_MAX_KERNEL_ADDRESS, page quantum.
 */
extern vmem_t	*kernel_arena;

void	kmem_init(void);
vm_offset_t kmem_malloc(vm_size_t size, int flags);
void	kmem_free(vm_offset_t addr, vm_size_t size);
vm_offset_t kva_alloc(vm_size_t size);
void	kva_free(vm_offset_t addr, vm_size_t size);
vm_offset_t kstack_alloc(int pages);
void	kstack_free(vm_offset_t ks, int pages);

#endif /* !_VM_VM_KERN_H_ */
