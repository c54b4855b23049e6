/*
 * madvise_test: MADV_DONTNEED zeroes private anonymous memory (and keeps
 * shared anonymous memory); MADV_FREE, WILLNEED, NORMAL, RANDOM,
 * SEQUENTIAL, DONTFORK and DOFORK are accepted; unknown advice is EINVAL.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "tap.h"
#include "vmtest.h"

static void
test_dontneed(void)
{
	char *p, *s;

	p = anon(4);
	memset(p, 0x21, 4 * PG);
	tap_check(madvise(p + PG, 2 * PG, MADV_DONTNEED) == 0,
	    "MADV_DONTNEED on private anonymous memory");
	tap_check(nresident(p, 4) == 2 && !resident(p + PG),
	    "the pages are no longer resident");
	tap_check(allbytes(p + PG, 0, 2 * PG), "they read back zero");
	tap_check(allbytes(p, 0x21, PG) && allbytes(p + 3 * PG, 0x21, PG),
	    "the pages outside the range keep their contents");
	tap_check(mapped(p + PG) && (p[PG] = 5) == 5, "the range stays mapped");
	munmap(p, 4 * PG);

	/* Linux: shared anonymous memory lives in shmem; DONTNEED keeps it. */
	s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memset(s, 0x22, 2 * PG);
	tap_check(madvise(s, 2 * PG, MADV_DONTNEED) == 0 &&
	    allbytes(s, 0x22, 2 * PG),
	    "MADV_DONTNEED on shared anonymous memory keeps the contents");
	munmap(s, 2 * PG);
}

static void
test_accepted(void)
{
	static const struct {
		int	 advice;
		const char *name;
	} adv[] = {
		{ MADV_NORMAL, "MADV_NORMAL" },
		{ MADV_RANDOM, "MADV_RANDOM" },
		{ MADV_SEQUENTIAL, "MADV_SEQUENTIAL" },
		{ MADV_WILLNEED, "MADV_WILLNEED" },
		{ MADV_DONTFORK, "MADV_DONTFORK" },
		{ MADV_DOFORK, "MADV_DOFORK" },
	};
	char name[80], *p;
	size_t i;

	p = anon(2);
	memset(p, 0x33, 2 * PG);
	for (i = 0; i < sizeof(adv) / sizeof(adv[0]); i++) {
		snprintf(name, sizeof(name), "%s accepted, contents kept",
		    adv[i].name);
		tap_check(madvise(p, 2 * PG, adv[i].advice) == 0 &&
		    allbytes(p, 0x33, 2 * PG), name);
	}
	/* MADV_FREE: the pages may be dropped until written again. */
	tap_check(madvise(p, 2 * PG, MADV_FREE) == 0, "MADV_FREE accepted");
	tap_check((p[0] == 0x33 || p[0] == 0) && (p[PG] == 0x33 || p[PG] == 0),
	    "after MADV_FREE a page reads its old bytes or zero");
	p[PG] = 9;
	tap_check(p[PG] == 9, "a write after MADV_FREE sticks");
	tap_check(madvise(p, 0, MADV_DONTNEED) == 0, "length 0: success");
	errno = 0;
	tap_check(madvise(p, PG, 9999) == -1 && errno == EINVAL,
	    "unknown advice: EINVAL");
	munmap(p, 2 * PG);
}

#define CASES(X) X(dontneed) X(accepted)
TAP_MAIN(CASES, NULL, NULL)
