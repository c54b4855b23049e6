/*
 * machine/asmacros.h: definitions shared by the assembly sources.
 */
#ifndef _MACHINE_ASMACROS_H_
#define _MACHINE_ASMACROS_H_

#include <machine/vmparam.h>	/* KERNBASE */

#define ENTRY(name)		\
	.text;			\
	.globl name;		\
	.type name, @function;	\
	.p2align 4;		\
name:

#define END(name)	.size name, . - name

/*
 * clac/stac (SMAP: forbid/allow kernel access to user pages) only where
 * the CPU has SMAP: elsewhere they are invalid opcodes.  They use the
 * local label 9.
 */
#define SMAP_CLAC							\
	testl	$CPUID_STDEXT_SMAP, cpu_stdext_feature(%rip);		\
	jz	9f;							\
	clac;								\
9:
#define SMAP_STAC							\
	testl	$CPUID_STDEXT_SMAP, cpu_stdext_feature(%rip);		\
	jz	9f;							\
	stac;								\
9:

#endif /* !_MACHINE_ASMACROS_H_ */
