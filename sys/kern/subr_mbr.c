/*
 * subr_mbr.c: parsing of a DOS master boot record (pure; host-tested by
 * tests/unit/mbr_test.c).
 *
 * Sector 0 holds four 16-byte partition entries from byte 446 and the
 * signature 0x55 0xAA at bytes 510-511.  An entry is: status (0x80
 * bootable, 0 not), CHS first, type, CHS last, LBA start (little-endian
 * 32 bits) and size in sectors.  CHS fields are ignored.  Extended
 * partitions (types 0x05, 0x0f, 0x85) are reported as they are, not
 * followed.  A GPT protective MBR (type 0xee) is reported as one
 * partition too; GPT itself is not parsed.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/disk.h>

/* Little-endian 32-bit field at p. */
static uint32_t
le32(const uint8_t *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24);
}

/*
 * mbr_parse: read the partition table of sec0 (512 bytes) of a disk of
 * disk_nsectors sectors into parts[0..*nparts-1], in table order, unused
 * entries (type 0 or size 0) left out.  Returns 0; ENXIO without the
 * 0x55AA signature; EINVAL if an entry has a bad status byte, starts at
 * sector 0, runs past the end of the disk or overlaps another entry.
 */
int
mbr_parse(const uint8_t *sec0, uint64_t disk_nsectors,
    struct mbr_part *parts, int *nparts)
{
	const uint8_t *e;
	struct mbr_part *p, *q;
	int i, n;

	*nparts = 0;
	if (sec0[MBR_SIG_OFF] != 0x55 || sec0[MBR_SIG_OFF + 1] != 0xaa)
		return (ENXIO);
	n = 0;
	for (i = 0; i < MBR_NPART; i++) {
		e = sec0 + MBR_PART_OFF + 16 * i;
		if (e[0] != 0 && e[0] != 0x80)
			return (EINVAL);
		if (e[4] == 0 || le32(e + 12) == 0)
			continue;
		p = &parts[n];
		p->mp_index = i + 1;
		p->mp_type = e[4];
		p->mp_boot = e[0] == 0x80;
		p->mp_start = le32(e + 8);
		p->mp_size = le32(e + 12);
		if (p->mp_start == 0 ||
		    (uint64_t)p->mp_start + p->mp_size > disk_nsectors)
			return (EINVAL);
		for (q = parts; q < p; q++)
			if (p->mp_start < (uint64_t)q->mp_start + q->mp_size &&
			    q->mp_start < (uint64_t)p->mp_start + p->mp_size)
				return (EINVAL);
		n++;
	}
	*nparts = n;
	return (0);
}
