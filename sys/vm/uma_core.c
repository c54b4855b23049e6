/*
 * uma_core.c: the zone (slab) allocator, in the manner of FreeBSD's UMA,
 * without per-CPU caches (see below).
 *
 * A zone (struct uma_zone, vm/uma_int.h) keeps its slabs on three lists:
 * partly free, wholly free and full.  An allocation takes the first free
 * item (a bit set in the slab's bitmap) of a partly free slab, else of a
 * wholly free one, else of a new slab.  A free clears nothing but the
 * item's bit; when that makes the slab wholly free and the zone already
 * holds a wholly free slab, the slab goes back to the page allocator
 * (one spare slab per zone damps alloc/free cycles at a slab boundary);
 * uma_reclaim gives back the spares too.
 *
 * Slab layout (zone_layout), for an item stride rsize (the size rounded
 * up to the alignment, at least UMA_SMALLEST_UNIT):
 *   - rsize < PAGE_SIZE: one-page slabs from uma_small_alloc (the direct
 *     map); the header at the end of the page, unless that wastes more
 *     than UMA_MAX_WASTE and an off-page header fits more items;
 *   - rsize >= PAGE_SIZE: slabs of howmany(rsize, PAGE_SIZE) pages from
 *     kmem_malloc, one item each, the header off-page.
 * Items start at the slab's first byte, so items whose size is a power
 * of 2 up to a page are aligned to their size.
 *
 * Statistics (struct uma_zone_stats, FreeBSD's vmstat -z columns) are
 * counters under the zone lock, so they are exact: after any sequence of
 * allocations and their frees, USED is back where it was, and after
 * uma_zone_reclaim so are the slab and page counts.
 *
 * Locking: each zone has its own sleep mutex, uz_lock, a leaf: it is
 * dropped around page allocation, slab-header allocation and the init
 * and fini hooks, and never held across ctor or dtor.  uma_zones_mtx
 * protects the list of zones and is taken before a zone's lock.  No
 * allocation sleeps.  Not for interrupt handlers.
 *
 * Per-CPU caches ("buckets" of free items, per CPU, refilled from the
 * zone) are the next step once there are several CPUs: they would take
 * the common path off the zone lock; the statistics would then be summed
 * over CPUs.
 *
 * Nothing here touches hardware: tests/unit/uma_test.c runs this file on
 * the host with a fake page provider.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <sys/systm.h>

#include <vm/uma.h>
#include <vm/uma_int.h>
#include <vm/vm_kern.h>

static struct mtx uma_zones_mtx;
static TAILQ_HEAD(, uma_zone) uma_zones =
    TAILQ_HEAD_INITIALIZER(uma_zones);			/* (g) */
static bool	uma_started;

/* UMA's own zones: zone structures and off-page slab headers. */
static struct uma_zone uma_zones_zone;
static struct uma_zone uma_slabs_zone;

static void	zone_slab_release(uma_zone_t zone, struct uma_slab *slab);

/*
 * zone_layout: choose the item stride, slab size, items per slab and
 * where the slab header goes (see the top of the file).
 */
static void
zone_layout(uma_zone_t zone)
{
	u_int hdr, in, off;

	zone->uz_rsize = roundup2(MAX(zone->uz_size, UMA_SMALLEST_UNIT),
	    (size_t)zone->uz_align + 1);
	if (zone->uz_rsize >= PAGE_SIZE) {
		zone->uz_ppera = howmany(zone->uz_rsize, PAGE_SIZE);
		zone->uz_ipers = 1;
		zone->uz_flags |= UMA_ZFLAG_OFFPAGE;
		return;
	}
	zone->uz_ppera = 1;
	hdr = roundup2(sizeof(struct uma_slab), 16);
	in = MIN((PAGE_SIZE - hdr) / zone->uz_rsize, SLAB_MAX_ITEMS);
	off = MIN(PAGE_SIZE / zone->uz_rsize, SLAB_MAX_ITEMS);
	if ((zone->uz_flags & UMA_ZONE_OFFPAGE) != 0 ||
	    ((zone->uz_flags & UMA_ZFLAG_INTERNAL) == 0 && off > in &&
	    PAGE_SIZE - in * zone->uz_rsize > UMA_MAX_WASTE)) {
		zone->uz_ipers = off;
		zone->uz_flags |= UMA_ZFLAG_OFFPAGE;
	} else {
		zone->uz_ipers = in;
		zone->uz_pgoff = PAGE_SIZE - hdr;
	}
}

/* Fill in a zone structure (zeroed by the caller) and list it. */
static void
zone_setup(uma_zone_t zone, const char *name, size_t size, uma_ctor ctor,
    uma_dtor dtor, uma_init init, uma_fini fini, int align, uint32_t flags)
{
	KASSERT(size != 0 && size <= INT32_MAX,
	    ("uma_zcreate: %s: bad size %zu", name, size));
	KASSERT(align >= 0 && align < PAGE_SIZE && powerof2(align + 1),
	    ("uma_zcreate: %s: bad alignment mask %#x", name, align));
	KASSERT((flags & ~(UMA_ZONE_ZINIT | UMA_ZONE_OFFPAGE |
	    UMA_ZONE_MALLOC | UMA_ZONE_NOFREE | UMA_ZFLAG_INTERNAL)) == 0,
	    ("uma_zcreate: %s: unsupported flags %#x", name, flags));
	mtx_init(&zone->uz_lock, name, "UMA zone", MTX_DEF);
	zone->uz_name = name;
	zone->uz_size = size;
	zone->uz_align = align;
	zone->uz_flags = flags;
	zone->uz_ctor = ctor;
	zone->uz_dtor = dtor;
	zone->uz_init = init;
	zone->uz_fini = fini;
	LIST_INIT(&zone->uz_part_slab);
	LIST_INIT(&zone->uz_free_slab);
	LIST_INIT(&zone->uz_full_slab);
	zone_layout(zone);
	if ((zone->uz_flags & (UMA_ZFLAG_OFFPAGE | UMA_ZONE_MALLOC)) != 0 ||
	    zone->uz_ppera > 1)
		zone->uz_flags |= UMA_ZFLAG_VTOSLAB;
	KASSERT(zone->uz_ipers > 0 && zone->uz_ipers <= SLAB_MAX_ITEMS,
	    ("uma_zcreate: %s: %u items per slab", name, zone->uz_ipers));
	KASSERT((zone->uz_flags & UMA_ZFLAG_INTERNAL) == 0 ||
	    (zone->uz_flags & UMA_ZFLAG_OFFPAGE) == 0,
	    ("uma_zcreate: %s: internal zone needs off-page headers", name));
	mtx_lock(&uma_zones_mtx);
	TAILQ_INSERT_TAIL(&uma_zones, zone, uz_link);
	mtx_unlock(&uma_zones_mtx);
}

/*
 * uma_startup: set up the zone of zones and the zone of off-page slab
 * headers, after which uma_zcreate works.  Needs the page allocator and
 * kmem (SI_SUB_KMEM, after kmem_init).
 */
void
uma_startup(void)
{
	mtx_init(&uma_zones_mtx, "uma zones", NULL, MTX_DEF);
	zone_setup(&uma_zones_zone, "UMA Zones", sizeof(struct uma_zone),
	    NULL, NULL, NULL, NULL, UMA_ALIGN_CACHE, UMA_ZFLAG_INTERNAL);
	zone_setup(&uma_slabs_zone, "UMA Slabs", sizeof(struct uma_slab),
	    NULL, NULL, NULL, NULL, UMA_ALIGN_PTR, UMA_ZFLAG_INTERNAL);
	uma_started = true;
}

static void
uma_startup_sysinit(const void *arg __unused)
{
	uma_startup();
}
SYSINIT(uma, SI_SUB_KMEM, SI_ORDER_SECOND, uma_startup_sysinit, NULL);

/*
 * uma_zcreate: a new zone of items of size bytes, aligned to align + 1
 * (a UMA_ALIGN_* mask), with optional hooks (uma.h) and UMA_ZONE_*
 * flags.  name must outlive the zone.  Returns the zone; panics when no
 * memory is left (it allocates with M_WAITOK).
 */
uma_zone_t
uma_zcreate(const char *name, size_t size, uma_ctor ctor, uma_dtor dtor,
    uma_init init, uma_fini fini, int align, uint32_t flags)
{
	uma_zone_t zone;

	KASSERT(uma_started, ("uma_zcreate: %s: before uma_startup", name));
	zone = uma_zalloc_arg(&uma_zones_zone, NULL, M_WAITOK | M_ZERO);
	zone_setup(zone, name, size, ctor, dtor, init, fini, align, flags);
	return (zone);
}

/*
 * uma_zdestroy: destroy a zone none of whose items is allocated; its
 * slabs go back to the page allocator.
 */
void
uma_zdestroy(uma_zone_t zone)
{
	KASSERT((zone->uz_flags & UMA_ZFLAG_INTERNAL) == 0,
	    ("uma_zdestroy: %s is UMA's own", zone->uz_name));
	mtx_lock(&uma_zones_mtx);
	TAILQ_REMOVE(&uma_zones, zone, uz_link);
	mtx_unlock(&uma_zones_mtx);
	mtx_lock(&zone->uz_lock);
	KASSERT(zone->uz_used == 0, ("uma_zdestroy: %s: %lu items in use",
	    zone->uz_name, zone->uz_used));
	mtx_unlock(&zone->uz_lock);
	zone->uz_flags &= ~UMA_ZONE_NOFREE;
	uma_zone_reclaim(zone, UMA_RECLAIM_DRAIN);
	KASSERT(zone->uz_nslabs == 0, ("uma_zdestroy: %s: %lu slabs left",
	    zone->uz_name, zone->uz_nslabs));
	mtx_destroy(&zone->uz_lock);
	uma_zfree_arg(&uma_zones_zone, zone, NULL);
}

/* The slab of an item of zone. */
static struct uma_slab *
zone_item_slab(uma_zone_t zone, void *item)
{
	struct uma_slab *slab;

	if ((zone->uz_flags & UMA_ZFLAG_VTOSLAB) != 0)
		slab = vtoslab((vm_offset_t)item);
	else
		slab = (struct uma_slab *)(trunc_page((uintptr_t)item) +
		    zone->uz_pgoff);
	KASSERT(slab != NULL && slab->us_zone == zone,
	    ("uma_zfree: %p is not an item of zone %s", item, zone->uz_name));
	return (slab);
}

/*
 * zone_slab_alloc: a new slab for zone, its items set up by the zone's
 * init hook; NULL when pages, a header or an init are refused.  Called
 * without the zone lock.
 */
static struct uma_slab *
zone_slab_alloc(uma_zone_t zone, int flags)
{
	struct uma_slab *slab;
	uint8_t *mem;
	int aflags;
	u_int i;

	aflags = M_NOWAIT | ((zone->uz_flags & UMA_ZONE_ZINIT) ? M_ZERO : 0);
	if (zone->uz_ppera == 1)
		mem = uma_small_alloc(aflags);
	else
		mem = (uint8_t *)kmem_malloc(ptoa((vm_size_t)zone->uz_ppera),
		    aflags);
	if (mem == NULL)
		return (NULL);
	if ((zone->uz_flags & UMA_ZFLAG_OFFPAGE) != 0) {
		slab = uma_zalloc_arg(&uma_slabs_zone, NULL, M_NOWAIT);
		if (slab == NULL)
			goto fail;
	} else
		slab = (struct uma_slab *)(mem + zone->uz_pgoff);
	slab->us_zone = zone;
	slab->us_data = mem;
	slab->us_freecount = zone->uz_ipers;
	memset(slab->us_free, 0, sizeof(slab->us_free));
	for (i = 0; i < zone->uz_ipers; i++)
		slab->us_free[i / 64] |= 1ul << (i % 64);
	if ((zone->uz_flags & UMA_ZFLAG_VTOSLAB) != 0) {
		for (i = 0; i < zone->uz_ppera; i++)
			vsetslab((vm_offset_t)mem + ptoa((vm_offset_t)i), slab);
	}
	if (zone->uz_init != NULL) {
		for (i = 0; i < zone->uz_ipers; i++) {
			if (zone->uz_init(mem + i * zone->uz_rsize,
			    (int)zone->uz_size, flags) == 0)
				continue;
			/* Undo the items already set up, then the slab. */
			while (i-- > 0) {
				if (zone->uz_fini != NULL)
					zone->uz_fini(mem + i * zone->uz_rsize,
					    (int)zone->uz_size);
			}
			for (i = 0; i < zone->uz_ppera; i++)
				vsetslab((vm_offset_t)mem +
				    ptoa((vm_offset_t)i), NULL);
			if ((zone->uz_flags & UMA_ZFLAG_OFFPAGE) != 0)
				uma_zfree_arg(&uma_slabs_zone, slab, NULL);
			goto fail;
		}
	}
	return (slab);
fail:
	if (zone->uz_ppera == 1)
		uma_small_free(mem);
	else
		kmem_free((vm_offset_t)mem, ptoa((vm_size_t)zone->uz_ppera));
	return (NULL);
}

/*
 * zone_slab_release: run fini on every item of a wholly free slab taken
 * off the zone's lists, and give its header and pages back.  Called
 * without the zone lock.
 */
static void
zone_slab_release(uma_zone_t zone, struct uma_slab *slab)
{
	uint8_t *mem = slab->us_data;
	u_int i;

	KASSERT(slab->us_freecount == zone->uz_ipers,
	    ("zone_slab_release: %s: slab %p has %u of %u items free",
	    zone->uz_name, slab, slab->us_freecount, zone->uz_ipers));
	if (zone->uz_fini != NULL) {
		for (i = 0; i < zone->uz_ipers; i++)
			zone->uz_fini(mem + i * zone->uz_rsize,
			    (int)zone->uz_size);
	}
	if ((zone->uz_flags & UMA_ZFLAG_VTOSLAB) != 0) {
		for (i = 0; i < zone->uz_ppera; i++)
			vsetslab((vm_offset_t)mem + ptoa((vm_offset_t)i), NULL);
	}
	if ((zone->uz_flags & UMA_ZFLAG_OFFPAGE) != 0)
		uma_zfree_arg(&uma_slabs_zone, slab, NULL);
	if (zone->uz_ppera == 1)
		uma_small_free(mem);
	else
		kmem_free((vm_offset_t)mem, ptoa((vm_size_t)zone->uz_ppera));
}

/* Put slab on the list its free count calls for. */
static void
zone_slab_list(uma_zone_t zone, struct uma_slab *slab)
{
	mtx_assert(&zone->uz_lock, MA_OWNED);
	if (slab->us_freecount == 0)
		LIST_INSERT_HEAD(&zone->uz_full_slab, slab, us_link);
	else if (slab->us_freecount == zone->uz_ipers)
		LIST_INSERT_HEAD(&zone->uz_free_slab, slab, us_link);
	else
		LIST_INSERT_HEAD(&zone->uz_part_slab, slab, us_link);
}

/* Take the first free item of slab. */
static void *
slab_alloc_item(uma_zone_t zone, struct uma_slab *slab)
{
	u_int i, w;

	mtx_assert(&zone->uz_lock, MA_OWNED);
	KASSERT(slab->us_freecount > 0, ("slab_alloc_item: %s: slab %p full",
	    zone->uz_name, slab));
	for (w = 0; slab->us_free[w] == 0; w++)
		KASSERT(w + 1 < SLAB_SETWORDS, ("slab_alloc_item: %s: slab %p "
		    "counts %u free but has none", zone->uz_name, slab,
		    slab->us_freecount));
	i = (u_int)__builtin_ctzl(slab->us_free[w]);
	slab->us_free[w] &= ~(1ul << i);
	i += w * 64;
	KASSERT(i < zone->uz_ipers, ("slab_alloc_item: %s: item %u of %u",
	    zone->uz_name, i, zone->uz_ipers));
	LIST_REMOVE(slab, us_link);
	slab->us_freecount--;
	zone_slab_list(zone, slab);
	return (slab->us_data + i * zone->uz_rsize);
}

/* Mark item free in its slab; catches double frees and bad pointers. */
static void
slab_free_item(uma_zone_t zone, struct uma_slab *slab, void *item)
{
	uintptr_t off = (uintptr_t)item - (uintptr_t)slab->us_data;
	u_int i = (u_int)(off / zone->uz_rsize);

	mtx_assert(&zone->uz_lock, MA_OWNED);
	if (off % zone->uz_rsize != 0 || i >= zone->uz_ipers)
		panic("uma_zfree: %s: %p is not an item (slab %p)",
		    zone->uz_name, item, slab->us_data);
	if ((slab->us_free[i / 64] & (1ul << (i % 64))) != 0)
		panic("uma_zfree: %s: %p freed twice", zone->uz_name, item);
	slab->us_free[i / 64] |= 1ul << (i % 64);
	LIST_REMOVE(slab, us_link);
	slab->us_freecount++;
}

/*
 * uma_zalloc_arg: an item of zone, zeroed with M_ZERO, then passed to
 * the zone's ctor with arg.  Returns NULL only for M_NOWAIT (no memory,
 * the zone's limit, or a failed init or ctor).  Takes and drops the zone
 * lock.
 */
void *
uma_zalloc_arg(uma_zone_t zone, void *arg, int flags)
{
	struct uma_slab *slab;
	void *item;

	KASSERT((flags & (M_NOWAIT | M_WAITOK)) == M_NOWAIT ||
	    (flags & (M_NOWAIT | M_WAITOK)) == M_WAITOK,
	    ("uma_zalloc: %s: need one of M_NOWAIT, M_WAITOK (flags %#x)",
	    zone->uz_name, flags));
	KASSERT(uma_started, ("uma_zalloc: %s: before uma_startup",
	    zone->uz_name));
	mtx_lock(&zone->uz_lock);
	for (;;) {
		if (zone->uz_max_items != 0 &&
		    zone->uz_used >= zone->uz_max_items) {
			if ((flags & M_WAITOK) != 0)
				panic("uma_zalloc: zone %s at its limit of %lu "
				    "items (XXX: M_WAITOK cannot wait yet)",
				    zone->uz_name, zone->uz_max_items);
			goto fail;
		}
		slab = LIST_FIRST(&zone->uz_part_slab);
		if (slab == NULL)
			slab = LIST_FIRST(&zone->uz_free_slab);
		if (slab != NULL)
			break;
		mtx_unlock(&zone->uz_lock);
		slab = zone_slab_alloc(zone, flags);
		mtx_lock(&zone->uz_lock);
		if (slab == NULL) {
			if ((flags & M_WAITOK) != 0)
				panic("uma_zalloc: zone %s: out of memory "
				    "(XXX: M_WAITOK cannot wait yet)",
				    zone->uz_name);
			goto fail;
		}
		zone_slab_list(zone, slab);
		zone->uz_nslabs++;
	}
	item = slab_alloc_item(zone, slab);
	zone->uz_allocs++;
	zone->uz_used++;
	mtx_unlock(&zone->uz_lock);

	if ((flags & M_ZERO) != 0)
		memset(item, 0, zone->uz_size);
	if (zone->uz_ctor != NULL &&
	    zone->uz_ctor(item, (int)zone->uz_size, arg, flags) != 0) {
		/* Back into the slab, uncounted; no dtor for no ctor. */
		slab = zone_item_slab(zone, item);
		mtx_lock(&zone->uz_lock);
		slab_free_item(zone, slab, item);
		zone_slab_list(zone, slab);
		zone->uz_allocs--;
		zone->uz_used--;
		goto fail;
	}
	return (item);
fail:
	zone->uz_fails++;
	mtx_unlock(&zone->uz_lock);
	return (NULL);
}

/*
 * uma_zfree_arg: give item back to zone, after the zone's dtor (with
 * arg).  NULL is ignored.  Takes and drops the zone lock; may give a
 * wholly free slab back to the page allocator.
 */
void
uma_zfree_arg(uma_zone_t zone, void *item, void *arg)
{
	struct uma_slab *slab;
	bool release;

	if (item == NULL)
		return;
	if (zone->uz_dtor != NULL)
		zone->uz_dtor(item, (int)zone->uz_size, arg);
	slab = zone_item_slab(zone, item);
	mtx_lock(&zone->uz_lock);
	slab_free_item(zone, slab, item);
	zone->uz_frees++;
	zone->uz_used--;
	release = slab->us_freecount == zone->uz_ipers &&
	    (zone->uz_flags & UMA_ZONE_NOFREE) == 0 &&
	    !LIST_EMPTY(&zone->uz_free_slab);
	if (release)
		zone->uz_nslabs--;
	else
		zone_slab_list(zone, slab);
	mtx_unlock(&zone->uz_lock);
	if (release)
		zone_slab_release(zone, slab);
}

/*
 * uma_zone_reclaim: give every wholly free slab of zone back to the page
 * allocator (UMA_RECLAIM_DRAIN), unless the zone is UMA_ZONE_NOFREE.
 */
void
uma_zone_reclaim(uma_zone_t zone, int req)
{
	struct uma_slablist drain;
	struct uma_slab *slab;

	KASSERT(req == UMA_RECLAIM_DRAIN, ("uma_zone_reclaim: request %d",
	    req));
	if ((zone->uz_flags & UMA_ZONE_NOFREE) != 0)
		return;
	LIST_INIT(&drain);
	mtx_lock(&zone->uz_lock);
	while ((slab = LIST_FIRST(&zone->uz_free_slab)) != NULL) {
		LIST_REMOVE(slab, us_link);
		LIST_INSERT_HEAD(&drain, slab, us_link);
		zone->uz_nslabs--;
	}
	mtx_unlock(&zone->uz_lock);
	while ((slab = LIST_FIRST(&drain)) != NULL) {
		LIST_REMOVE(slab, us_link);
		zone_slab_release(zone, slab);
	}
}

/*
 * uma_reclaim: uma_zone_reclaim on every zone, the zone of slab headers
 * last (draining the others frees headers into it).
 */
void
uma_reclaim(int req)
{
	uma_zone_t zone;

	mtx_lock(&uma_zones_mtx);
	TAILQ_FOREACH(zone, &uma_zones, uz_link) {
		if (zone != &uma_slabs_zone)
			uma_zone_reclaim(zone, req);
	}
	uma_zone_reclaim(&uma_slabs_zone, req);
	mtx_unlock(&uma_zones_mtx);
}

/* uma_zone_set_max: limit the zone to nitems allocated items (0: none). */
int
uma_zone_set_max(uma_zone_t zone, int nitems)
{
	KASSERT(nitems >= 0, ("uma_zone_set_max: %s: %d", zone->uz_name,
	    nitems));
	mtx_lock(&zone->uz_lock);
	zone->uz_max_items = (u_long)nitems;
	mtx_unlock(&zone->uz_lock);
	return (nitems);
}

/* uma_zone_get_max: the zone's limit on allocated items, 0 if none. */
int
uma_zone_get_max(uma_zone_t zone)
{
	int n;

	mtx_lock(&zone->uz_lock);
	n = (int)zone->uz_max_items;
	mtx_unlock(&zone->uz_lock);
	return (n);
}

/* uma_zone_get_cur: items allocated from zone now. */
int
uma_zone_get_cur(uma_zone_t zone)
{
	int n;

	mtx_lock(&zone->uz_lock);
	n = (int)zone->uz_used;
	mtx_unlock(&zone->uz_lock);
	return (n);
}

/* uma_zone_name: the name the zone was created with. */
const char *
uma_zone_name(uma_zone_t zone)
{
	return (zone->uz_name);
}

/* uma_zone_size: the item size the zone was created with. */
size_t
uma_zone_size(uma_zone_t zone)
{
	return (zone->uz_size);
}

/* uma_zone_get_stats: a consistent snapshot of zone's statistics. */
void
uma_zone_get_stats(uma_zone_t zone, struct uma_zone_stats *stats)
{
	mtx_lock(&zone->uz_lock);
	stats->uzs_size = zone->uz_size;
	stats->uzs_limit = zone->uz_max_items;
	stats->uzs_used = zone->uz_used;
	stats->uzs_free = zone->uz_nslabs * zone->uz_ipers - zone->uz_used;
	stats->uzs_requests = zone->uz_allocs;
	stats->uzs_fails = zone->uz_fails;
	stats->uzs_sleeps = zone->uz_sleeps;
	stats->uzs_frees = zone->uz_frees;
	stats->uzs_slabs = zone->uz_nslabs;
	stats->uzs_pages = zone->uz_nslabs * zone->uz_ppera;
	stats->uzs_ipers = zone->uz_ipers;
	stats->uzs_ppera = zone->uz_ppera;
	mtx_unlock(&zone->uz_lock);
}

/*
 * uma_zone_foreach: call fn(zone, arg) for every zone, in creation order,
 * with uma_zones_mtx held: fn may take zone locks (uma_zone_get_stats)
 * but must not create or destroy zones.
 */
void
uma_zone_foreach(void (*fn)(uma_zone_t zone, void *arg), void *arg)
{
	uma_zone_t zone;

	mtx_lock(&uma_zones_mtx);
	TAILQ_FOREACH(zone, &uma_zones, uz_link)
		fn(zone, arg);
	mtx_unlock(&uma_zones_mtx);
}

/* A failed uma_zone_check condition: say which, and fail. */
#define UMA_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		printf("uma_zone_check: %s: ", zone->uz_name);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		ok = false;						\
		goto out;						\
	}								\
} while (0)

/* Check one list's slabs: owner, bitmap against count, list choice. */
static bool
zone_check_list(uma_zone_t zone, struct uma_slablist *list, int kind,
    u_long *nslabs, u_long *nfree)
{
	struct uma_slab *slab;
	u_int i, n;
	bool ok = true;

	LIST_FOREACH(slab, list, us_link) {
		UMA_CHECK(slab->us_zone == zone, "slab %p of zone %p", slab,
		    slab->us_zone);
		for (i = n = 0; i < SLAB_SETWORDS; i++)
			n += (u_int)__builtin_popcountl(slab->us_free[i]);
		UMA_CHECK(n == slab->us_freecount,
		    "slab %p counts %u free, bitmap has %u", slab,
		    slab->us_freecount, n);
		for (i = zone->uz_ipers; i < SLAB_MAX_ITEMS; i++)
			UMA_CHECK((slab->us_free[i / 64] & (1ul << (i % 64)))
			    == 0, "slab %p: bit %u past the items", slab, i);
		UMA_CHECK(kind == (n == 0 ? 0 : n == zone->uz_ipers ? 2 : 1),
		    "slab %p with %u free on list %d", slab, n, kind);
		UMA_CHECK((zone->uz_flags & UMA_ZFLAG_VTOSLAB) == 0 ||
		    vtoslab((vm_offset_t)slab->us_data) == slab,
		    "slab %p not recorded in its page", slab);
		(*nslabs)++;
		*nfree += n;
	}
out:
	return (ok);
}

/*
 * uma_zone_check: verify the zone's slab lists and counters against each
 * other, printing the first inconsistency.  Returns true if all hold.
 */
bool
uma_zone_check(uma_zone_t zone)
{
	u_long nslabs = 0, nfree = 0;
	bool ok = true;

	mtx_lock(&zone->uz_lock);
	UMA_CHECK(zone_check_list(zone, &zone->uz_full_slab, 0, &nslabs,
	    &nfree), "full list");
	UMA_CHECK(zone_check_list(zone, &zone->uz_part_slab, 1, &nslabs,
	    &nfree), "partial list");
	UMA_CHECK(zone_check_list(zone, &zone->uz_free_slab, 2, &nslabs,
	    &nfree), "free list");
	UMA_CHECK(nslabs == zone->uz_nslabs, "%lu slabs, counted %lu",
	    zone->uz_nslabs, nslabs);
	UMA_CHECK(nslabs * zone->uz_ipers - nfree == zone->uz_used,
	    "%lu used, slabs say %lu", zone->uz_used,
	    nslabs * zone->uz_ipers - nfree);
	UMA_CHECK(zone->uz_allocs - zone->uz_frees == zone->uz_used,
	    "%lu allocs - %lu frees != %lu used", zone->uz_allocs,
	    zone->uz_frees, zone->uz_used);
out:
	mtx_unlock(&zone->uz_lock);
	return (ok);
}
