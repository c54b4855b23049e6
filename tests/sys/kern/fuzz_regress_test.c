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
#include <sys/utsname.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

#define CASES(X) X(mlock__huge_mapping) X(poll_select__huge_nfds) \
	X(madvise__willneed_everything)
TAP_MAIN(CASES, NULL, NULL)
