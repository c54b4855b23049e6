/*
 * kern_sysctl.c: the sysctl MIB tree and the requests that read and write
 * it (sys/sysctl.h, share/doc/sysctl.md).
 *
 * The tree: every OID sits on its parent's list of children, sorted by
 * number; sysctl__ is the root and its children are the top-level nodes.
 * Invariants, under the tree lock:
 *   - siblings have distinct numbers and distinct names, and their list
 *     is in increasing number order;
 *   - an OID in the tree has a number >= 0: OID_AUTO is replaced at
 *     insertion by one more than the largest sibling number, and never
 *     less than CTL_AUTO_START (numbers are not reused while a larger
 *     one exists), and restored when the OID is taken out;
 *   - a name is one non-empty component without dots.
 * Static OIDs (the sysctl_set linker set) are linked in by
 * sysctl_register_all() at SI_SUB_SYSCTLS; a child may be linked before
 * its parent, since each node carries its own list.  Dynamic OIDs live in
 * storage their owner provides.
 *
 * A request names an OID by its MIB.  sysctl_find_oid() walks the
 * components; a node with a handler (the CTL_SYSCTL requests) takes the
 * rest of the MIB as its argument.  sysctl_request() checks access and
 * calls the handler; the handler moves data with SYSCTL_OUT/SYSCTL_IN,
 * i.e. through the functions the request holds: plain copies for
 * kernel_sysctl(), copyout/copyin for the system call to come.
 *
 * Errors: EINVAL for an empty or overlong MIB, ENOENT for a missing OID,
 * ENOTDIR for components past a leaf, EISDIR for a node without handler,
 * EPERM for a write to a read-only OID, EINVAL for a new value of the
 * wrong size, ENOMEM when the old value does not fit (the length then
 * reports the size needed), EEXIST for a name or number already taken.
 *
 * Locking: one sleep mutex (sysctl_mtx) covers the tree and every handler
 * call, so handlers run one at a time and an OID cannot leave the tree
 * while its handler runs.  Handlers may not sleep or re-enter sysctl
 * (the mutex does not recurse).  XXX: when SYSCTL_OUT copies out to user
 * memory that may fault and sleep, this becomes an sx lock (or the old
 * buffer is wired first, as FreeBSD's sysctl_wire_old_buffer does).
 *
 * This file has no hardware dependence: tests/unit builds it for the host.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/linker_set.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/sysctl.h>

SET_DECLARE(sysctl_set, struct sysctl_oid);

/* The longest dotted name CTL_SYSCTL_NAME2OID accepts. */
#define SYSCTL_NAME_MAX	256

/* The root: never on a list; its children are the top-level nodes. */
struct sysctl_oid sysctl__ = {
	.oid_children = SLIST_HEAD_INITIALIZER(sysctl__.oid_children),
	.oid_number = 0,
	.oid_kind = CTLTYPE_NODE | CTLFLAG_RD,
	.oid_name = "",
	.oid_fmt = "N",
	.oid_linked = true,
};

static struct mtx sysctl_mtx;
static bool	sysctl_mtx_ready;

/*
 * The lock is set up on first use, so subsystems that start before
 * SI_SUB_SYSCTLS can add dynamic OIDs; that happens during the
 * single-threaded boot, before any other thread could race to use it.
 */
static void
sysctl_lock(void)
{
	if (__predict_false(!sysctl_mtx_ready)) {
		mtx_init(&sysctl_mtx, "sysctl", NULL, MTX_DEF);
		sysctl_mtx_ready = true;
	}
	mtx_lock(&sysctl_mtx);
}

static void
sysctl_unlock(void)
{
	mtx_unlock(&sysctl_mtx);
}

#define SYSCTL_ASSERT_LOCKED()	mtx_assert(&sysctl_mtx, MA_OWNED)

/* Is oidp something a request reads or writes, rather than descends? */
static bool
sysctl_is_leaf(const struct sysctl_oid *oidp)
{
	return ((oidp->oid_kind & CTLTYPE) != CTLTYPE_NODE ||
	    oidp->oid_handler != NULL);
}

/* The child of lsp numbered nbr, or NULL. */
static struct sysctl_oid *
sysctl_child(struct sysctl_oid_list *lsp, int nbr)
{
	struct sysctl_oid *oidp;

	SLIST_FOREACH(oidp, lsp, oid_link) {
		if (oidp->oid_number == nbr)
			return (oidp);
		if (oidp->oid_number > nbr)
			break;
	}
	return (NULL);
}

/* The child of lsp whose name is name[0..len), or NULL. */
static struct sysctl_oid *
sysctl_child_named(struct sysctl_oid_list *lsp, const char *name, size_t len)
{
	struct sysctl_oid *oidp;

	SLIST_FOREACH(oidp, lsp, oid_link)
		if (strncmp(oidp->oid_name, name, len) == 0 &&
		    oidp->oid_name[len] == '\0')
			return (oidp);
	return (NULL);
}

/*
 * sysctl_register_oid: link oidp into its parent's list (oid_parent),
 * numbering it if it asks for OID_AUTO.
 * Takes the tree lock.  Returns 0, EEXIST when a sibling has its name or
 * number, or EINVAL for a negative number other than OID_AUTO.
 */
int
sysctl_register_oid(struct sysctl_oid *oidp)
{
	struct sysctl_oid_list *lsp = oidp->oid_parent;
	struct sysctl_oid *p, *prev;
	int nbr = oidp->oid_number;

	KASSERT(lsp != NULL, ("%s: %s has no parent", __func__,
	    oidp->oid_name));
	KASSERT(oidp->oid_name != NULL && oidp->oid_name[0] != '\0' &&
	    strchr(oidp->oid_name, '.') == NULL,
	    ("%s: bad name \"%s\"", __func__, oidp->oid_name));
	if (nbr < 0 && nbr != OID_AUTO)
		return (EINVAL);

	sysctl_lock();
	KASSERT(!oidp->oid_linked, ("%s: %s is linked already", __func__,
	    oidp->oid_name));
	SLIST_FOREACH(p, lsp, oid_link) {
		if (strcmp(p->oid_name, oidp->oid_name) == 0 ||
		    p->oid_number == nbr) {
			sysctl_unlock();
			return (EEXIST);
		}
	}
	if (nbr == OID_AUTO) {
		nbr = CTL_AUTO_START;
		SLIST_FOREACH(p, lsp, oid_link)
			if (p->oid_number >= nbr)
				nbr = p->oid_number + 1;
		KASSERT(nbr > 0, ("%s: numbers exhausted", __func__));
		oidp->oid_autonum = true;
	}
	oidp->oid_number = nbr;

	prev = NULL;
	SLIST_FOREACH(p, lsp, oid_link) {
		if (p->oid_number > nbr)
			break;
		prev = p;
	}
	if (prev == NULL)
		SLIST_INSERT_HEAD(lsp, oidp, oid_link);
	else
		SLIST_INSERT_AFTER(prev, oidp, oid_link);
	oidp->oid_linked = true;
	sysctl_unlock();
	return (0);
}

/* Take oidp (and, if it is a node, its subtree) out of the tree. */
static void
sysctl_unlink_locked(struct sysctl_oid *oidp)
{
	struct sysctl_oid *child;

	SYSCTL_ASSERT_LOCKED();
	KASSERT(oidp->oid_linked, ("%s: %s is not linked", __func__,
	    oidp->oid_name));
	while ((child = SLIST_FIRST(&oidp->oid_children)) != NULL) {
		KASSERT(child->oid_parent == &oidp->oid_children,
		    ("%s: %s on a foreign list", __func__, child->oid_name));
		sysctl_unlink_locked(child);
	}
	SLIST_REMOVE(oidp->oid_parent, oidp, sysctl_oid, oid_link);
	oidp->oid_linked = false;
	if (oidp->oid_autonum) {
		oidp->oid_number = OID_AUTO;
		oidp->oid_autonum = false;
	}
}

/*
 * sysctl_add_oid: fill in the caller's storage oidp and link it under
 * parent (dynamic registration; see SYSCTL_ADD_* in sys/sysctl.h).  name,
 * fmt and descr must stay valid while the OID is in the tree.
 * Takes the tree lock.  Returns oidp, or NULL if a sibling has the name or
 * number already.
 */
struct sysctl_oid *
sysctl_add_oid(struct sysctl_oid *oidp, struct sysctl_oid_list *parent,
    int nbr, const char *name, u_int kind, void *arg1, intmax_t arg2,
    sysctl_handler_t *handler, const char *fmt, const char *descr)
{
	int error;

	KASSERT(oidp != NULL && parent != NULL, ("%s: NULL argument",
	    __func__));
	KASSERT((kind & CTLTYPE) != 0, ("%s: %s has no type", __func__,
	    name));
	KASSERT((kind & CTLTYPE) == CTLTYPE_NODE || handler != NULL,
	    ("%s: leaf %s has no handler", __func__, name));
	memset(oidp, 0, sizeof(*oidp));
	SLIST_INIT(&oidp->oid_children);
	oidp->oid_parent = parent;
	oidp->oid_number = nbr;
	oidp->oid_kind = kind | CTLFLAG_DYN;
	oidp->oid_arg1 = arg1;
	oidp->oid_arg2 = arg2;
	oidp->oid_name = name;
	oidp->oid_handler = handler;
	oidp->oid_fmt = fmt;
	oidp->oid_descr = descr;
	error = sysctl_register_oid(oidp);
	if (error != 0) {
		printf("sysctl: cannot add %s: error %d\n", name, error);
		return (NULL);
	}
	return (oidp);
}

/*
 * sysctl_remove_oid: take a dynamic or static OID out of the tree.  A node
 * with children goes only if recurse, and takes them with it.
 * Takes the tree lock.  Returns 0, ENOENT if oidp is not in the tree,
 * ENOTEMPTY for a node with children and !recurse.  The caller may reuse
 * or free the storage when this returns: no handler of it is running.
 */
int
sysctl_remove_oid(struct sysctl_oid *oidp, bool recurse)
{
	int error = 0;

	sysctl_lock();
	if (!oidp->oid_linked)
		error = ENOENT;
	else if (!recurse && !SLIST_EMPTY(&oidp->oid_children))
		error = ENOTEMPTY;
	else
		sysctl_unlink_locked(oidp);
	sysctl_unlock();
	return (error);
}

/*
 * sysctl_unregister_oid: take oidp, and anything below it, out of the
 * tree, if it is there (FreeBSD's name for sysctl_remove_oid(oidp, true)).
 * Takes the tree lock.
 */
void
sysctl_unregister_oid(struct sysctl_oid *oidp)
{
	(void)sysctl_remove_oid(oidp, true);
}

/*
 * sysctl_find_oid: the OID that the MIB name[0..namelen) names.  A node
 * with a handler ends the walk early: *nindx (if not NULL) says how many
 * components it used, and the rest are its argument.
 * The tree lock must be held (as it is in a handler).  Returns 0, ENOENT
 * for a missing or dormant OID, ENOTDIR when components remain after a
 * leaf.
 */
int
sysctl_find_oid(const int *name, u_int namelen, struct sysctl_oid **oidpp,
    u_int *nindx)
{
	struct sysctl_oid_list *lsp = &sysctl__.oid_children;
	struct sysctl_oid *oidp;
	u_int indx;

	SYSCTL_ASSERT_LOCKED();
	for (indx = 0; indx < namelen && indx < CTL_MAXNAME; indx++) {
		oidp = sysctl_child(lsp, name[indx]);
		if (oidp == NULL || (oidp->oid_kind & CTLFLAG_DORMANT) != 0)
			return (ENOENT);
		if (indx + 1 == namelen || sysctl_is_leaf(oidp)) {
			if ((oidp->oid_kind & CTLTYPE) != CTLTYPE_NODE &&
			    indx + 1 < namelen)
				return (ENOTDIR);
			*oidpp = oidp;
			if (nindx != NULL)
				*nindx = indx + 1;
			return (0);
		}
		lsp = &oidp->oid_children;
	}
	return (ENOENT);
}

/*
 * Resolve the dotted name name[0..len) into oid[] (room for CTL_MAXNAME)
 * and *oidlenp; the OID itself into *oidpp if not NULL.  A name may stop
 * at a node.  Returns 0 or ENOENT.
 */
static int
sysctl_name2oid_locked(const char *name, size_t len, int *oid,
    u_int *oidlenp, struct sysctl_oid **oidpp)
{
	struct sysctl_oid_list *lsp = &sysctl__.oid_children;
	struct sysctl_oid *oidp;
	const char *p = name, *end = name + len, *q;
	u_int n = 0;

	SYSCTL_ASSERT_LOCKED();
	for (;;) {
		for (q = p; q < end && *q != '.'; q++)
			continue;
		if (q == p || n == CTL_MAXNAME)
			return (ENOENT);
		oidp = sysctl_child_named(lsp, p, (size_t)(q - p));
		if (oidp == NULL || (oidp->oid_kind & CTLFLAG_DORMANT) != 0)
			return (ENOENT);
		oid[n++] = oidp->oid_number;
		if (q == end)
			break;
		if (sysctl_is_leaf(oidp))
			return (ENOENT);
		lsp = &oidp->oid_children;
		p = q + 1;
	}
	*oidlenp = n;
	if (oidpp != NULL)
		*oidpp = oidp;
	return (0);
}

/*
 * Find, below lsp (at depth in next[]), the first leaf whose MIB sorts
 * after name[0..namelen) (a prefix sorts before its extensions; namelen
 * 0 means the first leaf of all).  Leaves come depth-first in number
 * order; OIDs marked CTLFLAG_SKIP are left out, with their subtrees,
 * when skip is set.  Returns true with next[0..*nextlen) filled in.
 */
static bool
sysctl_next_below(struct sysctl_oid_list *lsp, const int *name,
    u_int namelen, int *next, u_int depth, u_int *nextlen, bool skip)
{
	struct sysctl_oid *oidp;

	if (depth == CTL_MAXNAME)
		return (false);
	SLIST_FOREACH(oidp, lsp, oid_link) {
		if ((skip && (oidp->oid_kind & CTLFLAG_SKIP) != 0) ||
		    (oidp->oid_kind & CTLFLAG_DORMANT) != 0)
			continue;
		if (namelen > 0 && oidp->oid_number < name[0])
			continue;
		next[depth] = oidp->oid_number;
		if (namelen > 0 && oidp->oid_number == name[0]) {
			/* On name's path: only what sorts after it counts. */
			if (!sysctl_is_leaf(oidp) &&
			    sysctl_next_below(&oidp->oid_children, name + 1,
			    namelen - 1, next, depth + 1, nextlen, skip))
				return (true);
			continue;
		}
		/* Past name: the first leaf of this subtree. */
		if (sysctl_is_leaf(oidp)) {
			*nextlen = depth + 1;
			return (true);
		}
		if (sysctl_next_below(&oidp->oid_children, NULL, 0, next,
		    depth + 1, nextlen, skip))
			return (true);
	}
	return (false);
}

/*
 * sysctl_next: the leaf after name[0..namelen) in depth-first number order
 * (the first leaf when namelen is 0), as CTL_SYSCTL_NEXT; name need not
 * exist.  next has room for CTL_MAXNAME and may be name itself.  Takes
 * the tree lock.
 * Returns 0, or ENOENT after the last leaf.
 */
int
sysctl_next(const int *name, u_int namelen, int *next, u_int *nextlen)
{
	int cur[CTL_MAXNAME];
	bool found;

	if (namelen > CTL_MAXNAME)
		return (EINVAL);
	if (namelen > 0)	/* a copy: next may be name */
		memcpy(cur, name, namelen * sizeof(int));
	sysctl_lock();
	found = sysctl_next_below(&sysctl__.oid_children, cur, namelen, next,
	    0, nextlen, true);
	sysctl_unlock();
	return (found ? 0 : ENOENT);
}

/*
 * Write the dotted name of the MIB name[0..namelen), NUL-terminated, as
 * the request's old value.  Returns 0, ENOENT if a component is missing
 * or follows a leaf, or ENOMEM when it does not fit (all of it is still
 * counted in oldidx).
 */
static int
sysctl_name_out(const int *name, u_int namelen, struct sysctl_req *req)
{
	struct sysctl_oid_list *lsp = &sysctl__.oid_children;
	struct sysctl_oid *oidp = NULL;
	int error = 0, e;
	u_int i;

	SYSCTL_ASSERT_LOCKED();
	if (namelen == 0)
		return (ENOENT);
	for (i = 0; i < namelen; i++) {
		if (oidp != NULL && sysctl_is_leaf(oidp))
			return (ENOENT);
		oidp = sysctl_child(lsp, name[i]);
		if (oidp == NULL)
			return (ENOENT);
		if (i > 0 && (e = SYSCTL_OUT(req, ".", 1)) != 0 && error == 0)
			error = e;
		e = SYSCTL_OUT(req, oidp->oid_name, strlen(oidp->oid_name));
		if (e != 0 && error == 0)
			error = e;
		lsp = &oidp->oid_children;
	}
	e = SYSCTL_OUT(req, "", 1);
	return (error != 0 ? error : e);
}

/*
 * sysctl_old_kernel, sysctl_new_kernel: a request's old- and new-value
 * functions for a kernel caller (plain copies).  The old value is cut at
 * oldlen (ENOMEM) but all of it is counted in oldidx, so a request with
 * no buffer measures the value.  The new value must have len bytes left
 * (else EINVAL).
 */
int
sysctl_old_kernel(struct sysctl_req *req, const void *p, size_t len)
{
	size_t n = 0;

	if (req->oldptr != NULL) {
		if (req->oldidx < req->oldlen)
			n = MIN(len, req->oldlen - req->oldidx);
		if (n > 0)
			memcpy((char *)req->oldptr + req->oldidx, p, n);
	}
	req->oldidx += len;
	if (req->oldptr != NULL && n != len)
		return (ENOMEM);
	return (0);
}

int
sysctl_new_kernel(struct sysctl_req *req, void *p, size_t len)
{
	if (req->newptr == NULL)
		return (0);
	if (req->newlen - req->newidx < len)
		return (EINVAL);
	memcpy(p, (const char *)req->newptr + req->newidx, len);
	req->newidx += len;
	return (0);
}

/* A request from the kernel, in the manner of kernel_sysctl(). */
static void
sysctl_req_kernel(struct sysctl_req *req, void *old, size_t *oldlenp,
    const void *new, size_t newlen)
{
	memset(req, 0, sizeof(*req));
	req->oldptr = old;
	req->oldlen = oldlenp != NULL ? *oldlenp : 0;
	req->oldfunc = sysctl_old_kernel;
	req->newptr = new;
	req->newlen = new != NULL ? newlen : 0;
	req->newfunc = sysctl_new_kernel;
}

/*
 * sysctl_request: carry out req on the OID that name[0..namelen) names:
 * find it, check that a write is allowed, call its handler.  Every
 * caller (kernel_sysctl, the system call) comes through here.
 * Takes the tree lock around the lookup and the handler.  Returns 0 or
 * an errno (listed at the top of this file); after 0 or ENOMEM, the
 * length of the old value is in req->oldidx.
 */
int
sysctl_request(const int *name, u_int namelen, struct sysctl_req *req)
{
	struct sysctl_oid *oidp;
	void *arg1;
	intmax_t arg2;
	u_int indx;
	int error;

	if (namelen == 0 || namelen > CTL_MAXNAME)
		return (EINVAL);
	sysctl_lock();
	error = sysctl_find_oid(name, namelen, &oidp, &indx);
	if (error != 0)
		goto out;
	if ((oidp->oid_kind & CTLTYPE) == CTLTYPE_NODE) {
		if (oidp->oid_handler == NULL) {
			error = EISDIR;
			goto out;
		}
		/* A node's handler takes the rest of the MIB. */
		arg1 = __DECONST(int *, name + indx);
		arg2 = namelen - indx;
	} else {
		arg1 = oidp->oid_arg1;
		arg2 = oidp->oid_arg2;
	}
	if (req->newptr != NULL && (oidp->oid_kind & CTLFLAG_WR) == 0) {
		error = EPERM;
		goto out;
	}
	if (oidp->oid_handler == NULL) {
		error = EINVAL;
		goto out;
	}
	error = oidp->oid_handler(oidp, arg1, arg2, req);
out:
	sysctl_unlock();
	return (error);
}

/*
 * kernel_sysctl: read and/or write the OID named by the MIB
 * name[0..namelen).  The old value is copied to old (at most *oldlenp
 * bytes); with old NULL nothing is copied and *oldlenp says how large
 * the value is.  A non-NULL new supplies newlen bytes of new value.
 * Takes the tree lock.  Returns 0 or an errno; after 0 or ENOMEM,
 * *oldlenp holds the length of the whole old value (more than the buffer
 * on ENOMEM: the size needed).
 */
int
kernel_sysctl(const int *name, u_int namelen, void *old, size_t *oldlenp,
    const void *new, size_t newlen)
{
	struct sysctl_req req;
	int error;

	sysctl_req_kernel(&req, old, oldlenp, new, newlen);
	error = sysctl_request(name, namelen, &req);
	if (oldlenp != NULL && (error == 0 || error == ENOMEM))
		*oldlenp = req.oldidx;
	return (error);
}

/*
 * kernel_sysctlbyname: kernel_sysctl() on the OID named "a.b.c".
 * Returns as kernel_sysctl(), and ENOENT for an unknown name.
 */
int
kernel_sysctlbyname(const char *name, void *old, size_t *oldlenp,
    const void *new, size_t newlen)
{
	int oid[CTL_MAXNAME];
	u_int oidlen;
	int error;

	error = sysctl_name2oid(name, oid, &oidlen);
	if (error != 0)
		return (error);
	return (kernel_sysctl(oid, oidlen, old, oldlenp, new, newlen));
}

/*
 * sysctl_name2oid: the MIB of the OID named "a.b.c" (a node or a leaf)
 * into oid[] (room for CTL_MAXNAME) and *oidlenp.  Takes the tree lock.
 * Returns 0 or ENOENT.
 */
int
sysctl_name2oid(const char *name, int *oid, u_int *oidlenp)
{
	int error;

	sysctl_lock();
	error = sysctl_name2oid_locked(name, strlen(name), oid, oidlenp, NULL);
	sysctl_unlock();
	return (error);
}

/*
 * sysctl_oid2name: the dotted name of the MIB oid[0..oidlen) into buf,
 * NUL-terminated, at most *buflenp bytes.  Takes the tree lock.
 * Returns 0, ENOENT, or ENOMEM when it does not fit; after 0 or ENOMEM
 * *buflenp holds the size of the whole name with its NUL.
 */
int
sysctl_oid2name(const int *oid, u_int oidlen, char *buf, size_t *buflenp)
{
	struct sysctl_req req;
	int error;

	sysctl_req_kernel(&req, buf, buflenp, NULL, 0);
	sysctl_lock();
	error = sysctl_name_out(oid, oidlen, &req);
	sysctl_unlock();
	if (error == 0 || error == ENOMEM)
		*buflenp = req.oldidx;
	return (error);
}

/*
 * Standard handlers.  arg1 points at the variable; when it is NULL the
 * value is the constant arg2 and cannot be written.  Each writes the old
 * value first, then (if the request has one) takes the new value, so a
 * single request can swap values.
 */

/* The old value val (size bytes) out; the new one, if any, into arg1. */
static int
sysctl_handle_scalar(void *arg1, const void *val, size_t size,
    struct sysctl_req *req)
{
	int error;

	error = SYSCTL_OUT(req, val, size);
	if (error != 0 || req->newptr == NULL)
		return (error);
	if (arg1 == NULL)
		return (EPERM);
	return (SYSCTL_IN(req, arg1, size));
}

int
sysctl_handle_int(SYSCTL_HANDLER_ARGS)
{
	int val = arg1 != NULL ? *(int *)arg1 : (int)arg2;

	return (sysctl_handle_scalar(arg1, &val, sizeof(val), req));
}

int
sysctl_handle_long(SYSCTL_HANDLER_ARGS)
{
	long val = arg1 != NULL ? *(long *)arg1 : (long)arg2;

	return (sysctl_handle_scalar(arg1, &val, sizeof(val), req));
}

int
sysctl_handle_64(SYSCTL_HANDLER_ARGS)
{
	uint64_t val = arg1 != NULL ? *(uint64_t *)arg1 : (uint64_t)arg2;

	return (sysctl_handle_scalar(arg1, &val, sizeof(val), req));
}

/*
 * A string: the old value includes its NUL.  A new value (with or without
 * a NUL of its own) must fit in the arg2-byte buffer with a NUL after it;
 * a read-only or unsized string (arg2 == 0) cannot be written.  XXX: once
 * SYSCTL_IN can fault (copyin), a failed write leaves a partial value;
 * with malloc(9) it can go through a bounce buffer as FreeBSD's does.
 */
int
sysctl_handle_string(SYSCTL_HANDLER_ARGS)
{
	char *s = arg1;
	size_t newlen;
	int error;

	error = SYSCTL_OUT(req, s, strlen(s) + 1);
	if (error != 0 || req->newptr == NULL)
		return (error);
	if ((oidp->oid_kind & CTLFLAG_WR) == 0 || arg2 <= 0)
		return (EPERM);
	newlen = req->newlen - req->newidx;
	if (newlen >= (size_t)arg2)
		return (EINVAL);
	error = SYSCTL_IN(req, s, newlen);
	s[newlen] = '\0';
	return (error);
}

/* arg2 bytes at arg1, both ways; a new value must be exactly as long. */
int
sysctl_handle_opaque(SYSCTL_HANDLER_ARGS)
{
	int error;

	error = SYSCTL_OUT(req, arg1, (size_t)arg2);
	if (error != 0 || req->newptr == NULL)
		return (error);
	if (req->newlen - req->newidx != (size_t)arg2)
		return (EINVAL);
	return (SYSCTL_IN(req, arg1, (size_t)arg2));
}

/*
 * CTL_SYSCTL: requests about the tree, for sysctl(8) and sysctlbyname(3)
 * in user space (FreeBSD's numbers).  Each is a node whose handler gets
 * the rest of the MIB in arg1/arg2.  The node is left out of enumeration.
 */
SYSCTL_ROOT_NODE(CTL_SYSCTL, sysctl, CTLFLAG_RW | CTLFLAG_SKIP |
    CTLFLAG_MPSAFE, NULL, "Sysctl internal magic");

/* {0, 1, mib...}: the dotted name of mib. */
static int
sysctl_sysctl_name(SYSCTL_HANDLER_ARGS)
{
	return (sysctl_name_out(arg1, (u_int)arg2, req));
}
static SYSCTL_NODE(_sysctl, CTL_SYSCTL_NAME, name, CTLFLAG_RD |
    CTLFLAG_MPSAFE, sysctl_sysctl_name, "");

/* {0, 2, mib...} and {0, 7, mib...}: the MIB of the leaf after mib. */
static int
sysctl_sysctl_next(SYSCTL_HANDLER_ARGS)
{
	int next[CTL_MAXNAME];
	u_int nextlen;

	if (!sysctl_next_below(&sysctl__.oid_children, arg1, (u_int)arg2,
	    next, 0, &nextlen, oidp->oid_number == CTL_SYSCTL_NEXT))
		return (ENOENT);
	return (SYSCTL_OUT(req, next, nextlen * sizeof(int)));
}
static SYSCTL_NODE(_sysctl, CTL_SYSCTL_NEXT, next, CTLFLAG_RD |
    CTLFLAG_MPSAFE, sysctl_sysctl_next, "");
static SYSCTL_NODE(_sysctl, CTL_SYSCTL_NEXTNOSKIP, nextnoskip, CTLFLAG_RD |
    CTLFLAG_MPSAFE, sysctl_sysctl_next, "");

/* {0, 3} with the dotted name as new value: its MIB. */
static int
sysctl_sysctl_name2oid(SYSCTL_HANDLER_ARGS)
{
	char name[SYSCTL_NAME_MAX];
	int oid[CTL_MAXNAME];
	size_t len;
	u_int oidlen;
	int error;

	if (req->newptr == NULL || req->newlen == req->newidx)
		return (ENOENT);
	len = req->newlen - req->newidx;
	if (len >= sizeof(name))
		return (ENAMETOOLONG);
	error = SYSCTL_IN(req, name, len);
	if (error != 0)
		return (error);
	len = strnlen(name, len);	/* the caller may include the NUL */
	error = sysctl_name2oid_locked(name, len, oid, &oidlen, NULL);
	if (error != 0)
		return (error);
	return (SYSCTL_OUT(req, oid, oidlen * sizeof(int)));
}
SYSCTL_PROC(_sysctl, CTL_SYSCTL_NAME2OID, name2oid, CTLTYPE_INT | CTLFLAG_RW |
    CTLFLAG_ANYBODY | CTLFLAG_MPSAFE, NULL, 0, sysctl_sysctl_name2oid, "I",
    "");

/* {0, 4, mib...}: the kind (u_int), then the format string. */
static int
sysctl_sysctl_oidfmt(SYSCTL_HANDLER_ARGS)
{
	struct sysctl_oid *oid;
	const char *fmt;
	int error, e;

	error = sysctl_find_oid(arg1, (u_int)arg2, &oid, NULL);
	if (error != 0)
		return (error);
	fmt = oid->oid_fmt != NULL ? oid->oid_fmt : "";
	error = SYSCTL_OUT(req, &oid->oid_kind, sizeof(oid->oid_kind));
	e = SYSCTL_OUT(req, fmt, strlen(fmt) + 1);
	return (error != 0 ? error : e);
}
static SYSCTL_NODE(_sysctl, CTL_SYSCTL_OIDFMT, oidfmt, CTLFLAG_RD |
    CTLFLAG_MPSAFE, sysctl_sysctl_oidfmt, "");

/* {0, 5, mib...}: the description. */
static int
sysctl_sysctl_oiddescr(SYSCTL_HANDLER_ARGS)
{
	struct sysctl_oid *oid;
	int error;

	error = sysctl_find_oid(arg1, (u_int)arg2, &oid, NULL);
	if (error != 0)
		return (error);
	return (SYSCTL_OUT_STR(req, oid->oid_descr != NULL ? oid->oid_descr :
	    ""));
}
static SYSCTL_NODE(_sysctl, CTL_SYSCTL_OIDDESCR, oiddescr, CTLFLAG_RD |
    CTLFLAG_MPSAFE, sysctl_sysctl_oiddescr, "");

/*
 * sysctl_register_all: link every static OID of the kernel (the
 * sysctl_set linker set) into the tree; OIDs linked already are left
 * alone, so a second call does nothing.  A static OID whose name or
 * number clashes is reported on the console and left out.
 */
void
sysctl_register_all(void)
{
	struct sysctl_oid **oidpp;
	int error;

	SET_FOREACH(oidpp, sysctl_set) {
		/* Unlocked: the boot has one thread. */
		if ((*oidpp)->oid_linked)
			continue;
		error = sysctl_register_oid(*oidpp);
		if (error != 0)
			printf("sysctl: cannot register %s: error %d\n",
			    (*oidpp)->oid_name, error);
	}
}

static void
sysctl_register_all_sysinit(const void *arg __unused)
{
	sysctl_register_all();
}
SYSINIT(sysctl, SI_SUB_SYSCTLS, SI_ORDER_FIRST, sysctl_register_all_sysinit,
    NULL);

/*
 * The dump (umbra.sysctl_dump=1): every readable leaf with its value, in
 * sysctl -a format ("kern.ostype: Umbra"), found the way sysctl(8) finds
 * them: CTL_SYSCTL_NEXT, _NAME and _OIDFMT, then the value.
 */
static char	sysctl_dump_name[SYSCTL_NAME_MAX];
static char	sysctl_dump_fmt[64];
static char	sysctl_dump_val[1024];	/* values longer are not shown */

/* Print len bytes of integers of the given CTLTYPE, blank-separated. */
static void
sysctl_dump_ints(u_int type, const char *val, size_t len)
{
	size_t size, off;

	size = (type == CTLTYPE_INT || type == CTLTYPE_UINT) ? sizeof(int32_t) :
	    sizeof(int64_t);
	for (off = 0; off + size <= len; off += size) {
		int32_t i32 = 0;
		int64_t i64 = 0;

		if (size == sizeof(i32))
			memcpy(&i32, val + off, sizeof(i32));
		else
			memcpy(&i64, val + off, sizeof(i64));
		if (off > 0)
			printf(" ");
		switch (type) {
		case CTLTYPE_INT:
			printf("%d", i32);
			break;
		case CTLTYPE_UINT:
			printf("%u", (u_int)i32);
			break;
		case CTLTYPE_LONG:
		case CTLTYPE_S64:
			printf("%jd", (intmax_t)i64);
			break;
		default:
			printf("%ju", (uintmax_t)(uint64_t)i64);
			break;
		}
	}
}

/* Print an opaque value: a timeval as sysctl(8) does, else in hex. */
static void
sysctl_dump_opaque(const char *fmt, const char *val, size_t len)
{
	size_t i;

	if (strcmp(fmt, "S,timeval") == 0 && len == 2 * sizeof(int64_t)) {
		int64_t tv[2];

		memcpy(tv, val, sizeof(tv));
		printf("{ sec = %jd, usec = %jd }", (intmax_t)tv[0],
		    (intmax_t)tv[1]);
		return;
	}
	printf("Format:%s Length:%zu Dump:0x", fmt, len);
	for (i = 0; i < len && i < 16; i++)
		printf("%02x", (u_char)val[i]);
	if (len > 16)
		printf("...");
}

/*
 * The kind of the OID mib[0..miblen) into *kindp and its format into
 * sysctl_dump_fmt, through CTL_SYSCTL_OIDFMT.  Returns 0 or an errno.
 */
static int
sysctl_dump_oidfmt(const int *mib, u_int miblen, u_int *kindp)
{
	int qoid[CTL_MAXNAME];
	size_t len;
	int error;

	if (miblen + 2 > CTL_MAXNAME)
		return (ENAMETOOLONG);
	qoid[0] = CTL_SYSCTL;
	qoid[1] = CTL_SYSCTL_OIDFMT;
	memcpy(qoid + 2, mib, miblen * sizeof(int));
	len = sizeof(sysctl_dump_fmt);
	error = kernel_sysctl(qoid, miblen + 2, sysctl_dump_fmt, &len, NULL, 0);
	if (error != 0)
		return (error);
	if (len <= sizeof(*kindp))
		return (EINVAL);
	memcpy(kindp, sysctl_dump_fmt, sizeof(*kindp));
	return (0);
}

/* Print the leaf mib[0..miblen) and its value, if it is readable. */
static void
sysctl_dump_one(const int *mib, u_int miblen)
{
	int qoid[CTL_MAXNAME];
	const char *fmt = sysctl_dump_fmt + sizeof(u_int);
	size_t len;
	u_int kind;
	int error;

	if (sysctl_dump_oidfmt(mib, miblen, &kind) != 0)
		return;
	if ((kind & CTLFLAG_RD) == 0 || (kind & CTLTYPE) == CTLTYPE_NODE)
		return;
	qoid[0] = CTL_SYSCTL;
	qoid[1] = CTL_SYSCTL_NAME;
	memcpy(qoid + 2, mib, miblen * sizeof(int));
	len = sizeof(sysctl_dump_name);
	if (kernel_sysctl(qoid, miblen + 2, sysctl_dump_name, &len, NULL,
	    0) != 0)
		return;

	len = sizeof(sysctl_dump_val) - 1;
	error = kernel_sysctl(mib, miblen, sysctl_dump_val, &len, NULL, 0);
	printf("%s: ", sysctl_dump_name);
	if (error == ENOMEM) {
		printf("(%zu bytes, too long to show)\n", len);
		return;
	}
	if (error != 0) {
		printf("(error %d)\n", error);
		return;
	}
	switch (kind & CTLTYPE) {
	case CTLTYPE_STRING:
		sysctl_dump_val[len] = '\0';
		printf("%s", sysctl_dump_val);
		break;
	case CTLTYPE_INT:
	case CTLTYPE_UINT:
	case CTLTYPE_LONG:
	case CTLTYPE_ULONG:
	case CTLTYPE_S64:
	case CTLTYPE_U64:
		sysctl_dump_ints(kind & CTLTYPE, sysctl_dump_val, len);
		break;
	default:
		sysctl_dump_opaque(fmt, sysctl_dump_val, len);
		break;
	}
	printf("\n");
}

/*
 * sysctl_dump: print the leaf name[0..namelen), or every leaf below that
 * node (below the root when namelen is 0), with its value, in sysctl -a
 * format.  Not reentrant: it formats in static buffers (a boot-time aid).
 */
void
sysctl_dump(const int *name, u_int namelen)
{
	int cur[CTL_MAXNAME], next[CTL_MAXNAME];
	u_int curlen, nextlen, kind;

	if (namelen > CTL_MAXNAME)
		return;
	if (namelen > 0 && sysctl_dump_oidfmt(name, namelen, &kind) == 0 &&
	    (kind & CTLTYPE) != CTLTYPE_NODE) {
		sysctl_dump_one(name, namelen);
		return;
	}
	if (namelen > 0)
		memcpy(cur, name, namelen * sizeof(int));
	curlen = namelen;
	while (sysctl_next(cur, curlen, next, &nextlen) == 0) {
		if (namelen > 0 && (nextlen < namelen ||
		    memcmp(next, name, namelen * sizeof(int)) != 0))
			break;
		sysctl_dump_one(next, nextlen);
		memcpy(cur, next, nextlen * sizeof(int));
		curlen = nextlen;
	}
}

/* At the end of boot, just before the in-kernel tests (which power off). */
static void
sysctl_dump_sysinit(const void *arg __unused)
{
	if (getenv_bool("umbra.sysctl_dump"))
		sysctl_dump(NULL, 0);
}
SYSINIT(sysctl_dump, SI_SUB_ROOT, SI_ORDER_ANY, sysctl_dump_sysinit, NULL);
