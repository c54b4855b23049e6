/*
 * machine/specialreg.h: control-register bits and model-specific registers.
 */
#ifndef _MACHINE_SPECIALREG_H_
#define _MACHINE_SPECIALREG_H_

#define CR0_PE		0x00000001	/* protected mode */
#define CR0_MP		0x00000002
#define CR0_EM		0x00000004
#define CR0_TS		0x00000008
#define CR0_NE		0x00000020
#define CR0_WP		0x00010000	/* supervisor writes honour R/O pages */
#define CR0_PG		0x80000000	/* paging */

#define CR4_PAE		0x00000020
#define CR4_PGE		0x00000080
#define CR4_OSFXSR	0x00000200
#define CR4_OSXMMEXCPT	0x00000400
#define CR4_SMEP	0x00100000
#define CR4_SMAP	0x00200000

#define MSR_EFER	0xc0000080
#define EFER_SCE	0x00000001	/* SYSCALL/SYSRET */
#define EFER_LME	0x00000100	/* long mode enable */
#define EFER_NXE	0x00000800	/* no-execute pages */
#define MSR_STAR	0xc0000081	/* SYSCALL/SYSRET selectors */
#define MSR_LSTAR	0xc0000082	/* SYSCALL entry, 64-bit mode */
#define MSR_CSTAR	0xc0000083	/* SYSCALL entry, compatibility mode */
#define MSR_SF_MASK	0xc0000084	/* rflags bits SYSCALL clears */
#define MSR_FSBASE	0xc0000100
#define MSR_GSBASE	0xc0000101
#define MSR_KGSBASE	0xc0000102

/* rflags */
#define PSL_C		0x00000001	/* carry */
#define PSL_T		0x00000100	/* trap (single step) */
#define PSL_I		0x00000200	/* interrupts enabled */
#define PSL_D		0x00000400	/* string direction */
#define PSL_IOPL	0x00003000	/* I/O privilege level */
#define PSL_NT		0x00004000	/* nested task */
#define PSL_AC		0x00040000	/* alignment check; SMAP override */
#define PSL_USER	(PSL_I | 0x2)	/* initial user rflags (bit 1 is 1) */

/* CPUID leaf 1 ECX, EDX */
#define CPUID2_RDRAND	0x40000000
#define CPUID_FXSR	0x01000000
#define CPUID_SSE	0x02000000
#define CPUID_SSE2	0x04000000

/* CPUID leaf 0x80000001 EDX */
#define AMDID_NX	0x00100000
#define AMDID_PAGE1GB	0x04000000
#define AMDID_LM	0x20000000
/* CPUID leaf 7 EBX */
#define CPUID_STDEXT_SMEP	0x00000080
#define CPUID_STDEXT_SMAP	0x00100000

#endif /* !_MACHINE_SPECIALREG_H_ */
