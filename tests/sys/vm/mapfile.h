/*
 * mapfile.h: helpers shared by the file mapping tests (mmap_file_test,
 * mmap_shared_test, mmap_eof_test, mmap_file_errno_test,
 * sparse_map_test): the scratch directory and ERR() of the file system
 * tests (../fs/fstest.h), the page and mincore helpers (vmtest.h), the
 * SIGBUS probes (fault.h), and files filled with one byte.
 */
#ifndef _MAPFILE_H_
#define _MAPFILE_H_

#include "../fs/fstest.h"
#include "fault.h"
#include "vmtest.h"

/*
 * fill_file: create (or truncate) name, write len bytes of c through
 * write(), and return it open O_RDWR; -1 on error.
 */
static inline int
fill_file(const char *name, int c, size_t len)
{
	char buf[PG];
	size_t n;
	int fd;

	fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return (-1);
	memset(buf, c, sizeof(buf));
	for (; len > 0; len -= n) {
		n = len < sizeof(buf) ? len : sizeof(buf);
		if (write(fd, buf, n) != (ssize_t)n) {
			close(fd);
			return (-1);
		}
	}
	return (fd);
}

/* file_bytes: 1 when the len bytes of fd at off (pread) all equal c. */
static inline int
file_bytes(int fd, off_t off, int c, size_t len)
{
	char buf[PG];
	size_t n;

	for (; len > 0; len -= n, off += n) {
		n = len < sizeof(buf) ? len : sizeof(buf);
		if (pread(fd, buf, n, off) != (ssize_t)n ||
		    !allbytes(buf, c, n))
			return (0);
	}
	return (1);
}

/* name_bytes: file_bytes of a fresh descriptor of name (opened again). */
static inline int
name_bytes(const char *name, off_t off, int c, size_t len)
{
	int fd, ok;

	fd = open(name, O_RDONLY);
	if (fd < 0)
		return (0);
	ok = file_bytes(fd, off, c, len);
	close(fd);
	return (ok);
}

/* file_size: fstat's st_size of fd, or -1. */
static inline off_t
file_size(int fd)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return (-1);
	return (sb.st_size);
}

#endif /* !_MAPFILE_H_ */
