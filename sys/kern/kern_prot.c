/*
 * kern_prot.c: credentials (struct ucred, sys/sys/ucred.h).
 *
 * Every process starts as root (uid 0, gid 0, no supplementary groups),
 * as the processes the kernel starts are; the setuid family comes with
 * the system calls of the userland issue.  A credential is immutable
 * once shared: changing one means crcopy, edit, swap.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/ucred.h>

#include <machine/atomic.h>

static MALLOC_DEFINE(M_CRED, "cred", "credentials");

/* crget: a new credential: root, one reference. */
struct ucred *
crget(void)
{
	struct ucred *cr;

	cr = malloc(sizeof(*cr), M_CRED, M_WAITOK | M_ZERO);
	cr->cr_ref = 1;
	return (cr);
}

/* crhold: one more reference to cr; returns cr. */
struct ucred *
crhold(struct ucred *cr)
{
	KASSERT(cr->cr_ref > 0, ("crhold: cred %p is free", cr));
	atomic_add_int(&cr->cr_ref, 1);
	return (cr);
}

/* crfree: drop a reference; the last frees it. */
void
crfree(struct ucred *cr)
{
	KASSERT(cr->cr_ref > 0, ("crfree: cred %p is free", cr));
	if (atomic_fetchadd_int(&cr->cr_ref, -1) == 1)
		free(cr, M_CRED);
}

/* crcopy: a private copy of cr (one reference) to change. */
struct ucred *
crcopy(const struct ucred *cr)
{
	struct ucred *ncr;

	ncr = crget();
	memcpy(ncr, cr, sizeof(*ncr));
	ncr->cr_ref = 1;
	return (ncr);
}

/* groupmember: is gid cr's effective group or a supplementary one? */
bool
groupmember(gid_t gid, const struct ucred *cr)
{
	int i;

	if (cr->cr_gid == gid)
		return (true);
	for (i = 0; i < cr->cr_ngroups; i++)
		if (cr->cr_groups[i] == gid)
			return (true);
	return (false);
}

/* priv_check_cred: 0 for the superuser, else EPERM. */
int
priv_check_cred(const struct ucred *cr)
{
	return (cr->cr_uid == 0 ? 0 : EPERM);
}
