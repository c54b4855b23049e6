/*
 * sigframe_fault_test: the SIGSEGV handler's frame goes on an alternate
 * stack that is not mapped; writing it faults, and the process dies of
 * SIGSEGV (11) instead of recursing.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static void
handler(int sig)
{
	(void)sig;
	printf("handler ran\n");
}

int
main(void)
{
	struct sigaction sa;
	stack_t ss;

	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = (void *)0x10000;	/* nothing mapped there */
	ss.ss_size = 65536;
	if (sigaltstack(&ss, NULL) != 0) {
		perror("sigaltstack");
		return (1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	printf("reading NULL with the handler's stack unmapped\n");
	fflush(stdout);
	return (*(volatile int *)0);
}
