/*
 * mutex.h: spin and sleep mutexes, with FreeBSD's interface.
 *
 * mtx_lock word: 0 when free, else the owning thread's address.  A spin
 * mutex (MTX_SPIN) disables interrupts on its CPU while held (nesting
 * through spinlock_enter/spinlock_exit), so an interrupt handler may take
 * it.  A sleep mutex (MTX_DEF) may not be taken from an interrupt handler;
 * a contended one makes the thread wait (today by spinning with
 * interrupts enabled, so preemption lets the owner run; a turnstile can
 * replace that without changing callers).  MTX_RECURSE allows the owner
 * to take the lock again.  Assertions (INVARIANTS) catch unlocking a lock
 * one does not own, recursion on a non-recursive lock, and sleeping with
 * a spin lock held.
 */
#ifndef _SYS_MUTEX_H_
#define _SYS_MUTEX_H_

#include <sys/types.h>

struct thread;

struct mtx {
	const char	*mtx_name;
	volatile uintptr_t mtx_lock;	/* owner (struct thread *) or 0,
					   | MTX_CONTESTED if threads wait */
	u_int		mtx_flags;	/* (c) MTX_* options */
	u_int		mtx_recurse;	/* times the owner re-took it */
};

/* mtx_init options. */
#define MTX_DEF		0x0000	/* sleep mutex */
#define MTX_SPIN	0x0001	/* spin mutex, interrupts off while held */
#define MTX_RECURSE	0x0004	/* the owner may lock it again */
#define MTX_NOWITNESS	0x0008	/* accepted for compatibility */

#define MTX_CONTESTED	((uintptr_t)0x1)	/* lock word: sleepers wait */

/* mtx_assert what. */
#define MA_OWNED	0x01
#define MA_NOTOWNED	0x02
#define MA_RECURSED	0x04
#define MA_NOTRECURSED	0x08

void	mtx_init(struct mtx *m, const char *name, const char *type, int opts);
void	mtx_destroy(struct mtx *m);
void	mtx_lock(struct mtx *m);
void	mtx_unlock(struct mtx *m);
void	mtx_unlock_sched_locked(struct mtx *m);
void	mtx_lock_spin(struct mtx *m);
void	mtx_unlock_spin(struct mtx *m);
int	mtx_trylock(struct mtx *m);
bool	mtx_owned(const struct mtx *m);
void	_mtx_assert(const struct mtx *m, int what, const char *file,
	    int line);

#ifdef INVARIANTS
#define mtx_assert(m, what)	_mtx_assert((m), (what), __FILE__, __LINE__)
#else
#define mtx_assert(m, what)	do { } while (0)
#endif

/* Interrupt-disable nesting used by spin mutexes (machdep). */
void	spinlock_enter(void);
void	spinlock_exit(void);

#endif /* !_SYS_MUTEX_H_ */
