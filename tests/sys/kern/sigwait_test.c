/*
 * sigwait_test: waiting for signals, as Linux.  sigsuspend ends with
 * EINTR once a handler has run (a signal pending before it counts), with
 * the temporary mask in force during the handler and the old one back
 * afterwards; an ignored signal and a stop and continue do not end it;
 * pause() likewise.  sigtimedwait takes a blocked signal without running
 * its handler, with its siginfo (the sender's pid, SIGCHLD's status);
 * EAGAIN when the time is up (at once for a zero timeout); EINTR when
 * another signal's handler runs; EINVAL and EFAULT for bad arguments.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static volatile sig_atomic_t usr1_hits, usr2_hits;
static sigset_t mask_in_handler;

static void
on_usr1(int sig)
{
	(void)sig;
	usr1_hits++;
	sigprocmask(SIG_BLOCK, NULL, &mask_in_handler);
}

static void
on_usr2(int sig)
{
	(void)sig;
	usr2_hits++;
}

/* handle: sig's handler fn (no SA_RESTART), and a clean count. */
static void
handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigaction(sig, &sa, NULL);
	usr1_hits = usr2_hits = 0;
}

static void
block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void
msleep_(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/*
 * A child that sends the parent each signal of sigs (0-terminated)
 * after a pause of ms milliseconds before each, then exits.
 */
static pid_t
sender(int ms, const int *sigs)
{
	pid_t parent = getpid(), pid;

	pid = fork();
	if (pid == 0) {
		for (; *sigs != 0; sigs++) {
			msleep_(ms);
			kill(parent, *sigs);
		}
		_exit(0);
	}
	return (pid);
}

static int
reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return (-1);
	return (st);
}

static int
blocked(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return (sigismember(&cur, sig));
}

static void
test_suspend_handler(void)
{
	static const int sigs[] = { SIGUSR1, 0 };
	sigset_t none;
	pid_t pid;
	int r;

	handle(SIGUSR1, on_usr1);
	block(SIGUSR1);
	sigemptyset(&none);
	pid = sender(100, sigs);
	errno = 0;
	r = sigsuspend(&none);
	tap_check(r == -1 && errno == EINTR, "sigsuspend returns -1, EINTR");
	tap_check(usr1_hits == 1, "... after the handler ran once");
	tap_check(sigismember(&mask_in_handler, SIGUSR1) &&
	    !sigismember(&mask_in_handler, SIGUSR2),
	    "the handler ran with the temporary mask plus its signal");
	tap_check(blocked(SIGUSR1), "the old mask is back afterwards");
	tap_check(reap(pid) == 0, "the sender exited");
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void
test_suspend_pending(void)
{
	sigset_t none;
	int r;

	handle(SIGUSR1, on_usr1);
	block(SIGUSR1);
	raise(SIGUSR1);
	tap_check(usr1_hits == 0, "a blocked SIGUSR1 stays pending");
	sigemptyset(&none);
	errno = 0;
	r = sigsuspend(&none);
	tap_check(r == -1 && errno == EINTR && usr1_hits == 1,
	    "sigsuspend with it pending returns at once, the handler run");
	tap_check(blocked(SIGUSR1), "SIGUSR1 is blocked again");
}

static void
test_suspend_ignored_and_stop(void)
{
	static const int sigs[] = { SIGUSR2, SIGSTOP, SIGCONT, SIGUSR1, 0 };
	sigset_t none;
	pid_t pid;
	int r;

	handle(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	block(SIGUSR1);
	sigemptyset(&none);
	pid = sender(150, sigs);
	errno = 0;
	r = sigsuspend(&none);
	tap_check(r == -1 && errno == EINTR && usr1_hits == 1,
	    "an ignored signal and a stop and continue do not end "
	    "sigsuspend; SIGUSR1's handler does");
	tap_check(reap(pid) == 0, "the sender exited");
	signal(SIGUSR2, SIG_DFL);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void
test_pause(void)
{
	static const int sigs[] = { SIGUSR2, 0 };
	pid_t pid;
	int r;

	handle(SIGUSR2, on_usr2);
	pid = sender(100, sigs);
	errno = 0;
	r = pause();
	tap_check(r == -1 && errno == EINTR && usr2_hits == 1,
	    "pause returns -1, EINTR, after the handler");
	tap_check(reap(pid) == 0, "the sender exited");
}

static void
test_timedwait_pending(void)
{
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	sigset_t set;

	handle(SIGUSR1, on_usr1);
	block(SIGUSR1);
	raise(SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	memset(&si, 0, sizeof(si));
	tap_check(sigtimedwait(&set, &si, &zero) == SIGUSR1,
	    "sigtimedwait takes a pending SIGUSR1");
	tap_check(si.si_signo == SIGUSR1 && si.si_pid == getpid(),
	    "... its siginfo names the signal and the sender");
	tap_check(usr1_hits == 0, "... and its handler did not run");
	errno = 0;
	tap_check(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN,
	    "no longer pending: EAGAIN at once with a zero timeout");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void
test_timedwait_from_child(void)
{
	static const int sigs[] = { SIGUSR1, 0 };
	siginfo_t si;
	sigset_t set;
	pid_t pid;

	block(SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pid = sender(100, sigs);
	memset(&si, 0, sizeof(si));
	tap_check(sigtimedwait(&set, &si, NULL) == SIGUSR1,
	    "sigtimedwait without a timeout waits for SIGUSR1 from a child");
	tap_check(si.si_pid == pid && si.si_code == SI_USER,
	    "... si_pid is the child's, si_code SI_USER (kill)");
	tap_check(reap(pid) == 0, "the sender exited");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void
test_timedwait_sigchld(void)
{
	struct timespec ts = { 10, 0 };
	siginfo_t si;
	sigset_t set;
	pid_t pid;

	signal(SIGCHLD, SIG_DFL);	/* ignored by default, but blocked */
	block(SIGCHLD);
	pid = fork();
	if (pid == 0)
		_exit(7);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	memset(&si, 0, sizeof(si));
	tap_check(sigtimedwait(&set, &si, &ts) == SIGCHLD,
	    "a blocked SIGCHLD (default: ignored) is kept and taken");
	tap_check(si.si_pid == pid && si.si_code == CLD_EXITED &&
	    si.si_status == 7, "... with the child's pid, CLD_EXITED, 7");
	tap_check(reap(pid) == (7 << 8), "the child is reaped after");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void
test_timedwait_timeout(void)
{
	struct timespec ts = { 0, 200000000 }, t0, t1;
	sigset_t set;
	long ms;
	int r;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	block(SIGUSR2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	errno = 0;
	r = sigtimedwait(&set, NULL, &ts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000;
	tap_check(r == -1 && errno == EAGAIN, "no signal in 0.2 s: EAGAIN");
	tap_check(ms >= 190, "... after the whole timeout");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void
test_timedwait_interrupted(void)
{
	static const int sigs[] = { SIGUSR1, 0 };
	struct timespec ts = { 30, 0 };
	sigset_t set;
	pid_t pid;
	int r;

	handle(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	block(SIGUSR2);
	pid = sender(100, sigs);
	errno = 0;
	r = sigtimedwait(&set, NULL, &ts);
	tap_check(r == -1 && errno == EINTR && usr1_hits == 1,
	    "a handled SIGUSR1 ends a sigtimedwait for SIGUSR2: EINTR");
	tap_check(reap(pid) == 0, "the sender exited");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void
test_errors(void)
{
	struct timespec bad = { 0, 1000000000 };
	uint64_t set = 0;

	TAP_ERRNO("rt_sigsuspend with sigsetsize 4", EINVAL,
	    syscall(SYS_rt_sigsuspend, &set, 4));
	TAP_ERRNO("rt_sigsuspend of a bad mask pointer", EFAULT,
	    syscall(SYS_rt_sigsuspend, (void *)8, 8));
	set = 1UL << (SIGUSR2 - 1);
	TAP_ERRNO("rt_sigtimedwait with sigsetsize 4", EINVAL,
	    syscall(SYS_rt_sigtimedwait, &set, NULL, NULL, 4));
	TAP_ERRNO("rt_sigtimedwait of a bad set pointer", EFAULT,
	    syscall(SYS_rt_sigtimedwait, (void *)8, NULL, NULL, 8));
	TAP_ERRNO("rt_sigtimedwait with tv_nsec 1e9", EINVAL,
	    syscall(SYS_rt_sigtimedwait, &set, NULL, &bad, 8));
	TAP_ERRNO("rt_sigtimedwait of a bad timeout pointer", EFAULT,
	    syscall(SYS_rt_sigtimedwait, &set, NULL, (void *)8, 8));
}

#define CASES(X) X(suspend_handler) X(suspend_pending) \
	X(suspend_ignored_and_stop) X(pause) X(timedwait_pending) \
	X(timedwait_from_child) X(timedwait_sigchld) X(timedwait_timeout) \
	X(timedwait_interrupted) X(errors)
TAP_MAIN(CASES, NULL, NULL)
