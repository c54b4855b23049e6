/*
 * sigill_test: ud2 with no handler: killed by SIGILL (utest.list: signal
 * 4; as an ATF case, a forked child: kerntest.h).
 */
#include <signal.h>
#include <stdio.h>

#include "kerntest.h"

static void
exec_ud2(void)
{
	printf("executing ud2\n");
	fflush(stdout);
	__asm__ volatile("ud2");
	printf("ud2 returned\n");
}

static void
test_ud2__kills_with_sigill(void)
{
	kt_dies_by_signal(exec_ud2, SIGILL,
	    "ud2 without a handler kills the process with SIGILL");
}

#define CASES(X) X(ud2__kills_with_sigill)
TAP_MAIN(CASES, NULL, NULL)
