/*
 * sbrk_test: the break through glibc's sbrk: growth gives zeroed memory,
 * the contents below the break survive growing and shrinking, and the
 * pages above a shrunk break are gone (SIGSEGV SEGV_MAPERR), and come
 * back zeroed.  Each case starts from the break it finds and puts it back
 * at the end.  brk_test in tests/sys/kern covers the raw system call.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"
#include "tap.h"
#include "vmtest.h"

#define ROUNDUP(x)	(((uintptr_t)(x) + PG - 1) & ~(PG - 1))

static size_t grow = 64 * PG;

/*
 * break_base: the break a case starts from.  The first TAP line of a
 * run allocates stdio's buffer (malloc may move the break): the break is
 * read after a check.
 */
static char *
break_base(void)
{
	tap_check(sbrk(0) != (void *)-1, "sbrk(0) reports the break");
	return (sbrk(0));
}

/*
 * grow_fill: grow the break from base by 128 pages, the first 64 holding
 * 0x6b, the others 0x6c; 1 when the break moved as asked.
 */
static int
grow_fill(char *base)
{
	if (sbrk(2 * grow) != base || sbrk(0) != base + 2 * grow)
		return (0);
	memset(base, 0x6b, grow);
	memset(base + grow, 0x6c, grow);
	return (1);
}

/* shrink: shrink by 40 pages plus a bit: the page holding the break stays. */
static char *
shrink(void)
{
	return (sbrk(-(intptr_t)(40 * PG + 100)));
}

/* The break back where the case began (silently: no check). */
static void
restore(char *base)
{
	(void)sbrk(-(intptr_t)((char *)sbrk(0) - base));
}

static void
test_grow(void)
{
	char *base, *old;

	base = break_base();
	old = sbrk(grow);
	tap_check(old == base && sbrk(0) == base + grow,
	    "sbrk(+64 pages) returns the old break, moves it");
	tap_check(allbytes(base, 0, grow), "the new memory reads zero");
	memset(base, 0x6b, grow);
	old = sbrk(grow);
	tap_check(old == base + grow && allbytes(base, 0x6b, grow) &&
	    allbytes(base + grow, 0, grow),
	    "growing again keeps the contents below");
	restore(base);
}

static void
test_shrink(void)
{
	struct fault f;
	char *base, *old, *top;

	base = break_base();
	tap_check(grow_fill(base), "the break grows by 128 pages");
	old = shrink();
	top = sbrk(0);
	tap_check(old == base + 2 * grow && top == base + 2 * grow - 40 * PG - 100,
	    "sbrk(negative) shrinks the break");
	tap_check(allbytes(base, 0x6b, grow) &&
	    allbytes(base + grow, 0x6c, top - (base + grow)),
	    "contents below the shrunk break are kept");
	tap_check(fault_write(top, &f) == 0 &&
	    fault_write((char *)ROUNDUP(top) - 1, &f) == 0,
	    "the rest of the page holding the break stays mapped");
	tap_check(fault_read((char *)ROUNDUP(top), &f) == SIGSEGV &&
	    f.code == SEGV_MAPERR && f.addr == (char *)ROUNDUP(top),
	    "a read above the shrunk break: SIGSEGV, SEGV_MAPERR");
	tap_check(!mapped((char *)ROUNDUP(top)) &&
	    !mapped(base + 2 * grow - PG), "mincore: the freed pages are gone");
	restore(base);
}

/* Grow back: the pages that return are zero again. */
static void
test_grow_back(void)
{
	char *base, *old, *top;

	base = break_base();
	tap_check(grow_fill(base) && shrink() == base + 2 * grow,
	    "the break grows by 128 pages and shrinks by 40 and a bit");
	top = sbrk(0);
	old = sbrk(40 * PG);
	tap_check(old == top && allbytes((char *)ROUNDUP(top), 0,
	    base + 2 * grow - 100 - (char *)ROUNDUP(top)),
	    "pages given back by the break return zeroed");
	tap_check(sbrk(-(intptr_t)((char *)sbrk(0) - base)) != (void *)-1 &&
	    sbrk(0) == base, "the break returns to where it started");
}

#define CASES(X) X(grow) X(shrink) X(grow_back)
TAP_MAIN(CASES, NULL, NULL)
