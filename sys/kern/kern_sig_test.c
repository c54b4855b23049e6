/*
 * kern_sig_test.c: in-kernel tests of the signal state (suite sig), on a
 * made-up process and threads that never run: default actions, posting
 * (dropped when ignored and unblocked, kept when blocked, merged when
 * already pending), signals to a process of two threads (pending for the
 * process, seen by the thread that does not block them, what ends an
 * interruptible sleep), sigaction's checks, masks that never hold
 * SIGKILL or SIGSTOP, and sigaltstack's checks; and on real processes
 * (proc_spawn, running in the kernel), the SIGHUP and SIGCONT of a
 * process group orphaned with a stopped member.  Delivery and the frame
 * are tested from user mode (tests/sys/kern/sig*_test.c).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/proc.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/wait.h>

#include <machine/frame.h>

/* A process with one thread whose user rsp is rsp; never run. */
static struct thread *
fake_thread(uint64_t rsp)
{
	struct proc *p;
	struct thread *td;

	p = malloc(sizeof(*p), M_TEMP, M_WAITOK | M_ZERO);
	td = malloc(sizeof(*td), M_TEMP, M_WAITOK | M_ZERO);
	mtx_init(&p->p_mtx, "ktsig", NULL, MTX_DEF);
	TAILQ_INIT(&p->p_threads);
	p->p_pid = PID_MAX;
	td->td_proc = p;
	TAILQ_INSERT_TAIL(&p->p_threads, td, td_plist);
	p->p_numthreads = 1;
	td->td_frame = malloc(sizeof(*td->td_frame), M_TEMP,
	    M_WAITOK | M_ZERO);
	td->td_frame->tf_rsp = rsp;
	return (td);
}

static void
fake_thread_free(struct thread *td)
{
	mtx_destroy(&td->td_proc->p_mtx);
	free(td->td_frame, M_TEMP);
	free(td->td_proc, M_TEMP);
	free(td, M_TEMP);
}

KTEST(sig, default_actions)
{
	KT_EXPECT_EQ(kt, sigprop(SIGCHLD), SIGPROP_IGNORE);
	KT_EXPECT_EQ(kt, sigprop(SIGWINCH), SIGPROP_IGNORE);
	KT_EXPECT_EQ(kt, sigprop(SIGURG), SIGPROP_IGNORE);
	KT_EXPECT_EQ(kt, sigprop(SIGSEGV), SIGPROP_CORE);
	KT_EXPECT_EQ(kt, sigprop(SIGKILL), SIGPROP_KILL);
	KT_EXPECT_EQ(kt, sigprop(SIGTERM), SIGPROP_KILL);
	KT_EXPECT_EQ(kt, sigprop(SIGRTMIN + 3), SIGPROP_KILL);
	KT_EXPECT_EQ(kt, sigprop(SIGSTOP), SIGPROP_STOP);
}

KTEST(sig, posting)
{
	struct thread *td = fake_thread(0x10000);
	struct sigaction act;
	ksiginfo_t ksi;

	/* SIGCHLD's default ignores it: dropped unless blocked. */
	ksiginfo_init(&ksi, SIGCHLD, CLD_EXITED);
	tdsignal(td, &ksi);
	KT_EXPECT_EQ(kt, td->td_sigpend, 0);
	td->td_sigmask = SIGBIT(SIGCHLD);
	tdsignal(td, &ksi);
	KT_EXPECT_EQ(kt, td->td_sigpend, SIGBIT(SIGCHLD));

	/* A second SIGUSR1 merges into the first; its siginfo stays. */
	ksiginfo_init(&ksi, SIGUSR1, SI_USER);
	ksi.ksi_pid = 7;
	tdsignal(td, &ksi);
	ksi.ksi_pid = 8;
	tdsignal(td, &ksi);
	KT_EXPECT_EQ(kt, td->td_sigpend, SIGBIT(SIGCHLD) | SIGBIT(SIGUSR1));
	KT_EXPECT_EQ(kt, td->td_sigqueue[SIGUSR1 - 1].ksi_pid, 7);

	/* Ignoring a pending signal drops it. */
	memset(&act, 0, sizeof(act));
	act.sa_handler = SIG_IGN;
	KT_EXPECT_EQ(kt, kern_sigaction(td, SIGUSR1, &act, NULL), 0);
	KT_EXPECT_EQ(kt, td->td_sigpend, SIGBIT(SIGCHLD));
	KT_EXPECT_EQ(kt, td->td_sigqueue[SIGUSR1 - 1].ksi_signo, 0);

	/* SIGKILL is never ignored. */
	ksiginfo_init(&ksi, SIGKILL, SI_USER);
	tdsignal(td, &ksi);
	KT_EXPECT(kt, (td->td_sigpend & SIGBIT(SIGKILL)) != 0);
	kern_sigpending(td, &act.sa_mask);
	KT_EXPECT_EQ(kt, act.sa_mask, SIGBIT(SIGCHLD));	/* blocked only */
	fake_thread_free(td);
}

/* A second thread in td's made-up process. */
static struct thread *
fake_thread_add(struct thread *td)
{
	struct thread *td2;

	td2 = malloc(sizeof(*td2), M_TEMP, M_WAITOK | M_ZERO);
	td2->td_proc = td->td_proc;
	td2->td_frame = malloc(sizeof(*td2->td_frame), M_TEMP,
	    M_WAITOK | M_ZERO);
	TAILQ_INSERT_TAIL(&td->td_proc->p_threads, td2, td_plist);
	td->td_proc->p_numthreads++;
	return (td2);
}

KTEST(sig, process_signals)
{
	struct thread *a = fake_thread(0x10000), *b = fake_thread_add(a);
	struct proc *p = a->td_proc;
	struct sigaction act;
	sigset_t set;
	ksiginfo_t ksi;

	a->td_sigmask = SIGBIT(SIGUSR1);
	ksiginfo_init(&ksi, SIGUSR1, SI_USER);
	mtx_lock(&proctree_lock);
	KT_EXPECT_EQ(kt, psignal(p, &ksi), 0);
	mtx_unlock(&proctree_lock);
	KT_EXPECT_EQ(kt, p->p_sigpend, SIGBIT(SIGUSR1));
	KT_EXPECT_EQ(kt, a->td_sigpend | b->td_sigpend, 0);
	/* Pending and blocked for a; deliverable to b. */
	kern_sigpending(a, &set);
	KT_EXPECT_EQ(kt, set, SIGBIT(SIGUSR1));
	kern_sigpending(b, &set);
	KT_EXPECT_EQ(kt, set, 0);
	KT_EXPECT_EQ(kt, sig_sleep_check(a), 0);
	KT_EXPECT_EQ(kt, sig_sleep_check(b), EINTR);
	/* A handler with SA_RESTART makes the call again instead. */
	memset(&act, 0, sizeof(act));
	act.sa_handler = 0x1000;	/* a handler */
	act.sa_flags = SA_RESTART;
	KT_EXPECT_EQ(kt, kern_sigaction(a, SIGUSR1, &act, NULL), 0);
	KT_EXPECT_EQ(kt, sig_sleep_check(b), ERESTART);
	/* Ignoring it drops it from the process too. */
	act.sa_handler = SIG_IGN;
	KT_EXPECT_EQ(kt, kern_sigaction(b, SIGUSR1, &act, NULL), 0);
	KT_EXPECT_EQ(kt, p->p_sigpend, 0);
	KT_EXPECT_EQ(kt, sig_sleep_check(b), 0);
	/* Another thread ending the process ends b's sleeps, not a's. */
	p->p_singlethread = a;
	KT_EXPECT_EQ(kt, sig_sleep_check(a), 0);
	KT_EXPECT_EQ(kt, sig_sleep_check(b), EINTR);
	p->p_singlethread = NULL;
	/* A signal to one thread is that thread's alone. */
	ksiginfo_init(&ksi, SIGUSR2, SI_TKILL);
	tdsignal(a, &ksi);
	KT_EXPECT_EQ(kt, a->td_sigpend, SIGBIT(SIGUSR2));
	KT_EXPECT_EQ(kt, sig_sleep_check(b), 0);
	KT_EXPECT_EQ(kt, sig_sleep_check(a), EINTR);
	free(b->td_frame, M_TEMP);
	free(b, M_TEMP);
	fake_thread_free(a);
}

KTEST(sig, sigaction_and_masks)
{
	struct thread *td = fake_thread(0x10000);
	struct sigaction act, oact;
	sigset_t set, old;

	memset(&act, 0, sizeof(act));
	act.sa_handler = 0x401000;
	act.sa_mask = ~0ul;
	KT_EXPECT_EQ(kt, kern_sigaction(td, SIGKILL, &act, NULL), EINVAL);
	KT_EXPECT_EQ(kt, kern_sigaction(td, SIGSTOP, &act, NULL), EINVAL);
	KT_EXPECT_EQ(kt, kern_sigaction(td, 0, NULL, &oact), EINVAL);
	KT_EXPECT_EQ(kt, kern_sigaction(td, NSIG + 1, NULL, &oact), EINVAL);
	KT_EXPECT_EQ(kt, kern_sigaction(td, SIGKILL, NULL, &oact), 0);
	KT_EXPECT_EQ(kt, kern_sigaction(td, SIGUSR2, &act, NULL), 0);
	KT_EXPECT_EQ(kt, kern_sigaction(td, SIGUSR2, NULL, &oact), 0);
	KT_EXPECT_EQ(kt, oact.sa_handler, 0x401000);
	KT_EXPECT_EQ(kt, oact.sa_mask, ~SIGCANTMASK);

	set = ~0ul;
	KT_EXPECT_EQ(kt, kern_sigprocmask(td, SIG_BLOCK, &set, &old), 0);
	KT_EXPECT_EQ(kt, old, 0);
	KT_EXPECT_EQ(kt, td->td_sigmask, ~SIGCANTMASK);
	set = SIGBIT(SIGUSR1);
	KT_EXPECT_EQ(kt, kern_sigprocmask(td, SIG_UNBLOCK, &set, NULL), 0);
	KT_EXPECT_EQ(kt, td->td_sigmask, ~SIGCANTMASK & ~SIGBIT(SIGUSR1));
	KT_EXPECT_EQ(kt, kern_sigprocmask(td, SIG_SETMASK, &set, NULL), 0);
	KT_EXPECT_EQ(kt, td->td_sigmask, SIGBIT(SIGUSR1));
	KT_EXPECT_EQ(kt, kern_sigprocmask(td, 3, &set, NULL), EINVAL);
	KT_EXPECT_EQ(kt, kern_sigprocmask(td, 3, NULL, &old), 0);
	fake_thread_free(td);
}

KTEST(sig, sigaltstack)
{
	struct thread *td = fake_thread(0x20000);
	stack_t ss, oss;

	KT_EXPECT_EQ(kt, kern_sigaltstack(td, NULL, &oss), 0);
	KT_EXPECT_EQ(kt, oss.ss_flags, SS_DISABLE);
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = 0x10000;
	ss.ss_size = MINSIGSTKSZ - 1;
	KT_EXPECT_EQ(kt, kern_sigaltstack(td, &ss, NULL), ENOMEM);
	ss.ss_flags = 4;
	KT_EXPECT_EQ(kt, kern_sigaltstack(td, &ss, NULL), EINVAL);
	ss.ss_flags = 0;
	ss.ss_size = 0x10000;
	KT_EXPECT_EQ(kt, kern_sigaltstack(td, &ss, NULL), 0);
	KT_EXPECT(kt, sigonstack(td, 0x20000));
	KT_EXPECT(kt, !sigonstack(td, 0x10000));
	/* The thread runs on it now: no change allowed. */
	KT_EXPECT_EQ(kt, kern_sigaltstack(td, NULL, &oss), 0);
	KT_EXPECT_EQ(kt, oss.ss_flags, SS_ONSTACK);
	KT_EXPECT_EQ(kt, kern_sigaltstack(td, &ss, NULL), EPERM);
	td->td_frame->tf_rsp = 0x40000;
	ss.ss_flags = SS_DISABLE;
	KT_EXPECT_EQ(kt, kern_sigaltstack(td, &ss, NULL), 0);
	KT_EXPECT(kt, !sigonstack(td, 0x20000));
	fake_thread_free(td);
}

/* What the processes of sig.orphaned_group_hup saw. */
static struct {
	volatile int	stopped, done_s, done_r;
	pid_t		s, r;		/* the two members */
	bool		s_orphaned, r_orphaned, self_orphaned, s_has_stop;
	bool		s_hup, s_cont, s_still_stopped, r_hup;
} ko;

/* S: a group of its own, "stopped" (P_STOPPED set as sig_stop does,
   without parking: it runs in the kernel), waits for its continue. */
static void
ko_stopped(void *arg)
{
	struct thread *td = curthread;
	struct proc *p = td->td_proc;
	int i;

	(void)kern_setpgid(td, 0, 0);
	mtx_lock(&proctree_lock);
	mtx_lock(&p->p_mtx);
	p->p_flag |= P_STOPPED | P_STOPREPORT;
	p->p_xstopsig = SIGSTOP;
	mtx_unlock(&p->p_mtx);
	mtx_unlock(&proctree_lock);
	ko.stopped = 1;
	for (i = 0; i < 5 * hz && (p->p_flag & P_STOPPED) != 0; i++)
		(void)pause("ktorph", 1);
	mtx_lock(&p->p_mtx);
	ko.s_hup = (p->p_sigpend & SIGBIT(SIGHUP)) != 0;
	ko.s_cont = (p->p_flag & P_CONTREPORT) != 0;
	ko.s_still_stopped = (p->p_flag & P_STOPPED) != 0;
	mtx_unlock(&p->p_mtx);
	ko.done_s = 1;
	exit1(td, 0, 0);
}

/* R: a group of its own, running: orphaned too, but gets nothing. */
static void
ko_running(void *arg)
{
	struct thread *td = curthread;
	struct proc *p = td->td_proc;
	int i;

	(void)kern_setpgid(td, 0, 0);
	for (i = 0; i < 5 * hz && p->p_pptr != &proc0; i++)
		(void)pause("ktorph", 1);
	(void)pause("ktorph", hz / 10 + 1);
	ko.r_hup = (p->p_sigpend & SIGBIT(SIGHUP)) != 0;
	ko.done_r = 1;
	exit1(td, 0, 0);
}

/* The leader of S and R's session, their parent: it exits. */
static void
ko_leader(void *arg)
{
	struct thread *td = curthread;
	struct proc *p = td->td_proc, *s, *r;
	int i;

	if (proc_spawn(p, ko_stopped, NULL, "ktorphs", 0, &s) != 0 ||
	    proc_spawn(p, ko_running, NULL, "ktorphr", 0, &r) != 0)
		exit1(td, 1, 0);
	ko.s = s->p_pid;
	ko.r = r->p_pid;
	for (i = 0; i < 5 * hz && !ko.stopped; i++)
		(void)pause("ktorph", 1);
	/* S's parent links its group; nothing links the leader's. */
	mtx_lock(&proctree_lock);
	ko.s_orphaned = pgrp_orphaned(s->p_pgrp, NULL);
	ko.r_orphaned = pgrp_orphaned(r->p_pgrp, NULL);
	ko.self_orphaned = pgrp_orphaned(p->p_pgrp, NULL);
	ko.s_has_stop = pgrp_stopped(s->p_pgrp);
	mtx_unlock(&proctree_lock);
	exit1(td, 0, 0);
}

/*
 * Orphaned process groups (POSIX, Linux's kill_orphaned_pgrp): when the
 * leader exits, its children S and R (each a group of its own in its
 * session) go to the kernel's process, and their groups are orphaned;
 * S's, which has a stopped member, gets SIGHUP then SIGCONT (which
 * continues it), R's gets nothing.
 */
KTEST(sig, orphaned_group_hup)
{
	struct proc *p;
	pid_t pid;
	int status, i;

	memset(&ko, 0, sizeof(ko));
	KT_ASSERT_EQ(kt, proc_spawn(&proc0, ko_leader, NULL, "ktorph", 0,
	    &p), 0);
	pid = p->p_pid;
	KT_EXPECT_EQ(kt, kern_wait4(curthread, pid, &status, 0, &pid, NULL), 0);
	KT_EXPECT_EQ(kt, status, 0);
	for (i = 0; i < 10 * hz && !(ko.done_s && ko.done_r); i++)
		(void)pause("ktorph", 1);
	KT_ASSERT(kt, ko.done_s && ko.done_r);
	/* Theirs now: the kernel's process took them. */
	KT_EXPECT_EQ(kt, kern_wait4(curthread, ko.s, &status, 0, &pid, NULL), 0);
	KT_EXPECT_EQ(kt, kern_wait4(curthread, ko.r, &status, 0, &pid, NULL), 0);
	KT_EXPECT(kt, !ko.s_orphaned);
	KT_EXPECT(kt, !ko.r_orphaned);
	KT_EXPECT(kt, ko.self_orphaned);
	KT_EXPECT(kt, ko.s_has_stop);
	KT_EXPECT(kt, ko.s_hup);
	KT_EXPECT(kt, ko.s_cont);
	KT_EXPECT(kt, !ko.s_still_stopped);
	KT_EXPECT(kt, !ko.r_hup);
}
