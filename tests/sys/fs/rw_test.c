/*
 * rw_test: read, write, readv, writev, pread64, pwrite64, preadv,
 * pwritev and lseek on regular files (SEEK_SET, SEEK_CUR, SEEK_END,
 * SEEK_DATA, SEEK_HOLE; EINVAL for a negative result or a bad whence),
 * truncate and ftruncate (growing reads zeros, shrinking drops the tail),
 * and a file that stays readable through an open descriptor after its
 * last name is gone.
 */
#include <sys/syscall.h>
#include <sys/uio.h>

#include "fstest.h"

static void
test_rw_offsets(void)
{
	char buf[64];
	int fd;

	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("write returns the count", write(fd, "hello world", 11) == 11);
	CHECK("... and moves the offset", lseek(fd, 0, SEEK_CUR) == 11);
	CHECK("read at EOF returns 0", read(fd, buf, sizeof(buf)) == 0);
	CHECK("SEEK_SET 6", lseek(fd, 6, SEEK_SET) == 6);
	CHECK("read after SEEK_SET", read(fd, buf, 5) == 5 &&
	    memcmp(buf, "world", 5) == 0);
	CHECK("SEEK_CUR -5", lseek(fd, -5, SEEK_CUR) == 6);
	CHECK("SEEK_END -5", lseek(fd, -5, SEEK_END) == 6);
	CHECK("SEEK_END 0 is the size", lseek(fd, 0, SEEK_END) == 11);
	ERR("lseek to a negative offset", EINVAL, lseek(fd, -12, SEEK_END));
	CHECK("... leaves the offset", lseek(fd, 0, SEEK_CUR) == 11);
	ERR("lseek SEEK_SET -1", EINVAL, lseek(fd, -1, SEEK_SET));
	ERR("lseek with whence 5", EINVAL, lseek(fd, 0, 5));
	ERR("lseek with whence -1", EINVAL, lseek(fd, 0, -1));
	CHECK("SEEK_DATA 0 of a file with data is 0",
	    lseek(fd, 0, SEEK_DATA) == 0);
	CHECK("SEEK_HOLE: the end of the file", lseek(fd, 0, SEEK_HOLE) == 11);
	ERR("SEEK_DATA at EOF", ENXIO, lseek(fd, 11, SEEK_DATA));
	CHECK("a seek past EOF succeeds", lseek(fd, 20, SEEK_SET) == 20);
	CHECK("... read there returns 0", read(fd, buf, 4) == 0);
	CHECK("... a write there leaves a hole", write(fd, "!", 1) == 1 &&
	    lseek(fd, 0, SEEK_END) == 21);
	CHECK("the hole reads as zeros", pread(fd, buf, 10, 11) == 10 &&
	    memcmp(buf, "\0\0\0\0\0\0\0\0\0!", 10) == 0);
	CHECK("a short read at EOF", pread(fd, buf, 64, 15) == 6);
	CHECK("read with count 0", read(fd, buf, 0) == 0);
	CHECK("write with count 0", write(fd, buf, 0) == 0);
	close(fd);
	ERR("read on a closed fd", EBADF, read(fd, buf, 1));
	ERR("lseek on a closed fd", EBADF, lseek(fd, 0, SEEK_SET));
}

static void
test_pread_pwrite(void)
{
	char buf[64];
	int fd;

	fd = open("p", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "abcdefgh", 8);
	lseek(fd, 2, SEEK_SET);
	CHECK("pread64 at 4", syscall(SYS_pread64, fd, buf, 3, 4) == 3 &&
	    memcmp(buf, "efg", 3) == 0);
	CHECK("... does not move the offset", lseek(fd, 0, SEEK_CUR) == 2);
	CHECK("pwrite64 at 6", syscall(SYS_pwrite64, fd, "XY", 2, 6) == 2);
	CHECK("... does not move the offset", lseek(fd, 0, SEEK_CUR) == 2);
	CHECK("pwrite64 past EOF extends", pwrite(fd, "Z", 1, 10) == 1 &&
	    lseek(fd, 0, SEEK_END) == 11);
	CHECK("the contents", pread(fd, buf, 11, 0) == 11 &&
	    memcmp(buf, "abcdefXY\0\0Z", 11) == 0);
	ERR("pread64 at a negative offset", EINVAL,
	    syscall(SYS_pread64, fd, buf, 1, -1L));
	ERR("pwrite64 at a negative offset", EINVAL,
	    syscall(SYS_pwrite64, fd, buf, 1, -1L));
	close(fd);
}

static void
test_vectors(void)
{
	struct iovec iov[3];
	char a[4], b[5], c[3], buf[32];
	int fd;

	fd = open("v", O_RDWR | O_CREAT | O_TRUNC, 0644);
	iov[0].iov_base = "one";
	iov[0].iov_len = 3;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "three";
	iov[2].iov_len = 5;
	CHECK("writev gathers", writev(fd, iov, 3) == 8);
	lseek(fd, 0, SEEK_SET);
	iov[0].iov_base = a;
	iov[0].iov_len = 4;
	iov[1].iov_base = b;
	iov[1].iov_len = 5;
	CHECK("readv scatters, short at EOF", readv(fd, iov, 2) == 8 &&
	    memcmp(a, "onet", 4) == 0 && memcmp(b, "hree", 4) == 0);
	iov[0].iov_base = "AB";
	iov[0].iov_len = 2;
	iov[1].iov_base = "C";
	iov[1].iov_len = 1;
	CHECK("pwritev (296) at 1",
	    syscall(SYS_pwritev, fd, iov, 2, 1L, 0L) == 3);
	CHECK("... the offset unmoved", lseek(fd, 0, SEEK_CUR) == 8);
	iov[0].iov_base = c;
	iov[0].iov_len = 3;
	iov[1].iov_base = buf;
	iov[1].iov_len = 2;
	CHECK("preadv (295) at 0", syscall(SYS_preadv, fd, iov, 2, 0L, 0L) == 5 &&
	    memcmp(c, "oAB", 3) == 0 && memcmp(buf, "Ch", 2) == 0);
	CHECK("readv of 0 vectors", readv(fd, iov, 0) == 0);
	ERR("readv of -1 vectors", EINVAL, readv(fd, iov, -1));
	ERR("readv of 1025 vectors (IOV_MAX 1024)", EINVAL,
	    readv(fd, iov, 1025));
	ERR("preadv at a negative offset", EINVAL,
	    syscall(SYS_preadv, fd, iov, 1, -1L, 0L));
	ERR("writev with a bad vector pointer", EFAULT,
	    writev(fd, (struct iovec *)8, 1));
	close(fd);
}

static void
test_truncate(void)
{
	struct stat sb;
	char buf[8192];
	int fd, i, zeros;

	fs_mkfile("t", "0123456789");
	CHECK("truncate grows to 8000", truncate("t", 8000) == 0 &&
	    stat("t", &sb) == 0 && sb.st_size == 8000);
	fd = open("t", O_RDWR);
	CHECK("... the old data stays", read(fd, buf, 8000) == 8000 &&
	    memcmp(buf, "0123456789", 10) == 0);
	for (i = 10, zeros = 1; i < 8000; i++)
		if (buf[i] != 0)
			zeros = 0;
	CHECK("... the rest reads zeros", zeros);
	CHECK("ftruncate shrinks to 4", ftruncate(fd, 4) == 0 &&
	    fstat(fd, &sb) == 0 && sb.st_size == 4);
	CHECK("... the offset stays past EOF", lseek(fd, 0, SEEK_CUR) == 8000);
	CHECK("... read there returns 0", read(fd, buf, 10) == 0);
	CHECK("ftruncate grows again: zeros, not the old bytes",
	    ftruncate(fd, 10) == 0 && pread(fd, buf, 10, 0) == 10 &&
	    memcmp(buf, "0123\0\0\0\0\0\0", 10) == 0);
	CHECK("ftruncate to 0", ftruncate(fd, 0) == 0 &&
	    fstat(fd, &sb) == 0 && sb.st_size == 0);
	ERR("ftruncate to a negative length", EINVAL, ftruncate(fd, -1));
	close(fd);
	ERR("truncate to a negative length", EINVAL, truncate("t", -1));
	fd = open("t", O_RDONLY);
	ERR("ftruncate on an O_RDONLY descriptor", EINVAL, ftruncate(fd, 0));
	close(fd);
	mkdir("d", 0755);
	ERR("truncate on a directory", EISDIR, truncate("d", 0));
	fd = open("d", O_RDONLY);
	ERR("ftruncate on a directory", EINVAL, ftruncate(fd, 0));
	close(fd);
	ERR("truncate of a missing file", ENOENT, truncate("nofile", 0));
	/* A large sparse file: 1 GiB, then a byte read back from the end. */
	fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("ftruncate to 1 GiB", ftruncate(fd, 1L << 30) == 0 &&
	    pread(fd, buf, 1, (1L << 30) - 1) == 1 && buf[0] == 0);
	CHECK("... the file is sparse (few blocks)", fstat(fd, &sb) == 0 &&
	    sb.st_blocks < 64);
	close(fd);
}

static void
test_unlinked_open(void)
{
	struct stat sb;
	char buf[16];
	int fd;

	fs_mkfile("gone", "still here");
	fd = open("gone", O_RDWR);
	CHECK("unlink of an open file", unlink("gone") == 0 &&
	    !fs_exists("gone"));
	CHECK("... fstat says nlink 0", fstat(fd, &sb) == 0 &&
	    sb.st_nlink == 0);
	CHECK("... it reads through the descriptor",
	    pread(fd, buf, sizeof(buf), 0) == 10 &&
	    memcmp(buf, "still here", 10) == 0);
	CHECK("... and writes", pwrite(fd, "STILL", 5, 0) == 5 &&
	    pread(fd, buf, 5, 0) == 5 && memcmp(buf, "STILL", 5) == 0);
	CHECK("a new file of the same name is another file",
	    fs_mkfile("gone", "new") == 0 && pread(fd, buf, 5, 0) == 5 &&
	    memcmp(buf, "STILL", 5) == 0);
	close(fd);
}

static void
setup(void)
{
	fs_setup("rw_test");
}

#define CASES(X) X(rw_offsets) X(pread_pwrite) X(vectors) X(truncate) \
	X(unlinked_open)
TAP_MAIN(CASES, setup, NULL)
