/*
 * machine/atomic.h: atomic operations, on the compiler's __atomic
 * builtins (which emit lock-prefixed instructions on amd64).  Names follow
 * FreeBSD's atomic(9).
 */
#ifndef _MACHINE_ATOMIC_H_
#define _MACHINE_ATOMIC_H_

#include <sys/types.h>

/* atomic_cmpset: if *p == old, store new; returns non-zero on success. */
static inline int
atomic_cmpset_ptr(volatile uintptr_t *p, uintptr_t old, uintptr_t new)
{
	return (__atomic_compare_exchange_n(p, &old, new, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
}

static inline int
atomic_cmpset_int(volatile u_int *p, u_int old, u_int new)
{
	return (__atomic_compare_exchange_n(p, &old, new, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
}

static inline u_int
atomic_fetchadd_int(volatile u_int *p, u_int v)
{
	return (__atomic_fetch_add(p, v, __ATOMIC_SEQ_CST));
}

static inline u_long
atomic_fetchadd_long(volatile u_long *p, u_long v)
{
	return (__atomic_fetch_add(p, v, __ATOMIC_SEQ_CST));
}

static inline void
atomic_add_int(volatile u_int *p, u_int v)
{
	__atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}

static inline void
atomic_subtract_int(volatile u_int *p, u_int v)
{
	__atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST);
}

static inline void
atomic_add_long(volatile u_long *p, u_long v)
{
	__atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}

static inline void
atomic_subtract_long(volatile u_long *p, u_long v)
{
	__atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST);
}

static inline uintptr_t
atomic_load_acq_ptr(volatile uintptr_t *p)
{
	return (__atomic_load_n(p, __ATOMIC_ACQUIRE));
}

static inline void
atomic_store_rel_ptr(volatile uintptr_t *p, uintptr_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static inline u_int
atomic_load_int(volatile u_int *p)
{
	return (__atomic_load_n(p, __ATOMIC_RELAXED));
}

#endif /* !_MACHINE_ATOMIC_H_ */
