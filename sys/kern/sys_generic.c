/*
 * sys_generic.c: read, write and ioctl on descriptors, through the open
 * file's operations (sys/sys/file.h).
 *
 * A partial transfer ended by a signal or by a fault in a later buffer
 * returns the bytes moved, as Linux does; only a transfer that moved
 * nothing returns the error.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>
#include <sys/uio.h>

/* Read or write auio through fp; bytes moved in td_retval[0]. */
static int
dofileio(struct thread *td, struct file *fp, struct uio *auio, off_t offset,
    int flags)
{
	ssize_t cnt = auio->uio_resid;
	int error;

	auio->uio_td = td;
	auio->uio_offset = offset;
	if (auio->uio_rw == UIO_READ)
		error = fo_read(fp, auio, flags, td);
	else
		error = fo_write(fp, auio, flags, td);
	if (error != 0 && auio->uio_resid != cnt &&
	    (error == EINTR || error == ERESTART || error == EFAULT ||
	    error == EAGAIN))
		error = 0;
	if (error == 0)
		td->td_retval[0] = cnt - auio->uio_resid;
	return (error);
}

/* Common part: the file with the access needed, and the checks. */
static int
kern_rw(struct thread *td, int fd, struct uio *auio, enum uio_rw rw,
    bool positioned, off_t offset)
{
	struct file *fp;
	int error;

	error = fget(td, fd, rw == UIO_READ ? FREAD : FWRITE, &fp);
	if (error != 0)
		return (error);
	auio->uio_rw = rw;
	if (positioned) {
		if ((fp->f_ops->fo_flags & DFLAG_SEEKABLE) == 0)
			error = ESPIPE;
		else if (offset < 0)
			error = EINVAL;
		else
			error = dofileio(td, fp, auio, offset, FOF_OFFSET);
	} else {
		error = dofileio(td, fp, auio, 0, 0);
	}
	(void)fdrop(fp, td);
	return (error);
}

/* kern_readv: read into auio from fd's offset. */
int
kern_readv(struct thread *td, int fd, struct uio *auio)
{
	return (kern_rw(td, fd, auio, UIO_READ, false, 0));
}

/* kern_writev: write auio at fd's offset (or its end, O_APPEND). */
int
kern_writev(struct thread *td, int fd, struct uio *auio)
{
	return (kern_rw(td, fd, auio, UIO_WRITE, false, 0));
}

/* kern_preadv: read at offset; the file's offset does not move. */
int
kern_preadv(struct thread *td, int fd, struct uio *auio, off_t offset)
{
	return (kern_rw(td, fd, auio, UIO_READ, true, offset));
}

/* kern_pwritev: write at offset (Linux: O_APPEND still appends). */
int
kern_pwritev(struct thread *td, int fd, struct uio *auio, off_t offset)
{
	return (kern_rw(td, fd, auio, UIO_WRITE, true, offset));
}

/*
 * kern_ioctl: the file's ioctl.  data is a kernel buffer: the ABI layer
 * copies the argument in and the result out, translating layouts
 * (FreeBSD's kern_ioctl; Umbra's commands encode direction and size,
 * sys/ioccom.h).
 */
int
kern_ioctl(struct thread *td, int fd, u_long cmd, void *data)
{
	struct file *fp;
	int error;

	error = fget(td, fd, 0, &fp);
	if (error != 0)
		return (error);
	if (fp->f_flag & O_PATH)
		error = EBADF;
	else
		error = fo_ioctl(fp, cmd, data, td);
	(void)fdrop(fp, td);
	return (error);
}
