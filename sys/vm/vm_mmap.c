/*
 * vm_mmap.c: the memory system calls in Umbra's own terms (sys/sys/mman.h
 * flags): mmap of anonymous memory and of files, munmap, mprotect, brk,
 * msync, mincore, madvise, mlock, mremap.
 *
 * They work on the process's vm_map (through vm_direct.c): mmap adds an
 * entry of demand-zero anonymous memory, or of the object an open file's
 * fo_mmap hands over (a regular file's vnode object: vn_mmap), placed
 * top-down below the mmap base unless MAP_FIXED, a free hint address
 * honoured as on Linux.  MAP_SHARED memory stays shared across fork and
 * a shared file mapping maps the file's own pages; MAP_PRIVATE is
 * copy-on-write (over the file's pages for a file: needs-copy, so reads
 * map the file's page and a write copies it).  The file decides the
 * maximum protection, which mprotect never exceeds.  munmap and brk
 * remove entries; mprotect changes entries; msync writes a shared file
 * mapping's dirty pages back (vm_object_page_clean).  The argument checks
 * and errors are Linux's.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_fault.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vnode_pager.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

#define PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC)
#define MAP_32BIT_MAX	0x80000000ul	/* MAP_32BIT: the first 2 GiB */

/* A user range [addr, addr + len) from a system call, page-aligned. */
static int
user_range_check(vm_offset_t addr, vm_size_t len, vm_size_t *sizep)
{
	vm_size_t size = round_page(len);

	if ((addr & PAGE_MASK) != 0 || size < len)
		return (EINVAL);
	if (addr > VM_MAXUSER_ADDRESS || size > VM_MAXUSER_ADDRESS - addr)
		return (ENOMEM);
	*sizep = size;
	return (0);
}

/*
 * vn_mmap: fo_mmap of a vnode: the object of a regular file, with a
 * reference, and the maximum protection the open file allows: read and
 * execute (an O_WRONLY file: EACCES); write for a private mapping, or for
 * a shared one when the file is open for writing (a shared PROT_WRITE
 * mapping of a file not open for writing: EACCES, as Linux); execute
 * not on a noexec mount (PROT_EXEC there: EPERM).  Anything but a
 * regular file: ENODEV (devices bring their own fo_mmap).  The object
 * is vp->v_object whatever its type: the vnode's own (OBJT_VNODE), or
 * the anonymous object a tmpfs node keeps its data in, so a shared
 * mapping maps those very pages and a private one is copy-on-write over
 * them.  Locks and unlocks the vnode.
 */
int
vn_mmap(struct file *fp, vm_size_t size, vm_prot_t prot, int flags,
    vm_ooffset_t *foffp, vm_prot_t *maxprotp, struct vm_object **objp,
    struct thread *td)
{
	struct vnode *vp = fp->f_vnode;
	struct vattr va;
	vm_object_t object;
	vm_prot_t maxprot;
	int error;

	(void)size;
	(void)foffp;
	(void)td;
	if (vp == NULL || vp->v_type != VREG)
		return (ENODEV);
	if ((fp->f_flag & FREAD) == 0)
		return (EACCES);
	maxprot = VM_PROT_READ | VM_PROT_EXECUTE;
	if ((flags & MAP_PRIVATE) != 0 || (fp->f_flag & FWRITE) != 0)
		maxprot |= VM_PROT_WRITE;
	else if ((prot & VM_PROT_WRITE) != 0)
		return (EACCES);
	if (vp->v_mount != NULL && (vp->v_mount->mnt_flag & MNT_NOEXEC) != 0) {
		if ((prot & VM_PROT_EXECUTE) != 0)
			return (EPERM);
		maxprot &= ~VM_PROT_EXECUTE;
	}
	error = vn_lock(vp, LK_EXCLUSIVE | LK_RETRY);
	if (error != 0)
		return (error);
	object = vp->v_object;
	if (object == NULL) {
		error = VOP_GETATTR(vp, &va);
		if (error == 0)
			object = vnode_create_vobject(vp, va.va_size);
	}
	if (object != NULL)
		vm_object_reference(object);	/* vnode, then object */
	VOP_UNLOCK(vp);
	if (error != 0)
		return (error);
	*objp = object;
	*maxprotp = maxprot;
	return (0);
}

/*
 * The checks mmap makes of an open file before asking it for an object,
 * in Linux's order: EOVERFLOW (the range passes the largest file
 * offset), EACCES (shared PROT_WRITE without write access; no read
 * access), ENODEV (no fo_mmap), EINVAL (MAP_GROWSDOWN, MAP_HUGETLB).
 */
static int
mmap_file_check(struct file *fp, vm_size_t size, int prot, int flags,
    off_t pos)
{
	if ((uint64_t)pos > (uint64_t)INT64_MAX - size)
		return (EOVERFLOW);
	if ((flags & MAP_SHARED) != 0 && (prot & PROT_WRITE) != 0 &&
	    (fp->f_flag & FWRITE) == 0)
		return (EACCES);
	if ((fp->f_flag & FREAD) == 0)
		return (EACCES);
	if (fp->f_ops == NULL || fp->f_ops->fo_mmap == NULL)
		return (ENODEV);
	if ((flags & (MAP_GROWSDOWN | MAP_HUGETLB)) != 0)
		return (EINVAL);
	return (0);
}

/*
 * kern_mmap: map len bytes of anonymous memory (MAP_ANON), or of the
 * open file fd from byte pos, with prot at addr (MAP_FIXED) or where
 * there is room.  Returns 0 with the address in *resp; EBADF (fd not
 * open, or open with O_PATH), EINVAL (bad flags, length or alignment), EOVERFLOW, EACCES,
 * ENODEV, EPERM (the file's checks: mmap_file_check, fo_mmap), EEXIST
 * (MAP_FIXED|MAP_EXCL over a mapping) or ENOMEM.  A failure leaves a
 * MAP_FIXED range as it was, except when the new mapping itself cannot
 * be inserted.
 */
int
kern_mmap(struct thread *td, vm_offset_t addr, vm_size_t len, int prot,
    int flags, int fd, off_t pos, vm_offset_t *resp)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	struct file *fp = NULL;
	vm_object_t object = NULL;
	vm_ooffset_t foff = (vm_ooffset_t)pos;
	vm_prot_t maxprot = VM_PROT_ALL;
	vm_size_t size;
	int cow, error;
	bool shared;

	if ((flags & MAP_ANON) == 0) {
		error = fget(td, fd, 0, &fp);
		if (error != 0)
			return (error);
		/* An O_PATH descriptor opens nothing: EBADF (Linux). */
		if ((fp->f_flag & O_PATH) != 0) {
			(void)fdrop(fp, td);
			return (EBADF);
		}
	}
	shared = (flags & MAP_SHARED) != 0;
	error = EINVAL;
	if (len == 0 || (prot & ~PROT_ALL) != 0)
		goto out;
	if (shared == ((flags & MAP_PRIVATE) != 0))
		goto out;
	if ((pos & PAGE_MASK) != 0)
		goto out;
	error = ENOMEM;
	size = round_page(len);
	if (size < len || size > VM_MAXUSER_ADDRESS)
		goto out;
	if (fp != NULL) {
		error = mmap_file_check(fp, size, prot, flags, pos);
		if (error == 0)
			error = fp->f_ops->fo_mmap(fp, size, (vm_prot_t)prot,
			    flags, &foff, &maxprot, &object, td);
		if (error != 0)
			goto out;
	}
	if (flags & MAP_FIXED) {
		error = EINVAL;
		if ((addr & PAGE_MASK) != 0)
			goto out;
		error = ENOMEM;
		if (addr < PAGE_SIZE || addr > VM_MAXUSER_ADDRESS - size)
			goto out;
		error = EEXIST;
		if ((flags & MAP_EXCL) && user_range_mapped(vm, addr, size))
			goto out;
		user_unmap(vm, addr, size);
	} else {
		addr = trunc_page(addr);	/* a hint */
	}
	error = ENOMEM;
	if (flags & MAP_HUGETLB)
		goto out;	/* no huge-page pool, as Linux without one */
	error = EINVAL;
	if ((flags & MAP_GROWSDOWN) && shared)
		goto out;
	cow = shared ? MAP_INHERIT_SHARE : (object != NULL ?
	    MAP_COPY_ON_WRITE : 0);
	if ((flags & MAP_32BIT) != 0 && (flags & MAP_FIXED) == 0)
		error = vm_map_find(dvmspace_map(vm), object, foff, &addr,
		    size, MAP_32BIT_MAX, VMFS_ANY_SPACE, (vm_prot_t)prot,
		    maxprot, cow);
	else
		error = vm_map_find(dvmspace_map(vm), object, foff, &addr,
		    size, (flags & MAP_FIXED) ? 0 : DVM_MMAP_BASE,
		    (flags & MAP_FIXED) ? VMFS_NO_SPACE : VMFS_ANY_SPACE,
		    (vm_prot_t)prot, maxprot, cow);
	if (error == 0)
		object = NULL;		/* the map's reference now */
	if (error == 0 && (flags & MAP_GROWSDOWN) != 0)
		error = vm_map_set_growsdown(dvmspace_map(vm), addr,
		    addr + size);
	if (error != 0) {
		error = error == EEXIST ? EEXIST : ENOMEM;
		goto out;
	}
	/*
	 * POPULATE and LOCKED: every page now (failures are not errors).  A
	 * shared file mapping is read in, not dirtied; a private writable
	 * one gets its copies, as Linux breaks copy-on-write there.
	 */
	if ((flags & (MAP_PREFAULT | MAP_LOCKED)) != 0 && prot != PROT_NONE)
		(void)vm_fault_prefault_range(dvmspace_map(vm), addr,
		    addr + size, (prot & PROT_WRITE) != 0 &&
		    (fp == NULL || !shared) ? VM_PROT_WRITE : VM_PROT_READ);
	*resp = addr;
out:
	if (object != NULL)
		vm_object_deallocate(object);
	if (fp != NULL)
		(void)fdrop(fp, td);
	return (error);
}

/* kern_munmap: remove [addr, addr + len).  0 or EINVAL. */
int
kern_munmap(struct thread *td, vm_offset_t addr, vm_size_t len)
{
	vm_size_t size = round_page(len);

	if ((addr & PAGE_MASK) != 0 || len == 0 || size < len ||
	    addr > VM_MAXUSER_ADDRESS || size > VM_MAXUSER_ADDRESS - addr)
		return (EINVAL);
	user_unmap(td->td_proc->p_vmspace, addr, size);
	return (0);
}

/*
 * kern_mprotect: give [addr, addr + len) protection prot.  0, EINVAL,
 * ENOMEM (part of the range is not mapped) or EACCES.
 */
int
kern_mprotect(struct thread *td, vm_offset_t addr, vm_size_t len, int prot)
{
	vm_size_t size = round_page(len);

	if ((addr & PAGE_MASK) != 0 || (prot & ~PROT_ALL) != 0 || size < len)
		return (EINVAL);
	if (addr > VM_MAXUSER_ADDRESS || size > VM_MAXUSER_ADDRESS - addr)
		return (ENOMEM);
	if (size == 0)
		return (0);
	return (user_protect(td->td_proc->p_vmspace, addr, size,
	    (vm_prot_t)prot));
}

/*
 * kern_brk: move the break (the end of the heap above the image) to
 * newbrk; 0 leaves it.  New memory is zero-filled; memory below a lower
 * break is freed.  Returns 0 or ENOMEM (the break stays), and the break
 * in *resp either way.
 */
int
kern_brk(struct thread *td, vm_offset_t newbrk, vm_offset_t *resp)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_offset_t old, new;
	uint64_t max = td->td_proc->p_limit[RLIMIT_DATA].rlim_cur;
	int error = 0;

	sx_xlock(&vm->dvm_brk_lock);
	old = round_page(vm->dvm_brk);
	*resp = vm->dvm_brk;
	if (newbrk == 0 || newbrk < vm->dvm_daddr) {
		sx_xunlock(&vm->dvm_brk_lock);
		return (0);
	}
	new = round_page(newbrk);
	if (new < newbrk || new > DVM_MMAP_BASE ||
	    new - vm->dvm_daddr > max) {
		sx_xunlock(&vm->dvm_brk_lock);
		return (ENOMEM);
	}
	if (new > old) {
		/* Fails where a mapping is in the way, as on Linux. */
		if (user_map_find(vm, &old, new - old, VM_PROT_READ |
		    VM_PROT_WRITE, true, false) != 0)
			error = ENOMEM;
	} else if (new < old)
		user_unmap(vm, new, old - new);
	if (error == 0) {
		vm->dvm_brk = newbrk;
		*resp = newbrk;
	}
	sx_xunlock(&vm->dvm_brk_lock);
	return (error);
}

/*
 * The file object at the bottom of object's chain and the offset there
 * of offset in object, referenced, or NULL when the chain ends in
 * private anonymous memory (OBJ_ANON).  A file is a vnode's object or
 * named memory (a tmpfs file's object).  Object unlocked; the chain is
 * locked hand over hand.
 */
static vm_object_t
madvise_file_object(vm_object_t object, vm_ooffset_t *offsetp)
{
	vm_object_t next;

	if (object == NULL)
		return (NULL);
	VM_OBJECT_WLOCK(object);
	while ((next = object->backing_object) != NULL) {
		VM_OBJECT_WLOCK(next);		/* top-down */
		*offsetp += object->backing_object_offset;
		VM_OBJECT_WUNLOCK(object);
		object = next;
	}
	if ((object->flags & OBJ_ANON) != 0) {
		VM_OBJECT_WUNLOCK(object);
		return (NULL);
	}
	vm_object_reference_locked(object);
	VM_OBJECT_WUNLOCK(object);
	return (object);
}

/*
 * Replace [start, end) of a private mapping with fresh memory of the
 * same protection and inheritance: MADV_DONTNEED on private memory reads
 * back zeros (anonymous), or the file's contents again (file, whose
 * object the caller passes referenced, at offset: copy-on-write again),
 * whatever shadow chain the old pages came from.
 */
static int
madvise_zero_private(struct dvmspace *vm, vm_offset_t start, vm_offset_t end,
    vm_prot_t prot, vm_prot_t max, int eflags, vm_object_t file,
    vm_ooffset_t offset)
{
	vm_map_t map = dvmspace_map(vm);
	vm_offset_t addr = start;
	int error;

	error = vm_map_remove(map, start, end);
	if (error == 0)
		error = vm_map_find(map, file, file != NULL ? offset : 0,
		    &addr, end - start, 0, VMFS_NO_SPACE, prot, max,
		    file != NULL ? MAP_COPY_ON_WRITE : 0);
	if (error == 0)
		file = NULL;		/* the map holds it */
	if (file != NULL)
		vm_object_deallocate(file);
	if (error == 0 && (eflags & MAP_ENTRY_NOFORK) != 0)
		error = vm_map_madvise(map, start, end, MADV_DONTFORK);
	return (error);
}

static bool mincore_resident(vm_object_t object, vm_pindex_t pindex);

/*
 * Whether td's process is being killed (SIGKILL pending) or is exiting:
 * a long loop over user memory stops.  A peek, without the lock.
 */
static bool
proc_dying(struct thread *td)
{
	struct proc *p = td->td_proc;

	return (((td->td_sigpend | p->p_sigpend) & SIGBIT(SIGKILL)) != 0 ||
	    (p->p_singlethread != NULL && p->p_singlethread != td) ||
	    (p->p_flag & P_WEXIT) != 0);
}

/*
 * kern_madvise: advice behav (MADV_*) for [addr, addr + len).  DONTNEED
 * and FREE drop the pages: private memory then reads back zeros, shared
 * memory keeps its contents (only this mapping lets go).  WILLNEED faults
 * the resident pages in; the others are recorded in the map entries.
 * Returns 0, EINVAL (misaligned, unknown advice) or ENOMEM (part of the
 * range is not mapped: the advice still applies to what is).
 */
int
kern_madvise(struct thread *td, vm_offset_t addr, vm_size_t len, int behav)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	vm_offset_t a, end;
	vm_size_t size;
	int error;

	switch (behav) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
	case MADV_NOCORE: case MADV_CORE: case MADV_DONTFORK:
	case MADV_DOFORK:
		break;
	default:
		return (EINVAL);
	}
	error = user_range_check(addr, len, &size);
	if (error != 0)
		return (error == ENOMEM ? EINVAL : error);
	if (size == 0)
		return (0);
	end = addr + size;
	if ((behav == MADV_DONTNEED || behav == MADV_FREE) &&
	    user_range_locked(vm, addr, size))
		return (EINVAL);	/* Linux: not on mlocked memory */
	if (behav == MADV_DONTNEED || behav == MADV_FREE) {
		for (a = addr; a < end;) {
			vm_object_t file;
			vm_ooffset_t offset;
			vm_offset_t e;
			vm_prot_t prot, max;
			int eflags;
			bool shared;

			vm_map_lock_read(map);
			if (!vm_map_lookup_entry(map, a, &entry)) {
				a = entry->next == &map->header ? end :
				    entry->next->start;
				vm_map_unlock_read(map);
				continue;
			}
			e = MIN(entry->end, end);
			prot = entry->protection;
			max = entry->max_protection;
			eflags = entry->eflags;
			shared = entry->inheritance == VM_INHERIT_SHARE;
			offset = entry->offset + (a - entry->start);
			file = shared ? NULL : madvise_file_object(
			    entry->object, &offset);
			vm_map_unlock_read(map);
			if (shared)
				pmap_remove(dvmspace_pmap(vm), a, e);
			else {
				error = madvise_zero_private(vm, a, e, prot,
				    max, eflags, file, offset);
				if (error != 0)
					return (ENOMEM);
			}
			a = e;
		}
	} else if (behav == MADV_WILLNEED) {
		/*
		 * Best effort: map the pages the mappings' objects hold
		 * already, where reading is allowed.  Entry by entry, so a
		 * huge range (syscall_fuzz_test: all of user space) costs
		 * its mappings, not its pages, and a mapping with no object
		 * (never touched) costs nothing; a process being killed
		 * stops.
		 */
		for (a = addr; a < end;) {
			vm_object_t object;
			vm_ooffset_t offset;
			vm_offset_t e;

			vm_map_lock_read(map);
			if (!vm_map_lookup_entry(map, a, &entry)) {
				a = entry->next == &map->header ? end :
				    entry->next->start;
				vm_map_unlock_read(map);
				continue;
			}
			e = MIN(entry->end, end);
			object = entry->object;
			offset = entry->offset + (a - entry->start);
			if (object != NULL)
				vm_object_reference(object);
			vm_map_unlock_read(map);
			for (; object != NULL && a < e; a += PAGE_SIZE,
			    offset += PAGE_SIZE) {
				if (proc_dying(td))
					break;
				if (pmap_extract(dvmspace_pmap(vm), a) == 0 &&
				    mincore_resident(object,
				    OFF_TO_IDX(offset)))
					(void)vm_fault(map, a, VM_PROT_READ, 0);
			}
			if (object != NULL)
				vm_object_deallocate(object);
			if (proc_dying(td))
				break;
			a = e;
		}
	} else {
		error = vm_map_madvise(map, addr, end, behav);
		if (error != 0 && error != ENOMEM)
			return (error);
	}
	return (user_range_covered(vm, addr, size) ? 0 : ENOMEM);
}

/*
 * Is the page at pindex of object's chain resident: in object, or, where
 * object has none, in its backing objects (a file page a private
 * mapping has not copied)?  Object unlocked; its chain is locked top-down
 * hand over hand.
 */
static bool
mincore_resident(vm_object_t object, vm_pindex_t pindex)
{
	vm_object_t next;
	bool resident;

	VM_OBJECT_WLOCK(object);
	for (;;) {
		resident = vm_page_lookup(object, pindex) != NULL;
		next = object->backing_object;
		if (resident || next == NULL)
			break;
		VM_OBJECT_WLOCK(next);		/* top-down */
		pindex += OFF_TO_IDX(object->backing_object_offset);
		VM_OBJECT_WUNLOCK(object);
		object = next;
	}
	VM_OBJECT_WUNLOCK(object);
	return (resident);
}

/*
 * kern_mincore: one byte per page of [addr, addr + len) at user address
 * uvec: 1 if the page is resident for this mapping (mapped in the page
 * tables, or present in the mapping's object chain: a file's page is
 * resident while it is in the file's cache, mapped here or not, as on
 * Linux), else 0.  Returns 0, EINVAL (misaligned), ENOMEM (part of the
 * range not mapped) or EFAULT.
 */
int
kern_mincore(struct thread *td, vm_offset_t addr, vm_size_t len,
    vm_offset_t uvec)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_map_t map = dvmspace_map(vm);
	vm_size_t size;
	vm_offset_t a;
	int error;

	error = user_range_check(addr, len, &size);
	if (error != 0)
		return (error);
	if (!user_range_covered(vm, addr, size))
		return (ENOMEM);
	for (a = addr; a < addr + size; a += PAGE_SIZE) {
		struct vm_map_entry *entry;
		uint8_t resident = 0;

		if (proc_dying(td))
			return (EINTR);

		if (pmap_extract(dvmspace_pmap(vm), a) != 0)
			resident = 1;
		else {
			vm_map_lock_read(map);
			if (vm_map_lookup_entry(map, a, &entry) &&
			    entry->object != NULL)
				resident = mincore_resident(entry->object,
				    OFF_TO_IDX(entry->offset + (a -
				    entry->start)));
			vm_map_unlock_read(map);
		}
		error = copyout(&resident, (void *)(uvec + atop(a - addr)), 1);
		if (error != 0)
			return (error);
	}
	return (0);
}

/*
 * Fault in [start, end) for writing where allowed, else for reading.
 * Stops at the first page memory cannot be had for (ENOMEM: a mapping
 * larger than memory must not take all of it, page after page, for ever)
 * and when td's process is being killed or is exiting (EINTR).  Pages
 * the mapping forbids (PROT_NONE) stay out, as on Linux.
 */
static int
mlock_populate(struct thread *td, struct dvmspace *vm, vm_offset_t start,
    vm_offset_t end)
{
	vm_map_t map = dvmspace_map(vm);
	vm_offset_t a;
	int error;

	for (a = start; a < end; a += PAGE_SIZE) {
		if (proc_dying(td))
			return (EINTR);
		error = vm_fault(map, a, VM_PROT_WRITE, VM_FAULT_NOPREFAULT);
		if (error != 0)
			error = vm_fault(map, a, VM_PROT_READ,
			    VM_FAULT_NOPREFAULT);
		if (error == ENOMEM)
			return (ENOMEM);
	}
	return (0);
}

/*
 * kern_mlock: make [addr, addr + len) resident now (unless onfault:
 * MLOCK_ONFAULT locks pages as they are touched).  XXX: pages are not
 * wired: nothing pages memory out yet; the pagedaemon will need the
 * entries' wired counts.  Returns 0, EINVAL, ENOMEM (not all mapped, or
 * memory ran out) or EINTR (the process is being killed).
 */
int
kern_mlock(struct thread *td, vm_offset_t addr, vm_size_t len, bool onfault)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_offset_t start = trunc_page(addr);
	vm_size_t size;
	int error;

	error = user_range_check(start, len + (addr - start), &size);
	if (error != 0)
		return (error == EINVAL ? EINVAL : ENOMEM);
	if (!user_range_covered(vm, start, size))
		return (ENOMEM);
	error = user_set_locked(vm, start, size, true);
	if (error != 0)
		return (error);
	if (!onfault)
		error = mlock_populate(td, vm, start, start + size);
	return (error);
}

/* kern_munlock: undo kern_mlock; 0, EINVAL or ENOMEM (not all mapped). */
int
kern_munlock(struct thread *td, vm_offset_t addr, vm_size_t len)
{
	vm_offset_t start = trunc_page(addr);
	vm_size_t size;
	int error;

	error = user_range_check(start, len + (addr - start), &size);
	if (error != 0)
		return (error == EINVAL ? EINVAL : ENOMEM);
	if (!user_range_covered(td->td_proc->p_vmspace, start, size))
		return (ENOMEM);
	return (user_set_locked(td->td_proc->p_vmspace, start, size, false));
}

/*
 * kern_mlockall: MCL_CURRENT makes every mapping resident now; ENOMEM
 * when memory ran out, EINTR when the process is being killed.
 */
int
kern_mlockall(struct thread *td, int how)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	vm_offset_t a = 0;
	int error;

	if (how == 0 || (how & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) != 0 ||
	    how == MCL_ONFAULT)
		return (EINVAL);
	if ((how & MCL_CURRENT) == 0 || (how & MCL_ONFAULT) != 0)
		return (0);
	for (;;) {
		vm_offset_t start, end;

		vm_map_lock_read(map);
		if (!vm_map_lookup_entry(map, a, &entry))
			entry = entry->next;
		if (entry == &map->header) {
			vm_map_unlock_read(map);
			break;
		}
		start = MAX(a, entry->start);
		end = entry->end;
		vm_map_unlock_read(map);
		(void)user_set_locked(vm, start, end - start, true);
		error = mlock_populate(td, vm, start, end);
		if (error != 0)
			return (error);
		a = end;
	}
	return (0);
}

/*
 * Write back (clean) the part [offset, offset + len) of object, a file's
 * object referenced by the caller, under its vnode's lock.  Returns 0 or
 * EIO.
 */
static int
msync_object(vm_object_t object, vm_ooffset_t offset, vm_size_t len,
    int flags)
{
	struct vnode *vp = object->handle;
	int error;

	error = vn_lock(vp, LK_EXCLUSIVE | LK_RETRY);
	if (error != 0)
		return (error);
	error = vm_object_page_clean(object, offset, offset + len,
	    ((flags & MS_SYNC) != 0 ? OBJPC_SYNC : 0) |
	    ((flags & MS_INVALIDATE) != 0 ? OBJPC_INVAL : 0));
	VOP_UNLOCK(vp);
	return (error);
}

/*
 * kern_msync: write the shared file mappings of [addr, addr + len) back
 * to their files: MS_SYNC waits for the writes (and the device cache);
 * MS_ASYNC starts them (the pager is synchronous today, so it waits
 * too); MS_INVALIDATE then drops the clean pages, so that the next
 * access reads the file again.  Anonymous and private memory have
 * nothing to write.  Each object is cleaned with the map unlocked (the
 * vnode lock comes before the map's) and held by a reference.  Returns
 * 0, EINVAL (bad flags, SYNC with ASYNC, misaligned), ENOMEM (part of
 * the range not mapped), EBUSY (MS_INVALIDATE over mlocked memory, as
 * Linux) or EIO.
 */
int
kern_msync(struct thread *td, vm_offset_t addr, vm_size_t len, int flags)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	vm_object_t object;
	vm_ooffset_t offset;
	vm_offset_t a, e, end;
	vm_size_t size;
	int error, error1;

	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0 ||
	    (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC))
		return (EINVAL);
	error = user_range_check(addr, len, &size);
	if (error != 0)
		return (error);
	if (!user_range_covered(vm, addr, size))
		return (ENOMEM);
	if ((flags & MS_INVALIDATE) != 0 && user_range_locked(vm, addr, size))
		return (EBUSY);
	error = 0;
	end = addr + size;
	for (a = addr; a < end; a = e) {
		vm_map_lock_read(map);
		if (!vm_map_lookup_entry(map, a, &entry)) {
			e = entry->next == &map->header ? end :
			    MIN(entry->next->start, end);
			vm_map_unlock_read(map);
			continue;
		}
		e = MIN(entry->end, end);
		object = entry->object;
		offset = entry->offset + (a - entry->start);
		if (object == NULL || object->type != OBJT_VNODE ||
		    (entry->eflags & MAP_ENTRY_COW) != 0) {
			vm_map_unlock_read(map);
			continue;
		}
		vm_object_reference(object);
		vm_map_unlock_read(map);
		error1 = msync_object(object, offset, e - a, flags);
		vm_object_deallocate(object);
		if (error == 0)
			error = error1;
	}
	return (error);
}

/*
 * kern_mremap: resize the mapping at [old, old + oldlen) to newlen,
 * in place when possible, else (MREMAP_MAYMOVE) elsewhere or at newaddr
 * (MREMAP_FIXED).  A move maps the same object at the new place and
 * unmaps the old range (MREMAP_DONTUNMAP: it stays mapped, fresh and
 * empty).  The old range must lie within one mapping.  Returns 0 with the
 * address in *resp; EINVAL (bad flags, alignment, sizes), EFAULT (old
 * range not one mapping), ENOMEM (no room, and no leave to move).
 */
int
kern_mremap(struct thread *td, vm_offset_t old, vm_size_t oldlen,
    vm_size_t newlen, int flags, vm_offset_t newaddr, vm_offset_t *resp)
{
	struct dvmspace *vm = td->td_proc->p_vmspace;
	vm_map_t map = dvmspace_map(vm);
	struct vm_map_entry *entry;
	vm_object_t object;
	vm_ooffset_t offset;
	vm_prot_t prot, max;
	vm_offset_t addr;
	int cow, error;
	bool dontunmap = (flags & MREMAP_DONTUNMAP) != 0;

	if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0 ||
	    (old & PAGE_MASK) != 0 || newlen == 0 ||
	    ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0 &&
	    (flags & MREMAP_MAYMOVE) == 0) ||
	    ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0 &&
	    (newaddr & PAGE_MASK) != 0) ||
	    (dontunmap && oldlen != newlen))
		return (EINVAL);
	oldlen = round_page(oldlen);
	newlen = round_page(newlen);
	if (newlen == 0 || old > VM_MAXUSER_ADDRESS ||
	    oldlen > VM_MAXUSER_ADDRESS - old)
		return (EINVAL);

	/* The old range: within one mapping (its object made if needed). */
	vm_map_lock(map);
	if (!vm_map_lookup_entry(map, old, &entry) ||
	    old + MAX(oldlen, PAGE_SIZE) > entry->end) {
		vm_map_unlock(map);
		return (EFAULT);
	}
	if (entry->object == NULL) {
		entry->object = vm_object_allocate_anon(atop(entry->end -
		    entry->start));
		entry->offset = 0;
	}
	object = entry->object;
	offset = entry->offset + (old - entry->start);
	prot = entry->protection;
	max = entry->max_protection;
	cow = entry->inheritance == VM_INHERIT_SHARE ? MAP_INHERIT_SHARE :
	    ((entry->eflags & MAP_ENTRY_COW) ? MAP_COPY_ON_WRITE : 0);
	vm_map_unlock(map);

	if ((flags & MREMAP_FIXED) == 0 && !dontunmap) {
		if (newlen <= oldlen) {
			if (newlen < oldlen)
				user_unmap(vm, old + newlen, oldlen - newlen);
			*resp = old;
			return (0);
		}
		/* Grow in place: the same object, right after. */
		addr = old + oldlen;
		vm_object_reference(object);
		error = vm_map_find(map, object, offset + oldlen, &addr,
		    newlen - oldlen, 0, VMFS_NO_SPACE, prot, max, cow);
		if (error == 0) {
			*resp = old;
			return (0);
		}
		vm_object_deallocate(object);
		if ((flags & MREMAP_MAYMOVE) == 0)
			return (ENOMEM);
	}

	/* Move: the object at a new place, then the old range goes. */
	if (flags & MREMAP_FIXED) {
		if (newaddr > VM_MAXUSER_ADDRESS - newlen ||
		    (newaddr < old + oldlen && old < newaddr + newlen))
			return (EINVAL);
		user_unmap(vm, newaddr, newlen);
		addr = newaddr;
	} else
		addr = newaddr;		/* a hint (DONTUNMAP), else 0 */
	vm_object_reference(object);
	error = vm_map_find(map, object, offset, &addr, newlen,
	    (flags & MREMAP_FIXED) ? 0 : DVM_MMAP_BASE,
	    (flags & MREMAP_FIXED) ? VMFS_NO_SPACE : VMFS_ANY_SPACE, prot, max,
	    cow);
	if (error != 0) {
		vm_object_deallocate(object);
		return (ENOMEM);
	}
	if (dontunmap)
		error = madvise_zero_private(vm, old, old + oldlen, prot, max,
		    0, NULL, 0);
	else
		user_unmap(vm, old, oldlen);
	*resp = addr;
	return (error == 0 ? 0 : ENOMEM);
}
