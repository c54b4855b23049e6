/*
 * sigreturn_bad_test: rt_sigreturn with a forged frame whose rip is not
 * canonical: the process dies of SIGSEGV (11); the kernel does not try
 * to return there (as an ATF case, a forked child: kerntest.h).
 */
#include <sys/syscall.h>

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kerntest.h"

/* struct ucontext as rt_sigreturn reads it at rsp (x86-64). */
static uint64_t uc[38] __attribute__((aligned(16)));

static void
sigreturn_noncanonical(void)
{
	memset(uc, 0, sizeof(uc));
	uc[5 + 16] = 0x8000000000001000ul;	/* uc_mcontext.rip */
	uc[5 + 15] = (uint64_t)&uc[20];		/* uc_mcontext.rsp */
	uc[5 + 17] = 0x202;			/* rflags */
	printf("rt_sigreturn to a non-canonical rip\n");
	fflush(stdout);
	__asm__ volatile("movq %0, %%rsp\n\t"
	    "movl %1, %%eax\n\t"
	    "syscall" : : "r"(uc), "i"(SYS_rt_sigreturn) : "memory");
}

static void
test_rt_sigreturn__noncanonical_rip_kills(void)
{
	kt_dies_by_signal(sigreturn_noncanonical, SIGSEGV,
	    "rt_sigreturn to a non-canonical rip kills with SIGSEGV");
}

#define CASES(X) X(rt_sigreturn__noncanonical_rip_kills)
TAP_MAIN(CASES, NULL, NULL)
