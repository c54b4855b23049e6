/*
 * efault_test: bad pointers passed to system calls fail with EFAULT and
 * do not kill the process (nor the kernel).
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "tap.h"

static void
test_write__bad_buffer_efault(void)
{
	ssize_t n;

	errno = 0;
	n = write(1, (void *)16, 10);
	TAP_CHECK(n == -1 && errno == EFAULT);
	errno = 0;
	n = write(1, (void *)0xffff800000000000ul, 4);	/* kernel space */
	TAP_CHECK(n == -1 && errno == EFAULT);
	errno = 0;
	/* Crosses the top of user space. */
	n = write(1, (void *)0x00007ffffffffff0ul, 32);
	TAP_CHECK(n == -1 && errno == EFAULT);
}

static void
test_writev__bad_iovec_efault(void)
{
	struct iovec iov[2];
	ssize_t n;

	errno = 0;
	n = writev(1, (struct iovec *)8, 1);
	TAP_CHECK(n == -1 && errno == EFAULT);
	iov[0].iov_base = "writev ok\n";
	iov[0].iov_len = 10;
	iov[1].iov_base = (void *)24;
	iov[1].iov_len = 8;
	errno = 0;
	n = writev(1, iov, 2);
	/* Linux writes the first buffer, then stops at the bad one. */
	TAP_CHECK(n == 10 || (n == -1 && errno == EFAULT));
}

static void
test_uname__bad_buffer_efault(void)
{
	ssize_t n;

	errno = 0;
	n = syscall(SYS_uname, (void *)32);
	TAP_CHECK(n == -1 && errno == EFAULT);
}

#define CASES(X) X(write__bad_buffer_efault) X(writev__bad_iovec_efault) \
	X(uname__bad_buffer_efault)
TAP_MAIN(CASES, NULL, NULL)
