/*
 * virtqueue.c: split virtqueues, transport-independent.
 *
 * Memory: descriptor table (16 bytes each), then the available ring
 * (flags, idx, size entries, used_event), then at the next 4 KiB
 * boundary the used ring (flags, idx, size 8-byte entries,
 * avail_event), allocated with vm_page_alloc_contig_noobj and zeroed.
 *
 * Ordering: x86 keeps stores to write-back memory in order and loads in
 * order, so only the compiler must be stopped from reordering the
 * descriptor writes before the avail->idx store (vq_wmb) and the used
 * entry reads before the used->idx load (vq_rmb); the full fence before
 * a notify (vq_mb) orders the idx store before reading the device's
 * VRING_USED_F_NO_NOTIFY flag.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/systm.h>

#include <vm/vm.h>
#include <vm/vm_page.h>

#include <machine/vmparam.h>

#include <dev/virtio/virtqueue.h>

#define vq_wmb()	__atomic_signal_fence(__ATOMIC_SEQ_CST)
#define vq_rmb()	__atomic_signal_fence(__ATOMIC_SEQ_CST)

/* Bytes of ring memory for size descriptors (legacy layout). */
static size_t
vq_ring_bytes(u_int size, size_t *used_off)
{
	size_t off;

	off = 16 * (size_t)size + 2 * (3 + (size_t)size);
	off = roundup2(off, VQ_LEGACY_ALIGN);
	*used_off = off;
	return (off + 2 * 3 + 8 * (size_t)size);
}

/*
 * vq_alloc: set up queue index with size descriptors (a power of two up
 * to 32768), every descriptor free.  Returns 0, EINVAL or ENOMEM.
 */
int
vq_alloc(struct virtqueue *vq, u_int index, u_int size)
{
	size_t bytes, used_off;
	vm_page_t m;
	char *va;
	u_int i;

	if (size == 0 || size > 32768 || !powerof2(size))
		return (EINVAL);
	bytes = vq_ring_bytes(size, &used_off);
	vq->vq_npages = howmany(bytes, PAGE_SIZE);
	m = vm_page_alloc_contig_noobj(VM_ALLOC_NOWAIT | VM_ALLOC_WIRED |
	    VM_ALLOC_ZERO, vq->vq_npages);
	if (m == NULL)
		return (ENOMEM);
	vq->vq_paddr = VM_PAGE_TO_PHYS(m);
	va = (char *)PHYS_TO_DMAP(vq->vq_paddr);
	vq->vq_size = size;
	vq->vq_index = index;
	vq->vq_desc = (struct vring_desc *)va;
	vq->vq_avail = (struct vring_avail *)(va + 16 * (size_t)size);
	vq->vq_used = (struct vring_used *)(va + used_off);
	vq->vq_cookie = malloc(size * sizeof(void *), M_DEVBUF,
	    M_WAITOK | M_ZERO);
	for (i = 0; i < size; i++)
		vq->vq_desc[i].next = (uint16_t)(i + 1);
	vq->vq_free_head = 0;
	vq->vq_nfree = size;
	vq->vq_used_last = 0;
	vq->vq_avail_shadow = 0;
	return (0);
}

/* vq_free: give back the ring memory (the device must be reset). */
void
vq_free(struct virtqueue *vq)
{
	KASSERT(vq->vq_nfree == vq->vq_size, ("vq_free: requests in flight"));
	vm_page_free_contig(PHYS_TO_VM_PAGE(vq->vq_paddr), vq->vq_npages);
	free(vq->vq_cookie, M_DEVBUF);
	vq->vq_desc = NULL;
}

/*
 * vq_enqueue: chain nsegs descriptors for segs (device-readable ones
 * first, as virtio requires), publish the chain in the available ring
 * and remember cookie for it.  The caller notifies the device.  Returns
 * 0 and the head index in *headp, or ENOSPC when fewer than nsegs
 * descriptors are free.
 */
int
vq_enqueue(struct virtqueue *vq, const struct vq_seg *segs, u_int nsegs,
    void *cookie, uint16_t *headp)
{
	struct vring_desc *d;
	uint16_t head, idx;
	u_int i;

	KASSERT(nsegs > 0 && nsegs <= vq->vq_size && cookie != NULL,
	    ("vq_enqueue: %u segments", nsegs));
	if (vq->vq_nfree < nsegs)
		return (ENOSPC);
	head = idx = vq->vq_free_head;
	for (i = 0; i < nsegs; i++) {
		KASSERT(idx < vq->vq_size, ("vq_enqueue: free list broken"));
		KASSERT(i == 0 || !segs[i - 1].vs_write || segs[i].vs_write,
		    ("vq_enqueue: readable segment after a writable one"));
		d = &vq->vq_desc[idx];
		d->addr = segs[i].vs_paddr;
		d->len = segs[i].vs_len;
		d->flags = (segs[i].vs_write ? VRING_DESC_F_WRITE : 0) |
		    (i + 1 < nsegs ? VRING_DESC_F_NEXT : 0);
		idx = d->next;
	}
	vq->vq_free_head = idx;
	vq->vq_nfree -= nsegs;
	KASSERT(vq->vq_cookie[head] == NULL, ("vq_enqueue: head %u busy",
	    head));
	vq->vq_cookie[head] = cookie;
	vq->vq_avail->ring[vq->vq_avail_shadow & (vq->vq_size - 1)] = head;
	vq_wmb();
	vq->vq_avail_shadow++;
	*(volatile uint16_t *)&vq->vq_avail->idx = vq->vq_avail_shadow;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	*headp = head;
	return (0);
}

/* vq_used_pending: whether the device has returned a chain not yet read. */
bool
vq_used_pending(struct virtqueue *vq)
{
	return (*(volatile uint16_t *)&vq->vq_used->idx != vq->vq_used_last);
}

/*
 * vq_dequeue: take the next chain the device returned, free its
 * descriptors and return its cookie (*lenp: bytes the device wrote), or
 * NULL when none is pending.
 */
void *
vq_dequeue(struct virtqueue *vq, uint32_t *lenp)
{
	struct vring_used_elem *ue;
	uint16_t head, idx;
	void *cookie;
	u_int n;

	if (!vq_used_pending(vq))
		return (NULL);
	vq_rmb();
	ue = &vq->vq_used->ring[vq->vq_used_last & (vq->vq_size - 1)];
	head = (uint16_t)ue->id;
	KASSERT(head < vq->vq_size && vq->vq_cookie[head] != NULL,
	    ("vq_dequeue: bad used id %u", head));
	if (lenp != NULL)
		*lenp = ue->len;
	vq->vq_used_last++;
	cookie = vq->vq_cookie[head];
	vq->vq_cookie[head] = NULL;
	for (n = 1, idx = head; vq->vq_desc[idx].flags & VRING_DESC_F_NEXT;
	    n++)
		idx = vq->vq_desc[idx].next;
	vq->vq_desc[idx].next = vq->vq_free_head;
	vq->vq_free_head = head;
	vq->vq_nfree += n;
	KASSERT(vq->vq_nfree <= vq->vq_size, ("vq_dequeue: free overflow"));
	return (cookie);
}
