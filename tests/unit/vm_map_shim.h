/*
 * vm_map_shim.h: what vm_map_test.c calls in vm_map_shim.c (which wraps
 * sys/vm/vm_map.c), in types the host and the kernel share, and the
 * kernel constants the test needs; vm_map_shim.c checks each against
 * the kernel's headers.  Error numbers are the host's: the kernel uses
 * Linux's values.
 */
#ifndef _VM_MAP_SHIM_H_
#define _VM_MAP_SHIM_H_

#include <stdbool.h>
#include <stdint.h>

struct vm_map;
struct vmspace;

#define SHIM_PAGE_SIZE		4096ul

#define SHIM_PROT_READ		0x01
#define SHIM_PROT_WRITE		0x02
#define SHIM_PROT_EXECUTE	0x04

#define SHIM_INHERIT_SHARE	0
#define SHIM_INHERIT_COPY	1
#define SHIM_INHERIT_NONE	2

/* struct vm_map_entry eflags */
#define SHIM_ENTRY_COW		0x00000004
#define SHIM_ENTRY_NEEDS_COPY	0x00000008
#define SHIM_ENTRY_USER_WIRED	0x00000020
#define SHIM_ENTRY_BEHAV_SEQUENTIAL 0x00000040
#define SHIM_ENTRY_BEHAV_RANDOM	0x00000080
#define SHIM_ENTRY_BEHAV_MASK	0x000000c0
#define SHIM_ENTRY_NOCOREDUMP	0x00000400
#define SHIM_ENTRY_GROWS_DOWN	0x00001000
#define SHIM_ENTRY_GUARD	0x00010000
#define SHIM_ENTRY_STACK_GAP_DN	0x00020000
#define SHIM_ENTRY_NOFORK	0x00800000

/* vm_map_insert cow flags */
#define SHIM_INHERIT_SHARE_COW	0x0002	/* MAP_INHERIT_SHARE */
#define SHIM_COPY_ON_WRITE	0x0004
#define SHIM_CREATE_GUARD	0x0080
#define SHIM_DISABLE_COREDUMP	0x0100
#define SHIM_STACK_GROWS_DOWN	0x1000
#define SHIM_CREATE_STACK_GAP_DN 0x4000

#define SHIM_VMFS_NO_SPACE	0
#define SHIM_VMFS_ANY_SPACE	1
#define SHIM_VMFS_ALIGNED_SPACE(x) ((x) << 8)

#define SHIM_MADV_NORMAL	0
#define SHIM_MADV_RANDOM	1
#define SHIM_MADV_SEQUENTIAL	2
#define SHIM_MADV_WILLNEED	3
#define SHIM_MADV_DONTNEED	4
#define SHIM_MADV_FREE		5
#define SHIM_MADV_NOCORE	8
#define SHIM_MADV_CORE		9
#define SHIM_MADV_DONTFORK	20
#define SHIM_MADV_DOFORK	21

#define SHIM_MAX_MAP_COUNT_DEFAULT 65530

/* <vm/vm_object.h> */
#define SHIM_OBJ_ANON		0x0010
#define SHIM_OBJ_ONEMAPPING	0x2000
#define SHIM_OBJPR_NOTMAPPED	0x2

#define SHIM_NOBJECTS		1024	/* stand-in objects alive at once */
#define SHIM_NREMOVES		16384	/* page removals logged at once */

/* One vm_object_page_remove call. */
struct shim_page_remove {
	void		*object;
	uint64_t	start;		/* pindex */
	uint64_t	end;
	int		options;
};

/* One map entry, copied out. */
struct shim_entry {
	uint64_t	start;
	uint64_t	end;
	void		*object;
	int64_t		offset;
	int		eflags;
	int		prot;
	int		maxprot;
	int		inherit;
	int		wired;
};

void	shim_vm_map_startup(void);
struct vm_map *shim_map_create(uint64_t min, uint64_t max, bool topdown,
	    void *pmap);
void	shim_map_destroy(struct vm_map *map);
int	shim_map_insert(struct vm_map *map, void *object, int64_t offset,
	    uint64_t start, uint64_t end, int prot, int max, int cow);
int	shim_map_find(struct vm_map *map, void *object, int64_t offset,
	    uint64_t *addr, uint64_t length, uint64_t max_addr, int find_space,
	    int prot, int max, int cow);
int	shim_map_findspace(struct vm_map *map, uint64_t start,
	    uint64_t length, uint64_t *addr);
int	shim_map_findspace_range(struct vm_map *map, uint64_t lo,
	    uint64_t hi, uint64_t length, uint64_t align, bool topdown,
	    uint64_t *addr);
int	shim_map_remove(struct vm_map *map, uint64_t start, uint64_t end);
int	shim_map_protect(struct vm_map *map, uint64_t start, uint64_t end,
	    int prot, bool set_max);
int	shim_map_inherit(struct vm_map *map, uint64_t start, uint64_t end,
	    int inheritance);
int	shim_map_madvise(struct vm_map *map, uint64_t start, uint64_t end,
	    int behav);
int	shim_map_clip_start(struct vm_map *map, uint64_t addr);
int	shim_map_clip_end(struct vm_map *map, uint64_t addr);
bool	shim_map_simplify(struct vm_map *map, uint64_t addr);
bool	shim_map_lookup(struct vm_map *map, uint64_t addr,
	    struct shim_entry *out);
bool	shim_map_check(struct vm_map *map);
bool	shim_map_check_protection(struct vm_map *map, uint64_t start,
	    uint64_t end, int prot);
int	shim_map_entries(struct vm_map *map, struct shim_entry *out, int max);
int	shim_map_nentries(struct vm_map *map);
uint64_t shim_map_size(struct vm_map *map);
unsigned int shim_map_timestamp(struct vm_map *map);
bool	shim_map_topdown(struct vm_map *map);
void	shim_map_corrupt_gap(struct vm_map *map, uint64_t addr);
void	shim_map_uncorrupt_gap(struct vm_map *map, uint64_t addr);
void	shim_set_max_map_count(int n);

/* Stand-in objects: created with one reference, the caller's. */
void	*shim_obj_new(uint64_t pages, bool anon);
void	*shim_obj_slot(int i);
int	shim_obj_index(void *obj);
bool	shim_obj_live(void *obj);
int	shim_obj_refs(void *obj);
int	shim_obj_flags(void *obj);
int	shim_obj_shadow_count(void *obj);
void	*shim_obj_backing(void *obj);
void	shim_obj_set_backing(void *obj, void *backing);
uint64_t shim_obj_size(void *obj);
int	shim_page_removes_take(struct shim_page_remove *out, int max);
void	shim_obj_reference(void *obj);
void	shim_obj_deallocate(void *obj);

struct vmspace *shim_vmspace_alloc(uint64_t min, uint64_t max);
void	shim_vmspace_free(struct vmspace *vm);
void	shim_vmspace_ref(struct vmspace *vm);
struct vmspace *shim_vmspace_fork(struct vmspace *vm);
struct vm_map *shim_vmspace_map(struct vmspace *vm);
void	*shim_vmspace_pmap(struct vmspace *vm);

#endif /* !_VM_MAP_SHIM_H_ */
