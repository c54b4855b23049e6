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
 * kthread_add: create a kernel thread running func(arg) at priority pri,
 * named by fmt.  Returns 0 (and the thread in *tdp if tdp != NULL), or
 * ENOMEM.  The thread is runnable on return.
 */
int
kthread_add(void (*func)(void *), void *arg, struct thread **tdp, int pri,
    const char *fmt, ...)
{
	struct thread *td;
	va_list ap;

	KASSERT(pri >= 0 && pri < PRI_IDLE, ("kthread_add: bad pri %d", pri));
	kthread_reap();
	td = uma_zalloc(thread_zone, M_WAITOK | M_ZERO);
	td->td_kstack = kstack_alloc(KSTACK_PAGES);
	if (td->td_kstack == 0) {
		uma_zfree(thread_zone, td);
		return (ENOMEM);
	}
	td->td_kstack_pages = KSTACK_PAGES;
	va_start(ap, fmt);
	vsnprintf(td->td_name, sizeof(td->td_name), fmt, ap);
	va_end(ap);
	td->td_priority = pri;
	td->td_func = func;
	td->td_arg = arg;
	callout_init(&td->td_slpcallout);
	mtx_lock(&kthread_mtx);
	td->td_tid = kthread_nexttid++;
	kthread_live++;
	mtx_unlock(&kthread_mtx);
	sched_new_thread(td);
	cpu_thread_setup(td, func, arg);
	if (tdp != NULL)
		*tdp = td;
	mtx_lock_spin(&sched_lock);
	sched_add(td);
	mtx_unlock_spin(&sched_lock);
	return (0);
}

/* kthread_exit: end the calling kernel thread. */
void
kthread_exit(void)
{
	struct thread *td = curthread;

	KASSERT(td != &thread0 && (td->td_flags & TDF_IDLETD) == 0,
	    ("kthread_exit: %s is not a kthread", td->td_name));
	mtx_lock(&kthread_mtx);
	TAILQ_INSERT_TAIL(&kthread_zombies, td, td_allthr);
	kthread_live--;
	mtx_unlock(&kthread_mtx);
	sched_exit_thread(td);
}

/* kthread_count: live kernel threads (not counting thread0 and idle). */
u_int
kthread_count(void)
{
	return (kthread_live);
}

/*
 * fork_exit: where every new thread starts (from fork_trampoline): drop
 * the scheduler lock inherited from the switch, run the function, exit.
 */
void sched_fork_exit(void);
void
fork_exit(void (*func)(void *), void *arg)
{
	sched_fork_exit();
	func(arg);
	kthread_exit();
}
