/*
 * fork_cow_test: after fork, private memory is copy-on-write in both
 * directions; MAP_SHARED|MAP_ANONYMOUS memory is shared both ways;
 * MADV_DONTFORK leaves a range out of the child (MADV_DOFORK puts it
 * back); 1000 rounds of write, fork, child write, exit.
 *
 * Parent and child take turns through a flag in shared memory (no pipes),
 * spinning with sched_yield.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "vmtest.h"

#define ROUNDS	1000

/* The parent writes after fork: the child still sees 'a'. */
static void
test_cow_parent_writes(void)
{
	char *p;
	pid_t pid;

	p = anon(4);
	memset(p, 'a', 4 * PG);
	set_turn(0);
	pid = fork();
	if (pid == 0) {
		wait_turn(1);
		_exit(allbytes(p, 'a', 4 * PG) ? 0 : 1);
	}
	memset(p, 'b', 4 * PG);
	set_turn(1);
	tap_check(reap(pid) == 0, "parent writes after fork: the child sees the old bytes");
	tap_check(allbytes(p, 'b', 4 * PG), "the parent sees its own writes");
	munmap(p, 4 * PG);
}

/* The child writes: the parent still sees 'b'. */
static void
test_cow_child_writes(void)
{
	char *p;
	pid_t pid;

	p = anon(4);
	memset(p, 'b', 4 * PG);
	pid = fork();
	if (pid == 0) {
		memset(p, 'c', 4 * PG);
		_exit(allbytes(p, 'c', 4 * PG) ? 0 : 1);
	}
	tap_check(reap(pid) == 0, "the child sees its own writes");
	tap_check(allbytes(p, 'b', 4 * PG), "child writes: the parent sees the old bytes");
	munmap(p, 4 * PG);
}

/* Memory the parent never touched before fork: zero on both sides. */
static void
test_cow_zero_fill(void)
{
	char *p;
	pid_t pid;

	p = anon(2);
	pid = fork();
	if (pid == 0) {
		p[0] = 1;
		_exit(p[0] == 1 && allbytes(p + 1, 0, 2 * PG - 1) ? 0 : 1);
	}
	tap_check(reap(pid) == 0 && allbytes(p, 0, 2 * PG),
	    "untouched memory: zero fill is private to each side");
	munmap(p, 2 * PG);
}

static void
test_shared(void)
{
	char *s;
	pid_t pid;

	s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memset(s, 'x', 2 * PG);
	set_turn(0);
	pid = fork();
	if (pid == 0) {
		if (!allbytes(s, 'x', 2 * PG))
			_exit(1);
		memset(s, 'y', 2 * PG);
		set_turn(1);
		wait_turn(2);
		_exit(allbytes(s, 'z', 2 * PG) ? 0 : 2);
	}
	wait_turn(1);
	tap_check(allbytes(s, 'y', 2 * PG), "shared memory: the parent sees the child's writes");
	memset(s, 'z', 2 * PG);
	set_turn(2);
	tap_check(reap(pid) == 0, "shared memory: the child sees the parent's writes");
	munmap(s, 2 * PG);
}

static void
test_dontfork(void)
{
	char *p;
	pid_t pid;

	p = anon(3);
	memset(p, 'd', 3 * PG);
	tap_check(madvise(p + PG, PG, MADV_DONTFORK) == 0, "MADV_DONTFORK on one page");
	pid = fork();
	if (pid == 0)
		_exit(!mapped(p + PG) && mapped(p) && mapped(p + 2 * PG) ? 0 : 1);
	tap_check(reap(pid) == 0, "the child lacks the DONTFORK page, has the others");
	pid = fork();
	if (pid == 0) {
		p[PG] = 1;
		_exit(0);
	}
	tap_check(reap(pid) == 128 + SIGSEGV, "a child touching it dies of SIGSEGV");
	tap_check(allbytes(p, 'd', 3 * PG), "the parent keeps all three pages");
	tap_check(madvise(p + PG, PG, MADV_DOFORK) == 0, "MADV_DOFORK");
	pid = fork();
	if (pid == 0)
		_exit(allbytes(p, 'd', 3 * PG) ? 0 : 1);
	tap_check(reap(pid) == 0, "after MADV_DOFORK the child has the page");
	munmap(p, 3 * PG);
}

static void
test_rounds(void)
{
	char *p;
	pid_t pid;
	int i, bad = 0;

	p = anon(8);
	for (i = 0; i < ROUNDS; i++) {
		memset(p, i & 0xff, 8 * PG);
		pid = fork();
		if (pid == 0) {
			if (!allbytes(p, i & 0xff, 8 * PG))
				_exit(1);
			memset(p, ~i & 0xff, 8 * PG);
			_exit(0);
		}
		if (pid < 0 || reap(pid) != 0 || !allbytes(p, i & 0xff, 8 * PG))
			bad++;
	}
	tap_check(bad == 0, "1000 rounds of write, fork, child write, exit");
	munmap(p, 8 * PG);
}

/* The shared turn flag (vmtest.h); without it nothing can run. */
static void
setup(void)
{
	if (turn_init() != 0) {
		tap_check(0, "the shared turn flag is mapped");
		exit(tap_done());
	}
}

#define CASES(X)	X(cow_parent_writes) X(cow_child_writes)	\
	X(cow_zero_fill) X(shared) X(dontfork) X(rounds)
TAP_MAIN(CASES, setup, NULL)
