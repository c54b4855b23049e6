/*
 * cred_test: the uid/gid system calls.  As root: the ids read back as
 * set (setresuid/getresuid, setresgid/getresgid, setgroups/getgroups).
 * A forked child drops to uid/gid 1000 and then: opening a 0600 root
 * file in /tmp is EACCES, kill() of its root parent is EPERM, setuid(0)
 * and setgroups are EPERM, and it may still switch among its own ids.
 * Runs as root (the host runs the tests as root too; Kyua's metadata
 * says required_user=root).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tap.h"

#define TMPFILE	"/tmp/cred_test.secret"

/*
 * The child's first steps: drop to uid/gid 1000, switching among its own
 * ids on the way.  0 if all hold, else the number of the first failed.
 */
static int
drop(void)
{
	uid_t r, e, s;

	if (setgroups(0, NULL) != 0 || setresgid(1000, 1000, 1000) != 0)
		return (1);
	/* Real 1000, effective 1000, saved 0: may go back (saved). */
	if (setresuid(1000, 1000, 0) != 0)
		return (2);
	if (getuid() != 1000 || geteuid() != 1000 || getgid() != 1000 ||
	    getegid() != 1000)
		return (3);
	if (seteuid(0) != 0 || geteuid() != 0 || seteuid(1000) != 0)
		return (4);
	/* Drop the saved id too: no way back. */
	if (setuid(1000) != 0)
		return (5);
	if (setresuid(1000, 1000, 1000) != 0)
		return (6);
	if (getresuid(&r, &e, &s) != 0 || r != 1000 || e != 1000 ||
	    s != 1000)
		return (7);
	return (0);
}

/* Dropped for good: root's ids and groups are out of reach. */
static int
no_way_back(void)
{
	gid_t g[4];
	int rc;

	if ((rc = drop()) != 0)
		return (rc);
	errno = 0;
	if (setuid(0) != -1 || errno != EPERM)
		return (8);
	errno = 0;
	if (seteuid(0) != -1 || errno != EPERM)
		return (9);
	errno = 0;
	if (setresuid(-1, 0, -1) != -1 || errno != EPERM)
		return (10);
	g[0] = 5;
	errno = 0;
	if (setgroups(1, g) != -1 || errno != EPERM)
		return (14);
	errno = 0;
	if (setgid(0) != -1 || errno != EPERM)
		return (15);
	return (0);
}

/* Dropped: root's file and root's process are refused; its own is not. */
static int
denied(void)
{
	int rc;

	if ((rc = drop()) != 0)
		return (rc);
	errno = 0;
	if (open(TMPFILE, O_RDONLY) != -1 || errno != EACCES)
		return (11);
	errno = 0;
	if (kill(getppid(), 0) != -1 || errno != EPERM)
		return (12);
	errno = 0;
	if (kill(getppid(), SIGTERM) != -1 || errno != EPERM)
		return (13);
	if (kill(getpid(), 0) != 0)
		return (16);
	return (0);
}

/* Run fn in a child; it must exit 0 (else: the number of its check). */
static void
in_child(int (*fn)(void), const char *what)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(fn());
	TAP_CHECK(waitpid(pid, &status, 0) == pid);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0, what);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("# child failed check %d\n", WEXITSTATUS(status));
	TAP_CHECK(getuid() == 0 && geteuid() == 0);
}

static void
test_ids__root(void)
{
	TAP_CHECK(getuid() == 0 && geteuid() == 0);
}

static void
test_setresgid__read_back(void)
{
	uid_t r, e, s;

	TAP_CHECK(setresgid(0, 7, 0) == 0 && getegid() == 7 &&
	    getgid() == 0);
	TAP_CHECK(getresgid(&r, &e, &s) == 0 && r == 0 && e == 7 && s == 0);
	TAP_CHECK(setresgid(0, 0, 0) == 0 && getegid() == 0);
}

static void
test_setgroups__read_back(void)
{
	gid_t g[8];

	g[0] = 10;
	g[1] = 20;
	TAP_CHECK(setgroups(2, g) == 0);
	TAP_CHECK(getgroups(0, NULL) == 2);
	TAP_ERRNO("getgroups too small", EINVAL, getgroups(1, g));
	TAP_CHECK(getgroups(8, g) == 2 && g[0] == 10 && g[1] == 20);
}

static void
test_setuid__minus_one_einval(void)
{
	uid_t r, e, s;

	TAP_CHECK(getresuid(&r, &e, &s) == 0 && r == 0 && e == 0 && s == 0);
	TAP_ERRNO("setuid(-1)", EINVAL, setuid(-1));
}

static void
test_unprivileged__switches_among_own_ids(void)
{
	in_child(drop, "a child drops to 1000, using its saved id on the way");
}

static void
test_unprivileged__cannot_regain_root(void)
{
	in_child(no_way_back, "dropped for good: setuid(0), seteuid(0), "
	    "setresuid, setgroups and setgid(0) are EPERM");
}

static void
test_unprivileged__root_file_and_process_denied(void)
{
	int fd;

	unlink(TMPFILE);
	fd = open(TMPFILE, O_CREAT | O_WRONLY | O_EXCL, 0600);
	TAP_CHECK(fd >= 0);
	close(fd);
	in_child(denied, "dropped: a 0600 root file is EACCES, kill of the "
	    "root parent EPERM");
	unlink(TMPFILE);
}

#define CASES(X) X(ids__root) X(setresgid__read_back) \
	X(setgroups__read_back) X(setuid__minus_one_einval) \
	X(unprivileged__switches_among_own_ids) \
	X(unprivileged__cannot_regain_root) \
	X(unprivileged__root_file_and_process_denied)
TAP_MAIN(CASES, NULL, NULL)
