/* exit_status_test: exit(3) must reach the parent as exit status 3. */
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	printf("exiting with status 3\n");
	exit(3);
}
