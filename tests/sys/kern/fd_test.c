/*
 * fd_test: the descriptor and file system calls that need no file
 * system, so the guest checks their Linux translation before it has a
 * root: dup, dup2, dup3 and fcntl on the standard descriptors (the
 * console in Umbra, files on the host), fstat, umask, sync, and the
 * errors every call gives before it looks a path up (EFAULT for a bad
 * path, ENAMETOOLONG, EINVAL for bad flags, EBADF).  Paths that would
 * be looked up name nothing that exists, so the answer is ENOENT on both
 * sides.  The file system itself is tested by tests/sys/fs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

#define BAD	((void *)8)
#define NOSUCH	"/nonexistent-umbra-fd-test"

#define ERR(what, want, call)	TAP_ERRNO(what, want, call)
#define CHECK(what, cond)	tap_check((cond) != 0, what)

/* Descriptors the runner may have left open would skew the counts. */
static void
setup(void)
{
	int fd;

	for (fd = 3; fd < 64; fd++)
		(void)close(fd);
}

static void
test_dup__lowest_free_descriptor(void)
{
	int fd;

	fd = dup(1);
	CHECK("dup(1) is the lowest free descriptor, 3", fd == 3);
	CHECK("... writes reach the same file",
	    write(fd, "# written through the dup\n", 26) == 26);
	CHECK("... FD_CLOEXEC clear", fcntl(fd, F_GETFD) == 0);
	CHECK("F_SETFD FD_CLOEXEC", fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 &&
	    fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK("close", close(fd) == 0);
}

static void
test_fcntl__dupfd_at_or_above(void)
{
	CHECK("F_DUPFD 10", fcntl(1, F_DUPFD, 10) == 10 &&
	    fcntl(10, F_GETFD) == 0);
	CHECK("F_DUPFD_CLOEXEC 10 gives 11 with FD_CLOEXEC",
	    fcntl(1, F_DUPFD_CLOEXEC, 10) == 11 &&
	    fcntl(11, F_GETFD) == FD_CLOEXEC);
	CHECK("close", close(10) == 0 && close(11) == 0);
}

static void
test_dup2_dup3__onto_chosen_descriptor(void)
{
	CHECK("dup(1) is 3", dup(1) == 3);
	CHECK("dup2(1, 20)", dup2(1, 20) == 20 && fcntl(20, F_GETFD) == 0);
	CHECK("dup2(20, 20) is 20", dup2(20, 20) == 20);
	CHECK("dup2 over an open descriptor", dup2(3, 20) == 20 &&
	    fcntl(20, F_GETFD) == 0);
	CHECK("dup3 O_CLOEXEC", dup3(1, 21, O_CLOEXEC) == 21 &&
	    fcntl(21, F_GETFD) == FD_CLOEXEC);
	CHECK("close", close(20) == 0 && close(21) == 0 && close(3) == 0);
}

static void
test_fcntl__status_flags_shared_by_dups(void)
{
	int fl;

	CHECK("dup2(1, 20)", dup2(1, 20) == 20);
	fl = fcntl(1, F_GETFL);
	CHECK("F_GETFL shows O_LARGEFILE (x86-64)",
	    fl != -1 && (fl & 0100000) != 0);
	CHECK("F_SETFL O_APPEND through a dup shows on fd 1",
	    fcntl(20, F_SETFL, fl | O_APPEND) == 0 &&
	    (fcntl(1, F_GETFL) & O_APPEND) != 0);
	CHECK("F_SETFL back", fcntl(20, F_SETFL, fl) == 0 &&
	    fcntl(1, F_GETFL) == fl);
	CHECK("close", close(20) == 0);
}

static void
test_descriptors__ebadf_einval(void)
{
	struct rlimit rl;

	ERR("close of a closed fd", EBADF, close(20));
	ERR("close(-1)", EBADF, close(-1));
	ERR("dup(-1)", EBADF, dup(-1));
	ERR("dup of a closed fd", EBADF, dup(30));
	ERR("dup2 of a closed fd", EBADF, dup2(30, 31));
	ERR("dup2 onto -1", EBADF, dup2(1, -1));
	ERR("dup3(1, 1)", EINVAL, dup3(1, 1, 0));
	ERR("dup3 with O_NONBLOCK", EINVAL, dup3(1, 22, O_NONBLOCK));
	ERR("fcntl F_GETFD of a closed fd", EBADF, fcntl(30, F_GETFD));
	ERR("fcntl with an unknown command", EINVAL, fcntl(1, 9999));
	ERR("F_DUPFD at -1", EINVAL, fcntl(1, F_DUPFD, -1));
	getrlimit(RLIMIT_NOFILE, &rl);
	ERR("F_DUPFD at RLIMIT_NOFILE", EINVAL,
	    fcntl(1, F_DUPFD, (int)rl.rlim_cur));
}

/*
 * setrlimit (the old call, 160: glibc uses prlimit64) lowers
 * RLIMIT_NOFILE: a descriptor at or past it is EMFILE (dup) or EINVAL
 * (F_DUPFD), and getrlimit reads it back.  Bad arguments: EINVAL for
 * soft above hard or an unknown resource, EFAULT for a bad pointer.
 */
static void
test_setrlimit__nofile(void)
{
	struct rlimit old, rl;
	int fd, ok = 1, i;

	CHECK("getrlimit (97) RLIMIT_NOFILE",
	    syscall(SYS_getrlimit, RLIMIT_NOFILE, &old) == 0);
	rl.rlim_cur = 8;
	rl.rlim_max = old.rlim_max;
	CHECK("setrlimit (160) RLIMIT_NOFILE to 8",
	    syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl) == 0);
	CHECK("... getrlimit reads 8 back",
	    syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur == 8 && rl.rlim_max == old.rlim_max);
	for (i = 3; i < 8; i++)
		if (fcntl(1, F_DUPFD, i) < 0)
			ok = 0;
	CHECK("descriptors 3 to 7 can be had", ok);
	ERR("dup with 0 to 7 taken", EMFILE, dup(1));
	ERR("F_DUPFD at 8", EINVAL, fcntl(1, F_DUPFD, 8));
	for (i = 3; i < 8; i++)
		close(i);
	CHECK("setrlimit back", syscall(SYS_setrlimit, RLIMIT_NOFILE,
	    &old) == 0);
	fd = dup(1);
	CHECK("dup works again", fd >= 0);
	close(fd);
	rl.rlim_cur = old.rlim_max;
	rl.rlim_max = old.rlim_max - 1;
	ERR("setrlimit with soft above hard", EINVAL,
	    syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl));
	ERR("setrlimit of resource 99", EINVAL,
	    syscall(SYS_setrlimit, 99, &old));
	ERR("setrlimit from a bad pointer", EFAULT,
	    syscall(SYS_setrlimit, RLIMIT_NOFILE, (void *)8));
}

static void
test_fstat__stdout_and_errors(void)
{
	struct stat sb;

	CHECK("fstat(1)", fstat(1, &sb) == 0);
	ERR("fstat into a bad buffer", EFAULT, syscall(SYS_fstat, 1, BAD));
	ERR("fstat of a closed fd", EBADF, fstat(30, &sb));
}

static void
test_umask_sync__return(void)
{
	mode_t old;

	old = umask(077);
	CHECK("umask returns the old mask, then the new one",
	    umask(old) == 077);
	sync();
	tap_check(1, "sync returns");
}

static void
test_path__bad_pointer_efault(void)
{
	struct stat sb;

	ERR("open of a bad path", EFAULT, syscall(SYS_open, BAD, O_RDONLY, 0));
	ERR("stat of a bad path", EFAULT, syscall(SYS_stat, BAD, &sb));
	ERR("mkdir of a bad path", EFAULT, syscall(SYS_mkdir, BAD, 0755));
	ERR("unlink of a bad path", EFAULT, syscall(SYS_unlink, BAD));
	ERR("chdir to a bad path", EFAULT, syscall(SYS_chdir, BAD));
	ERR("access of a bad path", EFAULT, syscall(SYS_access, BAD, 0));
}

static void
test_path__too_long_or_missing(void)
{
	static char longpath[5000];
	struct stat sb;

	memset(longpath, 'a', sizeof(longpath) - 1);
	ERR("open of a 5000-byte path", ENAMETOOLONG,
	    open(longpath, O_RDONLY));
	ERR("open of a missing file", ENOENT, open(NOSUCH, O_RDONLY));
	ERR("stat of a missing file", ENOENT, stat(NOSUCH, &sb));
	ERR("open of \"\"", ENOENT, open("", O_RDONLY));
}

static void
test_path_calls__bad_flags_einval(void)
{
	struct timespec ts[2];
	struct statx sx;

	ERR("unlinkat with a bad flag", EINVAL,
	    unlinkat(AT_FDCWD, NOSUCH, 0x1));
	ERR("linkat with a bad flag", EINVAL,
	    linkat(AT_FDCWD, NOSUCH, AT_FDCWD, NOSUCH "2", 0x1));
	ERR("renameat2 with a bad flag", EINVAL,
	    syscall(SYS_renameat2, AT_FDCWD, NOSUCH, AT_FDCWD, NOSUCH, 0x8));
	ERR("faccessat2 with a bad flag", EINVAL,
	    syscall(439, AT_FDCWD, NOSUCH, 0, 0x1));
	ERR("statx with both sync flags", EINVAL,
	    statx(AT_FDCWD, NOSUCH, 0x6000, STATX_BASIC_STATS, &sx));
	ts[0].tv_sec = ts[1].tv_sec = 0;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	ERR("utimensat with a bad flag", EINVAL,
	    utimensat(AT_FDCWD, NOSUCH, ts, 0x1));
	ERR("umount2 with a bad flag", EINVAL,
	    syscall(SYS_umount2, NOSUCH, 0x100));
}

static void
test_getdents64__not_a_directory(void)
{
	static char buf[4096];

	ERR("getdents64 of a non-directory", ENOTDIR,
	    syscall(SYS_getdents64, 0, buf, 4096));
}

#define CASES(X) X(dup__lowest_free_descriptor) X(fcntl__dupfd_at_or_above) \
	X(dup2_dup3__onto_chosen_descriptor) \
	X(fcntl__status_flags_shared_by_dups) X(descriptors__ebadf_einval) \
	X(fstat__stdout_and_errors) X(umask_sync__return) \
	X(path__bad_pointer_efault) X(path__too_long_or_missing) \
	X(path_calls__bad_flags_einval) X(getdents64__not_a_directory) \
	X(setrlimit__nofile)
TAP_MAIN(CASES, setup, NULL)
