/*
 * stat.h: file status, Umbra's own layout (FreeBSD's field names); the
 * Linux personality converts it to Linux's struct stat.
 */
#ifndef _SYS_STAT_H_
#define _SYS_STAT_H_

#include <sys/types.h>
#include <sys/time.h>

struct stat {
	uint64_t	st_dev;
	uint64_t	st_ino;
	uint32_t	st_mode;	/* S_IF* type and permission bits */
	uint32_t	st_nlink;
	uid_t		st_uid;
	gid_t		st_gid;
	uint64_t	st_rdev;	/* device number, character devices */
	struct timespec	st_atim;
	struct timespec	st_mtim;
	struct timespec	st_ctim;
	off_t		st_size;
	int64_t		st_blocks;	/* 512-byte blocks */
	int32_t		st_blksize;	/* preferred I/O size */
};

#define S_IFMT		0170000
#define S_IFCHR		0020000
#define S_IFDIR		0040000
#define S_IFREG		0100000

#endif /* !_SYS_STAT_H_ */
