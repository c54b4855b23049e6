/*
 * pgrp_test: process groups, sessions and job control, as Linux.  The
 * checks run in a child that leads a session of its own (so kill(0)
 * reaches only the test): setsid/setpgid/getpgid/getsid rules and
 * errors, kill(-pgrp) and kill(0) reaching exactly a group, stop and
 * continue seen by wait4 (WUNTRACED, WCONTINUED) and waitid (WNOWAIT
 * leaves the child waitable), SIGCHLD's si_code for each, SA_NOCLDSTOP,
 * SIGKILL of a stopped child, a stopped read restarting, waits by
 * process group, and SIGCHLD ignored reaping children.  Without a
 * controlling terminal, terminal job control is ENOTTY.
 *
 * The plain program runs every case in one such child (it exits with
 * the child's status); as an ATF program, each case forks its own.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

static volatile int chld_code[8], chld_status[8], chld_n, usr1_hits;

static void
on_chld(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	if (chld_n < 8) {
		chld_code[chld_n] = si->si_code;
		chld_status[chld_n] = si->si_status;
	}
	chld_n++;
}

static void
on_usr1(int sig)
{
	(void)sig;
	usr1_hits++;
}

/* A child that waits for signals; pgid >= 0: setpgid(0, pgid) first. */
static pid_t
spawn_pauser(pid_t pgid)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGUSR1, SIG_DFL);
		if (pgid >= 0)
			(void)setpgid(0, pgid);
		for (;;)
			pause();
	}
	if (pgid >= 0)
		(void)setpgid(pid, pgid == 0 ? pid : pgid);
	return (pid);
}

static void
chld_handler(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
	sigaction(SIGCHLD, &sa, NULL);
	chld_n = 0;
}

#ifdef TAP_ATF
/* Run part in a child that leads a new session; it must end normally. */
static void
in_session(void (*part)(void))
{
	pid_t pid;
	int st = -1;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		TAP_CHECK(setsid() == getpid());
		part();
		_exit(0);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(waitpid(pid, &st, 0) == pid);
	tap_check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "the session's leader ended normally");
}

#define SESSION_ARGS	NULL
#else
/* The plain program: the cases run in a child leading a new session. */
static void
in_session(void (*part)(void))
{
	part();
}

static int
own_session(int argc, char **argv)
{
	pid_t pid;
	int st;

	(void)argc;
	(void)argv;
	pid = fork();
	if (pid == 0) {
		TAP_CHECK(setsid() == getpid());
		return (-1);		/* go on with the cases */
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return (1);
	return (WEXITSTATUS(st));
}

#define SESSION_ARGS	own_session
#endif

/* Kill and reap a child. */
static void
reap(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	TAP_CHECK(waitpid(pid, &st, 0) == pid);
}

static void
session_rules(void)
{
	pid_t s = getpid();

	TAP_CHECK(getsid(0) == s && getpgid(0) == s && getpgrp() == s);
	TAP_ERRNO("setsid by a group leader", EPERM, setsid());
	TAP_ERRNO("setpgid of a session leader", EPERM, setpgid(0, 0));
	TAP_ERRNO("getpgid of nobody", ESRCH, getpgid(99998));
	TAP_ERRNO("getsid of nobody", ESRCH, getsid(99998));
	TAP_ERRNO("setpgid pgid < 0", EINVAL, setpgid(0, -1));
	TAP_ERRNO("setpgid of a non-child", ESRCH, setpgid(1, 1));
	TAP_ERRNO("TIOCSPGRP without a terminal", ENOTTY, tcsetpgrp(0, s));
}

static void
test_session__leader_rules_and_errors(void)
{
	in_session(session_rules);
}

static void
setpgid_children(void)
{
	pid_t s = getpid(), a, b;

	a = spawn_pauser(-1);
	TAP_CHECK(getpgid(a) == s && getsid(a) == s);
	TAP_CHECK(setpgid(a, a) == 0 && getpgid(a) == a);
	b = spawn_pauser(-1);
	TAP_CHECK(setpgid(b, a) == 0 && getpgid(b) == a);
	TAP_ERRNO("setpgid to a missing group", EPERM, setpgid(b, 99997));
	reap(a);
	reap(b);
}

static void
test_setpgid__moves_child_to_new_or_existing_group(void)
{
	in_session(setpgid_children);
}

static void
kill_group(void)
{
	pid_t a, b, c;
	int st;

	a = spawn_pauser(0);
	b = spawn_pauser(a);
	TAP_CHECK(getpgid(a) == a && getpgid(b) == a);
	c = spawn_pauser(-1);			/* stays in s */
	/* kill(-a) reaches a and b only. */
	TAP_CHECK(kill(-a, SIGTERM) == 0);
	TAP_CHECK(waitpid(a, &st, 0) == a && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGTERM);
	TAP_CHECK(waitpid(b, &st, 0) == b && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGTERM);
	TAP_CHECK(kill(c, 0) == 0);
	TAP_ERRNO("kill of an empty group", ESRCH, kill(-a, SIGTERM));
	reap(c);
}

static void
test_kill__negative_pgid_reaches_that_group(void)
{
	in_session(kill_group);
}

static void
kill_own_group(void)
{
	pid_t c, d;
	int st;

	c = spawn_pauser(-1);			/* in the caller's group */
	/* kill(0) reaches the caller's group: c and the caller, not d. */
	d = spawn_pauser(0);
	usr1_hits = 0;
	signal(SIGUSR1, on_usr1);
	TAP_CHECK(kill(0, SIGUSR1) == 0);
	TAP_CHECK(waitpid(c, &st, 0) == c && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGUSR1);
	TAP_CHECK(usr1_hits == 1);
	TAP_CHECK(kill(d, 0) == 0 && waitpid(d, &st, WNOHANG) == 0);
	TAP_CHECK(kill(-1, 0) == 0);
	reap(d);
	signal(SIGUSR1, SIG_DFL);
}

static void
test_kill__zero_reaches_own_group(void)
{
	in_session(kill_own_group);
}

/* A child in another session: EPERM. */
static void
other_session(void)
{
	pid_t s = getpid(), a;
	int fds[2];
	char ch;

	TAP_CHECK(pipe(fds) == 0);
	a = fork();
	if (a == 0) {
		(void)setsid();
		(void)write(fds[1], "x", 1);
		for (;;)
			pause();
	}
	TAP_CHECK(read(fds[0], &ch, 1) == 1);
	TAP_CHECK(getsid(a) == a);
	TAP_ERRNO("setpgid across sessions", EPERM, setpgid(a, s));
	reap(a);
	close(fds[0]);
	close(fds[1]);
}

static void
test_setpgid__across_sessions_eperm(void)
{
	in_session(other_session);
}

static void
stop_continue(void)
{
	pid_t x;
	int i, st;

	chld_handler(0);
	/* Its own group, not orphaned: SIGTSTP is not discarded (Linux). */
	x = spawn_pauser(0);
	TAP_CHECK(kill(x, SIGSTOP) == 0);
	TAP_CHECK(waitpid(x, &st, WUNTRACED) == x && WIFSTOPPED(st) &&
	    WSTOPSIG(st) == SIGSTOP && st == 0x137f);
	TAP_CHECK(waitpid(x, &st, WUNTRACED | WNOHANG) == 0);
	TAP_CHECK(chld_n == 1 && chld_code[0] == CLD_STOPPED &&
	    chld_status[0] == SIGSTOP);
	TAP_CHECK(kill(x, SIGCONT) == 0);
	TAP_CHECK(waitpid(x, &st, WCONTINUED) == x && WIFCONTINUED(st) &&
	    st == 0xffff);
	/* Linux sends it when the child runs again: later, maybe. */
	for (i = 0; i < 200 && chld_n < 2; i++)
		usleep(10000);
	TAP_CHECK(chld_n == 2 && chld_code[1] == CLD_CONTINUED &&
	    chld_status[1] == SIGCONT);
	reap(x);
	signal(SIGCHLD, SIG_DFL);
}

static void
test_wait4__reports_stop_and_continue(void)
{
	in_session(stop_continue);
}

/* waitid, with WNOWAIT leaving the stop to report. */
static void
waitid_nowait(void)
{
	siginfo_t si;
	pid_t x;
	int st;

	chld_handler(0);
	x = spawn_pauser(0);
	TAP_CHECK(kill(x, SIGTSTP) == 0);
	memset(&si, 0, sizeof(si));
	TAP_CHECK(waitid(P_PID, x, &si, WSTOPPED | WNOWAIT) == 0 &&
	    si.si_pid == x && si.si_code == CLD_STOPPED &&
	    si.si_status == SIGTSTP && si.si_signo == SIGCHLD);
	memset(&si, 0, sizeof(si));
	TAP_CHECK(waitid(P_PID, x, &si, WSTOPPED) == 0 && si.si_pid == x &&
	    si.si_code == CLD_STOPPED);
	memset(&si, 0xff, sizeof(si));
	TAP_CHECK(waitid(P_PID, x, &si, WSTOPPED | WNOHANG) == 0 &&
	    si.si_pid == 0);
	TAP_CHECK(kill(x, SIGCONT) == 0);
	TAP_CHECK(waitid(P_ALL, 0, &si, WCONTINUED) == 0 && si.si_pid == x &&
	    si.si_code == CLD_CONTINUED);
	TAP_CHECK(kill(x, SIGKILL) == 0);
	TAP_CHECK(waitid(P_PID, x, &si, WEXITED | WNOWAIT) == 0 &&
	    si.si_code == CLD_KILLED && si.si_status == SIGKILL);
	TAP_CHECK(waitpid(x, &st, 0) == x && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGKILL);
	TAP_ERRNO("waitid with no option", EINVAL, waitid(P_ALL, 0, &si, 0));
	signal(SIGCHLD, SIG_DFL);
}

static void
test_waitid__wnowait_leaves_child_waitable(void)
{
	in_session(waitid_nowait);
}

/* SA_NOCLDSTOP; SIGKILL of a stopped child. */
static void
nocldstop(void)
{
	pid_t x;
	int st;

	chld_handler(SA_NOCLDSTOP);
	x = spawn_pauser(-1);
	TAP_CHECK(kill(x, SIGSTOP) == 0);
	TAP_CHECK(waitpid(x, &st, WUNTRACED) == x && WIFSTOPPED(st));
	TAP_CHECK(kill(x, SIGKILL) == 0);
	TAP_CHECK(waitpid(x, &st, 0) == x && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGKILL);
	TAP_CHECK(chld_n == 1 && chld_code[0] == CLD_KILLED);
	signal(SIGCHLD, SIG_DFL);
}

static void
test_sa_nocldstop__sigkill_of_stopped_child(void)
{
	in_session(nocldstop);
}

/* A read stopped and continued goes on (restarted, no EINTR). */
static void
stopped_read(void)
{
	pid_t x;
	int st, fds[2];

	TAP_CHECK(pipe(fds) == 0);
	x = fork();
	if (x == 0) {
		char ch = 0;
		ssize_t n = read(fds[0], &ch, 1);
		_exit(n == 1 ? ch : 100 + errno);
	}
	usleep(100000);
	TAP_CHECK(kill(x, SIGSTOP) == 0);
	TAP_CHECK(waitpid(x, &st, WUNTRACED) == x && WIFSTOPPED(st));
	TAP_CHECK(kill(x, SIGCONT) == 0);
	usleep(50000);
	TAP_CHECK(write(fds[1], "\x2a", 1) == 1);
	TAP_CHECK(waitpid(x, &st, 0) == x && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0x2a);
	close(fds[0]);
	close(fds[1]);
}

static void
test_read__stopped_and_continued_goes_on(void)
{
	in_session(stopped_read);
}

/* Waits by process group. */
static void
wait_by_group(void)
{
	pid_t p1, p2;
	int st;

	p1 = fork();
	if (p1 == 0) {
		(void)setpgid(0, 0);
		_exit(5);
	}
	(void)setpgid(p1, p1);
	p2 = fork();
	if (p2 == 0)
		_exit(6);
	TAP_CHECK(waitpid(0, &st, 0) == p2 && WEXITSTATUS(st) == 6);
	TAP_CHECK(waitpid(-p1, &st, 0) == p1 && WEXITSTATUS(st) == 5);
}

static void
test_waitpid__by_process_group(void)
{
	in_session(wait_by_group);
}

/* SIGCHLD ignored: no zombies; wait ends with ECHILD. */
static void
sigchld_ignored(void)
{
	pid_t x;
	int st;

	signal(SIGCHLD, SIG_IGN);
	x = fork();
	if (x == 0)
		_exit(0);
	TAP_ERRNO("wait with SIGCHLD ignored", ECHILD, wait(&st));
	signal(SIGCHLD, SIG_DFL);
}

static void
test_sigchld__ignored_leaves_no_zombies(void)
{
	in_session(sigchld_ignored);
}

#define CASES(X) X(session__leader_rules_and_errors) \
	X(setpgid__moves_child_to_new_or_existing_group) \
	X(kill__negative_pgid_reaches_that_group) \
	X(kill__zero_reaches_own_group) X(setpgid__across_sessions_eperm) \
	X(wait4__reports_stop_and_continue) \
	X(waitid__wnowait_leaves_child_waitable) \
	X(sa_nocldstop__sigkill_of_stopped_child) \
	X(read__stopped_and_continued_goes_on) \
	X(waitpid__by_process_group) X(sigchld__ignored_leaves_no_zombies)
TAP_MAIN(CASES, NULL, SESSION_ARGS)
