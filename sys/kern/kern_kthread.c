/*
 * kern_kthread.c: creating and ending kernel threads.
 *
 * Thread records and kernel stacks come from fixed pools in .bss.  XXX:
 * they move to a UMA zone and to kernel virtual memory with guard pages
 * (kstack_alloc) once the kernel allocator exists; the pool keeps boot
 * simple and has no failure mode but running out (ENOMEM).
 *
 * An exiting thread cannot free the stack it runs on.  kthread_exit()
 * marks its slot as a zombie and switches away for good; the slot is
 * reused by a later kthread_add(), which only takes zombies that are not
 * the running thread.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sched.h>

#include <stdarg.h>

#define KTHREAD_MAX	64
#define KSTACK_SIZE	(KSTACK_PAGES * PAGE_SIZE)

enum slot_state { SLOT_FREE, SLOT_USED, SLOT_ZOMBIE };

static struct mtx kthread_mtx;		/* protects the pool and tid */
static struct thread kthread_pool[KTHREAD_MAX];	/* (kthread_mtx) slots */
static enum slot_state kthread_slot[KTHREAD_MAX]; /* (kthread_mtx) */
static uint8_t kstack_pool[KTHREAD_MAX][KSTACK_SIZE] __aligned(PAGE_SIZE);
static int	kthread_nexttid = 100000;	/* (kthread_mtx) */
static u_int	kthread_live;			/* (kthread_mtx) */

static void
kthread_startup(const void *arg __unused)
{
	mtx_init(&kthread_mtx, "kthread pool", NULL, MTX_DEF);
}
SYSINIT(kthread, SI_SUB_TUNABLES, SI_ORDER_ANY, kthread_startup, NULL);

static struct thread *
kthread_slot_alloc(void)
{
	struct thread *td = NULL;
	int i;

	mtx_lock(&kthread_mtx);
	for (i = 0; i < KTHREAD_MAX; i++) {
		if (kthread_slot[i] == SLOT_FREE ||
		    (kthread_slot[i] == SLOT_ZOMBIE &&
		    &kthread_pool[i] != curthread &&
		    kthread_pool[i].td_state == TDS_INACTIVE)) {
			kthread_slot[i] = SLOT_USED;
			td = &kthread_pool[i];
			memset(td, 0, sizeof(*td));
			td->td_kstack = (vm_offset_t)kstack_pool[i];
			td->td_kstack_pages = KSTACK_PAGES;
			td->td_tid = kthread_nexttid++;
			kthread_live++;
			break;
		}
	}
	mtx_unlock(&kthread_mtx);
	return (td);
}

/*
 * kthread_add: create a kernel thread running func(arg) at priority pri,
 * named by fmt.  Returns 0 (and the thread in *tdp if tdp != NULL), or
 * ENOMEM when no slot is free.  The thread is runnable on return.
 */
int
kthread_add(void (*func)(void *), void *arg, struct thread **tdp, int pri,
    const char *fmt, ...)
{
	struct thread *td;
	va_list ap;

	KASSERT(pri >= 0 && pri < PRI_IDLE, ("kthread_add: bad pri %d", pri));
	td = kthread_slot_alloc();
	if (td == NULL)
		return (ENOMEM);
	va_start(ap, fmt);
	vsnprintf(td->td_name, sizeof(td->td_name), fmt, ap);
	va_end(ap);
	td->td_priority = pri;
	td->td_func = func;
	td->td_arg = arg;
	callout_init(&td->td_slpcallout);
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
	int i = (int)(td - kthread_pool);

	KASSERT(i >= 0 && i < KTHREAD_MAX, ("kthread_exit: %s not a kthread",
	    td->td_name));
	mtx_lock(&kthread_mtx);
	kthread_slot[i] = SLOT_ZOMBIE;
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
