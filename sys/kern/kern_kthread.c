/*
 * kern_kthread.c: creating and ending kernel threads.
 *
 * Thread records come from the "THREAD" UMA zone and kernel stacks from
 * kstack_alloc(): KSTACK_PAGES wired pages in kernel virtual memory with
 * an unmapped guard page below, so a stack overflow faults instead of
 * overwriting a neighbour.
 *
 * An exiting thread cannot free the stack it runs on.  kthread_exit() puts
 * it on the zombie list and switches away for good; a later kthread_add()
 * (or kthread_reap()) frees zombies that are off the CPU.  XXX: on one CPU
 * "not curthread and TDS_INACTIVE" means off the CPU; SMP will need the
 * switch to publish that the old stack is no longer in use.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/queue.h>
#include <sys/sched.h>

#include <vm/uma.h>
#include <vm/vm_kern.h>

#include <stdarg.h>

static struct mtx kthread_mtx;		/* the zombie list and counters */
static TAILQ_HEAD(, thread) kthread_zombies =	/* (kthread_mtx) */
    TAILQ_HEAD_INITIALIZER(kthread_zombies);
static int	kthread_nexttid = 100001;	/* (kthread_mtx) */
static u_int	kthread_live;			/* (kthread_mtx) */
static uma_zone_t thread_zone;

static void
kthread_startup(const void *arg __unused)
{
	mtx_init(&kthread_mtx, "kthread", NULL, MTX_DEF);
	thread_zone = uma_zcreate("THREAD", sizeof(struct thread), NULL, NULL,
	    NULL, NULL, UMA_ALIGN_CACHE, 0);
}
SYSINIT(kthread, SI_SUB_KMEM, SI_ORDER_ANY, kthread_startup, NULL);

/* kthread_reap: free the records and stacks of exited threads. */
void
kthread_reap(void)
{
	struct thread *td, *next;

	mtx_lock(&kthread_mtx);
	TAILQ_FOREACH_SAFE(td, &kthread_zombies, td_allthr, next) {
		if (td == curthread || td->td_state != TDS_INACTIVE)
			continue;
		TAILQ_REMOVE(&kthread_zombies, td, td_allthr);
		kstack_free(td->td_kstack, td->td_kstack_pages);
		uma_zfree(thread_zone, td);
	}
	mtx_unlock(&kthread_mtx);
}

/*
 * thread_alloc: a new thread record with its kernel stack, at priority
 * pri, named name, in proc0, not yet runnable (the caller sets it up,
 * cpu_thread_setup, then thread_run).  Its tid is above PID_MAX (a user
 * thread takes an id from the pid space instead: fork_alloc,
 * thread_create).  Returns 0 and the thread in
 * *tdp, or ENOMEM.
 */
int
thread_alloc(int pri, const char *name, struct thread **tdp)
{
	struct thread *td;

	KASSERT(pri >= 0 && pri < PRI_IDLE, ("thread_alloc: bad pri %d", pri));
	kthread_reap();
	td = uma_zalloc(thread_zone, M_WAITOK | M_ZERO);
	td->td_kstack = kstack_alloc(KSTACK_PAGES);
	if (td->td_kstack == 0) {
		uma_zfree(thread_zone, td);
		return (ENOMEM);
	}
	td->td_kstack_pages = KSTACK_PAGES;
	strlcpy(td->td_name, name, sizeof(td->td_name));
	td->td_priority = pri;
	td->td_proc = &proc0;
	callout_init(&td->td_slpcallout);
	mtx_lock(&kthread_mtx);
	td->td_tid = kthread_nexttid++;
	mtx_unlock(&kthread_mtx);
	sched_new_thread(td);
	*tdp = td;
	return (0);
}

/* thread_free: free a thread that never ran (thread_alloc's undo). */
void
thread_free(struct thread *td)
{
	KASSERT(td->td_state == TDS_CAN_RUN, ("thread_free: %s has run",
	    td->td_name));
	kstack_free(td->td_kstack, td->td_kstack_pages);
	uma_zfree(thread_zone, td);
}

/* thread_run: make a set-up thread runnable. */
void
thread_run(struct thread *td)
{
	mtx_lock_spin(&sched_lock);
	sched_add(td);
	mtx_unlock_spin(&sched_lock);
}

/*
 * thread_exit: end the calling thread for good.  Its record and stack
 * are freed by a later kthread_reap, once it is off the CPU.
 */
void
thread_exit(void)
{
	struct thread *td = curthread;

	KASSERT(td != &thread0 && (td->td_flags & TDF_IDLETD) == 0,
	    ("thread_exit: %s cannot exit", td->td_name));
	mtx_lock(&kthread_mtx);
	TAILQ_INSERT_TAIL(&kthread_zombies, td, td_allthr);
	mtx_unlock(&kthread_mtx);
	sched_exit_thread(td);
}

/*
 * kthread_add: create a kernel thread running func(arg) at priority pri,
 * named by fmt.  Returns 0 (and the thread in *tdp if tdp != NULL), or
 * ENOMEM.  The thread is runnable on return.
 */
int
kthread_add(void (*func)(void *), void *arg, struct thread **tdp, int pri,
    const char *fmt, ...)
{
	struct thread *td;
	char name[sizeof(td->td_name)];
	va_list ap;
	int error;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	error = thread_alloc(pri, name, &td);
	if (error != 0)
		return (error);
	td->td_func = func;
	td->td_arg = arg;
	mtx_lock(&kthread_mtx);
	kthread_live++;
	mtx_unlock(&kthread_mtx);
	cpu_thread_setup(td, func, arg);
	if (tdp != NULL)
		*tdp = td;
	thread_run(td);
	return (0);
}

/* kthread_exit: end the calling kernel thread. */
void
kthread_exit(void)
{
	KASSERT(curthread->td_frame == NULL,
	    ("kthread_exit: %s is a user thread", curthread->td_name));
	mtx_lock(&kthread_mtx);
	kthread_live--;
	mtx_unlock(&kthread_mtx);
	thread_exit();
}

/* kthread_count: live kernel threads (not counting thread0 and idle). */
u_int
kthread_count(void)
{
	return (kthread_live);
}

/*
 * fork_exit: where every new thread starts (from fork_trampoline): drop
 * the scheduler lock inherited from the switch, run the function.  Then a
 * kernel thread (no trap frame) exits; a user thread returns, and
 * fork_trampoline enters user mode through frame.
 */
void sched_fork_exit(void);
void
fork_exit(void (*func)(void *), void *arg, struct trapframe *frame)
{
	sched_fork_exit();
	func(arg);
	if (frame == NULL)
		kthread_exit();
	userret(curthread, frame);
}
