/*
 * kern_exit.c: ending processes and collecting their status.
 *
 * exit1() runs on one of the exiting process's threads:
 *   0. the other threads end first (thread_single, kern_thread.c); when
 *      another thread is already ending the process, this one just
 *      ends (kern_thr_exit) and that one's status wins;
 *   1. the address space goes: the CPU switches to the kernel's page
 *      tables first, then the process's reference is dropped (every
 *      page is freed unless a CLONE_VM parent or child still holds it),
 *      and a parent waiting in vfork for it goes on (fork_ppwake);
 *   2. under proctree_lock: children are handed to init (or to proc0
 *      when there is no init), and a process group orphaned by that
 *      or by this exit with a stopped member gets SIGHUP and SIGCONT
 *      (exit_orphans); the status is recorded, the process becomes a
 *      zombie and its parent is woken (it may sleep in wait4 on its
 *      own proc);
 *   3. the thread leaves the CPU for good (thread_exit); its record and
 *      stack are freed later, once it is off the CPU.
 * After step 2 nothing may touch the process: the parent may free it at
 * any moment.
 *
 * kern_wait() (wait4, waitid) finds a child that has exited (a zombie:
 * its status in the traditional encoding, sys/sys/wait.h, and it is
 * freed), stopped or continued (when asked), by pid, process group or
 * any; otherwise it sleeps until a child changes (WNOHANG: returns 0
 * at once), or fails with ECHILD when there is no child to wait for.
 * A parent that ignores SIGCHLD (or has SA_NOCLDWAIT) gets no zombies:
 * exit1 frees the child at once, so its wait sleeps until no child is
 * left and then fails with ECHILD, as Linux's.  The sleep is
 * interruptible: a signal ends it with EINTR (ERESTART with SA_RESTART)
 * unless a child has exited meanwhile.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/filedesc.h>
#include <sys/imgact.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/tty.h>
#include <sys/ucred.h>
#include <sys/vnode.h>
#include <sys/wait.h>

#include <vm/vm_direct.h>

#include <machine/pcb.h>
#include <machine/pmap.h>

static const char *const signames[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGCHLD] = "SIGCHLD", [SIGSYS] = "SIGSYS",
};

/* signame: "SIGSEGV" for 11, "signal" for one without a name here. */
const char *
signame(int sig)
{
	if (sig > 0 && sig < (int)nitems(signames) && signames[sig] != NULL)
		return (signames[sig]);
	return ("signal");
}

/*
 * A session leader's exit: its controlling terminal is let go, and the
 * terminal's foreground group (returned; 0: none) gets SIGHUP and
 * SIGCONT, as Linux.  proctree_lock held.
 */
static pid_t
exit_session(struct proc *p)
{
	struct session *sess;
	pid_t fg = 0;

	mtx_assert(&proctree_lock, MA_OWNED);
	if (p->p_pgrp == NULL)
		return (0);
	sess = p->p_pgrp->pg_session;
	if (sess->s_leader != p)
		return (0);
	sess->s_leader = NULL;
	if (sess->s_ttyp != NULL) {
		fg = sess->s_ttyp->t_pgrp;
		tty_session_gone(sess->s_ttyp, sess);
	}
	return (fg);
}

/*
 * exit_orphans: Linux's kill_orphaned_pgrp.  With parent NULL, p is
 * exiting and its group may lose in it its last link (a member whose
 * parent is in another group of the same session); else p, a child of
 * parent (exiting), has just been handed to another parent, and its
 * group may have lost the link parent was.  A group orphaned so that
 * has a stopped member gets SIGHUP, then SIGCONT (POSIX): nobody is
 * left to continue it.  proctree_lock held.
 */
static void
exit_orphans(struct proc *p, struct proc *parent)
{
	struct pgrp *pg = p->p_pgrp;
	struct proc *ignored = NULL;

	mtx_assert(&proctree_lock, MA_OWNED);
	if (parent == NULL) {
		parent = p->p_pptr;
		ignored = p;
	}
	if (pg == NULL || parent->p_pgrp == NULL || parent->p_pgrp == pg ||
	    parent->p_pgrp->pg_session != pg->pg_session)
		return;
	if (pgrp_orphaned(pg, ignored) && pgrp_stopped(pg)) {
		pgsignal(pg, SIGHUP);
		pgsignal(pg, SIGCONT);
	}
}

/*
 * exit1: end td's process with exit code rval, or killed by signal signo
 * when signo != 0, with all its threads (exit_group).  td is curthread.
 * Does not return.
 */
void
exit1(struct thread *td, int rval, int signo)
{
	struct proc *p = td->td_proc, *q, *heir, *pp;
	struct sigaction act;
	struct dvmspace *vm;
	ksiginfo_t ksi;
	pid_t hup;

	KASSERT(td == curthread, ("exit1: not curthread"));
	KASSERT(p != &proc0, ("exit1: the kernel cannot exit"));
	/* 0. The other threads. */
	if (thread_single(td) != 0)
		kern_thr_exit(td, rval);
	KASSERT(p->p_numthreads == 1, ("exit1: pid %d has %d threads",
	    p->p_pid, p->p_numthreads));
	if (td->td_frame != NULL)
		thread_clear_tid(td);
	if (p == initproc) {
		printf("init (pid 1) %s %d\n", signo ? "killed by signal" :
		    "exited with status", signo ? signo : rval);
		/* A harness waiting for the run to end: end it. */
		if (kern_automated())
			kern_poweroff(signo == 0 && rval == 0 ?
			    EXIT_STATUS_OK : EXIT_STATUS_FAILED);
	}

	/* 1. The address space, off the CPU first. */
	thread_leave_vmspace(td);
	vm = p->p_vmspace;
	p->p_vmspace = NULL;
	if (vm != NULL)
		dvmspace_free(vm);
	fork_ppwake(p);

	/* 2. Files: descriptors, cwd and root, the program's vnode. */
	fdfree(td);
	if (p->p_textvp != NULL) {
		exec_text_release(p->p_textvp);
		p->p_textvp = NULL;
	}

	/* 3. The tree. */
	heir = initproc != NULL && initproc != p ? initproc : &proc0;
	mtx_lock(&proctree_lock);
	p->p_flag |= P_WEXIT;
	while ((q = LIST_FIRST(&p->p_children)) != NULL) {
		LIST_REMOVE(q, p_sibling);
		q->p_pptr = heir;
		LIST_INSERT_HEAD(&heir->p_children, q, p_sibling);
		if (q->p_state == PRS_ZOMBIE)
			wakeup(heir);
		exit_orphans(q, p);
	}
	exit_orphans(p, NULL);
	hup = exit_session(p);
	p->p_xexit = rval;
	p->p_xsig = signo;
	p->p_state = PRS_ZOMBIE;
	mtx_lock(&p->p_mtx);
	TAILQ_REMOVE(&p->p_threads, td, td_plist);
	p->p_numthreads--;
	p->p_flag &= ~(P_STOPPED | P_STOPREPORT | P_CONTREPORT);
	mtx_unlock(&p->p_mtx);
	td->td_proc = &proc0;
	pp = p->p_pptr;
	if ((pp->p_flag & P_SYSTEM) == 0) {
		ksiginfo_init(&ksi, SIGCHLD, signo ? CLD_KILLED : CLD_EXITED);
		ksi.ksi_pid = p->p_pid;
		ksi.ksi_status = signo ? signo : rval;
		(void)psignal(pp, &ksi);
		/* SIGCHLD ignored or SA_NOCLDWAIT: no zombie (Linux). */
		mtx_lock(&pp->p_mtx);
		act = pp->p_sigacts.ps_act[SIGCHLD - 1];
		mtx_unlock(&pp->p_mtx);
		if (act.sa_handler == SIG_IGN ||
		    (act.sa_flags & SA_NOCLDWAIT) != 0)
			proc_reap(p);
	}
	wakeup(pp);
	mtx_unlock(&proctree_lock);
	if (hup != 0) {
		(void)kern_killpg(td, hup, SIGHUP);
		(void)kern_killpg(td, hup, SIGCONT);
	}

	/* 4. The thread. */
	thread_exit();
}

/*
 * sigexit: end td's process as killed by sig (the default action of a
 * terminating signal, kern_sig.c), saying so on the console.
 */
void
sigexit(struct thread *td, int sig)
{
	/* First the other threads, so only the process's killer speaks. */
	if (thread_single(td) != 0)
		kern_thr_exit(td, 0);
	printf("pid %d (%s): killed by %s (signal %d)\n", td->td_proc->p_pid,
	    td->td_proc->p_comm, signame(sig), sig);
	exit1(td, 0, sig);
}

/* Whether child q is one that a wait for (idtype, id) by p means. */
static bool
wait_match(struct proc *p, struct proc *q, int idtype, pid_t id)
{
	switch (idtype) {
	case P_PID:
		return (q->p_pid == id);
	case P_PGID:
		if (id == 0)
			id = p->p_pgrp != NULL ? p->p_pgrp->pg_id : -1;
		return (q->p_pgrp != NULL && q->p_pgrp->pg_id == id);
	default:
		return (true);
	}
}

/*
 * What child q has to report to a wait with options, filled into *wi
 * and (unless WNOWAIT) consumed; false for nothing.  A zombie's report
 * frees it.  (t)
 */
static bool
wait_report(struct proc *q, int options, struct wait_info *wi)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	wi->wi_pid = q->p_pid;
	mtx_lock(&q->p_mtx);		/* p_ucred */
	wi->wi_uid = q->p_ucred->cr_ruid;
	mtx_unlock(&q->p_mtx);
	/* Its times as Linux's wait reports them: its own and its reaped
	   children's (a peek: the tick updates them under sched_lock). */
	wi->wi_ru.ct_user = q->p_uticks + q->p_cuticks;
	wi->wi_ru.ct_sys = q->p_sticks + q->p_csticks;
	if (q->p_state == PRS_ZOMBIE && (options & WEXITED)) {
		wi->wi_status = W_EXITCODE(q->p_xexit, q->p_xsig);
		wi->wi_code = q->p_xsig != 0 ? CLD_KILLED : CLD_EXITED;
		wi->wi_sigstatus = q->p_xsig != 0 ? q->p_xsig : q->p_xexit;
		if ((options & WNOWAIT) == 0) {
			/* Its CPU time and its reaped children's (times). */
			q->p_pptr->p_cuticks += q->p_uticks + q->p_cuticks;
			q->p_pptr->p_csticks += q->p_sticks + q->p_csticks;
			proc_reap(q);
		}
		return (true);
	}
	if (q->p_state != PRS_NORMAL)
		return (false);
	mtx_lock(&q->p_mtx);
	if ((q->p_flag & (P_STOPPED | P_STOPREPORT)) ==
	    (P_STOPPED | P_STOPREPORT) && (options & WSTOPPED)) {
		wi->wi_status = W_STOPCODE(q->p_xstopsig);
		wi->wi_code = CLD_STOPPED;
		wi->wi_sigstatus = q->p_xstopsig;
		if ((options & WNOWAIT) == 0)
			q->p_flag &= ~P_STOPREPORT;
		mtx_unlock(&q->p_mtx);
		return (true);
	}
	if ((q->p_flag & P_CONTREPORT) && (options & WCONTINUED)) {
		wi->wi_status = W_CONTINUED;
		wi->wi_code = CLD_CONTINUED;
		wi->wi_sigstatus = SIGCONT;
		if ((options & WNOWAIT) == 0)
			q->p_flag &= ~P_CONTREPORT;
		mtx_unlock(&q->p_mtx);
		return (true);
	}
	mtx_unlock(&q->p_mtx);
	return (false);
}

/*
 * kern_wait: wait for a child of td's process named by idtype (P_PID:
 * pid id; P_PGID: in group id, 0 the caller's; P_ALL) to exit
 * (WEXITED), stop (WSTOPPED: reported once) or continue (WCONTINUED).
 * WNOWAIT leaves the child as it is, waitable again.  Returns 0 with
 * what happened in *wi, or 0 with wi_pid 0 under WNOHANG when nothing
 * has, or ECHILD when there is no such child, or EINTR/ERESTART when a
 * signal ends the wait.
 */
int
kern_wait(struct thread *td, int idtype, pid_t id, int options,
    struct wait_info *wi)
{
	struct proc *p = td->td_proc, *q, *next;
	int error = 0, nfound;

	memset(wi, 0, sizeof(*wi));
	mtx_lock(&proctree_lock);
	for (;;) {
		nfound = 0;
		LIST_FOREACH_SAFE(q, &p->p_children, p_sibling, next) {
			if (q->p_state == PRS_NEW ||
			    !wait_match(p, q, idtype, id))
				continue;
			nfound++;
			if (wait_report(q, options, wi)) {
				mtx_unlock(&proctree_lock);
				return (0);
			}
		}
		if (nfound == 0) {
			mtx_unlock(&proctree_lock);
			return (ECHILD);
		}
		if (options & WNOHANG) {
			mtx_unlock(&proctree_lock);
			wi->wi_pid = 0;
			return (0);
		}
		/* Interrupted, and no child found on the second look. */
		if (error != 0) {
			mtx_unlock(&proctree_lock);
			return (error);
		}
		error = msleep(p, &proctree_lock, PCATCH, "wait", 0);
	}
}

/*
 * kern_wait4: wait4: pid > 0 names a child, -1 any, 0 one in the
 * caller's group, < -1 one in group -pid; exits always, stops with
 * WUNTRACED, continues with WCONTINUED.  Returns 0 with the child's pid
 * in *pidp (0 under WNOHANG when none is ready), its status in *statusp
 * and, when rup is not NULL, its CPU time in *rup; or ECHILD, EINTR,
 * ERESTART as kern_wait.
 */
int
kern_wait4(struct thread *td, pid_t pid, int *statusp, int options,
    pid_t *pidp, struct cputicks *rup)
{
	struct wait_info wi;
	int error, idtype = P_ALL;

	if (pid > 0)
		idtype = P_PID;
	else if (pid == 0 || pid < -1)
		idtype = P_PGID;
	error = kern_wait(td, idtype, pid < -1 ? -pid : pid,
	    (options & (WNOHANG | WUNTRACED | WCONTINUED)) | WEXITED, &wi);
	if (error != 0)
		return (error);
	*pidp = wi.wi_pid;
	*statusp = wi.wi_status;
	if (rup != NULL)
		*rup = wi.wi_ru;
	return (0);
}
