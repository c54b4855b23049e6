/*
 * signal.h: signal numbers.  The values are Linux's x86-64 ones, like
 * errno.h, so the Linux personality passes them through unchanged.  (The
 * signal machinery itself comes with a later issue: for now a signal
 * caused by a fault ends the process, sys/kern/kern_exit.c sigexit.)
 */
#ifndef _SYS_SIGNAL_H_
#define _SYS_SIGNAL_H_

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGSYS		31
#define NSIG		64

const char *signame(int sig);

#endif /* !_SYS_SIGNAL_H_ */
