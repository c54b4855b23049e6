/*
 * prf_test.c: the kernel's printf formatter (sys/kern/subr_prf.c) against
 * the C library's, which defines the semantics it promises.
 */
#include <atf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kshim.h"

#define CHECK(fmt, ...)							\
	do {								\
		char kbuf[256], lbuf[256];				\
		int kn, ln;						\
									\
		kn = k_snprintf(kbuf, sizeof(kbuf), fmt, __VA_ARGS__);	\
		ln = snprintf(lbuf, sizeof(lbuf), fmt, __VA_ARGS__);	\
		ATF_CHECK_STREQ_MSG(kbuf, lbuf, "format \"%s\"", fmt);	\
		ATF_CHECK_EQ_MSG(kn, ln, "format \"%s\"", fmt);		\
	} while (0)

ATF_TC_WITHOUT_HEAD(prf__integers);
ATF_TC_BODY(prf__integers, tc)
{
	CHECK("%d %d %d", 0, -1, 2147483647);
	CHECK("%d", -2147483647 - 1);
	CHECK("%i|%u", -5, 4000000000u);
	CHECK("%ld %lu", -9223372036854775807l - 1, 18446744073709551615ul);
	CHECK("%lld %llu", -3ll, 3ull);
	CHECK("%zu %zd %jd %td", (size_t)7, (ssize_t)-7, (intmax_t)-8,
	    (ptrdiff_t)9);
}

ATF_TC_WITHOUT_HEAD(prf__hex_and_octal);
ATF_TC_BODY(prf__hex_and_octal, tc)
{
	CHECK("%x %X %o", 0xdeadbeefu, 0xdeadbeefu, 0777u);
	CHECK("%#x %#X %#o", 0x1fu, 0x1fu, 8u);
	CHECK("%#x %#o", 0u, 0u);
	CHECK("%lx %#lx", 0xffffffff80000000ul, 0xffff800000000000ul);
	CHECK("%#.3o %#5o", 8u, 0u);
}

ATF_TC_WITHOUT_HEAD(prf__width_precision_flags);
ATF_TC_BODY(prf__width_precision_flags, tc)
{
	CHECK("[%5d][%-5d][%05d]", 42, 42, 42);
	CHECK("[%+d][% d][%+d][% d]", 42, 42, -42, -42);
	CHECK("[%.3d][%.0d][%.0d][%5.3d]", 7, 0, 1, -7);
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"	/* '0' with '-': on purpose */
	CHECK("[%-08d][%08.3d][%+05d]", 5, 5, 5);
#pragma clang diagnostic pop
	CHECK("[%*d][%-*d][%.*d]", 6, 1, 6, 1, 4, 1);
	CHECK("[%*d]", -6, 1);
	CHECK("[%016lx][%-16lx]", 0x1234ul, 0x1234ul);
}

ATF_TC_WITHOUT_HEAD(prf__strings_and_chars);
ATF_TC_BODY(prf__strings_and_chars, tc)
{
	CHECK("[%s][%10s][%-10s]", "abc", "abc", "abc");
	CHECK("[%.2s][%8.2s][%.*s]", "abcdef", "abcdef", 3, "abcdef");
	CHECK("[%c][%3c][%-3c]", 'x', 'y', 'z');
	CHECK("100%% %s", "done");
	CHECK("%s", "");
}

ATF_TC_WITHOUT_HEAD(prf__length_narrowing);
ATF_TC_BODY(prf__length_narrowing, tc)
{
	char buf[64];

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
	k_snprintf(buf, sizeof(buf), "%hhd %hhu %hd %hu", 0x181, 0x1ff,
	    0x18001, 0x1ffff);
#pragma clang diagnostic pop
	ATF_CHECK_STREQ(buf, "-127 255 -32767 65535");
}

ATF_TC_WITHOUT_HEAD(prf__pointer);
ATF_TC_BODY(prf__pointer, tc)
{
	char buf[64];

	CHECK("%p", (void *)0xffffffff80201000ul);
	CHECK("%p", (void *)0x1);
	/* The kernel prints a NULL pointer as 0x0, not glibc's (nil). */
	k_snprintf(buf, sizeof(buf), "%p", NULL);
	ATF_CHECK_STREQ(buf, "0x0");
}

ATF_TC_WITHOUT_HEAD(prf__truncation);
ATF_TC_BODY(prf__truncation, tc)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = k_snprintf(buf, sizeof(buf), "%d-%s", 12345, "abcdef");
	ATF_CHECK_EQ(n, 12);
	ATF_CHECK_STREQ(buf, "12345-a");
	memset(buf, 'x', sizeof(buf));
	n = k_snprintf(buf, 1, "abc");
	ATF_CHECK_EQ(n, 3);
	ATF_CHECK_EQ(buf[0], '\0');
	ATF_CHECK_EQ(buf[1], 'x');
	n = k_snprintf(buf, 0, "abc");
	ATF_CHECK_EQ(n, 3);
	ATF_CHECK_EQ(buf[0], '\0');
}

/* An unknown conversion is printed as written, consuming no argument. */
ATF_TC_WITHOUT_HEAD(prf__unknown_conversion_printed_literally);
ATF_TC_BODY(prf__unknown_conversion_printed_literally, tc)
{
	char buf[64];

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
#pragma clang diagnostic ignored "-Wformat-invalid-specifier"
	k_snprintf(buf, sizeof(buf), "a%5yb%d", 7);
	ATF_CHECK_STREQ(buf, "a%5yb7");
	k_snprintf(buf, sizeof(buf), "end%");
	ATF_CHECK_STREQ(buf, "end%");
#pragma clang diagnostic pop
}

/*
 * Random formats built from every flag, width, precision and integer
 * conversion, against the C library.  The seed is fixed so a failure
 * reproduces; the message names the format.
 */
ATF_TC_WITHOUT_HEAD(prf__random_formats_match_libc);
ATF_TC_BODY(prf__random_formats_match_libc, tc)
{
	static const char *const flags[] = { "", "-", "0", "+", " ", "#",
	    "-+", "0#", "+0", " -" };
	static const char *const convs[] = { "d", "i", "u", "x", "X", "o",
	    "ld", "lu", "lx", "hd", "hu" };
	char fmt[64], kbuf[256], lbuf[256];
	int i, failures = 0;

	srandom(20261122);
	for (i = 0; i < 20000 && failures < 10; i++) {
		const char *conv = convs[random() % 11];
		char width[8] = "", prec[8] = "";
		long v;

		if (random() % 2)
			snprintf(width, sizeof(width), "%ld", random() % 25);
		if (random() % 3 == 0)
			snprintf(prec, sizeof(prec), ".%ld", random() % 12);
		snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s>",
		    flags[random() % 10], width, prec, conv);
		v = random() - random();
		if (random() % 4 == 0)
			v = (long)((unsigned long)random() << 33) ^ random();
		if (random() % 10 == 0)
			v = 0;
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat-nonliteral"
		if (conv[0] == 'l') {
			k_snprintf(kbuf, sizeof(kbuf), fmt, v);
			snprintf(lbuf, sizeof(lbuf), fmt, v);
		} else {
			k_snprintf(kbuf, sizeof(kbuf), fmt, (int)v);
			snprintf(lbuf, sizeof(lbuf), fmt, (int)v);
		}
#pragma clang diagnostic pop
		if (strcmp(kbuf, lbuf) != 0) {
			failures++;
			ATF_CHECK_MSG(0, "format %s: kernel \"%s\" libc \"%s\"",
			    fmt, kbuf, lbuf);
		}
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, prf__integers);
	ATF_TP_ADD_TC(tp, prf__hex_and_octal);
	ATF_TP_ADD_TC(tp, prf__width_precision_flags);
	ATF_TP_ADD_TC(tp, prf__strings_and_chars);
	ATF_TP_ADD_TC(tp, prf__length_narrowing);
	ATF_TP_ADD_TC(tp, prf__pointer);
	ATF_TP_ADD_TC(tp, prf__truncation);
	ATF_TP_ADD_TC(tp, prf__unknown_conversion_printed_literally);
	ATF_TP_ADD_TC(tp, prf__random_formats_match_libc);
	return (atf_no_error());
}
