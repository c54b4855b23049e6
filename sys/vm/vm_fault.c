/*
 * vm_fault.c: resolving a page fault by walking the map entry's object
 * chain.
 *
 * The phases, on one struct faultstate:
 *   1. lookup: find the map entry for the address and check the access
 *      against its protection (EFAULT: no entry or a guard; EACCES: the
 *      entry forbids the access).
 *   2. object: an anonymous entry not yet touched gets its object; an entry
 *      marked needs-copy (after fork, or a private mapping of a shared
 *      object) gets a shadow object on a write fault.  Both change the
 *      entry, so they run with the map locked exclusively; the common case
 *      runs with the map read-locked.
 *   3. chain: from the entry's (first) object down its backing objects,
 *      find the page at the address's index.  A page found in the first
 *      object is used as is.  A page found in a backing object is copied
 *      into the first object on a write fault (copy-on-write) and mapped
 *      read-only on a read fault, so that a later write faults again.  A
 *      miss at the bottom of an anonymous chain allocates a zero-filled
 *      page in the first object.  A miss at the bottom of a chain whose
 *      last object has a store (a file: vm_pager_has_store) pages in:
 *      a busy page is allocated in that object, every lock is dropped,
 *      the pager fills it (with read-ahead), and the fault starts over
 *      and finds it resident.  A chain ending in named memory without a
 *      store (not OBJ_ANON: a tmpfs file's object) fails past that
 *      object's size with ENXIO (SIGBUS), and a read of a hole in it
 *      zero-fills the page there, where the file's readers see it.  A page past the end of the file
 *      (VM_PAGER_BAD) fails the fault with ENXIO (SIGBUS BUS_ADRERR), an
 *      I/O error with EIO (SIGBUS BUS_OBJERR).  Busy pages make the
 *      faulting thread sleep and retry.
 *   (1b. growth: a fault in the free space just below a grows-down
 *      mapping (MAP_GROWSDOWN) extends it down to the faulting page,
 *      unless another mapping lies within the stack guard gap below.)
 *   4. enter: map the page with the entry's protection, minus write when
 *      the page is not in the first object or the entry still needs a
 *      copy; then map resident neighbours read-only (fault-around).
 *
 * Locks: the map lock (read, or write for phase 2), then the objects
 * top-down, first object held to the end (locking.md).  No page needs to
 * be busied while every object on the way stays locked: nothing here
 * sleeps with a page half-made.  The page-in is the exception: its page
 * is busy while the pager sleeps for I/O with no lock held (the object
 * and, through it, the vnode held by a reference), and phase 3 waits for
 * busy pages.
 *
 * Counters (vm.stats.vm): v_vm_faults (every call), v_cow_faults,
 * v_zfod (zero-filled pages), v_intrans (waits for a busy page);
 * v_vnodein and v_vnodepgsin count page-ins (vnode_pager.c).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/sleepqueue.h>
#include <sys/sysctl.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_fault.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_pager.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

struct faultstate {
	vm_map_t	map;
	vm_offset_t	vaddr;		/* the faulting page */
	vm_prot_t	fault_type;	/* the access that faulted */
	int		fault_flags;
	bool		map_wlocked;	/* the map is locked exclusively */
	struct vm_map_entry *entry;
	vm_prot_t	prot;		/* what the mapping will allow */
	vm_object_t	first_object;	/* the entry's object, locked */
	vm_pindex_t	first_pindex;
	vm_page_t	m;		/* the page to map */
	bool		in_first;	/* m belongs to first_object */
};

static void
vm_fault_unlock_map(struct faultstate *fs)
{
	if (fs->map_wlocked)
		vm_map_unlock(fs->map);
	else
		vm_map_unlock_read(fs->map);
}

/*
 * Phase 1: find and check the entry.  On success the map stays locked
 * (read, or write if fs->map_wlocked).
 */
static int
vm_fault_lookup(struct faultstate *fs)
{
	struct vm_map_entry *entry;

	if (fs->map_wlocked)
		vm_map_lock(fs->map);
	else
		vm_map_lock_read(fs->map);
	if (!vm_map_lookup_entry(fs->map, fs->vaddr, &entry) ||
	    (entry->eflags & (MAP_ENTRY_GUARD | MAP_ENTRY_NOFAULT)) != 0) {
		vm_fault_unlock_map(fs);
		return (EFAULT);
	}
	if ((fs->fault_type & entry->protection) != fs->fault_type) {
		vm_fault_unlock_map(fs);
		return (EACCES);
	}
	fs->entry = entry;
	fs->prot = entry->protection;
	return (0);
}

/*
 * Phase 1b: grow a grows-down mapping down to the page at va, as Linux's
 * expand_downwards: only if the first mapping above va grows down, and
 * no accessible, non-growing mapping ends within VM_STACK_GUARD_GAP
 * below, and the grown region stays within VM_STACK_MAX (Linux's
 * RLIMIT_STACK default; XXX: the process's own limit once vm_fault can
 * see it).  The new part is its own entry, growing down too.  Returns 0
 * (grown, or mapped meanwhile: retry the fault) or EFAULT.
 */
static int
vm_fault_growstack(vm_map_t map, vm_offset_t va)
{
	struct vm_map_entry *prev, *next, *top;
	vm_offset_t start = trunc_page(va);
	int error;

	vm_map_lock(map);
	if (vm_map_lookup_entry(map, start, &prev)) {
		/* Mapped meanwhile: retry; a guard stays a fault (no loop). */
		error = (prev->eflags & (MAP_ENTRY_GUARD |
		    MAP_ENTRY_NOFAULT)) != 0 ? EFAULT : 0;
		vm_map_unlock(map);
		return (error);
	}
	next = prev->next;
	error = EFAULT;
	if (next == &map->header ||
	    (next->eflags & MAP_ENTRY_GROWS_DOWN) == 0 ||
	    (next->eflags & MAP_ENTRY_GUARD) != 0)
		goto out;
	if (prev != &map->header &&
	    (prev->eflags & MAP_ENTRY_GROWS_DOWN) == 0 &&
	    prev->protection != VM_PROT_NONE &&
	    start - prev->end < VM_STACK_GUARD_GAP)
		goto out;
	/* No bigger than the stack limit, from the top of the growing run. */
	for (top = next; top->next != &map->header &&
	    top->next->start == top->end &&
	    (top->next->eflags & MAP_ENTRY_GROWS_DOWN) != 0; top = top->next)
		;
	if (top->end - start > VM_STACK_MAX)
		goto out;
	error = vm_map_insert(map, NULL, 0, start, next->start,
	    next->protection, next->max_protection, MAP_STACK_GROWS_DOWN);
	if (error != 0)
		error = EFAULT;
out:
	vm_map_unlock(map);
	return (error);
}

/*
 * Phase 2: give the entry the object the fault needs.  Returns 0, or
 * ERESTART when the map must first be locked exclusively (the caller
 * unlocks, relocks and looks the entry up again).
 */
static int
vm_fault_object(struct faultstate *fs)
{
	struct vm_map_entry *entry = fs->entry;
	bool needs_copy = (entry->eflags & MAP_ENTRY_NEEDS_COPY) != 0;
	vm_size_t size = entry->end - entry->start;

	if (entry->object == NULL || (needs_copy &&
	    (fs->fault_type & VM_PROT_WRITE) != 0)) {
		if (!fs->map_wlocked)
			return (ERESTART);
		if (entry->object == NULL) {
			entry->object = vm_object_allocate_anon(atop(size));
			entry->offset = 0;
		} else {
			vm_object_shadow(&entry->object, &entry->offset, size);
		}
		entry->eflags &= ~MAP_ENTRY_NEEDS_COPY;
		needs_copy = false;
	}
	if (needs_copy)
		fs->prot &= ~VM_PROT_WRITE;	/* until a write shadows it */
	fs->first_object = entry->object;
	fs->first_pindex = OFF_TO_IDX(entry->offset + (fs->vaddr -
	    entry->start));
	return (0);
}

/* Sleep until m is no longer busy; every lock is dropped first. */
static void
vm_fault_busy_sleep(struct faultstate *fs, vm_object_t object, vm_page_t m)
{
	VM_CNT_INC(v_intrans);
	if (object != fs->first_object)
		VM_OBJECT_WUNLOCK(fs->first_object);
	vm_fault_unlock_map(fs);
	/* msleep drops the object lock only once asleep: no lost wakeup. */
	if (m->busy_lock != VPB_UNBUSIED)
		(void)msleep(m, &object->lock, 0, "vmfbusy", 0);
	VM_OBJECT_WUNLOCK(object);
}

/* How many pages after the faulting one a page-in reads ahead. */
static int
vm_fault_readahead(struct faultstate *fs)
{
	struct vm_map_entry *entry = fs->entry;
	int ahead;

	switch (entry->eflags & MAP_ENTRY_BEHAV_MASK) {
	case MAP_ENTRY_BEHAV_RANDOM:
		ahead = 0;
		break;
	case MAP_ENTRY_BEHAV_SEQUENTIAL:
		ahead = VM_PAGER_MAXCLUSTER - 1;
		break;
	default:
		ahead = VM_FAULT_READAHEAD;
		break;
	}
	return ((int)MIN((vm_size_t)ahead,
	    atop(entry->end - fs->vaddr) - 1));
}

/*
 * Phase 3, page-in: object, the bottom of the chain, has a store and no
 * page at pindex.  A device's pager puts its page in place at once
 * (vm_pager_populate).  Otherwise allocate it busy, drop every lock (the
 * object and its vnode kept by a reference), let the pager fill it, and
 * make it available.  object and first_object are locked on entry.  Returns
 * ERESTART (the page is resident: fault again) or ENXIO / EIO with
 * every lock dropped, or ENOMEM with first_object still locked.
 */
static int
vm_fault_pagein(struct faultstate *fs, vm_object_t object, vm_pindex_t pindex)
{
	vm_page_t m;
	int ahead, rv;

	VM_OBJECT_ASSERT_WLOCKED(object);
	/* Memory that is there already (a device): no I/O, no new page. */
	rv = vm_pager_populate(object, pindex, fs->fault_type);
	if (rv != VM_PAGER_FAIL) {
		if (object != fs->first_object)
			VM_OBJECT_WUNLOCK(object);
		if (rv == VM_PAGER_ERROR)
			return (ENOMEM);
		VM_OBJECT_WUNLOCK(fs->first_object);
		vm_fault_unlock_map(fs);
		return (rv == VM_PAGER_OK ? ERESTART : ENXIO);
	}
	ahead = vm_fault_readahead(fs);
	m = vm_page_alloc(object, pindex, VM_ALLOC_NOWAIT | VM_ALLOC_USER);
	if (m == NULL) {
		if (object != fs->first_object)
			VM_OBJECT_WUNLOCK(object);
		return (ENOMEM);
	}
	vm_page_xbusy(m);
	vm_object_reference_locked(object);
	if (object != fs->first_object)
		VM_OBJECT_WUNLOCK(fs->first_object);
	vm_fault_unlock_map(fs);
	rv = vm_pager_page_in(object, m, ahead);	/* drops, retakes */
	vm_page_xunbusy(m);
	if (rv != VM_PAGER_OK)
		vm_page_free(m);
	VM_OBJECT_WUNLOCK(object);
	vm_object_deallocate(object);	/* may vrele: no lock held */
	switch (rv) {
	case VM_PAGER_OK:
		return (ERESTART);
	case VM_PAGER_BAD:
		return (ENXIO);
	default:
		return (EIO);
	}
}

/*
 * Phase 3: find or make the page.  first_object is locked on entry and on
 * return 0; returns ERESTART after sleeping on a busy page or paging in
 * (every lock dropped), ENOMEM when no page could be had (first_object
 * still locked), ENXIO or EIO when the pager failed or the page lies past
 * the end of named memory (every lock dropped).
 */
static int
vm_fault_chain(struct faultstate *fs)
{
	vm_object_t object = fs->first_object, next;
	vm_pindex_t pindex = fs->first_pindex;
	vm_page_t m, copy;

	VM_OBJECT_ASSERT_WLOCKED(object);
	for (;;) {
		m = vm_page_lookup(object, pindex);
		if (m != NULL) {
			if (m->busy_lock != VPB_UNBUSIED) {
				vm_fault_busy_sleep(fs, object, m);
				return (ERESTART);
			}
			break;
		}
		next = object->backing_object;
		if (next == NULL)
			break;
		/* Top-down: the next object is locked before this is freed. */
		VM_OBJECT_WLOCK(next);
		pindex += OFF_TO_IDX(object->backing_object_offset);
		if (object != fs->first_object)
			VM_OBJECT_WUNLOCK(object);
		object = next;
	}

	if (m == NULL && vm_pager_has_store(object))
		return (vm_fault_pagein(fs, object, pindex));
	if (m == NULL && (object->flags & OBJ_ANON) == 0) {
		/*
		 * The bottom is named memory without a store (a tmpfs
		 * file's object): its size is its end, and past it the
		 * access gets SIGBUS, as past a file's EOF.  A hole read
		 * (or written through the object itself) is filled in that
		 * object, so read() and every mapping share the page.
		 */
		if (pindex >= object->size) {
			if (object != fs->first_object)
				VM_OBJECT_WUNLOCK(object);
			VM_OBJECT_WUNLOCK(fs->first_object);
			vm_fault_unlock_map(fs);
			return (ENXIO);
		}
		if (object == fs->first_object ||
		    (fs->fault_type & VM_PROT_WRITE) == 0) {
			m = vm_page_alloc(object, pindex, VM_ALLOC_ZERO |
			    VM_ALLOC_NOWAIT | VM_ALLOC_USER);
			if (m == NULL) {
				if (object != fs->first_object)
					VM_OBJECT_WUNLOCK(object);
				return (ENOMEM);
			}
			m->valid = VM_PAGE_BITS_ALL;
			VM_CNT_INC(v_zfod);
		}
	}
	if (m == NULL) {
		/* The bottom of an anonymous chain: a zero-filled page. */
		if (object != fs->first_object)
			VM_OBJECT_WUNLOCK(object);
		m = vm_page_alloc(fs->first_object, fs->first_pindex,
		    VM_ALLOC_ZERO | VM_ALLOC_NOWAIT | VM_ALLOC_USER);
		if (m == NULL)
			return (ENOMEM);
		m->valid = VM_PAGE_BITS_ALL;
		VM_CNT_INC(v_zfod);
		fs->m = m;
		fs->in_first = true;
		return (0);
	}
	if (object == fs->first_object) {
		fs->m = m;
		fs->in_first = true;
		return (0);
	}
	if ((fs->fault_type & VM_PROT_WRITE) == 0) {
		/* Read from a backing object: share its page, read-only. */
		VM_OBJECT_WUNLOCK(object);
		fs->m = m;
		fs->in_first = false;
		fs->prot &= ~VM_PROT_WRITE;
		return (0);
	}
	/* Copy-on-write: the first object gets its own copy. */
	copy = vm_page_alloc(fs->first_object, fs->first_pindex,
	    VM_ALLOC_NOWAIT | VM_ALLOC_USER);
	if (copy == NULL) {
		VM_OBJECT_WUNLOCK(object);
		return (ENOMEM);
	}
	memcpy((void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(copy)),
	    (const void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)), PAGE_SIZE);
	copy->valid = VM_PAGE_BITS_ALL;
	VM_OBJECT_WUNLOCK(object);
	VM_CNT_INC(v_cow_faults);
	fs->m = copy;
	fs->in_first = true;
	return (0);
}

/*
 * Fault-around: map the resident pages next to the fault, read-only, so
 * that a sequential reader takes one fault per few pages.  Only pages of
 * the first object that are not busy; the first object is locked.
 */
static void
vm_fault_prefault(struct faultstate *fs)
{
	struct vm_map_entry *entry = fs->entry;
	pmap_t pmap = vm_map_pmap(fs->map);
	int i;

	if ((fs->fault_flags & VM_FAULT_NOPREFAULT) != 0 || pmap == NULL)
		return;
	for (i = -VM_FAULT_PFBAK; i <= VM_FAULT_PFFOR; i++) {
		vm_offset_t va = fs->vaddr + (vm_offset_t)(int64_t)i * PAGE_SIZE;
		vm_page_t m;

		if (i == 0 || va < entry->start || va >= entry->end)
			continue;
		if (pmap_extract(pmap, va) != 0)
			continue;
		m = vm_page_lookup(fs->first_object, fs->first_pindex + i);
		if (m == NULL || m->busy_lock != VPB_UNBUSIED ||
		    m->valid != VM_PAGE_BITS_ALL)
			continue;
		(void)pmap_enter(pmap, va, m, fs->prot & ~VM_PROT_WRITE,
		    PMAP_ENTER_NOSLEEP);
	}
}

/*
 * vm_fault: resolve a fault of type fault_type (VM_PROT_READ, _WRITE or
 * _EXECUTE) at vaddr in map by mapping a page there.
 * The map and its objects are unlocked on entry and on return.  Returns
 * 0; EFAULT when no mapping covers vaddr (SIGSEGV SEGV_MAPERR); EACCES
 * when the mapping forbids the access (SEGV_ACCERR); ENXIO when the page
 * lies past the end of its file (SIGBUS BUS_ADRERR); EIO when the file
 * could not be read (SIGBUS BUS_OBJERR); ENOMEM when memory ran out.
 */
int
vm_fault(vm_map_t map, vm_offset_t vaddr, vm_prot_t fault_type,
    int fault_flags)
{
	struct faultstate fs;
	int error;

	KASSERT(fault_type != VM_PROT_NONE &&
	    (fault_type & ~VM_PROT_ALL) == 0,
	    ("vm_fault: bad fault type %#x", fault_type));
	VM_CNT_INC(v_vm_faults);
	memset(&fs, 0, sizeof(fs));
	fs.map = map;
	fs.vaddr = trunc_page(vaddr);
	fs.fault_type = fault_type;
	fs.fault_flags = fault_flags;
	for (;;) {
		error = vm_fault_lookup(&fs);
		if (error == EFAULT && vm_fault_growstack(map, fs.vaddr) == 0)
			continue;
		if (error != 0)
			return (error);
		error = vm_fault_object(&fs);
		if (error == ERESTART) {
			vm_fault_unlock_map(&fs);
			fs.map_wlocked = true;
			continue;
		}
		VM_OBJECT_WLOCK(fs.first_object);
		error = vm_fault_chain(&fs);
		if (error == ERESTART)
			continue;	/* slept, or paged in: start over */
		if (error == ENXIO || error == EIO)
			return (error);	/* the chain dropped every lock */
		break;
	}
	if (error == 0) {
		if (fs.in_first && (fs.prot & VM_PROT_WRITE) != 0 &&
		    (fault_type & VM_PROT_WRITE) != 0)
			fs.m->dirty = VM_PAGE_BITS_ALL;
		error = pmap_enter(vm_map_pmap(map), fs.vaddr, fs.m, fs.prot,
		    fault_type | PMAP_ENTER_NOSLEEP);
		if (error == 0)
			vm_fault_prefault(&fs);
	}
	VM_OBJECT_WUNLOCK(fs.first_object);
	vm_fault_unlock_map(&fs);
	return (error);
}

/*
 * vm_fault_prefault_range: fault in every page of [start, end) with
 * fault_type, as MAP_POPULATE, mlock and exec's segment copies need.
 * Returns 0 or the first error of vm_fault.
 */
int
vm_fault_prefault_range(vm_map_t map, vm_offset_t start, vm_offset_t end,
    vm_prot_t fault_type)
{
	vm_offset_t va;
	int error;

	for (va = trunc_page(start); va < end; va += PAGE_SIZE) {
		error = vm_fault(map, va, fault_type, VM_FAULT_NOPREFAULT);
		if (error != 0)
			return (error);
	}
	return (0);
}
