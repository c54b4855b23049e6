/*
 * kern_sysctl_test.c: in-kernel tests of the sysctl tree (suite sysctl):
 * the boot's static tree, lookups by name and by MIB and their agreement,
 * enumeration order, the errors, writable leaves and dynamic OIDs.  The
 * host unit tests (tests/unit/sysctl_test.c) test the tree logic on a
 * tree of their own; these check the kernel's real one.
 *
 * debug.sysctl_test holds the OIDs the tests write to; they stay in the
 * kernel (as the tests do) and show in the dump.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/smp.h>
#include <sys/sysctl.h>

#include <machine/multiboot2.h>

#define SYSCTL_TEST_NAMEMAX	256

static SYSCTL_NODE(_debug, OID_AUTO, sysctl_test, CTLFLAG_RW | CTLFLAG_MPSAFE,
    NULL, "OIDs for the sysctl in-kernel tests");

static int st_int = 42;
SYSCTL_INT(_debug_sysctl_test, OID_AUTO, rw_int, CTLFLAG_RW, &st_int, 0,
    "A writable int");

static long st_long = -5;
SYSCTL_LONG(_debug_sysctl_test, OID_AUTO, rw_long, CTLFLAG_RW, &st_long, 0,
    "A writable long");

static char st_string[16] = "hello";
SYSCTL_STRING(_debug_sysctl_test, OID_AUTO, rw_string, CTLFLAG_RW, st_string,
    sizeof(st_string), "A writable string of at most 15 characters");

/* Reads as twice rw_int; writing v sets rw_int to v / 2. */
static int
st_twice_handler(SYSCTL_HANDLER_ARGS)
{
	int val = st_int * 2, error;

	error = sysctl_handle_int(oidp, &val, 0, req);
	if (error != 0 || req->newptr == NULL)
		return (error);
	st_int = val / 2;
	return (0);
}
SYSCTL_PROC(_debug_sysctl_test, OID_AUTO, twice, CTLTYPE_INT | CTLFLAG_RW |
    CTLFLAG_MPSAFE, NULL, 0, st_twice_handler, "I", "Twice rw_int");

/* Read the OID named name into buf; returns the error, *lenp the length. */
static int
st_read(const char *name, void *buf, size_t *lenp)
{
	return (kernel_sysctlbyname(name, buf, lenp, NULL, 0));
}

/* Is MIB a[0..alen) before b[0..blen) (a prefix before its extensions)? */
static bool
st_mib_before(const int *a, u_int alen, const int *b, u_int blen)
{
	u_int i;

	for (i = 0; i < alen && i < blen; i++)
		if (a[i] != b[i])
			return (a[i] < b[i]);
	return (alen < blen);
}

/* The leaves below lsp that enumeration returns, counted on the tree. */
static u_int
st_count_leaves(struct sysctl_oid_list *lsp)
{
	struct sysctl_oid *oidp;
	u_int n = 0;

	SLIST_FOREACH(oidp, lsp, oid_link) {
		if ((oidp->oid_kind & (CTLFLAG_SKIP | CTLFLAG_DORMANT)) != 0)
			continue;
		if ((oidp->oid_kind & CTLTYPE) != CTLTYPE_NODE ||
		    oidp->oid_handler != NULL)
			n++;
		else
			n += st_count_leaves(&oidp->oid_children);
	}
	return (n);
}

KTEST(sysctl, kern_ostype)
{
	static const int mib[] = { CTL_KERN, KERN_OSTYPE };
	char buf[32];
	size_t len;

	len = sizeof(buf);
	KT_ASSERT(kt, st_read("kern.ostype", buf, &len) == 0);
	KT_EXPECT_STREQ(kt, buf, "Umbra");
	KT_EXPECT_EQ(kt, len, sizeof("Umbra"));
	memset(buf, 0, sizeof(buf));
	len = sizeof(buf);
	KT_ASSERT(kt, kernel_sysctl(mib, 2, buf, &len, NULL, 0) == 0);
	KT_EXPECT_STREQ(kt, buf, "Umbra");
}

KTEST(sysctl, hw_pagesize)
{
	static const int mib[] = { CTL_HW, HW_PAGESIZE };
	size_t len;
	int val;

	len = sizeof(val);
	KT_ASSERT(kt, st_read("hw.pagesize", &val, &len) == 0);
	KT_EXPECT_EQ(kt, len, sizeof(int));
	KT_EXPECT_EQ(kt, val, 4096);
	val = 0;
	KT_ASSERT(kt, kernel_sysctl(mib, 2, &val, &len, NULL, 0) == 0);
	KT_EXPECT_EQ(kt, val, PAGE_SIZE);
}

KTEST(sysctl, identity_values)
{
	char buf[256];
	size_t len;
	int val;

	len = sizeof(buf);
	KT_ASSERT(kt, st_read("kern.osrelease", buf, &len) == 0);
	KT_EXPECT_STREQ(kt, buf, osrelease);
	len = sizeof(buf);
	KT_ASSERT(kt, st_read("kern.version", buf, &len) == 0);
	KT_EXPECT_STREQ(kt, buf, version);
	KT_EXPECT_EQ(kt, len, strlen(version) + 1);
	len = sizeof(buf);
	KT_ASSERT(kt, st_read("hw.machine", buf, &len) == 0);
	KT_EXPECT_STREQ(kt, buf, "amd64");
	len = sizeof(buf);
	KT_ASSERT(kt, st_read("hw.machine_arch", buf, &len) == 0);
	KT_EXPECT_STREQ(kt, buf, "amd64");
	len = sizeof(val);
	KT_ASSERT(kt, st_read("hw.ncpu", &val, &len) == 0);
	KT_EXPECT_EQ(kt, val, mp_ncpus);
	KT_EXPECT_EQ(kt, val, 1);
	len = sizeof(val);
	KT_ASSERT(kt, st_read("kern.osrevision", &val, &len) == 0);
	KT_EXPECT_EQ(kt, val, 199506);
}

/* The well-known OIDs have FreeBSD's numbers, both ways. */
KTEST(sysctl, well_known_numbers)
{
	static const struct {
		const char *name;
		int mib[3];
		u_int len;
	} known[] = {
		{ "kern", { CTL_KERN }, 1 },
		{ "vm", { CTL_VM }, 1 },
		{ "vfs", { CTL_VFS }, 1 },
		{ "net", { CTL_NET }, 1 },
		{ "debug", { CTL_DEBUG }, 1 },
		{ "hw", { CTL_HW }, 1 },
		{ "machdep", { CTL_MACHDEP }, 1 },
		{ "user", { CTL_USER }, 1 },
		{ "kern.ostype", { 1, 1 }, 2 },
		{ "kern.osrelease", { 1, 2 }, 2 },
		{ "kern.osrevision", { 1, 3 }, 2 },
		{ "kern.version", { 1, 4 }, 2 },
		{ "hw.machine", { 6, 1 }, 2 },
		{ "hw.ncpu", { 6, 3 }, 2 },
		{ "hw.physmem", { 6, 5 }, 2 },
		{ "hw.pagesize", { 6, 7 }, 2 },
		{ "hw.machine_arch", { 6, 11 }, 2 },
	};
	int mib[CTL_MAXNAME];
	char name[64];
	size_t len;
	u_int i, miblen;

	for (i = 0; i < nitems(known); i++) {
		KT_ASSERT(kt, sysctl_name2oid(known[i].name, mib, &miblen) ==
		    0);
		KT_EXPECT_EQ(kt, miblen, known[i].len);
		KT_EXPECT(kt, memcmp(mib, known[i].mib, miblen *
		    sizeof(int)) == 0);
		len = sizeof(name);
		KT_ASSERT(kt, sysctl_oid2name(known[i].mib, known[i].len, name,
		    &len) == 0);
		KT_EXPECT_STREQ(kt, name, known[i].name);
	}
}

KTEST(sysctl, vm_stats_nodes)
{
	int mib[CTL_MAXNAME];
	u_int miblen;
	char buf[8];
	size_t len;

	KT_ASSERT(kt, sysctl_name2oid("vm.stats.vm", mib, &miblen) == 0);
	KT_EXPECT_EQ(kt, miblen, 3);
	KT_EXPECT_EQ(kt, mib[0], CTL_VM);
	KT_EXPECT(kt, mib[1] >= CTL_AUTO_START && mib[2] >= CTL_AUTO_START);
	len = sizeof(buf);
	KT_EXPECT_EQ(kt, kernel_sysctl(mib, miblen, buf, &len, NULL, 0),
	    EISDIR);
	KT_EXPECT_EQ(kt, sysctl_name2oid("vm.stats.sys", mib, &miblen), 0);
	KT_EXPECT(kt, SYSCTL_STATIC_CHILDREN(_vm_stats_vm) ==
	    &sysctl___vm_stats_vm.oid_children);
}

/*
 * Walking with sysctl_next from the root visits every leaf of the tree
 * once, in increasing MIB order, and each has a name that maps back.
 */
KTEST(sysctl, enumeration_in_order)
{
	int cur[CTL_MAXNAME], next[CTL_MAXNAME], mib[CTL_MAXNAME];
	u_int curlen = 0, nextlen, miblen, n = 0;
	bool seen_ostype = false, seen_physmem = false;
	char name[SYSCTL_TEST_NAMEMAX];
	size_t len;

	while (sysctl_next(cur, curlen, next, &nextlen) == 0) {
		KT_ASSERT(kt, nextlen > 0 && nextlen <= CTL_MAXNAME);
		if (n > 0)
			KT_ASSERT(kt, st_mib_before(cur, curlen, next,
			    nextlen));
		KT_EXPECT(kt, next[0] != CTL_SYSCTL);	/* CTLFLAG_SKIP */
		len = sizeof(name);
		KT_ASSERT(kt, sysctl_oid2name(next, nextlen, name, &len) == 0);
		KT_ASSERT(kt, sysctl_name2oid(name, mib, &miblen) == 0);
		KT_EXPECT_EQ(kt, miblen, nextlen);
		KT_EXPECT(kt, memcmp(mib, next, miblen * sizeof(int)) == 0);
		seen_ostype |= strcmp(name, "kern.ostype") == 0;
		seen_physmem |= strcmp(name, "hw.physmem") == 0;
		memcpy(cur, next, nextlen * sizeof(int));
		curlen = nextlen;
		KT_ASSERT(kt, ++n < 100000);
	}
	KT_EXPECT_EQ(kt, n, st_count_leaves(&sysctl__.oid_children));
	KT_EXPECT(kt, seen_ostype && seen_physmem);
	KT_EXPECT(kt, n >= 10);
}

/* Every readable leaf reads the same by name as by MIB. */
KTEST(sysctl, name_and_mib_agree)
{
	static char a[1024], b[1024], c[1024];
	int cur[CTL_MAXNAME], next[CTL_MAXNAME];
	u_int curlen = 0, nextlen, n = 0;
	char name[SYSCTL_TEST_NAMEMAX];
	size_t alen, blen, clen, len;
	int ea, eb, ec;

	while (sysctl_next(cur, curlen, next, &nextlen) == 0) {
		len = sizeof(name);
		KT_ASSERT(kt, sysctl_oid2name(next, nextlen, name, &len) == 0);
		alen = blen = clen = sizeof(a);
		ea = kernel_sysctl(next, nextlen, a, &alen, NULL, 0);
		eb = kernel_sysctlbyname(name, b, &blen, NULL, 0);
		ec = kernel_sysctl(next, nextlen, c, &clen, NULL, 0);
		KT_EXPECT_EQ(kt, ea, eb);
		/* Compare values that held still across the two MIB reads. */
		if (ea == 0 && ec == 0 && alen == clen &&
		    memcmp(a, c, alen) == 0) {
			KT_EXPECT_EQ(kt, blen, alen);
			KT_EXPECT(kt, memcmp(a, b, alen) == 0);
			n++;
		}
		memcpy(cur, next, nextlen * sizeof(int));
		curlen = nextlen;
	}
	KT_EXPECT(kt, n >= 10);
}

/* hw.physmem is the multiboot2 map's available memory, within 2 %. */
KTEST(sysctl, physmem_matches_boot_map)
{
	uint64_t avail = mb2_mem_available(&bootinfo), diff;
	u_long physmem_bytes;
	size_t len;

	len = sizeof(physmem_bytes);
	KT_ASSERT(kt, st_read("hw.physmem", &physmem_bytes, &len) == 0);
	KT_EXPECT_EQ(kt, len, sizeof(u_long));
	KT_ASSERT(kt, avail > 0);
	diff = physmem_bytes > avail ? physmem_bytes - avail :
	    avail - physmem_bytes;
	KT_EXPECT(kt, diff * 50 <= avail);
	printf("# hw.physmem %lu, boot map %lu bytes available\n",
	    physmem_bytes, (u_long)avail);
}

/*
 * The acceptance check of the kernel-core issue: v_page_count pages
 * cover hw.physmem within 2 %.  It needs vm_meter's counter.
 */
KTEST(sysctl, v_page_count_matches_physmem)
{
	uint64_t pages = 0, diff;
	u_long physmem_bytes;
	size_t len;
	int error;

	len = sizeof(pages);
	error = st_read("vm.stats.vm.v_page_count", &pages, &len);
	if (error == ENOENT)
		KT_SKIP(kt, "vm.stats.vm.v_page_count is not declared yet");
	KT_ASSERT(kt, error == 0);
	/* A u_int counter fills the low half of the zeroed pages. */
	KT_ASSERT(kt, len == sizeof(u_int) || len == sizeof(uint64_t));
	len = sizeof(physmem_bytes);
	KT_ASSERT(kt, st_read("hw.physmem", &physmem_bytes, &len) == 0);
	diff = ptoa(pages) > physmem_bytes ? ptoa(pages) - physmem_bytes :
	    physmem_bytes - ptoa(pages);
	KT_EXPECT(kt, diff * 50 <= physmem_bytes);
	printf("# v_page_count %lu (%lu bytes), hw.physmem %lu\n",
	    (u_long)pages, (u_long)ptoa(pages), physmem_bytes);
}

KTEST(sysctl, errors)
{
	static const int missing[] = { CTL_KERN, 99999 };
	static const int past_leaf[] = { CTL_KERN, KERN_OSTYPE, 1 };
	static const int node[] = { CTL_KERN };
	static const int ostype[] = { CTL_KERN, KERN_OSTYPE };
	char buf[8];
	size_t len;
	int val;

	len = sizeof(buf);
	KT_EXPECT_EQ(kt, kernel_sysctl(missing, 2, buf, &len, NULL, 0),
	    ENOENT);
	KT_EXPECT_EQ(kt, kernel_sysctl(past_leaf, 3, buf, &len, NULL, 0),
	    ENOTDIR);
	KT_EXPECT_EQ(kt, kernel_sysctl(node, 1, buf, &len, NULL, 0), EISDIR);
	KT_EXPECT_EQ(kt, kernel_sysctl(node, 0, buf, &len, NULL, 0), EINVAL);
	KT_EXPECT_EQ(kt, kernel_sysctl(ostype, 2, NULL, NULL, "x", 2), EPERM);
	KT_EXPECT_EQ(kt, st_read("kern.nonesuch", buf, &len), ENOENT);
	KT_EXPECT_EQ(kt, st_read("kern.ostype.x", buf, &len), ENOENT);

	/* Too small a buffer: ENOMEM, the prefix, and the size needed. */
	memset(buf, 0, sizeof(buf));
	len = 3;
	KT_EXPECT_EQ(kt, kernel_sysctl(ostype, 2, buf, &len, NULL, 0), ENOMEM);
	KT_EXPECT_EQ(kt, len, sizeof("Umbra"));
	KT_EXPECT(kt, memcmp(buf, "Umb", 4) == 0);
	/* No buffer: the size alone. */
	len = 0;
	KT_EXPECT_EQ(kt, kernel_sysctl(ostype, 2, NULL, &len, NULL, 0), 0);
	KT_EXPECT_EQ(kt, len, sizeof("Umbra"));

	/* A constant int cannot be written, and an int takes 4 bytes. */
	val = 8192;
	KT_EXPECT_EQ(kt, kernel_sysctlbyname("hw.pagesize", NULL, NULL, &val,
	    sizeof(val)), EPERM);
	KT_EXPECT_EQ(kt, kernel_sysctlbyname("debug.sysctl_test.rw_int", NULL,
	    NULL, &val, 2), EINVAL);
	KT_EXPECT_EQ(kt, st_int, 42);
}

KTEST(sysctl, writable_leaves)
{
	char sbuf[16];
	size_t len;
	long lval, lold;
	int val, old;

	/* An int: the old value comes back while the new one goes in. */
	val = 7;
	len = sizeof(old);
	KT_EXPECT_EQ(kt, kernel_sysctlbyname("debug.sysctl_test.rw_int", &old,
	    &len, &val, sizeof(val)), 0);
	KT_EXPECT_EQ(kt, old, 42);
	KT_EXPECT_EQ(kt, st_int, 7);

	/* The handler procedure. */
	len = sizeof(val);
	KT_EXPECT_EQ(kt, st_read("debug.sysctl_test.twice", &val, &len), 0);
	KT_EXPECT_EQ(kt, val, 14);
	val = 84;
	KT_EXPECT_EQ(kt, kernel_sysctlbyname("debug.sysctl_test.twice", NULL,
	    NULL, &val, sizeof(val)), 0);
	KT_EXPECT_EQ(kt, st_int, 42);

	lval = 1L << 40;
	len = sizeof(lold);
	KT_EXPECT_EQ(kt, kernel_sysctlbyname("debug.sysctl_test.rw_long",
	    &lold, &len, &lval, sizeof(lval)), 0);
	KT_EXPECT_EQ(kt, lold, -5);
	KT_EXPECT_EQ(kt, st_long, 1L << 40);
	st_long = -5;

	KT_EXPECT_EQ(kt, kernel_sysctlbyname("debug.sysctl_test.rw_string",
	    NULL, NULL, "world", 5), 0);
	len = sizeof(sbuf);
	KT_EXPECT_EQ(kt, st_read("debug.sysctl_test.rw_string", sbuf, &len),
	    0);
	KT_EXPECT_STREQ(kt, sbuf, "world");
	KT_EXPECT_EQ(kt, kernel_sysctlbyname("debug.sysctl_test.rw_string",
	    NULL, NULL, "0123456789abcdef", 16), EINVAL);
	KT_EXPECT_STREQ(kt, st_string, "world");
	strlcpy(st_string, "hello", sizeof(st_string));
}

/*
 * Dynamic OIDs in storage of their own (as a zone would embed them):
 * OID_AUTO numbering, lookups, clashes, removal.
 */
KTEST(sysctl, dynamic_oids)
{
	static struct sysctl_oid node, leaf, leaf2, clash;
	static u_long value = 7;
	struct sysctl_oid *oidp;
	int mib[CTL_MAXNAME];
	u_int miblen;
	u_long val;
	size_t len;

	oidp = SYSCTL_ADD_NODE(&node,
	    SYSCTL_STATIC_CHILDREN(_debug_sysctl_test), OID_AUTO, "dyn",
	    CTLFLAG_RD, NULL, "A dynamic node");
	KT_ASSERT(kt, oidp == &node);
	KT_EXPECT(kt, node.oid_number >= CTL_AUTO_START);
	KT_ASSERT(kt, SYSCTL_ADD_ULONG(&leaf, SYSCTL_CHILDREN(&node),
	    OID_AUTO, "value", CTLFLAG_RD, &value, "A value") == &leaf);
	KT_ASSERT(kt, SYSCTL_ADD_ULONG(&leaf2, SYSCTL_CHILDREN(&node),
	    OID_AUTO, "value2", CTLFLAG_RD, &value, "Again") == &leaf2);
	KT_EXPECT_EQ(kt, leaf.oid_number, CTL_AUTO_START);
	KT_EXPECT_EQ(kt, leaf2.oid_number, CTL_AUTO_START + 1);
	KT_EXPECT(kt, (leaf.oid_kind & CTLFLAG_DYN) != 0);

	len = sizeof(val);
	KT_EXPECT_EQ(kt, st_read("debug.sysctl_test.dyn.value", &val, &len),
	    0);
	KT_EXPECT_EQ(kt, val, 7);
	KT_ASSERT(kt, sysctl_name2oid("debug.sysctl_test.dyn.value2", mib,
	    &miblen) == 0);
	KT_EXPECT_EQ(kt, mib[miblen - 1], CTL_AUTO_START + 1);

	printf("# (a \"cannot add value\" line is expected)\n");
	KT_EXPECT(kt, SYSCTL_ADD_ULONG(&clash, SYSCTL_CHILDREN(&node),
	    OID_AUTO, "value", CTLFLAG_RD, &value, "Clash") == NULL);

	KT_EXPECT_EQ(kt, sysctl_remove_oid(&node, false), ENOTEMPTY);
	KT_EXPECT_EQ(kt, sysctl_remove_oid(&leaf, false), 0);
	KT_EXPECT_EQ(kt, sysctl_remove_oid(&leaf, false), ENOENT);
	KT_EXPECT_EQ(kt, sysctl_remove_oid(&node, true), 0);
	KT_EXPECT_EQ(kt, st_read("debug.sysctl_test.dyn.value2", &val, &len),
	    ENOENT);
	KT_EXPECT_EQ(kt, st_read("debug.sysctl_test.dyn", &val, &len), ENOENT);
	KT_EXPECT(kt, !leaf2.oid_linked);
}

/* The CTL_SYSCTL requests sysctl(8) will use. */
KTEST(sysctl, magic_requests)
{
	int qoid[CTL_MAXNAME], mib[CTL_MAXNAME];
	char buf[64];
	size_t len;
	u_int kind;

	/* 0.3: name to MIB. */
	qoid[0] = CTL_SYSCTL;
	qoid[1] = CTL_SYSCTL_NAME2OID;
	len = sizeof(mib);
	KT_ASSERT(kt, kernel_sysctl(qoid, 2, mib, &len, "hw.pagesize",
	    strlen("hw.pagesize")) == 0);
	KT_EXPECT_EQ(kt, len, 2 * sizeof(int));
	KT_EXPECT(kt, mib[0] == CTL_HW && mib[1] == HW_PAGESIZE);

	/* 0.1: MIB to name. */
	qoid[1] = CTL_SYSCTL_NAME;
	qoid[2] = CTL_HW;
	qoid[3] = HW_PAGESIZE;
	len = sizeof(buf);
	KT_ASSERT(kt, kernel_sysctl(qoid, 4, buf, &len, NULL, 0) == 0);
	KT_EXPECT_STREQ(kt, buf, "hw.pagesize");

	/* 0.4: kind and format. */
	qoid[1] = CTL_SYSCTL_OIDFMT;
	len = sizeof(buf);
	KT_ASSERT(kt, kernel_sysctl(qoid, 4, buf, &len, NULL, 0) == 0);
	memcpy(&kind, buf, sizeof(kind));
	KT_EXPECT_EQ(kt, kind & CTLTYPE, CTLTYPE_INT);
	KT_EXPECT(kt, (kind & CTLFLAG_RD) != 0 && (kind & CTLFLAG_WR) == 0);
	KT_EXPECT_STREQ(kt, buf + sizeof(kind), "I");

	/* 0.5: description. */
	qoid[1] = CTL_SYSCTL_OIDDESCR;
	len = sizeof(buf);
	KT_ASSERT(kt, kernel_sysctl(qoid, 4, buf, &len, NULL, 0) == 0);
	KT_EXPECT_STREQ(kt, buf, "System memory page size");

	/* 0.2: the leaf after kern.ostype is kern.osrelease. */
	qoid[1] = CTL_SYSCTL_NEXT;
	qoid[2] = CTL_KERN;
	qoid[3] = KERN_OSTYPE;
	len = sizeof(mib);
	KT_ASSERT(kt, kernel_sysctl(qoid, 4, mib, &len, NULL, 0) == 0);
	KT_EXPECT_EQ(kt, len, 2 * sizeof(int));
	KT_EXPECT(kt, mib[0] == CTL_KERN && mib[1] == KERN_OSRELEASE);
}
