/*
 * wait.h: the status word wait4 reports and its options.  The encoding
 * is the traditional one, shared by FreeBSD and Linux: an exit code in
 * bits 8-15, or a terminating signal in bits 0-6.
 */
#ifndef _SYS_WAIT_H_
#define _SYS_WAIT_H_

#define W_EXITCODE(ret, sig)	(((ret) & 0xff) << 8 | ((sig) & 0x7f))
#define WIFEXITED(st)		(((st) & 0x7f) == 0)
#define WEXITSTATUS(st)		(((st) >> 8) & 0xff)
#define WIFSIGNALED(st)		(((st) & 0x7f) != 0 && ((st) & 0x7f) != 0x7f)
#define WTERMSIG(st)		((st) & 0x7f)
#define W_STOPCODE(sig)		((sig) << 8 | 0x7f)
#define W_CONTINUED		0xffff
#define WIFSTOPPED(st)		(((st) & 0xff) == 0x7f)
#define WSTOPSIG(st)		WEXITSTATUS(st)
#define WIFCONTINUED(st)	((st) == W_CONTINUED)

/* Options: Linux's values. */
#define WNOHANG		0x00000001 /* do not sleep when nothing to report */
#define WUNTRACED	0x00000002 /* report stopped children (wait4) */
#define WSTOPPED	WUNTRACED  /* the same (waitid) */
#define WEXITED		0x00000004 /* report exited children (waitid) */
#define WCONTINUED	0x00000008 /* report continued children */
#define WNOWAIT		0x01000000 /* leave the child waitable */

/* waitid's idtype. */
#define P_ALL		0
#define P_PID		1
#define P_PGID		2

#define WAIT_ANY	(-1)

#endif /* !_SYS_WAIT_H_ */
