/* sigfpe_test: an integer division by zero with no handler: SIGFPE (8). */
#include <stdio.h>

int
main(void)
{
	volatile int a = 1, b = 0;

	printf("dividing by zero\n");
	fflush(stdout);
	a = a / b;
	printf("division returned %d\n", a);
	return (1);
}
