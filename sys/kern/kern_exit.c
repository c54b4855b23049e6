/*
 * kern_exit.c: ending processes and collecting their status.
 *
 * exit1() runs on the exiting process's own (single) thread:
 *   1. the address space goes: the CPU switches to the kernel's page
 *      tables first, then every page is freed;
 *   2. under proctree_lock: children are handed to init (or to proc0
 *      when there is no init), the status is recorded, the process
 *      becomes a zombie and its parent is woken (it may sleep in wait4
 *      on its own proc);
 *   3. the thread leaves the CPU for good (thread_exit); its record and
 *      stack are freed later, once it is off the CPU.
 * After step 2 nothing may touch the process: the parent may free it at
 * any moment.
 *
 * kern_wait4() finds a zombie child, returns its status in the
 * traditional encoding (sys/sys/wait.h) and frees it; otherwise it
 * sleeps until a child exits (WNOHANG: returns 0 at once), or fails
 * with ECHILD when there is no child to wait for.
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
 * exit1: end td's process with exit code rval, or killed by signal signo
 * when signo != 0.  td is curthread.  Does not return.
 */
void
exit1(struct thread *td, int rval, int signo)
{
	struct proc *p = td->td_proc, *q, *heir;
	struct dvmspace *vm;
	ksiginfo_t ksi;

	KASSERT(td == curthread, ("exit1: not curthread"));
	KASSERT(p != &proc0, ("exit1: the kernel cannot exit"));
	if (p == initproc) {
		printf("init (pid 1) %s %d\n", signo ? "killed by signal" :
		    "exited with status", signo ? signo : rval);
		/* A harness waiting for the run to end: end it. */
		if (kern_automated())
			kern_poweroff(signo == 0 && rval == 0 ?
			    EXIT_STATUS_OK : EXIT_STATUS_FAILED);
	}

	/* 1. The address space, off the CPU first. */
	vm = p->p_vmspace;
	critical_enter();
	td->td_pcb.pcb_cr3 = 0;
	td->td_pcb.pcb_flags &= ~(PCB_USER | PCB_FULL_IRET);
	pmap_activate_cr3(kernel_pmap);
	p->p_vmspace = NULL;
	critical_exit();
	if (vm != NULL)
		dvmspace_free(vm);

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
	}
	p->p_xexit = rval;
	p->p_xsig = signo;
	p->p_state = PRS_ZOMBIE;
	TAILQ_REMOVE(&p->p_threads, td, td_plist);
	td->td_proc = &proc0;
	if ((p->p_pptr->p_flag & P_SYSTEM) == 0) {
		ksiginfo_init(&ksi, SIGCHLD, signo ? CLD_KILLED : CLD_EXITED);
		ksi.ksi_pid = p->p_pid;
		ksi.ksi_status = signo ? signo : rval;
		(void)psignal(p->p_pptr, &ksi);
	}
	wakeup(p->p_pptr);
	mtx_unlock(&proctree_lock);

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
	printf("pid %d (%s): killed by %s (signal %d)\n", td->td_proc->p_pid,
	    td->td_proc->p_comm, signame(sig), sig);
	exit1(td, 0, sig);
}

/*
 * kern_wait4: wait for a child of td's process to exit: pid > 0 names
 * one, -1 (or 0, or < -1: no process groups yet) any.  Returns 0 with
 * the child's pid in *pidp and its status in *statusp, or 0 with *pidp
 * = 0 under WNOHANG when no child has exited yet, or ECHILD when there
 * is no such child.  XXX: not interruptible until there are signals.
 */
int
kern_wait4(struct thread *td, pid_t pid, int *statusp, int options,
    pid_t *pidp)
{
	struct proc *p = td->td_proc, *q;
	int nfound;

	mtx_lock(&proctree_lock);
	for (;;) {
		nfound = 0;
		LIST_FOREACH(q, &p->p_children, p_sibling) {
			if (pid > 0 && q->p_pid != pid)
				continue;
			nfound++;
			if (q->p_state != PRS_ZOMBIE)
				continue;
			*pidp = q->p_pid;
			*statusp = W_EXITCODE(q->p_xexit, q->p_xsig);
			proc_reap(q);
			mtx_unlock(&proctree_lock);
			return (0);
		}
		if (nfound == 0) {
			mtx_unlock(&proctree_lock);
			return (ECHILD);
		}
		if (options & WNOHANG) {
			mtx_unlock(&proctree_lock);
			*pidp = 0;
			return (0);
		}
		msleep(p, &proctree_lock, 0, "wait", 0);
	}
}
