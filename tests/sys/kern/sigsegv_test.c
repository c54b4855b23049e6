/*
 * sigsegv_test: a SIGSEGV handler (SA_SIGINFO) catches a NULL read, a
 * read of another unmapped address and a write to a string literal in
 * .rodata; it checks si_signo, si_code (SEGV_MAPERR for no mapping,
 * SEGV_ACCERR for a read-only one), si_addr and the context (cr2,
 * trapno, the error code's write bit), and leaves with siglongjmp, which
 * restores the signal mask.  Then the same on an alternate stack
 * (sigaltstack, SA_ONSTACK).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "tap.h"

static sigjmp_buf env;
static volatile int hits, got_signo, got_code;
static volatile uintptr_t got_addr, got_cr2, got_trapno, got_err, got_sp;
static const char literal[] = "a string literal in .rodata";
static char altstack[65536];

static void
handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int local;

	hits++;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_addr = (uintptr_t)si->si_addr;
	got_cr2 = uc->uc_mcontext.gregs[REG_CR2];
	got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	got_err = uc->uc_mcontext.gregs[REG_ERR];
	got_sp = (uintptr_t)&local;
	(void)sig;
	siglongjmp(env, 1);
}

static int
segv_blocked(void)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return (sigismember(&cur, SIGSEGV));
}

/* The handler, on the process's stack (SA_SIGINFO). */
static void
setup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	TAP_CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
}

static void
test_null_read__maperr_caught(void)
{
	volatile int v = 0;

	hits = 0;
	if (sigsetjmp(env, 1) == 0) {
		v = *(volatile int *)0;
		tap_check(0, "NULL read returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_signo == SIGSEGV);
	TAP_CHECK(got_code == SEGV_MAPERR);
	TAP_CHECK(got_addr == 0);
	TAP_CHECK(got_cr2 == 0);
	TAP_CHECK(got_trapno == 14);
	TAP_CHECK((got_err & 2) == 0);	/* a read */
	TAP_CHECK(!segv_blocked());	/* siglongjmp restored the mask */
	(void)v;
}

/* Another unmapped address: si_addr is the exact byte. */
static void
test_unmapped_read__exact_si_addr(void)
{
	volatile int v = 0;

	hits = 0;
	if (sigsetjmp(env, 1) == 0) {
		v = *(volatile int *)0x1234;
		tap_check(0, "read at 0x1234 returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_code == SEGV_MAPERR);
	TAP_CHECK(got_addr == 0x1234);
	(void)v;
}

/* A write to a read-only page. */
static void
test_rodata_write__accerr_caught(void)
{
	volatile char *p;

	hits = 0;
	p = (volatile char *)&literal[5];
	if (sigsetjmp(env, 1) == 0) {
		*p = 'X';
		tap_check(0, "write to .rodata returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_signo == SIGSEGV);
	TAP_CHECK(got_code == SEGV_ACCERR);
	TAP_CHECK(got_addr == (uintptr_t)&literal[5]);
	TAP_CHECK(got_cr2 == (uintptr_t)&literal[5]);
	TAP_CHECK((got_err & 2) != 0);	/* a write */
	TAP_CHECK(literal[5] == 'i');
	TAP_CHECK(!segv_blocked());
}

/* The same handler on an alternate stack. */
static void
test_handler__runs_on_altstack(void)
{
	struct sigaction sa;
	stack_t ss;
	volatile int v = 0;

	hits = 0;
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	TAP_CHECK(sigaltstack(&ss, NULL) == 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	TAP_CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	if (sigsetjmp(env, 1) == 0) {
		v = *(volatile int *)0;
		tap_check(0, "NULL read returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_sp > (uintptr_t)altstack &&
	    got_sp < (uintptr_t)altstack + sizeof(altstack));
	TAP_CHECK(sigaltstack(NULL, &ss) == 0 && ss.ss_flags == 0 &&
	    ss.ss_sp == altstack);
	(void)v;
}

#define CASES(X) X(null_read__maperr_caught) \
	X(unmapped_read__exact_si_addr) X(rodata_write__accerr_caught) \
	X(handler__runs_on_altstack)
TAP_MAIN(CASES, setup, NULL)
