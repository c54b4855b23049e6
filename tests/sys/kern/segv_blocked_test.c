/*
 * segv_blocked_test: a fault's signal is forced: with SIGSEGV blocked and
 * its handler set, a NULL read still kills with SIGSEGV (11; as an ATF
 * case, a forked child: kerntest.h).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "kerntest.h"

static void
handler(int sig)
{
	(void)sig;
	printf("handler ran\n");
}

static void
read_null_blocked(void)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGSEGV, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	printf("reading NULL with SIGSEGV blocked\n");
	fflush(stdout);
	(void)*(volatile int *)0;
}

static void
test_fault__kills_though_sigsegv_blocked(void)
{
	kt_dies_by_signal(read_null_blocked, SIGSEGV,
	    "a NULL read with SIGSEGV blocked and caught kills with SIGSEGV");
}

#define CASES(X) X(fault__kills_though_sigsegv_blocked)
TAP_MAIN(CASES, NULL, NULL)
