/*
 * segv_blocked_test: a fault's signal is forced: with SIGSEGV blocked and
 * its handler set, a NULL read still kills with SIGSEGV (11).
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
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGSEGV, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	printf("reading NULL with SIGSEGV blocked\n");
	fflush(stdout);
	return (*(volatile int *)0);
}
