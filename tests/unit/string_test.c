/*
 * string_test.c: sys/libkern string functions and the pattern matcher
 * used to select in-kernel tests.
 */
#include <atf-c.h>
#include <string.h>

#include "kshim.h"

ATF_TC_WITHOUT_HEAD(string__memmove_overlap_both_ways);
ATF_TC_BODY(string__memmove_overlap_both_ways, tc)
{
	char a[32], b[32];
	int shift;

	for (shift = -5; shift <= 5; shift++) {
		int i;

		for (i = 0; i < 32; i++)
			a[i] = b[i] = (char)('A' + i);
		k_memmove(a + 8 + shift, a + 8, 10);
		memmove(b + 8 + shift, b + 8, 10);
		ATF_CHECK_MSG(memcmp(a, b, 32) == 0, "shift %d", shift);
	}
}

ATF_TC_WITHOUT_HEAD(string__strlcpy_truncates);
ATF_TC_BODY(string__strlcpy_truncates, tc)
{
	char buf[4];

	ATF_CHECK_EQ(k_strlcpy(buf, "abcdef", sizeof(buf)), 6);
	ATF_CHECK_STREQ(buf, "abc");
	ATF_CHECK_EQ(k_strlcpy(buf, "ab", sizeof(buf)), 2);
	ATF_CHECK_STREQ(buf, "ab");
	ATF_CHECK_EQ(k_strnlen("abcdef", 3), 3);
}

/* strstr against the host's, on every substring of a few strings. */
ATF_TC_WITHOUT_HEAD(string__strstr_matches_libc);
ATF_TC_BODY(string__strstr_matches_libc, tc)
{
	static const char *const hay[] = { "", "a", "aaab", "maxchain=2 "
	    "tmpdir=/var/tmp", "abcabcabd" };
	char needle[32];
	size_t h, i, j;

	for (h = 0; h < sizeof(hay) / sizeof(hay[0]); h++) {
		for (i = 0; i <= strlen(hay[h]); i++)
			for (j = i; j <= strlen(hay[h]) && j - i < 31; j++) {
				memcpy(needle, hay[h] + i, j - i);
				needle[j - i] = '\0';
				ATF_CHECK(k_strstr(hay[h], needle) ==
				    strstr(hay[h], needle));
			}
		ATF_CHECK(k_strstr(hay[h], "zz") == NULL);
		ATF_CHECK(k_strstr(hay[h], "abd") == strstr(hay[h], "abd"));
	}
}

ATF_TC_WITHOUT_HEAD(string__fnmatch_simple);
ATF_TC_BODY(string__fnmatch_simple, tc)
{
	ATF_CHECK(fnmatch_simple("*", ""));
	ATF_CHECK(fnmatch_simple("*", "vm.fault"));
	ATF_CHECK(fnmatch_simple("vm.*", "vm.fault"));
	ATF_CHECK(!fnmatch_simple("vm.*", "kern.vm"));
	ATF_CHECK(fnmatch_simple("*_cow*", "vm.fault_cow_deep"));
	ATF_CHECK(!fnmatch_simple("*.cow*", "vm.fault_cow_deep"));
	ATF_CHECK(fnmatch_simple("a*b*c", "aXXbYYc"));
	ATF_CHECK(!fnmatch_simple("a*b*c", "aXXbYY"));
	ATF_CHECK(fnmatch_simple("?.x", "a.x"));
	ATF_CHECK(!fnmatch_simple("?.x", "ab.x"));
	ATF_CHECK(fnmatch_simple("**a", "bba"));
	ATF_CHECK(!fnmatch_simple("", "a"));
	ATF_CHECK(fnmatch_simple("", ""));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, string__memmove_overlap_both_ways);
	ATF_TP_ADD_TC(tp, string__strlcpy_truncates);
	ATF_TP_ADD_TC(tp, string__strstr_matches_libc);
	ATF_TP_ADD_TC(tp, string__fnmatch_simple);
	return (atf_no_error());
}
