/*
 * vm_object.h: VM objects, the containers of pages that map entries
 * point at (vm_object.c; share/doc/vm-object.md).
 *
 * An object is a run of pages addressed by page index (pindex), of one
 * type: anonymous memory (OBJT_DEFAULT, OBJT_SWAP once it has swap), a
 * file (OBJT_VNODE), device or physical memory (OBJT_DEVICE, OBJT_PHYS),
 * or dead (OBJT_DEAD, terminated).  An anonymous object may shadow a
 * backing object: it holds the pages written since the shadow was made,
 * and a page it lacks is looked up in backing_object at pindex +
 * atop(backing_object_offset), and so on down the chain.
 *
 * Lock order: objects top-down along a chain (an object before its
 * backing object), then vm_object_list_mtx (a leaf), then below them
 * page busy, the page queues, pmap, pv, vm_phys (share/doc/vm-object.md).
 *
 * Lock legend:
 *	(c) constant after creation
 *	(o) the object's own lock
 *	(b) the lock of the object's backing object (the list the link is on)
 *	(ob) both the object's lock and its backing object's: either to
 *	     read, both to write
 *	(l) vm_object_list_mtx
 *	(a) atomic; changed under (o) unless the comment says otherwise
 *
 * A file's object (OBJT_VNODE, vnode_pager.c) is held by its vnode
 * without a reference: its ref_count counts the mappings and shadows
 * only, and may be 0 while the object lives on as the file's cache.
 * Each reference to it holds a vnode reference (vref on reference,
 * vrele after the object lock is dropped on deallocate), so the lock
 * order has the object before v_interlock.
 */
#ifndef _VM_VM_OBJECT_H_
#define _VM_VM_OBJECT_H_

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/queue.h>

#include <vm/vm.h>
#include <vm/vm_radix.h>

/* Page index <-> byte offset within an object. */
#define OFF_TO_IDX(off)	((vm_pindex_t)(((vm_ooffset_t)(off)) >> PAGE_SHIFT))
#define IDX_TO_OFF(idx)	(((vm_ooffset_t)(idx)) << PAGE_SHIFT)

/* type */
typedef uint8_t objtype_t;
#define OBJT_DEFAULT	0	/* anonymous memory, zero-filled */
#define OBJT_SWAP	1	/* anonymous memory with swap space */
#define OBJT_VNODE	2	/* a file's pages (vnode_pager.c) */
#define OBJT_DEVICE	3	/* device memory (later) */
#define OBJT_PHYS	4	/* wired physical pages (later) */
#define OBJT_DEAD	5	/* terminated */

struct vm_object {
	struct mtx	lock;		/* the object lock; (c) initialized
					   once per item of the zone */
	TAILQ_ENTRY(vm_object) object_list; /* (l) on vm_object_list */
	LIST_HEAD(, vm_object) shadow_head; /* (o) objects backed by this */
	LIST_ENTRY(vm_object) shadow_list; /* (b) on backing's shadow_head */
	struct vm_radix	rtree;		/* (o) resident pages by pindex */
	vm_pindex_t	size;		/* (o) size in pages */
	u_int		generation;	/* (o) bumped when the resident
					   pages or the chain below change */
	int		ref_count;	/* (o) references: map entries,
					   shadows, transient holders */
	int		shadow_count;	/* (o) objects on shadow_head */
	int		resident_page_count; /* (o) pages in rtree */
	volatile u_int	paging_in_progress; /* (a) holds that keep the
					   object from being freed; may be
					   added under (b), dropped under (o) */
	u_short		flags;		/* (o) OBJ_*; OBJ_ANON is (c) */
	objtype_t	type;		/* (o) OBJT_* */
	vm_object_t	backing_object;	/* (ob) the object this one shadows */
	vm_ooffset_t	backing_object_offset; /* (ob) where this object
					   starts in backing_object, bytes */
	void		*handle;	/* (c) the pager's: vnode, device;
					   (o) for OBJ_NAMED: the vnode using
					   it as v_object, or NULL */
	union {
		struct {
			off_t	vnp_size;	/* (o) the file's size in
						   bytes; size is
						   OFF_TO_IDX(round_page()) */
		} vnp;			/* OBJT_VNODE */
	} un_pager;
};

/* flags */
#define OBJ_FICTITIOUS	0x0001	/* pages are not RAM (device memory) */
#define OBJ_UNMANAGED	0x0002	/* pages have no pv entries */
#define OBJ_DOOMED	0x0004	/* OBJT_VNODE: the vnode was reclaimed
				   while mapped; no pager, and the last
				   reference terminates the object */
#define OBJ_DEAD	0x0008	/* terminating or collapsed away */
#define OBJ_ANON	0x0010	/* anonymous, reachable only through map
				   entries and shadows: may be collapsed */
#define OBJ_NAMED	0x0020	/* a memory file system's file data (tmpfs):
				   never collapsed; handle is the file's
				   vnode while it has one, else NULL */
#define OBJ_COLLAPSING	0x0800	/* pages are moving in from the backing
				   object */
#define OBJ_ONEMAPPING	0x2000	/* one map entry maps each page at most
				   once: the map may free pages it unmaps */

/* vm_object_page_remove options */
#define OBJPR_CLEANONLY	0x1	/* keep dirty pages */
#define OBJPR_NOTMAPPED	0x2	/* pages are known not to be mapped */

#define VM_OBJECT_WLOCK(object)		mtx_lock(&(object)->lock)
#define VM_OBJECT_WUNLOCK(object)	mtx_unlock(&(object)->lock)
#define VM_OBJECT_TRYWLOCK(object)	mtx_trylock(&(object)->lock)
#define VM_OBJECT_WOWNED(object)	mtx_owned(&(object)->lock)
#define VM_OBJECT_ASSERT_WLOCKED(object)				\
	mtx_assert(&(object)->lock, MA_OWNED)
#define VM_OBJECT_ASSERT_LOCKED(object)	VM_OBJECT_ASSERT_WLOCKED(object)
#define VM_OBJECT_ASSERT_UNLOCKED(object)				\
	mtx_assert(&(object)->lock, MA_NOTOWNED)

TAILQ_HEAD(object_q, vm_object);

extern struct object_q vm_object_list;	/* (l) every live object */
extern struct mtx vm_object_list_mtx;

void	vm_object_init(void);
vm_object_t vm_object_allocate(objtype_t type, vm_pindex_t size);
vm_object_t vm_object_allocate_anon(vm_pindex_t size);
void	vm_object_reference(vm_object_t object);
void	vm_object_reference_locked(vm_object_t object);
void	vm_object_deallocate(vm_object_t object);
void	vm_object_shadow(vm_object_t *object, vm_ooffset_t *offset,
	    vm_size_t length);
void	vm_object_collapse(vm_object_t object);
bool	vm_object_coalesce(vm_object_t prev_object, vm_ooffset_t prev_offset,
	    vm_size_t prev_size, vm_size_t next_size);
void	vm_object_split(vm_object_t *objectp, vm_ooffset_t *offsetp,
	    vm_size_t length);
void	vm_object_page_remove(vm_object_t object, vm_pindex_t start,
	    vm_pindex_t end, int options);
void	vm_object_terminate(vm_object_t object);
void	vm_object_set_flag(vm_object_t object, u_short bits);
/* The file behind object (OBJT_VNODE, or OBJ_NAMED), referenced. */
struct vnode *vm_object_vnode_ref(vm_object_t object);
void	vm_object_clear_flag(vm_object_t object, u_short bits);
void	vm_object_pip_add(vm_object_t object, u_int n);
void	vm_object_pip_wakeup(vm_object_t object);
void	vm_object_pip_wait(vm_object_t object, const char *wmesg);
int	vm_object_chain_depth(vm_object_t object);
bool	vm_object_check(vm_object_t object);

#endif /* !_VM_VM_OBJECT_H_ */
