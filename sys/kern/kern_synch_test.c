/*
 * kern_synch_test.c: in-kernel tests of threads, the scheduler, sleep and
 * wakeup, mutexes and condition variables.  They run on thread0 with the
 * clock ticking (interrupts on), so preemption is real.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/condvar.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/kthread.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/sleepqueue.h>
#include <sys/sysctl.h>
#include <sys/vmmeter.h>

#include <machine/cpufunc.h>
#include <machine/md_var.h>

extern uint64_t sched_preemptions;

/* Wait on chan until *count reaches want, for at most secs seconds. */
static void
wait_for_count(struct mtx *m, volatile int *count, int want, int secs)
{
	uint64_t end = ticks + (uint64_t)secs * hz;

	mtx_lock(m);
	while (*count < want && ticks < end)
		(void)msleep(__DEVOLATILE(void *, count), m, 0, "ktwait", hz / 10);
	mtx_unlock(m);
}

static volatile int simple_flag;

static void
set_flag_thread(void *arg)
{
	simple_flag = (int)(uintptr_t)arg;
	wakeup(__DEVOLATILE(void *, &simple_flag));
}

KTEST(kthread, runs_and_exits)
{
	u_int before = kthread_count();
	uint64_t end;

	simple_flag = 0;
	KT_ASSERT_EQ(kt, kthread_add(set_flag_thread, (void *)42, NULL,
	    PRI_KERN, "kt_flag"), 0);
	end = ticks + 2 * (uint64_t)hz;
	while (simple_flag == 0 && ticks < end)
		(void)tsleep(__DEVOLATILE(void *, &simple_flag), 0, "ktflag",
		    hz / 10);
	KT_EXPECT_EQ(kt, simple_flag, 42);
	end = ticks + hz;
	while (kthread_count() != before && ticks < end)
		(void)pause("ktexit", 1);
	KT_EXPECT_EQ(kt, kthread_count(), before);
}

/*
 * Several threads increment one counter under a mutex for a while, with a
 * window between read and write that preemption will hit: the total must
 * equal the sum of their own counts, and preemptions must have happened.
 */
#define CONTEND_THREADS	4

static struct mtx contend_mtx;
static struct mtx done_mtx;
static volatile uint64_t contend_counter;
static uint64_t contend_mine[CONTEND_THREADS];
static volatile int contend_done;
static uint64_t contend_until;

static void
contend_thread(void *arg)
{
	int id = (int)(uintptr_t)arg;

	while (ticks < contend_until) {
		uint64_t v;
		int i;

		mtx_lock(&contend_mtx);
		v = contend_counter;
		for (i = 0; i < 200; i++)
			cpu_pause();
		contend_counter = v + 1;
		mtx_unlock(&contend_mtx);
		contend_mine[id]++;
	}
	mtx_lock(&done_mtx);
	contend_done++;
	wakeup(__DEVOLATILE(void *, &contend_done));
	mtx_unlock(&done_mtx);
}

KTEST(mutex, contention_under_preemption)
{
	uint64_t preempt_before = sched_preemptions, sum = 0;
	int i;

	mtx_init(&contend_mtx, "ktest contend", NULL, MTX_DEF);
	mtx_init(&done_mtx, "ktest done", NULL, MTX_DEF);
	contend_counter = 0;
	contend_done = 0;
	contend_until = ticks + hz / 2;
	for (i = 0; i < CONTEND_THREADS; i++) {
		contend_mine[i] = 0;
		KT_ASSERT_EQ(kt, kthread_add(contend_thread, (void *)(uintptr_t)i,
		    NULL, PRI_KERN, "kt_contend%d", i), 0);
	}
	wait_for_count(&done_mtx, &contend_done, CONTEND_THREADS, 5);
	KT_ASSERT_EQ(kt, contend_done, CONTEND_THREADS);
	for (i = 0; i < CONTEND_THREADS; i++) {
		KT_EXPECT(kt, contend_mine[i] > 0);
		sum += contend_mine[i];
	}
	KT_EXPECT_EQ(kt, contend_counter, sum);
	KT_EXPECT(kt, sched_preemptions > preempt_before);
	mtx_destroy(&contend_mtx);
	mtx_destroy(&done_mtx);
}

KTEST(mutex, trylock_owned_recursion)
{
	struct mtx m, r;

	mtx_init(&m, "ktest m", NULL, MTX_DEF);
	mtx_init(&r, "ktest r", NULL, MTX_DEF | MTX_RECURSE);
	KT_EXPECT(kt, !mtx_owned(&m));
	KT_EXPECT(kt, mtx_trylock(&m));
	KT_EXPECT(kt, mtx_owned(&m));
	KT_EXPECT(kt, !mtx_trylock(&m));	/* not recursive: refused */
	mtx_unlock(&m);
	KT_EXPECT(kt, !mtx_owned(&m));
	mtx_lock(&r);
	mtx_lock(&r);
	KT_EXPECT_EQ(kt, r.mtx_recurse, 1);
	mtx_unlock(&r);
	KT_EXPECT(kt, mtx_owned(&r));
	mtx_unlock(&r);
	KT_EXPECT(kt, !mtx_owned(&r));
	mtx_destroy(&m);
	mtx_destroy(&r);
}

static struct mtx intl_mtx;
static volatile int intl_got;

/* Block on intl_mtx (contesting it), then wake the sleeper. */
static void
intl_thread(void *arg)
{
	mtx_lock(&intl_mtx);
	intl_got = 1;
	wakeup(arg);
	mtx_unlock(&intl_mtx);
}

/*
 * msleep releases an interlock that another thread is blocked on: the
 * release must wake that thread under the sched_lock msleep already
 * holds (it used to take it again and panic: "recursed on non-recursive
 * mutex sched lock", seen when a child's exit blocked on proctree_lock
 * while its parent, in wait4, went to sleep on it).
 */
KTEST(sleep, msleep_releases_contested_interlock)
{
	static int chan;
	uint64_t end;
	int error;

	mtx_init(&intl_mtx, "ktest interlock", NULL, MTX_DEF);
	intl_got = 0;
	mtx_lock(&intl_mtx);
	KT_ASSERT_EQ(kt, kthread_add(intl_thread, &chan, NULL, PRI_KERN,
	    "kt_intl"), 0);
	end = ticks + 2 * (uint64_t)hz;
	while ((intl_mtx.mtx_lock & MTX_CONTESTED) == 0 && ticks < end)
		(void)pause("ktintl", 1);
	KT_ASSERT(kt, (intl_mtx.mtx_lock & MTX_CONTESTED) != 0);
	error = msleep(&chan, &intl_mtx, 0, "ktintl", 2 * hz);
	KT_EXPECT_EQ(kt, error, 0);
	KT_EXPECT_EQ(kt, intl_got, 1);
	KT_EXPECT(kt, mtx_owned(&intl_mtx));
	mtx_unlock(&intl_mtx);
	mtx_destroy(&intl_mtx);
}

KTEST(sleep, timeout_wakes_on_time)
{
	static int chan;
	uint64_t start = ticks, elapsed;
	int error;

	error = tsleep(&chan, 0, "kttimo", 5);
	elapsed = ticks - start;
	KT_EXPECT_EQ(kt, error, EWOULDBLOCK);
	KT_EXPECT(kt, elapsed >= 5);
	KT_EXPECT(kt, elapsed <= 5 + 2);
}

static volatile int waker_delay;

static void
waker_thread(void *arg)
{
	(void)pause("ktwaker", waker_delay);
	wakeup(arg);
}

KTEST(sleep, wakeup_before_timeout)
{
	static int chan;
	uint64_t start;
	int error;

	waker_delay = 3;
	KT_ASSERT_EQ(kt, kthread_add(waker_thread, &chan, NULL, PRI_KERN,
	    "kt_waker"), 0);
	start = ticks;
	error = tsleep(&chan, 0, "ktwake", 10 * hz);
	KT_EXPECT_EQ(kt, error, 0);
	KT_EXPECT(kt, ticks - start < (uint64_t)hz);
	/* The timeout callout was stopped: nothing fires later. */
	KT_EXPECT(kt, !callout_pending(&curthread->td_slpcallout));
}

/* A thread more urgent than the creator runs first; a less urgent last. */
static volatile int order_seq[2];
static volatile int order_n;

static void
order_thread(void *arg)
{
	order_seq[order_n++] = (int)(uintptr_t)arg;
}

KTEST(sched, priority_order)
{
	int i;

	order_n = 0;
	KT_ASSERT_EQ(kt, kthread_add(order_thread, (void *)1, NULL,
	    PRI_KERN + 20, "kt_low"), 0);
	KT_ASSERT_EQ(kt, kthread_add(order_thread, (void *)2, NULL,
	    PRI_KERN - 20, "kt_high"), 0);
	/* The urgent one preempts us at the next chance; the other waits. */
	for (i = 0; i < 10 && order_n == 0; i++)
		(void)pause("ktord", 1);
	KT_ASSERT(kt, order_n >= 1);
	KT_EXPECT_EQ(kt, order_seq[0], 2);
	for (i = 0; i < 100 && order_n < 2; i++)
		(void)pause("ktord", 1);
	KT_ASSERT_EQ(kt, order_n, 2);
	KT_EXPECT_EQ(kt, order_seq[1], 1);
}

/* Two CPU-bound threads of one priority both progress: round robin. */
static volatile uint64_t rr_count[2];
static volatile uint64_t rr_seen_other[2];
static volatile int rr_done;
static struct mtx rr_mtx;

static void
rr_thread(void *arg)
{
	int me = (int)(uintptr_t)arg;
	uint64_t until = ticks + 30, last_other = rr_count[!me];

	while (ticks < until) {
		rr_count[me]++;
		if (rr_count[!me] != last_other) {
			rr_seen_other[me]++;
			last_other = rr_count[!me];
		}
	}
	mtx_lock(&rr_mtx);
	rr_done++;
	wakeup(__DEVOLATILE(void *, &rr_done));
	mtx_unlock(&rr_mtx);
}

KTEST(sched, round_robin)
{
	mtx_init(&rr_mtx, "ktest rr", NULL, MTX_DEF);
	rr_count[0] = rr_count[1] = 0;
	rr_seen_other[0] = rr_seen_other[1] = 0;
	rr_done = 0;
	KT_ASSERT_EQ(kt, kthread_add(rr_thread, (void *)0, NULL, PRI_KERN + 8,
	    "kt_rr0"), 0);
	KT_ASSERT_EQ(kt, kthread_add(rr_thread, (void *)1, NULL, PRI_KERN + 8,
	    "kt_rr1"), 0);
	wait_for_count(&rr_mtx, &rr_done, 2, 5);
	KT_ASSERT_EQ(kt, rr_done, 2);
	/* Each saw the other advance while it was itself running. */
	KT_EXPECT(kt, rr_seen_other[0] > 0);
	KT_EXPECT(kt, rr_seen_other[1] > 0);
	mtx_destroy(&rr_mtx);
}

/* Producer and consumer through a one-slot buffer and two cvs. */
#define PC_ITEMS	500

static struct mtx pc_mtx;
static struct cv pc_full, pc_empty;
static int pc_slot, pc_has;
static volatile int pc_done;
static uint64_t pc_sum;

static void
pc_producer(void *arg __unused)
{
	int i;

	for (i = 1; i <= PC_ITEMS; i++) {
		mtx_lock(&pc_mtx);
		while (pc_has)
			cv_wait(&pc_empty, &pc_mtx);
		pc_slot = i;
		pc_has = 1;
		cv_signal(&pc_full);
		mtx_unlock(&pc_mtx);
	}
}

static void
pc_consumer(void *arg __unused)
{
	int i;

	for (i = 1; i <= PC_ITEMS; i++) {
		mtx_lock(&pc_mtx);
		while (!pc_has)
			cv_wait(&pc_full, &pc_mtx);
		pc_sum += pc_slot;
		pc_has = 0;
		cv_signal(&pc_empty);
		mtx_unlock(&pc_mtx);
	}
	mtx_lock(&pc_mtx);
	pc_done = 1;
	wakeup(__DEVOLATILE(void *, &pc_done));
	mtx_unlock(&pc_mtx);
}

KTEST(condvar, producer_consumer)
{
	mtx_init(&pc_mtx, "ktest pc", NULL, MTX_DEF);
	cv_init(&pc_full, "ktfull");
	cv_init(&pc_empty, "ktempty");
	pc_has = 0;
	pc_sum = 0;
	pc_done = 0;
	KT_ASSERT_EQ(kt, kthread_add(pc_consumer, NULL, NULL, PRI_KERN,
	    "kt_consumer"), 0);
	KT_ASSERT_EQ(kt, kthread_add(pc_producer, NULL, NULL, PRI_KERN,
	    "kt_producer"), 0);
	wait_for_count(&pc_mtx, &pc_done, 1, 10);
	KT_ASSERT_EQ(kt, pc_done, 1);
	KT_EXPECT_EQ(kt, pc_sum, (uint64_t)PC_ITEMS * (PC_ITEMS + 1) / 2);
}

KTEST(condvar, timedwait_times_out)
{
	struct mtx m;
	struct cv c;
	uint64_t start;

	mtx_init(&m, "ktest cvt", NULL, MTX_DEF);
	cv_init(&c, "ktcvt");
	mtx_lock(&m);
	start = ticks;
	KT_EXPECT_EQ(kt, cv_timedwait(&c, &m, 3), EWOULDBLOCK);
	KT_EXPECT(kt, mtx_owned(&m));
	KT_EXPECT(kt, ticks - start >= 3);
	mtx_unlock(&m);
}

/* A kernel thread's stack has an unmapped guard page just below it. */
static volatile vm_offset_t guard_probe;
static volatile int guard_done;

static void
guard_thread(void *arg __unused)
{
	guard_probe = curthread->td_kstack;
	guard_done = 1;
	wakeup(__DEVOLATILE(void *, &guard_done));
	/* Stay alive until the test has probed the guard page. */
	while (guard_done != 2)
		(void)pause("ktguard", 1);
}

static void
read_below(void *arg)
{
	(void)*(volatile uint64_t *)arg;
}

KTEST(kthread, stack_has_guard_page)
{
	uint64_t trapno, addr, err;
	int i;

	guard_done = 0;
	KT_ASSERT_EQ(kt, kthread_add(guard_thread, NULL, NULL, PRI_KERN,
	    "kt_guard"), 0);
	for (i = 0; i < 100 && guard_done == 0; i++)
		(void)pause("ktguard", 1);
	KT_ASSERT_EQ(kt, guard_done, 1);
	KT_EXPECT(kt, !cpu_expect_fault(read_below, (void *)guard_probe,
	    &trapno, &addr, &err));
	KT_EXPECT(kt, cpu_expect_fault(read_below, (void *)(guard_probe - 8),
	    &trapno, &addr, &err));
	KT_EXPECT_EQ(kt, trapno, 14);
	KT_EXPECT_EQ(kt, addr, guard_probe - 8);
	guard_done = 2;
}

static void
do_int3(void *arg __unused)
{
	__asm__ volatile("int3");
}

/* vm.stats.sys counters move with the events they count. */
KTEST(sched, stats_counters_advance)
{
	uint64_t swtch, intr, trap, trapno, addr, err;
	size_t len = sizeof(uint64_t);

	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.stats.sys.v_swtch", &swtch,
	    &len, NULL, 0), 0);
	intr = vm_cnt.v_intr;
	trap = vm_cnt.v_trap;
	(void)pause("ktstat", 2);	/* ticks pass, we switch to idle */
	(void)cpu_expect_fault(do_int3, NULL, &trapno, &addr, &err);
	KT_EXPECT(kt, vm_cnt.v_swtch > swtch);
	KT_EXPECT(kt, vm_cnt.v_intr >= intr + 2);
	KT_EXPECT(kt, vm_cnt.v_trap == trap + 1);
}
