/*
 * proc.h: threads and processes.
 *
 * A process (struct proc) is an address space, an ABI (p_sysent), a place
 * in the process tree and an exit status; its threads run.  Kernel
 * threads belong to proc0, the kernel's process, which has no user
 * address space.  A user process has one or more threads (clone with
 * CLONE_THREAD, sys/kern/kern_thread.c), all sharing its address space,
 * descriptor table and signal actions.  Its first thread's id is the
 * pid; every other thread's id comes from the pid space, so a tid is
 * unique among pids and tids, as on Linux.
 * Lifecycle: PRS_NEW (being built by fork1/proc_spawn) -> PRS_NORMAL
 * (runnable) -> PRS_ZOMBIE (exit1 on its last thread: address space
 * freed, status kept) -> freed by the parent's wait4.
 * sys/kern/kern_proc.c, kern_fork.c, kern_thread.c, kern_exit.c;
 * share/doc/user-mode.md.
 *
 * Lock legend:
 *	(c) constant after creation
 *	(s) the scheduler lock (sched_lock, a spin mutex)
 *	(k) only the thread itself (curthread) touches it
 *	(t) proctree_lock (a sleep mutex): the process tree, allproc, pids,
 *	    process states and exit status
 *	(x) set while the process has one thread (exec, or its creator
 *	    before the process runs); read by its threads without a lock
 *	(p) p_mtx, the process's mutex (after proctree_lock): pending
 *	    signals, signal actions, single-threading
 *	(t,p) both locks to write, either to read
 */
#ifndef _SYS_PROC_H_
#define _SYS_PROC_H_

#include <sys/types.h>
#include <sys/callout.h>
#include <sys/queue.h>

#include <sys/mutex.h>
#include <sys/resource.h>
#include <sys/signalvar.h>

#include <machine/pcb.h>
#include <machine/pcpu.h>

struct dvmspace;
struct filedesc;
struct pargs;
struct proc;
struct sysent;
struct tty;
struct sysentvec;
struct trapframe;
struct ucred;
struct vnode;

/* A system call's number and arguments, as the ABI fetched them. */
struct syscall_args {
	u_int		code;		/* system call number */
	const struct sysent *callp;	/* its table entry */
	register_t	args[6];
};

enum td_state {
	TDS_INACTIVE,	/* created, never run, or exited */
	TDS_CAN_RUN,	/* not on a run queue, not sleeping: being set up */
	TDS_RUNQ,	/* on a run queue */
	TDS_RUNNING,	/* on a CPU */
	TDS_SLEEPING,	/* on a sleep queue (td_wchan) */
};

struct thread {
	char		td_name[24];	/* (c) for ps and backtraces */
	int		td_tid;		/* (t) thread id; changes only in
					   exec, by the thread itself */
	enum td_state	td_state;	/* (s) */
	int		td_priority;	/* (s) lower value = more urgent */
	int		td_base_pri;	/* (s) priority when not boosted */
	u_int		td_flags;	/* (s) TDF_* */
	int		td_slice;	/* (s) ticks left in its time slice */
	TAILQ_ENTRY(thread) td_runq;	/* (s) run queue or sleep queue link */
	TAILQ_ENTRY(thread) td_allthr;	/* (s) all threads */
	const void	*td_wchan;	/* (s) what it sleeps on */
	const char	*td_wmesg;	/* (s) why it sleeps */
	int		td_sleep_result; /* (s) 0, or EWOULDBLOCK on timeout */
	struct callout	td_slpcallout;	/* (s) ends a sleep with a timeout */
	void		(*td_func)(void *); /* (c) kernel thread's function */
	void		*td_arg;	/* (c) its argument */
	u_int		td_spinlocks;	/* (k) spin mutexes held */
	u_int		td_md_spinlock_count; /* (k) spinlock_enter depth */
	uint64_t	td_md_saved_flags; /* (k) rflags at the outermost enter */
	u_int		td_critnest;	/* (k) critical_enter depth */
	int		td_owepreempt;	/* (k) preemption was deferred */
	vm_offset_t	td_kstack;	/* (c) base of the kernel stack */
	u_int		td_kstack_pages; /* (c) its size in pages */
	uint64_t	td_runtime;	/* (s) ticks spent running */
	uint64_t	td_uticks;	/* (s) of which in user mode (a user
					   thread; cputime_tick) */
	uint64_t	td_sticks;	/* (s) and in the kernel for it */
	uint64_t	td_switches;	/* (s) times switched out */
	struct proc	*td_proc;	/* (c) its process (proc0: kernel) */
	TAILQ_ENTRY(thread) td_plist;	/* (t,p) the process's threads */
	struct trapframe *td_frame;	/* (c) user registers at the top of
					   the kernel stack; NULL for a
					   kernel thread */
	struct syscall_args td_sa;	/* (k) the current system call */
	register_t	td_retval[2];	/* (k) its return values */
	sigset_t	td_sigmask;	/* (k) blocked signals */
	sigset_t	td_sigpend;	/* (p) pending signals */
	ksiginfo_t	td_sigqueue[NSIG]; /* (p) their siginfo, by sig - 1 */
	stack_t		td_sigstk;	/* (k) sigaltstack */
	sigset_t	td_oldsigmask;	/* (k) the mask to restore after a
					   wait with a temporary one (ppoll,
					   pselect6), if td_oldmask_set */
	bool		td_oldmask_set;	/* (k) */
	sigset_t	td_sigwait;	/* (p) signals td waits for, blocked
					   (sigtimedwait): their arrival wakes
					   it on &td->td_sigwait */
	vm_offset_t	td_clear_child_tid; /* (k) set_tid_address: at exit
					   0 is stored there and a futex
					   waiter woken (pthread_join) */
	vm_offset_t	td_child_settid; /* (k) a new thread stores its tid
					   here first (clone) */
	vm_offset_t	td_robust_list;	/* (k) set_robust_list's head
					   (recorded, XXX: not walked);
					   get_robust_list peeks */
	vm_size_t	td_robust_len;	/* (k) its length */
	struct proc	*td_vforkchild;	/* (t) the child this thread waits
					   for in vfork (CLONE_VFORK) to
					   exec or exit, or NULL */
	struct pcb	td_pcb;		/* (k) saved context when off CPU */
};

#define TDF_NEEDRESCHED	0x0001	/* switch away at the next chance */
#define TDF_IDLETD	0x0002	/* the idle thread */
#define TDF_TIMEOUT	0x0004	/* the sleep timed out */
#define TDF_SINTR	0x0008	/* the sleep may be interrupted (PCATCH) */

/* Priorities: 0 (most urgent) .. PRI_MAX; the idle thread runs at PRI_IDLE. */
#define PRI_MIN_KERN	0
#define PRI_KERN	64	/* ordinary kernel threads */
#define PRI_MAX		255
#define PRI_IDLE	255

enum p_state {
	PRS_NEW,	/* being created */
	PRS_NORMAL,	/* alive */
	PRS_ZOMBIE,	/* exited, waiting for its parent's wait4 */
};

/*
 * A session: process groups under one leader, and the terminal that
 * controls them (FreeBSD's struct session).  Freed with its last group.
 */
struct session {
	int		s_count;	/* (t) its process groups */
	struct proc	*s_leader;	/* (t) the process that made it, or
					   NULL once it has exited */
	pid_t		s_sid;		/* (c) the leader's pid */
	struct tty	*s_ttyp;	/* (t) controlling terminal, or NULL */
};

/*
 * A process group: the processes a terminal's job-control signals and
 * kill(-pgid) reach together.  Freed when its last member is reaped.
 */
struct pgrp {
	LIST_ENTRY(pgrp) pg_list;	/* (t) allpgrp */
	LIST_HEAD(, proc) pg_members;	/* (t) its processes (zombies too) */
	struct session	*pg_session;	/* (c) */
	pid_t		pg_id;		/* (c) the creator's pid */
};

#define MAXCOMLEN	19	/* length of p_comm without the NUL */
#define PID_MAX		99999	/* pids are 1..PID_MAX; tids of kernel
				   threads are above it */

struct proc {
	LIST_ENTRY(proc) p_list;	/* (t) allproc */
	TAILQ_HEAD(, thread) p_threads;	/* (t,p) its threads */
	int		p_numthreads;	/* (t,p) how many */
	struct thread	*p_singlethread; /* (p) the thread ending all the
					   others (exit_group, a fatal
					   signal, exec), or NULL */
	pid_t		p_pid;		/* (c) */
	enum p_state	p_state;	/* (t) */
	u_int		p_flag;		/* (t) P_* */
	struct proc	*p_pptr;	/* (t) parent */
	LIST_HEAD(, proc) p_children;	/* (t) children, zombies included */
	LIST_ENTRY(proc) p_sibling;	/* (t) the parent's p_children */
	int		p_xexit;	/* (t) exit code, when a zombie */
	int		p_xsig;		/* (t) killing signal, or 0 */
	int		p_xstopsig;	/* (t,p) the signal that stopped it */
	struct pgrp	*p_pgrp;	/* (t) process group; NULL: proc0 */
	LIST_ENTRY(proc) p_pglist;	/* (t) the group's pg_members */
	struct dvmspace	*p_vmspace;	/* (x) user address space, or NULL;
					   shared with CLONE_VM children
					   (vm_direct.h: its own legend).
					   XXX: becomes struct vmspace */
	struct thread	*p_vforkparent;	/* (t) the parent's thread waiting
					   in vfork until this process
					   execs or exits, or NULL */
	struct sysentvec *p_sysent;	/* (x) system-call ABI (from exec) */
	struct rlimit	p_limit[RLIM_NLIMITS]; /* (x) resource limits; XXX:
					   prlimit by one thread races
					   another's reads */
	char		p_comm[MAXCOMLEN + 1]; /* (x) name (exec'ed file) */
	struct mtx	p_mtx;		/* the process's mutex */
	struct sigacts	p_sigacts;	/* (p) signal actions */
	sigset_t	p_sigpend;	/* (p) signals pending for the process
					   (kill), taken by any thread that
					   does not block them */
	ksiginfo_t	p_sigqueue[NSIG]; /* (p) their siginfo, by sig - 1 */
	struct filedesc	*p_fd;		/* (x) open files, cwd, root, umask;
					   NULL until the root is mounted
					   (kernel process) */
	struct ucred	*p_ucred;	/* (p) credentials (swapped whole) */
	struct vnode	*p_textvp;	/* (x) the running program's file
					   (held, VV_TEXT), or NULL */
	struct pargs	*p_args;	/* (p) its arguments, or NULL */
	/* CPU time in clock ticks (kern_time.c's cputime_tick). */
	uint64_t	p_uticks;	/* (s) user mode, all its threads */
	uint64_t	p_sticks;	/* (s) the kernel, for them */
	uint64_t	p_cuticks;	/* (t) the user ticks of its reaped
					   children (with their own reaped
					   children's), for times, getrusage */
	uint64_t	p_csticks;	/* (t) and their system ticks */
	/* ITIMER_VIRTUAL, ITIMER_PROF, by which - 1 (kern_time.c); not
	   inherited by fork.  The clock tick counts them down. */
	uint64_t	p_itcpu_left[2]; /* (s) CPU ticks left, 0: off */
	uint64_t	p_itcpu_ival[2]; /* (s) reload, 0: one-shot */
	u_int		p_itcpu_fired;	/* (s) 1 << which: expired, its signal
					   not sent yet (itimer_ast) */
	/* ITIMER_REAL (kern_time.c); not inherited by fork. */
	struct callout	p_itcallout;	/* (t) fires at p_itreal_next */
	uint64_t	p_itreal_next;	/* (t) tick it expires at, 0: off */
	uint64_t	p_itreal_ival;	/* (t) reload in ticks, 0: one-shot */
	LIST_ENTRY(proc) p_itlink;	/* (t) on the armed list */
};

/*
 * A program's arguments as exec received them (argv's strings, each
 * NUL-terminated, at most PROC_ARGS_MAX bytes: longer lists are cut),
 * for /proc/<pid>/cmdline, and the absolute path of the program exec
 * ran (for /proc/<pid>/exe; "" for a boot-module program).  FreeBSD's
 * struct pargs, with the path added: shared by fork, replaced by exec,
 * freed with the last reference.
 *
 * Lock legend: (c) constant after creation; (a) atomic.
 */
struct pargs {
	volatile u_int	ar_ref;		/* (a) processes and readers */
	u_int		ar_length;	/* (c) bytes of arguments */
	char		*ar_path;	/* (c) the program's path, after
					   the arguments in ar_args */
	char		ar_args[];	/* (c) the strings, then the path */
};

#define PROC_ARGS_MAX	4096

#define P_SYSTEM	0x0001	/* the kernel's process (proc0) */
#define P_WEXIT		0x0002	/* exiting */
#define P_EXEC		0x0004	/* has exec'ed since fork (setpgid) */
#define P_STOPPED	0x0008	/* (t,p) stopped by a signal */
#define P_STOPREPORT	0x0010	/* (t,p) a stop wait has not reported */
#define P_CONTREPORT	0x0020	/* (t,p) a continue not yet reported */

extern struct thread thread0;	/* the boot thread */
extern struct proc proc0;	/* the kernel's process */
extern struct proc *initproc;	/* pid 1 when umbra.init=1, else NULL */
extern struct mtx proctree_lock;

#define curthread	(PCPU_GET(curthread))
#define curproc		(curthread->td_proc)

/* kern_proc.c */
struct pgrp *pgfind_locked(pid_t pgid);
/* Whether pg is orphaned (ignoring ignored), has a stopped member. (t) */
bool	pgrp_orphaned(struct pgrp *pg, struct proc *ignored);
bool	pgrp_stopped(struct pgrp *pg);
int	kern_setsid(struct thread *td, pid_t *sidp);
int	kern_setpgid(struct thread *td, pid_t pid, pid_t pgid);
int	kern_getpgid(struct thread *td, pid_t pid, pid_t *pgidp);
int	kern_getsid(struct thread *td, pid_t pid, pid_t *sidp);
struct proc *pfind_locked(pid_t pid);
struct thread *tdfind_locked(pid_t tid, pid_t pid);
pid_t	pid_alloc(void);
pid_t	proc_next_pid(pid_t pid);
int	proc_alloc(struct proc *parent, struct proc **pp);
void	proc_reap(struct proc *p);
void	proc_set_comm(struct proc *p, const char *path);
struct pargs *pargs_alloc(const char *args, size_t len, const char *path);
struct pargs *pargs_hold(struct pargs *pa);	/* NULL-safe */
void	pargs_drop(struct pargs *pa);		/* NULL-safe */
/* Replace p's arguments (exec); drops the old ones. */
void	proc_set_args(struct proc *p, struct pargs *pa);

/* kern_time.c: disarm p's ITIMER_REAL (proc_reap); proctree_lock held. */
void	itimer_proc_exit(struct proc *p);
/* The clock tick's charge to td (curthread): user or system. */
void	cputime_tick(struct thread *td, bool user);
/* userret: send the signals of the CPU timers that expired. */
void	itimer_ast(struct thread *td);

/* kern_fork.c: what the child of fork1 starts with, besides a copy. */
struct fork_req {
	int		fr_flags;	/* FR_* */
	vm_offset_t	fr_stack;	/* its user stack pointer; 0: the
					   parent's */
	vm_offset_t	fr_tls;		/* its FS base, with FR_SETTLS */
	vm_offset_t	fr_child_settid; /* it stores its tid (an int) here
					   before running user code; 0: no */
	vm_offset_t	fr_child_cleartid; /* its td_clear_child_tid */
	vm_offset_t	fr_parent_settid; /* the caller's copy of the new id
					   (an int) is stored here before
					   the child runs; 0: no */
};
#define FR_SETTLS	0x0001
#define FR_MEM		0x0002	/* share the address space (CLONE_VM;
				   FreeBSD's RFMEM) */
#define FR_PPWAIT	0x0004	/* the caller waits until the child execs
				   or exits (CLONE_VFORK; RFPPWAIT) */

int	fork1(struct thread *td, const struct fork_req *fr, pid_t *pidp);
void	fork_ppwake(struct proc *p);
void	fork_return(void *arg);
void	fork_thread_setup(struct thread *td, struct thread *td2,
	    const struct fork_req *fr, uint64_t cr3);
/* proc_spawn flags */
#define	PSPAWN_CTTY	0x1	/* take the console as controlling tty */

int	proc_spawn(struct proc *parent, void (*func)(void *), void *arg,
	    const char *name, int flags, struct proc **pp);

/* kern_exit.c */
void	exit1(struct thread *td, int rval, int signo) __dead2;
void	sigexit(struct thread *td, int sig) __dead2;
int	kern_wait4(struct thread *td, pid_t pid, int *statusp, int options,
	    pid_t *pidp, struct cputicks *rup);
/* What kern_wait found: the child, and its status as wait4 and waitid
   tell it. */
struct wait_info {
	pid_t		wi_pid;		/* 0: none yet (WNOHANG) */
	int		wi_status;	/* wait4's status word */
	int		wi_code;	/* CLD_EXITED, CLD_KILLED, ... */
	int		wi_sigstatus;	/* exit code or signal (si_status) */
	uid_t		wi_uid;		/* the child's real uid (si_uid) */
	struct cputicks	wi_ru;		/* the child's CPU time and its
					   reaped children's (wait4's and
					   waitid's rusage) */
};
int	kern_wait(struct thread *td, int idtype, pid_t id, int options,
	    struct wait_info *wi);

/* kern_thread.c: the threads of a user process. */
int	thread_create(struct thread *td, const struct fork_req *fr,
	    struct thread **td2p);
void	kern_thr_exit(struct thread *td, int rval) __dead2;
int	thread_single(struct thread *td);
void	thread_single_end(struct thread *td);
void	thread_single_check(struct thread *td);
void	thread_leave_vmspace(struct thread *td);
void	thread_clear_tid(struct thread *td);

/* kern_kthread.c: thread records and stacks. */
int	thread_alloc(int pri, const char *name, struct thread **tdp);
void	thread_free(struct thread *td);
void	thread_run(struct thread *td);
void	thread_exit(void) __dead2;

/* Machine-dependent (vm_machdep.c). */
void	cpu_fork(struct thread *td1, struct thread *td2);
void	cpu_thread_user_frame(struct thread *td);
int	cpu_set_fsbase(struct thread *td, uint64_t base);
int	cpu_set_gsbase(struct thread *td, uint64_t base);

#endif /* !_SYS_PROC_H_ */
