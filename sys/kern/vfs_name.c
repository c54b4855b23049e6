/*
 * vfs_name.c: a vnode's name hint, its real path: the absolute path
 * without symbolic links, "." or "..", by which open(2), exec or
 * chdir(2) first reached it, as Linux's d_path prints the dentry.
 *
 * There is no name cache from which to rebuild a file's path, yet
 * procfs must print one: /proc/<pid>/exe, the fd/ links and the
 * pathnames of /proc/<pid>/maps.  So those calls look their path up
 * with WANTPATH, which has namei write down the path it actually walks
 * (vfs_lookup.c: the start directory's hint or the root, each component
 * taken, ".." going back one, a symlink's target walked instead of the
 * link, mount points crossed), and record the result here.  A file
 * first reached through /bin/sh -> busybox is named /bin/busybox.
 *
 * It is a hint, as FreeBSD's old v_path was:
 *  - the first name stays (so exec of /proc/self/exe does not rename
 *    the program; a file with two hard links keeps the one first used);
 *  - rename(2) gives the renamed vnode its new path (vn_name_rename),
 *    and a directory's rename moves the hints below it;
 *  - unlink(2) (and rmdir, and a rename over the file) of the name the
 *    hint holds appends Linux's " (deleted)" (vn_name_unlink); such a
 *    hint gives way to the next name recorded;
 *  - a lookup from a start directory without a name (never opened or
 *    entered by name) records nothing.
 * The root vnode's name is "/".  In a chroot, paths are the system's,
 * the chroot directory's name first.
 *
 * The hint is malloc'ed, replaced whole under v_interlock and freed
 * when the vnode is reclaimed (vgone).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/vnode.h>

static MALLOC_DEFINE(M_VNNAME, "vnname", "vnode name hints");

/* What Linux's d_path appends to the path of an unlinked file. */
#define VN_NAME_DELETED	" (deleted)"

static bool	vn_name_known(struct vnode *vp);

/*
 * vn_name_get: vp's name hint into buf (len bytes, NUL-terminated).
 * ENOENT when it has none, ENAMETOOLONG when it does not fit.
 */
int
vn_name_get(struct vnode *vp, char *buf, size_t len)
{
	int error = 0;

	if (vp == rootvnode || ((vp->v_vflag & VV_ROOT) &&
	    vp->v_mount->mnt_vnodecovered == NULL))
		return (strlcpy(buf, "/", len) < len ? 0 : ENAMETOOLONG);
	mtx_lock(&vp->v_interlock);
	if (vp->v_name == NULL)
		error = ENOENT;
	else if (strlcpy(buf, vp->v_name, len) >= len)
		error = ENAMETOOLONG;
	mtx_unlock(&vp->v_interlock);
	return (error);
}

/* Is the hint name (NUL-ended) one an unlink marked? */
static bool
vn_name_isdeleted(const char *name)
{
	size_t len = strlen(name), dlen = sizeof(VN_NAME_DELETED) - 1;

	return (len > dlen && strcmp(name + len - dlen, VN_NAME_DELETED) == 0);
}

/*
 * Make a copy of name (plus suffix, "" for none) vp's hint, always
 * (replace), or when it has none or one an unlink marked.
 */
static void
vn_name_put(struct vnode *vp, const char *name, const char *suffix,
    bool replace)
{
	char *new, *old;
	size_t len = strlen(name), slen = strlen(suffix);

	new = malloc(len + slen + 1, M_VNNAME, M_WAITOK);
	memcpy(new, name, len);
	memcpy(new + len, suffix, slen + 1);
	mtx_lock(&vp->v_interlock);
	old = vp->v_name;
	if (replace || old == NULL || vn_name_isdeleted(old)) {
		vp->v_name = new;
		new = NULL;
	} else {
		old = NULL;
	}
	mtx_unlock(&vp->v_interlock);
	if (new != NULL)
		free(new, M_VNNAME);
	if (old != NULL)
		free(old, M_VNNAME);
}

/*
 * vn_name_set: make name (absolute, without symlinks, "." or "..")
 * vp's hint, unless it has one (the first name stays).
 */
void
vn_name_set(struct vnode *vp, const char *name)
{
	KASSERT(name[0] == '/', ("%s: relative name %s", __func__, name));
	if (vn_name_known(vp))
		return;
	vn_name_put(vp, name, "", false);
}

/* Does vp have a name hint already (not one an unlink marked)? */
static bool
vn_name_known(struct vnode *vp)
{
	bool known;

	mtx_lock(&vp->v_interlock);
	known = vp->v_name != NULL && !vn_name_isdeleted(vp->v_name);
	mtx_unlock(&vp->v_interlock);
	return (known);
}

/* vn_name_free: drop vp's hint (reclaim). */
void
vn_name_free(struct vnode *vp)
{
	char *old;

	mtx_lock(&vp->v_interlock);
	old = vp->v_name;
	vp->v_name = NULL;
	mtx_unlock(&vp->v_interlock);
	if (old != NULL)
		free(old, M_VNNAME);
}

/*
 * vn_name_record: path, what a WANTPATH lookup gave as ni_path (NULL
 * when it could not tell), reached vp: the first name stays.
 */
void
vn_name_record(struct vnode *vp, const char *path)
{
	if (path != NULL)
		vn_name_set(vp, path);
}

/* A renamed directory's old and new paths, for vn_name_move_below. */
struct vn_name_move {
	const char	*from;		/* "/a/d" */
	size_t		fromlen;
	const char	*to;		/* "/b/e" */
	size_t		tolen;
};

/*
 * vn_name_move_below: a vnode whose hint lies below the renamed
 * directory ("/a/d/x/y") gets the new prefix ("/b/e/x/y").  Under the
 * vnode cache's lock: no sleeping, so a hint that cannot be allocated
 * is dropped instead (the next open records one).
 */
static void
vn_name_move_below(struct vnode *vp, void *arg)
{
	const struct vn_name_move *mv = arg;
	char *old, *new;
	size_t rest;

	mtx_lock(&vp->v_interlock);
	old = vp->v_name;
	if (old == NULL || strncmp(old, mv->from, mv->fromlen) != 0 ||
	    old[mv->fromlen] != '/') {
		mtx_unlock(&vp->v_interlock);
		return;
	}
	rest = strlen(old + mv->fromlen);
	new = malloc(mv->tolen + rest + 1, M_VNNAME, M_NOWAIT);
	if (new != NULL) {
		memcpy(new, mv->to, mv->tolen);
		memcpy(new + mv->tolen, old + mv->fromlen, rest + 1);
	}
	vp->v_name = new;
	mtx_unlock(&vp->v_interlock);
	free(old, M_VNNAME);
}

/*
 * vn_name_rename: vp was renamed from the path from to path (ni_path of
 * the two WANTPATH lookups, each NULL when it could not tell): path is
 * its new hint (without one, no hint: the next open records one).  A
 * directory's rename moves the hints of everything below its old path
 * too, as Linux's paths follow their dentries.
 */
void
vn_name_rename(struct vnode *vp, const char *from, const char *path)
{
	struct vn_name_move mv;

	if (path == NULL) {
		vn_name_free(vp);
		return;
	}
	vn_name_put(vp, path, "", true);
	if (vp->v_type != VDIR || from == NULL || strcmp(from, "/") == 0)
		return;
	mv.from = from;
	mv.fromlen = strlen(from);
	mv.to = path;
	mv.tolen = strlen(path);
	vfs_hash_foreach(vn_name_move_below, &mv);
}

/*
 * vn_name_unlink: the name path (ni_path of the unlink's WANTPATH
 * lookup, or NULL) was removed from vp: if it was vp's hint, the hint
 * gets Linux's " (deleted)".
 */
void
vn_name_unlink(struct vnode *vp, const char *path)
{
	bool same;

	if (path == NULL)
		return;
	mtx_lock(&vp->v_interlock);
	same = vp->v_name != NULL && strcmp(vp->v_name, path) == 0;
	mtx_unlock(&vp->v_interlock);
	if (same)
		vn_name_put(vp, path, VN_NAME_DELETED, true);
}
