/*
 * vm_phys_shim.c: the kernel-side surroundings of sys/vm/vm_phys.c in a
 * host test, compiled with the kernel's headers (a <prog>_KSHIMS file,
 * share/mk/umbra.hosttest.mk): the pmap's page-record hook, a static
 * page array, and accessors that let the ATF program, which cannot see
 * struct vm_page, work in physical addresses.  Mutexes come from
 * kshim_mtx.c.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_page.h>
#include <vm/vm_phys.h>

#include "vm_phys_shim.h"

CTASSERT(SHIM_NFREEORDER == VM_NFREEORDER);

static struct vm_page shim_pages[SHIM_MAXPAGES];
struct vmmeter vm_cnt;	/* sys/vm/vm_meter.c carries sysctls: not linked */

void
pmap_page_init(vm_page_t m)
{
	TAILQ_INIT(&m->md.pv_list);
	m->md.pv_count = 0;
}

int
shim_setup(const uint64_t *segs, int nsegs, const uint64_t *avail,
    int navail)
{
	vm_page_t m;
	u_long n;
	int error, i;

	vm_phys_init();
	for (i = 0; i < nsegs; i++) {
		error = vm_phys_add_seg(segs[2 * i], segs[2 * i + 1]);
		if (error != 0)
			return (error);
	}
	if (vm_phys_npages() > SHIM_MAXPAGES)
		return (ENOMEM);
	vm_phys_init_pages(shim_pages);
	vm_cnt.v_page_count = (u_int)vm_phys_npages();
	for (i = 0; i < navail; i++) {
		m = vm_phys_paddr_to_vm_page(avail[2 * i]);
		n = atop(avail[2 * i + 1] - avail[2 * i]);
		if (m == NULL)
			return (EINVAL);
		vm_phys_free_contig(m, n);
	}
	return (0);
}

uint64_t
shim_alloc(int order)
{
	vm_page_t m;

	m = vm_phys_alloc_pages(order);
	return (m == NULL ? SHIM_NOPAGE : m->phys_addr);
}

void
shim_free(uint64_t pa, int order)
{
	vm_phys_free_pages(vm_phys_paddr_to_vm_page(pa), order);
}

void
shim_free_contig(uint64_t pa, unsigned long npages)
{
	vm_phys_free_contig(vm_phys_paddr_to_vm_page(pa), npages);
}

unsigned int
shim_free_count(void)
{
	return (vm_cnt.v_free_count);
}

int
shim_page_order(uint64_t pa)
{
	return (vm_phys_paddr_to_vm_page(pa)->order);
}

/* Overwrite a page's order field, to corrupt the state on purpose. */
void
shim_set_order(uint64_t pa, int order)
{
	vm_phys_paddr_to_vm_page(pa)->order = (uint8_t)order;
}
