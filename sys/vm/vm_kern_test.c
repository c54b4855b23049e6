/*
 * vm_kern_test.c: in-kernel tests of kernel virtual memory: kmem memory
 * is mapped, writable and zeroed on request, and unmapped by kmem_free
 * (touching it faults); page counts return exactly to where they were;
 * a kernel stack's guard page faults; bare KVA is unmapped; a request
 * that cannot be met with M_NOWAIT fails and leaves nothing behind.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_kern.h>
#include <vm/vm_page.h>
#include <vm/vm_phys.h>

#include <machine/md_var.h>
#include <machine/pmap.h>
#include <machine/vmparam.h>

#define T_PAGEFLT	14
#define PGEX_W		0x02

static void
read_byte(void *arg)
{
	(void)*(volatile uint8_t *)arg;
}

static void
write_byte(void *arg)
{
	*(volatile uint8_t *)arg = 0x5a;
}

/* Does touching va (reading, or writing) page-fault at va? */
static bool
faults_at(void (*fn)(void *), vm_offset_t va)
{
	uint64_t trapno, addr, err;

	if (!cpu_expect_fault(fn, (void *)va, &trapno, &addr, &err))
		return (false);
	return (trapno == T_PAGEFLT && addr == va);
}

KTEST(kmem, malloc_is_mapped_and_free_unmaps)
{
	vm_size_t size = 3 * PAGE_SIZE;
	vm_offset_t va;
	uint8_t *p;
	u_int i;

	va = kmem_malloc(size, M_WAITOK | M_ZERO);
	KT_ASSERT(kt, va != 0);
	KT_EXPECT(kt, va >= VM_MIN_KERNEL_ADDRESS &&
	    va + size <= VM_MAX_KERNEL_ADDRESS);
	KT_EXPECT_EQ(kt, va & PAGE_MASK, 0);
	p = (uint8_t *)va;
	for (i = 0; i < size; i++)
		KT_ASSERT_EQ(kt, p[i], 0);
	for (i = 0; i < size; i++)
		p[i] = (uint8_t)(i * 7);
	for (i = 0; i < size; i++)
		KT_ASSERT_EQ(kt, p[i], (uint8_t)(i * 7));
	for (i = 0; i < 3; i++)
		KT_EXPECT(kt, pmap_kextract(va + ptoa(i)) != 0);
	kmem_free(va, size);
	for (i = 0; i < 3; i++) {
		KT_EXPECT(kt, pmap_kextract(va + ptoa(i)) == 0);
		KT_EXPECT(kt, faults_at(read_byte, va + ptoa(i) + 100));
	}
	KT_EXPECT(kt, faults_at(write_byte, va));
}

KTEST(kmem, page_counts_back_to_baseline)
{
	vm_size_t size = 64 * PAGE_SIZE;
	u_int free0, wire0;
	vm_offset_t va;

	/* A first round lets page tables and boundary tags settle. */
	kmem_free(kmem_malloc(size, M_WAITOK), size);
	free0 = vm_cnt.v_free_count;
	wire0 = vm_cnt.v_wire_count;
	va = kmem_malloc(size, M_WAITOK);
	KT_ASSERT(kt, va != 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0 - 64);
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wire0 + 64);
	kmem_free(va, size);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	KT_EXPECT_EQ(kt, vm_cnt.v_wire_count, wire0);
	KT_EXPECT(kt, vmem_check(kernel_arena));
}

KTEST(kmem, zero_after_dirty_reuse)
{
	vm_size_t size = 5 * PAGE_SIZE;
	vm_offset_t va;
	uint8_t *p;
	u_int i;

	va = kmem_malloc(size, M_WAITOK);
	KT_ASSERT(kt, va != 0);
	memset((void *)va, 0xff, size);
	kmem_free(va, size);
	va = kmem_malloc(size, M_WAITOK | M_ZERO);
	KT_ASSERT(kt, va != 0);
	p = (uint8_t *)va;
	for (i = 0; i < size; i++)
		KT_ASSERT_EQ(kt, p[i], 0);
	kmem_free(va, size);
}

KTEST(kmem, kstack_guard_page_faults)
{
	u_int free0, i;
	vm_offset_t ks;
	uint8_t *p;

	kstack_free(kstack_alloc(KSTACK_PAGES), KSTACK_PAGES);
	free0 = vm_cnt.v_free_count;
	ks = kstack_alloc(KSTACK_PAGES);
	KT_ASSERT(kt, ks != 0);
	KT_EXPECT_EQ(kt, ks & PAGE_MASK, 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0 - KSTACK_PAGES);
	/* The whole stack is writable, top to bottom. */
	p = (uint8_t *)ks;
	for (i = 0; i < ptoa(KSTACK_PAGES); i += 64)
		p[i] = (uint8_t)i;
	p[ptoa(KSTACK_PAGES) - 1] = 1;
	KT_EXPECT(kt, !faults_at(write_byte, ks));
	/* Just below it, and anywhere in the guard page, faults. */
	KT_EXPECT(kt, pmap_kextract(ks - PAGE_SIZE) == 0);
	KT_EXPECT(kt, faults_at(write_byte, ks - 1));
	KT_EXPECT(kt, faults_at(write_byte, ks - 8));
	KT_EXPECT(kt, faults_at(read_byte, ks - PAGE_SIZE));
	kstack_free(ks, KSTACK_PAGES);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	KT_EXPECT(kt, faults_at(read_byte, ks));
}

KTEST(kmem, kva_is_bare_address_space)
{
	vm_offset_t va;
	vm_page_t m;

	va = kva_alloc(2 * PAGE_SIZE);
	KT_ASSERT(kt, va != 0);
	KT_EXPECT(kt, faults_at(read_byte, va));
	KT_EXPECT(kt, faults_at(read_byte, va + PAGE_SIZE));
	m = vm_page_alloc_noobj(VM_ALLOC_WAITOK | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO);
	pmap_kenter(va + PAGE_SIZE, VM_PAGE_TO_PHYS(m));
	KT_EXPECT_EQ(kt, *(volatile uint64_t *)(va + PAGE_SIZE), 0);
	KT_EXPECT_EQ(kt, pmap_kextract(va + PAGE_SIZE), VM_PAGE_TO_PHYS(m));
	pmap_kremove(va + PAGE_SIZE);
	vm_page_free(m);
	KT_EXPECT(kt, faults_at(read_byte, va + PAGE_SIZE));
	kva_free(va, 2 * PAGE_SIZE);
}

/* Out of address space: M_NOWAIT fails at once. */
KTEST(kmem, nowait_without_address_space_fails)
{
	vm_size_t size0 = vmem_size(kernel_arena, VMEM_ALLOC);

	KT_EXPECT_EQ(kt, kmem_malloc(VM_MAX_KERNEL_ADDRESS -
	    VM_MIN_KERNEL_ADDRESS + PAGE_SIZE, M_NOWAIT), 0);
	KT_EXPECT_EQ(kt, kva_alloc(VM_MAX_KERNEL_ADDRESS -
	    VM_MIN_KERNEL_ADDRESS), 0);
	KT_EXPECT_EQ(kt, vmem_size(kernel_arena, VMEM_ALLOC), size0);
}

/*
 * Out of pages half-way: M_NOWAIT gives back the pages it got and the
 * addresses, then returns 0.  The free pages are drained (held in
 * blocks, largest first) down to 3 for an 8-page request.
 */
KTEST(kmem, nowait_without_pages_unwinds)
{
	static struct {
		vm_page_t	m;
		int		order;
	} held[2048];
	vm_size_t size = 8 * PAGE_SIZE, inuse0;
	u_int free0, n;
	vm_page_t m;
	int order;

	kmem_free(kmem_malloc(size, M_WAITOK), size);	/* page tables */
	n = 0;
	for (order = VM_NFREEORDER - 1; order >= 0; order--) {
		while (vm_cnt.v_free_count >= 3 + (1u << order)) {
			m = vm_phys_alloc_pages(order);
			if (m == NULL)
				break;
			KT_ASSERT(kt, n < nitems(held));
			held[n].m = m;
			held[n++].order = order;
		}
	}
	free0 = vm_cnt.v_free_count;
	inuse0 = vmem_size(kernel_arena, VMEM_ALLOC);
	KT_EXPECT(kt, free0 < 8);
	KT_EXPECT_EQ(kt, kmem_malloc(size, M_NOWAIT), 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	KT_EXPECT_EQ(kt, vmem_size(kernel_arena, VMEM_ALLOC), inuse0);
	KT_EXPECT_EQ(kt, kstack_alloc(KSTACK_PAGES), 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, free0);
	while (n > 0) {
		n--;
		vm_phys_free_pages(held[n].m, held[n].order);
	}
	KT_EXPECT(kt, vmem_check(kernel_arena));
}
