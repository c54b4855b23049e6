/*
 * trap.c: what happens after exception.S has built a trap frame, and the
 * C side of system calls (amd64_syscall).
 *
 * Cases:
 *   - an interrupt (vector 32 and up) goes to intr_execute_handlers()
 *     (intr_machdep.c), then to the scheduler's ast_check_preempt();
 *   - an exception in user mode: a page fault goes to trap_pfault(),
 *     where vm_fault will resolve it; whatever is not resolved becomes a
 *     signal for the thread (trap_ksiginfo, trapsignal), which
 *     userret delivers;
 *   - a page or protection fault in the kernel while the running thread
 *     has pcb_onfault set (copyin and friends, support.S): the access
 *     resumes at pcb_onfault, which returns EFAULT;
 *   - an expected fault: code that set the per-CPU onfault jump buffer
 *     (cpu_expect_fault) gets control back with the vector, error code
 *     and fault address recorded;
 *   - any other exception in kernel mode is fatal: the report names the
 *     vector, error code, CR2, every register and the backtrace of the
 *     interrupted code, then the kernel panics (panic_halt).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sysent.h>
#include <sys/errno.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_fault.h>

#include <machine/cpufunc.h>
#include <machine/db_machdep.h>
#include <machine/fpu.h>
#include <machine/frame.h>
#include <machine/intr_machdep.h>
#include <machine/md_var.h>
#include <machine/pcpu.h>
#include <machine/pte.h>
#include <machine/segments.h>
#include <machine/setjmp.h>
#include <machine/specialreg.h>
#include <machine/trap.h>
#include <machine/vmparam.h>

CTASSERT(sizeof(struct trapframe) == TF_SIZE);
CTASSERT(__builtin_offsetof(struct trapframe, tf_trapno) == TF_TRAPNO);
CTASSERT(__builtin_offsetof(struct trapframe, tf_cs) == TF_CS);

static const char *const trap_names[NEXCEPTIONS] = {
	"divide error", "debug exception", "non-maskable interrupt",
	"breakpoint", "overflow", "bound range exceeded",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack fault", "general protection fault", "page fault",
	"reserved (15)", "x87 floating-point error", "alignment check",
	"machine check", "SIMD floating-point error", "virtualization",
	"control protection", "reserved (22)", "reserved (23)",
	"reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
	"hypervisor injection", "VMM communication", "security exception",
	"reserved (31)",
};

static const char *
trap_name(uint64_t trapno)
{
	return (trapno < NEXCEPTIONS ? trap_names[trapno] : "interrupt");
}

static void
trap_print_regs(const struct trapframe *tf)
{
	printf("rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", tf->tf_rax,
	    tf->tf_rbx, tf->tf_rcx, tf->tf_rdx);
	printf("rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n", tf->tf_rsi,
	    tf->tf_rdi, tf->tf_rbp, tf->tf_rsp);
	printf("r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n", tf->tf_r8,
	    tf->tf_r9, tf->tf_r10, tf->tf_r11);
	printf("r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n", tf->tf_r12,
	    tf->tf_r13, tf->tf_r14, tf->tf_r15);
	printf("rip %016lx cs %04lx rflags %08lx ss %04lx\n", tf->tf_rip,
	    tf->tf_cs, tf->tf_rflags, tf->tf_ss);
	printf("cr0 %016lx cr2 %016lx cr3 %016lx cr4 %016lx\n", rcr0(),
	    rcr2(), rcr3(), rcr4());
}

/* trap_fatal: report an unexpected exception and panic. */
static void __dead2
trap_fatal(struct trapframe *tf, uint64_t cr2)
{
	const char *name;
	vm_offset_t off;

	disable_intr();
	if (panicstr != NULL) {
		printf("\nFatal trap %lu (%s) while panicking; halting\n",
		    tf->tf_trapno, trap_name(tf->tf_trapno));
		cpu_halt();
	}
	panicstr = trap_name(tf->tf_trapno);
	printf("\nFatal trap %lu: %s while in %s mode\n", tf->tf_trapno,
	    trap_name(tf->tf_trapno), (tf->tf_cs & 3) ? "user" : "kernel");
	printf("cpuid = %u\n", PCPU_GET(cpuid));
	printf("error code = %#lx\n", tf->tf_err);
	if (tf->tf_trapno == T_PAGEFLT) {
		printf("fault virtual address = %#lx\n", cr2);
		printf("fault code = %s %s, %s%s\n",
		    (tf->tf_err & PGEX_U) ? "user" : "supervisor",
		    (tf->tf_err & PGEX_I) ? "instruction fetch" :
		    (tf->tf_err & PGEX_W) ? "write data" : "read data",
		    (tf->tf_err & PGEX_P) ? "protection violation" :
		    "page not present",
		    (tf->tf_err & PGEX_RSV) ? ", reserved bits in PTE" : "");
	}
	name = db_symbol(tf->tf_rip, &off);
	printf("instruction pointer = %#lx:%#lx (%s+%#lx)\n", tf->tf_cs,
	    tf->tf_rip, name != NULL ? name : "??", name != NULL ? off : 0);
	trap_print_regs(tf);
	printf("panic: %s\n", trap_name(tf->tf_trapno));
	printf("backtrace:\n");
	db_trace_frame(tf->tf_rip, tf->tf_rbp);
	panic_halt();
}

/*
 * trap_pfault: a page fault at user address cr2 (from user mode, or from
 * the kernel inside copyin and friends): vm_fault in the process's map.
 * Returns 0 when the fault was resolved and the access can be retried,
 * else the signal it deserves: SIGSEGV for no mapping (*ucodep =
 * SEGV_MAPERR) or a forbidden access (SEGV_ACCERR), SIGBUS for a file
 * page past the end of the file (BUS_ADRERR) or one the file system
 * could not read (BUS_OBJERR), SIGKILL when memory ran out (Linux's OOM
 * outcome).
 */
static int
trap_pfault(struct thread *td, struct trapframe *tf, uint64_t cr2,
    int *ucodep)
{
	struct proc *p = td->td_proc;
	vm_prot_t ftype;
	int error;

	if (p == NULL || p->p_vmspace == NULL || cr2 >= VM_MAXUSER_ADDRESS)
		return (SIGSEGV);
	if (tf->tf_err & PGEX_I)
		ftype = VM_PROT_EXECUTE;
	else if (tf->tf_err & PGEX_W)
		ftype = VM_PROT_WRITE;
	else
		ftype = VM_PROT_READ;
	error = vm_fault(dvmspace_map(p->p_vmspace), cr2, ftype, 0);
	if (error == 0)
		return (0);
	if (error == ENXIO || error == EIO) {
		*ucodep = error == ENXIO ? BUS_ADRERR : BUS_OBJERR;
		return (SIGBUS);
	}
	/* The map, not the error code's P bit, knows: PROT_NONE is ACCERR. */
	*ucodep = error == EACCES ? SEGV_ACCERR : SEGV_MAPERR;
	if (error == ENOMEM) {
		printf("pid %d (%s): out of memory at %#lx\n", p->p_pid,
		    p->p_comm, cr2);
		return (SIGKILL);
	}
	return (SIGSEGV);
}

/*
 * trap_ksiginfo: the signal a user-mode exception raises, with the
 * si_code and si_addr Linux gives it: a page fault is SIGSEGV at CR2,
 * SEGV_MAPERR when nothing was mapped (error code P clear) or
 * SEGV_ACCERR when the mapping forbade the access; #GP is SIGSEGV from
 * the kernel (SI_KERNEL, address 0); #UD is SIGILL at rip; #DE SIGFPE
 * at rip; #MF and #XM SIGFPE at rip, coded by the unmasked exception
 * (fpu_trap_code); #BP and #DB SIGTRAP; #AC SIGBUS.
 */
static void
trap_ksiginfo(struct trapframe *tf, uint64_t cr2, ksiginfo_t *ksi)
{
	switch (tf->tf_trapno) {
	case T_PAGEFLT:
		ksiginfo_init(ksi, SIGSEGV, (tf->tf_err & PGEX_P) ?
		    SEGV_ACCERR : SEGV_MAPERR);
		ksi->ksi_addr = cr2;
		break;
	case T_DIVIDE:
		ksiginfo_init(ksi, SIGFPE, FPE_INTDIV);
		ksi->ksi_addr = tf->tf_rip;
		break;
	case T_ARITHTRAP:
	case T_XMMFLT:
		ksiginfo_init(ksi, SIGFPE, fpu_trap_code(tf->tf_trapno));
		ksi->ksi_addr = tf->tf_rip;
		break;
	case T_TRCTRAP:
	case T_BPTFLT:
		ksiginfo_init(ksi, SIGTRAP, SI_KERNEL);
		break;
	case T_PRIVINFLT:
		ksiginfo_init(ksi, SIGILL, ILL_ILLOPN);
		ksi->ksi_addr = tf->tf_rip;
		break;
	case T_ALIGNFLT:
		ksiginfo_init(ksi, SIGBUS, BUS_ADRALN);
		break;
	default:
		ksiginfo_init(ksi, SIGSEGV, SI_KERNEL);
		break;
	}
	ksi->ksi_trapno = tf->tf_trapno;
	ksi->ksi_err = tf->tf_err;
}

/*
 * trap_user: an exception in user mode.  Interrupts are on.  Either the
 * fault is resolved or the thread gets the signal (trapsignal), which
 * userret delivers; when no handler will catch it, the console says what
 * happened before the signal ends the process.
 */
static void
trap_user(struct thread *td, struct trapframe *tf, uint64_t cr2)
{
	ksiginfo_t ksi;
	int sig = 0, ucode = 0;

	if (tf->tf_trapno == T_PAGEFLT &&
	    (sig = trap_pfault(td, tf, cr2, &ucode)) == 0)
		return;
	trap_ksiginfo(tf, cr2, &ksi);
	if (ucode != 0)
		ksi.ksi_code = ucode;	/* the map's verdict: MAPERR/ACCERR */
	if (sig != 0 && sig != SIGSEGV) {
		/* SIGBUS: the file behind the page; SIGKILL: no memory. */
		ksi.ksi_signo = sig;
		ksi.ksi_code = sig == SIGBUS ? ucode : SI_KERNEL;
	}
	if (!sig_caught(td, ksi.ksi_signo)) {
		printf("pid %d (%s): %s at rip %#lx", td->td_proc->p_pid,
		    td->td_proc->p_comm, trap_name(tf->tf_trapno),
		    tf->tf_rip);
		if (tf->tf_trapno == T_PAGEFLT)
			printf(", %s %s at address %#lx",
			    (tf->tf_err & PGEX_I) ? "instruction fetch" :
			    (tf->tf_err & PGEX_W) ? "write" : "read",
			    (tf->tf_err & PGEX_P) ? "protection violation" :
			    "not mapped", cr2);
		printf("\n");
	}
	trapsignal(td, &ksi);
}

/*
 * trap: the C entry of every vector.  Interrupts are disabled (all gates
 * are interrupt gates).
 */
void
trap(struct trapframe *tf)
{
	struct thread *td = curthread;
	struct kjmpbuf *jb;
	uint64_t cr2 = 0;

	if (tf->tf_trapno == T_PAGEFLT)
		cr2 = rcr2();	/* before anything can fault again */

	if (tf->tf_trapno >= NEXCEPTIONS) {
		intr_execute_handlers(tf->tf_trapno, tf);
		ast_check_preempt(tf);
		/*
		 * Back to user mode with a signal pending: deliver it now, so
		 * a process that only computes still gets it (kill, alarm).
		 */
		if ((tf->tf_cs & SEL_RPL_MASK) != 0 &&
		    (td->td_sigpend & ~td->td_sigmask) != 0) {
			enable_intr();
			userret(td, tf);
		}
		return;
	}
	vm_cnt.v_trap++;	/* (k): interrupts are off */

	/* From user mode; not the IST vectors, whose frames are elsewhere. */
	if ((tf->tf_cs & SEL_RPL_MASK) != 0 && tf->tf_trapno != T_DOUBLEFLT &&
	    tf->tf_trapno != T_NMI && tf->tf_trapno != T_MCHK) {
		KASSERT(tf == td->td_frame, ("trap: user frame %p is not "
		    "td_frame %p", tf, td->td_frame));
		enable_intr();
		trap_user(td, tf, cr2);
		userret(td, tf);
		return;
	}

	/*
	 * A fault inside a user access (copyin...).  Not from an interrupt
	 * handler that happened to interrupt one.
	 */
	if ((tf->tf_trapno == T_PAGEFLT || tf->tf_trapno == T_PROTFLT) &&
	    td->td_pcb.pcb_onfault != NULL &&
	    PCPU_GET(intr_nesting) == 0 && PCPU_GET(onfault) == NULL) {
		if (tf->tf_trapno == T_PAGEFLT && cr2 < VM_MAXUSER_ADDRESS) {
			if (tf->tf_rflags & PSL_I)
				enable_intr();
			int ucode;

			if (trap_pfault(td, tf, cr2, &ucode) == 0)
				return;
		}
		tf->tf_rip = (uint64_t)td->td_pcb.pcb_onfault;
		return;
	}

	/*
	 * An expected fault.  Not on the IST vectors: those run on their
	 * own stacks, which a longjmp to the interrupted stack would leave
	 * inconsistent.
	 */
	jb = PCPU_GET(onfault);
	if (jb != NULL && (tf->tf_cs & 3) == 0 &&
	    tf->tf_trapno != T_DOUBLEFLT && tf->tf_trapno != T_NMI &&
	    tf->tf_trapno != T_MCHK) {
		struct pcpu *pc = get_pcpu();

		pc->pc_onfault = NULL;
		pc->pc_fault_trapno = tf->tf_trapno;
		pc->pc_fault_err = tf->tf_err;
		pc->pc_fault_addr = cr2;
		pc->pc_fault_rip = tf->tf_rip;
		klongjmp(jb, 1);
	}

	trap_fatal(tf, cr2);
}

/*
 * cpu_expect_fault: call fn(arg), catching any exception it raises.
 * Returns true if it faulted, with the vector, fault address (CR2 for a
 * page fault, else 0) and error code in the out-parameters.  For tests
 * that check the protection the hardware enforces.
 */
bool
cpu_expect_fault(void (*fn)(void *), void *arg, uint64_t *trapnop,
    uint64_t *addrp, uint64_t *errp)
{
	struct kjmpbuf jb;
	uint64_t rflags = read_rflags();

	if (ksetjmp(&jb) == 0) {
		PCPU_SET(onfault, &jb);
		fn(arg);
		PCPU_SET(onfault, NULL);
		return (false);
	}
	/* trap() cleared onfault; restore the interrupt flag it left off. */
	if (rflags & 0x200)
		enable_intr();
	*trapnop = PCPU_GET(fault_trapno);
	*addrp = PCPU_GET(fault_addr);
	*errp = PCPU_GET(fault_err);
	return (true);
}

/*
 * amd64_syscall: a system call from user mode (fast_syscall).  Interrupts
 * are on; frame is the thread's td_frame.  The process's ABI fetches the
 * arguments and stores the result (syscallenter).
 */
void
amd64_syscall(struct trapframe *frame)
{
	struct thread *td = curthread;

	KASSERT(frame == td->td_frame, ("amd64_syscall: frame %p, td_frame %p",
	    frame, td->td_frame));
	vm_cnt.v_syscall++;	/* XXX: racy with preemption; per-CPU later */
	syscallenter(td);
	userret(td, frame);
}
