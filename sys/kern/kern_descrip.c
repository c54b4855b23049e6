/*
 * kern_descrip.c: file descriptors.
 *
 * XXX: a stand-in until there is a descriptor table: every process has
 * descriptors 0, 1 and 2, all the console, which cannot be closed for
 * good (close succeeds and they stay).  Everything else is EBADF.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>

bool	fd_console(struct thread *td, int fd);

/* fd_console: is fd one of the console descriptors? */
bool
fd_console(struct thread *td, int fd)
{
	(void)td;
	return (fd >= 0 && fd <= 2);
}

/* kern_close: close fd.  0 or EBADF. */
int
kern_close(struct thread *td, int fd)
{
	return (fd_console(td, fd) ? 0 : EBADF);
}

/*
 * kern_fstat: what fd is.  The console is a character device (5, 1), as
 * /dev/console is on Linux, owned by root, mode 0600.
 */
int
kern_fstat(struct thread *td, int fd, struct stat *sbp)
{
	if (!fd_console(td, fd))
		return (EBADF);
	memset(sbp, 0, sizeof(*sbp));
	sbp->st_mode = S_IFCHR | 0600;
	sbp->st_nlink = 1;
	sbp->st_rdev = (5 << 8) | 1;
	sbp->st_blksize = 1024;
	return (0);
}
