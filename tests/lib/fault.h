/*
 * fault.h: run a piece of code and catch the SIGSEGV or SIGBUS it raises,
 * for the user test programs that check memory protections.
 *
 * fault_probe(fn, arg, &f) installs a SA_SIGINFO handler for SIGSEGV and
 * SIGBUS, runs fn(arg) and returns 0 when fn returned, or the number of
 * the signal that interrupted it; f then holds the signal's si_code and
 * si_addr.  The handler leaves through siglongjmp, so fn never resumes.
 * fault_read, fault_write and fault_exec probe one address.
 */
#ifndef _FAULT_H_
#define _FAULT_H_

#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

struct fault {
	int	 signo;		/* SIGSEGV, SIGBUS; 0: no fault */
	int	 code;		/* si_code: SEGV_MAPERR, SEGV_ACCERR, ... */
	void	*addr;		/* si_addr */
};

static sigjmp_buf fault_jmp;
static volatile struct fault fault_caught;

static inline void
fault_handler(int signo, siginfo_t *si, void *uc)
{
	fault_caught.signo = signo;
	fault_caught.code = si->si_code;
	fault_caught.addr = si->si_addr;
	siglongjmp(fault_jmp, 1);
}

static inline int
fault_probe(void (*fn)(void *), void *arg, struct fault *f)
{
	struct sigaction sa, osegv, obus;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &osegv);
	sigaction(SIGBUS, &sa, &obus);
	fault_caught.signo = 0;
	fault_caught.code = 0;
	fault_caught.addr = NULL;
	if (sigsetjmp(fault_jmp, 1) == 0)
		fn(arg);
	sigaction(SIGSEGV, &osegv, NULL);
	sigaction(SIGBUS, &obus, NULL);
	f->signo = fault_caught.signo;
	f->code = fault_caught.code;
	f->addr = fault_caught.addr;
	return (f->signo);
}

static inline void
fault_do_read(void *p)
{
	(void)*(volatile char *)p;
}

static inline void
fault_do_write(void *p)
{
	*(volatile char *)p = 1;
}

static inline void
fault_do_exec(void *p)
{
	((void (*)(void))p)();
}

static inline int
fault_read(void *p, struct fault *f)
{
	return (fault_probe(fault_do_read, p, f));
}

static inline int
fault_write(void *p, struct fault *f)
{
	return (fault_probe(fault_do_write, p, f));
}

static inline int
fault_exec(void *p, struct fault *f)
{
	return (fault_probe(fault_do_exec, p, f));
}

#endif /* !_FAULT_H_ */
