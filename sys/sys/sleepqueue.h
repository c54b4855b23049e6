/*
 * sleepqueue.h: sleeping on wait channels (FreeBSD's tsleep/msleep and
 * wakeup interface).
 */
#ifndef _SYS_SLEEPQUEUE_H_
#define _SYS_SLEEPQUEUE_H_

#include <sys/types.h>

struct mtx;
struct thread;

/*
 * msleep pri flag: a signal interrupts the sleep.  msleep then returns
 * EINTR, or ERESTART when the signal's handler has SA_RESTART (the system
 * call starts again after the handler; the ABI rewinds the call).
 */
#define PCATCH		0x100

int	msleep(const void *chan, struct mtx *mtx, int pri, const char *wmesg,
	    int timo);
int	tsleep(const void *chan, int pri, const char *wmesg, int timo);
int	pause(const char *wmesg, int timo);
void	wakeup(const void *chan);
void	wakeup_one(const void *chan);
void	sleepq_block_locked(const void *chan, const char *wmesg);
void	sleepq_wakeup_locked(const void *chan);
void	sleepq_interrupt(struct thread *td);

#endif /* !_SYS_SLEEPQUEUE_H_ */
