/*
 * procfs.h: the process file system (share/doc/procfs.md), in the
 * manner of FreeBSD's linprocfs: Linux's /proc files, generated on read.
 *
 * A node is a (type, pid, fd) triple; its vnode is found in the vnode
 * cache under an id made of the three (PROCFS_ID), so nodes carry no
 * state and a node of a process that has gone simply fails (ENOENT).
 * procfs_vnops.c is the file system (vfsops, lookup, readdir,
 * getattr, read, readlink); procfs_linux.c writes the files' text.
 */
#ifndef _FS_PROCFS_PROCFS_H_
#define _FS_PROCFS_PROCFS_H_

#include <sys/types.h>

struct proc;
struct vnode;

enum pfstype {
	PFS_ROOT,	/* /proc */
	PFS_SELF,	/* /proc/self -> <pid> */
	PFS_MEMINFO,	/* /proc/meminfo ... (files of the root) */
	PFS_MOUNTS,
	PFS_CPUINFO,
	PFS_UPTIME,
	PFS_LOADAVG,
	PFS_VERSION,
	PFS_BOOTCMD,	/* /proc/cmdline: the kernel's command line */
	PFS_PROCDIR,	/* /proc/<pid> */
	PFS_EXE,	/* /proc/<pid>/exe -> the program */
	PFS_FDDIR,	/* /proc/<pid>/fd */
	PFS_FD,		/* /proc/<pid>/fd/<n> -> the file */
	PFS_MAPS,	/* /proc/<pid>/maps ... (files of a process) */
	PFS_STATUS,
	PFS_STAT,
	PFS_CMDLINE,
	PFS_COMM,	/* /proc/<pid>/comm: the name, a newline */
	PFS_NTYPES
};

/* A node: constant after creation. */
struct pfsnode {
	enum pfstype	pn_type;
	pid_t		pn_pid;		/* 0 for the root's nodes */
	int		pn_fd;		/* PFS_FD's descriptor, else -1 */
};

/* The vnode cache id (and inode number: never 0, which readdir(3)
   skips; the root's is 1, as Linux's) of a node. */
#define PROCFS_ID(type, pid, fd)					\
	(((uint64_t)(pid) << 32) | ((uint64_t)((fd) + 1) << 8) |	\
	    ((uint64_t)(type) + 1))

/* A growing text buffer the generators print into. */
struct pfsbuf {
	char		*pb_buf;
	size_t		pb_len;		/* bytes written */
	size_t		pb_size;	/* bytes allocated */
};

void	pfsbuf_init(struct pfsbuf *pb);
void	pfsbuf_free(struct pfsbuf *pb);
void	pfsbuf_printf(struct pfsbuf *pb, const char *fmt, ...)
	    __printflike(2, 3);
void	pfsbuf_bcat(struct pfsbuf *pb, const void *data, size_t len);

/*
 * procfs_linux.c: the text of a regular file of type type, for the
 * process pid where the type is a process's.  ESRCH when the process
 * is gone.
 */
int	procfs_fill(enum pfstype type, pid_t pid, struct pfsbuf *pb);
/*
 * The target of a link node (PFS_SELF, PFS_EXE, PFS_FD) into buf:
 * ENOENT when there is none (a program from the boot module, a closed
 * descriptor, a process gone).
 */
int	procfs_link(const struct pfsnode *pn, char *buf, size_t len);
/* Is fd open in process pid? */
bool	procfs_fd_open(pid_t pid, int fd);
/* The lowest open descriptor >= fd of process pid, or -1. */
int	procfs_fd_next(pid_t pid, int fd);

#endif /* !_FS_PROCFS_PROCFS_H_ */
