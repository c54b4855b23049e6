/*
 * linux_abi_test: what a Linux x86-64 program learns about its kernel,
 * as Linux gives it: uname (Linux, x86_64); ENOSYS for a system call
 * number that does not exist; the auxiliary vector (page size, ids,
 * AT_RANDOM, AT_EXECFN, the program headers); sysinfo; getrandom's
 * flags and errors; arch_prctl's FS base (glibc's thread pointer);
 * prctl's name, seen in /proc/self/comm, status and stat; and the
 * process-group, state and CPU-time fields of /proc/self/stat.
 */
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <asm/prctl.h>
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define BAD	((void *)8)

static char self_path[4096];

/* The first line of file path that starts with key, into buf. */
static int
file_line(const char *path, const char *key, char *buf, size_t len)
{
	FILE *f;
	int found = 0;

	f = fopen(path, "r");
	if (f == NULL)
		return (0);
	while (!found && fgets(buf, (int)len, f) != NULL)
		found = strncmp(buf, key, strlen(key)) == 0;
	fclose(f);
	return (found);
}

static void
test_uname__linux_x86_64(void)
{
	struct utsname u;

	tap_check(uname(&u) == 0, "uname");
	tap_check(strcmp(u.sysname, "Linux") == 0, "sysname is Linux");
	tap_check(strcmp(u.machine, "x86_64") == 0, "machine is x86_64");
	tap_check(isdigit((unsigned char)u.release[0]) &&
	    strchr(u.release, '.') != NULL,
	    "release looks like a version (glibc parses it)");
	tap_check(u.nodename[0] != '\0' && u.version[0] != '\0',
	    "nodename and version are set");
	TAP_ERRNO("uname into a bad buffer", EFAULT,
	    syscall(SYS_uname, BAD));
}

static void
test_syscall__unknown_enosys(void)
{
	TAP_ERRNO("system call 500 (none)", ENOSYS, syscall(500));
	TAP_ERRNO("system call 1000", ENOSYS, syscall(1000));
	TAP_ERRNO("system call 100000", ENOSYS, syscall(100000));
	TAP_ERRNO("system call -1", ENOSYS, syscall(-1));
	tap_check(getpid() > 0, "the process goes on");
}

static void
test_auxv__fields(void)
{
	const unsigned char *rnd;
	const char *execfn;
	int nonzero = 0, i;

	tap_check(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096");
	tap_check(getauxval(AT_UID) == getuid() &&
	    getauxval(AT_EUID) == geteuid() &&
	    getauxval(AT_GID) == getgid() &&
	    getauxval(AT_EGID) == getegid(), "AT_UID, EUID, GID, EGID");
	tap_check(getauxval(AT_SECURE) == 0, "AT_SECURE is 0");
	tap_check(getauxval(AT_PHDR) != 0 &&
	    getauxval(AT_PHENT) == sizeof(Elf64_Phdr) &&
	    getauxval(AT_PHNUM) > 0, "AT_PHDR, AT_PHENT, AT_PHNUM");
	tap_check(getauxval(AT_ENTRY) != 0, "AT_ENTRY");
	rnd = (const unsigned char *)getauxval(AT_RANDOM);
	tap_check(rnd != NULL, "AT_RANDOM points somewhere");
	if (rnd != NULL) {
		for (i = 0; i < 16; i++)
			nonzero |= rnd[i];
		tap_check(nonzero != 0, "... at 16 bytes not all zero");
	}
	execfn = (const char *)getauxval(AT_EXECFN);
	tap_check(execfn != NULL && strcmp(execfn, self_path) == 0,
	    "AT_EXECFN is the path the program was run by");
	tap_check(getauxval(AT_CLKTCK) == 100, "AT_CLKTCK is 100");
}

static void
test_sysinfo__sane(void)
{
	struct sysinfo si;

	tap_check(sysinfo(&si) == 0, "sysinfo");
	tap_check(si.mem_unit >= 1 && si.totalram > 0 &&
	    si.freeram <= si.totalram, "memory: total > 0, free <= total");
	tap_check(si.procs >= 1, "at least one process");
	tap_check(si.uptime >= 0, "uptime");
	TAP_ERRNO("sysinfo into a bad buffer", EFAULT,
	    syscall(SYS_sysinfo, BAD));
}

static void
test_getrandom__flags(void)
{
	unsigned char a[32], b[32];

	tap_check(getrandom(a, sizeof(a), 0) == sizeof(a), "32 bytes");
	tap_check(getrandom(b, sizeof(b), GRND_NONBLOCK) == sizeof(b),
	    "32 bytes with GRND_NONBLOCK");
	tap_check(memcmp(a, b, sizeof(a)) != 0, "two draws differ");
	tap_check(getrandom(a, 0, 0) == 0, "0 bytes: 0");
	TAP_ERRNO("unknown flag 0x100", EINVAL, getrandom(a, 8, 0x100));
	TAP_ERRNO("into a bad buffer", EFAULT, getrandom(BAD, 8, 0));
}

static void
test_arch_prctl__fs_base(void)
{
	unsigned long fs = 0;

	tap_check(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) == 0,
	    "ARCH_GET_FS");
	tap_check(fs == (unsigned long)pthread_self(),
	    "the FS base is glibc's thread pointer (pthread_self)");
	TAP_ERRNO("ARCH_GET_FS into a bad pointer", EFAULT,
	    syscall(SYS_arch_prctl, ARCH_GET_FS, BAD));
	TAP_ERRNO("an unknown code", EINVAL,
	    syscall(SYS_arch_prctl, 0x9999, 0));
}

static void
test_prctl__name(void)
{
	char name[32], line[256];

	tap_check(prctl(PR_SET_NAME, "abi-test-name", 0, 0, 0) == 0,
	    "PR_SET_NAME");
	memset(name, 0, sizeof(name));
	tap_check(prctl(PR_GET_NAME, name, 0, 0, 0) == 0 &&
	    strcmp(name, "abi-test-name") == 0, "PR_GET_NAME reads it back");
	tap_check(file_line("/proc/self/comm", "abi-test-name", line,
	    sizeof(line)) && strcmp(line, "abi-test-name\n") == 0,
	    "/proc/self/comm is the name and a newline");
	tap_check(file_line("/proc/self/status", "Name:", line,
	    sizeof(line)) && strcmp(line, "Name:\tabi-test-name\n") == 0,
	    "/proc/self/status's Name:");
	tap_check(prctl(PR_SET_NAME, "a-name-longer-than-fifteen", 0, 0,
	    0) == 0 && prctl(PR_GET_NAME, name, 0, 0, 0) == 0 &&
	    strcmp(name, "a-name-longer-t") == 0,
	    "a long name is cut to 15 bytes");
}

/*
 * /proc/PID/stat's fields after the command name (field 3, the state,
 * on), into buf; NULL if it cannot be read.  comm may hold spaces and
 * parentheses: the last ')' ends it.
 */
static const char *
stat_fields(pid_t pid, char *buf, size_t len)
{
	char path[64], *p;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return (NULL);
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return (NULL);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return (p != NULL && p[1] == ' ' ? p + 2 : NULL);
}

/* Fields 5 (pgrp), 6 (session) and 8 (tpgid) of /proc/PID/stat. */
static int
stat_ids(pid_t pid, long *pgrp, long *sid, long *tpgid)
{
	char buf[1024];
	const char *f = stat_fields(pid, buf, sizeof(buf));

	return (f != NULL && sscanf(f, "%*c %*d %ld %ld %*d %ld", pgrp, sid,
	    tpgid) == 3);
}

static void
test_proc_stat__groups(void)
{
	long pgrp, sid, tpgid;
	int fds[2], st;
	char c;
	pid_t pid;

	tap_check(stat_ids(getpid(), &pgrp, &sid, &tpgid) &&
	    pgrp == getpgrp() && sid == getsid(0),
	    "/proc/self/stat: pgrp and session are getpgrp's and getsid's");
	if (pipe(fds) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		setsid();
		c = 'x';
		(void)write(fds[1], &c, 1);
		pause();
		_exit(0);
	}
	(void)read(fds[0], &c, 1);
	tap_check(stat_ids(pid, &pgrp, &sid, &tpgid) && pgrp == pid &&
	    sid == pid && tpgid == -1,
	    "a child's setsid: its own group and session, no terminal "
	    "(tpgid -1)");
	kill(pid, SIGKILL);
	tap_check(waitpid(pid, &st, 0) == pid, "the child is reaped");
	close(fds[0]);
	close(fds[1]);
}

static void
test_proc_stat__stopped(void)
{
	char path[64], line[256];
	int st;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	tap_check(kill(pid, SIGSTOP) == 0 &&
	    waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st),
	    "a child stopped with SIGSTOP");
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	tap_check(file_line(path, "State:", line, sizeof(line)) &&
	    strncmp(line, "State:\tT", 8) == 0,
	    "its /proc status says State: T (stopped)");
	kill(pid, SIGKILL);
	tap_check(waitpid(pid, &st, 0) == pid, "the child is reaped");
}

/* Fields 14-17 of /proc/PID/stat: utime, stime, cutime, cstime. */
static int
stat_times(pid_t pid, long t[4])
{
	char buf[1024];
	const char *f = stat_fields(pid, buf, sizeof(buf));

	/* 3 state, 4-13, then 14 utime 15 stime 16 cutime 17 cstime. */
	return (f != NULL && sscanf(f, "%*c %*d %*d %*d %*d %*d %*u %*u %*u "
	    "%*u %*u %ld %ld %ld %ld", &t[0], &t[1], &t[2], &t[3]) == 4);
}

/* Spin until this process has used ms of CPU time (user + system). */
static void
spin_ms(long ms)
{
	struct timespec ts, end;
	volatile unsigned long n = 0;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += 30;
	for (;;) {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
		if (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 >= ms)
			return;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec > end.tv_sec)
			return;
		for (i = 0; i < 100000; i++)
			n++;
	}
}

/*
 * /proc/self/stat's utime and stime count this process's CPU time in
 * USER_HZ (100) ticks; cutime and cstime its reaped children's.
 */
static void
test_proc_stat__cpu_times(void)
{
	long t0[4], t1[4];
	pid_t pid;
	int st;

	tap_check(stat_times(getpid(), t0), "utime, stime, cutime, cstime");
	spin_ms(300);
	tap_check(stat_times(getpid(), t1) &&
	    (t1[0] + t1[1]) - (t0[0] + t0[1]) >= 25,
	    "0.3 s of CPU: utime + stime grew by about 30 ticks");
	pid = fork();
	if (pid == 0) {
		spin_ms(300);
		_exit(0);
	}
	tap_check(waitpid(pid, &st, 0) == pid, "a child spun 0.3 s");
	tap_check(stat_times(getpid(), t0) &&
	    (t0[2] + t0[3]) - (t1[2] + t1[3]) >= 25,
	    "cutime + cstime grew by the reaped child's time");
}

/* The program's path: argv[0] (Kyua and the kernel give it whole). */
static int
args(int argc, char **argv)
{
	(void)argc;
	strncpy(self_path, argv[0], sizeof(self_path) - 1);
	return (-1);
}

#define CASES(X) X(uname__linux_x86_64) X(syscall__unknown_enosys) \
	X(auxv__fields) X(sysinfo__sane) X(getrandom__flags) \
	X(arch_prctl__fs_base) X(prctl__name) X(proc_stat__groups) \
	X(proc_stat__stopped) X(proc_stat__cpu_times)
TAP_MAIN(CASES, NULL, args)
