/*
 * sbrk_test: the break through glibc's sbrk: growth gives zeroed memory,
 * the contents below the break survive growing and shrinking, and the
 * pages above a shrunk break are gone (SIGSEGV SEGV_MAPERR).  brk_test in
 * tests/sys/kern covers the raw system call.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"
#include "tap.h"
#include "vmtest.h"

#define ROUNDUP(x)	(((uintptr_t)(x) + PG - 1) & ~(PG - 1))

int
main(void)
{
	struct fault f;
	char *base, *old, *top;
	size_t grow = 64 * PG;

	/*
	 * The first TAP line allocates stdio's buffer (malloc may move the
	 * break): read the break again after it.
	 */
	tap_check(sbrk(0) != (void *)-1, "sbrk(0) reports the break");
	base = sbrk(0);
	old = sbrk(grow);
	tap_check(old == base && sbrk(0) == base + grow,
	    "sbrk(+64 pages) returns the old break, moves it");
	tap_check(allbytes(base, 0, grow), "the new memory reads zero");
	memset(base, 0x6b, grow);
	old = sbrk(grow);
	tap_check(old == base + grow && allbytes(base, 0x6b, grow) &&
	    allbytes(base + grow, 0, grow),
	    "growing again keeps the contents below");
	memset(base + grow, 0x6c, grow);

	/* Shrink by 40 pages plus a bit: the page holding the break stays. */
	old = sbrk(-(intptr_t)(40 * PG + 100));
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

	/* Grow back: the pages that return are zero again. */
	old = sbrk(40 * PG);
	tap_check(old == top && allbytes((char *)ROUNDUP(top), 0,
	    base + 2 * grow - 100 - (char *)ROUNDUP(top)),
	    "pages given back by the break return zeroed");
	tap_check(sbrk(-(intptr_t)((char *)sbrk(0) - base)) != (void *)-1 &&
	    sbrk(0) == base, "the break returns to where it started");
	return (tap_done());
}
