/*
 * cons.h: the console: one device chosen at boot (COM1 today), and its
 * terminal (sys/kern/kern_cons.c, sys/kern/tty.c).
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

/* Output of user processes (through the console tty, cons_tty). */
void	cnwrite_user(const char *buf, size_t len);
void	cn_set_user_prefix(const char *prefix);
void	cn_user_endline(void);
/* A byte received by the console device (its interrupt handler). */
void	cnrint(int c);
/* Console reads see end of file (the test mode: no input). */
void	cn_set_noinput(bool noinput);

struct thread;
/* Open the console as descriptors 0, 1 and 2 of td's process. */
void	cons_install_stdio(struct thread *td, bool ctty);

#endif /* !_SYS_CONS_H_ */
