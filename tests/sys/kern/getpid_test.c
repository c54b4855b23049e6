/* getpid_test: process and thread ids. */
#include <unistd.h>
#include <sys/syscall.h>

#include "tap.h"

static void
test_getpid__differs_from_parent(void)
{
	pid_t pid = getpid();

	TAP_CHECK(pid > 0);
	TAP_CHECK(getppid() >= 0 && getppid() != pid);
}

static void
test_gettid__main_thread_is_pid(void)
{
	TAP_CHECK(syscall(SYS_gettid) == getpid());
}

static void
test_ids__real_equal_effective(void)
{
	TAP_CHECK(getuid() == geteuid() && getgid() == getegid());
}

#define CASES(X) X(getpid__differs_from_parent) \
	X(gettid__main_thread_is_pid) X(ids__real_equal_effective)
TAP_MAIN(CASES, NULL, NULL)
