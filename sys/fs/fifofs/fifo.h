/*
 * fifo.h: named pipes (fifo_vnops.c; share/doc/vfs.md, "FIFOs").
 *
 * A FIFO is a file system node of type VFIFO; while anybody has it open
 * its vnode holds a pipe (v_fifo, sys/sys/pipe.h), which the open files
 * read and write as a pipe's ends.  vn_open and vn_close call these in
 * place of VOP_OPEN and VOP_CLOSE for a VFIFO vnode, on every file
 * system alike.
 */
#ifndef _FS_FIFOFS_FIFO_H_
#define _FS_FIFOFS_FIFO_H_

#ifdef _KERNEL
struct file;
struct ucred;
struct vnode;

/*
 * fifo_open: open FIFO vp with fflags fmode (FREAD, FWRITE or both;
 * O_NONBLOCK) for fp, whose f_data becomes the pipe (kern_openat then
 * makes fp a DTYPE_FIFO file over it).  Linux's rules: a reader waits
 * for a writer and a writer for a reader, unless one is open already;
 * O_RDWR never waits; O_NONBLOCK: a reader does not wait, a writer
 * fails with ENXIO when there is no reader.  The waits are
 * interruptible (EINTR, ERESTART), and give up vp's lock meanwhile.
 * vp locked on entry and on return.
 */
int	fifo_open(struct vnode *vp, int fmode, struct ucred *cred,
	    struct file *fp);
/*
 * fifo_close: the close of an open of vp with fflags fflag; the last
 * opener frees the pipe and what it held.  vp locked.
 */
void	fifo_close(struct vnode *vp, int fflag);
#endif

#endif /* !_FS_FIFOFS_FIFO_H_ */
