/*
 * kshim.c: the kernel symbols host unit tests must provide: the console
 * (captured into a buffer) and the handful of globals kernel files expect.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kshim.h"

char	kshim_console[4096];
size_t	kshim_console_len;
bool	bootverbose;

void	cnputc(int c);
void	panic(const char *fmt, ...);
void	*kshim_calloc(size_t size);
void	kshim_free(void *p);

void
cnputc(int c)
{
	if (kshim_console_len < sizeof(kshim_console) - 1)
		kshim_console[kshim_console_len++] = (char)c;
	kshim_console[kshim_console_len] = '\0';
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "kernel panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

/*
 * Host memory for _KSHIMS files, which are built with the kernel's headers
 * and cannot call the C library's malloc by name (kern-renames).
 */
void *
kshim_calloc(size_t size)
{
	void *p = calloc(1, size);

	if (p == NULL)
		panic("kshim_calloc: no memory for %zu bytes", size);
	return (p);
}

void
kshim_free(void *p)
{
	free(p);
}
