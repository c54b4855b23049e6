/*
 * kern_lockf.c: POSIX record locks (fcntl F_GETLK, F_SETLK, F_SETLKW).
 *
 * A lock is a byte range [lf_start, lf_end] of a vnode, shared (F_RDLCK)
 * or exclusive (F_WRLCK), owned by a process.  Two locks conflict when
 * their owners differ, their ranges overlap and one is exclusive.  One
 * owner's locks on a vnode never overlap one another: setting a range
 * first cuts the owner's old locks out of it (splitting one that covers
 * it on both sides), then adds the new lock unless the request is
 * F_UNLCK.  Adjacent locks of one type are not merged (F_GETLK may then
 * report a part of what was set).
 *
 * As POSIX wants, a process's locks on a file go when it closes any
 * descriptor of the file (lf_release from close, dup2 over a
 * descriptor, close-on-exec) and all of them when it exits (fdfree);
 * children do not inherit them.  So a lock's vnode is open while the
 * lock lives and the vnode pointer names it without a reference.
 *
 * All locks are on one list under one mutex: the system holds a few.
 * Waiters (F_SETLKW) sleep on the list, interruptibly, and are woken
 * when any lock is removed or shrunk.  XXX: no deadlock detection
 * (EDEADLK); the OFD locks (F_OFD_*) are not done.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/queue.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>

static MALLOC_DEFINE(M_LOCKF, "lockf", "record locks");

/*
 * A lock.
 * Locking: (l) lf_mtx.
 */
struct lockf {
	TAILQ_ENTRY(lockf) lf_link;	/* (l) on lf_list */
	struct vnode	*lf_vp;		/* (l) the file (open by the owner) */
	struct proc	*lf_owner;	/* (l) */
	off_t		lf_start;	/* (l) first byte */
	off_t		lf_end;		/* (l) last byte; LF_EOF: to the end */
	short		lf_type;	/* (l) F_RDLCK or F_WRLCK */
};

#define	LF_EOF		INT64_MAX	/* lf_end of a lock to the end */

TAILQ_HEAD(lockf_list, lockf);
static struct lockf_list lf_list = TAILQ_HEAD_INITIALIZER(lf_list);
static struct mtx lf_mtx;

static void
lf_init(const void *arg __unused)
{
	mtx_init(&lf_mtx, "lockf", NULL, MTX_DEF);
}
SYSINIT(lockf, SI_SUB_VFS, SI_ORDER_ANY, lf_init, NULL);

/* lf_free_list: free the locks of list (taken off lf_list, unlocked). */
static void
lf_free_list(struct lockf_list *list)
{
	struct lockf *lf;

	while ((lf = TAILQ_FIRST(list)) != NULL) {
		TAILQ_REMOVE(list, lf, lf_link);
		free(lf, M_LOCKF);
	}
}

/* lf_conflict: the first lock of another owner that blocks the request. */
static struct lockf *
lf_conflict(struct proc *p, struct vnode *vp, off_t start, off_t end,
    short type)
{
	struct lockf *lf;

	mtx_assert(&lf_mtx, MA_OWNED);
	TAILQ_FOREACH(lf, &lf_list, lf_link) {
		if (lf->lf_vp != vp || lf->lf_owner == p)
			continue;
		if (lf->lf_end < start || lf->lf_start > end)
			continue;
		if (lf->lf_type == F_WRLCK || type == F_WRLCK)
			return (lf);
	}
	return (NULL);
}

/*
 * lf_set: give p the range [start, end] of vp as type (F_UNLCK: none),
 * waiting for conflicting locks when wait.  0, EAGAIN, or the sleep's
 * EINTR / ERESTART.
 */
static int
lf_set(struct proc *p, struct vnode *vp, off_t start, off_t end, short type,
    bool wait)
{
	struct lockf_list dead = TAILQ_HEAD_INITIALIZER(dead);
	struct lockf *lf, *next, *new, *split;
	int error = 0;

	new = malloc(sizeof(*new), M_LOCKF, M_WAITOK | M_ZERO);
	split = malloc(sizeof(*split), M_LOCKF, M_WAITOK | M_ZERO);
	mtx_lock(&lf_mtx);
	while (type != F_UNLCK &&
	    lf_conflict(p, vp, start, end, type) != NULL) {
		if (!wait) {
			error = EAGAIN;
			goto out;
		}
		error = msleep(&lf_list, &lf_mtx, PCATCH, "lockf", 0);
		if (error != 0)
			goto out;
	}
	TAILQ_FOREACH_SAFE(lf, &lf_list, lf_link, next) {
		if (lf->lf_vp != vp || lf->lf_owner != p ||
		    lf->lf_end < start || lf->lf_start > end)
			continue;
		if (lf->lf_start < start && lf->lf_end > end) {
			KASSERT(split != NULL, ("lf_set: two locks of one "
			    "owner overlap"));
			*split = *lf;
			split->lf_start = end + 1;
			TAILQ_INSERT_AFTER(&lf_list, lf, split, lf_link);
			split = NULL;
			lf->lf_end = start - 1;
		} else if (lf->lf_start < start) {
			lf->lf_end = start - 1;
		} else if (lf->lf_end > end) {
			lf->lf_start = end + 1;
		} else {
			TAILQ_REMOVE(&lf_list, lf, lf_link);
			TAILQ_INSERT_TAIL(&dead, lf, lf_link);
		}
	}
	if (type != F_UNLCK) {
		new->lf_vp = vp;
		new->lf_owner = p;
		new->lf_start = start;
		new->lf_end = end;
		new->lf_type = type;
		TAILQ_INSERT_TAIL(&lf_list, new, lf_link);
		new = NULL;
	}
	wakeup(&lf_list);
out:
	mtx_unlock(&lf_mtx);
	lf_free_list(&dead);
	free(new, M_LOCKF);
	free(split, M_LOCKF);
	return (error);
}

/* lf_release: see syscallsubr.h. */
void
lf_release(struct proc *p, struct vnode *vp)
{
	struct lockf_list dead = TAILQ_HEAD_INITIALIZER(dead);
	struct lockf *lf, *next;

	mtx_lock(&lf_mtx);
	TAILQ_FOREACH_SAFE(lf, &lf_list, lf_link, next) {
		if (lf->lf_owner != p || (vp != NULL && lf->lf_vp != vp))
			continue;
		TAILQ_REMOVE(&lf_list, lf, lf_link);
		TAILQ_INSERT_TAIL(&dead, lf, lf_link);
	}
	if (!TAILQ_EMPTY(&dead))
		wakeup(&lf_list);
	mtx_unlock(&lf_mtx);
	lf_free_list(&dead);
}

/*
 * lf_range: fl's range as [*startp, *endp], its l_start taken from
 * l_whence (SEEK_CUR: fp's offset, SEEK_END: the file's size).
 */
static int
lf_range(struct thread *td, struct file *fp, const struct flock *fl,
    off_t *startp, off_t *endp)
{
	struct stat sb;
	off_t base, start;
	int error;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		mtx_lock(&fp->f_mtx);
		base = fp->f_offset;
		mtx_unlock(&fp->f_mtx);
		break;
	case SEEK_END:
		error = fo_stat(fp, &sb, td);
		if (error != 0)
			return (error);
		base = sb.st_size;
		break;
	default:
		return (EINVAL);
	}
	if (__builtin_add_overflow(base, fl->l_start, &start))
		return (EOVERFLOW);
	if (fl->l_len < 0) {
		if (__builtin_add_overflow(start, fl->l_len, startp))
			return (EINVAL);
		*endp = start - 1;
		start = *startp;
	} else if (fl->l_len == 0) {
		*endp = LF_EOF;
	} else if (__builtin_add_overflow(start, fl->l_len - 1, endp)) {
		return (EOVERFLOW);
	}
	if (start < 0)
		return (EINVAL);
	*startp = start;
	return (0);
}

/* kern_advlock: see syscallsubr.h. */
int
kern_advlock(struct thread *td, int fd, int cmd, struct flock *fl)
{
	struct proc *p = td->td_proc;
	struct lockf *lf;
	struct file *fp;
	off_t start, end;
	int error;

	KASSERT(cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW,
	    ("kern_advlock: cmd %d", cmd));
	error = fget(td, fd, 0, &fp);
	if (error != 0)
		return (error);
	if (fp->f_vnode == NULL) {
		error = EINVAL;
		goto out;
	}
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK &&
	    (cmd == F_GETLK || fl->l_type != F_UNLCK)) {
		error = EINVAL;
		goto out;
	}
	if (cmd != F_GETLK && ((fl->l_type == F_RDLCK &&
	    (fp->f_flag & FREAD) == 0) || (fl->l_type == F_WRLCK &&
	    (fp->f_flag & FWRITE) == 0))) {
		error = EBADF;
		goto out;
	}
	error = lf_range(td, fp, fl, &start, &end);
	if (error != 0)
		goto out;
	if (cmd != F_GETLK) {
		error = lf_set(p, fp->f_vnode, start, end, fl->l_type,
		    cmd == F_SETLKW);
		goto out;
	}
	mtx_lock(&lf_mtx);
	lf = lf_conflict(p, fp->f_vnode, start, end, fl->l_type);
	if (lf == NULL) {
		fl->l_type = F_UNLCK;
	} else {
		fl->l_type = lf->lf_type;
		fl->l_whence = SEEK_SET;
		fl->l_start = lf->lf_start;
		fl->l_len = lf->lf_end == LF_EOF ? 0 :
		    lf->lf_end - lf->lf_start + 1;
		fl->l_pid = lf->lf_owner->p_pid;
	}
	mtx_unlock(&lf_mtx);
out:
	(void)fdrop(fp, td);
	return (error);
}
