/*
 * syscall_fuzz_test: random system calls must not hurt the kernel.
 *
 * Each case forks children, one after another, that make random Linux
 * x86-64 system calls (the ones Umbra implements, sys/compat/linux/
 * linux_sysvec.c, and numbers it does not) with arguments biased to the
 * interesting: 0, -1, small and huge numbers, unmapped, kernel and
 * non-canonical addresses, pointers into a scratch buffer of random bytes
 * or of junk names, and the child's own file descriptors (files, pipes,
 * directories it opened in its scratch directory).  A child that dies
 * by a signal is counted; one stuck in a blocking call is killed after a
 * while; the next child continues.  After a case the kernel must still
 * fork and exec this program, read /proc/self/maps, and the scratch
 * directory must be removable.  What matters is that the kernel
 * survives: the calls' results are not checked.
 *
 * Excluded or tamed, because they would hurt the machine or the test
 * harness rather than the kernel: reboot, mount, umount2, chroot,
 * execve; signals only to the child itself (kill, tkill, tgkill) or its
 * own process group; process groups only its own; prlimit64 only on
 * itself; fork, vfork, clone and clone3 only with an immediate exit of
 * the new process (in assembly, so a shared stack is not touched) and a
 * cap; path names only relative junk (never "/", never ".."), so every
 * file call stays in the scratch directory; no device numbers that
 * exist.  Standard input and output are scratch files.
 *
 * The seed of a case is printed; FUZZ_SEED=N (the environment) or
 * umbra.fuzz.seed=N (the kernel's command line, /proc/cmdline) replays
 * it, "random" takes a new one each case.  FUZZ_VERBOSE=1 or
 * umbra.fuzz.verbose=1 prints each call before making it; FUZZ_EXT2=1
 * or umbra.fuzz.ext2=1 runs the files case in /var/tmp.
 *
 * Random system calls as root would risk a Linux host: the program runs
 * only on Umbra (uname's version names it) and skips elsewhere.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#ifdef TAP_ATF
/*
 * Under Kyua (glibc, dynamic, in the whole suite's run) a call costs far
 * more: about 60 s for the mixed case at the plain budget.
 */
#define NCHILD		10	/* children a case */
#define NCALLS		500	/* calls a child */
#else
#define NCHILD		30
#define NCALLS		1500
#endif
#define FORKCAP		8	/* fork-like calls a child */
#define STUCK_MS	300	/* no progress that long: kill the child */
#define SCRATCH_SZ	(64 * 1024)

/* Flags of a table entry. */
#define F_PATH0		0x01	/* argument 0 is a path name */
#define F_PATH1		0x02
#define F_PATH2		0x04
#define F_PATH3		0x08
#define F_FORK		0x10	/* creates a process: exits in the child */
#define F_SIGPID	0x20	/* pid arguments: self or 0 only */
#define F_FD0		0x40	/* argument 0 is usually a descriptor */
#define F_MKNOD		0x80	/* mode and dev to tame */
#define F_RARE		0x100	/* usually ends the child: drawn 1/8 as often */

struct fcall {
	int	nr;
	int	flags;
	const char *name;
};

static const struct fcall calls[] = {
	{ 0, F_FD0, "read" }, { 1, F_FD0, "write" }, { 2, F_PATH0, "open" },
	{ 3, F_FD0, "close" }, { 4, F_PATH0, "stat" }, { 5, F_FD0, "fstat" },
	{ 6, F_PATH0, "lstat" }, { 7, 0, "poll" }, { 8, F_FD0, "lseek" },
	{ 9, 0, "mmap" }, { 10, 0, "mprotect" }, { 11, 0, "munmap" },
	{ 12, 0, "brk" }, { 13, 0, "rt_sigaction" },
	{ 14, 0, "rt_sigprocmask" }, { 15, F_RARE, "rt_sigreturn" },
	{ 16, F_FD0, "ioctl" }, { 17, F_FD0, "pread64" },
	{ 18, F_FD0, "pwrite64" }, { 19, F_FD0, "readv" },
	{ 20, F_FD0, "writev" }, { 21, F_PATH0, "access" },
	{ 22, 0, "pipe" }, { 23, 0, "select" }, { 24, 0, "sched_yield" },
	{ 25, 0, "mremap" }, { 26, 0, "msync" }, { 27, 0, "mincore" },
	{ 28, 0, "madvise" }, { 32, F_FD0, "dup" }, { 33, F_FD0, "dup2" },
	{ 34, F_RARE, "pause" }, { 35, 0, "nanosleep" }, { 36, 0, "getitimer" },
	{ 37, 0, "alarm" }, { 38, 0, "setitimer" }, { 39, 0, "getpid" },
	{ 40, F_FD0, "sendfile" }, { 56, F_FORK, "clone" },
	{ 57, F_FORK, "fork" }, { 58, F_FORK, "vfork" },
	{ 60, F_RARE, "exit" }, { 61, 0, "wait4" }, { 62, F_SIGPID | F_RARE, "kill" },
	{ 63, 0, "uname" }, { 72, F_FD0, "fcntl" }, { 74, F_FD0, "fsync" },
	{ 75, F_FD0, "fdatasync" }, { 76, F_PATH0, "truncate" },
	{ 77, F_FD0, "ftruncate" }, { 79, 0, "getcwd" },
	{ 80, F_PATH0, "chdir" }, { 81, F_FD0, "fchdir" },
	{ 82, F_PATH0 | F_PATH1, "rename" }, { 83, F_PATH0, "mkdir" },
	{ 84, F_PATH0, "rmdir" }, { 85, F_PATH0, "creat" },
	{ 86, F_PATH0 | F_PATH1, "link" }, { 87, F_PATH0, "unlink" },
	{ 88, F_PATH0 | F_PATH1, "symlink" }, { 89, F_PATH0, "readlink" },
	{ 90, F_PATH0, "chmod" }, { 91, F_FD0, "fchmod" },
	{ 92, F_PATH0, "chown" }, { 93, F_FD0, "fchown" },
	{ 94, F_PATH0, "lchown" }, { 95, 0, "umask" },
	{ 96, 0, "gettimeofday" }, { 97, 0, "getrlimit" },
	{ 98, 0, "getrusage" }, { 99, 0, "sysinfo" }, { 100, 0, "times" },
	{ 102, 0, "getuid" }, { 104, 0, "getgid" }, { 105, 0, "setuid" },
	{ 106, 0, "setgid" }, { 107, 0, "geteuid" }, { 108, 0, "getegid" },
	{ 109, F_SIGPID, "setpgid" }, { 110, 0, "getppid" },
	{ 111, 0, "getpgrp" }, { 112, 0, "setsid" }, { 113, 0, "setreuid" },
	{ 114, 0, "setregid" }, { 115, 0, "getgroups" },
	{ 116, 0, "setgroups" }, { 117, 0, "setresuid" },
	{ 118, 0, "getresuid" }, { 119, 0, "setresgid" },
	{ 120, 0, "getresgid" }, { 121, 0, "getpgid" },
	{ 122, 0, "setfsuid" }, { 123, 0, "setfsgid" }, { 124, 0, "getsid" },
	{ 127, 0, "rt_sigpending" }, { 128, 0, "rt_sigtimedwait" },
	{ 130, F_RARE, "rt_sigsuspend" }, { 131, 0, "sigaltstack" },
	{ 132, F_PATH0, "utime" }, { 133, F_PATH0 | F_MKNOD, "mknod" },
	{ 137, F_PATH0, "statfs" }, { 138, F_FD0, "fstatfs" },
	{ 149, 0, "mlock" }, { 150, 0, "munlock" }, { 151, 0, "mlockall" },
	{ 152, 0, "munlockall" }, { 157, 0, "prctl" },
	{ 158, 0, "arch_prctl" }, { 160, 0, "setrlimit" },
	{ 162, 0, "sync" }, { 186, 0, "gettid" },
	{ 200, F_SIGPID | F_RARE, "tkill" }, { 201, 0, "time" }, { 202, 0, "futex" },
	{ 203, 0, "sched_setaffinity" }, { 204, 0, "sched_getaffinity" },
	{ 217, F_FD0, "getdents64" }, { 218, 0, "set_tid_address" },
	{ 228, 0, "clock_gettime" }, { 229, 0, "clock_getres" },
	{ 230, 0, "clock_nanosleep" }, { 231, F_RARE, "exit_group" },
	{ 234, F_SIGPID | F_RARE, "tgkill" }, { 235, F_PATH0, "utimes" },
	{ 247, 0, "waitid" }, { 257, F_FD0 | F_PATH1, "openat" },
	{ 258, F_FD0 | F_PATH1, "mkdirat" },
	{ 259, F_FD0 | F_PATH1 | F_MKNOD, "mknodat" },
	{ 260, F_FD0 | F_PATH1, "fchownat" },
	{ 262, F_FD0 | F_PATH1, "newfstatat" },
	{ 263, F_FD0 | F_PATH1, "unlinkat" },
	{ 264, F_FD0 | F_PATH1 | F_PATH3, "renameat" },
	{ 265, F_FD0 | F_PATH1 | F_PATH3, "linkat" },
	{ 266, F_PATH0 | F_PATH2, "symlinkat" },
	{ 267, F_FD0 | F_PATH1, "readlinkat" },
	{ 268, F_FD0 | F_PATH1, "fchmodat" },
	{ 269, F_FD0 | F_PATH1, "faccessat" }, { 270, 0, "pselect6" },
	{ 271, 0, "ppoll" }, { 273, 0, "set_robust_list" },
	{ 274, 0, "get_robust_list" }, { 280, F_FD0 | F_PATH1, "utimensat" },
	{ 292, F_FD0, "dup3" }, { 293, 0, "pipe2" },
	{ 295, F_FD0, "preadv" }, { 296, F_FD0, "pwritev" },
	{ 302, F_SIGPID, "prlimit64" }, { 306, F_FD0, "syncfs" },
	{ 309, 0, "getcpu" }, { 316, F_FD0 | F_PATH1 | F_PATH3, "renameat2" },
	{ 318, 0, "getrandom" }, { 325, 0, "mlock2" },
	{ 332, F_FD0 | F_PATH1, "statx" }, { 334, 0, "rseq" },
	{ 435, F_FORK, "clone3" }, { 439, F_FD0 | F_PATH1, "faccessat2" },
};
#define NCALLTAB	(sizeof(calls) / sizeof(calls[0]))

/*
 * Linux numbers never made, implemented or not: what would reach other
 * processes or the machine if Umbra implemented it one day (ptrace,
 * signals to others, execve, mount, reboot, kexec, modules, swap, clock
 * and host name setting, I/O ports, priorities of others).
 */
static const int never[] = {
	59, 101, 129, 141, 144, 155, 159, 161, 163, 164, 165, 166, 167, 168,
	169, 170, 171, 172, 173, 175, 176, 227, 246, 297, 304, 310, 311, 312,
	313, 320, 322, 424, 434, 438, 448,
};

static const uint64_t bad_ptrs[] = {
	0, 8, 0x1000, 0xfff, 0xffff800000000000ul, 0xffffffff80000000ul,
	0x0000800000000000ul, 0x00007ffffffff000ul, 0x00007fffffffffffful >> 4,
	0xfffffffffffffff0ul, 0x8000000000000000ul, 0x00007ffffffffff8ul,
};

static const uint64_t huge_vals[] = {
	0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ul,
	0x7fffffffffffffffl, 0x8000000000000000ul, 0xfffffffffffff000ul,
	0x7ffffffff000ul, 1ul << 40, 1ul << 31, 0xffff, 0x10000, 4096 * 1024,
};

/* What the parent sees of the running child (a shared page). */
#define NRING	24
struct fuzz_call {
	long		nr;		/* a call, its arguments, its result */
	uint64_t	args[6];
	long		ret;
};
struct fuzz_shared {
	volatile long	progress;	/* calls made */
	volatile int	setup_errno;	/* the child could not set up */
	volatile long	nr;		/* the last call and its arguments */
	volatile uint64_t args[6];
	struct fuzz_call ring[NRING];	/* the last calls */
};

static struct fuzz_shared *shared;
static uint64_t rng;
static char *scratch;		/* SCRATCH_SZ bytes, guard pages around */
static int fds[16], nfds;
static pid_t self;
static int verbose, logfd = -1;
static int files_only;		/* the files case: file calls only */

static uint64_t
rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 0x2545f4914f6cdd1dul);
}

static uint64_t
rndn(uint64_t n)
{
	return (n == 0 ? 0 : rnd() % n);
}

/* A junk name at p (relative: no leading '/', never ".."). */
static char *
junk_name(char *p)
{
	static const char cs[] = "abcxyz0129._-";
	int i, len;

	switch (rndn(16)) {
	case 0:
		strcpy(p, "");
		return (p);
	case 1:
		strcpy(p, ".");
		return (p);
	case 2:		/* too long for a component */
		memset(p, 'n', 300);
		p[300] = '\0';
		return (p);
	case 3:		/* too long for a path */
		for (i = 0; i < 5000; i++)
			p[i] = (i % 50 == 49) ? '/' : 'p';
		p[5000] = '\0';
		return (p);
	case 4:		/* one of the child's own files */
		strcpy(p, rndn(2) ? "f0" : "d/f1");
		return (p);
	}
	len = 1 + rndn(12);
	for (i = 0; i < len; i++) {
		p[i] = cs[rndn(sizeof(cs) - 1)];
		if (i > 0 && p[i - 1] != '/' && rndn(8) == 0)
			p[i] = '/';
		if (i > 0 && p[i] == '.' && p[i - 1] == '.')
			p[i] = 'q';
	}
	p[len] = '\0';
	return (p);
}

static uint64_t
arg_path(void)
{
	switch (rndn(8)) {
	case 0:
		return (bad_ptrs[rndn(sizeof(bad_ptrs) / sizeof(bad_ptrs[0]))]);
	case 1:		/* a name that runs into the guard page */
		memset(scratch + SCRATCH_SZ - 16, 'e', 16);
		return ((uint64_t)(scratch + SCRATCH_SZ - 16));
	default:
		return ((uint64_t)junk_name(scratch + 4096 * (1 + rndn(4)) +
		    rndn(64)));
	}
}

static uint64_t
arg_any(void)
{
	switch (rndn(14)) {
	case 0:
		return (0);
	case 1:
		return (-1ul);
	case 2:
		return (rndn(16));
	case 3:
		return (-rndn(200));
	case 4:
		return (huge_vals[rndn(sizeof(huge_vals) / sizeof(huge_vals[0]))]);
	case 5:
		return (bad_ptrs[rndn(sizeof(bad_ptrs) / sizeof(bad_ptrs[0]))]);
	case 6:
	case 7:		/* into the scratch buffer (random bytes or names) */
		return ((uint64_t)(scratch + rndn(SCRATCH_SZ)));
	case 8:		/* near its end: runs into the guard page */
		return ((uint64_t)(scratch + SCRATCH_SZ - rndn(64)));
	case 9:
		return ((uint64_t)(scratch + 4096 * rndn(SCRATCH_SZ / 4096)));
	case 10:
	case 11:
		return (nfds > 0 ? (uint64_t)fds[rndn(nfds)] : 3);
	case 12:
		return (rnd() & 0xffffffff);
	default:
		return (rnd());
	}
}

/*
 * A system call whose new process (fork, vfork, clone, clone3) exits at
 * once, without touching memory: its stack may be the caller's.
 */
static long
raw_forklike(long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
    uint64_t a4)
{
	register uint64_t r10 __asm__("r10") = a3;
	register uint64_t r8 __asm__("r8") = a4;
	long ret;

	__asm__ volatile(
	    "syscall\n\t"
	    "test %%rax, %%rax\n\t"
	    "jnz 1f\n\t"
	    "mov $60, %%eax\n\t"
	    "xor %%edi, %%edi\n\t"
	    "syscall\n\t"
	    "ud2\n"
	    "1:"
	    : "=a" (ret)
	    : "a" (nr), "D" (a0), "S" (a1), "d" (a2), "r" (r10), "r" (r8)
	    : "rcx", "r11", "memory");
	return (ret);
}

#define L_CLONE_VM		0x00000100ul
#define L_CLONE_PARENT		0x00008000ul

static void
on_alarm(int sig)
{
	(void)sig;
}

static void arm_alarm(void);

/* One random call (or none, when the draw is excluded). */
static void
fuzz_one(int *nforks)
{
	const struct fcall *c = NULL;
	struct fuzz_call *rc;
	uint64_t a[6];
	long nr, ret;
	int i, j;

	if (!files_only && rndn(10) == 0) {
		/* A number Umbra does not implement (or no number at all). */
		switch (rndn(4)) {
		case 0:
			nr = rnd();
			break;
		case 1:
			nr = 0x40000000 + rndn(600);	/* x32 */
			break;
		default:
			nr = rndn(520);
		}
		for (i = 0; i < (int)NCALLTAB; i++)
			if (calls[i].nr == nr)
				return;
		for (i = 0; i < (int)(sizeof(never) / sizeof(never[0])); i++)
			if (never[i] == nr || never[i] + 0x40000000 == nr)
				return;
	} else {
		do
			c = &calls[rndn(NCALLTAB)];
		while (((c->flags & F_RARE) && rndn(8) != 0) ||
		    (files_only && (c->flags & (F_PATH0 | F_PATH1 | F_PATH2 |
		    F_PATH3 | F_FD0)) == 0 && c->nr != 9 && c->nr != 26 &&
		    c->nr != 162));
		nr = c->nr;
	}
	for (i = 0; i < 6; i++)
		a[i] = arg_any();
	if (c != NULL) {
		for (j = 0; j < 4; j++)
			if (c->flags & (F_PATH0 << j))
				a[j] = arg_path();
		if ((c->flags & F_FD0) && rndn(4) != 0)
			a[0] = rndn(8) == 0 ? (uint64_t)-100 /* AT_FDCWD */ :
			    (uint64_t)(nfds > 0 ? fds[rndn(nfds)] : 0);
		if (c->flags & F_MKNOD) {
			/* No device that exists: fifos, files, sockets. */
			int mi = nr == 133 ? 1 : 2;
			static const uint64_t types[] = { 0, S_IFREG, S_IFIFO,
			    S_IFSOCK, S_IFCHR, S_IFBLK, S_IFDIR, 0170000 };

			a[mi] = types[rndn(8)] | (a[mi] & 07777);
			a[mi + 1] = 0xfff00000 | rndn(256);
		}
		switch (nr) {
		case 62:	/* kill(pid, sig): self or own group */
			a[0] = rndn(2) ? (uint64_t)self : 0;
			break;
		case 200:	/* tkill(tid, sig) */
			a[0] = self;
			break;
		case 234:	/* tgkill(tgid, tid, sig) */
			a[0] = rndn(8) ? (uint64_t)self : a[0];
			a[1] = self;
			if (a[0] != (uint64_t)self)
				a[1] = -1;	/* bad tgid and tid: ESRCH */
			break;
		case 109:	/* setpgid(pid, pgid): never another group */
			if (a[0] != 0 && a[0] != (uint64_t)self && rndn(2))
				a[0] = self;
			if (a[1] != 0 && a[1] != (uint64_t)self)
				a[1] = rndn(2) ? (uint64_t)-1 : 0;
			break;
		case 302:	/* prlimit64(pid, ...): itself */
			a[0] = rndn(2) ? (uint64_t)self : 0;
			break;
		case 72:	/* fcntl F_SETOWN / F_SETOWN_EX: itself */
			if (rndn(4) == 0)
				a[1] = rndn(2) ? 8 : 15;
			if (a[1] == 8)
				a[2] = rndn(2) ? (uint64_t)self : 0;
			if (a[1] == 15)
				a[2] = (uint64_t)(scratch + SCRATCH_SZ - 8);
			if (a[1] == 15)		/* { F_OWNER_PID, self } */
				memcpy(scratch + SCRATCH_SZ - 8,
				    (int[]){ 1, self }, 8);
			break;
		case 16:	/* FIOSETOWN, SIOCSPGRP: itself */
			if (a[1] == 0x8901 || a[1] == 0x8902) {
				*(int *)(scratch + 128) = self;
				a[2] = (uint64_t)(scratch + 128);
			}
			break;
		case 56:	/* clone(flags, stack, ptid, ctid, tls) */
			if (a[0] & L_CLONE_PARENT)
				a[0] = (a[0] & ~0xfful) | SIGCHLD;
			if (rndn(2))
				a[0] &= ~0xfful;
			if (rndn(2))
				a[0] = (a[0] & ~0xfful) | SIGCHLD;
			break;
		case 435:	/* clone3(args, size) */
			if (rndn(4) != 0) {
				uint64_t *ca = (uint64_t *)(scratch + 256);

				for (i = 0; i < 11; i++)
					ca[i] = rndn(2) ? 0 : arg_any();
				ca[0] &= ~0xfful;
				if (rndn(2))
					ca[0] &= ~L_CLONE_VM;
				if (ca[0] & L_CLONE_PARENT ||
				    ca[4] > 64 || rndn(2))
					ca[4] = SIGCHLD;
				a[0] = (uint64_t)ca;
				a[1] = rndn(2) ? 88 : 64;
			} else if (a[0] >= (uint64_t)scratch &&
			    a[0] < (uint64_t)scratch + SCRATCH_SZ) {
				/* Random bytes: CLONE_PARENT gets SIGCHLD. */
				uint64_t *ca = (uint64_t *)a[0];

				if (a[0] + 40 <= (uint64_t)scratch +
				    SCRATCH_SZ && (ca[0] & L_CLONE_PARENT))
					ca[4] = SIGCHLD;
			}
			break;
		}
		if (c->flags & F_FORK) {
			if (++*nforks > FORKCAP)
				return;
		}
	}
	shared->nr = nr;
	for (i = 0; i < 6; i++)
		shared->args[i] = a[i];
	if (verbose && logfd >= 0) {
		char line[200];
		int n;

		n = snprintf(line, sizeof(line),
		    "# fuzz %d: %s(%ld) %#lx %#lx %#lx %#lx %#lx %#lx\n",
		    (int)self, c != NULL ? c->name : "?", nr,
		    (unsigned long)a[0], (unsigned long)a[1],
		    (unsigned long)a[2], (unsigned long)a[3],
		    (unsigned long)a[4], (unsigned long)a[5]);
		(void)!write(logfd, line, n);
	}
	rc = &shared->ring[shared->progress % NRING];
	rc->nr = nr;
	memcpy(rc->args, a, sizeof(a));
	rc->ret = -999;
	if (c != NULL && (c->flags & F_FORK))
		ret = raw_forklike(nr, a[0], a[1], a[2], a[3], a[4]);
	else {
		ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (ret == -1)
			ret = -errno;
	}
	rc->ret = ret;
	shared->progress++;
	/* The timer that ends blocking calls: again, if this changed it. */
	if (nr == 13 || nr == 14 || nr == 15 || nr == 37 || nr == 38)
		arm_alarm();
}


/* SIGALRM every 20 ms, caught: a blocking call ends (EINTR). */
static void
arm_alarm(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	(void)sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	(void)sigprocmask(SIG_UNBLOCK, &set, NULL);
	(void)setitimer(ITIMER_REAL, &it, NULL);
}

/* The child: its scratch directory, descriptors, then the calls. */
static void
fuzz_child(const char *dir, uint64_t seed, int ncalls)
{
	int i, fd, p[2], nforks = 0;

	rng = seed * 0x9e3779b97f4a7c15ul + 1;
	self = getpid();
	(void)setpgid(0, 0);
	if (verbose)
		logfd = dup2(1, 1000);
	for (fd = 3; fd < 256; fd++)
		if (fd != logfd)
			(void)close(fd);
	if (mkdir(dir, 0755) != 0 || chdir(dir) != 0) {
		shared->setup_errno = errno;
		_exit(90);
	}
	/* Standard input and output: scratch files, never a terminal. */
	fd = open("io", O_RDWR | O_CREAT | O_TRUNC, 0644);
	for (i = 0; i < 3; i++)
		(void)dup2(fd, i);
	if (fd > 2)
		(void)close(fd);
	(void)mkdir("d", 0755);
	nfds = 0;
	fds[nfds++] = open("f0", O_RDWR | O_CREAT, 0644);
	fds[nfds++] = open("d/f1", O_RDWR | O_CREAT | O_APPEND, 0600);
	fds[nfds++] = open(".", O_RDONLY | O_DIRECTORY);
	fds[nfds++] = open("d", O_RDONLY | O_DIRECTORY);
	if (pipe(p) == 0) {
		fds[nfds++] = p[0];
		fds[nfds++] = p[1];
	}
	fds[nfds++] = 0;
	fds[nfds++] = 1;
	fds[nfds++] = 2;
	(void)!write(fds[0], "some data\n", 10);
	for (i = 0; i < SCRATCH_SZ; i++)
		scratch[i] = (char)rnd();
	for (i = 0; i < 16; i++)
		(void)junk_name(scratch + rndn(SCRATCH_SZ - 6000));
	/*
	 * A timer interrupts blocking calls (until the calls change
	 * SIGALRM); the parent kills a child stuck anyway.
	 */
	arm_alarm();
	for (i = 0; i < ncalls; i++)
		fuzz_one(&nforks);
	_exit(0);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* The last calls of child pid (why: "stuck"). */
static void
print_ring(pid_t pid, const char *why)
{
	struct fuzz_call *rc;
	long i, n = shared->progress;

	printf("# child %d %s after %ld calls; its last calls:\n", (int)pid,
	    why, n);
	for (i = n - NRING + 1 > 0 ? n - NRING + 1 : 0; i <= n; i++) {
		rc = &shared->ring[i % NRING];
		printf("#   %ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %ld\n",
		    rc->nr, (unsigned long)rc->args[0],
		    (unsigned long)rc->args[1], (unsigned long)rc->args[2],
		    (unsigned long)rc->args[3], (unsigned long)rc->args[4],
		    (unsigned long)rc->args[5], rc->ret);
	}
}

/* Remove a tree, whatever the children left in it (modes included). */
static int
rmtree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	char sub[4096];
	int error = 0;

	if (lstat(path, &st) != 0)
		return (errno == ENOENT ? 0 : -1);
	if (!S_ISDIR(st.st_mode))
		return (unlink(path));
	(void)chmod(path, 0700);
	if ((d = opendir(path)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name) >=
		    (int)sizeof(sub)) {
			error = -1;
			continue;
		}
		if (rmtree(sub) != 0)
			error = -1;
	}
	closedir(d);
	if (rmdir(path) != 0)
		error = -1;
	return (error);
}

static char self_path[4096];

/* The seed of a case: FUZZ_SEED, umbra.fuzz.seed=, or the default. */
static uint64_t
case_seed(uint64_t dflt)
{
	static char cmdline[4096];
	const char *s = getenv("FUZZ_SEED");
	char *p;
	int fd;
	ssize_t n;

	if (s == NULL && (fd = open("/proc/cmdline", O_RDONLY)) >= 0) {
		n = read(fd, cmdline, sizeof(cmdline) - 1);
		close(fd);
		cmdline[n > 0 ? n : 0] = '\0';
		if ((p = strstr(cmdline, "umbra.fuzz.seed=")) != NULL)
			s = p + strlen("umbra.fuzz.seed=");
		if (strstr(cmdline, "umbra.fuzz.verbose=1") != NULL)
			verbose = 1;
	}
	if (getenv("FUZZ_VERBOSE") != NULL)
		verbose = atoi(getenv("FUZZ_VERBOSE"));
	if (s == NULL)
		return (dflt);
	if (strncmp(s, "random", 6) == 0) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		return ((uint64_t)ts.tv_sec * 1000003 + ts.tv_nsec / 1000 +
		    getpid());
	}
	return (strtoull(s, NULL, 0) + dflt);
}

/* Whether the files case may use /var/tmp (see fuzz_case). */
static int
ext2_wanted(void)
{
	char cmdline[4096];
	ssize_t n;
	int fd;

	if (getenv("FUZZ_EXT2") != NULL)
		return (atoi(getenv("FUZZ_EXT2")) != 0);
	if ((fd = open("/proc/cmdline", O_RDONLY)) < 0)
		return (0);
	n = read(fd, cmdline, sizeof(cmdline) - 1);
	close(fd);
	cmdline[n > 0 ? n : 0] = '\0';
	return (strstr(cmdline, "umbra.fuzz.ext2=1") != NULL);
}

static int
on_umbra(void)
{
	struct utsname u;

	return (uname(&u) == 0 && strstr(u.version, "Umbra") != NULL);
}

/* Is the kernel still well: fork and exec, /proc/self/maps. */
static void
check_health(void)
{
	char buf[512];
	pid_t pid;
	int fd, status;
	ssize_t n;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(self_path, self_path, "--health", (char *)NULL);
		_exit(99);
	}
	TAP_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 42);
	fd = open("/proc/self/maps", O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
	TAP_CHECK(n > 0);
	if (fd >= 0)
		close(fd);
}

/* One case: nchild children of ncalls calls, from seed. */
static void
fuzz_case(const char *what, uint64_t dflt_seed, int nchild, int ncalls,
    int files)
{
	struct stat st;
	char top[4096], dir[64];
	const char *tmp;
	uint64_t seed;
	long t0, last_ms, last_prog;
	long total = 0;
	int k, status, signaled = 0, exited = 0, stuck = 0;
	pid_t pid, w;

	if (!on_umbra()) {
#ifdef TAP_ATF
		atf_tc_skip("random system calls would risk the host; "
		    "run in Umbra");
#else
		printf("ok %d - %s # SKIP random system calls would risk "
		    "the host; run in Umbra\n", ++tap_n, what);
		return;
#endif
	}
	seed = case_seed(dflt_seed);
	printf("# %s: seed %#lx (FUZZ_SEED=%lu or umbra.fuzz.seed=%lu)\n",
	    what, (unsigned long)seed, (unsigned long)(seed - dflt_seed),
	    (unsigned long)(seed - dflt_seed));
	fflush(stdout);
#ifdef TAP_ATF
	tmp = ".";
#else
	tmp = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
#endif
	/*
	 * The file calls on the root's ext2 (e2fsck checks it after) only
	 * when asked: FUZZ_EXT2=1 or umbra.fuzz.ext2=1.  XXX: with the
	 * default seed the files case on /var/tmp hangs the guest (the
	 * parent's SIGKILL of a child stuck in getdents64 never completes;
	 * the file cache had grown to most of memory in an earlier run):
	 * not found yet, see the fuzz branch's report.
	 */
	if (files && ext2_wanted() && stat("/var/tmp", &st) == 0 &&
	    S_ISDIR(st.st_mode))
		tmp = "/var/tmp";
	files_only = files;
	snprintf(top, sizeof(top), "%s/fuzz.%d", tmp, (int)getpid());
	TAP_CHECK(mkdir(top, 0755) == 0);
	t0 = now_ms();
	/*
	 * Children until nchild * ncalls calls were made (a child may end
	 * early: exit, a signal), at most 5 * nchild of them.
	 */
	for (k = 0; k < 5 * nchild && total < (long)nchild * ncalls; k++) {
		snprintf(dir, sizeof(dir), "%s/c%d", top, k);
		memset(shared, 0, sizeof(*shared));
		shared->nr = -1;
		fflush(stdout);
		pid = fork();
		if (pid == -1) {
			TAP_CHECK(pid != -1);
			break;
		}
		if (pid == 0)
			fuzz_child(dir, seed * 1000003 + k, ncalls);
		last_ms = now_ms();
		last_prog = 0;
		for (;;) {
			w = waitpid(pid, &status, WNOHANG);
			if (w == pid)
				break;
			if (w == -1 && errno != EINTR) {
				TAP_CHECK(w != -1);
				break;
			}
			if (shared->progress != last_prog) {
				last_prog = shared->progress;
				last_ms = now_ms();
			} else if (now_ms() - last_ms > STUCK_MS) {
				(void)kill(pid, SIGKILL);
				stuck++;
				if (verbose || stuck <= 3)
					print_ring(pid, "stuck");
				(void)waitpid(pid, &status, 0);
				status = -1;
				break;
			}
			usleep(2000);
		}
		/* Its process group, and children given to us (CLONE_PARENT). */
		(void)kill(-pid, SIGKILL);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		total += shared->progress;
		if (status == -1)
			;
		else if (WIFSIGNALED(status))
			signaled++;
		else if (WIFEXITED(status))
			exited++;
		if (shared->setup_errno != 0) {
			printf("# child %d: its scratch directory: %s\n",
			    (int)pid, strerror(shared->setup_errno));
			TAP_CHECK(!"the child made its scratch directory");
		}
	}
	printf("# %s: %ld calls, %d children (%d exited, %d died by a signal, "
	    "%d stuck and killed) in %ld ms\n", what, total, k, exited,
	    signaled, stuck, now_ms() - t0);
	check_health();
	TAP_CHECK(rmtree(top) == 0);
	tap_check(1, what);
}

static void
setup(void)
{
	ssize_t n;

	if (shared == NULL) {
		shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		/* The scratch buffer, between two inaccessible pages. */
		scratch = mmap(NULL, SCRATCH_SZ + 8192, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (shared == MAP_FAILED || scratch == MAP_FAILED) {
			perror("mmap");
			exit(1);
		}
		scratch += 4096;
		if (mprotect(scratch, SCRATCH_SZ, PROT_READ | PROT_WRITE) != 0) {
			perror("mprotect");
			exit(1);
		}
	}
	n = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
	if (n > 0)
		self_path[n] = '\0';
	signal(SIGPIPE, SIG_IGN);
}

static int
args(int argc, char **argv)
{
	if (argv[0] != NULL && argv[0][0] == '/')
		snprintf(self_path, sizeof(self_path), "%s", argv[0]);
	if (argc > 1 && strcmp(argv[1], "--health") == 0)
		return (42);
	return (-1);
}

/* Every call, uniformly. */
static void
test_mixed(void)
{
	fuzz_case("mixed", 0x5eed0001, NCHILD, NCALLS, 0);
}

/* Many short children: more setups, exits and deaths. */
static void
test_short_lived(void)
{
	fuzz_case("short_lived", 0x5eed0002, NCHILD * 3, NCALLS / 10, 0);
}

/* File and path calls only (in /var/tmp, the root's ext2, if asked). */
static void
test_files(void)
{
	fuzz_case("files", 0x5eed0003, NCHILD, NCALLS, 1);
}

#define CASES(X) X(mixed) X(short_lived) X(files)
TAP_MAIN(CASES, setup, args)
