/*
 * kern_futex.c: futexes, the kernel half of user-space locks
 * (sys/sys/futex.h; share/doc/futex.md).  Linux's futex(2) is translated
 * onto these functions by sys/compat/linux/linux_futex.c.
 *
 * Keys.  A waiter is found by the key of its word:
 *   - private (no FUTEX_F_SHARED, or memory not mapped shared): the
 *     address space (struct vmspace) and the address: threads of one
 *     process meet, other processes never do;
 *   - shared (FUTEX_F_SHARED on a MAP_SHARED mapping, anonymous or of a
 *     file): the map entry's VM object and the word's offset in it, so
 *     every process mapping that page, at whatever address, meets there.
 *     The entry is made to hold its object for good first
 *     (vm_map_entry_share), and the key holds a reference on the object
 *     while in use, so an object freed and another allocated at the same
 *     address cannot meet its sleepers.
 * As Linux, a shared request on private memory gets a private key
 * (pthread_join waits on the thread's stack so); XXX: Linux keys a
 * MAP_PRIVATE file page not yet copied by the file too.
 *
 * Queues.  FUTEX_HASH buckets, each a sleep mutex and a queue of
 * waiters (struct futex_waiter, on the waiting thread's stack).  A waiter
 * enters its bucket's queue before it reads the word, and sleeps only
 * while still queued: a waker stores to the word, then wakes, under the
 * bucket lock, the queued waiters whose key matches, taking each off
 * the queue first.  Since the waiter was queued before it read, either
 * it reads the new value (and leaves with EAGAIN) or it is queued when
 * the wake comes: no wakeup is lost, and the word is read without any
 * lock held (a fault may sleep).  A waiter woken while it decides to
 * leave (value differs, timeout, signal) reports the wake (0), so a
 * wake is never spent on a waiter that ignores it.
 *
 * Requeue moves waiters from one key's bucket to another's with both
 * locks held (taken in address order); a waiter that wakes by itself
 * finds its current bucket by fw_bucket, which changes only under both
 * locks.  XXX: CMP_REQUEUE compares the word before taking the locks,
 * where Linux compares under them; glibc's condition variables no longer
 * requeue.
 *
 * Sleeps are interruptible (PCATCH): a signal ends a wait with EINTR, or
 * ERESTART when the handler has SA_RESTART and there is no timeout (the
 * call is made again), as Linux does.  Timeouts are in ticks, rounded
 * up (at least what was asked for).
 *
 * Lock order: futex bucket (two: lower address first) -> sched_lock; a
 * key lookup takes the map lock with no bucket held.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/futex.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/queue.h>
#include <sys/sleepqueue.h>
#include <sys/time.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>

#include <machine/vmparam.h>

#define FUTEX_HASH	128	/* buckets, a power of two */

/* What a futex is known by (see the top of the file). */
struct futex_key {
	bool		fk_shared;	/* fk_ptr is a referenced vm_object */
	const void	*fk_ptr;	/* struct vmspace, or vm_object */
	uint64_t	fk_off;		/* address, or offset in the object */
};

struct futex_bucket;

/*
 * One sleeping thread.  Lock legend: (b) the lock of the bucket it is
 * on (both buckets' locks to move it); (c) constant.
 */
struct futex_waiter {
	TAILQ_ENTRY(futex_waiter) fw_link; /* (b) its bucket's queue */
	struct futex_key fw_key;	/* (b) requeue changes it */
	struct futex_bucket *fw_bucket;	/* (b) the bucket it is on */
	uint32_t	fw_bitset;	/* (c) which wakes match */
	bool		fw_queued;	/* (b) false once woken */
};

struct futex_bucket {
	struct mtx	fb_lock;
	TAILQ_HEAD(, futex_waiter) fb_waiters;	/* (fb_lock) */
};

static struct futex_bucket futex_buckets[FUTEX_HASH];

static void
futex_init(const void *arg __unused)
{
	int i;

	for (i = 0; i < FUTEX_HASH; i++) {
		mtx_init(&futex_buckets[i].fb_lock, "futex", NULL, MTX_DEF);
		TAILQ_INIT(&futex_buckets[i].fb_waiters);
	}
}
SYSINIT(futex, SI_SUB_KMEM, SI_ORDER_ANY, futex_init, NULL);

static bool
futex_key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return (a->fk_shared == b->fk_shared && a->fk_ptr == b->fk_ptr &&
	    a->fk_off == b->fk_off);
}

static struct futex_bucket *
futex_bucket(const struct futex_key *key)
{
	uint64_t h = (uintptr_t)key->fk_ptr ^ (key->fk_off >> 2);

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	return (&futex_buckets[(h >> 32) & (FUTEX_HASH - 1)]);
}

/*
 * The key of the word at uaddr in td's address space (see the top of
 * the file).  Returns 0; EINVAL for a misaligned address; EFAULT for one
 * outside user space or, for a shared request, not mapped.  A shared key
 * holds a reference (futex_key_release).
 */
static void
futex_map_unlock(vm_map_t map, bool exclusive)
{
	if (exclusive)
		vm_map_unlock(map);
	else
		vm_map_unlock_read(map);
}

static int
futex_key_get(struct thread *td, vm_offset_t uaddr, int flags,
    struct futex_key *key)
{
	struct vmspace *vms;
	vm_map_t map;
	struct vm_map_entry *entry;
	bool exclusive = false;

	KASSERT(td->td_proc->p_vmspace != NULL, ("futex_key_get: pid %d has "
	    "no address space", td->td_proc->p_pid));
	vms = td->td_proc->p_vmspace->dvm_vmspace;
	map = &vms->vm_map;
	if ((uaddr & (sizeof(uint32_t) - 1)) != 0)
		return (EINVAL);
	if (uaddr > VM_MAXUSER_ADDRESS - sizeof(uint32_t))
		return (EFAULT);
	key->fk_shared = false;
	key->fk_ptr = vms;
	key->fk_off = uaddr;
	if ((flags & FUTEX_F_SHARED) == 0)
		return (0);
	vm_map_lock_read(map);
	for (;;) {
		if (!vm_map_lookup_entry(map, uaddr, &entry) ||
		    (entry->eflags & MAP_ENTRY_GUARD) != 0) {
			futex_map_unlock(map, exclusive);
			return (EFAULT);
		}
		if (entry->inheritance != VM_INHERIT_SHARE)
			break;		/* private memory: a private key */
		if (entry->object != NULL &&
		    (entry->eflags & MAP_ENTRY_NEEDS_COPY) == 0) {
			key->fk_shared = true;
			key->fk_ptr = entry->object;
			key->fk_off = entry->offset + (uaddr - entry->start);
			vm_object_reference(entry->object);
			break;
		}
		if (exclusive) {
			vm_map_entry_share(entry);
			continue;
		}
		/* Give the entry its object for good: exclusive. */
		vm_map_unlock_read(map);
		vm_map_lock(map);
		exclusive = true;
	}
	futex_map_unlock(map, exclusive);
	return (0);
}

static void
futex_key_release(struct futex_key *key)
{
	if (key->fk_shared)
		vm_object_deallocate(__DECONST(vm_object_t, key->fk_ptr));
	key->fk_shared = false;
}

/* Lock fw's bucket, the one it is on now (requeue may move it). */
static struct futex_bucket *
futex_lock_waiter(struct futex_waiter *fw)
{
	struct futex_bucket *b;

	for (;;) {
		b = fw->fw_bucket;
		mtx_lock(&b->fb_lock);
		if (fw->fw_bucket == b)
			return (b);
		mtx_unlock(&b->fb_lock);
	}
}

/* Queue fw on key's bucket, locked. */
static void
futex_enqueue_locked(struct futex_bucket *b, struct futex_waiter *fw)
{
	mtx_assert(&b->fb_lock, MA_OWNED);
	fw->fw_bucket = b;
	fw->fw_queued = true;
	TAILQ_INSERT_TAIL(&b->fb_waiters, fw, fw_link);
}

/*
 * Wake up to nwake (at least one, as Linux) waiters of key on b whose
 * bitset meets bitset, oldest first.  b locked.  Returns how many.
 */
static int
futex_wake_locked(struct futex_bucket *b, const struct futex_key *key,
    int nwake, uint32_t bitset)
{
	struct futex_waiter *fw, *next;
	int n = 0;

	mtx_assert(&b->fb_lock, MA_OWNED);
	TAILQ_FOREACH_SAFE(fw, &b->fb_waiters, fw_link, next) {
		if (!futex_key_eq(&fw->fw_key, key) ||
		    (fw->fw_bitset & bitset) == 0)
			continue;
		KASSERT(fw->fw_queued, ("futex_wake_locked: %p not queued",
		    fw));
		TAILQ_REMOVE(&b->fb_waiters, fw, fw_link);
		fw->fw_queued = false;
		wakeup(fw);	/* under the lock: fw still exists */
		if (++n >= nwake)
			break;
	}
	return (n);
}

/*
 * Wake up to nwake waiters of key1 (none when nwake is 0, unlike
 * futex_wake_locked, as Linux's requeue), then move up to nrequeue more
 * to key2.  b1 and b2 (key1's and key2's
 * buckets, maybe one) locked.  Returns the woken plus the moved.
 */
static int
futex_requeue_locked(struct futex_bucket *b1, const struct futex_key *key1,
    struct futex_bucket *b2, const struct futex_key *key2, int nwake,
    int nrequeue)
{
	struct futex_waiter *fw, *next;
	int n = 0, moved = 0;

	mtx_assert(&b1->fb_lock, MA_OWNED);
	mtx_assert(&b2->fb_lock, MA_OWNED);
	if (nwake > 0)
		n = futex_wake_locked(b1, key1, nwake, FUTEX_BITSET_ANY);
	TAILQ_FOREACH_SAFE(fw, &b1->fb_waiters, fw_link, next) {
		if (moved >= nrequeue)
			break;
		if (!futex_key_eq(&fw->fw_key, key1))
			continue;
		TAILQ_REMOVE(&b1->fb_waiters, fw, fw_link);
		fw->fw_key = *key2;
		fw->fw_bucket = b2;
		TAILQ_INSERT_TAIL(&b2->fb_waiters, fw, fw_link);
		moved++;
	}
	return (n + moved);
}

/* Lock two buckets (maybe the same) in address order. */
static void
futex_lock_pair(struct futex_bucket *b1, struct futex_bucket *b2)
{
	if (b1 == b2) {
		mtx_lock(&b1->fb_lock);
	} else if (b1 < b2) {
		mtx_lock(&b1->fb_lock);
		mtx_lock(&b2->fb_lock);
	} else {
		mtx_lock(&b2->fb_lock);
		mtx_lock(&b1->fb_lock);
	}
}

static void
futex_unlock_pair(struct futex_bucket *b1, struct futex_bucket *b2)
{
	mtx_unlock(&b1->fb_lock);
	if (b2 != b1)
		mtx_unlock(&b2->fb_lock);
}

/*
 * The sleep a timeout allows, in ticks (at least 1, at most INT32_MAX): 0
 * when there is no timeout, -1 when it has passed already.  ts is
 * relative, or absolute with FUTEX_F_ABSTIME (CLOCK_MONOTONIC, or
 * CLOCK_REALTIME with FUTEX_F_REALTIME).
 */
static int
futex_timo(const struct timespec *ts, int flags)
{
	struct timespec now, rel;
	uint64_t ns, nsperhz, t;

	if (ts == NULL)
		return (0);
	rel = *ts;
	if (flags & FUTEX_F_ABSTIME) {
		if (flags & FUTEX_F_REALTIME)
			nanotime(&now);
		else
			nanouptime(&now);
		if (!timespeccmp(ts, &now, >))
			return (-1);
		timespecsub(ts, &now, &rel);
	}
	ns = timespec_to_ns(&rel);
	if (ns == 0)
		return (-1);
	nsperhz = NSEC_PER_SEC / hz;
	/* Rounded up, plus the part of the current tick already gone. */
	t = (ns + nsperhz - 1) / nsperhz + 1;
	return (t > INT32_MAX ? INT32_MAX : (int)t);
}

/*
 * futex_wait: if the 32-bit word at uaddr holds val, sleep until a wake
 * whose bitset meets bitset (FUTEX_BITSET_ANY for FUTEX_WAIT), the
 * timeout ts (NULL: none; see futex_timo) or a signal.  td is curthread.
 * Returns 0 when woken; EAGAIN when the word differs; ETIMEDOUT; EINTR
 * or ERESTART for a signal (see the top of the file); EINVAL for a
 * misaligned address or an empty bitset; EFAULT.
 */
int
futex_wait(struct thread *td, vm_offset_t uaddr, uint32_t val,
    uint32_t bitset, int flags, const struct timespec *ts)
{
	struct futex_waiter fw;
	struct futex_bucket *b;
	uint32_t cur;
	int error, timo;

	KASSERT(td == curthread, ("futex_wait: not curthread"));
	if (bitset == 0)
		return (EINVAL);
	memset(&fw, 0, sizeof(fw));
	error = futex_key_get(td, uaddr, flags, &fw.fw_key);
	if (error != 0)
		return (error);
	fw.fw_bitset = bitset;
	b = futex_bucket(&fw.fw_key);
	mtx_lock(&b->fb_lock);
	futex_enqueue_locked(b, &fw);
	mtx_unlock(&b->fb_lock);

	/* Queued first, then read: see the top of the file. */
	error = copyin((const void *)uaddr, &cur, sizeof(cur));
	if (error == 0 && cur != val)
		error = EAGAIN;
	timo = futex_timo(ts, flags);
	if (error == 0 && timo < 0)
		error = ETIMEDOUT;
	b = futex_lock_waiter(&fw);
	while (error == 0 && fw.fw_queued) {
		error = msleep(&fw, &b->fb_lock, PCATCH, "futex", timo);
		if (error == EWOULDBLOCK)
			error = ETIMEDOUT;
		/* msleep relocked the bucket it slept on; fw may have moved. */
		if (fw.fw_bucket != b) {
			mtx_unlock(&b->fb_lock);
			b = futex_lock_waiter(&fw);
		}
	}
	if (fw.fw_queued) {
		TAILQ_REMOVE(&b->fb_waiters, &fw, fw_link);
		fw.fw_queued = false;
	} else
		error = 0;	/* woken: that wins over the rest */
	mtx_unlock(&b->fb_lock);
	futex_key_release(&fw.fw_key);
	/* A timed wait is not restarted from the start: EINTR, as Linux. */
	if (error == ERESTART && ts != NULL)
		error = EINTR;
	return (error);
}

/*
 * futex_wake: wake up to nwake (at least one) waiters on the word at
 * uaddr whose bitset meets bitset.  Returns 0 with how many in *countp;
 * EINVAL for a misaligned address or an empty bitset; EFAULT.
 */
int
futex_wake(struct thread *td, vm_offset_t uaddr, int flags, int nwake,
    uint32_t bitset, int *countp)
{
	struct futex_key key;
	struct futex_bucket *b;
	int error;

	*countp = 0;
	if (bitset == 0)
		return (EINVAL);
	error = futex_key_get(td, uaddr, flags, &key);
	if (error != 0)
		return (error);
	b = futex_bucket(&key);
	mtx_lock(&b->fb_lock);
	*countp = futex_wake_locked(b, &key, nwake, bitset);
	mtx_unlock(&b->fb_lock);
	futex_key_release(&key);
	return (0);
}

/*
 * futex_requeue: wake up to nwake (maybe 0) waiters on the word at uaddr
 * and move
 * up to nrequeue more to the word at uaddr2; with cmpval, only if the
 * word at uaddr holds *cmpval (EAGAIN otherwise).  Returns 0 with the
 * woken plus the moved in *countp; EINVAL (misaligned, negative
 * counts); EFAULT.
 */
int
futex_requeue(struct thread *td, vm_offset_t uaddr, vm_offset_t uaddr2,
    int flags, int nwake, int nrequeue, const uint32_t *cmpval, int *countp)
{
	struct futex_key key1, key2;
	struct futex_bucket *b1, *b2;
	uint32_t cur;
	int error;

	*countp = 0;
	if (nwake < 0 || nrequeue < 0)
		return (EINVAL);
	error = futex_key_get(td, uaddr, flags, &key1);
	if (error != 0)
		return (error);
	error = futex_key_get(td, uaddr2, flags, &key2);
	if (error != 0) {
		futex_key_release(&key1);
		return (error);
	}
	if (cmpval != NULL) {
		error = copyin((const void *)uaddr, &cur, sizeof(cur));
		if (error == 0 && cur != *cmpval)
			error = EAGAIN;
	}
	if (error == 0) {
		b1 = futex_bucket(&key1);
		b2 = futex_bucket(&key2);
		futex_lock_pair(b1, b2);
		*countp = futex_requeue_locked(b1, &key1, b2, &key2, nwake,
		    nrequeue);
		futex_unlock_pair(b1, b2);
	}
	futex_key_release(&key1);
	futex_key_release(&key2);
	return (error);
}

/*
 * In-kernel tests (suite futex): the queue logic on waiters that never
 * sleep: wake counts, order and bitsets; requeue moving waiters to
 * another key (and bucket); keys that differ only in kind or space.
 */
static void
kt_futex_queue(struct futex_waiter *fw, const struct futex_key *key,
    uint32_t bitset)
{
	struct futex_bucket *b = futex_bucket(key);

	memset(fw, 0, sizeof(*fw));
	fw->fw_key = *key;
	fw->fw_bitset = bitset;
	mtx_lock(&b->fb_lock);
	futex_enqueue_locked(b, fw);
	mtx_unlock(&b->fb_lock);
}

static void
kt_futex_unqueue(struct futex_waiter *fw)
{
	struct futex_bucket *b;

	b = futex_lock_waiter(fw);
	if (fw->fw_queued) {
		TAILQ_REMOVE(&b->fb_waiters, fw, fw_link);
		fw->fw_queued = false;
	}
	mtx_unlock(&b->fb_lock);
}

static int
kt_futex_wake(const struct futex_key *key, int n, uint32_t bitset)
{
	struct futex_bucket *b = futex_bucket(key);
	int woken;

	mtx_lock(&b->fb_lock);
	woken = futex_wake_locked(b, key, n, bitset);
	mtx_unlock(&b->fb_lock);
	return (woken);
}

KTEST(futex, wake_counts_and_order)
{
	static int space;
	struct futex_key key = { false, &space, 0x1000 };
	struct futex_waiter fw[4];
	int i;

	for (i = 0; i < 4; i++)
		kt_futex_queue(&fw[i], &key, FUTEX_BITSET_ANY);
	KT_EXPECT_EQ(kt, kt_futex_wake(&key, 1, FUTEX_BITSET_ANY), 1);
	KT_EXPECT(kt, !fw[0].fw_queued && fw[1].fw_queued);
	/* Linux wakes one even when asked for none. */
	KT_EXPECT_EQ(kt, kt_futex_wake(&key, 0, FUTEX_BITSET_ANY), 1);
	KT_EXPECT(kt, !fw[1].fw_queued && fw[2].fw_queued);
	KT_EXPECT_EQ(kt, kt_futex_wake(&key, INT32_MAX, FUTEX_BITSET_ANY), 2);
	KT_EXPECT(kt, !fw[2].fw_queued && !fw[3].fw_queued);
	KT_EXPECT_EQ(kt, kt_futex_wake(&key, INT32_MAX, FUTEX_BITSET_ANY), 0);
}

KTEST(futex, bitsets)
{
	static int space;
	struct futex_key key = { false, &space, 0x2000 };
	struct futex_waiter a, b;

	kt_futex_queue(&a, &key, 0x1);
	kt_futex_queue(&b, &key, 0x6);
	KT_EXPECT_EQ(kt, kt_futex_wake(&key, INT32_MAX, 0x8), 0);
	KT_EXPECT_EQ(kt, kt_futex_wake(&key, INT32_MAX, 0x4), 1);
	KT_EXPECT(kt, a.fw_queued && !b.fw_queued);
	KT_EXPECT_EQ(kt, kt_futex_wake(&key, INT32_MAX, FUTEX_BITSET_ANY), 1);
	KT_EXPECT(kt, !a.fw_queued);
}

KTEST(futex, keys_differ)
{
	static int space1, space2;
	struct futex_key k1 = { false, &space1, 0x3000 };
	struct futex_key k2 = { false, &space2, 0x3000 };
	struct futex_key k3 = { true, &space1, 0x3000 };
	struct futex_key k4 = { false, &space1, 0x3004 };
	struct futex_waiter fw;

	kt_futex_queue(&fw, &k1, FUTEX_BITSET_ANY);
	KT_EXPECT_EQ(kt, kt_futex_wake(&k2, 1, FUTEX_BITSET_ANY), 0);
	KT_EXPECT_EQ(kt, kt_futex_wake(&k3, 1, FUTEX_BITSET_ANY), 0);
	KT_EXPECT_EQ(kt, kt_futex_wake(&k4, 1, FUTEX_BITSET_ANY), 0);
	KT_EXPECT(kt, fw.fw_queued);
	KT_EXPECT_EQ(kt, kt_futex_wake(&k1, 1, FUTEX_BITSET_ANY), 1);
}

KTEST(futex, requeue_moves_waiters)
{
	static int space;
	struct futex_key k1 = { false, &space, 0x4000 };
	struct futex_key k2 = { false, &space, 0x8000 };
	struct futex_bucket *b1 = futex_bucket(&k1), *b2 = futex_bucket(&k2);
	struct futex_waiter fw[5];
	int i, n;

	for (i = 0; i < 5; i++)
		kt_futex_queue(&fw[i], &k1, FUTEX_BITSET_ANY);
	futex_lock_pair(b1, b2);
	n = futex_requeue_locked(b1, &k1, b2, &k2, 1, 2);
	futex_unlock_pair(b1, b2);
	KT_EXPECT_EQ(kt, n, 3);
	KT_EXPECT(kt, !fw[0].fw_queued);
	KT_EXPECT(kt, fw[1].fw_bucket == b2 && futex_key_eq(&fw[1].fw_key,
	    &k2));
	KT_EXPECT(kt, fw[2].fw_bucket == b2 && fw[3].fw_bucket == b1);
	/* The moved ones answer key2 now, the rest still key1. */
	KT_EXPECT_EQ(kt, kt_futex_wake(&k2, INT32_MAX, FUTEX_BITSET_ANY), 2);
	KT_EXPECT_EQ(kt, kt_futex_wake(&k1, INT32_MAX, FUTEX_BITSET_ANY), 2);
	for (i = 0; i < 5; i++)
		kt_futex_unqueue(&fw[i]);
}

KTEST(futex, timeouts_in_ticks)
{
	struct timespec ts;

	KT_EXPECT_EQ(kt, futex_timo(NULL, 0), 0);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	KT_EXPECT_EQ(kt, futex_timo(&ts, 0), -1);
	ts.tv_nsec = 1;
	KT_EXPECT_EQ(kt, futex_timo(&ts, 0), 2);
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	KT_EXPECT_EQ(kt, futex_timo(&ts, 0), hz + 1);
	/* An absolute time in the past has passed. */
	ts.tv_sec = 0;
	ts.tv_nsec = 1;
	KT_EXPECT_EQ(kt, futex_timo(&ts, FUTEX_F_ABSTIME), -1);
	ts.tv_sec = INT64_MAX / NSEC_PER_SEC - 1;
	KT_EXPECT_EQ(kt, futex_timo(&ts, 0), INT32_MAX);
}
