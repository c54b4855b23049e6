/*
 * sysctl_test.c: the sysctl tree and its requests (sys/kern/kern_sysctl.c)
 * on the fixture tree of sysctl_shim.c, whose static OIDs come from
 * the same SYSCTL_* macros and linker set as the kernel's: name and MIB
 * resolution, enumeration order, OID_AUTO numbering, the error codes,
 * reading and writing leaves, handler procedures, dynamic OIDs, the
 * CTL_SYSCTL requests and the dump format.
 */
#include <atf-c.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kshim.h"
#include "sysctl_shim.h"

#define MIB(...)	((const int[]){ __VA_ARGS__ })

/* Resolve name; fails the test if it does not resolve. */
static u_int
resolve(const char *name, int *mib)
{
	u_int len = 0;

	ATF_REQUIRE_EQ_MSG(sysctl_name2oid(name, mib, &len), 0, "%s", name);
	return (len);
}

/* The dotted name of mib, into a static buffer. */
static const char *
name_of(const int *mib, u_int len)
{
	static char buf[256];
	size_t n = sizeof(buf);

	if (sysctl_oid2name(mib, len, buf, &n) != 0)
		return ("(none)");
	return (buf);
}

static int
read_int(const char *name)
{
	int val = -1;
	size_t len = sizeof(val);

	ATF_REQUIRE_EQ_MSG(kernel_sysctlbyname(name, &val, &len, NULL, 0), 0,
	    "%s", name);
	ATF_REQUIRE_EQ(len, sizeof(int));
	return (val);
}

ATF_TC_WITHOUT_HEAD(name2oid__resolves_names);
ATF_TC_BODY(name2oid__resolves_names, tc)
{
	int mib[CTL_MAXNAME];
	u_int len;

	sysctl_register_all();
	len = resolve("kern.ostype", mib);
	ATF_CHECK_EQ(len, 2);
	ATF_CHECK(mib[0] == CTL_KERN && mib[1] == KERN_OSTYPE);
	len = resolve("kern.sub.deep", mib);
	ATF_CHECK_EQ(len, 3);
	ATF_CHECK(mib[0] == 1 && mib[1] == 2 && mib[2] == 5);
	len = resolve("kern", mib);		/* a node resolves too */
	ATF_CHECK(len == 1 && mib[0] == CTL_KERN);
	len = resolve("hw.pagesize", mib);
	ATF_CHECK(len == 2 && mib[0] == CTL_HW && mib[1] == HW_PAGESIZE);
	len = resolve("kern.hidden", mib);	/* skipped, yet named */
	ATF_CHECK(len == 2 && mib[1] >= CTL_AUTO_START);
}

ATF_TC_WITHOUT_HEAD(name2oid__rejects_bad_names);
ATF_TC_BODY(name2oid__rejects_bad_names, tc)
{
	static const char *const bad[] = { "", ".", "kern.", ".kern",
	    "kern..ostype", "kern.nope", "nope", "kern.ostype.x",
	    "kern.ostyp", "kern.ostypes", "hw.pagesize.", "kern.sub.deep.x" };
	int mib[CTL_MAXNAME];
	u_int len;
	size_t i;

	sysctl_register_all();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ATF_CHECK_EQ_MSG(sysctl_name2oid(bad[i], mib, &len), ENOENT,
		    "\"%s\"", bad[i]);
}

ATF_TC_WITHOUT_HEAD(oid2name__round_trip);
ATF_TC_BODY(oid2name__round_trip, tc)
{
	char buf[64];
	size_t len;

	sysctl_register_all();
	ATF_CHECK_STREQ(name_of(MIB(1, 1), 2), "kern.ostype");
	ATF_CHECK_STREQ(name_of(MIB(1, 2, 5), 3), "kern.sub.deep");
	ATF_CHECK_STREQ(name_of(MIB(6), 1), "hw");
	ATF_CHECK_STREQ(name_of(MIB(0, 3), 2), "sysctl.name2oid");

	/* Too small: ENOMEM, the prefix, and the size with the NUL. */
	memset(buf, 'x', sizeof(buf));
	len = 4;
	ATF_CHECK_EQ(sysctl_oid2name(MIB(1, 2, 5), 3, buf, &len), ENOMEM);
	ATF_CHECK_EQ(len, sizeof("kern.sub.deep"));
	ATF_CHECK(memcmp(buf, "kernx", 5) == 0);

	len = sizeof(buf);
	ATF_CHECK_EQ(sysctl_oid2name(MIB(1, 12345), 2, buf, &len), ENOENT);
	ATF_CHECK_EQ(sysctl_oid2name(MIB(1, 1, 1), 3, buf, &len), ENOENT);
	ATF_CHECK_EQ(sysctl_oid2name(MIB(7), 1, buf, &len), ENOENT);
}

/* Enumeration from the root: every leaf once, in MIB order. */
ATF_TC_WITHOUT_HEAD(next__enumerates_in_order);
ATF_TC_BODY(next__enumerates_in_order, tc)
{
	static const char *const expect[] = { "kern.ostype", "kern.sub.deep",
	    "kern.rw_int", "kern.ro_int", "kern.const_int", "kern.rw_long",
	    "kern.rw_ulong", "kern.rw_u64", "kern.rw_string", "kern.twice",
	    "hw.machine", "hw.pagesize" };
	int cur[CTL_MAXNAME], next[CTL_MAXNAME];
	u_int curlen = 0, nextlen, i, j, n = 0;
	const char *seen[32];

	sysctl_register_all();
	while (sysctl_next(cur, curlen, next, &nextlen) == 0) {
		ATF_REQUIRE(n < 32);
		if (n > 0) {
			/* Strictly after the previous one. */
			for (i = 0; i < curlen && i < nextlen &&
			    cur[i] == next[i]; i++)
				continue;
			ATF_CHECK_MSG(i < curlen && i < nextlen ?
			    cur[i] < next[i] : curlen < nextlen,
			    "%s after %s", name_of(next, nextlen),
			    name_of(cur, curlen));
		}
		seen[n++] = strdup(name_of(next, nextlen));
		memcpy(cur, next, nextlen * sizeof(int));
		curlen = nextlen;
	}
	ATF_CHECK_EQ(n, sizeof(expect) / sizeof(expect[0]));
	ATF_CHECK_EQ((int)n, fx_count_leaves());
	/* Fixed numbers first, then OID_AUTO ones; hw after kern. */
	ATF_CHECK_STREQ(seen[0], "kern.ostype");
	ATF_CHECK_STREQ(seen[1], "kern.sub.deep");
	ATF_CHECK_STREQ(seen[n - 2], "hw.machine");
	ATF_CHECK_STREQ(seen[n - 1], "hw.pagesize");
	for (i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		for (j = 0; j < n && strcmp(seen[j], expect[i]) != 0; j++)
			continue;
		ATF_CHECK_MSG(j < n, "%s not enumerated", expect[i]);
	}
	for (j = 0; j < n; j++) {
		ATF_CHECK(strcmp(seen[j], "kern.hidden") != 0);
		ATF_CHECK(strncmp(seen[j], "sysctl.", 7) != 0);
	}
}

ATF_TC_WITHOUT_HEAD(next__from_any_point);
ATF_TC_BODY(next__from_any_point, tc)
{
	int next[CTL_MAXNAME], mib[CTL_MAXNAME];
	u_int nextlen;

	sysctl_register_all();
	/* From a node: its first leaf. */
	ATF_REQUIRE_EQ(sysctl_next(MIB(1), 1, next, &nextlen), 0);
	ATF_CHECK_STREQ(name_of(next, nextlen), "kern.ostype");
	ATF_REQUIRE_EQ(sysctl_next(MIB(1, 2), 2, next, &nextlen), 0);
	ATF_CHECK_STREQ(name_of(next, nextlen), "kern.sub.deep");
	/* From a leaf: the leaf after it, across a level. */
	ATF_REQUIRE_EQ(sysctl_next(MIB(1, 1), 2, next, &nextlen), 0);
	ATF_CHECK_STREQ(name_of(next, nextlen), "kern.sub.deep");
	/* From a MIB that does not exist: what would follow it. */
	ATF_REQUIRE_EQ(sysctl_next(MIB(1, 3), 2, next, &nextlen), 0);
	ATF_CHECK(nextlen == 2 && next[1] >= CTL_AUTO_START);
	ATF_REQUIRE_EQ(sysctl_next(MIB(1, 100000), 2, next, &nextlen), 0);
	ATF_CHECK_STREQ(name_of(next, nextlen), "hw.machine");
	ATF_REQUIRE_EQ(sysctl_next(MIB(5), 1, next, &nextlen), 0);
	ATF_CHECK_STREQ(name_of(next, nextlen), "hw.machine");
	/* From the last leaf, or past it: the end. */
	resolve("hw.pagesize", mib);
	ATF_CHECK_EQ(sysctl_next(mib, 2, next, &nextlen), ENOENT);
	ATF_CHECK_EQ(sysctl_next(MIB(7), 1, next, &nextlen), ENOENT);
}

ATF_TC_WITHOUT_HEAD(oid_auto__numbers_from_256);
ATF_TC_BODY(oid_auto__numbers_from_256, tc)
{
	static const char *const autos[] = { "kern.rw_int", "kern.ro_int",
	    "kern.const_int", "kern.rw_long", "kern.rw_ulong", "kern.rw_u64",
	    "kern.rw_string", "kern.twice", "kern.empty", "kern.hidden" };
	const size_t n = sizeof(autos) / sizeof(autos[0]);
	int mib[CTL_MAXNAME], nbr[16];
	size_t i, j;

	sysctl_register_all();
	for (i = 0; i < n; i++) {
		resolve(autos[i], mib);
		nbr[i] = mib[1];
		ATF_CHECK_MSG(nbr[i] >= CTL_AUTO_START &&
		    nbr[i] < CTL_AUTO_START + (int)n, "%s: %d", autos[i],
		    nbr[i]);
		for (j = 0; j < i; j++)
			ATF_CHECK(nbr[j] != nbr[i]);
	}
	/* Fixed numbers are kept. */
	resolve("kern.sub", mib);
	ATF_CHECK_EQ(mib[1], 2);

	/* A dynamic OID_AUTO OID takes the next number above them all. */
	ATF_REQUIRE_EQ(fx_dyn_add(), 0);
	ATF_CHECK_EQ(fx_dyn_number(0), CTL_AUTO_START);	/* first in debug */
	ATF_CHECK_EQ(fx_dyn_number(1), CTL_AUTO_START);	/* count */
	ATF_CHECK_EQ(fx_dyn_number(2), 3);			/* fixed */
	ATF_CHECK_EQ(fx_dyn_number(3), CTL_AUTO_START + 1);	/* label */
	/* Taken out, an OID_AUTO OID forgets its number... */
	ATF_CHECK_EQ(fx_dyn_remove(1, false), 0);
	ATF_CHECK_EQ(fx_dyn_number(1), OID_AUTO);
	ATF_CHECK_EQ(fx_dyn_number(2), 3);
	/* ...and one added later goes above the largest in use. */
	ATF_CHECK_EQ(fx_dyn_add_clash("again", OID_AUTO), 0);
	resolve("debug.dyn.again", mib);
	ATF_CHECK_EQ(mib[2], CTL_AUTO_START + 2);
}

ATF_TC_WITHOUT_HEAD(errors__codes);
ATF_TC_BODY(errors__codes, tc)
{
	char buf[16];
	size_t len;
	int val;
	long lval;

	sysctl_register_all();
	len = sizeof(buf);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 12345), 2, buf, &len, NULL, 0),
	    ENOENT);
	ATF_CHECK_EQ(kernel_sysctl(MIB(42), 1, buf, &len, NULL, 0), ENOENT);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 2, 6), 3, buf, &len, NULL, 0),
	    ENOENT);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 1, 0), 3, buf, &len, NULL, 0),
	    ENOTDIR);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 2, 5, 1), 4, buf, &len, NULL, 0),
	    ENOTDIR);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1), 1, buf, &len, NULL, 0), EISDIR);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 2), 2, buf, &len, NULL, 0), EISDIR);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.empty", buf, &len, NULL, 0),
	    EISDIR);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1), 0, buf, &len, NULL, 0), EINVAL);
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), CTL_MAXNAME + 1, buf, &len,
	    NULL, 0), EINVAL);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.nope", buf, &len, NULL, 0),
	    ENOENT);

	/* Writes to what is read-only. */
	val = 1;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.ro_int", NULL, NULL, &val,
	    sizeof(val)), EPERM);
	ATF_CHECK_EQ(fx_ro_int, 7);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.const_int", NULL, NULL, &val,
	    sizeof(val)), EPERM);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.ostype", NULL, NULL, "BSD", 4),
	    EPERM);
	/* A read-only OID fails the whole request, the read part too. */
	len = sizeof(buf);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.ostype", buf, &len, "BSD", 4),
	    EPERM);

	/* New values too short for their type. */
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_int", NULL, NULL, &val, 2),
	    EINVAL);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_int", NULL, NULL, &val, 0),
	    EINVAL);
	lval = 9;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_long", NULL, NULL, &lval,
	    4), EINVAL);
	ATF_CHECK_EQ(fx_int, 42);
	ATF_CHECK_EQ(fx_long, -5);

	/* The old buffer too small: ENOMEM, a prefix, the size needed. */
	memset(buf, 'x', sizeof(buf));
	len = 3;
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 1), 2, buf, &len, NULL, 0), ENOMEM);
	ATF_CHECK_EQ(len, sizeof("Umbra"));
	ATF_CHECK(memcmp(buf, "Umbx", 4) == 0);
	len = 2;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_int", &val, &len, NULL, 0),
	    ENOMEM);
	ATF_CHECK_EQ(len, sizeof(int));
	/* With a too-small buffer, a write does not happen. */
	val = 5;
	len = 2;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_int", buf, &len, &val,
	    sizeof(val)), ENOMEM);
	ATF_CHECK_EQ(fx_int, 42);
	/* No buffer: the size alone. */
	len = 0;
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 1), 2, NULL, &len, NULL, 0), 0);
	ATF_CHECK_EQ(len, sizeof("Umbra"));
	len = 0;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_u64", NULL, &len, NULL, 0),
	    0);
	ATF_CHECK_EQ(len, 8);
}

ATF_TC_WITHOUT_HEAD(leaves__int_and_long);
ATF_TC_BODY(leaves__int_and_long, tc)
{
	int val, old;
	long lval, lold;
	u_long ulval;
	uint64_t u64;
	size_t len;

	sysctl_register_all();
	ATF_CHECK_EQ(read_int("kern.rw_int"), 42);
	ATF_CHECK_EQ(read_int("kern.ro_int"), 7);
	ATF_CHECK_EQ(read_int("kern.const_int"), 99);
	ATF_CHECK_EQ(read_int("kern.sub.deep"), 5);
	ATF_CHECK_EQ(read_int("hw.pagesize"), 4096);

	/* Old and new in one request: the old value comes back. */
	val = -17;
	len = sizeof(old);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_int", &old, &len, &val,
	    sizeof(val)), 0);
	ATF_CHECK_EQ(old, 42);
	ATF_CHECK_EQ(len, sizeof(int));
	ATF_CHECK_EQ(fx_int, -17);
	ATF_CHECK_EQ(read_int("kern.rw_int"), -17);
	/* A write alone, by MIB. */
	val = 6;
	ATF_CHECK_EQ(kernel_sysctl(MIB(1, 2, 5), 3, NULL, NULL, &val,
	    sizeof(val)), 0);
	ATF_CHECK_EQ(fx_deep, 6);

	lval = -(1L << 40);
	len = sizeof(lold);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_long", &lold, &len, &lval,
	    sizeof(lval)), 0);
	ATF_CHECK_EQ(lold, -5);
	ATF_CHECK_EQ(fx_long, -(1L << 40));

	len = sizeof(ulval);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_ulong", &ulval, &len, NULL,
	    0), 0);
	ATF_CHECK_EQ(ulval, 1ul << 63);
	ulval = 3;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_ulong", NULL, NULL, &ulval,
	    sizeof(ulval)), 0);
	ATF_CHECK_EQ(fx_ulong, 3);

	len = sizeof(u64);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_u64", &u64, &len, NULL, 0),
	    0);
	ATF_CHECK_EQ(u64, 0x0123456789abcdefull);
	u64 = ~0ull;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_u64", NULL, NULL, &u64,
	    sizeof(u64)), 0);
	ATF_CHECK_EQ(fx_u64, ~0ull);
}

ATF_TC_WITHOUT_HEAD(leaves__string);
ATF_TC_BODY(leaves__string, tc)
{
	char buf[32];
	size_t len;

	sysctl_register_all();
	len = sizeof(buf);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_string", buf, &len, NULL,
	    0), 0);
	ATF_CHECK_STREQ(buf, "hello");
	ATF_CHECK_EQ(len, 6);

	/* New value without its NUL, and with it. */
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_string", NULL, NULL, "world",
	    5), 0);
	ATF_CHECK_STREQ(fx_string, "world");
	len = sizeof(buf);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_string", buf, &len, "abc",
	    4), 0);
	ATF_CHECK_STREQ(buf, "world");		/* the old value */
	ATF_CHECK_STREQ(fx_string, "abc");
	/* The largest that fits (15 and the NUL), then one too many. */
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_string", NULL, NULL,
	    "0123456789abcde", 15), 0);
	ATF_CHECK_STREQ(fx_string, "0123456789abcde");
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_string", NULL, NULL,
	    "0123456789abcdef", 16), EINVAL);
	ATF_CHECK_STREQ(fx_string, "0123456789abcde");
	/* An empty new value empties it. */
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_string", NULL, NULL, "", 0),
	    0);
	ATF_CHECK_STREQ(fx_string, "");
	len = sizeof(buf);
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.rw_string", buf, &len, NULL,
	    0), 0);
	ATF_CHECK_EQ(len, 1);
}

ATF_TC_WITHOUT_HEAD(proc__handler);
ATF_TC_BODY(proc__handler, tc)
{
	int val;

	sysctl_register_all();
	ATF_CHECK_EQ(read_int("kern.twice"), 84);
	val = 10;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.twice", NULL, NULL, &val,
	    sizeof(val)), 0);
	ATF_CHECK_EQ(fx_int, 5);
	ATF_CHECK_EQ(read_int("kern.twice"), 10);
	/* The handler's own errors come back as they are. */
	val = 7;
	ATF_CHECK_EQ(kernel_sysctlbyname("kern.twice", NULL, NULL, &val,
	    sizeof(val)), EINVAL);
	ATF_CHECK_EQ(fx_int, 5);
}

/* Every leaf reads the same through its name as through its MIB. */
ATF_TC_WITHOUT_HEAD(byname__agrees_with_mib);
ATF_TC_BODY(byname__agrees_with_mib, tc)
{
	int cur[CTL_MAXNAME], next[CTL_MAXNAME];
	u_int curlen = 0, nextlen, n = 0;
	char a[64], b[64];
	size_t alen, blen;

	sysctl_register_all();
	while (sysctl_next(cur, curlen, next, &nextlen) == 0) {
		const char *name = name_of(next, nextlen);

		alen = blen = sizeof(a);
		ATF_CHECK_EQ(kernel_sysctl(next, nextlen, a, &alen, NULL, 0),
		    0);
		ATF_CHECK_EQ(kernel_sysctlbyname(name, b, &blen, NULL, 0), 0);
		ATF_CHECK_EQ_MSG(alen, blen, "%s", name);
		ATF_CHECK_MSG(memcmp(a, b, alen) == 0, "%s", name);
		memcpy(cur, next, nextlen * sizeof(int));
		curlen = nextlen;
		n++;
	}
	ATF_CHECK_EQ(n, 12);
}

ATF_TC_WITHOUT_HEAD(dynamic__add_lookup_remove);
ATF_TC_BODY(dynamic__add_lookup_remove, tc)
{
	int next[CTL_MAXNAME], mib[CTL_MAXNAME];
	u_int nextlen;
	u_long count;
	size_t len;
	char buf[16];

	sysctl_register_all();
	ATF_REQUIRE_EQ(fx_dyn_add(), 0);
	len = sizeof(count);
	ATF_CHECK_EQ(kernel_sysctlbyname("debug.dyn.count", &count, &len,
	    NULL, 0), 0);
	ATF_CHECK_EQ(count, 11);
	ATF_CHECK_EQ(read_int("debug.dyn.fixed"), 3);
	len = sizeof(buf);
	ATF_CHECK_EQ(kernel_sysctlbyname("debug.dyn.label", buf, &len, "zone",
	    4), 0);
	ATF_CHECK_STREQ(buf, "dyn");
	len = sizeof(buf);
	ATF_CHECK_EQ(kernel_sysctlbyname("debug.dyn.label", buf, &len, NULL,
	    0), 0);
	ATF_CHECK_STREQ(buf, "zone");
	/* In enumeration, in number order: fixed (3) before the autos. */
	ATF_REQUIRE_EQ(sysctl_next(MIB(CTL_DEBUG), 1, next, &nextlen), 0);
	ATF_CHECK_STREQ(name_of(next, nextlen), "debug.dyn.fixed");
	ATF_REQUIRE_EQ(sysctl_next(next, nextlen, next, &nextlen), 0);
	ATF_CHECK_STREQ(name_of(next, nextlen), "debug.dyn.count");
	ATF_CHECK_EQ(fx_count_leaves(), 15);

	/* A node with children goes only with them. */
	ATF_CHECK_EQ(fx_dyn_remove(0, false), ENOTEMPTY);
	ATF_CHECK_EQ(fx_dyn_remove(2, false), 0);
	ATF_CHECK_EQ(fx_dyn_remove(2, false), ENOENT);
	ATF_CHECK_EQ(sysctl_name2oid("debug.dyn.fixed", mib, &nextlen),
	    ENOENT);
	ATF_CHECK_EQ(fx_dyn_remove(0, true), 0);
	ATF_CHECK_EQ(sysctl_name2oid("debug.dyn", mib, &nextlen), ENOENT);
	ATF_CHECK_EQ(fx_dyn_remove(1, false), ENOENT);	/* went with it */
	ATF_CHECK_EQ(fx_count_leaves(), 12);

	/* The same storage can be added again. */
	ATF_REQUIRE_EQ(fx_dyn_add(), 0);
	ATF_CHECK_EQ(read_int("debug.dyn.fixed"), 3);
}

ATF_TC_WITHOUT_HEAD(dynamic__clashes);
ATF_TC_BODY(dynamic__clashes, tc)
{
	int mib[CTL_MAXNAME];
	u_int len;

	sysctl_register_all();
	ATF_REQUIRE_EQ(fx_dyn_add(), 0);
	kshim_console_len = 0;
	ATF_CHECK_EQ(fx_dyn_add_clash("count", OID_AUTO), EEXIST);
	ATF_CHECK_EQ(fx_dyn_add_clash("other", 3), EEXIST);
	ATF_CHECK(strstr(kshim_console, "cannot add other") != NULL);
	ATF_CHECK_EQ(sysctl_name2oid("debug.dyn.other", mib, &len), ENOENT);
	/* A free name and number goes in. */
	ATF_CHECK_EQ(fx_dyn_add_clash("fine", 4), 0);
	ATF_CHECK_EQ(read_int("debug.dyn.fine"), 3);
}

/*
 * Walk the tree with request {0, how, ...}; returns -1 as soon as it
 * meets the leaf named find, else the number of leaves.
 */
static int
walk(int how, const char *find)
{
	int q[CTL_MAXNAME + 2];
	u_int qlen = 2;
	size_t len;
	int n = 0;

	q[0] = CTL_SYSCTL;
	q[1] = how;
	for (;;) {
		len = (CTL_MAXNAME - 2) * sizeof(int);
		if (kernel_sysctl(q, qlen, q + 2, &len, NULL, 0) != 0)
			return (n);
		qlen = 2 + len / sizeof(int);
		if (find != NULL && strcmp(name_of(q + 2, qlen - 2), find) == 0)
			return (-1);
		n++;
	}
}

/* The CTL_SYSCTL requests, as sysctl(8) will use them. */
ATF_TC_WITHOUT_HEAD(magic__requests);
ATF_TC_BODY(magic__requests, tc)
{
	int mib[CTL_MAXNAME], q[CTL_MAXNAME];
	char buf[64];
	size_t len;
	u_int kind;

	sysctl_register_all();
	/* 0.3 name2oid, with or without the NUL. */
	len = sizeof(mib);
	ATF_REQUIRE_EQ(kernel_sysctl(MIB(0, 3), 2, mib, &len, "kern.sub.deep",
	    13), 0);
	ATF_CHECK_EQ(len, 3 * sizeof(int));
	ATF_CHECK(mib[0] == 1 && mib[1] == 2 && mib[2] == 5);
	len = sizeof(mib);
	ATF_CHECK_EQ(kernel_sysctl(MIB(0, 3), 2, mib, &len, "hw", 3), 0);
	ATF_CHECK_EQ(len, sizeof(int));
	len = sizeof(mib);
	ATF_CHECK_EQ(kernel_sysctl(MIB(0, 3), 2, mib, &len, "hw.x", 4),
	    ENOENT);
	ATF_CHECK_EQ(kernel_sysctl(MIB(0, 3), 2, mib, &len, NULL, 0), ENOENT);

	/* 0.1 name. */
	len = sizeof(buf);
	ATF_REQUIRE_EQ(kernel_sysctl(MIB(0, 1, 1, 2, 5), 5, buf, &len, NULL,
	    0), 0);
	ATF_CHECK_STREQ(buf, "kern.sub.deep");

	/* 0.4 oidfmt: kind, then format. */
	resolve("kern.rw_ulong", mib);
	q[0] = 0;
	q[1] = 4;
	memcpy(q + 2, mib, 2 * sizeof(int));
	len = sizeof(buf);
	ATF_REQUIRE_EQ(kernel_sysctl(q, 4, buf, &len, NULL, 0), 0);
	memcpy(&kind, buf, sizeof(kind));
	ATF_CHECK_EQ(kind & CTLTYPE, CTLTYPE_ULONG);
	ATF_CHECK((kind & CTLFLAG_RW) == CTLFLAG_RW);
	ATF_CHECK_STREQ(buf + sizeof(kind), "LU");
	len = sizeof(buf);
	ATF_REQUIRE_EQ(kernel_sysctl(MIB(0, 4, 1), 3, buf, &len, NULL, 0), 0);
	memcpy(&kind, buf, sizeof(kind));
	ATF_CHECK_EQ(kind & CTLTYPE, CTLTYPE_NODE);
	ATF_CHECK_STREQ(buf + sizeof(kind), "N");

	/* 0.5 oiddescr. */
	q[1] = 5;
	len = sizeof(buf);
	ATF_REQUIRE_EQ(kernel_sysctl(q, 4, buf, &len, NULL, 0), 0);
	ATF_CHECK_STREQ(buf, "A writable u_long");

	/* 0.2 next skips; 0.7 nextnoskip does not. */
	len = sizeof(mib);
	ATF_REQUIRE_EQ(kernel_sysctl(MIB(0, 2), 2, mib, &len, NULL, 0), 0);
	ATF_CHECK_STREQ(name_of(mib, len / sizeof(int)), "kern.ostype");
	ATF_CHECK_EQ(walk(2, "kern.hidden"), 12);
	ATF_CHECK_EQ(walk(7, "kern.hidden"), -1);
	ATF_CHECK_EQ(walk(7, "sysctl.name2oid"), -1);
	/* 12 leaves, kern.hidden, and six CTL_SYSCTL requests. */
	ATF_CHECK_EQ(walk(7, NULL), 19);
}

ATF_TC_WITHOUT_HEAD(dump__sysctl_a_format);
ATF_TC_BODY(dump__sysctl_a_format, tc)
{
	static const char *const lines[] = {
	    "kern.rw_int: 42\n",
	    "kern.ro_int: 7\n",
	    "kern.const_int: 99\n",
	    "kern.rw_long: -5\n",
	    "kern.rw_ulong: 9223372036854775808\n",
	    "kern.rw_u64: 81985529216486895\n",
	    "kern.rw_string: hello\n",
	    "kern.twice: 84\n" };
	const char *p;
	size_t i;
	int n;

	sysctl_register_all();
	kshim_console_len = 0;
	kshim_console[0] = '\0';
	sysctl_dump(NULL, 0);
	/* Fixed numbers first, then the OID_AUTO leaves, then hw. */
	ATF_CHECK(strncmp(kshim_console,
	    "kern.ostype: Umbra\n"
	    "kern.sub.deep: 5\n", 35) == 0);
	p = strstr(kshim_console, "hw.machine");
	ATF_CHECK(p != NULL && strcmp(p,
	    "hw.machine: amd64\n"
	    "hw.pagesize: 4096\n") == 0);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ATF_CHECK_MSG(strstr(kshim_console, lines[i]) != NULL,
		    "missing %s", lines[i]);
	for (n = 0, p = kshim_console; (p = strchr(p, '\n')) != NULL; p++)
		n++;
	ATF_CHECK_EQ(n, 12);

	/* A subtree, and a single leaf. */
	kshim_console_len = 0;
	kshim_console[0] = '\0';
	sysctl_dump(MIB(CTL_HW), 1);
	sysctl_dump(MIB(1, 2, 5), 3);
	ATF_CHECK_STREQ(kshim_console,
	    "hw.machine: amd64\n"
	    "hw.pagesize: 4096\n"
	    "kern.sub.deep: 5\n");
}

ATF_TC_WITHOUT_HEAD(register_all__idempotent);
ATF_TC_BODY(register_all__idempotent, tc)
{
	sysctl_register_all();
	ATF_CHECK_EQ(fx_count_leaves(), 12);
	kshim_console_len = 0;
	kshim_console[0] = '\0';
	sysctl_register_all();
	ATF_CHECK_EQ(fx_count_leaves(), 12);
	ATF_CHECK_STREQ(kshim_console, "");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, name2oid__resolves_names);
	ATF_TP_ADD_TC(tp, name2oid__rejects_bad_names);
	ATF_TP_ADD_TC(tp, oid2name__round_trip);
	ATF_TP_ADD_TC(tp, next__enumerates_in_order);
	ATF_TP_ADD_TC(tp, next__from_any_point);
	ATF_TP_ADD_TC(tp, oid_auto__numbers_from_256);
	ATF_TP_ADD_TC(tp, errors__codes);
	ATF_TP_ADD_TC(tp, leaves__int_and_long);
	ATF_TP_ADD_TC(tp, leaves__string);
	ATF_TP_ADD_TC(tp, proc__handler);
	ATF_TP_ADD_TC(tp, byname__agrees_with_mib);
	ATF_TP_ADD_TC(tp, dynamic__add_lookup_remove);
	ATF_TP_ADD_TC(tp, dynamic__clashes);
	ATF_TP_ADD_TC(tp, magic__requests);
	ATF_TP_ADD_TC(tp, dump__sysctl_a_format);
	ATF_TP_ADD_TC(tp, register_all__idempotent);
	return (0);
}
