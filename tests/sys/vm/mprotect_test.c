/*
 * mprotect_test: mprotect splits a mapping; a write to a read-only page
 * is SIGSEGV SEGV_ACCERR at the written address; a read of an unmapped
 * page is SEGV_MAPERR; executing a page without PROT_EXEC faults, with it
 * runs; PROT_NONE refuses reads and keeps the contents.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "fault.h"
#include "tap.h"
#include "vmtest.h"

#define RW	(PROT_READ | PROT_WRITE)

static void
test_split(void)
{
	struct fault f;
	char *p;

	p = anon(3);
	memset(p, 0x77, 3 * PG);
	tap_check(mprotect(p + PG, PG, PROT_READ) == 0,
	    "mprotect of the middle page to read-only");
	tap_check(fault_read(p + PG + 10, &f) == 0 && p[PG + 10] == 0x77,
	    "the read-only page reads");
	tap_check(fault_write(p + PG + 123, &f) == SIGSEGV &&
	    f.code == SEGV_ACCERR && f.addr == p + PG + 123,
	    "a write to it: SIGSEGV, SEGV_ACCERR, si_addr the written byte");
	tap_check(p[PG + 123] == 0x77, "the refused write changed nothing");
	tap_check(fault_write(p + PG - 1, &f) == 0 &&
	    fault_write(p + 2 * PG, &f) == 0,
	    "the pages on either side stay writable");
	tap_check(mprotect(p, 3 * PG, RW) == 0 &&
	    fault_write(p + PG + 123, &f) == 0 && p[PG + 123] == 1,
	    "mprotect of the whole range makes it writable again");
	munmap(p, 3 * PG);
}

/*
 * Linux applies mprotect entry by entry: a range that runs into a hole
 * fails with ENOMEM, but the mappings before the hole are changed
 * already, and the ones after are not.
 */
static void
test_hole(void)
{
	struct fault f;
	char *h;

	h = hole(3);
	mmap(h, PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mmap(h + 2 * PG, PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
	    -1, 0);
	errno = 0;
	tap_check(mprotect(h, 3 * PG, PROT_READ) == -1 && errno == ENOMEM,
	    "mprotect across a hole: ENOMEM");
	tap_check(fault_write(h, &f) == SIGSEGV && f.code == SEGV_ACCERR,
	    "the mapping before the hole was made read-only anyway");
	tap_check(fault_write(h + 2 * PG, &f) == 0,
	    "the mapping after the hole was left writable");
	munmap(h, 3 * PG);
}

static void
test_maperr(void)
{
	struct fault f;
	char *h;

	h = hole(1);
	tap_check(fault_read(h + 8, &f) == SIGSEGV && f.code == SEGV_MAPERR &&
	    f.addr == h + 8, "a read of an unmapped page: SEGV_MAPERR, si_addr");
	tap_check(fault_write(h, &f) == SIGSEGV && f.code == SEGV_MAPERR &&
	    f.addr == h, "a write to an unmapped page: SEGV_MAPERR, si_addr");
}

static void
test_exec(void)
{
	struct fault f;
	char *p;

	p = anon(1);
	p[0] = (char)0xc3;	/* ret */
	tap_check(fault_exec(p, &f) == SIGSEGV && f.code == SEGV_ACCERR &&
	    f.addr == p, "a call into a RW page: SIGSEGV, SEGV_ACCERR, si_addr");
	tap_check(mprotect(p, PG, PROT_READ | PROT_EXEC) == 0 &&
	    fault_exec(p, &f) == 0, "after PROT_READ|PROT_EXEC the call returns");
	tap_check(mprotect(p, PG, PROT_READ) == 0 && fault_exec(p, &f) ==
	    SIGSEGV && f.code == SEGV_ACCERR, "PROT_READ alone: no execute");
	munmap(p, PG);
}

static void
test_none(void)
{
	struct fault f;
	char *p;

	p = anon(2);
	memset(p, 0x42, 2 * PG);
	tap_check(mprotect(p, PG, PROT_NONE) == 0, "mprotect PROT_NONE");
	tap_check(fault_read(p + 3, &f) == SIGSEGV && f.code == SEGV_ACCERR &&
	    f.addr == p + 3, "a read of PROT_NONE: SEGV_ACCERR");
	tap_check(fault_write(p, &f) == SIGSEGV && f.code == SEGV_ACCERR,
	    "a write to PROT_NONE: SEGV_ACCERR");
	tap_check(mapped(p) && fault_read(p + PG, &f) == 0,
	    "PROT_NONE is still mapped; the next page reads");
	tap_check(mprotect(p, PG, PROT_READ) == 0 && allbytes(p, 0x42, PG),
	    "back to PROT_READ: the contents were kept");
	p = mmap(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tap_check(p != MAP_FAILED && fault_read(p, &f) == SIGSEGV &&
	    f.code == SEGV_ACCERR, "a PROT_NONE mmap: reads fault ACCERR");
	tap_check(mprotect(p, PG, RW) == 0 && allbytes(p, 0, PG),
	    "made RW it reads zero");
	munmap(p, PG);
}

#define CASES(X) X(split) X(hole) X(maperr) X(exec) X(none)
TAP_MAIN(CASES, NULL, NULL)
