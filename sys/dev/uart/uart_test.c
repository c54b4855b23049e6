/*
 * uart_test.c: in-kernel test of the console's input path: the UART in
 * loopback mode receives what it sends, which raises its receive
 * interrupt; the handler hands the byte to the console tty's input
 * thread, and a read of the tty returns it.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/tty.h>
#include <sys/ttycom.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <machine/cpufunc.h>

#define COM1_BASE	0x3f8
#define REG_MCR		4
#define MCR_LOOP	0x10

KTEST(uart, loopback_reaches_console_tty)
{
	struct termios saved, t;
	struct iovec iov;
	struct uio uio;
	char buf[8];
	uint8_t mcr;
	int i, error = EAGAIN;

	KT_ASSERT(kt, cons_tty != NULL);
	KT_ASSERT_EQ(kt, tty_ioctl(cons_tty, TIOCGETA, &saved, curthread), 0);
	t = saved;
	t.c_lflag &= ~(ICANON | ECHO | ISIG);
	KT_ASSERT_EQ(kt, tty_ioctl(cons_tty, TIOCSETAF, &t, curthread), 0);
	mcr = inb(COM1_BASE + REG_MCR);
	outb(COM1_BASE + REG_MCR, mcr | MCR_LOOP);
	outb(COM1_BASE, 'Z');
	for (i = 0; i < 50 && error == EAGAIN; i++) {
		(void)pause("ktuart", 1);
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		uio = (struct uio){ .uio_iov = &iov, .uio_iovcnt = 1,
		    .uio_resid = sizeof(buf), .uio_segflg = UIO_SYSSPACE,
		    .uio_rw = UIO_READ, .uio_td = curthread };
		error = tty_read(cons_tty, &uio, IO_NDELAY);
	}
	outb(COM1_BASE + REG_MCR, mcr);
	(void)tty_ioctl(cons_tty, TIOCSETAF, &saved, curthread);
	KT_EXPECT_EQ(kt, error, 0);
	KT_EXPECT_EQ(kt, sizeof(buf) - uio.uio_resid, 1);
	KT_EXPECT_EQ(kt, buf[0], 'Z');
}
