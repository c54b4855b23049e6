/*
 * vnode.h: vnodes, the VFS's in-memory files (FreeBSD's design, reduced).
 *
 * A vnode is one file of one mounted file system: its type, its
 * operations (v_op, the file system's vop_vector), the file system's
 * private data (v_data: an inode), and, for a regular file, the
 * vm_object holding its pages (v_object): the unified buffer cache.
 * read(), write() and every mapping of the file go through those pages.
 *
 * Life cycle (vfs_subr.c): a file system makes a vnode with getnewvnode,
 * fills it, and enters it in the vnode cache (vfs_hash_insert, keyed by
 * mount and inode number), so one file has one vnode.  v_usecount counts
 * references (vref/vrele): descriptors, current directories, name
 * lookups in progress, mappings (through the object: each reference to a
 * vnode's object holds one on the vnode).  When it drops to zero the
 * file system's VOP_INACTIVE runs (an unlinked file is freed then) and
 * the vnode stays in the cache, unreferenced, until it is recycled:
 * VOP_RECLAIM writes back and frees its pages and private data.
 *
 * Locking: v_lock, an exclusive sleep lock (vn_lock/VOP_UNLOCK), covers
 * the file's data and attributes during an operation.  Lock order:
 * parent directory before child (namei), and a vnode before its object.
 * v_interlock (a mutex) protects the reference count and the flags.
 *
 * Lock legend:
 *	(c) constant after the vnode is set up
 *	(i) v_interlock
 *	(v) v_lock
 *	(h) vfs_hash_mtx (the cache's hash chains and free list)
 */
#ifndef _SYS_VNODE_H_
#define _SYS_VNODE_H_

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/sx.h>
#include <sys/time.h>
#include <sys/uio.h>

#include <vm/vm.h>

struct componentname;
struct file;
struct mount;
struct nameidata;
struct pipe;
struct stat;
struct thread;
struct ucred;
struct uio;
struct vnode;
struct vop_vector;

enum vtype { VNON, VREG, VDIR, VBLK, VCHR, VLNK, VSOCK, VFIFO, VBAD };

struct vnode {
	enum vtype	v_type;		/* (c) */
	const struct vop_vector *v_op;	/* (c) the file system's ops */
	void		*v_data;	/* (c) the file system's node */
	struct mount	*v_mount;	/* (c) its file system */
	ino_t		v_hashid;	/* (c) cache key (inode number) */
	struct mtx	v_interlock;
	struct sx	v_lock;		/* the vnode lock */
	int		v_usecount;	/* (i) references */
	u_int		v_iflag;	/* (i) VI_* */
	u_int		v_vflag;	/* (v) VV_* */
	int		v_writecount;	/* (i) opens for writing; < 0: as
					   many running texts (ETXTBSY) */
	struct mount	*v_mountedhere;	/* (v) a mount on this directory */
	struct vm_object *v_object;	/* (v) the pages (VREG), or NULL:
					   OBJT_VNODE, the vnode's own; or
					   (tmpfs) the node's anonymous
					   object, which it only borrows */
	void		*v_rdev;	/* (c) device (devfs VCHR) */
	const struct fileops *v_fops;	/* (c) devfs: the device's file ops,
					   used by open instead of vnops */
	struct pipe	*v_fifo;	/* (v) VFIFO: its pipe while open
					   (fs/fifofs/fifo_vnops.c) */
	char		*v_name;	/* (i) name hint: the real path it
					   was first opened by, or NULL
					   (vfs_name.c) */
	LIST_ENTRY(vnode) v_hashlist;	/* (h) hash chain */
	TAILQ_ENTRY(vnode) v_freelist;	/* (h) unreferenced vnodes, LRU */
	TAILQ_ENTRY(vnode) v_mntlist;	/* (h) the mount's vnodes */
};

/* v_iflag */
#define VI_DOOMED	0x0001	/* reclaimed or being reclaimed */
#define VI_FREE		0x0002	/* on the free list */
#define VI_INACTIVE	0x0004	/* VOP_INACTIVE has run since last use */

/* v_vflag */
#define VV_ROOT		0x0001	/* root of its file system */
#define VV_TEXT		0x0002	/* a running program's text */

/*
 * Attributes (VOP_GETATTR / VOP_SETATTR).  For SETATTR, fields left at
 * VNOVAL are not changed.
 */
#define VNOVAL		(-1)

struct vattr {
	enum vtype	va_type;
	mode_t		va_mode;	/* permission bits and S_ISUID.. */
	int		va_nlink;
	uid_t		va_uid;
	gid_t		va_gid;
	dev_t		va_fsid;	/* the file system's device */
	ino_t		va_fileid;	/* inode number */
	off_t		va_size;	/* bytes */
	long		va_blocksize;	/* preferred I/O size */
	struct timespec	va_atime;
	struct timespec	va_mtime;
	struct timespec	va_ctime;
	dev_t		va_rdev;	/* a device's number */
	int64_t		va_bytes;	/* bytes allocated on disk */
	u_int		va_vaflags;	/* VA_* (SETATTR) */
};

#define VA_UTIMES_NULL	0x01	/* utimensat to "now": owner or write
				   access suffices */

/* I/O flags (VOP_READ/VOP_WRITE ioflag). */
#define IO_APPEND	0x0002	/* append: write at the end */
#define IO_SYNC		0x0004	/* write data and metadata at once */
#define IO_NODELOCKED	0x0008	/* the vnode is already locked */
#define IO_NDELAY	0x0010	/* non-blocking */
#define IO_DSYNC	0x0020	/* write data at once */

/* Access modes (VOP_ACCESS accmode). */
#define VEXEC		000100
#define VWRITE		000200
#define VREAD		000400
#define VADMIN		010000	/* owner or superuser (chmod, utimes) */
#define VAPPEND		040000	/* write, appending only */

/* VOP_FSYNC waitfor */
#define MNT_WAIT	1
#define MNT_NOWAIT	2

/* vm_pager results, also returned by VOP_GETPAGES/VOP_PUTPAGES. */
#define VM_PAGER_OK	0
#define VM_PAGER_BAD	1	/* past the end of the object (SIGBUS) */
#define VM_PAGER_FAIL	2	/* no such page (swap: not there) */
#define VM_PAGER_ERROR	4	/* I/O error */
#define VM_PAGER_AGAIN	5	/* try later */

/*
 * The operations a file system provides.  A NULL entry means the
 * default of the VOP_ wrapper below (usually EOPNOTSUPP; see each).
 * Locking: "L" = the vnode is locked exclusively on entry and on
 * return; "U" = unlocked both times.  No operation keeps a lock it was
 * not given or drops one it was given, unless the comment says so.
 */
struct vop_vector {
	/* dvp L: the child named cnp in *vpp, referenced and locked
	   (ENOENT, or EJUSTRETURN for the last component of a CREATE or
	   RENAME that does not exist: then *vpp = NULL).  ".." and "."
	   are handled here too; for ".." the file system unlocks dvp
	   before locking the parent and relocks it after. */
	int	(*vop_lookup)(struct vnode *dvp, struct vnode **vpp,
		    struct componentname *cnp);
	/* dvp L: make a regular file, fifo or device node; *vpp L+ref. */
	int	(*vop_create)(struct vnode *dvp, struct vnode **vpp,
		    struct componentname *cnp, struct vattr *vap);
	int	(*vop_mkdir)(struct vnode *dvp, struct vnode **vpp,
		    struct componentname *cnp, struct vattr *vap);
	int	(*vop_symlink)(struct vnode *dvp, struct vnode **vpp,
		    struct componentname *cnp, struct vattr *vap,
		    const char *target);
	/* dvp L, vp L: remove the entry cnp (vp is what it names). */
	int	(*vop_remove)(struct vnode *dvp, struct vnode *vp,
		    struct componentname *cnp);
	int	(*vop_rmdir)(struct vnode *dvp, struct vnode *vp,
		    struct componentname *cnp);
	/* tdvp L, vp L: a new entry cnp in tdvp for vp. */
	int	(*vop_link)(struct vnode *tdvp, struct vnode *vp,
		    struct componentname *cnp);
	/* All U, referenced (the caller keeps its references); the
	   mount's rename lock is held.  tvp may be NULL. */
	int	(*vop_rename)(struct vnode *fdvp, struct vnode *fvp,
		    struct componentname *fcnp, struct vnode *tdvp,
		    struct vnode *tvp, struct componentname *tcnp);
	int	(*vop_readlink)(struct vnode *vp, struct uio *uio);	/* L */
	int	(*vop_open)(struct vnode *vp, int mode, struct ucred *cred,
		    struct file *fp);				/* L */
	int	(*vop_close)(struct vnode *vp, int fflag,
		    struct ucred *cred);			/* L */
	int	(*vop_access)(struct vnode *vp, int accmode,
		    struct ucred *cred);			/* L */
	int	(*vop_getattr)(struct vnode *vp, struct vattr *vap);	/* L */
	int	(*vop_setattr)(struct vnode *vp, struct vattr *vap,
		    struct ucred *cred);			/* L */
	int	(*vop_read)(struct vnode *vp, struct uio *uio, int ioflag,
		    struct ucred *cred);			/* L */
	int	(*vop_write)(struct vnode *vp, struct uio *uio, int ioflag,
		    struct ucred *cred);			/* L */
	int	(*vop_ioctl)(struct vnode *vp, u_long cmd, void *data,
		    int fflag, struct thread *td);		/* U */
	int	(*vop_poll)(struct vnode *vp, int events,
		    struct thread *td);				/* U */
	int	(*vop_fsync)(struct vnode *vp, int waitfor,
		    bool dataonly);				/* L */
	/* Directory entries in Linux's dirent64 layout (struct dirent)
	   from uio_offset (a cookie the fs chose); *eofp at the end. */
	int	(*vop_readdir)(struct vnode *vp, struct uio *uio,
		    int *eofp);					/* L */
	/* The last reference went away (vp L). */
	int	(*vop_inactive)(struct vnode *vp);
	/* Free the file system's part; pages already written and gone. */
	int	(*vop_reclaim)(struct vnode *vp);
	/* Logical block lbn of the file -> block on the device (in units
	   of *bsizep), -1 for a hole; *runp more contiguous blocks
	   follow it (runp may be NULL).  With BMAP_ALLOC a hole gets a
	   block (ENOSPC).  Not under v_lock: the pager calls it from
	   page faults, so the file system protects its block map with
	   its own lock. */
	int	(*vop_bmap)(struct vnode *vp, int64_t lbn, int64_t *bnp,
		    int *runp, u_int *bsizep, int flags);
	/* Vnode pager: fill the busy pages ma[0..count-1] (consecutive
	   indices of vp's object) from the file; VM_PAGER_*.  vp U. */
	int	(*vop_getpages)(struct vnode *vp, struct vm_page **ma,
		    int count);
	/* Write the busy, write-protected pages back; rtvals[i] gets
	   VM_PAGER_OK or an error per page.  sync: wait for the I/O.
	   vp L. */
	int	(*vop_putpages)(struct vnode *vp, struct vm_page **ma,
		    int count, bool sync, int *rtvals);
};

#define VOP_DEFAULT(vp, op, dflt, ...)					\
	((vp)->v_op->op != NULL ? (vp)->v_op->op(__VA_ARGS__) : (dflt))

#define VOP_LOOKUP(dvp, vpp, cnp)					\
	VOP_DEFAULT(dvp, vop_lookup, ENOTDIR, dvp, vpp, cnp)
#define VOP_CREATE(dvp, vpp, cnp, vap)					\
	VOP_DEFAULT(dvp, vop_create, EOPNOTSUPP, dvp, vpp, cnp, vap)
#define VOP_MKDIR(dvp, vpp, cnp, vap)					\
	VOP_DEFAULT(dvp, vop_mkdir, EOPNOTSUPP, dvp, vpp, cnp, vap)
#define VOP_SYMLINK(dvp, vpp, cnp, vap, target)			\
	VOP_DEFAULT(dvp, vop_symlink, EOPNOTSUPP, dvp, vpp, cnp, vap, target)
#define VOP_REMOVE(dvp, vp, cnp)					\
	VOP_DEFAULT(dvp, vop_remove, EOPNOTSUPP, dvp, vp, cnp)
#define VOP_RMDIR(dvp, vp, cnp)						\
	VOP_DEFAULT(dvp, vop_rmdir, EOPNOTSUPP, dvp, vp, cnp)
#define VOP_LINK(tdvp, vp, cnp)						\
	VOP_DEFAULT(tdvp, vop_link, EOPNOTSUPP, tdvp, vp, cnp)
#define VOP_RENAME(fdvp, fvp, fcnp, tdvp, tvp, tcnp)			\
	VOP_DEFAULT(fdvp, vop_rename, EOPNOTSUPP, fdvp, fvp, fcnp, tdvp,	\
	    tvp, tcnp)
#define VOP_READLINK(vp, uio)						\
	VOP_DEFAULT(vp, vop_readlink, EINVAL, vp, uio)
#define VOP_OPEN(vp, mode, cred, fp)					\
	VOP_DEFAULT(vp, vop_open, 0, vp, mode, cred, fp)
#define VOP_CLOSE(vp, fflag, cred)					\
	VOP_DEFAULT(vp, vop_close, 0, vp, fflag, cred)
#define VOP_ACCESS(vp, accmode, cred)					\
	VOP_DEFAULT(vp, vop_access, vaccess_vnode(vp, accmode, cred),	\
	    vp, accmode, cred)
#define VOP_GETATTR(vp, vap)						\
	VOP_DEFAULT(vp, vop_getattr, EOPNOTSUPP, vp, vap)
#define VOP_SETATTR(vp, vap, cred)					\
	VOP_DEFAULT(vp, vop_setattr, EOPNOTSUPP, vp, vap, cred)
#define VOP_READ(vp, uio, ioflag, cred)					\
	VOP_DEFAULT(vp, vop_read, EINVAL, vp, uio, ioflag, cred)
#define VOP_WRITE(vp, uio, ioflag, cred)				\
	VOP_DEFAULT(vp, vop_write, EINVAL, vp, uio, ioflag, cred)
#define VOP_IOCTL(vp, cmd, data, fflag, td)				\
	VOP_DEFAULT(vp, vop_ioctl, ENOTTY, vp, cmd, data, fflag, td)
#define VOP_FSYNC(vp, waitfor, dataonly)				\
	VOP_DEFAULT(vp, vop_fsync, 0, vp, waitfor, dataonly)
#define VOP_READDIR(vp, uio, eofp)					\
	VOP_DEFAULT(vp, vop_readdir, ENOTDIR, vp, uio, eofp)
#define VOP_INACTIVE(vp)						\
	VOP_DEFAULT(vp, vop_inactive, 0, vp)
#define VOP_RECLAIM(vp)							\
	VOP_DEFAULT(vp, vop_reclaim, 0, vp)
#define VOP_BMAP(vp, lbn, bnp, runp, bsizep, flags)			\
	VOP_DEFAULT(vp, vop_bmap, EOPNOTSUPP, vp, lbn, bnp, runp, bsizep, \
	    flags)
#define BMAP_ALLOC	0x0001
#define VOP_GETPAGES(vp, ma, count)					\
	VOP_DEFAULT(vp, vop_getpages, VM_PAGER_ERROR, vp, ma, count)
#define VOP_PUTPAGES(vp, ma, count, sync, rtvals)			\
	VOP_DEFAULT(vp, vop_putpages, VM_PAGER_ERROR, vp, ma, count, sync, \
	    rtvals)

/* vn_lock flags */
#define LK_EXCLUSIVE	0x0001
#define LK_RETRY	0x0002	/* lock even a doomed vnode */

extern struct vnode *rootvnode;		/* "/" of the system */

/* vfs_subr.c: life cycle, references, locks, the cache. */
int	getnewvnode(const char *tag, struct mount *mp,
	    const struct vop_vector *vops, struct vnode **vpp);
void	vref(struct vnode *vp);
void	vrele(struct vnode *vp);
void	vput(struct vnode *vp);		/* VOP_UNLOCK + vrele */
void	vunref(struct vnode *vp);	/* vrele of a locked vnode; keeps
					   the lock */
int	vn_lock(struct vnode *vp, int flags);	/* ENOENT if doomed */
void	VOP_UNLOCK(struct vnode *vp);
bool	VOP_ISLOCKED(struct vnode *vp);
/* Lock (unlock) the distinct vnodes of vps[0..n-1] (NULLs skipped) in
   an order that cannot deadlock (rename). */
void	vn_lock_set(struct vnode **vps, int n);
void	vn_unlock_set(struct vnode **vps, int n);
void	vgone(struct vnode *vp);	/* reclaim now (vp L, referenced) */
/* Find the vnode (mp, hashid) in the cache: referenced and locked. */
int	vfs_hash_get(struct mount *mp, ino_t hashid, struct vnode **vpp);
/* Enter a new vnode (locked); if another thread entered one first,
   vp is discarded and *vpp is that one (referenced, locked). */
int	vfs_hash_insert(struct vnode *vp, ino_t hashid, struct vnode **vpp);
void	vfs_hash_remove(struct vnode *vp);
/* Permission check of a file with the given owner and mode. */
int	vaccess(enum vtype type, mode_t mode, uid_t uid, gid_t gid,
	    int accmode, struct ucred *cred);
int	vaccess_vnode(struct vnode *vp, int accmode, struct ucred *cred);
void	vattr_null(struct vattr *vap);
enum vtype iftovt(mode_t mode);
mode_t	vttoif(enum vtype type);
/* Write back every dirty page and buffer of every file (sync(2)). */
void	vfs_sync_all(bool wait);
/* VOP_FSYNC every vnode of mp with pages (a file system's vfs_sync). */
void	vfs_fsync_vnodes(struct mount *mp, int waitfor);
/* Reclaim and free every vnode of mp (unmount); EBUSY if one is in use. */
int	vflush(struct mount *mp);
/* fn(vp, arg) for every cached vnode, under the cache's lock (no sleep). */
void	vfs_hash_foreach(void (*fn)(struct vnode *, void *), void *arg);

/* vfs_name.c: name hints (a vnode's real path, for procfs). */
int	vn_name_get(struct vnode *vp, char *buf, size_t len);
void	vn_name_set(struct vnode *vp, const char *name);
void	vn_name_free(struct vnode *vp);
void	vn_name_record(struct vnode *vp, const char *path);
void	vn_name_rename(struct vnode *vp, const char *from, const char *path);
void	vn_name_unlink(struct vnode *vp, const char *path);

/* vfs_vnops.c */
int	vn_stat(struct vnode *vp, struct stat *sb);
/* Kernel I/O on a vnode (exec reads headers): len bytes at offset. */
int	vn_rdwr(enum uio_rw rw, struct vnode *vp, void *base, size_t len,
	    off_t offset, struct ucred *cred, size_t *residp);
int	vn_writechk(struct vnode *vp);	/* ETXTBSY, EROFS */
/* namei + VOP_OPEN with the checks of open(2); *vpp L + ref. */
int	vn_open(struct nameidata *ndp, int *flagsp, int cmode,
	    struct file *fp);
int	vn_close(struct vnode *vp, int flags, struct ucred *cred);

#endif /* !_SYS_VNODE_H_ */
