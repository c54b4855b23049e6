/*
 * procfs_vnops.c: the process file system's vnodes (FreeBSD's
 * linprocfs, reduced; share/doc/procfs.md).
 *
 * The tree:
 *	/proc			PFS_ROOT	directory
 *	/proc/self		PFS_SELF	symlink to the caller's pid
 *	/proc/meminfo ...	PFS_MEMINFO..PFS_BOOTCMD
 *	/proc/<pid>		PFS_PROCDIR	one per process (zombies too)
 *	/proc/<pid>/exe		PFS_EXE		symlink to the program
 *	/proc/<pid>/fd		PFS_FDDIR	one symlink per descriptor
 *	/proc/<pid>/fd/<n>	PFS_FD
 *	/proc/<pid>/maps ...	PFS_MAPS..PFS_COMM
 *
 * Nothing is stored: a node is (type, pid, fd), its vnode is found in
 * the vnode cache by an id made of the three, and everything else is
 * asked of the process when a call needs it.  Regular files are
 * generated whole into a buffer on each read (procfs_linux.c) and the
 * asked-for range is copied out with uiomove; they report size 0, as
 * Linux's do.  Everything is read-only (EACCES for writing, EROFS for
 * changes); owners are root.  A node whose process is gone fails with
 * ENOENT (lookup, getattr) or ESRCH (read), as Linux's.
 *
 * The file system is mounted on /proc at boot, right after the root,
 * when the root has a /proc directory (bin/init will take that over).
 * XXX: unmount is EBUSY: there is no way yet to reclaim a mount's
 * cached vnodes.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <fs/procfs/procfs.h>

static MALLOC_DEFINE(M_PROCFS, "procfs", "procfs nodes and buffers");

#define PROCFS_MAGIC	0x9fa0		/* Linux's PROC_SUPER_MAGIC */

static const struct vop_vector procfs_vnops;

/* A directory's fixed entries. */
struct pfsdirent {
	const char	*name;
	enum pfstype	type;
};

static const struct pfsdirent procfs_root_ents[] = {
	{ "self", PFS_SELF },
	{ "meminfo", PFS_MEMINFO },
	{ "mounts", PFS_MOUNTS },
	{ "cpuinfo", PFS_CPUINFO },
	{ "uptime", PFS_UPTIME },
	{ "loadavg", PFS_LOADAVG },
	{ "version", PFS_VERSION },
	{ "cmdline", PFS_BOOTCMD },
};

static const struct pfsdirent procfs_proc_ents[] = {
	{ "exe", PFS_EXE },
	{ "fd", PFS_FDDIR },
	{ "maps", PFS_MAPS },
	{ "status", PFS_STATUS },
	{ "stat", PFS_STAT },
	{ "cmdline", PFS_CMDLINE },
	{ "comm", PFS_COMM },
};

/* The vnode type of a node type. */
static enum vtype
procfs_vtype(enum pfstype type)
{
	switch (type) {
	case PFS_ROOT:
	case PFS_PROCDIR:
	case PFS_FDDIR:
		return (VDIR);
	case PFS_SELF:
	case PFS_EXE:
	case PFS_FD:
		return (VLNK);
	default:
		return (VREG);
	}
}

/* Does process pid exist (running or a zombie)? */
static bool
procfs_pid_exists(pid_t pid)
{
	struct proc *p;
	bool ok;

	if (pid <= 0)
		return (false);
	mtx_lock(&proctree_lock);
	p = pfind_locked(pid);
	ok = p != NULL && p->p_state != PRS_NEW;
	mtx_unlock(&proctree_lock);
	return (ok);
}

/*
 * procfs_vget: the vnode of node (type, pid, fd) of mount mp,
 * referenced and locked, from the cache or made now.
 */
static int
procfs_vget(struct mount *mp, enum pfstype type, pid_t pid, int fd,
    struct vnode **vpp)
{
	struct pfsnode *pn;
	struct vnode *vp;
	ino_t id = PROCFS_ID(type, pid, fd);
	int error;

	KASSERT(type < PFS_NTYPES, ("%s: bad type %d", __func__, type));
	error = vfs_hash_get(mp, id, vpp);
	if (error != 0 || *vpp != NULL)
		return (error);
	pn = malloc(sizeof(*pn), M_PROCFS, M_WAITOK);
	pn->pn_type = type;
	pn->pn_pid = pid;
	pn->pn_fd = fd;
	(void)getnewvnode("procfs", mp, &procfs_vnops, &vp);
	vp->v_data = pn;
	vp->v_type = procfs_vtype(type);
	return (vfs_hash_insert(vp, id, vpp));
}

/* ---- vfsops ---------------------------------------------------------- */

static int
procfs_mount(struct mount *mp, const char *from __unused)
{
	mp->mnt_data = NULL;
	mp->mnt_dev = vfs_anon_dev();
	mp->mnt_flag |= MNT_NOSUID | MNT_NODEV | MNT_NOEXEC;
	return (0);
}

static int
procfs_unmount(struct mount *mp __unused, int flags __unused)
{
	return (EBUSY);		/* XXX: see the top of the file */
}

static int
procfs_root(struct mount *mp, struct vnode **vpp)
{
	return (procfs_vget(mp, PFS_ROOT, 0, -1, vpp));
}

static int
procfs_statfs(struct mount *mp __unused, struct statfs *sbp)
{
	sbp->f_type = PROCFS_MAGIC;
	sbp->f_bsize = PAGE_SIZE;
	sbp->f_namelen = NAME_MAX;
	return (0);
}

static const struct vfsops procfs_vfsops = {
	.vfs_mount = procfs_mount,
	.vfs_unmount = procfs_unmount,
	.vfs_root = procfs_root,
	.vfs_statfs = procfs_statfs,
};

static const struct vfsconf procfs_vfsconf = {
	.vfc_name = "procfs",
	.vfc_vfsops = &procfs_vfsops,
	.vfc_flags = VFCF_NODEV,
};
VFS_SET(procfs_vfsconf);

/* ---- vnode operations ----------------------------------------------- */

/* A decimal number of at most 9 digits, no sign or leading zero. */
static int
procfs_parse_num(const char *s, size_t len, int *np)
{
	int n = 0;
	size_t i;

	if (len == 0 || len > 9 || (s[0] == '0' && len > 1))
		return (ENOENT);
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (ENOENT);
		n = n * 10 + (s[i] - '0');
	}
	*np = n;
	return (0);
}

/* Look name up among a directory's fixed entries. */
static int
procfs_lookup_fixed(const struct pfsdirent *ents, size_t n,
    struct componentname *cnp, enum pfstype *typep)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(ents[i].name) == cnp->cn_namelen &&
		    memcmp(ents[i].name, cnp->cn_nameptr, cnp->cn_namelen) ==
		    0) {
			*typep = ents[i].type;
			return (0);
		}
	return (ENOENT);
}

static int
procfs_lookup(struct vnode *dvp, struct vnode **vpp,
    struct componentname *cnp)
{
	struct pfsnode *dpn = dvp->v_data;
	struct mount *mp = dvp->v_mount;
	enum pfstype type;
	int error, n;

	*vpp = NULL;
	if (dvp->v_type != VDIR)
		return (ENOTDIR);
	if (cnp->cn_nameiop != LOOKUP && (cnp->cn_flags & ISLASTCN))
		return (EROFS);
	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == '.') {
		vref(dvp);
		*vpp = dvp;
		return (0);
	}
	if (cnp->cn_flags & ISDOTDOT) {
		if (dpn->pn_type == PFS_ROOT) {
			vref(dvp);
			*vpp = dvp;
			return (0);
		}
		/* Parent before child: let go of dvp while locking "..". */
		VOP_UNLOCK(dvp);
		if (dpn->pn_type == PFS_PROCDIR)
			error = procfs_vget(mp, PFS_ROOT, 0, -1, vpp);
		else
			error = procfs_vget(mp, PFS_PROCDIR, dpn->pn_pid, -1,
			    vpp);
		(void)vn_lock(dvp, LK_RETRY);
		return (error);
	}
	switch (dpn->pn_type) {
	case PFS_ROOT:
		if (procfs_lookup_fixed(procfs_root_ents,
		    nitems(procfs_root_ents), cnp, &type) == 0)
			return (procfs_vget(mp, type, 0, -1, vpp));
		error = procfs_parse_num(cnp->cn_nameptr, cnp->cn_namelen,
		    &n);
		if (error != 0 || !procfs_pid_exists(n))
			return (ENOENT);
		return (procfs_vget(mp, PFS_PROCDIR, n, -1, vpp));
	case PFS_PROCDIR:
		if (!procfs_pid_exists(dpn->pn_pid))
			return (ENOENT);
		error = procfs_lookup_fixed(procfs_proc_ents,
		    nitems(procfs_proc_ents), cnp, &type);
		if (error != 0)
			return (error);
		return (procfs_vget(mp, type, dpn->pn_pid, -1, vpp));
	case PFS_FDDIR:
		error = procfs_parse_num(cnp->cn_nameptr, cnp->cn_namelen,
		    &n);
		if (error != 0 || !procfs_fd_open(dpn->pn_pid, n))
			return (ENOENT);
		return (procfs_vget(mp, PFS_FD, dpn->pn_pid, n, vpp));
	default:
		return (ENOTDIR);
	}
}

/*
 * One directory entry at the uio's offset; its cookie (d_off) is next.
 * Returns EJUSTRETURN when the buffer is full.
 */
static int
procfs_dirent(struct uio *uio, const char *name, uint64_t ino, int dtype,
    off_t next, bool *anyp)
{
	char rec[DIRENT_RECLEN(NAME_MAX)];
	struct dirent *d = (struct dirent *)rec;
	size_t namelen = strlen(name), dlen = DIRENT_RECLEN(namelen);
	int error;

	if ((size_t)uio->uio_resid < dlen)
		return (*anyp ? EJUSTRETURN : EINVAL);
	memset(rec, 0, dlen);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = (uint16_t)dlen;
	d->d_type = (uint8_t)dtype;
	memcpy(d->d_name, name, namelen);
	error = uiomove(rec, dlen, uio);
	if (error != 0)
		return (error);
	uio->uio_offset = next;
	*anyp = true;
	return (0);
}

/* DT_* of a node type. */
static int
procfs_dtype(enum pfstype type)
{
	switch (procfs_vtype(type)) {
	case VDIR:
		return (DT_DIR);
	case VLNK:
		return (DT_LNK);
	default:
		return (DT_REG);
	}
}

/*
 * Directory offsets: 0 ".", 1 "..", 2.. the fixed entries, then from
 * base = 2 + nfixed, the numbered entries (pids, descriptors): offset
 * base + k means "the next number >= k".
 */
static int
procfs_readdir(struct vnode *vp, struct uio *uio, int *eofp)
{
	struct pfsnode *pn = vp->v_data;
	const struct pfsdirent *ents = NULL;
	size_t nfixed = 0;
	off_t base, off;
	bool any = false;
	char name[16];
	int error = 0, k;

	*eofp = 0;
	if (vp->v_type != VDIR)
		return (ENOTDIR);
	if (pn->pn_type == PFS_ROOT) {
		ents = procfs_root_ents;
		nfixed = nitems(procfs_root_ents);
	} else if (pn->pn_type == PFS_PROCDIR) {
		ents = procfs_proc_ents;
		nfixed = nitems(procfs_proc_ents);
	}
	if (pn->pn_type != PFS_ROOT && !procfs_pid_exists(pn->pn_pid))
		return (ENOENT);
	base = 2 + (off_t)nfixed;
	while (error == 0) {
		off = uio->uio_offset;
		if (off < 0)
			return (EINVAL);
		if (off == 0) {
			error = procfs_dirent(uio, ".", vp->v_hashid, DT_DIR, 1,
			    &any);
		} else if (off == 1) {
			/* The root's ".." is its own (namei crosses the
			   mount point before asking). */
			error = procfs_dirent(uio, "..", pn->pn_type ==
			    PFS_FDDIR ? PROCFS_ID(PFS_PROCDIR, pn->pn_pid, -1) :
			    PROCFS_ID(PFS_ROOT, 0, -1), DT_DIR, 2, &any);
		} else if (off < base) {
			const struct pfsdirent *e = &ents[off - 2];

			error = procfs_dirent(uio, e->name, PROCFS_ID(e->type,
			    pn->pn_pid, -1), procfs_dtype(e->type), off + 1,
			    &any);
		} else if (pn->pn_type == PFS_ROOT) {
			mtx_lock(&proctree_lock);
			/* Pids from 1: the kernel's process is not listed. */
			k = proc_next_pid((pid_t)MAX(off - base - 1, 0));
			mtx_unlock(&proctree_lock);
			if (k == 0)
				break;
			snprintf(name, sizeof(name), "%d", k);
			error = procfs_dirent(uio, name, PROCFS_ID(PFS_PROCDIR,
			    k, -1), DT_DIR, base + k + 1, &any);
		} else if (pn->pn_type == PFS_FDDIR) {
			k = procfs_fd_next(pn->pn_pid, (int)(off - base));
			if (k < 0)
				break;
			snprintf(name, sizeof(name), "%d", k);
			error = procfs_dirent(uio, name, PROCFS_ID(PFS_FD,
			    pn->pn_pid, k), DT_LNK, base + k + 1, &any);
		} else {
			break;
		}
	}
	if (error == EJUSTRETURN)
		return (0);
	if (error == 0)
		*eofp = 1;
	return (error);
}

static int
procfs_getattr(struct vnode *vp, struct vattr *vap)
{
	struct pfsnode *pn = vp->v_data;
	struct timespec now;

	if (pn->pn_pid != 0 && !procfs_pid_exists(pn->pn_pid))
		return (ENOENT);
	if (pn->pn_type == PFS_FD && !procfs_fd_open(pn->pn_pid, pn->pn_fd))
		return (ENOENT);
	nanotime(&now);
	memset(vap, 0, sizeof(*vap));
	vap->va_type = vp->v_type;
	switch (vp->v_type) {
	case VDIR:
		vap->va_mode = 0555;
		vap->va_nlink = 2;
		break;
	case VLNK:
		vap->va_mode = 0777;
		vap->va_nlink = 1;
		break;
	default:
		vap->va_mode = 0444;
		vap->va_nlink = 1;
		break;
	}
	vap->va_fsid = vp->v_mount->mnt_dev;
	vap->va_fileid = vp->v_hashid;
	vap->va_blocksize = PAGE_SIZE;
	vap->va_atime = vap->va_mtime = vap->va_ctime = now;
	return (0);
}

static int
procfs_access(struct vnode *vp, int accmode, struct ucred *cred)
{
	if (accmode & (VWRITE | VAPPEND))
		return (EACCES);
	return (vaccess(vp->v_type, vp->v_type == VDIR ? 0555 : vp->v_type ==
	    VLNK ? 0777 : 0444, 0, 0, accmode, cred));
}

static int
procfs_read(struct vnode *vp, struct uio *uio, int ioflag __unused,
    struct ucred *cred __unused)
{
	struct pfsnode *pn = vp->v_data;
	struct pfsbuf pb;
	int error;

	if (vp->v_type == VDIR)
		return (EISDIR);
	if (vp->v_type != VREG)
		return (EINVAL);
	if (uio->uio_offset < 0)
		return (EINVAL);
	pfsbuf_init(&pb);
	error = procfs_fill(pn->pn_type, pn->pn_pid, &pb);
	if (error == 0 && (uint64_t)uio->uio_offset < pb.pb_len)
		error = uiomove(pb.pb_buf + uio->uio_offset,
		    MIN(pb.pb_len - (size_t)uio->uio_offset,
		    (size_t)uio->uio_resid), uio);
	pfsbuf_free(&pb);
	return (error);
}

static int
procfs_readlink(struct vnode *vp, struct uio *uio)
{
	char *buf;
	int error;

	if (vp->v_type != VLNK)
		return (EINVAL);
	buf = malloc(MAXPATHLEN, M_PROCFS, M_WAITOK);
	error = procfs_link(vp->v_data, buf, MAXPATHLEN);
	if (error == 0)
		error = uiomove(buf, MIN(strlen(buf), (size_t)uio->uio_resid),
		    uio);
	free(buf, M_PROCFS);
	return (error);
}

static int
procfs_setattr(struct vnode *vp __unused, struct vattr *vap __unused,
    struct ucred *cred __unused)
{
	return (EROFS);
}

static int
procfs_reclaim(struct vnode *vp)
{
	free(vp->v_data, M_PROCFS);
	return (0);
}

static const struct vop_vector procfs_vnops = {
	.vop_lookup = procfs_lookup,
	.vop_access = procfs_access,
	.vop_getattr = procfs_getattr,
	.vop_setattr = procfs_setattr,
	.vop_read = procfs_read,
	.vop_readlink = procfs_readlink,
	.vop_readdir = procfs_readdir,
	.vop_reclaim = procfs_reclaim,
};

/* ---- the text buffer ------------------------------------------------ */

void
pfsbuf_init(struct pfsbuf *pb)
{
	pb->pb_size = 1024;
	pb->pb_len = 0;
	pb->pb_buf = malloc(pb->pb_size, M_PROCFS, M_WAITOK);
	pb->pb_buf[0] = '\0';
}

void
pfsbuf_free(struct pfsbuf *pb)
{
	free(pb->pb_buf, M_PROCFS);
	pb->pb_buf = NULL;
}

/* Room for n more bytes and a NUL. */
static void
pfsbuf_reserve(struct pfsbuf *pb, size_t n)
{
	char *nbuf;
	size_t size = pb->pb_size;

	if (pb->pb_len + n + 1 <= size)
		return;
	while (pb->pb_len + n + 1 > size)
		size *= 2;
	nbuf = malloc(size, M_PROCFS, M_WAITOK);
	memcpy(nbuf, pb->pb_buf, pb->pb_len + 1);
	free(pb->pb_buf, M_PROCFS);
	pb->pb_buf = nbuf;
	pb->pb_size = size;
}

void
pfsbuf_bcat(struct pfsbuf *pb, const void *data, size_t len)
{
	pfsbuf_reserve(pb, len);
	memcpy(pb->pb_buf + pb->pb_len, data, len);
	pb->pb_len += len;
	pb->pb_buf[pb->pb_len] = '\0';
}

void
pfsbuf_printf(struct pfsbuf *pb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(pb->pb_buf + pb->pb_len, pb->pb_size - pb->pb_len, fmt,
	    ap);
	va_end(ap);
	if (pb->pb_len + (size_t)n + 1 > pb->pb_size) {
		pfsbuf_reserve(pb, (size_t)n);
		va_start(ap, fmt);
		(void)vsnprintf(pb->pb_buf + pb->pb_len, pb->pb_size -
		    pb->pb_len, fmt, ap);
		va_end(ap);
	}
	pb->pb_len += (size_t)n;
}

/* ---- mounted at boot ------------------------------------------------ */

/*
 * Mount procfs on /proc once the root is there, if the root has a /proc
 * directory.  XXX: bin/init will mount it instead (issue 6).
 */
static void
procfs_mount_boot(const void *arg __unused)
{
	struct stat sb;
	int error;

	if (rootvnode == NULL || curthread->td_proc->p_fd == NULL)
		return;
	if (kern_statat(curthread, 0, AT_FDCWD, "/proc", UIO_SYSSPACE,
	    &sb) != 0 || !S_ISDIR(sb.st_mode))
		return;
	error = kern_mount(curthread, "procfs", "proc", "/proc", 0);
	if (error != 0)
		printf("procfs: mount on /proc failed (error %d)\n", error);
}
SYSINIT(procfs_mount, SI_SUB_ROOT, SI_ORDER_SECOND, procfs_mount_boot, NULL);
