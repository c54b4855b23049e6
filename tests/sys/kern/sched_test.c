/*
 * sched_test: CPU affinity, getcpu, prctl names.  sched_getaffinity
 * gives a mask holding the CPU getcpu names, and a too small size is
 * EINVAL; sched_setaffinity takes that mask back and refuses an empty
 * one; an unknown pid is ESRCH.  PR_SET_NAME cuts a long name to 15
 * bytes and PR_GET_NAME reads it back; an unknown option is EINVAL.
 */
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static void
test_sched_getaffinity__mask_and_size(void)
{
	cpu_set_t set;
	unsigned long small;
	long r;

	CPU_ZERO(&set);
	TAP_CHECK(sched_getaffinity(0, sizeof(set), &set) == 0);
	TAP_CHECK(CPU_COUNT(&set) >= 1);
	r = syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	TAP_CHECK(r >= 8 && r <= (long)sizeof(set) && r % 8 == 0);
	TAP_ERRNO("sched_getaffinity size 4", EINVAL,
	    syscall(SYS_sched_getaffinity, 0, 4, &small));
}

static void
test_getcpu__cpu_in_affinity_mask(void)
{
	cpu_set_t set;
	unsigned int cpu = 99, node = 99;

	CPU_ZERO(&set);
	TAP_CHECK(sched_getaffinity(0, sizeof(set), &set) == 0);
	TAP_CHECK(syscall(SYS_getcpu, &cpu, &node, NULL) == 0);
	TAP_CHECK(cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set));
	TAP_CHECK(sched_getcpu() >= 0);
}

static void
test_sched_setaffinity__own_mask_not_empty(void)
{
	cpu_set_t set, empty;

	CPU_ZERO(&set);
	TAP_CHECK(sched_getaffinity(0, sizeof(set), &set) == 0);
	TAP_CHECK(sched_setaffinity(0, sizeof(set), &set) == 0);
	CPU_ZERO(&empty);
	TAP_ERRNO("sched_setaffinity empty", EINVAL,
	    sched_setaffinity(0, sizeof(empty), &empty));
}

static void
test_sched_getaffinity__gone_pid_esrch(void)
{
	cpu_set_t set;
	pid_t gone;

	gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	TAP_ERRNO("sched_getaffinity gone", ESRCH,
	    sched_getaffinity(gone, sizeof(set), &set));
}

static void
test_prctl__name_cut_and_read_back(void)
{
	char name[16];

	TAP_CHECK(prctl(PR_SET_NAME, "a-rather-long-thread-name", 0, 0,
	    0) == 0);
	memset(name, 'x', sizeof(name));
	TAP_CHECK(prctl(PR_GET_NAME, name, 0, 0, 0) == 0);
	TAP_CHECK(strcmp(name, "a-rather-long-t") == 0);
	TAP_CHECK(prctl(PR_SET_NAME, "short", 0, 0, 0) == 0);
	TAP_CHECK(prctl(PR_GET_NAME, name, 0, 0, 0) == 0 &&
	    strcmp(name, "short") == 0);
}

static void
test_prctl__unknown_option_einval(void)
{
	TAP_ERRNO("prctl unknown", EINVAL, prctl(12345, 0, 0, 0, 0));
}

#define CASES(X) X(sched_getaffinity__mask_and_size) \
	X(getcpu__cpu_in_affinity_mask) \
	X(sched_setaffinity__own_mask_not_empty) \
	X(sched_getaffinity__gone_pid_esrch) \
	X(prctl__name_cut_and_read_back) X(prctl__unknown_option_einval)
TAP_MAIN(CASES, NULL, NULL)
