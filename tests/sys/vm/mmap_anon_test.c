/*
 * mmap_anon_test: anonymous mappings as Linux makes them: private and
 * shared, zero-filled, rounded to pages; MAP_FIXED and MAP_FIXED_NOREPLACE;
 * MAP_POPULATE, mlock and mincore residency; MAP_GROWSDOWN growth and its
 * guard gap; MAP_SHARED_VALIDATE; flags accepted; address hints.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "fault.h"
#include "tap.h"
#include "vmtest.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif
#ifndef MAP_UNINITIALIZED
#define MAP_UNINITIALIZED	0x4000000	/* Linux's value */
#endif

#define RW	(PROT_READ | PROT_WRITE)
#define PA	(MAP_PRIVATE | MAP_ANONYMOUS)

static void
test_private_shared(void)
{
	char *p, *s;

	p = mmap(NULL, 3 * PG, RW, PA, -1, 0);
	tap_check(p != MAP_FAILED && ((uintptr_t)p & (PG - 1)) == 0,
	    "private anonymous mapping, page-aligned");
	tap_check(allbytes(p, 0, 3 * PG), "private mapping reads zero");
	memset(p, 0x5a, 3 * PG);
	tap_check(allbytes(p, 0x5a, 3 * PG), "private mapping keeps writes");
	tap_check(munmap(p, 3 * PG) == 0, "munmap of the private mapping");

	s = mmap(NULL, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	tap_check(s != MAP_FAILED && allbytes(s, 0, 2 * PG),
	    "shared anonymous mapping reads zero");
	memset(s, 0xa5, 2 * PG);
	tap_check(allbytes(s, 0xa5, 2 * PG), "shared mapping keeps writes");
	munmap(s, 2 * PG);
}

static void
test_rounding(void)
{
	struct fault f;
	char *h, *p;

	/* 100 bytes map one whole page, and only one. */
	h = hole(2);
	p = mmap(h, 100, RW, PA | MAP_FIXED_NOREPLACE, -1, 0);
	tap_check(p == h, "100-byte mapping placed in a free hole");
	p[PG - 1] = 7;
	tap_check(p[PG - 1] == 7 && fault_write(p + 100, &f) == 0,
	    "length rounded up: the whole page is writable");
	tap_check(mapped(p) && !mapped(p + PG),
	    "length rounded up: only one page is mapped");
	/* munmap rounds its length up too. */
	tap_check(munmap(p, 1) == 0 && !mapped(p),
	    "munmap of 1 byte removes the page");
}

static void
test_fixed(void)
{
	char *p, *q;

	p = anon(4);
	memset(p, 0x5a, 4 * PG);
	q = mmap(p + PG, 2 * PG, RW, PA | MAP_FIXED, -1, 0);
	tap_check(q == p + PG, "MAP_FIXED returns the address asked for");
	tap_check(allbytes(q, 0, 2 * PG),
	    "MAP_FIXED replaced the old pages with zero pages");
	tap_check(allbytes(p, 0x5a, PG) && allbytes(p + 3 * PG, 0x5a, PG),
	    "MAP_FIXED left the pages around it alone");

	memset(q, 0x11, 2 * PG);
	errno = 0;
	q = mmap(p + PG, PG, RW, PA | MAP_FIXED_NOREPLACE, -1, 0);
	tap_check(q == MAP_FAILED && errno == EEXIST,
	    "MAP_FIXED_NOREPLACE over a mapping: EEXIST");
	errno = 0;
	q = mmap(p - PG, 2 * PG, RW, PA | MAP_FIXED_NOREPLACE, -1, 0);
	tap_check(q == MAP_FAILED && errno == EEXIST,
	    "MAP_FIXED_NOREPLACE overlapping one page: EEXIST");
	tap_check(allbytes(p + PG, 0x11, 2 * PG) && allbytes(p, 0x5a, PG),
	    "a refused MAP_FIXED_NOREPLACE changed nothing");
	munmap(p, 4 * PG);
}

static void
test_mincore_touch(void)
{
	char *p;

	p = anon(8);
	tap_check(nresident(p, 8) == 0,
	    "mincore: a new mapping has no resident page");
	p[2 * PG] = 1;
	(void)*(volatile char *)(p + 5 * PG);
	/*
	 * Linux: a read of an untouched private anonymous page maps the
	 * shared zero page, which mincore reports as resident.
	 */
	tap_check(nresident(p, 8) == 2 && resident(p + 2 * PG) &&
	    resident(p + 5 * PG), "mincore: a written and a read page become resident");
	munmap(p, 8 * PG);
}

static void
test_populate(void)
{
	char *p;

	p = mmap(NULL, 8 * PG, RW, PA | MAP_POPULATE, -1, 0);
	tap_check(p != MAP_FAILED && nresident(p, 8) == 8,
	    "MAP_POPULATE: every page resident at once");
	tap_check(allbytes(p, 0, 8 * PG), "MAP_POPULATE pages read zero");
	munmap(p, 8 * PG);
}

static void
test_mlock(void)
{
	char *p;

	p = anon(8);
	tap_check(mlock(p, 8 * PG) == 0 && nresident(p, 8) == 8,
	    "mlock: every page resident at once");
	tap_check(munlock(p, 8 * PG) == 0, "munlock");
	munmap(p, 8 * PG);
}

/* MLOCK_ONFAULT locks the pages as they are touched, not before. */
static void
test_mlock_onfault(void)
{
	char *p;

	p = anon(4);
	tap_check(mlock2(p, 4 * PG, MLOCK_ONFAULT) == 0 &&
	    nresident(p, 4) == 0, "mlock2 MLOCK_ONFAULT: nothing resident yet");
	p[PG] = 1;
	tap_check(nresident(p, 4) == 1 && munlock(p, 4 * PG) == 0,
	    "mlock2 MLOCK_ONFAULT: a touched page is resident");
	munmap(p, 4 * PG);
}

static void
test_map_locked(void)
{
	char *p;

	p = mmap(NULL, 4 * PG, RW, PA | MAP_LOCKED, -1, 0);
	tap_check(p != MAP_FAILED && nresident(p, 4) == 4,
	    "MAP_LOCKED: every page resident at once");
	munmap(p, 4 * PG);
}

/* Linux: MAP_NONBLOCK turns MAP_POPULATE off. */
static void
test_populate_nonblock(void)
{
	char *p;

	p = mmap(NULL, 4 * PG, RW, PA | MAP_POPULATE | MAP_NONBLOCK, -1, 0);
	tap_check(p != MAP_FAILED && nresident(p, 4) == 0,
	    "MAP_POPULATE|MAP_NONBLOCK: nothing resident");
	munmap(p, 4 * PG);
}

/*
 * MAP_GROWSDOWN.  What Linux 6.x does (checked on the host):
 * - a touch anywhere below the mapping grows it down to the touched page
 *   (no check against the stack pointer since 4.20), one page or many;
 * - it refuses (SIGSEGV, SEGV_MAPERR) when the grown mapping would come
 *   within the stack guard gap (256 pages, 1 MiB) of an accessible
 *   mapping below;
 * - a PROT_NONE mapping below does not count: growth may come right up to
 *   it.
 */
static void
test_growsdown(void)
{
	struct fault f;
	char *h, *g;

	/* Room: 4 MiB free below a 4-page GROWSDOWN mapping. */
	h = hole(1024 + 4);
	g = mmap(h + 1024 * PG, 4 * PG, RW,
	    PA | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE, -1, 0);
	tap_check(g == h + 1024 * PG, "MAP_GROWSDOWN mapping made");
	tap_check(!mapped(g - PG), "the page below is not mapped before");
	tap_check(fault_write(g - PG, &f) == 0 && mapped(g - PG) &&
	    g[-PG] == 1, "a write just below grows the mapping");
	tap_check(fault_write(g - 10 * PG + 8, &f) == 0 &&
	    mapped(g - 5 * PG) && mapped(g - 10 * PG),
	    "a write 10 pages below grows it over the pages between");
	tap_check(allbytes(g - 10 * PG + 9, 0, 9 * PG - 9) &&
	    allbytes(g - 10 * PG, 0, 8), "grown pages read zero");
	munmap(h, (1024 + 4) * PG);
}

/* An accessible mapping below: growth stops a guard gap away. */
static void
test_growsdown_guard_gap(void)
{
	struct fault f;
	char *h, *g, *top, *low;
	size_t gap = 256 * PG;

	h = hole(1024 + 4);
	low = mmap(h, PG, RW, PA | MAP_FIXED_NOREPLACE, -1, 0);
	top = h + 1024 * PG;
	g = mmap(top, 4 * PG, RW, PA | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE,
	    -1, 0);
	tap_check(low == h && g == top, "GROWSDOWN mapping above another");
	tap_check(fault_write(low + PG + gap, &f) == 0,
	    "growth to exactly a guard gap above a mapping is allowed");
	tap_check(fault_write(low + PG + gap - PG, &f) == SIGSEGV &&
	    f.code == SEGV_MAPERR && f.addr == low + PG + gap - PG &&
	    !mapped(low + gap), "growth into the guard gap: SIGSEGV MAPERR");
	munmap(h, (1024 + 4) * PG);
}

/* A PROT_NONE mapping below does not hold growth back. */
static void
test_growsdown_prot_none(void)
{
	struct fault f;
	char *h, *g, *low;

	h = hole(16);
	low = mmap(h, PG, PROT_NONE, PA | MAP_FIXED_NOREPLACE, -1, 0);
	g = mmap(h + 8 * PG, 4 * PG, RW,
	    PA | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE, -1, 0);
	tap_check(low == h && g == h + 8 * PG &&
	    fault_write(h + PG, &f) == 0 && mapped(h + PG),
	    "growth right up to a PROT_NONE mapping is allowed");
	munmap(h, 16 * PG);
}

static void
test_shared_validate(void)
{
	char *p;

	/*
	 * Linux: MAP_SHARED_VALIDATE checks the flags only for file mappings;
	 * an anonymous one fails with EINVAL before that (the anonymous
	 * path knows only MAP_SHARED and MAP_PRIVATE).  EOPNOTSUPP needs a
	 * file: see errno_test.
	 */
	errno = 0;
	p = mmap(NULL, PG, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | 0x800000,
	    -1, 0);
	tap_check(p == MAP_FAILED && errno == EINVAL,
	    "anonymous MAP_SHARED_VALIDATE with an unknown flag: EINVAL");
	errno = 0;
	p = mmap(NULL, PG, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0);
	tap_check(p == MAP_FAILED && errno == EINVAL,
	    "anonymous MAP_SHARED_VALIDATE even without unknown flags: EINVAL");
}

static void
test_unknown_bits(void)
{
	char *p;

	/*
	 * Linux: without _VALIDATE, unknown flag bits and unknown PROT_* bits
	 * are ignored by mmap (mprotect refuses unknown PROT_* bits).
	 */
	p = mmap(NULL, PG, RW, PA | 0x800000, -1, 0);
	tap_check(p != MAP_FAILED, "MAP_PRIVATE with an unknown flag accepted");
	munmap(p, PG);
	p = mmap(NULL, PG, RW | 0x100, PA, -1, 0);
	tap_check(p != MAP_FAILED && (p[0] = 1) == 1,
	    "mmap with an unknown PROT_ bit accepted");
	munmap(p, PG);
}

static void
test_flags_accepted(void)
{
	char *p;

	p = mmap(NULL, 2 * PG, RW, PA | MAP_NORESERVE, -1, 0);
	tap_check(p != MAP_FAILED && allbytes(p, 0, 2 * PG) &&
	    (p[PG] = 3) == 3, "MAP_NORESERVE accepted");
	munmap(p, 2 * PG);
	p = mmap(NULL, 2 * PG, RW, PA | MAP_STACK, -1, 0);
	tap_check(p != MAP_FAILED && allbytes(p, 0, 2 * PG) &&
	    (p[PG] = 3) == 3, "MAP_STACK accepted");
	munmap(p, 2 * PG);

	/* Flags Linux accepts and ignores. */
	p = mmap(NULL, 2 * PG, RW, PA | MAP_DENYWRITE | MAP_EXECUTABLE |
	    MAP_FILE | MAP_UNINITIALIZED, -1, 0);
	tap_check(p != MAP_FAILED && allbytes(p, 0, 2 * PG),
	    "MAP_DENYWRITE, MAP_EXECUTABLE, MAP_FILE, MAP_UNINITIALIZED ignored");
	munmap(p, 2 * PG);
	/* MAP_SYNC is checked only with MAP_SHARED_VALIDATE (files). */
	p = mmap(NULL, PG, RW, PA | MAP_SYNC, -1, 0);
	tap_check(p != MAP_FAILED, "MAP_PRIVATE|MAP_SYNC accepted");
	munmap(p, PG);
}

/* MAP_32BIT: Linux places it between 1 GiB and 2 GiB. */
static void
test_map_32bit(void)
{
	char *p;

	p = mmap(NULL, 2 * PG, RW, PA | MAP_32BIT, -1, 0);
	tap_check(p != MAP_FAILED && (uintptr_t)p >= (1UL << 30) &&
	    (uintptr_t)p + 2 * PG <= (1UL << 31),
	    "MAP_32BIT: between 1 GiB and 2 GiB");
	munmap(p, 2 * PG);
}

/* msync of anonymous memory does nothing and succeeds. */
static void
test_msync_anon(void)
{
	char *p;

	p = anon(2);
	tap_check(msync(p, 2 * PG, MS_SYNC) == 0 &&
	    msync(p, 2 * PG, MS_ASYNC | MS_INVALIDATE) == 0,
	    "msync of anonymous memory: 0");
	munmap(p, 2 * PG);
}

static void
test_hints(void)
{
	char *p, *h;

	h = hole(4);
	p = mmap(h + PG, PG, RW, PA, -1, 0);
	tap_check(p == h + PG, "a hint at a free address is honoured");
	munmap(p, PG);
	/* Linux (6.18 on the host) rounds a misaligned hint down. */
	p = mmap(h + PG + 100, PG, RW, PA, -1, 0);
	tap_check(p == h + PG, "a misaligned hint is rounded down");
	munmap(p, PG);
	p = anon(1);
	h = mmap(p, PG, RW, PA, -1, 0);
	tap_check(h != MAP_FAILED && h != p && p[0] == 0,
	    "a hint at a used address is ignored, not replaced");
	munmap(h, PG);
	munmap(p, PG);
}

#define CASES(X)	X(private_shared) X(rounding) X(fixed)		\
	X(mincore_touch) X(populate) X(mlock) X(mlock_onfault)		\
	X(map_locked) X(populate_nonblock)				\
	X(growsdown) X(growsdown_guard_gap) X(growsdown_prot_none)	\
	X(shared_validate) X(unknown_bits) X(flags_accepted)		\
	X(map_32bit) X(msync_anon) X(hints)
TAP_MAIN(CASES, NULL, NULL)
