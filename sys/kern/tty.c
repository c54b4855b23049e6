/*
 * tty.c: terminals: the line discipline over a byte-at-a-time device
 * (sys/sys/tty.h; share/doc/devices-and-tty.md).
 *
 * Input (ttydisc_rint, t_mtx held), in this order:
 *   - ISTRIP; IGNCR drops CR, ICRNL turns CR into NL, INLCR NL into CR;
 *   - ISIG: VINTR, VQUIT, VSUSP flush the input (unless NOFLSH), echo
 *     as ^C and return SIGINT, SIGQUIT, SIGTSTP for the caller to send
 *     to the foreground process group t_pgrp (TIOCSPGRP sets it; a
 *     session leader taking the terminal as its controlling one makes
 *     its group the foreground: the console's is taken by the
 *     processes the kernel starts with the console as their stdio);
 *   - ICANON: VERASE/VERASE2 erase a byte, VWERASE a word, VKILL the
 *     line being edited (echoed as "\b \b" with ECHOE/ECHOKE); VEOF
 *     commits the line without a byte, and alone it reads as end of
 *     file; NL, VEOL, VEOL2 end the line; other bytes join the line
 *     while there is room (one byte stays free for the line's end);
 *   - non-canonical: every byte is readable at once;
 *   - echo with ECHO (control characters as ^X with ECHOCTL), NL alone
 *     with ECHONL.
 * Output: OPOST with ONLCR turns NL into CR NL.
 * Reads: canonical mode returns at most one line and waits for one;
 * non-canonical mode follows VMIN and VTIME (both 0: what is there;
 * VMIN only: at least VMIN bytes; VTIME only: a byte or the timeout;
 * both: VMIN bytes or VTIME after the last one).  Sleeps are
 * interruptible (PCATCH).
 * Job control (tty_check_change, Linux's rules): a process of the
 * session the tty controls but not of its foreground group that reads
 * it, writes it under TOSTOP or changes its settings (TIOCSETA*,
 * TIOCSPGRP) stops its group with SIGTTIN or SIGTTOU, then tries again;
 * EIO when it ignores or blocks SIGTTIN, or its group is orphaned.
 * XXX: no flow control (IXON), no VLNEXT,
 * VREPRINT or VDISCARD, tabs erase as one column.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/filio.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/malloc.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/selinfo.h>
#include <sys/sched.h>
#include <sys/signal.h>
#include <sys/signalvar.h>
#include <sys/sleepqueue.h>
#include <sys/tty.h>
#include <sys/ttycom.h>
#include <sys/uio.h>
#include <sys/vnode.h>

static MALLOC_DEFINE(M_TTY, "tty", "terminals");

#define TTY_CHUNK	256	/* bytes moved per uiomove */

/* tty_init_termios: Linux's defaults for a new terminal. */
void
tty_init_termios(struct termios *t)
{
	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL | IXON | IMAXBEL | IUTF8;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = CS8 | CREAD | HUPCL | CLOCAL;
	t->c_lflag = ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOKE |
	    ECHOCTL;
	memset(t->c_cc, _POSIX_VDISABLE, sizeof(t->c_cc));
	t->c_cc[VEOF] = CTRL('d');
	t->c_cc[VERASE] = 0x7f;
	t->c_cc[VERASE2] = CTRL('h');
	t->c_cc[VWERASE] = CTRL('w');
	t->c_cc[VKILL] = CTRL('u');
	t->c_cc[VREPRINT] = CTRL('r');
	t->c_cc[VINTR] = CTRL('c');
	t->c_cc[VQUIT] = CTRL('\\');
	t->c_cc[VSUSP] = CTRL('z');
	t->c_cc[VSTART] = CTRL('q');
	t->c_cc[VSTOP] = CTRL('s');
	t->c_cc[VLNEXT] = CTRL('v');
	t->c_cc[VDISCARD] = CTRL('o');
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
	t->c_ispeed = t->c_ospeed = 115200;
}

/* tty_alloc: a new terminal writing through outc. */
struct tty *
tty_alloc(const char *name, void (*outc)(struct tty *, int), void *softc)
{
	struct tty *tp;

	tp = malloc(sizeof(*tp), M_TTY, M_WAITOK | M_ZERO);
	mtx_init(&tp->t_mtx, "tty", NULL, MTX_DEF);
	mtx_init(&tp->t_rawmtx, "ttyraw", NULL, MTX_SPIN);
	tty_init_termios(&tp->t_termios);
	tp->t_outc = outc;
	tp->t_softc = softc;
	tp->t_name = name;
	return (tp);
}

/* tty_free: free a tty nobody uses (tests); no input thread may run. */
void
tty_free(struct tty *tp)
{
	mtx_destroy(&tp->t_mtx);
	mtx_destroy(&tp->t_rawmtx);
	free(tp, M_TTY);
}

/*
 * Output.
 */

/* One byte out through the output post-processing (t_mtx held). */
static void
tty_outc(struct tty *tp, int c)
{
	const struct termios *t = &tp->t_termios;

	mtx_assert(&tp->t_mtx, MA_OWNED);
	if ((t->c_oflag & OPOST) && c == '\n' && (t->c_oflag & ONLCR)) {
		tp->t_outc(tp, '\r');
		tp->t_column = 0;
	}
	tp->t_outc(tp, c);
	if (c == '\n' || c == '\r')
		tp->t_column = 0;
	else if (c == '\b')
		tp->t_column = tp->t_column > 0 ? tp->t_column - 1 : 0;
	else
		tp->t_column++;
}

/* tty_output: kernel bytes out through the post-processing. */
void
tty_output(struct tty *tp, const char *buf, size_t len)
{
	size_t i;

	mtx_lock(&tp->t_mtx);
	for (i = 0; i < len; i++)
		tty_outc(tp, (u_char)buf[i]);
	mtx_unlock(&tp->t_mtx);
}

static bool
tty_isctl(int c)
{
	return (c < 0x20 || c == 0x7f);
}

/* Echo c as the line discipline does (t_mtx held). */
static void
tty_echo(struct tty *tp, int c)
{
	const struct termios *t = &tp->t_termios;

	if ((t->c_lflag & ECHO) == 0) {
		if (c == '\n' && (t->c_lflag & ECHONL))
			tty_outc(tp, c);
		return;
	}
	if ((t->c_lflag & ECHOCTL) && tty_isctl(c) && c != '\n' &&
	    c != '\t' && c != '\r') {
		tty_outc(tp, '^');
		tty_outc(tp, c ^ 0x40);		/* DEL: '?' */
	} else {
		tty_outc(tp, c);
	}
}

/*
 * Input.
 */

/* Whether c is the special character cc[idx] (and that is enabled). */
static bool
tty_cc(const struct tty *tp, int c, int idx)
{
	cc_t v = tp->t_termios.c_cc[idx];

	return (v != _POSIX_VDISABLE && c == v);
}

/* Append c with flags if room stays for reserve more bytes. */
static bool
tty_enqueue(struct tty *tp, int c, uint8_t flags, u_int reserve)
{
	u_int i;

	if (tp->t_incnt + reserve >= TTY_INQ_SIZE)
		return (false);
	i = (tp->t_inhead + tp->t_incnt) % TTY_INQ_SIZE;
	tp->t_inq[i] = (char)c;
	tp->t_inflags[i] = flags;
	tp->t_incnt++;
	return (true);
}

/* The last byte of the line being edited; -1 if none. */
static int
tty_last(struct tty *tp)
{
	if (tp->t_incnt == tp->t_canq)
		return (-1);
	return ((u_char)tp->t_inq[(tp->t_inhead + tp->t_incnt - 1) %
	    TTY_INQ_SIZE]);
}

/* The last byte of the line being edited, taken off; -1 if none. */
static int
tty_unqueue_last(struct tty *tp)
{
	u_int i;

	if (tp->t_incnt == tp->t_canq)
		return (-1);
	tp->t_incnt--;
	i = (tp->t_inhead + tp->t_incnt) % TTY_INQ_SIZE;
	return ((u_char)tp->t_inq[i]);
}

/* Commit everything queued (a line ended, or non-canonical input). */
static void
tty_commit(struct tty *tp)
{
	tp->t_canq = tp->t_incnt;
	wakeup(&tp->t_inq);
	selwakeup(&tp->t_sel);
}

static void
tty_flush_input(struct tty *tp)
{
	tp->t_inhead = tp->t_incnt = tp->t_canq = 0;
}

/* Erase one byte of the edited line, visually if asked. */
static bool
tty_erase(struct tty *tp, int erasec)
{
	const struct termios *t = &tp->t_termios;
	int c;

	c = tty_unqueue_last(tp);
	if (c < 0)
		return (false);
	if ((t->c_lflag & ECHO) == 0)
		return (true);
	if (t->c_lflag & ECHOE) {
		tty_outc(tp, '\b');
		tty_outc(tp, ' ');
		tty_outc(tp, '\b');
		if ((t->c_lflag & ECHOCTL) && tty_isctl(c) && c != '\t') {
			tty_outc(tp, '\b');
			tty_outc(tp, ' ');
			tty_outc(tp, '\b');
		}
	} else {
		tty_echo(tp, erasec);
	}
	return (true);
}

/* ttydisc_rint: the line discipline takes c; returns a signal or 0. */
int
ttydisc_rint(struct tty *tp, int c)
{
	const struct termios *t = &tp->t_termios;
	int sig = 0, last;

	mtx_assert(&tp->t_mtx, MA_OWNED);
	c &= 0xff;
	if (t->c_iflag & ISTRIP)
		c &= 0x7f;
	if (c == '\r') {
		if (t->c_iflag & IGNCR)
			return (0);
		if (t->c_iflag & ICRNL)
			c = '\n';
	} else if (c == '\n' && (t->c_iflag & INLCR)) {
		c = '\r';
	}

	if (t->c_lflag & ISIG) {
		if (tty_cc(tp, c, VINTR))
			sig = SIGINT;
		else if (tty_cc(tp, c, VQUIT))
			sig = SIGQUIT;
		else if (tty_cc(tp, c, VSUSP))
			sig = SIGTSTP;
		if (sig != 0) {
			if ((t->c_lflag & NOFLSH) == 0)
				tty_flush_input(tp);
			tty_echo(tp, c);
			return (sig);
		}
	}

	if ((t->c_lflag & ICANON) == 0) {
		if (tty_enqueue(tp, c, 0, 0)) {
			tty_echo(tp, c);
			tty_commit(tp);
		}
		return (0);
	}

	if (tty_cc(tp, c, VERASE) || tty_cc(tp, c, VERASE2)) {
		(void)tty_erase(tp, c);
		return (0);
	}
	if ((t->c_lflag & IEXTEN) && tty_cc(tp, c, VWERASE)) {
		/* Blanks, then the word before them. */
		while ((last = tty_last(tp)) == ' ' || last == '\t')
			(void)tty_erase(tp, c);
		while ((last = tty_last(tp)) >= 0 && last != ' ' &&
		    last != '\t')
			(void)tty_erase(tp, c);
		return (0);
	}
	if (tty_cc(tp, c, VKILL)) {
		if ((t->c_lflag & (ECHO | ECHOKE | ECHOE)) ==
		    (ECHO | ECHOKE | ECHOE)) {
			while (tty_erase(tp, c))
				;
		} else {
			while (tty_unqueue_last(tp) >= 0)
				;
			tty_echo(tp, c);
			if ((t->c_lflag & (ECHO | ECHOK)) == (ECHO | ECHOK))
				tty_outc(tp, '\n');
		}
		return (0);
	}
	if (tty_cc(tp, c, VEOF)) {
		if (tty_enqueue(tp, c, TTYF_EOF, 0))
			tty_commit(tp);
		return (0);
	}
	if (c == '\n' || tty_cc(tp, c, VEOL) || tty_cc(tp, c, VEOL2)) {
		if (tty_enqueue(tp, c, TTYF_BREAK, 0)) {
			tty_echo(tp, c);
			tty_commit(tp);
		}
		return (0);
	}
	if (tty_enqueue(tp, c, 0, 1))
		tty_echo(tp, c);
	else if (t->c_iflag & IMAXBEL)
		tty_outc(tp, '\a');
	return (0);
}

/*
 * tty_signal: the kernel sends sig to tp's foreground process group (no
 * lock held): ^C typed by anyone reaches it, whoever writes the input
 * (a pty's master, the console's input thread), as Linux sends it
 * (SI_KERNEL, no permission check).
 */
static void
tty_signal_pgid(pid_t pgid, int sig)
{
	struct pgrp *pg;

	if (pgid <= 0)
		return;
	mtx_lock(&proctree_lock);
	if ((pg = pgfind_locked(pgid)) != NULL)
		pgsignal(pg, sig);
	mtx_unlock(&proctree_lock);
}

static void
tty_signal(struct tty *tp, int sig)
{
	pid_t pgid;

	mtx_lock(&tp->t_mtx);
	pgid = tp->t_pgrp;
	mtx_unlock(&tp->t_mtx);
	tty_signal_pgid(pgid, sig);
}

/*
 * tty_ctty_acquire: tp becomes the controlling terminal of the session
 * p leads, and p's group its foreground, when neither the session nor
 * tp has one; EPERM otherwise (not a session leader, or taken).
 * proctree_lock held.
 */
int
tty_ctty_acquire(struct tty *tp, struct proc *p)
{
	struct session *sess;

	mtx_assert(&proctree_lock, MA_OWNED);
	if (p->p_pgrp == NULL)
		return (EPERM);
	sess = p->p_pgrp->pg_session;
	if (sess->s_leader != p || sess->s_ttyp != NULL ||
	    tp->t_session != NULL)
		return (EPERM);
	mtx_lock(&tp->t_mtx);
	if (tp->t_flags & TF_HUNGUP) {
		mtx_unlock(&tp->t_mtx);
		return (EPERM);
	}
	tp->t_session = sess;
	tp->t_pgrp = p->p_pgrp->pg_id;
	mtx_unlock(&tp->t_mtx);
	sess->s_ttyp = tp;
	return (0);
}

/* tty_pgrp_gone: group pgid (of tp's session) has no member left. (p) */
void
tty_pgrp_gone(struct tty *tp, pid_t pgid)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	mtx_lock(&tp->t_mtx);
	if (tp->t_pgrp == pgid)
		tp->t_pgrp = 0;
	mtx_unlock(&tp->t_mtx);
}

/* tty_session_gone: sess no longer controls tp (it ended or let go). */
void
tty_session_gone(struct tty *tp, struct session *sess)
{
	mtx_assert(&proctree_lock, MA_OWNED);
	KASSERT(sess->s_ttyp == tp, ("tty_session_gone: session %d",
	    sess->s_sid));
	sess->s_ttyp = NULL;
	mtx_lock(&tp->t_mtx);
	if (tp->t_session == sess) {
		tp->t_session = NULL;
		tp->t_pgrp = 0;
	}
	mtx_unlock(&tp->t_mtx);
}

/* tty_hangup: see sys/sys/tty.h. */
void
tty_hangup(struct tty *tp)
{
	struct session *sess;
	struct proc *leader;
	ksiginfo_t ksi;

	mtx_lock(&proctree_lock);
	mtx_lock(&tp->t_mtx);
	tp->t_flags |= TF_HUNGUP;
	wakeup(&tp->t_inq);
	wakeup(&tp->t_outwait);
	selwakeup(&tp->t_sel);
	sess = tp->t_session;
	mtx_unlock(&tp->t_mtx);
	if (sess != NULL) {
		leader = sess->s_leader;
		tty_session_gone(tp, sess);
		if (leader != NULL && leader->p_state == PRS_NORMAL &&
		    (leader->p_flag & P_WEXIT) == 0) {
			ksiginfo_init(&ksi, SIGHUP, SI_KERNEL);
			(void)psignal(leader, &ksi);
			ksiginfo_init(&ksi, SIGCONT, SI_KERNEL);
			(void)psignal(leader, &ksi);
		}
	}
	mtx_unlock(&proctree_lock);
}

/*
 * tty_check_change: the job-control check of a background process
 * (Linux's __tty_check_change).  When tp is the controlling terminal of
 * td's session, has a foreground group and td's group is another, td's
 * group gets sig (SIGTTIN for a read, SIGTTOU for a write under TOSTOP
 * or a change of the settings) and the call returns ERESTART: it starts
 * again once the group is continued (EINTR instead when a handler
 * without SA_RESTART takes the signal, as for a sleep).  But when td
 * blocks sig or ignores it, a read fails with EIO and the rest goes on
 * (0); and in an orphaned group, which no stop would reach, the call
 * fails with EIO.  0 for a kernel thread.  No lock held.
 */
static int
tty_check_change(struct tty *tp, struct thread *td, int sig)
{
	struct proc *p = td->td_proc;
	struct pgrp *pg;
	int error = 0;

	if (td->td_frame == NULL)
		return (0);
	mtx_lock(&proctree_lock);
	pg = p->p_pgrp;
	if (pg == NULL || pg->pg_session->s_ttyp != tp || tp->t_pgrp == 0 ||
	    tp->t_pgrp == pg->pg_id)
		goto out;
	if (sig_ignored_or_blocked(td, sig)) {
		if (sig == SIGTTIN)
			error = EIO;
	} else if (pgrp_orphaned(pg, NULL)) {
		error = EIO;
	} else {
		pgsignal(pg, sig);
		error = ERESTART;
	}
out:
	mtx_unlock(&proctree_lock);
	if (error == ERESTART && sig_sleep_check(td) == EINTR)
		error = EINTR;
	return (error);
}

/*
 * The job-control commands, as Linux: TIOCSCTTY (a session leader takes
 * tp), TIOCNOTTY (the caller's session lets go of it; its leader's
 * foreground group gets SIGHUP and SIGCONT), TIOCSPGRP (from the
 * background: SIGTTOU unless blocked or ignored, ENOTTY in an orphaned
 * group; then ENOTTY unless tp controls the caller's session, EINVAL for
 * a negative id, ESRCH when no process has that id, EPERM for a group
 * outside the session), TIOCGPGRP and TIOCGSID (ENOTTY unless it
 * controls the caller's).
 */
static int
tty_ioctl_job(struct tty *tp, u_long cmd, void *data, struct thread *td)
{
	struct proc *p = td->td_proc;
	struct session *sess;
	struct pgrp *pg;
	pid_t hup = 0;
	int error = 0;

	if (cmd == TIOCSPGRP) {
		error = tty_check_change(tp, td, SIGTTOU);
		if (error != 0)
			return (error == EIO ? ENOTTY : error);
	}
	mtx_lock(&proctree_lock);
	sess = p->p_pgrp != NULL ? p->p_pgrp->pg_session : NULL;
	if (cmd == TIOCSCTTY) {
		error = sess != NULL && sess->s_ttyp == tp ? 0 :
		    tty_ctty_acquire(tp, p);
		mtx_unlock(&proctree_lock);
		return (error);
	}
	if (sess == NULL || sess->s_ttyp != tp) {
		mtx_unlock(&proctree_lock);
		return (ENOTTY);
	}
	switch (cmd) {
	case TIOCNOTTY:
		if (sess->s_leader == p)
			hup = tp->t_pgrp;
		tty_session_gone(tp, sess);
		break;
	case TIOCSPGRP:
		/* XXX: Linux also takes the pid of a process of the
		   session that leads no group. */
		pg = pgfind_locked(*(int *)data);
		if (*(int *)data < 0)
			error = EINVAL;
		else if (pg == NULL && (*(int *)data == 0 ||
		    pfind_locked(*(int *)data) == NULL))
			error = ESRCH;
		else if (pg == NULL || pg->pg_session != sess)
			error = EPERM;
		else {
			mtx_lock(&tp->t_mtx);
			tp->t_pgrp = pg->pg_id;
			mtx_unlock(&tp->t_mtx);
		}
		break;
	case TIOCGPGRP:
		*(int *)data = tp->t_pgrp;
		break;
	case TIOCGSID:
		*(int *)data = sess->s_sid;
		break;
	}
	mtx_unlock(&proctree_lock);
	if (hup > 0) {
		tty_signal_pgid(hup, SIGHUP);
		tty_signal_pgid(hup, SIGCONT);
	}
	return (error);
}

/* tty_input: one received byte, and its signal sent. */
void
tty_input(struct tty *tp, int c)
{
	int sig;

	mtx_lock(&tp->t_mtx);
	sig = ttydisc_rint(tp, c);
	mtx_unlock(&tp->t_mtx);
	if (sig != 0)
		tty_signal(tp, sig);
}

/* tty_rint_intr: a byte from an interrupt handler (raw queue). */
void
tty_rint_intr(struct tty *tp, int c)
{
	mtx_lock_spin(&tp->t_rawmtx);
	if (tp->t_rawcnt < TTY_RAWQ_SIZE) {
		tp->t_rawq[(tp->t_rawhead + tp->t_rawcnt) % TTY_RAWQ_SIZE] =
		    (char)c;
		tp->t_rawcnt++;
	} else {
		tp->t_rawdrops++;
	}
	mtx_unlock_spin(&tp->t_rawmtx);
	wakeup(&tp->t_rawq);
}

/* The input thread: raw bytes through the line discipline. */
static void
tty_input_thread(void *arg)
{
	struct tty *tp = arg;
	char buf[64];
	u_int n, i;

	for (;;) {
		mtx_lock_spin(&tp->t_rawmtx);
		while (tp->t_rawcnt == 0) {
			/* As vtblk_wait: sched_lock before the queue's. */
			mtx_lock_spin(&sched_lock);
			mtx_unlock_spin(&tp->t_rawmtx);
			sleepq_block_locked(&tp->t_rawq, "ttyraw");
			mtx_unlock_spin(&sched_lock);
			mtx_lock_spin(&tp->t_rawmtx);
		}
		for (n = 0; n < sizeof(buf) && tp->t_rawcnt > 0; n++) {
			buf[n] = tp->t_rawq[tp->t_rawhead];
			tp->t_rawhead = (tp->t_rawhead + 1) % TTY_RAWQ_SIZE;
			tp->t_rawcnt--;
		}
		mtx_unlock_spin(&tp->t_rawmtx);
		for (i = 0; i < n; i++)
			tty_input(tp, (u_char)buf[i]);
	}
}

/* tty_start_input: the thread that feeds tty_rint_intr's bytes. */
int
tty_start_input(struct tty *tp)
{
	return (kthread_add(tty_input_thread, tp, NULL, PRI_KERN, "ttyin%s",
	    tp->t_name));
}

/*
 * Reading.
 */

/*
 * Take up to max committed bytes into buf (t_mtx held).  Canonical
 * mode stops after a line's end and at an EOF marker (consumed; when
 * it comes first, *eofp says the read sees end of file).  Returns the
 * bytes taken; *donep when the read must return now.
 */
static size_t
tty_dequeue(struct tty *tp, char *buf, size_t max, bool *donep, bool *eofp)
{
	bool canon = (tp->t_termios.c_lflag & ICANON) != 0;
	size_t n = 0;
	uint8_t fl;

	*donep = *eofp = false;
	while (tp->t_canq > 0) {
		fl = tp->t_inflags[tp->t_inhead];
		if (n == max && !(canon && (fl & TTYF_EOF) && n > 0))
			break;
		tp->t_inhead = (tp->t_inhead + 1) % TTY_INQ_SIZE;
		tp->t_canq--;
		tp->t_incnt--;
		if (fl & TTYF_EOF) {
			if (!canon)
				continue;	/* left from canonical mode */
			*donep = true;
			*eofp = n == 0;
			break;
		}
		buf[n++] = tp->t_inq[(tp->t_inhead + TTY_INQ_SIZE - 1) %
		    TTY_INQ_SIZE];
		if (canon && (fl & TTYF_BREAK)) {
			*donep = true;
			break;
		}
	}
	if (tp->t_incnt == 0)
		tp->t_inhead = 0;
	return (n);
}

/* Committed data bytes (EOF markers are not data). */
static u_int
tty_datacount(struct tty *tp)
{
	u_int i, n = 0;

	for (i = 0; i < tp->t_canq; i++)
		if ((tp->t_inflags[(tp->t_inhead + i) % TTY_INQ_SIZE] &
		    TTYF_EOF) == 0)
			n++;
	return (n);
}

/* Whether a read may take its bytes now (t_mtx held). */
static bool
tty_read_ready(struct tty *tp, ssize_t resid, bool timedout)
{
	const struct termios *t = &tp->t_termios;
	u_int vmin = t->c_cc[VMIN], vtime = t->c_cc[VTIME];

	if (t->c_lflag & ICANON)
		return (tp->t_canq > 0);
	if (vmin == 0)
		return (vtime == 0 || tp->t_canq > 0 || timedout);
	if (tp->t_canq >= MIN((ssize_t)vmin, resid))
		return (true);
	return (vtime > 0 && timedout && tp->t_canq > 0);
}

/*
 * tty_read: read(2) on a terminal; a background process gets SIGTTIN
 * (tty_check_change) unless ioflag has IO_TTYCONSOLE.
 */
int
tty_read(struct tty *tp, struct uio *uio, int ioflag)
{
	char buf[TTY_CHUNK];
	size_t n;
	int error = 0, timo;
	bool done, eof, timedout = false;

	if ((ioflag & IO_TTYCONSOLE) == 0) {
		error = tty_check_change(tp, curthread, SIGTTIN);
		if (error != 0)
			return (error);
	}
	mtx_lock(&tp->t_mtx);
	for (;;) {
		if (tp->t_flags & TF_HUNGUP)
			goto out;		/* end of file, as Linux */
		if ((tp->t_flags & TF_NOINPUT) && tp->t_canq == 0)
			goto out;		/* end of file */
		if (tty_read_ready(tp, uio->uio_resid, timedout))
			break;
		if (ioflag & IO_NDELAY) {
			error = EAGAIN;
			goto out;
		}
		/* VTIME: a timeout, from the start (VMIN 0) or a byte. */
		timo = 0;
		if ((tp->t_termios.c_lflag & ICANON) == 0 &&
		    tp->t_termios.c_cc[VTIME] > 0 &&
		    (tp->t_termios.c_cc[VMIN] == 0 || tp->t_canq > 0))
			timo = MAX(1, tp->t_termios.c_cc[VTIME] * hz / 10);
		error = msleep(&tp->t_inq, &tp->t_mtx, PCATCH, "ttyin", timo);
		if (error == EWOULDBLOCK) {
			timedout = true;
			error = 0;
		} else if (error != 0) {
			goto out;
		}
	}
	do {
		n = tty_dequeue(tp, buf, MIN(sizeof(buf),
		    (size_t)uio->uio_resid), &done, &eof);
		if (n == 0)
			break;
		mtx_unlock(&tp->t_mtx);
		error = uiomove(buf, n, uio);
		mtx_lock(&tp->t_mtx);
	} while (error == 0 && !done && uio->uio_resid > 0 &&
	    tp->t_canq > 0);
	if (tp->t_inroom != NULL)
		tp->t_inroom(tp);
out:
	mtx_unlock(&tp->t_mtx);
	return (error);
}

/*
 * tty_write: write(2) on a terminal; with TOSTOP, a background process
 * gets SIGTTOU (tty_check_change) unless ioflag has IO_TTYCONSOLE.
 */
int
tty_write(struct tty *tp, struct uio *uio, int ioflag)
{
	char buf[TTY_CHUNK];
	size_t n, i;
	int error;
	bool tostop;

	mtx_lock(&tp->t_mtx);
	tostop = (tp->t_termios.c_lflag & TOSTOP) != 0;
	error = (tp->t_flags & TF_HUNGUP) ? EIO : 0;
	mtx_unlock(&tp->t_mtx);
	if (error != 0)
		return (error);
	if (tostop && (ioflag & IO_TTYCONSOLE) == 0) {
		error = tty_check_change(tp, curthread, SIGTTOU);
		if (error != 0)
			return (error);
	}
	while (uio->uio_resid > 0) {
		n = MIN((size_t)uio->uio_resid, sizeof(buf));
		/* Room for the chunk, NL as CR NL (a pty's master reads). */
		mtx_lock(&tp->t_mtx);
		while (tp->t_outroom != NULL && tp->t_outroom(tp) < 2 * n) {
			if (tp->t_flags & TF_HUNGUP)
				error = EIO;
			else if (ioflag & IO_NDELAY)
				error = EAGAIN;
			else
				error = msleep(&tp->t_outwait, &tp->t_mtx,
				    PCATCH, "ttyout", 0);
			if (error != 0) {
				mtx_unlock(&tp->t_mtx);
				return (error);
			}
		}
		mtx_unlock(&tp->t_mtx);
		error = uiomove(buf, n, uio);
		if (error != 0)
			return (error);
		mtx_lock(&tp->t_mtx);
		for (i = 0; i < n; i++)
			tty_outc(tp, (u_char)buf[i]);
		mtx_unlock(&tp->t_mtx);
	}
	return (0);
}

/* tty_ioctl: the terminal commands (sys/sys/ttycom.h) and FIONREAD. */
int
tty_ioctl(struct tty *tp, u_long cmd, void *data, struct thread *td)
{
	struct termios *t;
	struct winsize *ws;
	int error = 0, sig = 0;

	mtx_lock(&tp->t_mtx);
	if (tp->t_flags & TF_HUNGUP)
		error = EIO;		/* Linux's hung_up_tty_ioctl */
	mtx_unlock(&tp->t_mtx);
	if (error != 0)
		return (cmd == TIOCSPGRP ? ENOTTY : error);
	switch (cmd) {
	case TIOCSCTTY:
	case TIOCNOTTY:
	case TIOCSPGRP:
	case TIOCGPGRP:
	case TIOCGSID:
		return (tty_ioctl_job(tp, cmd, data, td));
	case TIOCSETA:
	case TIOCSETAW:
	case TIOCSETAF:
		/* From the background: SIGTTOU, unless blocked or ignored. */
		error = tty_check_change(tp, td, SIGTTOU);
		if (error != 0)
			return (error);
		break;
	}
	mtx_lock(&tp->t_mtx);
	switch (cmd) {
	case TIOCGETA:
		*(struct termios *)data = tp->t_termios;
		break;
	case TIOCSETAF:
		tty_flush_input(tp);
		/* FALLTHROUGH */
	case TIOCSETAW:		/* output is synchronous: nothing to drain */
	case TIOCSETA:
		t = data;
		if ((t->c_lflag & ICANON) == 0)
			tp->t_canq = tp->t_incnt;	/* all readable */
		tp->t_termios = *t;
		wakeup(&tp->t_inq);
		selwakeup(&tp->t_sel);
		break;
	case TIOCGWINSZ:
		*(struct winsize *)data = tp->t_winsize;
		break;
	case TIOCSWINSZ:
		ws = data;
		if (memcmp(ws, &tp->t_winsize, sizeof(*ws)) != 0)
			sig = SIGWINCH;
		tp->t_winsize = *ws;
		break;
	case FIONREAD:
		*(int *)data = (int)tty_datacount(tp);
		break;
	default:
		error = ENOTTY;
		break;
	}
	mtx_unlock(&tp->t_mtx);
	if (sig != 0)
		tty_signal(tp, sig);
	return (error);
}

/*
 * tty_poll: readable with a line (or bytes), writable unless the device
 * has no room (t_outroom); all of it, with POLLERR and POLLHUP, once
 * hung up (Linux's hung_up_tty_poll).
 */
int
tty_poll(struct tty *tp, int events)
{
	int revents = 0;

	mtx_lock(&tp->t_mtx);
	if (tp->t_flags & TF_HUNGUP) {
		mtx_unlock(&tp->t_mtx);
		return ((events & (POLLIN | POLLRDNORM | POLLOUT |
		    POLLWRNORM)) | POLLERR | POLLHUP);
	}
	if (tp->t_outroom == NULL || tp->t_outroom(tp) >= 2)
		revents = events & (POLLOUT | POLLWRNORM);
	if (tty_read_ready(tp, 1, false) || (tp->t_flags & TF_NOINPUT))
		revents |= events & (POLLIN | POLLRDNORM);
	mtx_unlock(&tp->t_mtx);
	return (revents);
}
