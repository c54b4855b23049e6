/*
 * sys_generic.c: read, write and ioctl on file descriptors.
 *
 * XXX: there are no files yet.  Descriptors 0, 1 and 2 are the console
 * of every process (kern_descrip.c, fd_console()): writes go to the
 * console (through cnwrite_user, which the test mode prefixes), reads
 * see end of file, and ioctl knows no request (ENOTTY: it is not a
 * terminal yet).  Every other descriptor is EBADF.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/cons.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>
#include <sys/uio.h>

bool	fd_console(struct thread *td, int fd);

/*
 * kern_writev: write auio to descriptor fd.  Returns 0 with the bytes
 * written in td_retval[0] (fewer than asked when a later buffer faults),
 * or EBADF, or EFAULT when nothing could be written.
 */
int
kern_writev(struct thread *td, int fd, struct uio *auio)
{
	char buf[256];
	ssize_t total = auio->uio_resid;
	size_t n;
	int error = 0;

	if (!fd_console(td, fd))
		return (EBADF);
	while (auio->uio_resid > 0) {
		n = MIN((size_t)auio->uio_resid, sizeof(buf));
		error = uiomove(buf, n, auio);
		if (error != 0)
			break;
		cnwrite_user(buf, n);
	}
	if (error != 0 && auio->uio_resid == total)
		return (error);
	td->td_retval[0] = total - auio->uio_resid;
	return (0);
}

/* kern_readv: read from fd into auio: end of file on the console. */
int
kern_readv(struct thread *td, int fd, struct uio *auio)
{
	if (!fd_console(td, fd))
		return (EBADF);
	td->td_retval[0] = 0;
	return (0);
}

/* kern_ioctl: no device takes ioctls yet. */
int
kern_ioctl(struct thread *td, int fd, u_long cmd, vm_offset_t data)
{
	if (!fd_console(td, fd))
		return (EBADF);
	return (ENOTTY);
}
