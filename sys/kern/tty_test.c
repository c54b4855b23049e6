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
	KT_EXPECT_EQ(kt, kern_wait4(curthread, p->p_pid, &status, 0, &pid, NULL), 0);
	KT_EXPECT_EQ(kt, tt_result, EINTR);
	KT_EXPECT(kt, (tt_pending & SIGBIT(SIGINT)) != 0);
	KT_EXPECT_STREQ(kt, tt_out, "partial^C");
	tt_feed(tp, "\n");
	KT_EXPECT_EQ(kt, tt_read(tp, buf, sizeof(buf)), 1);	/* flushed */
	tty_free(tp);
}

/* A write of s through the line discipline; 0 or an errno. */
static int
tt_write(struct tty *tp, const char *s, int ioflag)
{
	struct iovec iov = { __DECONST(char *, s), strlen(s) };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = strlen(s),
		.uio_segflg = UIO_SYSSPACE, .uio_rw = UIO_WRITE,
		.uio_td = curthread,
	};

	return (tty_write(tp, &uio, ioflag));
}

/* A non-blocking read with more ioflag bits; the count or -errno. */
static int
tt_read_flags(struct tty *tp, int ioflag)
{
	char buf[8];
	struct iovec iov = { buf, sizeof(buf) };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = sizeof(buf),
		.uio_segflg = UIO_SYSSPACE, .uio_rw = UIO_READ,
		.uio_td = curthread,
	};
	int error;

	error = tty_read(tp, &uio, IO_NDELAY | ioflag);
	return (error != 0 ? -error : (int)(sizeof(buf) - uio.uio_resid));
}

/* Make group pgid tp's foreground (any id: the checks compare ids). */
static void
tt_set_fg(struct tty *tp, pid_t pgid)
{
	mtx_lock(&proctree_lock);
	mtx_lock(&tp->t_mtx);
	tp->t_pgrp = pgid;
	mtx_unlock(&tp->t_mtx);
	mtx_unlock(&proctree_lock);
}

static void
tt_set_action(struct thread *td, int sig, uint64_t handler, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	(void)kern_sigaction(td, sig, &sa, NULL);
}

#define TT_HANDLER	0x1000		/* a handler; never runs */
#define TT_NOGROUP	99998			/* no such group */

/* What the processes of tty.job_control saw. */
static struct {
	struct tty	*tp;
	volatile int	done;
	/* The leader: its group is orphaned (its parent is the kernel). */
	int	acquire, fg_read, bg_read, bg_console_read, bg_getattr,
		bg_setattr, bg_spgrp, bg_write, bg_tostop_write,
		bg_tostop_console_write, ttou_ign_setattr, ttou_ign_write,
		ttin_ign_read, ttin_blk_read, spgrp_blk, spgrp_none,
		spgrp_zero, other_read;
	/* The member: a group of its own, not orphaned. */
	int	m_setpgid, m_read, m_ttin, m_handler_read, m_restart_read,
		m_write, m_ttou, m_setattr;
} tj;

/* The member: a background group that is not orphaned (tj.tp's fg is
   its leader's group). */
static void
tt_jc_member(void *arg)
{
	struct thread *td = curthread;
	struct proc *p = td->td_proc;
	struct termios t;

	tj.m_setpgid = kern_setpgid(td, 0, 0);
	/* SIGTTIN to the group, and the read starts again after it. */
	tj.m_read = tt_read_flags(tj.tp, 0);
	tj.m_ttin = (p->p_sigpend & SIGBIT(SIGTTIN)) != 0;
	tt_set_action(td, SIGTTIN, SIG_IGN, 0);	/* drops it */
	/* A handler: EINTR, or a restart with SA_RESTART. */
	tt_set_action(td, SIGTTIN, TT_HANDLER, 0);
	tj.m_handler_read = tt_read_flags(tj.tp, 0);
	tt_set_action(td, SIGTTIN, TT_HANDLER, SA_RESTART);
	tj.m_restart_read = tt_read_flags(tj.tp, 0);
	tt_set_action(td, SIGTTIN, SIG_IGN, 0);
	tt_set_action(td, SIGTTIN, SIG_DFL, 0);
	/* With TOSTOP, a write gets SIGTTOU; so does a TIOCSETA. */
	mtx_lock(&tj.tp->t_mtx);
	tj.tp->t_termios.c_lflag |= TOSTOP;
	mtx_unlock(&tj.tp->t_mtx);
	tj.m_write = tt_write(tj.tp, "m", 0);
	tj.m_ttou = (p->p_sigpend & SIGBIT(SIGTTOU)) != 0;
	(void)tty_ioctl(tj.tp, TIOCGETA, &t, td);
	tj.m_setattr = tty_ioctl(tj.tp, TIOCSETA, &t, td);
	exit1(td, 0, 0);
}

/* The leader: takes tj.tp, then tries it from the background. */
static void
tt_jc_leader(void *arg)
{
	struct thread *td = curthread;
	struct proc *p = td->td_proc, *m;
	struct termios t;
	struct tty *other;
	pid_t pid;
	int pg, status;

	mtx_lock(&proctree_lock);
	tj.acquire = tty_ctty_acquire(tj.tp, p);
	mtx_unlock(&proctree_lock);
	tj.fg_read = tt_read_flags(tj.tp, 0);
	tt_set_fg(tj.tp, TT_NOGROUP);
	/* Orphaned: EIO instead of a stop; reads of /dev/console pass. */
	tj.bg_read = tt_read_flags(tj.tp, 0);
	tj.bg_console_read = tt_read_flags(tj.tp, IO_TTYCONSOLE);
	tj.bg_getattr = tty_ioctl(tj.tp, TIOCGETA, &t, td);
	tj.bg_setattr = tty_ioctl(tj.tp, TIOCSETA, &t, td);
	pg = p->p_pid;
	tj.bg_spgrp = tty_ioctl(tj.tp, TIOCSPGRP, &pg, td);
	tj.bg_write = tt_write(tj.tp, "w", 0);
	mtx_lock(&tj.tp->t_mtx);
	tj.tp->t_termios.c_lflag |= TOSTOP;
	mtx_unlock(&tj.tp->t_mtx);
	tj.bg_tostop_write = tt_write(tj.tp, "w", 0);
	tj.bg_tostop_console_write = tt_write(tj.tp, "w", IO_TTYCONSOLE);
	/* SIGTTOU ignored: allowed; SIGTTIN ignored or blocked: EIO. */
	tt_set_action(td, SIGTTOU, SIG_IGN, 0);
	tj.ttou_ign_setattr = tty_ioctl(tj.tp, TIOCSETA, &t, td);
	tj.ttou_ign_write = tt_write(tj.tp, "w", 0);
	tt_set_action(td, SIGTTOU, SIG_DFL, 0);
	tt_set_action(td, SIGTTIN, SIG_IGN, 0);
	tj.ttin_ign_read = tt_read_flags(tj.tp, 0);
	tt_set_action(td, SIGTTIN, SIG_DFL, 0);
	td->td_sigmask |= SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU);
	tj.ttin_blk_read = tt_read_flags(tj.tp, 0);
	/* SIGTTOU blocked: TIOCSPGRP goes through to its own checks. */
	pg = TT_NOGROUP - 1;
	tj.spgrp_none = tty_ioctl(tj.tp, TIOCSPGRP, &pg, td);
	pg = 0;
	tj.spgrp_zero = tty_ioctl(tj.tp, TIOCSPGRP, &pg, td);
	pg = p->p_pid;
	tj.spgrp_blk = tty_ioctl(tj.tp, TIOCSPGRP, &pg, td);
	td->td_sigmask = 0;
	/* Not its controlling terminal: no check. */
	other = tty_alloc("other", tt_outc, NULL);
	tt_set_fg(other, TT_NOGROUP);
	tj.other_read = tt_read_flags(other, 0);
	tty_free(other);
	/* The member, in the background: the leader's group is the fg. */
	if (proc_spawn(p, tt_jc_member, NULL, "ktjcm", 0, &m) == 0) {
		pid = m->p_pid;
		(void)kern_wait4(td, pid, &status, 0, &pid, NULL);
	}
	tj.done = 1;
	exit1(td, 0, 0);
}

/*
 * Job control (Linux's __tty_check_change): a process of the session a
 * tty controls, outside its foreground group: in an orphaned group
 * (the leader's, whose parent is the kernel) a read, a TIOCSETA and a
 * TOSTOP write fail with EIO, TIOCSPGRP with ENOTTY, unless SIGTTOU is
 * ignored or blocked (allowed); SIGTTIN ignored or blocked: EIO; the
 * console device's reads and writes and another tty are not checked.
 * In a group that is not orphaned, the group gets SIGTTIN or SIGTTOU
 * and the call says ERESTART (EINTR for a handler without SA_RESTART).
 */
KTEST(tty, job_control)
{
	struct proc *p;
	pid_t pid;
	int status, i;

	memset(&tj, 0, sizeof(tj));
	tj.tp = tt_new();
	KT_ASSERT_EQ(kt, proc_spawn(&proc0, tt_jc_leader, NULL, "ktjc", 0,
	    &p), 0);
	pid = p->p_pid;
	KT_EXPECT_EQ(kt, kern_wait4(curthread, pid, &status, 0, &pid, NULL), 0);
	for (i = 0; i < 100 && !tj.done; i++)
		(void)pause("kttty", 1);
	KT_ASSERT(kt, tj.done);
	KT_EXPECT_EQ(kt, tj.acquire, 0);
	KT_EXPECT_EQ(kt, tj.fg_read, -EAGAIN);
	KT_EXPECT_EQ(kt, tj.bg_read, -EIO);
	KT_EXPECT_EQ(kt, tj.bg_console_read, -EAGAIN);
	KT_EXPECT_EQ(kt, tj.bg_getattr, 0);
	KT_EXPECT_EQ(kt, tj.bg_setattr, EIO);
	KT_EXPECT_EQ(kt, tj.bg_spgrp, ENOTTY);
	KT_EXPECT_EQ(kt, tj.bg_write, 0);
	KT_EXPECT_EQ(kt, tj.bg_tostop_write, EIO);
	KT_EXPECT_EQ(kt, tj.bg_tostop_console_write, 0);
	KT_EXPECT_EQ(kt, tj.ttou_ign_setattr, 0);
	KT_EXPECT_EQ(kt, tj.ttou_ign_write, 0);
	KT_EXPECT_EQ(kt, tj.ttin_ign_read, -EIO);
	KT_EXPECT_EQ(kt, tj.ttin_blk_read, -EIO);
	KT_EXPECT_EQ(kt, tj.spgrp_none, ESRCH);
	KT_EXPECT_EQ(kt, tj.spgrp_zero, ESRCH);
	KT_EXPECT_EQ(kt, tj.spgrp_blk, 0);
	KT_EXPECT_EQ(kt, tj.other_read, -EAGAIN);
	KT_EXPECT_EQ(kt, tj.m_setpgid, 0);
	KT_EXPECT_EQ(kt, tj.m_read, -ERESTART);
	KT_EXPECT(kt, tj.m_ttin);
	KT_EXPECT_EQ(kt, tj.m_handler_read, -EINTR);
	KT_EXPECT_EQ(kt, tj.m_restart_read, -ERESTART);
	KT_EXPECT_EQ(kt, tj.m_write, ERESTART);
	KT_EXPECT(kt, tj.m_ttou);
	KT_EXPECT_EQ(kt, tj.m_setattr, ERESTART);
	tty_free(tj.tp);
}
