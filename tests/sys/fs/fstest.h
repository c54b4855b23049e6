/*
 * fstest.h: helpers shared by the file system call tests: a scratch
 * directory of their own (made with mkdtemp under $TMPDIR, else /tmp, or
 * under the current directory when there is neither, and removed with
 * everything in it at the end), small file helpers, and ERR(), which checks that a call
 * failed with the errno Linux gives.
 *
 * Each program chdir()s into its scratch directory, so the tests use
 * relative names; fs_scratch is its absolute path.  As an ATF program
 * (tap.h, -DTAP_ATF) each test case is a process of its own: fs_setup
 * runs at its start, under the TMPDIR Kyua gives it (a fresh work
 * directory) or /var/tmp (the NAME_vartmp build), and the directory goes
 * at its exit; a case therefore makes every file it uses itself.
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
	const char *base;
	struct stat sb;

	snprintf(fs_name, sizeof(fs_name), "%s", name);
	umask(022);
	base = getenv("TMPDIR");
	if (base == NULL || stat(base, &sb) != 0 || !S_ISDIR(sb.st_mode))
		base = "/tmp";
	if (stat(base, &sb) == 0 && S_ISDIR(sb.st_mode))
		snprintf(tmpl, sizeof(tmpl), "%s/%s.XXXXXX", base, name);
	else
		snprintf(tmpl, sizeof(tmpl), "%s.XXXXXX", name);
	dir = mkdtemp(tmpl);
	if (dir == NULL || chdir(dir) != 0 ||
	    getcwd(fs_scratch, sizeof(fs_scratch)) == NULL) {
#ifdef TAP_ATF
		atf_tc_fail("no scratch directory %s: %s", tmpl,
		    strerror(errno));
#else
		tap_check(0, "scratch directory made and entered");
		exit(tap_done());
#endif
	}
	atexit(fs_cleanup);
}

/*
 * fs_skip: the rest of the case cannot be tested here, for the reason
 * why.  An ATF case ends skipped; a TAP program counts n skipped checks
 * (those the case would have made) and goes on to the next case.
 */
static inline void
fs_skip(int n, const char *why)
{
#ifdef TAP_ATF
	(void)n;
	atf_tc_skip("%s", why);
#else
	while (n-- > 0)
		printf("ok %d - # SKIP %s\n", ++tap_n, why);
	fflush(stdout);
#endif
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

/* ERR: the call fails with errno want (tap.h). */
#define ERR(what, want, call)	TAP_ERRNO(what, want, call)

/* CHECK: a check with its own description. */
#define CHECK(what, cond)	tap_check((cond) != 0, what)

#endif /* !_FSTEST_H_ */
