/*
 * mmap_file_test: file mappings in one process.  MAP_SHARED stores are
 * seen by read() at once and write()s by the mapping (also read() into
 * and write() from a mapping of the same file); a mapping at an offset;
 * MAP_PRIVATE is copy-on-write over the file (a page not yet copied
 * shows later write()s, as on Linux; a copied one does not; private
 * stores never reach the file); msync MS_SYNC, MS_ASYNC and
 * MS_INVALIDATE return 0 and the data is in the file when it is opened
 * again; munmap without msync keeps the stores; a mapping outlives
 * close() and unlink(); mprotect PROT_WRITE on a shared mapping of an
 * O_RDWR file opened read-only at first; MAP_POPULATE; MADV_DONTNEED on a
 * private file mapping reads the file again; mincore of a file page
 * another process read() (the page cache) before this one touched it.
 */
#include "mapfile.h"

#define NPG	4

static void
test_shared_coherence(void)
{
	char *p, buf[16];
	int fd;

	fd = fill_file("shared", 'a', NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("MAP_SHARED read/write of an O_RDWR file", p != MAP_FAILED);
	if (p == MAP_FAILED) {
		close(fd);
		return;
	}
	CHECK("the mapping shows the file", allbytes(p, 'a', NPG * PG));
	p[100] = 'b';
	p[PG + 5] = 'b';
	CHECK("a mapped store is seen by pread at once",
	    pread(fd, buf, 1, 100) == 1 && buf[0] == 'b' &&
	    pread(fd, buf, 1, PG + 5) == 1 && buf[0] == 'b');
	CHECK("pwrite returns", pwrite(fd, "cc", 2, 2 * PG + 7) == 2);
	CHECK("a pwrite is seen by the mapping at once",
	    p[2 * PG + 7] == 'c' && p[2 * PG + 8] == 'c' &&
	    p[2 * PG + 6] == 'a');
	lseek(fd, 3 * PG, SEEK_SET);
	CHECK("write() too", write(fd, "dd", 2) == 2 && p[3 * PG] == 'd' &&
	    p[3 * PG + 1] == 'd');
	munmap(p, NPG * PG);
	close(fd);
}

/*
 * read() into and write() from a mapping of the same file; then a
 * mapping at an offset sees the file from there.
 */
static void
test_own_mapping_io(void)
{
	char *p;
	int fd;

	fd = fill_file("own", 'a', NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		tap_check(0, "map own");
		close(fd);
		return;
	}
	memset(p, 'e', PG);
	CHECK("pread of page 0 into page 1 of its own mapping",
	    pread(fd, p + PG, PG, 0) == PG);
	CHECK("... page 1 now holds page 0's bytes", allbytes(p + PG, 'e', PG));
	CHECK("... and so does the file", file_bytes(fd, PG, 'e', PG));
	memset(p + 2 * PG, 'f', PG);
	CHECK("pwrite of page 2 from the mapping onto page 3",
	    pwrite(fd, p + 2 * PG, PG, 3 * PG) == PG);
	CHECK("... seen by the mapping", allbytes(p + 3 * PG, 'f', PG));
	munmap(p, NPG * PG);

	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 3 * PG);
	CHECK("a mapping at offset 3 pages", p != MAP_FAILED &&
	    allbytes(p, 'f', PG));
	if (p != MAP_FAILED)
		munmap(p, PG);
	close(fd);
}

static void
test_private_cow(void)
{
	char *p, buf[4];
	int fd;

	fd = fill_file("private", 'a', NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("MAP_PRIVATE read/write", p != MAP_FAILED);
	if (p == MAP_FAILED) {
		close(fd);
		return;
	}
	CHECK("it shows the file", p[0] == 'a' && p[PG] == 'a');
	/* Page 0 was only read: a later write() to the file shows. */
	pwrite(fd, "x", 1, 10);
	CHECK("a page only read shows a later pwrite (Linux)", p[10] == 'x');
	/* Page 1 is written: copied, and the file keeps 'a'. */
	p[PG] = 'y';
	CHECK("a private store stays out of the file",
	    pread(fd, buf, 1, PG) == 1 && buf[0] == 'a');
	CHECK("... and out of a shared read of it",
	    name_bytes("private", PG, 'a', PG));
	pwrite(fd, "zz", 2, PG + 1000);
	CHECK("a copied page does not show later pwrites",
	    p[PG + 1000] == 'a' && p[PG + 1001] == 'a' && p[PG] == 'y');
	/* Page 2 was never touched: it shows the file as it is now. */
	pwrite(fd, "w", 1, 2 * PG);
	CHECK("an untouched page shows the file's current bytes",
	    p[2 * PG] == 'w');
	CHECK("msync of a private mapping: 0", msync(p, NPG * PG, MS_SYNC) == 0);
	CHECK("... the file still has no private store",
	    name_bytes("private", PG, 'a', 1000));
	/* MADV_DONTNEED drops the copy: the file's bytes again (Linux). */
	CHECK("MADV_DONTNEED on a private file mapping",
	    madvise(p + PG, PG, MADV_DONTNEED) == 0);
	CHECK("... reads the file again", p[PG] == 'a' &&
	    p[PG + 1000] == 'z');
	munmap(p, NPG * PG);
	close(fd);
}

/* A private writable mapping of an O_RDONLY file. */
static void
test_private_of_rdonly(void)
{
	char *p;
	int fd;

	fd = fill_file("private", 'a', NPG * PG);
	close(fd);
	fd = open("private", O_RDONLY);
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("MAP_PRIVATE PROT_WRITE of an O_RDONLY file", p != MAP_FAILED);
	if (p != MAP_FAILED) {
		p[0] = 'q';
		CHECK("... a store works and stays private", p[0] == 'q' &&
		    name_bytes("private", 0, 'a', 10));
		munmap(p, PG);
	}
	close(fd);
}

/* msync with flags: 0, and the store is in the file opened again. */
static void
msync_case(const char *what, int flags, int c)
{
	char *p, name[32], msg[96];
	int fd;

	snprintf(name, sizeof(name), "msync%d", flags);
	fd = fill_file(name, 'a', NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		tap_check(0, what);
		close(fd);
		return;
	}
	memset(p + PG, c, 2 * PG);
	snprintf(msg, sizeof(msg), "msync %s returns 0", what);
	CHECK(msg, msync(p, NPG * PG, flags) == 0);
	close(fd);
	snprintf(msg, sizeof(msg), "... the stores are in the file (%s)", what);
	CHECK(msg, name_bytes(name, PG, c, 2 * PG) &&
	    name_bytes(name, 0, 'a', PG) && name_bytes(name, 3 * PG, 'a', PG));
	snprintf(msg, sizeof(msg), "... and still in the mapping (%s)", what);
	CHECK(msg, allbytes(p + PG, c, 2 * PG));
	munmap(p, NPG * PG);
}

static void
test_msync_sync(void)
{
	msync_case("MS_SYNC", MS_SYNC, 's');
}

static void
test_msync_async(void)
{
	msync_case("MS_ASYNC", MS_ASYNC, 'A');
}

static void
test_msync_invalidate(void)
{
	msync_case("MS_INVALIDATE", MS_INVALIDATE, 'i');
}

static void
test_msync_sync_invalidate(void)
{
	msync_case("MS_SYNC|MS_INVALIDATE", MS_SYNC | MS_INVALIDATE, 'I');
}

/* msync of part of the mapping: the last page, partly past the end. */
static void
test_msync_partial_page(void)
{
	char *p;
	int fd;

	fd = fill_file("msyncpart", 'a', PG + PG / 2);
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p != MAP_FAILED) {
		p[PG] = 'p';
		CHECK("msync of the last, partial page",
		    msync(p + PG, PG, MS_SYNC) == 0);
		CHECK("... the store is in the file",
		    name_bytes("msyncpart", PG, 'p', 1));
		munmap(p, 2 * PG);
	} else
		tap_check(0, "map msyncpart");
	close(fd);
}

static void
test_munmap_keeps(void)
{
	char *p;
	int fd;

	fd = fill_file("unmapped", 'a', NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		tap_check(0, "map unmapped");
		close(fd);
		return;
	}
	memset(p, 'm', NPG * PG);
	CHECK("munmap without msync", munmap(p, NPG * PG) == 0);
	CHECK("... read() sees every store", file_bytes(fd, 0, 'm', NPG * PG));
	close(fd);
	CHECK("... and so does a new descriptor",
	    name_bytes("unmapped", 0, 'm', NPG * PG));
}

/* The mapping outlives close() and unlink(). */
static void
test_outlives_close_unlink(void)
{
	char *p;
	int fd;

	fd = fill_file("gone", 'a', NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	CHECK("the mapping outlives close() and unlink()",
	    p != MAP_FAILED && unlink("gone") == 0 && p[0] == 'a');
	if (p != MAP_FAILED) {
		memset(p, 'u', NPG * PG);
		CHECK("... stores and loads still work",
		    allbytes(p, 'u', NPG * PG));
		CHECK("... msync still works", msync(p, NPG * PG, MS_SYNC) == 0);
		munmap(p, NPG * PG);
	}
}

/* Shared, PROT_READ of an O_RDWR file: mprotect may add write. */
static void
test_mprotect_add_write(void)
{
	char *p;
	int fd;

	fd = fill_file("prot", 'a', PG);
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK("a read-only shared mapping of an O_RDWR file",
	    p != MAP_FAILED);
	if (p != MAP_FAILED) {
		CHECK("mprotect adds PROT_WRITE",
		    mprotect(p, PG, PROT_READ | PROT_WRITE) == 0);
		p[1] = 'w';
		CHECK("... and the store reaches the file",
		    file_bytes(fd, 1, 'w', 1));
		munmap(p, PG);
	}
	close(fd);
}

/* MAP_POPULATE reads the file in. */
static void
test_map_populate(void)
{
	char *p;
	int fd;

	fd = fill_file("prot", 'a', PG);
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	CHECK("MAP_POPULATE: resident before any touch", p != MAP_FAILED &&
	    resident(p));
	if (p != MAP_FAILED)
		munmap(p, PG);
	close(fd);
}

/*
 * mincore counts the file's cached pages: a child reads the file with
 * read() and exits; this process maps it and finds every page resident
 * without touching it.
 */
static void
test_mincore_cache(void)
{
	char *p, buf[PG];
	pid_t pid;
	int fd, i;

	fd = fill_file("cache", 'a', NPG * PG);
	close(fd);
	pid = fork();
	if (pid == 0) {
		fd = open("cache", O_RDONLY);
		for (i = 0; i < NPG; i++)
			if (read(fd, buf, PG) != PG)
				_exit(1);
		_exit(0);
	}
	CHECK("a child read() the whole file", reap(pid) == 0);
	fd = open("cache", O_RDONLY);
	p = mmap(NULL, NPG * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK("mincore: pages read() elsewhere are resident, untouched here",
	    p != MAP_FAILED && nresident(p, NPG) == NPG);
	if (p != MAP_FAILED)
		munmap(p, NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK("... also through a private mapping",
	    p != MAP_FAILED && nresident(p, NPG) == NPG);
	if (p != MAP_FAILED)
		munmap(p, NPG * PG);
	close(fd);
}

static void
setup(void)
{
	fs_setup("mmap_file_test");
}

#define CASES(X)	X(shared_coherence) X(own_mapping_io)		\
	X(private_cow) X(private_of_rdonly) X(msync_sync) X(msync_async) \
	X(msync_invalidate) X(msync_sync_invalidate) X(msync_partial_page) \
	X(munmap_keeps) X(outlives_close_unlink) X(mprotect_add_write)	\
	X(map_populate) X(mincore_cache)
TAP_MAIN(CASES, setup, NULL)
