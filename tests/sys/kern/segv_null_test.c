/*
 * segv_null_test: a NULL dereference kills the program with SIGSEGV; the
 * runner expects it to die by signal 11 (utest.list).
 */
#include <stdio.h>

int
main(void)
{
	volatile int *p = NULL;

	printf("dereferencing NULL\n");
	fflush(stdout);
	*p = 1;
	printf("still alive: the write did not fault\n");
	return (0);
}
