/*
 * tty_test.c: in-kernel tests of the line discipline.  Bytes are fed to
 * a tty whose output goes to a buffer (no device), and read back with
 * tty_read; ^C is checked on a process spawned for the purpose, asleep
 * interruptibly.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/filio.h>
#include <sys/ktest.h>
#include <sys/proc.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/syscallsubr.h>
#include <sys/tty.h>
#include <sys/ttycom.h>
#include <sys/uio.h>
#include <sys/vnode.h>
#include <sys/wait.h>

static char	tt_out[512];	/* what the tty wrote */
static size_t	tt_outlen;

static void
tt_outc(struct tty *tp, int c)
{
	if (tt_outlen < sizeof(tt_out) - 1)
		tt_out[tt_outlen++] = (char)c;
	tt_out[tt_outlen] = '\0';
}

static struct tty *
tt_new(void)
{
	tt_outlen = 0;
	tt_out[0] = '\0';
	return (tty_alloc("test", tt_outc, NULL));
}

static void
tt_feed(struct tty *tp, const char *s)
{
	while (*s != '\0')
		tty_input(tp, (u_char)*s++);
}

/* A non-blocking read into buf (NUL-ended); the byte count or -errno. */
static int
tt_read(struct tty *tp, char *buf, size_t len)
{
	struct iovec iov = { buf, len - 1 };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = len - 1,
		.uio_segflg = UIO_SYSSPACE, .uio_rw = UIO_READ,
		.uio_td = curthread,
	};
	int error;

	error = tty_read(tp, &uio, IO_NDELAY);
	buf[len - 1 - uio.uio_resid] = '\0';
	return (error != 0 ? -error : (int)(len - 1 - uio.uio_resid));
}

/* Lines, echo, erase (DEL and ^H), kill, word erase, ICRNL. */
KTEST(tty, canonical_editing)
{
	struct tty *tp = tt_new();
	char buf[64];
	int n;

	tt_feed(tp, "ab");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), -EAGAIN); /* no line */
	tt_feed(tp, "\x7f" "c\r");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 3);
	KT_EXPECT_STREQ(kt, buf, "ac\n");
	KT_EXPECT_STREQ(kt, tt_out, "ab\b \bc\r\n");
	tt_outlen = 0;
	tt_feed(tp, "xy\bz\x15ok\n");		/* ^H erases, ^U kills */
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 3);
	KT_EXPECT_STREQ(kt, buf, "ok\n");
	tt_feed(tp, "one two  \x17three\n");	/* ^W */
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 10);
	KT_EXPECT_STREQ(kt, buf, "one three\n");
	/* Two lines: one read returns one line; FIONREAD counts both. */
	tt_feed(tp, "l1\nl2\n");
	KT_EXPECT_EQ(kt, tty_ioctl(tp, FIONREAD, &n, curthread), 0);
	KT_EXPECT_EQ(kt, n, 6);
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 3);
	KT_EXPECT_STREQ(kt, buf, "l1\n");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, 3), 2);	/* a short read */
	KT_EXPECT_STREQ(kt, buf, "l2");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 1);
	KT_EXPECT_STREQ(kt, buf, "\n");
	/* Erasing past the line's start does nothing. */
	tt_outlen = 0;
	tt_feed(tp, "\x7f\x7f");
	KT_EXPECT_EQ(kt, tt_outlen, 0);
	tty_free(tp);
}

/* ^D: ends a line without a newline; alone, reads as end of file. */
KTEST(tty, eof)
{
	struct tty *tp = tt_new();
	char buf[64];

	tt_feed(tp, "hi\x04");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 2);
	KT_EXPECT_STREQ(kt, buf, "hi");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), -EAGAIN);
	tt_feed(tp, "\x04");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), -EAGAIN);
	KT_EXPECT_STREQ(kt, tt_out, "hi");		/* ^D is not echoed */
	/* A read that takes the whole line also takes its ^D. */
	tt_feed(tp, "abc\x04");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, 4), 3);
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), -EAGAIN);
	tty_free(tp);
}

/* No ECHO: nothing echoed, but ECHONL echoes newlines; ECHOCTL. */
KTEST(tty, echo_modes)
{
	struct tty *tp = tt_new();
	struct termios t;
	char buf[64];

	KT_ASSERT_EQ(kt, tty_ioctl(tp, TIOCGETA, &t, curthread), 0);
	KT_EXPECT(kt, (t.c_lflag & (ICANON | ECHO | ISIG)) ==
	    (ICANON | ECHO | ISIG));
	tt_feed(tp, "\x01\n");
	KT_EXPECT_STREQ(kt, tt_out, "^A\r\n");
	t.c_lflag &= ~ECHO;
	t.c_lflag |= ECHONL;
	KT_ASSERT_EQ(kt, tty_ioctl(tp, TIOCSETA, &t, curthread), 0);
	tt_outlen = 0;
	tt_feed(tp, "secret\n");
	KT_EXPECT_STREQ(kt, tt_out, "\r\n");
	(void)tt_read(tp, buf, sizeof(buf));
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 7);
	tty_free(tp);
}

/* Non-canonical mode: VMIN/VTIME; output post-processing. */
KTEST(tty, noncanonical_and_output)
{
	struct tty *tp = tt_new();
	struct termios t;
	char buf[64];
	uint64_t start;

	(void)tty_ioctl(tp, TIOCGETA, &t, curthread);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	KT_ASSERT_EQ(kt, tty_ioctl(tp, TIOCSETA, &t, curthread), 0);
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 0);	/* polls */
	tt_feed(tp, "a\x7f" "b");		/* no editing */
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 3);
	KT_EXPECT_STREQ(kt, buf, "a\x7f" "b");
	/* VMIN 0, VTIME 2: a blocking read times out after 0.2 s with 0. */
	t.c_cc[VTIME] = 2;
	(void)tty_ioctl(tp, TIOCSETA, &t, curthread);
	{
		struct iovec iov = { buf, 10 };
		struct uio uio = { .uio_iov = &iov, .uio_iovcnt = 1,
		    .uio_resid = 10, .uio_segflg = UIO_SYSSPACE,
		    .uio_rw = UIO_READ, .uio_td = curthread };

		start = ticks;
		KT_EXPECT_EQ(kt, tty_read(tp, &uio, 0), 0);
		KT_EXPECT_EQ(kt, uio.uio_resid, 10);
		KT_EXPECT(kt, ticks - start >= (uint64_t)hz / 10);
	}
	/* VMIN 2: one byte is not enough. */
	t.c_cc[VMIN] = 2;
	t.c_cc[VTIME] = 0;
	(void)tty_ioctl(tp, TIOCSETA, &t, curthread);
	tt_feed(tp, "x");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), -EAGAIN);
	tt_feed(tp, "y");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 2);
	/* ONLCR, then raw output. */
	tt_outlen = 0;
	tty_output(tp, "a\nb", 3);
	KT_EXPECT_STREQ(kt, tt_out, "a\r\nb");
	t.c_oflag &= ~ONLCR;
	(void)tty_ioctl(tp, TIOCSETA, &t, curthread);
	tt_outlen = 0;
	tty_output(tp, "a\nb", 3);
	KT_EXPECT_STREQ(kt, tt_out, "a\nb");
	tty_free(tp);
}

/* Window size, foreground process, unknown commands. */
KTEST(tty, ioctls)
{
	struct tty *tp = tt_new();
	struct winsize ws = { 24, 80, 0, 0 }, ws2;
	int pgrp;

	KT_EXPECT_EQ(kt, tty_ioctl(tp, TIOCSWINSZ, &ws, curthread), 0);
	KT_EXPECT_EQ(kt, tty_ioctl(tp, TIOCGWINSZ, &ws2, curthread), 0);
	KT_EXPECT_EQ(kt, ws2.ws_row, 24);
	KT_EXPECT_EQ(kt, ws2.ws_col, 80);
	/* Not the caller's controlling terminal (a kernel thread has no
	   session): the job-control commands are ENOTTY, as Linux. */
	pgrp = 1234;
	KT_EXPECT_EQ(kt, tty_ioctl(tp, TIOCSPGRP, &pgrp, curthread), ENOTTY);
	KT_EXPECT_EQ(kt, tty_ioctl(tp, TIOCGPGRP, &pgrp, curthread), ENOTTY);
	KT_EXPECT_EQ(kt, tty_ioctl(tp, TIOCGSID, &pgrp, curthread), ENOTTY);
	KT_EXPECT_EQ(kt, tty_ioctl(tp, TIOCSCTTY, NULL, curthread), EPERM);
	KT_EXPECT_EQ(kt, tty_ioctl(tp, 0, NULL, curthread), ENOTTY);
	tty_free(tp);
}

static volatile int	tt_sleeping, tt_result = -1;
static volatile uint64_t tt_pending;

/* A process that sleeps interruptibly, then records why it woke. */
static void
tt_sleeper(void *arg)
{
	struct thread *td = curthread;

	tt_sleeping = 1;
	tt_result = tsleep(__DEVOLATILE(void *, &tt_sleeping), PCATCH, "kttty",
	    5 * hz);
	/* Pending for the thread, or for the process (any of its threads
	   may take a process signal). */
	tt_pending = td->td_sigpend | td->td_proc->p_sigpend;
	exit1(td, 0, 0);
}

/* ^C: the input is flushed, ^C echoed, SIGINT sent (and a sleep ends). */
KTEST(tty, intr_sends_sigint)
{
	struct tty *tp = tt_new();
	struct proc *p;
	char buf[16];
	pid_t pid;
	int status, i;

	tt_sleeping = 0;
	tt_result = -1;
	tt_pending = 0;
	KT_ASSERT_EQ(kt, proc_spawn(&proc0, tt_sleeper, NULL, "kttty",
	    PSPAWN_CTTY, &p), 0);
	for (i = 0; i < 100 && !tt_sleeping; i++)
		(void)pause("kttty", 1);
	(void)pause("kttty", 2);	/* into its sleep */
	mtx_lock(&tp->t_mtx);
	tp->t_pgrp = p->p_pid;
	mtx_unlock(&tp->t_mtx);
	tt_feed(tp, "partial\x03");
	KT_EXPECT_EQ(kt, kern_wait4(curthread, p->p_pid, &status, 0, &pid), 0);
	KT_EXPECT_EQ(kt, tt_result, EINTR);
	KT_EXPECT(kt, (tt_pending & SIGBIT(SIGINT)) != 0);
	KT_EXPECT_STREQ(kt, tt_out, "partial^C");
	tt_feed(tp, "\n");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 1);	/* flushed */
	tty_free(tp);
}
