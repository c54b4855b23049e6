/*
 * tmpfs_vfsops.c: mounting tmpfs (the "tmpfs" VFS type, VFCF_NODEV), and
 * /tmp at boot (share/doc/tmpfs.md).
 *
 * Options come in the mount's "from" string, as Linux's mount(2) data
 * does: "size=N[k|m|g]" (default half of RAM; writes past it get
 * ENOSPC), "nr_inodes=N" (default one per page of the size), "mode=OOO"
 * (of the root directory; default 1777, as Linux), comma-separated; a
 * string without '=' (or NULL) is just a name.  Unmount reclaims every
 * vnode (EBUSY while one is in use) and frees every node with its
 * pages; objects still mapped keep theirs until unmapped.
 *
 * /tmp: once the root is mounted (SI_SUB_ROOT, after vfs_mountroot),
 * tmpfs is mounted on /tmp if the root has that directory, unless the
 * boot environment says umbra.tmpfs_tmp=0.  XXX: bin/init (issue 6)
 * takes this over.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_phys.h>

#include <fs/tmpfs/tmpfs.h>

static MALLOC_DEFINE(M_TMPFSMNT, "tmpfs mount", "tmpfs mounts");

/* Parse a decimal (or, with octal, base-8) number with an optional
   k/m/g suffix from *sp up to ',' or the end.  0 or EINVAL. */
static int
tmpfs_parse_num(const char **sp, bool octal, uint64_t *valp)
{
	const char *s = *sp;
	uint64_t val = 0, base = octal ? 8 : 10;
	int digits = 0;

	for (; *s >= '0' && *s < (char)('0' + base); s++, digits++) {
		if (val > (UINT64_MAX - 9) / base)
			return (EINVAL);
		val = val * base + (uint64_t)(*s - '0');
	}
	if (digits == 0)
		return (EINVAL);
	if (!octal && (*s == 'k' || *s == 'K' || *s == 'm' || *s == 'M' ||
	    *s == 'g' || *s == 'G')) {
		int shift = (*s == 'k' || *s == 'K') ? 10 :
		    (*s == 'm' || *s == 'M') ? 20 : 30;

		if (val > (UINT64_MAX >> shift))
			return (EINVAL);
		val <<= shift;
		s++;
	}
	if (*s != '\0' && *s != ',')
		return (EINVAL);
	*sp = s;
	*valp = val;
	return (0);
}

/* The options of a mount (see the top): 0 or EINVAL. */
static int
tmpfs_parse_opts(const char *opts, uint64_t *sizep, uint64_t *inodesp,
    mode_t *modep)
{
	const char *s = opts;
	uint64_t val;
	int error;

	if (s == NULL || strchr(s, '=') == NULL)
		return (0);
	while (*s != '\0') {
		if (strncmp(s, "size=", 5) == 0) {
			s += 5;
			error = tmpfs_parse_num(&s, false, &val);
			*sizep = val;
		} else if (strncmp(s, "nr_inodes=", 10) == 0) {
			s += 10;
			error = tmpfs_parse_num(&s, false, &val);
			*inodesp = val;
		} else if (strncmp(s, "mode=", 5) == 0) {
			s += 5;
			error = tmpfs_parse_num(&s, true, &val);
			if (error == 0 && val > ALLPERMS)
				error = EINVAL;
			*modep = (mode_t)val;
		} else {
			error = EINVAL;
		}
		if (error != 0)
			return (error);
		if (*s == ',')
			s++;
	}
	return (0);
}

static int
tmpfs_mount(struct mount *mp, const char *from)
{
	struct tmpfs_mount *tmp;
	struct tmpfs_node *root;
	uint64_t size = 0, inodes = 0;
	mode_t mode = S_ISVTX | S_IRWXU | S_IRWXG | S_IRWXO;
	int error;

	error = tmpfs_parse_opts(from, &size, &inodes, &mode);
	if (error != 0)
		return (error);
	tmp = malloc(sizeof(*tmp), M_TMPFSMNT, M_WAITOK | M_ZERO);
	sx_init(&tmp->tm_lock, "tmpfs");
	LIST_INIT(&tmp->tm_nodes);
	tmp->tm_mount = mp;
	tmp->tm_pages_max = size != 0 ? atop(round_page(size)) : physmem / 2;
	if (tmp->tm_pages_max == 0)
		tmp->tm_pages_max = 1;
	tmp->tm_nodes_max = inodes != 0 ? inodes : MAX(tmp->tm_pages_max, 64);
	tmp->tm_nextid = 2;	/* the root's, as on ext2 */
	error = tmpfs_alloc_node(tmp, VDIR, mode, 0, 0, NULL, NULL, 0, &root);
	if (error != 0) {
		sx_destroy(&tmp->tm_lock);
		free(tmp, M_TMPFSMNT);
		return (error);
	}
	root->tn_links = 2;	/* "." and its place in the tree above */
	tmp->tm_root = root;
	mp->mnt_data = tmp;
	mp->mnt_dev = vfs_anon_dev();
	mp->mnt_stat.f_type = TMPFS_MAGIC;
	strlcpy(mp->mnt_stat.f_mntfromname, "tmpfs", MNAMELEN);
	return (0);
}

static int
tmpfs_unmount(struct mount *mp, int flags)
{
	struct tmpfs_mount *tmp = VFSTOTMPFS(mp);
	struct tmpfs_node *node;
	int error;

	(void)flags;
	error = vflush(mp);
	if (error != 0)
		return (error);
	sx_xlock(&tmp->tm_lock);
	while ((node = LIST_FIRST(&tmp->tm_nodes)) != NULL) {
		KASSERT(node->tn_vnode == NULL && node->tn_holds == 0,
		    ("%s: node %p in use", __func__, node));
		tmpfs_free_node(tmp, node);
	}
	KASSERT(tmp->tm_nodes_inuse == 0 && tmp->tm_pages_used == 0,
	    ("%s: %lu nodes, %lu pages left", __func__, tmp->tm_nodes_inuse,
	    tmp->tm_pages_used));
	sx_xunlock(&tmp->tm_lock);
	sx_destroy(&tmp->tm_lock);
	free(tmp, M_TMPFSMNT);
	mp->mnt_data = NULL;
	return (0);
}

static int
tmpfs_root(struct mount *mp, struct vnode **vpp)
{
	return (tmpfs_alloc_vp(mp, VFSTOTMPFS(mp)->tm_root, vpp));
}

static int
tmpfs_statfs(struct mount *mp, struct statfs *sbp)
{
	struct tmpfs_mount *tmp = VFSTOTMPFS(mp);

	sx_xlock(&tmp->tm_lock);
	sbp->f_type = TMPFS_MAGIC;
	sbp->f_bsize = PAGE_SIZE;
	sbp->f_blocks = tmp->tm_pages_max;
	sbp->f_bfree = tmp->tm_pages_max - MIN(tmp->tm_pages_used,
	    tmp->tm_pages_max);
	sbp->f_bavail = sbp->f_bfree;
	sbp->f_files = tmp->tm_nodes_max;
	sbp->f_ffree = tmp->tm_nodes_max - tmp->tm_nodes_inuse;
	sbp->f_namelen = NAME_MAX;
	sx_xunlock(&tmp->tm_lock);
	return (0);
}

static const struct vfsops tmpfs_vfsops = {
	.vfs_mount = tmpfs_mount,
	.vfs_unmount = tmpfs_unmount,
	.vfs_root = tmpfs_root,
	.vfs_statfs = tmpfs_statfs,
};

static const struct vfsconf tmpfs_vfsconf = {
	.vfc_name = "tmpfs",
	.vfc_vfsops = &tmpfs_vfsops,
	.vfc_flags = VFCF_NODEV,
};
VFS_SET(tmpfs_vfsconf);

/* Mount tmpfs on /tmp if the root has it (see the top). */
static void
tmpfs_mount_tmp(const void *arg __unused)
{
	struct thread *td = curthread;
	const char *env;
	struct stat sb;
	int error;

	env = kern_getenv("umbra.tmpfs_tmp");
	if (env != NULL && strcmp(env, "0") == 0)
		return;
	if (rootvnode == NULL || td->td_proc->p_fd == NULL)
		return;
	if (kern_statat(td, 0, AT_FDCWD, "/tmp", UIO_SYSSPACE, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode))
		return;
	error = kern_mount(td, "tmpfs", NULL, "/tmp", 0);
	if (error != 0)
		printf("tmpfs: mounting /tmp failed (error %d)\n", error);
	else
		printf("tmpfs: mounted on /tmp\n");
}
SYSINIT(tmpfs_tmp, SI_SUB_ROOT, SI_ORDER_MIDDLE, tmpfs_mount_tmp, NULL);
