/*
 * kern_sig.c: signals: actions, masks, posting and delivery.
 *
 * State (sys/signalvar.h): a process's actions (p_sigacts, one struct
 * sigaction per signal); its thread's blocked mask (td_sigmask), pending
 * set (td_sigpend) and one ksiginfo per pending signal (td_sigqueue: a
 * signal posted again while pending is merged, as Linux does for the
 * classic signals), and its alternate stack (td_sigstk).
 *
 * Cases:
 *   - posting (tdsignal, psignal): a signal that would be ignored on
 *     arrival and is not blocked is dropped; otherwise it becomes
 *     pending.  kill, tgkill and a child's exit (SIGCHLD) post so;
 *   - a fault (trapsignal): the signal is forced, as Linux's
 *     force_sig_info: when it is blocked or ignored, its action becomes
 *     SIG_DFL and it is unblocked, so the fault cannot repeat forever;
 *   - delivery (ast_signals, from userret on every return to user mode):
 *     each pending, unblocked signal, SIGKILL first, then the lowest:
 *     SIG_IGN drops it; SIG_DFL terminates (sigexit: the parent's wait4
 *     sees the signal), or does nothing for SIGCHLD, SIGURG, SIGWINCH,
 *     SIGCONT and (XXX: no job control) the stop signals; a handler gets
 *     a frame built by the ABI (sv_sendsig), and its sa_mask (and the
 *     signal itself, unless SA_NODEFER) is blocked until it returns
 *     through sigreturn.  A frame that cannot be written kills the
 *     process with SIGSEGV.
 *
 * Sleeps with PCATCH (pipes, the tty) are interruptible: posting a
 * signal that is not blocked ends such a sleep (sleepq_interrupt), and
 * the system call fails with EINTR, or is restarted when the handler has
 * SA_RESTART (ERESTART: the ABI rewinds the call, sv_set_syscall_retval).
 * XXX: other sleeps (wait4) are not interruptible yet.  A process
 * running only user code sees a signal at its next system call or
 * exception (the interrupt return path does not run userret yet).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/sysent.h>

#include <machine/frame.h>

/* sigprop: the default action of sig (SIGPROP_*). */
int
sigprop(int sig)
{
	KASSERT(sig >= 1 && sig <= NSIG, ("sigprop: signal %d", sig));
	switch (sig) {
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
	case SIGCONT:
		return (SIGPROP_IGNORE);
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return (SIGPROP_STOP);
	case SIGQUIT:
	case SIGILL:
	case SIGTRAP:
	case SIGABRT:
	case SIGBUS:
	case SIGFPE:
	case SIGSEGV:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
		return (SIGPROP_CORE);
	default:
		return (SIGPROP_KILL);
	}
}

/* ksiginfo_init: a siginfo for sig with code, every other field zero. */
void
ksiginfo_init(ksiginfo_t *ksi, int sig, int code)
{
	memset(ksi, 0, sizeof(*ksi));
	ksi->ksi_signo = sig;
	ksi->ksi_code = code;
}

/* sigact: p's action for sig. */
static struct sigaction *
sigact(struct proc *p, int sig)
{
	return (&p->p_sigacts.ps_act[sig - 1]);
}

/* Whether sig arriving now would be thrown away (ignored). */
static bool
sig_ignored(struct proc *p, int sig)
{
	const struct sigaction *act = sigact(p, sig);

	if (sig == SIGKILL)
		return (false);
	return (act->sa_handler == SIG_IGN || (act->sa_handler == SIG_DFL &&
	    sigprop(sig) == SIGPROP_IGNORE));
}

/*
 * tdsignal: post ksi to td, a user thread.  Dropped when it would be
 * ignored and is not blocked; merged into one already pending.
 */
void
tdsignal(struct thread *td, const ksiginfo_t *ksi)
{
	struct proc *p = td->td_proc;
	int sig = ksi->ksi_signo;

	KASSERT(sig >= 1 && sig <= NSIG, ("tdsignal: signal %d", sig));
	KASSERT(td->td_frame != NULL, ("tdsignal: kernel thread %s",
	    td->td_name));
	bool wake = false;

	mtx_lock(&p->p_mtx);
	if (!sig_ignored(p, sig) || (td->td_sigmask & SIGBIT(sig)) != 0) {
		if ((td->td_sigpend & SIGBIT(sig)) == 0) {
			td->td_sigqueue[sig - 1] = *ksi;
			td->td_sigpend |= SIGBIT(sig);
		}
		wake = (td->td_sigmask & SIGBIT(sig)) == 0;
	}
	mtx_unlock(&p->p_mtx);
	/* After the pending bit: an interruptible sleeper sees one or the
	   other (kern_synch.c). */
	if (wake)
		sleepq_interrupt(td);
}

/*
 * sig_intr_pending: whether td has a pending signal that interrupts a
 * PCATCH sleep (not blocked, not ignored).  Called by td itself with
 * sched_lock held: reads td_sigpend without p_mtx (one word; posters set
 * it before taking sched_lock).
 */
bool
sig_intr_pending(struct thread *td)
{
	sigset_t set;
	int sig;

	set = td->td_sigpend & ~td->td_sigmask;
	while (set != 0) {
		sig = __builtin_ctzl(set) + 1;
		if (!sig_ignored(td->td_proc, sig))
			return (true);
		set &= ~SIGBIT(sig);
	}
	return (false);
}

/*
 * sig_intr_errno: the error of a system call a signal interrupted: EINTR,
 * or ERESTART when the signal to be delivered next has a handler with
 * SA_RESTART (td: curthread).
 */
int
sig_intr_errno(struct thread *td)
{
	struct proc *p = td->td_proc;
	const struct sigaction *act;
	sigset_t set;
	int sig, error = EINTR;

	mtx_lock(&p->p_mtx);
	set = td->td_sigpend & ~td->td_sigmask;
	if (set != 0 && (set & SIGBIT(SIGKILL)) == 0) {
		sig = __builtin_ctzl(set) + 1;
		act = sigact(p, sig);
		if (act->sa_handler > SIG_IGN && (act->sa_flags & SA_RESTART))
			error = ERESTART;
	}
	mtx_unlock(&p->p_mtx);
	return (error);
}

/*
 * psignal: post ksi to process p (to its thread).  proctree_lock held.
 * Returns 0, or ESRCH when p has no thread left.
 */
int
psignal(struct proc *p, const ksiginfo_t *ksi)
{
	struct thread *td;

	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT((p->p_flag & P_SYSTEM) == 0, ("psignal: to the kernel"));
	td = TAILQ_FIRST(&p->p_threads);
	if (td == NULL)
		return (ESRCH);
	tdsignal(td, ksi);
	return (0);
}

/*
 * trapsignal: post the signal of a fault to td (curthread), forcing it:
 * a blocked or ignored one is unblocked and gets its default action.  It
 * is delivered on the way back to user mode (userret).
 */
void
trapsignal(struct thread *td, const ksiginfo_t *ksi)
{
	struct proc *p = td->td_proc;
	struct sigaction *act;
	int sig = ksi->ksi_signo;

	KASSERT(td == curthread, ("trapsignal: not curthread"));
	KASSERT(sig >= 1 && sig <= NSIG, ("trapsignal: signal %d", sig));
	act = sigact(p, sig);
	if ((td->td_sigmask & SIGBIT(sig)) != 0 || act->sa_handler == SIG_IGN) {
		act->sa_handler = SIG_DFL;
		td->td_sigmask &= ~SIGBIT(sig);
	}
	tdsignal(td, ksi);
}

/* sig_caught: whether a handler would run for sig now (td: curthread). */
bool
sig_caught(struct thread *td, int sig)
{
	return (sigact(td->td_proc, sig)->sa_handler > SIG_IGN &&
	    (td->td_sigmask & SIGBIT(sig)) == 0);
}

/* Take the next deliverable signal off td's pending set; 0 if none. */
static int
cursig(struct thread *td, ksiginfo_t *ksi)
{
	struct proc *p = td->td_proc;
	sigset_t set;
	int sig;

	mtx_lock(&p->p_mtx);
	set = td->td_sigpend & ~td->td_sigmask;
	if (set == 0) {
		mtx_unlock(&p->p_mtx);
		return (0);
	}
	sig = (set & SIGBIT(SIGKILL)) ? SIGKILL : __builtin_ctzl(set) + 1;
	*ksi = td->td_sigqueue[sig - 1];
	td->td_sigqueue[sig - 1].ksi_signo = 0;
	td->td_sigpend &= ~SIGBIT(sig);
	mtx_unlock(&p->p_mtx);
	return (sig);
}

/* Act on one signal taken off the pending set. */
static void
postsig(struct thread *td, const ksiginfo_t *ksi)
{
	struct proc *p = td->td_proc;
	struct sigaction *act;
	sigset_t oldmask;
	int sig = ksi->ksi_signo;

	act = sigact(p, sig);
	if (sig == SIGKILL || act->sa_handler == SIG_DFL) {
		switch (sig == SIGKILL ? SIGPROP_KILL : sigprop(sig)) {
		case SIGPROP_KILL:
		case SIGPROP_CORE:
			sigexit(td, sig);
		default:
			return;
		}
	}
	if (act->sa_handler == SIG_IGN)
		return;
	oldmask = td->td_sigmask;
	if (p->p_sysent->sv_sendsig(td, act, ksi, oldmask) != 0) {
		printf("pid %d (%s): cannot write the frame for %s at user "
		    "stack %#lx\n", p->p_pid, p->p_comm, signame(sig),
		    td->td_frame->tf_rsp);
		sigexit(td, SIGSEGV);
	}
	td->td_sigmask |= act->sa_mask;
	if ((act->sa_flags & SA_NODEFER) == 0)
		td->td_sigmask |= SIGBIT(sig);
	td->td_sigmask &= ~SIGCANTMASK;
	if (act->sa_flags & SA_RESETHAND) {
		act->sa_handler = SIG_DFL;
		act->sa_flags &= ~SA_SIGINFO;
	}
}

/*
 * ast_signals: deliver td's pending, unblocked signals before it returns
 * to user mode (userret).  td is curthread, a user thread.  May not
 * return (a signal that terminates).
 */
void
ast_signals(struct thread *td)
{
	ksiginfo_t ksi;

	KASSERT(td == curthread && td->td_frame != NULL,
	    ("ast_signals: not a user thread"));
	while (cursig(td, &ksi) != 0)
		postsig(td, &ksi);
}

/* sigacts_fork: p2 (being created) inherits p1's actions. */
void
sigacts_fork(struct proc *p1, struct proc *p2)
{
	p2->p_sigacts = p1->p_sigacts;
}

/*
 * sigacts_exec: a new program keeps its ignored signals, mask and
 * pending set; caught signals go back to SIG_DFL and the alternate stack
 * is forgotten.  td is curthread.
 */
void
sigacts_exec(struct thread *td)
{
	struct sigaction *act;
	int sig;

	for (sig = 1; sig <= NSIG; sig++) {
		act = sigact(td->td_proc, sig);
		if (act->sa_handler != SIG_IGN)
			memset(act, 0, sizeof(*act));
	}
	memset(&td->td_sigstk, 0, sizeof(td->td_sigstk));
}

/* sigonstack: whether user stack pointer sp is on td's alternate stack. */
bool
sigonstack(struct thread *td, uint64_t sp)
{
	const stack_t *ss = &td->td_sigstk;

	return (ss->ss_size != 0 && (ss->ss_flags & SS_DISABLE) == 0 &&
	    sp > ss->ss_sp && sp - ss->ss_sp <= ss->ss_size);
}

/*
 * kern_sigaction: read sig's action into *oact and set it to *act (each
 * may be NULL).  EINVAL for a bad signal or a change of SIGKILL or
 * SIGSTOP.  A signal newly ignored is dropped from the pending set.
 */
int
kern_sigaction(struct thread *td, int sig, const struct sigaction *act,
    struct sigaction *oact)
{
	struct proc *p = td->td_proc;

	if (sig < 1 || sig > NSIG)
		return (EINVAL);
	if (act != NULL && (sig == SIGKILL || sig == SIGSTOP))
		return (EINVAL);
	if (oact != NULL)
		*oact = *sigact(p, sig);
	if (act != NULL) {
		*sigact(p, sig) = *act;
		sigact(p, sig)->sa_mask &= ~SIGCANTMASK;
		if (sig_ignored(p, sig)) {
			mtx_lock(&p->p_mtx);
			td->td_sigpend &= ~SIGBIT(sig);
			td->td_sigqueue[sig - 1].ksi_signo = 0;
			mtx_unlock(&p->p_mtx);
		}
	}
	return (0);
}

/* kern_sigsetmask: set td's blocked mask (never SIGKILL, SIGSTOP). */
void
kern_sigsetmask(struct thread *td, sigset_t mask)
{
	td->td_sigmask = mask & ~SIGCANTMASK;
}

/*
 * kern_sigprocmask: the old mask into *oset; then, when set is not
 * NULL, block (SIG_BLOCK), unblock (SIG_UNBLOCK) or set (SIG_SETMASK)
 * it.  EINVAL for another how.
 */
int
kern_sigprocmask(struct thread *td, int how, const sigset_t *set,
    sigset_t *oset)
{
	sigset_t mask = td->td_sigmask;

	if (oset != NULL)
		*oset = mask;
	if (set == NULL)
		return (0);
	switch (how) {
	case SIG_BLOCK:
		mask |= *set;
		break;
	case SIG_UNBLOCK:
		mask &= ~*set;
		break;
	case SIG_SETMASK:
		mask = *set;
		break;
	default:
		return (EINVAL);
	}
	kern_sigsetmask(td, mask);
	return (0);
}

/* kern_sigpending: the signals pending for td and blocked. */
void
kern_sigpending(struct thread *td, sigset_t *set)
{
	struct proc *p = td->td_proc;

	mtx_lock(&p->p_mtx);
	*set = td->td_sigpend & td->td_sigmask;
	mtx_unlock(&p->p_mtx);
}

/*
 * kern_sigaltstack: the alternate stack into *oss, then set it from *ss
 * (each may be NULL).  EPERM while running on it, EINVAL for bad flags,
 * ENOMEM when smaller than MINSIGSTKSZ.
 */
int
kern_sigaltstack(struct thread *td, const stack_t *ss, stack_t *oss)
{
	bool onstack = sigonstack(td, td->td_frame->tf_rsp);
	int flags;

	if (oss != NULL) {
		*oss = td->td_sigstk;
		if (onstack)
			oss->ss_flags = SS_ONSTACK;
		else if (td->td_sigstk.ss_size == 0)
			oss->ss_flags = SS_DISABLE;
	}
	if (ss == NULL)
		return (0);
	if (onstack)
		return (EPERM);
	flags = ss->ss_flags & ~SS_AUTODISARM;
	if (flags != 0 && flags != SS_DISABLE && flags != SS_ONSTACK)
		return (EINVAL);
	if (flags == SS_DISABLE) {
		memset(&td->td_sigstk, 0, sizeof(td->td_sigstk));
		td->td_sigstk.ss_flags = SS_DISABLE;
		return (0);
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return (ENOMEM);
	td->td_sigstk.ss_sp = ss->ss_sp;
	td->td_sigstk.ss_size = ss->ss_size;
	td->td_sigstk.ss_flags = 0;
	return (0);
}

/* The live process pid for a sender; NULL for none or the kernel. */
static struct proc *
sig_target(pid_t pid)
{
	struct proc *p;

	mtx_assert(&proctree_lock, MA_OWNED);
	p = pfind_locked(pid);
	if (p == NULL || (p->p_flag & P_SYSTEM) != 0 || p->p_state == PRS_NEW)
		return (NULL);
	return (p);
}

/*
 * kern_kill: send sig to process pid (0: the caller; XXX: no process
 * groups, so pid < 0 finds nothing).  sig 0 only checks that it exists.
 * EINVAL for a bad signal, ESRCH for no such process; a zombie accepts
 * and ignores it, as on Linux.
 */
int
kern_kill(struct thread *td, pid_t pid, int sig)
{
	struct proc *p;
	ksiginfo_t ksi;
	int error = 0;

	if (sig < 0 || sig > NSIG)
		return (EINVAL);
	if (pid == 0)
		pid = td->td_proc->p_pid;
	if (pid < 0)
		return (ESRCH);
	mtx_lock(&proctree_lock);
	p = sig_target(pid);
	if (p == NULL)
		error = ESRCH;
	else if (sig != 0 && p->p_state == PRS_NORMAL) {
		ksiginfo_init(&ksi, sig, SI_USER);
		ksi.ksi_pid = td->td_proc->p_pid;
		error = psignal(p, &ksi);
	}
	mtx_unlock(&proctree_lock);
	return (error);
}

/*
 * kern_tgkill: send sig to thread tid of process tgid (tgid -1: of any
 * process, as tkill).  EINVAL for a bad signal or tid, ESRCH for no such
 * thread.
 */
int
kern_tgkill(struct thread *td, pid_t tgid, pid_t tid, int sig)
{
	struct thread *td2 = NULL;
	struct proc *p;
	ksiginfo_t ksi;
	int error = 0;

	if (sig < 0 || sig > NSIG || tid <= 0 || (tgid <= 0 && tgid != -1))
		return (EINVAL);
	mtx_lock(&proctree_lock);
	/* A thread's id is its process's pid (one thread a process). */
	p = sig_target(tid);
	if (p != NULL && (tgid == -1 || tgid == p->p_pid))
		TAILQ_FOREACH(td2, &p->p_threads, td_plist)
			if (td2->td_tid == tid)
				break;
	if (td2 == NULL || p->p_state != PRS_NORMAL)
		error = ESRCH;
	else if (sig != 0) {
		ksiginfo_init(&ksi, sig, SI_TKILL);
		ksi.ksi_pid = td->td_proc->p_pid;
		tdsignal(td2, &ksi);
	}
	mtx_unlock(&proctree_lock);
	return (error);
}
