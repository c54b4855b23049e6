/*
 * condvar.h: condition variables (FreeBSD's condvar(9)), used with a
 * sleep mutex.
 */
#ifndef _SYS_CONDVAR_H_
#define _SYS_CONDVAR_H_

#include <sys/types.h>

struct mtx;

struct cv {
	const char	*cv_description;
	volatile u_int	cv_waiters;	/* (the mutex) threads waiting */
};

void	cv_init(struct cv *cvp, const char *desc);
void	cv_destroy(struct cv *cvp);
void	cv_wait(struct cv *cvp, struct mtx *mtx);
int	cv_timedwait(struct cv *cvp, struct mtx *mtx, int timo);
void	cv_signal(struct cv *cvp);
void	cv_broadcast(struct cv *cvp);

#endif /* !_SYS_CONDVAR_H_ */
