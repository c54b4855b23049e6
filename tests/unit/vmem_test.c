/*
 * vmem_test.c: resource arenas (sys/kern/subr_vmem.c) on the host.
 *
 * The main test runs random allocations and frees against a bitmap of
 * the arena's quanta: every allocation must lie in free space, honour
 * its alignment, phase and boundary; a best-fit one must come from the
 * smallest free run that can hold it; an ENOMEM must mean that no free
 * run can; and vmem_check (the arena's own invariant checker) must hold
 * throughout.  Smaller cases pin down coalescing, exhaustion, alignment,
 * spans and the top of the address space.
 */
#include <atf-c.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kshim.h"
#include "kmem_shim.h"

#define Q	4096ul		/* the quantum of most arenas here */

/* The page provider behind the tag pool, and malloc for vmem_create. */
static unsigned long pages_taken;

void	*uma_small_alloc(int flags);
void	*k_malloc(size_t size, void *type, int flags);
void	k_free(void *addr, void *type);

void *
uma_small_alloc(int flags)
{
	void *p = aligned_alloc(4096, 4096);

	if (p != NULL && (flags & M_ZERO))
		memset(p, 0, 4096);
	pages_taken++;
	return (p);
}

void *
k_malloc(size_t size, void *type, int flags)
{
	return (calloc(1, size));
}

void
k_free(void *addr, void *type)
{
	free(addr);
}

/* The reference model: one bit (byte) per quantum, 1 = allocated. */
struct model {
	vmem_t		*vm;
	vmem_addr_t	base;
	size_t		nq;
	uint8_t		*map;
	vmem_addr_t	*live_addr;
	vmem_size_t	*live_size;
	size_t		nlive;
};

/*
 * Can the free run of len quanta at quantum start hold the request?
 * Offsets from the base, so an arena at the top of the space works.
 */
static bool
model_fit(const struct model *md, size_t start, size_t len, vmem_size_t size,
    vmem_size_t align, vmem_size_t phase, vmem_size_t nocross)
{
	vmem_size_t off;
	vmem_addr_t a;

	for (off = start * Q; off + size <= (start + len) * Q; off += Q) {
		a = md->base + off;
		if ((a - phase) % align != 0)
			continue;
		if (nocross != 0 && a / nocross != (a + size - 1) / nocross)
			continue;
		return (true);
	}
	return (false);
}

/*
 * The smallest free run (in quanta) that can hold the request, or 0 if
 * none can; *runofp gets the length of the free run holding addr, if
 * any.
 */
static size_t
model_best(const struct model *md, vmem_size_t size, vmem_size_t align,
    vmem_size_t phase, vmem_size_t nocross, vmem_addr_t addr, size_t *runofp)
{
	size_t i, j, q, best = 0;

	q = (addr - md->base) / Q;
	*runofp = 0;
	for (i = 0; i < md->nq; i = j) {
		if (md->map[i]) {
			j = i + 1;
			continue;
		}
		for (j = i; j < md->nq && !md->map[j]; j++)
			;
		if (q >= i && q < j)
			*runofp = j - i;
		if ((best == 0 || j - i < best) &&
		    model_fit(md, i, j - i, size, align, phase, nocross))
			best = j - i;
	}
	return (best);
}

static void
model_init(struct model *md, size_t nq, vmem_addr_t base)
{
	md->base = base;
	md->nq = nq;
	md->map = calloc(nq, 1);
	md->live_addr = calloc(nq, sizeof(vmem_addr_t));
	md->live_size = calloc(nq, sizeof(vmem_size_t));
	md->nlive = 0;
	md->vm = vmem_create("model", base, nq * Q, Q, 0, M_WAITOK);
	ATF_REQUIRE(md->vm != NULL);
}

static void
model_alloc(struct model *md)
{
	vmem_size_t size, align, phase, nocross;
	vmem_addr_t addr;
	size_t i, q, best, runof;
	int error, strat;

	size = (1 + (size_t)random() % (random() % 8 == 0 ? md->nq / 4 : 24))
	    * Q;
	align = Q;
	phase = nocross = 0;
	if (random() % 4 == 0) {
		align = Q << (random() % 7);
		phase = Q * ((size_t)random() % (align / Q));
	}
	if (random() % 8 == 0) {
		nocross = Q << (2 + random() % 8);
		if (nocross < size || nocross < align) {
			nocross = 0;
		}
	}
	strat = random() % 2 ? M_BESTFIT : M_FIRSTFIT;
	error = vmem_xalloc(md->vm, size, align, phase, nocross,
	    VMEM_ADDR_MIN, VMEM_ADDR_MAX, strat | M_NOWAIT, &addr);
	best = model_best(md, size, align, phase, nocross,
	    error == 0 ? addr : 0, &runof);
	if (error != 0) {
		ATF_REQUIRE_EQ_MSG(error, ENOMEM, "error %d", error);
		ATF_REQUIRE_MSG(best == 0, "ENOMEM for %#zx (align %#zx phase "
		    "%#zx nocross %#zx), but a free run of %zu quanta fits",
		    size, align, phase, nocross, best);
		return;
	}
	ATF_REQUIRE_MSG(addr - md->base < md->nq * Q &&
	    addr - md->base + size <= md->nq * Q,
	    "%#lx+%#zx outside the arena", addr, size);
	ATF_REQUIRE_MSG((addr - phase) % align == 0, "%#lx: align %#zx phase "
	    "%#zx", addr, align, phase);
	ATF_REQUIRE_MSG(nocross == 0 ||
	    addr / nocross == (addr + size - 1) / nocross,
	    "%#lx+%#zx crosses %#zx", addr, size, nocross);
	if (strat == M_BESTFIT)
		ATF_REQUIRE_MSG(runof == best, "best fit took a run of %zu "
		    "quanta, smallest fitting is %zu", runof, best);
	q = (addr - md->base) / Q;
	for (i = 0; i < size / Q; i++) {
		ATF_REQUIRE_MSG(!md->map[q + i], "%#lx+%#zx overlaps an "
		    "allocation", addr, size);
		md->map[q + i] = 1;
	}
	md->live_addr[md->nlive] = addr;
	md->live_size[md->nlive] = size;
	md->nlive++;
}

static void
model_free(struct model *md, size_t k)
{
	size_t i, q = (md->live_addr[k] - md->base) / Q;

	vmem_free(md->vm, md->live_addr[k], md->live_size[k]);
	for (i = 0; i < md->live_size[k] / Q; i++)
		md->map[q + i] = 0;
	md->nlive--;
	md->live_addr[k] = md->live_addr[md->nlive];
	md->live_size[k] = md->live_size[md->nlive];
}

static void
model_run(unsigned seed, size_t nq, vmem_addr_t base, int nops)
{
	struct model md;
	int op;

	srandom(seed);
	model_init(&md, nq, base);
	for (op = 0; op < nops; op++) {
		if (md.nlive > 0 && (md.nlive >= nq || random() % 5 < 2))
			model_free(&md, (size_t)random() % md.nlive);
		else
			model_alloc(&md);
		if (op % 64 == 0)
			ATF_REQUIRE_MSG(vmem_check(md.vm), "seed %u op %d",
			    seed, op);
	}
	ATF_REQUIRE(vmem_check(md.vm));
	while (md.nlive > 0)
		model_free(&md, md.nlive - 1);
	ATF_REQUIRE(vmem_check(md.vm));
	ATF_CHECK_EQ(vmem_size(md.vm, VMEM_ALLOC), 0);
	ATF_CHECK_EQ(vmem_size(md.vm, VMEM_FREE), nq * Q);
	/* Fully coalesced: one free segment spans the arena. */
	ATF_CHECK_EQ(vmem_size(md.vm, VMEM_MAXFREE), nq * Q);
	vmem_destroy(md.vm);
	free(md.map);
	free(md.live_addr);
	free(md.live_size);
}

ATF_TC_WITHOUT_HEAD(vmem__random_against_bitmap);
ATF_TC_BODY(vmem__random_against_bitmap, tc)
{
	unsigned seed;

	for (seed = 1; seed <= 8; seed++)
		model_run(seed, 1024, 0x10000000ul + Q * seed, 4000);
}

/* An arena that ends at the very top of the address space. */
ATF_TC_WITHOUT_HEAD(vmem__random_at_top_of_space);
ATF_TC_BODY(vmem__random_at_top_of_space, tc)
{
	model_run(99, 512, 0ul - 512 * Q, 4000);
}

ATF_TC_WITHOUT_HEAD(vmem__coalesce_neighbours);
ATF_TC_BODY(vmem__coalesce_neighbours, tc)
{
	vmem_addr_t a, b, c, base = 0x40000000ul;
	vmem_t *vm;

	vm = vmem_create("coalesce", base, 16 * Q, Q, 0, M_WAITOK);
	ATF_REQUIRE(vm != NULL);
	ATF_REQUIRE_EQ(vmem_alloc(vm, Q, M_BESTFIT | M_NOWAIT, &a), 0);
	ATF_REQUIRE_EQ(vmem_alloc(vm, Q, M_BESTFIT | M_NOWAIT, &b), 0);
	ATF_REQUIRE_EQ(vmem_alloc(vm, Q, M_BESTFIT | M_NOWAIT, &c), 0);
	ATF_CHECK_EQ(a, base);
	ATF_CHECK_EQ(b, base + Q);
	ATF_CHECK_EQ(c, base + 2 * Q);
	ATF_CHECK_EQ(vmem_size(vm, VMEM_MAXFREE), 13 * Q);
	vmem_free(vm, b, Q);
	ATF_REQUIRE(vmem_check(vm));
	vmem_free(vm, a, Q);		/* merges with b's space */
	ATF_REQUIRE(vmem_check(vm));
	ATF_CHECK_EQ(vmem_size(vm, VMEM_MAXFREE), 13 * Q);
	/* A two-quantum request now fits exactly in a+b (best fit). */
	ATF_REQUIRE_EQ(vmem_alloc(vm, 2 * Q, M_BESTFIT | M_NOWAIT, &a), 0);
	ATF_CHECK_EQ(a, base);
	vmem_free(vm, a, 2 * Q);
	vmem_free(vm, c, Q);		/* merges with both sides */
	ATF_REQUIRE(vmem_check(vm));
	ATF_CHECK_EQ(vmem_size(vm, VMEM_MAXFREE), 16 * Q);
	ATF_CHECK_EQ(vmem_size(vm, VMEM_ALLOC), 0);
	vmem_destroy(vm);
}

ATF_TC_WITHOUT_HEAD(vmem__exhaustion_is_enomem);
ATF_TC_BODY(vmem__exhaustion_is_enomem, tc)
{
	vmem_addr_t addr[64], a, base = 0x40000000ul;
	vmem_t *vm;
	int i;

	vm = vmem_create("exhaust", base, 64 * Q, Q, 0, M_WAITOK);
	ATF_REQUIRE(vm != NULL);
	for (i = 0; i < 64; i++)
		ATF_REQUIRE_EQ(vmem_alloc(vm, Q, (i % 2 ? M_FIRSTFIT :
		    M_BESTFIT) | M_NOWAIT, &addr[i]), 0);
	ATF_CHECK_EQ(vmem_size(vm, VMEM_FREE), 0);
	ATF_CHECK_EQ(vmem_alloc(vm, Q, M_BESTFIT | M_NOWAIT, &a), ENOMEM);
	ATF_CHECK_EQ(vmem_alloc(vm, Q, M_FIRSTFIT | M_WAITOK, &a), ENOMEM);
	vmem_free(vm, addr[10], Q);
	vmem_free(vm, addr[20], Q);
	ATF_CHECK_EQ(vmem_alloc(vm, 2 * Q, M_BESTFIT | M_NOWAIT, &a), ENOMEM);
	ATF_REQUIRE_EQ(vmem_alloc(vm, Q, M_FIRSTFIT | M_NOWAIT, &a), 0);
	ATF_CHECK(a == addr[10] || a == addr[20]);
	addr[a == addr[10] ? 10 : 20] = a;
	ATF_REQUIRE_EQ(vmem_alloc(vm, Q, M_BESTFIT | M_NOWAIT, &a), 0);
	addr[a == addr[10] ? 10 : 20] = a;
	ATF_CHECK_EQ(vmem_size(vm, VMEM_FREE), 0);
	/* A request larger than the arena, and one wrapping on rounding. */
	for (i = 0; i < 64; i++)
		vmem_free(vm, addr[i], Q);
	ATF_CHECK_EQ(vmem_alloc(vm, 65 * Q, M_BESTFIT | M_NOWAIT, &a), ENOMEM);
	ATF_CHECK_EQ(vmem_alloc(vm, ~(vmem_size_t)0, M_BESTFIT | M_NOWAIT,
	    &a), ENOMEM);
	ATF_REQUIRE(vmem_check(vm));
	ATF_CHECK_EQ(vmem_size(vm, VMEM_MAXFREE), 64 * Q);
	vmem_destroy(vm);
}

ATF_TC_WITHOUT_HEAD(vmem__xalloc_alignment_phase_nocross);
ATF_TC_BODY(vmem__xalloc_alignment_phase_nocross, tc)
{
	vmem_addr_t a, b, base = 0x40003000ul;	/* not 64 KiB aligned */
	vmem_t *vm;

	vm = vmem_create("align", base, 256 * Q, Q, 0, M_WAITOK);
	ATF_REQUIRE(vm != NULL);
	ATF_REQUIRE_EQ(vmem_xalloc(vm, Q, 0x10000, 0, 0, VMEM_ADDR_MIN,
	    VMEM_ADDR_MAX, M_BESTFIT | M_NOWAIT, &a), 0);
	ATF_CHECK_EQ(a, 0x40010000ul);
	ATF_REQUIRE_EQ(vmem_xalloc(vm, 3 * Q, 0x10000, 0x2000, 0,
	    VMEM_ADDR_MIN, VMEM_ADDR_MAX, M_FIRSTFIT | M_NOWAIT, &b), 0);
	ATF_CHECK_EQ(b % 0x10000, 0x2000);
	vmem_free(vm, b, 3 * Q);
	/* 8 pages not crossing a 32 KiB line: start on the line. */
	ATF_REQUIRE_EQ(vmem_xalloc(vm, 8 * Q, 0, 0, 0x8000, 0x40004000ul,
	    VMEM_ADDR_MAX, M_FIRSTFIT | M_NOWAIT, &b), 0);
	ATF_CHECK_EQ(b, 0x40008000ul);
	vmem_free(vm, b, 8 * Q);
	/* minaddr/maxaddr bound the whole range. */
	ATF_REQUIRE_EQ(vmem_xalloc(vm, 2 * Q, 0, 0, 0, 0x40050000ul,
	    0x40051fffful, M_BESTFIT | M_NOWAIT, &b), 0);
	ATF_CHECK_EQ(b, 0x40050000ul);
	vmem_free(vm, b, 2 * Q);
	ATF_CHECK_EQ(vmem_xalloc(vm, 3 * Q, 0, 0, 0, 0x40050000ul,
	    0x40051ffful, M_BESTFIT | M_NOWAIT, &b), ENOMEM);
	/* An alignment larger than the arena cannot be met. */
	ATF_CHECK_EQ(vmem_xalloc(vm, Q, 0x10000000, 0, 0, VMEM_ADDR_MIN,
	    VMEM_ADDR_MAX, M_BESTFIT | M_NOWAIT, &b), ENOMEM);
	vmem_free(vm, a, Q);
	ATF_REQUIRE(vmem_check(vm));
	ATF_CHECK_EQ(vmem_size(vm, VMEM_MAXFREE), 256 * Q);
	vmem_destroy(vm);
}

ATF_TC_WITHOUT_HEAD(vmem__spans_stay_apart);
ATF_TC_BODY(vmem__spans_stay_apart, tc)
{
	vmem_addr_t a, b, base = 0x40000000ul;
	vmem_t *vm;

	vm = vmem_create("spans", 0, 0, Q, 0, M_WAITOK);
	ATF_REQUIRE(vm != NULL);
	ATF_CHECK_EQ(vmem_alloc(vm, Q, M_BESTFIT | M_NOWAIT, &a), ENOMEM);
	ATF_REQUIRE_EQ(vmem_add(vm, base + 8 * Q, 8 * Q, M_WAITOK), 0);
	ATF_REQUIRE_EQ(vmem_add(vm, base, 8 * Q, M_WAITOK), 0);
	ATF_CHECK_EQ(vmem_add(vm, base + 4 * Q, 8 * Q, M_WAITOK), EINVAL);
	ATF_CHECK_EQ(vmem_add(vm, base + 3, Q, M_WAITOK), EINVAL);
	ATF_REQUIRE(vmem_check(vm));
	ATF_CHECK_EQ(vmem_size(vm, VMEM_FREE), 16 * Q);
	/* Adjacent spans do not merge: 16 quanta in one piece fail. */
	ATF_CHECK_EQ(vmem_alloc(vm, 16 * Q, M_BESTFIT | M_NOWAIT, &a), ENOMEM);
	ATF_REQUIRE_EQ(vmem_alloc(vm, 8 * Q, M_BESTFIT | M_NOWAIT, &a), 0);
	ATF_REQUIRE_EQ(vmem_alloc(vm, 8 * Q, M_FIRSTFIT | M_NOWAIT, &b), 0);
	ATF_CHECK(a != b && (a == base || b == base));
	vmem_free(vm, a, 8 * Q);
	vmem_free(vm, b, 8 * Q);
	ATF_REQUIRE(vmem_check(vm));
	vmem_destroy(vm);
}

/* Many fragments need more tags than the static pool: pages come in. */
ATF_TC_WITHOUT_HEAD(vmem__tags_grow_from_pages);
ATF_TC_BODY(vmem__tags_grow_from_pages, tc)
{
	enum { N = 4096 };
	static vmem_addr_t addr[N];
	unsigned long before = pages_taken;
	vmem_t *vm;
	int i;

	vm = vmem_create("tags", 0x100000000ul, 2 * N * Q, Q, 0, M_WAITOK);
	ATF_REQUIRE(vm != NULL);
	for (i = 0; i < N; i++)
		ATF_REQUIRE_EQ(vmem_alloc(vm, Q, M_BESTFIT | M_NOWAIT,
		    &addr[i]), 0);
	/* Free every other one: N / 2 free fragments between busy ones. */
	for (i = 0; i < N; i += 2)
		vmem_free(vm, addr[i], Q);
	ATF_REQUIRE(vmem_check(vm));
	ATF_CHECK(pages_taken > before);
	for (i = 1; i < N; i += 2)
		vmem_free(vm, addr[i], Q);
	ATF_REQUIRE(vmem_check(vm));
	ATF_CHECK_EQ(vmem_size(vm, VMEM_MAXFREE), 2 * N * Q);
	vmem_destroy(vm);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, vmem__random_against_bitmap);
	ATF_TP_ADD_TC(tp, vmem__random_at_top_of_space);
	ATF_TP_ADD_TC(tp, vmem__coalesce_neighbours);
	ATF_TP_ADD_TC(tp, vmem__exhaustion_is_enomem);
	ATF_TP_ADD_TC(tp, vmem__xalloc_alignment_phase_nocross);
	ATF_TP_ADD_TC(tp, vmem__spans_stay_apart);
	ATF_TP_ADD_TC(tp, vmem__tags_grow_from_pages);
	return (atf_no_error());
}
