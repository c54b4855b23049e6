/*
 * mmap_eof_test: the end of a mapped file.  The tail of the last,
 * partial page reads zeros, and stores there never reach the file (its
 * size and contents are unchanged after msync and munmap, and growing the
 * file afterwards shows zeros there); a page wholly past EOF raises
 * SIGBUS with si_code BUS_ADRERR and si_addr the address, for reads and
 * writes, shared and private mappings, and an empty file; truncating a
 * mapped file makes the pages past the new end SIGBUS and zeroes the
 * rest of its last page; growing it again brings zero pages back.
 */
#include "mapfile.h"

#define SIZE	(PG + PG / 2)	/* a page and a half */

/* The signal, code and address of a read (or write) of p: "what". */
static void
bus_check(const char *what, char *p, int write)
{
	struct fault f;
	char msg[128];
	int sig;

	sig = write ? fault_write(p, &f) : fault_read(p, &f);
	snprintf(msg, sizeof(msg), "%s: SIGBUS, BUS_ADRERR, si_addr", what);
	tap_check(sig == SIGBUS && f.code == BUS_ADRERR && f.addr == p, msg);
	if (sig != SIGBUS || f.code != BUS_ADRERR || f.addr != p)
		printf("# signal %d, code %d, addr %p (expected %p)\n", sig,
		    f.code, f.addr, (void *)p);
}

/*
 * A shared mapping of three pages over a page and a half: the tail reads
 * zeros, its stores stay out of the file; the third page SIGBUSes.
 */
static void
test_shared_tail(void)
{
	char *p;
	int fd;

	fd = fill_file("tail", 'a', SIZE);
	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("map three pages of a page-and-a-half file", p != MAP_FAILED);
	if (p == MAP_FAILED) {
		close(fd);
		return;
	}
	CHECK("the file's bytes", allbytes(p, 'a', SIZE));
	CHECK("the tail of the last page reads zeros",
	    allbytes(p + SIZE, 0, 2 * PG - SIZE));
	memset(p + SIZE, 'T', 2 * PG - SIZE);
	CHECK("stores to the tail stay in the mapping",
	    allbytes(p + SIZE, 'T', 2 * PG - SIZE));
	bus_check("read of the page past EOF", p + 2 * PG, 0);
	bus_check("write of the page past EOF", p + 2 * PG + 8, 1);
	CHECK("msync of the tail", msync(p, 2 * PG, MS_SYNC) == 0);
	CHECK("munmap", munmap(p, 3 * PG) == 0);
	CHECK("the size is unchanged", file_size(fd) == SIZE);
	CHECK("the contents are unchanged", file_bytes(fd, 0, 'a', SIZE));
	close(fd);
	CHECK("... also through a new descriptor",
	    name_bytes("tail", 0, 'a', SIZE));
	fd = open("tail", O_RDWR);
	CHECK("growing the file", ftruncate(fd, 2 * PG) == 0);
	CHECK("... the old tail reads zeros, not the stores",
	    file_bytes(fd, SIZE, 0, 2 * PG - SIZE));
	close(fd);
}

/* Private mappings raise SIGBUS too. */
static void
test_private_tail(void)
{
	char *p;
	int fd;

	fd = fill_file("tail", 'a', SIZE);
	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (p != MAP_FAILED) {
		CHECK("private: the tail reads zeros",
		    allbytes(p + SIZE, 0, 2 * PG - SIZE));
		bus_check("private: read past EOF", p + 2 * PG, 0);
		bus_check("private: write past EOF", p + 2 * PG, 1);
		munmap(p, 3 * PG);
	} else
		tap_check(0, "private map of tail");
	close(fd);
}

/* So does the first page of an empty file. */
static void
test_empty_file(void)
{
	char *p;
	int fd;

	fd = fill_file("tail", 'a', SIZE);
	CHECK("an empty file", ftruncate(fd, 0) == 0);
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("... maps", p != MAP_FAILED);
	if (p != MAP_FAILED) {
		bus_check("... its first page", p, 0);
		munmap(p, PG);
	}
	close(fd);
}

/* A shared mapping of a file truncated under it, then grown back. */
static void
test_truncate_shared(void)
{
	char *p;
	int fd;

	fd = fill_file("trunc", 'a', 4 * PG);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		tap_check(0, "map trunc");
		close(fd);
		return;
	}
	memset(p, 'm', 4 * PG);		/* all four pages mapped and dirty */
	CHECK("truncate a mapped file to half a page",
	    ftruncate(fd, PG / 2) == 0);
	CHECK("the kept half page keeps its bytes", allbytes(p, 'm', PG / 2));
	CHECK("the rest of that page reads zeros",
	    allbytes(p + PG / 2, 0, PG / 2));
	bus_check("truncated: read of page 1", p + PG, 0);
	bus_check("truncated: write of page 3", p + 3 * PG, 1);
	CHECK("grow it back to four pages", ftruncate(fd, 4 * PG) == 0);
	CHECK("the pages come back as zeros", allbytes(p + PG / 2, 0,
	    4 * PG - PG / 2) && file_bytes(fd, PG / 2, 0, 4 * PG - PG / 2));
	p[3 * PG] = 'n';
	CHECK("... and take stores again", file_bytes(fd, 3 * PG, 'n', 1));
	munmap(p, 4 * PG);
	close(fd);
}

/* A private mapping of a truncated file: untouched pages SIGBUS. */
static void
test_truncate_private(void)
{
	char *p;
	int fd;

	fd = fill_file("trunc", 'a', 4 * PG);
	p = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p != MAP_FAILED) {
		(void)*(volatile char *)(p + 2 * PG);
		CHECK("truncate under a private mapping",
		    ftruncate(fd, PG) == 0);
		bus_check("private, truncated: a page read before", p + 2 * PG,
		    0);
		bus_check("private, truncated: a page never read", p + 3 * PG,
		    0);
		munmap(p, 4 * PG);
	} else
		tap_check(0, "private map of trunc");
	close(fd);
}

static void
setup(void)
{
	fs_setup("mmap_eof_test");
}

#define CASES(X)	X(shared_tail) X(private_tail) X(empty_file)	\
	X(truncate_shared) X(truncate_private)
TAP_MAIN(CASES, setup, NULL)
