/*
 * sleepqueue.h: sleeping on wait channels (FreeBSD's tsleep/msleep and
 * wakeup interface).
 */
#ifndef _SYS_SLEEPQUEUE_H_
#define _SYS_SLEEPQUEUE_H_

#include <sys/types.h>

struct mtx;
struct thread;

/* msleep's pri: a signal or the end of the process ends the sleep. */
#define PCATCH		0x100

int	msleep(const void *chan, struct mtx *mtx, int pri, const char *wmesg,
	    int timo);
int	tsleep(const void *chan, int pri, const char *wmesg, int timo);
int	pause(const char *wmesg, int timo);
void	wakeup(const void *chan);
void	wakeup_one(const void *chan);
void	sleepq_block_locked(const void *chan, const char *wmesg);
void	sleepq_wakeup_locked(const void *chan);
void	sleepq_abort(struct thread *td);

#endif /* !_SYS_SLEEPQUEUE_H_ */
