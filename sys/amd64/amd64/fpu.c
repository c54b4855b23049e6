/*
 * fpu.c: the x87/SSE state of user threads.
 *
 * The kernel itself never uses the FPU or SSE (it is compiled with
 * -mno-sse -msoft-float), so the FPU registers always hold user state:
 * that of the last user thread that ran.  The state is switched eagerly:
 * cpu_switch() saves the outgoing user thread's registers into its
 * pcb_save with FXSAVE and loads the incoming user thread's with FXRSTOR
 * (kernel threads are skipped both ways).  Eager switching costs two
 * 512-byte copies per switch between user threads and needs no #NM
 * handling; lazy switching (CR0.TS) can come later if it ever matters.
 *
 * CR4.OSFXSR and CR4.OSXMMEXCPT are set so SSE works and SIMD exceptions
 * arrive as #XM; CR4.OSXSAVE stays clear, so CPUID reports no OSXSAVE and
 * glibc keeps to its SSE2 code paths (no AVX state to switch).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/signal.h>

#include <machine/cpufunc.h>
#include <machine/fpu.h>
#include <machine/md_var.h>
#include <machine/pcb.h>
#include <machine/specialreg.h>
#include <machine/trap.h>

CTASSERT(sizeof(struct savefpu) == 512);
CTASSERT(__builtin_offsetof(struct savefpu, sv_mxcsr) == 24);

/*
 * fpuinit: enable FXSAVE/FXRSTOR and SSE for user code: CR0.MP and NE on,
 * EM and TS off (no emulation, no lazy-switch traps), CR4.OSFXSR and
 * OSXMMEXCPT on.  Panics if the CPU lacks FXSR or SSE2, which every
 * x86-64 CPU has.
 */
void
fpuinit(void)
{
	uint32_t regs[4];

	do_cpuid(1, regs);
	if ((regs[3] & (CPUID_FXSR | CPUID_SSE | CPUID_SSE2)) !=
	    (CPUID_FXSR | CPUID_SSE | CPUID_SSE2))
		panic("fpuinit: CPU without FXSR/SSE2 (cpuid 1 edx %#x)",
		    regs[3]);
	load_cr0((rcr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
	load_cr4(rcr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit");
}

/* fpu_save: store the FPU registers into pcb's save area. */
void
fpu_save(struct pcb *pcb)
{
	__asm__ volatile("fxsave64 %0" : "=m"(pcb->pcb_save));
}

/* fpu_restore: load the FPU registers from pcb's save area. */
void
fpu_restore(const struct pcb *pcb)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(pcb->pcb_save));
}

/*
 * fpu_init_user: give pcb the FPU state a new program starts with (x87
 * control word 0x37f, MXCSR 0x1f80, every register zero).  Does not load
 * it: the caller does that when pcb is the running thread's.
 */
void
fpu_init_user(struct pcb *pcb)
{
	memset(&pcb->pcb_save, 0, sizeof(pcb->pcb_save));
	pcb->pcb_save.sv_fcw = __INITIAL_FPUCW__;
	pcb->pcb_save.sv_mxcsr = __INITIAL_MXCSR__;
	pcb->pcb_save.sv_mxcsr_mask = 0xffff;
}

/*
 * fpu_trap_code: the si_code of a SIGFPE from #MF (x87) or #XM (SSE) on
 * curthread: the exceptions flagged and not masked, in Linux's order of
 * preference (invalid, divide by zero, overflow, underflow or denormal,
 * inexact).  Reads the live registers through the pcb.
 */
int
fpu_trap_code(uint64_t trapno)
{
	struct pcb *pcb = &curthread->td_pcb;
	u_int status;

	critical_enter();
	fpu_save(pcb);
	critical_exit();
	if (trapno == T_XMMFLT)
		status = (pcb->pcb_save.sv_mxcsr & 0x3f) &
		    ~(pcb->pcb_save.sv_mxcsr >> 7);
	else
		status = pcb->pcb_save.sv_fsw & ~pcb->pcb_save.sv_fcw;
	if (status & 0x01)
		return (FPE_FLTINV);
	if (status & 0x04)
		return (FPE_FLTDIV);
	if (status & 0x08)
		return (FPE_FLTOVF);
	if (status & 0x12)
		return (FPE_FLTUND);
	if (status & 0x20)
		return (FPE_FLTRES);
	return (0);
}
