/*
 * machine/asmacros.h: definitions shared by the assembly sources.
 */
#ifndef _MACHINE_ASMACROS_H_
#define _MACHINE_ASMACROS_H_

#define KERNBASE	0xffffffff80000000

#define ENTRY(name)		\
	.text;			\
	.globl name;		\
	.type name, @function;	\
	.p2align 4;		\
name:

#define END(name)	.size name, . - name

#endif /* !_MACHINE_ASMACROS_H_ */
