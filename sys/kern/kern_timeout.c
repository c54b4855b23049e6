/*
 * kern_timeout.c: callouts on a timing wheel.
 *
 * The wheel has CALLWHEEL_SIZE buckets; a callout due at tick t sits in
 * bucket t % CALLWHEEL_SIZE, in the order it was set.  Each tick,
 * callout_tick() scans the current bucket and fires the callouts that are
 * due (a bucket also holds callouts due whole turns later; they stay).
 * Callouts due at the same tick therefore fire in the order they were
 * reset, and callouts due earlier fire earlier.  callout_mtx, a spin
 * mutex, protects the wheel and every callout's fields; it is dropped
 * while a callout function runs, so the function may reset or stop
 * callouts, its own included.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/mutex.h>
#include <sys/queue.h>

#define CALLWHEEL_SIZE	256	/* a power of two */

TAILQ_HEAD(callout_list, callout);

static struct mtx callout_mtx;
static struct callout_list callwheel[CALLWHEEL_SIZE];
static bool callout_ready;
static uint64_t callout_fired;	/* (callout_mtx) callouts run so far */

static void
callout_startup(const void *arg __unused)
{
	int i;

	mtx_init(&callout_mtx, "callout", NULL, MTX_SPIN);
	for (i = 0; i < CALLWHEEL_SIZE; i++)
		TAILQ_INIT(&callwheel[i]);
	callout_ready = true;
}
SYSINIT(callout, SI_SUB_CPU, SI_ORDER_FIRST, callout_startup, NULL);

void
callout_init(struct callout *c)
{
	memset(c, 0, sizeof(*c));
}

/*
 * callout_reset: call func(arg) from the clock interrupt in to_ticks ticks
 * (at least one), cancelling any earlier setting of c.
 */
void
callout_reset(struct callout *c, int to_ticks, void (*func)(void *),
    void *arg)
{
	KASSERT(callout_ready, ("callout_reset before SI_SUB_CPU"));
	KASSERT(func != NULL, ("callout_reset: no function"));
	mtx_lock_spin(&callout_mtx);
	if (c->c_flags & CALLOUT_PENDING)
		TAILQ_REMOVE(&callwheel[c->c_time % CALLWHEEL_SIZE], c,
		    c_links);
	c->c_time = ticks + (to_ticks > 0 ? (uint64_t)to_ticks : 1);
	c->c_func = func;
	c->c_arg = arg;
	c->c_flags = CALLOUT_PENDING | CALLOUT_ACTIVE;
	TAILQ_INSERT_TAIL(&callwheel[c->c_time % CALLWHEEL_SIZE], c, c_links);
	mtx_unlock_spin(&callout_mtx);
}

/* callout_stop: cancel c; returns 1 if it was pending, else 0. */
int
callout_stop(struct callout *c)
{
	int was_pending;

	if (!callout_ready)
		return (0);
	mtx_lock_spin(&callout_mtx);
	was_pending = (c->c_flags & CALLOUT_PENDING) != 0;
	if (was_pending)
		TAILQ_REMOVE(&callwheel[c->c_time % CALLWHEEL_SIZE], c,
		    c_links);
	c->c_flags = 0;
	mtx_unlock_spin(&callout_mtx);
	return (was_pending);
}

bool
callout_pending(const struct callout *c)
{
	return ((c->c_flags & CALLOUT_PENDING) != 0);
}

/*
 * callout_tick: fire the callouts due now.  Called by hardclock() after
 * it advanced ticks, with interrupts disabled.
 */
void
callout_tick(void)
{
	struct callout_list *bucket;
	struct callout *c;
	uint64_t now = ticks;

	if (!callout_ready)
		return;
	bucket = &callwheel[now % CALLWHEEL_SIZE];
	mtx_lock_spin(&callout_mtx);
	for (;;) {
		void (*func)(void *);
		void *arg;

		TAILQ_FOREACH(c, bucket, c_links)
			if (c->c_time <= now)
				break;
		if (c == NULL)
			break;
		TAILQ_REMOVE(bucket, c, c_links);
		c->c_flags &= ~CALLOUT_PENDING;
		func = c->c_func;
		arg = c->c_arg;
		callout_fired++;
		mtx_unlock_spin(&callout_mtx);	/* the function may reset c */
		func(arg);
		mtx_lock_spin(&callout_mtx);
	}
	mtx_unlock_spin(&callout_mtx);
}

/* In-kernel tests.  They need the clock running (interrupts on). */

#define ORDER_N	6

struct order_probe {
	int	seq[ORDER_N];	/* which callout fired n-th */
	volatile int n;
};

static struct order_probe order_probe;

static void
order_record(void *arg)
{
	int id = (int)(uintptr_t)arg;

	if (order_probe.n < ORDER_N)
		order_probe.seq[order_probe.n++] = id;
}

/* Wait (interrupts on) until cond, or secs seconds of ticks. */
#define WAIT_TICKS_FOR(cond, secs)					\
	do {								\
		uint64_t _end = ticks + (secs) * (uint64_t)hz;		\
		while (!(cond) && ticks < _end)				\
			__asm__ volatile("sti; hlt");			\
	} while (0)

KTEST(callout, fire_in_order)
{
	static struct callout c[ORDER_N];
	/* Delays in ticks; ids 4 and 5 share a tick: set order decides. */
	static const int delay[ORDER_N] = { 9, 2, 6, 4, 7, 7 };
	int i;

	memset(&order_probe, 0, sizeof(order_probe));
	for (i = 0; i < ORDER_N; i++) {
		callout_init(&c[i]);
		callout_reset(&c[i], delay[i], order_record,
		    (void *)(uintptr_t)i);
	}
	WAIT_TICKS_FOR(order_probe.n == ORDER_N, 2);
	KT_ASSERT_EQ(kt, order_probe.n, ORDER_N);
	KT_EXPECT_EQ(kt, order_probe.seq[0], 1);
	KT_EXPECT_EQ(kt, order_probe.seq[1], 3);
	KT_EXPECT_EQ(kt, order_probe.seq[2], 2);
	KT_EXPECT_EQ(kt, order_probe.seq[3], 4);
	KT_EXPECT_EQ(kt, order_probe.seq[4], 5);
	KT_EXPECT_EQ(kt, order_probe.seq[5], 0);
}

KTEST(callout, stop_prevents_firing)
{
	static struct callout c1, c2;

	memset(&order_probe, 0, sizeof(order_probe));
	callout_init(&c1);
	callout_init(&c2);
	callout_reset(&c1, 3, order_record, (void *)1);
	callout_reset(&c2, 5, order_record, (void *)2);
	KT_EXPECT(kt, callout_pending(&c1));
	KT_EXPECT_EQ(kt, callout_stop(&c1), 1);
	KT_EXPECT_EQ(kt, callout_stop(&c1), 0);
	WAIT_TICKS_FOR(order_probe.n >= 1, 2);
	KT_ASSERT_EQ(kt, order_probe.n, 1);
	KT_EXPECT_EQ(kt, order_probe.seq[0], 2);
	KT_EXPECT(kt, !callout_pending(&c2));
}

/* A reset moves a pending callout; a far one survives a wheel turn. */
KTEST(callout, reset_and_wrap)
{
	static struct callout c;
	uint64_t start = ticks;

	memset(&order_probe, 0, sizeof(order_probe));
	callout_init(&c);
	callout_reset(&c, 2, order_record, (void *)7);
	callout_reset(&c, CALLWHEEL_SIZE + 3, order_record, (void *)8);
	WAIT_TICKS_FOR(order_probe.n >= 1, 4 + CALLWHEEL_SIZE / hz);
	KT_ASSERT_EQ(kt, order_probe.n, 1);
	KT_EXPECT_EQ(kt, order_probe.seq[0], 8);
	KT_EXPECT(kt, ticks - start >= CALLWHEEL_SIZE + 3);
}
