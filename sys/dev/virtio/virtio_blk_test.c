/*
 * virtio_blk_test.c: in-kernel tests of the virtio block driver through
 * the disk layer, on the boot image (tools/mkimage.sh: MBR, partition 1
 * ext2 from LBA 2048, partition 2 reserved for swap and unused, so its
 * sectors may be scribbled on).  Skipped without a virtio disk.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/disk.h>
#include <sys/kthread.h>
#include <sys/ktest.h>
#include <sys/libkern.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/systm.h>
#include <sys/time.h>

#include <machine/atomic.h>

#include <dev/virtio/virtio_blk.h>

#define VT_NTHREADS	4
#define VT_ROUNDS	8
#define VT_NSECT	24

/* The partition name of the virtio disk, or skip. */
static struct disk *
vt_part(struct ktest_ctx *kt, int n)
{
	char name[DISK_NAMELEN];
	struct disk *d;

	d = vtblk_disk();
	if (d == NULL)
		KT_SKIP(kt, "no virtio-blk device (booted with if=ide?)");
	snprintf(name, sizeof(name), "%ss%d", d->d_name, n);
	d = disk_lookup(name);
	KT_ASSERT(kt, d != NULL);
	return (d);
}

KTEST(disk, mbr)
{
	struct disk *d, *p;
	uint8_t *buf;

	p = vt_part(kt, 1);
	d = vtblk_disk();
	buf = malloc(512, M_TEMP, M_WAITOK);
	KT_ASSERT_EQ(kt, disk_read(d, 0, buf, 1), 0);
	KT_EXPECT_EQ(kt, buf[510], 0x55);
	KT_EXPECT_EQ(kt, buf[511], 0xaa);
	KT_EXPECT_EQ(kt, p->d_offset, 2048);
	KT_EXPECT_EQ(kt, p->d_parttype, 0x83);
	free(buf, M_TEMP);
}

KTEST(disk, ext2_superblock)
{
	struct disk *p;
	uint8_t *buf;

	p = vt_part(kt, 1);
	buf = malloc(1024, M_TEMP, M_WAITOK);
	/* The superblock is at byte 1024 of the partition; magic at 56. */
	KT_ASSERT_EQ(kt, disk_read(p, 2, buf, 2), 0);
	KT_EXPECT_EQ(kt, buf[56] | buf[57] << 8, 0xef53);
	free(buf, M_TEMP);
}

static struct mtx vt_mtx;
static volatile int vt_finished;
static volatile int vt_errors;
static uint8_t *vt_ref;

/* A reader: VT_ROUNDS reads of its own sectors, compared to vt_ref. */
static void
vt_reader(void *arg)
{
	int id = (int)(uintptr_t)arg, r, off;
	struct disk *p = disk_lookup("disk0s1");
	uint8_t *buf;

	buf = malloc(VT_NSECT * 512, M_TEMP, M_WAITOK);
	for (r = 0; r < VT_ROUNDS; r++) {
		off = (id * 7 + r * 3) % (4 * VT_NSECT);
		memset(buf, 0, VT_NSECT * 512);
		if (p == NULL || disk_read(p, off, buf, VT_NSECT) != 0 ||
		    memcmp(buf, vt_ref + off * 512, VT_NSECT * 512) != 0)
			atomic_add_int((volatile u_int *)&vt_errors, 1);
	}
	free(buf, M_TEMP);
	mtx_lock(&vt_mtx);
	vt_finished++;
	wakeup(__DEVOLATILE(void *, &vt_finished));
	mtx_unlock(&vt_mtx);
	kthread_exit();
}

KTEST(virtio, concurrent_reads)
{
	u_long intrs0, intrs, maxin;
	struct disk *p;
	uint64_t end;
	u_int inflight;
	int i;

	p = vt_part(kt, 1);
	KT_ASSERT_EQ(kt, strcmp(p->d_name, "disk0s1"), 0);
	vt_ref = malloc(5 * VT_NSECT * 512, M_TEMP, M_WAITOK);
	KT_ASSERT_EQ(kt, disk_read(p, 0, vt_ref, 5 * VT_NSECT), 0);
	vtblk_stats(&intrs0, &inflight, &maxin, true);
	mtx_init(&vt_mtx, "vt test", NULL, MTX_DEF);
	vt_finished = vt_errors = 0;
	/*
	 * Under TCG a request often completes before the next thread
	 * runs: hold the notifications until every reader has queued its
	 * first request (or 2 s passed), so they are surely in flight
	 * together.
	 */
	vtblk_plug(true);
	for (i = 0; i < VT_NTHREADS; i++)
		KT_ASSERT_EQ(kt, kthread_add(vt_reader, (void *)(uintptr_t)i,
		    NULL, PRI_KERN, "vtread%d", i), 0);
	end = ticks + 2 * hz;
	do {
		pause("vtplug", 1);
		vtblk_stats(&intrs, &inflight, &maxin, false);
	} while (inflight < VT_NTHREADS && ticks < end);
	vtblk_plug(false);
	KT_EXPECT_EQ(kt, inflight, VT_NTHREADS);
	end = ticks + 20 * hz;
	mtx_lock(&vt_mtx);
	while (vt_finished < VT_NTHREADS && ticks < end)
		(void)msleep(__DEVOLATILE(void *, &vt_finished), &vt_mtx, 0,
		    "vtwait", hz / 10);
	mtx_unlock(&vt_mtx);
	KT_ASSERT_EQ(kt, vt_finished, VT_NTHREADS);
	KT_EXPECT_EQ(kt, vt_errors, 0);
	vtblk_stats(&intrs, &inflight, &maxin, false);
	KT_EXPECT(kt, intrs > intrs0);
	printf("vtblk: %lu interrupts, at most %lu requests in flight\n",
	    intrs - intrs0, maxin);
	KT_EXPECT(kt, maxin >= VT_NTHREADS);
	free(vt_ref, M_TEMP);
}

KTEST(virtio, write_swap)
{
	uint8_t *save, *pat, *back;
	struct disk *p;
	int i;

	p = vt_part(kt, 2);
	save = malloc(3 * 4096, M_TEMP, M_WAITOK);
	pat = save + 4096;
	back = pat + 4096;
	/* Unaligned: 8 sectors from sector 5 of the swap partition. */
	KT_ASSERT_EQ(kt, disk_read(p, 5, save, 8), 0);
	for (i = 0; i < 4096; i++)
		pat[i] = (uint8_t)(i * 7 + 3);
	KT_ASSERT_EQ(kt, disk_write(p, 5, pat, 8), 0);
	KT_ASSERT_EQ(kt, disk_flush(p), 0);
	memset(back, 0, 4096);
	KT_ASSERT_EQ(kt, disk_read(p, 5, back, 8), 0);
	KT_EXPECT(kt, memcmp(pat, back, 4096) == 0);
	KT_EXPECT_EQ(kt, disk_write(p, 5, save, 8), 0);
	free(save, M_TEMP);
}

KTEST(disk, out_of_range)
{
	struct disk *p;
	uint8_t *buf;

	p = vt_part(kt, 2);
	buf = malloc(1024, M_TEMP, M_WAITOK);
	KT_EXPECT_EQ(kt, disk_read(p, p->d_nsectors, buf, 1), EINVAL);
	KT_EXPECT_EQ(kt, disk_read(p, p->d_nsectors - 1, buf, 2), EINVAL);
	KT_EXPECT_EQ(kt, disk_write(p, p->d_nsectors, buf, 1), EINVAL);
	KT_EXPECT_EQ(kt, disk_read(p, 0, buf, 0), EINVAL);
	KT_EXPECT_EQ(kt, disk_read(p, ~0ull, buf, 1), EINVAL);
	KT_EXPECT_EQ(kt, disk_read(vtblk_disk(), vtblk_disk()->d_nsectors,
	    buf, 1), EINVAL);
	KT_EXPECT_EQ(kt, disk_read(p, p->d_nsectors - 1, buf, 1), 0);
	free(buf, M_TEMP);
}

/*
 * A benchmark, not a check: read the whole swap partition sequentially
 * in 64 KiB requests and print the rate (the data is not compared).
 */
KTEST(virtio, seq_read_rate)
{
	uint64_t t0, ns, lba;
	struct disk *p;
	uint8_t *buf;
	u_int n;

	p = vt_part(kt, 2);
	buf = malloc(65536, M_TEMP, M_WAITOK);
	t0 = nanouptime_ns();
	for (lba = 0; lba < p->d_nsectors; lba += n) {
		n = (u_int)MIN(128, p->d_nsectors - lba);
		KT_ASSERT_EQ(kt, disk_read(p, lba, buf, n), 0);
	}
	ns = nanouptime_ns() - t0;
	printf("vtblk: read %lu KiB sequentially in %lu ms: %lu KiB/s\n",
	    p->d_nsectors / 2, ns / 1000000,
	    ns == 0 ? 0 : p->d_nsectors / 2 * 1000000000ul / ns);
	free(buf, M_TEMP);
}
