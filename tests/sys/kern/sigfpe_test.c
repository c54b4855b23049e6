/*
 * sigfpe_test: an integer division by zero with no handler: SIGFPE (8;
 * as an ATF case, a forked child: kerntest.h).
 */
#include <signal.h>
#include <stdio.h>

#include "kerntest.h"

static void
divide_by_zero(void)
{
	volatile int a = 1, b = 0;

	printf("dividing by zero\n");
	fflush(stdout);
	a = a / b;
	printf("division returned %d\n", a);
}

static void
test_int_divide_by_zero__kills_with_sigfpe(void)
{
	kt_dies_by_signal(divide_by_zero, SIGFPE,
	    "an integer division by zero kills the process with SIGFPE");
}

#define CASES(X) X(int_divide_by_zero__kills_with_sigfpe)
TAP_MAIN(CASES, NULL, NULL)
