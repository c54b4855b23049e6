/*
 * exit_status_test: exit(3) must reach the parent as exit status 3 (the
 * runner's expectation in utest.list; as an ATF case, a forked child's
 * wait status: kerntest.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "kerntest.h"

static void
exit3(void)
{
	printf("exiting with status 3\n");
	exit(3);
}

static void
test_exit__status_reaches_parent(void)
{
	kt_exits_with(exit3, 3, "exit(3) reaches the parent as status 3");
}

#define CASES(X) X(exit__status_reaches_parent)
TAP_MAIN(CASES, NULL, NULL)
