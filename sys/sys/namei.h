/*
 * namei.h: path name lookup (FreeBSD's namei, reduced).
 *
 * namei walks a path one component at a time from the root (absolute
 * paths) or a start directory (ni_dirfd, AT_FDCWD for the current
 * one), asking each directory's VOP_LOOKUP, crossing mount points, ".."
 * across mounts and the process's root, and following symbolic links
 * (all but the last unless FOLLOW; at most MAXSYMLINKS: ELOOP).  It
 * checks search (x) permission on every directory it passes.
 *
 * Result: ni_vp, the named vnode, referenced (and locked with
 * LOCKLEAF), or NULL for a CREATE/RENAME whose last component does not
 * exist; with LOCKPARENT/WANTPARENT also ni_dvp, the parent directory,
 * referenced (locked with LOCKPARENT), and ni_cnd naming the last
 * component in it (its name points into ni_pnbuf, which is kept until
 * namei_release or NDFREE_PNBUF; without a parent it is freed at once).
 * Release with namei_release, or vput/vrele as held.
 *
 * With WANTPATH, namei also builds ni_path, the absolute path of what
 * it found as Linux's d_path would print it: the start directory's
 * name (its hint, vfs_name.c) or the root's, then each component as
 * the walk takes it, ".." taking back the last one, a symbolic link's
 * target continuing from the root (absolute) or from the directory the
 * link is in (relative), mount points crossed without a trace.  For a
 * CREATE or RENAME whose last component does not exist it is the path
 * the new file will have.  ni_path is NULL when the start directory
 * has no name or the path does not fit in MAXPATHLEN; otherwise it
 * stays (past NDFREE_PNBUF) until namei_release or NDFREE_PATH.  Only
 * the callers that record names ask for it (a MAXPATHLEN buffer per
 * lookup).  sys/kern/vfs_lookup.c.
 */
#ifndef _SYS_NAMEI_H_
#define _SYS_NAMEI_H_

#include <sys/types.h>
#include <sys/param.h>
#include <sys/uio.h>

struct thread;
struct ucred;
struct vnode;

#define NAME_MAX	255	/* bytes in a component */
#define MAXSYMLINKS	40	/* as Linux */

struct componentname {
	u_long		cn_nameiop;	/* LOOKUP, CREATE, DELETE, RENAME */
	u_long		cn_flags;	/* flags below */
	struct ucred	*cn_cred;	/* who looks */
	struct thread	*cn_thread;
	const char	*cn_nameptr;	/* the component (not NUL-ended) */
	size_t		cn_namelen;
};

/* cn_nameiop */
#define LOOKUP		0
#define CREATE		1
#define DELETE		2
#define RENAME		3

/* cn_flags */
#define LOCKLEAF	0x0004	/* lock ni_vp */
#define LOCKPARENT	0x0008	/* return ni_dvp locked */
#define WANTPARENT	0x0010	/* return ni_dvp referenced, unlocked */
#define NOFOLLOW	0x0000
#define FOLLOW		0x0040	/* follow a symlink as last component */
#define ISLASTCN	0x8000	/* (set by namei) the last component */
#define ISDOTDOT	0x2000	/* (set by namei) the component is ".." */
#define TRAILINGSLASH	0x10000	/* (set by namei) the path ended in / */
#define EMPTYPATH	0x20000	/* "" names ni_dirfd (AT_EMPTY_PATH) */
#define NOEXECCHECK	0x40000 /* no search check on the start dir */
#define WANTPATH	0x80000	/* build ni_path, the resolved path */

struct nameidata {
	/* In: */
	const char	*ni_dirp;	/* the path */
	enum uio_seg	ni_segflg;	/* where it is */
	int		ni_dirfd;	/* start of a relative path */
	struct vnode	*ni_startdir;	/* or this, if non-NULL (held) */
	/* Out: */
	struct vnode	*ni_vp;
	struct vnode	*ni_dvp;
	char		*ni_path;	/* (WANTPATH) the resolved absolute
					   path (MAXPATHLEN), or NULL */
	/* Internal: */
	char		*ni_pnbuf;	/* the path's copy (MAXPATHLEN) */
	size_t		ni_pathlen;	/* strlen(ni_path) */
	size_t		ni_rootlen;	/* the process root's part of it */
	int		ni_loopcnt;
	struct componentname ni_cnd;
};

#define NDINIT_AT(ndp, op, flags, seg, path, dirfd, td) do {		\
	memset((ndp), 0, sizeof(*(ndp)));				\
	(ndp)->ni_cnd.cn_nameiop = (op);				\
	(ndp)->ni_cnd.cn_flags = (flags);				\
	(ndp)->ni_segflg = (seg);					\
	(ndp)->ni_dirp = (path);					\
	(ndp)->ni_dirfd = (dirfd);					\
	(ndp)->ni_cnd.cn_thread = (td);					\
} while (0)
#define NDINIT(ndp, op, flags, seg, path, td)				\
	NDINIT_AT(ndp, op, flags, seg, path, AT_FDCWD, td)

int	namei(struct nameidata *ndp);
/* Free what namei kept (the path buffer); vnodes are the caller's. */
void	NDFREE_PNBUF(struct nameidata *ndp);
/* Free ni_path (WANTPATH). */
void	NDFREE_PATH(struct nameidata *ndp);
/* Drop ni_vp and ni_dvp as namei's flags left them (locked or not). */
void	namei_release(struct nameidata *ndp);

#endif /* !_SYS_NAMEI_H_ */
