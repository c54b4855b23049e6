/*
 * linux_sysvec.c: the Linux x86-64 personality: its system-call table,
 * how its system calls pass arguments and results, the auxiliary vector
 * of its programs, and the ELF brand that selects it.
 *
 * Linux's x86-64 convention: the number in rax, arguments in rdi, rsi,
 * rdx, r10, r8, r9 (r10, not rcx, which SYSCALL overwrites); the result in
 * rax, an error as -errno (-4095..-1); every other register preserved.
 * Numbers are those of Linux's arch/x86/entry/syscalls/syscall_64.tbl.
 * A number without an entry returns -ENOSYS and is logged once.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/imgact.h>
#include <sys/imgact_elf.h>
#include <sys/kernel.h>
#include <sys/proc.h>
#include <sys/sysent.h>
#include <sys/time.h>
#include <sys/ucred.h>

#include <machine/frame.h>
#include <machine/md_var.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

#define LINUX_SYS_MAXSYSCALL	440	/* faccessat2 (439) + 1 */

#define E(n, fn, nargs)	[n] = { (sy_call_t *)(fn), (nargs), #fn }

static const struct sysent linux_sysent[LINUX_SYS_MAXSYSCALL] = {
	E(0, linux_read, 3),
	E(1, linux_write, 3),
	E(2, linux_open, 3),
	E(3, linux_close, 1),
	E(4, linux_newstat, 2),
	E(5, linux_newfstat, 2),
	E(6, linux_newlstat, 2),
	E(7, linux_poll, 3),
	E(8, linux_lseek, 3),
	E(9, linux_mmap, 6),
	E(10, linux_mprotect, 3),
	E(11, linux_munmap, 2),
	E(12, linux_brk, 1),
	E(13, linux_rt_sigaction, 4),
	E(14, linux_rt_sigprocmask, 4),
	E(15, linux_rt_sigreturn, 0),
	E(16, linux_ioctl, 3),
	E(17, linux_pread64, 4),
	E(18, linux_pwrite64, 4),
	E(19, linux_readv, 3),
	E(20, linux_writev, 3),
	E(21, linux_access, 2),
	E(22, linux_pipe, 1),
	E(23, linux_select, 5),
	E(24, linux_sched_yield, 0),
	E(25, linux_mremap, 5),
	E(26, linux_msync, 3),
	E(27, linux_mincore, 3),
	E(28, linux_madvise, 3),
	E(32, linux_dup, 1),
	E(33, linux_dup2, 2),
	E(34, linux_pause, 0),
	E(35, linux_nanosleep, 2),
	E(36, linux_getitimer, 2),
	E(37, linux_alarm, 1),
	E(38, linux_setitimer, 3),
	E(39, linux_getpid, 0),
	E(40, linux_sendfile, 4),
	E(56, linux_clone, 5),
	E(57, linux_fork, 0),
	E(58, linux_vfork, 0),
	E(59, linux_execve, 3),
	E(60, linux_exit, 1),
	E(61, linux_wait4, 4),
	E(62, linux_kill, 2),
	E(63, linux_newuname, 1),
	E(72, linux_fcntl, 3),
	E(74, linux_fsync, 1),
	E(75, linux_fdatasync, 1),
	E(76, linux_truncate, 2),
	E(77, linux_ftruncate, 2),
	E(79, linux_getcwd, 2),
	E(80, linux_chdir, 1),
	E(81, linux_fchdir, 1),
	E(82, linux_rename, 2),
	E(83, linux_mkdir, 2),
	E(84, linux_rmdir, 1),
	E(85, linux_creat, 2),
	E(86, linux_link, 2),
	E(87, linux_unlink, 1),
	E(88, linux_symlink, 2),
	E(89, linux_readlink, 3),
	E(90, linux_chmod, 2),
	E(91, linux_fchmod, 2),
	E(92, linux_chown, 3),
	E(93, linux_fchown, 3),
	E(94, linux_lchown, 3),
	E(95, linux_umask, 1),
	E(96, linux_gettimeofday, 2),
	E(97, linux_getrlimit, 2),
	E(98, linux_getrusage, 2),
	E(99, linux_sysinfo, 1),
	E(100, linux_times, 1),
	E(102, linux_getuid, 0),
	E(104, linux_getgid, 0),
	E(105, linux_setuid, 1),
	E(106, linux_setgid, 1),
	E(107, linux_geteuid, 0),
	E(108, linux_getegid, 0),
	E(109, linux_setpgid, 2),
	E(110, linux_getppid, 0),
	E(111, linux_getpgrp, 0),
	E(112, linux_setsid, 0),
	E(113, linux_setreuid, 2),
	E(114, linux_setregid, 2),
	E(115, linux_getgroups, 2),
	E(116, linux_setgroups, 2),
	E(117, linux_setresuid, 3),
	E(118, linux_getresuid, 3),
	E(119, linux_setresgid, 3),
	E(120, linux_getresgid, 3),
	E(121, linux_getpgid, 1),
	E(122, linux_setfsuid, 1),
	E(123, linux_setfsgid, 1),
	E(124, linux_getsid, 1),
	E(127, linux_rt_sigpending, 2),
	E(128, linux_rt_sigtimedwait, 4),
	E(130, linux_rt_sigsuspend, 2),
	E(131, linux_sigaltstack, 2),
	E(132, linux_utime, 2),
	E(133, linux_mknod, 3),
	E(137, linux_statfs, 2),
	E(138, linux_fstatfs, 2),
	E(149, linux_mlock, 2),
	E(150, linux_munlock, 2),
	E(151, linux_mlockall, 1),
	E(152, linux_munlockall, 0),
	E(157, linux_prctl, 5),
	E(158, linux_arch_prctl, 2),
	E(160, linux_setrlimit, 2),
	E(161, linux_chroot, 1),
	E(162, linux_sync, 0),
	E(165, linux_mount, 5),
	E(166, linux_umount2, 2),
	E(169, linux_reboot, 4),
	E(186, linux_gettid, 0),
	E(200, linux_tkill, 2),
	E(201, linux_time, 1),
	E(202, linux_futex, 6),
	E(203, linux_sched_setaffinity, 3),
	E(204, linux_sched_getaffinity, 3),
	E(217, linux_getdents64, 3),
	E(218, linux_set_tid_address, 1),
	E(228, linux_clock_gettime, 2),
	E(229, linux_clock_getres, 2),
	E(230, linux_clock_nanosleep, 4),
	E(231, linux_exit_group, 1),
	E(234, linux_tgkill, 3),
	E(235, linux_utimes, 2),
	E(247, linux_waitid, 5),
	E(257, linux_openat, 4),
	E(258, linux_mkdirat, 3),
	E(259, linux_mknodat, 4),
	E(260, linux_fchownat, 5),
	E(262, linux_newfstatat, 4),
	E(263, linux_unlinkat, 3),
	E(264, linux_renameat, 4),
	E(265, linux_linkat, 5),
	E(266, linux_symlinkat, 3),
	E(267, linux_readlinkat, 4),
	E(268, linux_fchmodat, 3),
	E(269, linux_faccessat, 3),
	E(270, linux_pselect6, 6),
	E(271, linux_ppoll, 5),
	E(273, linux_set_robust_list, 2),
	E(274, linux_get_robust_list, 3),
	E(280, linux_utimensat, 4),
	E(292, linux_dup3, 3),
	E(293, linux_pipe2, 2),
	E(295, linux_preadv, 5),
	E(296, linux_pwritev, 5),
	E(302, linux_prlimit64, 4),
	E(306, linux_syncfs, 1),
	E(309, linux_getcpu, 3),
	E(316, linux_renameat2, 5),
	E(318, linux_getrandom, 3),
	E(325, linux_mlock2, 3),
	E(332, linux_statx, 5),
	E(334, linux_enosys, 4),		/* rseq */
	E(435, linux_clone3, 2),
	E(439, linux_faccessat2, 4),
};

/* Numbers already reported as unimplemented (so each is logged once). */
static uint64_t linux_nosys_logged[(LINUX_SYS_MAXSYSCALL + 1 + 63) / 64];

static int
linux_nosys(struct thread *td, void *args)
{
	u_int code = td->td_sa.code;
	u_int bit = MIN(code, LINUX_SYS_MAXSYSCALL);

	if ((linux_nosys_logged[bit / 64] & (1ul << (bit % 64))) == 0) {
		linux_nosys_logged[bit / 64] |= 1ul << (bit % 64);
		printf("linux: pid %d (%s): unimplemented system call %u\n",
		    td->td_proc->p_pid, td->td_proc->p_comm, code);
	}
	return (ENOSYS);
}

static const struct sysent linux_nosys_ent = {
	linux_nosys, 0, "linux_nosys"
};

/* The call number from rax, the arguments from the six registers. */
static int
linux_fetch_syscall_args(struct thread *td)
{
	struct trapframe *frame = td->td_frame;
	struct syscall_args *sa = &td->td_sa;

	sa->code = (u_int)frame->tf_rax;
	if (frame->tf_rax < LINUX_SYS_MAXSYSCALL &&
	    linux_sysent[frame->tf_rax].sy_call != NULL)
		sa->callp = &linux_sysent[frame->tf_rax];
	else
		sa->callp = &linux_nosys_ent;
	sa->args[0] = frame->tf_rdi;
	sa->args[1] = frame->tf_rsi;
	sa->args[2] = frame->tf_rdx;
	sa->args[3] = frame->tf_r10;
	sa->args[4] = frame->tf_r8;
	sa->args[5] = frame->tf_r9;
	return (0);
}

/*
 * The result in rax, or -errno; EJUSTRETURN leaves the frame alone;
 * ERESTART (a sleep interrupted by a signal whose handler has
 * SA_RESTART) rewinds rip over the 2-byte SYSCALL and puts the number
 * back in rax, so the call runs again after the handler (the arguments
 * are still in their registers).
 */
static void
linux_set_syscall_retval(struct thread *td, int error)
{
	struct trapframe *frame = td->td_frame;

	if (error == EJUSTRETURN)
		return;
	/*
	 * Made again after a signal handler (SA_RESTART): back to the
	 * syscall instruction (2 bytes), with the number back in rax.
	 */
	if (error == ERESTART) {
		frame->tf_rip -= 2;
		frame->tf_rax = td->td_sa.code;
		return;
	}
	if (error == 0)
		frame->tf_rax = td->td_retval[0];
	else
		frame->tf_rax = (uint64_t)-(int64_t)linux_errno(error);
}

/*
 * The auxiliary vector of a new image: what glibc's static startup reads
 * (program headers for TLS and IRELATIVE relocations, page size, entry,
 * ids, AT_SECURE, AT_RANDOM for the stack guard and pointer guard,
 * hardware capabilities, the clock tick, the path).  No AT_SYSINFO_EHDR:
 * there is no vDSO, so glibc makes real system calls for the time.
 */
static int
linux_fill_auxargs(struct image_params *imgp, uint64_t *auxv, int max)
{
	struct ucred cr;
	int n = 0;

#define AUX(type, val)	do {						\
		if (n + 2 > max)					\
			return (-1);					\
		auxv[n++] = (type);					\
		auxv[n++] = (uint64_t)(val);				\
	} while (0)

	AUX(LINUX_AT_PHDR, imgp->phdr_addr);
	AUX(LINUX_AT_PHENT, imgp->phentsize);
	AUX(LINUX_AT_PHNUM, imgp->phnum);
	AUX(LINUX_AT_PAGESZ, PAGE_SIZE);
	AUX(LINUX_AT_BASE, imgp->interp_base);	/* ld.so, or 0 */
	AUX(LINUX_AT_FLAGS, 0);
	AUX(LINUX_AT_ENTRY, imgp->entry_addr);
	cred_snapshot(curthread, &cr);
	AUX(LINUX_AT_UID, cr.cr_ruid);
	AUX(LINUX_AT_EUID, cr.cr_uid);
	AUX(LINUX_AT_GID, cr.cr_rgid);
	AUX(LINUX_AT_EGID, cr.cr_gid);
	/* No set-id programs: secure only if the ids already differ. */
	AUX(LINUX_AT_SECURE, cr.cr_ruid != cr.cr_uid ||
	    cr.cr_rgid != cr.cr_gid);
	AUX(LINUX_AT_RANDOM, imgp->random_addr);
	AUX(LINUX_AT_HWCAP, cpu_feature);	/* CPUID 1 EDX, as Linux */
	AUX(LINUX_AT_HWCAP2, 0);
	AUX(LINUX_AT_CLKTCK, hz);
	AUX(LINUX_AT_EXECFN, imgp->execfn_addr);
	if (imgp->platform_addr != 0)
		AUX(LINUX_AT_PLATFORM, imgp->platform_addr);
	AUX(LINUX_AT_NULL, 0);
#undef AUX
	return (n);
}

struct sysentvec elf_linux_sysvec = {
	.sv_name = "Linux ELF64",
	.sv_size = LINUX_SYS_MAXSYSCALL,
	.sv_table = linux_sysent,
	.sv_fetch_syscall_args = linux_fetch_syscall_args,
	.sv_set_syscall_retval = linux_set_syscall_retval,
	.sv_fill_auxargs = linux_fill_auxargs,
	.sv_platform = "x86_64",
	.sv_sendsig = linux_sendsig,
};

/* Linux programs say ELFOSABI_NONE, or ELFOSABI_LINUX with GNU extras. */
static struct elf_brandinfo linux_brand = {
	.brand_name = "Linux",
	.brand_osabi = { ELFOSABI_NONE, ELFOSABI_LINUX },
	.sysvec = &elf_linux_sysvec,
};

static void
linux_elf_init(const void *arg __unused)
{
	if (elf_insert_brand_entry(&linux_brand) != 0)
		panic("linux_elf_init: no room for the Linux brand");
}
SYSINIT(linux_elf, SI_SUB_EXEC, SI_ORDER_ANY, linux_elf_init, NULL);
