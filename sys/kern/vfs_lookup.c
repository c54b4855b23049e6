/*
 * vfs_lookup.c: namei, path name lookup (sys/sys/namei.h).
 *
 * The walk holds one directory locked at a time (dp), asks its
 * VOP_LOOKUP for the next component, and moves down: lock order is
 * parent before child, and ".." is the file system's job (it unlocks
 * the child before locking the parent).  Mount points are crossed
 * downward through v_mountedhere and upward, for "..", through
 * mnt_vnodecovered; ".." never leaves the process's root directory.
 * A symbolic link met before the last component, or as the last with
 * FOLLOW, is read and its text replaces it in the path (MAXSYMLINKS
 * links at most: ELOOP).
 *
 * WANTPATH: the walk also writes down where it is, in ni_path, for the
 * vnode name hints (vfs_name.c).  ni_path is always the absolute path
 * of dp as seen from the system's root: it starts as the name of the
 * process's root (an absolute path) or of the start directory, each
 * component taken is appended, ".." removes the last one (".." at the
 * process's root is "." and removes nothing), a symbolic link adds
 * nothing (its target is walked instead: from the root if absolute,
 * from dp if relative), and a mount point adds nothing either (the
 * mounted root has the covered directory's path).  Anything that
 * cannot be written down (a start directory without a name, a path
 * past MAXPATHLEN) drops ni_path, never the lookup.  share/doc/vfs.md.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/uio.h>
#include <sys/vnode.h>

static MALLOC_DEFINE(M_NAMEI, "namei", "path names being looked up");

/* NDFREE_PNBUF: free the path buffer namei allocated. */
void
NDFREE_PNBUF(struct nameidata *ndp)
{
	if (ndp->ni_pnbuf != NULL) {
		free(ndp->ni_pnbuf, M_NAMEI);
		ndp->ni_pnbuf = NULL;
	}
}

/* NDFREE_PATH: free ni_path (WANTPATH). */
void
NDFREE_PATH(struct nameidata *ndp)
{
	if (ndp->ni_path != NULL) {
		free(ndp->ni_path, M_NAMEI);
		ndp->ni_path = NULL;
	}
}

/*
 * WANTPATH: ni_path becomes the name of dp (its hint; "/" for the
 * system's root): the process's root (isroot: an absolute path, or a
 * symlink's absolute target), whose part of the path ".." never takes
 * back, or the start directory of a relative path.  No ni_path if dp
 * has no name.
 */
static void
namei_path_start(struct nameidata *ndp, struct vnode *dp, bool isroot)
{
	if ((ndp->ni_cnd.cn_flags & WANTPATH) == 0)
		return;
	if (ndp->ni_path == NULL)
		ndp->ni_path = malloc(MAXPATHLEN, M_NAMEI, M_WAITOK);
	if (vn_name_get(dp, ndp->ni_path, MAXPATHLEN) != 0 ||
	    ndp->ni_path[0] != '/') {
		NDFREE_PATH(ndp);
		return;
	}
	ndp->ni_pathlen = strlen(ndp->ni_path);
	ndp->ni_rootlen = isroot ? ndp->ni_pathlen : 1;
}

/*
 * WANTPATH: the walk took component [name, name + len) from the
 * directory ni_path names: append it ("." nothing, ".." takes the last
 * component back, never the process root's part).
 */
static void
namei_path_add(struct nameidata *ndp, const char *name, size_t len)
{
	char *path = ndp->ni_path;
	size_t n = ndp->ni_pathlen;

	if (path == NULL || len == 0 || (len == 1 && name[0] == '.'))
		return;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (n <= ndp->ni_rootlen)
			return;
		while (n > 0 && path[n - 1] != '/')
			n--;
		if (n > 1)
			n--;		/* the slash, unless it is "/" */
	} else {
		if (n + 1 + len >= MAXPATHLEN) {
			NDFREE_PATH(ndp);
			return;
		}
		if (n > 1)
			path[n++] = '/';
		memcpy(path + n, name, len);
		n += len;
	}
	path[n] = '\0';
	ndp->ni_pathlen = n;
}

/* Copy the path in; ENOENT for "" (unless EMPTYPATH), ENAMETOOLONG. */
static int
namei_getpath(struct nameidata *ndp)
{
	size_t done;
	int error;

	ndp->ni_pnbuf = malloc(MAXPATHLEN, M_NAMEI, M_WAITOK);
	if (ndp->ni_segflg == UIO_SYSSPACE) {
		if (strlcpy(ndp->ni_pnbuf, ndp->ni_dirp, MAXPATHLEN) >=
		    MAXPATHLEN)
			return (ENAMETOOLONG);
		error = 0;
	} else {
		error = copyinstr(ndp->ni_dirp, ndp->ni_pnbuf, MAXPATHLEN,
		    &done);
	}
	if (error == 0 && ndp->ni_pnbuf[0] == '\0' &&
	    (ndp->ni_cnd.cn_flags & EMPTYPATH) == 0)
		error = ENOENT;
	return (error);
}

/*
 * The directory a relative path starts from: ni_startdir, the current
 * directory, or the directory open as ni_dirfd; referenced in *dpp.
 */
static int
namei_startdir(struct nameidata *ndp, struct thread *td, struct vnode **dpp)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct vnode *dp;
	int error;

	if (ndp->ni_startdir != NULL) {
		dp = ndp->ni_startdir;
	} else if (ndp->ni_dirfd == AT_FDCWD) {
		FILEDESC_SLOCK(fdp);
		dp = fdp->fd_cdir;
		if (dp == NULL) {
			FILEDESC_SUNLOCK(fdp);
			return (ENOENT);	/* no root file system */
		}
		vref(dp);
		FILEDESC_SUNLOCK(fdp);
		*dpp = dp;
		return (0);
	} else {
		error = fgetvp(td, ndp->ni_dirfd, &dp);
		if (error != 0)
			return (error);
		if (dp->v_type != VDIR && ndp->ni_pnbuf[0] != '\0') {
			vrele(dp);
			return (ENOTDIR);
		}
		*dpp = dp;
		return (0);
	}
	vref(dp);
	*dpp = dp;
	return (0);
}

/*
 * Splice the target of symlink vp (locked) in front of rest, the path
 * after the link, in ni_pnbuf.  ELOOP past MAXSYMLINKS, ENAMETOOLONG.
 */
static int
namei_symlink(struct nameidata *ndp, struct vnode *vp, const char *rest)
{
	struct iovec iov;
	struct uio uio;
	char *buf;
	size_t linklen, restlen;
	int error;

	if (++ndp->ni_loopcnt > MAXSYMLINKS)
		return (ELOOP);
	buf = malloc(MAXPATHLEN, M_NAMEI, M_WAITOK);
	iov.iov_base = buf;
	iov.iov_len = MAXPATHLEN;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = 0;
	uio.uio_resid = MAXPATHLEN;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_rw = UIO_READ;
	uio.uio_td = curthread;
	error = VOP_READLINK(vp, &uio);
	if (error != 0) {
		free(buf, M_NAMEI);
		return (error);
	}
	linklen = MAXPATHLEN - uio.uio_resid;
	if (linklen == 0) {
		free(buf, M_NAMEI);
		return (ENOENT);
	}
	restlen = strlen(rest);
	if (linklen + 1 + restlen + 1 > MAXPATHLEN) {
		free(buf, M_NAMEI);
		return (ENAMETOOLONG);
	}
	if (restlen > 0) {
		buf[linklen++] = '/';
		memcpy(buf + linklen, rest, restlen);
	}
	buf[linklen + restlen] = '\0';
	memcpy(ndp->ni_pnbuf, buf, linklen + restlen + 1);
	free(buf, M_NAMEI);
	return (0);
}

/*
 * From directory dp (locked) go up through ".." across mount points:
 * while dp is the root of a file system mounted on a directory, move to
 * that directory.  Stops at the process's root and the system's.
 */
static struct vnode *
namei_dotdot_mounts(struct vnode *dp, struct vnode *rootdir)
{
	struct vnode *tdp;

	while (dp != rootdir && dp != rootvnode && (dp->v_vflag & VV_ROOT) &&
	    dp->v_mount->mnt_vnodecovered != NULL) {
		tdp = dp->v_mount->mnt_vnodecovered;
		vref(tdp);
		vput(dp);
		(void)vn_lock(tdp, LK_RETRY);
		dp = tdp;
	}
	return (dp);
}

/* Cross mounts downward from vp (locked): the mounted root, locked. */
static int
namei_cross_mounts(struct vnode **vpp)
{
	struct vnode *vp = *vpp, *tvp;
	struct mount *mp;
	int error;

	while (vp->v_type == VDIR && (mp = vp->v_mountedhere) != NULL) {
		error = VFS_ROOT(mp, &tvp);
		if (error != 0)
			return (error);
		vput(vp);
		vp = tvp;
		*vpp = vp;
	}
	return (0);
}

/* Leave the result as the flags ask (see namei.h). */
static void
namei_finish(struct nameidata *ndp, struct vnode *dp, struct vnode *vp)
{
	u_long flags = ndp->ni_cnd.cn_flags;

	ndp->ni_vp = vp;
	ndp->ni_dvp = NULL;
	if (vp == dp) {
		/* One vnode, one lock, a reference for each role. */
		if ((flags & (LOCKLEAF | LOCKPARENT)) == 0)
			VOP_UNLOCK(dp);
		if (flags & (LOCKPARENT | WANTPARENT))
			ndp->ni_dvp = dp;
		else
			vrele(dp);
		return;
	}
	if (vp != NULL && (flags & LOCKLEAF) == 0)
		VOP_UNLOCK(vp);
	if (flags & LOCKPARENT) {
		ndp->ni_dvp = dp;
	} else if (flags & WANTPARENT) {
		VOP_UNLOCK(dp);
		ndp->ni_dvp = dp;
	} else {
		vput(dp);
	}
}

/*
 * The lookup succeeded: a caller that gets the parent also gets ni_cnd
 * naming the last component, which points into the path buffer: that
 * buffer stays until namei_release (or NDFREE_PNBUF).
 */
static void
namei_done(struct nameidata *ndp)
{
	if ((ndp->ni_cnd.cn_flags & (LOCKPARENT | WANTPARENT)) == 0)
		NDFREE_PNBUF(ndp);
}

/*
 * namei: look up ndp's path.  See namei.h for the result.  Errors:
 * ENOENT, ENOTDIR, EACCES (search permission), ELOOP, ENAMETOOLONG,
 * EFAULT, EBADF (ni_dirfd), and the file systems' errors.
 */
int
namei(struct nameidata *ndp)
{
	struct componentname *cnp = &ndp->ni_cnd;
	struct thread *td = cnp->cn_thread;
	struct filedesc *fdp = td->td_proc->p_fd;
	struct vnode *dp, *vp, *rootdir;
	char *cp, *next, *rest;
	u_long opflags;
	int error;

	KASSERT(fdp != NULL, ("namei: process %d has no files",
	    td->td_proc->p_pid));
	cnp->cn_cred = td->td_proc->p_ucred;
	opflags = cnp->cn_flags & ~(ISLASTCN | ISDOTDOT | TRAILINGSLASH);
	ndp->ni_vp = ndp->ni_dvp = NULL;
	ndp->ni_loopcnt = 0;
	error = namei_getpath(ndp);
	if (error != 0)
		goto fail;
	rootdir = fdp->fd_rdir != NULL ? fdp->fd_rdir : rootvnode;
	if (ndp->ni_pnbuf[0] == '/') {
		if (rootdir == NULL) {
			error = ENOENT;	/* no root file system mounted */
			goto fail;
		}
		dp = rootdir;
		vref(dp);
	} else {
		error = namei_startdir(ndp, td, &dp);
		if (error != 0)
			goto fail;
		namei_path_start(ndp, dp, false);
	}
	(void)vn_lock(dp, LK_RETRY);
	cp = ndp->ni_pnbuf;

	/* AT_EMPTY_PATH: the directory (or file) itself. */
	if (*cp == '\0') {
		vref(dp);
		namei_finish(ndp, dp, dp);
		NDFREE_PNBUF(ndp);
		return (0);
	}

	for (;;) {
		/* Absolute (after a symlink): restart at the root. */
		if (*cp == '/') {
			while (*cp == '/')
				cp++;
			namei_path_start(ndp, rootdir, true);
			if (dp != rootdir) {
				vput(dp);
				dp = rootdir;
				vref(dp);
				(void)vn_lock(dp, LK_RETRY);
			}
			if (*cp == '\0') {
				/* "/" itself. */
				vref(dp);
				namei_finish(ndp, dp, dp);
				NDFREE_PNBUF(ndp);
				return (0);
			}
		}
		if (dp->v_type != VDIR) {
			error = ENOTDIR;
			goto faildp;
		}
		error = VOP_ACCESS(dp, VEXEC, cnp->cn_cred);
		if (error != 0)
			goto faildp;

		/* The component [cp, next), and what follows it. */
		for (next = cp; *next != '\0' && *next != '/'; next++)
			;
		cnp->cn_nameptr = cp;
		cnp->cn_namelen = next - cp;
		if (cnp->cn_namelen > NAME_MAX) {
			error = ENAMETOOLONG;
			goto faildp;
		}
		cnp->cn_flags = opflags;
		rest = next;
		while (*rest == '/')
			rest++;
		if (*rest == '\0') {
			cnp->cn_flags |= ISLASTCN;
			if (rest != next)
				cnp->cn_flags |= TRAILINGSLASH;
		}
		if (cnp->cn_namelen == 2 && cp[0] == '.' && cp[1] == '.') {
			cnp->cn_flags |= ISDOTDOT;
			dp = namei_dotdot_mounts(dp, rootdir);
			if (dp == rootdir || dp == rootvnode) {
				/* ".." of the root is the root. */
				cnp->cn_nameptr = ".";
				cnp->cn_namelen = 1;
				cnp->cn_flags &= ~ISDOTDOT;
			}
		}

		error = VOP_LOOKUP(dp, &vp, cnp);
		if (error == EJUSTRETURN) {
			/* A CREATE or RENAME target that does not exist. */
			KASSERT(cnp->cn_flags & ISLASTCN,
			    ("namei: EJUSTRETURN before the last component"));
			namei_path_add(ndp, cnp->cn_nameptr, cnp->cn_namelen);
			namei_finish(ndp, dp, NULL);
			namei_done(ndp);
			return (0);
		}
		if (error != 0)
			goto faildp;
		if (vp != dp) {
			error = namei_cross_mounts(&vp);
			if (error != 0) {
				vput(vp);
				goto faildp;
			}
		}

		if (vp->v_type == VLNK && ((cnp->cn_flags & ISLASTCN) == 0 ||
		    (opflags & FOLLOW) || (cnp->cn_flags & TRAILINGSLASH))) {
			/* A trailing slash stays: "link/" must name a
			   directory. */
			error = namei_symlink(ndp, vp,
			    (cnp->cn_flags & TRAILINGSLASH) ? next : rest);
			vput(vp);
			if (error != 0)
				goto faildp;
			cp = ndp->ni_pnbuf;
			continue;
		}

		namei_path_add(ndp, cnp->cn_nameptr, cnp->cn_namelen);
		if ((cnp->cn_flags & ISLASTCN) == 0) {
			if (vp == dp) {
				vrele(vp);
			} else {
				vput(dp);
				dp = vp;
			}
			cp = rest;
			continue;
		}

		/* The last component. */
		if ((cnp->cn_flags & TRAILINGSLASH) && vp->v_type != VDIR) {
			if (vp == dp)
				vrele(vp);
			else
				vput(vp);
			error = ENOTDIR;
			goto faildp;
		}
		namei_finish(ndp, dp, vp);
		namei_done(ndp);
		return (0);
	}

faildp:
	vput(dp);
fail:
	NDFREE_PNBUF(ndp);
	NDFREE_PATH(ndp);
	ndp->ni_vp = ndp->ni_dvp = NULL;
	return (error);
}

/*
 * namei_release: drop what a successful namei returned, as its flags
 * left it (ni_vp and ni_dvp may be the same vnode).
 */
void
namei_release(struct nameidata *ndp)
{
	u_long flags = ndp->ni_cnd.cn_flags;
	struct vnode *vp = ndp->ni_vp, *dvp = ndp->ni_dvp;

	if (vp != NULL) {
		if (vp == dvp && (flags & LOCKPARENT))
			vrele(vp);
		else if (flags & LOCKLEAF)
			vput(vp);
		else
			vrele(vp);
	}
	if (dvp != NULL) {
		if (flags & LOCKPARENT)
			vput(dvp);
		else
			vrele(dvp);
	}
	ndp->ni_vp = ndp->ni_dvp = NULL;
	NDFREE_PNBUF(ndp);
	NDFREE_PATH(ndp);
}
