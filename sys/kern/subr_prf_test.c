/*
 * subr_prf_test.c: in-kernel tests of the printf family and the boot
 * environment.  The host unit tests (tests/unit) compare the formatter
 * against the C library in depth; these check that the kernel's build of
 * it behaves the same on the target.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/ktest.h>

KTEST(prf, snprintf_integers)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d %i %u %x %X %o", -42, 7, 3000000000u,
	    0xbeef, 0xbeef, 8);
	KT_EXPECT_STREQ(kt, buf, "-42 7 3000000000 beef BEEF 10");
	snprintf(buf, sizeof(buf), "%ld %lu %lx %zu", -1l,
	    18446744073709551615ul, 0xffffffff80000000ul, (size_t)12);
	KT_EXPECT_STREQ(kt, buf,
	    "-1 18446744073709551615 ffffffff80000000 12");
	/* h and hh must narrow an int argument, as C requires. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
	snprintf(buf, sizeof(buf), "%hhd %hd", 0x181, 0x18001);
#pragma clang diagnostic pop
	KT_EXPECT_STREQ(kt, buf, "-127 -32767");
}

KTEST(prf, snprintf_width_and_flags)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "[%5d][%-5d][%05d][%+d][% d]", 42, 42, 42,
	    42, 42);
	KT_EXPECT_STREQ(kt, buf, "[   42][42   ][00042][+42][ 42]");
	snprintf(buf, sizeof(buf), "[%#x][%#o][%.3d][%8.3s][%-*s]", 255, 8,
	    5, "abcdef", 4, "x");
	KT_EXPECT_STREQ(kt, buf, "[0xff][010][005][     abc][x   ]");
	snprintf(buf, sizeof(buf), "%p %c%c %%", (void *)0x1000, 'o', 'k');
	KT_EXPECT_STREQ(kt, buf, "0x1000 ok %");
}

KTEST(prf, snprintf_truncates)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = snprintf(buf, sizeof(buf), "%s", "0123456789");
	KT_EXPECT_EQ(kt, n, 10);
	KT_EXPECT_STREQ(kt, buf, "0123456");
	n = snprintf(buf, 0, "abc");
	KT_EXPECT_EQ(kt, n, 3);
	KT_EXPECT_EQ(kt, buf[0], '0');
}

KTEST(libkern, strings)
{
	char buf[8];

	KT_EXPECT_EQ(kt, strlen("umbra"), 5);
	KT_EXPECT(kt, strcmp("abc", "abd") < 0);
	KT_EXPECT(kt, strncmp("abcx", "abcy", 3) == 0);
	KT_EXPECT_EQ(kt, strlcpy(buf, "truncated!", sizeof(buf)), 10);
	KT_EXPECT_STREQ(kt, buf, "truncat");
	KT_EXPECT(kt, strchr("a=b", '=') != NULL);
	KT_EXPECT(kt, fnmatch_simple("*.fault_*", "vm.fault_cow"));
	KT_EXPECT(kt, !fnmatch_simple("vm.?", "vm.ab"));
}

KTEST(libkern, memmove_overlap)
{
	char buf[16] = "0123456789";

	memmove(buf + 2, buf, 8);
	KT_EXPECT_STREQ(kt, buf, "0101234567");
	memmove(buf, buf + 2, 8);
	KT_EXPECT(kt, memcmp(buf, "01234567", 8) == 0);
}

KTEST(kenv, boot_command_line)
{
	/* The harness always boots the tests with umbra.test set. */
	KT_ASSERT(kt, kern_getenv("umbra.test") != NULL);
	KT_EXPECT(kt, kern_getenv("umbra.no.such.setting") == NULL);
}
