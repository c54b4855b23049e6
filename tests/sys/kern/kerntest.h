/*
 * kerntest.h: helpers of the sys/kern test programs, for cases whose
 * action ends the process (a fault's signal, exit).
 *
 * Built plainly (the kernel's umbra.utest=1 mode, tools/utest-host.sh),
 * such a program's one case runs the action in the program itself, which
 * dies; the runner checks the death against utest.list ("signal 11",
 * "exit 3").  Built with -DTAP_ATF, the case runs the action in a forked
 * child and checks the child's wait status, so the case passes when the
 * child ends as Linux ends the program.
 */
#ifndef _KERNTEST_H_
#define _KERNTEST_H_

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

/* The exit status of a child whose action returned instead of ending it. */
#define KT_SURVIVED	97

#ifdef TAP_ATF
/*
 * kt_run_child: run action in a forked child (no core file: the death
 * is the expected outcome); its wait status, or -1.
 */
static inline int
kt_run_child(void (*action)(void))
{
	struct rlimit rl = { 0, 0 };
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == -1)
		return (-1);
	if (pid == 0) {
		(void)setrlimit(RLIMIT_CORE, &rl);
		action();
		fflush(stdout);
		_exit(KT_SURVIVED);
	}
	if (waitpid(pid, &status, 0) != pid)
		return (-1);
	if (WIFSIGNALED(status))
		printf("# the child was killed by signal %d (%s)\n",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else if (WIFEXITED(status))
		printf("# the child exited with status %d%s\n",
		    WEXITSTATUS(status), WEXITSTATUS(status) == KT_SURVIVED ?
		    " (the action returned)" : "");
	return (status);
}
#endif

/*
 * kt_dies_by_signal: action kills its process with signal sig; what
 * describes it.
 */
static inline void
kt_dies_by_signal(void (*action)(void), int sig, const char *what)
{
#ifdef TAP_ATF
	int status;

	status = kt_run_child(action);
	tap_check(status != -1 && WIFSIGNALED(status) &&
	    WTERMSIG(status) == sig, what);
#else
	(void)sig;
	(void)what;
	action();
#endif
}

/* kt_exits_with: action ends its process with exit status code. */
static inline void
kt_exits_with(void (*action)(void), int code, const char *what)
{
#ifdef TAP_ATF
	int status;

	status = kt_run_child(action);
	tap_check(status != -1 && WIFEXITED(status) &&
	    WEXITSTATUS(status) == code, what);
#else
	(void)code;
	(void)what;
	action();
#endif
}

#endif /* !_KERNTEST_H_ */
