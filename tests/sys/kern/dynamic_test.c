/*
 * dynamic_test: a dynamically linked glibc program runs: the kernel
 * loaded the interpreter named by PT_INTERP (ld.so), which found and
 * relocated libc.so.6 and called main.  The auxiliary vector says where
 * the interpreter was put (AT_BASE, the start of a mapping holding an
 * ELF header) and where the program's own entry is (AT_ENTRY, _start).
 * Static programs cannot check this: they have no interpreter.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

#include "tap.h"

extern void _start(void);

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

/* AT_BASE: where the interpreter was put, an ELF header, resident. */
static void
test_auxv__at_base_is_interpreter(void)
{
	unsigned long base = getauxval(AT_BASE);
	unsigned char vec;

	TAP_CHECK(base != 0);
	TAP_CHECK(base != 0 && memcmp((void *)base, "\177ELF", 4) == 0);
	TAP_CHECK(base != 0 && mincore((void *)base, 4096, &vec) == 0 &&
	    (vec & 1));
}

static void
test_auxv__at_entry_is_start(void)
{
	TAP_CHECK(getauxval(AT_ENTRY) == (unsigned long)_start);
}

/* libc works: the heap, formatted output, string functions. */
static void
test_libc__relocated_and_working(void)
{
	char *s;

	s = malloc(64);
	TAP_CHECK(s != NULL);
	snprintf(s, 64, "%s-%d", "dyn", 42);
	TAP_CHECK(strcmp(s, "dyn-42") == 0);
	free(s);
}

static void
test_main__gets_argv(void)
{
	TAP_CHECK(main_argc >= 1 && strstr(main_argv[0], "dynamic_test") !=
	    NULL);
}

#define CASES(X) X(auxv__at_base_is_interpreter) X(auxv__at_entry_is_start) \
	X(libc__relocated_and_working) X(main__gets_argv)
TAP_MAIN(CASES, NULL, save_args)
