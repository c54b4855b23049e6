/*
 * kthread.h: kernel threads.
 */
#ifndef _SYS_KTHREAD_H_
#define _SYS_KTHREAD_H_

#include <sys/types.h>

struct thread;

int	kthread_add(void (*func)(void *), void *arg, struct thread **tdp,
	    int pri, const char *fmt, ...) __printflike(5, 6);
void	kthread_exit(void) __dead2;
u_int	kthread_count(void);
void	kthread_reap(void);

#endif /* !_SYS_KTHREAD_H_ */
