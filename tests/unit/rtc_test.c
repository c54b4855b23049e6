/*
 * rtc_test.c: the RTC's register decoding (sys/dev/rtc/rtc.c) in every
 * mode (BCD or binary, 12- or 24-hour, with or without a century
 * register), and the calendar arithmetic under it (sys/kern/subr_clock.c),
 * checked against the C library's timegm() and gmtime_r() over many
 * pseudo-random dates.
 */
#include <atf-c.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "kshim.h"
#include "../../sys/dev/rtc/rtc.h"
#include "../../sys/sys/clock.h"

#define NRANDOM	200000

/* rtc.c takes a spin mutex around port accesses; nothing to lock here. */
struct mtx;
void	mtx_init(struct mtx *m, const char *name, const char *type, int opts);
void	mtx_lock_spin(struct mtx *m);
void	mtx_unlock_spin(struct mtx *m);

void
mtx_init(struct mtx *m, const char *name, const char *type, int opts)
{
}

void
mtx_lock_spin(struct mtx *m)
{
}

void
mtx_unlock_spin(struct mtx *m)
{
}

/* A fixed-seed generator, so failures reproduce. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (rng_state);
}

static uint8_t
enc(int v, bool bin)
{
	return (bin ? (uint8_t)v : (uint8_t)((v / 10) << 4 | (v % 10)));
}

/* Fill regs as an RTC in the given mode would show the time tm. */
static void
rtc_encode(const struct tm *tm, bool bin, bool h24, u_int century_reg,
    uint8_t regs[RTC_NREGS])
{
	int year = tm->tm_year + 1900;

	memset(regs, 0, RTC_NREGS);
	regs[RTC_STATUSB] = (bin ? RTCSB_BIN : 0) | (h24 ? RTCSB_24HR : 0);
	regs[RTC_SEC] = enc(tm->tm_sec, bin);
	regs[RTC_MIN] = enc(tm->tm_min, bin);
	if (h24)
		regs[RTC_HRS] = enc(tm->tm_hour, bin);
	else
		regs[RTC_HRS] = enc(tm->tm_hour % 12 == 0 ? 12 :
		    tm->tm_hour % 12, bin) | (tm->tm_hour >= 12 ? RTC_HRS_PM :
		    0);
	regs[RTC_DAY] = enc(tm->tm_mday, bin);
	regs[RTC_MONTH] = enc(tm->tm_mon + 1, bin);
	regs[RTC_YEAR] = enc(year % 100, bin);
	if (century_reg != 0)
		regs[century_reg] = enc(year / 100, bin);
}

static void
set_regs(uint8_t regs[RTC_NREGS], uint8_t sb, int year, int mon, int day,
    int hour, int min, int sec)
{
	memset(regs, 0, RTC_NREGS);
	regs[RTC_STATUSB] = sb;
	regs[RTC_YEAR] = (uint8_t)year;
	regs[RTC_MONTH] = (uint8_t)mon;
	regs[RTC_DAY] = (uint8_t)day;
	regs[RTC_HRS] = (uint8_t)hour;
	regs[RTC_MIN] = (uint8_t)min;
	regs[RTC_SEC] = (uint8_t)sec;
}

ATF_TC_WITHOUT_HEAD(rtc__bcd_24h_with_century);
ATF_TC_BODY(rtc__bcd_24h_with_century, tc)
{
	uint8_t regs[RTC_NREGS];
	struct clocktime ct;
	struct timespec ts;

	/* 2026-11-22 02:30:00 as QEMU keeps it: BCD, 24-hour. */
	set_regs(regs, RTCSB_24HR, 0x26, 0x11, 0x22, 0x02, 0x30, 0x00);
	regs[RTC_CENTURY] = 0x20;
	ATF_REQUIRE_EQ(rtc_decode(regs, RTC_CENTURY, &ct), 0);
	ATF_CHECK_EQ(ct.year, 2026);
	ATF_CHECK_EQ(ct.mon, 11);
	ATF_CHECK_EQ(ct.day, 22);
	ATF_CHECK_EQ(ct.hour, 2);
	ATF_CHECK_EQ(ct.min, 30);
	ATF_CHECK_EQ(ct.sec, 0);
	ATF_REQUIRE_EQ(clock_ct_to_ts(&ct, &ts), 0);
	ATF_CHECK_EQ(ts.tv_sec, 1795314600);
	ATF_CHECK_EQ(ts.tv_nsec, 0);

	set_regs(regs, RTCSB_24HR, 0x99, 0x12, 0x31, 0x23, 0x59, 0x59);
	regs[RTC_CENTURY] = 0x19;
	ATF_REQUIRE_EQ(rtc_decode(regs, RTC_CENTURY, &ct), 0);
	ATF_CHECK_EQ(ct.year, 1999);
	ATF_CHECK_EQ(ct.hour, 23);
}

ATF_TC_WITHOUT_HEAD(rtc__binary_24h);
ATF_TC_BODY(rtc__binary_24h, tc)
{
	uint8_t regs[RTC_NREGS];
	struct clocktime ct;

	set_regs(regs, RTCSB_24HR | RTCSB_BIN, 24, 2, 29, 23, 59, 58);
	regs[RTC_CENTURY] = 20;
	ATF_REQUIRE_EQ(rtc_decode(regs, RTC_CENTURY, &ct), 0);
	ATF_CHECK_EQ(ct.year, 2024);
	ATF_CHECK_EQ(ct.mon, 2);
	ATF_CHECK_EQ(ct.day, 29);
	ATF_CHECK_EQ(ct.hour, 23);
	ATF_CHECK_EQ(ct.min, 59);
	ATF_CHECK_EQ(ct.sec, 58);
}

ATF_TC_WITHOUT_HEAD(rtc__12h_modes);
ATF_TC_BODY(rtc__12h_modes, tc)
{
	static const struct {
		uint8_t	sb, reg;
		int	hour;
	} cases[] = {
		{ 0, 0x12, 0 },				/* 12 AM, BCD */
		{ 0, 0x01, 1 },
		{ 0, 0x11, 11 },
		{ 0, 0x80 | 0x12, 12 },			/* 12 PM */
		{ 0, 0x80 | 0x01, 13 },
		{ 0, 0x80 | 0x11, 23 },
		{ RTCSB_BIN, 12, 0 },			/* binary */
		{ RTCSB_BIN, 0x80 | 12, 12 },
		{ RTCSB_BIN, 0x80 | 7, 19 },
	};
	uint8_t regs[RTC_NREGS];
	struct clocktime ct;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set_regs(regs, cases[i].sb, 0x25, 0x06, 0x15, cases[i].reg,
		    0x00, 0x00);
		if (cases[i].sb & RTCSB_BIN)
			set_regs(regs, cases[i].sb, 25, 6, 15, cases[i].reg, 0,
			    0);
		ATF_REQUIRE_EQ_MSG(rtc_decode(regs, 0, &ct), 0, "case %zu", i);
		ATF_CHECK_EQ_MSG(ct.hour, cases[i].hour, "case %zu", i);
	}
	/* Hour 0 and 13 do not exist on a 12-hour clock. */
	set_regs(regs, 0, 0x25, 0x06, 0x15, 0x00, 0x00, 0x00);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);
	set_regs(regs, 0, 0x25, 0x06, 0x15, 0x80 | 0x13, 0x00, 0x00);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);
}

ATF_TC_WITHOUT_HEAD(rtc__century_inferred_without_register);
ATF_TC_BODY(rtc__century_inferred_without_register, tc)
{
	uint8_t regs[RTC_NREGS];
	struct clocktime ct;

	set_regs(regs, RTCSB_24HR, 0x69, 0x01, 0x01, 0x00, 0x00, 0x00);
	ATF_REQUIRE_EQ(rtc_decode(regs, 0, &ct), 0);
	ATF_CHECK_EQ(ct.year, 2069);
	set_regs(regs, RTCSB_24HR, 0x70, 0x01, 0x01, 0x00, 0x00, 0x00);
	ATF_REQUIRE_EQ(rtc_decode(regs, 0, &ct), 0);
	ATF_CHECK_EQ(ct.year, 1970);
	/* A century register holding nonsense: inferred too. */
	regs[RTC_CENTURY] = 0xff;
	ATF_REQUIRE_EQ(rtc_decode(regs, RTC_CENTURY, &ct), 0);
	ATF_CHECK_EQ(ct.year, 1970);
	regs[RTC_CENTURY] = 0x21;
	ATF_REQUIRE_EQ(rtc_decode(regs, RTC_CENTURY, &ct), 0);
	ATF_CHECK_EQ(ct.year, 2170);
}

ATF_TC_WITHOUT_HEAD(rtc__invalid_fields_rejected);
ATF_TC_BODY(rtc__invalid_fields_rejected, tc)
{
	uint8_t regs[RTC_NREGS];
	struct clocktime ct;

	set_regs(regs, RTCSB_24HR, 0x26, 0x11, 0x22, 0x02, 0x3a, 0x00);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);	/* BCD digit */
	set_regs(regs, RTCSB_24HR, 0x26, 0x13, 0x22, 0x02, 0x30, 0x00);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);	/* month 13 */
	set_regs(regs, RTCSB_24HR, 0x26, 0x04, 0x31, 0x02, 0x30, 0x00);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);	/* April 31 */
	set_regs(regs, RTCSB_24HR, 0x23, 0x02, 0x29, 0x02, 0x30, 0x00);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);	/* 2023-02-29 */
	set_regs(regs, RTCSB_24HR, 0x00, 0x02, 0x29, 0x02, 0x30, 0x00);
	regs[RTC_CENTURY] = 0x21;
	ATF_CHECK_EQ(rtc_decode(regs, RTC_CENTURY, &ct), EINVAL); /* 2100 */
	regs[RTC_CENTURY] = 0x20;
	ATF_CHECK_EQ(rtc_decode(regs, RTC_CENTURY, &ct), 0);	/* 2000 */
	set_regs(regs, RTCSB_24HR, 0x26, 0x11, 0x22, 0x24, 0x30, 0x00);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);	/* hour 24 */
	set_regs(regs, RTCSB_24HR | RTCSB_BIN, 26, 11, 22, 2, 60, 0);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);	/* minute 60 */
	set_regs(regs, RTCSB_24HR | RTCSB_BIN, 26, 11, 0, 2, 30, 0);
	ATF_CHECK_EQ(rtc_decode(regs, 0, &ct), EINVAL);	/* day 0 */
}

/* Random instants, encoded in a random mode, decode to themselves. */
ATF_TC_WITHOUT_HEAD(rtc__random_roundtrip_against_gmtime);
ATF_TC_BODY(rtc__random_roundtrip_against_gmtime, tc)
{
	const time_t y2070 = 3155760000, y10000 = 253402300800;
	uint8_t regs[RTC_NREGS];
	struct clocktime ct;
	struct timespec ts;
	struct tm tm;
	int i;

	for (i = 0; i < NRANDOM; i++) {
		uint64_t r = rng();
		bool bin = r & 1, h24 = r & 2, century = r & 4;
		time_t t = (time_t)(rng() % (uint64_t)(century ? y10000 :
		    y2070));

		ATF_REQUIRE(gmtime_r(&t, &tm) != NULL);
		rtc_encode(&tm, bin, h24, century ? RTC_CENTURY : 0, regs);
		ATF_REQUIRE_EQ_MSG(rtc_decode(regs, century ? RTC_CENTURY : 0,
		    &ct), 0, "t %lld bin %d h24 %d", (long long)t, bin, h24);
		ATF_REQUIRE_EQ(clock_ct_to_ts(&ct, &ts), 0);
		ATF_REQUIRE_EQ_MSG(ts.tv_sec, t, "t %lld bin %d h24 %d "
		    "century %d: got %lld", (long long)t, bin, h24, century,
		    (long long)ts.tv_sec);
	}
}

/* Days from civil dates, over four millennia, against timegm(). */
ATF_TC_WITHOUT_HEAD(clock__days_from_civil_against_timegm);
ATF_TC_BODY(clock__days_from_civil_against_timegm, tc)
{
	int i;

	for (i = 0; i < NRANDOM; i++) {
		int64_t year = 1 + (int64_t)(rng() % 4000);
		int mon = 1 + (int)(rng() % 12);
		int day = 1 + (int)(rng() % clock_days_in_month(year, mon));
		struct tm tm;
		time_t t;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = (int)(year - 1900);
		tm.tm_mon = mon - 1;
		tm.tm_mday = day;
		t = timegm(&tm);
		ATF_REQUIRE_EQ_MSG(clock_days_from_civil(year, mon, day) *
		    SECS_PER_DAY, (int64_t)t, "%lld-%02d-%02d",
		    (long long)year, mon, day);
		/* timegm normalizes: the date was valid. */
		ATF_REQUIRE_EQ(tm.tm_mday, day);
	}
	ATF_CHECK_EQ(clock_days_from_civil(1970, 1, 1), 0);
	ATF_CHECK_EQ(clock_days_from_civil(2000, 3, 1), 11017);
	ATF_CHECK_EQ(clock_days_from_civil(1969, 12, 31), -1);
}

/* The inverse, and the day of the week, against gmtime_r(). */
ATF_TC_WITHOUT_HEAD(clock__ts_to_ct_against_gmtime);
ATF_TC_BODY(clock__ts_to_ct_against_gmtime, tc)
{
	int i;

	for (i = 0; i < NRANDOM; i++) {
		/* Years 1 to about 4000, either side of the epoch. */
		time_t t = (time_t)(rng() % 126000000000ull) - 62135596800ll;
		struct timespec ts = { t, (long)(rng() % 1000000000) };
		struct timespec back;
		struct clocktime ct;
		struct tm tm;

		ATF_REQUIRE(gmtime_r(&t, &tm) != NULL);
		clock_ts_to_ct(&ts, &ct);
		ATF_REQUIRE_EQ_MSG(ct.year, tm.tm_year + 1900, "t %lld",
		    (long long)t);
		ATF_REQUIRE_EQ(ct.mon, tm.tm_mon + 1);
		ATF_REQUIRE_EQ(ct.day, tm.tm_mday);
		ATF_REQUIRE_EQ(ct.hour, tm.tm_hour);
		ATF_REQUIRE_EQ(ct.min, tm.tm_min);
		ATF_REQUIRE_EQ(ct.sec, tm.tm_sec);
		ATF_REQUIRE_EQ_MSG(ct.dow, tm.tm_wday, "t %lld", (long long)t);
		ATF_REQUIRE_EQ(ct.nsec, ts.tv_nsec);
		if (t >= 0) {
			ATF_REQUIRE_EQ(clock_ct_to_ts(&ct, &back), 0);
			ATF_REQUIRE_EQ(back.tv_sec, t);
			ATF_REQUIRE_EQ(back.tv_nsec, ts.tv_nsec);
		}
	}
}

ATF_TC_WITHOUT_HEAD(clock__ct_to_ts_rejects_bad_fields);
ATF_TC_BODY(clock__ct_to_ts_rejects_bad_fields, tc)
{
	const struct clocktime good = { 2026, 11, 22, 2, 30, 0, 0, 0 };
	struct clocktime ct;
	struct timespec ts;

	ATF_REQUIRE_EQ(clock_ct_to_ts(&good, &ts), 0);
	ct = good, ct.year = 1969;
	ATF_CHECK_EQ(clock_ct_to_ts(&ct, &ts), EINVAL);
	ct = good, ct.mon = 0;
	ATF_CHECK_EQ(clock_ct_to_ts(&ct, &ts), EINVAL);
	ct = good, ct.day = 31;
	ATF_CHECK_EQ(clock_ct_to_ts(&ct, &ts), EINVAL);
	ct = good, ct.hour = -1;
	ATF_CHECK_EQ(clock_ct_to_ts(&ct, &ts), EINVAL);
	ct = good, ct.sec = 60;
	ATF_CHECK_EQ(clock_ct_to_ts(&ct, &ts), EINVAL);
	ct = good, ct.nsec = 1000000000;
	ATF_CHECK_EQ(clock_ct_to_ts(&ct, &ts), EINVAL);
	ATF_CHECK_EQ(clock_days_in_month(2024, 2), 29);
	ATF_CHECK_EQ(clock_days_in_month(1900, 2), 28);
	ATF_CHECK_EQ(clock_days_in_month(2000, 2), 29);
	ATF_CHECK_EQ(clock_days_in_month(2026, 13), 0);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, rtc__bcd_24h_with_century);
	ATF_TP_ADD_TC(tp, rtc__binary_24h);
	ATF_TP_ADD_TC(tp, rtc__12h_modes);
	ATF_TP_ADD_TC(tp, rtc__century_inferred_without_register);
	ATF_TP_ADD_TC(tp, rtc__invalid_fields_rejected);
	ATF_TP_ADD_TC(tp, rtc__random_roundtrip_against_gmtime);
	ATF_TP_ADD_TC(tp, clock__days_from_civil_against_timegm);
	ATF_TP_ADD_TC(tp, clock__ts_to_ct_against_gmtime);
	ATF_TP_ADD_TC(tp, clock__ct_to_ts_rejects_bad_fields);
	return (atf_no_error());
}
