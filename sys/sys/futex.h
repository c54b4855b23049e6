/*
 * futex.h: fast user-space mutexes, the kernel half (sys/kern/kern_futex.c;
 * share/doc/futex.md).
 *
 * A futex is an aligned 32-bit word of user memory.  futex_wait sleeps
 * while the word holds an expected value; futex_wake wakes sleepers on
 * the word; futex_requeue wakes some and moves the rest to another word.
 * Sleepers are found by key: the address space and address for a private
 * futex; for a shared one (FUTEX_F_SHARED) in memory mapped shared, the
 * backing VM object and the offset in it, so that every process mapping
 * the page finds the same sleepers.
 */
#ifndef _SYS_FUTEX_H_
#define _SYS_FUTEX_H_

#include <sys/types.h>
#include <sys/time.h>

/* A bitset that matches every waiter (FUTEX_WAIT and FUTEX_WAKE). */
#define FUTEX_BITSET_ANY	0xffffffffu

/* futex_wait, futex_wake and futex_requeue flags. */
#define FUTEX_F_SHARED		0x01	/* key by mapped page when shared */
#define FUTEX_F_ABSTIME		0x02	/* *ts is a time, not a duration */
#define FUTEX_F_REALTIME	0x04	/* ... of CLOCK_REALTIME (else of
					   CLOCK_MONOTONIC) */

#ifdef _KERNEL
struct thread;

int	futex_wait(struct thread *td, vm_offset_t uaddr, uint32_t val,
	    uint32_t bitset, int flags, const struct timespec *ts);
int	futex_wake(struct thread *td, vm_offset_t uaddr, int flags,
	    int nwake, uint32_t bitset, int *countp);
int	futex_requeue(struct thread *td, vm_offset_t uaddr,
	    vm_offset_t uaddr2, int flags, int nwake, int nrequeue,
	    const uint32_t *cmpval, int *countp);
#endif

#endif /* !_SYS_FUTEX_H_ */
