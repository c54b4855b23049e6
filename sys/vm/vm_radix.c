/*
 * vm_radix.c: a path-compressed radix trie of pages keyed by pindex, the
 * index of an object's resident pages (FreeBSD's vm_radix, our code).
 *
 * A key (64 bits) is read as 16 digits of VM_RADIX_WIDTH = 4 bits; digit
 * 15 is the most significant.  An inner node branches on one digit, its
 * level (rn_clev), into 16 slots.  Path compression: a node exists only
 * where two keys below it differ, and a chain of one-child nodes never
 * does, so
 *
 *	- every node has at least two non-empty slots (rn_count >= 2);
 *	- a node's children have lower levels than the node;
 *	- rn_owner holds the digits above rn_clev shared by every key
 *	  below the node, with the digits at and below rn_clev zero;
 *	- a key k is below a node only if its digits above the node's
 *	  level equal rn_owner (else the node is a "barrier" for k);
 *	- a slot holds 0 (empty), a node pointer, or a page pointer with
 *	  bit 0 set (VM_RADIX_ISLEAF; struct vm_page is 8-byte aligned).
 *
 * The trie's shape is fixed by its key set, whatever the order of
 * operations.  A walk visits at most one node per level, so each
 * operation costs O(16) node visits (typically 1-4 for an object: a
 * process's 4 GiB of pages differ only in their low 5 digits), never a
 * list walk.  An object of n pages uses fewer than n nodes.
 *
 *	insert		walk down to the first empty slot, or to the leaf or
 *			barrier node that diverges from the key; in the
 *			latter case, a new node at the highest differing
 *			digit takes the old child and the new leaf.  Needs
 *			at most one node: returns ENOMEM, and changes
 *			nothing, when the zone has none.
 *	remove		clear the leaf's slot; a node left with one child
 *			is replaced by that child and freed.  Never fails.
 *	lookup		follow the key's digits; compare at the leaf.
 *	lookup_ge/le	descend as lookup, remembering the path; where the
 *			key's path ends (empty slot, other leaf, barrier),
 *			go back up to the nearest slot to the right (left)
 *			and take the least (greatest) leaf below it.
 *
 * Iteration in order: m = lookup_ge(0), then lookup_ge(m->pindex + 1).
 *
 * Nodes (144 bytes) come from the "RADIX NODE" UMA zone, allocated with
 * M_NOWAIT (so callers may hold object locks) and zeroed.  vm_radix_check
 * verifies every property above; it is the oracle of tests/unit/
 * vm_radix_test.c, which runs this file on the host.
 *
 * Locking: none here.  The owner of a trie serializes all operations on
 * it (an object's trie: the object lock).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/uma.h>
#include <vm/vm_page.h>
#include <vm/vm_radix.h>

#define VM_RADIX_WIDTH	4			/* bits per digit */
#define VM_RADIX_COUNT	(1 << VM_RADIX_WIDTH)	/* slots per node */
#define VM_RADIX_MASK	(VM_RADIX_COUNT - 1)
#define VM_RADIX_LEVELS	(64 / VM_RADIX_WIDTH)	/* digits in a key */
#define VM_RADIX_ISLEAF	((uintptr_t)1)

struct vm_radix_node {
	vm_pindex_t	rn_owner;	/* key digits above rn_clev */
	uint16_t	rn_count;	/* non-empty slots, 2..16 */
	uint16_t	rn_clev;	/* the digit this node branches on */
	uintptr_t	rn_child[VM_RADIX_COUNT]; /* node, leaf | 1, or 0 */
};

static uma_zone_t vm_radix_node_zone;

/* vm_radix_zinit: create the node zone.  Once, before the first insert. */
void
vm_radix_zinit(void)
{
	vm_radix_node_zone = uma_zcreate("RADIX NODE",
	    sizeof(struct vm_radix_node), NULL, NULL, NULL, NULL,
	    UMA_ALIGN_PTR, 0);
}

static inline bool
vm_radix_isleaf(uintptr_t p)
{
	return ((p & VM_RADIX_ISLEAF) != 0);
}

static inline vm_page_t
vm_radix_topage(uintptr_t p)
{
	return ((vm_page_t)(p & ~VM_RADIX_ISLEAF));
}

static inline struct vm_radix_node *
vm_radix_tonode(uintptr_t p)
{
	return ((struct vm_radix_node *)p);
}

/* The slot of index in a node of level lev. */
static inline int
vm_radix_slot(vm_pindex_t index, int lev)
{
	return ((int)((index >> (lev * VM_RADIX_WIDTH)) & VM_RADIX_MASK));
}

/* index with its digits at and below level lev cleared. */
static inline vm_pindex_t
vm_radix_trimkey(vm_pindex_t index, int lev)
{
	if (lev >= VM_RADIX_LEVELS - 1)
		return (0);
	return (index & ~(((vm_pindex_t)1 << ((lev + 1) * VM_RADIX_WIDTH)) -
	    1));
}

/* True when index cannot be below node (its upper digits differ). */
static inline bool
vm_radix_keybarr(const struct vm_radix_node *node, vm_pindex_t index)
{
	return (vm_radix_trimkey(index, node->rn_clev) != node->rn_owner);
}

/* The level of the most significant digit where a and b differ. */
static inline int
vm_radix_keydiff(vm_pindex_t a, vm_pindex_t b)
{
	KASSERT(a != b, ("%s: equal keys %#lx", __func__, a));
	return ((63 - __builtin_clzll(a ^ b)) / VM_RADIX_WIDTH);
}

/* The least (dir > 0) or greatest (dir < 0) page below p. */
static vm_page_t
vm_radix_edge(uintptr_t p, int dir)
{
	struct vm_radix_node *node;
	int s;

	while (!vm_radix_isleaf(p)) {
		node = vm_radix_tonode(p);
		s = dir > 0 ? 0 : VM_RADIX_MASK;
		while (node->rn_child[s] == 0)
			s += dir;
		p = node->rn_child[s];
	}
	return (vm_radix_topage(p));
}

/*
 * vm_radix_insert: add page under the key page->pindex, which must not be
 * in the trie yet.  Returns 0, or ENOMEM (and the trie is unchanged) when
 * no node could be allocated.
 */
int
vm_radix_insert(struct vm_radix *rtree, vm_page_t page)
{
	struct vm_radix_node *node, *parent, *new;
	vm_pindex_t index = page->pindex, other;
	uintptr_t *slotp, p;
	int clev;

	KASSERT(((uintptr_t)page & VM_RADIX_ISLEAF) == 0,
	    ("%s: misaligned page %p", __func__, page));
	parent = NULL;
	slotp = &rtree->rt_root;
	for (;;) {
		p = *slotp;
		if (p == 0) {
			*slotp = (uintptr_t)page | VM_RADIX_ISLEAF;
			if (parent != NULL)
				parent->rn_count++;
			return (0);
		}
		if (vm_radix_isleaf(p)) {
			other = vm_radix_topage(p)->pindex;
			KASSERT(other != index,
			    ("%s: key %#lx is already present", __func__,
			    index));
			break;
		}
		node = vm_radix_tonode(p);
		if (vm_radix_keybarr(node, index)) {
			other = node->rn_owner;
			break;
		}
		parent = node;
		slotp = &node->rn_child[vm_radix_slot(index, node->rn_clev)];
	}

	/* p diverges from index above its own level: split there. */
	new = uma_zalloc(vm_radix_node_zone, M_NOWAIT | M_ZERO);
	if (new == NULL)
		return (ENOMEM);
	clev = vm_radix_keydiff(index, other);
	new->rn_clev = (uint16_t)clev;
	new->rn_owner = vm_radix_trimkey(index, clev);
	new->rn_count = 2;
	new->rn_child[vm_radix_slot(index, clev)] = (uintptr_t)page |
	    VM_RADIX_ISLEAF;
	new->rn_child[vm_radix_slot(other, clev)] = p;
	*slotp = (uintptr_t)new;
	return (0);
}

/* vm_radix_lookup: the page with key index, or NULL. */
vm_page_t
vm_radix_lookup(struct vm_radix *rtree, vm_pindex_t index)
{
	struct vm_radix_node *node;
	vm_page_t m;
	uintptr_t p;

	p = rtree->rt_root;
	while (p != 0) {
		if (vm_radix_isleaf(p)) {
			m = vm_radix_topage(p);
			return (m->pindex == index ? m : NULL);
		}
		node = vm_radix_tonode(p);
		if (vm_radix_keybarr(node, index))
			return (NULL);
		p = node->rn_child[vm_radix_slot(index, node->rn_clev)];
	}
	return (NULL);
}

/*
 * The nearest page to index in direction dir: the least key >= index
 * (dir = 1) or the greatest key <= index (dir = -1), or NULL.
 */
static vm_page_t
vm_radix_lookup_dir(struct vm_radix *rtree, vm_pindex_t index, int dir)
{
	struct vm_radix_node *stack[VM_RADIX_LEVELS], *node;
	int slots[VM_RADIX_LEVELS], top, s;
	vm_page_t m;
	uintptr_t p;

	top = 0;
	p = rtree->rt_root;
	while (p != 0) {
		if (vm_radix_isleaf(p)) {
			m = vm_radix_topage(p);
			if (dir > 0 ? m->pindex >= index : m->pindex <= index)
				return (m);
			break;
		}
		node = vm_radix_tonode(p);
		if (vm_radix_keybarr(node, index)) {
			/* Every key below node is on one side of index. */
			if (dir > 0 ? node->rn_owner > index :
			    node->rn_owner < index)
				return (vm_radix_edge(p, dir));
			break;
		}
		KASSERT(top < VM_RADIX_LEVELS, ("%s: trie too deep", __func__));
		s = vm_radix_slot(index, node->rn_clev);
		stack[top] = node;
		slots[top++] = s;
		p = node->rn_child[s];
	}

	/* Back up to the nearest non-empty slot beyond the key's path. */
	while (top > 0) {
		node = stack[--top];
		for (s = slots[top] + dir; s >= 0 && s < VM_RADIX_COUNT;
		    s += dir) {
			if (node->rn_child[s] != 0)
				return (vm_radix_edge(node->rn_child[s], dir));
		}
	}
	return (NULL);
}

/* vm_radix_lookup_ge: the page with the least key >= index, or NULL. */
vm_page_t
vm_radix_lookup_ge(struct vm_radix *rtree, vm_pindex_t index)
{
	return (vm_radix_lookup_dir(rtree, index, 1));
}

/* vm_radix_lookup_le: the page with the greatest key <= index, or NULL. */
vm_page_t
vm_radix_lookup_le(struct vm_radix *rtree, vm_pindex_t index)
{
	return (vm_radix_lookup_dir(rtree, index, -1));
}

/*
 * vm_radix_remove: take the page with key index out of the trie.
 * Returns it, or NULL when there is none.  Never allocates.
 */
vm_page_t
vm_radix_remove(struct vm_radix *rtree, vm_pindex_t index)
{
	struct vm_radix_node *node, *parent;
	uintptr_t *slotp, *parentp, p;
	vm_page_t m;
	int s;

	parent = NULL;
	parentp = NULL;
	slotp = &rtree->rt_root;
	for (;;) {
		p = *slotp;
		if (p == 0)
			return (NULL);
		if (vm_radix_isleaf(p))
			break;
		node = vm_radix_tonode(p);
		if (vm_radix_keybarr(node, index))
			return (NULL);
		parentp = slotp;
		parent = node;
		slotp = &node->rn_child[vm_radix_slot(index, node->rn_clev)];
	}
	m = vm_radix_topage(p);
	if (m->pindex != index)
		return (NULL);
	*slotp = 0;
	if (parent == NULL)
		return (m);

	/* A node left with one child gives way to that child. */
	if (--parent->rn_count == 1) {
		for (s = 0; parent->rn_child[s] == 0; s++)
			;
		*parentp = parent->rn_child[s];
		parent->rn_child[s] = 0;
		uma_zfree(vm_radix_node_zone, parent);
	}
	return (m);
}

/* key with its digits below level lev cleared (lev 16: all of them). */
static inline vm_pindex_t
vm_radix_highkey(vm_pindex_t key, int lev)
{
	return (lev == 0 ? key : vm_radix_trimkey(key, lev - 1));
}

/*
 * Check the subtrie at p, whose keys must all equal prefix in their
 * digits at and above level lev.  Adds its leaves to *countp.
 */
static bool
vm_radix_check_sub(uintptr_t p, vm_pindex_t prefix, int lev, u_long *countp)
{
	struct vm_radix_node *node;
	vm_pindex_t key;
	int s, n;

	if (vm_radix_isleaf(p)) {
		key = vm_radix_topage(p)->pindex;
		if (vm_radix_highkey(key, lev) != prefix) {
			printf("vm_radix_check: key %#lx outside prefix %#lx "
			    "of level %d\n", key, prefix, lev);
			return (false);
		}
		(*countp)++;
		return (true);
	}
	node = vm_radix_tonode(p);
	if (node->rn_clev >= lev) {
		printf("vm_radix_check: node %p level %d under level %d\n",
		    node, node->rn_clev, lev);
		return (false);
	}
	if (node->rn_owner != vm_radix_trimkey(node->rn_owner, node->rn_clev) ||
	    vm_radix_highkey(node->rn_owner, lev) != prefix) {
		printf("vm_radix_check: node %p owner %#lx level %d, prefix "
		    "%#lx level %d\n", node, node->rn_owner, node->rn_clev,
		    prefix, lev);
		return (false);
	}
	n = 0;
	for (s = 0; s < VM_RADIX_COUNT; s++) {
		if (node->rn_child[s] == 0)
			continue;
		n++;
		/* A child's keys: the node's owner and the slot's digit. */
		if (!vm_radix_check_sub(node->rn_child[s], node->rn_owner |
		    ((vm_pindex_t)s << (node->rn_clev * VM_RADIX_WIDTH)),
		    node->rn_clev, countp))
			return (false);
	}
	if (n != node->rn_count || n < 2) {
		printf("vm_radix_check: node %p has %d children, count %d\n",
		    node, n, node->rn_count);
		return (false);
	}
	return (true);
}

/*
 * vm_radix_check: verify the trie's invariants (see the top of this
 * file) and count its pages into *countp.  Returns false, after printing
 * the first problem, when one does not hold.
 */
bool
vm_radix_check(struct vm_radix *rtree, u_long *countp)
{
	*countp = 0;
	if (rtree->rt_root == 0)
		return (true);
	return (vm_radix_check_sub(rtree->rt_root, 0, VM_RADIX_LEVELS,
	    countp));
}
