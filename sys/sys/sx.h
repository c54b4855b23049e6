/*
 * sx.h: shared/exclusive sleep locks (FreeBSD's sx(9)), built on a
 * sleep mutex and a condition variable (sys/kern/kern_sx.c).
 *
 * Any number of threads hold an sx lock shared, or one thread holds it
 * exclusive.  Unlike a mutex, a holder may sleep (wait for a page, for
 * I/O, for memory) with the lock held: that is what the VM map lock
 * needs.  A thread that wants the lock exclusive blocks new shared
 * holders until it has had its turn, so writers do not starve; hence a
 * thread must never take a shared lock it already holds shared (another
 * thread waiting for the exclusive lock in between would deadlock
 * them).  Exclusive recursion panics.  Not for interrupt handlers.
 */
#ifndef _SYS_SX_H_
#define _SYS_SX_H_

#include <sys/types.h>
#include <sys/condvar.h>
#include <sys/mutex.h>

struct thread;

/*
 * Lock legend: (c) constant after sx_init; (i) sx_interlock.
 */
struct sx {
	struct mtx	sx_interlock;	/* protects the fields below */
	struct cv	sx_cv;		/* (i) waiters of either kind */
	const char	*sx_name;	/* (c) */
	struct thread	*sx_owner;	/* (i) exclusive holder, or NULL */
	u_int		sx_sharers;	/* (i) shared holders */
	u_int		sx_xwaiters;	/* (i) threads waiting to be exclusive */
};

/* sx_assert what (FreeBSD's values). */
#define SA_UNLOCKED	0x00	/* not held exclusive by this thread */
#define SA_LOCKED	0x01	/* held, shared or exclusive */
#define SA_SLOCKED	0x02	/* held shared */
#define SA_XLOCKED	0x04	/* held exclusive by this thread */

void	sx_init(struct sx *sx, const char *name);
void	sx_destroy(struct sx *sx);
void	sx_xlock(struct sx *sx);
int	sx_try_xlock(struct sx *sx);
void	sx_xunlock(struct sx *sx);
void	sx_slock(struct sx *sx);
int	sx_try_slock(struct sx *sx);
void	sx_sunlock(struct sx *sx);
int	sx_try_upgrade(struct sx *sx);
void	sx_downgrade(struct sx *sx);
void	sx_unlock(struct sx *sx);
int	sx_xlocked(struct sx *sx);
void	_sx_assert(const struct sx *sx, int what, const char *file, int line);

#ifdef INVARIANTS
#define sx_assert(sx, what)	_sx_assert((sx), (what), __FILE__, __LINE__)
#else
#define sx_assert(sx, what)	do { } while (0)
#endif

#endif /* !_SYS_SX_H_ */
