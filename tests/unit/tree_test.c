/*
 * tree_test.c: the red-black tree macros of sys/sys/tree.h on the host.
 * A random sequence of inserts, removals and in-place changes runs
 * against a model (a bitmap of the keys present); after each step the
 * tree must be a valid red-black tree (black root, no red child of a red
 * node, equal black heights, consistent parent links), hold exactly the
 * model's keys in order, and carry right augmented summaries (subtree
 * size and largest weight).  The search functions are checked against
 * the model at random keys.
 */
#include <atf-c.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sys/sys/tree.h"

#define NKEYS	2048

struct node {
	RB_ENTRY(node)	link;
	int		key;
	int		weight;		/* the node's own value */
	int		size;		/* augmented: nodes in the subtree */
	int		maxw;		/* augmented: largest weight below */
};

static int
node_cmp(struct node *a, struct node *b)
{
	return (a->key < b->key ? -1 : a->key > b->key);
}

static int augment_calls;

static void
node_augment(struct node *n)
{
	struct node *l = RB_LEFT(n, link), *r = RB_RIGHT(n, link);

	augment_calls++;
	n->size = 1 + (l ? l->size : 0) + (r ? r->size : 0);
	n->maxw = n->weight;
	if (l != NULL && l->maxw > n->maxw)
		n->maxw = l->maxw;
	if (r != NULL && r->maxw > n->maxw)
		n->maxw = r->maxw;
}

RB_HEAD(atree, node);
RB_PROTOTYPE_STATIC(atree, node, link, node_cmp);
RB_GENERATE_AUGMENT_STATIC(atree, node, link, node_cmp, node_augment);

/* The same nodes in a plain tree, to compile and run the variant. */
struct pnode {
	RB_ENTRY(pnode)	link;
	int		key;
};

static int
pnode_cmp(struct pnode *a, struct pnode *b)
{
	return (a->key < b->key ? -1 : a->key > b->key);
}

RB_HEAD(ptree, pnode);
RB_PROTOTYPE_STATIC(ptree, pnode, link, pnode_cmp);
RB_GENERATE_STATIC(ptree, pnode, link, pnode_cmp);

static struct node nodes[NKEYS];
static bool present[NKEYS];

/*
 * Check the subtree under n: colours, parents and summaries.  Returns its
 * black height, or -1 after reporting a violation.
 */
static int
check_subtree(struct node *n, struct node *parent, char *why, size_t len)
{
	struct node *l, *r;
	int bl, br, size, maxw;

	if (n == NULL)
		return (1);
	l = RB_LEFT(n, link);
	r = RB_RIGHT(n, link);
	if (RB_PARENT(n, link) != parent) {
		snprintf(why, len, "key %d: wrong parent", n->key);
		return (-1);
	}
	if (RB_COLOR(n, link) == RB_RED &&
	    ((l != NULL && RB_COLOR(l, link) == RB_RED) ||
	    (r != NULL && RB_COLOR(r, link) == RB_RED))) {
		snprintf(why, len, "key %d: red node with a red child",
		    n->key);
		return (-1);
	}
	if ((l != NULL && l->key >= n->key) ||
	    (r != NULL && r->key <= n->key)) {
		snprintf(why, len, "key %d: children out of order", n->key);
		return (-1);
	}
	bl = check_subtree(l, n, why, len);
	br = check_subtree(r, n, why, len);
	if (bl < 0 || br < 0)
		return (-1);
	if (bl != br) {
		snprintf(why, len, "key %d: black heights %d and %d", n->key,
		    bl, br);
		return (-1);
	}
	size = 1 + (l ? l->size : 0) + (r ? r->size : 0);
	maxw = n->weight;
	if (l != NULL && l->maxw > maxw)
		maxw = l->maxw;
	if (r != NULL && r->maxw > maxw)
		maxw = r->maxw;
	if (n->size != size || n->maxw != maxw) {
		snprintf(why, len, "key %d: summary %d/%d, should be %d/%d",
		    n->key, n->size, n->maxw, size, maxw);
		return (-1);
	}
	return (bl + (RB_COLOR(n, link) == RB_BLACK));
}

/* The whole tree against the model. */
static void
check_tree(struct atree *head, int step)
{
	struct node *n;
	char why[160] = "";
	int k, count = 0;

	if (RB_ROOT(head) != NULL)
		ATF_REQUIRE_MSG(RB_COLOR(RB_ROOT(head), link) == RB_BLACK,
		    "step %d: red root", step);
	ATF_REQUIRE_MSG(check_subtree(RB_ROOT(head), NULL, why,
	    sizeof(why)) > 0, "step %d: %s", step, why);
	k = 0;
	RB_FOREACH(n, atree, head) {
		while (k < NKEYS && !present[k])
			k++;
		ATF_REQUIRE_MSG(k < NKEYS && n->key == k,
		    "step %d: in-order key %d, model %d", step, n->key, k);
		k++;
		count++;
	}
	while (k < NKEYS && !present[k])
		k++;
	ATF_REQUIRE_MSG(k == NKEYS, "step %d: model key %d missing", step,
	    k);
	ATF_REQUIRE(count == (RB_ROOT(head) ? RB_ROOT(head)->size : 0));
}

/* FIND, NFIND, PFIND at key against the model. */
static void
check_search(struct atree *head, int key)
{
	struct node probe = { .key = key }, *n;
	int k;

	n = RB_FIND(atree, head, &probe);
	ATF_REQUIRE(present[key] ? n == &nodes[key] : n == NULL);
	for (k = key; k < NKEYS && !present[k]; k++)
		;
	n = RB_NFIND(atree, head, &probe);
	ATF_REQUIRE(k < NKEYS ? n == &nodes[k] : n == NULL);
	for (k = key; k >= 0 && !present[k]; k--)
		;
	n = RB_PFIND(atree, head, &probe);
	ATF_REQUIRE(k >= 0 ? n == &nodes[k] : n == NULL);
}

ATF_TC_WITHOUT_HEAD(rb__random_against_model);
ATF_TC_BODY(rb__random_against_model, tc)
{
	struct atree head = RB_HEAD_INITIALIZER(head);
	struct node *n, *prev;
	int step, key, ninsert = 0, nremove = 0, nupdate = 0;

	srandom(4242);
	memset(present, 0, sizeof(present));
	for (step = 0; step < 40000; step++) {
		key = (int)(random() % NKEYS);
		switch (random() % 8) {
		case 0: case 1: case 2: case 3:
			nodes[key].key = key;
			if (!present[key])
				nodes[key].weight = (int)(random() % 100000);
			n = RB_INSERT(atree, &head, &nodes[key]);
			ATF_REQUIRE(present[key] ? n == &nodes[key] :
			    n == NULL);
			present[key] = true;
			ninsert++;
			break;
		case 4: case 5: case 6:
			if (!present[key])
				break;
			ATF_REQUIRE(RB_REMOVE(atree, &head, &nodes[key]) ==
			    &nodes[key]);
			present[key] = false;
			nremove++;
			break;
		default:
			if (!present[key])
				break;
			nodes[key].weight = (int)(random() % 100000);
			RB_UPDATE_AUGMENT(atree, &nodes[key]);
			nupdate++;
			break;
		}
		check_tree(&head, step);
		check_search(&head, (int)(random() % NKEYS));
	}
	ATF_REQUIRE(ninsert > 10000 && nremove > 5000 && nupdate > 2000);
	/* PREV walks the same order backwards. */
	prev = NULL;
	RB_FOREACH_REVERSE(n, atree, &head) {
		if (prev != NULL)
			ATF_REQUIRE(n->key < prev->key &&
			    atree_RB_NEXT(n) == prev);
		prev = n;
	}
	/* Emptying with FOREACH_SAFE. */
	RB_FOREACH_SAFE(n, atree, &head, prev) {
		RB_REMOVE(atree, &head, n);
		present[n->key] = false;
	}
	ATF_REQUIRE(RB_EMPTY(&head));
	check_tree(&head, -1);
}

/*
 * Ascending and descending insertion (the rotation-heavy orders), then
 * removal of every other node and of the root repeatedly.
 */
ATF_TC_WITHOUT_HEAD(rb__sequential_orders);
ATF_TC_BODY(rb__sequential_orders, tc)
{
	struct atree head = RB_HEAD_INITIALIZER(head);
	struct node *n, *tmp;
	int i, pass;

	for (pass = 0; pass < 2; pass++) {
		memset(present, 0, sizeof(present));
		for (i = 0; i < NKEYS; i++) {
			int key = pass == 0 ? i : NKEYS - 1 - i;

			nodes[key].key = key;
			nodes[key].weight = key;
			ATF_REQUIRE(RB_INSERT(atree, &head, &nodes[key]) ==
			    NULL);
			present[key] = true;
		}
		check_tree(&head, pass);
		ATF_REQUIRE(RB_ROOT(&head)->maxw == NKEYS - 1);
		ATF_REQUIRE(RB_MIN(atree, &head) == &nodes[0]);
		ATF_REQUIRE(RB_MAX(atree, &head) == &nodes[NKEYS - 1]);
		for (i = 0; i < NKEYS; i += 2) {
			RB_REMOVE(atree, &head, &nodes[i]);
			present[i] = false;
		}
		check_tree(&head, pass);
		while (!RB_EMPTY(&head)) {
			n = RB_ROOT(&head);
			RB_REMOVE(atree, &head, n);
			present[n->key] = false;
			check_tree(&head, pass);
		}
		RB_FOREACH_SAFE(n, atree, &head, tmp)
			ATF_REQUIRE(0);
	}
}

/* An augmented insert or removal touches O(log n) summaries. */
ATF_TC_WITHOUT_HEAD(rb__augment_cost);
ATF_TC_BODY(rb__augment_cost, tc)
{
	struct atree head = RB_HEAD_INITIALIZER(head);
	int i, max = 0;

	for (i = 0; i < NKEYS; i++) {
		nodes[i].key = i;
		nodes[i].weight = 0;
		augment_calls = 0;
		RB_INSERT(atree, &head, &nodes[i]);
		if (augment_calls > max)
			max = augment_calls;
	}
	/* Height <= 2 log2(n + 1) = 22 for 2048; rotations add a few. */
	ATF_CHECK_MSG(max <= 3 * 22, "%d augment calls for one insert", max);
	for (i = 0; i < NKEYS; i++) {
		augment_calls = 0;
		RB_REMOVE(atree, &head, &nodes[i]);
		ATF_CHECK(augment_calls <= 3 * 22);
	}
}

/* The plain variant: same order, no summaries. */
ATF_TC_WITHOUT_HEAD(rb__plain_tree);
ATF_TC_BODY(rb__plain_tree, tc)
{
	static struct pnode pn[500];
	struct ptree head;
	struct pnode *n, probe;
	int i, k, count;

	RB_INIT(&head);
	for (i = 0; i < 500; i++) {
		pn[i].key = (i * 7919) % 500;
		ATF_REQUIRE(RB_INSERT(ptree, &head, &pn[i]) == NULL);
	}
	ATF_REQUIRE(RB_INSERT(ptree, &head, &pn[3]) == &pn[3]);
	k = 0;
	RB_FOREACH(n, ptree, &head)
		ATF_REQUIRE(n->key == k++);
	for (i = 0; i < 500; i += 3)
		RB_REMOVE(ptree, &head, &pn[i]);
	count = 0;
	RB_FOREACH(n, ptree, &head)
		count++;
	ATF_REQUIRE(count == 500 - 167);
	probe.key = pn[0].key;
	ATF_REQUIRE(RB_FIND(ptree, &head, &probe) == NULL);
	probe.key = pn[1].key;
	ATF_REQUIRE(RB_FIND(ptree, &head, &probe) == &pn[1]);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, rb__random_against_model);
	ATF_TP_ADD_TC(tp, rb__sequential_orders);
	ATF_TP_ADD_TC(tp, rb__augment_cost);
	ATF_TP_ADD_TC(tp, rb__plain_tree);
	return (atf_no_error());
}
