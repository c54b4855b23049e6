/*
 * kern_resource.c: resource limits (getrlimit, setrlimit, prlimit) and
 * CPU time used (getrusage, times).
 *
 * The limits are recorded and inherited; none is enforced yet except
 * RLIMIT_DATA by brk.  XXX: the stack does not grow, so RLIMIT_STACK
 * (8 MiB by default, as Linux) only tells glibc how big thread stacks
 * should be.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/resource.h>
#include <sys/syscallsubr.h>

/* Linux's fs.nr_open: no RLIMIT_NOFILE above it. */
#define LINUX_NR_OPEN	(1u << 20)

/*
 * kern_prlimit: get (into *oldlim, if not NULL) and set (from *newlim, if
 * not NULL) limit `which' of process pid (0: td's).  Returns 0, EINVAL
 * (no such limit, or soft above hard), ESRCH (not td's process: only
 * the calling process for now) or EPERM (raising a hard limit needs
 * root, and everybody is root, so only RLIMIT_NOFILE above Linux's
 * fs.nr_open, 2^20).
 */
int
kern_prlimit(struct thread *td, pid_t pid, u_int which,
    const struct rlimit *newlim, struct rlimit *oldlim)
{
	struct proc *p = td->td_proc;

	if (which >= RLIM_NLIMITS)
		return (EINVAL);
	if (pid != 0 && pid != p->p_pid)
		return (ESRCH);
	if (newlim != NULL && newlim->rlim_cur > newlim->rlim_max)
		return (EINVAL);
	if (newlim != NULL && which == RLIMIT_NOFILE &&
	    newlim->rlim_max > LINUX_NR_OPEN)
		return (EPERM);
	if (oldlim != NULL)
		*oldlim = p->p_limit[which];
	if (newlim != NULL)
		p->p_limit[which] = *newlim;
	return (0);
}

/*
 * kern_getcputicks: the CPU time of td's process (RUSAGE_SELF: every
 * thread, exited ones too), of td (RUSAGE_THREAD), or of the process's
 * children it has reaped with a wait, and their own reaped children
 * (RUSAGE_CHILDREN), as the clock tick charged it (kern_time.c's
 * cputime_tick).  0, or EINVAL for another who.
 */
int
kern_getcputicks(struct thread *td, int who, struct cputicks *ct)
{
	struct proc *p = td->td_proc;

	switch (who) {
	case RUSAGE_SELF:
		mtx_lock_spin(&sched_lock);
		ct->ct_user = p->p_uticks;
		ct->ct_sys = p->p_sticks;
		mtx_unlock_spin(&sched_lock);
		return (0);
	case RUSAGE_THREAD:
		mtx_lock_spin(&sched_lock);
		ct->ct_user = td->td_uticks;
		ct->ct_sys = td->td_sticks;
		mtx_unlock_spin(&sched_lock);
		return (0);
	case RUSAGE_CHILDREN:
		mtx_lock(&proctree_lock);
		ct->ct_user = p->p_cuticks;
		ct->ct_sys = p->p_csticks;
		mtx_unlock(&proctree_lock);
		return (0);
	default:
		return (EINVAL);
	}
}
