/*
 * vm_machdep.c: the machine-dependent half of threads: setting up a new
 * thread's first context and switching between threads.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/sched.h>

#include <machine/cpufunc.h>
#include <machine/param.h>
#include <machine/pcb.h>
#include <machine/pcpu.h>

CTASSERT(__builtin_offsetof(struct pcb, pcb_rsp) == 48);
CTASSERT(__builtin_offsetof(struct pcb, pcb_rip) == 56);

void	cpu_switch_pcb(struct pcb *old, struct pcb *new);
void	fork_trampoline(void);

/*
 * cpu_thread_setup: make td start at func(arg) (through fork_trampoline
 * and fork_exit) on its own kernel stack the first time it is switched to.
 */
void
cpu_thread_setup(struct thread *td, void (*func)(void *), void *arg)
{
	struct pcb *pcb = &td->td_pcb;
	vm_offset_t top = td->td_kstack + td->td_kstack_pages * PAGE_SIZE;

	KASSERT(td->td_kstack != 0, ("cpu_thread_setup: %s has no stack",
	    td->td_name));
	KASSERT(top % 16 == 0, ("cpu_thread_setup: stack misaligned"));
	memset(pcb, 0, sizeof(*pcb));
	pcb->pcb_rsp = top;
	pcb->pcb_rbp = 0;		/* ends backtraces */
	pcb->pcb_rip = (uint64_t)fork_trampoline;
	pcb->pcb_r12 = (uint64_t)func;
	pcb->pcb_r13 = (uint64_t)arg;
}

/*
 * cpu_switch: run new instead of old, which is curthread.  Returns when
 * old runs again.  Interrupts are off (sched_lock is held).
 */
void
cpu_switch(struct thread *old, struct thread *new)
{
	KASSERT(old == curthread, ("cpu_switch: old is not curthread"));
	KASSERT((read_rflags() & 0x200) == 0, ("cpu_switch: interrupts on"));
	PCPU_SET(curthread, new);
	cpu_switch_pcb(&old->td_pcb, &new->td_pcb);
}
