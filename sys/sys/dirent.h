/*
 * dirent.h: directory entries as VOP_READDIR produces them, in Linux's
 * struct linux_dirent64 layout, so getdents64 copies them out unchanged.
 */
#ifndef _SYS_DIRENT_H_
#define _SYS_DIRENT_H_

#include <sys/types.h>

struct dirent {
	uint64_t	d_ino;
	int64_t		d_off;		/* cookie of the next entry */
	uint16_t	d_reclen;	/* this record, 8-byte aligned */
	uint8_t		d_type;		/* DT_* */
	char		d_name[];	/* NUL-terminated */
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* Record length of an entry with a name of namlen bytes. */
#define DIRENT_RECLEN(namlen)						\
	((offsetof(struct dirent, d_name) + (namlen) + 1 + 7) & ~(size_t)7)

#endif /* !_SYS_DIRENT_H_ */
