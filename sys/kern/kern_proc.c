/*
 * kern_proc.c: process records, pids and the process tree.
 *
 * proc0 is the kernel's process: thread0, the idle thread and every
 * kernel thread point at it; it has no user address space and pid 0.
 * Every other process is created by proc_alloc() as a child of another
 * (fork1, or proc_spawn for the processes the kernel starts, whose parent
 * is proc0), lives on allproc, and is freed by proc_reap() when its parent
 * collects its status (wait4).
 *
 * Pids run from 1 to PID_MAX and wrap, skipping pids still in use (by a
 * live process or a zombie), as FreeBSD's and Linux's allocators do.
 * Thread ids come from the same space (a process's first thread's id is
 * its pid; clone's threads take fresh ones), so an id in use by a
 * thread is skipped too.
 * proctree_lock, one sleep mutex, protects allproc, the pid counter, the
 * tree links, and each process's state and exit status.
 *
 * Process groups and sessions (FreeBSD's, with Linux's rules): every
 * user process is in one group, every group in one session.  A process
 * the kernel starts (its parent is proc0) leads a new session and group
 * of its own; fork puts the child in its parent's group; setsid and
 * setpgid move a process.  A group lives on allpgrp while it has
 * members (zombies count, so a wait by group finds them) and holds its
 * session; proctree_lock protects all of it.  A group is orphaned
 * (pgrp_orphaned) when none of its members has a parent in another
 * group of the same session: nobody is left to continue its stopped
 * jobs, so the terminal's job-control stops do not apply to it, and
 * exit1 sends SIGHUP and SIGCONT to one that becomes orphaned with a
 * stopped member (kern_exit.c).  XXX: a lookup
 * walks allproc; a pid hash when there are many processes.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/tty.h>
#include <sys/ucred.h>

#include <machine/atomic.h>

static MALLOC_DEFINE(M_PROC, "proc", "process records");
static MALLOC_DEFINE(M_PGRP, "pgrp", "process groups and sessions");

struct mtx	proctree_lock;
static LIST_HEAD(, proc) allproc = LIST_HEAD_INITIALIZER(allproc); /* (t) */
static LIST_HEAD(, pgrp) allpgrp = LIST_HEAD_INITIALIZER(allpgrp); /* (t) */
static pid_t	lastpid;		/* (t) the last pid handed out */
struct proc	*initproc;		/* (c) after it is created */

struct proc proc0 = {
	.p_pid = 0,
	.p_state = PRS_NORMAL,
	.p_flag = P_SYSTEM,
	.p_comm = "kernel",
};

/* The default limits, which every process inherits from proc0. */
static void
proc0_limits(struct proc *p)
{
	int i;

	for (i = 0; i < RLIM_NLIMITS; i++) {
		p->p_limit[i].rlim_cur = RLIM_INFINITY;
		p->p_limit[i].rlim_max = RLIM_INFINITY;
	}
	p->p_limit[RLIMIT_STACK].rlim_cur = 8 * 1024 * 1024;
	p->p_limit[RLIMIT_NOFILE].rlim_cur = 1024;
	p->p_limit[RLIMIT_NOFILE].rlim_max = 4096;
	p->p_limit[RLIMIT_CORE].rlim_cur = 0;
}

static void
procinit(const void *arg __unused)
{
	mtx_init(&proctree_lock, "proctree", NULL, MTX_DEF);
	mtx_init(&proc0.p_mtx, "proc", NULL, MTX_DEF);
	TAILQ_INIT(&proc0.p_threads);
	LIST_INIT(&proc0.p_children);
	proc0_limits(&proc0);
	proc0.p_ucred = crget();
	mtx_lock(&proctree_lock);
	LIST_INSERT_HEAD(&allproc, &proc0, p_list);
	mtx_unlock(&proctree_lock);
}
SYSINIT(procinit, SI_SUB_KMEM, SI_ORDER_ANY, procinit, NULL);

/* session_init: sess (zeroed) is a new session led by p.  (t) */
static void
session_init(struct session *sess, struct proc *p)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	sess->s_sid = p->p_pid;
	sess->s_leader = p;
}

/* Put p (in no group) into group pg. */
static void
pgrp_join(struct proc *p, struct pgrp *pg)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT(p->p_pgrp == NULL, ("pgrp_join: pid %d has a group",
	    p->p_pid));
	KASSERT(pg != NULL, ("pgrp_join: no group for pid %d", p->p_pid));
	p->p_pgrp = pg;
	LIST_INSERT_HEAD(&pg->pg_members, p, p_pglist);
}

/*
 * pgrp_enter: pg (zeroed, new) becomes the group with p's pid as id, in
 * session sess, and p (in no group) its first member.
 */
static void
pgrp_enter(struct proc *p, struct pgrp *pg, struct session *sess)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT(pgfind_locked(p->p_pid) == NULL, ("pgrp_enter: group %d "
	    "exists", p->p_pid));
	pg->pg_id = p->p_pid;
	pg->pg_session = sess;
	LIST_INIT(&pg->pg_members);
	sess->s_count++;
	LIST_INSERT_HEAD(&allpgrp, pg, pg_list);
	pgrp_join(p, pg);
}

/*
 * pgrp_leave: take p out of its group; the group goes with its last
 * member, the session with its last group (and its terminal loses it).
 */
static void
pgrp_leave(struct proc *p)
{
	struct pgrp *pg = p->p_pgrp;
	struct session *sess;

	mtx_assert(&proctree_lock, MA_OWNED);
	LIST_REMOVE(p, p_pglist);
	p->p_pgrp = NULL;
	if (!LIST_EMPTY(&pg->pg_members))
		return;
	LIST_REMOVE(pg, pg_list);
	sess = pg->pg_session;
	if (sess->s_ttyp != NULL)
		tty_pgrp_gone(sess->s_ttyp, pg->pg_id);
	free(pg, M_PGRP);
	KASSERT(sess->s_count > 0, ("pgrp_leave: session %d count",
	    sess->s_sid));
	if (--sess->s_count == 0) {
		if (sess->s_ttyp != NULL)
			tty_session_gone(sess->s_ttyp, sess);
		free(sess, M_PGRP);
	}
}

/* pgfind_locked: the process group pgid, or NULL.  (t) */
struct pgrp *
pgfind_locked(pid_t pgid)
{
	struct pgrp *pg;

	mtx_assert(&proctree_lock, MA_OWNED);
	LIST_FOREACH(pg, &allpgrp, pg_list)
		if (pg->pg_id == pgid)
			return (pg);
	return (NULL);
}

/*
 * pgrp_orphaned: whether group pg is orphaned (POSIX; Linux's
 * will_become_orphaned_pgrp): no member but ignored (may be NULL) and
 * the zombies has a parent in another group of the same session.  A
 * parent that is init or the kernel links nothing.  (t)
 */
bool
pgrp_orphaned(struct pgrp *pg, struct proc *ignored)
{
	struct proc *p, *pp;

	mtx_assert(&proctree_lock, MA_OWNED);
	LIST_FOREACH(p, &pg->pg_members, p_pglist) {
		if (p == ignored || p->p_state == PRS_ZOMBIE)
			continue;
		pp = p->p_pptr;
		if (pp == NULL || pp == initproc || pp->p_pgrp == NULL)
			continue;
		if (pp->p_pgrp != pg &&
		    pp->p_pgrp->pg_session == pg->pg_session)
			return (false);
	}
	return (true);
}

/* pgrp_stopped: whether a member of pg is stopped (has_stopped_jobs). */
bool
pgrp_stopped(struct pgrp *pg)
{
	struct proc *p;

	mtx_assert(&proctree_lock, MA_OWNED);
	LIST_FOREACH(p, &pg->pg_members, p_pglist)
		if (p->p_state == PRS_NORMAL && (p->p_flag & P_STOPPED) != 0)
			return (true);
	return (false);
}

/* pfind_locked: the process with pid, zombies included, or NULL. */
struct proc *
pfind_locked(pid_t pid)
{
	struct proc *p;

	mtx_assert(&proctree_lock, MA_OWNED);
	LIST_FOREACH(p, &allproc, p_list)
		if (p->p_pid == pid)
			return (p);
	return (NULL);
}

/*
 * tdfind_locked: the user thread with id tid in the process pid (-1:
 * in any process), or NULL.  proctree_lock held.
 */
struct thread *
tdfind_locked(pid_t tid, pid_t pid)
{
	struct thread *td;
	struct proc *p;

	mtx_assert(&proctree_lock, MA_OWNED);
	LIST_FOREACH(p, &allproc, p_list) {
		if ((pid != -1 && p->p_pid != pid) || (p->p_flag & P_SYSTEM))
			continue;
		TAILQ_FOREACH(td, &p->p_threads, td_plist)
			if (td->td_tid == tid)
				return (td);
	}
	return (NULL);
}

/*
 * Whether id names a process group or a session (a session has at
 * least one group), whose leader may be gone.  (t)
 */
static bool
pgid_in_use(pid_t id)
{
	struct pgrp *pg;

	mtx_assert(&proctree_lock, MA_OWNED);
	LIST_FOREACH(pg, &allpgrp, pg_list)
		if (pg->pg_id == id || pg->pg_session->s_sid == id)
			return (true);
	return (false);
}

/*
 * pid_alloc: the next id after lastpid used by no process, zombie or
 * thread, and by no process group or session whose leader is gone
 * (POSIX: a group's id is not reused while the group exists, so that
 * kill(-pgid) never reaches a newcomer), or 0 when every id is taken.
 * proctree_lock held; the caller makes the id used (a process on
 * allproc, a thread on p_threads) before dropping it.
 */
pid_t
pid_alloc(void)
{
	pid_t pid = lastpid;
	int tries;

	mtx_assert(&proctree_lock, MA_OWNED);
	for (tries = 0; tries < PID_MAX; tries++) {
		pid = pid >= PID_MAX ? 1 : pid + 1;
		if (pfind_locked(pid) == NULL &&
		    tdfind_locked(pid, -1) == NULL && !pgid_in_use(pid)) {
			lastpid = pid;
			return (pid);
		}
	}
	return (0);
}

/*
 * proc_alloc: a new process, child of parent, in state PRS_NEW with a
 * fresh pid, parent's limits, ABI and name, no threads and no address
 * space.  Returns 0 and it in *pp, or EAGAIN when no pid is free.
 */
int
proc_alloc(struct proc *parent, struct proc **pp)
{
	struct session *sess = NULL;
	struct pgrp *pg = NULL;
	struct proc *p;

	p = malloc(sizeof(*p), M_PROC, M_WAITOK | M_ZERO);
	/* A child of the kernel leads a session of its own. */
	if (parent->p_flag & P_SYSTEM) {
		pg = malloc(sizeof(*pg), M_PGRP, M_WAITOK | M_ZERO);
		sess = malloc(sizeof(*sess), M_PGRP, M_WAITOK | M_ZERO);
	}
	TAILQ_INIT(&p->p_threads);
	LIST_INIT(&p->p_children);
	p->p_state = PRS_NEW;
	p->p_sysent = parent->p_sysent;
	memcpy(p->p_limit, parent->p_limit, sizeof(p->p_limit));
	strlcpy(p->p_comm, parent->p_comm, sizeof(p->p_comm));
	mtx_init(&p->p_mtx, "proc", NULL, MTX_DEF);
	callout_init(&p->p_itcallout);
	sigacts_fork(parent, p);
	p->p_ucred = crhold(parent->p_ucred);
	mtx_lock(&proctree_lock);
	p->p_pid = pid_alloc();
	if (p->p_pid == 0) {
		mtx_unlock(&proctree_lock);
		crfree(p->p_ucred);
		mtx_destroy(&p->p_mtx);
		free(p, M_PROC);
		free(pg, M_PGRP);
		free(sess, M_PGRP);
		return (EAGAIN);
	}
	if (pg != NULL) {
		session_init(sess, p);
		pgrp_enter(p, pg, sess);
	} else {
		pgrp_join(p, parent->p_pgrp);
	}
	p->p_pptr = parent;
	LIST_INSERT_HEAD(&allproc, p, p_list);
	LIST_INSERT_HEAD(&parent->p_children, p, p_sibling);
	mtx_unlock(&proctree_lock);
	*pp = p;
	return (0);
}

/*
 * proc_reap: free p, a zombie or a PRS_NEW process whose creation
 * failed, with no threads and no address space left.  proctree_lock
 * held.
 */
void
proc_reap(struct proc *p)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT(p->p_state != PRS_NORMAL && TAILQ_EMPTY(&p->p_threads) &&
	    p->p_vmspace == NULL, ("proc_reap: pid %d is alive", p->p_pid));
	KASSERT(LIST_EMPTY(&p->p_children), ("proc_reap: pid %d has children",
	    p->p_pid));
	KASSERT(p->p_fd == NULL && p->p_textvp == NULL,
	    ("proc_reap: pid %d has files", p->p_pid));
	KASSERT(p->p_vforkparent == NULL, ("proc_reap: pid %d has a parent "
	    "in vfork", p->p_pid));
	itimer_proc_exit(p);
	LIST_REMOVE(p, p_list);
	LIST_REMOVE(p, p_sibling);
	if (p->p_pgrp != NULL)
		pgrp_leave(p);
	pargs_drop(p->p_args);
	crfree(p->p_ucred);
	mtx_destroy(&p->p_mtx);
	free(p, M_PROC);
}

/*
 * proc_next_pid: the smallest pid above pid (>= 0) of a process that
 * runs or is a zombie (procfs lists /proc this way), or 0 when there is
 * none.  proctree_lock held.
 */
pid_t
proc_next_pid(pid_t pid)
{
	struct proc *p;
	pid_t best = 0;

	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT(pid >= 0, ("%s: pid %d", __func__, pid));
	LIST_FOREACH(p, &allproc, p_list)
		if (p->p_pid > pid && p->p_state != PRS_NEW &&
		    (best == 0 || p->p_pid < best))
			best = p->p_pid;
	return (best);
}

/* proc_set_comm: name p after the last component of path. */
void
proc_set_comm(struct proc *p, const char *path)
{
	const char *s = path, *c;

	for (c = path; *c != '\0'; c++)
		if (*c == '/' && c[1] != '\0')
			s = c + 1;
	strlcpy(p->p_comm, s, sizeof(p->p_comm));
}

/*
 * pargs_alloc: a struct pargs holding the first len bytes of args (cut
 * to PROC_ARGS_MAX) and the program's path, with one reference.
 */
struct pargs *
pargs_alloc(const char *args, size_t len, const char *path)
{
	struct pargs *pa;
	size_t plen = strlen(path) + 1;

	len = MIN(len, PROC_ARGS_MAX);
	pa = malloc(sizeof(*pa) + len + plen, M_PROC, M_WAITOK);
	pa->ar_ref = 1;
	pa->ar_length = (u_int)len;
	memcpy(pa->ar_args, args, len);
	pa->ar_path = pa->ar_args + len;
	memcpy(pa->ar_path, path, plen);
	return (pa);
}

/* pargs_hold: one more reference to pa (which may be NULL). */
struct pargs *
pargs_hold(struct pargs *pa)
{
	if (pa != NULL)
		atomic_add_int(&pa->ar_ref, 1);
	return (pa);
}

/* pargs_drop: drop a reference; the last frees pa. */
void
pargs_drop(struct pargs *pa)
{
	if (pa != NULL && atomic_fetchadd_int(&pa->ar_ref, (u_int)-1) == 1)
		free(pa, M_PROC);
}

/* proc_set_args: p's arguments become pa (its reference moves). */
void
proc_set_args(struct proc *p, struct pargs *pa)
{
	struct pargs *old;

	mtx_lock(&p->p_mtx);
	old = p->p_args;
	p->p_args = pa;
	mtx_unlock(&p->p_mtx);
	pargs_drop(old);
}

/*
 * kern_setsid: td's process leads a new session and a new group, both
 * with its pid as id, and loses its controlling terminal.  Returns 0
 * with the id in *sidp, or EPERM when a group with that id exists (the
 * caller leads one), as Linux.
 */
int
kern_setsid(struct thread *td, pid_t *sidp)
{
	struct proc *p = td->td_proc;
	struct session *sess;
	struct pgrp *pg;

	pg = malloc(sizeof(*pg), M_PGRP, M_WAITOK | M_ZERO);
	sess = malloc(sizeof(*sess), M_PGRP, M_WAITOK | M_ZERO);
	mtx_lock(&proctree_lock);
	if (p->p_pgrp == NULL || pgfind_locked(p->p_pid) != NULL) {
		mtx_unlock(&proctree_lock);
		free(pg, M_PGRP);
		free(sess, M_PGRP);
		return (EPERM);
	}
	pgrp_leave(p);
	session_init(sess, p);
	pgrp_enter(p, pg, sess);
	*sidp = p->p_pid;
	mtx_unlock(&proctree_lock);
	return (0);
}

/*
 * kern_setpgid: move process pid (0: the caller) into group pgid (0:
 * pid's own id), made when it does not exist and pgid is pid.  Linux's
 * errors: EINVAL for pgid < 0; ESRCH when pid is neither the caller nor
 * its child; EPERM for a child in another session, a session leader, or
 * a group pgid not in the caller's session; EACCES for a child that has
 * exec'ed.
 */
int
kern_setpgid(struct thread *td, pid_t pid, pid_t pgid)
{
	struct proc *self = td->td_proc, *p;
	struct pgrp *pg, *npg;
	struct session *sess;
	int error = 0;

	if (pgid < 0)
		return (EINVAL);
	npg = malloc(sizeof(*npg), M_PGRP, M_WAITOK | M_ZERO);
	mtx_lock(&proctree_lock);
	if (pid == 0)
		pid = self->p_pid;
	if (pgid == 0)
		pgid = pid;
	p = pfind_locked(pid);
	sess = self->p_pgrp != NULL ? self->p_pgrp->pg_session : NULL;
	if (p == NULL || p->p_pgrp == NULL || p->p_state == PRS_NEW ||
	    (p != self && p->p_pptr != self)) {
		error = ESRCH;
	} else if (p != self && p->p_pgrp->pg_session != sess) {
		error = EPERM;
	} else if (p != self && (p->p_flag & P_EXEC)) {
		error = EACCES;
	} else if (p->p_pgrp->pg_session->s_leader == p) {
		error = EPERM;
	} else if ((pg = pgfind_locked(pgid)) != NULL) {
		if (pg->pg_session != sess)
			error = EPERM;
		else if (pg != p->p_pgrp) {
			pgrp_leave(p);
			pgrp_join(p, pg);
		}
	} else if (pgid != pid) {
		error = EPERM;
	} else {
		pgrp_leave(p);
		pgrp_enter(p, npg, sess);
		npg = NULL;
	}
	mtx_unlock(&proctree_lock);
	free(npg, M_PGRP);
	return (error);
}

/* The process pid (0: td's), alive or a zombie, or NULL.  (t) */
static struct proc *
pfind_self(struct thread *td, pid_t pid)
{
	struct proc *p;

	if (pid == 0)
		return (td->td_proc);
	p = pfind_locked(pid);
	if (p == NULL || p->p_pgrp == NULL || p->p_state == PRS_NEW)
		return (NULL);
	return (p);
}

/* Process pid's (0: the caller's) group or session id; ESRCH. */
static int
proc_getid(struct thread *td, pid_t pid, bool session, pid_t *idp)
{
	struct proc *p;
	int error = 0;

	mtx_lock(&proctree_lock);
	p = pfind_self(td, pid);
	if (p == NULL || p->p_pgrp == NULL)
		error = ESRCH;
	else
		*idp = session ? p->p_pgrp->pg_session->s_sid :
		    p->p_pgrp->pg_id;
	mtx_unlock(&proctree_lock);
	return (error);
}

/* kern_getpgid: process pid's (0: the caller's) group id; ESRCH. */
int
kern_getpgid(struct thread *td, pid_t pid, pid_t *pgidp)
{
	return (proc_getid(td, pid, false, pgidp));
}

/* kern_getsid: process pid's (0: the caller's) session id; ESRCH. */
int
kern_getsid(struct thread *td, pid_t pid, pid_t *sidp)
{
	return (proc_getid(td, pid, true, sidp));
}

/*
 * pid_alloc passes over the id of a group and of a session whose
 * leaders are gone: a stand-in group (id a) in a stand-in session (id
 * a + 1), with no members, is on the group list for the test.
 */
KTEST(proc, pid_alloc_skips_group_and_session_ids)
{
	static struct session sess;
	static struct pgrp pg;
	pid_t a, got, saved;

	mtx_lock(&proctree_lock);
	saved = lastpid;
	a = pid_alloc();
	if (a == 0 || a + 2 > PID_MAX || pfind_locked(a + 1) != NULL ||
	    pfind_locked(a + 2) != NULL || pgid_in_use(a + 1) ||
	    pgid_in_use(a + 2)) {
		lastpid = saved;
		mtx_unlock(&proctree_lock);
		KT_SKIP(kt, "no three free ids in a row");
	}
	sess.s_sid = a + 1;
	pg.pg_id = a;
	pg.pg_session = &sess;
	LIST_INIT(&pg.pg_members);
	LIST_INSERT_HEAD(&allpgrp, &pg, pg_list);
	lastpid = a - 1;
	got = pid_alloc();
	LIST_REMOVE(&pg, pg_list);
	lastpid = saved;
	mtx_unlock(&proctree_lock);
	KT_EXPECT_EQ(kt, got, a + 2);
}
