/*
 * subr_clock.c: converting between calendar dates and days (or seconds)
 * since 1970-01-01.
 *
 * Days from a civil date: shift the year to start on March 1, so the
 * leap day is the last day of the shifted year; then the day of the year
 * is (153 * m + 2) / 5 + d - 1 for the shifted month m (0 = March), which
 * reproduces the 31/30/31/30/31 pattern of month lengths from March on.
 * Years are grouped into 400-year eras of exactly 146097 days, so any
 * year, before or after the epoch, works with integer arithmetic; the
 * offset 719468 is the day number of 1970-01-01 counted from 0000-03-01.
 * clock_civil_from_days() inverts the same steps.  Both are pure and
 * host-tested against the C library's timegm() and gmtime_r()
 * (tests/unit/rtc_test.c).
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/clock.h>
#include <sys/time.h>

#define DAYS_PER_ERA	146097		/* 400 Gregorian years */
#define EPOCH_SHIFT	719468		/* 0000-03-01 to 1970-01-01 */

/* Floor division, for negative day numbers. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* clock_days_from_civil: days from 1970-01-01 to year-mon-day. */
int64_t
clock_days_from_civil(int64_t year, int mon, int day)
{
	int64_t era, yoe, doy, doe;

	year -= mon <= 2;
	era = floor_div(year, 400);
	yoe = year - era * 400;				/* 0-399 */
	doy = (153 * (mon > 2 ? mon - 3 : mon + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0-146096 */
	return (era * DAYS_PER_ERA + doe - EPOCH_SHIFT);
}

/* clock_civil_from_days: the date days after 1970-01-01. */
void
clock_civil_from_days(int64_t days, int64_t *yearp, int *monp, int *dayp)
{
	int64_t z, era, doe, yoe, doy, mp;

	z = days + EPOCH_SHIFT;
	era = floor_div(z, DAYS_PER_ERA);
	doe = z - era * DAYS_PER_ERA;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;			/* 0 = March */
	*dayp = (int)(doy - (153 * mp + 2) / 5 + 1);
	*monp = (int)(mp < 10 ? mp + 3 : mp - 9);
	*yearp = yoe + era * 400 + (*monp <= 2);
}

/* clock_days_in_month: 28-31, or 0 for a month outside 1-12. */
int
clock_days_in_month(int64_t year, int mon)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (mon < 1 || mon > 12)
		return (0);
	return (dim[mon - 1] + (mon == 2 && leap));
}

/*
 * clock_ct_to_ts: the instant ct names (UTC), as time since the epoch.
 * ct->dow is ignored.  Returns 0, or EINVAL if a field is out of range or
 * the date is before 1970.
 */
int
clock_ct_to_ts(const struct clocktime *ct, struct timespec *ts)
{
	int64_t days;

	if (ct->year < 1970 || ct->mon < 1 || ct->mon > 12 || ct->day < 1 ||
	    ct->day > clock_days_in_month(ct->year, ct->mon) ||
	    ct->hour < 0 || ct->hour > 23 || ct->min < 0 || ct->min > 59 ||
	    ct->sec < 0 || ct->sec > 59 || ct->nsec < 0 ||
	    ct->nsec >= NSEC_PER_SEC)
		return (EINVAL);
	days = clock_days_from_civil(ct->year, ct->mon, ct->day);
	ts->tv_sec = days * SECS_PER_DAY + ct->hour * 3600 + ct->min * 60 +
	    ct->sec;
	ts->tv_nsec = ct->nsec;
	return (0);
}

/* clock_ts_to_ct: the calendar fields (UTC) of the instant ts. */
void
clock_ts_to_ct(const struct timespec *ts, struct clocktime *ct)
{
	int64_t days, secs, year;

	days = floor_div(ts->tv_sec, SECS_PER_DAY);
	secs = ts->tv_sec - days * SECS_PER_DAY;
	clock_civil_from_days(days, &year, &ct->mon, &ct->day);
	ct->year = (int)year;
	ct->hour = (int)(secs / 3600);
	ct->min = (int)(secs % 3600 / 60);
	ct->sec = (int)(secs % 60);
	ct->dow = (int)(days + 4 - floor_div(days + 4, 7) * 7); /* Thursday */
	ct->nsec = ts->tv_nsec;
}
