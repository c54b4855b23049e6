/*
 * vnode_pager_test.c: in-kernel tests of the vnode pager and file
 * mappings, on a fake file: a vnode whose VOP_BMAP maps its blocks onto
 * a RAM disk (a struct disk whose strategy copies memory), so the
 * generic getpages and putpages run for real, block by block.  The
 * vnode's v_usecount shows the references mappings hold.  Faults run on
 * real vmspaces (vm_fault), as in vm_fault_test.c; a user store is a
 * write through the direct map plus the PTE's dirty bit, which is what
 * the MMU would leave.
 *
 * Cases: read/write through the pages and short reads at EOF; holes and
 * 1 KiB blocks; a shared mapping's stores seen by read and the reverse,
 * one physical page in two address spaces; private copy-on-write over
 * the file (a page not yet copied shows later writes); SIGBUS past EOF
 * (ENXIO) and on I/O errors (EIO); truncation of a mapped file;
 * page_clean writing exactly the dirty pages in clusters, including
 * ones dirtied only in the page tables, and after munmap; MS_INVALIDATE;
 * read-ahead; vn_mmap's protections; reference counts back to baseline.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/disk.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/sysctl.h>
#include <sys/uio.h>
#include <sys/vmmeter.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_fault.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vm_pager.h>
#include <vm/vnode_pager.h>

#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/vmparam.h>

static MALLOC_DEFINE(M_VNPTEST, "vnptest", "vnode pager tests");

#define VA0		0x20000000ul
#define TV_NBLOCKS	256		/* file blocks the fake file may have */
#define TV_DISKBLKS	(TV_NBLOCKS + 16)
#define TV_BASE		8		/* device block of file block 0 */

/* A fake file: vnode, mount, RAM disk, and a block map with holes. */
struct tvnode {
	struct vnode	tv_vnode;	/* first: a vnode pointer is ours */
	struct mount	tv_mount;
	struct disk	tv_disk;
	uint8_t		*tv_ram;	/* TV_DISKBLKS blocks */
	u_int		tv_bsize;
	bool		tv_hole[TV_NBLOCKS];
	bool		tv_fail;	/* the disk fails every request */
	int		tv_putcalls;	/* VOP_PUTPAGES calls */
	int		tv_putpages;	/* pages they were given */
	int		tv_getcalls;	/* VOP_GETPAGES calls */
	off_t		tv_size;	/* for VOP_GETATTR */
};

static int
tv_strategy(struct disk *d, int cmd, uint64_t lba, void *buf, u_int nsect)
{
	struct tvnode *tv = d->d_softc;
	size_t off = lba * 512, len = (size_t)nsect * 512;

	if (tv->tv_fail)
		return (EIO);
	if (cmd == BIO_READ)
		memcpy(buf, tv->tv_ram + off, len);
	else if (cmd == BIO_WRITE)
		memcpy(tv->tv_ram + off, buf, len);
	return (0);
}

/* File block lbn is device block TV_BASE + lbn, unless a hole. */
static int
tv_bmap(struct vnode *vp, int64_t lbn, int64_t *bnp, int *runp,
    u_int *bsizep, int flags)
{
	struct tvnode *tv = (struct tvnode *)vp;
	int run = 0;

	*bsizep = tv->tv_bsize;
	if (lbn < 0 || lbn >= TV_NBLOCKS)
		return (EFBIG);
	if (tv->tv_hole[lbn] && (flags & BMAP_ALLOC) != 0)
		tv->tv_hole[lbn] = false;
	if (tv->tv_hole[lbn]) {
		*bnp = -1;
	} else {
		*bnp = TV_BASE + lbn;
		while (lbn + 1 + run < TV_NBLOCKS && !tv->tv_hole[lbn + 1 +
		    run] && run < 3)
			run++;
	}
	if (runp != NULL)
		*runp = run;
	return (0);
}

static int
tv_getpages(struct vnode *vp, vm_page_t *ma, int count)
{
	((struct tvnode *)vp)->tv_getcalls++;
	return (vnode_pager_generic_getpages(vp, ma, count));
}

static int
tv_putpages(struct vnode *vp, vm_page_t *ma, int count, bool sync,
    int *rtvals)
{
	struct tvnode *tv = (struct tvnode *)vp;

	tv->tv_putcalls++;
	tv->tv_putpages += count;
	return (vnode_pager_generic_putpages(vp, ma, count, sync, rtvals));
}

static int
tv_getattr(struct vnode *vp, struct vattr *vap)
{
	memset(vap, 0, sizeof(*vap));
	vap->va_type = vp->v_type;
	vap->va_size = ((struct tvnode *)vp)->tv_size;
	return (0);
}

static const struct vop_vector tv_vops = {
	.vop_bmap = tv_bmap,
	.vop_getpages = tv_getpages,
	.vop_putpages = tv_putpages,
	.vop_getattr = tv_getattr,
};

/*
 * A fake regular file of size bytes with bsize-byte blocks, its device
 * blocks filled with a pattern (byte i of the file = pat(i)), and its
 * object.  The test holds one vnode reference (v_usecount 1).
 */
static uint8_t
pat(off_t off)
{
	return ((uint8_t)(off * 7 + (off >> 12) + 1));
}

static struct tvnode *
tv_create(off_t size, u_int bsize)
{
	struct tvnode *tv;
	size_t i;

	tv = malloc(sizeof(*tv), M_VNPTEST, M_WAITOK | M_ZERO);
	tv->tv_ram = malloc((size_t)TV_DISKBLKS * bsize, M_VNPTEST, M_WAITOK);
	tv->tv_bsize = bsize;
	for (i = 0; i < (size_t)TV_NBLOCKS * bsize; i++)
		tv->tv_ram[TV_BASE * bsize + i] = pat((off_t)i);
	tv->tv_disk.d_sectorsize = 512;
	tv->tv_disk.d_nsectors = (uint64_t)TV_DISKBLKS * bsize / 512;
	tv->tv_disk.d_strategy = tv_strategy;
	tv->tv_disk.d_softc = tv;
	tv->tv_disk.d_maxsect = 64;
	tv->tv_mount.mnt_disk = &tv->tv_disk;
	tv->tv_vnode.v_type = VREG;
	tv->tv_vnode.v_op = &tv_vops;
	tv->tv_vnode.v_mount = &tv->tv_mount;
	mtx_init(&tv->tv_vnode.v_interlock, "tvnode", NULL, MTX_DEF);
	sx_init(&tv->tv_vnode.v_lock, "tvnode");
	tv->tv_vnode.v_usecount = 1;
	tv->tv_size = size;
	(void)vnode_create_vobject(&tv->tv_vnode, size);
	return (tv);
}

static void
tv_destroy(struct tvnode *tv)
{
	vnode_destroy_vobject(&tv->tv_vnode);
	sx_destroy(&tv->tv_vnode.v_lock);
	mtx_destroy(&tv->tv_vnode.v_interlock);
	free(tv->tv_ram, M_VNPTEST);
	free(tv, M_VNPTEST);
}

/* The file's byte off as the disk holds it. */
static uint8_t
tv_disk_byte(struct tvnode *tv, off_t off)
{
	return (tv->tv_ram[TV_BASE * tv->tv_bsize + off]);
}

static vm_object_t
tv_object(struct tvnode *tv)
{
	return (tv->tv_vnode.v_object);
}

/* vnode_pager_rdwr of len bytes at off, kernel buffer; 0 or errno. */
static int
tv_rdwr(struct tvnode *tv, enum uio_rw rw, void *buf, size_t len, off_t off,
    size_t *residp)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_offset = off,
		.uio_resid = (ssize_t)len, .uio_segflg = UIO_SYSSPACE,
		.uio_rw = rw, .uio_td = curthread,
	};
	int error;

	error = vnode_pager_rdwr(&tv->tv_vnode, &uio, 0);
	if (residp != NULL)
		*residp = (size_t)uio.uio_resid;
	return (error);
}

/* Clean the whole file, as msync(MS_SYNC) would; 0 or EIO. */
static int
tv_clean(struct tvnode *tv, int flags)
{
	return (vm_object_page_clean(tv_object(tv), 0, 0, flags));
}

static struct vmspace *
mkvm(void)
{
	return (vmspace_alloc(PAGE_SIZE, VM_MAXUSER_ADDRESS));
}

/* Map [off, off + len) of the file at VA0 (shared, or private). */
static int
tv_map(struct vmspace *vm, struct tvnode *tv, vm_ooffset_t off, vm_size_t len,
    bool shared)
{
	vm_offset_t addr = VA0;
	int error;

	vm_object_reference(tv_object(tv));
	error = vm_map_find(&vm->vm_map, tv_object(tv), off, &addr, len, 0,
	    VMFS_NO_SPACE, VM_PROT_RW, VM_PROT_ALL,
	    shared ? MAP_INHERIT_SHARE : MAP_COPY_ON_WRITE);
	if (error != 0)
		vm_object_deallocate(tv_object(tv));
	return (error);
}

static volatile uint8_t *
byte_at(struct vmspace *vm, vm_offset_t va)
{
	vm_paddr_t pa = pmap_extract(&vm->vm_pmap, va);

	if (pa == 0)
		return (NULL);
	return ((volatile uint8_t *)PHYS_TO_DMAP(pa));
}

/* A user store of c at va: the byte, and the PTE's dirty bit. */
static void
user_store(struct vmspace *vm, vm_offset_t va, uint8_t c)
{
	pt_entry_t *pte = pmap_pte(&vm->vm_pmap, va);

	*byte_at(vm, va) = c;
	__atomic_fetch_or(pte, PG_M | PG_A, __ATOMIC_SEQ_CST);
}

/* The page of the file's object at pindex, or NULL. */
static vm_page_t
tv_page(struct tvnode *tv, vm_pindex_t pindex)
{
	vm_page_t m;

	VM_OBJECT_WLOCK(tv_object(tv));
	m = vm_page_lookup(tv_object(tv), pindex);
	VM_OBJECT_WUNLOCK(tv_object(tv));
	return (m);
}

/* read and write go through the pages; a read stops at EOF. */
KTEST(vnode_pager, rdwr)
{
	struct tvnode *tv = tv_create(3 * PAGE_SIZE + 100, 4096);
	uint8_t *buf = malloc(4 * PAGE_SIZE, M_VNPTEST, M_WAITOK);
	size_t resid, i;
	bool same = true;

	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, buf, 4 * PAGE_SIZE, 0,
	    &resid), 0);
	KT_EXPECT_EQ(kt, resid, PAGE_SIZE - 100);	/* short at EOF */
	for (i = 0; i < 3 * PAGE_SIZE + 100; i++)
		same = same && buf[i] == pat((off_t)i);
	KT_EXPECT(kt, same);
	/* Read-ahead: the whole file came in one request. */
	KT_EXPECT_EQ(kt, tv->tv_getcalls, 1);
	KT_EXPECT_EQ(kt, tv_object(tv)->resident_page_count, 4);

	memset(buf, 'w', 300);
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_WRITE, buf, 300, PAGE_SIZE - 100,
	    NULL), 0);
	KT_EXPECT(kt, tv_page(tv, 0)->dirty != 0);
	KT_EXPECT(kt, tv_page(tv, 1)->dirty != 0);
	KT_EXPECT_EQ(kt, tv_page(tv, 2)->dirty, 0);
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, PAGE_SIZE), pat(PAGE_SIZE));
	memset(buf, 0, 400);
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, buf, 400, PAGE_SIZE - 150,
	    NULL), 0);
	KT_EXPECT_EQ(kt, buf[49], pat(PAGE_SIZE - 101));
	KT_EXPECT_EQ(kt, buf[50], 'w');
	KT_EXPECT_EQ(kt, buf[349], 'w');
	KT_EXPECT_EQ(kt, buf[350], pat(PAGE_SIZE + 200));

	/* Written back: two pages in one cluster; the disk has it. */
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv->tv_putcalls, 1);
	KT_EXPECT_EQ(kt, tv->tv_putpages, 2);
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, PAGE_SIZE), 'w');
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, PAGE_SIZE + 200), pat(PAGE_SIZE +
	    200));
	KT_EXPECT_EQ(kt, tv_page(tv, 0)->dirty, 0);
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv->tv_putcalls, 1);	/* nothing dirty */
	free(buf, M_VNPTEST);
	tv_destroy(tv);
}

/* 1 KiB blocks with holes: holes read zeros, and get blocks on write. */
KTEST(vnode_pager, holes_small_blocks)
{
	struct tvnode *tv = tv_create(2 * PAGE_SIZE, 1024);
	uint8_t buf[8];

	tv->tv_hole[1] = true;		/* bytes 1024..2047 */
	tv->tv_hole[5] = true;		/* bytes 5120..6143 */
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, buf, 4, 1000, NULL), 0);
	KT_EXPECT_EQ(kt, buf[0], pat(1000));
	KT_EXPECT_EQ(kt, buf[3], pat(1003));
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, buf, 8, 1020, NULL), 0);
	KT_EXPECT_EQ(kt, buf[3], pat(1023));
	KT_EXPECT_EQ(kt, buf[4], 0);			/* the hole */
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, buf, 1, 2048, NULL), 0);
	KT_EXPECT_EQ(kt, buf[0], pat(2048));
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, buf, 1, 5200, NULL), 0);
	KT_EXPECT_EQ(kt, buf[0], 0);

	buf[0] = 'h';
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_WRITE, buf, 1, 5200, NULL), 0);
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT(kt, !tv->tv_hole[5]);		/* BMAP_ALLOC gave it one */
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, 5200), 'h');
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, 5121), 0);	/* the hole's zeros */
	tv_destroy(tv);
}

/*
 * A shared mapping: the store reaches read(), write() reaches the
 * mapping, two address spaces map the same physical page.
 */
KTEST(vnode_pager, shared_mapping)
{
	struct tvnode *tv = tv_create(4 * PAGE_SIZE, 4096);
	struct vmspace *vm1 = mkvm(), *vm2 = mkvm();
	u_long cached0, cached;
	size_t len = sizeof(cached0);
	uint8_t c;

	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.stats.object.vnode_pages",
	    &cached0, &len, NULL, 0), 0);
	KT_ASSERT_EQ(kt, tv_map(vm1, tv, 0, 4 * PAGE_SIZE, true), 0);
	KT_ASSERT_EQ(kt, tv_map(vm2, tv, 0, 4 * PAGE_SIZE, true), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm1->vm_map, VA0 + PAGE_SIZE + 8,
	    VM_PROT_WRITE, 0), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm2->vm_map, VA0 + PAGE_SIZE,
	    VM_PROT_READ, 0), 0);
	KT_EXPECT_EQ(kt, pmap_extract(&vm1->vm_pmap, VA0 + PAGE_SIZE),
	    pmap_extract(&vm2->vm_pmap, VA0 + PAGE_SIZE));
	KT_EXPECT_EQ(kt, pmap_extract(&vm1->vm_pmap, VA0 + PAGE_SIZE),
	    VM_PAGE_TO_PHYS(tv_page(tv, 1)));
	KT_EXPECT_EQ(kt, *byte_at(vm2, VA0 + PAGE_SIZE + 8),
	    pat(PAGE_SIZE + 8));
	/* One cached page per file page, however many map it. */
	len = sizeof(cached);
	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.stats.object.vnode_pages",
	    &cached, &len, NULL, 0), 0);
	KT_EXPECT_EQ(kt, cached - cached0,
	    (u_long)tv_object(tv)->resident_page_count);
	KT_EXPECT_EQ(kt, tv_object(tv)->resident_page_count, 3);

	user_store(vm1, VA0 + PAGE_SIZE + 8, 'S');
	KT_EXPECT_EQ(kt, *byte_at(vm2, VA0 + PAGE_SIZE + 8), 'S');
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, &c, 1, PAGE_SIZE + 8, NULL), 0);
	KT_EXPECT_EQ(kt, c, 'S');
	c = 'W';
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_WRITE, &c, 1, PAGE_SIZE + 9, NULL),
	    0);
	KT_EXPECT_EQ(kt, *byte_at(vm1, VA0 + PAGE_SIZE + 9), 'W');
	KT_EXPECT_EQ(kt, *byte_at(vm2, VA0 + PAGE_SIZE + 9), 'W');

	vmspace_free(vm2);
	vmspace_free(vm1);
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, PAGE_SIZE + 8), 'S');
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, PAGE_SIZE + 9), 'W');
	tv_destroy(tv);
}

/*
 * A private mapping: copy-on-write over the file's pages.  A read maps
 * the file's own page read-only, so later writes to the file show; a
 * store copies, after which the file and the copy go their ways.
 */
KTEST(vnode_pager, private_cow)
{
	struct tvnode *tv = tv_create(2 * PAGE_SIZE, 4096);
	struct vmspace *vm = mkvm();
	vm_paddr_t file_pa;
	uint8_t c;

	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 2 * PAGE_SIZE, false), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0, VM_PROT_READ, 0), 0);
	file_pa = VM_PAGE_TO_PHYS(tv_page(tv, 0));
	KT_EXPECT_EQ(kt, pmap_extract(&vm->vm_pmap, VA0), file_pa);
	KT_EXPECT_EQ(kt, *pmap_pte(&vm->vm_pmap, VA0) & PG_RW, 0);

	c = 'F';		/* not yet copied: the file's write shows */
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_WRITE, &c, 1, 5, NULL), 0);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + 5), 'F');

	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	KT_EXPECT(kt, pmap_extract(&vm->vm_pmap, VA0) != file_pa);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + 5), 'F');	/* the copy */
	user_store(vm, VA0 + 6, 'P');
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, &c, 1, 6, NULL), 0);
	KT_EXPECT_EQ(kt, c, pat(6));			/* file unchanged */
	c = 'G';
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_WRITE, &c, 1, 5, NULL), 0);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + 5), 'F');	/* copied before */

	/* A write fault on a page never read copies straight from disk. */
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + PAGE_SIZE,
	    VM_PROT_WRITE, 0), 0);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + PAGE_SIZE + 1),
	    pat(PAGE_SIZE + 1));
	KT_EXPECT(kt, pmap_extract(&vm->vm_pmap, VA0 + PAGE_SIZE) !=
	    VM_PAGE_TO_PHYS(tv_page(tv, 1)));
	KT_EXPECT_EQ(kt, tv_page(tv, 1)->dirty, 0);
	vmspace_free(vm);
	tv_destroy(tv);
}

/* Past EOF: the tail of the last page is zeros; the next page SIGBUS. */
KTEST(vnode_pager, past_eof_and_errors)
{
	struct tvnode *tv = tv_create(PAGE_SIZE + 100, 4096);
	struct vmspace *vm = mkvm();

	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 4 * PAGE_SIZE, true), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + PAGE_SIZE,
	    VM_PROT_READ, 0), 0);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + PAGE_SIZE + 99),
	    pat(PAGE_SIZE + 99));
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + PAGE_SIZE + 100), 0);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 2 * PAGE_SIZE,
	    VM_PROT_READ, 0), ENXIO);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 3 * PAGE_SIZE,
	    VM_PROT_WRITE, 0), ENXIO);
	KT_EXPECT(kt, tv_page(tv, 2) == NULL);

	/* Stores past EOF in the last page never reach the file. */
	user_store(vm, VA0 + PAGE_SIZE + 200, 'X');
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, PAGE_SIZE + 200), 0);

	/* An I/O error: EIO (SIGBUS BUS_OBJERR), no page left behind. */
	vmspace_free(vm);
	vm = mkvm();
	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 4 * PAGE_SIZE, true), 0);
	tv->tv_fail = true;
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0, VM_PROT_READ, 0), EIO);
	KT_EXPECT(kt, tv_page(tv, 0) == NULL);
	tv->tv_fail = false;
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0, VM_PROT_READ, 0), 0);
	vmspace_free(vm);
	tv_destroy(tv);
}

/* Truncating a mapped file unmaps the pages past the new end. */
KTEST(vnode_pager, shrink_mapped)
{
	struct tvnode *tv = tv_create(4 * PAGE_SIZE, 4096);
	struct vmspace *vm = mkvm();
	int i;

	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 4 * PAGE_SIZE, true), 0);
	for (i = 0; i < 4; i++)
		KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + i * PAGE_SIZE,
		    VM_PROT_WRITE, 0), 0);
	sx_xlock(&tv->tv_vnode.v_lock);
	vnode_pager_setsize(&tv->tv_vnode, PAGE_SIZE + 10);
	sx_xunlock(&tv->tv_vnode.v_lock);
	KT_EXPECT(kt, byte_at(vm, VA0) != NULL);
	KT_EXPECT(kt, byte_at(vm, VA0 + PAGE_SIZE) != NULL);
	KT_EXPECT(kt, byte_at(vm, VA0 + 2 * PAGE_SIZE) == NULL);
	KT_EXPECT(kt, byte_at(vm, VA0 + 3 * PAGE_SIZE) == NULL);
	KT_EXPECT_EQ(kt, tv_object(tv)->resident_page_count, 2);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + PAGE_SIZE + 9), pat(PAGE_SIZE +
	    9));
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + PAGE_SIZE + 10), 0);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 2 * PAGE_SIZE,
	    VM_PROT_READ, 0), ENXIO);

	/* Growing again: the old tail stays zero, the new pages read. */
	user_store(vm, VA0 + PAGE_SIZE + 20, 'T');
	sx_xlock(&tv->tv_vnode.v_lock);
	vnode_pager_setsize(&tv->tv_vnode, 3 * PAGE_SIZE);
	sx_xunlock(&tv->tv_vnode.v_lock);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + PAGE_SIZE + 20), 0);
	KT_EXPECT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 2 * PAGE_SIZE,
	    VM_PROT_READ, 0), 0);
	vmspace_free(vm);
	tv_destroy(tv);
}

/*
 * page_clean writes exactly the dirty pages, in clusters of consecutive
 * ones, whether dirtied by write(), a write fault, or only a PTE's dirty
 * bit; munmap hands a PTE's dirty bit to the page; MS_INVALIDATE drops
 * the clean pages.
 */
KTEST(vnode_pager, page_clean)
{
	struct tvnode *tv = tv_create(8 * PAGE_SIZE, 4096);
	struct vmspace *vm = mkvm();
	uint8_t c = 'r';
	int i;

	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 8 * PAGE_SIZE, true), 0);
	for (i = 0; i < 8; i++)		/* read faults: mapped, clean */
		KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + i * PAGE_SIZE,
		    VM_PROT_READ, 0), 0);
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv->tv_putcalls, 0);

	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_WRITE, &c, 1, 0, NULL), 0);
	user_store(vm, VA0 + PAGE_SIZE, 'u');		/* PTE only */
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 2 * PAGE_SIZE,
	    VM_PROT_WRITE, 0), 0);
	user_store(vm, VA0 + 5 * PAGE_SIZE, 'v');
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv->tv_putcalls, 2);		/* [0, 3) and [5] */
	KT_EXPECT_EQ(kt, tv->tv_putpages, 4);
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, 0), 'r');
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, PAGE_SIZE), 'u');
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, 5 * PAGE_SIZE), 'v');
	for (i = 0; i < 8; i++)
		KT_EXPECT_EQ(kt, tv_page(tv, i)->dirty, 0);
	/* Write-protected by the clean: the next store faults again. */
	KT_EXPECT_EQ(kt, *pmap_pte(&vm->vm_pmap, VA0 + PAGE_SIZE) & PG_RW,
	    0);
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv->tv_putcalls, 2);

	/* munmap of a page dirty only in its PTE: the object keeps it. */
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 7 * PAGE_SIZE,
	    VM_PROT_WRITE, 0), 0);
	tv_page(tv, 7)->dirty = 0;	/* as if cleaned after the fault */
	user_store(vm, VA0 + 7 * PAGE_SIZE + 1, 'm');
	KT_ASSERT_EQ(kt, vm_map_remove(&vm->vm_map, VA0, VA0 + 8 * PAGE_SIZE),
	    0);
	KT_EXPECT(kt, tv_page(tv, 7)->dirty != 0);
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC), 0);
	KT_EXPECT_EQ(kt, tv->tv_putcalls, 3);
	KT_EXPECT_EQ(kt, tv_disk_byte(tv, 7 * PAGE_SIZE + 1), 'm');

	/* MS_INVALIDATE: clean pages go; the next access reads the disk. */
	KT_EXPECT_EQ(kt, tv_clean(tv, OBJPC_SYNC | OBJPC_INVAL), 0);
	KT_EXPECT_EQ(kt, tv_object(tv)->resident_page_count, 0);
	tv->tv_ram[TV_BASE * 4096 + 3] = 'd';
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, &c, 1, 3, NULL), 0);
	KT_EXPECT_EQ(kt, c, 'd');
	vmspace_free(vm);
	tv_destroy(tv);
}

/* A sequential fault reads ahead; the neighbours are then mapped. */
KTEST(vnode_pager, fault_readahead)
{
	struct tvnode *tv = tv_create(32 * PAGE_SIZE, 4096);
	struct vmspace *vm = mkvm();
	uint64_t pgsin = vm_cnt.v_vnodepgsin, in = vm_cnt.v_vnodein;

	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 32 * PAGE_SIZE, true), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0, VM_PROT_READ, 0), 0);
	KT_EXPECT_EQ(kt, vm_cnt.v_vnodein, in + 1);
	KT_EXPECT_EQ(kt, vm_cnt.v_vnodepgsin, pgsin + 1 + VM_FAULT_READAHEAD);
	KT_EXPECT_EQ(kt, tv_object(tv)->resident_page_count,
	    1 + VM_FAULT_READAHEAD);
	KT_EXPECT(kt, byte_at(vm, VA0 + 3 * PAGE_SIZE) != NULL);
	KT_EXPECT_EQ(kt, *byte_at(vm, VA0 + 3 * PAGE_SIZE + 2),
	    pat(3 * PAGE_SIZE + 2));
	vmspace_free(vm);
	tv_destroy(tv);
}

/*
 * References: each mapping, fork copy and shadow holds one on the
 * vnode through the object; all of them back at the end.  The object
 * outlives its last reference (the file's cache) until reclaimed.
 */
KTEST(vnode_pager, references)
{
	struct tvnode *tv = tv_create(2 * PAGE_SIZE, 4096);
	struct vmspace *vm, *child;
	vm_object_t object = tv_object(tv);

	KT_EXPECT_EQ(kt, object->ref_count, 0);
	vm = mkvm();
	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 2 * PAGE_SIZE, false), 0);
	KT_EXPECT_EQ(kt, tv->tv_vnode.v_usecount, 2);
	child = vmspace_fork(vm);
	KT_ASSERT(kt, child != NULL);
	KT_EXPECT_EQ(kt, tv->tv_vnode.v_usecount, 3);
	KT_ASSERT_EQ(kt, vm_fault(&child->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0, VM_PROT_WRITE, 0), 0);
	KT_EXPECT_EQ(kt, object->shadow_count, 2);
	KT_EXPECT_EQ(kt, tv->tv_vnode.v_usecount, 3);
	VM_OBJECT_WLOCK(object);
	KT_EXPECT(kt, vm_object_check(object));
	VM_OBJECT_WUNLOCK(object);
	vmspace_free(child);
	vmspace_free(vm);
	KT_EXPECT_EQ(kt, tv->tv_vnode.v_usecount, 1);
	KT_EXPECT_EQ(kt, object->ref_count, 0);
	KT_EXPECT(kt, tv_object(tv) == object);		/* still cached */
	KT_EXPECT_EQ(kt, object->resident_page_count, 2);	/* read ahead */
	VM_OBJECT_WLOCK(object);
	KT_EXPECT(kt, vm_object_check(object));
	VM_OBJECT_WUNLOCK(object);
	vnode_destroy_vobject(&tv->tv_vnode);
	KT_EXPECT(kt, tv_object(tv) == NULL);
	tv_destroy(tv);
}

/* vn_mmap: the open mode decides the maximum protection, as Linux. */
KTEST(vnode_pager, vn_mmap_protections)
{
	struct tvnode *tv = tv_create(PAGE_SIZE, 4096);
	struct file f;
	vm_object_t object;
	vm_ooffset_t off = 0;
	vm_prot_t max;

	memset(&f, 0, sizeof(f));
	f.f_vnode = &tv->tv_vnode;
	f.f_flag = FWRITE;			/* O_WRONLY */
	KT_EXPECT_EQ(kt, vn_mmap(&f, PAGE_SIZE, VM_PROT_READ, MAP_SHARED,
	    &off, &max, &object, curthread), EACCES);
	f.f_flag = FREAD;			/* O_RDONLY */
	KT_EXPECT_EQ(kt, vn_mmap(&f, PAGE_SIZE, VM_PROT_RW, MAP_SHARED, &off,
	    &max, &object, curthread), EACCES);
	KT_ASSERT_EQ(kt, vn_mmap(&f, PAGE_SIZE, VM_PROT_READ, MAP_SHARED,
	    &off, &max, &object, curthread), 0);
	KT_EXPECT_EQ(kt, max, VM_PROT_READ | VM_PROT_EXECUTE);
	KT_EXPECT(kt, object == tv_object(tv));
	KT_EXPECT_EQ(kt, tv->tv_vnode.v_usecount, 2);
	vm_object_deallocate(object);
	KT_ASSERT_EQ(kt, vn_mmap(&f, PAGE_SIZE, VM_PROT_RW, MAP_PRIVATE, &off,
	    &max, &object, curthread), 0);
	KT_EXPECT_EQ(kt, max, VM_PROT_ALL);
	vm_object_deallocate(object);
	f.f_flag = FREAD | FWRITE;
	KT_ASSERT_EQ(kt, vn_mmap(&f, PAGE_SIZE, VM_PROT_RW, MAP_SHARED, &off,
	    &max, &object, curthread), 0);
	KT_EXPECT_EQ(kt, max, VM_PROT_ALL);
	vm_object_deallocate(object);
	KT_EXPECT_EQ(kt, tv->tv_vnode.v_usecount, 1);

	/* The object is made from VOP_GETATTR's size when there is none. */
	vnode_destroy_vobject(&tv->tv_vnode);
	tv->tv_size = 3 * PAGE_SIZE + 1;
	KT_ASSERT_EQ(kt, vn_mmap(&f, PAGE_SIZE, VM_PROT_READ, MAP_SHARED,
	    &off, &max, &object, curthread), 0);
	KT_EXPECT_EQ(kt, object->un_pager.vnp.vnp_size, 3 * PAGE_SIZE + 1);
	KT_EXPECT_EQ(kt, object->size, 4);
	vm_object_deallocate(object);

	tv->tv_vnode.v_type = VDIR;
	KT_EXPECT_EQ(kt, vn_mmap(&f, PAGE_SIZE, VM_PROT_READ, MAP_SHARED,
	    &off, &max, &object, curthread), ENODEV);
	tv->tv_vnode.v_type = VREG;
	tv_destroy(tv);
}

/* Reclaim gives back clean, unmapped file pages, and only those. */
KTEST(vnode_pager, reclaim_clean)
{
	struct tvnode *tv = tv_create(8 * PAGE_SIZE, 4096);
	struct vmspace *vm = mkvm();
	uint8_t *buf = malloc(8 * PAGE_SIZE, M_VNPTEST, M_WAITOK);
	uint8_t c;

	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, buf, 8 * PAGE_SIZE, 0, NULL),
	    0);
	free(buf, M_VNPTEST);
	KT_ASSERT_EQ(kt, tv_object(tv)->resident_page_count, 8);
	KT_ASSERT_EQ(kt, tv_map(vm, tv, 0, 8 * PAGE_SIZE, true), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm->vm_map, VA0 + 2 * PAGE_SIZE,
	    VM_PROT_READ, VM_FAULT_NOPREFAULT), 0);
	c = 'd';
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_WRITE, &c, 1, 5 * PAGE_SIZE, NULL),
	    0);
	(void)vnode_pager_reclaim(~0ul);
	KT_EXPECT_EQ(kt, tv_object(tv)->resident_page_count, 2);
	KT_EXPECT(kt, tv_page(tv, 2) != NULL);		/* mapped */
	KT_EXPECT(kt, tv_page(tv, 5) != NULL);		/* dirty */
	KT_ASSERT_EQ(kt, tv_rdwr(tv, UIO_READ, &c, 1, 7 * PAGE_SIZE + 3,
	    NULL), 0);
	KT_EXPECT_EQ(kt, c, pat(7 * PAGE_SIZE + 3));	/* read again */
	vmspace_free(vm);
	tv_destroy(tv);
}
