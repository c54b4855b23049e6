/*
 * syscallsubr.h: the kernel's system-call implementations, kern_*(), in
 * Umbra's own terms (its flags, structures and errno).  An ABI layer
 * (sys/compat/linux) copies and translates its arguments, calls these,
 * and translates the results back.
 */
#ifndef _SYS_SYSCALLSUBR_H_
#define _SYS_SYSCALLSUBR_H_

#include <sys/types.h>
#include <sys/signal.h>
#include <sys/time.h>

#include <sys/uio.h>

struct flock;
struct proc;
struct rlimit;
struct stat;
struct statfs;
struct thread;
struct timespec;
struct uio;
struct vnode;

/*
 * Conventions: a path is in user space when pathseg is UIO_USERSPACE;
 * fd arguments of *at calls may be AT_FDCWD; results go to
 * td->td_retval[0] unless an out-pointer is given.  Flags are Umbra's
 * (sys/sys/fcntl.h O_*, AT_*).
 */

/* sys_generic.c: reading and writing through descriptors. */
int	kern_readv(struct thread *td, int fd, struct uio *auio);
int	kern_writev(struct thread *td, int fd, struct uio *auio);
int	kern_preadv(struct thread *td, int fd, struct uio *auio,
	    off_t offset);
int	kern_pwritev(struct thread *td, int fd, struct uio *auio,
	    off_t offset);
int	kern_sendfile(struct thread *td, int outfd, int infd, off_t *offp,
	    size_t count);
/* data: a kernel buffer of IOCPARM_LEN(cmd) bytes (sys/ioccom.h). */
int	kern_ioctl(struct thread *td, int fd, u_long cmd, void *data);

/* kern_descrip.c */
int	kern_close(struct thread *td, int fd);
int	kern_fstat(struct thread *td, int fd, struct stat *sbp);
int	kern_dup(struct thread *td, int oldfd, int newfd, int flags,
	    bool exact);		/* dup (exact false), dup2/dup3 */
int	kern_fcntl(struct thread *td, int fd, int cmd, intptr_t arg);
/*
 * kern_advlock: record locks on fd's file (kern_lockf.c): cmd F_GETLK
 * (fl then describes a conflicting lock, or has l_type F_UNLCK),
 * F_SETLK (EAGAIN on a conflict) or F_SETLKW (waits; EINTR/ERESTART).
 * EBADF for a lock the descriptor's access mode does not allow, EINVAL
 * for a bad type, whence, a negative start, or a file that is no vnode.
 */
int	kern_advlock(struct thread *td, int fd, int cmd, struct flock *fl);
/* lf_release: drop p's record locks on vp (NULL: on every file). */
void	lf_release(struct proc *p, struct vnode *vp);
int	kern_lseek(struct thread *td, int fd, off_t offset, int whence);

/* vfs_syscalls.c */
int	kern_openat(struct thread *td, int dirfd, const char *path,
	    enum uio_seg pathseg, int flags, int mode);
int	kern_mknodat(struct thread *td, int dirfd, const char *path,
	    enum uio_seg pathseg, int mode, dev_t dev);
int	kern_mkdirat(struct thread *td, int dirfd, const char *path,
	    enum uio_seg pathseg, int mode);
int	kern_unlinkat(struct thread *td, int dirfd, const char *path,
	    enum uio_seg pathseg, int flags);	/* AT_REMOVEDIR */
int	kern_renameat(struct thread *td, int olddirfd, const char *old,
	    int newdirfd, const char *new, enum uio_seg pathseg, int flags);
int	kern_linkat(struct thread *td, int fd1, const char *path1, int fd2,
	    const char *path2, enum uio_seg pathseg, int flags);
int	kern_symlinkat(struct thread *td, const char *target, int fd,
	    const char *path, enum uio_seg pathseg);
int	kern_readlinkat(struct thread *td, int fd, const char *path,
	    enum uio_seg pathseg, vm_offset_t ubuf, size_t count);
int	kern_statat(struct thread *td, int flags, int fd, const char *path,
	    enum uio_seg pathseg, struct stat *sbp);
int	kern_faccessat(struct thread *td, int fd, const char *path,
	    enum uio_seg pathseg, int flags, int amode);
int	kern_fchmodat(struct thread *td, int fd, const char *path,
	    enum uio_seg pathseg, mode_t mode, int flags);
int	kern_fchmod(struct thread *td, int fd, mode_t mode);
int	kern_fchownat(struct thread *td, int fd, const char *path,
	    enum uio_seg pathseg, uid_t uid, gid_t gid, int flags);
int	kern_fchown(struct thread *td, int fd, uid_t uid, gid_t gid);
/* times[2] = atime, mtime; NULL = both now; tv_nsec UTIME_NOW/OMIT. */
int	kern_utimensat(struct thread *td, int fd, const char *path,
	    enum uio_seg pathseg, const struct timespec *times, int flags);
int	kern_truncate(struct thread *td, const char *path,
	    enum uio_seg pathseg, off_t length);
int	kern_ftruncate(struct thread *td, int fd, off_t length);
int	kern_getdents(struct thread *td, int fd, vm_offset_t ubuf,
	    size_t count);
int	kern_getdirentries(struct thread *td, int fd, void *buf, size_t count,
	    enum uio_seg seg);
int	kern_chdir(struct thread *td, const char *path,
	    enum uio_seg pathseg);
int	kern_fchdir(struct thread *td, int fd);
int	kern_chroot(struct thread *td, const char *path,
	    enum uio_seg pathseg);
/* The current directory's path into buf (kernel), length with NUL. */
int	kern_getcwd(struct thread *td, char *buf, size_t buflen,
	    size_t *lenp);
int	kern_umask(struct thread *td, int newmask);
int	kern_fsync(struct thread *td, int fd, bool fullsync);
int	kern_sync(struct thread *td);
int	kern_statfs(struct thread *td, const char *path,
	    enum uio_seg pathseg, struct statfs *sfp);
int	kern_fstatfs(struct thread *td, int fd, struct statfs *sfp);

/* sys_poll.c: poll/ppoll; select and pselect6 are built on it. */
struct pollfd;
int	kern_poll(struct thread *td, struct pollfd *fds, u_int nfds,
	    const struct timespec *timeout, const sigset_t *mask,
	    struct timespec *left);

/* sys_pipe.c */
int	kern_pipe(struct thread *td, int fildes[2], int flags);

/* vm_mmap.c */
int	kern_mmap(struct thread *td, vm_offset_t addr, vm_size_t len, int prot,
	    int flags, int fd, off_t pos, vm_offset_t *resp);
int	kern_munmap(struct thread *td, vm_offset_t addr, vm_size_t len);
int	kern_mprotect(struct thread *td, vm_offset_t addr, vm_size_t len,
	    int prot);
int	kern_brk(struct thread *td, vm_offset_t newbrk, vm_offset_t *resp);
int	kern_madvise(struct thread *td, vm_offset_t addr, vm_size_t len,
	    int behav);
int	kern_mincore(struct thread *td, vm_offset_t addr, vm_size_t len,
	    vm_offset_t uvec);
int	kern_mlock(struct thread *td, vm_offset_t addr, vm_size_t len,
	    bool onfault);
int	kern_munlock(struct thread *td, vm_offset_t addr, vm_size_t len);
int	kern_mlockall(struct thread *td, int how);
int	kern_msync(struct thread *td, vm_offset_t addr, vm_size_t len,
	    int flags);
int	kern_mremap(struct thread *td, vm_offset_t old, vm_size_t oldlen,
	    vm_size_t newlen, int flags, vm_offset_t newaddr,
	    vm_offset_t *resp);

/* kern_time.c */
int	kern_clock_gettime(struct thread *td, clockid_t clock_id,
	    struct timespec *ats);
/*
 * Sleep on clock_id (CLOCK_REALTIME or CLOCK_MONOTONIC) for *rqt, or
 * until the time *rqt (abstime).  0, or EINTR (relative) / ERESTART
 * (absolute) for a signal, with the time left in *rmt (relative).
 */
int	kern_nanosleep(struct thread *td, clockid_t clock_id, bool abstime,
	    const struct timespec *rqt, struct timespec *rmt);
/* setitimer (itv non-NULL) and getitimer; oitv gets the old value. */
int	kern_setitimer(struct thread *td, u_int which,
	    const struct itimerval *itv, struct itimerval *oitv);

/* kern_resource.c */
int	kern_prlimit(struct thread *td, pid_t pid, u_int which,
	    const struct rlimit *newlim, struct rlimit *oldlim);

/* kern_random.c */
int	kern_getrandom(struct thread *td, vm_offset_t ubuf, size_t len,
	    u_int flags, size_t *donep);

#endif /* !_SYS_SYSCALLSUBR_H_ */
