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

#define WNOHANG		0x0001	/* do not sleep when no child has exited */
#define WUNTRACED	0x0002	/* (accepted; no stopped children yet) */

#define WAIT_ANY	(-1)

#endif /* !_SYS_WAIT_H_ */
