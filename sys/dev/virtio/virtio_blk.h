/*
 * virtio_blk.h: the virtio block driver's hooks for tests.
 */
#ifndef _DEV_VIRTIO_VIRTIO_BLK_H_
#define _DEV_VIRTIO_VIRTIO_BLK_H_

struct disk;

struct disk *vtblk_disk(void);
void	vtblk_stats(u_long *intrs, u_int *inflight, u_long *inflight_max,
	    bool reset_max);
void	vtblk_plug(bool plugged);

#endif /* !_DEV_VIRTIO_VIRTIO_BLK_H_ */
