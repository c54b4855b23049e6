/*
 * cpio.h: reading "newc" cpio archives (sys/kern/subr_cpio.c), the format
 * of the boot module that holds the programs the kernel can run before
 * there is a file system (share/doc/user-mode.md).
 *
 * A newc archive is a sequence of members, each:
 *
 *	a 110-byte ASCII header: the magic "070701" (or "070702", the same
 *	    with a checksum field the reader ignores), then 13 fields of 8
 *	    hexadecimal digits: ino, mode, uid, gid, nlink, mtime,
 *	    filesize, devmajor, devminor, rdevmajor, rdevminor, namesize
 *	    (with the terminating NUL), check;
 *	the name, namesize bytes, NUL-terminated, padded with NULs so that
 *	    header + name is a multiple of 4 bytes;
 *	the data, filesize bytes, padded to a multiple of 4.
 *
 * A member named "TRAILER!!!" ends the archive.  Offsets are relative to
 * the start of the archive, which must be 4-byte aligned for the padding
 * rules to hold (the reader only needs byte access).
 */
#ifndef _SYS_CPIO_H_
#define _SYS_CPIO_H_

#include <sys/types.h>

#define CPIO_HDR_SIZE	110
#define CPIO_TRAILER	"TRAILER!!!"

/* File types in cpio_file.mode (the st_mode bits). */
#define CPIO_S_IFMT	0170000
#define CPIO_S_IFDIR	0040000
#define CPIO_S_IFREG	0100000

/* One member, pointing into the archive. */
struct cpio_file {
	const char	*name;		/* NUL-terminated, as stored */
	uint32_t	mode;		/* type and permission bits */
	const void	*data;		/* filesize bytes */
	size_t		size;
};

int	cpio_next(const void *archive, size_t len, size_t *offp,
	    struct cpio_file *f);
int	cpio_lookup(const void *archive, size_t len, const char *path,
	    struct cpio_file *f);

#endif /* !_SYS_CPIO_H_ */
