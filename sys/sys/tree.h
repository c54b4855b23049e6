/*
 * tree.h: red-black trees as macros, with FreeBSD's names, and an
 * augmentation hook.
 *
 * A tree of "struct type" nodes, each embedding RB_ENTRY(type) as
 * "field", ordered by cmp(a, b) (negative, zero, positive).  Declare the
 * head with RB_HEAD(name, type), the functions with RB_PROTOTYPE and
 * generate them once with RB_GENERATE (or the _STATIC variants for a
 * file-local tree).  Then RB_INSERT, RB_REMOVE, RB_FIND, RB_NFIND,
 * RB_PFIND, RB_MIN, RB_MAX, RB_NEXT, RB_PREV and the RB_FOREACH loops.
 *
 * The tree is the classic one (CLRS): every node is red or black, the
 * root is black, a red node has no red child, and every path from a node
 * down to a missing child crosses the same number of black nodes.  So
 * the height is at most 2 log2(n + 1), and every operation is O(log n).
 * Nodes carry parent pointers, so RB_NEXT/RB_PREV need no stack and
 * RB_REMOVE takes the node itself, not a key.
 *
 * Augmentation.  RB_GENERATE_AUGMENT(name, type, field, cmp, augment)
 * makes the tree call augment(node) on every node whose subtree changed:
 * on the whole path from an inserted node or a removed node's place up
 * to the root, and on the two nodes of each rotation (lower one first).
 * augment() recomputes the node's summary from its own fields and its
 * children's summaries (for vm_map: the largest free gap in the
 * subtree), so summaries are always right when an operation returns.
 * When a node's own data changes in place (not its key), the caller
 * runs RB_UPDATE_AUGMENT(name, node) to recompute it and its ancestors.
 *
 * No locking: the user of a tree protects it.
 */
#ifndef _SYS_TREE_H_
#define _SYS_TREE_H_

#include <stddef.h>

#define RB_BLACK	0
#define RB_RED		1

#define RB_HEAD(name, type)						\
struct name {								\
	struct type	*rbh_root;	/* the root, or NULL */		\
}

#define RB_HEAD_INITIALIZER(root)	{ NULL }

#define RB_ENTRY(type)							\
struct {								\
	struct type	*rbe_left;					\
	struct type	*rbe_right;					\
	struct type	*rbe_parent;	/* NULL at the root */		\
	int		rbe_color;	/* RB_BLACK or RB_RED */	\
}

#define RB_LEFT(elm, field)		(elm)->field.rbe_left
#define RB_RIGHT(elm, field)		(elm)->field.rbe_right
#define RB_PARENT(elm, field)		(elm)->field.rbe_parent
#define RB_COLOR(elm, field)		(elm)->field.rbe_color
#define RB_ROOT(head)			(head)->rbh_root
#define RB_EMPTY(head)			(RB_ROOT(head) == NULL)

#define RB_INIT(root) do {						\
	RB_ROOT(root) = NULL;						\
} while (0)

/* The augment hook of a plain tree: nothing to do. */
#define RB_NOAUGMENT(elm)	do { } while (0)

#define RB_PROTOTYPE(name, type, field, cmp)				\
	RB_PROTOTYPE_INTERNAL(name, type, field, cmp, )
#define RB_PROTOTYPE_STATIC(name, type, field, cmp)			\
	RB_PROTOTYPE_INTERNAL(name, type, field, cmp,			\
	    static __attribute__((__unused__)))
#define RB_PROTOTYPE_INTERNAL(name, type, field, cmp, attr)		\
attr struct type *name##_RB_INSERT(struct name *, struct type *);	\
attr struct type *name##_RB_REMOVE(struct name *, struct type *);	\
attr struct type *name##_RB_FIND(struct name *, struct type *);	\
attr struct type *name##_RB_NFIND(struct name *, struct type *);	\
attr struct type *name##_RB_PFIND(struct name *, struct type *);	\
attr struct type *name##_RB_NEXT(struct type *);			\
attr struct type *name##_RB_PREV(struct type *);			\
attr struct type *name##_RB_MINMAX(struct name *, int);		\
attr void name##_RB_UPDATE_AUGMENT(struct type *)

#define RB_GENERATE(name, type, field, cmp)				\
	RB_GENERATE_INTERNAL(name, type, field, cmp, RB_NOAUGMENT, 0, )
#define RB_GENERATE_STATIC(name, type, field, cmp)			\
	RB_GENERATE_INTERNAL(name, type, field, cmp, RB_NOAUGMENT, 0,	\
	    static __attribute__((__unused__)))
#define RB_GENERATE_AUGMENT(name, type, field, cmp, augment)		\
	RB_GENERATE_INTERNAL(name, type, field, cmp, augment, 1, )
#define RB_GENERATE_AUGMENT_STATIC(name, type, field, cmp, augment)	\
	RB_GENERATE_INTERNAL(name, type, field, cmp, augment, 1,	\
	    static __attribute__((__unused__)))

/*
 * The functions.  aug is 0 or 1, a constant, so a plain tree compiles
 * without the upward walks.
 */
#define RB_GENERATE_INTERNAL(name, type, field, cmp, augment, aug, attr) \
/* Recompute the summaries of elm and of every ancestor. */		\
attr void								\
name##_RB_UPDATE_AUGMENT(struct type *elm)				\
{									\
	if (!(aug))							\
		return;							\
	for (; elm != NULL; elm = RB_PARENT(elm, field))		\
		augment(elm);						\
}									\
									\
/* Make the parent of elm (or the root) point at repl instead. */	\
static __inline void							\
name##_RB_REPLACE_CHILD(struct name *head, struct type *elm,		\
    struct type *repl)							\
{									\
	struct type *parent = RB_PARENT(elm, field);			\
									\
	if (parent == NULL)						\
		RB_ROOT(head) = repl;					\
	else if (RB_LEFT(parent, field) == elm)				\
		RB_LEFT(parent, field) = repl;				\
	else								\
		RB_RIGHT(parent, field) = repl;				\
}									\
									\
/* elm's right child takes elm's place; elm becomes its left child. */	\
static void								\
name##_RB_ROTATE_LEFT(struct name *head, struct type *elm)		\
{									\
	struct type *tmp = RB_RIGHT(elm, field);			\
									\
	RB_RIGHT(elm, field) = RB_LEFT(tmp, field);			\
	if (RB_LEFT(tmp, field) != NULL)				\
		RB_PARENT(RB_LEFT(tmp, field), field) = elm;		\
	name##_RB_REPLACE_CHILD(head, elm, tmp);			\
	RB_PARENT(tmp, field) = RB_PARENT(elm, field);			\
	RB_LEFT(tmp, field) = elm;					\
	RB_PARENT(elm, field) = tmp;					\
	if (aug) {							\
		augment(elm);						\
		augment(tmp);						\
	}								\
}									\
									\
/* elm's left child takes elm's place; elm becomes its right child. */	\
static void								\
name##_RB_ROTATE_RIGHT(struct name *head, struct type *elm)		\
{									\
	struct type *tmp = RB_LEFT(elm, field);				\
									\
	RB_LEFT(elm, field) = RB_RIGHT(tmp, field);			\
	if (RB_RIGHT(tmp, field) != NULL)				\
		RB_PARENT(RB_RIGHT(tmp, field), field) = elm;		\
	name##_RB_REPLACE_CHILD(head, elm, tmp);			\
	RB_PARENT(tmp, field) = RB_PARENT(elm, field);			\
	RB_RIGHT(tmp, field) = elm;					\
	RB_PARENT(elm, field) = tmp;					\
	if (aug) {							\
		augment(elm);						\
		augment(tmp);						\
	}								\
}									\
									\
/* Restore the colour rules after elm, red, was linked as a leaf. */	\
static void								\
name##_RB_INSERT_COLOR(struct name *head, struct type *elm)		\
{									\
	struct type *parent, *gparent, *uncle;				\
									\
	while ((parent = RB_PARENT(elm, field)) != NULL &&		\
	    RB_COLOR(parent, field) == RB_RED) {			\
		/* A red parent is not the root: gparent exists. */	\
		gparent = RB_PARENT(parent, field);			\
		if (parent == RB_LEFT(gparent, field)) {		\
			uncle = RB_RIGHT(gparent, field);		\
			if (uncle != NULL &&				\
			    RB_COLOR(uncle, field) == RB_RED) {		\
				RB_COLOR(uncle, field) = RB_BLACK;	\
				RB_COLOR(parent, field) = RB_BLACK;	\
				RB_COLOR(gparent, field) = RB_RED;	\
				elm = gparent;				\
				continue;				\
			}						\
			if (elm == RB_RIGHT(parent, field)) {		\
				name##_RB_ROTATE_LEFT(head, parent);	\
				elm = parent;				\
				parent = RB_PARENT(elm, field);		\
			}						\
			RB_COLOR(parent, field) = RB_BLACK;		\
			RB_COLOR(gparent, field) = RB_RED;		\
			name##_RB_ROTATE_RIGHT(head, gparent);		\
		} else {						\
			uncle = RB_LEFT(gparent, field);		\
			if (uncle != NULL &&				\
			    RB_COLOR(uncle, field) == RB_RED) {		\
				RB_COLOR(uncle, field) = RB_BLACK;	\
				RB_COLOR(parent, field) = RB_BLACK;	\
				RB_COLOR(gparent, field) = RB_RED;	\
				elm = gparent;				\
				continue;				\
			}						\
			if (elm == RB_LEFT(parent, field)) {		\
				name##_RB_ROTATE_RIGHT(head, parent);	\
				elm = parent;				\
				parent = RB_PARENT(elm, field);		\
			}						\
			RB_COLOR(parent, field) = RB_BLACK;		\
			RB_COLOR(gparent, field) = RB_RED;		\
			name##_RB_ROTATE_LEFT(head, gparent);		\
		}							\
	}								\
	RB_COLOR(RB_ROOT(head), field) = RB_BLACK;			\
}									\
									\
/*									\
 * Restore the colour rules after a black node left the place below	\
 * parent that elm (possibly NULL) now holds: the path through elm is	\
 * one black short.							\
 */									\
static void								\
name##_RB_REMOVE_COLOR(struct name *head, struct type *parent,		\
    struct type *elm)							\
{									\
	struct type *sib;						\
									\
	while ((elm == NULL || RB_COLOR(elm, field) == RB_BLACK) &&	\
	    elm != RB_ROOT(head)) {					\
		/* The other side is a black taller: sib exists. */	\
		if (RB_LEFT(parent, field) == elm) {			\
			sib = RB_RIGHT(parent, field);			\
			if (RB_COLOR(sib, field) == RB_RED) {		\
				RB_COLOR(sib, field) = RB_BLACK;	\
				RB_COLOR(parent, field) = RB_RED;	\
				name##_RB_ROTATE_LEFT(head, parent);	\
				sib = RB_RIGHT(parent, field);		\
			}						\
			if ((RB_LEFT(sib, field) == NULL ||		\
			    RB_COLOR(RB_LEFT(sib, field), field) ==	\
			    RB_BLACK) &&				\
			    (RB_RIGHT(sib, field) == NULL ||		\
			    RB_COLOR(RB_RIGHT(sib, field), field) ==	\
			    RB_BLACK)) {				\
				RB_COLOR(sib, field) = RB_RED;		\
				elm = parent;				\
				parent = RB_PARENT(elm, field);		\
				continue;				\
			}						\
			if (RB_RIGHT(sib, field) == NULL ||		\
			    RB_COLOR(RB_RIGHT(sib, field), field) ==	\
			    RB_BLACK) {					\
				RB_COLOR(RB_LEFT(sib, field), field) =	\
				    RB_BLACK;				\
				RB_COLOR(sib, field) = RB_RED;		\
				name##_RB_ROTATE_RIGHT(head, sib);	\
				sib = RB_RIGHT(parent, field);		\
			}						\
			RB_COLOR(sib, field) = RB_COLOR(parent, field);	\
			RB_COLOR(parent, field) = RB_BLACK;		\
			RB_COLOR(RB_RIGHT(sib, field), field) = RB_BLACK; \
			name##_RB_ROTATE_LEFT(head, parent);		\
		} else {						\
			sib = RB_LEFT(parent, field);			\
			if (RB_COLOR(sib, field) == RB_RED) {		\
				RB_COLOR(sib, field) = RB_BLACK;	\
				RB_COLOR(parent, field) = RB_RED;	\
				name##_RB_ROTATE_RIGHT(head, parent);	\
				sib = RB_LEFT(parent, field);		\
			}						\
			if ((RB_LEFT(sib, field) == NULL ||		\
			    RB_COLOR(RB_LEFT(sib, field), field) ==	\
			    RB_BLACK) &&				\
			    (RB_RIGHT(sib, field) == NULL ||		\
			    RB_COLOR(RB_RIGHT(sib, field), field) ==	\
			    RB_BLACK)) {				\
				RB_COLOR(sib, field) = RB_RED;		\
				elm = parent;				\
				parent = RB_PARENT(elm, field);		\
				continue;				\
			}						\
			if (RB_LEFT(sib, field) == NULL ||		\
			    RB_COLOR(RB_LEFT(sib, field), field) ==	\
			    RB_BLACK) {					\
				RB_COLOR(RB_RIGHT(sib, field), field) =	\
				    RB_BLACK;				\
				RB_COLOR(sib, field) = RB_RED;		\
				name##_RB_ROTATE_LEFT(head, sib);	\
				sib = RB_LEFT(parent, field);		\
			}						\
			RB_COLOR(sib, field) = RB_COLOR(parent, field);	\
			RB_COLOR(parent, field) = RB_BLACK;		\
			RB_COLOR(RB_LEFT(sib, field), field) = RB_BLACK; \
			name##_RB_ROTATE_RIGHT(head, parent);		\
		}							\
		elm = RB_ROOT(head);					\
		break;							\
	}								\
	if (elm != NULL)						\
		RB_COLOR(elm, field) = RB_BLACK;			\
}									\
									\
/* Insert elm; returns NULL, or the node that compares equal (then	\
   nothing changed). */							\
attr struct type *							\
name##_RB_INSERT(struct name *head, struct type *elm)			\
{									\
	struct type *parent = NULL, *tmp = RB_ROOT(head);		\
	int comp = 0;							\
									\
	while (tmp != NULL) {						\
		parent = tmp;						\
		comp = (cmp)(elm, parent);				\
		if (comp < 0)						\
			tmp = RB_LEFT(tmp, field);			\
		else if (comp > 0)					\
			tmp = RB_RIGHT(tmp, field);			\
		else							\
			return (tmp);					\
	}								\
	RB_LEFT(elm, field) = RB_RIGHT(elm, field) = NULL;		\
	RB_PARENT(elm, field) = parent;					\
	RB_COLOR(elm, field) = RB_RED;					\
	if (parent == NULL)						\
		RB_ROOT(head) = elm;					\
	else if (comp < 0)						\
		RB_LEFT(parent, field) = elm;				\
	else								\
		RB_RIGHT(parent, field) = elm;				\
	name##_RB_UPDATE_AUGMENT(elm);					\
	name##_RB_INSERT_COLOR(head, elm);				\
	return (NULL);							\
}									\
									\
/* Remove elm, which must be in the tree; returns elm. */		\
attr struct type *							\
name##_RB_REMOVE(struct name *head, struct type *elm)			\
{									\
	struct type *child, *parent, *next;				\
	int color;							\
									\
	if (RB_LEFT(elm, field) != NULL &&				\
	    RB_RIGHT(elm, field) != NULL) {				\
		/*							\
		 * Two children: elm's successor next (no left child)	\
		 * leaves its place to its right child and takes elm's	\
		 * place and colour.  The colour lost is next's.	\
		 */							\
		next = RB_RIGHT(elm, field);				\
		while (RB_LEFT(next, field) != NULL)			\
			next = RB_LEFT(next, field);			\
		child = RB_RIGHT(next, field);				\
		color = RB_COLOR(next, field);				\
		if (RB_PARENT(next, field) == elm) {			\
			parent = next;					\
		} else {						\
			parent = RB_PARENT(next, field);		\
			RB_LEFT(parent, field) = child;			\
			if (child != NULL)				\
				RB_PARENT(child, field) = parent;	\
			RB_RIGHT(next, field) = RB_RIGHT(elm, field);	\
			RB_PARENT(RB_RIGHT(elm, field), field) = next;	\
		}							\
		RB_LEFT(next, field) = RB_LEFT(elm, field);		\
		RB_PARENT(RB_LEFT(elm, field), field) = next;		\
		RB_COLOR(next, field) = RB_COLOR(elm, field);		\
		name##_RB_REPLACE_CHILD(head, elm, next);		\
		RB_PARENT(next, field) = RB_PARENT(elm, field);		\
	} else {							\
		child = RB_LEFT(elm, field) != NULL ?			\
		    RB_LEFT(elm, field) : RB_RIGHT(elm, field);		\
		parent = RB_PARENT(elm, field);				\
		color = RB_COLOR(elm, field);				\
		if (child != NULL)					\
			RB_PARENT(child, field) = parent;		\
		name##_RB_REPLACE_CHILD(head, elm, child);		\
	}								\
	/* parent's path to the root covers every changed subtree. */	\
	name##_RB_UPDATE_AUGMENT(parent);				\
	if (color == RB_BLACK)						\
		name##_RB_REMOVE_COLOR(head, parent, child);		\
	return (elm);							\
}									\
									\
/* The node comparing equal to elm, or NULL. */				\
attr struct type *							\
name##_RB_FIND(struct name *head, struct type *elm)			\
{									\
	struct type *tmp = RB_ROOT(head);				\
	int comp;							\
									\
	while (tmp != NULL) {						\
		comp = (cmp)(elm, tmp);					\
		if (comp < 0)						\
			tmp = RB_LEFT(tmp, field);			\
		else if (comp > 0)					\
			tmp = RB_RIGHT(tmp, field);			\
		else							\
			return (tmp);					\
	}								\
	return (NULL);							\
}									\
									\
/* The least node >= elm, or NULL. */					\
attr struct type *							\
name##_RB_NFIND(struct name *head, struct type *elm)			\
{									\
	struct type *tmp = RB_ROOT(head), *res = NULL;			\
	int comp;							\
									\
	while (tmp != NULL) {						\
		comp = (cmp)(elm, tmp);					\
		if (comp < 0) {						\
			res = tmp;					\
			tmp = RB_LEFT(tmp, field);			\
		} else if (comp > 0)					\
			tmp = RB_RIGHT(tmp, field);			\
		else							\
			return (tmp);					\
	}								\
	return (res);							\
}									\
									\
/* The greatest node <= elm, or NULL. */				\
attr struct type *							\
name##_RB_PFIND(struct name *head, struct type *elm)			\
{									\
	struct type *tmp = RB_ROOT(head), *res = NULL;			\
	int comp;							\
									\
	while (tmp != NULL) {						\
		comp = (cmp)(elm, tmp);					\
		if (comp < 0)						\
			tmp = RB_LEFT(tmp, field);			\
		else if (comp > 0) {					\
			res = tmp;					\
			tmp = RB_RIGHT(tmp, field);			\
		} else							\
			return (tmp);					\
	}								\
	return (res);							\
}									\
									\
/* The node after elm in order, or NULL. */				\
attr struct type *							\
name##_RB_NEXT(struct type *elm)					\
{									\
	if (RB_RIGHT(elm, field) != NULL) {				\
		elm = RB_RIGHT(elm, field);				\
		while (RB_LEFT(elm, field) != NULL)			\
			elm = RB_LEFT(elm, field);			\
		return (elm);						\
	}								\
	while (RB_PARENT(elm, field) != NULL &&				\
	    elm == RB_RIGHT(RB_PARENT(elm, field), field))		\
		elm = RB_PARENT(elm, field);				\
	return (RB_PARENT(elm, field));					\
}									\
									\
/* The node before elm in order, or NULL. */				\
attr struct type *							\
name##_RB_PREV(struct type *elm)					\
{									\
	if (RB_LEFT(elm, field) != NULL) {				\
		elm = RB_LEFT(elm, field);				\
		while (RB_RIGHT(elm, field) != NULL)			\
			elm = RB_RIGHT(elm, field);			\
		return (elm);						\
	}								\
	while (RB_PARENT(elm, field) != NULL &&				\
	    elm == RB_LEFT(RB_PARENT(elm, field), field))		\
		elm = RB_PARENT(elm, field);				\
	return (RB_PARENT(elm, field));					\
}									\
									\
/* The least (val < 0) or greatest (val > 0) node, or NULL. */		\
attr struct type *							\
name##_RB_MINMAX(struct name *head, int val)				\
{									\
	struct type *tmp = RB_ROOT(head), *res = NULL;			\
									\
	while (tmp != NULL) {						\
		res = tmp;						\
		tmp = val < 0 ? RB_LEFT(tmp, field) :			\
		    RB_RIGHT(tmp, field);				\
	}								\
	return (res);							\
}									\
struct __hack

#define RB_NEGINF	-1
#define RB_INF		1

#define RB_INSERT(name, x, y)	name##_RB_INSERT(x, y)
#define RB_REMOVE(name, x, y)	name##_RB_REMOVE(x, y)
#define RB_FIND(name, x, y)	name##_RB_FIND(x, y)
#define RB_NFIND(name, x, y)	name##_RB_NFIND(x, y)
#define RB_PFIND(name, x, y)	name##_RB_PFIND(x, y)
#define RB_NEXT(name, x, y)	name##_RB_NEXT(y)
#define RB_PREV(name, x, y)	name##_RB_PREV(y)
#define RB_MIN(name, x)		name##_RB_MINMAX(x, RB_NEGINF)
#define RB_MAX(name, x)		name##_RB_MINMAX(x, RB_INF)
#define RB_UPDATE_AUGMENT(name, x) name##_RB_UPDATE_AUGMENT(x)

#define RB_FOREACH(x, name, head)					\
	for ((x) = RB_MIN(name, head);					\
	    (x) != NULL;						\
	    (x) = name##_RB_NEXT(x))

#define RB_FOREACH_FROM(x, name, y)					\
	for ((x) = (y);							\
	    ((x) != NULL) && ((y) = name##_RB_NEXT(x), 1);		\
	    (x) = (y))

#define RB_FOREACH_SAFE(x, name, head, y)				\
	for ((x) = RB_MIN(name, head);					\
	    ((x) != NULL) && ((y) = name##_RB_NEXT(x), 1);		\
	    (x) = (y))

#define RB_FOREACH_REVERSE(x, name, head)				\
	for ((x) = RB_MAX(name, head);					\
	    (x) != NULL;						\
	    (x) = name##_RB_PREV(x))

#define RB_FOREACH_REVERSE_SAFE(x, name, head, y)			\
	for ((x) = RB_MAX(name, head);					\
	    ((x) != NULL) && ((y) = name##_RB_PREV(x), 1);		\
	    (x) = (y))

#endif /* !_SYS_TREE_H_ */
