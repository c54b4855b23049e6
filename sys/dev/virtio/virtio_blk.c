/*
 * virtio_blk.c: virtio block device over the legacy (virtio 0.9.5) PCI
 * I/O-port transport.
 *
 * Choice: QEMU's `-drive if=virtio' is a transitional device (1af4:1001)
 * that still offers the legacy interface in BAR0 (I/O ports); the
 * modern interface (capabilities in configuration space, memory BARs,
 * FEATURES_OK, 64-bit ring addresses) is more work and is left for
 * later.  The transport is the vtblk_io_* accessors and vtblk_setup_vq;
 * the queue code (virtqueue.c) already keeps the split-ring layout a
 * modern transport can give the device as three addresses.
 *
 * Legacy registers (BAR0, no MSI-X): 0x00 device features, 0x04 driver
 * features, 0x08 queue PFN, 0x0c queue size, 0x0e queue select, 0x10
 * queue notify, 0x12 status, 0x13 ISR status (read clears), 0x14 the
 * block configuration (capacity: 64-bit sectors of 512 bytes).
 *
 * A request is a chain: the 16-byte header (type, sector; read by the
 * device), the data buffer cut at physical discontinuities (read or
 * written by it), and the status byte (written).  Headers and status
 * bytes live in one contiguous array indexed by the chain's head
 * descriptor.  The submitting thread sleeps on its request until the
 * interrupt handler dequeues it and wakes it; as many requests are in
 * flight as descriptors allow, and a thread that finds too few free
 * sleeps on the softc until a completion frees some.
 *
 * Interrupts: the INTx line the firmware put in the interrupt line
 * register (an ISA IRQ, 10 or 11 on QEMU's pc machine) goes through
 * intr_setup_irq, which programs the I/O APIC pin from the MADT
 * override: level-triggered, active high, as the PIIX PIRQ links drive
 * it.  The handler reads the ISR status register, which deasserts the
 * line.  One handler per vector: a line shared with another device would
 * fail with EBUSY, and the driver then completes requests by polling.
 *
 * Locks: vtblk_mtx (spin, taken by the handler) protects the queue and
 * the requests' vr_done flags; a waiter holds sched_lock from its last
 * check to its sleep, so a completion's wakeup (which takes sched_lock)
 * cannot be lost.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/disk.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/libkern.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/sched.h>
#include <sys/sleepqueue.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/vm_page.h>

#include <machine/cpufunc.h>
#include <machine/intr_machdep.h>
#include <machine/pmap.h>
#include <machine/vmparam.h>

#include <dev/pci/pci.h>
#include <dev/virtio/virtio_blk.h>
#include <dev/virtio/virtqueue.h>

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_DEV_BLK_LEGACY	0x1001

#define VIRTIO_PCI_HOST_FEATURES	0x00
#define VIRTIO_PCI_GUEST_FEATURES	0x04
#define VIRTIO_PCI_QUEUE_PFN		0x08
#define VIRTIO_PCI_QUEUE_NUM		0x0c
#define VIRTIO_PCI_QUEUE_SEL		0x0e
#define VIRTIO_PCI_QUEUE_NOTIFY		0x10
#define VIRTIO_PCI_STATUS		0x12
#define VIRTIO_PCI_ISR			0x13
#define VIRTIO_PCI_CONFIG		0x14

#define VIRTIO_STATUS_ACK		0x01
#define VIRTIO_STATUS_DRIVER		0x02
#define VIRTIO_STATUS_DRIVER_OK		0x04
#define VIRTIO_STATUS_FAILED		0x80

#define VIRTIO_BLK_F_FLUSH		(1u << 9)

#define VIRTIO_BLK_T_IN			0
#define VIRTIO_BLK_T_OUT		1
#define VIRTIO_BLK_T_FLUSH		4

#define VIRTIO_BLK_S_OK			0

#define VTBLK_MAXSECT	128		/* 64 KiB per request */
#define VTBLK_MAXSEGS	(VTBLK_MAXSECT * 512 / PAGE_SIZE + 3)

struct vtblk_hdr {
	uint32_t	type;
	uint32_t	ioprio;
	uint64_t	sector;
};

/* One request, on the submitter's stack. */
struct vtblk_req {
	volatile bool	vr_done;	/* (v) set by the completion */
	uint8_t		vr_status;	/* (v) the device's status byte */
	uint16_t	vr_head;	/* (v) head descriptor */
};

struct vtblk_softc {
	struct pci_dev	*vtblk_pd;
	uint16_t	vtblk_iobase;	/* (c) BAR0 */
	int		vtblk_irq;	/* (c) -1: polled */
	uint32_t	vtblk_features;	/* (c) negotiated */
	struct mtx	vtblk_mtx;
	struct virtqueue vtblk_vq;	/* (v) */
	struct vtblk_hdr *vtblk_hdrs;	/* (v) per head descriptor */
	uint8_t		*vtblk_status;	/* (v) per head descriptor */
	vm_paddr_t	vtblk_hdrs_pa;	/* (c) */
	vm_paddr_t	vtblk_status_pa; /* (c) */
	u_long		vtblk_intrs;	/* (v) interrupts taken */
	u_long		vtblk_inflight_max; /* (v) most chains in flight */
	u_int		vtblk_inflight;	/* (v) chains in flight */
	bool		vtblk_plugged;	/* (v) hold notifications (tests) */
	struct disk	vtblk_disk;	/* (c) */
};

static struct vtblk_softc *vtblk_sc;

/* Complete every chain the device returned; wake the submitters later. */
static bool
vtblk_complete(struct vtblk_softc *sc)
{
	struct vtblk_req *r;
	bool any = false;

	mtx_assert(&sc->vtblk_mtx, MA_OWNED);
	while ((r = vq_dequeue(&sc->vtblk_vq, NULL)) != NULL) {
		/* Copied now: the head may be reused once it is freed. */
		r->vr_status = sc->vtblk_status[r->vr_head];
		r->vr_done = true;
		sc->vtblk_inflight--;
		any = true;
	}
	return (any);
}

/*
 * vtblk_intr: read (and so clear) the ISR status, complete requests and
 * wake every waiter.  Waiters are woken on their request and on the
 * softc (descriptors freed).
 */
static void
vtblk_intr(void *arg, struct trapframe *tf __unused)
{
	struct vtblk_softc *sc = arg;
	uint8_t isr;

	isr = inb(sc->vtblk_iobase + VIRTIO_PCI_ISR);
	if (isr == 0)
		return;
	mtx_lock_spin(&sc->vtblk_mtx);
	sc->vtblk_intrs++;
	(void)vtblk_complete(sc);
	mtx_unlock_spin(&sc->vtblk_mtx);
	wakeup(sc);
}

/* Tell the device queue 0 has new chains, unless it asked not to. */
static void
vtblk_notify(struct vtblk_softc *sc)
{
	mtx_assert(&sc->vtblk_mtx, MA_OWNED);
	if ((sc->vtblk_vq.vq_used->flags & VRING_USED_F_NO_NOTIFY) == 0)
		outw(sc->vtblk_iobase + VIRTIO_PCI_QUEUE_NOTIFY, 0);
}

/*
 * Wait for completions: sleep on chan (the softc, which every interrupt
 * wakes) or, polled, spin until one arrives.  The caller re-checks its
 * condition.  Called with vtblk_mtx held; returns with it held.
 */
static void
vtblk_wait(struct vtblk_softc *sc, const void *chan)
{
	mtx_assert(&sc->vtblk_mtx, MA_OWNED);
	if (sc->vtblk_irq < 0 || !sched_running()) {
		/* Polled: the device completes on its own; collect. */
		while (!vtblk_complete(sc))
			__builtin_ia32_pause();
		return;
	}
	mtx_lock_spin(&sched_lock);
	mtx_unlock_spin(&sc->vtblk_mtx);
	sleepq_block_locked(chan, "vtblk");
	mtx_unlock_spin(&sched_lock);
	mtx_lock_spin(&sc->vtblk_mtx);
}

/*
 * Append the physical segments of [va, va + len) to segs, after the n
 * there (segs[0], the header, is one of them); returns the new count.
 * Contiguous pages are merged, but only with this buffer's own
 * segments: the header's entry is not filled in yet (its address comes
 * once the head is known), and merging into its stale contents would
 * drop the data from the request.
 */
static u_int
vtblk_data_segs(struct vq_seg *segs, u_int n, void *va, size_t len,
    bool write)
{
	vm_offset_t v = (vm_offset_t)va;
	vm_paddr_t pa;
	size_t chunk;
	u_int first = n;

	while (len > 0) {
		chunk = MIN(len, PAGE_SIZE - (v & PAGE_MASK));
		pa = pmap_kextract(v);
		KASSERT(pa != 0, ("vtblk: unmapped buffer %#lx", v));
		if (n > first && segs[n - 1].vs_paddr + segs[n - 1].vs_len ==
		    pa && segs[n - 1].vs_write == write)
			segs[n - 1].vs_len += chunk;
		else {
			KASSERT(n < VTBLK_MAXSEGS - 1, ("vtblk: too many segs"));
			segs[n].vs_paddr = pa;
			segs[n].vs_len = chunk;
			segs[n].vs_write = write;
			n++;
		}
		v += chunk;
		len -= chunk;
	}
	return (n);
}

/*
 * vtblk_strategy: one request of nsect sectors at lba (or a flush),
 * sleeping until the device completes it.  0, or EIO if the device
 * reports an error, EOPNOTSUPP for a flush it does not offer.
 */
static int
vtblk_strategy(struct disk *d, int cmd, uint64_t lba, void *buf,
    u_int nsect)
{
	struct vtblk_softc *sc = d->d_softc;
	struct vq_seg segs[VTBLK_MAXSEGS];
	struct vtblk_req req;
	struct vtblk_hdr hdr;
	uint16_t head;
	u_int n;
	int error;

	KASSERT(nsect <= VTBLK_MAXSECT, ("vtblk_strategy: %u sectors", nsect));
	memset(&hdr, 0, sizeof(hdr));
	switch (cmd) {
	case BIO_READ:
		hdr.type = VIRTIO_BLK_T_IN;
		break;
	case BIO_WRITE:
		hdr.type = VIRTIO_BLK_T_OUT;
		break;
	case BIO_FLUSH:
		if ((sc->vtblk_features & VIRTIO_BLK_F_FLUSH) == 0)
			return (0);
		hdr.type = VIRTIO_BLK_T_FLUSH;
		break;
	default:
		return (EINVAL);
	}
	hdr.sector = lba;

	/* Header and status addresses are filled once the head is known. */
	n = 1;
	if (cmd != BIO_FLUSH)
		n = vtblk_data_segs(segs, n, buf, (size_t)nsect * 512,
		    cmd == BIO_READ);
	segs[n].vs_len = 1;
	segs[n].vs_write = true;
	n++;
	segs[0].vs_len = sizeof(struct vtblk_hdr);
	segs[0].vs_write = false;

	req.vr_done = false;
	mtx_lock_spin(&sc->vtblk_mtx);
	while (sc->vtblk_vq.vq_nfree < n)
		vtblk_wait(sc, sc);
	/* The next head is the free list's head. */
	head = sc->vtblk_vq.vq_free_head;
	sc->vtblk_hdrs[head] = hdr;
	sc->vtblk_status[head] = 0xff;
	segs[0].vs_paddr = sc->vtblk_hdrs_pa + head * sizeof(struct vtblk_hdr);
	segs[n - 1].vs_paddr = sc->vtblk_status_pa + head;
	error = vq_enqueue(&sc->vtblk_vq, segs, n, &req, &req.vr_head);
	KASSERT(error == 0 && req.vr_head == head, ("vtblk: enqueue %d", error));
	if (++sc->vtblk_inflight > sc->vtblk_inflight_max)
		sc->vtblk_inflight_max = sc->vtblk_inflight;
	if (!sc->vtblk_plugged)
		vtblk_notify(sc);
	while (!req.vr_done)
		vtblk_wait(sc, sc);
	error = req.vr_status == VIRTIO_BLK_S_OK ? 0 : EIO;
	mtx_unlock_spin(&sc->vtblk_mtx);
	return (error);
}

/* vtblk_probe: the transitional virtio-blk function. */
static int
vtblk_probe(struct pci_dev *pd)
{
	if (pd->pd_vendor == VIRTIO_VENDOR &&
	    pd->pd_device == VIRTIO_DEV_BLK_LEGACY &&
	    pd->pd_bar[0].pb_type == PCI_BAR_IO)
		return (0);
	return (ENXIO);
}

/*
 * vtblk_attach: reset, negotiate (FLUSH only), set up queue 0, the
 * header array and the interrupt, then DRIVER_OK and the disk.
 */
static int
vtblk_attach(struct pci_dev *pd)
{
	struct vtblk_softc *sc;
	uint16_t io;
	uint32_t host;
	u_int qsize;
	vm_page_t m;
	int error;

	sc = malloc(sizeof(*sc), M_DEVBUF, M_WAITOK | M_ZERO);
	sc->vtblk_pd = pd;
	io = sc->vtblk_iobase = (uint16_t)pd->pd_bar[0].pb_base;
	mtx_init(&sc->vtblk_mtx, "vtblk", NULL, MTX_SPIN);
	pci_enable_busmaster(pd);

	outb(io + VIRTIO_PCI_STATUS, 0);		/* reset */
	outb(io + VIRTIO_PCI_STATUS, VIRTIO_STATUS_ACK);
	outb(io + VIRTIO_PCI_STATUS, VIRTIO_STATUS_ACK |
	    VIRTIO_STATUS_DRIVER);
	host = inl(io + VIRTIO_PCI_HOST_FEATURES);
	sc->vtblk_features = host & VIRTIO_BLK_F_FLUSH;
	outl(io + VIRTIO_PCI_GUEST_FEATURES, sc->vtblk_features);

	outw(io + VIRTIO_PCI_QUEUE_SEL, 0);
	qsize = inw(io + VIRTIO_PCI_QUEUE_NUM);
	error = qsize == 0 ? ENXIO : vq_alloc(&sc->vtblk_vq, 0, qsize);
	if (error != 0)
		goto fail;
	m = vm_page_alloc_contig_noobj(VM_ALLOC_NOWAIT | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO, howmany(qsize * (sizeof(struct vtblk_hdr) + 1),
	    PAGE_SIZE));
	if (m == NULL) {
		vq_free(&sc->vtblk_vq);
		error = ENOMEM;
		goto fail;
	}
	sc->vtblk_hdrs_pa = VM_PAGE_TO_PHYS(m);
	sc->vtblk_hdrs = (struct vtblk_hdr *)PHYS_TO_DMAP(sc->vtblk_hdrs_pa);
	sc->vtblk_status_pa = sc->vtblk_hdrs_pa +
	    qsize * sizeof(struct vtblk_hdr);
	sc->vtblk_status = (uint8_t *)PHYS_TO_DMAP(sc->vtblk_status_pa);
	outl(io + VIRTIO_PCI_QUEUE_PFN,
	    (uint32_t)(sc->vtblk_vq.vq_paddr / VQ_LEGACY_ALIGN));

	sc->vtblk_irq = -1;
	if (pd->pd_intpin != 0 && pd->pd_intline != 0xff) {
		error = intr_setup_irq(pd->pd_intline, "vtblk", vtblk_intr,
		    sc);
		if (error == 0)
			sc->vtblk_irq = pd->pd_intline;
		else
			printf("vtblk: irq %d: error %d, polling\n",
			    pd->pd_intline, error);
	}
	outb(io + VIRTIO_PCI_STATUS, VIRTIO_STATUS_ACK |
	    VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);

	sc->vtblk_disk.d_sectorsize = 512;
	sc->vtblk_disk.d_nsectors = (uint64_t)inl(io + VIRTIO_PCI_CONFIG) |
	    (uint64_t)inl(io + VIRTIO_PCI_CONFIG + 4) << 32;
	sc->vtblk_disk.d_strategy = vtblk_strategy;
	sc->vtblk_disk.d_softc = sc;
	sc->vtblk_disk.d_maxsect = MIN(VTBLK_MAXSECT, (qsize - 2) *
	    (PAGE_SIZE / 512) / 2);
	pd->pd_softc = sc;
	if (vtblk_sc == NULL)
		vtblk_sc = sc;
	printf("vtblk: pci%d:%d.%d io %#x irq %d, queue %u, features %#x%s\n",
	    pd->pd_bus, pd->pd_slot, pd->pd_func, io, sc->vtblk_irq, qsize,
	    host, sc->vtblk_features & VIRTIO_BLK_F_FLUSH ? " (flush)" : "");
	return (disk_create(&sc->vtblk_disk));
fail:
	outb(io + VIRTIO_PCI_STATUS, VIRTIO_STATUS_FAILED);
	free(sc, M_DEVBUF);
	return (error);
}
PCI_DRIVER(vtblk, vtblk_probe, vtblk_attach);

/* vtblk_disk: the first virtio disk, or NULL (for tests). */
struct disk *
vtblk_disk(void)
{
	return (vtblk_sc != NULL ? &vtblk_sc->vtblk_disk : NULL);
}

/*
 * vtblk_stats: interrupts taken, requests in flight now and the most
 * seen in flight (which reset_max resets).
 */
void
vtblk_stats(u_long *intrs, u_int *inflight, u_long *inflight_max,
    bool reset_max)
{
	struct vtblk_softc *sc = vtblk_sc;

	KASSERT(sc != NULL, ("vtblk_stats: no device"));
	mtx_lock_spin(&sc->vtblk_mtx);
	*intrs = sc->vtblk_intrs;
	*inflight = sc->vtblk_inflight;
	*inflight_max = sc->vtblk_inflight_max;
	if (reset_max)
		sc->vtblk_inflight_max = sc->vtblk_inflight;
	mtx_unlock_spin(&sc->vtblk_mtx);
}

/*
 * vtblk_plug: with plugged, queue requests without notifying the device
 * (so a test can gather several in flight); unplugging notifies.
 */
void
vtblk_plug(bool plugged)
{
	struct vtblk_softc *sc = vtblk_sc;

	KASSERT(sc != NULL, ("vtblk_plug: no device"));
	mtx_lock_spin(&sc->vtblk_mtx);
	sc->vtblk_plugged = plugged;
	if (!plugged)
		vtblk_notify(sc);
	mtx_unlock_spin(&sc->vtblk_mtx);
}

/*
 * The data segments never merge into the header's entry, whatever stale
 * values it holds: here it "ends" exactly where the buffer starts, as a
 * previous call's stack contents once made it, and a read lost its data
 * (the request went out with the header and status only).
 */
KTEST(virtio, data_segs_skip_header)
{
	struct vq_seg segs[VTBLK_MAXSEGS];
	void *buf;
	vm_paddr_t pa;
	u_int n;

	buf = malloc(PAGE_SIZE, M_TEMP, M_WAITOK);
	pa = pmap_kextract((vm_offset_t)buf);
	segs[0].vs_paddr = pa - 16;
	segs[0].vs_len = 16;
	segs[0].vs_write = true;
	n = vtblk_data_segs(segs, 1, buf, PAGE_SIZE, true);
	KT_EXPECT(kt, n >= 2);
	KT_EXPECT_EQ(kt, segs[1].vs_paddr, pa);
	KT_EXPECT_EQ(kt, segs[0].vs_len, 16u);
	free(buf, M_TEMP);
}
