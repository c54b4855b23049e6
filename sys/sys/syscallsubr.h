/*
 * syscallsubr.h: the kernel's system-call implementations, kern_*(), in
 * Umbra's own terms (its flags, structures and errno).  An ABI layer
 * (sys/compat/linux) copies and translates its arguments, calls these,
 * and translates the results back.
 */
#ifndef _SYS_SYSCALLSUBR_H_
#define _SYS_SYSCALLSUBR_H_

#include <sys/types.h>
#include <sys/time.h>

struct rlimit;
struct stat;
struct thread;
struct uio;

/* sys_generic.c: reading and writing.  fds 0-2 are the console. */
int	kern_readv(struct thread *td, int fd, struct uio *auio);
int	kern_writev(struct thread *td, int fd, struct uio *auio);
int	kern_ioctl(struct thread *td, int fd, u_long cmd, vm_offset_t data);

/* kern_descrip.c */
int	kern_close(struct thread *td, int fd);
int	kern_fstat(struct thread *td, int fd, struct stat *sbp);

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

/* kern_resource.c */
int	kern_prlimit(struct thread *td, pid_t pid, u_int which,
	    const struct rlimit *newlim, struct rlimit *oldlim);

/* kern_random.c */
int	kern_getrandom(struct thread *td, vm_offset_t ubuf, size_t len,
	    u_int flags, size_t *donep);

#endif /* !_SYS_SYSCALLSUBR_H_ */
