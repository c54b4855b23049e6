/*
 * vm_machdep.c: the machine-dependent half of threads: setting up a new
 * thread's first context, copying a user thread's context for fork, and
 * switching between threads.
 *
 * What a switch carries besides the registers (cpu_switch):
 *   - the kernel stack for traps and system calls from user mode: the
 *     TSS's rsp0 and the per-CPU copy the SYSCALL entry reads;
 *   - the address space: CR3 from pcb_cr3, the kernel's when 0;
 *   - for a thread with PCB_USER: its FPU/SSE registers (saved and
 *     restored eagerly with FXSAVE/FXRSTOR, fpu.c), its FS base
 *     (MSR_FSBASE) and its GS base (MSR_KGSBASE: swapgs swaps it in on
 *     the way out to user mode).
 * A user thread's trap frame sits at the very top of its kernel stack
 * (td_frame): the CPU (TSS rsp0) and fast_syscall build it there.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/sched.h>

#include <machine/cpufunc.h>
#include <machine/fpu.h>
#include <machine/frame.h>
#include <machine/param.h>
#include <machine/pcb.h>
#include <machine/pcpu.h>
#include <machine/pmap.h>
#include <machine/segments.h>
#include <machine/specialreg.h>
#include <machine/vmparam.h>

CTASSERT(__builtin_offsetof(struct pcb, pcb_rsp) == 48);
CTASSERT(__builtin_offsetof(struct pcb, pcb_rip) == 56);
CTASSERT(__builtin_offsetof(struct pcb, pcb_onfault) == PCB_ONFAULT);
CTASSERT(__builtin_offsetof(struct pcb, pcb_flags) == PCB_FLAGS);
CTASSERT(__builtin_offsetof(struct pcb, pcb_save) % 16 == 0);
CTASSERT(__builtin_offsetof(struct thread, td_pcb) % 16 == 0);
CTASSERT(TF_SIZE % 16 == 0);

/* The top of td's kernel stack. */
static vm_offset_t
cpu_kstack_top(struct thread *td)
{
	return (td->td_kstack + td->td_kstack_pages * PAGE_SIZE);
}

/*
 * cpu_thread_user_frame: give td a user trap frame at the top of its
 * kernel stack (a thread that will run user code).
 */
void
cpu_thread_user_frame(struct thread *td)
{
	td->td_frame = (struct trapframe *)cpu_kstack_top(td) - 1;
	memset(td->td_frame, 0, sizeof(*td->td_frame));
}

void	cpu_switch_pcb(struct pcb *old, struct pcb *new);
void	fork_trampoline(void);

/*
 * cpu_thread_setup: make td start at func(arg) (through fork_trampoline
 * and fork_exit) on its own kernel stack the first time it is switched
 * to; a thread with a trap frame (cpu_thread_user_frame) then enters user
 * mode through it.  Clears the pcb.
 */
void
cpu_thread_setup(struct thread *td, void (*func)(void *), void *arg)
{
	struct pcb *pcb = &td->td_pcb;
	vm_offset_t top = cpu_kstack_top(td);

	KASSERT(td->td_kstack != 0, ("cpu_thread_setup: %s has no stack",
	    td->td_name));
	KASSERT(top % 16 == 0, ("cpu_thread_setup: stack misaligned"));
	memset(pcb, 0, sizeof(*pcb));
	pcb->pcb_rsp = td->td_frame != NULL ? (vm_offset_t)td->td_frame : top;
	pcb->pcb_rbp = 0;		/* ends backtraces */
	pcb->pcb_rip = (uint64_t)fork_trampoline;
	pcb->pcb_r12 = (uint64_t)func;
	pcb->pcb_r13 = (uint64_t)arg;
	pcb->pcb_r14 = (uint64_t)td->td_frame;
}

/*
 * cpu_fork: give td2 (set up by cpu_thread_setup, not yet run) a copy of
 * td1's user context, td1 being curthread in a system call: its trap
 * frame with rax = 0 (the child's return value), FS and GS bases, and the
 * live FPU registers.  td2 returns to user mode through iretq.
 */
void
cpu_fork(struct thread *td1, struct thread *td2)
{
	KASSERT(td1 == curthread && td1->td_frame != NULL &&
	    td2->td_frame != NULL, ("cpu_fork: not a user thread"));
	*td2->td_frame = *td1->td_frame;
	td2->td_frame->tf_rax = 0;
	td2->td_pcb.pcb_fsbase = td1->td_pcb.pcb_fsbase;
	td2->td_pcb.pcb_gsbase = td1->td_pcb.pcb_gsbase;
	td2->td_pcb.pcb_flags = PCB_USER | PCB_FULL_IRET;
	/* The FPU holds td1's user state (the kernel never touches it). */
	fpu_save(&td2->td_pcb);
}

/*
 * cpu_set_fsbase: set td's (curthread's) user FS base, the TLS pointer
 * (arch_prctl ARCH_SET_FS).  Returns 0, or EPERM for a base outside user
 * space (as Linux).
 */
int
cpu_set_fsbase(struct thread *td, uint64_t base)
{
	KASSERT(td == curthread, ("cpu_set_fsbase: not curthread"));
	if (base >= VM_MAXUSER_ADDRESS)
		return (EPERM);
	td->td_pcb.pcb_fsbase = base;
	wrmsr(MSR_FSBASE, base);
	return (0);
}

/* cpu_set_gsbase: the same for the GS base (ARCH_SET_GS). */
int
cpu_set_gsbase(struct thread *td, uint64_t base)
{
	KASSERT(td == curthread, ("cpu_set_gsbase: not curthread"));
	if (base >= VM_MAXUSER_ADDRESS)
		return (EPERM);
	td->td_pcb.pcb_gsbase = base;
	wrmsr(MSR_KGSBASE, base);	/* user GS is swapped out in here */
	return (0);
}

/*
 * cpu_switch: run new instead of old, which is curthread.  Returns when
 * old runs again.  Interrupts are off (sched_lock is held).
 */
void
cpu_switch(struct thread *old, struct thread *new)
{
	struct pcb *npcb = &new->td_pcb;
	struct pcpu *pc = get_pcpu();
	vm_offset_t top;

	KASSERT(old == curthread, ("cpu_switch: old is not curthread"));
	KASSERT((read_rflags() & 0x200) == 0, ("cpu_switch: interrupts on"));
	if (old->td_pcb.pcb_flags & PCB_USER)
		fpu_save(&old->td_pcb);
	if (new->td_kstack != 0) {
		top = cpu_kstack_top(new);
		pc->pc_rsp0 = top;
		pc->pc_tss->tss_rsp0 = top;
	}
	if (npcb->pcb_cr3 != 0) {
		if ((rcr3() & PG_FRAME) != npcb->pcb_cr3)
			load_cr3(npcb->pcb_cr3);
	} else
		pmap_activate_cr3(kernel_pmap);
	if (npcb->pcb_flags & PCB_USER) {
		fpu_restore(npcb);
		wrmsr(MSR_FSBASE, npcb->pcb_fsbase);
		wrmsr(MSR_KGSBASE, npcb->pcb_gsbase);
	}
	pc->pc_curpcb = npcb;
	pc->pc_curthread = new;
	cpu_switch_pcb(&old->td_pcb, npcb);
}
