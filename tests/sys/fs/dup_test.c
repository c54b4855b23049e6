/*
 * dup_test: dup, dup2, dup3 and fcntl's descriptor commands: a duplicate
 * shares the open file (its offset and status flags) but not the
 * close-on-exec flag; dup2 closes what newfd was; dup3 refuses
 * oldfd == newfd and flags other than O_CLOEXEC; F_DUPFD takes the
 * lowest free descriptor at or above its argument; F_GETFL/F_SETFL see
 * and change O_APPEND and O_NONBLOCK but not the access mode; a
 * close-on-exec descriptor is gone in an exec'd program.
 */
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "fstest.h"

static void
test_dup(void)
{
	char buf[8];
	int fd, fd2;

	fs_mkfile("f", "abcdef");
	fd = open("f", O_RDONLY);
	fd2 = dup(fd);
	CHECK("dup returns a new descriptor", fd2 >= 0 && fd2 != fd);
	CHECK("... the lowest free one", fd2 == fd + 1);
	CHECK("the offset is shared", read(fd, buf, 2) == 2 &&
	    lseek(fd2, 0, SEEK_CUR) == 2 && read(fd2, buf, 2) == 2 &&
	    memcmp(buf, "cd", 2) == 0 && lseek(fd, 0, SEEK_CUR) == 4);
	CHECK("closing one leaves the other working", close(fd) == 0 &&
	    read(fd2, buf, 2) == 2 && memcmp(buf, "ef", 2) == 0);
	CHECK("dup fills the lowest hole", dup(fd2) == fd);
	close(fd);
	close(fd2);
	ERR("dup of a closed fd", EBADF, dup(fd2));
	ERR("dup of -1", EBADF, dup(-1));
}

static void
test_dup2_dup3(void)
{
	char buf[8];
	int fd, other;

	fs_mkfile("g", "0123");
	fs_mkfile("h", "wxyz");
	fd = open("g", O_RDONLY);
	other = open("h", O_RDONLY);
	CHECK("dup2 onto an open descriptor", dup2(fd, other) == other);
	CHECK("... closes what it was: now reads g",
	    pread(other, buf, 4, 0) == 4 && memcmp(buf, "0123", 4) == 0);
	CHECK("dup2 onto a high free descriptor", dup2(fd, 100) == 100 &&
	    fcntl(100, F_GETFD) == 0);
	close(100);
	CHECK("dup2(fd, fd) returns fd", dup2(fd, fd) == fd);
	ERR("dup2(bad, bad)", EBADF, dup2(99, 99));
	ERR("dup2 of a closed fd", EBADF, dup2(99, fd));
	ERR("dup2 onto a negative fd", EBADF, dup2(fd, -1));
	ERR("dup2 onto RLIMIT_NOFILE", EBADF, dup2(fd, 1 << 20));
	CHECK("dup3 O_CLOEXEC sets FD_CLOEXEC",
	    dup3(fd, 50, O_CLOEXEC) == 50 && fcntl(50, F_GETFD) == FD_CLOEXEC);
	CHECK("dup3 without it clears it", dup3(fd, 50, 0) == 50 &&
	    fcntl(50, F_GETFD) == 0);
	close(50);
	ERR("dup3(fd, fd)", EINVAL, dup3(fd, fd, 0));
	ERR("dup3 with O_NONBLOCK", EINVAL, dup3(fd, 51, O_NONBLOCK));
	ERR("dup3 of a closed fd", EBADF, dup3(99, 51, 0));
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	CHECK("a dup never inherits FD_CLOEXEC", dup(fd) >= 0 &&
	    fcntl(dup(fd), F_GETFD) == 0 && dup2(fd, 60) == 60 &&
	    fcntl(60, F_GETFD) == 0);
	close(fd);
	close(other);
}

static void
test_fcntl(void)
{
	struct rlimit rl;
	char buf[16];
	int fd, nfd, fl;

	fs_mkfile("a", "abc");
	fd = open("a", O_WRONLY);
	CHECK("F_DUPFD 20 returns 20", fcntl(fd, F_DUPFD, 20) == 20);
	CHECK("F_DUPFD 20 again returns 21", fcntl(fd, F_DUPFD, 20) == 21);
	CHECK("... without FD_CLOEXEC", fcntl(21, F_GETFD) == 0);
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 20);
	CHECK("F_DUPFD_CLOEXEC 20 returns 22, FD_CLOEXEC set",
	    nfd == 22 && fcntl(22, F_GETFD) == FD_CLOEXEC);
	close(20);
	close(21);
	close(22);
	getrlimit(RLIMIT_NOFILE, &rl);
	ERR("F_DUPFD at RLIMIT_NOFILE", EINVAL,
	    fcntl(fd, F_DUPFD, (int)rl.rlim_cur));
	ERR("F_DUPFD at -1", EINVAL, fcntl(fd, F_DUPFD, -1));

	CHECK("F_GETFD of a new descriptor is 0", fcntl(fd, F_GETFD) == 0);
	CHECK("F_SETFD FD_CLOEXEC", fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 &&
	    fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK("F_SETFD ignores other bits", fcntl(fd, F_SETFD, 2) == 0 &&
	    fcntl(fd, F_GETFD) == 0);

	fl = fcntl(fd, F_GETFL);
	CHECK("F_GETFL: O_WRONLY, no O_APPEND",
	    (fl & O_ACCMODE) == O_WRONLY && (fl & O_APPEND) == 0);
	CHECK("F_SETFL O_APPEND", fcntl(fd, F_SETFL, fl | O_APPEND) == 0 &&
	    (fcntl(fd, F_GETFL) & O_APPEND) != 0);
	CHECK("... writes now append", write(fd, "d", 1) == 1 &&
	    fs_readfile("a", buf, sizeof(buf)) == 4 && strcmp(buf, "abcd") == 0);
	nfd = dup(fd);
	CHECK("... a dup shares the status flags",
	    (fcntl(nfd, F_GETFL) & O_APPEND) != 0);
	close(nfd);
	CHECK("F_SETFL O_NONBLOCK, the access mode kept",
	    fcntl(fd, F_SETFL, O_RDWR | O_NONBLOCK) == 0 &&
	    (fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK | O_APPEND)) ==
	    (O_WRONLY | O_NONBLOCK));
	CHECK("F_SETFL 0 clears them", fcntl(fd, F_SETFL, 0) == 0 &&
	    (fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK | O_APPEND)) ==
	    O_WRONLY);
	ERR("an unknown fcntl command", EINVAL, fcntl(fd, 12345, 0));
	close(fd);
	ERR("F_GETFD on a closed fd", EBADF, fcntl(fd, F_GETFD));
	ERR("F_GETFL on a closed fd", EBADF, fcntl(fd, F_GETFL));
	ERR("F_DUPFD on a closed fd", EBADF, fcntl(fd, F_DUPFD, 0));
}

/* exec /proc/self/exe "child FD": status 0 when FD is closed there. */
static int
child_fd_closed(int fd)
{
	char arg[16];
	pid_t pid;
	int st;

	snprintf(arg, sizeof(arg), "%d", fd);
	pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "dup_test", "child", arg, (char *)NULL);
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return (-1);
	return (WEXITSTATUS(st));
}

static void
test_cloexec_exec(void)
{
	int fd, r;

	fs_mkfile("a", "abc");	/* test_fcntl's, in one process */
	fd = open("a", O_RDONLY | O_CLOEXEC);
	CHECK("open O_CLOEXEC", fd >= 0);
	r = child_fd_closed(fd);
	if (r == 99) {
		/* No /proc: the exec half is not testable here. */
		close(fd);
		fs_skip(2, "exec of /proc/self/exe");
		return;
	}
	CHECK("an O_CLOEXEC descriptor is closed in the exec'd program",
	    r == 0);
	fcntl(fd, F_SETFD, 0);
	CHECK("after F_SETFD 0 it stays open across exec",
	    child_fd_closed(fd) == 1);
	close(fd);
}

/* "dup_test child FD", exec'd by child_fd_closed: 0 when FD is closed. */
static int
args(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return (fcntl(atoi(argv[2]), F_GETFD) == -1 && errno == EBADF ?
		    0 : 1);
	return (-1);
}

static void
setup(void)
{
	fs_setup("dup_test");
}

#define CASES(X) X(dup) X(dup2_dup3) X(fcntl) X(cloexec_exec)
TAP_MAIN(CASES, setup, args)
