/*
 * vm_map_shim.c: the kernel-side surroundings of sys/vm/vm_map.c in a
 * host test, compiled with the kernel's headers (a <prog>_KSHIMS file,
 * share/mk/umbra.hosttest.mk): the vm sysctl node the map's OID hangs
 * from, and entry points in plain types for vm_map_test.c, which cannot
 * see struct vm_map.  Each takes the map lock where the kernel's caller
 * would.
 *
 * Objects are stand-ins with the kernel's struct vm_object (the map
 * reads their lock, flags and counts): a pool of them, reference-counted
 * and shadowed by the rules of vm_object.c (a shadow takes over the
 * caller's reference; none is made for the only holder of an anonymous
 * object), with every vm_object_page_remove recorded.  The ATF program
 * provides UMA zones and the pmap calls (recorded too); mutexes and sx
 * locks come from kshim_mtx.c and kshim_sx.c.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>

#include "vm_map_shim.h"

/* The constants vm_map_shim.h repeats for the host must agree. */
CTASSERT(SHIM_PAGE_SIZE == PAGE_SIZE);
CTASSERT(SHIM_PROT_READ == VM_PROT_READ);
CTASSERT(SHIM_PROT_WRITE == VM_PROT_WRITE);
CTASSERT(SHIM_PROT_EXECUTE == VM_PROT_EXECUTE);
CTASSERT(SHIM_INHERIT_SHARE == VM_INHERIT_SHARE);
CTASSERT(SHIM_INHERIT_COPY == VM_INHERIT_COPY);
CTASSERT(SHIM_INHERIT_NONE == VM_INHERIT_NONE);
CTASSERT(SHIM_ENTRY_COW == MAP_ENTRY_COW);
CTASSERT(SHIM_ENTRY_NEEDS_COPY == MAP_ENTRY_NEEDS_COPY);
CTASSERT(SHIM_ENTRY_USER_WIRED == MAP_ENTRY_USER_WIRED);
CTASSERT(SHIM_ENTRY_BEHAV_SEQUENTIAL == MAP_ENTRY_BEHAV_SEQUENTIAL);
CTASSERT(SHIM_ENTRY_BEHAV_RANDOM == MAP_ENTRY_BEHAV_RANDOM);
CTASSERT(SHIM_ENTRY_BEHAV_MASK == MAP_ENTRY_BEHAV_MASK);
CTASSERT(SHIM_ENTRY_NOCOREDUMP == MAP_ENTRY_NOCOREDUMP);
CTASSERT(SHIM_ENTRY_GROWS_DOWN == MAP_ENTRY_GROWS_DOWN);
CTASSERT(SHIM_ENTRY_GUARD == MAP_ENTRY_GUARD);
CTASSERT(SHIM_ENTRY_STACK_GAP_DN == MAP_ENTRY_STACK_GAP_DN);
CTASSERT(SHIM_ENTRY_NOFORK == MAP_ENTRY_NOFORK);
CTASSERT(SHIM_INHERIT_SHARE_COW == MAP_INHERIT_SHARE);
CTASSERT(SHIM_COPY_ON_WRITE == MAP_COPY_ON_WRITE);
CTASSERT(SHIM_CREATE_GUARD == MAP_CREATE_GUARD);
CTASSERT(SHIM_DISABLE_COREDUMP == MAP_DISABLE_COREDUMP);
CTASSERT(SHIM_STACK_GROWS_DOWN == MAP_STACK_GROWS_DOWN);
CTASSERT(SHIM_CREATE_STACK_GAP_DN == MAP_CREATE_STACK_GAP_DN);
CTASSERT(SHIM_VMFS_NO_SPACE == VMFS_NO_SPACE);
CTASSERT(SHIM_VMFS_ANY_SPACE == VMFS_ANY_SPACE);
CTASSERT(SHIM_VMFS_ALIGNED_SPACE(21) == VMFS_ALIGNED_SPACE(21));
CTASSERT(SHIM_MADV_NORMAL == MADV_NORMAL);
CTASSERT(SHIM_MADV_RANDOM == MADV_RANDOM);
CTASSERT(SHIM_MADV_SEQUENTIAL == MADV_SEQUENTIAL);
CTASSERT(SHIM_MADV_WILLNEED == MADV_WILLNEED);
CTASSERT(SHIM_MADV_DONTNEED == MADV_DONTNEED);
CTASSERT(SHIM_MADV_FREE == MADV_FREE);
CTASSERT(SHIM_MADV_NOCORE == MADV_NOCORE);
CTASSERT(SHIM_MADV_CORE == MADV_CORE);
CTASSERT(SHIM_MADV_DONTFORK == MADV_DONTFORK);
CTASSERT(SHIM_MADV_DOFORK == MADV_DOFORK);
CTASSERT(SHIM_MAX_MAP_COUNT_DEFAULT == VM_MAX_MAP_COUNT_DEFAULT);
CTASSERT(SHIM_OBJ_ANON == OBJ_ANON);
CTASSERT(SHIM_OBJ_ONEMAPPING == OBJ_ONEMAPPING);
CTASSERT(SHIM_OBJPR_NOTMAPPED == OBJPR_NOTMAPPED);

/*
 * vm.max_map_count names the vm node as its parent; no tree is built
 * here, so a bare node will do, and the handler is never run.
 */
struct sysctl_oid sysctl___vm;

int
sysctl_handle_int(SYSCTL_HANDLER_ARGS)
{
	panic("sysctl_handle_int: not in this test");
}

static void
shim_entry_copy(const struct vm_map_entry *entry, struct shim_entry *out)
{
	out->start = entry->start;
	out->end = entry->end;
	out->object = entry->object;
	out->offset = entry->offset;
	out->eflags = entry->eflags;
	out->prot = entry->protection;
	out->maxprot = entry->max_protection;
	out->inherit = entry->inheritance;
	out->wired = entry->wired_count;
}

void
shim_vm_map_startup(void)
{
	vm_map_startup();
}

#define SHIM_NMAPS	8

static struct vm_map shim_maps[SHIM_NMAPS];
static bool shim_map_used[SHIM_NMAPS];

struct vm_map *
shim_map_create(uint64_t min, uint64_t max, bool topdown, void *pmap)
{
	int i;

	for (i = 0; i < SHIM_NMAPS; i++) {
		if (!shim_map_used[i]) {
			shim_map_used[i] = true;
			vm_map_init(&shim_maps[i], pmap, min, max);
			if (topdown)
				shim_maps[i].flags |= MAP_TOPDOWN;
			return (&shim_maps[i]);
		}
	}
	panic("shim_map_create: too many maps");
}

void
shim_map_destroy(struct vm_map *map)
{
	vm_map_destroy(map);
	shim_map_used[map - shim_maps] = false;
}

int
shim_map_insert(struct vm_map *map, void *object, int64_t offset,
    uint64_t start, uint64_t end, int prot, int max, int cow)
{
	int error;

	vm_map_lock(map);
	error = vm_map_insert(map, object, offset, start, end,
	    (vm_prot_t)prot, (vm_prot_t)max, cow);
	vm_map_unlock(map);
	return (error);
}

int
shim_map_find(struct vm_map *map, void *object, int64_t offset,
    uint64_t *addr, uint64_t length, uint64_t max_addr, int find_space,
    int prot, int max, int cow)
{
	vm_offset_t a = *addr;
	int error;

	error = vm_map_find(map, object, offset, &a, length, max_addr,
	    find_space, (vm_prot_t)prot, (vm_prot_t)max, cow);
	*addr = a;
	return (error);
}

int
shim_map_findspace(struct vm_map *map, uint64_t start, uint64_t length,
    uint64_t *addr)
{
	vm_offset_t a = 0;
	int error;

	vm_map_lock_read(map);
	error = vm_map_findspace(map, start, length, &a);
	vm_map_unlock_read(map);
	*addr = a;
	return (error);
}

int
shim_map_findspace_range(struct vm_map *map, uint64_t lo, uint64_t hi,
    uint64_t length, uint64_t align, bool topdown, uint64_t *addr)
{
	vm_offset_t a = 0;
	int error;

	vm_map_lock_read(map);
	error = vm_map_findspace_range(map, lo, hi, length, align, topdown,
	    &a);
	vm_map_unlock_read(map);
	*addr = a;
	return (error);
}

int
shim_map_remove(struct vm_map *map, uint64_t start, uint64_t end)
{
	return (vm_map_remove(map, start, end));
}

int
shim_map_protect(struct vm_map *map, uint64_t start, uint64_t end,
    int prot, bool set_max)
{
	return (vm_map_protect(map, start, end, (vm_prot_t)prot, set_max));
}

int
shim_map_inherit(struct vm_map *map, uint64_t start, uint64_t end,
    int inheritance)
{
	return (vm_map_inherit(map, start, end, (vm_inherit_t)inheritance));
}

int
shim_map_madvise(struct vm_map *map, uint64_t start, uint64_t end,
    int behav)
{
	return (vm_map_madvise(map, start, end, behav));
}

/* Clip the entry holding addr so that it starts there; -1: no entry. */
int
shim_map_clip_start(struct vm_map *map, uint64_t addr)
{
	struct vm_map_entry *entry;
	int error = -1;

	vm_map_lock(map);
	if (vm_map_lookup_entry(map, addr, &entry))
		error = vm_map_clip_start(map, entry, addr);
	vm_map_unlock(map);
	return (error);
}

/* Clip the entry holding addr - 1 so that it ends at addr; -1: none. */
int
shim_map_clip_end(struct vm_map *map, uint64_t addr)
{
	struct vm_map_entry *entry;
	int error = -1;

	vm_map_lock(map);
	if (vm_map_lookup_entry(map, addr - 1, &entry))
		error = vm_map_clip_end(map, entry, addr);
	vm_map_unlock(map);
	return (error);
}

/* vm_map_simplify_entry on the entry holding addr; false: none. */
bool
shim_map_simplify(struct vm_map *map, uint64_t addr)
{
	struct vm_map_entry *entry;
	bool found;

	vm_map_lock(map);
	found = vm_map_lookup_entry(map, addr, &entry);
	if (found)
		vm_map_simplify_entry(map, entry);
	vm_map_unlock(map);
	return (found);
}

/*
 * vm_map_lookup_entry: out gets the entry found, or the one below addr;
 * out->start == out->end == the map's min when that is the header.
 */
bool
shim_map_lookup(struct vm_map *map, uint64_t addr, struct shim_entry *out)
{
	struct vm_map_entry *entry;
	bool found;

	vm_map_lock_read(map);
	found = vm_map_lookup_entry(map, addr, &entry);
	if (entry == &map->header) {
		memset(out, 0, sizeof(*out));
		out->start = out->end = vm_map_min(map);
	} else {
		shim_entry_copy(entry, out);
	}
	vm_map_unlock_read(map);
	return (found);
}

bool
shim_map_check(struct vm_map *map)
{
	bool ok;

	vm_map_lock_read(map);
	ok = vm_map_check(map);
	vm_map_unlock_read(map);
	return (ok);
}

bool
shim_map_check_protection(struct vm_map *map, uint64_t start, uint64_t end,
    int prot)
{
	bool ok;

	vm_map_lock_read(map);
	ok = vm_map_check_protection(map, start, end, (vm_prot_t)prot);
	vm_map_unlock_read(map);
	return (ok);
}

/* Copy up to max entries, in address order; returns the entry count. */
int
shim_map_entries(struct vm_map *map, struct shim_entry *out, int max)
{
	struct vm_map_entry *entry;
	int n = 0;

	vm_map_lock_read(map);
	VM_MAP_ENTRY_FOREACH(entry, map) {
		if (n < max)
			shim_entry_copy(entry, &out[n]);
		n++;
	}
	vm_map_unlock_read(map);
	return (n);
}

int
shim_map_nentries(struct vm_map *map)
{
	return (map->nentries);
}

uint64_t
shim_map_size(struct vm_map *map)
{
	return (map->size);
}

unsigned int
shim_map_timestamp(struct vm_map *map)
{
	return (map->timestamp);
}

/* Overwrite one entry's adj_free (a corruption vm_map_check must see). */
void
shim_map_corrupt_gap(struct vm_map *map, uint64_t addr)
{
	struct vm_map_entry *entry;

	vm_map_lock(map);
	if (vm_map_lookup_entry(map, addr, &entry))
		entry->adj_free += PAGE_SIZE;
	vm_map_unlock(map);
}

void
shim_map_uncorrupt_gap(struct vm_map *map, uint64_t addr)
{
	struct vm_map_entry *entry;

	vm_map_lock(map);
	if (vm_map_lookup_entry(map, addr, &entry))
		entry->adj_free -= PAGE_SIZE;
	vm_map_unlock(map);
}

void
shim_set_max_map_count(int n)
{
	vm_max_map_count = n;
}

struct vmspace *
shim_vmspace_alloc(uint64_t min, uint64_t max)
{
	return (vmspace_alloc(min, max));
}

void
shim_vmspace_free(struct vmspace *vm)
{
	vmspace_free(vm);
}

void
shim_vmspace_ref(struct vmspace *vm)
{
	vmspace_ref(vm);
}

struct vmspace *
shim_vmspace_fork(struct vmspace *vm)
{
	return (vmspace_fork(vm));
}

struct vm_map *
shim_vmspace_map(struct vmspace *vm)
{
	return (&vm->vm_map);
}

void *
shim_vmspace_pmap(struct vmspace *vm)
{
	return (vmspace_pmap(vm));
}

bool
shim_map_topdown(struct vm_map *map)
{
	return ((map->flags & MAP_TOPDOWN) != 0);
}

/* --- Stand-in objects --- */

static struct vm_object shim_objects[SHIM_NOBJECTS];
static bool shim_object_live[SHIM_NOBJECTS];
static struct shim_page_remove shim_removes[SHIM_NREMOVES];
static int shim_nremoves;

static vm_object_t
shim_object_new(vm_pindex_t size, u_short flags)
{
	vm_object_t object;
	int i;

	for (i = 0; i < SHIM_NOBJECTS; i++)
		if (!shim_object_live[i])
			break;
	if (i == SHIM_NOBJECTS)
		panic("shim_object_new: pool exhausted");
	object = &shim_objects[i];
	memset(object, 0, sizeof(*object));
	mtx_init(&object->lock, "shim object", NULL, MTX_DEF);
	object->ref_count = 1;
	object->size = size;
	object->flags = flags;
	object->type = OBJT_DEFAULT;
	shim_object_live[i] = true;
	return (object);
}

static int
shim_object_slot(const void *obj)
{
	const struct vm_object *object = obj;

	if (object < shim_objects || object >= shim_objects + SHIM_NOBJECTS)
		panic("%p is not a stand-in object", obj);
	return ((int)(object - shim_objects));
}

vm_object_t
vm_object_allocate_anon(vm_pindex_t size)
{
	return (shim_object_new(size, OBJ_ANON | OBJ_ONEMAPPING));
}

void
vm_object_reference(vm_object_t object)
{
	if (object == NULL)
		return;
	VM_OBJECT_WLOCK(object);
	KASSERT(object->ref_count > 0, ("reference to a dead object"));
	object->ref_count++;
	VM_OBJECT_WUNLOCK(object);
}

/* Splitting is vm_object's business (tested there): nothing here. */
void
vm_object_split(vm_object_t *objectp, vm_ooffset_t *offsetp,
    vm_size_t length)
{
	(void)objectp;
	(void)offsetp;
	(void)length;
}

/* The last reference frees the object and drops its backing's. */
void
vm_object_deallocate(vm_object_t object)
{
	vm_object_t backing;

	while (object != NULL) {
		VM_OBJECT_WLOCK(object);
		KASSERT(object->ref_count > 0, ("reference underflow"));
		if (--object->ref_count > 0) {
			VM_OBJECT_WUNLOCK(object);
			return;
		}
		backing = object->backing_object;
		VM_OBJECT_WUNLOCK(object);
		if (backing != NULL)
			backing->shadow_count--;
		shim_object_live[shim_object_slot(object)] = false;
		object = backing;
	}
}

void
vm_object_clear_flag(vm_object_t object, u_short bits)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	object->flags &= ~bits;
}

void
vm_object_page_remove(vm_object_t object, vm_pindex_t start, vm_pindex_t end,
    int options)
{
	VM_OBJECT_ASSERT_WLOCKED(object);
	if (shim_nremoves == SHIM_NREMOVES)
		panic("vm_object_page_remove: log full");
	shim_removes[shim_nremoves++] = (struct shim_page_remove){ object,
	    start, end, options };
}

/* vm_object.c's rules, without pages (the removal is logged). */
bool
vm_object_coalesce(vm_object_t prev_object, vm_ooffset_t prev_offset,
    vm_size_t prev_size, vm_size_t next_size)
{
	vm_pindex_t next_pindex, next_npages;

	if (prev_object == NULL)
		return (true);
	if ((prev_object->flags & OBJ_ANON) == 0)
		return (false);
	VM_OBJECT_WLOCK(prev_object);
	next_pindex = OFF_TO_IDX(prev_offset) + atop(prev_size);
	next_npages = atop(next_size);
	if (prev_object->backing_object != NULL ||
	    (prev_object->ref_count > 1 && prev_object->size != next_pindex &&
	    (prev_object->flags & OBJ_ONEMAPPING) == 0)) {
		VM_OBJECT_WUNLOCK(prev_object);
		return (false);
	}
	if (next_pindex < prev_object->size)
		vm_object_page_remove(prev_object, next_pindex,
		    next_pindex + next_npages, 0);
	if (next_pindex + next_npages > prev_object->size)
		prev_object->size = next_pindex + next_npages;
	VM_OBJECT_WUNLOCK(prev_object);
	return (true);
}

void
vm_object_shadow(vm_object_t *object, vm_ooffset_t *offset,
    vm_size_t length)
{
	vm_object_t source = *object, result;

	if (source != NULL && source->ref_count == 1 &&
	    (source->flags & OBJ_ANON) != 0)
		return;
	result = vm_object_allocate_anon(atop(length));
	if (source != NULL) {
		result->backing_object = source;
		result->backing_object_offset = *offset;
		source->shadow_count++;
		source->flags &= ~OBJ_ONEMAPPING;
	}
	*object = result;
	*offset = 0;
}

void *
shim_obj_new(uint64_t pages, bool anon)
{
	return (shim_object_new(pages, anon ? OBJ_ANON | OBJ_ONEMAPPING : 0));
}

void
shim_obj_reference(void *obj)
{
	vm_object_reference(obj);
}

void
shim_obj_deallocate(void *obj)
{
	vm_object_deallocate(obj);
}

/* The pool slot of a live object, or NULL. */
void *
shim_obj_slot(int i)
{
	return (shim_object_live[i] ? &shim_objects[i] : NULL);
}

int
shim_obj_index(void *obj)
{
	return (shim_object_slot(obj));
}

bool
shim_obj_live(void *obj)
{
	return (shim_object_live[shim_object_slot(obj)]);
}

int
shim_obj_refs(void *obj)
{
	return (((vm_object_t)obj)->ref_count);
}

int
shim_obj_flags(void *obj)
{
	return (((vm_object_t)obj)->flags);
}

int
shim_obj_shadow_count(void *obj)
{
	return (((vm_object_t)obj)->shadow_count);
}

void *
shim_obj_backing(void *obj)
{
	return (((vm_object_t)obj)->backing_object);
}

/* Make obj shadow backing (whose reference obj takes). */
void
shim_obj_set_backing(void *obj, void *backing)
{
	vm_object_t object = obj, b = backing;

	object->backing_object = b;
	b->shadow_count++;
	b->flags &= ~OBJ_ONEMAPPING;
}

uint64_t
shim_obj_size(void *obj)
{
	return (((vm_object_t)obj)->size);
}

/* The vm_object_page_remove calls since the last take, then forget them. */
int
shim_page_removes_take(struct shim_page_remove *out, int max)
{
	int n = shim_nremoves;

	memcpy(out, shim_removes, sizeof(*out) * (size_t)MIN(n, max));
	shim_nremoves = 0;
	return (n);
}
