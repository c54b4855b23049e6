/*
 * subr_vmem_test.c: in-kernel tests of resource arenas: an arena over a
 * made-up range (random allocations checked by vmem_check and a bitmap),
 * the tag pool growing from real pages, and kernel_arena's shape.  The
 * host tests (tests/unit/vmem_test.c) cover the allocation policies in
 * depth; these check the same code built for and running in the kernel.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <sys/vmem.h>
#include <sys/vmmeter.h>

#include <vm/vm_kern.h>

#include <machine/vmparam.h>

#define TQ	PAGE_SIZE
#define TNQ	512		/* quanta in the test arena */

/* A small deterministic generator (xorshift), for repeatable runs. */
static uint64_t
test_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (*s);
}

KTEST(vmem, random_alloc_free)
{
	static vmem_addr_t addr[TNQ];
	static vmem_size_t size[TNQ];
	static uint8_t map[TNQ];
	vmem_addr_t base = 0x100000000000ul, a;
	uint64_t seed = 12345;
	u_int n = 0, i, k, q, op;
	vmem_t *vm;
	int error;

	vm = vmem_create("ktest", base, TNQ * TQ, TQ, 0, M_WAITOK);
	KT_ASSERT(kt, vm != NULL);
	memset(map, 0, sizeof(map));
	for (op = 0; op < 3000; op++) {
		if (n > 0 && test_rand(&seed) % 5 < 2) {
			k = (u_int)(test_rand(&seed) % n);
			q = (u_int)((addr[k] - base) / TQ);
			vmem_free(vm, addr[k], size[k]);
			for (i = 0; i < size[k] / TQ; i++)
				map[q + i] = 0;
			n--;
			addr[k] = addr[n];
			size[k] = size[n];
			continue;
		}
		size[n] = (1 + test_rand(&seed) % 16) * TQ;
		error = vmem_alloc(vm, size[n], (op & 1 ? M_BESTFIT :
		    M_FIRSTFIT) | M_NOWAIT, &a);
		if (error != 0) {
			KT_ASSERT_EQ(kt, error, ENOMEM);
			continue;
		}
		KT_ASSERT(kt, a >= base && a + size[n] <= base + TNQ * TQ);
		q = (u_int)((a - base) / TQ);
		for (i = 0; i < size[n] / TQ; i++) {
			KT_ASSERT(kt, map[q + i] == 0);
			map[q + i] = 1;
		}
		addr[n++] = a;
		if (op % 100 == 0)
			KT_ASSERT(kt, vmem_check(vm));
	}
	while (n > 0) {
		n--;
		vmem_free(vm, addr[n], size[n]);
	}
	KT_EXPECT(kt, vmem_check(vm));
	KT_EXPECT_EQ(kt, vmem_size(vm, VMEM_ALLOC), 0);
	KT_EXPECT_EQ(kt, vmem_size(vm, VMEM_MAXFREE), TNQ * TQ);
	vmem_destroy(vm);
}

/*
 * Fragmenting an arena needs more boundary tags than the static pool:
 * the pool grows by whole pages (which it keeps).  The arena is fully
 * coalesced afterwards.
 */
KTEST(vmem, tags_grow_from_pages)
{
	enum { N = 2048 };
	static vmem_addr_t addr[N];
	u_int free0;
	vmem_t *vm;
	int i;

	vm = vmem_create("ktest-tags", 0x200000000000ul, N * TQ, TQ, 0,
	    M_WAITOK);
	KT_ASSERT(kt, vm != NULL);
	free0 = vm_cnt.v_free_count;
	for (i = 0; i < N; i++)
		KT_ASSERT_EQ(kt, vmem_alloc(vm, TQ, M_BESTFIT | M_NOWAIT,
		    &addr[i]), 0);
	for (i = 0; i < N; i += 2)
		vmem_free(vm, addr[i], TQ);
	KT_EXPECT(kt, vmem_check(vm));
	KT_EXPECT(kt, vm_cnt.v_free_count < free0);
	for (i = 1; i < N; i += 2)
		vmem_free(vm, addr[i], TQ);
	KT_EXPECT(kt, vmem_check(vm));
	KT_EXPECT_EQ(kt, vmem_size(vm, VMEM_MAXFREE), N * TQ);
	vmem_destroy(vm);
}

KTEST(vmem, kernel_arena_covers_kva)
{
	KT_ASSERT(kt, kernel_arena != NULL);
	KT_EXPECT(kt, vmem_check(kernel_arena));
	KT_EXPECT_EQ(kt, vmem_size(kernel_arena, VMEM_ALLOC | VMEM_FREE),
	    VM_MAX_KERNEL_ADDRESS - VM_MIN_KERNEL_ADDRESS);
	KT_EXPECT_STREQ(kt, vmem_name(kernel_arena), "kernel arena");
	printf("# kernel arena: %#lx bytes allocated, largest free %#lx\n",
	    vmem_size(kernel_arena, VMEM_ALLOC),
	    vmem_size(kernel_arena, VMEM_MAXFREE));
}
