/*
 * tap.h: the checks of the user test programs, and their two shapes.
 *
 * A program is a list of cases, each a function `static void
 * test_NAME(void)` made of checks (tap_check, TAP_CHECK, TAP_ERRNO).  It
 * names them in an X-macro and ends with TAP_MAIN:
 *
 *	#define CASES(X) X(split) X(hole) X(maperr)
 *	TAP_MAIN(CASES, setup, args)
 *
 * setup (void (*)(void), or NULL) runs before the cases; args (int
 * (*)(int, char **), or NULL) sees argv first and returns an exit status
 * to end the program there (a program that runs itself again as a
 * helper), or -1 to go on.
 *
 * Built plainly, the program prints TAP: each check "ok N - what" or
 * "not ok N - what", then the plan; main runs every case in order and
 * exits 0 when every check passed.  That is what the kernel's user-test
 * mode (umbra.utest=1) runs, static, before any userland exists.
 *
 * Built with -DTAP_ATF (share/mk/umbra.prog.mk's ATF_TESTS_C), the same
 * source is an ATF test program: each case is an ATF test case, run by
 * Kyua in a process of its own (setup runs at the start of each), and a
 * failed check fails the case without ending it (atf_tc_fail_nonfatal),
 * so one run reports every broken check.  A check that fails in a child
 * the case forked fails the case too: the count travels back in a shared
 * anonymous page.  -DTAP_TMPDIR="/var/tmp" points TMPDIR there first (the
 * file tests again on the root's ext2 instead of Kyua's work directory).
 */
#ifndef _TAP_H_
#define _TAP_H_

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef TAP_ATF
#include <atf-c.h>
#endif

static int tap_n, tap_failed;

#ifdef TAP_ATF
/* Failed checks of the case's children; the case's own process id. */
static volatile int *tap_child_failed;
static pid_t tap_owner;

static inline void
tap_atf_begin(void)
{
	void *p;

	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ATF_REQUIRE_MSG(p != MAP_FAILED, "tap.h: no shared page: %s",
	    strerror(errno));
	tap_child_failed = p;
	tap_owner = getpid();
#ifdef TAP_TMPDIR
	ATF_REQUIRE(setenv("TMPDIR", TAP_TMPDIR, 1) == 0);
#endif
}

static inline void
tap_atf_end(void)
{
	if (*tap_child_failed != 0)
		atf_tc_fail_nonfatal("%d check(s) failed in child processes "
		    "(their output says which)", *tap_child_failed);
}
#endif

/* tap_fail: one failed check, with its description. */
static inline void
tap_fail(const char *what)
{
	tap_failed++;
#ifdef TAP_ATF
	if (getpid() == tap_owner)
		atf_tc_fail_nonfatal("%s", what);
	else {
		__atomic_add_fetch(tap_child_failed, 1, __ATOMIC_SEQ_CST);
		fprintf(stderr, "process %d: check failed: %s\n",
		    (int)getpid(), what);
	}
#else
	(void)what;
#endif
}

static inline void
tap_check(int ok, const char *what)
{
	tap_n++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tap_n, what);
	fflush(stdout);
	if (!ok)
		tap_fail(what);
}

#define TAP_CHECK(cond)	tap_check((cond) != 0, #cond)

/*
 * tap_errno: check that a call returned -1 with errno want; the check
 * reads "what: EWANT", and a failure says what came instead.
 * TAP_ERRNO makes the call with errno cleared.
 */
static inline void
tap_errno(const char *what, int want, long ret, int err)
{
	char buf[200];

	snprintf(buf, sizeof(buf), "%s: %s", what, strerrorname_np(want));
	if (ret == -1 && err == want) {
		tap_check(1, buf);
		return;
	}
	printf("# got %ld, errno %d (%s)\n", ret, err,
	    err ? strerrorname_np(err) : "0");
	snprintf(buf, sizeof(buf), "%s: %s; got %ld, errno %s", what,
	    strerrorname_np(want), ret, err ? strerrorname_np(err) : "0");
	tap_check(0, buf);
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

#ifdef TAP_ATF
#define TAP_ATF_CASE_(name)						\
	ATF_TC_WITHOUT_HEAD(name);					\
	ATF_TC_BODY(name, tc)						\
	{								\
		(void)tc;						\
		tap_atf_begin();					\
		if (tap_setup_ != NULL)					\
			tap_setup_();					\
		test_##name();						\
		tap_atf_end();						\
	}
#define TAP_ATF_ADD_(name)	ATF_TP_ADD_TC(tp, name);

#define TAP_MAIN(cases, setup, args)					\
	static void (*const tap_setup_)(void) = (setup);		\
	static int (*const tap_args_)(int, char **) = (args);		\
	cases(TAP_ATF_CASE_)						\
	static atf_error_t						\
	tap_add_tcs_(atf_tp_t *tp)					\
	{								\
		cases(TAP_ATF_ADD_)					\
		return (atf_no_error());				\
	}								\
	int atf_tp_main(int, char **, atf_error_t (*)(atf_tp_t *));	\
	int								\
	main(int argc, char **argv)					\
	{								\
		int rc_;						\
									\
		if (tap_args_ != NULL && (rc_ = tap_args_(argc, argv)) >= 0) \
			return (rc_);					\
		return (atf_tp_main(argc, argv, tap_add_tcs_));		\
	}
#else
#define TAP_RUN_(name)	test_##name();

#define TAP_MAIN(cases, setup, args)					\
	static void (*const tap_setup_)(void) = (setup);		\
	static int (*const tap_args_)(int, char **) = (args);		\
	int								\
	main(int argc, char **argv)					\
	{								\
		int rc_;						\
									\
		if (tap_args_ != NULL && (rc_ = tap_args_(argc, argv)) >= 0) \
			return (rc_);					\
		if (tap_setup_ != NULL)					\
			tap_setup_();					\
		cases(TAP_RUN_)						\
		return (tap_done());					\
	}
#endif

#endif /* !_TAP_H_ */
