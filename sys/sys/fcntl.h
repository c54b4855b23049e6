/*
 * fcntl.h: open flags, fcntl commands and the *at() flags, in Umbra's own
 * values (FreeBSD's).  The Linux personality translates Linux's values to
 * these at the edge (sys/compat/linux/linux_file.c).
 *
 * Inside the kernel an open file's flags are "fflags": the open flags
 * with the access mode turned into the bits FREAD and FWRITE (FFLAGS),
 * as FreeBSD does.
 */
#ifndef _SYS_FCNTL_H_
#define _SYS_FCNTL_H_

/* open(2) */
#define O_RDONLY	0x00000000
#define O_WRONLY	0x00000001
#define O_RDWR		0x00000002
#define O_ACCMODE	0x00000003
#define O_NONBLOCK	0x00000004
#define O_APPEND	0x00000008
#define O_SYNC		0x00000080
#define O_NOFOLLOW	0x00000100
#define O_CREAT		0x00000200
#define O_TRUNC		0x00000400
#define O_EXCL		0x00000800
#define O_NOCTTY	0x00008000
#define O_DIRECT	0x00010000
#define O_DIRECTORY	0x00020000
#define O_EXEC		0x00040000	/* unused by the Linux personality */
#define O_CLOEXEC	0x00100000
#define O_PATH		0x00400000
#define O_DSYNC		0x01000000
#define O_NOATIME	0x02000000
#define O_LARGEFILE	0		/* always */

/* fflags: FREAD/FWRITE replace the access mode. */
#define FREAD		0x0001
#define FWRITE		0x0002
#define FFLAGS(oflags)	((oflags) & O_PATH ? (oflags) & ~O_ACCMODE :	\
			    (oflags) + 1)
#define OFLAGS(fflags)	((fflags) & O_PATH ? (fflags) : (fflags) - 1)
/* The flags F_SETFL may change. */
#define FCNTLFLAGS	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

/* fcntl(2) commands */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_DUPFD_CLOEXEC	8

#define FD_CLOEXEC	1

/* Record locks: F_GETLK, F_SETLK, F_SETLKW (sys/kern/kern_lockf.c). */
#define F_RDLCK		1	/* shared */
#define F_UNLCK		2	/* none */
#define F_WRLCK		3	/* exclusive */

struct flock {
	off_t	l_start;	/* first byte, from l_whence */
	off_t	l_len;		/* 0: to the end; < 0: the bytes before */
	pid_t	l_pid;		/* F_GETLK: the owner of a conflicting lock */
	short	l_type;		/* F_RDLCK, F_WRLCK, F_UNLCK */
	short	l_whence;	/* SEEK_SET, SEEK_CUR, SEEK_END */
};

/* *at(2) */
#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x0100
#define AT_REMOVEDIR		0x0200
#define AT_SYMLINK_FOLLOW	0x0400
#define AT_EACCESS		0x0800
#define AT_EMPTY_PATH		0x1000

/* access(2) modes */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

/* lseek(2) */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

/* renameat2(2) */
#define RENAME_NOREPLACE	0x1
#define RENAME_EXCHANGE		0x2

#endif /* !_SYS_FCNTL_H_ */
