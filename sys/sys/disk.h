/*
 * disk.h: the block-device layer (FreeBSD's GEOM, much reduced).
 *
 * A driver fills a struct disk (name, sector size, size in sectors, a
 * d_strategy function that moves whole sectors, its softc) and calls
 * disk_create().  disk_create reads sector 0 and, if it holds an MBR,
 * creates one sub-disk per primary partition, named <disk>s<N> (disk0s1
 * ...), whose strategy adds the partition's start and whose size bounds
 * requests.  disk_read/disk_write check the range (EINVAL for a request
 * past the end or of zero sectors) and call the strategy, which sleeps
 * until the transfer is done and returns 0 or EIO.
 *
 * Locks: disk_list_lock (sleep mutex) protects disk_list; a struct disk
 * is immutable after disk_create (c).
 */
#ifndef _SYS_DISK_H_
#define _SYS_DISK_H_

#include <sys/types.h>
#include <sys/queue.h>

#define DISK_NAMELEN	16

#define BIO_READ	1
#define BIO_WRITE	2
#define BIO_FLUSH	3

struct disk;

/* Move nsect sectors at lba (relative to d) to/from buf; 0 or errno. */
typedef int disk_strategy_t(struct disk *d, int cmd, uint64_t lba,
    void *buf, u_int nsect);

struct disk {
	TAILQ_ENTRY(disk) d_link;	/* (l) disk_list */
	char		d_name[DISK_NAMELEN];	/* (c) "disk0", "disk0s1" */
	u_int		d_sectorsize;	/* (c) bytes, 512 */
	uint64_t	d_nsectors;	/* (c) size in sectors */
	disk_strategy_t	*d_strategy;	/* (c) */
	void		*d_softc;	/* (c) driver's state */
	struct disk	*d_parent;	/* (c) whole disk of a partition */
	uint64_t	d_offset;	/* (c) first sector within d_parent */
	uint8_t		d_parttype;	/* (c) MBR type byte, 0 for a disk */
	u_int		d_maxsect;	/* (c) max sectors per strategy call */
};

/* MBR parsing (pure, host-tested). */
#define MBR_NPART	4
#define MBR_PART_OFF	446
#define MBR_SIG_OFF	510

struct mbr_part {
	uint8_t		mp_index;	/* 1..4: partition number */
	uint8_t		mp_type;	/* system id; 0 = unused */
	bool		mp_boot;	/* status byte 0x80 */
	uint32_t	mp_start;	/* first LBA */
	uint32_t	mp_size;	/* sectors */
};

int	mbr_parse(const uint8_t *sec0, uint64_t disk_nsectors,
	    struct mbr_part *parts, int *nparts);

int	disk_create(struct disk *d);
struct disk *disk_lookup(const char *name);
int	disk_read(struct disk *d, uint64_t lba, void *buf, u_int nsect);
int	disk_write(struct disk *d, uint64_t lba, const void *buf,
	    u_int nsect);
int	disk_flush(struct disk *d);

#endif /* !_SYS_DISK_H_ */
