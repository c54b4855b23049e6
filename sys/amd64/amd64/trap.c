/*
 * trap.c: what happens after exception.S has built a trap frame.
 *
 * Cases handled today (the kernel runs no user code yet):
 *   - an expected fault: code that set the per-CPU onfault jump buffer
 *     (cpu_expect_fault) gets control back with the vector, error code
 *     and fault address recorded;
 *   - any other exception in kernel mode is fatal: the report names the
 *     vector, error code, CR2, every register and the backtrace of the
 *     interrupted code, then the kernel panics (panic_halt);
 *   - an interrupt (vector 32 and up) goes to intr_execute_handlers()
 *     (intr_machdep.c), then to the scheduler's ast_check_preempt().
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>
#include <sys/reboot.h>

#include <machine/cpufunc.h>
#include <machine/db_machdep.h>
#include <machine/frame.h>
#include <machine/intr_machdep.h>
#include <machine/md_var.h>
#include <machine/pcpu.h>
#include <machine/pte.h>
#include <machine/setjmp.h>

CTASSERT(sizeof(struct trapframe) == TF_SIZE);
CTASSERT(__builtin_offsetof(struct trapframe, tf_trapno) == TF_TRAPNO);
CTASSERT(__builtin_offsetof(struct trapframe, tf_cs) == TF_CS);

#define T_DIVIDE	0
#define T_NMI		2
#define T_DOUBLEFLT	8
#define T_PAGEFLT	14
#define T_MCHK		18
#define NEXCEPTIONS	32

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
 * trap: the C entry of every vector.  Interrupts are disabled (all gates
 * are interrupt gates).
 */
void
trap(struct trapframe *tf)
{
	struct kjmpbuf *jb;
	uint64_t cr2 = 0;

	if (tf->tf_trapno == T_PAGEFLT)
		cr2 = rcr2();	/* before anything can fault again */

	if (tf->tf_trapno >= NEXCEPTIONS) {
		intr_execute_handlers(tf->tf_trapno, tf);
		ast_check_preempt(tf);
		return;
	}
	vm_cnt.v_trap++;	/* (k): interrupts are off */

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
