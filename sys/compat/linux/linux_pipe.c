/*
 * linux_pipe.c: Linux's pipe(2) and pipe2(2) over kern_pipe
 * (sys/kern/sys_pipe.c).
 *
 * pipe2 takes Linux's O_CLOEXEC and O_NONBLOCK; O_DIRECT (packet mode)
 * and anything else is EINVAL.  When the descriptors cannot be stored
 * the pipe is closed again and the call fails with EFAULT, as Linux.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

/* Linux's open flags that pipe2 takes (asm-generic/fcntl.h). */
#define LINUX_PIPE_O_NONBLOCK	00004000
#define LINUX_PIPE_O_CLOEXEC	02000000

static int
linux_do_pipe(struct thread *td, uint64_t ufildes, int lflags)
{
	int fildes[2], flags = 0, error;

	if (lflags & ~(LINUX_PIPE_O_NONBLOCK | LINUX_PIPE_O_CLOEXEC))
		return (EINVAL);
	if (lflags & LINUX_PIPE_O_NONBLOCK)
		flags |= O_NONBLOCK;
	if (lflags & LINUX_PIPE_O_CLOEXEC)
		flags |= O_CLOEXEC;
	error = kern_pipe(td, fildes, flags);
	if (error != 0)
		return (error);
	error = copyout(fildes, (void *)ufildes, sizeof(fildes));
	if (error != 0) {
		(void)kern_close(td, fildes[0]);
		(void)kern_close(td, fildes[1]);
	}
	return (error);
}

int
linux_pipe(struct thread *td, struct linux_pipe_args *args)
{
	return (linux_do_pipe(td, args->fildes, 0));
}

int
linux_pipe2(struct thread *td, struct linux_pipe2_args *args)
{
	return (linux_do_pipe(td, args->fildes, args->flags));
}
