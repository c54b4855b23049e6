/*
 * tap.h: the few lines of TAP the user test programs print.
 *
 * Each check prints "ok N - what" or "not ok N - what"; tap_done() prints
 * the plan and returns the exit status (0 when every check passed).  The
 * programs are ordinary Linux programs: they run the same on the host and,
 * with umbra.utest=1, in Umbra, whose kernel frames their output.
 */
#ifndef _TAP_H_
#define _TAP_H_

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void
tap_check(int ok, const char *what)
{
	tap_n++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tap_n, what);
	fflush(stdout);
}

#define TAP_CHECK(cond)	tap_check((cond) != 0, #cond)

/*
 * tap_errno: check that a call returned -1 with errno want; the check
 * reads "what: EWANT", and a failure prints what came instead.
 * TAP_ERRNO makes the call with errno cleared.
 */
static inline void
tap_errno(const char *what, int want, long ret, int err)
{
	char buf[200];

	snprintf(buf, sizeof(buf), "%s: %s", what, strerrorname_np(want));
	tap_check(ret == -1 && err == want, buf);
	if (ret != -1 || err != want)
		printf("# got %ld, errno %d (%s)\n", ret, err,
		    err ? strerrorname_np(err) : "0");
}

#define TAP_ERRNO(what, want, call)	do {				\
	long r_;							\
	errno = 0;							\
	r_ = (long)(call);						\
	tap_errno(what, want, r_, errno);				\
} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	fflush(stdout);
	return (tap_failed == 0 ? 0 : 1);
}

#endif /* !_TAP_H_ */
