/*
 * clock.h: broken-down calendar time (struct clocktime) and its
 * conversion to and from seconds since the epoch (kern/subr_clock.c).
 *
 * Time-of-day hardware (the CMOS RTC) keeps the date in fields; the
 * kernel keeps time as seconds and nanoseconds since 1970-01-01 00:00:00
 * UTC.  Dates follow the proleptic Gregorian calendar, in UTC, without
 * leap seconds, as POSIX time does.
 *
 * Only <sys/types.h> here: host unit tests include this header beside
 * the C library's, whose struct timespec has the same layout.
 */
#ifndef _SYS_CLOCK_H_
#define _SYS_CLOCK_H_

#include <sys/types.h>

struct timespec;

struct clocktime {
	int	year;		/* e.g. 2026 */
	int	mon;		/* 1-12 */
	int	day;		/* 1-31 */
	int	hour;		/* 0-23 */
	int	min;		/* 0-59 */
	int	sec;		/* 0-59 */
	int	dow;		/* day of the week, 0 = Sunday */
	long	nsec;		/* 0-999999999 */
};

#define SECS_PER_DAY	86400

int64_t	clock_days_from_civil(int64_t year, int mon, int day);
void	clock_civil_from_days(int64_t days, int64_t *yearp, int *monp,
	    int *dayp);
int	clock_days_in_month(int64_t year, int mon);
int	clock_ct_to_ts(const struct clocktime *ct, struct timespec *ts);
void	clock_ts_to_ct(const struct timespec *ts, struct clocktime *ct);

#endif /* !_SYS_CLOCK_H_ */
