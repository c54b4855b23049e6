/*
 * cpio_test.c: the newc cpio reader (sys/kern/subr_cpio.c) on archives
 * built here, well-formed and not, and on one made by GNU cpio when the
 * host has it.
 */
#include <atf-c.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kshim.h"

#include "../../sys/sys/cpio.h"

struct ar {
	char	buf[16384] __attribute__((aligned(4)));
	size_t	len;
};

/* Append one member as GNU cpio -H newc writes it. */
static void
ar_add(struct ar *a, const char *name, uint32_t mode, const void *data,
    size_t size)
{
	size_t namesize = strlen(name) + 1;
	char hdr[CPIO_HDR_SIZE + 1];

	snprintf(hdr, sizeof(hdr), "070701%08x%08x%08x%08x%08x%08x%08x"
	    "%08x%08x%08x%08x%08x%08x", 1u, mode, 0u, 0u, 1u, 0u,
	    (unsigned)size, 0u, 0u, 0u, 0u, (unsigned)namesize, 0u);
	memcpy(a->buf + a->len, hdr, CPIO_HDR_SIZE);
	a->len += CPIO_HDR_SIZE;
	memcpy(a->buf + a->len, name, namesize);
	a->len += namesize;
	while (a->len % 4)
		a->buf[a->len++] = 0;
	memcpy(a->buf + a->len, data, size);
	a->len += size;
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

static void
ar_sample(struct ar *a)
{
	memset(a, 0, sizeof(*a));
	ar_add(a, ".", CPIO_S_IFDIR | 0755, "", 0);
	ar_add(a, "./init", CPIO_S_IFREG | 0555, "\177ELFinit", 8);
	ar_add(a, "tests", CPIO_S_IFDIR | 0755, "", 0);
	ar_add(a, "tests/a", CPIO_S_IFREG | 0444, "abc", 3);
	ar_add(a, CPIO_TRAILER, 0, "", 0);
}

ATF_TC_WITHOUT_HEAD(cpio__iterate);
ATF_TC_BODY(cpio__iterate, tc)
{
	struct ar a;
	struct cpio_file f;
	size_t off = 0;
	const char *names[] = { ".", "./init", "tests", "tests/a" };
	int i;

	ar_sample(&a);
	for (i = 0; i < 4; i++) {
		ATF_REQUIRE_EQ(cpio_next(a.buf, a.len, &off, &f), 0);
		ATF_CHECK_STREQ(f.name, names[i]);
		ATF_CHECK_EQ(off % 4, 0);
	}
	ATF_CHECK_EQ(f.size, 3);
	ATF_CHECK(memcmp(f.data, "abc", 3) == 0);
	ATF_CHECK_EQ(f.mode, CPIO_S_IFREG | 0444);
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), ENOENT);
}

ATF_TC_WITHOUT_HEAD(cpio__lookup);
ATF_TC_BODY(cpio__lookup, tc)
{
	struct ar a;
	struct cpio_file f;

	ar_sample(&a);
	ATF_REQUIRE_EQ(cpio_lookup(a.buf, a.len, "/init", &f), 0);
	ATF_CHECK_EQ(f.size, 8);
	ATF_CHECK(memcmp(f.data, "\177ELF", 4) == 0);
	ATF_CHECK_EQ(cpio_lookup(a.buf, a.len, "init", &f), 0);
	ATF_CHECK_EQ(cpio_lookup(a.buf, a.len, "./tests/a", &f), 0);
	ATF_CHECK_EQ(f.size, 3);
	ATF_CHECK_EQ(cpio_lookup(a.buf, a.len, "/tests/b", &f), ENOENT);
	ATF_CHECK_EQ(cpio_lookup(a.buf, a.len, "/tests/", &f), ENOENT);
	ATF_CHECK_EQ(cpio_lookup(a.buf, a.len, "TRAILER!!!", &f), ENOENT);
	/* Without a trailer the end of the buffer ends the archive. */
	ATF_CHECK_EQ(cpio_lookup(a.buf, 0, "/init", &f), ENOENT);
}

/* Every truncation of the archive is refused or ends it, never overrun. */
ATF_TC_WITHOUT_HEAD(cpio__truncated);
ATF_TC_BODY(cpio__truncated, tc)
{
	struct ar a;
	struct cpio_file f;
	size_t cut, off;
	int error, n;
	char *copy;

	ar_sample(&a);
	for (cut = 0; cut < a.len; cut++) {
		/* An exact-size heap copy, so reading past it is caught. */
		copy = malloc(cut + 1);
		memcpy(copy, a.buf, cut);
		off = 0;
		n = 0;
		while ((error = cpio_next(copy, cut, &off, &f)) == 0) {
			ATF_REQUIRE(off <= cut);
			ATF_REQUIRE((const char *)f.data + f.size <= copy + cut);
			n++;
		}
		ATF_CHECK(error == EINVAL || error == ENOENT);
		ATF_CHECK(n <= 4);
		free(copy);
	}
}

ATF_TC_WITHOUT_HEAD(cpio__malformed);
ATF_TC_BODY(cpio__malformed, tc)
{
	struct ar a;
	struct cpio_file f;
	size_t off;

	/* Bad magic. */
	ar_sample(&a);
	a.buf[5] = '7';
	off = 0;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	ATF_CHECK_EQ(off, 0);
	/* "070702" (with checksum) is accepted. */
	ar_sample(&a);
	a.buf[5] = '2';
	off = 0;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), 0);
	/* A non-hex digit in the file size. */
	ar_sample(&a);
	a.buf[54 + 3] = 'g';
	off = 0;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	/* A file size past the end. */
	ar_sample(&a);
	memcpy(a.buf + 54, "7fffffff", 8);
	off = 0;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	memcpy(a.buf + 54, "ffffffff", 8);
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	/* A zero name size; a name whose NUL is not where namesize says. */
	ar_sample(&a);
	memcpy(a.buf + 94, "00000000", 8);
	off = 0;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	ar_sample(&a);
	memcpy(a.buf + 94, "00000001", 8);	/* "." has namesize 2 */
	off = 0;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	ar_sample(&a);
	memcpy(a.buf + 94, "ffffffff", 8);
	off = 0;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	/* An offset past the end. */
	ar_sample(&a);
	off = a.len + 1;
	ATF_CHECK_EQ(cpio_next(a.buf, a.len, &off, &f), EINVAL);
	/* A lookup stops at a malformed member. */
	ar_sample(&a);
	a.buf[0] = 'x';
	ATF_CHECK_EQ(cpio_lookup(a.buf, a.len, "/init", &f), EINVAL);
}

/* The format GNU cpio writes (the boot module's maker), when present. */
ATF_TC_WITHOUT_HEAD(cpio__gnu_cpio);
ATF_TC_BODY(cpio__gnu_cpio, tc)
{
	static char buf[65536] __attribute__((aligned(4)));
	struct cpio_file f;
	size_t len;
	FILE *p;

	if (system("command -v cpio >/dev/null 2>&1") != 0)
		atf_tc_skip("no cpio on this host");
	ATF_REQUIRE(system("mkdir -p d/sub && printf hello > d/sub/f && "
	    "printf x > d/g") == 0);
	p = popen("cd d && find . | LC_ALL=C sort | "
	    "cpio -o -H newc --quiet", "r");
	ATF_REQUIRE(p != NULL);
	len = fread(buf, 1, sizeof(buf), p);
	ATF_REQUIRE(pclose(p) == 0);
	ATF_REQUIRE_EQ(cpio_lookup(buf, len, "/sub/f", &f), 0);
	ATF_CHECK_EQ(f.size, 5);
	ATF_CHECK(memcmp(f.data, "hello", 5) == 0);
	ATF_CHECK_EQ(f.mode & CPIO_S_IFMT, CPIO_S_IFREG);
	ATF_REQUIRE_EQ(cpio_lookup(buf, len, "g", &f), 0);
	ATF_CHECK_EQ(f.size, 1);
	ATF_REQUIRE_EQ(cpio_lookup(buf, len, "sub", &f), 0);
	ATF_CHECK_EQ(f.mode & CPIO_S_IFMT, CPIO_S_IFDIR);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, cpio__iterate);
	ATF_TP_ADD_TC(tp, cpio__lookup);
	ATF_TP_ADD_TC(tp, cpio__truncated);
	ATF_TP_ADD_TC(tp, cpio__malformed);
	ATF_TP_ADD_TC(tp, cpio__gnu_cpio);
	return (atf_no_error());
}
