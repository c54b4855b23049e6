/*
 * subr_disk.c: the block-device layer: a list of disks, whole disks and
 * their MBR partitions, and range-checked sector I/O.
 *
 * A partition is a struct disk with d_parent set, d_offset its first
 * sector and d_strategy NULL: disk_io() translates the request down to
 * the whole disk, whose driver strategy does the transfer, cut into
 * pieces of at most d_maxsect sectors.  Nothing is cached here: the
 * buffer cache (the vnode pager) will sit above this layer.
 */
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/disk.h>
#include <sys/kernel.h>
#include <sys/libkern.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/systm.h>

#include <machine/atomic.h>

MALLOC_DEFINE(M_DISK, "disk", "disks and partitions");

static TAILQ_HEAD(, disk) disk_list = TAILQ_HEAD_INITIALIZER(disk_list);
static struct mtx disk_list_lock;
static u_int disk_units;

/* disk_list_init: the lock of the disk list. */
static void
disk_list_init(void *arg __unused)
{
	mtx_init(&disk_list_lock, "disk list", NULL, MTX_DEF);
}
SYSINIT(disk_list, SI_SUB_KMEM, SI_ORDER_ANY, disk_list_init, NULL);

/* Put d on the list (its name must be unique). */
static void
disk_register(struct disk *d)
{
	mtx_lock(&disk_list_lock);
	TAILQ_INSERT_TAIL(&disk_list, d, d_link);
	mtx_unlock(&disk_list_lock);
}

/*
 * disk_io: check [lba, lba + nsect) against d, translate it to the whole
 * disk and run the strategy.  EINVAL for zero sectors or a range past
 * the end; otherwise the strategy's result (0 or EIO).
 */
static int
disk_io(struct disk *d, int cmd, uint64_t lba, void *buf, u_int nsect)
{
	u_int n;
	int error;

	KASSERT(d != NULL && buf != NULL, ("disk_io: NULL"));
	if (nsect == 0 || lba >= d->d_nsectors ||
	    nsect > d->d_nsectors - lba)
		return (EINVAL);
	while (d->d_parent != NULL) {
		lba += d->d_offset;
		d = d->d_parent;
	}
	KASSERT(lba + nsect <= d->d_nsectors, ("disk_io: partition of %s "
	    "past its end", d->d_name));
	while (nsect > 0) {
		n = MIN(nsect, d->d_maxsect);
		error = d->d_strategy(d, cmd, lba, buf, n);
		if (error != 0)
			return (error);
		lba += n;
		buf = (char *)buf + (size_t)n * d->d_sectorsize;
		nsect -= n;
	}
	return (0);
}

/* disk_read: read nsect sectors at lba of d (a disk or partition). */
int
disk_read(struct disk *d, uint64_t lba, void *buf, u_int nsect)
{
	return (disk_io(d, BIO_READ, lba, buf, nsect));
}

/* disk_write: write nsect sectors at lba of d. */
int
disk_write(struct disk *d, uint64_t lba, const void *buf, u_int nsect)
{
	return (disk_io(d, BIO_WRITE, lba, __DECONST(void *, buf), nsect));
}

/* disk_flush: make earlier writes to d durable (0 if nothing to do). */
int
disk_flush(struct disk *d)
{
	while (d->d_parent != NULL)
		d = d->d_parent;
	return (d->d_strategy(d, BIO_FLUSH, 0, NULL, 0));
}

/* disk_lookup: the disk or partition called name, or NULL. */
struct disk *
disk_lookup(const char *name)
{
	struct disk *d;

	mtx_lock(&disk_list_lock);
	TAILQ_FOREACH(d, &disk_list, d_link)
		if (strcmp(d->d_name, name) == 0)
			break;
	mtx_unlock(&disk_list_lock);
	return (d);
}

/*
 * disk_create: register a whole disk (named diskN if d_name is empty)
 * and one sub-disk per MBR partition it holds.  The driver must be ready
 * for I/O.  Returns 0 (also with no or a bad MBR, which is printed), or
 * the error of reading sector 0.
 */
int
disk_create(struct disk *d)
{
	struct mbr_part parts[MBR_NPART];
	struct disk *p;
	uint8_t *sec0;
	int error, i, n;

	KASSERT(d->d_strategy != NULL && d->d_sectorsize == 512 &&
	    d->d_maxsect > 0, ("disk_create: bad disk"));
	d->d_parent = NULL;
	d->d_offset = 0;
	if (d->d_name[0] == '\0')
		snprintf(d->d_name, sizeof(d->d_name), "disk%u",
		    atomic_fetchadd_int(&disk_units, 1));
	disk_register(d);
	printf("%s: %lu sectors of %u bytes (%lu MiB)\n", d->d_name,
	    d->d_nsectors, d->d_sectorsize,
	    d->d_nsectors * d->d_sectorsize >> 20);

	sec0 = malloc(d->d_sectorsize, M_DISK, M_WAITOK);
	error = disk_read(d, 0, sec0, 1);
	if (error != 0) {
		printf("%s: cannot read sector 0: %d\n", d->d_name, error);
		free(sec0, M_DISK);
		return (error);
	}
	error = mbr_parse(sec0, d->d_nsectors, parts, &n);
	free(sec0, M_DISK);
	if (error != 0) {
		if (error != ENXIO)
			printf("%s: bad MBR partition table\n", d->d_name);
		return (0);
	}
	for (i = 0; i < n; i++) {
		p = malloc(sizeof(*p), M_DISK, M_WAITOK | M_ZERO);
		snprintf(p->d_name, sizeof(p->d_name), "%ss%u", d->d_name,
		    parts[i].mp_index);
		p->d_sectorsize = d->d_sectorsize;
		p->d_nsectors = parts[i].mp_size;
		p->d_parent = d;
		p->d_offset = parts[i].mp_start;
		p->d_parttype = parts[i].mp_type;
		p->d_maxsect = d->d_maxsect;
		p->d_softc = d->d_softc;
		disk_register(p);
		printf("%s: type %#x, sectors %u..%u\n", p->d_name,
		    parts[i].mp_type, parts[i].mp_start,
		    parts[i].mp_start + parts[i].mp_size - 1);
	}
	return (0);
}
