/*
 * fork_test: fork copies the address space (each side sees only its own
 * writes), keeps each process's TLS (FS base) and FPU/SSE registers
 * apart across context switches, and wait4 reports the child's status
 * (an exit, a signal's death, none yet with WNOHANG); wait4 without
 * children fails with ECHILD.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include "tap.h"

static __thread int tls_value = 5;
static int global = 1;

/* Floating-point work that yields often: the other process runs too. */
static double
fp_work(double seed)
{
	double x = seed;
	int i;

	for (i = 0; i < 2000; i++) {
		x = x * 1.000001 + 0.5;
		if (i % 100 == 0)
			sched_yield();
	}
	return (x);
}

static void
test_fork__memory_tls_fpu_apart(void)
{
	double expect1 = fp_work(1.0), expect2 = fp_work(2.0);
	pid_t pid, w;
	int status;

	pid = fork();
	if (pid == 0) {
		/* The child: its own copies. */
		global = 2;
		tls_value = 7;
		if (fp_work(2.0) != expect2 || tls_value != 7)
			_exit(1);
		_exit(7);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(fp_work(1.0) == expect1);
	TAP_CHECK(tls_value == 5);
	w = waitpid(pid, &status, 0);
	TAP_CHECK(w == pid);
	TAP_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	TAP_CHECK(global == 1);
}

static void
test_wait__reports_death_by_signal(void)
{
	pid_t pid, w;
	int status;

	pid = fork();
	if (pid == 0) {
		*(volatile int *)8 = 1;
		_exit(0);
	}
	w = waitpid(pid, &status, 0);
	TAP_CHECK(w == pid && WIFSIGNALED(status) &&
	    WTERMSIG(status) == 11);
}

static void
test_wait__wnohang_then_exit(void)
{
	pid_t pid, w;
	int status;

	/* WNOHANG with a child still running, then its exit. */
	pid = fork();
	if (pid == 0) {
		int i;

		for (i = 0; i < 50; i++)
			sched_yield();
		_exit(3);
	}
	w = waitpid(pid, &status, WNOHANG);
	TAP_CHECK(w == 0 || w == pid);
	if (w == 0)
		w = waitpid(-1, &status, 0);
	TAP_CHECK(w == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3);
}

static void
test_wait__no_children_echild(void)
{
	int status;

	errno = 0;
	TAP_CHECK(waitpid(-1, &status, 0) == -1 && errno == ECHILD);
}

#define CASES(X) X(fork__memory_tls_fpu_apart) \
	X(wait__reports_death_by_signal) X(wait__wnohang_then_exit) \
	X(wait__no_children_echild)
TAP_MAIN(CASES, NULL, NULL)
