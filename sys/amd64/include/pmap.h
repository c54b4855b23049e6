/*
 * machine/pmap.h: the amd64 physical map (sys/amd64/amd64/pmap.c):
 * address spaces as x86-64 four-level page tables, and the pv lists that
 * find every mapping of a page.
 *
 * Lock order (share/doc/vm-phys-pmap.md has the whole kernel's):
 *	pmap (pm_mtx) -> pmap_pv_mtx -> vm_phys_free_mtx
 * Code that starts from a page (pmap_remove_all and friends) holds
 * pmap_pv_mtx and must only trylock a pmap; when that fails it drops
 * pmap_pv_mtx, takes both in order and rechecks the page's pv_gen.
 */
#ifndef _MACHINE_PMAP_H_
#define _MACHINE_PMAP_H_

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/queue.h>

#include <vm/vm.h>

#include <machine/pte.h>

struct pv_entry;
struct vm_page;

/*
 * The machine-dependent part of every struct vm_page.
 * Lock legend: (v) pmap_pv_mtx.
 */
struct md_page {
	TAILQ_HEAD(, pv_entry) pv_list;	/* (v) every managed mapping */
	u_int		pv_count;	/* (v) entries on pv_list */
	u_int		pv_gen;		/* (v) bumped on every list change */
};

struct pmap_statistics {
	u_long		resident_count;	/* pages mapped */
	u_long		wired_count;	/* of which wired (PG_W) */
};

/*
 * An address space.
 * Lock legend:
 *	(c) constant after pmap_pinit / pmap_bootstrap
 *	(p) pm_mtx
 */
struct pmap {
	struct mtx	pm_mtx;
	pml4_entry_t	*pm_pml4;	/* (c) top table, through the DMAP */
	vm_paddr_t	pm_cr3;		/* (c) its physical address */
	struct vm_page	*pm_pml4pg;	/* (c) its page (NULL: kernel) */
	struct pmap_statistics pm_stats; /* (p) */
};
typedef struct pmap *pmap_t;

/*
 * A mapping of a managed page: lives on the page's md.pv_list.
 * Lock legend: (v) pmap_pv_mtx; (c) constant while listed.
 */
struct pv_entry {
	pmap_t		pv_pmap;	/* (c) the address space */
	vm_offset_t	pv_va;		/* (c) the virtual address */
	TAILQ_ENTRY(pv_entry) pv_next;	/* (v) the page's list */
};

extern struct pmap kernel_pmap_store;
#define kernel_pmap	(&kernel_pmap_store)

#define PMAP_LOCK(pmap)		mtx_lock(&(pmap)->pm_mtx)
#define PMAP_UNLOCK(pmap)	mtx_unlock(&(pmap)->pm_mtx)
#define PMAP_TRYLOCK(pmap)	mtx_trylock(&(pmap)->pm_mtx)
#define PMAP_LOCK_ASSERT(pmap, what) mtx_assert(&(pmap)->pm_mtx, (what))

/* pmap_enter flags (the low bits may carry the faulting access, VM_PROT_*) */
#define PMAP_ENTER_WIRED	0x0100	/* a wired mapping (PG_W) */
#define PMAP_ENTER_NOSLEEP	0x0200	/* fail with ENOMEM, do not panic */

/* Above this many pages a range invalidation flushes the whole TLB. */
#define PMAP_INVLPG_THRESHOLD	32

/* Boot (machdep) and the page hooks used by vm_page/vm_phys. */
void	pmap_bootstrap(vm_paddr_t *firstaddr);
void	pmap_page_init(struct vm_page *m);
void	pmap_zero_page(struct vm_page *m);

/* The kernel's own mappings in [VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS). */
void	pmap_kenter(vm_offset_t va, vm_paddr_t pa);
void	pmap_kenter_prot(vm_offset_t va, vm_paddr_t pa, vm_prot_t prot);
void	pmap_kremove(vm_offset_t va);
vm_paddr_t pmap_kextract(vm_offset_t va);

/* User address spaces. */
int	pmap_pinit(pmap_t pmap);
void	pmap_release(pmap_t pmap);
void	pmap_activate_cr3(pmap_t pmap);
int	pmap_enter(pmap_t pmap, vm_offset_t va, struct vm_page *m,
	    vm_prot_t prot, u_int flags);
void	pmap_remove(pmap_t pmap, vm_offset_t sva, vm_offset_t eva);
void	pmap_protect(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
	    vm_prot_t prot);
vm_paddr_t pmap_extract(pmap_t pmap, vm_offset_t va);
pt_entry_t *pmap_pte(pmap_t pmap, vm_offset_t va);

/* A page, wherever it is mapped (its pv list). */
bool	pmap_is_modified(struct vm_page *m);
void	pmap_clear_modify(struct vm_page *m);
bool	pmap_is_referenced(struct vm_page *m);
int	pmap_ts_referenced(struct vm_page *m);
void	pmap_remove_all(struct vm_page *m);
void	pmap_remove_write(struct vm_page *m);
int	pmap_page_mapcount(struct vm_page *m);

/* TLB invalidation: every change to a live entry goes through these. */
void	pmap_invalidate_page(pmap_t pmap, vm_offset_t va);
void	pmap_invalidate_range(pmap_t pmap, vm_offset_t sva, vm_offset_t eva);
void	pmap_invalidate_all(pmap_t pmap);

/* Checks for tests (INVARIANTS): pv lists against the page tables. */
bool	pmap_check_pv(pmap_t pmap);

#endif /* !_MACHINE_PMAP_H_ */
