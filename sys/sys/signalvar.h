/*
 * signalvar.h: the kernel's signal state and interface
 * (sys/kern/kern_sig.c; share/doc/signals.md).
 *
 * A process has one action per signal (struct sigacts, in struct proc)
 * shared by its threads, and a pending set for signals sent to the
 * process (p_sigpend); a thread has its blocked mask (td_sigmask), its
 * own pending set (td_sigpend) for signals sent to it (tgkill, faults),
 * and its alternate stack.  Each pending set has one ksiginfo per
 * pending signal (a second signal of the same number while one is
 * pending is merged into it).  A thread takes its own signals and the
 * process's that it does not block.
 *
 * Lock legend (see proc.h): the pending sets and queues and the actions
 * are (p) p_mtx, taken after proctree_lock; a thread's mask and
 * alternate stack are (k) its own.
 */
#ifndef _SYS_SIGNALVAR_H_
#define _SYS_SIGNALVAR_H_

#include <sys/types.h>
#include <sys/signal.h>

struct pgrp;
struct proc;
struct thread;

/* What the kernel knows of one pending signal (siginfo's contents). */
typedef struct ksiginfo {
	int		ksi_signo;	/* 0: slot unused */
	int		ksi_errno;
	int		ksi_code;	/* SI_*, or the fault's *_* code */
	pid_t		ksi_pid;	/* SI_USER, SI_TKILL, CLD_*: sender */
	uid_t		ksi_uid;
	int		ksi_status;	/* CLD_*: exit code or signal */
	uint64_t	ksi_addr;	/* faults: the address (si_addr) */
	uint64_t	ksi_trapno;	/* faults: the vector (sigcontext) */
	uint64_t	ksi_err;	/* faults: the error code */
} ksiginfo_t;

#define KSI_FAULT	(-1000)	/* ksi_trapno when not from a fault */

/* A process's actions, indexed by signal - 1. */
struct sigacts {
	struct sigaction ps_act[NSIG];	/* (p) */
};

#ifdef _KERNEL
/* What the default action of a signal is. */
#define SIGPROP_KILL	1	/* terminate */
#define SIGPROP_CORE	2	/* terminate ("core": no core file) */
#define SIGPROP_IGNORE	3	/* nothing */
#define SIGPROP_STOP	4	/* stop the process (job control) */
int	sigprop(int sig);
/* userret: park td while its process is stopped; whether it was. */
bool	sig_stop_park(struct thread *td);

void	ksiginfo_init(ksiginfo_t *ksi, int sig, int code);
void	trapsignal(struct thread *td, const ksiginfo_t *ksi);
void	tdsignal(struct thread *td, const ksiginfo_t *ksi);
int	psignal(struct proc *p, const ksiginfo_t *ksi);
bool	sig_caught(struct thread *td, int sig);
int	sig_sleep_check(struct thread *td);
void	ast_signals(struct thread *td);
void	sigacts_fork(struct proc *p1, struct proc *p2);
void	sigacts_exec(struct thread *td);
bool	sigonstack(struct thread *td, uint64_t sp);

int	kern_sigaction(struct thread *td, int sig, const struct sigaction *act,
	    struct sigaction *oact);
int	kern_sigprocmask(struct thread *td, int how, const sigset_t *set,
	    sigset_t *oset);
void	kern_sigpending(struct thread *td, sigset_t *set);
void	kern_sigsetmask(struct thread *td, sigset_t mask);
/*
 * A wait with a temporary mask: kern_sigmask_during sets it (keeping the
 * old one); kern_sigmask_restore puts the old one back at once, or, when
 * a signal ended the wait (interrupted), once its handler's frame has
 * saved the old mask (postsig) or on the way out (userret).
 */
void	kern_sigmask_during(struct thread *td, sigset_t mask);
void	kern_sigmask_restore(struct thread *td, bool interrupted);
void	sigmask_restore_pending(struct thread *td);
struct timespec;
int	kern_sigsuspend(struct thread *td, sigset_t mask);
int	kern_sigtimedwait(struct thread *td, sigset_t set, ksiginfo_t *ksi,
	    const struct timespec *timeout);
int	kern_sigaltstack(struct thread *td, const stack_t *ss, stack_t *oss);
int	kern_kill(struct thread *td, pid_t pid, int sig);
int	kern_killpg(struct thread *td, pid_t pgid, int sig);
/* sig from the kernel (SI_KERNEL) to every live member of pg.  (t) */
void	pgsignal(struct pgrp *pg, int sig);
/* Whether td blocks sig or its process ignores it (SIG_IGN). */
bool	sig_ignored_or_blocked(struct thread *td, int sig);
int	kern_tgkill(struct thread *td, pid_t tgid, pid_t tid, int sig);
#endif

#endif /* !_SYS_SIGNALVAR_H_ */
