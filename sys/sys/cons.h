/*
 * cons.h: the console: one output device chosen at boot (COM1 today).
 */
#ifndef _SYS_CONS_H_
#define _SYS_CONS_H_

struct consdev {
	const char *cn_name;
	void	(*cn_putc)(struct consdev *cp, int c);
	int	(*cn_getc)(struct consdev *cp);	/* -1 when nothing waits */
	void	*cn_softc;
};

void	cnadd(struct consdev *cp);

#endif /* !_SYS_CONS_H_ */
