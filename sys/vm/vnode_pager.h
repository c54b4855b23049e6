/*
 * vnode_pager.h: the pages of files (sys/vm/vnode_pager.c;
 * share/doc/vnode-pager.md).
 *
 * Every regular file with data in use has one OBJT_VNODE object
 * (vp->v_object, handle = vp): its pages are the file's cache, shared
 * by read(), write() and every mapping (the unified buffer cache).  The
 * object records the file's size in bytes (vnp_size); a page wholly
 * past it cannot be faulted in (VM_PAGER_BAD -> SIGBUS), the tail of the
 * last page reads as zeros and is never written to the file.
 *
 * References: each reference to the object (a map entry, a shadow
 * object's backing pointer) holds one reference on the vnode, so a
 * mapped file stays alive after close and unlink.  The vnode holds its
 * object without a reference; reclaiming the vnode writes the dirty
 * pages and terminates it.
 */
#ifndef _VM_VNODE_PAGER_H_
#define _VM_VNODE_PAGER_H_

#include <sys/types.h>

#include <vm/vm.h>

struct uio;
struct vnode;

/* The file's object, created with size bytes if it has none (vp L). */
vm_object_t vnode_create_vobject(struct vnode *vp, off_t size);
/* Write back and terminate the object (reclaim; vp L). */
void	vnode_destroy_vobject(struct vnode *vp);
/* The file's size changed (vp L): on shrink, pages wholly past the new
   end are unmapped and freed, and the rest of the last page zeroed. */
void	vnode_pager_setsize(struct vnode *vp, off_t nsize);
/*
 * read/write of a regular file through its pages (vp L): uio_offset and
 * uio_resid say what; a write never extends the size itself (the file
 * system sets the new size with vnode_pager_setsize and allocates blocks
 * first).  Pages are dirtied, not written (IO_SYNC: the caller syncs).
 */
int	vnode_pager_rdwr(struct vnode *vp, struct uio *uio, int ioflag);
/* Generic VOP_GETPAGES/VOP_PUTPAGES through VOP_BMAP and mnt_disk. */
int	vnode_pager_generic_getpages(struct vnode *vp, vm_page_t *ma,
	    int count);
int	vnode_pager_generic_putpages(struct vnode *vp, vm_page_t *ma,
	    int count, bool sync, int *rtvals);
/*
 * Write back the dirty pages of [start, end) (bytes; end 0 = to the
 * end) of a vnode object: msync, fsync, sync, reclaim.  flags:
 * OBJPC_SYNC waits; OBJPC_INVAL then frees the clean pages (unmapping
 * them).  Returns 0 or EIO.
 */
int	vm_object_page_clean(vm_object_t object, vm_ooffset_t start,
	    vm_ooffset_t end, int flags);
#define OBJPC_SYNC	0x1
#define OBJPC_INVAL	0x2

/*
 * Free up to npages clean, unmapped, idle pages of files (the page
 * cache), for an allocation that found no free memory.  Only trylocks;
 * any context but an interrupt handler.  Returns the pages freed.
 * XXX: no LRU: a stand-in until the pagedaemon.
 */
u_long	vnode_pager_reclaim(u_long npages);
#define VNODE_PAGER_RECLAIM_BATCH	64

struct file;
struct thread;
/*
 * fo_mmap of vnodes (vm_mmap.c; the vnode fileops point here): a
 * regular file's object, referenced, and the maximum protection the
 * open file allows; EACCES, EPERM (noexec mount), ENODEV (not VREG).
 */
int	vn_mmap(struct file *fp, vm_size_t size, vm_prot_t prot, int flags,
	    vm_ooffset_t *foffp, vm_prot_t *maxprotp, struct vm_object **objp,
	    struct thread *td);

#endif /* !_VM_VNODE_PAGER_H_ */
