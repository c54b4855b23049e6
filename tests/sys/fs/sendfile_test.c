/*
 * sendfile_test: sendfile(2) between descriptors, as Linux: from a file
 * to a file at the input's offset (which advances) or at an offset of
 * the caller's (which advances instead, the input's offset staying); to
 * a pipe; a count past the end of file stops there, at the end it
 * returns 0; a transfer larger than the kernel's bounce buffer; and the
 * errors (EBADF, EINVAL, ESPIPE, EFAULT), checked on the Linux host.
 */
#include <sys/param.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>

#include "fstest.h"

/* A file of len bytes, byte i being 'a' + i % 26; its descriptor. */
static int
pattern_file(const char *name, size_t len)
{
	char buf[4096];
	size_t i, n;
	int fd;

	fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return (-1);
	for (i = 0; i < len; i += n) {
		n = MIN(sizeof(buf), len - i);
		for (size_t j = 0; j < n; j++)
			buf[j] = 'a' + (i + j) % 26;
		if (write(fd, buf, n) != (ssize_t)n) {
			close(fd);
			return (-1);
		}
	}
	lseek(fd, 0, SEEK_SET);
	return (fd);
}

/* Whether name holds len bytes of the pattern from offset off. */
static int
has_pattern(const char *name, size_t off, size_t len)
{
	char buf[4096];
	size_t i = 0, j;
	ssize_t n;
	int fd, ok = 1;

	fd = open(name, O_RDONLY);
	if (fd < 0)
		return (0);
	while (ok && (n = read(fd, buf, sizeof(buf))) > 0) {
		for (j = 0; j < (size_t)n; j++)
			if (buf[j] != 'a' + (off + i + j) % 26)
				ok = 0;
		i += n;
	}
	close(fd);
	return (ok && i == len);
}

static void
test_file_offset(void)
{
	int in, out;

	in = pattern_file("in", 1000);
	out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK("the files open", in >= 0 && out >= 0);
	lseek(in, 100, SEEK_SET);
	CHECK("sendfile of 300 bytes from the input's offset: 300",
	    sendfile(out, in, NULL, 300) == 300);
	CHECK("... the input's offset advanced by 300",
	    lseek(in, 0, SEEK_CUR) == 400);
	CHECK("... the output's too", lseek(out, 0, SEEK_CUR) == 300);
	CHECK("... the bytes are the input's from offset 100",
	    has_pattern("out", 100, 300));
	close(in);
	close(out);
}

static void
test_caller_offset(void)
{
	off_t off = 26;
	int in, out;

	in = pattern_file("in", 1000);
	out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK("the files open", in >= 0 && out >= 0);
	CHECK("sendfile of 500 bytes from offset 26: 500",
	    sendfile(out, in, &off, 500) == 500);
	CHECK("... the offset given advanced to 526", off == 526);
	CHECK("... the input's own offset stayed at 0",
	    lseek(in, 0, SEEK_CUR) == 0);
	CHECK("... the bytes are right", has_pattern("out", 26, 500));
	CHECK("a count past the end of file stops there: 474",
	    sendfile(out, in, &off, 100000) == 474 && off == 1000);
	CHECK("at the end of file: 0", sendfile(out, in, &off, 10) == 0);
	CHECK("a count of 0: 0", sendfile(out, in, NULL, 0) == 0);
	close(in);
	close(out);
	CHECK("the output holds both transfers",
	    has_pattern("out", 26, 974));
}

static void
test_to_pipe(void)
{
	char buf[64];
	int in, p[2];

	in = pattern_file("in", 52);
	CHECK("a file and a pipe", in >= 0 && pipe(p) == 0);
	CHECK("sendfile into a pipe: 52", sendfile(p[1], in, NULL, 52) == 52);
	CHECK("... the pipe holds the bytes",
	    read(p[0], buf, sizeof(buf)) == 52 && buf[0] == 'a' &&
	    buf[25] == 'z' && buf[26] == 'a' && buf[51] == 'z');
	close(p[0]);
	close(p[1]);
	close(in);
}

/* More than one bounce buffer's worth (Umbra's is 64 KiB). */
static void
test_large(void)
{
	size_t len = 300 * 1024 + 17;
	int in, out;

	in = pattern_file("in", len);
	out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK("the files open", in >= 0 && out >= 0);
	CHECK("sendfile of 300 KiB + 17 bytes moves them all",
	    sendfile(out, in, NULL, len) == (ssize_t)len);
	CHECK("... every byte in place", has_pattern("out", 0, len));
	close(in);
	close(out);
}

static void
test_errors(void)
{
	off_t off;
	int in, out, app, rdonly, wronly, dfd, p[2];

	in = pattern_file("in", 10);
	out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	app = open("app", O_WRONLY | O_CREAT | O_APPEND, 0644);
	rdonly = open("in", O_RDONLY);
	wronly = open("in", O_WRONLY);
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK("the descriptors open", in >= 0 && out >= 0 && app >= 0 &&
	    rdonly >= 0 && wronly >= 0 && dfd >= 0 && pipe(p) == 0);
	ERR("input not open for reading", EBADF,
	    sendfile(out, wronly, NULL, 5));
	ERR("output not open for writing", EBADF,
	    sendfile(rdonly, in, NULL, 5));
	ERR("a closed input", EBADF, sendfile(out, 99, NULL, 5));
	ERR("an O_APPEND output", EINVAL, sendfile(app, in, NULL, 5));
	ERR("a directory as input", EINVAL, sendfile(out, dfd, NULL, 5));
	ERR("a pipe as input", EINVAL, sendfile(out, p[0], NULL, 5));
	off = 0;
	ERR("an offset on a pipe", ESPIPE, sendfile(out, p[0], &off, 5));
	off = -1;
	ERR("a negative offset", EINVAL, sendfile(out, in, &off, 5));
	ERR("a bad offset pointer", EFAULT,
	    syscall(SYS_sendfile, out, in, (void *)8, 5));
	close(p[0]);
	close(p[1]);
	close(dfd);
	close(wronly);
	close(rdonly);
	close(app);
	close(out);
	close(in);
}

static void
setup(void)
{
	fs_setup("sendfile_test");
}

#define CASES(X) X(file_offset) X(caller_offset) X(to_pipe) X(large) \
	X(errors)
TAP_MAIN(CASES, setup, NULL)
