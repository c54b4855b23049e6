/*
 * cons.h: the console: one output device chosen at boot (COM1 today).
 */
#ifndef _SYS_CONS_H_
#define _SYS_CONS_H_

#include <sys/types.h>

struct consdev {
	const char *cn_name;
	void	(*cn_putc)(struct consdev *cp, int c);
	int	(*cn_getc)(struct consdev *cp);	/* -1 when nothing waits */
	void	*cn_softc;
};

void	cnadd(struct consdev *cp);

/* Output of user processes (fds 1 and 2 until there is a tty). */
void	cnwrite_user(const char *buf, size_t len);
void	cn_set_user_prefix(const char *prefix);
void	cn_user_endline(void);

struct thread;
/* Open the console as descriptors 0, 1 and 2 of td's process. */
void	cons_install_stdio(struct thread *td);

#endif /* !_SYS_CONS_H_ */
