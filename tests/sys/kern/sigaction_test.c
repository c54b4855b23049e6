/*
 * sigaction_test: rt_sigaction's errors (SIGKILL, SIGSTOP, bad numbers,
 * a sigsetsize other than 8), the old action read back, SA_RESETHAND;
 * rt_sigprocmask and rt_sigpending: a blocked signal stays pending and
 * runs when unblocked; a handler runs with its signal and sa_mask
 * blocked (not with SA_NODEFER) and the mask comes back after it returns
 * (rt_sigreturn); the FPU/SSE registers and MXCSR survive a handler that
 * uses SSE, which itself starts with the default MXCSR.
 */
#include <sys/syscall.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

/* The kernel's struct sigaction (x86-64). */
struct ksigaction {
	uintptr_t	handler;
	unsigned long	flags;
	uintptr_t	restorer;
	uint64_t	mask;
};

static volatile int hits, saw_self_blocked, saw_usr2_blocked;
static volatile unsigned int handler_mxcsr;

static void
handler(int sig)
{
	sigset_t cur;
	volatile double x = 1.5;
	unsigned int mxcsr;

	hits++;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	saw_self_blocked = sigismember(&cur, sig);
	saw_usr2_blocked = sigismember(&cur, SIGUSR2);
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	handler_mxcsr = mxcsr;
	/* SSE work that clobbers xmm8 and the rounding mode. */
	__asm__ volatile("movq %0, %%xmm8\n\t"
	    "mulsd %%xmm8, %%xmm8" : : "r"(0x4242424242424242ul) : "xmm8");
	mxcsr = 0x7f80;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	x = x * x;
	(void)x;
}

static int
raw_sigaction(int sig, const struct ksigaction *act, struct ksigaction *oact,
    size_t size)
{
	return (syscall(SYS_rt_sigaction, sig, act, oact, size));
}

static int
usr1_pending(void)
{
	sigset_t set;

	sigpending(&set);
	return (sigismember(&set, SIGUSR1));
}

/* handler for SIGUSR1 with flags, SIGUSR2 in its sa_mask. */
static void
catch_usr1(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	TAP_CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
}

/* Errors, through the raw call (glibc checks some itself). */
static void
test_rt_sigaction__errors(void)
{
	struct ksigaction ksa;

	memset(&ksa, 0, sizeof(ksa));
	ksa.handler = (uintptr_t)SIG_IGN;
	errno = 0;
	TAP_CHECK(raw_sigaction(SIGKILL, &ksa, NULL, 8) == -1 &&
	    errno == EINVAL);
	errno = 0;
	TAP_CHECK(raw_sigaction(SIGSTOP, &ksa, NULL, 8) == -1 &&
	    errno == EINVAL);
	TAP_CHECK(raw_sigaction(SIGKILL, NULL, &ksa, 8) == 0);
	errno = 0;
	TAP_CHECK(raw_sigaction(0, NULL, &ksa, 8) == -1 && errno == EINVAL);
	errno = 0;
	TAP_CHECK(raw_sigaction(65, NULL, &ksa, 8) == -1 && errno == EINVAL);
	errno = 0;
	TAP_CHECK(raw_sigaction(SIGUSR1, NULL, &ksa, 4) == -1 &&
	    errno == EINVAL);
}

static void
test_rt_sigprocmask__errors(void)
{
	sigset_t set;
	uint64_t out;

	errno = 0;
	TAP_CHECK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &out, 4) == -1 &&
	    errno == EINVAL);
	sigemptyset(&set);
	errno = 0;
	TAP_CHECK(sigprocmask(17, &set, NULL) == -1 && errno == EINVAL);
}

/* The old action comes back. */
static void
test_sigaction__old_action_read_back(void)
{
	struct sigaction old;
	struct ksigaction ksa;

	catch_usr1(SA_RESTART);
	TAP_CHECK(sigaction(SIGUSR1, NULL, &old) == 0);
	TAP_CHECK(old.sa_handler == handler);
	TAP_CHECK((old.sa_flags & SA_RESTART) != 0);
	TAP_CHECK(sigismember(&old.sa_mask, SIGUSR2));
	TAP_CHECK(raw_sigaction(SIGUSR1, NULL, &ksa, 8) == 0);
	TAP_CHECK(ksa.handler == (uintptr_t)handler);
	TAP_CHECK((ksa.flags & 0x04000000) != 0);	/* SA_RESTORER */
}

/*
 * Blocked: pending; unblocked: delivered before sigprocmask returns,
 * with its signal and sa_mask blocked during the handler, the mask
 * restored after it.
 */
static void
test_blocked_signal__pending_until_unblocked(void)
{
	sigset_t set, cur;

	hits = 0;
	catch_usr1(SA_RESTART);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	TAP_CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	TAP_CHECK(kill(getpid(), SIGUSR1) == 0);
	TAP_CHECK(hits == 0);
	TAP_CHECK(usr1_pending());
	TAP_CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
	TAP_CHECK(hits == 1);
	TAP_CHECK(!usr1_pending());
	TAP_CHECK(saw_self_blocked);
	TAP_CHECK(saw_usr2_blocked);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	TAP_CHECK(!sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2));
}

/* SIGKILL and SIGSTOP cannot be blocked. */
static void
test_sigprocmask__sigkill_sigstop_unblockable(void)
{
	sigset_t set, cur;

	sigfillset(&set);
	TAP_CHECK(sigprocmask(SIG_SETMASK, &set, &cur) == 0);
	sigprocmask(SIG_BLOCK, NULL, &set);
	TAP_CHECK(!sigismember(&set, SIGKILL) && !sigismember(&set, SIGSTOP));
	sigprocmask(SIG_SETMASK, &cur, NULL);
}

/* The FPU across a handler that uses SSE (kill returns into it). */
static void
test_handler__fpu_sse_state_preserved(void)
{
	uint64_t out;
	unsigned int mxcsr;

	hits = 0;
	catch_usr1(SA_RESTART);
	mxcsr = 0x3f80;		/* round toward zero */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	__asm__ volatile(
	    "movq %[v], %%xmm8\n\t"
	    "syscall\n\t"
	    "movq %%xmm8, %[o]"
	    : [o] "=&r"(out)
	    : [v] "r"(0x1234567890abcdeful), "a"((long)SYS_kill),
	      "D"((long)getpid()), "S"((long)SIGUSR1)
	    : "rcx", "r11", "xmm8", "memory");
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	TAP_CHECK(hits == 1);
	TAP_CHECK(out == 0x1234567890abcdeful);
	TAP_CHECK(mxcsr == 0x3f80);
	TAP_CHECK(handler_mxcsr == 0x1f80);
	mxcsr = 0x1f80;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

/* SA_NODEFER and SA_RESETHAND. */
static void
test_sigaction__nodefer_resethand(void)
{
	struct sigaction sa, old;

	hits = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_NODEFER | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	TAP_CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	TAP_CHECK(raise(SIGUSR1) == 0);
	TAP_CHECK(hits == 1);
	TAP_CHECK(!saw_self_blocked);
	TAP_CHECK(sigaction(SIGUSR1, NULL, &old) == 0);
	TAP_CHECK(old.sa_handler == SIG_DFL);
}

/* Ignored: nothing happens. */
static void
test_ignored_signal__does_nothing(void)
{
	hits = 0;
	signal(SIGUSR2, SIG_IGN);
	TAP_CHECK(kill(getpid(), SIGUSR2) == 0);
	TAP_CHECK(hits == 0);
	signal(SIGUSR2, SIG_DFL);
}

#define CASES(X) X(rt_sigaction__errors) X(rt_sigprocmask__errors) \
	X(sigaction__old_action_read_back) \
	X(blocked_signal__pending_until_unblocked) \
	X(sigprocmask__sigkill_sigstop_unblockable) \
	X(handler__fpu_sse_state_preserved) X(sigaction__nodefer_resethand) \
	X(ignored_signal__does_nothing)
TAP_MAIN(CASES, NULL, NULL)
