/*
 * kenv_test.c: parsing the kernel command line into the boot environment
 * (sys/kern/kern_environment.c).
 */
#include <atf-c.h>
#include <stdio.h>
#include <string.h>

#include "kshim.h"

ATF_TC_WITHOUT_HEAD(kenv__names_and_values);
ATF_TC_BODY(kenv__names_and_values, tc)
{
	kenv_init("umbra.test=all  umbra.verbose \tfoo=bar=baz");
	ATF_CHECK_EQ(kenv_count(), 3);
	ATF_CHECK_STREQ(kern_getenv("umbra.test"), "all");
	ATF_CHECK_STREQ(kern_getenv("umbra.verbose"), "");
	ATF_CHECK_STREQ(kern_getenv("foo"), "bar=baz");
	ATF_CHECK(kern_getenv("umbra") == NULL);
	ATF_CHECK(kern_getenv("missing") == NULL);
}

ATF_TC_WITHOUT_HEAD(kenv__quotes_group_blanks);
ATF_TC_BODY(kenv__quotes_group_blanks, tc)
{
	kenv_init("a=\"x y\" b=\"\" \"c=1 2\"");
	ATF_CHECK_STREQ(kern_getenv("a"), "x y");
	ATF_CHECK_STREQ(kern_getenv("b"), "");
	ATF_CHECK_STREQ(kern_getenv("c"), "1 2");
}

/* GRUB hands over a="x y" from its variables as a=\"x y\". */
ATF_TC_WITHOUT_HEAD(kenv__backslash_escapes);
ATF_TC_BODY(kenv__backslash_escapes, tc)
{
	kenv_init("a=\\\"x b=it\\'s c=back\\\\slash e=sp\\ ace f=end\\");
	ATF_CHECK_STREQ(kern_getenv("a"), "\"x");
	ATF_CHECK_STREQ(kern_getenv("b"), "it's");
	ATF_CHECK_STREQ(kern_getenv("c"), "back\\slash");
	ATF_CHECK_STREQ(kern_getenv("e"), "sp ace");
	ATF_CHECK_STREQ(kern_getenv("f"), "end\\");
}

ATF_TC_WITHOUT_HEAD(kenv__later_setting_wins);
ATF_TC_BODY(kenv__later_setting_wins, tc)
{
	kenv_init("a=1 a=2");
	ATF_CHECK_STREQ(kern_getenv("a"), "2");
}

ATF_TC_WITHOUT_HEAD(kenv__empty_and_blank_lines);
ATF_TC_BODY(kenv__empty_and_blank_lines, tc)
{
	kenv_init("");
	ATF_CHECK_EQ(kenv_count(), 0);
	kenv_init("   \t ");
	ATF_CHECK_EQ(kenv_count(), 0);
	ATF_CHECK(kern_getenv("") == NULL);
}

ATF_TC_WITHOUT_HEAD(kenv__getenv_bool);
ATF_TC_BODY(kenv__getenv_bool, tc)
{
	kenv_init("t1 t2=1 t3=yes f1=0 f2=no f3=false");
	ATF_CHECK(getenv_bool("t1"));
	ATF_CHECK(getenv_bool("t2"));
	ATF_CHECK(getenv_bool("t3"));
	ATF_CHECK(!getenv_bool("f1"));
	ATF_CHECK(!getenv_bool("f2"));
	ATF_CHECK(!getenv_bool("f3"));
	ATF_CHECK(!getenv_bool("absent"));
}

/* Overlong command lines are cut, never overrun the buffer. */
ATF_TC_WITHOUT_HEAD(kenv__overlong_command_line);
ATF_TC_BODY(kenv__overlong_command_line, tc)
{
	static char line[8192];
	size_t off = 0;
	int i;

	for (i = 0; i < 500; i++)
		off += snprintf(line + off, sizeof(line) - off, "v%d=%d ", i,
		    i);
	kenv_init(line);
	ATF_CHECK(kenv_count() > 0);
	ATF_CHECK(kenv_count() <= 64);
	ATF_CHECK_STREQ(kern_getenv("v0"), "0");
	ATF_CHECK(kern_getenv("v499") == NULL);
}

ATF_TC_WITHOUT_HEAD(kenv__cmdline_is_raw);
ATF_TC_BODY(kenv__cmdline_is_raw, tc)
{
	char line[2000];

	kenv_init("a=\"x y\"  umbra.kyua=1");
	ATF_CHECK_STREQ(kern_cmdline(), "a=\"x y\"  umbra.kyua=1");
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	kenv_init(line);
	ATF_CHECK_EQ(strlen(kern_cmdline()), 1023);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, kenv__names_and_values);
	ATF_TP_ADD_TC(tp, kenv__quotes_group_blanks);
	ATF_TP_ADD_TC(tp, kenv__backslash_escapes);
	ATF_TP_ADD_TC(tp, kenv__later_setting_wins);
	ATF_TP_ADD_TC(tp, kenv__empty_and_blank_lines);
	ATF_TP_ADD_TC(tp, kenv__getenv_bool);
	ATF_TP_ADD_TC(tp, kenv__overlong_command_line);
	ATF_TP_ADD_TC(tp, kenv__cmdline_is_raw);
	return (atf_no_error());
}
