/*
 * kill_test: kill between processes.  A child that blocks every signal
 * still dies of SIGKILL (wait4: WIFSIGNALED, WTERMSIG 9); SIGTERM's
 * default action terminates; a caught SIGUSR1 runs the child's handler;
 * kill(pid, 0) finds a live child and, once it is reaped, ESRCH; a bad
 * signal is EINVAL; SIGCHLD is ignored by default, and when caught its
 * siginfo names the child and its status.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static volatile int chld_hits, chld_code, chld_status;
static volatile pid_t chld_pid;

static void
usr1_exit(int sig)
{
	(void)sig;
	_exit(7);
}

static void
on_chld(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	chld_hits++;
	chld_pid = si->si_pid;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

/* A child that computes, without system calls, until a signal ends it. */
static pid_t
spawn_spinner(int block_all)
{
	sigset_t all;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (block_all) {
			sigfillset(&all);
			sigprocmask(SIG_SETMASK, &all, NULL);
		}
		/* Pure computation, no system call: the signal must still
		   arrive (delivered on the way back from the clock interrupt). */
		for (volatile unsigned long spin = 0;; spin++)
			;
	}
	return (pid);
}

/* SIGKILL through a full mask. */
static void
test_sigkill__kills_through_full_mask(void)
{
	pid_t pid, w;
	int status;

	pid = spawn_spinner(1);
	TAP_CHECK(pid > 0);
	TAP_CHECK(kill(pid, 0) == 0);
	TAP_CHECK(kill(pid, SIGKILL) == 0);
	w = waitpid(pid, &status, 0);
	TAP_CHECK(w == pid);
	TAP_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	errno = 0;
	TAP_CHECK(kill(pid, 0) == -1 && errno == ESRCH);
}

/* SIGTERM's default action. */
static void
test_sigterm__default_action_kills(void)
{
	pid_t pid;
	int status;

	pid = spawn_spinner(0);
	TAP_CHECK(kill(pid, SIGTERM) == 0);
	TAP_CHECK(waitpid(pid, &status, 0) == pid);
	TAP_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

/* A handler (inherited across fork) runs in the child. */
static void
test_handler__inherited_runs_in_child(void)
{
	pid_t pid;
	int status;

	signal(SIGUSR1, usr1_exit);
	pid = spawn_spinner(0);
	TAP_CHECK(kill(pid, SIGUSR1) == 0);
	TAP_CHECK(waitpid(pid, &status, 0) == pid);
	TAP_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	signal(SIGUSR1, SIG_DFL);
}

/* Bad arguments. */
static void
test_kill__bad_signal_einval(void)
{
	errno = 0;
	TAP_CHECK(kill(getpid(), 65) == -1 && errno == EINVAL);
}

/* SIGCHLD: ignored by default, even sent by hand. */
static void
test_sigchld__ignored_by_default(void)
{
	pid_t pid;
	int status;

	TAP_CHECK(kill(getpid(), SIGCHLD) == 0);
	TAP_CHECK(kill(getpid(), SIGWINCH) == 0);
	pid = fork();
	if (pid == 0)
		_exit(3);
	TAP_CHECK(waitpid(pid, &status, 0) == pid);
	TAP_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
}

/* SIGCHLD caught: who exited and how. */
static void
test_sigchld__siginfo_names_child(void)
{
	struct sigaction sa;
	pid_t pid;
	int status;

	chld_hits = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	TAP_CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
	pid = fork();
	if (pid == 0)
		_exit(5);
	TAP_CHECK(waitpid(pid, &status, 0) == pid);
	TAP_CHECK(chld_hits == 1);
	TAP_CHECK(chld_pid == pid);
	TAP_CHECK(chld_code == CLD_EXITED);
	TAP_CHECK(chld_status == 5);
	signal(SIGCHLD, SIG_DFL);
}

#define CASES(X) X(sigkill__kills_through_full_mask) \
	X(sigterm__default_action_kills) X(handler__inherited_runs_in_child) \
	X(kill__bad_signal_einval) X(sigchld__ignored_by_default) \
	X(sigchld__siginfo_names_child)
TAP_MAIN(CASES, NULL, NULL)
