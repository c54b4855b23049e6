/*
 * kern_resource.c: resource limits (getrlimit, setrlimit, prlimit).
 *
 * The limits are recorded and inherited; none is enforced yet except
 * RLIMIT_DATA by brk.  XXX: the stack does not grow, so RLIMIT_STACK
 * (8 MiB by default, as Linux) only tells glibc how big thread stacks
 * should be.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/syscallsubr.h>

/*
 * kern_prlimit: get (into *oldlim, if not NULL) and set (from *newlim, if
 * not NULL) limit `which' of process pid (0: td's).  Returns 0, EINVAL
 * (no such limit, or soft above hard), ESRCH (not td's process: only
 * the calling process for now) or EPERM (raising a hard limit needs
 * root, and everybody is root, so never).
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
	if (oldlim != NULL)
		*oldlim = p->p_limit[which];
	if (newlim != NULL)
		p->p_limit[which] = *newlim;
	return (0);
}
