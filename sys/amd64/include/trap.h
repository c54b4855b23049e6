/*
 * machine/trap.h: exception vector numbers (Intel SDM vol. 3, 6.3.1), as
 * they appear in tf_trapno.
 */
#ifndef _MACHINE_TRAP_H_
#define _MACHINE_TRAP_H_

#define T_DIVIDE	0	/* #DE divide error */
#define T_TRCTRAP	1	/* #DB debug */
#define T_NMI		2
#define T_BPTFLT	3	/* #BP int3 */
#define T_OFLOW		4	/* #OF into */
#define T_BOUND		5	/* #BR */
#define T_PRIVINFLT	6	/* #UD invalid opcode */
#define T_DNA		7	/* #NM device not available */
#define T_DOUBLEFLT	8	/* #DF */
#define T_TSSFLT	10	/* #TS */
#define T_SEGNPFLT	11	/* #NP */
#define T_STKFLT	12	/* #SS */
#define T_PROTFLT	13	/* #GP general protection */
#define T_PAGEFLT	14	/* #PF */
#define T_ARITHTRAP	16	/* #MF x87 error */
#define T_ALIGNFLT	17	/* #AC */
#define T_MCHK		18	/* #MC */
#define T_XMMFLT	19	/* #XM SIMD error */
#define NEXCEPTIONS	32

/* Not a vector: the trap number of a frame built by the SYSCALL entry. */
#define T_SYSCALL	0x100

#endif /* !_MACHINE_TRAP_H_ */
