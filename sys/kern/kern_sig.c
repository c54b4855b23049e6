/*
 * kern_sig.c: signals: actions, masks, posting and delivery.
 *
 * State (sys/signalvar.h): a process's actions (p_sigacts, one struct
 * sigaction per signal) and its pending set for signals sent to the
 * whole process (p_sigpend, p_sigqueue); each thread's blocked mask
 * (td_sigmask), its own pending set for signals sent to it (td_sigpend,
 * td_sigqueue), and its alternate stack (td_sigstk).  One ksiginfo per
 * pending signal: a signal posted again while pending is merged, as
 * Linux does for the classic signals.
 *
 * Cases:
 *   - posting to a thread (tdsignal: tgkill, tkill, faults) or to the
 *     process (psignal: kill, a child's exit): a signal that would be
 *     ignored on arrival and is not blocked is dropped; otherwise it
 *     becomes pending, and a thread that does not block it is woken
 *     from an interruptible sleep (sleepq_abort): the target thread, or
 *     for the process the first thread that does not block it.  Sending
 *     SIGCONT continues a stopped process and drops pending stop
 *     signals, a stop signal drops a pending SIGCONT, SIGKILL wakes a
 *     stopped process (sig_prepare), whatever their actions.  Which
 *     thread takes a process signal is decided at delivery: the first
 *     that returns to user mode without blocking it;
 *   - a fault (trapsignal): the signal is forced, as Linux's
 *     force_sig_info: when it is blocked or ignored, its action becomes
 *     SIG_DFL and it is unblocked, so the fault cannot repeat forever;
 *   - delivery (ast_signals, from userret on every return to user mode):
 *     each pending, unblocked signal, the thread's and the process's,
 *     SIGKILL first, then the lowest: SIG_IGN drops it; SIG_DFL
 *     terminates the whole process (sigexit: the parent's wait4 sees the
 *     signal), stops it for SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU
 *     (sig_stop: every thread parks in userret, sig_stop_park, until
 *     SIGCONT or SIGKILL; but the last three do nothing in an orphaned
 *     process group), or does nothing for SIGCHLD, SIGURG,
 *     SIGWINCH, SIGCONT; a handler gets a frame
 *     built by the ABI (sv_sendsig), and its sa_mask (and the signal
 *     itself, unless SA_NODEFER) is blocked until it returns through
 *     sigreturn.  A frame that cannot be written kills the process with
 *     SIGSEGV;
 *   - sleeping: an interruptible sleep (msleep with PCATCH) ends with
 *     EINTR, or ERESTART when the handler has SA_RESTART
 *     (sig_sleep_check).  XXX: a process signal does not move to another
 *     thread when the one it woke blocks it meanwhile; it stays pending
 *     for the process and the next thread to unblock it takes it.
 *
 * Locking: the pending sets and the actions are p_mtx's; a thread's mask
 * is its own.  Peeks without the lock (userret, sig_sleep_check) are
 * rechecked under it (cursig) or are covered by sched_lock's ordering
 * (kern_synch.c).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/sysent.h>
#include <sys/time.h>
#include <sys/ucred.h>

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

/* Post ksi into a pending set and its queue (merged when pending). */
static void
sigqueue_add(sigset_t *pend, ksiginfo_t *queue, const ksiginfo_t *ksi)
{
	int sig = ksi->ksi_signo;

	if ((*pend & SIGBIT(sig)) == 0) {
		queue[sig - 1] = *ksi;
		*pend |= SIGBIT(sig);
	}
}

#define STOPSIGMASK	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | \
			 SIGBIT(SIGTTOU))

/* Drop the signals in set from p's and its threads' pending sets. (p) */
static void
sig_discard(struct proc *p, sigset_t set)
{
	struct thread *td;
	int sig;

	mtx_assert(&p->p_mtx, MA_OWNED);
	for (sig = 1; sig <= NSIG; sig++) {
		if ((set & SIGBIT(sig)) == 0)
			continue;
		p->p_sigpend &= ~SIGBIT(sig);
		p->p_sigqueue[sig - 1].ksi_signo = 0;
		TAILQ_FOREACH(td, &p->p_threads, td_plist) {
			td->td_sigpend &= ~SIGBIT(sig);
			td->td_sigqueue[sig - 1].ksi_signo = 0;
		}
	}
}

/*
 * Tell p's parent that p stopped or continued (code CLD_STOPPED or
 * CLD_CONTINUED, sig the cause): its wait is woken, and it gets SIGCHLD
 * unless its SIGCHLD action has SA_NOCLDSTOP.  proctree_lock held.
 */
static void
sig_notify_parent(struct proc *p, int code, int sig)
{
	struct proc *pp = p->p_pptr;
	ksiginfo_t ksi;
	bool nocldstop;

	mtx_assert(&proctree_lock, MA_OWNED);
	wakeup(pp);
	if (pp->p_flag & P_SYSTEM)
		return;
	mtx_lock(&pp->p_mtx);
	nocldstop = (sigact(pp, SIGCHLD)->sa_flags & SA_NOCLDSTOP) != 0;
	mtx_unlock(&pp->p_mtx);
	if (nocldstop)
		return;
	ksiginfo_init(&ksi, SIGCHLD, code);
	ksi.ksi_pid = p->p_pid;
	ksi.ksi_status = sig;
	(void)psignal(pp, &ksi);
}

/*
 * What sending sig to p does at once, whatever its action (Linux's
 * prepare_signal): SIGCONT drops pending stop signals and continues a
 * stopped p (its parent is told); a stop signal drops a pending
 * SIGCONT; SIGKILL wakes a stopped p's threads to die.  (t)
 */
static void
sig_prepare(struct proc *p, int sig)
{
	bool cont = false;

	mtx_assert(&proctree_lock, MA_OWNED);
	mtx_lock(&p->p_mtx);
	if (sig == SIGCONT || sig == SIGKILL) {
		if (sig == SIGCONT)
			sig_discard(p, STOPSIGMASK);
		if (p->p_flag & P_STOPPED) {
			p->p_flag &= ~(P_STOPPED | P_STOPREPORT);
			if (sig == SIGCONT) {
				p->p_flag |= P_CONTREPORT;
				cont = true;
			}
			wakeup(&p->p_xstopsig);
		}
	} else if (sig >= 1 && sigprop(sig) == SIGPROP_STOP) {
		sig_discard(p, SIGBIT(SIGCONT));
	}
	mtx_unlock(&p->p_mtx);
	if (cont)
		sig_notify_parent(p, CLD_CONTINUED, SIGCONT);
}

/*
 * The default action of stop signal sig, taken by td (curthread): its
 * process stops (the other threads park at their return to user mode,
 * their interruptible sleeps ended) and its parent is told.  Not while
 * it is ending, or when SIGKILL is pending; and SIGTSTP, SIGTTIN and
 * SIGTTOU are thrown away in an orphaned process group (POSIX, Linux's
 * get_signal: nobody would continue it).
 */
static void
sig_stop(struct thread *td, int sig)
{
	struct proc *p = td->td_proc;
	struct thread *td2;

	mtx_lock(&proctree_lock);
	/* The terminal's stops do nothing to an orphaned group (Linux). */
	if (sig != SIGSTOP && p->p_pgrp != NULL &&
	    pgrp_orphaned(p->p_pgrp, NULL)) {
		mtx_unlock(&proctree_lock);
		return;
	}
	mtx_lock(&p->p_mtx);
	if (p->p_singlethread != NULL || (p->p_flag & P_WEXIT) != 0 ||
	    ((p->p_sigpend | td->td_sigpend) & SIGBIT(SIGKILL)) != 0) {
		mtx_unlock(&p->p_mtx);
		mtx_unlock(&proctree_lock);
		return;
	}
	p->p_flag |= P_STOPPED | P_STOPREPORT;
	p->p_flag &= ~P_CONTREPORT;
	p->p_xstopsig = sig;
	TAILQ_FOREACH(td2, &p->p_threads, td_plist)
		if (td2 != td)
			sleepq_abort(td2);
	mtx_unlock(&p->p_mtx);
	sig_notify_parent(p, CLD_STOPPED, sig);
	mtx_unlock(&proctree_lock);
}

/*
 * sig_stop_park: on the way to user mode: while td's process is stopped
 * (and no SIGKILL is pending, and it is not ending), td waits.  Returns
 * whether it did (the caller looks at its signals again).
 */
bool
sig_stop_park(struct thread *td)
{
	struct proc *p = td->td_proc;

	if ((p->p_flag & P_STOPPED) == 0)	/* a peek */
		return (false);
	mtx_lock(&p->p_mtx);
	while ((p->p_flag & P_STOPPED) != 0 && p->p_singlethread == NULL &&
	    ((p->p_sigpend | td->td_sigpend) & SIGBIT(SIGKILL)) == 0)
		(void)msleep(&p->p_xstopsig, &p->p_mtx, 0, "stopped", 0);
	mtx_unlock(&p->p_mtx);
	return (true);
}

/*
 * tdsignal: post ksi to td, a user thread.  Dropped when it would be
 * ignored and is not blocked; merged into one already pending.  Ends
 * td's interruptible sleep when td does not block it.
 */
void
tdsignal(struct thread *td, const ksiginfo_t *ksi)
{
	struct proc *p = td->td_proc;
	int sig = ksi->ksi_signo;
	bool blocked, queued;

	KASSERT(sig >= 1 && sig <= NSIG, ("tdsignal: signal %d", sig));
	KASSERT(td->td_frame != NULL, ("tdsignal: kernel thread %s",
	    td->td_name));
	mtx_lock(&p->p_mtx);
	blocked = (td->td_sigmask & SIGBIT(sig)) != 0;
	queued = !sig_ignored(p, sig) || blocked;
	if (queued)
		sigqueue_add(&td->td_sigpend, td->td_sigqueue, ksi);
	if (queued && (td->td_sigwait & SIGBIT(sig)) != 0)
		wakeup(&td->td_sigwait);
	mtx_unlock(&p->p_mtx);
	if (queued && !blocked)
		sleepq_abort(td);
}

/*
 * psignal: post ksi to process p: pending for the process, taken by the
 * first of its threads that returns to user mode without blocking it;
 * the first such thread is woken from an interruptible sleep.
 * proctree_lock held.  Returns 0, or ESRCH when p has no thread left.
 */
int
psignal(struct proc *p, const ksiginfo_t *ksi)
{
	struct thread *td, *target = NULL;
	int sig = ksi->ksi_signo;
	bool blocked = true;

	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT((p->p_flag & P_SYSTEM) == 0, ("psignal: to the kernel"));
	KASSERT(sig >= 1 && sig <= NSIG, ("psignal: signal %d", sig));
	if (TAILQ_EMPTY(&p->p_threads))
		return (ESRCH);
	sig_prepare(p, sig);
	mtx_lock(&p->p_mtx);
	TAILQ_FOREACH(td, &p->p_threads, td_plist) {
		if ((td->td_sigmask & SIGBIT(sig)) == 0) {
			target = td;
			blocked = false;
			break;
		}
	}
	/* Blocked everywhere: kept, as a handler may be set meanwhile. */
	if (!sig_ignored(p, sig) || blocked) {
		sigqueue_add(&p->p_sigpend, p->p_sigqueue, ksi);
		/* A thread in sigtimedwait for it takes it. */
		TAILQ_FOREACH(td, &p->p_threads, td_plist)
			if (blocked && (td->td_sigwait & SIGBIT(sig)) != 0) {
				wakeup(&td->td_sigwait);
				break;
			}
	} else
		target = NULL;		/* dropped: nobody to wake */
	mtx_unlock(&p->p_mtx);
	if (target != NULL)
		sleepq_abort(target);
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
	mtx_lock(&p->p_mtx);
	act = sigact(p, sig);
	if ((td->td_sigmask & SIGBIT(sig)) != 0 || act->sa_handler == SIG_IGN) {
		act->sa_handler = SIG_DFL;
		td->td_sigmask &= ~SIGBIT(sig);
	}
	mtx_unlock(&p->p_mtx);
	tdsignal(td, ksi);
}

/*
 * sig_caught: whether a handler would run for sig now (td: curthread).
 * An unlocked peek at the action, for messages.
 */
bool
sig_caught(struct thread *td, int sig)
{
	return (sigact(td->td_proc, sig)->sa_handler > SIG_IGN &&
	    (td->td_sigmask & SIGBIT(sig)) == 0);
}

/*
 * sig_sleep_check: why an interruptible sleep of td (curthread) must end
 * now: ERESTART or EINTR for a pending signal td does not block
 * (ERESTART when its handler has SA_RESTART), EINTR when another thread
 * is ending the process, 0 for no reason.  Called under sched_lock, so
 * it only peeks (see kern_synch.c for why that is enough).
 */
int
sig_sleep_check(struct thread *td)
{
	struct proc *p = td->td_proc;
	struct thread *single;
	sigset_t set;
	int sig;

	if (td->td_frame == NULL)
		return (0);
	single = p->p_singlethread;
	if (single != NULL && single != td)
		return (EINTR);
	/* Stopped: the call starts again once the process continues. */
	if (p->p_flag & P_STOPPED)
		return (ERESTART);
	set = (td->td_sigpend | p->p_sigpend) & ~td->td_sigmask;
	/* A signal that will be thrown away (a SIGCONT that only continued
	   the process, SIGCHLD by default) interrupts nothing. */
	for (;;) {
		if (set == 0)
			return (0);
		sig = (set & SIGBIT(SIGKILL)) ? SIGKILL :
		    __builtin_ctzl(set) + 1;
		if (!sig_ignored(p, sig))
			break;
		set &= ~SIGBIT(sig);
	}
	/* A stop about to happen: the call starts again after it. */
	if (sig != SIGKILL && sigact(p, sig)->sa_handler == SIG_DFL &&
	    sigprop(sig) == SIGPROP_STOP)
		return (ERESTART);
	if (sig != SIGKILL && sigact(p, sig)->sa_handler > SIG_IGN &&
	    (sigact(p, sig)->sa_flags & SA_RESTART) != 0)
		return (ERESTART);
	return (EINTR);
}

/*
 * Take the next deliverable signal off td's or its process's pending
 * set, with the action it has now; 0 if none.  The thread's own queue
 * first when a signal is pending in both.
 */
static int
cursig(struct thread *td, ksiginfo_t *ksi, struct sigaction *act)
{
	struct proc *p = td->td_proc;
	sigset_t set;
	int sig;

	mtx_lock(&p->p_mtx);
	set = (td->td_sigpend | p->p_sigpend) & ~td->td_sigmask;
	if (set == 0) {
		mtx_unlock(&p->p_mtx);
		return (0);
	}
	sig = (set & SIGBIT(SIGKILL)) ? SIGKILL : __builtin_ctzl(set) + 1;
	if (td->td_sigpend & SIGBIT(sig)) {
		*ksi = td->td_sigqueue[sig - 1];
		td->td_sigqueue[sig - 1].ksi_signo = 0;
		td->td_sigpend &= ~SIGBIT(sig);
	} else {
		*ksi = p->p_sigqueue[sig - 1];
		p->p_sigqueue[sig - 1].ksi_signo = 0;
		p->p_sigpend &= ~SIGBIT(sig);
	}
	*act = *sigact(p, sig);
	/* A one-shot handler goes back to SIG_DFL as it is taken. */
	if (sig != SIGKILL && act->sa_handler > SIG_IGN &&
	    (act->sa_flags & SA_RESETHAND) != 0) {
		sigact(p, sig)->sa_handler = SIG_DFL;
		sigact(p, sig)->sa_flags &= ~SA_SIGINFO;
	}
	mtx_unlock(&p->p_mtx);
	return (sig);
}

/* Act on one signal taken off the pending set, with its action act. */
static void
postsig(struct thread *td, const ksiginfo_t *ksi, const struct sigaction *act)
{
	struct proc *p = td->td_proc;
	sigset_t oldmask;
	int sig = ksi->ksi_signo;

	if (sig == SIGKILL || act->sa_handler == SIG_DFL) {
		switch (sig == SIGKILL ? SIGPROP_KILL : sigprop(sig)) {
		case SIGPROP_KILL:
		case SIGPROP_CORE:
			sigexit(td, sig);
		case SIGPROP_STOP:
			sig_stop(td, sig);
			return;
		default:
			return;
		}
	}
	if (act->sa_handler == SIG_IGN)
		return;
	oldmask = td->td_sigmask;
	/* After ppoll/pselect6: the frame restores the mask from before. */
	if (td->td_oldmask_set) {
		oldmask = td->td_oldsigmask;
		td->td_oldmask_set = false;
	}
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
}

/*
 * ast_signals: deliver td's pending, unblocked signals before it returns
 * to user mode (userret).  td is curthread, a user thread.  May not
 * return (a signal that terminates).
 */
void
ast_signals(struct thread *td)
{
	struct sigaction act;
	ksiginfo_t ksi;

	KASSERT(td == curthread && td->td_frame != NULL,
	    ("ast_signals: not a user thread"));
	while (cursig(td, &ksi, &act) != 0)
		postsig(td, &ksi, &act);
}

/* sigacts_fork: p2 (being created) inherits p1's actions. */
void
sigacts_fork(struct proc *p1, struct proc *p2)
{
	mtx_lock(&p1->p_mtx);
	p2->p_sigacts = p1->p_sigacts;
	mtx_unlock(&p1->p_mtx);
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

	mtx_lock(&td->td_proc->p_mtx);
	for (sig = 1; sig <= NSIG; sig++) {
		act = sigact(td->td_proc, sig);
		if (act->sa_handler != SIG_IGN)
			memset(act, 0, sizeof(*act));
	}
	mtx_unlock(&td->td_proc->p_mtx);
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
 * SIGSTOP.  A signal newly ignored is dropped from the pending sets of
 * the process and of every thread.
 */
int
kern_sigaction(struct thread *td, int sig, const struct sigaction *act,
    struct sigaction *oact)
{
	struct proc *p = td->td_proc;
	struct thread *td2;

	if (sig < 1 || sig > NSIG)
		return (EINVAL);
	if (act != NULL && (sig == SIGKILL || sig == SIGSTOP))
		return (EINVAL);
	mtx_lock(&p->p_mtx);
	if (oact != NULL)
		*oact = *sigact(p, sig);
	if (act != NULL) {
		*sigact(p, sig) = *act;
		sigact(p, sig)->sa_mask &= ~SIGCANTMASK;
		if (sig_ignored(p, sig)) {
			p->p_sigpend &= ~SIGBIT(sig);
			p->p_sigqueue[sig - 1].ksi_signo = 0;
			TAILQ_FOREACH(td2, &p->p_threads, td_plist) {
				td2->td_sigpend &= ~SIGBIT(sig);
				td2->td_sigqueue[sig - 1].ksi_signo = 0;
			}
		}
	}
	mtx_unlock(&p->p_mtx);
	return (0);
}

/* kern_sigsetmask: set td's blocked mask (never SIGKILL, SIGSTOP). */
void
kern_sigsetmask(struct thread *td, sigset_t mask)
{
	td->td_sigmask = mask & ~SIGCANTMASK;
}

/* kern_sigmask_during: mask for a wait; the old mask kept to restore. */
void
kern_sigmask_during(struct thread *td, sigset_t mask)
{
	KASSERT(!td->td_oldmask_set, ("kern_sigmask_during: nested"));
	td->td_oldsigmask = td->td_sigmask;
	td->td_oldmask_set = true;
	kern_sigsetmask(td, mask);
}

/*
 * kern_sigmask_restore: the wait is over: the old mask back now, or,
 * when a signal interrupted it, after its handler's frame (postsig).
 */
void
kern_sigmask_restore(struct thread *td, bool interrupted)
{
	KASSERT(td->td_oldmask_set, ("kern_sigmask_restore: not set"));
	if (!interrupted)
		sigmask_restore_pending(td);
}

/* sigmask_restore_pending: the old mask back, if one waits (userret). */
void
sigmask_restore_pending(struct thread *td)
{
	if (td->td_oldmask_set) {
		td->td_sigmask = td->td_oldsigmask;
		td->td_oldmask_set = false;
	}
}

/*
 * sig_handler_pending: whether a signal td does not block is pending
 * with a handler to run or a default action that ends the process (what
 * ends a sigsuspend or a sigtimedwait).  (p)
 */
static bool
sig_handler_pending(struct thread *td)
{
	struct proc *p = td->td_proc;
	struct sigaction *act;
	sigset_t set;
	bool found = false;
	int sig;

	mtx_assert(&p->p_mtx, MA_OWNED);
	set = (td->td_sigpend | p->p_sigpend) & ~td->td_sigmask;
	for (sig = 1; sig <= NSIG && !found; sig++) {
		if ((set & SIGBIT(sig)) == 0)
			continue;
		act = sigact(p, sig);
		found = sig == SIGKILL || act->sa_handler > SIG_IGN ||
		    (act->sa_handler == SIG_DFL &&
		    (sigprop(sig) == SIGPROP_KILL ||
		    sigprop(sig) == SIGPROP_CORE));
	}
	return (found);
}

/*
 * kern_sigsuspend: wait, with mask as the signal mask, until a signal
 * that runs a handler or ends the process arrives: EINTR, the handler's
 * frame restoring the mask from before (postsig).  A stop and continue,
 * or a signal thrown away, goes on waiting: ERESTART, the mask back at
 * once, and the call starts again (Linux's ERESTARTNOHAND).  pause(2) is
 * this with the current mask.
 */
int
kern_sigsuspend(struct thread *td, sigset_t mask)
{
	int error;

	kern_sigmask_during(td, mask);
	do {
		error = tsleep(&td->td_oldsigmask, PCATCH, "pause", 0);
	} while (error == 0);
	mtx_lock(&td->td_proc->p_mtx);
	if (error == ERESTART && !sig_handler_pending(td))
		kern_sigmask_restore(td, false);
	else {
		error = EINTR;
		kern_sigmask_restore(td, true);
	}
	mtx_unlock(&td->td_proc->p_mtx);
	return (error);
}

/* sig_take: take signal sig off td's (first) or p's pending set. (p) */
static void
sig_take(struct thread *td, int sig, ksiginfo_t *ksi)
{
	struct proc *p = td->td_proc;

	mtx_assert(&p->p_mtx, MA_OWNED);
	if (td->td_sigpend & SIGBIT(sig)) {
		*ksi = td->td_sigqueue[sig - 1];
		td->td_sigqueue[sig - 1].ksi_signo = 0;
		td->td_sigpend &= ~SIGBIT(sig);
	} else {
		KASSERT(p->p_sigpend & SIGBIT(sig), ("sig_take: %d not "
		    "pending", sig));
		*ksi = p->p_sigqueue[sig - 1];
		p->p_sigqueue[sig - 1].ksi_signo = 0;
		p->p_sigpend &= ~SIGBIT(sig);
	}
	if (ksi->ksi_signo == 0)	/* posted without its siginfo */
		ksiginfo_init(ksi, sig, SI_USER);
}

/*
 * kern_sigtimedwait: take a signal of set that is pending for td or its
 * process, waiting for one until timeout (NULL: for ever; zero: not at
 * all): the signal's number in td_retval[0], its siginfo in *ksi.
 * EAGAIN when the time is up, EINTR when another signal (which td does
 * not block) ends the wait to run its handler, ERESTART when a stop
 * ended it (the call starts again), EINVAL for a bad timeout.  SIGKILL and
 * SIGSTOP cannot be waited for.  The signals of set are meant to be
 * blocked; one that is not is taken here if it arrives during the wait
 * (its sleep is interrupted, and this looks first), as on Linux.
 */
int
kern_sigtimedwait(struct thread *td, sigset_t set, ksiginfo_t *ksi,
    const struct timespec *timeout)
{
	struct proc *p = td->td_proc;
	uint64_t end = 0, now, tickns = NSEC_PER_SEC / hz;
	sigset_t pend;
	int error = 0, sig, timo;

	if (timeout != NULL && (timeout->tv_sec < 0 ||
	    timeout->tv_nsec < 0 || timeout->tv_nsec >= NSEC_PER_SEC))
		return (EINVAL);
	set &= ~SIGCANTMASK;
	if (timeout != NULL)
		end = nanouptime_ns() + timespec_to_ns(timeout);
	mtx_lock(&p->p_mtx);
	for (;;) {
		pend = (td->td_sigpend | p->p_sigpend) & set;
		if (pend != 0) {
			sig = __builtin_ctzl(pend) + 1;
			sig_take(td, sig, ksi);
			td->td_retval[0] = sig;
			error = 0;
			break;
		}
		if (error != 0)
			break;
		timo = 0;
		if (timeout != NULL) {
			now = nanouptime_ns();
			if (now >= end) {
				error = EAGAIN;
				break;
			}
			timo = (int)MIN((end - now + tickns - 1) / tickns + 1,
			    (uint64_t)hz * 3600);
		}
		td->td_sigwait = set;
		error = msleep(&td->td_sigwait, &p->p_mtx, PCATCH, "sigwait",
		    timo);
		td->td_sigwait = 0;
		if (error == EWOULDBLOCK)
			error = 0;	/* look again (the time, the set) */
		else if (error != 0)	/* a last look at the set first */
			error = sig_handler_pending(td) ? EINTR : ERESTART;
	}
	mtx_unlock(&p->p_mtx);
	return (error);
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

/*
 * kern_sigpending: the signals pending for td or its process and
 * blocked by td.
 */
void
kern_sigpending(struct thread *td, sigset_t *set)
{
	struct proc *p = td->td_proc;

	mtx_lock(&p->p_mtx);
	*set = (td->td_sigpend | p->p_sigpend) & td->td_sigmask;
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
	struct thread *td;
	struct proc *p;

	mtx_assert(&proctree_lock, MA_OWNED);
	p = pfind_locked(pid);
	/* Another thread's id names its process, as on Linux. */
	if (p == NULL && (td = tdfind_locked(pid, -1)) != NULL)
		p = td->td_proc;
	if (p == NULL || (p->p_flag & P_SYSTEM) != 0 || p->p_state == PRS_NEW)
		return (NULL);
	return (p);
}

/*
 * Send sig from td (a kernel thread: si_pid 0) to p, found by a kill:
 * EPERM when td may not signal it (p_cansignal_cred); a zombie accepts
 * and ignores it, as on Linux.  (t)
 */
static int
kill_one(struct thread *td, struct proc *p, int sig)
{
	ksiginfo_t ksi;

	mtx_assert(&proctree_lock, MA_OWNED);
	if (p_cansignal_cred(td->td_proc->p_ucred, p->p_ucred) != 0)
		return (EPERM);
	if (sig == 0 || p->p_state != PRS_NORMAL)
		return (0);
	ksiginfo_init(&ksi, sig, SI_USER);
	if (td->td_frame != NULL)
		ksi.ksi_pid = td->td_proc->p_pid;
	return (psignal(p, &ksi));
}

/*
 * kern_killpg: send sig to every member of process group pgid (as
 * kern_kill with -pgid).  ESRCH when there is no such group.
 */
int
kern_killpg(struct thread *td, pid_t pgid, int sig)
{
	struct pgrp *pg;
	struct proc *p;
	int error = 0;

	if (sig < 0 || sig > NSIG)
		return (EINVAL);
	mtx_lock(&proctree_lock);
	pg = pgfind_locked(pgid);
	if (pg == NULL)
		error = ESRCH;
	else
		LIST_FOREACH(p, &pg->pg_members, p_pglist)
			(void)kill_one(td, p, sig);
	mtx_unlock(&proctree_lock);
	return (error);
}

/*
 * pgsignal: send sig from the kernel (si_code SI_KERNEL) to every live
 * member of group pg, as Linux's kill_pgrp with SEND_SIG_PRIV: no
 * permission check.  proctree_lock held.
 */
void
pgsignal(struct pgrp *pg, int sig)
{
	struct proc *p;
	ksiginfo_t ksi;

	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT(sig >= 1 && sig <= NSIG, ("pgsignal: signal %d", sig));
	LIST_FOREACH(p, &pg->pg_members, p_pglist) {
		if (p->p_state != PRS_NORMAL || (p->p_flag & P_WEXIT) != 0)
			continue;
		ksiginfo_init(&ksi, sig, SI_KERNEL);
		(void)psignal(p, &ksi);
	}
}

/*
 * sig_ignored_or_blocked: whether td blocks sig or its process's action
 * is SIG_IGN (Linux's is_ignored, for the terminal's job control).
 */
bool
sig_ignored_or_blocked(struct thread *td, int sig)
{
	struct proc *p = td->td_proc;
	bool ign;

	if ((td->td_sigmask & SIGBIT(sig)) != 0)
		return (true);
	mtx_lock(&p->p_mtx);
	ign = sigact(p, sig)->sa_handler == SIG_IGN;
	mtx_unlock(&p->p_mtx);
	return (ign);
}

/*
 * kern_kill: send sig to process pid (or to the process of thread pid);
 * 0: every process in the caller's group; -1: every user process but
 * init and the caller; < -1: every process in group -pid.  sig 0 only
 * checks that one exists.  EINVAL for a bad signal, ESRCH when no
 * process matched.
 */
int
kern_kill(struct thread *td, pid_t pid, int sig)
{
	struct proc *p;
	int error = 0;
	bool found = false;

	if (sig < 0 || sig > NSIG)
		return (EINVAL);
	if (pid == 0) {
		mtx_lock(&proctree_lock);
		pid = td->td_proc->p_pgrp != NULL ?
		    td->td_proc->p_pgrp->pg_id : 0;
		mtx_unlock(&proctree_lock);
		if (pid == 0)
			return (ESRCH);
		/* XXX: a setpgid between the two locks: the old group. */
		return (kern_killpg(td, pid, sig));
	}
	if (pid < -1)
		return (kern_killpg(td, -pid, sig));
	mtx_lock(&proctree_lock);
	if (pid == -1) {
		for (pid = proc_next_pid(1); pid != 0;
		    pid = proc_next_pid(pid)) {
			p = pfind_locked(pid);
			if (p == td->td_proc || (p->p_flag & P_SYSTEM))
				continue;
			found = true;
			(void)kill_one(td, p, sig);
		}
		error = found ? 0 : ESRCH;
	} else if ((p = sig_target(pid)) == NULL) {
		error = ESRCH;
	} else {
		error = kill_one(td, p, sig);
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
	td2 = tdfind_locked(tid, tgid);
	if (td2 != NULL) {
		p = td2->td_proc;
		if ((p->p_flag & P_SYSTEM) != 0 || p->p_state != PRS_NORMAL)
			td2 = NULL;
	}
	if (td2 == NULL)
		error = ESRCH;
	else if (p_cansignal_cred(td->td_proc->p_ucred,
	    td2->td_proc->p_ucred) != 0)
		error = EPERM;
	else if (sig != 0) {
		ksiginfo_init(&ksi, sig, SI_TKILL);
		ksi.ksi_pid = td->td_proc->p_pid;
		sig_prepare(td2->td_proc, sig);
		tdsignal(td2, &ksi);
	}
	mtx_unlock(&proctree_lock);
	return (error);
}
