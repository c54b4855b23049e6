/*
 * linux_proto.h: the argument structure and handler of every Linux
 * system call the personality implements (FreeBSD generates its
 * equivalent from syscalls.master; this one is short enough to write).
 * Each structure is the call's registers in order (rdi, rsi, rdx, r10,
 * r8, r9), each read as the type Linux's prototype gives it.
 */
#ifndef _COMPAT_LINUX_LINUX_PROTO_H_
#define _COMPAT_LINUX_LINUX_PROTO_H_

#include <compat/linux/linux.h>

struct thread;

struct linux_rw_args {		/* read, write */
	LINUX_ARG(int, fd);
	LINUX_ARG(uint64_t, buf);
	LINUX_ARG(uint64_t, count);
};
struct linux_sendfile_args {
	LINUX_ARG(int, out_fd);
	LINUX_ARG(int, in_fd);
	LINUX_ARG(uint64_t, offset);	/* off_t *, or NULL */
	LINUX_ARG(uint64_t, count);
};
struct linux_rwv_args {		/* readv, writev */
	LINUX_ARG(int, fd);
	LINUX_ARG(uint64_t, iovp);
	LINUX_ARG(int, iovcnt);
};
struct linux_fd_args {		/* close, dup, fchdir, fsync, ... */
	LINUX_ARG(int, fd);
};
struct linux_newfstat_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(uint64_t, statbuf);
};
struct linux_newfstatat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, pathname);
	LINUX_ARG(uint64_t, statbuf);
	LINUX_ARG(int, flag);
};
struct linux_mmap_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, len);
	LINUX_ARG(int, prot);
	LINUX_ARG(int, flags);
	LINUX_ARG(int, fd);
	LINUX_ARG(int64_t, pgoff);
};
struct linux_mprotect_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, len);
	LINUX_ARG(int, prot);
};
struct linux_munmap_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, len);
};
struct linux_madvise_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, len);
	LINUX_ARG(int, behav);
};
struct linux_mremap_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, old_len);
	LINUX_ARG(uint64_t, new_len);
	LINUX_ARG(int, flags);
	LINUX_ARG(uint64_t, new_addr);
};
struct linux_msync_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, len);
	LINUX_ARG(int, flags);
};
struct linux_mincore_args {
	LINUX_ARG(uint64_t, start);
	LINUX_ARG(uint64_t, len);
	LINUX_ARG(uint64_t, vec);
};
struct linux_mlock_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, len);
};
struct linux_mlock2_args {
	LINUX_ARG(uint64_t, addr);
	LINUX_ARG(uint64_t, len);
	LINUX_ARG(int, flags);
};
struct linux_mlockall_args {
	LINUX_ARG(int, flags);
};
struct linux_brk_args {
	LINUX_ARG(uint64_t, dsend);
};
struct linux_rt_sigaction_args {
	LINUX_ARG(int, sig);
	LINUX_ARG(uint64_t, act);
	LINUX_ARG(uint64_t, oact);
	LINUX_ARG(uint64_t, sigsetsize);
};
struct linux_rt_sigprocmask_args {
	LINUX_ARG(int, how);
	LINUX_ARG(uint64_t, set);
	LINUX_ARG(uint64_t, oset);
	LINUX_ARG(uint64_t, sigsetsize);
};
struct linux_rt_sigsuspend_args {
	LINUX_ARG(uint64_t, newset);
	LINUX_ARG(uint64_t, sigsetsize);
};
struct linux_rt_sigtimedwait_args {
	LINUX_ARG(uint64_t, set);
	LINUX_ARG(uint64_t, info);	/* siginfo_t *, or NULL */
	LINUX_ARG(uint64_t, timeout);	/* struct timespec *, or NULL */
	LINUX_ARG(uint64_t, sigsetsize);
};
struct linux_rt_sigpending_args {
	LINUX_ARG(uint64_t, set);
	LINUX_ARG(uint64_t, sigsetsize);
};
struct linux_sigaltstack_args {
	LINUX_ARG(uint64_t, uss);
	LINUX_ARG(uint64_t, uoss);
};
struct linux_tkill_args {
	LINUX_ARG(int, tid);
	LINUX_ARG(int, sig);
};
struct linux_ioctl_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(uint32_t, cmd);
	LINUX_ARG(uint64_t, arg);
};
struct linux_clone_args {
	LINUX_ARG(uint64_t, flags);
	LINUX_ARG(uint64_t, stack);
	LINUX_ARG(uint64_t, parent_tidptr);
	LINUX_ARG(uint64_t, child_tidptr);
	LINUX_ARG(uint64_t, tls);
};
struct linux_clone3_args {
	LINUX_ARG(uint64_t, uargs);
	LINUX_ARG(uint64_t, usize);
};
struct linux_futex_args {
	LINUX_ARG(uint64_t, uaddr);
	LINUX_ARG(int, op);
	LINUX_ARG(uint32_t, val);
	LINUX_ARG(uint64_t, utime);	/* or val2 (requeue) */
	LINUX_ARG(uint64_t, uaddr2);
	LINUX_ARG(uint32_t, val3);
};
struct linux_set_robust_list_args {
	LINUX_ARG(uint64_t, head);
	LINUX_ARG(uint64_t, len);
};
struct linux_get_robust_list_args {
	LINUX_ARG(int, pid);
	LINUX_ARG(uint64_t, head_ptr);
	LINUX_ARG(uint64_t, len_ptr);
};
struct linux_execve_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint64_t, argp);
	LINUX_ARG(uint64_t, envp);
};
struct linux_exit_args {
	LINUX_ARG(int, rval);
};
struct linux_wait4_args {
	LINUX_ARG(int, pid);
	LINUX_ARG(uint64_t, status);
	LINUX_ARG(int, options);
	LINUX_ARG(uint64_t, rusage);
};
struct linux_waitid_args {
	LINUX_ARG(int, idtype);
	LINUX_ARG(int, id);
	LINUX_ARG(uint64_t, infop);
	LINUX_ARG(int, options);
	LINUX_ARG(uint64_t, rusage);
};
struct linux_setpgid_args {
	LINUX_ARG(int, pid);
	LINUX_ARG(int, pgid);
};
struct linux_getpgid_args {
	LINUX_ARG(int, pid);
};
struct linux_kill_args {
	LINUX_ARG(int, pid);
	LINUX_ARG(int, signum);
};
struct linux_tgkill_args {
	LINUX_ARG(int, tgid);
	LINUX_ARG(int, pid);
	LINUX_ARG(int, sig);
};
struct linux_uname_args {
	LINUX_ARG(uint64_t, buf);
};
struct linux_gettimeofday_args {
	LINUX_ARG(uint64_t, tp);
	LINUX_ARG(uint64_t, tzp);
};
struct linux_time_args {
	LINUX_ARG(uint64_t, tm);
};
struct linux_getrlimit_args {
	LINUX_ARG(u_int, resource);
	LINUX_ARG(uint64_t, rlim);
};
struct linux_prlimit64_args {
	LINUX_ARG(int, pid);
	LINUX_ARG(u_int, resource);
	LINUX_ARG(uint64_t, new);
	LINUX_ARG(uint64_t, old);
};
struct linux_arch_prctl_args {
	LINUX_ARG(int, code);
	LINUX_ARG(uint64_t, addr);
};
struct linux_set_tid_address_args {
	LINUX_ARG(uint64_t, tidptr);
};
struct linux_clock_gettime_args {
	LINUX_ARG(int, which);
	LINUX_ARG(uint64_t, tp);
};
struct linux_getrandom_args {
	LINUX_ARG(uint64_t, buf);
	LINUX_ARG(uint64_t, count);
	LINUX_ARG(u_int, flags);
};
struct linux_path_args {	/* unlink, rmdir, chdir, chroot */
	LINUX_ARG(uint64_t, path);
};
struct linux_twopath_args {	/* rename, link, symlink */
	LINUX_ARG(uint64_t, from);
	LINUX_ARG(uint64_t, to);
};
struct linux_open_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(int, flags);
	LINUX_ARG(uint16_t, mode);	/* umode_t */
};
struct linux_openat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(int, flags);
	LINUX_ARG(uint16_t, mode);
};
struct linux_creat_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint16_t, mode);
};
struct linux_pread_args {	/* pread64, pwrite64 */
	LINUX_ARG(int, fd);
	LINUX_ARG(uint64_t, buf);
	LINUX_ARG(uint64_t, count);
	LINUX_ARG(int64_t, pos);
};
struct linux_prwv_args {	/* preadv, pwritev */
	LINUX_ARG(int, fd);
	LINUX_ARG(uint64_t, iovp);
	LINUX_ARG(int, iovcnt);
	LINUX_ARG(uint64_t, pos_l);
	LINUX_ARG(uint64_t, pos_h);
};
struct linux_lseek_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(int64_t, offset);
	LINUX_ARG(u_int, whence);
};
struct linux_stat_args {	/* stat, lstat */
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint64_t, statbuf);
};
struct linux_statx_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(u_int, flags);
	LINUX_ARG(u_int, mask);
	LINUX_ARG(uint64_t, buf);
};
struct linux_access_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(int, mode);
};
struct linux_faccessat_args {	/* faccessat, faccessat2 */
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(int, mode);
	LINUX_ARG(int, flags);		/* faccessat2 only */
};
struct linux_getdents64_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(uint64_t, dirent);
	LINUX_ARG(u_int, count);
};
struct linux_mkdir_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint16_t, mode);
};
struct linux_mkdirat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint16_t, mode);
};
struct linux_mknod_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint16_t, mode);
	LINUX_ARG(u_int, dev);
};
struct linux_mknodat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint16_t, mode);
	LINUX_ARG(u_int, dev);
};
struct linux_unlinkat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(int, flag);
};
struct linux_renameat2_args {	/* renameat, renameat2 */
	LINUX_ARG(int, olddfd);
	LINUX_ARG(uint64_t, old);
	LINUX_ARG(int, newdfd);
	LINUX_ARG(uint64_t, new);
	LINUX_ARG(u_int, flags);	/* renameat2 only */
};
struct linux_linkat_args {
	LINUX_ARG(int, olddfd);
	LINUX_ARG(uint64_t, old);
	LINUX_ARG(int, newdfd);
	LINUX_ARG(uint64_t, new);
	LINUX_ARG(int, flags);
};
struct linux_symlinkat_args {
	LINUX_ARG(uint64_t, target);
	LINUX_ARG(int, newdfd);
	LINUX_ARG(uint64_t, path);
};
struct linux_readlink_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint64_t, buf);
	LINUX_ARG(int, bufsiz);
};
struct linux_readlinkat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint64_t, buf);
	LINUX_ARG(int, bufsiz);
};
struct linux_getcwd_args {
	LINUX_ARG(uint64_t, buf);
	LINUX_ARG(uint64_t, size);
};
struct linux_umask_args {
	LINUX_ARG(int, mask);
};
struct linux_chmod_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint16_t, mode);
};
struct linux_fchmod_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(uint16_t, mode);
};
struct linux_fchmodat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint16_t, mode);
};
struct linux_chown_args {	/* chown, lchown */
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint32_t, uid);
	LINUX_ARG(uint32_t, gid);
};
struct linux_fchown_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(uint32_t, uid);
	LINUX_ARG(uint32_t, gid);
};
struct linux_fchownat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint32_t, uid);
	LINUX_ARG(uint32_t, gid);
	LINUX_ARG(int, flag);
};
struct linux_utimensat_args {
	LINUX_ARG(int, dfd);
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint64_t, utimes);
	LINUX_ARG(int, flags);
};
struct linux_utimes_args {	/* utimes, utime */
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint64_t, times);
};
struct linux_truncate_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(int64_t, length);
};
struct linux_ftruncate_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(int64_t, length);
};
struct linux_statfs_args {
	LINUX_ARG(uint64_t, path);
	LINUX_ARG(uint64_t, buf);
};
struct linux_fstatfs_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(uint64_t, buf);
};
struct linux_dup3_args {	/* dup2, dup3 */
	LINUX_ARG(int, oldfd);
	LINUX_ARG(int, newfd);
	LINUX_ARG(int, flags);		/* dup3 only */
};
struct linux_fcntl_args {
	LINUX_ARG(int, fd);
	LINUX_ARG(u_int, cmd);
	LINUX_ARG(uint64_t, arg);
};
struct linux_mount_args {
	LINUX_ARG(uint64_t, source);
	LINUX_ARG(uint64_t, target);
	LINUX_ARG(uint64_t, fstype);
	LINUX_ARG(uint64_t, flags);
	LINUX_ARG(uint64_t, data);
};
struct linux_reboot_args {
	LINUX_ARG(uint64_t, magic1);
	LINUX_ARG(uint64_t, magic2);
	LINUX_ARG(uint64_t, cmd);
	LINUX_ARG(uint64_t, arg);
};
struct linux_umount2_args {
	LINUX_ARG(uint64_t, target);
	LINUX_ARG(int, flags);
};
struct linux_pipe_args {
	LINUX_ARG(uint64_t, fildes);
};
struct linux_pipe2_args {
	LINUX_ARG(uint64_t, fildes);
	LINUX_ARG(int, flags);
};
struct linux_id3_args {	/* setuid (a), setreuid (a, b), setresuid */
	LINUX_ARG(uint32_t, a);
	LINUX_ARG(uint32_t, b);
	LINUX_ARG(uint32_t, c);
};
struct linux_getres_args {	/* getresuid, getresgid */
	LINUX_ARG(uint64_t, rp);
	LINUX_ARG(uint64_t, ep);
	LINUX_ARG(uint64_t, sp);
};
struct linux_groups_args {	/* getgroups, setgroups */
	LINUX_ARG(int, size);
	LINUX_ARG(uint64_t, list);
};
struct linux_nanosleep_args {
	LINUX_ARG(uint64_t, rqtp);
	LINUX_ARG(uint64_t, rmtp);
};
struct linux_clock_nanosleep_args {
	LINUX_ARG(int, which);
	LINUX_ARG(int, flags);
	LINUX_ARG(uint64_t, rqtp);
	LINUX_ARG(uint64_t, rmtp);
};
struct linux_setitimer_args {	/* setitimer, getitimer (no oitv) */
	LINUX_ARG(int, which);
	LINUX_ARG(uint64_t, itv);
	LINUX_ARG(uint64_t, oitv);
};
struct linux_alarm_args {
	LINUX_ARG(u_int, secs);
};
struct linux_times_args {
	LINUX_ARG(uint64_t, buf);
};
struct linux_getrusage_args {
	LINUX_ARG(int, who);
	LINUX_ARG(uint64_t, rusage);
};
struct linux_sysinfo_args {
	LINUX_ARG(uint64_t, info);
};
struct linux_poll_args {
	LINUX_ARG(uint64_t, fds);
	LINUX_ARG(u_int, nfds);
	LINUX_ARG(int, timeout);	/* ms; < 0: none */
};
struct linux_ppoll_args {
	LINUX_ARG(uint64_t, fds);
	LINUX_ARG(u_int, nfds);
	LINUX_ARG(uint64_t, tsp);
	LINUX_ARG(uint64_t, sigmask);
	LINUX_ARG(uint64_t, sigsetsize);
};
struct linux_select_args {
	LINUX_ARG(int, nfds);
	LINUX_ARG(uint64_t, readfds);
	LINUX_ARG(uint64_t, writefds);
	LINUX_ARG(uint64_t, exceptfds);
	LINUX_ARG(uint64_t, tvp);
};
struct linux_pselect6_args {
	LINUX_ARG(int, nfds);
	LINUX_ARG(uint64_t, readfds);
	LINUX_ARG(uint64_t, writefds);
	LINUX_ARG(uint64_t, exceptfds);
	LINUX_ARG(uint64_t, tsp);
	LINUX_ARG(uint64_t, sig);
};
struct linux_sched_affinity_args {
	LINUX_ARG(int, pid);
	LINUX_ARG(uint64_t, len);
	LINUX_ARG(uint64_t, mask);
};
struct linux_getcpu_args {
	LINUX_ARG(uint64_t, cpu);
	LINUX_ARG(uint64_t, node);
	LINUX_ARG(uint64_t, cache);
};
struct linux_prctl_args {
	LINUX_ARG(int, option);
	LINUX_ARG(uint64_t, arg2);
	LINUX_ARG(uint64_t, arg3);
	LINUX_ARG(uint64_t, arg4);
	LINUX_ARG(uint64_t, arg5);
};
struct linux_noargs {
	register_t	dummy;
};

/* linux_file.c */
int	linux_open(struct thread *, struct linux_open_args *);
int	linux_openat(struct thread *, struct linux_openat_args *);
int	linux_creat(struct thread *, struct linux_creat_args *);
int	linux_close(struct thread *, struct linux_fd_args *);
int	linux_read(struct thread *, struct linux_rw_args *);
int	linux_write(struct thread *, struct linux_rw_args *);
int	linux_pread64(struct thread *, struct linux_pread_args *);
int	linux_sendfile(struct thread *, struct linux_sendfile_args *);
int	linux_pwrite64(struct thread *, struct linux_pread_args *);
int	linux_readv(struct thread *, struct linux_rwv_args *);
int	linux_writev(struct thread *, struct linux_rwv_args *);
int	linux_preadv(struct thread *, struct linux_prwv_args *);
int	linux_pwritev(struct thread *, struct linux_prwv_args *);
int	linux_lseek(struct thread *, struct linux_lseek_args *);
int	linux_newstat(struct thread *, struct linux_stat_args *);
int	linux_newlstat(struct thread *, struct linux_stat_args *);
int	linux_newfstat(struct thread *, struct linux_newfstat_args *);
int	linux_newfstatat(struct thread *, struct linux_newfstatat_args *);
int	linux_statx(struct thread *, struct linux_statx_args *);
int	linux_access(struct thread *, struct linux_access_args *);
int	linux_faccessat(struct thread *, struct linux_faccessat_args *);
int	linux_faccessat2(struct thread *, struct linux_faccessat_args *);
int	linux_getdents64(struct thread *, struct linux_getdents64_args *);
int	linux_mkdir(struct thread *, struct linux_mkdir_args *);
int	linux_mkdirat(struct thread *, struct linux_mkdirat_args *);
int	linux_mknod(struct thread *, struct linux_mknod_args *);
int	linux_mknodat(struct thread *, struct linux_mknodat_args *);
int	linux_unlink(struct thread *, struct linux_path_args *);
int	linux_rmdir(struct thread *, struct linux_path_args *);
int	linux_unlinkat(struct thread *, struct linux_unlinkat_args *);
int	linux_rename(struct thread *, struct linux_twopath_args *);
int	linux_renameat(struct thread *, struct linux_renameat2_args *);
int	linux_renameat2(struct thread *, struct linux_renameat2_args *);
int	linux_link(struct thread *, struct linux_twopath_args *);
int	linux_linkat(struct thread *, struct linux_linkat_args *);
int	linux_symlink(struct thread *, struct linux_twopath_args *);
int	linux_symlinkat(struct thread *, struct linux_symlinkat_args *);
int	linux_readlink(struct thread *, struct linux_readlink_args *);
int	linux_readlinkat(struct thread *, struct linux_readlinkat_args *);
int	linux_chdir(struct thread *, struct linux_path_args *);
int	linux_fchdir(struct thread *, struct linux_fd_args *);
int	linux_chroot(struct thread *, struct linux_path_args *);
int	linux_getcwd(struct thread *, struct linux_getcwd_args *);
int	linux_umask(struct thread *, struct linux_umask_args *);
int	linux_chmod(struct thread *, struct linux_chmod_args *);
int	linux_fchmod(struct thread *, struct linux_fchmod_args *);
int	linux_fchmodat(struct thread *, struct linux_fchmodat_args *);
int	linux_chown(struct thread *, struct linux_chown_args *);
int	linux_lchown(struct thread *, struct linux_chown_args *);
int	linux_fchown(struct thread *, struct linux_fchown_args *);
int	linux_fchownat(struct thread *, struct linux_fchownat_args *);
int	linux_utimensat(struct thread *, struct linux_utimensat_args *);
int	linux_utimes(struct thread *, struct linux_utimes_args *);
int	linux_utime(struct thread *, struct linux_utimes_args *);
int	linux_truncate(struct thread *, struct linux_truncate_args *);
int	linux_ftruncate(struct thread *, struct linux_ftruncate_args *);
int	linux_fsync(struct thread *, struct linux_fd_args *);
int	linux_fdatasync(struct thread *, struct linux_fd_args *);
int	linux_sync(struct thread *, struct linux_noargs *);
int	linux_syncfs(struct thread *, struct linux_fd_args *);
int	linux_statfs(struct thread *, struct linux_statfs_args *);
int	linux_fstatfs(struct thread *, struct linux_fstatfs_args *);
int	linux_dup(struct thread *, struct linux_fd_args *);
int	linux_dup2(struct thread *, struct linux_dup3_args *);
int	linux_dup3(struct thread *, struct linux_dup3_args *);
int	linux_fcntl(struct thread *, struct linux_fcntl_args *);
int	linux_mount(struct thread *, struct linux_mount_args *);
int	linux_umount2(struct thread *, struct linux_umount2_args *);

/* linux_misc.c */
int	linux_mmap(struct thread *, struct linux_mmap_args *);
int	linux_mprotect(struct thread *, struct linux_mprotect_args *);
int	linux_munmap(struct thread *, struct linux_munmap_args *);
int	linux_madvise(struct thread *, struct linux_madvise_args *);
int	linux_mremap(struct thread *, struct linux_mremap_args *);
int	linux_msync(struct thread *, struct linux_msync_args *);
int	linux_mincore(struct thread *, struct linux_mincore_args *);
int	linux_mlock(struct thread *, struct linux_mlock_args *);
int	linux_munlock(struct thread *, struct linux_mlock_args *);
int	linux_mlock2(struct thread *, struct linux_mlock2_args *);
int	linux_mlockall(struct thread *, struct linux_mlockall_args *);
int	linux_munlockall(struct thread *, struct linux_noargs *);
int	linux_brk(struct thread *, struct linux_brk_args *);
int	linux_rt_sigaction(struct thread *, struct linux_rt_sigaction_args *);
int	linux_rt_sigprocmask(struct thread *,
	    struct linux_rt_sigprocmask_args *);
int	linux_ioctl(struct thread *, struct linux_ioctl_args *);
int	linux_sched_yield(struct thread *, struct linux_noargs *);
int	linux_getpid(struct thread *, struct linux_noargs *);
int	linux_getppid(struct thread *, struct linux_noargs *);
int	linux_setsid(struct thread *, struct linux_noargs *);
int	linux_getpgrp(struct thread *, struct linux_noargs *);
int	linux_setpgid(struct thread *, struct linux_setpgid_args *);
int	linux_getpgid(struct thread *, struct linux_getpgid_args *);
int	linux_getsid(struct thread *, struct linux_getpgid_args *);
int	linux_waitid(struct thread *, struct linux_waitid_args *);
int	linux_gettid(struct thread *, struct linux_noargs *);
int	linux_clone(struct thread *, struct linux_clone_args *);
int	linux_clone3(struct thread *, struct linux_clone3_args *);
int	linux_futex(struct thread *, struct linux_futex_args *);
int	linux_set_robust_list(struct thread *,
	    struct linux_set_robust_list_args *);
int	linux_get_robust_list(struct thread *,
	    struct linux_get_robust_list_args *);
int	linux_fork(struct thread *, struct linux_noargs *);
int	linux_vfork(struct thread *, struct linux_noargs *);
int	linux_execve(struct thread *, struct linux_execve_args *);
int	linux_exit(struct thread *, struct linux_exit_args *);
int	linux_exit_group(struct thread *, struct linux_exit_args *);
int	linux_wait4(struct thread *, struct linux_wait4_args *);
int	linux_kill(struct thread *, struct linux_kill_args *);
int	linux_tkill(struct thread *, struct linux_tkill_args *);
int	linux_rt_sigsuspend(struct thread *, struct linux_rt_sigsuspend_args *);
int	linux_rt_sigtimedwait(struct thread *,
	    struct linux_rt_sigtimedwait_args *);
int	linux_pause(struct thread *, void *);
int	linux_rt_sigpending(struct thread *, struct linux_rt_sigpending_args *);
int	linux_sigaltstack(struct thread *, struct linux_sigaltstack_args *);
int	linux_rt_sigreturn(struct thread *, struct linux_noargs *);
int	linux_tgkill(struct thread *, struct linux_tgkill_args *);
int	linux_newuname(struct thread *, struct linux_uname_args *);
int	linux_gettimeofday(struct thread *, struct linux_gettimeofday_args *);
int	linux_time(struct thread *, struct linux_time_args *);
int	linux_getrlimit(struct thread *, struct linux_getrlimit_args *);
int	linux_setrlimit(struct thread *, struct linux_getrlimit_args *);
int	linux_prlimit64(struct thread *, struct linux_prlimit64_args *);
int	linux_arch_prctl(struct thread *, struct linux_arch_prctl_args *);
int	linux_set_tid_address(struct thread *,
	    struct linux_set_tid_address_args *);
int	linux_clock_gettime(struct thread *, struct linux_clock_gettime_args *);
int	linux_clock_getres(struct thread *, struct linux_clock_gettime_args *);
int	linux_getrandom(struct thread *, struct linux_getrandom_args *);
int	linux_nanosleep(struct thread *, struct linux_nanosleep_args *);
int	linux_clock_nanosleep(struct thread *,
	    struct linux_clock_nanosleep_args *);
int	linux_setitimer(struct thread *, struct linux_setitimer_args *);
int	linux_getitimer(struct thread *, struct linux_setitimer_args *);
int	linux_alarm(struct thread *, struct linux_alarm_args *);
int	linux_times(struct thread *, struct linux_times_args *);
int	linux_getrusage(struct thread *, struct linux_getrusage_args *);
int	linux_sysinfo(struct thread *, struct linux_sysinfo_args *);
int	linux_sched_getaffinity(struct thread *,
	    struct linux_sched_affinity_args *);
int	linux_sched_setaffinity(struct thread *,
	    struct linux_sched_affinity_args *);
int	linux_getcpu(struct thread *, struct linux_getcpu_args *);
int	linux_prctl(struct thread *, struct linux_prctl_args *);
int	linux_pipe(struct thread *, struct linux_pipe_args *);
int	linux_pipe2(struct thread *, struct linux_pipe2_args *);
int	linux_reboot(struct thread *, struct linux_reboot_args *);
int	linux_enosys(struct thread *, struct linux_noargs *);

/* linux_prot.c */
int	linux_getuid(struct thread *, struct linux_noargs *);
int	linux_geteuid(struct thread *, struct linux_noargs *);
int	linux_getgid(struct thread *, struct linux_noargs *);
int	linux_getegid(struct thread *, struct linux_noargs *);
int	linux_setuid(struct thread *, struct linux_id3_args *);
int	linux_setgid(struct thread *, struct linux_id3_args *);
int	linux_setreuid(struct thread *, struct linux_id3_args *);
int	linux_setregid(struct thread *, struct linux_id3_args *);
int	linux_setresuid(struct thread *, struct linux_id3_args *);
int	linux_setresgid(struct thread *, struct linux_id3_args *);
int	linux_getresuid(struct thread *, struct linux_getres_args *);
int	linux_getresgid(struct thread *, struct linux_getres_args *);
int	linux_setfsuid(struct thread *, struct linux_id3_args *);
int	linux_setfsgid(struct thread *, struct linux_id3_args *);
int	linux_getgroups(struct thread *, struct linux_groups_args *);
int	linux_setgroups(struct thread *, struct linux_groups_args *);

/* linux_poll.c */
int	linux_poll(struct thread *, struct linux_poll_args *);
int	linux_ppoll(struct thread *, struct linux_ppoll_args *);
int	linux_select(struct thread *, struct linux_select_args *);
int	linux_pselect6(struct thread *, struct linux_pselect6_args *);

#endif /* !_COMPAT_LINUX_LINUX_PROTO_H_ */
