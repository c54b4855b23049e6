/*
 * subr_uio.c: moving data between a kernel buffer and the buffers a
 * struct uio describes.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/uio.h>

/*
 * uiomove: move n bytes (at most uio_resid) between kernel buffer cp and
 * uio, in uio_rw's direction, advancing uio.  Returns 0, or EFAULT when a
 * user buffer faults (uio then counts only the iovecs moved in full).
 */
int
uiomove(void *cp, size_t n, struct uio *uio)
{
	struct iovec *iov;
	size_t cnt;
	int error;

	KASSERT(uio->uio_resid >= 0, ("uiomove: negative resid"));
	while (n > 0 && uio->uio_resid > 0) {
		KASSERT(uio->uio_iovcnt > 0, ("uiomove: iovecs ran out"));
		iov = uio->uio_iov;
		cnt = MIN(iov->iov_len, n);
		if (cnt == 0) {
			uio->uio_iov++;
			uio->uio_iovcnt--;
			continue;
		}
		if (uio->uio_segflg == UIO_SYSSPACE) {
			if (uio->uio_rw == UIO_READ)
				memcpy(iov->iov_base, cp, cnt);
			else
				memcpy(cp, iov->iov_base, cnt);
			error = 0;
		} else if (uio->uio_rw == UIO_READ)
			error = copyout(cp, iov->iov_base, cnt);
		else
			error = copyin(iov->iov_base, cp, cnt);
		if (error != 0)
			return (error);
		iov->iov_base = (char *)iov->iov_base + cnt;
		iov->iov_len -= cnt;
		uio->uio_resid -= cnt;
		uio->uio_offset += cnt;
		cp = (char *)cp + cnt;
		n -= cnt;
	}
	return (0);
}
