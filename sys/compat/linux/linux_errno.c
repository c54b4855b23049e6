/*
 * linux_errno.c: Umbra errno -> Linux errno.
 *
 * Umbra's errno values are Linux's already (sys/sys/errno.h), so the
 * translation is the identity for every user-visible error; it exists so
 * that the one place to change is here should an Umbra-only value ever
 * appear.  Kernel-internal values (EJUSTRETURN) never get here.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>

#include <compat/linux/linux.h>

#define LINUX_ELAST	133	/* EHWPOISON, the last Linux errno */

/* linux_errno: the Linux errno for Umbra errno error (> 0). */
int
linux_errno(int error)
{
	KASSERT(error > 0 && error <= LINUX_ELAST,
	    ("linux_errno: %d is no errno", error));
	return (error);
}
