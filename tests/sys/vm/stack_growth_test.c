/*
 * stack_growth_test: the main thread's stack grows on demand: a
 * recursion that uses 4 MiB of stack (Linux's default limit is 8 MiB)
 * runs and unwinds with its frames intact; so does the same recursion
 * in a forked child (its own copy of the stack grows).
 */
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "vmtest.h"

#define FRAME	4096
#define DEPTH	1024		/* 4 MiB of frames */

static int
recurse(int n)
{
	volatile char frame[FRAME];
	int r;

	memset((char *)frame, n & 0xff, sizeof(frame));
	r = n == 0 ? 0 : recurse(n - 1);
	/* Each frame still holds its own bytes on the way back up. */
	if (frame[0] != (char)(n & 0xff) || frame[FRAME - 1] !=
	    (char)(n & 0xff))
		r++;
	return (r);
}

static void
test_recursion(void)
{
	tap_check(recurse(DEPTH) == 0, "4 MiB of stack frames, intact");
}

static void
test_child_recursion(void)
{
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(recurse(DEPTH) == 0 ? 0 : 1);
	tap_check(pid > 0 && reap(pid) == 0,
	    "4 MiB of stack frames in a forked child, intact");
}

#define CASES(X) X(recursion) X(child_recursion)
TAP_MAIN(CASES, NULL, NULL)
