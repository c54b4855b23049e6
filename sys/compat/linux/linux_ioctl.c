/*
 * linux_ioctl.c: Linux's ioctl(2): each known Linux command is
 * translated to Umbra's (sys/sys/ioccom.h encodings), its argument
 * copied in and translated, kern_ioctl called with the kernel buffer,
 * and the result translated and copied out (FreeBSD's linux_ioctl.c
 * design).  An unknown command fails as Linux does for a file that
 * does not know it: EBADF for a bad descriptor, else ENOTTY.
 *
 * Known: FIONREAD (0x541b).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/filio.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

#define LINUX_FIONREAD		0x541b

int
linux_ioctl(struct thread *td, struct linux_ioctl_args *args)
{
	int n, error;

	switch (args->cmd) {
	case LINUX_FIONREAD:
		error = kern_ioctl(td, args->fd, FIONREAD, &n);
		if (error == 0)
			error = copyout(&n, (void *)args->arg, sizeof(n));
		return (error);
	default:
		/* No command 0: EBADF or the file's ENOTTY. */
		return (kern_ioctl(td, args->fd, 0, NULL));
	}
}
