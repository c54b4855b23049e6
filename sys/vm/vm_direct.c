/*
 * vm_direct.c: TEMPORARY user address spaces mapped directly with the
 * pmap (see vm_direct.h for what replaces each function once vm_map,
 * vm_object and vm_fault exist).
 *
 * A dvmspace owns a list of anonymous pages.  Each is allocated wired
 * and zero-filled, remembers its user address in pindex (it has no
 * object), and is entered into the dvmspace's pmap with the protection
 * of the mapping, or left unmapped while that protection is PROT_NONE.
 * There are no page faults: every page exists from the moment it is
 * mapped (exec, brk, mmap, the stack), and any user access elsewhere ends
 * the process (trap.c).  The protection of a page is read back from its
 * page-table entry, so the list is all the state there is.
 *
 * Cases: map (new pages, or a wider protection for pages already there:
 * exec's segments may share a page), unmap (pages freed), protect
 * (re-entered, or unmapped for PROT_NONE; a missing page in the range is
 * created, since mmap(PROT_NONE) only reserves addresses), copy for fork
 * (every page copied at once: no copy-on-write yet), free at exit.
 * Lookups by address go through the page tables, then the list for
 * unmapped pages, so they are O(n) at worst; fine for the test programs.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/malloc.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_page.h>

#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/vmparam.h>

static MALLOC_DEFINE(M_DVMSPACE, "dvmspace", "direct user address spaces");

/*
 * dvmspace_alloc: an empty user address space.  Returns NULL when no page
 * is left for its top page table.
 */
struct dvmspace *
dvmspace_alloc(void)
{
	struct dvmspace *vm;

	vm = malloc(sizeof(*vm), M_DVMSPACE, M_WAITOK | M_ZERO);
	if (pmap_pinit(&vm->dvm_pmap) != 0) {
		free(vm, M_DVMSPACE);
		return (NULL);
	}
	TAILQ_INIT(&vm->dvm_pages);
	vm->dvm_stack_lo = USRSTACK;
	vm->dvm_mmap_next = USRSTACK - DVM_MMAP_GAP;
	return (vm);
}

/* Free one page of vm's list; it must be unmapped already. */
static void
dvm_page_free(struct dvmspace *vm, vm_page_t m)
{
	TAILQ_REMOVE(&vm->dvm_pages, m, plinks);
	vm->dvm_npages--;
	m->pindex = 0;
	vm_page_free(m);
}

/*
 * dvmspace_free: unmap and free every page of vm, then vm itself.  vm
 * must not be the address space loaded on the CPU.
 */
void
dvmspace_free(struct dvmspace *vm)
{
	vm_page_t m;

	pmap_remove(&vm->dvm_pmap, VM_MIN_ADDRESS, VM_MAXUSER_ADDRESS);
	while ((m = TAILQ_FIRST(&vm->dvm_pages)) != NULL)
		dvm_page_free(vm, m);
	KASSERT(vm->dvm_npages == 0, ("dvmspace_free: %lu pages left",
	    vm->dvm_npages));
	pmap_release(&vm->dvm_pmap);
	free(vm, M_DVMSPACE);
}

/* dvmspace_activate: load vm's page tables on this CPU. */
void
dvmspace_activate(struct dvmspace *vm)
{
	pmap_activate_cr3(&vm->dvm_pmap);
}

/* The protection va is mapped with in vm, VM_PROT_NONE if unmapped. */
static vm_prot_t
dvm_prot(struct dvmspace *vm, vm_offset_t va)
{
	pt_entry_t *pte, e;
	vm_prot_t prot;

	PMAP_LOCK(&vm->dvm_pmap);
	pte = pmap_pte(&vm->dvm_pmap, va);
	e = pte != NULL ? *pte : 0;
	PMAP_UNLOCK(&vm->dvm_pmap);
	if ((e & PG_V) == 0)
		return (VM_PROT_NONE);
	prot = VM_PROT_READ;
	if (e & PG_RW)
		prot |= VM_PROT_WRITE;
	if ((e & PG_NX) == 0)
		prot |= VM_PROT_EXECUTE;
	return (prot);
}

/* The page vm owns at user address va (page-aligned), or NULL. */
static vm_page_t
dvm_lookup(struct dvmspace *vm, vm_offset_t va)
{
	vm_paddr_t pa;
	vm_page_t m;

	pa = pmap_extract(&vm->dvm_pmap, va);
	if (pa != 0)
		return (PHYS_TO_VM_PAGE(trunc_page(pa)));
	TAILQ_FOREACH(m, &vm->dvm_pages, plinks)
		if (m->pindex == atop(va))
			return (m);
	return (NULL);
}

/* Enter m at va with prot, or leave it unmapped for VM_PROT_NONE. */
static int
dvm_enter(struct dvmspace *vm, vm_offset_t va, vm_page_t m, vm_prot_t prot)
{
	if (prot == VM_PROT_NONE) {
		pmap_remove(&vm->dvm_pmap, va, va + PAGE_SIZE);
		return (0);
	}
	/* A page the kernel can read must be user-readable too (x86). */
	return (pmap_enter(&vm->dvm_pmap, va, m, prot | VM_PROT_READ,
	    PMAP_ENTER_WIRED | PMAP_ENTER_NOSLEEP));
}

/* A new zero-filled page at va with prot, on vm's list.  ENOMEM. */
static int
dvm_page_new(struct dvmspace *vm, vm_offset_t va, vm_prot_t prot)
{
	vm_page_t m;
	int error;

	m = vm_page_alloc_noobj(VM_ALLOC_NOWAIT | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO);
	if (m == NULL)
		return (ENOMEM);
	m->pindex = atop(va);
	error = dvm_enter(vm, va, m, prot);
	if (error != 0) {
		vm_page_free(m);
		return (error);
	}
	TAILQ_INSERT_TAIL(&vm->dvm_pages, m, plinks);
	vm->dvm_npages++;
	return (0);
}

static void
dvm_check_range(vm_offset_t va, vm_size_t len)
{
	KASSERT((va & PAGE_MASK) == 0 && (len & PAGE_MASK) == 0 &&
	    va + len >= va && va + len <= VM_MAXUSER_ADDRESS,
	    ("dvm: bad user range %#lx+%#lx", va, len));
}

/*
 * user_map_anon: TEMPORARY.  Make [va, va + len) (page-aligned) anonymous
 * zero-filled memory with protection prot.  Pages already there keep
 * their contents and get the union of both protections (exec's segments
 * may share a page).  VM_PROT_NONE maps nothing.  Returns 0, or ENOMEM
 * with the range unmapped again (pages that were there before stay).
 */
int
user_map_anon(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
    vm_prot_t prot)
{
	vm_page_t last, m;
	vm_offset_t a;
	int error = 0;

	dvm_check_range(va, len);
	if (prot == VM_PROT_NONE)
		return (0);
	last = TAILQ_LAST(&vm->dvm_pages, dvm_pglist);
	for (a = va; a < va + len; a += PAGE_SIZE) {
		m = dvm_lookup(vm, a);
		if (m != NULL)
			error = dvm_enter(vm, a, m, prot | dvm_prot(vm, a));
		else
			error = dvm_page_new(vm, a, prot);
		if (error != 0)
			break;
	}
	/* On failure, free the pages this call added (at the list's tail). */
	while (error != 0 &&
	    (m = TAILQ_LAST(&vm->dvm_pages, dvm_pglist)) != last) {
		pmap_remove(&vm->dvm_pmap, ptoa(m->pindex),
		    ptoa(m->pindex) + PAGE_SIZE);
		dvm_page_free(vm, m);
	}
	return (error);
}

/*
 * user_unmap: TEMPORARY.  Remove [va, va + len) (page-aligned) from vm
 * and free its pages.  Unmapped parts of the range are fine.
 */
void
user_unmap(struct dvmspace *vm, vm_offset_t va, vm_size_t len)
{
	vm_page_t m, next;

	dvm_check_range(va, len);
	if (len == 0)
		return;
	pmap_remove(&vm->dvm_pmap, va, va + len);
	TAILQ_FOREACH_SAFE(m, &vm->dvm_pages, plinks, next)
		if (ptoa(m->pindex) >= va && ptoa(m->pindex) < va + len)
			dvm_page_free(vm, m);
}

/*
 * user_protect: TEMPORARY.  Give [va, va + len) (page-aligned) protection
 * prot.  A page of the range that does not exist is created zero-filled
 * (mmap with PROT_NONE reserves no pages).  Returns 0 or ENOMEM.
 */
int
user_protect(struct dvmspace *vm, vm_offset_t va, vm_size_t len,
    vm_prot_t prot)
{
	vm_offset_t a;
	vm_page_t m;
	int error;

	dvm_check_range(va, len);
	for (a = va; a < va + len; a += PAGE_SIZE) {
		m = dvm_lookup(vm, a);
		if (m != NULL)
			error = dvm_enter(vm, a, m, prot);
		else if (prot != VM_PROT_NONE)
			error = dvm_page_new(vm, a, prot);
		else
			error = 0;
		if (error != 0)
			return (error);
	}
	return (0);
}

/*
 * user_range_mapped: does vm have a page (mapped or PROT_NONE) anywhere
 * in [va, va + len)?  For MAP_FIXED_NOREPLACE-style checks.
 */
bool
user_range_mapped(struct dvmspace *vm, vm_offset_t va, vm_size_t len)
{
	vm_page_t m;

	dvm_check_range(va, len);
	TAILQ_FOREACH(m, &vm->dvm_pages, plinks)
		if (ptoa(m->pindex) >= va && ptoa(m->pindex) < va + len)
			return (true);
	return (false);
}

/*
 * dvm_copy_to: TEMPORARY.  Copy len bytes from kernel memory src to user
 * address va of vm, through the direct map (vm need not be active, and
 * the pages may be read-only to the user).  Every page of the range must
 * exist.  Returns 0 or EFAULT.
 */
int
dvm_copy_to(struct dvmspace *vm, vm_offset_t va, const void *src, size_t len)
{
	const char *s = src;
	vm_page_t m;
	size_t n;

	while (len > 0) {
		m = dvm_lookup(vm, trunc_page(va));
		if (m == NULL)
			return (EFAULT);
		n = MIN(len, PAGE_SIZE - (va & PAGE_MASK));
		memcpy((char *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)) +
		    (va & PAGE_MASK), s, n);
		s += n;
		va += n;
		len -= n;
	}
	return (0);
}

/*
 * dvmspace_copy: TEMPORARY (fork until vmspace_fork with copy-on-write).
 * A new address space with a copy of every page of src, same addresses
 * and protections, made at once.  Returns 0 with it in *dstp, or ENOMEM
 * with nothing left behind.
 */
int
dvmspace_copy(struct dvmspace *src, struct dvmspace **dstp)
{
	struct dvmspace *dst;
	vm_page_t m, n;
	vm_offset_t va;
	int error = 0;

	dst = dvmspace_alloc();
	if (dst == NULL)
		return (ENOMEM);
	TAILQ_FOREACH(m, &src->dvm_pages, plinks) {
		va = ptoa(m->pindex);
		n = vm_page_alloc_noobj(VM_ALLOC_NOWAIT | VM_ALLOC_WIRED);
		if (n == NULL) {
			error = ENOMEM;
			break;
		}
		memcpy((void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(n)),
		    (void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)), PAGE_SIZE);
		n->pindex = m->pindex;
		error = dvm_enter(dst, va, n, dvm_prot(src, va));
		if (error != 0) {
			vm_page_free(n);
			break;
		}
		TAILQ_INSERT_TAIL(&dst->dvm_pages, n, plinks);
		dst->dvm_npages++;
	}
	if (error != 0) {
		dvmspace_free(dst);
		return (error);
	}
	dst->dvm_daddr = src->dvm_daddr;
	dst->dvm_brk = src->dvm_brk;
	dst->dvm_mmap_next = src->dvm_mmap_next;
	dst->dvm_stack_lo = src->dvm_stack_lo;
	*dstp = dst;
	return (0);
}
