/*
 * tmpfs.h: tmpfs, the memory file system (FreeBSD's design, our code;
 * share/doc/tmpfs.md).
 *
 * A tmpfs mount is a set of nodes (struct tmpfs_node), one per file,
 * living in kernel memory; a vnode is attached to a node while the file
 * is in use and recycled like any other.  A directory is a tree of
 * entries by name plus a list in creation order, each entry with a
 * cookie that readdir hands out as the offset and that never changes
 * while the entry exists.  A symlink keeps its target in the node.  A
 * regular file keeps its data in an anonymous vm_object (OBJT_SWAP,
 * not OBJ_ANON, so no shadow ever collapses it) that the node owns with
 * one reference: read() and write() copy through its pages, mmap maps
 * it (the vnode's v_object borrows it), and mappings hold references of
 * their own, so the pages outlive the node while they are mapped.
 *
 * A node is freed when it has no links, no vnode and no holds (a
 * lookup of ".." holds the parent while the child's lock is dropped).
 *
 * Locks:
 *	(m) tm_lock, the mount's sx lock: every directory's entries, link
 *	    counts, parents, holds, tn_vnode, the node list and the
 *	    mount's counters.  Order: vnode locks, then tm_lock, then
 *	    object locks; no vnode is locked while tm_lock is held.
 *	(v) the node's vnode lock: its attributes and a file's size.
 *	(c) constant after creation.
 */
#ifndef _FS_TMPFS_TMPFS_H_
#define _FS_TMPFS_TMPFS_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/sx.h>
#include <sys/time.h>
#include <sys/tree.h>
#include <sys/vnode.h>

#include <vm/vm.h>

struct componentname;
struct mount;
struct uio;
struct vattr;

#define TMPFS_MAGIC	0x01021994	/* statfs f_type, as Linux */
#define TMPFS_LINK_MAX	65000
#define TMPFS_DIRENT_SIZE 20		/* a directory's st_size per entry
					   (Linux's BOGO_DIRENT_SIZE) */
#define TMPFS_COOKIE_DOT	0	/* readdir offsets of "." and ".." */
#define TMPFS_COOKIE_DOTDOT	1
#define TMPFS_COOKIE_FIRST	2	/* the first entry's */

struct tmpfs_node;

/* A directory entry. */
struct tmpfs_dirent {
	RB_ENTRY(tmpfs_dirent) td_byname; /* (m) the directory's tree */
	TAILQ_ENTRY(tmpfs_dirent) td_order; /* (m) by cookie */
	struct tmpfs_node *td_node;	/* (m) what it names */
	uint64_t	td_cookie;	/* (m) readdir offset */
	uint16_t	td_namelen;	/* (m) */
	char		*td_name;	/* (m) not NUL-terminated */
};

RB_HEAD(tmpfs_dir, tmpfs_dirent);

struct tmpfs_node {
	LIST_ENTRY(tmpfs_node) tn_entries; /* (m) the mount's nodes */
	struct tmpfs_mount *tn_tmp;	/* (c) */
	enum vtype	tn_type;	/* (c) */
	ino_t		tn_id;		/* (c) inode number */
	mode_t		tn_mode;	/* (v) permission bits */
	uid_t		tn_uid;		/* (v) */
	gid_t		tn_gid;		/* (v) */
	int		tn_links;	/* (m) names (directories: + "."
					   and each child's "..") */
	int		tn_holds;	/* (m) keep the node (".." lookup) */
	struct vnode	*tn_vnode;	/* (m) attached vnode, or NULL */
	off_t		tn_size;	/* (v) bytes */
	struct timespec	tn_atime;	/* (v) */
	struct timespec	tn_mtime;	/* (v) */
	struct timespec	tn_ctime;	/* (v) */
	union {
		struct {		/* VDIR */
			struct tmpfs_dir tn_names;	/* (m) */
			TAILQ_HEAD(, tmpfs_dirent) tn_order; /* (m) */
			struct tmpfs_node *tn_parent;	/* (m) ".." */
			uint64_t tn_nextcookie;		/* (m) */
			int	tn_nentries;		/* (m) */
		} tn_dir;
		struct {		/* VREG */
			vm_object_t tn_object;	/* (c) the data */
			vm_pindex_t tn_pages;	/* (m) pages counted in
						   tm_pages_used */
		} tn_reg;
		char		*tn_link;	/* (c) VLNK target, NUL-ended */
		dev_t		tn_rdev;	/* (c) VCHR, VBLK */
	} tn_u;
};

#define tn_names	tn_u.tn_dir.tn_names
#define tn_order	tn_u.tn_dir.tn_order
#define tn_parent	tn_u.tn_dir.tn_parent
#define tn_nextcookie	tn_u.tn_dir.tn_nextcookie
#define tn_nentries	tn_u.tn_dir.tn_nentries
#define tn_object	tn_u.tn_reg.tn_object
#define tn_pages	tn_u.tn_reg.tn_pages
#define tn_link		tn_u.tn_link
#define tn_rdev		tn_u.tn_rdev

struct tmpfs_mount {
	struct sx	tm_lock;	/* see above */
	struct mount	*tm_mount;	/* (c) */
	struct tmpfs_node *tm_root;	/* (c) */
	LIST_HEAD(, tmpfs_node) tm_nodes; /* (m) every node */
	u_long		tm_pages_max;	/* (c) size limit, pages */
	u_long		tm_pages_used;	/* (m) file pages counted */
	u_long		tm_nodes_max;	/* (c) */
	u_long		tm_nodes_inuse;	/* (m) */
	ino_t		tm_nextid;	/* (m) the next inode number */
};

#define VFSTOTMPFS(mp)	((struct tmpfs_mount *)(mp)->mnt_data)
#define VP_TO_TMPFS_NODE(vp) ((struct tmpfs_node *)(vp)->v_data)

extern const struct vop_vector tmpfs_vnodeops;

/* tmpfs_subr.c */
int	tmpfs_alloc_node(struct tmpfs_mount *tmp, enum vtype type, mode_t mode,
	    uid_t uid, gid_t gid, struct tmpfs_node *parent,
	    const char *target, dev_t rdev, struct tmpfs_node **nodep);
void	tmpfs_free_node(struct tmpfs_mount *tmp, struct tmpfs_node *node);
void	tmpfs_node_hold(struct tmpfs_node *node);
void	tmpfs_node_drop(struct tmpfs_node *node);
int	tmpfs_alloc_vp(struct mount *mp, struct tmpfs_node *node,
	    struct vnode **vpp);
struct tmpfs_dirent *tmpfs_dir_lookup(struct tmpfs_node *dnode,
	    const char *name, size_t namelen);
int	tmpfs_dir_enter(struct tmpfs_node *dnode, const char *name,
	    size_t namelen, struct tmpfs_node *node);
void	tmpfs_dir_remove(struct tmpfs_node *dnode, struct tmpfs_dirent *de);
void	tmpfs_dir_move(struct tmpfs_node *fdnode, struct tmpfs_dirent *de,
	    struct tmpfs_node *tdnode, const char *name, size_t namelen);
int	tmpfs_dir_getdents(struct tmpfs_node *dnode, struct uio *uio,
	    int *eofp);
int	tmpfs_reg_resize(struct vnode *vp, off_t newsize);
int	tmpfs_reg_rdwr(struct vnode *vp, struct uio *uio, int ioflag);
void	tmpfs_pages_sync(struct tmpfs_node *node);
void	tmpfs_itimes(struct tmpfs_node *node, bool access, bool modify,
	    bool change);

#endif /* !_FS_TMPFS_TMPFS_H_ */
