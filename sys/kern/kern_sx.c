/*
 * kern_sx.c: shared/exclusive sleep locks (sys/sx.h).
 *
 * The lock's state (exclusive owner, number of shared holders, number of
 * threads waiting to be exclusive) lives under a sleep mutex, the
 * interlock; threads that cannot have the lock wait on one condition
 * variable and recheck when woken.  The interlock is held only for a few
 * instructions, never while the sx lock is merely held, so holders may
 * sleep.
 *
 * Rules, asserted where the state allows:
 *   - exclusive: sx_owner == the holder and sx_sharers == 0;
 *   - shared: sx_owner == NULL and sx_sharers > 0;
 *   - a new shared holder waits while a thread waits to be exclusive
 *     (writers do not starve); an upgrade succeeds only for the sole
 *     shared holder and does not wait.
 * Waking is a broadcast: at every release that may let someone in, every
 * waiter rechecks.  Cheap with few waiters, which is the case for maps.
 * XXX: no priority propagation (the mutexes have none either).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/condvar.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sx.h>

void
sx_init(struct sx *sx, const char *name)
{
	mtx_init(&sx->sx_interlock, name, NULL, MTX_DEF);
	cv_init(&sx->sx_cv, name);
	sx->sx_name = name;
	sx->sx_owner = NULL;
	sx->sx_sharers = 0;
	sx->sx_xwaiters = 0;
}

void
sx_destroy(struct sx *sx)
{
	KASSERT(sx->sx_owner == NULL && sx->sx_sharers == 0,
	    ("sx_destroy: %s is held", sx->sx_name));
	cv_destroy(&sx->sx_cv);
	mtx_destroy(&sx->sx_interlock);
}

/* sx_xlock: take sx exclusive, sleeping while anyone holds it. */
void
sx_xlock(struct sx *sx)
{
	struct thread *td = curthread;

	mtx_lock(&sx->sx_interlock);
	KASSERT(sx->sx_owner != td, ("sx_xlock: %s recursed", sx->sx_name));
	sx->sx_xwaiters++;
	while (sx->sx_owner != NULL || sx->sx_sharers > 0)
		cv_wait(&sx->sx_cv, &sx->sx_interlock);
	sx->sx_xwaiters--;
	sx->sx_owner = td;
	mtx_unlock(&sx->sx_interlock);
}

/* sx_try_xlock: take sx exclusive if it is free; returns 1 if taken. */
int
sx_try_xlock(struct sx *sx)
{
	int taken = 0;

	mtx_lock(&sx->sx_interlock);
	if (sx->sx_owner == NULL && sx->sx_sharers == 0) {
		sx->sx_owner = curthread;
		taken = 1;
	}
	mtx_unlock(&sx->sx_interlock);
	return (taken);
}

void
sx_xunlock(struct sx *sx)
{
	mtx_lock(&sx->sx_interlock);
	KASSERT(sx->sx_owner == curthread, ("sx_xunlock: %s not owned",
	    sx->sx_name));
	sx->sx_owner = NULL;
	cv_broadcast(&sx->sx_cv);
	mtx_unlock(&sx->sx_interlock);
}

/* sx_slock: take sx shared, sleeping while it is or will be exclusive. */
void
sx_slock(struct sx *sx)
{
	mtx_lock(&sx->sx_interlock);
	KASSERT(sx->sx_owner != curthread, ("sx_slock: %s held exclusive",
	    sx->sx_name));
	while (sx->sx_owner != NULL || sx->sx_xwaiters > 0)
		cv_wait(&sx->sx_cv, &sx->sx_interlock);
	sx->sx_sharers++;
	mtx_unlock(&sx->sx_interlock);
}

/* sx_try_slock: take sx shared if that needs no wait; returns 1 if so. */
int
sx_try_slock(struct sx *sx)
{
	int taken = 0;

	mtx_lock(&sx->sx_interlock);
	if (sx->sx_owner == NULL && sx->sx_xwaiters == 0) {
		sx->sx_sharers++;
		taken = 1;
	}
	mtx_unlock(&sx->sx_interlock);
	return (taken);
}

void
sx_sunlock(struct sx *sx)
{
	mtx_lock(&sx->sx_interlock);
	KASSERT(sx->sx_owner == NULL && sx->sx_sharers > 0,
	    ("sx_sunlock: %s not held shared", sx->sx_name));
	if (--sx->sx_sharers == 0 && sx->sx_xwaiters > 0)
		cv_broadcast(&sx->sx_cv);
	mtx_unlock(&sx->sx_interlock);
}

/*
 * sx_try_upgrade: turn this thread's shared hold into an exclusive one
 * if it is the only holder.  Returns 1 if so; otherwise it still holds
 * sx shared.
 */
int
sx_try_upgrade(struct sx *sx)
{
	int taken = 0;

	mtx_lock(&sx->sx_interlock);
	KASSERT(sx->sx_owner == NULL && sx->sx_sharers > 0,
	    ("sx_try_upgrade: %s not held shared", sx->sx_name));
	if (sx->sx_sharers == 1) {
		sx->sx_sharers = 0;
		sx->sx_owner = curthread;
		taken = 1;
	}
	mtx_unlock(&sx->sx_interlock);
	return (taken);
}

/* sx_downgrade: turn the exclusive hold into a shared one, at once. */
void
sx_downgrade(struct sx *sx)
{
	mtx_lock(&sx->sx_interlock);
	KASSERT(sx->sx_owner == curthread, ("sx_downgrade: %s not owned",
	    sx->sx_name));
	sx->sx_owner = NULL;
	sx->sx_sharers = 1;
	cv_broadcast(&sx->sx_cv);
	mtx_unlock(&sx->sx_interlock);
}

/* sx_unlock: release sx, held either way. */
void
sx_unlock(struct sx *sx)
{
	if (sx_xlocked(sx))
		sx_xunlock(sx);
	else
		sx_sunlock(sx);
}

/* sx_xlocked: whether this thread holds sx exclusive. */
int
sx_xlocked(struct sx *sx)
{
	return (sx->sx_owner == curthread);
}

/*
 * _sx_assert: panic unless sx is in state what.  Shared holders are not
 * recorded, so SA_SLOCKED and SA_LOCKED only check that someone holds
 * sx shared (SA_LOCKED: or that this thread holds it exclusive).
 */
void
_sx_assert(const struct sx *sx, int what, const char *file, int line)
{
	struct thread *td = curthread;

	switch (what) {
	case SA_UNLOCKED:
		if (sx->sx_owner == td)
			panic("%s:%d: sx %s held exclusive", file, line,
			    sx->sx_name);
		break;
	case SA_LOCKED:
		if (sx->sx_owner != td && sx->sx_sharers == 0)
			panic("%s:%d: sx %s not held", file, line,
			    sx->sx_name);
		break;
	case SA_SLOCKED:
		if (sx->sx_sharers == 0)
			panic("%s:%d: sx %s not held shared", file, line,
			    sx->sx_name);
		break;
	case SA_XLOCKED:
		if (sx->sx_owner != td)
			panic("%s:%d: sx %s not held exclusive", file, line,
			    sx->sx_name);
		break;
	default:
		panic("%s:%d: sx_assert: bad request %d", file, line, what);
	}
}
