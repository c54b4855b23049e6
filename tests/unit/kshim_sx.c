/*
 * kshim_sx.c: sx locks for kernel files in a single-threaded host test
 * (a <prog>_KSHIMS file, compiled with the kernel's headers).  With one
 * thread any wait would be forever, so contention panics, as do
 * recursion and releasing a lock that is not held; "this thread" is the
 * only thread, so an exclusive holder is recorded as a non-NULL marker.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/sx.h>

#define SHIM_SELF	((struct thread *)1)

void
sx_init(struct sx *sx, const char *name)
{
	sx->sx_name = name;
	sx->sx_owner = NULL;
	sx->sx_sharers = 0;
	sx->sx_xwaiters = 0;
}

void
sx_destroy(struct sx *sx)
{
	if (sx->sx_owner != NULL || sx->sx_sharers != 0)
		panic("sx_destroy: %s is held", sx->sx_name);
}

void
sx_xlock(struct sx *sx)
{
	if (!sx_try_xlock(sx))
		panic("sx_xlock: %s already held (would wait forever)",
		    sx->sx_name);
}

int
sx_try_xlock(struct sx *sx)
{
	if (sx->sx_owner != NULL || sx->sx_sharers != 0)
		return (0);
	sx->sx_owner = SHIM_SELF;
	return (1);
}

void
sx_xunlock(struct sx *sx)
{
	if (sx->sx_owner != SHIM_SELF)
		panic("sx_xunlock: %s not owned", sx->sx_name);
	sx->sx_owner = NULL;
}

void
sx_slock(struct sx *sx)
{
	if (!sx_try_slock(sx))
		panic("sx_slock: %s held exclusive (would wait forever)",
		    sx->sx_name);
}

int
sx_try_slock(struct sx *sx)
{
	if (sx->sx_owner != NULL)
		return (0);
	sx->sx_sharers++;
	return (1);
}

void
sx_sunlock(struct sx *sx)
{
	if (sx->sx_owner != NULL || sx->sx_sharers == 0)
		panic("sx_sunlock: %s not held shared", sx->sx_name);
	sx->sx_sharers--;
}

int
sx_try_upgrade(struct sx *sx)
{
	if (sx->sx_owner != NULL || sx->sx_sharers == 0)
		panic("sx_try_upgrade: %s not held shared", sx->sx_name);
	if (sx->sx_sharers != 1)
		return (0);
	sx->sx_sharers = 0;
	sx->sx_owner = SHIM_SELF;
	return (1);
}

void
sx_downgrade(struct sx *sx)
{
	if (sx->sx_owner != SHIM_SELF)
		panic("sx_downgrade: %s not owned", sx->sx_name);
	sx->sx_owner = NULL;
	sx->sx_sharers = 1;
}

void
sx_unlock(struct sx *sx)
{
	if (sx->sx_owner != NULL)
		sx_xunlock(sx);
	else
		sx_sunlock(sx);
}

int
sx_xlocked(struct sx *sx)
{
	return (sx->sx_owner == SHIM_SELF);
}

void
_sx_assert(const struct sx *sx, int what, const char *file, int line)
{
	bool ok;

	switch (what) {
	case SA_UNLOCKED:
		ok = sx->sx_owner == NULL;
		break;
	case SA_LOCKED:
		ok = sx->sx_owner != NULL || sx->sx_sharers > 0;
		break;
	case SA_SLOCKED:
		ok = sx->sx_sharers > 0;
		break;
	case SA_XLOCKED:
		ok = sx->sx_owner == SHIM_SELF;
		break;
	default:
		ok = false;
		break;
	}
	if (!ok)
		panic("%s:%d: sx %s: assertion %d failed", file, line,
		    sx->sx_name, what);
}
