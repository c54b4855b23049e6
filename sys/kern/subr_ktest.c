/*
 * subr_ktest.c: the in-kernel test runner.
 *
 * Runs at SI_SUB_KTEST when the command line carries umbra.test=PATTERNS
 * (comma-separated shell patterns over "suite.name"; "all" means every
 * test), prints TAP version 13 on the console, and powers off with
 * EXIT_STATUS_OK or EXIT_STATUS_FAILED.  Each test is announced with a
 * diagnostic "# running suite.name" first, so the serial log shows which
 * test a hang or panic happened in.  A failed KT_ASSERT longjmps out
 * of its test; KT_EXPECT records the failure and goes on.  Each failure
 * prints a TAP diagnostic line "# file:line: check failed: ...".
 *
 * The ktest suite below tests the runner itself, and three of its cases
 * do harm only when asked (umbra.ktest.forcefail, .panic, .hang), for the
 * harness's own tests (tools/harness-test.sh).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/linker_set.h>
#include <sys/reboot.h>

#include <machine/cpufunc.h>
#include <machine/setjmp.h>

SET_DECLARE(ktest_set, const struct ktest);

#define PATTERN_MAX	256

/* Does name match one of the comma-separated patterns? */
static bool
ktest_selected(const char *patterns, const char *name)
{
	char pat[PATTERN_MAX];
	const char *p = patterns;

	while (*p != '\0') {
		size_t n = 0;

		while (*p != '\0' && *p != ',') {
			if (n < sizeof(pat) - 1)
				pat[n++] = *p;
			p++;
		}
		pat[n] = '\0';
		if (*p == ',')
			p++;
		if (strcmp(pat, "all") == 0 || fnmatch_simple(pat, name))
			return (true);
	}
	return (false);
}

/*
 * ktest_check: record the outcome of one check.  On failure print a TAP
 * diagnostic and, if fatal, abandon the test.  Returns ok.
 */
bool
ktest_check(struct ktest_ctx *kt, bool ok, bool fatal, const char *file,
    int line, const char *fmt, ...)
{
	va_list ap;

	kt->kt_checks++;
	if (ok)
		return (true);
	kt->kt_failed = true;
	printf("# %s:%d: check failed: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (fatal)
		klongjmp(&kt->kt_abort, 1);
	return (false);
}

/* ktest_skip: end the current test as skipped. */
void
ktest_skip(struct ktest_ctx *kt, const char *reason)
{
	kt->kt_skipped = true;
	kt->kt_skip_reason = reason;
	klongjmp(&kt->kt_abort, 1);
}

static void
ktest_run_one(const struct ktest *t, int num, int *nfailed)
{
	struct ktest_ctx kt;

	memset(&kt, 0, sizeof(kt));
	kt.kt_test = t;
	printf("# running %s\n", t->kt_name);
	if (ksetjmp(&kt.kt_abort) == 0)
		t->kt_fn(&kt);
	if (kt.kt_skipped)
		printf("ok %d - %s # SKIP %s\n", num, t->kt_name,
		    kt.kt_skip_reason);
	else if (kt.kt_failed) {
		printf("not ok %d - %s\n", num, t->kt_name);
		printf("# defined at %s:%d\n", t->kt_file, t->kt_line);
		(*nfailed)++;
	} else
		printf("ok %d - %s\n", num, t->kt_name);
}

/*
 * ktest_run_matching: run every test selected by patterns, in link
 * order, reporting TAP.  Returns the number of failures.
 */
int
ktest_run_matching(const char *patterns)
{
	const struct ktest **tp;
	int n = 0, num = 0, nfailed = 0;

	SET_FOREACH(tp, ktest_set)
		if (ktest_selected(patterns, (*tp)->kt_name))
			n++;
	printf("TAP version 13\n");
	printf("1..%d\n", n);
	SET_FOREACH(tp, ktest_set) {
		if (ktest_selected(patterns, (*tp)->kt_name))
			ktest_run_one(*tp, ++num, &nfailed);
	}
	printf("# ktest: %d run, %d failed\n", n, nfailed);
	return (nfailed);
}

static void
ktest_sysinit(const void *arg __unused)
{
	const char *patterns = kern_getenv("umbra.test");
	int nfailed;

	if (patterns == NULL)
		return;
	nfailed = ktest_run_matching(patterns[0] != '\0' ? patterns : "all");
	kern_poweroff(nfailed == 0 ? EXIT_STATUS_OK : EXIT_STATUS_FAILED);
}
SYSINIT(ktest, SI_SUB_KTEST, SI_ORDER_FIRST, ktest_sysinit, NULL);

/* Tests of the runner. */

KTEST(ktest, selection)
{
	KT_EXPECT(kt, ktest_selected("all", "vm.x"));
	KT_EXPECT(kt, ktest_selected("vm.*", "vm.fault_cow"));
	KT_EXPECT(kt, !ktest_selected("vm.*", "kern.vm"));
	KT_EXPECT(kt, ktest_selected("a.b,kern.*", "kern.x"));
	KT_EXPECT(kt, ktest_selected("a.b,kern.*", "a.b"));
	KT_EXPECT(kt, !ktest_selected("a.b,kern.*", "a.bc"));
	KT_EXPECT(kt, !ktest_selected("", "a"));
}

/* A failing check inside a nested context must be seen by the runner. */
KTEST(ktest, expect_records_failure)
{
	struct ktest_ctx inner;

	memset(&inner, 0, sizeof(inner));
	printf("# (the next diagnostic is expected)\n");
	ktest_check(&inner, false, false, __FILE__, __LINE__, "deliberate");
	KT_EXPECT(kt, inner.kt_failed);
	KT_EXPECT_EQ(kt, inner.kt_checks, 1);
	ktest_check(&inner, true, false, __FILE__, __LINE__, "fine");
	KT_EXPECT_EQ(kt, inner.kt_checks, 2);
}

KTEST(ktest, assert_abandons_test)
{
	struct ktest_ctx inner;
	volatile int reached = 0;

	memset(&inner, 0, sizeof(inner));
	if (ksetjmp(&inner.kt_abort) == 0) {
		printf("# (the next diagnostic is expected)\n");
		ktest_check(&inner, false, true, __FILE__, __LINE__, "fatal");
		reached = 1;
	}
	KT_EXPECT_EQ(kt, reached, 0);
	KT_EXPECT(kt, inner.kt_failed);
}

KTEST(ktest, forced_failure)
{
	if (!getenv_bool("umbra.ktest.forcefail"))
		KT_SKIP(kt, "only with umbra.ktest.forcefail=1");
	KT_EXPECT_EQ(kt, 1, 2);
}

KTEST(ktest, forced_panic)
{
	if (!getenv_bool("umbra.ktest.panic"))
		KT_SKIP(kt, "only with umbra.ktest.panic=1");
	panic("forced by umbra.ktest.panic");
}

KTEST(ktest, forced_hang)
{
	if (!getenv_bool("umbra.ktest.hang"))
		KT_SKIP(kt, "only with umbra.ktest.hang=1");
	printf("# hanging on purpose\n");
	disable_intr();
	for (;;)
		halt();
}

KTEST(ktest, forced_fault)
{
	if (!getenv_bool("umbra.ktest.fault"))
		KT_SKIP(kt, "only with umbra.ktest.fault=1");
	/* An unexpected kernel page fault: must give a trap report. */
	*(volatile int *)(uintptr_t)kt->kt_checks = 1;
}
