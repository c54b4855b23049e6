/*
 * kern_sx_test.c: in-kernel tests of shared/exclusive locks (suite sx):
 * the modes on one thread, a writer waiting for readers and holding back
 * new ones, and readers and writers under preemption never overlapping
 * wrongly.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/ktest.h>
#include <sys/kthread.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/sx.h>

#include <machine/atomic.h>
#include <machine/cpufunc.h>

/* Poll until *v reaches want or secs seconds pass. */
static bool
wait_until(volatile u_int *v, u_int want, int secs)
{
	uint64_t end = ticks + (uint64_t)secs * hz;

	while (*v < want && ticks < end)
		(void)pause("ktsx", 1);
	return (*v >= want);
}

KTEST(sx, modes)
{
	struct sx sx;

	sx_init(&sx, "ktest sx");
	sx_xlock(&sx);
	KT_EXPECT(kt, sx_xlocked(&sx));
	sx_assert(&sx, SA_XLOCKED);
	sx_assert(&sx, SA_LOCKED);
	sx_xunlock(&sx);
	KT_EXPECT(kt, !sx_xlocked(&sx));
	sx_assert(&sx, SA_UNLOCKED);

	sx_slock(&sx);
	sx_assert(&sx, SA_SLOCKED);
	KT_EXPECT(kt, sx_try_slock(&sx));
	KT_EXPECT(kt, !sx_try_xlock(&sx));
	KT_EXPECT(kt, !sx_try_upgrade(&sx));	/* two holders */
	sx_sunlock(&sx);
	KT_EXPECT(kt, sx_try_upgrade(&sx));
	KT_EXPECT(kt, sx_xlocked(&sx));
	KT_EXPECT(kt, !sx_try_slock(&sx));
	sx_downgrade(&sx);
	KT_EXPECT(kt, !sx_xlocked(&sx));
	KT_EXPECT_EQ(kt, sx.sx_sharers, 1);
	sx_unlock(&sx);
	KT_EXPECT(kt, sx_try_xlock(&sx));
	sx_unlock(&sx);
	KT_EXPECT(kt, sx.sx_owner == NULL && sx.sx_sharers == 0);
	sx_destroy(&sx);
}

static struct sx order_sx;
static volatile int order_seq, writer_at, reader_at;
static volatile u_int order_started, order_done;

static void
order_writer(void *arg)
{
	(void)arg;
	atomic_add_int(&order_started, 1);
	sx_xlock(&order_sx);
	writer_at = ++order_seq;
	(void)pause("ktsxw", 2);
	sx_xunlock(&order_sx);
	atomic_add_int(&order_done, 1);
}

static void
order_reader(void *arg)
{
	(void)arg;
	atomic_add_int(&order_started, 1);
	sx_slock(&order_sx);
	reader_at = ++order_seq;
	sx_sunlock(&order_sx);
	atomic_add_int(&order_done, 1);
}

/*
 * A writer waits while a reader holds the lock, and a reader arriving
 * after the writer waits behind it: first the writer, then the reader.
 */
KTEST(sx, writer_waits_and_goes_first)
{
	uint64_t end;

	sx_init(&order_sx, "ktest sx order");
	order_seq = writer_at = reader_at = order_started = order_done = 0;
	sx_slock(&order_sx);
	KT_ASSERT_EQ(kt, kthread_add(order_writer, NULL, NULL, PRI_KERN,
	    "kt_sxw"), 0);
	end = ticks + 2 * (uint64_t)hz;
	while (order_sx.sx_xwaiters == 0 && ticks < end)
		(void)pause("ktsx", 1);
	KT_ASSERT_EQ(kt, order_sx.sx_xwaiters, 1);
	KT_ASSERT_EQ(kt, kthread_add(order_reader, NULL, NULL, PRI_KERN,
	    "kt_sxr"), 0);
	KT_ASSERT(kt, wait_until(&order_started, 2, 2));
	(void)pause("ktsx", 5);
	/* Both still wait: this thread holds the lock shared. */
	KT_EXPECT_EQ(kt, writer_at, 0);
	KT_EXPECT_EQ(kt, reader_at, 0);
	sx_sunlock(&order_sx);
	KT_ASSERT(kt, wait_until(&order_done, 2, 2));
	KT_EXPECT_EQ(kt, writer_at, 1);
	KT_EXPECT_EQ(kt, reader_at, 2);
	sx_destroy(&order_sx);
}

#define MIX_WRITERS	2
#define MIX_READERS	3

static struct sx mix_sx;
static volatile uint64_t mix_value, mix_writes;
static volatile u_int mix_torn, mix_done;
static uint64_t mix_until;

/* Writers bump the value in two halves, with a window between. */
static void
mix_writer(void *arg)
{
	uint64_t v;
	int i;

	(void)arg;
	while (ticks < mix_until) {
		sx_xlock(&mix_sx);
		v = mix_value;
		mix_value = v + 1;
		for (i = 0; i < 300; i++)
			cpu_pause();
		mix_value = v + 2;
		mix_writes++;
		sx_xunlock(&mix_sx);
	}
	atomic_add_int(&mix_done, 1);
}

/* Readers must never see the odd middle state, nor a change. */
static void
mix_reader(void *arg)
{
	uint64_t a, b;
	int i;

	(void)arg;
	while (ticks < mix_until) {
		sx_slock(&mix_sx);
		a = mix_value;
		for (i = 0; i < 300; i++)
			cpu_pause();
		b = mix_value;
		if (a != b || a % 2 != 0)
			atomic_add_int(&mix_torn, 1);
		sx_sunlock(&mix_sx);
	}
	atomic_add_int(&mix_done, 1);
}

KTEST(sx, readers_and_writers_under_preemption)
{
	int i;

	sx_init(&mix_sx, "ktest sx mix");
	mix_value = mix_writes = 0;
	mix_torn = mix_done = 0;
	mix_until = ticks + hz / 2;
	for (i = 0; i < MIX_WRITERS; i++)
		KT_ASSERT_EQ(kt, kthread_add(mix_writer, NULL, NULL, PRI_KERN,
		    "kt_sxmw%d", i), 0);
	for (i = 0; i < MIX_READERS; i++)
		KT_ASSERT_EQ(kt, kthread_add(mix_reader, NULL, NULL, PRI_KERN,
		    "kt_sxmr%d", i), 0);
	KT_ASSERT(kt, wait_until(&mix_done, MIX_WRITERS + MIX_READERS, 5));
	KT_EXPECT_EQ(kt, mix_torn, 0);
	KT_EXPECT(kt, mix_writes > 0);
	KT_EXPECT_EQ(kt, mix_value, 2 * mix_writes);
	KT_EXPECT(kt, mix_sx.sx_owner == NULL && mix_sx.sx_sharers == 0 &&
	    mix_sx.sx_xwaiters == 0);
	sx_destroy(&mix_sx);
}
