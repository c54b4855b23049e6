/*
 * vnode_pager_weak.c: TEMPORARY weak stand-ins for the VFS functions the
 * vnode pager and vm_mmap.c call (vref, vrele, vn_lock, VOP_UNLOCK,
 * fget, fdrop), so that the pager branch links and its tests run before
 * sys/kern/vfs_subr.c and kern_descrip.c exist.  The real, strong
 * definitions replace these at link time; delete this file when they
 * are merged.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/mutex.h>
#include <sys/sx.h>
#include <sys/vnode.h>

/* vref: one more reference (the count only: no free list here). */
__weak_symbol void
vref(struct vnode *vp)
{
	mtx_lock(&vp->v_interlock);
	vp->v_usecount++;
	mtx_unlock(&vp->v_interlock);
}

/* vrele: one reference less (nothing happens at zero here). */
__weak_symbol void
vrele(struct vnode *vp)
{
	mtx_lock(&vp->v_interlock);
	KASSERT(vp->v_usecount > 0, ("vrele: vnode %p unreferenced", vp));
	vp->v_usecount--;
	mtx_unlock(&vp->v_interlock);
}

/* vn_lock: the vnode lock, exclusive. */
__weak_symbol int
vn_lock(struct vnode *vp, int flags)
{
	(void)flags;
	sx_xlock(&vp->v_lock);
	return (0);
}

__weak_symbol void
VOP_UNLOCK(struct vnode *vp)
{
	sx_xunlock(&vp->v_lock);
}

/* fget: no descriptor table yet: every descriptor is EBADF. */
__weak_symbol int
fget(struct thread *td, int fd, u_int needflags, struct file **fpp)
{
	(void)td;
	(void)fd;
	(void)needflags;
	*fpp = NULL;
	return (EBADF);
}

__weak_symbol int
fdrop(struct file *fp, struct thread *td)
{
	(void)fp;
	(void)td;
	return (0);
}
