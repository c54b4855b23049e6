/*
 * machine/pmap.h: the amd64 physical map (sys/amd64/amd64/pmap.c).
 *
 * struct md_page is the machine-dependent part of every struct vm_page:
 * the head of the page's pv list, one pv entry per mapping of the page in
 * a user pmap.
 */
#ifndef _MACHINE_PMAP_H_
#define _MACHINE_PMAP_H_

#include <sys/types.h>
#include <sys/queue.h>

struct pv_entry;
struct vm_page;

/*
 * Lock legend:
 *	(v) pmap_pv_mtx (the pv list lock)
 */
struct md_page {
	TAILQ_HEAD(, pv_entry) pv_list;	/* (v) every mapping of the page */
	u_int		pv_count;	/* (v) entries on pv_list */
};

void	pmap_page_init(struct vm_page *m);
void	pmap_zero_page(struct vm_page *m);

#endif /* !_MACHINE_PMAP_H_ */
