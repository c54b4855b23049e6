/* sigtrap_test: int3 with no handler: killed by SIGTRAP (5). */
#include <stdio.h>

int
main(void)
{
	printf("executing int3\n");
	fflush(stdout);
	__asm__ volatile("int3");
	printf("int3 returned\n");
	return (1);
}
