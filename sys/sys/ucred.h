/*
 * ucred.h: credentials (FreeBSD's struct ucred): who a process acts as.
 *
 * A ucred is shared copy-on-write: it is immutable once published, and a
 * change (setuid and friends) makes a new one with crcopy and swaps
 * p_ucred.  Open files hold the credential they were opened with
 * (f_cred), so access checks on them see the opener's identity.
 * sys/kern/kern_prot.c.
 *
 * Lock legend: (c) constant once the credential is shared; (a) atomic.
 */
#ifndef _SYS_UCRED_H_
#define _SYS_UCRED_H_

#include <sys/types.h>

#define NGROUPS_MAX	32	/* supplementary groups */

struct ucred {
	volatile u_int	cr_ref;		/* (a) references */
	uid_t		cr_uid;		/* (c) effective user id */
	uid_t		cr_ruid;	/* (c) real user id */
	uid_t		cr_svuid;	/* (c) saved user id */
	gid_t		cr_gid;		/* (c) effective group id */
	gid_t		cr_rgid;	/* (c) real group id */
	gid_t		cr_svgid;	/* (c) saved group id */
	int		cr_ngroups;	/* (c) entries in cr_groups */
	gid_t		cr_groups[NGROUPS_MAX]; /* (c) supplementary groups */
};

struct ucred *crget(void);		/* a new credential, all root */
struct ucred *crhold(struct ucred *cr);
void	crfree(struct ucred *cr);
struct ucred *crcopy(const struct ucred *cr); /* a private copy */
bool	groupmember(gid_t gid, const struct ucred *cr);
/* 0 if cr is the superuser (euid 0), else EPERM. */
int	priv_check_cred(const struct ucred *cr);

struct thread;
/* kern_setids's how: setuid (e), setreuid (r, e), setresuid (r, e, s). */
#define ID_SET		0
#define ID_SETRE	1
#define ID_SETRES	2
#define ID_UNCHANGED	((u_int)-1)	/* an id left as it is */
int	kern_setids(struct thread *td, bool group, int how, u_int r, u_int e,
	    u_int s);
int	kern_setgroups(struct thread *td, int n, const gid_t *gids);
/* A copy of td's process's credential (no reference). */
void	cred_snapshot(struct thread *td, struct ucred *cr);
/* 0 if cr may signal a process with tcr (Linux's rule), else EPERM. */
int	p_cansignal_cred(const struct ucred *cr, const struct ucred *tcr);

#endif /* !_SYS_UCRED_H_ */
