/*
 * linux_signal.c: Linux's signal system calls and its x86-64 rt signal
 * frame.
 *
 * Signal numbers, flags, sigset_t and si_code values are Umbra's own
 * already (sys/signal.h has Linux's values), so the calls only copy
 * and check layouts before calling kern_sig.c.  sigsetsize must be 8.
 *
 * The frame (linux_sendsig; share/doc/signals.md has the offsets): below
 * the interrupted rsp, past the 128-byte red zone (or at the top of the
 * alternate stack, SA_ONSTACK), the 512-byte FXSAVE image, 64-byte
 * aligned; below it struct l_rt_sigframe, placed so that rsp + 8 is
 * 16-byte aligned at the handler's entry, as after a call.  The handler
 * gets rdi = signo, rsi = &info, rdx = &uc, rax = 0; it returns to
 * sa_restorer (glibc's __restore_rt), which calls rt_sigreturn with rsp
 * at &uc.  rt_sigreturn (linux_rt_sigreturn) reads the context back and
 * trusts nothing in it: only the user-changeable rflags bits, user
 * selectors, a canonical user rip, a valid MXCSR; a frame it cannot
 * read or use earns a SIGSEGV.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/time.h>

#include <machine/cpufunc.h>
#include <machine/fpu.h>
#include <machine/frame.h>
#include <machine/pcb.h>
#include <machine/segments.h>
#include <machine/specialreg.h>
#include <machine/vmparam.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

CTASSERT(sizeof(struct l_stack) == 24);
CTASSERT(sizeof(struct l_sigcontext) == 256);
CTASSERT(__builtin_offsetof(struct l_sigcontext, sc_rip) == 128);
CTASSERT(__builtin_offsetof(struct l_sigcontext, sc_cs) == 144);
CTASSERT(__builtin_offsetof(struct l_sigcontext, sc_err) == 152);
CTASSERT(__builtin_offsetof(struct l_sigcontext, sc_fpstate) == 184);
CTASSERT(sizeof(struct l_ucontext) == 304);
CTASSERT(__builtin_offsetof(struct l_ucontext, uc_mcontext) == 40);
CTASSERT(__builtin_offsetof(struct l_ucontext, uc_sigmask) == 296);
CTASSERT(sizeof(struct l_siginfo) == 128);
CTASSERT(__builtin_offsetof(struct l_siginfo, lsi_addr) == 16);
CTASSERT(__builtin_offsetof(struct l_rt_sigframe, sf_uc) == 8);
CTASSERT(__builtin_offsetof(struct l_rt_sigframe, sf_info) == 312);
CTASSERT(sizeof(struct l_rt_sigframe) == 440);

#define LINUX_REDZONE	128
/* The rflags bits a frame may change (Linux's FIX_EFLAGS). */
#define LINUX_RFLAGS_USER (PSL_C | 0x4 | 0x10 | 0x40 | 0x80 | PSL_T | \
	PSL_D | 0x800 | 0x10000 | PSL_AC)

/* --- system calls --------------------------------------------------- */

/* rt_sigaction(sig, act, oact, sigsetsize). */
int
linux_rt_sigaction(struct thread *td, struct linux_rt_sigaction_args *args)
{
	struct l_sigaction lsa;
	struct sigaction act, oact;
	int error;

	if (args->sigsetsize != sizeof(sigset_t))
		return (EINVAL);
	if (args->act != 0) {
		error = copyin((const void *)args->act, &lsa, sizeof(lsa));
		if (error != 0)
			return (error);
		act.sa_handler = lsa.lsa_handler;
		act.sa_flags = lsa.lsa_flags;
		act.sa_restorer = lsa.lsa_restorer;
		act.sa_mask = lsa.lsa_mask;
	}
	error = kern_sigaction(td, args->sig, args->act != 0 ? &act : NULL,
	    args->oact != 0 ? &oact : NULL);
	if (error != 0 || args->oact == 0)
		return (error);
	memset(&lsa, 0, sizeof(lsa));
	lsa.lsa_handler = oact.sa_handler;
	lsa.lsa_flags = oact.sa_flags;
	lsa.lsa_restorer = oact.sa_restorer;
	lsa.lsa_mask = oact.sa_mask;
	return (copyout(&lsa, (void *)args->oact, sizeof(lsa)));
}

/* rt_sigprocmask(how, set, oset, sigsetsize). */
int
linux_rt_sigprocmask(struct thread *td, struct linux_rt_sigprocmask_args *args)
{
	sigset_t set, oset;
	int error;

	if (args->sigsetsize != sizeof(sigset_t))
		return (EINVAL);
	if (args->set != 0) {
		error = copyin((const void *)args->set, &set, sizeof(set));
		if (error != 0)
			return (error);
	}
	error = kern_sigprocmask(td, args->how, args->set != 0 ? &set : NULL,
	    &oset);
	if (error != 0 || args->oset == 0)
		return (error);
	return (copyout(&oset, (void *)args->oset, sizeof(oset)));
}

static void	linux_siginfo(const ksiginfo_t *ksi, struct l_siginfo *lsi);

/* rt_sigsuspend(newset, sigsetsize): wait with newset as the mask. */
int
linux_rt_sigsuspend(struct thread *td, struct linux_rt_sigsuspend_args *args)
{
	sigset_t mask;
	int error;

	if (args->sigsetsize != sizeof(sigset_t))
		return (EINVAL);
	error = copyin((const void *)args->newset, &mask, sizeof(mask));
	if (error != 0)
		return (error);
	return (kern_sigsuspend(td, mask));
}

/* pause(): rt_sigsuspend with the mask as it is. */
int
linux_pause(struct thread *td, void *args __unused)
{
	return (kern_sigsuspend(td, td->td_sigmask));
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize). */
int
linux_rt_sigtimedwait(struct thread *td,
    struct linux_rt_sigtimedwait_args *args)
{
	struct l_timespec lts;
	struct l_siginfo lsi;
	struct timespec ts;
	ksiginfo_t ksi;
	sigset_t set;
	int error;

	if (args->sigsetsize != sizeof(sigset_t))
		return (EINVAL);
	error = copyin((const void *)args->set, &set, sizeof(set));
	if (error == 0 && args->timeout != 0)
		error = copyin((const void *)args->timeout, &lts, sizeof(lts));
	if (error != 0)
		return (error);
	ts.tv_sec = lts.tv_sec;
	ts.tv_nsec = lts.tv_nsec;
	error = kern_sigtimedwait(td, set, &ksi,
	    args->timeout != 0 ? &ts : NULL);
	if (error != 0 || args->info == 0)
		return (error);
	linux_siginfo(&ksi, &lsi);
	return (copyout(&lsi, (void *)args->info, sizeof(lsi)));
}

/* rt_sigpending(set, sigsetsize). */
int
linux_rt_sigpending(struct thread *td, struct linux_rt_sigpending_args *args)
{
	sigset_t set;

	if (args->sigsetsize > sizeof(sigset_t))
		return (EINVAL);
	kern_sigpending(td, &set);
	return (copyout(&set, (void *)args->set, args->sigsetsize));
}

/* sigaltstack(uss, uoss). */
int
linux_sigaltstack(struct thread *td, struct linux_sigaltstack_args *args)
{
	struct l_stack lss;
	stack_t ss, oss;
	int error;

	if (args->uss != 0) {
		error = copyin((const void *)args->uss, &lss, sizeof(lss));
		if (error != 0)
			return (error);
		ss.ss_sp = lss.ss_sp;
		ss.ss_flags = lss.ss_flags;
		ss.ss_size = lss.ss_size;
	}
	error = kern_sigaltstack(td, args->uss != 0 ? &ss : NULL, &oss);
	if (error != 0 || args->uoss == 0)
		return (error);
	memset(&lss, 0, sizeof(lss));
	lss.ss_sp = oss.ss_sp;
	lss.ss_flags = oss.ss_flags;
	lss.ss_size = oss.ss_size;
	return (copyout(&lss, (void *)args->uoss, sizeof(lss)));
}

/* kill(pid, sig). */
int
linux_kill(struct thread *td, struct linux_kill_args *args)
{
	return (kern_kill(td, args->pid, args->signum));
}

/* tgkill(tgid, tid, sig): tgid must be positive. */
int
linux_tgkill(struct thread *td, struct linux_tgkill_args *args)
{
	if (args->tgid <= 0)
		return (EINVAL);
	return (kern_tgkill(td, args->tgid, args->pid, args->sig));
}

/* tkill(tid, sig): the thread, whatever its process. */
int
linux_tkill(struct thread *td, struct linux_tkill_args *args)
{
	return (kern_tgkill(td, -1, args->tid, args->sig));
}

/* --- the frame ------------------------------------------------------ */

/* Fill Linux's siginfo from the kernel's. */
static void
linux_siginfo(const ksiginfo_t *ksi, struct l_siginfo *lsi)
{
	memset(lsi, 0, sizeof(*lsi));
	lsi->lsi_signo = ksi->ksi_signo;
	lsi->lsi_errno = ksi->ksi_errno;
	lsi->lsi_code = ksi->ksi_code;
	switch (ksi->ksi_signo) {
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		if (ksi->ksi_code > 0) {	/* from a fault */
			lsi->lsi_addr = ksi->ksi_addr;
			return;
		}
		break;
	}
	lsi->lsi_kill.pid = ksi->ksi_pid;
	lsi->lsi_kill.uid = ksi->ksi_uid;
	if (ksi->ksi_signo == SIGCHLD)
		lsi->lsi_kill.status = ksi->ksi_status;
}

/*
 * linux_sendsig: build the rt frame for act's handler on td's user stack
 * and point td's trap frame at the handler, with a fresh FPU state.
 * mask is the blocked set to restore on return.  td is curthread.
 * Returns 0, or EFAULT when the frame cannot be written (nothing in the
 * trap frame has changed then).
 */
int
linux_sendsig(struct thread *td, const struct sigaction *act,
    const ksiginfo_t *ksi, sigset_t mask)
{
	struct trapframe *tf = td->td_frame;
	struct pcb *pcb = &td->td_pcb;
	struct l_rt_sigframe sf;
	struct l_sigcontext *sc = &sf.sf_uc.uc_mcontext;
	uint64_t sp, fpaddr, frame;
	bool onstack;

	KASSERT(td == curthread, ("linux_sendsig: not curthread"));
	onstack = sigonstack(td, tf->tf_rsp);
	if ((act->sa_flags & SA_ONSTACK) != 0 && !onstack &&
	    td->td_sigstk.ss_size != 0 &&
	    (td->td_sigstk.ss_flags & SS_DISABLE) == 0)
		sp = td->td_sigstk.ss_sp + td->td_sigstk.ss_size;
	else
		sp = tf->tf_rsp - LINUX_REDZONE;
	fpaddr = (sp - sizeof(struct savefpu)) & ~63ul;
	frame = ((fpaddr - sizeof(sf)) & ~15ul) - 8;
	if (frame >= VM_MAXUSER_ADDRESS || fpaddr > sp)
		return (EFAULT);

	memset(&sf, 0, sizeof(sf));
	sf.sf_pretcode = act->sa_restorer;
	sf.sf_uc.uc_flags = LINUX_UC_SIGCONTEXT_SS | LINUX_UC_STRICT_RESTORE_SS;
	sf.sf_uc.uc_stack.ss_sp = td->td_sigstk.ss_sp;
	sf.sf_uc.uc_stack.ss_size = td->td_sigstk.ss_size;
	sf.sf_uc.uc_stack.ss_flags = onstack ? SS_ONSTACK :
	    td->td_sigstk.ss_size == 0 ? SS_DISABLE : td->td_sigstk.ss_flags;
	sc->sc_r8 = tf->tf_r8;
	sc->sc_r9 = tf->tf_r9;
	sc->sc_r10 = tf->tf_r10;
	sc->sc_r11 = tf->tf_r11;
	sc->sc_r12 = tf->tf_r12;
	sc->sc_r13 = tf->tf_r13;
	sc->sc_r14 = tf->tf_r14;
	sc->sc_r15 = tf->tf_r15;
	sc->sc_rdi = tf->tf_rdi;
	sc->sc_rsi = tf->tf_rsi;
	sc->sc_rbp = tf->tf_rbp;
	sc->sc_rbx = tf->tf_rbx;
	sc->sc_rdx = tf->tf_rdx;
	sc->sc_rax = tf->tf_rax;
	sc->sc_rcx = tf->tf_rcx;
	sc->sc_rsp = tf->tf_rsp;
	sc->sc_rip = tf->tf_rip;
	sc->sc_rflags = tf->tf_rflags;
	sc->sc_cs = tf->tf_cs;
	sc->sc_ss = tf->tf_ss;
	sc->sc_err = ksi->ksi_err;
	sc->sc_trapno = ksi->ksi_trapno;
	sc->sc_oldmask = mask;
	sc->sc_cr2 = ksi->ksi_signo == SIGSEGV && ksi->ksi_code > 0 ?
	    ksi->ksi_addr : 0;
	sc->sc_fpstate = fpaddr;
	sf.sf_uc.uc_sigmask = mask;
	linux_siginfo(ksi, &sf.sf_info);

	/* The live FPU registers are the user's (eager switching). */
	critical_enter();
	fpu_save(pcb);
	critical_exit();
	if (copyout(&pcb->pcb_save, (void *)fpaddr, sizeof(pcb->pcb_save)) != 0
	    || copyout(&sf, (void *)frame, sizeof(sf)) != 0)
		return (EFAULT);

	/* The handler starts with a clean FPU, as on Linux. */
	critical_enter();
	fpu_init_user(pcb);
	fpu_restore(pcb);
	critical_exit();

	tf->tf_rdi = ksi->ksi_signo;
	tf->tf_rsi = frame + __builtin_offsetof(struct l_rt_sigframe, sf_info);
	tf->tf_rdx = frame + __builtin_offsetof(struct l_rt_sigframe, sf_uc);
	tf->tf_rax = 0;
	tf->tf_rip = act->sa_handler;
	tf->tf_rsp = frame;
	tf->tf_rflags &= ~(PSL_T | PSL_D | 0x10000 /* RF */ | PSL_AC);
	tf->tf_cs = GSEL(GUCODE_SEL, SEL_UPL);
	tf->tf_ss = GSEL(GUDATA_SEL, SEL_UPL);
	pcb->pcb_flags |= PCB_FULL_IRET;
	return (0);
}

/* Read the FXSAVE image at fpaddr (0: none) into td's FPU. */
static int
linux_restore_fpu(struct thread *td, uint64_t fpaddr)
{
	struct pcb *pcb = &td->td_pcb;
	struct savefpu fx;
	uint32_t mxcsr_mask;

	if (fpaddr == 0) {
		/* No state saved: a fresh one, as Linux. */
		critical_enter();
		fpu_init_user(pcb);
		fpu_restore(pcb);
		critical_exit();
		return (0);
	}
	if ((fpaddr & 15) != 0 ||
	    copyin((const void *)fpaddr, &fx, sizeof(fx)) != 0)
		return (EFAULT);
	critical_enter();
	/* A reserved MXCSR bit would make FXRSTOR fault. */
	mxcsr_mask = pcb->pcb_save.sv_mxcsr_mask != 0 ?
	    pcb->pcb_save.sv_mxcsr_mask : 0xffbf;
	fx.sv_mxcsr &= mxcsr_mask;
	fx.sv_mxcsr_mask = pcb->pcb_save.sv_mxcsr_mask;
	pcb->pcb_save = fx;
	fpu_restore(pcb);
	critical_exit();
	return (0);
}

/*
 * rt_sigreturn: back from a handler: the registers, FPU state, signal
 * mask and alternate stack from the frame at rsp (the restorer's rsp is
 * &uc).  Returns EJUSTRETURN: every register comes from the frame.
 */
int
linux_rt_sigreturn(struct thread *td, struct linux_noargs *args)
{
	struct trapframe *tf = td->td_frame;
	struct l_ucontext uc;
	const struct l_sigcontext *sc = &uc.uc_mcontext;
	stack_t ss;
	ksiginfo_t ksi;

	if (copyin((const void *)tf->tf_rsp, &uc, sizeof(uc)) != 0 ||
	    sc->sc_rip >= VM_MAXUSER_ADDRESS ||
	    linux_restore_fpu(td, sc->sc_fpstate) != 0) {
		printf("pid %d (%s): bad signal frame at %#lx\n",
		    td->td_proc->p_pid, td->td_proc->p_comm, tf->tf_rsp);
		ksiginfo_init(&ksi, SIGSEGV, SI_KERNEL);
		trapsignal(td, &ksi);
		return (EJUSTRETURN);
	}
	tf->tf_r8 = sc->sc_r8;
	tf->tf_r9 = sc->sc_r9;
	tf->tf_r10 = sc->sc_r10;
	tf->tf_r11 = sc->sc_r11;
	tf->tf_r12 = sc->sc_r12;
	tf->tf_r13 = sc->sc_r13;
	tf->tf_r14 = sc->sc_r14;
	tf->tf_r15 = sc->sc_r15;
	tf->tf_rdi = sc->sc_rdi;
	tf->tf_rsi = sc->sc_rsi;
	tf->tf_rbp = sc->sc_rbp;
	tf->tf_rbx = sc->sc_rbx;
	tf->tf_rdx = sc->sc_rdx;
	tf->tf_rax = sc->sc_rax;
	tf->tf_rcx = sc->sc_rcx;
	tf->tf_rsp = sc->sc_rsp;
	tf->tf_rip = sc->sc_rip;
	tf->tf_rflags = (tf->tf_rflags & ~LINUX_RFLAGS_USER) |
	    (sc->sc_rflags & LINUX_RFLAGS_USER);
	tf->tf_cs = GSEL(GUCODE_SEL, SEL_UPL);
	tf->tf_ss = GSEL(GUDATA_SEL, SEL_UPL);
	kern_sigsetmask(td, uc.uc_sigmask);
	ss.ss_sp = uc.uc_stack.ss_sp;
	ss.ss_flags = uc.uc_stack.ss_flags;
	ss.ss_size = uc.uc_stack.ss_size;
	(void)kern_sigaltstack(td, &ss, NULL);	/* errors ignored, as Linux */
	td->td_pcb.pcb_flags |= PCB_FULL_IRET;
	return (EJUSTRETURN);
}
