/*
 * munmap_test: a partial munmap splits one mapping into three; the hole
 * is gone (mincore ENOMEM, a fault SEGV_MAPERR) and the rest keeps its
 * contents; unmapping what is not mapped is no error; 10 000 separate
 * mappings made, counted with mincore, and removed.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "fault.h"
#include "tap.h"
#include "vmtest.h"

#define NMAPS	10000

static char *maps[NMAPS];

static void
test_split(void)
{
	struct fault f;
	unsigned char v[5];
	char *p;

	p = anon(5);
	memset(p, 0x3c, 5 * PG);
	tap_check(munmap(p + 2 * PG, PG) == 0, "munmap of the middle page");
	tap_check(mapped(p) && mapped(p + PG) && !mapped(p + 2 * PG) &&
	    mapped(p + 3 * PG) && mapped(p + 4 * PG),
	    "mincore: the middle page is gone, the others stay");
	errno = 0;
	tap_check(mincore(p, 5 * PG, v) == -1 && errno == ENOMEM,
	    "mincore across the hole: ENOMEM");
	tap_check(allbytes(p, 0x3c, 2 * PG) && allbytes(p + 3 * PG, 0x3c, 2 * PG),
	    "both remaining pieces keep their contents");
	tap_check(fault_read(p + 2 * PG + 5, &f) == SIGSEGV &&
	    f.code == SEGV_MAPERR && f.addr == p + 2 * PG + 5,
	    "a read of the hole: SIGSEGV, SEGV_MAPERR, si_addr");
	tap_check(fault_write(p + PG, &f) == 0 && fault_write(p + 3 * PG, &f) == 0,
	    "both pieces stay writable");
	tap_check(munmap(p + PG, 3 * PG) == 0 && mapped(p) && !mapped(p + PG) &&
	    !mapped(p + 3 * PG) && mapped(p + 4 * PG),
	    "munmap across the hole removes both edges");
	tap_check(munmap(p, 5 * PG) == 0 && !mapped(p) && !mapped(p + 4 * PG),
	    "munmap over all of it");
}

static void
test_unmapped(void)
{
	char *h, *p;

	h = hole(4);
	tap_check(munmap(h, 4 * PG) == 0, "munmap of an unmapped range: 0");
	p = mmap(h + PG, PG, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	tap_check(p == h + PG && munmap(h, 4 * PG) == 0 && !mapped(p),
	    "munmap of a range partly mapped removes the mapped part");
	tap_check(munmap(h, 4 * PG) == 0, "munmap twice: 0");
}

/*
 * Adjacent anonymous mappings with the same protection merge; alternate
 * the protection so each stays its own entry.
 */
static void
test_many(void)
{
	int i, made = 0, live = 0, kept = 0, gone = 0;

	for (i = 0; i < NMAPS; i++) {
		maps[i] = mmap(NULL, PG, (i & 1) ? PROT_READ :
		    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (maps[i] == MAP_FAILED)
			break;
		made++;
		if ((i & 1) == 0)
			*(int *)maps[i] = i;
	}
	tap_check(made == NMAPS, "10000 mappings made");
	for (i = 0; i < made; i++) {
		live += mapped(maps[i]);
		if ((i & 1) == 0 && *(int *)maps[i] == i)
			kept++;
	}
	tap_check(live == NMAPS, "mincore finds all 10000");
	tap_check(kept == NMAPS / 2, "each written mapping holds its own value");
	for (i = 0; i < made; i++)
		if (munmap(maps[i], PG) != 0)
			break;
	tap_check(i == made, "10000 munmaps succeed");
	for (i = 0; i < made; i++)
		gone += !mapped(maps[i]);
	tap_check(gone == NMAPS, "mincore finds none of them afterwards");
}

#define CASES(X) X(split) X(unmapped) X(many)
TAP_MAIN(CASES, NULL, NULL)
