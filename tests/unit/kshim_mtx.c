/*
 * kshim_mtx.c: mutexes for kernel files in a single-threaded host test
 * (a <prog>_KSHIMS file, compiled with the kernel's headers).  A lock
 * only has to catch recursion, unlocking a free lock and destroying a
 * held one; mtx_assert checks ownership the same way.  A lock held is
 * owned (there is one thread); mtx_trylock fails on a held lock.
 */
#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/systm.h>

void
mtx_init(struct mtx *m, const char *name, const char *type, int opts)
{
	m->mtx_name = name;
	m->mtx_lock = 0;
	m->mtx_flags = opts;
	m->mtx_recurse = 0;
}

void
mtx_destroy(struct mtx *m)
{
	if (m->mtx_lock != 0)
		panic("mtx_destroy: %s is held", m->mtx_name);
}

void
mtx_lock(struct mtx *m)
{
	if (m->mtx_lock != 0)
		panic("mtx_lock: %s recursed", m->mtx_name);
	m->mtx_lock = 1;
}

void
mtx_unlock(struct mtx *m)
{
	if (m->mtx_lock == 0)
		panic("mtx_unlock: %s not held", m->mtx_name);
	m->mtx_lock = 0;
}

int
mtx_trylock(struct mtx *m)
{
	if (m->mtx_lock != 0)
		return (0);
	m->mtx_lock = 1;
	return (1);
}

bool
mtx_owned(const struct mtx *m)
{
	return (m->mtx_lock != 0);
}

void
_mtx_assert(const struct mtx *m, int what, const char *file, int line)
{
	if ((what & MA_OWNED) && m->mtx_lock == 0)
		panic("%s:%d: %s not owned", file, line, m->mtx_name);
	if ((what & MA_NOTOWNED) && m->mtx_lock != 0)
		panic("%s:%d: %s owned", file, line, m->mtx_name);
}
