/*
 * rtc.c: the CMOS real-time clock, the source of wall-clock time at boot.
 *
 * The clock's registers are read through the CMOS index port 0x70 and
 * data port 0x71 (index bit 7 would mask NMIs: it is left clear).  Once a
 * second the chip updates its registers and holds the update-in-progress
 * bit (status A bit 7) for up to about 2 ms around it; a read during the
 * update can mix two seconds.  rtc_read() therefore waits for the bit to
 * clear, takes a snapshot, and repeats until two snapshots agree.
 *
 * rtc_decode() turns a snapshot into a struct clocktime.  Status B says
 * how fields are kept: binary or BCD (bit 2), 24- or 12-hour (bit 1; in
 * 12-hour mode the hour is 1-12 with bit 7 for PM, and 12 AM is
 * midnight).  The year register holds two digits; the century comes from
 * the CMOS register the FADT names (0x32 on PCs and QEMU), or, when
 * there is none, years 70-99 are taken as 19xx and 00-69 as 20xx.  The
 * day-of-week register is ignored, as many BIOSes leave it wrong.
 * rtc_decode() is pure and host-tested (tests/unit/rtc_test.c).
 *
 * The RTC is read in UTC: QEMU's follows the host's clock in UTC by
 * default.  XXX: a machine whose RTC keeps local time would need an
 * offset setting.
 *
 * Lock: rtc_lock (spin) keeps the index/data pair of port accesses
 * together.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/clock.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/time.h>

#include <machine/cpufunc.h>

#include <dev/acpi/acpi.h>
#include <dev/rtc/rtc.h>

#define IO_RTC		0x70	/* index; data at +1 */
#define RTC_UIP_POLLS	100000	/* bound on the update-in-progress wait */
#define RTC_TRIES	10	/* snapshots before giving up */

static struct mtx rtc_lock;

static void
rtc_init(const void *arg __unused)
{
	mtx_init(&rtc_lock, "rtc", NULL, MTX_SPIN);
}
SYSINIT(rtc, SI_SUB_INTR, SI_ORDER_ANY, rtc_init, NULL);

static uint8_t
rtc_inb(u_int reg)
{
	outb(IO_RTC, reg);
	return (inb(IO_RTC + 1));
}

/* Decode one BCD byte; -1 if a digit is not decimal. */
static int
bcd2bin(uint8_t v)
{
	if ((v & 0x0f) > 9 || (v >> 4) > 9)
		return (-1);
	return ((v >> 4) * 10 + (v & 0x0f));
}

/* The usable century register: the FADT's, if it is a plain CMOS byte. */
static u_int
rtc_century_reg(void)
{
	u_int reg = acpi_rtc_century_reg();

	return (reg > RTC_STATUSB + 2 && reg < RTC_NREGS ? reg : 0);
}

/*
 * rtc_decode: the date and time in the register snapshot regs (indexed
 * by CMOS register; century_reg 0 if there is no century register).
 * Returns 0, or EINVAL if a field is not a valid value.
 */
int
rtc_decode(const uint8_t regs[RTC_NREGS], u_int century_reg,
    struct clocktime *ct)
{
	uint8_t sb = regs[RTC_STATUSB];
	bool bin = (sb & RTCSB_BIN) != 0;
	uint8_t hrs = regs[RTC_HRS];
	bool pm = false;
	int yy, century;

#define FIELD(v) (bin ? (int)(v) : bcd2bin(v))
	if ((sb & RTCSB_24HR) == 0) {
		pm = (hrs & RTC_HRS_PM) != 0;
		hrs &= ~RTC_HRS_PM;
	}
	ct->sec = FIELD(regs[RTC_SEC]);
	ct->min = FIELD(regs[RTC_MIN]);
	ct->hour = FIELD(hrs);
	ct->day = FIELD(regs[RTC_DAY]);
	ct->mon = FIELD(regs[RTC_MONTH]);
	yy = FIELD(regs[RTC_YEAR]);
	century = century_reg != 0 ? FIELD(regs[century_reg]) : -1;
#undef FIELD
	ct->dow = 0;
	ct->nsec = 0;
	if (ct->sec < 0 || ct->min < 0 || ct->hour < 0 || ct->day < 0 ||
	    ct->mon < 0 || yy < 0 || yy > 99)
		return (EINVAL);
	if ((sb & RTCSB_24HR) == 0) {
		if (ct->hour < 1 || ct->hour > 12)
			return (EINVAL);
		ct->hour %= 12;			/* 12 AM is 0 */
		if (pm)
			ct->hour += 12;		/* 12 PM is 12 */
	}
	if (century >= 19 && century <= 99)
		ct->year = century * 100 + yy;
	else
		ct->year = yy < 70 ? 2000 + yy : 1900 + yy;
	if (ct->mon < 1 || ct->mon > 12 || ct->day < 1 ||
	    ct->day > clock_days_in_month(ct->year, ct->mon) ||
	    ct->hour > 23 || ct->min > 59 || ct->sec > 59)
		return (EINVAL);
	return (0);
}

/* Wait for no update in progress, then read the fields. */
static int
rtc_snapshot(uint8_t regs[RTC_NREGS], u_int century_reg)
{
	static const uint8_t fields[] = { RTC_SEC, RTC_MIN, RTC_HRS, RTC_DAY,
	    RTC_MONTH, RTC_YEAR, RTC_STATUSB };
	u_int i, polls;

	for (polls = 0; rtc_inb(RTC_STATUSA) & RTCSA_TUP; polls++)
		if (polls == RTC_UIP_POLLS)
			return (EIO);
	for (i = 0; i < sizeof(fields); i++)
		regs[fields[i]] = rtc_inb(fields[i]);
	if (century_reg != 0)
		regs[century_reg] = rtc_inb(century_reg);
	return (0);
}

/*
 * rtc_read: the RTC's date and time.  Returns 0, EIO if the clock never
 * held still, or EINVAL if it holds an invalid date.
 */
int
rtc_read(struct clocktime *ct)
{
	uint8_t a[RTC_NREGS], b[RTC_NREGS];
	u_int century_reg = rtc_century_reg();
	int error = EIO, try;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	mtx_lock_spin(&rtc_lock);
	for (try = 0; try < RTC_TRIES; try++) {
		if (rtc_snapshot(a, century_reg) != 0 ||
		    rtc_snapshot(b, century_reg) != 0)
			break;
		if (memcmp(a, b, sizeof(a)) == 0) {
			error = 0;
			break;
		}
	}
	mtx_unlock_spin(&rtc_lock);
	if (error != 0)
		return (error);
	return (rtc_decode(a, century_reg, ct));
}

/* rtc_gettime: the RTC's time as seconds since the epoch; errno. */
int
rtc_gettime(struct timespec *ts)
{
	struct clocktime ct;
	int error;

	error = rtc_read(&ct);
	if (error != 0)
		return (error);
	return (clock_ct_to_ts(&ct, ts));
}
