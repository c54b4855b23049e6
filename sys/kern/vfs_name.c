/*
 * vfs_name.c: a vnode's name hint, the absolute path it was first
 * opened, executed or entered (chdir) by.
 *
 * There is no name cache from which to rebuild a file's path, yet
 * procfs must print one: /proc/<pid>/exe, the fd/ links and the
 * pathnames of /proc/<pid>/maps.  So open(2), exec and chdir(2) record
 * on the vnode the path that reached it, made absolute with the name of
 * the directory the lookup started from and normalized lexically ("."
 * and empty components dropped, ".." taking back the component before
 * it).  It is a hint, as FreeBSD's old v_path was: the first name
 * stays (so exec of /proc/self/exe does not rename the program), a
 * rename or an unlink leaves it stale, a file first reached through a
 * symlink keeps the path as given, not the link's target, and a
 * relative path from a directory without a name (never opened or
 * entered by name) records nothing.  The root vnode's name is "/".
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

static bool	vn_name_known(struct vnode *vp);

/*
 * vn_path_normalize: rewrite the absolute path in place without "."
 * and empty components, and with each ".." removing the component
 * before it (never above "/").  A trailing slash is dropped.  Returns
 * the new length.
 */
size_t
vn_path_normalize(char *path)
{
	char *r = path, *w = path, *comp;
	size_t n;

	KASSERT(path[0] == '/', ("%s: relative path %s", __func__, path));
	/* Each kept component is written as "/name"; w never passes r. */
	while (*r != '\0') {
		while (*r == '/')
			r++;
		if (*r == '\0')
			break;
		comp = r;
		while (*r != '\0' && *r != '/')
			r++;
		n = r - comp;
		if (n == 1 && comp[0] == '.')
			continue;
		if (n == 2 && comp[0] == '.' && comp[1] == '.') {
			/* Back to the slash before the last component. */
			while (w > path && *--w != '/')
				;
			continue;
		}
		*w++ = '/';
		memmove(w, comp, n);
		w += n;
	}
	if (w == path)
		*w++ = '/';
	*w = '\0';
	return (w - path);
}

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

/*
 * vn_name_set: make name (absolute, normalized) vp's hint, unless it
 * has one (the first name stays).
 */
void
vn_name_set(struct vnode *vp, const char *name)
{
	char *new;
	size_t len = strlen(name) + 1;

	KASSERT(name[0] == '/', ("%s: relative name %s", __func__, name));
	if (vn_name_known(vp))
		return;
	new = malloc(len, M_VNNAME, M_WAITOK);
	memcpy(new, name, len);
	mtx_lock(&vp->v_interlock);
	if (vp->v_name == NULL) {
		vp->v_name = new;
		new = NULL;
	}
	mtx_unlock(&vp->v_interlock);
	if (new != NULL)
		free(new, M_VNNAME);
}

/* Does vp have a name hint already? */
static bool
vn_name_known(struct vnode *vp)
{
	bool known;

	mtx_lock(&vp->v_interlock);
	known = vp->v_name != NULL;
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
 * vn_name_record: after a lookup of path (in space seg) from dirfd
 * (AT_FDCWD: the current directory) reached vp, make the absolute
 * path vp's hint.  Best effort: records nothing when the start
 * directory has no name or the path cannot be read.
 */
void
vn_name_record(struct thread *td, int dirfd, const char *path,
    enum uio_seg seg, struct vnode *vp)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct file *fp = NULL;
	struct vnode *dvp = NULL;
	char *buf;
	size_t done, len = 0;
	int error;

	if (vn_name_known(vp))
		return;
	buf = malloc(2 * MAXPATHLEN, M_VNNAME, M_WAITOK);
	if (seg == UIO_USERSPACE)
		error = copyinstr(path, buf + MAXPATHLEN, MAXPATHLEN, &done);
	else
		error = strlcpy(buf + MAXPATHLEN, path, MAXPATHLEN) <
		    MAXPATHLEN ? 0 : ENAMETOOLONG;
	if (error != 0 || buf[MAXPATHLEN] == '\0')
		goto out;
	if (buf[MAXPATHLEN] != '/') {
		/* Relative: the start directory's name first. */
		if (dirfd == AT_FDCWD) {
			if (fdp == NULL)
				goto out;
			FILEDESC_SLOCK(fdp);
			dvp = fdp->fd_cdir;
			if (dvp != NULL)
				vref(dvp);
			FILEDESC_SUNLOCK(fdp);
		} else if (fget(td, dirfd, 0, &fp) == 0) {
			dvp = fp->f_vnode;
			if (dvp != NULL)
				vref(dvp);
			(void)fdrop(fp, td);
		}
		if (dvp == NULL)
			goto out;
		error = vn_name_get(dvp, buf, MAXPATHLEN);
		vrele(dvp);
		if (error != 0)
			goto out;
		len = strlen(buf);
		buf[len++] = '/';
	}
	done = strlen(buf + MAXPATHLEN);
	if (len + done >= MAXPATHLEN)
		goto out;
	memmove(buf + len, buf + MAXPATHLEN, done + 1);
	(void)vn_path_normalize(buf);
	vn_name_set(vp, buf);
out:
	free(buf, M_VNNAME);
}

KTEST(vfs, path_normalize)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "/", "/" },
		{ "//", "/" },
		{ "/a", "/a" },
		{ "/a/", "/a" },
		{ "/a//b/./c", "/a/b/c" },
		{ "/a/b/../c", "/a/c" },
		{ "/..", "/" },
		{ "/../a/..", "/" },
		{ "/a/b/c/../../d", "/a/d" },
		{ "/.hidden/..x", "/.hidden/..x" },
		{ "/tests/./dynamic_test", "/tests/dynamic_test" },
	};
	char buf[64];
	size_t i, n;

	for (i = 0; i < nitems(cases); i++) {
		strlcpy(buf, cases[i].in, sizeof(buf));
		n = vn_path_normalize(buf);
		KT_EXPECT_STREQ(kt, buf, cases[i].out);
		KT_EXPECT_EQ(kt, n, strlen(cases[i].out));
	}
}
