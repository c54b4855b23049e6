/*
 * linux.h: the Linux x86-64 user ABI as the personality sees it: the
 * layouts of the structures system calls read and write, the flag
 * values they take, and one argument structure per system call.
 *
 * Values are Linux's (include/uapi/...); the handlers (linux_misc.c)
 * translate them to Umbra's before calling the kern_*() functions.
 */
#ifndef _COMPAT_LINUX_LINUX_H_
#define _COMPAT_LINUX_LINUX_H_

#include <sys/types.h>

/*
 * A system-call argument: one register, read as type (the low bytes on
 * little-endian x86-64, as the Linux C prototypes take them).
 */
#define LINUX_ARG(type, name)	union { register_t name##_reg; type name; }

/* struct stat (x86-64): 144 bytes. */
struct l_stat {
	uint64_t	st_dev;
	uint64_t	st_ino;
	uint64_t	st_nlink;
	uint32_t	st_mode;
	uint32_t	st_uid;
	uint32_t	st_gid;
	uint32_t	__pad0;
	uint64_t	st_rdev;
	int64_t		st_size;
	int64_t		st_blksize;
	int64_t		st_blocks;
	uint64_t	st_atime_sec;
	uint64_t	st_atime_nsec;
	uint64_t	st_mtime_sec;
	uint64_t	st_mtime_nsec;
	uint64_t	st_ctime_sec;
	uint64_t	st_ctime_nsec;
	int64_t		st_pad[3];
};

#define LINUX_UTSNAME_LEN	65
struct l_new_utsname {
	char	sysname[LINUX_UTSNAME_LEN];
	char	nodename[LINUX_UTSNAME_LEN];
	char	release[LINUX_UTSNAME_LEN];
	char	version[LINUX_UTSNAME_LEN];
	char	machine[LINUX_UTSNAME_LEN];
	char	domainname[LINUX_UTSNAME_LEN];
};

struct l_timespec {
	int64_t		tv_sec;
	int64_t		tv_nsec;
};

struct l_timeval {
	int64_t		tv_sec;
	int64_t		tv_usec;
};

struct l_iovec {
	uint64_t	iov_base;
	uint64_t	iov_len;
};

struct l_rlimit {
	uint64_t	rlim_cur;
	uint64_t	rlim_max;
};

/* struct sigaction as rt_sigaction takes it (kernel layout). */
struct l_sigaction {
	uint64_t	lsa_handler;
	uint64_t	lsa_flags;
	uint64_t	lsa_restorer;
	uint64_t	lsa_mask;
};

/* stack_t (sigaltstack, uc_stack): 24 bytes. */
struct l_stack {
	uint64_t	ss_sp;		/*  0 */
	int32_t		ss_flags;	/*  8 */
	int32_t		__pad;
	uint64_t	ss_size;	/* 16 */
};

/*
 * struct sigcontext (arch/x86/include/uapi/asm/sigcontext.h, 64-bit):
 * 256 bytes.  glibc's mcontext_t gregs[] index the same words
 * (REG_R8 = 0 ... REG_CR2 = 22).
 */
struct l_sigcontext {
	uint64_t	sc_r8;		/*   0 */
	uint64_t	sc_r9;
	uint64_t	sc_r10;
	uint64_t	sc_r11;
	uint64_t	sc_r12;
	uint64_t	sc_r13;
	uint64_t	sc_r14;
	uint64_t	sc_r15;
	uint64_t	sc_rdi;		/*  64 */
	uint64_t	sc_rsi;
	uint64_t	sc_rbp;
	uint64_t	sc_rbx;
	uint64_t	sc_rdx;
	uint64_t	sc_rax;
	uint64_t	sc_rcx;
	uint64_t	sc_rsp;
	uint64_t	sc_rip;		/* 128 */
	uint64_t	sc_rflags;	/* 136 */
	uint16_t	sc_cs;		/* 144 */
	uint16_t	sc_gs;
	uint16_t	sc_fs;
	uint16_t	sc_ss;
	uint64_t	sc_err;		/* 152 */
	uint64_t	sc_trapno;	/* 160 */
	uint64_t	sc_oldmask;	/* 168 */
	uint64_t	sc_cr2;		/* 176 */
	uint64_t	sc_fpstate;	/* 184: user address of the FXSAVE area */
	uint64_t	sc_reserved1[8]; /* 192 */
};

/* struct ucontext (uapi/asm-generic/ucontext.h): 304 bytes. */
struct l_ucontext {
	uint64_t	uc_flags;	/*   0: LINUX_UC_* */
	uint64_t	uc_link;	/*   8 */
	struct l_stack	uc_stack;	/*  16 */
	struct l_sigcontext uc_mcontext; /* 40 */
	uint64_t	uc_sigmask;	/* 296 */
};
#define LINUX_UC_FP_XSTATE		0x1
#define LINUX_UC_SIGCONTEXT_SS		0x2
#define LINUX_UC_STRICT_RESTORE_SS	0x4

/* siginfo_t: 128 bytes; the union starts at 16. */
struct l_siginfo {
	int32_t		lsi_signo;	/*  0 */
	int32_t		lsi_errno;	/*  4 */
	int32_t		lsi_code;	/*  8 */
	int32_t		__pad;
	union {
		struct {		/* kill, tkill, SIGCHLD */
			int32_t	pid;	/* 16 */
			uint32_t uid;	/* 20 */
			int32_t	status;	/* 24: SIGCHLD */
		} lsi_kill;
		uint64_t lsi_addr;	/* 16: faults */
		uint8_t	__pad1[112];
	};
};

/*
 * The x86-64 rt signal frame (arch/x86/include/asm/sigframe.h), at the
 * handler's rsp: the return address (sa_restorer), the context, the
 * siginfo; the 512-byte FXSAVE area lies above it, 64-byte aligned.
 */
struct l_rt_sigframe {
	uint64_t	sf_pretcode;	/*   0 */
	struct l_ucontext sf_uc;	/*   8 */
	struct l_siginfo sf_info;	/* 312 */
};					/* 440 */

/* mmap */
#define LINUX_PROT_READ		0x01
#define LINUX_PROT_WRITE	0x02
#define LINUX_PROT_EXEC		0x04
#define LINUX_PROT_GROWSDOWN	0x01000000
#define LINUX_PROT_GROWSUP	0x02000000
#define LINUX_MAP_SHARED	0x000001
#define LINUX_MAP_PRIVATE	0x000002
#define LINUX_MAP_SHARED_VALIDATE 0x000003
#define LINUX_MAP_TYPE		0x00000f
#define LINUX_MAP_FIXED		0x000010
#define LINUX_MAP_ANONYMOUS	0x000020
#define LINUX_MAP_32BIT		0x000040
#define LINUX_MAP_GROWSDOWN	0x000100
#define LINUX_MAP_DENYWRITE	0x000800
#define LINUX_MAP_EXECUTABLE	0x001000
#define LINUX_MAP_LOCKED	0x002000
#define LINUX_MAP_NORESERVE	0x004000
#define LINUX_MAP_POPULATE	0x008000
#define LINUX_MAP_NONBLOCK	0x010000
#define LINUX_MAP_STACK		0x020000
#define LINUX_MAP_HUGETLB	0x040000
#define LINUX_MAP_SYNC		0x080000
#define LINUX_MAP_FIXED_NOREPLACE 0x100000
#define LINUX_MAP_UNINITIALIZED	0x4000000
#define LINUX_MAP_HUGE_MASK	(0x3ful << 26)	/* the page size bits */

/* madvise advice (include/uapi/asm-generic/mman-common.h). */
#define LINUX_MADV_NORMAL	0
#define LINUX_MADV_RANDOM	1
#define LINUX_MADV_SEQUENTIAL	2
#define LINUX_MADV_WILLNEED	3
#define LINUX_MADV_DONTNEED	4
#define LINUX_MADV_FREE		8
#define LINUX_MADV_REMOVE	9
#define LINUX_MADV_DONTFORK	10
#define LINUX_MADV_DOFORK	11
#define LINUX_MADV_MERGEABLE	12
#define LINUX_MADV_UNMERGEABLE	13
#define LINUX_MADV_HUGEPAGE	14
#define LINUX_MADV_NOHUGEPAGE	15
#define LINUX_MADV_DONTDUMP	16
#define LINUX_MADV_DODUMP	17
#define LINUX_MADV_COLD		20
#define LINUX_MADV_PAGEOUT	21

#define LINUX_MLOCK_ONFAULT	0x01	/* mlock2 */

/* clock ids */
#define LINUX_CLOCK_REALTIME		0
#define LINUX_CLOCK_MONOTONIC		1
#define LINUX_CLOCK_PROCESS_CPUTIME_ID	2
#define LINUX_CLOCK_THREAD_CPUTIME_ID	3
#define LINUX_CLOCK_MONOTONIC_RAW	4
#define LINUX_CLOCK_REALTIME_COARSE	5
#define LINUX_CLOCK_MONOTONIC_COARSE	6
#define LINUX_CLOCK_BOOTTIME		7
#define LINUX_TIMER_ABSTIME		1	/* clock_nanosleep */

/* prctl */
#define LINUX_PR_SET_NAME	15
#define LINUX_PR_GET_NAME	16
#define LINUX_TASK_COMM_LEN	16

/* getrusage's who */
#define LINUX_RUSAGE_SELF	0
#define LINUX_RUSAGE_CHILDREN	(-1)
#define LINUX_RUSAGE_THREAD	1

/* struct rusage: 144 bytes. */
struct l_rusage {
	struct l_timeval ru_utime;
	struct l_timeval ru_stime;
	int64_t		ru_maxrss;	/* KiB */
	int64_t		ru_rest[13];	/* ixrss ... nivcsw */
};

/* struct tms: clock ticks. */
struct l_tms {
	int64_t		tms_utime;
	int64_t		tms_stime;
	int64_t		tms_cutime;
	int64_t		tms_cstime;
};

/* struct sysinfo (x86-64): 112 bytes. */
struct l_sysinfo {
	int64_t		uptime;		/*   0: seconds since boot */
	uint64_t	loads[3];	/*   8 */
	uint64_t	totalram;	/*  32: in mem_unit */
	uint64_t	freeram;
	uint64_t	sharedram;
	uint64_t	bufferram;
	uint64_t	totalswap;
	uint64_t	freeswap;
	uint16_t	procs;		/*  80 */
	uint16_t	pad;
	uint32_t	pad2;
	uint64_t	totalhigh;	/*  88 */
	uint64_t	freehigh;
	uint32_t	mem_unit;	/* 104 */
	char		_f[4];
};

/* wait4 options */
#define LINUX_WNOHANG		0x00000001
#define LINUX_WUNTRACED		0x00000002
#define LINUX_WSTOPPED		0x00000002
#define LINUX_WEXITED		0x00000004
#define LINUX_WCONTINUED	0x00000008
#define LINUX_WNOWAIT		0x01000000
#define LINUX___WNOTHREAD	0x20000000
#define LINUX___WALL		0x40000000
#define LINUX___WCLONE		0x80000000

/* clone flags (the low byte is the exit signal) */
#define LINUX_CSIGNAL			0x000000ff
#define LINUX_CLONE_VM			0x00000100
#define LINUX_CLONE_FS			0x00000200
#define LINUX_CLONE_FILES		0x00000400
#define LINUX_CLONE_SIGHAND		0x00000800
#define LINUX_CLONE_PIDFD		0x00001000
#define LINUX_CLONE_VFORK		0x00004000
#define LINUX_CLONE_THREAD		0x00010000
#define LINUX_CLONE_SYSVSEM		0x00040000
#define LINUX_CLONE_SETTLS		0x00080000
#define LINUX_CLONE_PARENT_SETTID	0x00100000
#define LINUX_CLONE_CHILD_CLEARTID	0x00200000
#define LINUX_CLONE_DETACHED		0x00400000
#define LINUX_CLONE_CHILD_SETTID	0x01000000

/* clone3's argument (include/uapi/linux/sched.h), version 0..2. */
struct l_clone_args {
	uint64_t	flags;
	uint64_t	pidfd;
	uint64_t	child_tid;
	uint64_t	parent_tid;
	uint64_t	exit_signal;
	uint64_t	stack;		/* lowest address */
	uint64_t	stack_size;
	uint64_t	tls;
	uint64_t	set_tid;	/* version 1 */
	uint64_t	set_tid_size;
	uint64_t	cgroup;		/* version 2 */
};
#define LINUX_CLONE_ARGS_SIZE_VER0	64

/* futex(2) operations (include/uapi/linux/futex.h) */
#define LINUX_FUTEX_WAIT		0
#define LINUX_FUTEX_WAKE		1
#define LINUX_FUTEX_REQUEUE		3
#define LINUX_FUTEX_CMP_REQUEUE		4
#define LINUX_FUTEX_LOCK_PI		6
#define LINUX_FUTEX_WAIT_BITSET		9
#define LINUX_FUTEX_WAKE_BITSET		10
#define LINUX_FUTEX_WAIT_REQUEUE_PI	11
#define LINUX_FUTEX_LOCK_PI2		13
#define LINUX_FUTEX_PRIVATE_FLAG	128
#define LINUX_FUTEX_CLOCK_REALTIME	256
#define LINUX_FUTEX_CMD_MASK		\
	(~(LINUX_FUTEX_PRIVATE_FLAG | LINUX_FUTEX_CLOCK_REALTIME))

/* set_robust_list: the size of struct robust_list_head */
#define LINUX_ROBUST_LIST_HEAD_SIZE	24

/* arch_prctl */
#define LINUX_ARCH_SET_GS	0x1001
#define LINUX_ARCH_SET_FS	0x1002
#define LINUX_ARCH_GET_FS	0x1003
#define LINUX_ARCH_GET_GS	0x1004

/* rt_sigprocmask */
#define LINUX_SIG_BLOCK		0
#define LINUX_SIG_UNBLOCK	1
#define LINUX_SIG_SETMASK	2

/*
 * open(2) flags (x86-64, include/uapi/asm-generic/fcntl.h).  O_SYNC is
 * __O_SYNC | O_DSYNC; O_TMPFILE is __O_TMPFILE | O_DIRECTORY.
 */
#define LINUX_O_WRONLY		000000001
#define LINUX_O_RDWR		000000002
#define LINUX_O_ACCMODE		000000003
#define LINUX_O_CREAT		000000100
#define LINUX_O_EXCL		000000200
#define LINUX_O_NOCTTY		000000400
#define LINUX_O_TRUNC		000001000
#define LINUX_O_APPEND		000002000
#define LINUX_O_NONBLOCK	000004000
#define LINUX_O_DSYNC		000010000
#define LINUX_FASYNC		000020000
#define LINUX_O_DIRECT		000040000
#define LINUX_O_LARGEFILE	000100000
#define LINUX_O_DIRECTORY	000200000
#define LINUX_O_NOFOLLOW	000400000
#define LINUX_O_NOATIME		001000000
#define LINUX_O_CLOEXEC		002000000
#define LINUX___O_SYNC		004000000
#define LINUX_O_PATH		010000000
#define LINUX___O_TMPFILE	020000000

/* fcntl(2) commands: Umbra's values are Linux's (F_DUPFD .. F_SETLKW). */
#define LINUX_F_DUPFD		0
#define LINUX_F_GETFD		1
#define LINUX_F_SETFD		2
#define LINUX_F_GETFL		3
#define LINUX_F_SETFL		4
#define LINUX_F_GETLK		5
#define LINUX_F_SETLK		6
#define LINUX_F_SETLKW		7
#define LINUX_F_DUPFD_CLOEXEC	1030
#define LINUX_FD_CLOEXEC	1

/* *at(2) flags (include/uapi/linux/fcntl.h). */
#define LINUX_AT_FDCWD		(-100)
#define LINUX_AT_SYMLINK_NOFOLLOW 0x0100
#define LINUX_AT_REMOVEDIR	0x0200	/* unlinkat */
#define LINUX_AT_EACCESS	0x0200	/* faccessat2: the same bit */
#define LINUX_AT_SYMLINK_FOLLOW	0x0400
#define LINUX_AT_NO_AUTOMOUNT	0x0800
#define LINUX_AT_EMPTY_PATH	0x1000
#define LINUX_AT_STATX_SYNC_TYPE 0x6000	/* FORCE_SYNC 0x2000, DONT_SYNC 0x4000 */

/* renameat2 */
#define LINUX_RENAME_NOREPLACE	0x1
#define LINUX_RENAME_EXCHANGE	0x2
#define LINUX_RENAME_WHITEOUT	0x4

/* struct statx_timestamp: 16 bytes. */
struct l_statx_timestamp {
	int64_t		tv_sec;
	uint32_t	tv_nsec;
	int32_t		__reserved;
};

/* struct statx (include/uapi/linux/stat.h): 256 bytes. */
struct l_statx {
	uint32_t	stx_mask;		/*   0: STATX_* filled */
	uint32_t	stx_blksize;		/*   4 */
	uint64_t	stx_attributes;		/*   8 */
	uint32_t	stx_nlink;		/*  16 */
	uint32_t	stx_uid;		/*  20 */
	uint32_t	stx_gid;		/*  24 */
	uint16_t	stx_mode;		/*  28 */
	uint16_t	__spare0;
	uint64_t	stx_ino;		/*  32 */
	uint64_t	stx_size;		/*  40 */
	uint64_t	stx_blocks;		/*  48 */
	uint64_t	stx_attributes_mask;	/*  56 */
	struct l_statx_timestamp stx_atime;	/*  64 */
	struct l_statx_timestamp stx_btime;	/*  80 */
	struct l_statx_timestamp stx_ctime;	/*  96 */
	struct l_statx_timestamp stx_mtime;	/* 112 */
	uint32_t	stx_rdev_major;		/* 128 */
	uint32_t	stx_rdev_minor;
	uint32_t	stx_dev_major;		/* 136 */
	uint32_t	stx_dev_minor;
	uint64_t	stx_mnt_id;		/* 144 */
	uint32_t	stx_dio_mem_align;	/* 152 */
	uint32_t	stx_dio_offset_align;
	uint64_t	__spare3[12];		/* 160 */
};
#define LINUX_STATX_BASIC_STATS	0x000007ff	/* type .. blocks */
#define LINUX_STATX__RESERVED	0x80000000u

/* struct statfs (x86-64, include/uapi/asm-generic/statfs.h): 120 bytes. */
struct l_statfs {
	int64_t		f_type;
	int64_t		f_bsize;
	uint64_t	f_blocks;
	uint64_t	f_bfree;
	uint64_t	f_bavail;
	uint64_t	f_files;
	uint64_t	f_ffree;
	int32_t		f_fsid[2];
	int64_t		f_namelen;
	int64_t		f_frsize;
	int64_t		f_flags;		/* ST_* */
	int64_t		f_spare[4];
};
#define LINUX_ST_RDONLY		0x0001
#define LINUX_ST_NOSUID		0x0002
#define LINUX_ST_NODEV		0x0004
#define LINUX_ST_NOEXEC		0x0008
#define LINUX_ST_VALID		0x0020

/* struct utimbuf (utime) */
struct l_utimbuf {
	int64_t		actime;
	int64_t		modtime;
};

/* mount(2) flags; the top 16 bits may hold the magic 0xc0ed. */
#define LINUX_MS_RDONLY		0x00000001
#define LINUX_MS_NOSUID		0x00000002
#define LINUX_MS_NODEV		0x00000004
#define LINUX_MS_NOEXEC		0x00000008
#define LINUX_MS_SYNCHRONOUS	0x00000010
#define LINUX_MS_REMOUNT	0x00000020
#define LINUX_MS_MANDLOCK	0x00000040
#define LINUX_MS_DIRSYNC	0x00000080
#define LINUX_MS_NOSYMFOLLOW	0x00000100
#define LINUX_MS_NOATIME	0x00000400
#define LINUX_MS_NODIRATIME	0x00000800
#define LINUX_MS_BIND		0x00001000
#define LINUX_MS_MOVE		0x00002000
#define LINUX_MS_REC		0x00004000
#define LINUX_MS_SILENT		0x00008000
#define LINUX_MS_RELATIME	0x00200000
#define LINUX_MS_STRICTATIME	0x01000000
#define LINUX_MS_LAZYTIME	0x02000000
/* fcntl(2) record locks: Linux's struct flock (x86-64) and types. */
#define LINUX_F_GETLK		5
#define LINUX_F_SETLK		6
#define LINUX_F_SETLKW		7
#define LINUX_F_RDLCK		0
#define LINUX_F_WRLCK		1
#define LINUX_F_UNLCK		2

struct l_flock {
	int16_t	l_type;
	int16_t	l_whence;
	int64_t	l_start;
	int64_t	l_len;
	int32_t	l_pid;
};

/* reboot(2): the magic numbers and the commands. */
#define LINUX_REBOOT_MAGIC1		0xfee1deadu
#define LINUX_REBOOT_MAGIC2		672274793u
#define LINUX_REBOOT_MAGIC2A		85072278u
#define LINUX_REBOOT_MAGIC2B		369367448u
#define LINUX_REBOOT_MAGIC2C		537993216u
#define LINUX_REBOOT_CMD_RESTART	0x01234567u
#define LINUX_REBOOT_CMD_HALT		0xcdef0123u
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdefu
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000u
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedcu
#define LINUX_REBOOT_CMD_RESTART2	0xa1b2c3d4u

#define LINUX_MS_MGC_MSK	0xffff0000u
#define LINUX_MS_MGC_VAL	0xc0ed0000u

/* umount2(2) flags */
#define LINUX_MNT_FORCE		0x1
#define LINUX_MNT_DETACH	0x2
#define LINUX_MNT_EXPIRE	0x4
#define LINUX_UMOUNT_NOFOLLOW	0x8

/* The auxiliary vector's entry types (include/uapi/linux/auxvec.h). */
#define LINUX_AT_NULL		0
#define LINUX_AT_PHDR		3
#define LINUX_AT_PHENT		4
#define LINUX_AT_PHNUM		5
#define LINUX_AT_PAGESZ		6
#define LINUX_AT_BASE		7
#define LINUX_AT_FLAGS		8
#define LINUX_AT_ENTRY		9
#define LINUX_AT_UID		11
#define LINUX_AT_EUID		12
#define LINUX_AT_GID		13
#define LINUX_AT_EGID		14
#define LINUX_AT_PLATFORM	15
#define LINUX_AT_HWCAP		16
#define LINUX_AT_CLKTCK		17
#define LINUX_AT_SECURE		23
#define LINUX_AT_RANDOM		25
#define LINUX_AT_HWCAP2		26
#define LINUX_AT_EXECFN		31

struct thread;

/* linux_errno.c */
int	linux_errno(int error);

/* linux_signal.c: the rt frame (the sysentvec's sv_sendsig). */
struct sigaction;
struct ksiginfo;
int	linux_sendsig(struct thread *td, const struct sigaction *act,
	    const struct ksiginfo *ksi, uint64_t mask);

#endif /* !_COMPAT_LINUX_LINUX_H_ */
