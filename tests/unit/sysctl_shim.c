/*
 * sysctl_shim.c: the kernel-side surroundings of sys/kern/kern_sysctl.c
 * in a host test, compiled with the kernel's headers (a <prog>_KSHIMS
 * file, share/mk/umbra.hosttest.mk): mutexes that only check their use,
 * the tree the tests run on, declared with the kernel's own macros so its
 * static OIDs go through the sysctl_set linker set as in the kernel, and
 * helpers that do what the test program cannot do without struct
 * sysctl_oid: dynamic OIDs and a count of the tree.
 *
 *	kern (1)	ostype (1), sub (2) { deep (5) }, and OID_AUTO leaves:
 *			rw_int, ro_int, const_int, rw_long, rw_ulong, rw_u64,
 *			rw_string, twice, empty (a node), hidden (skipped)
 *	debug (5)	empty; dynamic OIDs go here
 *	hw (6)		machine (1), pagesize (7)
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/sysctl.h>

#include "sysctl_shim.h"

/* Mutexes come from kshim_mtx.c. */

SYSCTL_ROOT_NODE(CTL_KERN, kern, CTLFLAG_RW, NULL, "Kernel");
SYSCTL_ROOT_NODE(CTL_DEBUG, debug, CTLFLAG_RW, NULL, "Debugging");
SYSCTL_ROOT_NODE(CTL_HW, hw, CTLFLAG_RW, NULL, "Hardware");

static const char fx_ostype[] = "Umbra";
SYSCTL_STRING(_kern, KERN_OSTYPE, ostype, CTLFLAG_RD, fx_ostype, 0,
    "Operating system type");

static SYSCTL_NODE(_kern, 2, sub, CTLFLAG_RW, NULL, "A subtree");
int	fx_deep = 5;
SYSCTL_INT(_kern_sub, 5, deep, CTLFLAG_RW, &fx_deep, 0, "Down a level");

int	fx_int = 42;
SYSCTL_INT(_kern, OID_AUTO, rw_int, CTLFLAG_RW, &fx_int, 0, "A writable int");

int	fx_ro_int = 7;
SYSCTL_INT(_kern, OID_AUTO, ro_int, CTLFLAG_RD, &fx_ro_int, 0,
    "A read-only int");

SYSCTL_INT(_kern, OID_AUTO, const_int, CTLFLAG_RW, SYSCTL_NULL_INT_PTR, 99,
    "A constant, though marked writable");

long	fx_long = -5;
SYSCTL_LONG(_kern, OID_AUTO, rw_long, CTLFLAG_RW, &fx_long, 0,
    "A writable long");

u_long	fx_ulong = 1ul << 63;
SYSCTL_ULONG(_kern, OID_AUTO, rw_ulong, CTLFLAG_RW, &fx_ulong, 0,
    "A writable u_long");

uint64_t fx_u64 = 0x0123456789abcdefull;
SYSCTL_U64(_kern, OID_AUTO, rw_u64, CTLFLAG_RW, &fx_u64, 0,
    "A writable uint64_t");

char	fx_string[16] = "hello";
SYSCTL_STRING(_kern, OID_AUTO, rw_string, CTLFLAG_RW, fx_string,
    sizeof(fx_string), "A writable string");

/* Reads as twice rw_int; writing v sets rw_int to v / 2. */
static int
fx_twice_handler(SYSCTL_HANDLER_ARGS)
{
	int val = fx_int * 2, error;

	error = sysctl_handle_int(oidp, &val, 0, req);
	if (error != 0 || req->newptr == NULL)
		return (error);
	if (val % 2 != 0)
		return (EINVAL);
	fx_int = val / 2;
	return (0);
}
SYSCTL_PROC(_kern, OID_AUTO, twice, CTLTYPE_INT | CTLFLAG_RW | CTLFLAG_MPSAFE,
    NULL, 0, fx_twice_handler, "I", "Twice rw_int");

static SYSCTL_NODE(_kern, OID_AUTO, empty, CTLFLAG_RD, NULL, "No children");

SYSCTL_INT(_kern, OID_AUTO, hidden, CTLFLAG_RD | CTLFLAG_SKIP,
    SYSCTL_NULL_INT_PTR, 1, "Left out of enumeration");

static const char fx_machine[] = "amd64";
SYSCTL_STRING(_hw, HW_MACHINE, machine, CTLFLAG_RD, fx_machine, 0,
    "Machine class");
SYSCTL_INT(_hw, HW_PAGESIZE, pagesize, CTLFLAG_RD, SYSCTL_NULL_INT_PTR, 4096,
    "System memory page size");

/* The leaves below lsp that enumeration returns, counted on the tree. */
static int
fx_count_below(struct sysctl_oid_list *lsp)
{
	struct sysctl_oid *oidp;
	int n = 0;

	SLIST_FOREACH(oidp, lsp, oid_link) {
		if ((oidp->oid_kind & CTLFLAG_SKIP) != 0)
			continue;
		if ((oidp->oid_kind & CTLTYPE) != CTLTYPE_NODE ||
		    oidp->oid_handler != NULL)
			n++;
		else
			n += fx_count_below(&oidp->oid_children);
	}
	return (n);
}

int
fx_count_leaves(void)
{
	return (fx_count_below(&sysctl__.oid_children));
}

/*
 * Dynamic OIDs, embedded in a record the way a zone would embed them:
 * debug.dyn { count (OID_AUTO), fixed (3), label (OID_AUTO) }.
 */
struct fx_record {
	struct sysctl_oid r_node;
	struct sysctl_oid r_count;
	struct sysctl_oid r_fixed;
	struct sysctl_oid r_label;
	struct sysctl_oid r_clash;
	u_long	r_countval;
	int	r_fixedval;
	char	r_labelval[8];
};
struct fx_record fx_rec = { .r_countval = 11, .r_fixedval = 3,
    .r_labelval = "dyn" };

static struct sysctl_oid *
fx_dyn_oid(int which)
{
	switch (which) {
	case 0:
		return (&fx_rec.r_node);
	case 1:
		return (&fx_rec.r_count);
	case 2:
		return (&fx_rec.r_fixed);
	default:
		return (&fx_rec.r_label);
	}
}

/* Add the record's subtree; returns 0 or -1 if any part failed. */
int
fx_dyn_add(void)
{
	struct sysctl_oid *node;

	node = SYSCTL_ADD_NODE(&fx_rec.r_node, SYSCTL_STATIC_CHILDREN(_debug),
	    OID_AUTO, "dyn", CTLFLAG_RW, NULL, "A dynamic node");
	if (node == NULL)
		return (-1);
	if (SYSCTL_ADD_ULONG(&fx_rec.r_count, SYSCTL_CHILDREN(node), OID_AUTO,
	    "count", CTLFLAG_RW, &fx_rec.r_countval, "A counter") == NULL ||
	    SYSCTL_ADD_INT(&fx_rec.r_fixed, SYSCTL_CHILDREN(node), 3, "fixed",
	    CTLFLAG_RD, &fx_rec.r_fixedval, 0, "A fixed number") == NULL ||
	    SYSCTL_ADD_STRING(&fx_rec.r_label, SYSCTL_CHILDREN(node), OID_AUTO,
	    "label", CTLFLAG_RW, fx_rec.r_labelval, sizeof(fx_rec.r_labelval),
	    "A label") == NULL)
		return (-1);
	return (0);
}

/* Add an int named name, numbered nbr, under debug.dyn: 0 or EEXIST. */
int
fx_dyn_add_clash(const char *name, int nbr)
{
	if (SYSCTL_ADD_INT(&fx_rec.r_clash, SYSCTL_CHILDREN(&fx_rec.r_node),
	    nbr, name, CTLFLAG_RD, &fx_rec.r_fixedval, 0, "Clash") == NULL)
		return (EEXIST);
	return (0);
}

int
fx_dyn_remove(int which, bool recurse)
{
	return (sysctl_remove_oid(fx_dyn_oid(which), recurse));
}

int
fx_dyn_number(int which)
{
	return (fx_dyn_oid(which)->oid_number);
}
