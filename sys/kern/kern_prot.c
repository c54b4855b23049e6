/*
 * kern_prot.c: credentials (struct ucred, sys/sys/ucred.h).
 *
 * Every process starts as root (uid 0, gid 0, no supplementary groups),
 * as the processes the kernel starts are; kern_setids (the setuid
 * family, Linux's rules) and kern_setgroups change them.  A credential is immutable
 * once shared: changing one means crcopy, edit, swap.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/proc.h>
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

/* An id in {a, b, c}, as the unprivileged may switch among them. */
static bool
id_among(u_int id, u_int a, u_int b, u_int c)
{
	return (id == a || id == b || id == c);
}

/*
 * kern_setids: change the calling process's user ids (group false) or
 * group ids (group true) with Linux's rules for setuid/setgid (ID_SET:
 * e only), setreuid/setregid (ID_SETRE: r, e) and setresuid/setresgid
 * (ID_SETRES).  ID_UNCHANGED (-1) leaves an id alone.  The superuser
 * (effective uid 0) may set anything; anyone else may only choose
 * among the current real, effective and saved ids (EPERM otherwise).
 * A new credential replaces p_ucred under p_mtx.
 * XXX: another thread of the process reading p_ucred without p_mtx
 * may see the old credential freed (FreeBSD gives threads td_ucred).
 */
int
kern_setids(struct thread *td, bool group, int how, u_int r, u_int e,
    u_int s)
{
	struct proc *p = td->td_proc;
	struct ucred *ncr, *ocr;
	u_int *nr, *ne, *ns, or, oe, os;
	bool priv;
	int error = 0;

	KASSERT(how == ID_SET || how == ID_SETRE || how == ID_SETRES,
	    ("kern_setids: how %d", how));
	if (how == ID_SET && e == ID_UNCHANGED)
		return (EINVAL);
	ncr = crget();
	mtx_lock(&p->p_mtx);
	ocr = p->p_ucred;
	memcpy(ncr, ocr, sizeof(*ncr));
	ncr->cr_ref = 1;
	priv = ocr->cr_uid == 0;
	nr = group ? &ncr->cr_rgid : &ncr->cr_ruid;
	ne = group ? &ncr->cr_gid : &ncr->cr_uid;
	ns = group ? &ncr->cr_svgid : &ncr->cr_svuid;
	or = *nr;
	oe = *ne;
	os = *ns;
	switch (how) {
	case ID_SET:
		if (priv)
			*nr = *ne = *ns = e;
		else if (e == or || e == os)
			*ne = e;
		else
			error = EPERM;
		break;
	case ID_SETRE:
		if (!priv && ((r != ID_UNCHANGED && r != or && r != oe) ||
		    (e != ID_UNCHANGED && !id_among(e, or, oe, os)))) {
			error = EPERM;
			break;
		}
		if (r != ID_UNCHANGED)
			*nr = r;
		if (e != ID_UNCHANGED)
			*ne = e;
		/* The saved id follows a new effective one (Linux). */
		if (r != ID_UNCHANGED || (e != ID_UNCHANGED && e != or))
			*ns = *ne;
		break;
	case ID_SETRES:
		if (!priv && ((r != ID_UNCHANGED && !id_among(r, or, oe, os)) ||
		    (e != ID_UNCHANGED && !id_among(e, or, oe, os)) ||
		    (s != ID_UNCHANGED && !id_among(s, or, oe, os)))) {
			error = EPERM;
			break;
		}
		if (r != ID_UNCHANGED)
			*nr = r;
		if (e != ID_UNCHANGED)
			*ne = e;
		if (s != ID_UNCHANGED)
			*ns = s;
		break;
	}
	if (error == 0)
		p->p_ucred = ncr;
	mtx_unlock(&p->p_mtx);
	crfree(error == 0 ? ocr : ncr);
	return (error);
}

/*
 * kern_setgroups: replace the supplementary groups with gids[0..n-1]
 * (kernel memory): the superuser only (EPERM), at most NGROUPS_MAX
 * (EINVAL).
 */
int
kern_setgroups(struct thread *td, int n, const gid_t *gids)
{
	struct proc *p = td->td_proc;
	struct ucred *ncr, *ocr;
	int error = 0;

	if (n < 0 || n > NGROUPS_MAX)
		return (EINVAL);
	ncr = crget();
	mtx_lock(&p->p_mtx);
	ocr = p->p_ucred;
	if (priv_check_cred(ocr) != 0) {
		error = EPERM;
	} else {
		memcpy(ncr, ocr, sizeof(*ncr));
		ncr->cr_ref = 1;
		ncr->cr_ngroups = n;
		memcpy(ncr->cr_groups, gids, n * sizeof(gids[0]));
		p->p_ucred = ncr;
	}
	mtx_unlock(&p->p_mtx);
	crfree(error == 0 ? ocr : ncr);
	return (error);
}

/* cred_snapshot: a copy of td's process's credential, read under p_mtx. */
void
cred_snapshot(struct thread *td, struct ucred *cr)
{
	struct proc *p = td->td_proc;

	mtx_lock(&p->p_mtx);
	memcpy(cr, p->p_ucred, sizeof(*cr));
	mtx_unlock(&p->p_mtx);
	cr->cr_ref = 0;		/* a copy, not a reference */
}

/*
 * p_cansignal: may a process with credential cr signal one with tcr?
 * Linux's rule: the superuser may; others if their real or effective
 * uid is the target's real or saved uid.  0 or EPERM.
 */
int
p_cansignal_cred(const struct ucred *cr, const struct ucred *tcr)
{
	if (priv_check_cred(cr) == 0)
		return (0);
	if (cr->cr_ruid == tcr->cr_ruid || cr->cr_ruid == tcr->cr_svuid ||
	    cr->cr_uid == tcr->cr_ruid || cr->cr_uid == tcr->cr_svuid)
		return (0);
	return (EPERM);
}
