/*
 * sigframe_fault_test: the SIGSEGV handler's frame goes on an alternate
 * stack that is not mapped; writing it faults, and the process dies of
 * SIGSEGV (11) instead of recursing (as an ATF case, a forked child:
 * kerntest.h).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kerntest.h"

static void
handler(int sig)
{
	(void)sig;
	printf("handler ran\n");
}

static void
read_null_unmapped_altstack(void)
{
	struct sigaction sa;
	stack_t ss;

	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = (void *)0x10000;	/* nothing mapped there */
	ss.ss_size = 65536;
	if (sigaltstack(&ss, NULL) != 0) {
		perror("sigaltstack");
		exit(1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	printf("reading NULL with the handler's stack unmapped\n");
	fflush(stdout);
	(void)*(volatile int *)0;
}

static void
test_signal_frame__unmapped_altstack_kills(void)
{
	kt_dies_by_signal(read_null_unmapped_altstack, SIGSEGV,
	    "a signal frame that cannot be written kills with SIGSEGV");
}

#define CASES(X) X(signal_frame__unmapped_altstack_kills)
TAP_MAIN(CASES, NULL, NULL)
