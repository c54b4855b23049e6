/* hello_test: glibc's static startup reaches main and printf works. */
#include <stdio.h>
#include <string.h>

#include "tap.h"

int
main(int argc, char **argv)
{
	printf("hello, world\n");
	TAP_CHECK(argc >= 1);
	TAP_CHECK(argv[0] != NULL && strstr(argv[0], "hello_test") != NULL);
	TAP_CHECK(argv[argc] == NULL);
	return (tap_done());
}
