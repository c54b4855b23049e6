/*
 * time_test: sleeps and timers.  nanosleep and clock_nanosleep (relative
 * and TIMER_ABSTIME, CLOCK_REALTIME and CLOCK_MONOTONIC) return no
 * earlier than asked, measured on CLOCK_MONOTONIC; a bad tv_nsec is
 * EINVAL; a signal ends a sleep with EINTR and the time left.  alarm
 * returns the seconds left and its SIGALRM arrives; setitimer's
 * interval reloads; getitimer reads it back.  times, getrusage and
 * sysinfo answer sensibly.  Behaviour only, never timing precision.
 */
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static volatile int alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static long long
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000000000ll + ts.tv_nsec);
}

/* The time of clock plus ns (< 1 s) in *ts. */
static void
now_plus(clockid_t clock, long ns, struct timespec *ts)
{
	clock_gettime(clock, ts);
	ts->tv_nsec += ns;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

/* Sleep (interruptibly) until alarms reaches n or about 5 s pass. */
static void
wait_alarms(int n)
{
	struct timespec ts = { 0, 10000000 };
	int i;

	for (i = 0; i < 500 && alarms < n; i++)
		nanosleep(&ts, NULL);
}

/* Relative sleeps last at least what was asked. */
static void
test_sleep__relative_lasts_at_least(void)
{
	struct timespec ts;
	long long t0;

	ts.tv_sec = 0;
	ts.tv_nsec = 30000000;
	t0 = mono_ns();
	TAP_CHECK(nanosleep(&ts, NULL) == 0);
	TAP_CHECK(mono_ns() - t0 >= 30000000);
	t0 = mono_ns();
	TAP_CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL) == 0);
	TAP_CHECK(mono_ns() - t0 >= 30000000);
	t0 = mono_ns();
	TAP_CHECK(clock_nanosleep(CLOCK_REALTIME, 0, &ts, NULL) == 0);
	TAP_CHECK(mono_ns() - t0 >= 30000000);
}

/* TIMER_ABSTIME sleeps end no earlier than the time; a past time at once. */
static void
test_sleep__absolute_until_time(void)
{
	struct timespec ts, now;

	now_plus(CLOCK_MONOTONIC, 40000000, &ts);
	TAP_CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
	    NULL) == 0);
	TAP_CHECK(mono_ns() >= ts.tv_sec * 1000000000ll + ts.tv_nsec);
	now_plus(CLOCK_REALTIME, 20000000, &ts);
	TAP_CHECK(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts,
	    NULL) == 0);
	clock_gettime(CLOCK_REALTIME, &now);
	TAP_CHECK(now.tv_sec > ts.tv_sec || (now.tv_sec == ts.tv_sec &&
	    now.tv_nsec >= ts.tv_nsec));
	/* A time already past returns at once. */
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	TAP_CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
	    NULL) == 0);
}

static void
test_sleep__bad_arguments_einval(void)
{
	struct timespec ts, res;

	ts.tv_sec = 0;
	ts.tv_nsec = 1000000000;
	TAP_ERRNO("nanosleep tv_nsec 1e9", EINVAL, nanosleep(&ts, NULL));
	ts.tv_nsec = -1;
	TAP_ERRNO("nanosleep tv_nsec -1", EINVAL, nanosleep(&ts, NULL));
	TAP_CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL) == EINVAL);
	TAP_CHECK(clock_nanosleep(12345, 0, &ts, NULL) == EINVAL);
	TAP_CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 &&
	    res.tv_sec == 0 && res.tv_nsec > 0);
}

/* on_alarm for SIGALRM; alarms from 0. */
static void
catch_alarm(void)
{
	struct sigaction sa;

	alarms = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	TAP_CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
}

/* SIGALRM from a one-shot itimer ends a long sleep: EINTR, time left. */
static void
test_setitimer__oneshot_interrupts_sleep(void)
{
	struct itimerval itv, oitv;
	struct timespec ts, rem;
	long long t0, t1;

	catch_alarm();
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 50000;
	TAP_CHECK(setitimer(ITIMER_REAL, &itv, NULL) == 0);
	TAP_CHECK(getitimer(ITIMER_REAL, &oitv) == 0 &&
	    oitv.it_value.tv_sec == 0 && oitv.it_value.tv_usec > 0 &&
	    oitv.it_value.tv_usec <= 70000);
	ts.tv_sec = 5;
	ts.tv_nsec = 0;
	t0 = mono_ns();
	TAP_ERRNO("nanosleep interrupted", EINTR, nanosleep(&ts, &rem));
	t1 = mono_ns();
	TAP_CHECK(alarms == 1);
	TAP_CHECK(t1 - t0 < 4000000000ll);
	TAP_CHECK(rem.tv_sec <= 5 && rem.tv_sec >= 1 &&
	    rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
	TAP_CHECK(getitimer(ITIMER_REAL, &oitv) == 0 &&
	    oitv.it_value.tv_sec == 0 && oitv.it_value.tv_usec == 0);
}

/* An interval timer reloads. */
static void
test_setitimer__interval_reloads(void)
{
	struct itimerval itv, oitv;

	catch_alarm();
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 20000;
	itv.it_interval.tv_usec = 20000;
	TAP_CHECK(setitimer(ITIMER_REAL, &itv, NULL) == 0);
	wait_alarms(3);
	TAP_CHECK(alarms >= 3);
	memset(&itv, 0, sizeof(itv));
	TAP_CHECK(setitimer(ITIMER_REAL, &itv, &oitv) == 0);
	TAP_CHECK(oitv.it_interval.tv_sec == 0 &&
	    oitv.it_interval.tv_usec >= 20000 &&
	    oitv.it_interval.tv_usec <= 40000);
}

static void
test_setitimer__bad_arguments_einval(void)
{
	struct itimerval itv;

	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 1000000;
	TAP_ERRNO("setitimer tv_usec 1e6", EINVAL,
	    setitimer(ITIMER_REAL, &itv, NULL));
	TAP_ERRNO("setitimer bad which", EINVAL, setitimer(7, &itv, NULL));
}

/* alarm: the seconds left of the old one; its SIGALRM arrives. */
static void
test_alarm__returns_time_left_and_fires(void)
{
	catch_alarm();
	TAP_CHECK(alarm(10) == 0);
	TAP_CHECK(alarm(0) == 10);
	alarms = 0;
	TAP_CHECK(alarm(1) == 0);
	wait_alarms(1);
	TAP_CHECK(alarms == 1);
	TAP_CHECK(alarm(0) == 0);
}

/* CPU time. */
static void
test_times_getrusage__answer(void)
{
	struct rusage ru;
	struct tms tms;

	TAP_CHECK(times(&tms) != (clock_t)-1);
	TAP_CHECK(tms.tms_utime >= 0 && tms.tms_stime >= 0);
	TAP_CHECK(getrusage(RUSAGE_SELF, &ru) == 0);
	TAP_CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	TAP_CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0);
	TAP_CHECK(getrusage(RUSAGE_THREAD, &ru) == 0);
	TAP_ERRNO("getrusage(5)", EINVAL, getrusage(5, &ru));
}

/* The system. */
static void
test_sysinfo__sane(void)
{
	struct sysinfo si;

	TAP_CHECK(sysinfo(&si) == 0);
	TAP_CHECK(si.uptime > 0 && si.totalram > 0 && si.mem_unit > 0);
	TAP_CHECK(si.freeram <= si.totalram && si.procs >= 1);
}

#define CASES(X) X(sleep__relative_lasts_at_least) \
	X(sleep__absolute_until_time) X(sleep__bad_arguments_einval) \
	X(setitimer__oneshot_interrupts_sleep) \
	X(setitimer__interval_reloads) X(setitimer__bad_arguments_einval) \
	X(alarm__returns_time_left_and_fires) X(times_getrusage__answer) \
	X(sysinfo__sane)
TAP_MAIN(CASES, NULL, NULL)
