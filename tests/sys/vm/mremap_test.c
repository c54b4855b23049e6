/*
 * mremap_test: grow in place, grow by moving (MREMAP_MAYMOVE, contents
 * kept, the old range gone), shrink, MREMAP_FIXED onto a mapping, and
 * MREMAP_DONTUNMAP (the old range stays mapped and reads zero).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"
#include "vmtest.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP	4
#endif

/*
 * The system call with all five arguments.  glibc 2.36's mremap() passes
 * new_address only with MREMAP_FIXED and leaves a garbage fifth register
 * otherwise; Linux reads it for MREMAP_DONTUNMAP too (see below).
 */
static char *
xmremap(void *old, size_t oldlen, size_t newlen, int flags, void *new)
{
	return ((char *)syscall(SYS_mremap, old, oldlen, newlen, flags, new));
}

static void
test_in_place(void)
{
	char *h, *p, *q;

	h = hole(8);
	p = mmap(h, 2 * PG, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	memset(p, 'g', 2 * PG);
	q = xmremap(p, 2 * PG, 6 * PG, 0, NULL);
	tap_check(q == p, "grow in place into free space");
	tap_check(allbytes(q, 'g', 2 * PG) && allbytes(q + 2 * PG, 0, 4 * PG),
	    "grown: old contents kept, new pages zero");
	q = xmremap(p, 6 * PG, 3 * PG, 0, NULL);
	tap_check(q == p && mapped(p + 2 * PG) && !mapped(p + 3 * PG),
	    "shrink: same address, the tail unmapped");
	tap_check(allbytes(q, 'g', 2 * PG), "shrunk: contents kept");
	munmap(p, 3 * PG);
}

static void
test_move(void)
{
	char *p, *q;

	/* A PROT_NONE page after p blocks growth in place. */
	p = anon(3);
	mprotect(p + 2 * PG, PG, PROT_NONE);
	memset(p, 'm', 2 * PG);
	errno = 0;
	q = xmremap(p, 2 * PG, 4 * PG, 0, NULL);
	tap_check(q == MAP_FAILED && errno == ENOMEM,
	    "no room and no MREMAP_MAYMOVE: ENOMEM");
	q = xmremap(p, 2 * PG, 4 * PG, MREMAP_MAYMOVE, NULL);
	tap_check(q != MAP_FAILED && q != p, "MREMAP_MAYMOVE moves it");
	tap_check(allbytes(q, 'm', 2 * PG) && allbytes(q + 2 * PG, 0, 2 * PG),
	    "moved: contents kept, new pages zero");
	tap_check(!mapped(p) && !mapped(p + PG) && mapped(p + 2 * PG),
	    "moved: the old range is unmapped");
	munmap(q, 4 * PG);
	munmap(p + 2 * PG, PG);
}

static void
test_fixed(void)
{
	char *p, *t, *q;

	p = anon(2);
	t = anon(4);
	memset(p, 'f', 2 * PG);
	memset(t, 't', 4 * PG);
	q = xmremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, t + PG);
	tap_check(q == t + PG, "MREMAP_FIXED moves to the address given");
	tap_check(allbytes(q, 'f', 2 * PG) && !mapped(p) && !mapped(p + PG),
	    "MREMAP_FIXED: contents moved, old range unmapped");
	tap_check(allbytes(t, 't', PG) && allbytes(t + 3 * PG, 't', PG),
	    "MREMAP_FIXED replaced only the target pages");
	munmap(t, 4 * PG);
}

/*
 * MREMAP_DONTUNMAP.  Linux (6.18): without MREMAP_FIXED, new_address is a
 * hint (used when free, EINVAL when misaligned); old_len must equal
 * new_len.
 */
static void
test_dontunmap(void)
{
	char *h, *p, *q;

	p = anon(2);
	memset(p, 'u', 2 * PG);
	q = xmremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	tap_check(q != MAP_FAILED && q != p, "MREMAP_DONTUNMAP moves");
	tap_check(allbytes(q, 'u', 2 * PG), "MREMAP_DONTUNMAP: contents moved");
	tap_check(mapped(p) && mapped(p + PG), "the old range stays mapped");
	tap_check(allbytes(p, 0, 2 * PG),
	    "the old range (private anonymous) reads zero");
	p[0] = 1;
	tap_check(q[0] == 'u', "the old and new ranges are independent");
	munmap(q, 2 * PG);

	h = hole(4);
	memset(p, 'v', 2 * PG);
	q = xmremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
	    h + PG);
	tap_check(q == h + PG && allbytes(q, 'v', 2 * PG),
	    "MREMAP_DONTUNMAP takes new_address as a hint");
	errno = 0;
	tap_check(xmremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
	    h + 100) == MAP_FAILED && errno == EINVAL,
	    "MREMAP_DONTUNMAP with a misaligned hint: EINVAL");
	munmap(p, 2 * PG);
	munmap(q, 2 * PG);
}

#define CASES(X) X(in_place) X(move) X(fixed) X(dontunmap)
TAP_MAIN(CASES, NULL, NULL)
