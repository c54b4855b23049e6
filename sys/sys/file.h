/*
 * file.h: open files (FreeBSD's struct file): what a descriptor refers
 * to.  Several descriptors, in one process (dup) or several (fork), may
 * share one open file, and with it the offset and the status flags.
 *
 * A file is an object with operations (struct fileops): a vnode
 * (vfs_vnops.c), a pipe end or an open FIFO (sys_pipe.c), a device
 * opened through devfs (its vnode's fileops), the console tty.  f_count
 * counts the descriptors and the transient holds (fget .. fdrop); the
 * last fdrop calls fo_close.  sys/kern/kern_descrip.c.
 *
 * Lock legend:
 *	(c) constant after finit
 *	(a) atomic
 *	(f) f_mtx
 *	(o) the offset lock: f_mtx plus FOFFSET_LOCKED, held across a
 *	    read or write so that concurrent I/O through one file sees
 *	    consistent offsets (foffset_lock/foffset_unlock)
 */
#ifndef _SYS_FILE_H_
#define _SYS_FILE_H_

#include <sys/types.h>
#include <sys/mutex.h>

#include <vm/vm.h>

struct file;
struct stat;
struct thread;
struct ucred;
struct uio;
struct vnode;

/* f_type */
#define DTYPE_NONE	0	/* being set up by falloc */
#define DTYPE_VNODE	1	/* a file, directory or device vnode */
#define DTYPE_PIPE	2	/* one end of a pipe */
#define DTYPE_TTY	3	/* the console terminal */
#define DTYPE_FIFO	4	/* an open named pipe: f_data the pipe,
				   f_vnode the FIFO (fifo_vnops.c) */
#define DTYPE_PTS	5	/* a pty's master or slave: f_data its
				   struct pts, f_vnode the device's
				   (tty_pts.c) */

/* fo_read/fo_write flags */
#define FOF_OFFSET	0x0001	/* use uio_offset, not f_offset (pread) */

/*
 * The operations of a file.  NULL members mean "not supported": the
 * callers return the errno Linux gives for that kind of file (fo_read,
 * fo_write EINVAL; fo_ioctl ENOTTY; fo_seek ESPIPE; fo_truncate EINVAL;
 * fo_mmap ENODEV).
 */
struct fileops {
	/* Move data; *uio's offset is f_offset unless FOF_OFFSET. */
	int	(*fo_read)(struct file *fp, struct uio *uio, int flags,
		    struct thread *td);
	int	(*fo_write)(struct file *fp, struct uio *uio, int flags,
		    struct thread *td);
	/* data is a kernel buffer of IOCPARM_LEN(cmd) bytes (ioccom.h):
	   the caller copies the argument in and the result out. */
	int	(*fo_ioctl)(struct file *fp, u_long cmd, void *data,
		    struct thread *td);
	/* Which of POLLIN/POLLOUT/... events are ready now (no waiting). */
	int	(*fo_poll)(struct file *fp, int events, struct thread *td);
	int	(*fo_stat)(struct file *fp, struct stat *sb,
		    struct thread *td);
	/* The last reference is gone: release f_data. */
	int	(*fo_close)(struct file *fp, struct thread *td);
	int	(*fo_truncate)(struct file *fp, off_t length,
		    struct thread *td);
	/* lseek: the new offset in *resp. */
	int	(*fo_seek)(struct file *fp, off_t offset, int whence,
		    off_t *resp, struct thread *td);
	/*
	 * mmap: the object to map for [foff, foff + size), with a
	 * reference, and the maximum protection the open mode allows
	 * (*maxprotp).  May replace *foffp (device pagers).  prot and
	 * flags are Umbra's PROT_* and MAP_*.
	 */
	int	(*fo_mmap)(struct file *fp, vm_size_t size, vm_prot_t prot,
		    int flags, vm_ooffset_t *foffp, vm_prot_t *maxprotp,
		    struct vm_object **objp, struct thread *td);
	int	fo_flags;		/* DFLAG_* */
};

#define DFLAG_PASSABLE	0x01	/* (unused: no descriptor passing) */
#define DFLAG_SEEKABLE	0x02	/* lseek works; pread/pwrite allowed */

struct file {
	volatile u_int	f_count;	/* (a) references */
	u_int		f_flag;		/* (f) fflags: FREAD, FWRITE,
					   O_APPEND, O_NONBLOCK ... */
	short		f_type;		/* (c) DTYPE_* */
	u_short		f_vflags;	/* (f) FOFFSET_* */
	const struct fileops *f_ops;	/* (c) */
	void		*f_data;	/* (c) the object: vnode, pipe ... */
	struct vnode	*f_vnode;	/* (c) the vnode, if any (held) */
	struct ucred	*f_cred;	/* (c) the opener's credential */
	off_t		f_offset;	/* (o) the file position */
	u_int		f_pipegen;	/* (c) a FIFO opened O_RDONLY |
					   O_NONBLOCK with no writer: the
					   pipe's pipe_wgen then (no
					   POLLHUP before a writer came) */
	struct mtx	f_mtx;		/* protects (f) and (o) */
};

#define FOFFSET_LOCKED	0x0001
#define FOFFSET_WAITING	0x0002

/* kern_descrip.c */
int	falloc_noinstall(struct thread *td, struct file **fpp);
void	finit(struct file *fp, u_int flag, short type, void *data,
	    const struct fileops *ops);
struct file *fhold(struct file *fp);
int	fdrop(struct file *fp, struct thread *td);
off_t	foffset_lock(struct file *fp);
void	foffset_unlock(struct file *fp, off_t off);

/* fo_* wrappers with the "not supported" errnos. */
int	fo_read(struct file *fp, struct uio *uio, int flags,
	    struct thread *td);
int	fo_write(struct file *fp, struct uio *uio, int flags,
	    struct thread *td);
int	fo_ioctl(struct file *fp, u_long cmd, void *data,
	    struct thread *td);
int	fo_stat(struct file *fp, struct stat *sb, struct thread *td);
/* Without fo_poll a file is always ready (Linux's DEFAULT_POLLMASK). */
int	fo_poll(struct file *fp, int events, struct thread *td);

/* The vnode file operations (vfs_vnops.c). */
extern const struct fileops vnops;

#endif /* !_SYS_FILE_H_ */
