/*
 * segv_null_test: a NULL dereference kills the program with SIGSEGV; the
 * runner expects it to die by signal 11 (utest.list); as an ATF case, a
 * forked child must die so (kerntest.h).
 */
#include <signal.h>
#include <stdio.h>

#include "kerntest.h"

static void
write_null(void)
{
	volatile int *p = NULL;

	printf("dereferencing NULL\n");
	fflush(stdout);
	*p = 1;
	printf("still alive: the write did not fault\n");
}

static void
test_null_write__kills_with_sigsegv(void)
{
	kt_dies_by_signal(write_null, SIGSEGV,
	    "a write through NULL kills the process with SIGSEGV");
}

#define CASES(X) X(null_write__kills_with_sigsegv)
TAP_MAIN(CASES, NULL, NULL)
