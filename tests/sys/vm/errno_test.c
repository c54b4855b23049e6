/*
 * errno_test: a table of bad memory system calls, each with the errno
 * Linux returns (checked on the Linux host, 6.18).  Each row makes one
 * call on the address space setup() prepares: m, four mapped read/write
 * pages; u, four unmapped pages; g, a page of free address space; e, one
 * mapped page with a free page after it; l, one locked page.  One case
 * a system call.
 *
 * Where Linux surprised us, the row says so.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"
#include "vmtest.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP	4
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT		1
#endif

#define RW	(PROT_READ | PROT_WRITE)
#define PA	(MAP_PRIVATE | MAP_ANONYMOUS)
/*
 * The lowest address past user space on x86-64 with 4-level paging (as
 * Umbra and the host have); a 5-level host would map there.
 */
#define TOP	((char *)(1UL << 47))

/* ROW: the call fails with errno want (tap.h); MAP_FAILED reads as -1. */
#define ROW(name, want, call)	TAP_ERRNO(name, want, call)

/* The mremap system call with all five arguments (see mremap_test). */
static long
xmremap(void *old, size_t oldlen, size_t newlen, int flags, void *new)
{
	return (syscall(SYS_mremap, old, oldlen, newlen, flags, new));
}

static char *m, *u, *g, *l, *e;

/* The address space the rows work on (see the top of the file). */
static void
setup(void)
{
	m = anon(4);
	u = hole(4);
	g = hole(1);
	l = anon(1);
	e = hole(2);
	if (m == MAP_FAILED || u == NULL || g == NULL || l == MAP_FAILED ||
	    e == NULL || mlock(l, PG) != 0 ||
	    mmap(e, PG, RW, PA | MAP_FIXED, -1, 0) != e) {
		tap_check(0, "the address space of the rows is prepared");
		exit(tap_done());
	}
}

static void
test_mmap(void)
{
	ROW("mmap length 0", EINVAL, mmap(NULL, 0, RW, PA, -1, 0));
	ROW("mmap MAP_FIXED at a misaligned address", EINVAL,
	    mmap(g + 1, PG, RW, PA | MAP_FIXED, -1, 0));
	ROW("mmap MAP_FIXED_NOREPLACE at a misaligned address", EINVAL,
	    mmap(g + 1, PG, RW, PA | MAP_FIXED_NOREPLACE, -1, 0));
	/* Linux checks the offset's alignment even for anonymous memory. */
	ROW("mmap misaligned offset", EINVAL,
	    mmap(NULL, PG, RW, PA, -1, 100));
	ROW("mmap neither MAP_SHARED nor MAP_PRIVATE", EINVAL,
	    mmap(NULL, PG, RW, MAP_ANONYMOUS, -1, 0));
	ROW("mmap MAP_SHARED|MAP_PRIVATE (= MAP_SHARED_VALIDATE), anonymous",
	    EINVAL, mmap(NULL, PG, RW, MAP_SHARED | MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0));
	ROW("mmap shared anonymous MAP_GROWSDOWN", EINVAL,
	    mmap(NULL, PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN,
	    -1, 0));
	ROW("mmap MAP_FIXED_NOREPLACE over a mapping", EEXIST,
	    mmap(m + PG, PG, RW, PA | MAP_FIXED_NOREPLACE, -1, 0));
	ROW("mmap of a bad fd without MAP_ANONYMOUS", EBADF,
	    mmap(NULL, PG, RW, MAP_PRIVATE, 1000, 0));
	ROW("mmap of fd -1 without MAP_ANONYMOUS", EBADF,
	    mmap(NULL, PG, RW, MAP_PRIVATE, -1, 0));
	ROW("mmap length 2^47 (more than user space)", ENOMEM,
	    mmap(NULL, 1UL << 47, RW, PA, -1, 0));
	/* Surprise: 0 is EINVAL, but a length that rounds up to 0 is ENOMEM. */
	ROW("mmap length SIZE_MAX (rounds up to 0)", ENOMEM,
	    mmap(NULL, SIZE_MAX, RW, PA, -1, 0));
	ROW("mmap MAP_FIXED past the top of user space", ENOMEM,
	    mmap(TOP, PG, RW, PA | MAP_FIXED, -1, 0));
	ROW("mmap MAP_FIXED across the top of user space", ENOMEM,
	    mmap(TOP - PG, 2 * PG, RW, PA | MAP_FIXED, -1, 0));
}

static void
test_munmap(void)
{
	ROW("munmap misaligned", EINVAL, munmap(m + 1, PG));
	ROW("munmap length 0", EINVAL, munmap(m, 0));
	ROW("munmap past the top of user space", EINVAL, munmap(TOP, PG));
	ROW("munmap across the top of user space", EINVAL,
	    munmap(TOP - PG, 2 * PG));
}

static void
test_mprotect(void)
{
	ROW("mprotect misaligned", EINVAL, mprotect(m + 1, PG, PROT_READ));
	ROW("mprotect unmapped", ENOMEM, mprotect(u, PG, PROT_READ));
	ROW("mprotect a range running past a mapping", ENOMEM,
	    mprotect(e, 2 * PG, PROT_READ));
	ROW("mprotect unknown PROT_ bits", EINVAL,
	    mprotect(m, PG, PROT_READ | 0x100));
	ROW("mprotect PROT_GROWSDOWN on a plain mapping", EINVAL,
	    mprotect(m, PG, PROT_READ | PROT_GROWSDOWN));
}

static void
test_madvise(void)
{
	ROW("madvise unknown advice", EINVAL, madvise(m, PG, 9999));
	ROW("madvise misaligned", EINVAL, madvise(m + 1, PG, MADV_NORMAL));
	ROW("madvise unmapped", ENOMEM, madvise(u, PG, MADV_NORMAL));
	ROW("madvise MADV_DONTNEED on locked memory", EINVAL,
	    madvise(l, PG, MADV_DONTNEED));
}

static void
test_mincore(void)
{
	unsigned char vec[8];

	ROW("mincore unmapped", ENOMEM, mincore(u, PG, vec));
	ROW("mincore misaligned", EINVAL, mincore(m + 1, PG, vec));
	ROW("mincore a bad vector pointer", EFAULT,
	    mincore(m, PG, (unsigned char *)u));
	ROW("mincore past the top of user space", ENOMEM,
	    mincore(TOP, PG, vec));
}

static void
test_mremap(void)
{
	ROW("mremap misaligned", EINVAL, xmremap(m + 1, PG, 2 * PG, 0, NULL));
	ROW("mremap new size 0", EINVAL, xmremap(m, PG, 0, 0, NULL));
	ROW("mremap unknown flags", EINVAL, xmremap(m, PG, PG, 0x100, NULL));
	ROW("mremap MREMAP_FIXED without MREMAP_MAYMOVE", EINVAL,
	    xmremap(m, PG, PG, MREMAP_FIXED, u));
	ROW("mremap MREMAP_DONTUNMAP without MREMAP_MAYMOVE", EINVAL,
	    xmremap(m, PG, PG, MREMAP_DONTUNMAP, NULL));
	ROW("mremap MREMAP_DONTUNMAP changing the size", EINVAL,
	    xmremap(m, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL));
	ROW("mremap MREMAP_FIXED onto the old range", EINVAL,
	    xmremap(m, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, m + PG));
	ROW("mremap MREMAP_FIXED to a misaligned address", EINVAL,
	    xmremap(m, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, u + 1));
	/* Surprise: an unmapped old range is EFAULT, not ENOMEM. */
	ROW("mremap unmapped", EFAULT, xmremap(u, PG, 2 * PG, 0, NULL));
	ROW("mremap growing with no room and no MREMAP_MAYMOVE", ENOMEM,
	    xmremap(m, PG, 2 * PG, 0, NULL));
}

static void
test_mlock(void)
{
	ROW("mlock unmapped", ENOMEM, mlock(u, PG));
	ROW("munlock unmapped", ENOMEM, munlock(u, PG));
	ROW("mlock2 unknown flags", EINVAL,
	    syscall(SYS_mlock2, m, PG, MLOCK_ONFAULT | 2));
	ROW("mlockall no flags", EINVAL, mlockall(0));
	ROW("mlockall MCL_ONFAULT alone", EINVAL, mlockall(MCL_ONFAULT));
}

static void
test_msync(void)
{
	ROW("msync unknown flags", EINVAL, msync(m, PG, 0x100));
	ROW("msync MS_SYNC|MS_ASYNC", EINVAL, msync(m, PG, MS_SYNC | MS_ASYNC));
	ROW("msync misaligned", EINVAL, msync(m + 1, PG, MS_SYNC));
	ROW("msync unmapped", ENOMEM, msync(u, PG, MS_SYNC));
}

#define CASES(X)	X(mmap) X(munmap) X(mprotect) X(madvise) X(mincore) \
	X(mremap) X(mlock) X(msync)
TAP_MAIN(CASES, setup, NULL)
