/* sigill_test: ud2 with no handler: killed by SIGILL (utest.list: signal 4). */
#include <stdio.h>

int
main(void)
{
	printf("executing ud2\n");
	fflush(stdout);
	__asm__ volatile("ud2");
	printf("ud2 returned\n");
	return (1);
}
