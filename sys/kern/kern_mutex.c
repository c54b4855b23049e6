/*
 * kern_mutex.c: spin and sleep mutexes (sys/mutex.h).
 *
 * The lock word holds the owner's struct thread address; acquiring is a
 * compare-and-set from 0.  A spin mutex first disables interrupts on this
 * CPU (spinlock_enter), so the holder cannot be preempted or interrupted
 * by a handler that wants the same lock; a contended one spins.
 *
 * A contended sleep mutex blocks: under sched_lock, the waiter sets
 * MTX_CONTESTED in the lock word (so the owner's fast-path release, a
 * compare-and-set from its own address, fails) and sleeps on the mutex's
 * address.  The owner, seeing the flag, clears the word and wakes every
 * sleeper under sched_lock; they race again and the losers sleep again.
 * Setting the flag and sleeping happen under sched_lock, as does the
 * release-and-wakeup, so no wakeup is lost.  Before the scheduler runs
 * (early boot), contention can only come from a bug; we spin.
 * XXX: no priority propagation: a turnstile would add it.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/sleepqueue.h>

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

static struct thread *
mtx_owner(const struct mtx *m)
{
	return ((struct thread *)(m->mtx_lock & ~MTX_CONTESTED));
}

bool
mtx_owned(const struct mtx *m)
{
	return (mtx_owner(m) == curthread);
}

/* Recursion on a lock td already owns; returns true if that was the case. */
static bool
mtx_recursed_acquire(struct mtx *m, struct thread *td)
{
	if (mtx_owner(m) != td)
		return (false);
	KASSERT(m->mtx_flags & MTX_RECURSE,
	    ("mtx_lock: recursed on non-recursive mutex %s", m->mtx_name));
	m->mtx_recurse++;
	return (true);
}

/* Spin until the lock word is ours (spin mutexes, early boot). */
static void
mtx_acquire_spin(struct mtx *m, struct thread *td)
{
	if (mtx_recursed_acquire(m, td))
		return;
	while (!atomic_cmpset_ptr(&m->mtx_lock, 0, (uintptr_t)td)) {
		while (m->mtx_lock != 0)
			cpu_pause();
	}
}

/* Take a sleep mutex, sleeping while another thread holds it. */
static void
mtx_acquire_sleep(struct mtx *m, struct thread *td)
{
	uintptr_t v;

	if (mtx_recursed_acquire(m, td))
		return;
	while (!atomic_cmpset_ptr(&m->mtx_lock, 0, (uintptr_t)td)) {
		if (!sched_running()) {
			cpu_pause();
			continue;
		}
		mtx_lock_spin(&sched_lock);
		v = m->mtx_lock;
		if (v != 0 && ((v & MTX_CONTESTED) ||
		    atomic_cmpset_ptr(&m->mtx_lock, v, v | MTX_CONTESTED)))
			sleepq_block_locked(m, m->mtx_name);
		mtx_unlock_spin(&sched_lock);
	}
}

/* Check that td may release m; returns true if a recursion level went. */
static bool
mtx_release_recursed(struct mtx *m, struct thread *td)
{
	KASSERT(mtx_owner(m) == td,
	    ("mtx_unlock: %s not owned by %s (lock word %#lx)", m->mtx_name,
	    td->td_name, (u_long)m->mtx_lock));
	if (m->mtx_recurse > 0) {
		m->mtx_recurse--;
		return (true);
	}
	return (false);
}

void
mtx_lock(struct mtx *m)
{
	struct thread *td = curthread;

	KASSERT((m->mtx_flags & MTX_SPIN) == 0,
	    ("mtx_lock: spin mutex %s", m->mtx_name));
	KASSERT(PCPU_GET(intr_nesting) == 0,
	    ("mtx_lock: sleep mutex %s in an interrupt handler", m->mtx_name));
	mtx_acquire_sleep(m, td);
}

/*
 * Release m (a sleep mutex td owns) when that needs no wakeup: one
 * recursion level, or an uncontested lock word.  False: m is contested,
 * still held, and its sleepers must be woken under sched_lock.
 */
static bool
mtx_release_uncontested(struct mtx *m, struct thread *td)
{
	KASSERT((m->mtx_flags & MTX_SPIN) == 0,
	    ("mtx_unlock: spin mutex %s", m->mtx_name));
	return (mtx_release_recursed(m, td) ||
	    atomic_cmpset_ptr(&m->mtx_lock, (uintptr_t)td, 0));
}

void
mtx_unlock(struct mtx *m)
{
	if (mtx_release_uncontested(m, curthread))
		return;
	/* Contested: release and wake the sleepers under sched_lock. */
	mtx_lock_spin(&sched_lock);
	atomic_store_rel_ptr(&m->mtx_lock, 0);
	sleepq_wakeup_locked(m);
	mtx_unlock_spin(&sched_lock);
}

/*
 * mtx_unlock_sched_locked: mtx_unlock for a caller that already holds
 * sched_lock (msleep releasing its interlock just before it sleeps).  A
 * contested m is released and its sleepers made runnable under that
 * sched_lock; they run once the caller has switched away.
 */
void
mtx_unlock_sched_locked(struct mtx *m)
{
	mtx_assert(&sched_lock, MA_OWNED);
	if (mtx_release_uncontested(m, curthread))
		return;
	atomic_store_rel_ptr(&m->mtx_lock, 0);
	sleepq_wakeup_locked(m);
}

int
mtx_trylock(struct mtx *m)
{
	struct thread *td = curthread;

	KASSERT((m->mtx_flags & MTX_SPIN) == 0,
	    ("mtx_trylock: spin mutex %s", m->mtx_name));
	if (mtx_owner(m) == td && (m->mtx_flags & MTX_RECURSE)) {
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
	mtx_acquire_spin(m, td);
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
	if (!mtx_release_recursed(m, td))
		atomic_store_rel_ptr(&m->mtx_lock, 0);
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
