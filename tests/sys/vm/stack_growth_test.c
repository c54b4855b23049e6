/*
 * stack_growth_test: the main thread's stack grows on demand: a
 * recursion that uses 4 MiB of stack (Linux's default limit is 8 MiB)
 * runs and unwinds with its frames intact.
 */
#include <string.h>

#include "tap.h"

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

int
main(void)
{
	tap_check(recurse(DEPTH) == 0, "4 MiB of stack frames, intact");
	return (tap_done());
}
