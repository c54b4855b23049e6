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

int
main(int argc, char **argv)
{
	unsigned long base = getauxval(AT_BASE);
	unsigned char vec;
	char *s;

	TAP_CHECK(base != 0);
	TAP_CHECK(base != 0 && memcmp((void *)base, "\177ELF", 4) == 0);
	TAP_CHECK(getauxval(AT_ENTRY) == (unsigned long)_start);
	TAP_CHECK(base != 0 && mincore((void *)base, 4096, &vec) == 0 &&
	    (vec & 1));
	/* libc works: the heap, formatted output, string functions. */
	s = malloc(64);
	TAP_CHECK(s != NULL);
	snprintf(s, 64, "%s-%d", "dyn", 42);
	TAP_CHECK(strcmp(s, "dyn-42") == 0);
	free(s);
	TAP_CHECK(argc >= 1 && strstr(argv[0], "dynamic_test") != NULL);
	return (tap_done());
}
