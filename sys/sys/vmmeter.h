/*
 * vmmeter.h: the system-wide page counters (FreeBSD's struct vmmeter),
 * exposed later as sysctl vm.stats.vm.*.
 *
 * The page counts are exact, not estimates: every page of vm_page_array
 * is counted in v_page_count; a page is in v_free_count while it sits in
 * the buddy allocator's free lists, and in v_wire_count while its
 * wire_count is non-zero.  The queue counts belong to the pagedaemon's
 * queues (later issue).
 *
 * Lock legend:
 *	(c) constant after vm_page_startup
 *	(f) vm_phys_free_mtx
 *	(a) atomic operations
 *	(q) the page queue locks (later issue)
 *	(k) events, counted with VM_CNT_INC (atomic) or with interrupts
 *	    off (counter(9)-style per-CPU counters when SMP arrives)
 */
#ifndef _SYS_VMMETER_H_
#define _SYS_VMMETER_H_

#include <sys/types.h>

struct vmmeter {
	u_int	v_page_count;		/* (c) pages in vm_page_array */
	u_int	v_free_count;		/* (f) pages on the free lists */
	u_int	v_wire_count;		/* (a) pages with wire_count > 0 */
	u_int	v_active_count;		/* (q) pages on PQ_ACTIVE */
	u_int	v_inactive_count;	/* (q) pages on PQ_INACTIVE */
	u_int	v_laundry_count;	/* (q) pages on PQ_LAUNDRY */
	uint64_t v_vm_faults;		/* (k) calls to vm_fault */
	uint64_t v_cow_faults;		/* (k) copy-on-write copies */
	uint64_t v_zfod;		/* (k) zero-filled pages */
	uint64_t v_intrans;		/* (k) faults that waited for a busy page */
	uint64_t v_vnodein;		/* (k) vnode pager page-in requests */
	uint64_t v_vnodeout;		/* (k) vnode pager page-out requests */
	uint64_t v_vnodepgsin;		/* (k) pages read in by the vnode pager */
	uint64_t v_vnodepgsout;		/* (k) pages written by the vnode pager */
	uint64_t v_swtch;		/* (k) context switches */
	uint64_t v_trap;		/* (k) traps (exceptions) */
	uint64_t v_intr;		/* (k) device interrupts */
	uint64_t v_syscall;		/* (k) system calls */
};

extern struct vmmeter vm_cnt;

/* Count an event from any context (FreeBSD's name; atomic, relaxed). */
#define VM_CNT_INC(field)						\
	((void)__atomic_fetch_add(&vm_cnt.field, 1, __ATOMIC_RELAXED))
#define VM_CNT_ADD(field, n)						\
	((void)__atomic_fetch_add(&vm_cnt.field, (n), __ATOMIC_RELAXED))

#endif /* !_SYS_VMMETER_H_ */
