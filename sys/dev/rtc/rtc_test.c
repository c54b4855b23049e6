/*
 * rtc_test.c: in-kernel tests of the RTC and of wall-clock time: the
 * clock holds a plausible date, and wall-clock time (boottime + uptime,
 * kern_tc.c) keeps agreeing with it.  The decoding of every register
 * format is host-tested (tests/unit/rtc_test.c).
 */
#include <sys/types.h>
#include <sys/clock.h>
#include <sys/ktest.h>
#include <sys/systm.h>
#include <sys/time.h>

#include <dev/rtc/rtc.h>

#define Y2024	1704067200	/* 2024-01-01 00:00:00 UTC */

KTEST(rtc, read_plausible)
{
	struct clocktime ct;

	KT_ASSERT_EQ(kt, rtc_read(&ct), 0);
	printf("# RTC: %04d-%02d-%02d %02d:%02d:%02d\n", ct.year, ct.mon,
	    ct.day, ct.hour, ct.min, ct.sec);
	KT_EXPECT(kt, ct.year >= 2024 && ct.year < 2200);
}

KTEST(rtc, boottime_plausible)
{
	KT_EXPECT(kt, boottime.tv_sec >= Y2024);
	KT_EXPECT(kt, boottime.tv_usec >= 0 && boottime.tv_usec < 1000000);
}

/* nanotime() is boottime + uptime. */
KTEST(rtc, nanotime_is_boottime_plus_uptime)
{
	struct timespec now, up, sum, diff;
	struct timespec bt;

	nanouptime(&up);
	nanotime(&now);
	bt.tv_sec = boottime.tv_sec;
	bt.tv_nsec = boottime.tv_usec * 1000;
	timespecadd(&bt, &up, &sum);
	KT_ASSERT(kt, timespeccmp(&sum, &now, <=));
	timespecsub(&now, &sum, &diff);
	KT_EXPECT(kt, diff.tv_sec == 0 && diff.tv_nsec < 1000000);
}

/* The RTC and the TSC-driven wall clock have not drifted apart. */
KTEST(rtc, agrees_with_nanotime)
{
	struct timespec rtc, now;
	int64_t d;

	KT_ASSERT_EQ(kt, rtc_gettime(&rtc), 0);
	nanotime(&now);
	d = now.tv_sec - rtc.tv_sec;
	printf("# RTC %ld s, nanotime %ld.%09ld s\n", rtc.tv_sec, now.tv_sec,
	    now.tv_nsec);
	KT_EXPECT(kt, d >= -2 && d <= 2);
}
