/*
 * signal.h: signal numbers, actions, flags and codes.  The values are
 * Linux's x86-64 ones, like errno.h, so the Linux personality passes
 * them through unchanged (sys/compat/linux/linux_signal.c only changes
 * layouts).  The machinery is sys/kern/kern_sig.c, <sys/signalvar.h>;
 * share/doc/signals.md.
 */
#ifndef _SYS_SIGNAL_H_
#define _SYS_SIGNAL_H_

#include <sys/types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define NSIG		64	/* signals are 1..NSIG */

/* A set of signals: bit sig - 1 stands for sig (Linux's sigset_t). */
typedef uint64_t sigset_t;
#define SIGBIT(sig)	(1ul << ((sig) - 1))
#define SIGCANTMASK	(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* Special handlers. */
#define SIG_DFL		0ul
#define SIG_IGN		1ul

/* sa_flags */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000	/* sa_restorer is the return address */
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* sigprocmask's how */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* An action (the kernel's own; the ABI translates its layout). */
struct sigaction {
	uint64_t	sa_handler;	/* SIG_DFL, SIG_IGN or a user address */
	uint64_t	sa_flags;	/* SA_* */
	uint64_t	sa_restorer;	/* user address the handler returns to */
	sigset_t	sa_mask;	/* also blocked while the handler runs */
};

/* sigaltstack */
typedef struct {
	uint64_t	ss_sp;
	int		ss_flags;	/* SS_* */
	uint64_t	ss_size;
} stack_t;
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1u << 31)
#define MINSIGSTKSZ	2048

/* si_code: who sent it (<= 0), or why the kernel did (> 0). */
#define SI_USER		0	/* kill */
#define SI_KERNEL	0x80
#define SI_TIMER	(-2)	/* an expired timer (setitimer) */
#define SI_TKILL	(-6)	/* tkill, tgkill */
#define ILL_ILLOPN	2	/* illegal operand (#UD) */
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define SEGV_MAPERR	1	/* no mapping at the address */
#define SEGV_ACCERR	2	/* the mapping does not allow the access */
#define BUS_ADRALN	1
#define BUS_ADRERR	2	/* no object behind the address (past EOF) */
#define BUS_OBJERR	3	/* the object's store failed (I/O error) */
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

const char *signame(int sig);

#endif /* !_SYS_SIGNAL_H_ */
