/*
 * uio.h: scatter/gather I/O descriptions (FreeBSD's struct uio), moved by
 * uiomove() (sys/kern/subr_uio.c).
 */
#ifndef _SYS_UIO_H_
#define _SYS_UIO_H_

#include <sys/types.h>

struct thread;

struct iovec {
	void	*iov_base;
	size_t	iov_len;
};

enum uio_seg { UIO_USERSPACE, UIO_SYSSPACE };
enum uio_rw { UIO_READ, UIO_WRITE };

struct uio {
	struct iovec	*uio_iov;	/* the vector (in kernel memory) */
	int		uio_iovcnt;
	off_t		uio_offset;
	ssize_t		uio_resid;	/* bytes left to move */
	enum uio_seg	uio_segflg;	/* where the buffers are */
	enum uio_rw	uio_rw;		/* READ: to the buffers */
	struct thread	*uio_td;
};

#define UIO_MAXIOV	1024	/* iovecs in one call (Linux's IOV_MAX) */

int	uiomove(void *cp, size_t n, struct uio *uio);

#endif /* !_SYS_UIO_H_ */
