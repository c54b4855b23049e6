/*
 * sched_rr.c: a preemptive round-robin scheduler with priorities.
 *
 * Run queues: RQ_NQS bands of RQ_PPQ priorities each; a bit per non-empty
 * band makes choosing O(1).  Within a band, round robin: a thread whose
 * slice (sched_slice ticks) runs out, or that yields, goes to the back.
 * The idle thread is on no queue; it runs when every band is empty.
 *
 * Switching: mi_switch() is called with sched_lock held (a spin mutex, so
 * interrupts are off).  It puts a still-running thread back on its queue,
 * picks the next one and calls cpu_switch().  The lock stays held across
 * the switch and the thread that resumes releases it: the lock word is
 * re-pointed at it, since the lock was taken by the thread that left.
 * Every thread therefore switches out holding exactly sched_lock, and a new
 * thread starts holding it (sched_fork_exit releases it).
 *
 * Preemption: sched_add() of a thread more urgent than the running one,
 * and the end of a slice (sched_clock), set TDF_NEEDRESCHED on the running
 * thread; the switch happens when the interrupt returns
 * (ast_check_preempt), unless the thread is in a critical section, in
 * which case critical_exit() does it.
 *
 * Cases: thread more urgent woken from an interrupt (preempt at return),
 * slice expiry (back of the band), voluntary sleep (not requeued), yield
 * (back of the band), exit (never requeued; its memory is reclaimed by
 * kthread code once it is off the CPU), idle (runs when nothing else can).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/queue.h>
#include <sys/sched.h>
#include <sys/vmmeter.h>

#include <machine/cpufunc.h>
#include <machine/frame.h>

#define RQ_PPQ		4			/* priorities per band */
#define RQ_NQS		((PRI_MAX + 1) / RQ_PPQ) /* 64 bands */

TAILQ_HEAD(runq_head, thread);

struct mtx	sched_lock;
int		sched_slice = 4;	/* ticks; 40 ms at hz = 100 */

static struct runq_head runq[RQ_NQS];	/* (sched_lock) */
static uint64_t	runq_bits;		/* (sched_lock) non-empty bands */
static bool	sched_ready;
static uint64_t	sched_switches;		/* (sched_lock) context switches */
uint64_t	sched_preemptions;		/* (sched_lock) involuntary ones */

static int
runq_band(const struct thread *td)
{
	KASSERT(td->td_priority >= 0 && td->td_priority <= PRI_MAX,
	    ("runq_band: %s: bad priority %d", td->td_name, td->td_priority));
	return (td->td_priority / RQ_PPQ);
}

static void
sched_startup(const void *arg __unused)
{
	int i;

	mtx_init(&sched_lock, "sched lock", NULL, MTX_SPIN);
	for (i = 0; i < RQ_NQS; i++)
		TAILQ_INIT(&runq[i]);
	thread0.td_slice = sched_slice;
	sched_ready = true;
}
SYSINIT(sched, SI_SUB_TUNABLES, SI_ORDER_MIDDLE, sched_startup, NULL);

bool
sched_running(void)
{
	return (sched_ready && PCPU_GET(idlethread) != NULL);
}

/*
 * sched_add: put a runnable thread on its run queue.
 * sched_lock held.  Requests preemption if td is more urgent than the
 * running thread.
 */
void
sched_add(struct thread *td)
{
	struct thread *ctd = curthread;
	int band;

	mtx_assert(&sched_lock, MA_OWNED);
	KASSERT(td->td_state != TDS_RUNQ, ("sched_add: %s already queued",
	    td->td_name));
	KASSERT((td->td_flags & TDF_IDLETD) == 0, ("sched_add: idle thread"));
	band = runq_band(td);
	TAILQ_INSERT_TAIL(&runq[band], td, td_runq);
	runq_bits |= 1ul << band;
	td->td_state = TDS_RUNQ;
	if (td->td_priority < ctd->td_priority)
		ctd->td_flags |= TDF_NEEDRESCHED;
}

/* sched_rem: take a queued thread off its run queue.  sched_lock held. */
void
sched_rem(struct thread *td)
{
	int band;

	mtx_assert(&sched_lock, MA_OWNED);
	KASSERT(td->td_state == TDS_RUNQ, ("sched_rem: %s not queued",
	    td->td_name));
	band = runq_band(td);
	TAILQ_REMOVE(&runq[band], td, td_runq);
	if (TAILQ_EMPTY(&runq[band]))
		runq_bits &= ~(1ul << band);
	td->td_state = TDS_CAN_RUN;
}

/* The most urgent queued thread, dequeued; the idle thread if none. */
static struct thread *
sched_choose(void)
{
	struct thread *td;

	if (runq_bits == 0)
		return (PCPU_GET(idlethread));
	td = TAILQ_FIRST(&runq[__builtin_ctzl(runq_bits)]);
	sched_rem(td);
	return (td);
}

/*
 * mi_switch: give the CPU to the most urgent runnable thread.
 * sched_lock held on entry and on return (by the same thread, later).  A
 * running thread is requeued; a sleeping or exiting one is not.
 */
void
mi_switch(void)
{
	struct thread *td = curthread, *newtd;

	mtx_assert(&sched_lock, MA_OWNED);
	KASSERT(td->td_spinlocks == 1, ("mi_switch: %s holds %u spin locks",
	    td->td_name, td->td_spinlocks));
	KASSERT(PCPU_GET(intr_nesting) == 0 || td->td_state == TDS_RUNNING,
	    ("mi_switch: sleeping in an interrupt handler"));
	td->td_flags &= ~TDF_NEEDRESCHED;
	td->td_owepreempt = 0;
	if (td->td_state == TDS_RUNNING && (td->td_flags & TDF_IDLETD) == 0)
		sched_add(td);
	newtd = sched_choose();
	if (newtd == td) {
		td->td_state = TDS_RUNNING;
		return;
	}
	newtd->td_state = TDS_RUNNING;
	if (newtd->td_slice <= 0)
		newtd->td_slice = sched_slice;
	td->td_switches++;
	sched_switches++;
	vm_cnt.v_swtch++;
	cpu_switch(td, newtd);
	/* Back on the CPU: we own the lock the previous thread took. */
	sched_lock.mtx_lock = (uintptr_t)curthread;
	KASSERT(curthread == td, ("mi_switch: resumed as another thread"));
}

/*
 * sched_clock: account a tick to td.  Called from hardclock with
 * interrupts off.
 */
void
sched_clock(struct thread *td)
{
	if (!sched_running())
		return;
	td->td_runtime++;
	if (td->td_flags & TDF_IDLETD) {
		if (runq_bits != 0)
			td->td_flags |= TDF_NEEDRESCHED;
		return;
	}
	if (--td->td_slice <= 0) {
		td->td_slice = sched_slice;
		td->td_flags |= TDF_NEEDRESCHED;
	}
}

/* sched_prio: change td's priority, requeueing it if it is queued. */
void
sched_prio(struct thread *td, int pri)
{
	KASSERT(pri >= 0 && pri <= PRI_MAX, ("sched_prio: bad %d", pri));
	mtx_lock_spin(&sched_lock);
	td->td_base_pri = pri;
	if (td->td_state == TDS_RUNQ) {
		sched_rem(td);
		td->td_priority = pri;
		sched_add(td);
	} else {
		td->td_priority = pri;
		if (td == curthread && runq_bits != 0 &&
		    (u_int)__builtin_ctzl(runq_bits) < (u_int)(pri / RQ_PPQ))
			td->td_flags |= TDF_NEEDRESCHED;
	}
	mtx_unlock_spin(&sched_lock);
	if (td == curthread && (td->td_flags & TDF_NEEDRESCHED))
		sched_yield();
}

/* sched_setrunnable: make a sleeping or new thread runnable.  Locked. */
void
sched_setrunnable(struct thread *td)
{
	mtx_assert(&sched_lock, MA_OWNED);
	KASSERT(td->td_state == TDS_SLEEPING || td->td_state == TDS_CAN_RUN,
	    ("sched_setrunnable: %s in state %d", td->td_name, td->td_state));
	td->td_wchan = NULL;
	td->td_wmesg = NULL;
	sched_add(td);
}

/* sched_yield: let every other thread of the same band run first. */
void
sched_yield(void)
{
	if (!sched_running())
		return;
	mtx_lock_spin(&sched_lock);
	mi_switch();
	mtx_unlock_spin(&sched_lock);
}

/* sched_new_thread: scheduling state of a thread being created. */
void
sched_new_thread(struct thread *td)
{
	td->td_state = TDS_CAN_RUN;
	td->td_slice = sched_slice;
	td->td_base_pri = td->td_priority;
	/* It starts in sched_fork_exit holding sched_lock (see above). */
	td->td_spinlocks = 1;
	td->td_md_spinlock_count = 1;
	td->td_md_saved_flags = 0x202;	/* interrupts on once released */
}

/*
 * sched_fork_exit: the first thing a new thread does: take over
 * sched_lock from the thread it replaced, and release it.
 */
void sched_fork_exit(void);
void
sched_fork_exit(void)
{
	sched_lock.mtx_lock = (uintptr_t)curthread;
	mtx_unlock_spin(&sched_lock);
}

/* sched_exit_thread: leave the CPU for good.  td must be curthread. */
void
sched_exit_thread(struct thread *td)
{
	KASSERT(td == curthread, ("sched_exit_thread: not curthread"));
	mtx_lock_spin(&sched_lock);
	td->td_state = TDS_INACTIVE;
	mi_switch();
	panic("sched_exit_thread: %s ran again", td->td_name);
}

/*
 * ast_check_preempt: on the way out of an interrupt, switch if the
 * running thread was asked to.  Interrupts are still off.
 */
void
ast_check_preempt(struct trapframe *tf)
{
	struct thread *td = curthread;

	if ((td->td_flags & TDF_NEEDRESCHED) == 0 || !sched_running())
		return;
	/*
	 * Not when the interrupted code had interrupts off (a software
	 * interrupt, `int $n', can arrive so): it may hold spin locks.
	 */
	if (td->td_critnest != 0 || td->td_md_spinlock_count != 0 ||
	    (tf->tf_rflags & 0x200) == 0) {
		td->td_owepreempt = 1;
		return;
	}
	mtx_lock_spin(&sched_lock);
	sched_preemptions++;
	mi_switch();
	mtx_unlock_spin(&sched_lock);
}

/* critical_enter: no preemption until the matching critical_exit. */
void
critical_enter(void)
{
	curthread->td_critnest++;
}

void
critical_exit(void)
{
	struct thread *td = curthread;

	KASSERT(td->td_critnest > 0, ("critical_exit: not entered"));
	if (--td->td_critnest == 0 && td->td_owepreempt &&
	    td->td_md_spinlock_count == 0)
		sched_yield();
}

/* The idle thread: its own record and stack, never on a run queue. */
static struct thread idlethread0;
static uint8_t idle_stack[KSTACK_PAGES * PAGE_SIZE] __aligned(PAGE_SIZE);

/*
 * Idle: wait for an interrupt with the run queues checked with interrupts
 * off, so a wakeup between the check and the hlt cannot be slept through
 * ("sti; hlt" lets no interrupt in between).
 */
static void
sched_idletd(void *arg __unused)
{
	for (;;) {
		disable_intr();
		if (runq_bits != 0) {
			enable_intr();
			sched_yield();
			continue;
		}
		__asm__ volatile("sti; hlt" : : : "memory");
	}
}

static void
sched_idle_startup(const void *arg __unused)
{
	struct thread *td = &idlethread0;

	strlcpy(td->td_name, "idle", sizeof(td->td_name));
	td->td_tid = 100;
	td->td_priority = PRI_IDLE;
	td->td_flags = TDF_IDLETD;
	td->td_proc = &proc0;
	td->td_kstack = (vm_offset_t)idle_stack;
	td->td_kstack_pages = KSTACK_PAGES;
	callout_init(&td->td_slpcallout);
	sched_new_thread(td);
	td->td_priority = td->td_base_pri = PRI_IDLE;
	cpu_thread_setup(td, sched_idletd, NULL);
	PCPU_SET(idlethread, td);
}
SYSINIT(idle, SI_SUB_KTHREAD, SI_ORDER_FIRST, sched_idle_startup, NULL);
