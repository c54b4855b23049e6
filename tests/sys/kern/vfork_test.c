/*
 * vfork_test: vfork and clone(CLONE_VM), as Linux: the child shares the
 * parent's memory (a store by either is seen by the other), and with
 * CLONE_VFORK the parent sleeps until the child execs or exits (killed
 * included), so glibc's posix_spawn reports the child's exec error.
 * The parent's sleep is killable: SIGKILL ends it (the child goes on,
 * an orphan); other signals wait until it is over.
 *
 * The program runs itself again through TAP_MAIN's args hook:
 * "exit N" exits with N; "read-fd N" waits (5 s at most) for a byte on
 * descriptor N and exits 0 when one came, 3 otherwise.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "tap.h"

#define STACK_SIZE	(256 * 1024)

extern char **environ;

static char *self;			/* argv[0] */
static volatile int shared;		/* stored by children */
static volatile int shared2;		/* stored by the parent */
static volatile int *volatile shared_page; /* mapped after a clone */

static int
helper_mode(int argc, char **argv)
{
	char c;

	self = argv[0];
	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		return (atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "read-fd") == 0) {
		alarm(5);
		return (read(atoi(argv[2]), &c, 1) == 1 ? 0 : 3);
	}
	return (-1);
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return ((t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000000);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* waitpid for pid: its status, or -1. */
static int
wait_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return (-1);
	return (status);
}

/* A stack for clone: its top. */
static void *
new_stack(void)
{
	char *stk;

	stk = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	return (stk == MAP_FAILED ? NULL : stk + STACK_SIZE);
}

static void
free_stack(void *top)
{
	if (top != NULL)
		munmap((char *)top - STACK_SIZE, STACK_SIZE);
}

static void
test_vfork__child_store_seen(void)
{
	pid_t pid;

	shared = 0;
	pid = vfork();
	if (pid == 0) {
		shared = 42;
		_exit(9);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(shared == 42);
	TAP_CHECK(pid != getpid());
	TAP_CHECK(wait_status(pid) == W_EXITCODE(9, 0));
}

/* The child sleeps first: its store is there when vfork returns. */
static void
test_vfork__parent_waits_for_exit(void)
{
	struct timespec t0;
	pid_t pid;

	shared = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = vfork();
	if (pid == 0) {
		sleep_ms(200);
		shared = 7;
		_exit(0);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(shared == 7);
	TAP_CHECK(ms_since(&t0) >= 200);
	TAP_CHECK(wait_status(pid) == 0);
}

/*
 * The child sleeps, stores and execs this program, which waits for a
 * byte from the parent: the parent goes on at the exec, not at the new
 * program's exit (which would then say 3, or never come).
 */
static void
test_vfork__parent_waits_for_exec(void)
{
	struct timespec t0;
	char fdarg[16];
	int fds[2];
	pid_t pid;

	shared = 0;
	if (pipe(fds) == -1) {
		tap_check(0, "pipe");
		return;
	}
	snprintf(fdarg, sizeof(fdarg), "%d", fds[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = vfork();
	if (pid == 0) {
		char *argv[] = { self, "read-fd", fdarg, NULL };

		sleep_ms(200);
		shared = 8;
		execve(self, argv, environ);
		_exit(127);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(shared == 8);
	TAP_CHECK(ms_since(&t0) >= 200);
	TAP_CHECK(write(fds[1], "x", 1) == 1);
	TAP_CHECK(wait_status(pid) == 0);
	close(fds[0]);
	close(fds[1]);
}

/* The child's failed exec: its errno in the memory it shares. */
static void
test_vfork__exec_error_seen(void)
{
	pid_t pid;

	shared = 0;
	pid = vfork();
	if (pid == 0) {
		char *argv[] = { "/nonexistent/program", NULL };

		execve(argv[0], argv, environ);
		shared = errno;
		_exit(127);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(shared == ENOENT);
	TAP_CHECK(wait_status(pid) == W_EXITCODE(127, 0));
}

static void
test_posix_spawn__missing_program_enoent(void)
{
	char *argv[] = { "/nonexistent/program", NULL };
	pid_t pid = -1;
	int error;

	error = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
	if (error != ENOENT)
		printf("# posix_spawn returned %d (%s)\n", error,
		    strerror(error));
	TAP_CHECK(error == ENOENT);
	/* glibc reaps the failed child itself. */
	TAP_CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD);
}

static void
test_posix_spawn__runs_program_status_reaped(void)
{
	char *argv[] = { self, "exit", "7", NULL };
	pid_t pid = -1;
	int error;

	error = posix_spawn(&pid, self, NULL, NULL, argv, environ);
	TAP_CHECK(error == 0);
	TAP_CHECK(pid > 0);
	TAP_CHECK(wait_status(pid) == W_EXITCODE(7, 0));
}

static int
vfork_child_fn(void *arg)
{
	sleep_ms(100);
	shared = getpid() == *(pid_t *)arg ? 1 : 2;
	return (11);
}

/* glibc's clone: the raw system call with the child on its own stack. */
static void
test_clone__vm_vfork_own_stack(void)
{
	struct timespec t0;
	pid_t parent = getpid(), pid;
	void *stk = new_stack();

	TAP_CHECK(stk != NULL);
	if (stk == NULL)
		return;
	shared = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = clone(vfork_child_fn, stk, CLONE_VM | CLONE_VFORK | SIGCHLD,
	    &parent);
	TAP_CHECK(pid > 0);
	TAP_CHECK(shared == 2);		/* stored, by another process */
	TAP_CHECK(ms_since(&t0) >= 100);
	TAP_CHECK(wait_status(pid) == W_EXITCODE(11, 0));
	free_stack(stk);
}

/* Wait (5 s at most) until *p is v. */
static int
await(volatile int *p, int v)
{
	int i;

	for (i = 0; i < 5000 && *p != v; i++)
		sleep_ms(1);
	return (*p == v);
}

static int
vm_child_fn(void *arg)
{
	(void)arg;
	shared = 1;			/* the parent runs meanwhile */
	if (!await(&shared2, 1))
		return (1);
	*shared_page = 5;		/* mapped by the parent after clone */
	shared = 2;
	return (0);
}

/* CLONE_VM alone: both run at once, each seeing the other's stores. */
static void
test_clone__vm_alone_both_run_shared(void)
{
	void *stk = new_stack();
	int *page;
	pid_t pid;

	TAP_CHECK(stk != NULL);
	if (stk == NULL)
		return;
	shared = 0;
	shared2 = 0;
	shared_page = NULL;
	sleep_ms(1);		/* nanosleep bound before two processes run */
	pid = clone(vm_child_fn, stk, CLONE_VM | SIGCHLD, NULL);
	TAP_CHECK(pid > 0);
	if (pid <= 0)
		return;
	TAP_CHECK(await(&shared, 1));
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TAP_CHECK(page != MAP_FAILED);
	shared_page = page;
	shared2 = 1;
	TAP_CHECK(await(&shared, 2));
	TAP_CHECK(*page == 5);
	TAP_CHECK(wait_status(pid) == 0);
	munmap(page, 4096);
	free_stack(stk);
}

static void
test_vfork__child_killed_releases_parent(void)
{
	pid_t pid;
	int status;

	pid = vfork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	TAP_CHECK(pid > 0);
	status = wait_status(pid);
	TAP_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

static volatile sig_atomic_t got_usr1;

static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/*
 * A process P vforks a child C, which writes its pid to report and then
 * waits for a byte on go, which it stores (1) and sends back before it
 * exits.  Returns P's pid with C's in *cpidp, or -1.
 */
static pid_t
start_vforker(int report[2], int go[2], pid_t *cpidp)
{
	pid_t ppid, c;

	if (pipe(report) == -1 || pipe(go) == -1)
		return (-1);
	fflush(stdout);
	ppid = fork();
	if (ppid == 0) {
		/* P: exits 0 when C had finished and SIGUSR1 came after. */
		signal(SIGUSR1, on_usr1);
		shared = 0;
		c = vfork();
		if (c == 0) {
			pid_t me = getpid();
			char b;

			(void)write(report[1], &me, sizeof(me));
			if (read(go[0], &b, 1) == 1) {
				shared = 1;
				(void)write(report[1], &b, 1);
			}
			_exit(0);
		}
		_exit(c > 0 && shared == 1 && got_usr1 == 1 ? 0 : 1);
	}
	if (ppid == -1 ||
	    read(report[0], cpidp, sizeof(*cpidp)) != sizeof(*cpidp))
		return (-1);
	return (ppid);
}

/* waitpid for pid, at most ms milliseconds: its status, or -1. */
static int
wait_status_ms(pid_t pid, long ms)
{
	int status;
	long i;

	for (i = 0; i < ms; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return (status);
		sleep_ms(1);
	}
	return (-1);
}

static void
test_vfork__sigkill_kills_waiting_parent(void)
{
	int report[2], go[2], status;
	pid_t ppid, cpid = 0;
	char b;

	ppid = start_vforker(report, go, &cpid);
	TAP_CHECK(ppid > 0 && cpid > 0);
	if (ppid <= 0)
		return;
	sleep_ms(100);			/* P asleep in vfork */
	TAP_CHECK(kill(ppid, SIGKILL) == 0);
	status = wait_status_ms(ppid, 5000);
	TAP_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	/* C goes on, an orphan. */
	TAP_CHECK(kill(cpid, 0) == 0);
	TAP_CHECK(write(go[1], "y", 1) == 1);
	TAP_CHECK(read(report[0], &b, 1) == 1 && b == 'y');
	if (status == -1)
		(void)wait_status(ppid);	/* released by C's exit */
	close(report[0]);
	close(report[1]);
	close(go[0]);
	close(go[1]);
}

/* SIGUSR1 to P in vfork: its handler runs after C's exit, not before. */
static void
test_vfork__other_signals_wait(void)
{
	int report[2], go[2], status;
	pid_t ppid, cpid = 0;
	char b;

	ppid = start_vforker(report, go, &cpid);
	TAP_CHECK(ppid > 0 && cpid > 0);
	if (ppid <= 0)
		return;
	sleep_ms(100);
	TAP_CHECK(kill(ppid, SIGUSR1) == 0);
	sleep_ms(100);
	/* Still waiting: C has not stored yet. */
	TAP_CHECK(waitpid(ppid, &status, WNOHANG) == 0);
	TAP_CHECK(write(go[1], "z", 1) == 1);
	TAP_CHECK(read(report[0], &b, 1) == 1 && b == 'z');
	TAP_CHECK(wait_status(ppid) == 0);
	close(report[0]);
	close(report[1]);
	close(go[0]);
	close(go[1]);
}

#define CASES(X) X(vfork__child_store_seen) X(vfork__parent_waits_for_exit) \
	X(vfork__parent_waits_for_exec) X(vfork__exec_error_seen) \
	X(posix_spawn__missing_program_enoent) \
	X(posix_spawn__runs_program_status_reaped) \
	X(clone__vm_vfork_own_stack) X(clone__vm_alone_both_run_shared) \
	X(vfork__child_killed_releases_parent) \
	X(vfork__sigkill_kills_waiting_parent) X(vfork__other_signals_wait)
TAP_MAIN(CASES, NULL, helper_mode)
