/*
 * pmap.c: the amd64 physical map.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/vm_page.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

/* pmap_page_init: initialize the machine-dependent part of a page record. */
void
pmap_page_init(vm_page_t m)
{
	TAILQ_INIT(&m->md.pv_list);
	m->md.pv_count = 0;
}

/* pmap_zero_page: fill a page with zeros through the direct map. */
void
pmap_zero_page(vm_page_t m)
{
	memset((void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)), 0, PAGE_SIZE);
}
