/*
 * virtqueue.h: a split virtqueue (virtio 1.x section 2.6, the same
 * layout as legacy virtio 0.9.5): a descriptor table, the driver's
 * "available" ring and the device's "used" ring, in one physically
 * contiguous, zeroed allocation reached through the direct map.
 *
 * The layout is the legacy one (the used ring starts at the next
 * VQ_LEGACY_ALIGN boundary), which a modern transport accepts too: it
 * gives the three addresses separately (vq_desc_paddr ...).  The
 * transport supplies the notify function.
 *
 * Free descriptors are chained through their `next' fields from
 * vq_free_head.  Each chain's head index carries the caller's cookie.
 *
 * Locks: the owner's spin mutex protects every field (o); the rings are
 * shared with the device, ordered with memory barriers.
 */
#ifndef _DEV_VIRTIO_VIRTQUEUE_H_
#define _DEV_VIRTIO_VIRTQUEUE_H_

#include <sys/types.h>

#define VQ_LEGACY_ALIGN	4096

#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2	/* device writes the buffer */
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY	1

struct vring_desc {
	uint64_t	addr;
	uint32_t	len;
	uint16_t	flags;
	uint16_t	next;
};

struct vring_avail {
	uint16_t	flags;
	uint16_t	idx;
	uint16_t	ring[];
};

struct vring_used_elem {
	uint32_t	id;
	uint32_t	len;
};

struct vring_used {
	uint16_t	flags;
	uint16_t	idx;
	struct vring_used_elem ring[];
};

/* A buffer segment: physical address, length, device-writable. */
struct vq_seg {
	vm_paddr_t	vs_paddr;
	uint32_t	vs_len;
	bool		vs_write;
};

struct virtqueue {
	u_int		vq_size;	/* (c) descriptors, a power of 2 */
	u_int		vq_index;	/* (c) queue number */
	vm_paddr_t	vq_paddr;	/* (c) start of the ring memory */
	u_long		vq_npages;	/* (c) pages of ring memory */
	struct vring_desc *vq_desc;	/* (c) through the direct map */
	struct vring_avail *vq_avail;	/* (c) */
	struct vring_used *vq_used;	/* (c) */
	void		**vq_cookie;	/* (o) per head descriptor */
	uint16_t	vq_free_head;	/* (o) first free descriptor */
	u_int		vq_nfree;	/* (o) free descriptors */
	uint16_t	vq_used_last;	/* (o) next used entry to read */
	uint16_t	vq_avail_shadow; /* (o) our copy of avail->idx */
};

int	vq_alloc(struct virtqueue *vq, u_int index, u_int size);
void	vq_free(struct virtqueue *vq);
int	vq_enqueue(struct virtqueue *vq, const struct vq_seg *segs,
	    u_int nsegs, void *cookie, uint16_t *headp);
void	*vq_dequeue(struct virtqueue *vq, uint32_t *lenp);
bool	vq_used_pending(struct virtqueue *vq);

#endif /* !_DEV_VIRTIO_VIRTQUEUE_H_ */
