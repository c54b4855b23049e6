/*
 * atf_smoke_test.c: the smallest ATF C program Kyua runs in the guest:
 * a passing case, a case that checks its process ids and one that skips
 * itself, so that every kind of result travels to the host's report.
 */
#include <atf-c.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ATF_TC_WITHOUT_HEAD(passes);
ATF_TC_BODY(passes, tc)
{
	ATF_CHECK_EQ(2 + 2, 4);
	ATF_CHECK_STREQ(strchr("kyua", 'y'), "yua");
}

ATF_TC(has_a_work_directory);
ATF_TC_HEAD(has_a_work_directory, tc)
{
	atf_tc_set_md_var(tc, "descr", "Kyua runs the case in a fresh, "
	    "writable work directory, as a child of another process");
}
ATF_TC_BODY(has_a_work_directory, tc)
{
	char cwd[1024];

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	ATF_CHECK(access(".", W_OK) == 0);
	ATF_CHECK(getpid() > 1);
	ATF_CHECK(getppid() >= 1);
}

ATF_TC_WITHOUT_HEAD(skips);
ATF_TC_BODY(skips, tc)
{
	atf_tc_skip("a skipped case reaches the report as skipped");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, passes);
	ATF_TP_ADD_TC(tp, has_a_work_directory);
	ATF_TP_ADD_TC(tp, skips);
	return (atf_no_error());
}
