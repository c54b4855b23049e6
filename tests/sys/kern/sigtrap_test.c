/*
 * sigtrap_test: int3 with no handler: killed by SIGTRAP (5; as an ATF
 * case, a forked child: kerntest.h).
 */
#include <signal.h>
#include <stdio.h>

#include "kerntest.h"

static void
exec_int3(void)
{
	printf("executing int3\n");
	fflush(stdout);
	__asm__ volatile("int3");
	printf("int3 returned\n");
}

static void
test_int3__kills_with_sigtrap(void)
{
	kt_dies_by_signal(exec_int3, SIGTRAP,
	    "int3 without a handler kills the process with SIGTRAP");
}

#define CASES(X) X(int3__kills_with_sigtrap)
TAP_MAIN(CASES, NULL, NULL)
