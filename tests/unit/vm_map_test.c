/*
 * vm_map_test.c: address maps (sys/vm/vm_map.c, compiled unchanged) on
 * the host.  The map's surroundings are fakes that record what the map
 * does to them: UMA zones on calloc (whose allocations can be made to
 * fail), the pmap calls (a log of every pmap_remove / pmap_protect) and
 * objects (stand-ins in vm_map_shim.c: reference counts, shadows, the
 * ONEMAPPING flag and a log of page removals).
 *
 * The random cases run 100 000 operations (inserts at free places found
 * top-down or bottom-up, with hints, alignment and upper bounds; fixed
 * inserts; deletes of random ranges; clips; protection, inheritance and
 * advice changes; free-space queries; lookups) against a model that
 * keeps one record per page of a 4096-page address space.  After every
 * operation vm_map_check must hold and the whole map must match the
 * model page by page: mapping, object and offset, rights, inheritance
 * and flags; the error returned must be the model's; every object's
 * reference count must equal its holders (entries, shadows, the test);
 * the pmap calls must cover exactly the pages whose mappings had to go
 * or lose rights; and an unmap must free exactly the unmapped pages of
 * objects that promise one mapping per page, unless the object died.
 * Targeted cases cover splitting, merging, exhaustion, the map-count
 * limit, alignment, hints, allocation failure, fork and the checker.
 */
#include <atf-c.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kshim.h"
#include "vm_map_shim.h"

#define PAGE		SHIM_PAGE_SIZE
#define RW		(SHIM_PROT_READ | SHIM_PROT_WRITE)
#define R		SHIM_PROT_READ
#define RWX		(RW | SHIM_PROT_EXECUTE)

/* --- UMA: zones on calloc; allocation failure on request --- */

struct uma_zone {
	const char	*name;
	size_t		size;
	long		used;
	long		requests;
};
typedef struct uma_zone *uma_zone_t;

uma_zone_t uma_zcreate(const char *name, size_t size, void *ctor, void *dtor,
	    void *init, void *fini, int align, uint32_t flags);
void	*uma_zalloc_arg(uma_zone_t zone, void *arg, int flags);
void	uma_zfree_arg(uma_zone_t zone, void *item, void *arg);

static struct uma_zone zones[4];
static int nzones;
static long alloc_budget = -1;	/* allocations that may still succeed;
				   -1: any */

uma_zone_t
uma_zcreate(const char *name, size_t size, void *ctor, void *dtor,
    void *init, void *fini, int align, uint32_t flags)
{
	ATF_REQUIRE(nzones < 4);
	zones[nzones].name = name;
	zones[nzones].size = size;
	return (&zones[nzones++]);
}

void *
uma_zalloc_arg(uma_zone_t zone, void *arg, int flags)
{
	void *p;

	if (alloc_budget == 0)
		return (NULL);
	if (alloc_budget > 0)
		alloc_budget--;
	p = calloc(1, zone->size);
	ATF_REQUIRE(p != NULL);
	zone->used++;
	zone->requests++;
	return (p);
}

void
uma_zfree_arg(uma_zone_t zone, void *item, void *arg)
{
	ATF_REQUIRE(zone->used > 0);
	memset(item, 0xa5, zone->size);
	free(item);
	zone->used--;
}

static struct uma_zone *
zone_named(const char *name)
{
	int i;

	for (i = 0; i < nzones; i++)
		if (strcmp(zones[i].name, name) == 0)
			return (&zones[i]);
	atf_tc_fail("no zone %s", name);
}

/* --- pmap: a log of the calls --- */

int	pmap_pinit(void *pmap);
void	pmap_release(void *pmap);
void	pmap_remove(void *pmap, uint64_t sva, uint64_t eva);
void	pmap_protect(void *pmap, uint64_t sva, uint64_t eva, int prot);

#define PM_REMOVE	1
#define PM_PROTECT	2
#define PMLOG_MAX	16384

static struct pmcall {
	void		*pmap;
	int		kind;
	uint64_t	sva;
	uint64_t	eva;
	int		prot;
} pmlog[PMLOG_MAX];
static int npmlog;
static int npinit, nrelease;
static bool pinit_fails;
static char fake_pmap[64];	/* the pmap of plain maps */

int
pmap_pinit(void *pmap)
{
	if (pinit_fails)
		return (ENOMEM);
	npinit++;
	return (0);
}

void
pmap_release(void *pmap)
{
	nrelease++;
}

static void
pmlog_add(void *pmap, int kind, uint64_t sva, uint64_t eva, int prot)
{
	ATF_REQUIRE(npmlog < PMLOG_MAX);
	ATF_REQUIRE(sva < eva && sva % PAGE == 0 && eva % PAGE == 0);
	pmlog[npmlog++] = (struct pmcall){ pmap, kind, sva, eva, prot };
}

void
pmap_remove(void *pmap, uint64_t sva, uint64_t eva)
{
	pmlog_add(pmap, PM_REMOVE, sva, eva, 0);
}

void
pmap_protect(void *pmap, uint64_t sva, uint64_t eva, int prot)
{
	pmlog_add(pmap, PM_PROTECT, sva, eva, prot & 0xff);
}

/* --- Objects: the test's own, and the page removals --- */

#define NOBJ	8
static void *objects[NOBJ];	/* named (not anonymous): the test holds
				   one reference on each for good */
static bool expect_onemap[SHIM_NOBJECTS]; /* anonymous objects: whether
				   ONEMAPPING should still be set */
static struct shim_page_remove removes[SHIM_NREMOVES];

static bool
is_base(void *object)
{
	int i;

	for (i = 0; i < NOBJ; i++)
		if (object == objects[i])
			return (true);
	return (false);
}

/* A new anonymous object of pages pages, with the caller's reference. */
static void *
fresh_object(uint64_t pages)
{
	void *o = shim_obj_new(pages, true);

	expect_onemap[shim_obj_index(o)] = true;
	return (o);
}

/* --- Helpers --- */

static bool started;

static void
setup(void)
{
	int i;

	if (!started) {
		shim_vm_map_startup();
		for (i = 0; i < NOBJ; i++)
			objects[i] = shim_obj_new(1024, false);
		started = true;
	}
	alloc_budget = -1;
	npmlog = 0;
	shim_set_max_map_count(SHIM_MAX_MAP_COUNT_DEFAULT);
}

#define CHECK_MAP(map)							\
	ATF_REQUIRE_MSG(shim_map_check(map), "vm_map_check: %s",	\
	    kshim_console)

#define MAXENT	70000
static struct shim_entry ents[MAXENT];

static int
entries(struct vm_map *map)
{
	int n = shim_map_entries(map, ents, MAXENT);

	ATF_REQUIRE(n <= MAXENT);
	return (n);
}

/*
 * Every live object's references = its holders: the test (its own
 * objects), the entries naming it in maps, the objects it backs.  No
 * entry names a dead object.  An anonymous object still promises one
 * mapping per page until it has been mapped a second time.
 */
static void
check_refs(struct vm_map **maps, int nmaps)
{
	static int expect[SHIM_NOBJECTS];
	void *o, *b;
	int i, j, n;

	for (i = 0; i < SHIM_NOBJECTS; i++) {
		o = shim_obj_slot(i);
		expect[i] = o != NULL && is_base(o);
	}
	for (j = 0; j < nmaps; j++) {
		n = entries(maps[j]);
		for (i = 0; i < n; i++) {
			if (ents[i].object == NULL)
				continue;
			ATF_REQUIRE_MSG(shim_obj_live(ents[i].object),
			    "entry %#lx names a dead object", ents[i].start);
			expect[shim_obj_index(ents[i].object)]++;
		}
	}
	for (i = 0; i < SHIM_NOBJECTS; i++) {
		o = shim_obj_slot(i);
		if (o != NULL && (b = shim_obj_backing(o)) != NULL)
			expect[shim_obj_index(b)]++;
	}
	for (i = 0; i < SHIM_NOBJECTS; i++) {
		o = shim_obj_slot(i);
		if (o == NULL)
			continue;
		ATF_REQUIRE_MSG(shim_obj_refs(o) == expect[i],
		    "object %d: %d references, %d expected", i,
		    shim_obj_refs(o), expect[i]);
		if ((shim_obj_flags(o) & SHIM_OBJ_ANON) != 0 &&
		    shim_obj_backing(o) == NULL && shim_obj_shadow_count(o) == 0)
			ATF_REQUIRE_MSG(((shim_obj_flags(o) &
			    SHIM_OBJ_ONEMAPPING) != 0) == expect_onemap[i],
			    "object %d: ONEMAPPING %s", i,
			    expect_onemap[i] ? "lost" : "kept");
	}
}

/*
 * Insert object o (NULL: none).  give: o's reference goes to the map (a
 * fresh object); otherwise one is taken for it.  On failure the map took
 * nothing and that reference is dropped.
 */
static int
insert_o(struct vm_map *map, void *o, bool give, int64_t off,
    uint64_t start, uint64_t end, int prot, int max, int cow)
{
	int error;

	if (o != NULL && !give)
		shim_obj_reference(o);
	error = shim_map_insert(map, o, off, start, end, prot, max, cow);
	if (error != 0 && o != NULL)
		shim_obj_deallocate(o);
	return (error);
}

static int
find_o(struct vm_map *map, void *o, bool give, int64_t off, uint64_t *addr,
    uint64_t len, uint64_t max_addr, int find_space, int prot, int max,
    int cow)
{
	int error;

	if (o != NULL && !give)
		shim_obj_reference(o);
	error = shim_map_find(map, o, off, addr, len, max_addr, find_space,
	    prot, max, cow);
	if (error != 0 && o != NULL)
		shim_obj_deallocate(o);
	return (error);
}

/* The same with the test's object obj (-1: none). */
static int
insert(struct vm_map *map, int obj, int64_t off, uint64_t start,
    uint64_t end, int prot, int max, int cow)
{
	return (insert_o(map, obj >= 0 ? objects[obj] : NULL, false, off,
	    start, end, prot, max, cow));
}

static int
find(struct vm_map *map, int obj, int64_t off, uint64_t *addr,
    uint64_t len, uint64_t max_addr, int find_space, int prot, int max,
    int cow)
{
	return (find_o(map, obj >= 0 ? objects[obj] : NULL, false, off, addr,
	    len, max_addr, find_space, prot, max, cow));
}

/* --- The page model of the random cases --- */

#define NPAGES		4096
#define MIN_ADDR	0x10000ul
#define MAX_ADDR	(MIN_ADDR + NPAGES * PAGE)
#define ADDR(p)		(MIN_ADDR + (uint64_t)(p) * PAGE)
#define PIDX(a)		(((a) - MIN_ADDR) / PAGE)

struct mpage {
	bool		mapped;
	void		*obj;		/* NULL: none */
	int64_t		off;		/* object offset (if obj) */
	uint8_t		prot;
	uint8_t		max;
	uint8_t		inherit;
	int		eflags;
};

static struct mpage model[NPAGES];
static int mprefix[NPAGES + 1];	/* mapped pages below page i */
static bool mprefix_ok;

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (rng_state);
}

static uint64_t
rnd_below(uint64_t n)
{
	return (rnd() % n);
}

static void
model_reset(void)
{
	memset(model, 0, sizeof(model));
	mprefix_ok = false;
}

/* Whether [a, a + len) is inside the test space and unmapped. */
static bool
model_free(uint64_t a, uint64_t len)
{
	int i;

	if (a < MIN_ADDR || a > MAX_ADDR || MAX_ADDR - a < len)
		return (false);
	if (!mprefix_ok) {
		mprefix[0] = 0;
		for (i = 0; i < NPAGES; i++)
			mprefix[i + 1] = mprefix[i] + model[i].mapped;
		mprefix_ok = true;
	}
	return (mprefix[PIDX(a + len)] == mprefix[PIDX(a)]);
}

/* Brute force: the lowest (highest) aligned fit in [lo, hi). */
static int
model_fit(uint64_t lo, uint64_t hi, uint64_t len, uint64_t align,
    bool topdown, uint64_t *addr)
{
	uint64_t a;

	if (len == 0)
		return (EINVAL);
	lo = lo > MIN_ADDR ? lo : MIN_ADDR;
	hi = hi < MAX_ADDR ? hi : MAX_ADDR;
	if (lo >= hi || hi - lo < len)
		return (ENOMEM);
	if (!topdown) {
		for (a = (lo + align - 1) / align * align; a + len <= hi;
		    a += align) {
			if (model_free(a, len)) {
				*addr = a;
				return (0);
			}
		}
	} else {
		for (a = (hi - len) / align * align; a >= lo; a -= align) {
			if (model_free(a, len)) {
				*addr = a;
				return (0);
			}
			if (a < align)
				break;
		}
	}
	return (ENOMEM);
}

static void
model_map(uint64_t start, uint64_t len, void *obj, int64_t off, int prot,
    int max, int cow)
{
	uint64_t p;
	int eflags = 0;

	if (cow & SHIM_COPY_ON_WRITE)
		eflags |= SHIM_ENTRY_COW | SHIM_ENTRY_NEEDS_COPY;
	if (cow & SHIM_DISABLE_COREDUMP)
		eflags |= SHIM_ENTRY_NOCOREDUMP;
	if (cow & SHIM_CREATE_GUARD)
		eflags |= SHIM_ENTRY_GUARD;
	for (p = PIDX(start); p < PIDX(start + len); p++) {
		model[p].mapped = true;
		model[p].obj = obj;
		model[p].off = obj != NULL ? off + (int64_t)((p - PIDX(start)) *
		    PAGE) : 0;
		model[p].prot = (uint8_t)prot;
		model[p].max = (uint8_t)max;
		model[p].inherit = (cow & SHIM_INHERIT_SHARE_COW) ?
		    SHIM_INHERIT_SHARE : SHIM_INHERIT_COPY;
		model[p].eflags = eflags;
	}
	mprefix_ok = false;
}

/*
 * What vm_map_insert's coalescing does with anonymous memory (no object)
 * at start: the entry below grows over it when its object is anonymous,
 * shadows nothing, is not shared past its end, and the attributes match
 * (vm_object_coalesce).  Returns that object, *offp the new pages'
 * offset in it, or NULL (the memory gets no object, and the model's
 * neighbours without objects merge anyway).  Called before the insert:
 * it reads the object as the kernel will find it.
 */
static void *
model_coalesce(uint64_t start, int prot, int max, int cow, int64_t *offp)
{
	struct mpage *m;
	uint64_t next;
	int eflags = 0;
	void *o;

	if (cow & SHIM_COPY_ON_WRITE)
		eflags |= SHIM_ENTRY_COW | SHIM_ENTRY_NEEDS_COPY;
	if (cow & SHIM_DISABLE_COREDUMP)
		eflags |= SHIM_ENTRY_NOCOREDUMP;
	if ((cow & SHIM_CREATE_GUARD) != 0 || start <= MIN_ADDR)
		return (NULL);
	m = &model[PIDX(start) - 1];
	if (!m->mapped || m->obj == NULL || m->eflags != eflags ||
	    m->prot != prot || m->max != max || m->inherit !=
	    ((cow & SHIM_INHERIT_SHARE_COW) ? SHIM_INHERIT_SHARE :
	    SHIM_INHERIT_COPY))
		return (NULL);
	o = m->obj;
	next = (uint64_t)m->off / PAGE + 1;
	if ((shim_obj_flags(o) & SHIM_OBJ_ANON) == 0 ||
	    shim_obj_backing(o) != NULL ||
	    (shim_obj_refs(o) > 1 && shim_obj_size(o) != next &&
	    (shim_obj_flags(o) & SHIM_OBJ_ONEMAPPING) == 0))
		return (NULL);
	*offp = m->off + (int64_t)PAGE;
	return (o);
}

/*
 * After an insert: the pages coalescing removed from object o (NULL:
 * none), those it held from an earlier mapping at the new offsets, must
 * be exactly that range.
 */
static void
check_coalesce_removes(void *o, int64_t off, uint64_t len)
{
	int i, n = shim_page_removes_take(removes, SHIM_NREMOVES);

	for (i = 0; i < n; i++)
		ATF_REQUIRE_MSG(o != NULL && removes[i].object == o &&
		    removes[i].start == (uint64_t)off / PAGE &&
		    removes[i].end == ((uint64_t)off + len) / PAGE,
		    "an insert removed pages %#lx-%#lx of an object",
		    removes[i].start, removes[i].end);
}

/* Page range [*p0, *p1) of [start, end) inside the test space. */
static void
model_span(uint64_t start, uint64_t end, uint64_t *p0, uint64_t *p1)
{
	start = start > MIN_ADDR ? start : MIN_ADDR;
	end = end < MAX_ADDR ? end : MAX_ADDR;
	if (start >= end) {
		*p0 = *p1 = 0;
		return;
	}
	*p0 = PIDX(start);
	*p1 = PIDX(end);
}

/* The whole map against the model. */
static void
compare(struct vm_map *map, uint64_t step)
{
	uint64_t p, next = 0, mapped = 0;
	struct shim_entry *e;
	struct mpage *m;
	int i, n;

	CHECK_MAP(map);
	n = entries(map);
	ATF_REQUIRE_EQ(n, shim_map_nentries(map));
	for (i = 0; i < n; i++) {
		e = &ents[i];
		ATF_REQUIRE_MSG(e->start >= MIN_ADDR && e->end <= MAX_ADDR,
		    "step %lu: entry %#lx-%#lx out of the map", step,
		    e->start, e->end);
		for (p = next; p < PIDX(e->start); p++)
			ATF_REQUIRE_MSG(!model[p].mapped, "step %lu: page %#lx "
			    "should be mapped", step, ADDR(p));
		for (p = PIDX(e->start); p < PIDX(e->end); p++) {
			m = &model[p];
			ATF_REQUIRE_MSG(m->mapped, "step %lu: page %#lx should "
			    "not be mapped", step, ADDR(p));
			ATF_REQUIRE_MSG(e->object == m->obj,
			    "step %lu: page %#lx: wrong object", step,
			    ADDR(p));
			if (m->obj != NULL)
				ATF_REQUIRE_MSG(e->offset + (int64_t)(ADDR(p) -
				    e->start) == m->off, "step %lu: page %#lx: "
				    "offset %#lx, model %#lx", step, ADDR(p),
				    e->offset + (int64_t)(ADDR(p) - e->start),
				    m->off);
			ATF_REQUIRE_MSG(e->prot == m->prot &&
			    e->maxprot == m->max && e->inherit == m->inherit &&
			    e->eflags == m->eflags && e->wired == 0,
			    "step %lu: page %#lx: prot %d/%d inherit %d eflags "
			    "%#x, model %d/%d %d %#x", step, ADDR(p), e->prot,
			    e->maxprot, e->inherit, e->eflags, m->prot, m->max,
			    m->inherit, m->eflags);
			if ((m->eflags & SHIM_ENTRY_GUARD) == 0)
				mapped += PAGE;
		}
		next = PIDX(e->end);
	}
	for (p = next; p < NPAGES; p++)
		ATF_REQUIRE_MSG(!model[p].mapped, "step %lu: page %#lx should "
		    "be mapped", step, ADDR(p));
	ATF_REQUIRE_EQ(shim_map_size(map), mapped);
	check_refs(&map, 1);
}

/*
 * The pmap calls of the last operation: each page of the space was
 * touched at most once, as want[] says (0: not at all; PM_REMOVE; or
 * PM_PROTECT with the protection in wprot[]).
 */
static uint8_t want[NPAGES], wprot[NPAGES], got[NPAGES], gprot[NPAGES];

static void
check_pmap_calls(uint64_t step)
{
	uint64_t p;
	int i;

	memset(got, 0, sizeof(got));
	for (i = 0; i < npmlog; i++) {
		ATF_REQUIRE(pmlog[i].pmap == fake_pmap);
		ATF_REQUIRE(pmlog[i].sva >= MIN_ADDR &&
		    pmlog[i].eva <= MAX_ADDR);
		for (p = PIDX(pmlog[i].sva); p < PIDX(pmlog[i].eva); p++) {
			ATF_REQUIRE_MSG(got[p] == 0, "step %lu: page %#lx: "
			    "two pmap calls", step, ADDR(p));
			got[p] = (uint8_t)pmlog[i].kind;
			gprot[p] = (uint8_t)pmlog[i].prot;
		}
	}
	for (p = 0; p < NPAGES; p++) {
		ATF_REQUIRE_MSG(got[p] == want[p], "step %lu: page %#lx: pmap "
		    "call %d, expected %d", step, ADDR(p), got[p], want[p]);
		if (want[p] == PM_PROTECT)
			ATF_REQUIRE_MSG(gprot[p] == wprot[p], "step %lu: page "
			    "%#lx: pmap_protect %d, expected %d", step,
			    ADDR(p), gprot[p], wprot[p]);
	}
}

/* --- The random operations --- */

enum {
	OP_FIND, OP_INSERT, OP_REMOVE, OP_CLIP, OP_PROTECT, OP_INHERIT,
	OP_MADVISE, OP_SIMPLIFY, OP_FINDSPACE, OP_FINDRANGE, OP_LOOKUP,
	OP_CHECKPROT, NOPS
};
static const char *const op_names[NOPS] = {
	"find", "insert", "remove", "clip", "protect", "inherit", "madvise",
	"simplify", "findspace", "findrange", "lookup", "checkprot"
};

struct rstats {
	long		ops[NOPS];
	long		ok[NOPS];
	double		map_seconds;
	int		max_entries;
	long		mapped_pages_sum;
	long		pages_freed;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

/* A length in pages: mostly short, sometimes long. */
static uint64_t
rnd_len(void)
{
	if (rnd_below(8) == 0)
		return (1 + rnd_below(256));
	return (1 + rnd_below(24));
}

/* A page-aligned address around the test space (some outside it). */
static uint64_t
rnd_addr(void)
{
	return (MIN_ADDR - 4 * PAGE + rnd_below(NPAGES + 8) * PAGE);
}

/* A live anonymous object of the test, at random, or NULL. */
static void *
rnd_fresh(void)
{
	int i, k = (int)rnd_below(SHIM_NOBJECTS);
	void *o;

	for (i = 0; i < SHIM_NOBJECTS; i++) {
		o = shim_obj_slot((k + i) % SHIM_NOBJECTS);
		if (o != NULL && (shim_obj_flags(o) & SHIM_OBJ_ANON) != 0)
			return (o);
	}
	return (NULL);
}

static int
live_objects(void)
{
	int i, n = 0;

	for (i = 0; i < SHIM_NOBJECTS; i++)
		n += shim_obj_slot(i) != NULL;
	return (n);
}

/* The attributes of a new mapping. */
struct attrs {
	void		*obj;		/* NULL: none */
	bool		give;		/* obj is fresh: the map gets its
					   only reference */
	int64_t		off;
	int		prot;
	int		max;
	int		cow;
};

/*
 * Random attributes for len bytes: no object, one of the test's, a
 * fresh anonymous one, or an anonymous one already mapped (a second
 * mapping of it).
 */
static void
rnd_attrs(struct attrs *a, uint64_t len)
{
	int r = (int)rnd_below(6);

	a->max = (int)rnd_below(8);
	a->prot = rnd_below(16) == 0 ? (int)rnd_below(8) :
	    (int)(rnd_below(8) & a->max);
	a->obj = NULL;
	a->give = false;
	a->off = (int64_t)rnd_below(64) * (int64_t)PAGE;
	a->cow = 0;
	if (rnd_below(24) == 0) {
		a->cow = SHIM_CREATE_GUARD;
		a->prot = a->max = 0;
		a->off = 0;
		return;
	}
	if (rnd_below(4) == 0)
		a->cow |= SHIM_COPY_ON_WRITE;
	if (rnd_below(8) == 0)
		a->cow |= SHIM_INHERIT_SHARE_COW;
	if (rnd_below(8) == 0)
		a->cow |= SHIM_DISABLE_COREDUMP;
	if (r == 2 || r == 3) {
		a->obj = objects[rnd_below(NOBJ)];
	} else if (r == 5 && rnd_below(2) == 0 &&
	    (a->obj = rnd_fresh()) != NULL) {
		/* A second mapping: the test's reference goes in. */
	} else if (r >= 4 && live_objects() < SHIM_NOBJECTS - 64) {
		a->obj = fresh_object(len / PAGE);
		a->give = true;
		a->off = 0;
	}
}

/* After a successful insert of a's object. */
static void
attrs_mapped(const struct attrs *a)
{
	if (a->obj != NULL && !a->give &&
	    (shim_obj_flags(a->obj) & SHIM_OBJ_ANON) != 0)
		expect_onemap[shim_obj_index(a->obj)] = false;
}

static int
op_find(struct vm_map *map, bool topdown, struct rstats *st)
{
	uint64_t len = rnd_len() * PAGE, align = PAGE, hint, max_addr, addr,
	    want_addr = 0, hi, start;
	int64_t coff = 0;
	void *cobj;
	struct attrs a;
	int fs = SHIM_VMFS_ANY_SPACE, expect, error, shift;
	double t;

	rnd_attrs(&a, len);
	if (rnd_below(4) == 0) {
		shift = 13 + (int)rnd_below(9);
		fs = SHIM_VMFS_ALIGNED_SPACE(shift);
		align = 1ul << shift;
	}
	hint = rnd_below(2) ? 0 : rnd_addr() + rnd_below(4) * 1024;
	max_addr = rnd_below(4) ? 0 : rnd_addr();
	/* The model of vm_map_find's placement rule. */
	hi = max_addr != 0 && max_addr < MAX_ADDR ? max_addr : MAX_ADDR;
	start = (hint + align - 1) / align * align;
	if (hint != 0 && start >= MIN_ADDR && start < hi && hi - start >= len &&
	    model_free(start, len)) {
		want_addr = start;
		expect = 0;
	} else if (topdown) {
		expect = model_fit(MIN_ADDR, hi, len, align, true, &want_addr);
	} else {
		expect = ENOMEM;
		if (hint > MIN_ADDR)
			expect = model_fit(hint, hi, len, align, false,
			    &want_addr);
		if (expect != 0)
			expect = model_fit(MIN_ADDR, hi, len, align, false,
			    &want_addr);
	}
	if (expect == 0 && (a.prot & ~a.max) != 0)
		expect = EACCES;
	cobj = NULL;
	if (expect == 0 && a.obj == NULL)
		cobj = model_coalesce(want_addr, a.prot, a.max, a.cow, &coff);
	addr = hint;
	t = now();
	(void)shim_page_removes_take(removes, SHIM_NREMOVES);
	error = find_o(map, a.obj, a.give, a.off, &addr, len, max_addr, fs,
	    a.prot, a.max, a.cow);
	st->map_seconds += now() - t;
	ATF_REQUIRE_MSG(error == expect, "find %#lx hint %#lx align %#lx max "
	    "%#lx: error %d, expected %d", len, hint, align, max_addr, error,
	    expect);
	if (error == 0) {
		ATF_REQUIRE_MSG(addr == want_addr, "find %#lx hint %#lx align "
		    "%#lx max %#lx: at %#lx, expected %#lx (%s)", len, hint,
		    align, max_addr, addr, want_addr,
		    topdown ? "top-down" : "bottom-up");
		check_coalesce_removes(cobj, coff, len);
		model_map(addr, len, cobj != NULL ? cobj : a.obj,
		    cobj != NULL ? coff : a.off, a.prot, a.max, a.cow);
		attrs_mapped(&a);
	}
	return (error);
}

static int
op_insert(struct vm_map *map, struct rstats *st)
{
	uint64_t start = rnd_addr(), len = rnd_len() * PAGE;
	int64_t coff = 0;
	void *cobj;
	struct attrs a;
	int expect, error;
	double t;

	rnd_attrs(&a, len);
	if (start < MIN_ADDR || start + len > MAX_ADDR)
		expect = EINVAL;
	else if ((a.prot & ~a.max) != 0)
		expect = EACCES;
	else if (!model_free(start, len))
		expect = EEXIST;
	else
		expect = 0;
	cobj = NULL;
	if (expect == 0 && a.obj == NULL)
		cobj = model_coalesce(start, a.prot, a.max, a.cow, &coff);
	(void)shim_page_removes_take(removes, SHIM_NREMOVES);
	t = now();
	error = insert_o(map, a.obj, a.give, a.off, start, start + len, a.prot,
	    a.max, a.cow);
	st->map_seconds += now() - t;
	ATF_REQUIRE_MSG(error == expect, "insert %#lx-%#lx: error %d, expected "
	    "%d", start, start + len, error, expect);
	if (error == 0) {
		check_coalesce_removes(cobj, coff, len);
		model_map(start, len, cobj != NULL ? cobj : a.obj,
		    cobj != NULL ? coff : a.off, a.prot, a.max, a.cow);
		attrs_mapped(&a);
	}
	return (error);
}

/*
 * Unmap a random range.  Besides the model and the pmap calls: each page
 * freed from an object (vm_object_page_remove) was unmapped just now
 * from an object promising one mapping per page, and every such page
 * was freed, or its object died with its last mapping.
 */
static int
op_remove(struct vm_map *map, struct rstats *st)
{
	static struct {
		void	*obj;
		int64_t	pindex;
		bool	onemap;
		bool	freed;
	} gone[NPAGES];
	uint64_t start = rnd_addr(), end = start + rnd_len() * PAGE, p, p0,
	    p1, x;
	int error, i, k, n, ngone = 0;
	double t;

	memset(want, 0, sizeof(want));
	model_span(start, end, &p0, &p1);
	for (p = p0; p < p1; p++) {
		if (model[p].mapped &&
		    (model[p].eflags & SHIM_ENTRY_GUARD) == 0)
			want[p] = PM_REMOVE;
		if (model[p].mapped && model[p].obj != NULL) {
			gone[ngone].obj = model[p].obj;
			gone[ngone].pindex = model[p].off / (int64_t)PAGE;
			gone[ngone].onemap = (shim_obj_flags(model[p].obj) &
			    SHIM_OBJ_ONEMAPPING) != 0;
			gone[ngone].freed = false;
			ngone++;
		}
		model[p].mapped = false;
	}
	mprefix_ok = false;
	t = now();
	error = shim_map_remove(map, start, end);
	st->map_seconds += now() - t;
	ATF_REQUIRE_EQ(error, 0);
	n = shim_page_removes_take(removes, SHIM_NREMOVES);
	for (i = 0; i < n; i++) {
		ATF_REQUIRE(removes[i].options == SHIM_OBJPR_NOTMAPPED);
		for (x = removes[i].start; x < removes[i].end; x++) {
			for (k = 0; k < ngone; k++)
				if (gone[k].obj == removes[i].object &&
				    gone[k].pindex == (int64_t)x && !gone[k].freed)
					break;
			ATF_REQUIRE_MSG(k < ngone, "page %lu of object %d freed "
			    "but not unmapped here", x,
			    shim_obj_index(removes[i].object));
			ATF_REQUIRE_MSG(gone[k].onemap, "page %lu of object %d "
			    "freed, but it may be mapped elsewhere", x,
			    shim_obj_index(removes[i].object));
			gone[k].freed = true;
		}
	}
	for (k = 0; k < ngone; k++)
		ATF_REQUIRE_MSG(!gone[k].onemap || gone[k].freed ||
		    !shim_obj_live(gone[k].obj), "page %ld of object %d "
		    "unmapped, unreachable, but kept", gone[k].pindex,
		    shim_obj_index(gone[k].obj));
	st->pages_freed += n;
	return (error);
}

/* Clip at a random page: the map's meaning must not change. */
static int
op_clip(struct vm_map *map, struct rstats *st)
{
	uint64_t addr = MIN_ADDR + rnd_below(NPAGES) * PAGE;
	struct shim_entry e;
	bool found, at_end = rnd_below(2);
	int before = shim_map_nentries(map), error;
	double t;

	found = shim_map_lookup(map, at_end ? addr - 1 : addr, &e);
	t = now();
	error = at_end ? shim_map_clip_end(map, addr) :
	    shim_map_clip_start(map, addr);
	st->map_seconds += now() - t;
	if (!found) {
		ATF_REQUIRE_EQ(error, -1);
		return (error);
	}
	ATF_REQUIRE_EQ(error, 0);
	ATF_REQUIRE_EQ(shim_map_nentries(map), before +
	    (e.start < addr && addr < e.end));
	return (0);
}

static int
op_protect(struct vm_map *map, struct rstats *st)
{
	uint64_t start = rnd_addr(), end = start + rnd_len() * PAGE, p, p0,
	    p1;
	int prot = (int)rnd_below(8), expect = 0, error;
	bool set_max = rnd_below(8) == 0;
	double t;

	memset(want, 0, sizeof(want));
	model_span(start, end, &p0, &p1);
	for (p = p0; p < p1; p++)
		if (model[p].mapped &&
		    (model[p].eflags & SHIM_ENTRY_GUARD) == 0 &&
		    (prot & ~model[p].max) != 0)
			expect = EACCES;
	t = now();
	error = shim_map_protect(map, start, end, prot, set_max);
	st->map_seconds += now() - t;
	ATF_REQUIRE_MSG(error == expect, "protect %#lx-%#lx %d: error %d, "
	    "expected %d", start, end, prot, error, expect);
	if (error != 0)
		return (error);
	for (p = p0; p < p1; p++) {
		struct mpage *m = &model[p];
		int old = m->prot;

		if (!m->mapped || (m->eflags & SHIM_ENTRY_GUARD) != 0)
			continue;
		if (set_max) {
			m->max = (uint8_t)prot;
			m->prot = (uint8_t)(prot & old);
		} else {
			m->prot = (uint8_t)prot;
		}
		if ((old & ~m->prot) != 0) {
			want[p] = PM_PROTECT;
			wprot[p] = m->prot;
		}
	}
	return (0);
}

/* Set bits, or the inheritance, of every non-guard page of a range. */
static void
model_change(uint64_t start, uint64_t end, int clear, int set, int inherit)
{
	uint64_t p, p0, p1;

	model_span(start, end, &p0, &p1);
	for (p = p0; p < p1; p++) {
		if (!model[p].mapped ||
		    (model[p].eflags & SHIM_ENTRY_GUARD) != 0)
			continue;
		model[p].eflags = (model[p].eflags & ~clear) | set;
		if (inherit >= 0)
			model[p].inherit = (uint8_t)inherit;
	}
}

static int
op_inherit(struct vm_map *map, struct rstats *st)
{
	uint64_t start = rnd_addr(), end = start + rnd_len() * PAGE;
	int inh = (int)rnd_below(4), error;
	double t;

	t = now();
	error = shim_map_inherit(map, start, end, inh);
	st->map_seconds += now() - t;
	if (inh > SHIM_INHERIT_NONE) {
		ATF_REQUIRE_EQ(error, EINVAL);
		return (error);
	}
	ATF_REQUIRE_EQ(error, 0);
	model_change(start, end, 0, 0, inh);
	return (0);
}

static int
op_madvise(struct vm_map *map, struct rstats *st)
{
	static const struct {
		int	behav;
		int	clear;
		int	set;
	} advice[] = {
		{ SHIM_MADV_NORMAL, SHIM_ENTRY_BEHAV_MASK, 0 },
		{ SHIM_MADV_RANDOM, SHIM_ENTRY_BEHAV_MASK,
		    SHIM_ENTRY_BEHAV_RANDOM },
		{ SHIM_MADV_SEQUENTIAL, SHIM_ENTRY_BEHAV_MASK,
		    SHIM_ENTRY_BEHAV_SEQUENTIAL },
		{ SHIM_MADV_NOCORE, 0, SHIM_ENTRY_NOCOREDUMP },
		{ SHIM_MADV_CORE, SHIM_ENTRY_NOCOREDUMP, 0 },
		{ SHIM_MADV_DONTFORK, 0, SHIM_ENTRY_NOFORK },
		{ SHIM_MADV_DOFORK, SHIM_ENTRY_NOFORK, 0 },
		{ SHIM_MADV_WILLNEED, 0, 0 },
		{ SHIM_MADV_DONTNEED, 0, 0 },
		{ SHIM_MADV_FREE, 0, 0 },
		{ 77, -1, -1 },
	};
	uint64_t start = rnd_addr(), end = start + rnd_len() * PAGE;
	int i = (int)rnd_below(sizeof(advice) / sizeof(advice[0])), error;
	double t;

	t = now();
	error = shim_map_madvise(map, start, end, advice[i].behav);
	st->map_seconds += now() - t;
	if (advice[i].set < 0) {
		ATF_REQUIRE_EQ(error, EINVAL);
		return (error);
	}
	ATF_REQUIRE_EQ(error, 0);
	model_change(start, end, advice[i].clear, advice[i].set, -1);
	return (0);
}

static int
op_simplify(struct vm_map *map, struct rstats *st)
{
	uint64_t addr = MIN_ADDR + rnd_below(NPAGES) * PAGE;
	double t;
	bool found;

	t = now();
	found = shim_map_simplify(map, addr);
	st->map_seconds += now() - t;
	ATF_REQUIRE_EQ(found, model[PIDX(addr)].mapped);
	return (found ? 0 : -1);
}

static int
op_findspace(struct vm_map *map, struct rstats *st)
{
	uint64_t start = rnd_addr(), len = rnd_len() * PAGE, addr, want_addr;
	int expect, error;
	double t;

	expect = model_fit(start, MAX_ADDR, len, PAGE, false, &want_addr);
	t = now();
	error = shim_map_findspace(map, start, len, &addr);
	st->map_seconds += now() - t;
	ATF_REQUIRE_EQ(error, expect);
	if (error == 0)
		ATF_REQUIRE_MSG(addr == want_addr, "findspace %#lx from %#lx: "
		    "%#lx, expected %#lx", len, start, addr, want_addr);
	return (error);
}

static int
op_findrange(struct vm_map *map, struct rstats *st)
{
	uint64_t lo = rnd_addr(), hi = rnd_addr(), len = rnd_len() * PAGE,
	    align = 1ul << (12 + rnd_below(10)), addr, want_addr;
	bool topdown = rnd_below(2);
	int expect, error;
	double t;

	if (rnd_below(2))
		hi = MAX_ADDR + PAGE;
	expect = model_fit(lo, hi, len, align, topdown, &want_addr);
	t = now();
	error = shim_map_findspace_range(map, lo, hi, len, align, topdown,
	    &addr);
	st->map_seconds += now() - t;
	ATF_REQUIRE_MSG(error == expect, "findrange %#lx in %#lx-%#lx align "
	    "%#lx: error %d, expected %d", len, lo, hi, align, error, expect);
	if (error == 0)
		ATF_REQUIRE_MSG(addr == want_addr, "findrange %#lx in %#lx-%#lx "
		    "align %#lx %s: %#lx, expected %#lx", len, lo, hi, align,
		    topdown ? "top-down" : "bottom-up", addr, want_addr);
	return (error);
}

static int
op_lookup(struct vm_map *map, struct rstats *st)
{
	uint64_t addr = MIN_ADDR + rnd_below(NPAGES * PAGE), p;
	struct shim_entry e;
	bool found;
	double t;

	t = now();
	found = shim_map_lookup(map, addr, &e);
	st->map_seconds += now() - t;
	ATF_REQUIRE_EQ(found, model[PIDX(addr)].mapped);
	if (found) {
		ATF_REQUIRE(e.start <= addr && addr < e.end);
		return (0);
	}
	/* The entry below: nothing mapped between it and addr. */
	ATF_REQUIRE(e.end <= addr);
	for (p = PIDX(e.end); p <= PIDX(addr); p++)
		ATF_REQUIRE(!model[p].mapped);
	if (e.end > MIN_ADDR)
		ATF_REQUIRE(model[PIDX(e.end) - 1].mapped);
	return (-1);
}

static int
op_checkprot(struct vm_map *map, struct rstats *st)
{
	uint64_t start = MIN_ADDR + rnd_below(NPAGES) * PAGE,
	    end = start + rnd_len() * PAGE, p;
	int prot = (int)rnd_below(8);
	bool expect = end <= MAX_ADDR, got;
	double t;

	for (p = PIDX(start); expect && p < PIDX(end); p++)
		if (!model[p].mapped || (model[p].prot & prot) != prot)
			expect = false;
	t = now();
	got = shim_map_check_protection(map, start, end, prot);
	st->map_seconds += now() - t;
	ATF_REQUIRE_EQ(got, expect);
	return (got ? 0 : -1);
}

static void
random_run(bool topdown, uint64_t seed, long nops)
{
	struct vm_map *map;
	struct rstats st;
	uint64_t p;
	double t0;
	long step, mapped;
	int op, error, fill;

	setup();
	memset(&st, 0, sizeof(st));
	rng_state = seed;
	model_reset();
	map = shim_map_create(MIN_ADDR, MAX_ADDR, topdown, fake_pmap);
	t0 = now();
	for (step = 0; step < nops; step++) {
		npmlog = 0;
		memset(want, 0, sizeof(want));
		/* Keep the space between a quarter and four fifths full. */
		fill = (int)(shim_map_size(map) * 100 / (NPAGES * PAGE));
		op = (int)rnd_below(100);
		if (op < (fill < 25 ? 40 : fill > 80 ? 5 : 22))
			op = OP_FIND;
		else if (op < 30)
			op = OP_INSERT;
		else if (op < (fill > 80 ? 60 : 42))
			op = OP_REMOVE;
		else
			op = OP_CLIP + (int)rnd_below(NOPS - OP_CLIP);
		switch (op) {
		case OP_FIND:
			error = op_find(map, topdown, &st);
			break;
		case OP_INSERT:
			error = op_insert(map, &st);
			break;
		case OP_REMOVE:
			error = op_remove(map, &st);
			break;
		case OP_CLIP:
			error = op_clip(map, &st);
			break;
		case OP_PROTECT:
			error = op_protect(map, &st);
			break;
		case OP_INHERIT:
			error = op_inherit(map, &st);
			break;
		case OP_MADVISE:
			error = op_madvise(map, &st);
			break;
		case OP_SIMPLIFY:
			error = op_simplify(map, &st);
			break;
		case OP_FINDSPACE:
			error = op_findspace(map, &st);
			break;
		case OP_FINDRANGE:
			error = op_findrange(map, &st);
			break;
		case OP_LOOKUP:
			error = op_lookup(map, &st);
			break;
		default:
			error = op_checkprot(map, &st);
			break;
		}
		st.ops[op]++;
		if (error == 0)
			st.ok[op]++;
		if (op != OP_REMOVE)
			ATF_REQUIRE_EQ(shim_page_removes_take(removes,
			    SHIM_NREMOVES), 0);
		check_pmap_calls((uint64_t)step);
		compare(map, (uint64_t)step);
		if (shim_map_nentries(map) > st.max_entries)
			st.max_entries = shim_map_nentries(map);
		for (p = 0, mapped = 0; p < NPAGES; p++)
			mapped += model[p].mapped;
		st.mapped_pages_sum += mapped;
	}
	printf("vm_map random %s: %ld operations in %.2f s (%.3f s in vm_map, "
	    "%.2f us per operation); entries up to %d, %ld%% of pages "
	    "mapped on average, %ld page removals\n",
	    topdown ? "top-down" : "bottom-up", nops, now() - t0,
	    st.map_seconds, st.map_seconds * 1e6 / (double)nops,
	    st.max_entries, st.mapped_pages_sum * 100 / (nops * NPAGES),
	    st.pages_freed);
	for (op = 0; op < NOPS; op++)
		printf("  %-10s %6ld (%ld succeeded)\n", op_names[op],
		    st.ops[op], st.ok[op]);
	for (op = 0; op < NOPS; op++)
		ATF_CHECK_MSG(st.ok[op] > nops / 500, "too few successful %s",
		    op_names[op]);
	shim_map_destroy(map);
	check_refs(NULL, 0);
	ATF_REQUIRE_EQ(zone_named("MAP ENTRY")->used, 0);
}

ATF_TC_WITHOUT_HEAD(map__random_bottomup);
ATF_TC_BODY(map__random_bottomup, tc)
{
	random_run(false, 0x9e3779b97f4a7c15ull, 100000);
}

ATF_TC_WITHOUT_HEAD(map__random_topdown);
ATF_TC_BODY(map__random_topdown, tc)
{
	random_run(true, 0xd1b54a32d192ed03ull, 100000);
}

/* --- Targeted cases --- */

#define BASE	0x100000ul
#define TOP	0x40000000ul	/* 1 GiB: a map of [BASE, TOP) */
#define P(n)	((uint64_t)(n) * PAGE)

static struct vm_map *
new_map(bool topdown)
{
	setup();
	return (shim_map_create(BASE, TOP, topdown, fake_pmap));
}

static void
done(struct vm_map *map)
{
	shim_map_destroy(map);
	check_refs(NULL, 0);
	ATF_REQUIRE_EQ(zone_named("MAP ENTRY")->used, 0);
}

/* "Partial munmap splitting one entry into three": the middle hole. */
ATF_TC_WITHOUT_HEAD(map__delete_middle_hole);
ATF_TC_BODY(map__delete_middle_hole, tc)
{
	struct vm_map *map = new_map(false);
	struct shim_entry e;

	ATF_REQUIRE_EQ(insert(map, 0, P(100), BASE, BASE + P(16), RW, RWX,
	    SHIM_COPY_ON_WRITE), 0);
	npmlog = 0;
	ATF_REQUIRE_EQ(shim_map_remove(map, BASE + P(4), BASE + P(8)), 0);
	CHECK_MAP(map);
	ATF_REQUIRE_EQ(entries(map), 2);
	ATF_CHECK(ents[0].start == BASE && ents[0].end == BASE + P(4) &&
	    ents[0].offset == (int64_t)P(100));
	ATF_CHECK(ents[1].start == BASE + P(8) && ents[1].end == BASE + P(16) &&
	    ents[1].offset == (int64_t)P(108));
	ATF_CHECK(ents[0].object == objects[0] &&
	    ents[1].object == objects[0]);
	ATF_CHECK_EQ(shim_obj_refs(objects[0]), 3);
	ATF_CHECK_EQ(shim_map_size(map), P(12));
	/* Exactly the hole left the page tables. */
	ATF_REQUIRE_EQ(npmlog, 1);
	ATF_CHECK(pmlog[0].kind == PM_REMOVE && pmlog[0].sva == BASE + P(4) &&
	    pmlog[0].eva == BASE + P(8));
	/* The hole is free, and lookup there finds the left piece below. */
	ATF_CHECK(!shim_map_lookup(map, BASE + P(5), &e));
	ATF_CHECK(e.start == BASE && e.end == BASE + P(4));
	/* Three pieces when the middle changes instead of going. */
	ATF_REQUIRE_EQ(insert(map, -1, 0, BASE + P(4), BASE + P(8), R, RWX,
	    0), 0);
	ATF_CHECK_EQ(entries(map), 3);
	check_refs(&map, 1);
	done(map);
}

/* Protect splits an entry; protecting back merges it again. */
ATF_TC_WITHOUT_HEAD(map__protect_split_and_merge);
ATF_TC_BODY(map__protect_split_and_merge, tc)
{
	struct vm_map *map = new_map(false);

	ATF_REQUIRE_EQ(insert(map, 1, 0, BASE, BASE + P(16), RW, RWX, 0), 0);
	npmlog = 0;
	ATF_REQUIRE_EQ(shim_map_protect(map, BASE + P(4), BASE + P(8), R,
	    false), 0);
	CHECK_MAP(map);
	ATF_REQUIRE_EQ(entries(map), 3);
	ATF_CHECK(ents[0].prot == RW && ents[1].prot == R &&
	    ents[2].prot == RW);
	ATF_CHECK(ents[1].offset == (int64_t)P(4) &&
	    ents[2].offset == (int64_t)P(8));
	ATF_CHECK_EQ(shim_obj_refs(objects[1]), 4);
	ATF_REQUIRE_EQ(npmlog, 1);
	ATF_CHECK(pmlog[0].kind == PM_PROTECT && pmlog[0].prot == R &&
	    pmlog[0].sva == BASE + P(4) && pmlog[0].eva == BASE + P(8));
	/* Raising rights does not touch the page tables (faults do it). */
	npmlog = 0;
	ATF_REQUIRE_EQ(shim_map_protect(map, BASE + P(4), BASE + P(8), RW,
	    false), 0);
	ATF_CHECK_EQ(npmlog, 0);
	CHECK_MAP(map);
	ATF_REQUIRE_EQ(entries(map), 1);
	ATF_CHECK(ents[0].start == BASE && ents[0].end == BASE + P(16) &&
	    ents[0].offset == 0);
	ATF_CHECK_EQ(shim_obj_refs(objects[1]), 2);
	/* Beyond max_protection: EACCES, nothing changes. */
	ATF_REQUIRE_EQ(shim_map_protect(map, BASE, BASE + P(2), RW, true), 0);
	ATF_REQUIRE_EQ(shim_map_protect(map, BASE, BASE + P(16), RWX, false),
	    EACCES);
	ATF_REQUIRE_EQ(entries(map), 2);
	ATF_CHECK(ents[0].maxprot == RW && ents[1].maxprot == RWX &&
	    ents[1].prot == RW);
	/* set_max keeps only the rights the new maximum allows. */
	ATF_REQUIRE_EQ(shim_map_protect(map, BASE, BASE + P(16), R, true), 0);
	ATF_REQUIRE_EQ(entries(map), 1);
	ATF_CHECK(ents[0].prot == R && ents[0].maxprot == R);
	ATF_CHECK_EQ(shim_map_protect(map, BASE, BASE + P(1), 8, false),
	    EINVAL);
	done(map);
}

/* Compatible neighbours merge at insert; incompatible ones do not. */
ATF_TC_WITHOUT_HEAD(map__merge_rules);
ATF_TC_BODY(map__merge_rules, tc)
{
	struct vm_map *map = new_map(false);
	uint64_t a = BASE;

	/* Anonymous, without object: merge whatever the offsets. */
	ATF_REQUIRE_EQ(insert(map, -1, 0, a, a + P(2), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(insert(map, -1, P(77), a + P(2), a + P(4), RW, RWX, 0),
	    0);
	ATF_REQUIRE_EQ(entries(map), 1);
	/* Same object, contiguous offsets: merge, one reference dropped. */
	a = BASE + P(100);
	ATF_REQUIRE_EQ(insert(map, 2, P(10), a, a + P(2), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(insert(map, 2, P(12), a + P(2), a + P(3), RW, RWX, 0),
	    0);
	ATF_REQUIRE_EQ(entries(map), 2);
	ATF_CHECK_EQ(shim_obj_refs(objects[2]), 2);
	/* Filling the hole between two pieces merges all three. */
	ATF_REQUIRE_EQ(insert(map, 2, P(14), a + P(4), a + P(5), RW, RWX, 0),
	    0);
	ATF_REQUIRE_EQ(entries(map), 3);
	ATF_REQUIRE_EQ(insert(map, 2, P(13), a + P(3), a + P(4), RW, RWX, 0),
	    0);
	ATF_REQUIRE_EQ(entries(map), 2);
	ATF_CHECK(ents[1].start == a && ents[1].end == a + P(5) &&
	    ents[1].offset == (int64_t)P(10));
	ATF_CHECK_EQ(shim_obj_refs(objects[2]), 2);
	/* Not contiguous, another object, other rights or flags: apart. */
	a = BASE + P(200);
	ATF_REQUIRE_EQ(insert(map, 3, 0, a, a + P(1), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(insert(map, 3, P(5), a + P(1), a + P(2), RW, RWX, 0),
	    0);
	ATF_REQUIRE_EQ(insert(map, 4, P(2), a + P(2), a + P(3), RW, RWX, 0),
	    0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(3), a + P(4), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(4), a + P(5), R, RWX, 0), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(5), a + P(6), R, R, 0), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(6), a + P(7), R, R,
	    SHIM_COPY_ON_WRITE), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(7), a + P(8), R, R,
	    SHIM_COPY_ON_WRITE | SHIM_INHERIT_SHARE_COW), 0);
	ATF_REQUIRE_EQ(entries(map), 2 + 8);
	/* Stacks and their gaps keep their bounds; plain guards merge. */
	a = BASE + P(300);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a, a + P(1), 0, 0,
	    SHIM_CREATE_STACK_GAP_DN), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(1), a + P(2), 0, 0,
	    SHIM_CREATE_STACK_GAP_DN), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(2), a + P(3), RW, RW,
	    SHIM_STACK_GROWS_DOWN), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(3), a + P(4), RW, RW,
	    SHIM_STACK_GROWS_DOWN), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(5), a + P(6), 0, 0,
	    SHIM_CREATE_GUARD), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(6), a + P(7), 0, 0,
	    SHIM_CREATE_GUARD), 0);
	ATF_REQUIRE_EQ(entries(map), 10 + 5);
	ATF_CHECK(ents[10].eflags == (SHIM_ENTRY_GUARD |
	    SHIM_ENTRY_STACK_GAP_DN) && ents[12].eflags == SHIM_ENTRY_GROWS_DOWN);
	ATF_CHECK_EQ(ents[14].end - ents[14].start, P(2));
	/* Guards are no mapped memory; a guard with rights is refused. */
	ATF_CHECK_EQ(shim_map_size(map), P(4) + P(5) + P(8) + P(2));
	ATF_CHECK_EQ(insert(map, -1, 0, a + P(8), a + P(9), R, R,
	    SHIM_CREATE_GUARD), EINVAL);
	ATF_CHECK_EQ(insert(map, 5, 0, a + P(8), a + P(9), 0, 0,
	    SHIM_CREATE_GUARD), EINVAL);
	/* mprotect over a stack and its gap leaves the gap whole. */
	ATF_REQUIRE_EQ(shim_map_protect(map, a, a + P(3), R, false), 0);
	ATF_REQUIRE_EQ(entries(map), 15);
	ATF_CHECK(ents[10].prot == 0 && ents[12].prot == R &&
	    ents[13].prot == RW);
	/* Nor does a change that starts or ends inside a gap split it. */
	a = BASE + P(400);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a, a + P(4), 0, 0,
	    SHIM_CREATE_STACK_GAP_DN), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(4), a + P(8), RW, RW,
	    SHIM_STACK_GROWS_DOWN), 0);
	ATF_REQUIRE_EQ(shim_map_protect(map, a + P(2), a + P(6), R, false), 0);
	ATF_REQUIRE_EQ(shim_map_madvise(map, a + P(1), a + P(5),
	    SHIM_MADV_DONTFORK), 0);
	ATF_REQUIRE_EQ(shim_map_inherit(map, a + P(3), a + P(5),
	    SHIM_INHERIT_NONE), 0);
	ATF_REQUIRE_EQ(entries(map), 15 + 4);
	ATF_CHECK(ents[15].start == a && ents[15].end == a + P(4) &&
	    ents[15].eflags == (SHIM_ENTRY_GUARD | SHIM_ENTRY_STACK_GAP_DN) &&
	    ents[15].inherit == SHIM_INHERIT_COPY);
	ATF_CHECK(ents[16].end == a + P(5) && ents[16].prot == R &&
	    ents[16].inherit == SHIM_INHERIT_NONE &&
	    ents[16].eflags == (SHIM_ENTRY_GROWS_DOWN | SHIM_ENTRY_NOFORK));
	ATF_CHECK(ents[17].end == a + P(6) && ents[17].prot == R);
	ATF_CHECK(ents[18].end == a + P(8) && ents[18].prot == RW);
	CHECK_MAP(map);
	check_refs(&map, 1);
	/* vm_map_simplify_entry on an already-simple map changes nothing. */
	ATF_CHECK(shim_map_simplify(map, BASE + P(200)));
	ATF_CHECK_EQ(entries(map), 19);
	done(map);
}

/*
 * Anonymous memory inserted right after an entry whose object is
 * anonymous grows that entry, and the object with it (vm_object_coalesce:
 * brk); pages the object still holds there from an earlier mapping are
 * removed.  Not after a file's object, a shadow, a shared object not at
 * its end, other rights, or a copy-on-write entry.
 */
ATF_TC_WITHOUT_HEAD(map__coalesce_anon_object);
ATF_TC_BODY(map__coalesce_anon_object, tc)
{
	struct vm_map *map = new_map(false);
	uint64_t a = BASE;
	void *o = fresh_object(2), *s = fresh_object(4), *sh;
	int i;

	ATF_REQUIRE_EQ(insert_o(map, o, true, 0, a, a + P(2), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(2), a + P(5), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(entries(map), 1);
	ATF_CHECK(ents[0].start == a && ents[0].end == a + P(5) &&
	    ents[0].object == o);
	ATF_CHECK_EQ(shim_obj_size(o), 5);
	ATF_CHECK_EQ(shim_map_size(map), P(5));
	/* A hole punched in it, then filled: the object still holds pages
	   there (the hole kept its size), which are removed first; the
	   three pieces are one entry again. */
	ATF_REQUIRE_EQ(shim_map_remove(map, a + P(3), a + P(4)), 0);
	ATF_REQUIRE_EQ(entries(map), 2);
	(void)shim_page_removes_take(removes, SHIM_NREMOVES); /* munmap's */
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(3), a + P(4), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(entries(map), 1);
	ATF_CHECK(ents[0].start == a && ents[0].end == a + P(5) &&
	    ents[0].object == o);
	i = shim_page_removes_take(removes, SHIM_NREMOVES);
	ATF_CHECK(i == 1 && removes[0].object == o &&
	    removes[0].start == 3 && removes[0].end == 4);
	ATF_CHECK_EQ(shim_obj_size(o), 5);
	/* Other rights, or copy-on-write: apart. */
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(5), a + P(6), R, RWX, 0), 0);
	ATF_REQUIRE_EQ(entries(map), 2);
	a = BASE + P(50);
	ATF_REQUIRE_EQ(insert_o(map, s, true, 0, a, a + P(4), RW, RWX,
	    SHIM_COPY_ON_WRITE), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(4), a + P(5), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(entries(map), 4);
	ATF_CHECK_EQ(shim_obj_size(s), 4);
	/* A file's object is never grown. */
	a = BASE + P(100);
	ATF_REQUIRE_EQ(insert(map, 1, 0, a, a + P(2), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(2), a + P(3), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(entries(map), 6);
	ATF_CHECK_EQ(shim_obj_size(objects[1]), 1024);
	/* A shadow: its pages past the end could show the backing's. */
	a = BASE + P(200);
	sh = fresh_object(2);
	ATF_REQUIRE_EQ(insert_o(map, sh, true, 0, a, a + P(2), RW, RWX, 0), 0);
	shim_obj_set_backing(sh, fresh_object(8));
	ATF_REQUIRE_EQ(insert(map, -1, 0, a + P(2), a + P(3), RW, RWX, 0), 0);
	ATF_REQUIRE_EQ(entries(map), 8);
	ATF_CHECK_EQ(shim_obj_size(sh), 2);
	CHECK_MAP(map);
	check_refs(&map, 1);
	done(map);
}

/* Fill the map: findspace and find fail with ENOMEM, then reuse holes. */
ATF_TC_WITHOUT_HEAD(map__findspace_exhaustion);
ATF_TC_BODY(map__findspace_exhaustion, tc)
{
	struct vm_map *map;
	uint64_t addr, top = BASE + P(1000);
	int i, n = 0;

	setup();
	map = shim_map_create(BASE, top, false, fake_pmap);
	for (i = 0; ; i++) {
		addr = 0;
		/* Alternating rights, so that nothing merges. */
		if (find(map, -1, 0, &addr, P(7), 0, SHIM_VMFS_ANY_SPACE,
		    i % 2 ? R : RW, RW, 0) != 0)
			break;
		n++;
	}
	ATF_REQUIRE_EQ(n, 1000 / 7);
	ATF_CHECK_EQ(shim_map_findspace(map, BASE, P(7), &addr), ENOMEM);
	ATF_CHECK_EQ(shim_map_findspace(map, BASE, P(6), &addr), 0);
	ATF_CHECK_EQ(addr, BASE + P(7 * n));
	ATF_CHECK_EQ(shim_map_findspace(map, BASE, 0, &addr), EINVAL);
	/* Whole-map length, and more than the map. */
	ATF_CHECK_EQ(shim_map_findspace(map, BASE, P(1000), &addr), ENOMEM);
	ATF_CHECK_EQ(shim_map_findspace(map, BASE, P(1001), &addr), ENOMEM);
	addr = 0;
	ATF_CHECK_EQ(find(map, -1, 0, &addr, P(7), 0, SHIM_VMFS_ANY_SPACE, R,
	    R, 0), ENOMEM);
	/* Punch a hole: the next find of its size lands there. */
	ATF_REQUIRE_EQ(shim_map_remove(map, BASE + P(70), BASE + P(77)), 0);
	ATF_CHECK_EQ(shim_map_findspace(map, BASE, P(7), &addr), 0);
	ATF_CHECK_EQ(addr, BASE + P(70));
	ATF_CHECK_EQ(shim_map_findspace(map, BASE + P(71), P(7), &addr),
	    ENOMEM);
	addr = 0;
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(7), 0, SHIM_VMFS_ANY_SPACE,
	    R, R, 0), 0);
	ATF_CHECK_EQ(addr, BASE + P(70));
	CHECK_MAP(map);
	done(map);
}

/* vm.max_map_count: every operation that adds entries is bounded. */
ATF_TC_WITHOUT_HEAD(map__max_map_count);
ATF_TC_BODY(map__max_map_count, tc)
{
	struct vm_map *map = new_map(false);
	struct shim_entry before[8];
	uint64_t addr;
	int i;

	shim_set_max_map_count(8);
	for (i = 0; i < 8; i++)
		ATF_REQUIRE_EQ(insert(map, -1, 0, BASE + P(10 * i),
		    BASE + P(10 * i + 4), RW, RW, 0), 0);
	ATF_CHECK_EQ(insert(map, -1, 0, BASE + P(100), BASE + P(104), RW, RW,
	    0), ENOMEM);
	addr = 0;
	ATF_CHECK_EQ(find(map, -1, 0, &addr, P(1), 0, SHIM_VMFS_ANY_SPACE, R,
	    R, 0), ENOMEM);
	/* Counted before merging, as Linux counts. */
	ATF_CHECK_EQ(insert(map, -1, 0, BASE + P(4), BASE + P(5), RW, RW, 0),
	    ENOMEM);
	ATF_REQUIRE_EQ(entries(map), 8);
	memcpy(before, ents, sizeof(before));
	/* A hole inside an entry, or a split to protect: refused whole. */
	ATF_CHECK_EQ(shim_map_remove(map, BASE + P(1), BASE + P(2)), ENOMEM);
	ATF_CHECK_EQ(shim_map_protect(map, BASE + P(1), BASE + P(2), R,
	    false), ENOMEM);
	ATF_CHECK_EQ(shim_map_protect(map, BASE + P(3), BASE + P(11), R,
	    false), ENOMEM);
	ATF_CHECK_EQ(shim_map_inherit(map, BASE + P(1), BASE + P(4),
	    SHIM_INHERIT_NONE), ENOMEM);
	ATF_CHECK_EQ(shim_map_madvise(map, BASE, BASE + P(2),
	    SHIM_MADV_DONTFORK), ENOMEM);
	ATF_REQUIRE_EQ(entries(map), 8);
	ATF_CHECK(memcmp(before, ents, sizeof(before)) == 0);
	/* Changes that split nothing, or shrink the map, still work. */
	ATF_CHECK_EQ(shim_map_protect(map, BASE, BASE + P(14), R, false), 0);
	ATF_CHECK_EQ(shim_map_remove(map, BASE + P(2), BASE + P(12)), 0);
	ATF_CHECK_EQ(entries(map), 8);
	ATF_CHECK_EQ(shim_map_remove(map, BASE + P(20), BASE + P(24)), 0);
	ATF_CHECK_EQ(shim_map_remove(map, BASE + P(31), BASE + P(32)), 0);
	ATF_CHECK_EQ(entries(map), 8);
	CHECK_MAP(map);
	shim_set_max_map_count(SHIM_MAX_MAP_COUNT_DEFAULT);
	done(map);
}

/*
 * The default limit, at scale: 65530 one-page entries with one-page gaps
 * (so nothing merges), then ENOMEM; searches through the full tree.
 */
ATF_TC_WITHOUT_HEAD(map__max_map_count_default);
ATF_TC_BODY(map__max_map_count_default, tc)
{
	struct vm_map *map;
	uint64_t addr, top = BASE + P(2 * 65536), last;
	double t0, t_fill, t_find, t_free;
	int i, n = SHIM_MAX_MAP_COUNT_DEFAULT;

	setup();
	map = shim_map_create(BASE, top, true, fake_pmap);
	t0 = now();
	for (i = 0; i < n; i++)
		ATF_REQUIRE_EQ(insert(map, -1, 0, BASE + P(2 * i),
		    BASE + P(2 * i + 1), R, R, 0), 0);
	t_fill = now() - t0;
	ATF_REQUIRE_EQ(shim_map_nentries(map), n);
	CHECK_MAP(map);
	ATF_CHECK_EQ(insert(map, -1, 0, top - P(1), top, R, R, 0), ENOMEM);
	addr = 0;
	ATF_CHECK_EQ(find(map, -1, 0, &addr, P(1), 0, SHIM_VMFS_ANY_SPACE, R,
	    R, 0), ENOMEM);
	/* Two free pages: only above the last entry. */
	last = BASE + P(2 * (n - 1) + 1);
	t0 = now();
	for (i = 0; i < 10000; i++) {
		ATF_REQUIRE_EQ(shim_map_findspace(map, BASE + P(2 * i), P(2),
		    &addr), 0);
		ATF_REQUIRE_EQ(addr, last);
		ATF_REQUIRE_EQ(shim_map_findspace(map, BASE + P(2 * i), P(1),
		    &addr), 0);
		ATF_REQUIRE_EQ(addr, BASE + P(2 * i + 1));
		ATF_REQUIRE_EQ(shim_map_findspace_range(map, BASE,
		    BASE + P(2 * (n - 1)), P(1), PAGE, true, &addr), 0);
		ATF_REQUIRE_EQ(addr, BASE + P(2 * (n - 1) - 1));
	}
	t_find = now() - t0;
	t0 = now();
	for (i = 0; i < n; i++) {
		npmlog = 0;
		ATF_REQUIRE_EQ(shim_map_remove(map, BASE + P(2 * i),
		    BASE + P(2 * i + 1)), 0);
	}
	t_free = now() - t0;
	ATF_REQUIRE_EQ(shim_map_nentries(map), 0);
	printf("%d entries: inserted in %.3f s, 30000 searches in %.3f s, "
	    "removed in %.3f s\n", n, t_fill, t_find, t_free);
	done(map);
}

/* Alignment: VMFS_ALIGNED_SPACE and vm_map_findspace_range. */
ATF_TC_WITHOUT_HEAD(map__alignment);
ATF_TC_BODY(map__alignment, tc)
{
	struct vm_map *map;
	uint64_t addr, sp = 1ul << 21;
	int i, td;

	for (td = 0; td < 2; td++) {
		map = new_map(td);
		/* A page at BASE so the bottom is not aligned. */
		ATF_REQUIRE_EQ(insert(map, -1, 0, BASE, BASE + P(1), R, R, 0),
		    0);
		for (i = 0; i < 20; i++) {
			addr = 0;
			ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(3), 0,
			    SHIM_VMFS_ALIGNED_SPACE(21), i % 2 ? R : RW, RW,
			    0), 0);
			ATF_CHECK_EQ(addr % sp, 0);
			ATF_CHECK(td ? addr == TOP - sp * (uint64_t)(i + 1) :
			    addr == sp * (uint64_t)(i + 1));
		}
		/* An unaligned free hint is rounded up to the alignment. */
		addr = TOP / 2 + P(5);
		ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(1), 0,
		    SHIM_VMFS_ALIGNED_SPACE(21), R, R, 0), 0);
		ATF_CHECK_EQ(addr, TOP / 2 + sp);
		/* Bad alignments. */
		ATF_CHECK_EQ(find(map, -1, 0, &addr, P(1), 0,
		    SHIM_VMFS_ALIGNED_SPACE(11), R, R, 0), EINVAL);
		ATF_CHECK_EQ(find(map, -1, 0, &addr, P(1), 0,
		    SHIM_VMFS_ALIGNED_SPACE(64), R, R, 0), EINVAL);
		ATF_CHECK_EQ(find(map, -1, 0, &addr, P(1), 0,
		    SHIM_VMFS_ALIGNED_SPACE(21) | 2, R, R, 0), EINVAL);
		/* A range too narrow for an aligned fit. */
		ATF_CHECK_EQ(shim_map_findspace_range(map, sp * 30 + PAGE,
		    sp * 31 + PAGE, P(2), sp, td, &addr), ENOMEM);
		ATF_CHECK_EQ(shim_map_findspace_range(map, sp * 30 + PAGE,
		    sp * 32 + PAGE, P(2), sp, td, &addr), 0);
		ATF_CHECK_EQ(addr, sp * 31);
		CHECK_MAP(map);
		done(map);
	}
}

/* Hints: taken when free, otherwise the map's search direction. */
ATF_TC_WITHOUT_HEAD(map__hints);
ATF_TC_BODY(map__hints, tc)
{
	struct vm_map *map;
	uint64_t addr, mid = BASE + P(5000);

	/* Top-down (Linux's layout). */
	map = new_map(true);
	ATF_CHECK(shim_map_topdown(map));
	addr = mid;
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    RW, RW, 0), 0);
	ATF_CHECK_EQ(addr, mid);
	addr = mid + P(2);	/* overlaps: the top of the map instead */
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    R, R, 0), 0);
	ATF_CHECK_EQ(addr, TOP - P(4));
	addr = 0;
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    RW, RW, 0), 0);
	ATF_CHECK_EQ(addr, TOP - P(8));
	addr = 0;		/* below max_addr */
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), mid + P(2),
	    SHIM_VMFS_ANY_SPACE, R, R, 0), 0);
	ATF_CHECK_EQ(addr, mid - P(4));
	addr = TOP - P(2);	/* a hint running off the top is no use */
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    RW, RW, 0), 0);
	ATF_CHECK_EQ(addr, TOP - P(12));
	addr = TOP - P(13);	/* a hint that just fits below max_addr */
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(1), TOP - P(12),
	    SHIM_VMFS_ANY_SPACE, R, R, 0), 0);
	ATF_CHECK_EQ(addr, TOP - P(13));
	ATF_REQUIRE_EQ(shim_map_remove(map, addr, addr + P(1)), 0);
	addr = BASE - P(1);	/* below the map */
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    R, R, 0), 0);
	ATF_CHECK_EQ(addr, TOP - P(16));
	/* VMFS_NO_SPACE: exactly there or EEXIST. */
	addr = mid + P(1);
	ATF_CHECK_EQ(find(map, -1, 0, &addr, P(1), 0, SHIM_VMFS_NO_SPACE, R, R,
	    0), EEXIST);
	addr = mid + P(8);
	ATF_CHECK_EQ(find(map, -1, 0, &addr, P(1), 0, SHIM_VMFS_NO_SPACE, R, R,
	    0), 0);
	ATF_CHECK_EQ(addr, mid + P(8));
	addr = ~0ul & ~(PAGE - 1);
	ATF_CHECK_EQ(find(map, -1, 0, &addr, P(2), 0, SHIM_VMFS_NO_SPACE, R, R,
	    0), EINVAL);
	CHECK_MAP(map);
	done(map);

	/* Bottom-up (FreeBSD's): from the hint up, then from the bottom. */
	map = new_map(false);
	addr = mid;
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    RW, RW, 0), 0);
	ATF_CHECK_EQ(addr, mid);
	addr = mid + P(1);
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    R, R, 0), 0);
	ATF_CHECK_EQ(addr, mid + P(4));
	addr = TOP - P(2);
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    RW, RW, 0), 0);
	ATF_CHECK_EQ(addr, BASE);
	addr = 0;
	ATF_REQUIRE_EQ(find(map, -1, 0, &addr, P(4), 0, SHIM_VMFS_ANY_SPACE,
	    R, R, 0), 0);
	ATF_CHECK_EQ(addr, BASE + P(4));
	CHECK_MAP(map);
	done(map);
}

ATF_TC_WITHOUT_HEAD(map__insert_errors);
ATF_TC_BODY(map__insert_errors, tc)
{
	struct vm_map *map = new_map(false);
	long used;

	ATF_REQUIRE_EQ(insert(map, 0, 0, BASE + P(10), BASE + P(20), RW, RW,
	    0), 0);
	ATF_CHECK_EQ(insert(map, 0, 0, BASE - P(1), BASE + P(1), R, R, 0),
	    EINVAL);
	ATF_CHECK_EQ(insert(map, 0, 0, TOP - P(1), TOP + P(1), R, R, 0),
	    EINVAL);
	ATF_CHECK_EQ(insert(map, 0, 0, BASE + P(1), BASE + P(1), R, R, 0),
	    EINVAL);
	ATF_CHECK_EQ(insert(map, 0, 0, BASE, BASE + P(1), RW, R, 0), EACCES);
	ATF_CHECK_EQ(insert(map, 0, 0, BASE + P(5), BASE + P(11), R, R, 0),
	    EEXIST);
	ATF_CHECK_EQ(insert(map, 0, 0, BASE + P(12), BASE + P(13), R, R, 0),
	    EEXIST);
	ATF_CHECK_EQ(insert(map, 0, 0, BASE + P(19), BASE + P(30), R, R, 0),
	    EEXIST);
	ATF_CHECK_EQ(insert(map, 0, 0, BASE, BASE + P(30), R, R, 0), EEXIST);
	/* No memory for the entry: ENOMEM and no trace. */
	used = zone_named("MAP ENTRY")->used;
	alloc_budget = 0;
	ATF_CHECK_EQ(insert(map, 0, 0, BASE, BASE + P(1), R, R, 0), ENOMEM);
	alloc_budget = -1;
	ATF_CHECK_EQ(zone_named("MAP ENTRY")->used, used);
	ATF_CHECK_EQ(entries(map), 1);
	ATF_CHECK_EQ(insert(map, 0, P(10), BASE + P(20), BASE + P(21), RW, RW,
	    0), 0);
	ATF_CHECK_EQ(entries(map), 1);
	CHECK_MAP(map);
	check_refs(&map, 1);
	done(map);
}

/* Clipping needs memory: when it runs out, no operation leaves a trace. */
ATF_TC_WITHOUT_HEAD(map__alloc_failure_no_trace);
ATF_TC_BODY(map__alloc_failure_no_trace, tc)
{
	struct shim_entry before[4];
	struct vm_map *map = new_map(false);
	long budget, used;
	int n, error;

	ATF_REQUIRE_EQ(insert(map, 5, P(3), BASE, BASE + P(10), RW, RW, 0), 0);
	ATF_REQUIRE_EQ(insert(map, 6, 0, BASE + P(10), BASE + P(20), R, R, 0),
	    0);
	ATF_REQUIRE_EQ(entries(map), 2);
	memcpy(before, ents, 2 * sizeof(ents[0]));
	used = zone_named("MAP ENTRY")->used;
	for (budget = 0; budget < 2; budget++) {
		/* The first clip fails, or the second after the first. */
		alloc_budget = budget;
		npmlog = 0;
		error = shim_map_remove(map, BASE + P(2), BASE + P(4));
		ATF_CHECK_EQ(error, ENOMEM);
		alloc_budget = budget;
		ATF_CHECK_EQ(shim_map_protect(map, BASE + P(5), BASE + P(15),
		    R, false), ENOMEM);
		alloc_budget = budget;
		ATF_CHECK_EQ(shim_map_madvise(map, BASE + P(1), BASE + P(19),
		    SHIM_MADV_DONTFORK), ENOMEM);
		alloc_budget = -1;
		ATF_CHECK_EQ(npmlog, 0);
		n = entries(map);
		ATF_REQUIRE_EQ(n, 2);
		ATF_CHECK(memcmp(before, ents, sizeof(before[0]) * 2) == 0);
		ATF_CHECK_EQ(zone_named("MAP ENTRY")->used, used);
		check_refs(&map, 1);
		CHECK_MAP(map);
	}
	/* With memory, the same operations work. */
	ATF_CHECK_EQ(shim_map_remove(map, BASE + P(2), BASE + P(4)), 0);
	ATF_CHECK_EQ(entries(map), 3);
	done(map);
}

/* Lookup at the edges of entries and of the map. */
ATF_TC_WITHOUT_HEAD(map__lookup);
ATF_TC_BODY(map__lookup, tc)
{
	struct vm_map *map = new_map(false);
	struct shim_entry e;

	ATF_CHECK(!shim_map_lookup(map, BASE, &e));
	ATF_CHECK(e.start == BASE && e.end == BASE);
	ATF_REQUIRE_EQ(insert(map, -1, 0, BASE + P(2), BASE + P(4), R, R, 0),
	    0);
	ATF_REQUIRE_EQ(insert(map, -1, 0, BASE + P(6), BASE + P(8), RW, RW,
	    0), 0);
	ATF_CHECK(!shim_map_lookup(map, BASE + P(2) - 1, &e));
	ATF_CHECK(e.start == BASE && e.end == BASE);
	ATF_CHECK(shim_map_lookup(map, BASE + P(2), &e));
	ATF_CHECK(e.start == BASE + P(2));
	ATF_CHECK(shim_map_lookup(map, BASE + P(4) - 1, &e));
	ATF_CHECK(e.start == BASE + P(2));
	ATF_CHECK(!shim_map_lookup(map, BASE + P(4), &e));
	ATF_CHECK(e.start == BASE + P(2));
	ATF_CHECK(!shim_map_lookup(map, TOP - 1, &e));
	ATF_CHECK(e.start == BASE + P(6));
	ATF_CHECK(shim_map_check_protection(map, BASE + P(2), BASE + P(4), R));
	ATF_CHECK(!shim_map_check_protection(map, BASE + P(2), BASE + P(7),
	    0));
	ATF_CHECK(!shim_map_check_protection(map, BASE + P(6), BASE + P(7),
	    RWX));
	done(map);
}

ATF_TC_WITHOUT_HEAD(map__inherit_madvise);
ATF_TC_BODY(map__inherit_madvise, tc)
{
	struct vm_map *map = new_map(false);

	ATF_REQUIRE_EQ(insert(map, 0, 0, BASE, BASE + P(12), RW, RW, 0), 0);
	ATF_REQUIRE_EQ(shim_map_inherit(map, BASE + P(4), BASE + P(8),
	    SHIM_INHERIT_NONE), 0);
	ATF_REQUIRE_EQ(entries(map), 3);
	ATF_CHECK(ents[0].inherit == SHIM_INHERIT_COPY &&
	    ents[1].inherit == SHIM_INHERIT_NONE &&
	    ents[2].inherit == SHIM_INHERIT_COPY);
	ATF_CHECK_EQ(shim_map_inherit(map, BASE, BASE + P(1), 7), EINVAL);
	ATF_REQUIRE_EQ(shim_map_inherit(map, BASE, BASE + P(12),
	    SHIM_INHERIT_SHARE), 0);
	ATF_REQUIRE_EQ(entries(map), 1);
	ATF_REQUIRE_EQ(shim_map_madvise(map, BASE + P(2), BASE + P(3),
	    SHIM_MADV_DONTFORK), 0);
	ATF_REQUIRE_EQ(entries(map), 3);
	ATF_CHECK_EQ(ents[1].eflags, SHIM_ENTRY_NOFORK);
	ATF_REQUIRE_EQ(shim_map_madvise(map, BASE, BASE + P(12),
	    SHIM_MADV_NOCORE), 0);
	ATF_REQUIRE_EQ(entries(map), 3);
	ATF_CHECK_EQ(ents[1].eflags, SHIM_ENTRY_NOFORK | SHIM_ENTRY_NOCOREDUMP);
	ATF_REQUIRE_EQ(shim_map_madvise(map, BASE, BASE + P(12),
	    SHIM_MADV_DOFORK), 0);
	ATF_REQUIRE_EQ(entries(map), 1);
	ATF_CHECK_EQ(ents[0].eflags, SHIM_ENTRY_NOCOREDUMP);
	ATF_REQUIRE_EQ(shim_map_madvise(map, BASE, BASE + P(6),
	    SHIM_MADV_SEQUENTIAL), 0);
	ATF_REQUIRE_EQ(shim_map_madvise(map, BASE + P(3), BASE + P(12),
	    SHIM_MADV_RANDOM), 0);
	ATF_REQUIRE_EQ(entries(map), 2);
	ATF_CHECK(ents[0].end == BASE + P(3) &&
	    (ents[0].eflags & SHIM_ENTRY_BEHAV_MASK) ==
	    SHIM_ENTRY_BEHAV_SEQUENTIAL &&
	    (ents[1].eflags & SHIM_ENTRY_BEHAV_MASK) ==
	    SHIM_ENTRY_BEHAV_RANDOM);
	/* The page-level advice is a hook for now: accepted, no change. */
	ATF_CHECK_EQ(shim_map_madvise(map, BASE, BASE + P(12),
	    SHIM_MADV_DONTNEED), 0);
	ATF_CHECK_EQ(shim_map_madvise(map, BASE, BASE + P(12),
	    SHIM_MADV_WILLNEED), 0);
	ATF_CHECK_EQ(shim_map_madvise(map, BASE, BASE + P(12), 99), EINVAL);
	ATF_CHECK_EQ(entries(map), 2);
	check_refs(&map, 1);
	done(map);
}

/* The timestamp moves with every exclusive locking. */
ATF_TC_WITHOUT_HEAD(map__timestamp);
ATF_TC_BODY(map__timestamp, tc)
{
	struct vm_map *map = new_map(false);
	struct shim_entry e;
	unsigned int t;

	t = shim_map_timestamp(map);
	(void)shim_map_lookup(map, BASE, &e);
	ATF_CHECK_EQ(shim_map_timestamp(map), t);
	ATF_REQUIRE_EQ(insert(map, -1, 0, BASE, BASE + P(1), R, R, 0), 0);
	ATF_CHECK(shim_map_timestamp(map) != t);
	t = shim_map_timestamp(map);
	ATF_REQUIRE_EQ(shim_map_remove(map, BASE, BASE + P(1)), 0);
	ATF_CHECK(shim_map_timestamp(map) != t);
	done(map);
}

/* vm_map_check finds a wrong gap. */
ATF_TC_WITHOUT_HEAD(map__check_detects_corruption);
ATF_TC_BODY(map__check_detects_corruption, tc)
{
	struct vm_map *map = new_map(false);
	int i;

	for (i = 0; i < 50; i++)
		ATF_REQUIRE_EQ(insert(map, -1, 0, BASE + P(3 * i),
		    BASE + P(3 * i + 1), R, R, 0), 0);
	CHECK_MAP(map);
	kshim_console_len = 0;
	kshim_console[0] = '\0';
	shim_map_corrupt_gap(map, BASE + P(3 * 20));
	ATF_CHECK(!shim_map_check(map));
	ATF_CHECK(strstr(kshim_console, "adj_free") != NULL ||
	    strstr(kshim_console, "max_free") != NULL);
	shim_map_uncorrupt_gap(map, BASE + P(3 * 20));
	CHECK_MAP(map);
	done(map);
}

/*
 * Fork: SHARE shares (making the object, or the pending shadow, first),
 * COPY becomes copy-on-write, NONE and DONTFORK stay behind.
 */
ATF_TC_WITHOUT_HEAD(vmspace__fork);
ATF_TC_BODY(vmspace__fork, tc)
{
	struct vmspace *vm1, *vm2;
	struct vm_map *m1, *m2, *maps[2];
	struct shim_entry e1[10], e2[10];
	void *pm1, *pm2, *shadow;
	int i, n1, n2, released;

	setup();
	vm1 = shim_vmspace_alloc(BASE, TOP);
	ATF_REQUIRE(vm1 != NULL);
	m1 = shim_vmspace_map(vm1);
	pm1 = shim_vmspace_pmap(vm1);
	ATF_CHECK(shim_map_topdown(m1));
	/*
	 * a: COPY with object, writable; b: SHARE; c: NONE; d: DONTFORK;
	 * e: COPY without object; f: a guard; g: COPY, read-only;
	 * h: SHARE without object; i: SHARE, copy-on-write, copy pending.
	 */
	ATF_REQUIRE_EQ(insert(m1, 0, 0, BASE + P(0), BASE + P(4), RW, RWX, 0),
	    0);
	ATF_REQUIRE_EQ(insert(m1, 1, 0, BASE + P(4), BASE + P(8), RW, RW,
	    SHIM_INHERIT_SHARE_COW), 0);
	ATF_REQUIRE_EQ(insert(m1, 2, 0, BASE + P(10), BASE + P(12), RW, RW,
	    0), 0);
	ATF_REQUIRE_EQ(shim_map_inherit(m1, BASE + P(10), BASE + P(12),
	    SHIM_INHERIT_NONE), 0);
	ATF_REQUIRE_EQ(insert(m1, 3, 0, BASE + P(14), BASE + P(16), RW, RW,
	    0), 0);
	ATF_REQUIRE_EQ(shim_map_madvise(m1, BASE + P(14), BASE + P(16),
	    SHIM_MADV_DONTFORK), 0);
	ATF_REQUIRE_EQ(insert(m1, -1, 0, BASE + P(20), BASE + P(22), RW, RW,
	    0), 0);
	ATF_REQUIRE_EQ(insert(m1, -1, 0, BASE + P(22), BASE + P(23), 0, 0,
	    SHIM_CREATE_GUARD), 0);
	ATF_REQUIRE_EQ(insert(m1, 4, 0, BASE + P(30), BASE + P(31), R, RW, 0),
	    0);
	ATF_REQUIRE_EQ(insert(m1, -1, 0, BASE + P(40), BASE + P(42), RW, RW,
	    SHIM_INHERIT_SHARE_COW), 0);
	ATF_REQUIRE_EQ(insert(m1, 5, P(6), BASE + P(50), BASE + P(52), RW, RW,
	    SHIM_INHERIT_SHARE_COW | SHIM_COPY_ON_WRITE), 0);
	npmlog = 0;
	vm2 = shim_vmspace_fork(vm1);
	ATF_REQUIRE(vm2 != NULL);
	m2 = shim_vmspace_map(vm2);
	pm2 = shim_vmspace_pmap(vm2);
	ATF_CHECK(pm1 != pm2 && shim_map_topdown(m2));
	CHECK_MAP(m1);
	CHECK_MAP(m2);
	n1 = shim_map_entries(m1, e1, 10);
	n2 = shim_map_entries(m2, e2, 10);
	ATF_REQUIRE_EQ(n1, 9);
	ATF_REQUIRE_EQ(n2, 7);
	/* The child: a, b, e, f, g, h, i, same ranges and objects. */
	ATF_CHECK(e2[0].start == e1[0].start && e2[0].object == objects[0]);
	ATF_CHECK(e2[1].start == e1[1].start && e2[1].object == objects[1]);
	ATF_CHECK(e2[2].start == e1[4].start && e2[2].object == NULL);
	ATF_CHECK(e2[3].start == e1[5].start &&
	    e2[3].eflags == SHIM_ENTRY_GUARD);
	ATF_CHECK(e2[4].start == e1[6].start && e2[4].object == objects[4]);
	ATF_CHECK(e2[5].start == e1[7].start && e2[5].object == e1[7].object);
	ATF_CHECK(e2[6].start == e1[8].start && e2[6].object == e1[8].object);
	/* COPY entries with objects: copy-on-write on both sides. */
	ATF_CHECK(e1[0].eflags == (SHIM_ENTRY_COW | SHIM_ENTRY_NEEDS_COPY) &&
	    e1[6].eflags == (SHIM_ENTRY_COW | SHIM_ENTRY_NEEDS_COPY) &&
	    e1[1].eflags == 0 && e1[4].eflags == 0 && e1[7].eflags == 0);
	ATF_CHECK(e2[0].eflags == (SHIM_ENTRY_COW | SHIM_ENTRY_NEEDS_COPY) &&
	    e2[1].eflags == 0 && e2[2].eflags == 0 &&
	    e2[4].eflags == (SHIM_ENTRY_COW | SHIM_ENTRY_NEEDS_COPY));
	ATF_CHECK(e2[0].prot == RW && e2[0].maxprot == RWX &&
	    e2[1].inherit == SHIM_INHERIT_SHARE);
	/* h got an anonymous object, now mapped twice. */
	ATF_REQUIRE(e1[7].object != NULL);
	ATF_CHECK(e1[7].offset == 0 && shim_obj_refs(e1[7].object) == 2 &&
	    shim_obj_size(e1[7].object) == 2);
	ATF_CHECK_EQ(shim_obj_flags(e1[7].object), SHIM_OBJ_ANON);
	/* i got its shadow: shared from now on, no copy pending. */
	shadow = e1[8].object;
	ATF_REQUIRE(shadow != NULL && shadow != objects[5]);
	ATF_CHECK(shim_obj_backing(shadow) == objects[5]);
	ATF_CHECK(e1[8].offset == 0 && e1[8].eflags == SHIM_ENTRY_COW &&
	    e2[6].eflags == SHIM_ENTRY_COW);
	ATF_CHECK_EQ(shim_obj_refs(shadow), 2);
	ATF_CHECK_EQ(shim_obj_flags(shadow), SHIM_OBJ_ANON);
	/* Only the parent's writable COPY entry lost write access. */
	ATF_REQUIRE_EQ(npmlog, 1);
	ATF_CHECK(pmlog[0].pmap == pm1 && pmlog[0].kind == PM_PROTECT &&
	    pmlog[0].sva == BASE && pmlog[0].eva == BASE + P(4) &&
	    pmlog[0].prot == R);
	ATF_CHECK_EQ(shim_map_size(m2), P(4 + 4 + 2 + 1 + 2 + 2));
	maps[0] = m1;
	maps[1] = m2;
	check_refs(maps, 2);
	ATF_CHECK_EQ(shim_obj_refs(objects[0]), 3);
	ATF_CHECK_EQ(shim_obj_refs(objects[2]), 2);
	ATF_CHECK_EQ(shim_obj_refs(objects[5]), 2);
	/* A second fork: nothing left to protect, make or shadow. */
	npmlog = 0;
	shim_vmspace_free(shim_vmspace_fork(vm1));
	ATF_CHECK_EQ(npmlog, 6);	/* the teardown's removes only */
	ATF_CHECK(shim_map_entries(m1, e2, 10) == 9 && e2[8].object == shadow);
	/* Freeing the child: its mappings leave its page tables. */
	released = nrelease;
	npmlog = 0;
	shim_vmspace_free(vm2);
	ATF_CHECK_EQ(nrelease, released + 1);
	for (i = 0; i < npmlog; i++)
		ATF_CHECK(pmlog[i].pmap == pm2 && pmlog[i].kind == PM_REMOVE);
	ATF_CHECK_EQ(npmlog, 6);	/* not the guard */
	check_refs(&m1, 1);
	/* References: the last free tears down. */
	shim_vmspace_ref(vm1);
	shim_vmspace_free(vm1);
	ATF_CHECK_EQ(nrelease, released + 1);
	shim_vmspace_free(vm1);
	ATF_CHECK_EQ(nrelease, released + 2);
	check_refs(NULL, 0);
	ATF_CHECK(!shim_obj_live(shadow));
	ATF_CHECK_EQ(shim_obj_refs(objects[5]), 1);
	ATF_CHECK_EQ(zone_named("MAP ENTRY")->used, 0);
	ATF_CHECK_EQ(zone_named("VMSPACE")->used, 0);
}

/*
 * Unmapping part of an object that promises one mapping per page frees
 * those pages at once (and the object's tail); a second mapping of the
 * object withdraws the promise.
 */
ATF_TC_WITHOUT_HEAD(map__unmap_frees_unreachable_pages);
ATF_TC_BODY(map__unmap_frees_unreachable_pages, tc)
{
	struct vm_map *map = new_map(false);
	void *o = fresh_object(16);
	int n;

	ATF_REQUIRE_EQ(insert_o(map, o, true, 0, BASE, BASE + P(16), RW, RW,
	    0), 0);
	ATF_CHECK_EQ(shim_obj_flags(o), SHIM_OBJ_ANON | SHIM_OBJ_ONEMAPPING);
	(void)shim_page_removes_take(removes, SHIM_NREMOVES);
	ATF_REQUIRE_EQ(shim_map_remove(map, BASE + P(4), BASE + P(8)), 0);
	n = shim_page_removes_take(removes, SHIM_NREMOVES);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK(removes[0].object == o && removes[0].start == 4 &&
	    removes[0].end == 8 && removes[0].options == SHIM_OBJPR_NOTMAPPED);
	ATF_CHECK_EQ(shim_obj_size(o), 16);
	/* The end of the object: its size shrinks too. */
	ATF_REQUIRE_EQ(shim_map_remove(map, BASE + P(12), BASE + P(16)), 0);
	n = shim_page_removes_take(removes, SHIM_NREMOVES);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK(removes[0].start == 12 && removes[0].end == 16);
	ATF_CHECK_EQ(shim_obj_size(o), 12);
	ATF_CHECK_EQ(shim_obj_refs(o), 2);
	/* Mapped a second time: the pages may be seen twice, keep them. */
	ATF_REQUIRE_EQ(insert_o(map, o, false, 0, BASE + P(100),
	    BASE + P(102), R, R, 0), 0);
	ATF_CHECK_EQ(shim_obj_flags(o), SHIM_OBJ_ANON);
	ATF_REQUIRE_EQ(shim_map_remove(map, BASE, BASE + P(4)), 0);
	ATF_CHECK_EQ(shim_page_removes_take(removes, SHIM_NREMOVES), 0);
	/* The last mapping goes: the object goes, nothing to free first. */
	ATF_REQUIRE_EQ(shim_map_remove(map, BASE, TOP), 0);
	ATF_CHECK_EQ(shim_page_removes_take(removes, SHIM_NREMOVES), 0);
	ATF_CHECK(!shim_obj_live(o));
	done(map);
}

/* A fork that runs out of memory returns NULL and leaves nothing. */
ATF_TC_WITHOUT_HEAD(vmspace__fork_no_memory);
ATF_TC_BODY(vmspace__fork_no_memory, tc)
{
	struct vmspace *vm1, *vm2;
	struct vm_map *m1;
	long budget;
	int i;

	setup();
	vm1 = shim_vmspace_alloc(BASE, TOP);
	ATF_REQUIRE(vm1 != NULL);
	m1 = shim_vmspace_map(vm1);
	for (i = 0; i < 6; i++)
		ATF_REQUIRE_EQ(insert(m1, i, 0, BASE + P(2 * i),
		    BASE + P(2 * i + 1), RW, RW, 0), 0);
	for (budget = 0; budget < 7; budget++) {
		alloc_budget = budget;
		vm2 = shim_vmspace_fork(vm1);
		alloc_budget = -1;
		ATF_CHECK(vm2 == NULL);
		check_refs(&m1, 1);
		ATF_CHECK_EQ(zone_named("MAP ENTRY")->used, 6);
		ATF_CHECK_EQ(zone_named("VMSPACE")->used, 1);
	}
	pinit_fails = true;
	ATF_CHECK(shim_vmspace_fork(vm1) == NULL);
	ATF_CHECK(shim_vmspace_alloc(BASE, TOP) == NULL);
	pinit_fails = false;
	ATF_CHECK_EQ(zone_named("VMSPACE")->used, 1);
	vm2 = shim_vmspace_fork(vm1);
	ATF_REQUIRE(vm2 != NULL);
	shim_vmspace_free(vm2);
	shim_vmspace_free(vm1);
	check_refs(NULL, 0);
	ATF_CHECK_EQ(zone_named("MAP ENTRY")->used, 0);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, map__random_bottomup);
	ATF_TP_ADD_TC(tp, map__random_topdown);
	ATF_TP_ADD_TC(tp, map__delete_middle_hole);
	ATF_TP_ADD_TC(tp, map__protect_split_and_merge);
	ATF_TP_ADD_TC(tp, map__merge_rules);
	ATF_TP_ADD_TC(tp, map__coalesce_anon_object);
	ATF_TP_ADD_TC(tp, map__findspace_exhaustion);
	ATF_TP_ADD_TC(tp, map__max_map_count);
	ATF_TP_ADD_TC(tp, map__max_map_count_default);
	ATF_TP_ADD_TC(tp, map__alignment);
	ATF_TP_ADD_TC(tp, map__hints);
	ATF_TP_ADD_TC(tp, map__insert_errors);
	ATF_TP_ADD_TC(tp, map__alloc_failure_no_trace);
	ATF_TP_ADD_TC(tp, map__lookup);
	ATF_TP_ADD_TC(tp, map__inherit_madvise);
	ATF_TP_ADD_TC(tp, map__timestamp);
	ATF_TP_ADD_TC(tp, map__check_detects_corruption);
	ATF_TP_ADD_TC(tp, map__unmap_frees_unreachable_pages);
	ATF_TP_ADD_TC(tp, vmspace__fork);
	ATF_TP_ADD_TC(tp, vmspace__fork_no_memory);
	return (atf_no_error());
}
