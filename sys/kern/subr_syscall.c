/*
 * subr_syscall.c: the machine-independent middle of a system call.
 *
 * The machine-dependent entry (amd64_syscall, trap.c) calls
 * syscallenter() with the thread's trap frame in td_frame.  The
 * process's ABI (p_sysent, sys/sys/sysent.h) fetches the call number and
 * arguments into td_sa; the handler runs with td_retval[0..1] preset to
 * 0 and returns an errno; the
 * ABI then writes the result or the error into the frame its own way
 * (Linux: rax = value or -errno).  EJUSTRETURN means the handler set the
 * user registers itself (execve) and nothing must be touched.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/sysent.h>

/* syscallenter: run the system call td_frame describes. */
void
syscallenter(struct thread *td)
{
	struct sysentvec *sv = td->td_proc->p_sysent;
	int error;

	KASSERT(sv != NULL, ("syscallenter: pid %d has no ABI",
	    td->td_proc->p_pid));
	td->td_retval[0] = 0;
	td->td_retval[1] = 0;
	error = sv->sv_fetch_syscall_args(td);
	if (error == 0) {
		KASSERT(td->td_sa.callp != NULL && td->td_sa.callp->sy_call !=
		    NULL, ("syscallenter: no handler for %u", td->td_sa.code));
		error = td->td_sa.callp->sy_call(td, td->td_sa.args);
	}
	/* exec may have changed the ABI: the new one reports. */
	td->td_proc->p_sysent->sv_set_syscall_retval(td, error);
}
