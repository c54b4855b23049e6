/*
 * lockf_test: POSIX record locks (fcntl F_GETLK, F_SETLK, F_SETLKW), as
 * SQLite uses them: exclusive and shared ranges between two processes,
 * F_GETLK's report of the blocking lock, unlocking part of a range,
 * the locks going when their owner closes any descriptor of the file
 * or exits, F_SETLKW getting the lock once it is free, and the errors.
 * The child's checks come back as its exit status (0: all held, else
 * the number of the first that failed).
 */
#include <sys/wait.h>

#include "fstest.h"

static int
lk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = start;
	fl.l_len = len;
	return (fcntl(fd, cmd, &fl));
}

/* Run fn(arg) in a child; its exit status. */
static int
in_child(int (*fn)(int), int arg)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return (-1);
	return (WEXITSTATUS(status));
}

/* The parent holds a write lock on [0, 10) and a read lock on [100, 110). */
static int
child_sees_parent(int unused)
{
	struct flock fl;
	int fd = open("f", O_RDWR);

	(void)unused;
	if (lk(fd, F_SETLK, F_WRLCK, 5, 1) != -1 || errno != EAGAIN)
		return (1);
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_start = 9;
	fl.l_len = 5;
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_WRLCK ||
	    fl.l_start != 0 || fl.l_len != 10 || fl.l_pid != getppid())
		return (2);
	if (lk(fd, F_SETLK, F_WRLCK, 10, 10) != 0)
		return (3);
	if (lk(fd, F_SETLK, F_RDLCK, 100, 10) != 0)
		return (4);
	if (lk(fd, F_SETLK, F_WRLCK, 105, 1) != -1 || errno != EAGAIN)
		return (5);
	fl.l_type = F_RDLCK;
	fl.l_start = 50;
	fl.l_len = 10;
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_UNLCK)
		return (6);
	return (0);
}

/* The parent unlocked [3, 5) of its [0, 10). */
static int
child_after_partial_unlock(int unused)
{
	int fd = open("f", O_RDWR);

	(void)unused;
	if (lk(fd, F_SETLK, F_WRLCK, 3, 2) != 0)
		return (1);
	if (lk(fd, F_SETLK, F_WRLCK, 2, 1) != -1 || errno != EAGAIN)
		return (2);
	if (lk(fd, F_SETLK, F_WRLCK, 5, 1) != -1 || errno != EAGAIN)
		return (3);
	return (0);
}

/* The whole file must be free. */
static int
child_locks_all(int unused)
{
	int fd = open("f", O_RDWR);

	(void)unused;
	return (lk(fd, F_SETLK, F_WRLCK, 0, 0) == 0 ? 0 : 1);
}

/* Lock [0, 1), tell the parent through the pipe, and exit holding it. */
static int
child_locks_and_exits(int wfd)
{
	int fd = open("f", O_RDWR);

	if (lk(fd, F_SETLK, F_WRLCK, 0, 1) != 0)
		return (1);
	return (write(wfd, "x", 1) == 1 ? 0 : 2);
}

static void
test_two_processes(void)
{
	int fd, fd2;

	fs_mkfile("f", "0123456789");
	fd = open("f", O_RDWR);
	CHECK("F_SETLK write lock on [0, 10)", lk(fd, F_SETLK, F_WRLCK, 0,
	    10) == 0);
	CHECK("F_SETLK read lock on [100, 110)", lk(fd, F_SETLK, F_RDLCK, 100,
	    10) == 0);
	CHECK("relocking one's own range is allowed", lk(fd, F_SETLK,
	    F_WRLCK, 2, 3) == 0 && lk(fd, F_SETLK, F_WRLCK, 0, 10) == 0);
	CHECK("another process: EAGAIN on overlap, F_GETLK names the lock, "
	    "disjoint ranges and shared read locks are fine",
	    in_child(child_sees_parent, 0) == 0);
	CHECK("unlocking the middle of a range",
	    lk(fd, F_SETLK, F_UNLCK, 3, 2) == 0 &&
	    in_child(child_after_partial_unlock, 0) == 0);
	fd2 = open("f", O_RDONLY);
	CHECK("closing another descriptor of the file drops the locks",
	    close(fd2) == 0 && in_child(child_locks_all, 0) == 0);
	close(fd);
}

static void
test_exit_and_wait(void)
{
	int fd, p[2];
	char c;

	fs_mkfile("f", "0123456789");	/* test_two_processes's, unlocked */
	fd = open("f", O_RDWR);
	CHECK("a lock goes when its owner exits", pipe(p) == 0 &&
	    in_child(child_locks_and_exits, p[1]) == 0 &&
	    read(p[0], &c, 1) == 1 && lk(fd, F_SETLK, F_WRLCK, 0, 1) == 0);
	CHECK("F_SETLKW on a free range", lk(fd, F_SETLKW, F_WRLCK, 0,
	    0) == 0);
	CHECK("F_UNLCK of the whole file", lk(fd, F_SETLK, F_UNLCK, 0,
	    0) == 0 && in_child(child_locks_all, 0) == 0);
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void
test_errors(void)
{
	int ro, wo;

	fs_mkfile("f", "0123456789");	/* test_two_processes's, unlocked */
	ro = open("f", O_RDONLY);
	wo = open("f", O_WRONLY);
	CHECK("the file opens read-only and write-only", ro >= 0 && wo >= 0);
	ERR("a write lock through a read-only descriptor", EBADF,
	    lk(ro, F_SETLK, F_WRLCK, 0, 1));
	ERR("a read lock through a write-only descriptor", EBADF,
	    lk(wo, F_SETLK, F_RDLCK, 0, 1));
	ERR("a bad lock type", EINVAL, lk(ro, F_SETLK, 7, 0, 1));
	ERR("a negative start", EINVAL, lk(ro, F_SETLK, F_RDLCK, -1, 1));
	ERR("a length reaching before the start", EINVAL,
	    lk(ro, F_SETLK, F_RDLCK, 2, -3));
	ERR("a closed descriptor", EBADF, lk(99, F_SETLK, F_RDLCK, 0, 1));
	CHECK("a negative length locks the bytes before",
	    lk(ro, F_SETLK, F_RDLCK, 5, -5) == 0);
	close(ro);
	close(wo);
}

static void
setup(void)
{
	fs_setup("lockf_test");
}

#define CASES(X) X(two_processes) X(exit_and_wait) X(errors)
TAP_MAIN(CASES, setup, NULL)
