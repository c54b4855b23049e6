/*
 * machine/pcb.h: the machine state a thread keeps outside its stack.
 *
 * cpu_switch() saves the callee-saved registers and the stack pointer
 * here; everything else of the kernel context is on the thread's own
 * stack (the C calling convention already saved the caller-saved
 * registers).  A thread that runs user code also keeps here what the
 * switch must carry for it (sys/amd64/amd64/vm_machdep.c): its FS and GS
 * bases, its address space (CR3) and its FPU/SSE state (FXSAVE image,
 * saved and restored eagerly at every switch).
 *
 * The byte offsets are written next to the fields that assembly uses
 * (swtch.S, support.S); CTASSERTs in vm_machdep.c keep them in step.
 */
#ifndef _MACHINE_PCB_H_
#define _MACHINE_PCB_H_

#define PCB_ONFAULT	96
#define PCB_FLAGS	104

#define PCB_FULL_IRET	0x0001	/* return to user mode through iretq with
				   every register of the trap frame (after
				   exec: SYSRET would clobber rcx, r11) */
#define PCB_USER	0x0002	/* runs user code: FPU state, FS/GS bases
				   are switched with the thread */

#ifndef __ASSEMBLY__
#include <sys/types.h>

/*
 * The 512-byte FXSAVE/FXRSTOR area (Intel SDM vol. 1, 10.5.1): x87
 * control/status/tag words, MXCSR at byte 24, then the x87 and XMM
 * registers.  Must be 16-byte aligned.
 */
struct savefpu {
	uint16_t	sv_fcw;		/*   0: x87 control word */
	uint16_t	sv_fsw;		/*   2: x87 status word */
	uint8_t		sv_ftw;		/*   4: abridged tag word */
	uint8_t		sv_rsvd1;
	uint16_t	sv_fop;
	uint64_t	sv_fip;
	uint64_t	sv_fdp;
	uint32_t	sv_mxcsr;	/*  24 */
	uint32_t	sv_mxcsr_mask;
	uint8_t		sv_regs[480];	/*  32: st0-7, xmm0-15, reserved */
} __aligned(16);

struct pcb {
	uint64_t pcb_rbx;	/*  0 */
	uint64_t pcb_rbp;	/*  8 */
	uint64_t pcb_r12;	/* 16 */
	uint64_t pcb_r13;	/* 24 */
	uint64_t pcb_r14;	/* 32 */
	uint64_t pcb_r15;	/* 40 */
	uint64_t pcb_rsp;	/* 48 */
	uint64_t pcb_rip;	/* 56: where the thread resumes */
	uint64_t pcb_rflags;	/* 64 */
	uint64_t pcb_cr3;	/* 72: its address space (0: the kernel's) */
	uint64_t pcb_fsbase;	/* 80: user FS base (arch_prctl) */
	uint64_t pcb_gsbase;	/* 88: user GS base */
	void	*pcb_onfault;	/* 96: copyin/copyout recovery address */
	u_int	pcb_flags;	/* 104: PCB_* */
	struct savefpu pcb_save; /* 112: user FPU/SSE state */
};
#endif /* !__ASSEMBLY__ */

#endif /* !_MACHINE_PCB_H_ */
