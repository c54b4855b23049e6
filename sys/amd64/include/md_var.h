/*
 * machine/md_var.h: machine-dependent variables and functions shared
 * between the files of sys/amd64.
 */
#ifndef _MACHINE_MD_VAR_H_
#define _MACHINE_MD_VAR_H_

#include <sys/types.h>

struct trapframe;

extern char	_end[];			/* end of the kernel image (linker) */
extern vm_offset_t dmap_max_address;	/* end of the direct map in use */
extern vm_paddr_t physfree;		/* end of the kernel image and the
					   boot-time page tables */
extern uint32_t	cpu_feature;		/* CPUID 1 EDX */
extern uint32_t	cpu_feature2;		/* CPUID 1 ECX */
extern uint32_t	cpu_feature_ext;	/* CPUID 0x80000001 EDX */
extern uint32_t	cpu_stdext_feature;	/* CPUID 7 EBX */
extern char	trap_stubs[];		/* exception.S: 16 bytes a vector */

void	hammer_time(uint32_t magic, vm_paddr_t mbi_pa);
void	trap(struct trapframe *frame);
void	load_gdt_and_segments(void *gdt_desc, int ksel, int dsel);
void	amd64_syscall(struct trapframe *frame);
bool	cpu_expect_fault(void (*fn)(void *), void *arg,
	    uint64_t *trapnop, uint64_t *addrp, uint64_t *errp);

#endif /* !_MACHINE_MD_VAR_H_ */
