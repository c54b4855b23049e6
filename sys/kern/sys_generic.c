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
#include <sys/malloc.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>
#include <sys/uio.h>
#include <sys/vnode.h>

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

/* The bounce buffer of kern_sendfile: what one read moves at most. */
#define SENDFILE_CHUNK	(64 * 1024)
/* Linux's MAX_RW_COUNT: one call moves no more. */
#define SENDFILE_MAX	0x7ffff000UL

/* sys_uio: *uio over the kernel buffer buf of len bytes. */
static void
sys_uio(struct uio *uio, struct iovec *iov, char *buf, size_t len,
    enum uio_rw rw)
{
	iov->iov_base = buf;
	iov->iov_len = len;
	uio->uio_iov = iov;
	uio->uio_iovcnt = 1;
	uio->uio_resid = len;
	uio->uio_segflg = UIO_SYSSPACE;
	uio->uio_rw = rw;
}

/*
 * sendfile_chunk: one read of up to len bytes from in at pos into buf,
 * and the write of what came to out.  The bytes written in *done; an
 * error only when nothing was written.
 */
static int
sendfile_chunk(struct thread *td, struct file *in, struct file *out,
    char *buf, size_t len, off_t pos, size_t *done)
{
	struct iovec iov;
	struct uio uio;
	size_t got;
	int error;

	*done = 0;
	sys_uio(&uio, &iov, buf, len, UIO_READ);
	error = dofileio(td, in, &uio, pos, FOF_OFFSET);
	if (error != 0)
		return (error);
	got = td->td_retval[0];
	while (*done < got) {
		sys_uio(&uio, &iov, buf + *done, got - *done, UIO_WRITE);
		error = dofileio(td, out, &uio, 0, 0);
		if (error != 0)
			return (*done > 0 ? 0 : error);
		if (td->td_retval[0] == 0)
			break;
		*done += td->td_retval[0];
	}
	return (0);
}

/*
 * kern_sendfile: copy up to count bytes from infd to outfd in the
 * kernel, as Linux's sendfile(2) (whose output may be any file).  With
 * offp, the reads start at *offp, which advances by the bytes written,
 * and infd's offset stays; without, they start at infd's offset, which
 * advances instead.  The bytes written in td_retval[0]: fewer than
 * count at the input's end, or when a write or a signal cut the copy
 * short (an error only when nothing was written).  Errors as Linux:
 * EBADF for a descriptor not open for the direction, ESPIPE for an
 * offset on an input without one, EINVAL for an input that is no file
 * (a pipe) or a directory, an O_APPEND output or a negative offset.
 */
int
kern_sendfile(struct thread *td, int outfd, int infd, off_t *offp,
    size_t count)
{
	struct file *in, *out = NULL;
	size_t total = 0, done;
	off_t pos;
	char *buf = NULL;
	int error;

	error = fget(td, infd, FREAD, &in);
	if (error != 0)
		return (error);
	if (offp != NULL && (in->f_ops->fo_flags & DFLAG_SEEKABLE) == 0) {
		error = ESPIPE;
		goto out;
	}
	error = fget(td, outfd, FWRITE, &out);
	if (error != 0)
		goto out;
	/* Linux reads only files with pages (no pipes, no directories). */
	if ((out->f_flag & O_APPEND) != 0 || in->f_vnode == NULL ||
	    in->f_vnode->v_type == VDIR || (offp != NULL && *offp < 0)) {
		error = EINVAL;
		goto out;
	}
	if (offp != NULL)
		pos = *offp;
	else {
		/* Not held across the copy: out may be the same file. */
		pos = foffset_lock(in);
		foffset_unlock(in, pos);
	}
	count = MIN(count, SENDFILE_MAX);
	buf = malloc(MIN(count, SENDFILE_CHUNK), M_TEMP, M_WAITOK);
	while (total < count) {
		error = sendfile_chunk(td, in, out, buf,
		    MIN(count - total, SENDFILE_CHUNK), pos, &done);
		if (error != 0 || done == 0)
			break;
		total += done;
		pos += done;
	}
	if (total > 0)
		error = 0;
	if (error == 0) {
		td->td_retval[0] = total;
		if (offp != NULL)
			*offp = pos;
		else {
			(void)foffset_lock(in);
			foffset_unlock(in, pos);
		}
	}
out:
	free(buf, M_TEMP);
	if (out != NULL)
		(void)fdrop(out, td);
	(void)fdrop(in, td);
	return (error);
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
