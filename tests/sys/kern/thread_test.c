/*
 * thread_test: POSIX threads (glibc's, over clone and futex) and the raw
 * futex calls.  Threads: 8 threads adding to one counter under a mutex
 * (exact total); exit values through pthread_join; distinct tids, one
 * pid; a condition-variable ping-pong; pthread_kill reaching the named
 * thread, and kill() reaching the thread that does not block the
 * signal; a thread's exit() ending the whole process (threads spinning,
 * asleep in a futex and in pthread_join included); the main thread's
 * pthread_exit leaving the process to the other thread; SIGKILL and a
 * default-action SIGTERM to one thread ending them all; fork and exec
 * from a thread.  Futexes: EAGAIN, ETIMEDOUT (relative, absolute on
 * both clocks), EINTR, wake counts, bitsets, CMP_REQUEUE, and the
 * errors (EINVAL, EFAULT, ENOSYS).  (Threads and a forked child sharing
 * a file mapping: tests/sys/vm/mmap_threads_test.)
 */
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static long
futex(volatile uint32_t *uaddr, int op, uint32_t val,
    const struct timespec *ts, volatile uint32_t *uaddr2, uint32_t val3)
{
	return (syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3));
}

static pid_t
gettid_(void)
{
	return ((pid_t)syscall(SYS_gettid));
}

/* Run fn in a forked child; its wait status, or -1. */
static int
in_child(void (*fn)(void))
{
	pid_t pid;
	int status;

	pid = fork();
	if (pid == -1)
		return (-1);
	if (pid == 0) {
		fn();
		_exit(99);
	}
	if (waitpid(pid, &status, 0) != pid)
		return (-1);
	return (status);
}

/* --- counter, exit values, ids ------------------------------------------ */

#define NTHREADS	8
#define NINCR		10000

static pthread_mutex_t count_mtx = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pid_t tids[NTHREADS], pids[NTHREADS];

static void *
adder(void *arg)
{
	long i, n = (long)arg;

	tids[n] = gettid_();
	pids[n] = getpid();
	for (i = 0; i < NINCR; i++) {
		pthread_mutex_lock(&count_mtx);
		counter++;
		pthread_mutex_unlock(&count_mtx);
	}
	if (n % 2)
		pthread_exit((void *)(n * 100));
	return ((void *)(n * 100));
}

static void
test_threads__counter_join_ids(void)
{
	pthread_t t[NTHREADS];
	void *rv;
	long i;
	int ok_rv = 1, ok_pid = 1, ok_tid = 1, j;

	for (i = 0; i < NTHREADS; i++)
		TAP_CHECK(pthread_create(&t[i], NULL, adder, (void *)i) == 0);
	for (i = 0; i < NTHREADS; i++) {
		if (pthread_join(t[i], &rv) != 0 || rv != (void *)(i * 100))
			ok_rv = 0;
	}
	TAP_CHECK(counter == (long)NTHREADS * NINCR);
	tap_check(ok_rv, "pthread_join returns each thread's exit value");
	for (i = 0; i < NTHREADS; i++) {
		if (pids[i] != getpid())
			ok_pid = 0;
		if (tids[i] == getpid() || tids[i] <= 0)
			ok_tid = 0;
		for (j = 0; j < i; j++)
			if (tids[j] == tids[i])
				ok_tid = 0;
	}
	tap_check(ok_pid, "getpid is the same in every thread");
	tap_check(ok_tid, "gettid is distinct in every thread, not the pid");
	TAP_CHECK(gettid_() == getpid());
	/* A joined thread's id is gone. */
	errno = 0;
	TAP_CHECK(syscall(SYS_tgkill, getpid(), tids[0], 0) == -1 &&
	    errno == ESRCH);
}

/* --- condition variable ping-pong ---------------------------------------- */

#define PINGS	1000

static pthread_mutex_t pp_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cv = PTHREAD_COND_INITIALIZER;
static int pp_turn, pp_count[2];

static void *
pinger(void *arg)
{
	int me = (int)(long)arg, i;

	for (i = 0; i < PINGS; i++) {
		pthread_mutex_lock(&pp_mtx);
		while (pp_turn != me)
			pthread_cond_wait(&pp_cv, &pp_mtx);
		pp_count[me]++;
		pp_turn = 1 - me;
		pthread_cond_broadcast(&pp_cv);
		pthread_mutex_unlock(&pp_mtx);
	}
	return (NULL);
}

static void
test_condvar__ping_pong(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, pinger, (void *)0);
	pthread_create(&b, NULL, pinger, (void *)1);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	TAP_CHECK(pp_count[0] == PINGS && pp_count[1] == PINGS);
}

/* --- signals to threads -------------------------------------------------- */

static volatile pid_t sig_tid;
static volatile int sig_hits, spin_ready;
static volatile pid_t spin_tid;

static void
on_sig(int sig)
{
	(void)sig;
	sig_tid = gettid_();
	sig_hits++;
}

/* Spin with sig unblocked until a signal arrives. */
static void *
spinner(void *arg)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, (int)(long)arg);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	spin_tid = gettid_();
	spin_ready = 1;
	while (sig_hits == 0)
		sched_yield();
	return (NULL);
}

/* A spinner for sig, running once this returns. */
static pthread_t
start_spinner(int sig)
{
	pthread_t t;

	sig_hits = 0;
	spin_ready = 0;
	pthread_create(&t, NULL, spinner, (void *)(long)sig);
	while (!spin_ready)
		sched_yield();
	return (t);
}

/* on_sig for SIGUSR1 and SIGUSR2. */
static void
catch_usr(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
}

/* pthread_kill (tgkill) reaches that thread. */
static void
test_pthread_kill__reaches_named_thread(void)
{
	pthread_t t;

	catch_usr();
	t = start_spinner(SIGUSR1);
	TAP_CHECK(pthread_kill(t, SIGUSR1) == 0);
	pthread_join(t, NULL);
	TAP_CHECK(sig_hits == 1 && sig_tid == spin_tid);
}

/* kill() reaches the thread that does not block the signal. */
static void
test_kill__reaches_thread_not_blocking(void)
{
	sigset_t set, pend;
	pthread_t t;

	catch_usr();
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	t = start_spinner(SIGUSR2);
	TAP_CHECK(kill(spin_tid, 0) == 0);	/* a tid names its process */
	TAP_CHECK(kill(getpid(), SIGUSR2) == 0);
	pthread_join(t, NULL);
	tap_check(sig_hits == 1 && sig_tid == spin_tid,
	    "kill: the thread not blocking the signal takes it");
	sigpending(&pend);
	TAP_CHECK(!sigismember(&pend, SIGUSR2));
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* --- ending the process from a thread ------------------------------------ */

static volatile uint32_t never;

static void *
spin_forever(void *arg)
{
	(void)arg;
	for (;;)
		;
}

static void *
futex_forever(void *arg)
{
	(void)arg;
	for (;;)
		futex(&never, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
}

static void *
exit7(void *arg)
{
	(void)arg;
	sched_yield();
	exit(7);
}

/* exit() in one thread while others spin, sleep and join. */
static void
child_exit_group(void)
{
	pthread_t a, b, c;

	pthread_create(&a, NULL, spin_forever, NULL);
	pthread_create(&b, NULL, futex_forever, NULL);
	pthread_create(&c, NULL, exit7, NULL);
	pthread_join(a, NULL);
	_exit(98);
}

static volatile pid_t main_pid;

static void *
outlive_main(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 50; i++)
		sched_yield();
	exit(getpid() == main_pid && gettid_() != main_pid ? 9 : 10);
}

/* The main thread ends alone; the other ends the process. */
static void
child_main_exits(void)
{
	pthread_t t;

	main_pid = getpid();
	pthread_create(&t, NULL, outlive_main, NULL);
	pthread_exit(NULL);
}

/* The only thread's exit(2) is the process's. */
static void
child_raw_exit(void)
{
	syscall(SYS_exit, 4);
}

static void
child_killed(int sig)
{
	pthread_t a, b;

	pthread_create(&a, NULL, spin_forever, NULL);
	pthread_create(&b, NULL, futex_forever, NULL);
	if (sig == SIGTERM)
		pthread_kill(a, SIGTERM);	/* default action: all die */
	else
		kill(getpid(), SIGKILL);
	futex(&never, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	_exit(98);
}

static void
child_sigterm(void)
{
	child_killed(SIGTERM);
}

static void
child_sigkill(void)
{
	child_killed(SIGKILL);
}

static void
test_exit__in_thread_ends_all_threads(void)
{
	int st;

	st = in_child(child_exit_group);
	tap_check(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	    "a thread's exit() ends every thread with its status");
}

static void
test_pthread_exit__main_leaves_process_running(void)
{
	int st;

	st = in_child(child_main_exits);
	tap_check(WIFEXITED(st) && WEXITSTATUS(st) == 9,
	    "the main thread's pthread_exit leaves the process running");
}

static void
test_exit__only_thread_raw_exit_ends_process(void)
{
	int st;

	st = in_child(child_raw_exit);
	TAP_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);
}

static void
test_sigterm__to_one_thread_kills_process(void)
{
	int st;

	st = in_child(child_sigterm);
	tap_check(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	    "SIGTERM to one thread kills the process");
}

static void
test_sigkill__kills_spinning_and_sleeping_threads(void)
{
	int st;

	st = in_child(child_sigkill);
	tap_check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	    "SIGKILL kills a process of spinning and sleeping threads");
}

/* --- fork and exec from a thread ----------------------------------------- */

static volatile int fork_st = -1;
static char *self_path;

static void *
forker(void *arg)
{
	pid_t pid, ptid = gettid_();
	int st;

	(void)arg;
	pid = fork();
	if (pid == 0) {
		/* Only this thread came along; it is the child's first. */
		_exit(gettid_() == getpid() && getpid() != main_pid &&
		    ptid != getpid() ? 3 : 4);
	}
	if (waitpid(pid, &st, 0) == pid)
		fork_st = st;
	return (NULL);
}

static void *
execer(void *arg)
{
	char *argv[] = { self_path, "exec-child", NULL };
	char *envp[] = { NULL };

	(void)arg;
	sched_yield();
	execve(self_path, argv, envp);
	_exit(97);
}

/* exec from a thread while another spins: the program replaces both. */
static void
child_exec(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, spin_forever, NULL);
	pthread_create(&b, NULL, execer, NULL);
	pthread_join(b, NULL);
	_exit(96);
}

static void
test_fork__from_thread_child_has_that_thread(void)
{
	pthread_t t;

	main_pid = getpid();
	fflush(stdout);
	pthread_create(&t, NULL, forker, NULL);
	pthread_join(t, NULL);
	tap_check(WIFEXITED(fork_st) && WEXITSTATUS(fork_st) == 3,
	    "fork from a thread: the child has that thread, as its first");
}

static void
test_exec__from_thread_replaces_all_threads(void)
{
	int st;

	st = in_child(child_exec);
	tap_check(WIFEXITED(st) && WEXITSTATUS(st) == 6,
	    "exec from a thread ends the others; the tid becomes the pid");
}

/* --- futexes -------------------------------------------------------------- */

static volatile uint32_t fw, fw2;
static volatile int waiter_ready;
static volatile long waiter_ret, waiter_errno;

static void *
futex_waiter(void *arg)
{
	uint32_t bitset = (uint32_t)(uintptr_t)arg;

	waiter_ready = 1;
	waiter_ret = futex(&fw, bitset ? FUTEX_WAIT_BITSET_PRIVATE :
	    FUTEX_WAIT_PRIVATE, 0, NULL, NULL, bitset);
	waiter_errno = errno;
	return (NULL);
}

static void *
futex_waiter2(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&waiter_ready, 1, __ATOMIC_SEQ_CST);
	futex(&fw, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return (NULL);
}

static void
test_futex__errors(void)
{
	struct timespec ts, now;
	uint32_t w[2] = { 5, 0 };

	TAP_ERRNO("FUTEX_WAIT on a different value", EAGAIN,
	    futex(&w[0], FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0));
	ts.tv_sec = 0;
	ts.tv_nsec = 50 * 1000 * 1000;
	TAP_ERRNO("FUTEX_WAIT 50 ms", ETIMEDOUT,
	    futex(&w[0], FUTEX_WAIT_PRIVATE, 5, &ts, NULL, 0));
	TAP_ERRNO("shared FUTEX_WAIT 50 ms", ETIMEDOUT,
	    futex(&w[0], FUTEX_WAIT, 5, &ts, NULL, 0));
	clock_gettime(CLOCK_MONOTONIC, &now);
	now.tv_nsec += 50 * 1000 * 1000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	TAP_ERRNO("FUTEX_WAIT_BITSET until now + 50 ms", ETIMEDOUT,
	    futex(&w[0], FUTEX_WAIT_BITSET_PRIVATE, 5, &now, NULL,
	    FUTEX_BITSET_MATCH_ANY));
	clock_gettime(CLOCK_REALTIME, &now);
	TAP_ERRNO("FUTEX_WAIT_BITSET|CLOCK_REALTIME, a time passed",
	    ETIMEDOUT, futex(&w[0], FUTEX_WAIT_BITSET_PRIVATE |
	    FUTEX_CLOCK_REALTIME, 5, &now, NULL, FUTEX_BITSET_MATCH_ANY));
	TAP_ERRNO("FUTEX_WAIT|CLOCK_REALTIME", ENOSYS,
	    futex(&w[0], FUTEX_WAIT_PRIVATE | FUTEX_CLOCK_REALTIME, 5, &ts,
	    NULL, 0));
	TAP_ERRNO("FUTEX_WAIT misaligned", EINVAL,
	    futex((volatile uint32_t *)((char *)w + 1), FUTEX_WAIT_PRIVATE,
	    5, NULL, NULL, 0));
	TAP_ERRNO("FUTEX_WAIT at NULL", EFAULT,
	    futex(NULL, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0));
	TAP_ERRNO("shared FUTEX_WAKE at NULL", EFAULT,
	    futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0));
	TAP_CHECK(futex(NULL, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 0);
	TAP_ERRNO("FUTEX_WAIT, a bad timeout address", EFAULT,
	    futex(&w[0], FUTEX_WAIT_PRIVATE, 5,
	    (struct timespec *)16, NULL, 0));
	ts.tv_nsec = 1000000000;
	TAP_ERRNO("FUTEX_WAIT, tv_nsec 1e9", EINVAL,
	    futex(&w[0], FUTEX_WAIT_PRIVATE, 5, &ts, NULL, 0));
	TAP_ERRNO("FUTEX_WAIT_BITSET, bitset 0", EINVAL,
	    futex(&w[0], FUTEX_WAIT_BITSET_PRIVATE, 5, NULL, NULL, 0));
	TAP_ERRNO("FUTEX_WAKE_BITSET, bitset 0", EINVAL,
	    futex(&w[0], FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0));
	TAP_ERRNO("futex op 99", ENOSYS,
	    futex(&w[0], 99, 0, NULL, NULL, 0));
	TAP_ERRNO("FUTEX_CMP_REQUEUE, a different value", EAGAIN,
	    futex(&w[0], FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, &w[1], 4));
	TAP_ERRNO("FUTEX_CMP_REQUEUE, a negative count", EINVAL,
	    futex(&w[0], FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)(long)-1,
	    &w[1], 5));
	TAP_CHECK(futex(&w[0], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 0);
}

/* A wake reaches a sleeper: the waiter returns 0. */
static void
test_futex__wake_reaches_sleeper(void)
{
	pthread_t t;
	long n;

	fw = 0;
	waiter_ready = 0;
	pthread_create(&t, NULL, futex_waiter, NULL);
	while (!waiter_ready)
		sched_yield();
	while ((n = futex(&fw, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)) == 0)
		sched_yield();
	pthread_join(t, NULL);
	TAP_CHECK(n == 1 && waiter_ret == 0);
}

/* Bitsets: a wake must share a bit with the waiter's. */
static void
test_futex__wake_bitset_must_match(void)
{
	pthread_t t;
	long n;
	int i;

	fw = 0;
	waiter_ready = 0;
	pthread_create(&t, NULL, futex_waiter, (void *)0x1);
	while (!waiter_ready)
		sched_yield();
	for (i = 0; i < 20; i++)
		sched_yield();
	n = futex(&fw, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0x2);
	TAP_CHECK(n == 0);
	while ((n = futex(&fw, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL,
	    0x3)) == 0)
		sched_yield();
	pthread_join(t, NULL);
	TAP_CHECK(n == 1 && waiter_ret == 0);
}

/* CMP_REQUEUE moves three sleepers to fw2; fw2's wake gets them. */
static void
test_futex__cmp_requeue_moves_sleepers(void)
{
	pthread_t ts[3];
	long n;
	int i, total;

	fw = 0;
	waiter_ready = 0;
	for (i = 0; i < 3; i++)
		pthread_create(&ts[i], NULL, futex_waiter2, NULL);
	while (waiter_ready < 3)
		sched_yield();
	for (total = 0; total < 3;) {
		n = futex(&fw, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)INT_MAX,
		    &fw2, 0);
		if (n < 0)
			break;
		total += (int)n;
		sched_yield();
	}
	TAP_CHECK(total == 3);
	TAP_CHECK(futex(&fw, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0) == 0);
	TAP_CHECK(futex(&fw2, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0) ==
	    3);
	for (i = 0; i < 3; i++)
		pthread_join(ts[i], NULL);
}

/* A signal ends a wait with EINTR (a handler without SA_RESTART). */
static void
test_futex__wait_interrupted_eintr(void)
{
	struct sigaction sa;
	pthread_t t;

	fw = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGUSR1, &sa, NULL);
	waiter_ready = 0;
	waiter_ret = 0;
	pthread_create(&t, NULL, futex_waiter, NULL);
	while (!waiter_ready)
		sched_yield();
	while (waiter_ret == 0) {
		pthread_kill(t, SIGUSR1);
		sched_yield();
	}
	pthread_join(t, NULL);
	TAP_CHECK(waiter_ret == -1 && waiter_errno == EINTR);
}

/*
 * The program run again by exec from a thread (exec-child): its one
 * thread's tid is the pid.  Otherwise keep argv[0] for that exec.
 */
static int
exec_child(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "exec-child") == 0)
		return (gettid_() == getpid() ? 6 : 5);
	self_path = argv[0];
	return (-1);
}

#define CASES(X) X(threads__counter_join_ids) X(condvar__ping_pong) \
	X(pthread_kill__reaches_named_thread) \
	X(kill__reaches_thread_not_blocking) \
	X(exit__in_thread_ends_all_threads) \
	X(pthread_exit__main_leaves_process_running) \
	X(exit__only_thread_raw_exit_ends_process) \
	X(sigterm__to_one_thread_kills_process) \
	X(sigkill__kills_spinning_and_sleeping_threads) \
	X(fork__from_thread_child_has_that_thread) \
	X(exec__from_thread_replaces_all_threads) X(futex__errors) \
	X(futex__wake_reaches_sleeper) X(futex__wake_bitset_must_match) \
	X(futex__cmp_requeue_moves_sleepers) X(futex__wait_interrupted_eintr)
TAP_MAIN(CASES, NULL, exec_child)
