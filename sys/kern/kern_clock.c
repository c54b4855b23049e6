/*
 * kern_clock.c: the periodic clock tick.
 *
 * The machine-dependent timer (the local APIC timer, amd64/amd64/clock.c)
 * interrupts hz times a second and calls hardclock() in interrupt
 * context.  hardclock() counts the tick in `ticks', samples the clocks
 * for the get*time() functions, then gives the callout wheel and the
 * scheduler their turn: callout_tick() runs what is due, sched_clock()
 * charges the running thread and sets TDF_NEEDRESCHED when its slice is
 * used up (the switch itself happens in ast_check_preempt, after the
 * interrupt's EOI); cputime_tick() charges its process, as user or
 * system time by where the tick interrupted it, and counts down its
 * ITIMER_VIRTUAL and ITIMER_PROF (kern_time.c).
 *
 * hz is 100 unless the boot environment says kern.hz=N (10-1000).
 */
#include <sys/types.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/proc.h>
#include <sys/systm.h>
#include <sys/sysctl.h>
#include <sys/time.h>

#include <machine/frame.h>
#include <machine/segments.h>

#define HZ_DEFAULT	100
#define HZ_MIN		10
#define HZ_MAX		1000

int	hz = HZ_DEFAULT;		/* (c) after SI_SUB_TUNABLES */
SYSCTL_INT(_kern, OID_AUTO, hz, CTLFLAG_RD, &hz, 0,
    "Number of clock ticks per second");
int	tick = 1000000 / HZ_DEFAULT;	/* (c) microseconds per tick */
volatile uint64_t ticks;		/* written by hardclock only */

/*
 * The callout and scheduler hooks.  Declared here until sys/callout.h
 * and sys/sched.h exist; kern_clock_hooks.c has placeholders.
 */
void	callout_tick(void);
void	sched_clock(struct thread *td);

/*
 * hz_parse: hz from the kern.hz setting s: a decimal number, clamped to
 * HZ_MIN..HZ_MAX; HZ_DEFAULT if s is NULL or not a number.
 */
static int
hz_parse(const char *s)
{
	long v = 0;

	if (s == NULL || *s == '\0')
		return (HZ_DEFAULT);
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return (HZ_DEFAULT);
		if (v <= HZ_MAX)
			v = v * 10 + (*s - '0');
	}
	if (v < HZ_MIN)
		return (HZ_MIN);
	if (v > HZ_MAX)
		return (HZ_MAX);
	return ((int)v);
}

static void
hz_init(const void *arg __unused)
{
	const char *s = kern_getenv("kern.hz");
	char buf[16];

	hz = hz_parse(s);
	tick = 1000000 / hz;
	snprintf(buf, sizeof(buf), "%d", hz);
	if (s != NULL && strcmp(s, buf) != 0)
		printf("kern.hz=\"%s\": using hz %d (valid: %d-%d)\n", s, hz,
		    HZ_MIN, HZ_MAX);
}
SYSINIT(hz, SI_SUB_TUNABLES, SI_ORDER_MIDDLE, hz_init, NULL);

/*
 * hardclock: one tick of the periodic timer.  Interrupt context:
 * interrupts disabled, pc_intr_nesting > 0.
 */
void
hardclock(struct trapframe *tf)
{
	ticks++;
	tc_ticktock();
	callout_tick();
	sched_clock(curthread);
	cputime_tick(curthread, (tf->tf_cs & SEL_RPL_MASK) != 0);
}

KTEST(clock, hz_parse)
{
	KT_EXPECT_EQ(kt, hz_parse(NULL), HZ_DEFAULT);
	KT_EXPECT_EQ(kt, hz_parse(""), HZ_DEFAULT);
	KT_EXPECT_EQ(kt, hz_parse("250"), 250);
	KT_EXPECT_EQ(kt, hz_parse("1000"), 1000);
	KT_EXPECT_EQ(kt, hz_parse("5"), HZ_MIN);
	KT_EXPECT_EQ(kt, hz_parse("0"), HZ_MIN);
	KT_EXPECT_EQ(kt, hz_parse("100000000000000000000"), HZ_MAX);
	KT_EXPECT_EQ(kt, hz_parse("12x"), HZ_DEFAULT);
	KT_EXPECT_EQ(kt, hz_parse("-5"), HZ_DEFAULT);
}

KTEST(clock, hz_sane)
{
	KT_EXPECT(kt, hz >= HZ_MIN && hz <= HZ_MAX);
	KT_EXPECT_EQ(kt, tick, 1000000 / hz);
}
