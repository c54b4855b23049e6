/*
 * vm_map.h: address maps (sys/vm/vm_map.c): the entries that say what
 * is mapped where in a process's address space, and the vmspace that
 * ties a map to its page tables.  share/doc/vm-map.md explains the
 * design.
 */
#ifndef _VM_VM_MAP_H_
#define _VM_VM_MAP_H_

#include <sys/types.h>
#include <sys/sx.h>
#include <sys/tree.h>

#include <vm/vm.h>

#include <machine/pmap.h>

/*
 * One mapped range [start, end) of a map: the object (or none yet) and
 * offset that back it, its protections, inheritance, wiring and flags.
 * Entries are on an address-ordered list through a sentinel (the map's
 * header) and in a red-black tree by start, augmented with the largest
 * free gap in each subtree (adj_free, max_free).
 *
 * Lock legend: (m) the map's lock, exclusive to change, shared to read.
 */
struct vm_map_entry {
	RB_ENTRY(vm_map_entry) rb;	/* (m) the map's tree, by start */
	struct vm_map_entry *prev;	/* (m) previous entry or the header */
	struct vm_map_entry *next;	/* (m) next entry or the header */
	vm_offset_t	start;		/* (m) first address */
	vm_offset_t	end;		/* (m) first address past the range */
	vm_size_t	adj_free;	/* (m) free space from end to the next
					   entry's start (map end if last) */
	vm_size_t	max_free;	/* (m) largest adj_free in the subtree */
	vm_object_t	object;		/* (m) backing object, or NULL: anonymous
					   memory not yet touched */
	vm_ooffset_t	offset;		/* (m) object offset of start (bytes) */
	int		eflags;		/* (m) MAP_ENTRY_* */
	vm_prot_t	protection;	/* (m) access allowed now */
	vm_prot_t	max_protection;	/* (m) most access ever allowed */
	vm_inherit_t	inheritance;	/* (m) VM_INHERIT_* */
	int		wired_count;	/* (m) wirings (mlock, kernel) */
};

/* eflags (FreeBSD's values where FreeBSD has the flag). */
#define MAP_ENTRY_COW		0x00000004 /* copy on write (private) */
#define MAP_ENTRY_NEEDS_COPY	0x00000008 /* shadow object not made yet */
#define MAP_ENTRY_NOFAULT	0x00000010 /* faults are errors */
#define MAP_ENTRY_USER_WIRED	0x00000020 /* wired by mlock */
#define MAP_ENTRY_BEHAV_NORMAL	0x00000000 /* madvise access pattern ... */
#define MAP_ENTRY_BEHAV_SEQUENTIAL 0x00000040
#define MAP_ENTRY_BEHAV_RANDOM	0x00000080
#define MAP_ENTRY_BEHAV_MASK	0x000000c0
#define MAP_ENTRY_NOCOREDUMP	0x00000400 /* not in core dumps */
#define MAP_ENTRY_GROWS_DOWN	0x00001000 /* a stack: grows into the gap */
#define MAP_ENTRY_GUARD		0x00010000 /* reserves space, maps nothing */
#define MAP_ENTRY_STACK_GAP_DN	0x00020000 /* the guard below a stack */
#define MAP_ENTRY_HEADER	0x00080000 /* the map's sentinel */
#define MAP_ENTRY_NOFORK	0x00800000 /* Umbra: MADV_DONTFORK */

/*
 * Entries with these flags keep their boundaries (stack growth relies on
 * a stack and its gap being whole entries): never merged.
 */
#define MAP_ENTRY_NOMERGE_MASK						\
	(MAP_ENTRY_GROWS_DOWN | MAP_ENTRY_STACK_GAP_DN | MAP_ENTRY_HEADER)

/*
 * An address map.  The header is the sentinel of the entry list:
 * header.next is the lowest entry and header.prev the highest; its end
 * is the map's lowest address and its start the map's end, so the free
 * gap below the first entry is header.adj_free and every other gap is
 * an entry's adj_free.
 *
 * Lock legend: (c) constant after vm_map_init; (m) the map's lock
 * (exclusive to change, shared to read).
 */
struct vm_map {
	struct vm_map_entry header;	/* (m) list sentinel, bounds (c) */
	struct sx	lock;		/* the map lock */
	RB_HEAD(vm_map_tree, vm_map_entry) root; /* (m) entries by start */
	int		nentries;	/* (m) entries, header not counted */
	vm_size_t	size;		/* (m) bytes mapped */
	u_int		timestamp;	/* (m) bumped at each exclusive lock */
	u_int		flags;		/* (m) MAP_* below */
	struct pmap	*pmap;		/* (c) physical map, or NULL */
};

/* Map flags. */
#define MAP_TOPDOWN	0x0001	/* vm_map_find searches from the top */

#define vm_map_min(map)		((map)->header.end)
#define vm_map_max(map)		((map)->header.start)
#define vm_map_pmap(map)	((map)->pmap)

/* Walking the entries in address order, map locked. */
#define vm_map_entry_first(map)	((map)->header.next)
#define vm_map_entry_succ(entry) ((entry)->next)
#define VM_MAP_ENTRY_FOREACH(it, map)					\
	for ((it) = vm_map_entry_first(map);				\
	    (it) != &(map)->header;					\
	    (it) = vm_map_entry_succ(it))

/*
 * A process's address space: the map, its page tables, and sizes
 * kept for exec, brk and the stack (in pages, as FreeBSD).
 *
 * Lock legend: (c) constant after creation; (a) atomic; (m) vm_map's lock.
 */
struct vmspace {
	struct vm_map	vm_map;		/* the address map */
	struct pmap	vm_pmap;	/* its page tables */
	u_int		vm_refcnt;	/* (a) processes sharing it */
	vm_size_t	vm_tsize;	/* (m) text size, pages */
	vm_size_t	vm_dsize;	/* (m) data size, pages */
	vm_size_t	vm_ssize;	/* (m) stack size, pages */
	vm_offset_t	vm_taddr;	/* (m) text start */
	vm_offset_t	vm_daddr;	/* (m) data start (brk base) */
	vm_offset_t	vm_maxsaddr;	/* (m) lowest address the stack may
					   reach */
};

#define vmspace_pmap(vm)	(&(vm)->vm_pmap)

/* vm_map_insert / vm_map_find cow flags (FreeBSD's names). */
#define MAP_INHERIT_SHARE	0x0002	/* inheritance VM_INHERIT_SHARE */
#define MAP_COPY_ON_WRITE	0x0004	/* private: COW | NEEDS_COPY */
#define MAP_NOFAULT		0x0008	/* faults in it are errors */
#define MAP_CREATE_GUARD	0x0080	/* a guard: no object, PROT_NONE */
#define MAP_DISABLE_COREDUMP	0x0100	/* not in core dumps */
#define MAP_STACK_GROWS_DOWN	0x1000	/* a stack growing down */
#define MAP_CREATE_STACK_GAP_DN	0x4000	/* the guard below such a stack */

/* vm_map_find find_space. */
#define VMFS_NO_SPACE		0	/* exactly at *addr */
#define VMFS_ANY_SPACE		1	/* anywhere; *addr is a hint */
#define VMFS_ALIGNED_SPACE(x)	((x) << 8) /* anywhere, 2^x-aligned */

#define VM_MAX_MAP_COUNT_DEFAULT 65530	/* Linux's vm.max_map_count */

#ifdef _KERNEL
/* The most entries a map may hold (sysctl vm.max_map_count). */
extern int vm_max_map_count;

void	vm_map_startup(void);
void	vm_map_init(vm_map_t map, struct pmap *pmap, vm_offset_t min,
	    vm_offset_t max);
void	vm_map_destroy(vm_map_t map);

void	vm_map_lock(vm_map_t map);
void	vm_map_unlock(vm_map_t map);
void	vm_map_lock_read(vm_map_t map);
void	vm_map_unlock_read(vm_map_t map);
int	vm_map_trylock(vm_map_t map);
int	vm_map_trylock_read(vm_map_t map);
int	vm_map_lock_upgrade(vm_map_t map);
void	vm_map_lock_downgrade(vm_map_t map);
#define VM_MAP_ASSERT_LOCKED(map)	sx_assert(&(map)->lock, SA_XLOCKED)
#define VM_MAP_ASSERT_LOCKED_ANY(map)	sx_assert(&(map)->lock, SA_LOCKED)

bool	vm_map_lookup_entry(vm_map_t map, vm_offset_t addr,
	    struct vm_map_entry **entryp);
int	vm_map_findspace(vm_map_t map, vm_offset_t start, vm_size_t length,
	    vm_offset_t *addr);
int	vm_map_findspace_range(vm_map_t map, vm_offset_t lo, vm_offset_t hi,
	    vm_size_t length, vm_size_t align, bool topdown,
	    vm_offset_t *addr);
int	vm_map_insert(vm_map_t map, vm_object_t object, vm_ooffset_t offset,
	    vm_offset_t start, vm_offset_t end, vm_prot_t prot,
	    vm_prot_t max, int cow);
int	vm_map_find(vm_map_t map, vm_object_t object, vm_ooffset_t offset,
	    vm_offset_t *addr, vm_size_t length, vm_offset_t max_addr,
	    int find_space, vm_prot_t prot, vm_prot_t max, int cow);
int	vm_map_delete(vm_map_t map, vm_offset_t start, vm_offset_t end);
int	vm_map_remove(vm_map_t map, vm_offset_t start, vm_offset_t end);
int	vm_map_clip_start(vm_map_t map, struct vm_map_entry *entry,
	    vm_offset_t start);
int	vm_map_clip_end(vm_map_t map, struct vm_map_entry *entry,
	    vm_offset_t end);
int	vm_map_protect(vm_map_t map, vm_offset_t start, vm_offset_t end,
	    vm_prot_t new_prot, bool set_max);
int	vm_map_inherit(vm_map_t map, vm_offset_t start, vm_offset_t end,
	    vm_inherit_t new_inheritance);
int	vm_map_madvise(vm_map_t map, vm_offset_t start, vm_offset_t end,
	    int behav);
void	vm_map_simplify_entry(vm_map_t map, struct vm_map_entry *entry);
void	vm_map_entry_share(struct vm_map_entry *entry);
bool	vm_map_check_protection(vm_map_t map, vm_offset_t start,
	    vm_offset_t end, vm_prot_t protection);
#ifdef INVARIANTS
bool	vm_map_check(vm_map_t map);
#endif

struct vmspace *vmspace_alloc(vm_offset_t min, vm_offset_t max);
void	vmspace_ref(struct vmspace *vm);
void	vmspace_free(struct vmspace *vm);
struct vmspace *vmspace_fork(struct vmspace *vm1);
#endif /* _KERNEL */

#endif /* !_VM_VM_MAP_H_ */
