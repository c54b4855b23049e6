/*
 * vfs_lookup_test.c: in-kernel tests of namei's WANTPATH, the real path
 * it builds as it walks (vfs_lookup.c), and of the name hints recorded
 * from it (vfs_name.c): symlinks with absolute and relative targets,
 * "." and "..", mount points crossed both ways, relative lookups from a
 * descriptor, the current directory and a directory without a name,
 * the path of a file about to be created, and the hint after open,
 * rename and unlink.  On a tree made under /kt_rp of the root file
 * system, with a tmpfs mounted in it; everything is removed after.
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
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>
#include <sys/vnode.h>

#define SYS	UIO_SYSSPACE

static void
rp_namei_type(struct malloc_type *mtp, void *arg)
{
	u_long *inusep = arg;

	if (strcmp(mtp->ks_shortdesc, "namei") == 0)
		*inusep = malloc_type_inuse(mtp);
}

/* namei's allocations in use (path buffers): none between lookups. */
static u_long
rp_namei_inuse(void)
{
	u_long inuse = 0;

	malloc_type_foreach(rp_namei_type, &inuse);
	return (inuse);
}

/*
 * The tree:
 *	/kt_rp/a/b/f		a file
 *	/kt_rp/abs -> /kt_rp/a/b
 *	/kt_rp/chain -> abs
 *	/kt_rp/a/rel -> b/f
 *	/kt_rp/a/up -> ../a/b
 *	/kt_rp/a/tomnt -> /kt_rp/mnt/d
 *	/kt_rp/mnt		tmpfs
 *	/kt_rp/mnt/d/		a directory
 *	/kt_rp/mnt/out -> ../a
 *	/kt_rp/mnt/d/toabs -> /kt_rp/a
 */
static const struct {
	const char *path, *target;	/* target NULL: a directory */
} rp_tree[] = {
	{ "/kt_rp", NULL },
	{ "/kt_rp/a", NULL },
	{ "/kt_rp/a/b", NULL },
	{ "/kt_rp/abs", "/kt_rp/a/b" },
	{ "/kt_rp/chain", "abs" },
	{ "/kt_rp/a/rel", "b/f" },
	{ "/kt_rp/a/up", "../a/b" },
	{ "/kt_rp/a/tomnt", "/kt_rp/mnt/d" },
	{ "/kt_rp/mnt", NULL },
	/* (the mount) */
	{ "/kt_rp/mnt/d", NULL },
	{ "/kt_rp/mnt/out", "../a" },
	{ "/kt_rp/mnt/d/toabs", "/kt_rp/a" },
};
#define RP_MOUNTAT	9	/* mount on /kt_rp/mnt before this entry */

/* Make the tree (skip without a writable root). */
static void
rp_make(struct ktest_ctx *kt)
{
	size_t i;
	int fd;

	if (rootvnode == NULL || curthread->td_proc->p_fd == NULL ||
	    (rootvnode->v_mount->mnt_flag & MNT_RDONLY))
		KT_SKIP(kt, "no writable root file system");
	for (i = 0; i < nitems(rp_tree); i++) {
		if (i == RP_MOUNTAT)
			KT_ASSERT_EQ(kt, kern_mount(curthread, "tmpfs", NULL,
			    "/kt_rp/mnt", 0), 0);
		if (rp_tree[i].target == NULL)
			KT_ASSERT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD,
			    rp_tree[i].path, SYS, 0755), 0);
		else
			KT_ASSERT_EQ(kt, kern_symlinkat(curthread,
			    rp_tree[i].target, AT_FDCWD, rp_tree[i].path, SYS),
			    0);
	}
	KT_ASSERT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/kt_rp/a/b/f", SYS,
	    O_CREAT | O_EXCL | O_WRONLY, 0644), 0);
	fd = (int)curthread->td_retval[0];
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
}

/* Remove the tree, bottom up. */
static void
rp_remove(struct ktest_ctx *kt)
{
	size_t i;

	(void)kern_unlinkat(curthread, AT_FDCWD, "/kt_rp/a/b/f", SYS, 0);
	for (i = nitems(rp_tree); i-- > 0;) {
		KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD,
		    rp_tree[i].path, SYS, rp_tree[i].target == NULL ?
		    AT_REMOVEDIR : 0), 0);
		if (i == RP_MOUNTAT)
			KT_EXPECT_EQ(kt, kern_unmount(curthread, "/kt_rp/mnt",
			    0), 0);
	}
}

/*
 * namei(WANTPATH) of path from dirfd (or from startdir, if not NULL):
 * ni_path into buf ("(null)" when namei gave none), or "error N".
 */
static void
rp_lookup(int dirfd, struct vnode *startdir, const char *path, u_long op,
    u_long flags, char *buf)
{
	struct nameidata nd;
	int error;

	NDINIT_AT(&nd, op, flags | WANTPATH, SYS, path, dirfd, curthread);
	if (startdir != NULL)
		nd.ni_startdir = startdir;
	error = namei(&nd);
	if (error != 0) {
		snprintf(buf, MAXPATHLEN, "error %d", error);
		return;
	}
	strlcpy(buf, nd.ni_path != NULL ? nd.ni_path : "(null)", MAXPATHLEN);
	namei_release(&nd);
}

KTEST(vfs, namei_wantpath)
{
	static const struct {
		const char *path;
		u_long flags;
		const char *want;
	} cases[] = {
		{ "/", FOLLOW, "/" },
		{ "//kt_rp///a/", FOLLOW, "/kt_rp/a" },
		{ "/kt_rp/./a/./b/f", FOLLOW, "/kt_rp/a/b/f" },
		/* "..", and ".." at the root. */
		{ "/kt_rp/a/b/../../a", FOLLOW, "/kt_rp/a" },
		{ "/..", FOLLOW, "/" },
		{ "/../kt_rp/../../kt_rp/a/..", FOLLOW, "/kt_rp" },
		/* An absolute target; a link to a link. */
		{ "/kt_rp/abs", FOLLOW, "/kt_rp/a/b" },
		{ "/kt_rp/abs/f", NOFOLLOW, "/kt_rp/a/b/f" },
		{ "/kt_rp/abs/../b/./f", FOLLOW, "/kt_rp/a/b/f" },
		{ "/kt_rp/chain", FOLLOW, "/kt_rp/a/b" },
		{ "/kt_rp/chain/", NOFOLLOW, "/kt_rp/a/b" },
		{ "/kt_rp/chain", NOFOLLOW, "/kt_rp/chain" },
		/* Relative targets go on from the link's directory. */
		{ "/kt_rp/a/rel", FOLLOW, "/kt_rp/a/b/f" },
		{ "/kt_rp/a/rel", NOFOLLOW, "/kt_rp/a/rel" },
		{ "/kt_rp/a/up/f", FOLLOW, "/kt_rp/a/b/f" },
		{ "/kt_rp/a/up/..", FOLLOW, "/kt_rp/a" },
		/* Mount points, down and up. */
		{ "/kt_rp/mnt", FOLLOW, "/kt_rp/mnt" },
		{ "/kt_rp/mnt/d", FOLLOW, "/kt_rp/mnt/d" },
		{ "/kt_rp/mnt/..", FOLLOW, "/kt_rp" },
		{ "/kt_rp/mnt/d/../../a/b", FOLLOW, "/kt_rp/a/b" },
		{ "/kt_rp/mnt/out/b/f", FOLLOW, "/kt_rp/a/b/f" },
		{ "/kt_rp/a/tomnt", FOLLOW, "/kt_rp/mnt/d" },
		{ "/kt_rp/a/tomnt/..", FOLLOW, "/kt_rp/mnt" },
		{ "/kt_rp/a/tomnt/toabs/rel", FOLLOW, "/kt_rp/a/b/f" },
		/* Errors are namei's. */
		{ "/kt_rp/nothere", FOLLOW, "error 2" },
	};
	char *buf = malloc(MAXPATHLEN, M_TEMP, M_WAITOK);
	u_long inuse;
	size_t i;

	rp_make(kt);
	inuse = rp_namei_inuse();
	for (i = 0; i < nitems(cases); i++) {
		rp_lookup(AT_FDCWD, NULL, cases[i].path, LOOKUP,
		    cases[i].flags, buf);
		KT_EXPECT_STREQ(kt, buf, cases[i].want);
	}
	/* What a CREATE or RENAME would make. */
	rp_lookup(AT_FDCWD, NULL, "/kt_rp/abs/../new", CREATE, LOCKPARENT,
	    buf);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/new");
	rp_lookup(AT_FDCWD, NULL, "/kt_rp/a/tomnt/new", RENAME, WANTPARENT,
	    buf);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/mnt/d/new");
	/* Every ni_path freed, on success and on error. */
	KT_EXPECT_EQ(kt, rp_namei_inuse(), inuse);
	rp_remove(kt);
	free(buf, M_TEMP);
}

/* Relative paths: from a descriptor, the cwd, and a nameless directory. */
KTEST(vfs, namei_wantpath_relative)
{
	char *buf = malloc(MAXPATHLEN, M_TEMP, M_WAITOK);
	struct nameidata nd;
	struct vnode *dvp;
	int fd;

	rp_make(kt);
	/*
	 * A directory namei found but nothing named (no open, no chdir):
	 * a relative path from it has no path, unless a symlink's
	 * absolute target takes the walk back to the root.
	 */
	NDINIT(&nd, LOOKUP, FOLLOW, SYS, "/kt_rp/mnt/d", curthread);
	KT_ASSERT_EQ(kt, namei(&nd), 0);
	dvp = nd.ni_vp;
	KT_EXPECT_EQ(kt, vn_name_get(dvp, buf, MAXPATHLEN), ENOENT);
	rp_lookup(AT_FDCWD, dvp, "..", LOOKUP, FOLLOW, buf);
	KT_EXPECT_STREQ(kt, buf, "(null)");
	rp_lookup(AT_FDCWD, dvp, "toabs/b", LOOKUP, FOLLOW, buf);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/b");
	vrele(dvp);

	/* The open through a symlink names the directory by its real path. */
	KT_ASSERT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/kt_rp/chain/..",
	    SYS, O_RDONLY | O_DIRECTORY, 0), 0);
	fd = (int)curthread->td_retval[0];
	rp_lookup(fd, NULL, "", LOOKUP, EMPTYPATH, buf);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a");
	rp_lookup(fd, NULL, "b/../rel", LOOKUP, FOLLOW, buf);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/b/f");
	rp_lookup(fd, NULL, "../../..", LOOKUP, FOLLOW, buf);
	KT_EXPECT_STREQ(kt, buf, "/");
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);

	KT_ASSERT_EQ(kt, kern_chdir(curthread, "/kt_rp/a/tomnt", SYS), 0);
	rp_lookup(AT_FDCWD, NULL, ".", LOOKUP, FOLLOW, buf);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/mnt/d");
	rp_lookup(AT_FDCWD, NULL, "../out/up", LOOKUP, FOLLOW, buf);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/b");
	KT_EXPECT_EQ(kt, kern_chdir(curthread, "/", SYS), 0);

	rp_remove(kt);
	free(buf, M_TEMP);
}

/* The hint: the real path at open, the new one after rename, deleted. */
KTEST(vfs, name_hint_real_path)
{
	char *buf = malloc(MAXPATHLEN, M_TEMP, M_WAITOK);
	struct file *fp;
	struct vnode *vp;
	u_long inuse;
	int fd;

	rp_make(kt);
	inuse = rp_namei_inuse();
	KT_EXPECT_EQ(kt, inuse, 0);
	KT_ASSERT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/kt_rp/a/rel", SYS,
	    O_RDONLY, 0), 0);
	fd = (int)curthread->td_retval[0];
	KT_ASSERT_EQ(kt, fget(curthread, fd, 0, &fp), 0);
	vp = fp->f_vnode;
	vref(vp);
	(void)fdrop(fp, curthread);
	KT_EXPECT_EQ(kt, vn_name_get(vp, buf, MAXPATHLEN), 0);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/b/f");
	/* The first name stays. */
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_ASSERT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/kt_rp/abs/f", SYS,
	    O_RDONLY, 0), 0);
	fd = (int)curthread->td_retval[0];
	KT_EXPECT_EQ(kt, vn_name_get(vp, buf, MAXPATHLEN), 0);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/b/f");
	/* Renamed (through a symlinked directory): the new real path. */
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, "/kt_rp/a/b/f",
	    AT_FDCWD, "/kt_rp/abs/../g", SYS, 0), 0);
	KT_EXPECT_EQ(kt, vn_name_get(vp, buf, MAXPATHLEN), 0);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/g");
	/* Unlinked while open: Linux's " (deleted)". */
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_rp/a/g", SYS,
	    0), 0);
	KT_EXPECT_EQ(kt, vn_name_get(vp, buf, MAXPATHLEN), 0);
	KT_EXPECT_STREQ(kt, buf, "/kt_rp/a/g (deleted)");
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	vrele(vp);
	/* Failed opens after namei succeeded. */
	KT_EXPECT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/kt_rp/abs", SYS,
	    O_WRONLY, 0), EISDIR);
	KT_EXPECT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/kt_rp/a", SYS,
	    O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	/* open, O_CREAT, rename and unlink freed their paths. */
	KT_EXPECT_EQ(kt, rp_namei_inuse(), inuse);
	rp_remove(kt);
	free(buf, M_TEMP);
}
