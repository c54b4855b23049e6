/*
 * filedesc.h: a process's descriptor table, current and root directory,
 * and umask (FreeBSD's struct filedesc).
 *
 * A descriptor is an index into fd_ofiles; an entry holds a reference
 * to its open file and the per-descriptor flag UF_EXCLOSE (close on
 * exec).  fork copies the table (each file gains a reference); a
 * CLONE_FILES thread would share it (fd_refcnt).  sys/kern/kern_descrip.c.
 *
 * Lock legend:
 *	(d) fd_sx: exclusive to change the table, shared to look up
 *	(a) atomic
 */
#ifndef _SYS_FILEDESC_H_
#define _SYS_FILEDESC_H_

#include <sys/types.h>
#include <sys/sx.h>

struct file;
struct proc;
struct thread;
struct vnode;

#define UF_EXCLOSE	0x01	/* close on exec */

struct filedescent {
	struct file	*fde_file;	/* (d) the open file, or NULL */
	u_char		fde_flags;	/* (d) UF_* */
};

#define NDFILE		20	/* entries in a new table */

struct filedesc {
	struct filedescent *fd_ofiles;	/* (d) fd_nfiles entries */
	int		fd_nfiles;	/* (d) size of fd_ofiles */
	int		fd_freefile;	/* (d) no free descriptor below it */
	struct vnode	*fd_cdir;	/* (d) current directory (held) */
	struct vnode	*fd_rdir;	/* (d) root directory (held) */
	u_short		fd_cmask;	/* (d) umask */
	volatile u_int	fd_refcnt;	/* (a) processes sharing it */
	volatile u_int	fd_holdcnt;	/* (a) holds on the memory: the
					   processes' reference (one) and
					   readers' (fdhold: procfs) */
	struct sx	fd_sx;
};

#define FILEDESC_XLOCK(fdp)	sx_xlock(&(fdp)->fd_sx)
#define FILEDESC_XUNLOCK(fdp)	sx_xunlock(&(fdp)->fd_sx)
#define FILEDESC_SLOCK(fdp)	sx_slock(&(fdp)->fd_sx)
#define FILEDESC_SUNLOCK(fdp)	sx_sunlock(&(fdp)->fd_sx)

struct filedesc *fdinit(void);	/* empty, cwd and root = rootvnode */
struct filedesc *fdcopy(struct filedesc *fdp);	/* fork */
void	fdfree(struct thread *td);	/* exit: closes everything */
void	fdcloseexec(struct thread *td);	/* exec */
/*
 * fdhold: p's table, held so that its memory stays (its files are still
 * closed when p exits: the entries then read NULL), or NULL.  Caller
 * holds proctree_lock (p cannot be freed).  fddrop releases it.
 */
struct filedesc *fdhold(struct proc *p);
void	fddrop(struct filedesc *fdp);

/*
 * fget: the open file behind fd, with a reference (fdrop it), if its
 * f_flag has all of the bits in needflags (FREAD/FWRITE).  EBADF for a
 * descriptor not open, or open without the access.
 */
int	fget(struct thread *td, int fd, u_int needflags, struct file **fpp);
/* The vnode behind fd, referenced; EBADF, or ENOTDIR if none. */
int	fgetvp(struct thread *td, int fd, struct vnode **vpp);
/*
 * fdlimit: the most descriptors td's process may have, its RLIMIT_NOFILE
 * but never more than a table holds (65536): what bounds poll and select.
 */
int	fdlimit(struct thread *td);
/* fdalloc+install: the lowest free descriptor >= minfd gets fp. */
int	finstall(struct thread *td, struct file *fp, int minfd, int flags,
	    int *fdp);
/* Install fp as exactly fd (dup2), closing what was there. */
int	finstall_at(struct thread *td, struct file *fp, int fd, int flags);

#endif /* !_SYS_FILEDESC_H_ */
