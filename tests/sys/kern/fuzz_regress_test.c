/*
 * fuzz_regress_test: what syscall_fuzz_test found, one deterministic
 * case a bug.  Some cases would hurt a Linux host as root (they exhaust
 * memory, where Linux's OOM killer steps in): those run only on Umbra.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static int
on_umbra(void)
{
	struct utsname u;

	return (uname(&u) == 0 && strstr(u.version, "Umbra") != NULL);
}

static int
skip_unless_umbra(const char *what)
{
	if (on_umbra())
		return (0);
#ifdef TAP_ATF
	atf_tc_skip("%s would exhaust the host's memory; run in Umbra", what);
#else
	printf("ok %d - %s # SKIP would exhaust the host's memory\n", ++tap_n,
	    what);
#endif
	return (1);
}

/*
 * Run fn in a child (at most secs seconds: then SIGKILL); its wait
 * status, -1 if it had to be killed.
 */
static int
run_child(int (*fn)(void), int secs)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	pid_t pid;
	int i, status;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(fn());
	for (i = 0; i < secs * 50; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return (status);
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	printf("# the child was still running after %d s\n", secs);
	return (-1);
}

#define HUGE_MAP	(64ul << 30)	/* far more than the guest's memory */

static int
mlockall_huge(void)
{
	void *p;
	int i, r;

	p = mmap(NULL, HUGE_MAP, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return (2);
	errno = 0;
	r = mlockall(MCL_CURRENT);
	printf("# mlockall: %d, errno %d\n", r, errno);
	fflush(stdout);
	if (r != -1 || (errno != ENOMEM && errno != EAGAIN))
		return (1);
	/*
	 * Memory is taken; the kernel's own allocations still succeed
	 * (namei, pipes): its reserve is not for user memory.
	 */
	for (i = 0; i < 64; i++) {
		struct stat st;
		int fd, pfd[2];

		fd = open("/", O_RDONLY | O_DIRECTORY);
		if (fd >= 0)
			close(fd);
		(void)stat("/nonexistent/path", &st);
		if (pipe(pfd) == 0) {
			close(pfd[0]);
			close(pfd[1]);
		}
	}
	return (0);
}

static int
mlock_huge(void)
{
	void *p;
	int r;

	p = mmap(NULL, HUGE_MAP, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return (2);
	errno = 0;
	r = mlock(p, HUGE_MAP);
	printf("# mlock: %d, errno %d\n", r, errno);
	fflush(stdout);
	return (r == -1 && (errno == ENOMEM || errno == EAGAIN) ? 0 : 1);
}

/* Memory is back, the kernel still forks. */
static int
small_child(void)
{
	char *p = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return (1);
	memset(p, 1, 8 << 20);
	return (0);
}

/*
 * mlockall(MCL_CURRENT) and mlock over a mapping far larger than memory
 * (syscall_fuzz_test): the call fails (ENOMEM; Linux's OOM killer would
 * kill the process instead) in reasonable time rather than faulting in
 * the whole range, and the memory is back once the process is gone.
 */
static void
test_mlock__huge_mapping(void)
{
	int st;

	if (skip_unless_umbra("mlock of 64 GiB"))
		return;
	st = run_child(mlockall_huge, 60);
	tap_check(st != -1 && ((WIFEXITED(st) && WEXITSTATUS(st) == 0) ||
	    (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)),
	    "mlockall(MCL_CURRENT) of 64 GiB: ENOMEM or killed");
	st = run_child(mlock_huge, 60);
	tap_check(st != -1 && ((WIFEXITED(st) && WEXITSTATUS(st) == 0) ||
	    (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)),
	    "mlock of 64 GiB: ENOMEM or killed");
	st = run_child(small_child, 60);
	tap_check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "8 MiB touched afterwards");
}

/*
 * poll and select with a huge nfds once RLIMIT_NOFILE was raised
 * (syscall_fuzz_test: poll(p, 0x83d2b692, ...) panicked in malloc):
 * RLIMIT_NOFILE stops at fs.nr_open (2^20, EPERM above), poll's nfds
 * above the limit is EINVAL, and select looks no further than the
 * descriptor table.
 */
static void
test_poll_select__huge_nfds(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY }, old;
	struct timeval tv = { 0, 0 };
	struct pollfd pfd = { -1, POLLIN, 0 };

	TAP_CHECK(getrlimit(RLIMIT_NOFILE, &old) == 0);
	TAP_ERRNO("setrlimit(RLIMIT_NOFILE, infinity)", EPERM,
	    setrlimit(RLIMIT_NOFILE, &rl));
	/* As high as it goes (a container's root may not raise it). */
	rl.rlim_cur = rl.rlim_max = 1 << 20;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
		rl.rlim_cur = rl.rlim_max = old.rlim_max;
		TAP_CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	}
	TAP_ERRNO("poll(p, 0x83d2b692, 0)", EINVAL,
	    poll(&pfd, 0x83d2b692u, 0));
	TAP_ERRNO("poll(p, 2^20 + 1, 0)", EINVAL,
	    poll(&pfd, (1 << 20) + 1, 0));
	TAP_CHECK(poll(&pfd, 1, 0) == 0 && pfd.revents == 0);
	TAP_CHECK(select(0x7fffffff, NULL, NULL, NULL, &tv) == 0);
	TAP_CHECK(setrlimit(RLIMIT_NOFILE, &old) == 0);
}

/*
 * madvise(MADV_WILLNEED) over all of user space (syscall_fuzz_test: it
 * faulted page after page, 2^35 of them): ENOMEM for the holes, at once.
 */
static void
test_madvise__willneed_everything(void)
{
	struct timespec t0, t1;
	char *p;

	p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TAP_CHECK(p != MAP_FAILED);
	p[0] = 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	TAP_ERRNO("madvise(0, 0x7ffffefef000, MADV_WILLNEED)", ENOMEM,
	    madvise(NULL, 0x7ffffefef000ul, MADV_WILLNEED));
	TAP_ERRNO("madvise(4096, 2^46, MADV_WILLNEED)", ENOMEM,
	    madvise((void *)4096, 1ul << 46, MADV_WILLNEED));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	TAP_CHECK(t1.tv_sec - t0.tv_sec < 10);
	TAP_CHECK(madvise(p, 1 << 20, MADV_WILLNEED) == 0 && p[0] == 1);
	munmap(p, 1 << 20);
}

/*
 * pwrite of 2^40 bytes from a bad or a short buffer, on a disk file
 * (/var/tmp: the root's ext2 in Umbra; syscall_fuzz_test: the write
 * allocated blocks for all of it first, filled the disk, and left the
 * file 2^40 long): EFAULT and the file unchanged, or a short count of
 * what the buffer held.
 */
static void
test_pwrite__huge_bad_buffer(void)
{
	char path[] = "/var/tmp/fuzz_regress.XXXXXX";
	struct stat st;
	char *buf;
	ssize_t n;
	int fd;

	fd = mkstemp(path);
	TAP_CHECK(fd >= 0);
	if (fd < 0)
		return;
	unlink(path);
	TAP_CHECK(write(fd, "abc", 3) == 3);
	TAP_ERRNO("pwrite(fd, 5, 2^40, 0)", EFAULT,
	    pwrite(fd, (void *)5, 1ul << 40, 0));
	TAP_ERRNO("pwrite(fd, 5, 2^40, 8192)", EFAULT,
	    pwrite(fd, (void *)5, 1ul << 40, 8192));
	/*
	 * Linux (ext4 and others) may keep a size from the failed write's
	 * offset; the point: not 2^40, and no disk taken.
	 */
	TAP_CHECK(fstat(fd, &st) == 0 && st.st_size <= 8192 + 4096 &&
	    st.st_blocks * 512 < (1 << 20));
	printf("# size after: %jd, %jd blocks\n", (intmax_t)st.st_size,
	    (intmax_t)st.st_blocks);
	/* 64 KiB readable, then a hole in the address space. */
	buf = mmap(NULL, 128 << 10, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TAP_CHECK(buf != MAP_FAILED);
	munmap(buf + (64 << 10), 64 << 10);
	memset(buf, 'x', 64 << 10);
	n = pwrite(fd, buf, 1ul << 40, 0);
	printf("# pwrite from 64 KiB then a hole: %zd (%s)\n", n,
	    n < 0 ? strerror(errno) : "");
	/* What the buffer held, or EFAULT (Linux, depending on the fs). */
	TAP_CHECK(n == 64 << 10 || (n == -1 && errno == EFAULT));
	TAP_CHECK(fstat(fd, &st) == 0 && st.st_size <= 64 << 10 &&
	    st.st_blocks * 512 < (1 << 20));
	printf("# size after: %jd, %jd blocks\n", (intmax_t)st.st_size,
	    (intmax_t)st.st_blocks);
	close(fd);
	munmap(buf, 64 << 10);
}

/*
 * ftruncate and pwrite past the largest file of an ext2/3/4 file system
 * (syscall_fuzz_test: sizes of 2^47 and more went in, e2fsck "i_size is
 * ..., should be ..."): EFBIG.  Only where /var/tmp is ext2/3/4 (their
 * magic is one), whose largest file is 16 TiB at most.
 */
static void
test_ftruncate__past_ext2_max(void)
{
	char path[] = "/var/tmp/fuzz_regress.XXXXXX";
	struct statfs sf;
	struct stat st;
	int fd;

	fd = mkstemp(path);
	TAP_CHECK(fd >= 0);
	if (fd < 0)
		return;
	unlink(path);
	if (fstatfs(fd, &sf) != 0 || sf.f_type != 0xef53) {
		tap_check(1, "/var/tmp is not ext2/3/4: nothing to check");
		close(fd);
		return;
	}
	TAP_ERRNO("ftruncate(fd, 2^47)", EFBIG, ftruncate(fd, 1l << 47));
	TAP_ERRNO("pwrite(fd, \"x\", 1, 2^47)", EFBIG,
	    pwrite(fd, "x", 1, 1l << 47));
	TAP_CHECK(fstat(fd, &st) == 0 && st.st_size == 0);
	TAP_CHECK(ftruncate(fd, 1l << 30) == 0);
	TAP_CHECK(pwrite(fd, "x", 1, 1l << 31) == 1);
	close(fd);
}

#define CASES(X) X(mlock__huge_mapping) X(poll_select__huge_nfds) \
	X(madvise__willneed_everything) X(pwrite__huge_bad_buffer) \
	X(ftruncate__past_ext2_max)
TAP_MAIN(CASES, NULL, NULL)
