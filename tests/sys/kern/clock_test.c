/* clock_test: CLOCK_MONOTONIC never goes back; CLOCK_REALTIME is sane. */
#include <time.h>

#include "tap.h"

static void
test_monotonic__never_goes_back(void)
{
	struct timespec a, b;
	int i, mono = 1;

	TAP_CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	for (i = 0; i < 1000; i++) {
		if (clock_gettime(CLOCK_MONOTONIC, &b) != 0 ||
		    b.tv_sec < a.tv_sec ||
		    (b.tv_sec == a.tv_sec && b.tv_nsec < a.tv_nsec))
			mono = 0;
		a = b;
	}
	TAP_CHECK(mono);
	TAP_CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
}

static void
test_realtime__after_2020_agrees_with_time(void)
{
	struct timespec r;

	TAP_CHECK(clock_gettime(CLOCK_REALTIME, &r) == 0);
	TAP_CHECK(r.tv_sec > 1577836800);	/* after 2020-01-01 */
	TAP_CHECK(time(NULL) >= r.tv_sec);
}

#define CASES(X) X(monotonic__never_goes_back) \
	X(realtime__after_2020_agrees_with_time)
TAP_MAIN(CASES, NULL, NULL)
