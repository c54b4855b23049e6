/*
 * sysent.h: system-call tables and ABIs (FreeBSD's struct sysentvec).
 *
 * Each process points at the ABI of the program it runs (p_sysent, set by
 * exec from the ELF brand).  The machine-dependent entry
 * (amd64_syscall) asks the ABI to fetch the call's number and arguments
 * from the trap frame, runs the table entry, and asks the ABI to store
 * the result the way its user code expects it.  sys/kern never knows
 * which ABI it serves: the Linux one (sys/compat/linux/linux_sysvec.c)
 * registers itself.
 */
#ifndef _SYS_SYSENT_H_
#define _SYS_SYSENT_H_

#include <sys/types.h>
#include <sys/signalvar.h>

struct image_params;
struct thread;

typedef int sy_call_t(struct thread *td, void *args);

/* One system call: handler and argument count. */
struct sysent {
	sy_call_t	*sy_call;	/* NULL: not implemented */
	int		sy_narg;
	const char	*sy_name;
};

struct sysentvec {
	const char	*sv_name;	/* "Linux ELF64" */
	int		sv_size;	/* entries in sv_table */
	const struct sysent *sv_table;
	/* Fill td->td_sa from the trap frame; errno on failure. */
	int		(*sv_fetch_syscall_args)(struct thread *td);
	/* Store the result (td_retval, or the error) in the trap frame. */
	void		(*sv_set_syscall_retval)(struct thread *td, int error);
	/*
	 * Fill auxv[0..max) with the auxiliary vector of a new image
	 * (pairs of words, ending with the null entry); returns the words
	 * used, or -1 when max is too small.
	 */
	int		(*sv_fill_auxargs)(struct image_params *imgp,
			    uint64_t *auxv, int max);
	const char	*sv_platform;	/* AT_PLATFORM string */
	/*
	 * Deliver a caught signal: build the handler's frame on the user
	 * stack and point the trap frame at the handler.  mask is the
	 * blocked set to restore when it returns.  0, or EFAULT when the
	 * frame cannot be written (the caller then kills the process).
	 */
	int		(*sv_sendsig)(struct thread *td,
			    const struct sigaction *act, const ksiginfo_t *ksi,
			    sigset_t mask);
};

void	syscallenter(struct thread *td);

#endif /* !_SYS_SYSENT_H_ */
