/* hello_test: glibc's startup reaches main with argv, and printf works. */
#include <stdio.h>
#include <string.h>

#include "tap.h"

static int main_argc;
static char **main_argv;

/* Keep main's arguments for the cases. */
static int
save_args(int argc, char **argv)
{
	main_argc = argc;
	main_argv = argv;
	return (-1);
}

static void
test_printf__writes_stdout(void)
{
	TAP_CHECK(printf("hello, world\n") == 13);
}

static void
test_main__gets_argv(void)
{
	TAP_CHECK(main_argc >= 1);
	TAP_CHECK(main_argv[0] != NULL &&
	    strstr(main_argv[0], "hello_test") != NULL);
	TAP_CHECK(main_argv[main_argc] == NULL);
}

#define CASES(X) X(printf__writes_stdout) X(main__gets_argv)
TAP_MAIN(CASES, NULL, save_args)
