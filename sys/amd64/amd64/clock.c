/*
 * clock.c: the amd64 clock hardware and its start at boot.
 *
 * Three pieces of hardware:
 *   - the TSC counts CPU reference cycles; it is the timecounter behind
 *     uptime (kern_tc.c) and the clock of DELAY();
 *   - the local APIC timer interrupts hz times a second: the tick that
 *     drives hardclock() (kern_clock.c);
 *   - the i8254 (PIT) has a known input clock, 1193182 Hz, so it is the
 *     ruler the other two are measured with.
 *
 * Calibration (clock_calibrate) uses the i8254's channel 2, whose gate
 * software controls through port 0x61 (bit 0) and whose output can be
 * read back there (bit 5): in mode 0 the output rises when the count
 * runs out, and the counter goes on counting down.  The LAPIC timer
 * (one-shot from 2^32-1, masked), the TSC and the latched i8254 count
 * are sampled when the count starts and again when the output is seen
 * to rise, 50 ms later (after a 1 ms run that warms the code up).  The
 * i8254 counts between the samples give the true interval even when the
 * end is noticed late: under QEMU a busy host can deschedule the virtual
 * CPU for a millisecond or more, which made an earlier version that
 * trusted the nominal 50 ms read 2 % fast.  Since both samples read the
 * three clocks in the same order, the small gaps between the reads
 * cancel.  When CPUID
 * leaf 0x15 gives
 * the TSC's crystal ratio and crystal frequency, the TSC frequency is
 * taken from there instead (leaf 0x16 is not used: it is a rounded
 * nominal frequency).  Measured results under QEMU TCG are in
 * share/doc/interrupts-and-time.md.
 *
 * Boot order: clock_init runs first in SI_SUB_CLOCKS (after the
 * interrupt controllers, with interrupts still disabled): calibrate,
 * register the TSC timecounter, set the wall clock from the RTC, then
 * start the LAPIC timer periodic at hz.  intr_machdep.c enables
 * interrupts last in SI_SUB_CLOCKS.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/clock.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/systm.h>
#include <sys/time.h>
#include <sys/timetc.h>

#include <machine/apicvar.h>
#include <machine/clock.h>
#include <machine/cpufunc.h>
#include <machine/intr_machdep.h>

#include <dev/rtc/rtc.h>

#define CALIB_MS	50		/* the measured window */
#define I8254_MAX_POLLS	100000000ul	/* the output must rise by then */

#define CPUID_INVARIANT_TSC 0x00000100	/* leaf 0x80000007 EDX */

uint64_t	tsc_freq;
bool		tsc_freq_cpuid;
bool		tsc_invariant;
static uint32_t	calib_ticks;	/* i8254 clocks the calibration took */

static uint64_t	tsc_get_timecount(struct timecounter *tc);

static struct timecounter tsc_timecounter = {
	.tc_get_timecount = tsc_get_timecount,
	.tc_name = "TSC",
	.tc_quality = 1000,
};

/* The current count of i8254 channel 2, latched. */
static uint16_t
i8254_ch2_read(void)
{
	uint8_t lo, hi;

	outb(TIMER_MODE, TIMER_SEL2 | TIMER_LATCH);
	lo = inb(TIMER_CNTR2);
	hi = inb(TIMER_CNTR2);
	return (lo | hi << 8);
}

/*
 * i8254_gate_wait: run i8254 channel 2 for count (1-65535) input clocks
 * and busy-wait for it.  If ticksp is not NULL, measure too: return the
 * i8254 clocks, TSC counts and LAPIC timer counts (the timer must be
 * counting down one-shot; lapicp may be NULL) that passed between a
 * sample taken at the start and one taken when the end was noticed.
 * Each sample reads the LAPIC timer, the TSC and the latched i8254 count
 * in that order.  The counter keeps counting down past zero (wrapping to
 * 0xffff), so however late the end is noticed (up to 55 ms: a host may
 * deschedule a virtual CPU for milliseconds) the i8254 clocks elapsed
 * are exact.  Returns 0, or ENXIO if the output never rose (no i8254).
 * The caller owns channel 2 (boot, or DELAY before calibration).
 */
int
i8254_gate_wait(uint32_t count, uint32_t *ticksp, uint64_t *tscp,
    uint32_t *lapicp)
{
	uint64_t tsc0 = 0, tsc1 = 0;
	uint32_t l0 = 0, l1 = 0;
	uint16_t p0 = 0, p1 = 0;
	u_long polls;
	uint8_t ppi;

	KASSERT(count > 0 && count <= 0xffff,
	    ("i8254_gate_wait: count %u", count));
	ppi = inb(IO_PPI) & ~PPI_SPKR;
	outb(IO_PPI, ppi | PPI_GATE2);
	outb(TIMER_MODE, TIMER_SEL2 | TIMER_16BIT | TIMER_INTTC);
	outb(TIMER_CNTR2, count & 0xff);
	outb(TIMER_CNTR2, count >> 8);		/* counting starts */
	if (ticksp != NULL) {
		if (lapicp != NULL)
			l0 = lapic_timer_read();
		tsc0 = rdtsc();
		p0 = i8254_ch2_read();
	}
	for (polls = 0; (inb(IO_PPI) & PPI_OUT2) == 0; polls++)
		if (polls == I8254_MAX_POLLS)
			return (ENXIO);
	if (ticksp != NULL) {
		if (lapicp != NULL)
			l1 = lapic_timer_read();
		tsc1 = rdtsc();
		p1 = i8254_ch2_read();
	}
	outb(IO_PPI, ppi & ~PPI_GATE2);
	if (ticksp != NULL) {
		/* p0 down to 0, then 0xffff down to p1. */
		*ticksp = p0 + 0x10000u - p1;
		*tscp = tsc1 - tsc0;
		if (lapicp != NULL)
			*lapicp = l0 - l1;
	}
	return (0);
}

/* i8254_delay: busy-wait usec microseconds on i8254 channel 2. */
void
i8254_delay(int usec)
{
	while (usec > 0) {
		int chunk = usec > 50000 ? 50000 : usec;
		uint32_t count = (uint64_t)chunk * I8254_FREQ / 1000000;

		if (count > 0 &&
		    i8254_gate_wait(count, NULL, NULL, NULL) != 0)
			panic("i8254_delay: the i8254 does not count");
		usec -= chunk;
	}
}

static uint64_t
tsc_get_timecount(struct timecounter *tc __unused)
{
	return (rdtsc());
}

/* What CPUID says about the TSC: invariance, and maybe its frequency. */
static void
tsc_identify(void)
{
	uint32_t regs[4], maxleaf;

	do_cpuid(0x80000000, regs);
	if (regs[0] >= 0x80000007) {
		do_cpuid(0x80000007, regs);
		tsc_invariant = (regs[3] & CPUID_INVARIANT_TSC) != 0;
	}
	do_cpuid(0, regs);
	maxleaf = regs[0];
	if (maxleaf >= 0x15) {
		/* EAX/EBX: TSC/crystal ratio; ECX: crystal Hz (or 0). */
		do_cpuid(0x15, regs);
		if (regs[0] != 0 && regs[1] != 0 && regs[2] != 0) {
			tsc_freq = (uint64_t)regs[2] * regs[1] / regs[0];
			tsc_freq_cpuid = true;
		}
	}
}

/*
 * clock_calibrate: measure the TSC (unless CPUID gave it) and the LAPIC
 * timer against the i8254.  Returns 0 or ENXIO.
 */
static int
clock_calibrate(void)
{
	uint32_t lapic, ticks;
	uint64_t tsc;
	int error;

	/* A short run first, so the measured one runs warm. */
	lapic_timer_oneshot_masked(0xffffffff);
	error = i8254_gate_wait(I8254_FREQ / 1000, &ticks, &tsc, &lapic);
	if (error != 0)
		return (error);
	lapic_timer_oneshot_masked(0xffffffff);
	error = i8254_gate_wait(I8254_FREQ * CALIB_MS / 1000, &ticks, &tsc,
	    &lapic);
	lapic_timer_stop();
	if (error != 0)
		return (error);
	calib_ticks = ticks;
	if (!tsc_freq_cpuid)
		tsc_freq = tsc * I8254_FREQ / ticks;
	lapic_timer_freq = (uint64_t)lapic * I8254_FREQ / ticks;
	return (0);
}

/* Print a frequency in MHz with three decimals. */
static void
print_mhz(uint64_t hz_)
{
	printf("%lu.%03lu MHz", hz_ / 1000000, hz_ / 1000 % 1000);
}

/* The LAPIC timer's interrupt: the tick. */
static void
clock_lapic_intr(void *arg __unused, struct trapframe *tf)
{
	hardclock(tf);
}

/*
 * clock_init: calibrate, start uptime and wall-clock time, start the
 * tick.  Interrupts disabled.
 */
static void
clock_init(const void *arg __unused)
{
	struct clocktime ct;
	struct timespec ts;
	uint64_t count;
	int error;

	tsc_identify();
	error = clock_calibrate();
	if (error != 0)
		panic("clock_init: no i8254 to calibrate the timers with");

	tsc_timecounter.tc_frequency = tsc_freq;
	tc_init(&tsc_timecounter);
	printf("tsc: ");
	print_mhz(tsc_freq);
	printf(" (%lu Hz, %s, over %u i8254 clocks)%s\n", tsc_freq,
	    tsc_freq_cpuid ? "from CPUID 0x15" : "i8254-calibrated",
	    calib_ticks, tsc_invariant ? ", invariant" : "");

	count = lapic_timer_freq / hz;
	if (count == 0 || count > 0xffffffff)
		panic("clock_init: LAPIC timer at %lu Hz cannot tick at hz %d",
		    lapic_timer_freq, hz);
	printf("lapic: timer ");
	print_mhz(lapic_timer_freq);
	printf(" (%lu Hz, bus clock / 16); hz %d, %lu counts a tick\n",
	    lapic_timer_freq, hz, count);

	error = rtc_gettime(&ts);
	if (error != 0) {
		printf("rtc: cannot read the clock (error %d); wall-clock "
		    "time starts at the epoch\n", error);
		ts.tv_sec = 0;
		ts.tv_nsec = 0;
	}
	tc_setclock(&ts);
	clock_ts_to_ct(&ts, &ct);
	printf("Clock: %04d-%02d-%02d %02d:%02d:%02d UTC\n", ct.year, ct.mon,
	    ct.day, ct.hour, ct.min, ct.sec);

	error = intr_setup_vector(APIC_TIMER_INT, "lapic timer",
	    clock_lapic_intr, NULL);
	KASSERT(error == 0, ("clock_init: timer vector: %d", error));
	lapic_timer_periodic((uint32_t)count, APIC_TIMER_INT);
}
SYSINIT(clocks, SI_SUB_CLOCKS, SI_ORDER_FIRST, clock_init, NULL);

/*
 * DELAY: busy-wait at least usec microseconds, on the TSC once it is
 * calibrated, on the i8254 before.  For drivers and short waits; it
 * neither sleeps nor yields.
 */
void
DELAY(int usec)
{
	uint64_t start, wait;

	if (usec <= 0)
		return;
	if (tsc_freq == 0) {
		i8254_delay(usec);
		return;
	}
	start = rdtsc();
	wait = (uint64_t)usec * tsc_freq / 1000000;
	while (rdtsc() - start < wait)
		cpu_pause();
}

KTEST(clock, calibration_plausible)
{
	KT_EXPECT(kt, tsc_freq >= 100000000ul);		/* >= 100 MHz */
	KT_EXPECT(kt, tsc_freq <= 10000000000ul);	/* <= 10 GHz */
	KT_EXPECT(kt, lapic_timer_freq >= 1000000ul);	/* >= 1 MHz */
	KT_EXPECT(kt, timecounter != NULL &&
	    timecounter->tc_frequency == tsc_freq);
}

/* DELAY before calibration runs on the i8254: check that path too. */
KTEST(clock, i8254_delay)
{
	uint64_t t0, ns;
	bool early = false, inside = false;
	int i;

	/* Never early; within bounds in one of three tries (a loaded
	   host may deschedule the virtual CPU: kern_clock_test.c). */
	for (i = 0; i < 3 && !inside; i++) {
		t0 = nanouptime_ns();
		i8254_delay(10000);
		ns = nanouptime_ns() - t0;
		early |= ns < 5000000;
		inside = ns >= 5000000 && ns <= 15000000;
	}
	KT_EXPECT(kt, !early);
	KT_EXPECT(kt, inside);
}
