/*
 * kshim.c: the kernel symbols host unit tests must provide: the console
 * (captured into a buffer), sleep mutexes (one thread: they only check
 * that locking nests properly) and the handful of globals kernel files
 * expect.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kshim.h"

char	kshim_console[4096];
size_t	kshim_console_len;
bool	bootverbose;

void	cnputc(int c);
void	panic(const char *fmt, ...);
void	mtx_init(void *m, const char *name, const char *type, int opts);
void	mtx_destroy(void *m);
void	mtx_lock(void *m);
void	mtx_unlock(void *m);
bool	mtx_owned(const void *m);
void	_mtx_assert(const void *m, int what, const char *file, int line);

/* The mutexes held now (struct mtx is opaque here). */
static const void *kshim_mtx_held[8];

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

static int
kshim_mtx_slot(const void *m)
{
	size_t i;

	for (i = 0; i < sizeof(kshim_mtx_held) / sizeof(kshim_mtx_held[0]);
	    i++)
		if (kshim_mtx_held[i] == m)
			return ((int)i);
	return (-1);
}

void
mtx_init(void *m, const char *name, const char *type, int opts)
{
	(void)name;
	(void)type;
	(void)opts;
	if (kshim_mtx_slot(m) >= 0)
		panic("mtx_init: mutex %p is held", m);
}

void
mtx_destroy(void *m)
{
	if (kshim_mtx_slot(m) >= 0)
		panic("mtx_destroy: mutex %p is held", m);
}

/* A sleep mutex that is taken twice would deadlock the kernel: panic. */
void
mtx_lock(void *m)
{
	int i;

	if (kshim_mtx_slot(m) >= 0)
		panic("mtx_lock: mutex %p recursed", m);
	i = kshim_mtx_slot(NULL);
	if (i < 0)
		panic("mtx_lock: too many mutexes held");
	kshim_mtx_held[i] = m;
}

void
mtx_unlock(void *m)
{
	int i = kshim_mtx_slot(m);

	if (i < 0)
		panic("mtx_unlock: mutex %p not held", m);
	kshim_mtx_held[i] = NULL;
}

bool
mtx_owned(const void *m)
{
	return (kshim_mtx_slot(m) >= 0);
}

void
_mtx_assert(const void *m, int what, const char *file, int line)
{
	bool owned = mtx_owned(m);

	if (((what & 0x01) && !owned) || ((what & 0x02) && owned))
		panic("mtx_assert %#x failed at %s:%d", what, file, line);
}
