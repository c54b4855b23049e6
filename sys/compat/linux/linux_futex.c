/*
 * linux_futex.c: Linux's futex(2), set_robust_list(2) and
 * get_robust_list(2), translated onto sys/kern/kern_futex.c.
 *
 * futex(uaddr, op, val, utime, uaddr2, val3): op is a command and two
 * flags.  FUTEX_PRIVATE_FLAG keys the word by address space and
 * address; without it the word is shared (FUTEX_F_SHARED).
 * FUTEX_CLOCK_REALTIME is accepted with FUTEX_WAIT_BITSET only (ENOSYS
 * otherwise, as Linux).  Commands:
 *   - FUTEX_WAIT (val, a relative timeout on CLOCK_MONOTONIC) and
 *     FUTEX_WAIT_BITSET (val3 the bitset, an absolute timeout);
 *   - FUTEX_WAKE (val waiters) and FUTEX_WAKE_BITSET (val3 the bitset);
 *     the result is how many woke;
 *   - FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (wake val, move val2 = the
 *     utime argument to uaddr2; CMP_ only if *uaddr == val3): the result
 *     is how many were woken or moved.
 * The timeout is read and checked (EFAULT, EINVAL) before the command
 * is looked at, as Linux does.  Other commands (the PI ones, WAKE_OP,
 * FUTEX_FD) are ENOSYS.
 *
 * The robust list (glibc registers one per thread) is recorded and
 * reported back; XXX: it is not walked when a thread dies, so a robust
 * mutex held by a dead thread is not marked FUTEX_OWNER_DIED.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/futex.h>
#include <sys/proc.h>
#include <sys/time.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

/* Whether cmd takes a timeout in utime (Linux's futex_cmd_has_timeout). */
static bool
linux_futex_has_timeout(int cmd)
{
	switch (cmd) {
	case LINUX_FUTEX_WAIT:
	case LINUX_FUTEX_LOCK_PI:
	case LINUX_FUTEX_LOCK_PI2:
	case LINUX_FUTEX_WAIT_BITSET:
	case LINUX_FUTEX_WAIT_REQUEUE_PI:
		return (true);
	default:
		return (false);
	}
}

int
linux_futex(struct thread *td, struct linux_futex_args *args)
{
	struct l_timespec lts;
	struct timespec ts, *tsp = NULL;
	int cmd = args->op & LINUX_FUTEX_CMD_MASK, count, error, flags = 0;
	int val2 = (int)(uint32_t)args->utime;

	if ((args->op & LINUX_FUTEX_PRIVATE_FLAG) == 0)
		flags |= FUTEX_F_SHARED;
	if (args->utime != 0 && linux_futex_has_timeout(cmd)) {
		error = copyin((const void *)args->utime, &lts, sizeof(lts));
		if (error != 0)
			return (error);
		if (lts.tv_sec < 0 || lts.tv_nsec < 0 ||
		    lts.tv_nsec >= NSEC_PER_SEC)
			return (EINVAL);
		ts.tv_sec = lts.tv_sec;
		ts.tv_nsec = lts.tv_nsec;
		tsp = &ts;
	}
	if (args->op & LINUX_FUTEX_CLOCK_REALTIME) {
		if (cmd != LINUX_FUTEX_WAIT_BITSET)
			return (ENOSYS);
		flags |= FUTEX_F_REALTIME;
	}
	switch (cmd) {
	case LINUX_FUTEX_WAIT:
		return (futex_wait(td, args->uaddr, args->val,
		    FUTEX_BITSET_ANY, flags, tsp));
	case LINUX_FUTEX_WAIT_BITSET:
		return (futex_wait(td, args->uaddr, args->val, args->val3,
		    flags | FUTEX_F_ABSTIME, tsp));
	case LINUX_FUTEX_WAKE:
	case LINUX_FUTEX_WAKE_BITSET:
		error = futex_wake(td, args->uaddr, flags, (int)args->val,
		    cmd == LINUX_FUTEX_WAKE ? FUTEX_BITSET_ANY : args->val3,
		    &count);
		break;
	case LINUX_FUTEX_REQUEUE:
	case LINUX_FUTEX_CMP_REQUEUE:
		error = futex_requeue(td, args->uaddr, args->uaddr2, flags,
		    (int)args->val, val2, cmd == LINUX_FUTEX_CMP_REQUEUE ?
		    &args->val3 : NULL, &count);
		break;
	default:
		return (ENOSYS);
	}
	if (error == 0)
		td->td_retval[0] = count;
	return (error);
}

/* set_robust_list(head, len): len must be the head's size. */
int
linux_set_robust_list(struct thread *td,
    struct linux_set_robust_list_args *args)
{
	if (args->len != LINUX_ROBUST_LIST_HEAD_SIZE)
		return (EINVAL);
	td->td_robust_list = args->head;
	td->td_robust_len = args->len;
	return (0);
}

/*
 * get_robust_list(pid, head_ptr, len_ptr): the calling thread's (pid 0)
 * or thread pid's head and size.  ESRCH for no such thread.
 */
int
linux_get_robust_list(struct thread *td,
    struct linux_get_robust_list_args *args)
{
	struct thread *td2;
	uint64_t head, len;
	int error;

	if (args->pid == 0) {
		head = td->td_robust_list;
		len = td->td_robust_len;
	} else {
		mtx_lock(&proctree_lock);
		td2 = tdfind_locked(args->pid, -1);
		if (td2 == NULL) {
			mtx_unlock(&proctree_lock);
			return (ESRCH);
		}
		head = td2->td_robust_list;
		len = td2->td_robust_len;
		mtx_unlock(&proctree_lock);
	}
	error = copyout(&len, (void *)args->len_ptr, sizeof(len));
	if (error == 0)
		error = copyout(&head, (void *)args->head_ptr, sizeof(head));
	return (error);
}
