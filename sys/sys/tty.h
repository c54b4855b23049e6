/*
 * tty.h: terminals and their line discipline (sys/kern/tty.c;
 * share/doc/devices-and-tty.md).
 *
 * A tty joins an output routine (t_outc: one byte to the device) and
 * input that arrives byte by byte (tty_input, or tty_rint_intr from an
 * interrupt handler, which queues raw bytes for the tty's input thread).
 * The line discipline edits lines in canonical mode, echoes, turns the
 * INTR/QUIT/SUSP characters into signals to the foreground process
 * group (t_pgrp) and post-processes output (ONLCR).  A tty may be the
 * controlling terminal of one session (t_session).
 *
 * Input queue: t_incnt bytes from t_inhead (a ring of TTY_INQ_SIZE);
 * the first t_canq are committed (readable), the rest is the line being
 * edited (canonical mode only).  t_inflags marks, per byte, a line end
 * (TTYF_BREAK: a newline or EOL, part of the data) or an end-of-file
 * marker (TTYF_EOF: ^D, not data).
 *
 * Lock legend:
 *	(t) t_mtx, a sleep mutex
 *	(r) t_rawmtx, a spin mutex (the interrupt's raw queue)
 *	(c) constant after tty_alloc
 *	(p,t) proctree_lock and t_mtx to write, either to read
 */
#ifndef _SYS_TTY_H_
#define _SYS_TTY_H_

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/selinfo.h>
#include <sys/termios.h>

#define TTY_INQ_SIZE	4096	/* input queue: MAX_INPUT, MAX_CANON */
#define TTY_RAWQ_SIZE	256	/* bytes an interrupt may queue */

/* t_inflags */
#define TTYF_BREAK	0x01	/* the byte ends a line */
#define TTYF_EOF	0x02	/* an EOF marker (no data) */

/*
 * tty_read and tty_write's ioflag, besides IO_NDELAY: through
 * /dev/console, which is out of job control (Linux's job_control()
 * exempts it: no SIGTTIN, SIGTTOU for reads and writes).
 */
#define IO_TTYCONSOLE	0x10000

/* t_flags */
#define TF_NOINPUT	0x0001	/* reads see end of file (test mode) */
#define TF_HUNGUP	0x0002	/* hung up (a pty's master closed): reads
				   see end of file, writes and ioctls EIO */

struct file;
struct proc;
struct session;
struct thread;
struct uio;

struct tty {
	struct mtx	t_mtx;
	struct termios	t_termios;	/* (t) */
	struct winsize	t_winsize;	/* (t) */
	pid_t		t_pgrp;		/* (p,t) foreground process group's
					   id, or 0 */
	struct session	*t_session;	/* (p,t) the session it controls,
					   or NULL */
	struct selinfo	t_sel;		/* (t) its pollers (input arrived;
					   output is synchronous: always
					   writable) */
	u_int		t_flags;	/* (t) TF_* */
	char		t_inq[TTY_INQ_SIZE];	  /* (t) the input ring */
	uint8_t		t_inflags[TTY_INQ_SIZE]; /* (t) TTYF_* per byte */
	u_int		t_inhead;	/* (t) first byte */
	u_int		t_incnt;	/* (t) bytes in the ring */
	u_int		t_canq;		/* (t) of which committed */
	u_int		t_column;	/* (t) output column (erase of tabs) */
	/* The device. */
	void		(*t_outc)(struct tty *tp, int c); /* (c) */
	void		*t_softc;	/* (c) */
	/*
	 * Optional, for a device with a buffer of its own (a pty): the
	 * room for output bytes (tty_write waits for room for a chunk,
	 * sleeping on &t_outwait, which the device wakes up); a read took
	 * input (room for the device to give more); an open of the tty as
	 * /dev/tty (d_fdopen: make fp an open file of the tty; proctree_lock
	 * held).  t_mtx held for the first two.
	 */
	size_t		(*t_outroom)(struct tty *tp);		/* (c) */
	void		(*t_inroom)(struct tty *tp);		/* (c) */
	int		(*t_fdopen)(struct tty *tp, int fflags,
			    struct thread *td, struct file *fp); /* (c) */
	u_int		t_outwait;	/* a channel: writers wait for room */
	const char	*t_name;	/* (c) "console" */
	dev_t		t_dev;		/* (c) its device number (procfs'
					   tty_nr), set by the driver before
					   the tty is opened */
	/* Raw bytes from interrupts, for the input thread. */
	struct mtx	t_rawmtx;
	char		t_rawq[TTY_RAWQ_SIZE];	/* (r) */
	u_int		t_rawhead;	/* (r) */
	u_int		t_rawcnt;	/* (r) */
	u_long		t_rawdrops;	/* (r) bytes lost: raw queue full */
};

#ifdef _KERNEL
extern struct tty *cons_tty;	/* the console terminal, /dev/console */

/* A new tty in its default modes (Linux's: ICANON, ECHO, ISIG ...). */
struct tty *tty_alloc(const char *name, void (*outc)(struct tty *, int),
    void *softc);
void	tty_free(struct tty *tp);
/* The default settings tty_alloc gives. */
void	tty_init_termios(struct termios *t);

/*
 * Input: one received byte through the line discipline, and the signal
 * it raises sent (t_mtx not held; may sleep).  tty_rint_intr queues a
 * byte from an interrupt handler for the tty's input thread.
 */
void	tty_input(struct tty *tp, int c);
void	tty_rint_intr(struct tty *tp, int c);
/* The line discipline itself (t_mtx held): returns a signal or 0. */
int	ttydisc_rint(struct tty *tp, int c);
/* Start the input thread that drains tty_rint_intr's bytes. */
int	tty_start_input(struct tty *tp);

/*
 * The operations behind a tty's open files.  ioflag: IO_NDELAY,
 * IO_TTYCONSOLE.  A background process of the session the tty controls
 * gets SIGTTIN (read), SIGTTOU (write under TOSTOP, TIOCSETA*,
 * TIOCSPGRP), or EIO (Linux's job control).
 */
int	tty_read(struct tty *tp, struct uio *uio, int ioflag);
int	tty_write(struct tty *tp, struct uio *uio, int ioflag);
int	tty_ioctl(struct tty *tp, u_long cmd, void *data, struct thread *td);
int	tty_poll(struct tty *tp, int events);
/*
 * Controlling terminals (proctree_lock held): the session led by td's
 * process takes tp when neither has one and tp is not hung up (0), else
 * EPERM;
 * the group pgid or the session going away.
 */
int	tty_ctty_acquire(struct tty *tp, struct proc *p);
void	tty_pgrp_gone(struct tty *tp, pid_t pgid);
void	tty_session_gone(struct tty *tp, struct session *sess);
/*
 * tty_hangup: the device is gone (a pty's master closed), as Linux's
 * tty_vhangup: TF_HUNGUP, sleepers woken, the session it controls lets
 * go of it and the session's leader gets SIGHUP and SIGCONT.  No lock
 * held.
 */
void	tty_hangup(struct tty *tp);
/*
 * Pseudo-terminals (tty_pts.c), for kernel tests: a new pair's master,
 * and an open of slave unit (EIO while locked), as files without
 * descriptors.
 */
int	pts_master_file(struct thread *td, int fflags, struct file **fpp);
int	pts_slave_file(struct thread *td, u_int unit, int fflags,
	    struct file **fpp);
/* Kernel output through the tty's post-processing (t_mtx not held). */
void	tty_output(struct tty *tp, const char *buf, size_t len);
#endif

#endif /* !_SYS_TTY_H_ */
