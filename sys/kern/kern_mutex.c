/*
 * kern_mutex.c: spin and sleep mutexes (sys/mutex.h).
 *
 * The lock word holds the owner's struct thread address; acquiring is a
 * compare-and-set from 0.  A spin mutex first disables interrupts on this
 * CPU (spinlock_enter), so the holder cannot be preempted or interrupted
 * by a handler that wants the same lock.  A contended sleep mutex spins
 * with cpu_pause(): on one CPU with preemption, the owner gets to run and
 * release it.  XXX: a turnstile (block and hand off) is the next step
 * once contention is measured to matter.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/mutex.h>
#include <sys/proc.h>

#include <machine/atomic.h>
#include <machine/cpufunc.h>

void
mtx_init(struct mtx *m, const char *name, const char *type, int opts)
{
	(void)type;
	KASSERT((opts & ~(MTX_SPIN | MTX_RECURSE | MTX_NOWITNESS)) == 0,
	    ("mtx_init: %s: bad options %#x", name, opts));
	m->mtx_name = name;
	m->mtx_lock = 0;
	m->mtx_flags = opts;
	m->mtx_recurse = 0;
}

void
mtx_destroy(struct mtx *m)
{
	KASSERT(m->mtx_lock == 0, ("mtx_destroy: %s is held", m->mtx_name));
	m->mtx_name = "(destroyed)";
}

bool
mtx_owned(const struct mtx *m)
{
	return (m->mtx_lock == (uintptr_t)curthread);
}

/* Take the lock word for td, honouring recursion; spins while contended. */
static void
mtx_acquire(struct mtx *m, struct thread *td)
{
	if (m->mtx_lock == (uintptr_t)td) {
		KASSERT(m->mtx_flags & MTX_RECURSE,
		    ("mtx_lock: recursed on non-recursive mutex %s",
		    m->mtx_name));
		m->mtx_recurse++;
		return;
	}
	while (!atomic_cmpset_ptr(&m->mtx_lock, 0, (uintptr_t)td)) {
		while (m->mtx_lock != 0)
			cpu_pause();
	}
}

/* Give the lock word back; returns true if the mutex is now free. */
static bool
mtx_release(struct mtx *m, struct thread *td)
{
	KASSERT(m->mtx_lock == (uintptr_t)td,
	    ("mtx_unlock: %s not owned by %s (owner %#lx)", m->mtx_name,
	    td->td_name, (u_long)m->mtx_lock));
	if (m->mtx_recurse > 0) {
		m->mtx_recurse--;
		return (false);
	}
	atomic_store_rel_ptr(&m->mtx_lock, 0);
	return (true);
}

void
mtx_lock(struct mtx *m)
{
	struct thread *td = curthread;

	KASSERT((m->mtx_flags & MTX_SPIN) == 0,
	    ("mtx_lock: spin mutex %s", m->mtx_name));
	KASSERT(PCPU_GET(intr_nesting) == 0,
	    ("mtx_lock: sleep mutex %s in an interrupt handler", m->mtx_name));
	mtx_acquire(m, td);
}

void
mtx_unlock(struct mtx *m)
{
	KASSERT((m->mtx_flags & MTX_SPIN) == 0,
	    ("mtx_unlock: spin mutex %s", m->mtx_name));
	mtx_release(m, curthread);
}

int
mtx_trylock(struct mtx *m)
{
	struct thread *td = curthread;

	KASSERT((m->mtx_flags & MTX_SPIN) == 0,
	    ("mtx_trylock: spin mutex %s", m->mtx_name));
	if (m->mtx_lock == (uintptr_t)td && (m->mtx_flags & MTX_RECURSE)) {
		m->mtx_recurse++;
		return (1);
	}
	return (atomic_cmpset_ptr(&m->mtx_lock, 0, (uintptr_t)td));
}

void
mtx_lock_spin(struct mtx *m)
{
	struct thread *td = curthread;

	KASSERT(m->mtx_flags & MTX_SPIN,
	    ("mtx_lock_spin: sleep mutex %s", m->mtx_name));
	spinlock_enter();
	mtx_acquire(m, td);
	td->td_spinlocks++;
}

void
mtx_unlock_spin(struct mtx *m)
{
	struct thread *td = curthread;

	KASSERT(m->mtx_flags & MTX_SPIN,
	    ("mtx_unlock_spin: sleep mutex %s", m->mtx_name));
	KASSERT(td->td_spinlocks > 0, ("mtx_unlock_spin: %s: no spin "
	    "mutex held", m->mtx_name));
	(void)mtx_release(m, td);
	td->td_spinlocks--;	/* counted per acquisition, as spinlock_enter */
	spinlock_exit();
}

void
_mtx_assert(const struct mtx *m, int what, const char *file, int line)
{
	bool owned = mtx_owned(m);

	if ((what & MA_OWNED) && !owned)
		panic("mutex %s not owned at %s:%d", m->mtx_name, file, line);
	if ((what & MA_NOTOWNED) && owned)
		panic("mutex %s owned at %s:%d", m->mtx_name, file, line);
	if ((what & MA_RECURSED) && m->mtx_recurse == 0)
		panic("mutex %s not recursed at %s:%d", m->mtx_name, file,
		    line);
	if ((what & MA_NOTRECURSED) && owned && m->mtx_recurse != 0)
		panic("mutex %s recursed at %s:%d", m->mtx_name, file, line);
}
