/*
 * fstest.h: helpers shared by the file system call tests: a scratch
 * directory of their own (made with mkdtemp under /tmp, or under the
 * current directory when there is no /tmp, and removed with everything in
 * it at the end), small file helpers, and ERR(), which checks that a call
 * failed with the errno Linux gives.
 *
 * Each program chdir()s into its scratch directory, so the tests use
 * relative names; fs_scratch is its absolute path.
 */
#ifndef _FSTEST_H_
#define _FSTEST_H_

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

static char fs_scratch[PATH_MAX];
static char fs_name[64];

/* Remove everything below the directory open as dfd, then the fd. */
static inline void
fs_rmtree_fd(int dfd)
{
	struct dirent *de;
	DIR *d;
	int fd;

	d = fdopendir(dfd);
	if (d == NULL) {
		close(dfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dfd, de->d_name, 0) == 0)
			continue;
		/* A directory: make it writable and empty it first. */
		(void)fchmodat(dfd, de->d_name, 0700, 0);
		fd = openat(dfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		if (fd >= 0) {
			fs_rmtree_fd(fd);
			(void)unlinkat(dfd, de->d_name, AT_REMOVEDIR);
		}
	}
	closedir(d);
}

/* The end of the run: leave and remove the scratch directory. */
static inline void
fs_cleanup(void)
{
	int fd;

	if (fs_scratch[0] == '\0')
		return;
	if (chdir("/") != 0 && chdir("..") != 0)
		return;
	fd = open(fs_scratch, O_RDONLY | O_DIRECTORY);
	if (fd >= 0)
		fs_rmtree_fd(fd);
	(void)rmdir(fs_scratch);
	fs_scratch[0] = '\0';
}

/*
 * fs_setup: make the scratch directory NAME.XXXXXX and enter it; exits
 * (with a failed check) when it cannot.  The umask is set to 022.
 */
static inline void
fs_setup(const char *name)
{
	char tmpl[PATH_MAX], *dir;
	struct stat sb;

	snprintf(fs_name, sizeof(fs_name), "%s", name);
	umask(022);
	if (stat("/tmp", &sb) == 0 && S_ISDIR(sb.st_mode))
		snprintf(tmpl, sizeof(tmpl), "/tmp/%s.XXXXXX", name);
	else
		snprintf(tmpl, sizeof(tmpl), "%s.XXXXXX", name);
	dir = mkdtemp(tmpl);
	if (dir == NULL || chdir(dir) != 0 ||
	    getcwd(fs_scratch, sizeof(fs_scratch)) == NULL) {
		tap_check(0, "scratch directory made and entered");
		exit(tap_done());
	}
	atexit(fs_cleanup);
}

/* Make file name with the given contents (mode 0644); 0 or -1. */
static inline int
fs_mkfile(const char *name, const char *contents)
{
	ssize_t len = (ssize_t)strlen(contents);
	int fd;

	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return (-1);
	if (write(fd, contents, len) != len) {
		close(fd);
		return (-1);
	}
	return (close(fd));
}

/* Read all of file name (at most size - 1 bytes, NUL-terminated). */
static inline ssize_t
fs_readfile(const char *name, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(name, O_RDONLY);
	if (fd < 0)
		return (-1);
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return (n);
}

/* fs_exists: 1 when name exists (lstat succeeds). */
static inline int
fs_exists(const char *name)
{
	struct stat sb;

	return (lstat(name, &sb) == 0);
}

/* err_check: the call returned -1 with errno want. */
static inline void
err_check(const char *what, int want, long ret, int err)
{
	char buf[200];

	snprintf(buf, sizeof(buf), "%s: %s", what, strerrorname_np(want));
	tap_check(ret == -1 && err == want, buf);
	if (ret != -1 || err != want)
		printf("# got %ld, errno %d (%s)\n", ret, err,
		    err ? strerrorname_np(err) : "0");
}

/* ERR: make the call with errno cleared and check its failure. */
#define ERR(what, want, call)	do {					\
	long r_;							\
	errno = 0;							\
	r_ = (long)(call);						\
	err_check(what, want, r_, errno);				\
} while (0)

/* CHECK: a check with its own description. */
#define CHECK(what, cond)	tap_check((cond) != 0, what)

#endif /* !_FSTEST_H_ */
