/*
 * linux_prot.c: the Linux credential system calls: the uid/gid family
 * (getuid ... setresgid, setfsuid, setfsgid) and the supplementary
 * groups, over kern_setids and kern_setgroups (sys/kern/kern_prot.c).
 * The file-system ids are the effective ids: setfsuid and setfsgid
 * return them and change nothing.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/ucred.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

/* Which id a get call returns (the ids of the credential, in order). */
enum linux_idsel { LID_RUID, LID_EUID, LID_RGID, LID_EGID };

static int
linux_getid(struct thread *td, enum linux_idsel which)
{
	struct ucred cr;

	cred_snapshot(td, &cr);
	switch (which) {
	case LID_RUID:
		td->td_retval[0] = cr.cr_ruid;
		break;
	case LID_EUID:
		td->td_retval[0] = cr.cr_uid;
		break;
	case LID_RGID:
		td->td_retval[0] = cr.cr_rgid;
		break;
	case LID_EGID:
		td->td_retval[0] = cr.cr_gid;
		break;
	}
	return (0);
}

int
linux_getuid(struct thread *td, struct linux_noargs *args)
{
	return (linux_getid(td, LID_RUID));
}

int
linux_geteuid(struct thread *td, struct linux_noargs *args)
{
	return (linux_getid(td, LID_EUID));
}

int
linux_getgid(struct thread *td, struct linux_noargs *args)
{
	return (linux_getid(td, LID_RGID));
}

int
linux_getegid(struct thread *td, struct linux_noargs *args)
{
	return (linux_getid(td, LID_EGID));
}

int
linux_setuid(struct thread *td, struct linux_id3_args *args)
{
	return (kern_setids(td, false, ID_SET, 0, args->a, 0));
}

int
linux_setgid(struct thread *td, struct linux_id3_args *args)
{
	return (kern_setids(td, true, ID_SET, 0, args->a, 0));
}

int
linux_setreuid(struct thread *td, struct linux_id3_args *args)
{
	return (kern_setids(td, false, ID_SETRE, args->a, args->b, 0));
}

int
linux_setregid(struct thread *td, struct linux_id3_args *args)
{
	return (kern_setids(td, true, ID_SETRE, args->a, args->b, 0));
}

int
linux_setresuid(struct thread *td, struct linux_id3_args *args)
{
	return (kern_setids(td, false, ID_SETRES, args->a, args->b,
	    args->c));
}

int
linux_setresgid(struct thread *td, struct linux_id3_args *args)
{
	return (kern_setids(td, true, ID_SETRES, args->a, args->b,
	    args->c));
}

/* getresuid, getresgid: three ids out to three user addresses. */
static int
linux_getres(struct thread *td, struct linux_getres_args *args, bool group)
{
	struct ucred cr;
	uint32_t ids[3];
	int error, i;

	cred_snapshot(td, &cr);
	ids[0] = group ? cr.cr_rgid : cr.cr_ruid;
	ids[1] = group ? cr.cr_gid : cr.cr_uid;
	ids[2] = group ? cr.cr_svgid : cr.cr_svuid;
	error = copyout(&ids[0], (void *)args->rp, sizeof(ids[0]));
	for (i = 1; error == 0 && i < 3; i++)
		error = copyout(&ids[i], (void *)(i == 1 ? args->ep :
		    args->sp), sizeof(ids[i]));
	return (error);
}

int
linux_getresuid(struct thread *td, struct linux_getres_args *args)
{
	return (linux_getres(td, args, false));
}

int
linux_getresgid(struct thread *td, struct linux_getres_args *args)
{
	return (linux_getres(td, args, true));
}

/* setfsuid, setfsgid: the old (effective) id; nothing changes. */
int
linux_setfsuid(struct thread *td, struct linux_id3_args *args)
{
	return (linux_getid(td, LID_EUID));
}

int
linux_setfsgid(struct thread *td, struct linux_id3_args *args)
{
	return (linux_getid(td, LID_EGID));
}

/*
 * getgroups(size, list): the count with size 0, else the groups, or
 * EINVAL when size is too small.
 */
int
linux_getgroups(struct thread *td, struct linux_groups_args *args)
{
	struct ucred cr;
	int error = 0;

	if (args->size < 0)
		return (EINVAL);
	cred_snapshot(td, &cr);
	if (args->size != 0) {
		if (args->size < cr.cr_ngroups)
			return (EINVAL);
		error = copyout(cr.cr_groups, (void *)args->list,
		    cr.cr_ngroups * sizeof(gid_t));
	}
	td->td_retval[0] = cr.cr_ngroups;
	return (error);
}

int
linux_setgroups(struct thread *td, struct linux_groups_args *args)
{
	gid_t gids[NGROUPS_MAX];
	int error;

	if (args->size < 0 || args->size > NGROUPS_MAX)
		return (EINVAL);
	error = copyin((const void *)args->list, gids,
	    args->size * sizeof(gid_t));
	if (error != 0)
		return (error);
	return (kern_setgroups(td, args->size, gids));
}
