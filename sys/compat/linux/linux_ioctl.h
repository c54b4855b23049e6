/*
 * linux_ioctl.h: Linux's terminal layout and its translation
 * (sys/compat/linux/linux_ioctl.c).
 */
#ifndef _COMPAT_LINUX_LINUX_IOCTL_H_
#define _COMPAT_LINUX_LINUX_IOCTL_H_

#include <sys/types.h>

#define LINUX_NCCS	19

/* The kernel's struct termios (TCGETS/TCSETS): 36 bytes. */
struct l_termios {
	uint32_t	c_iflag;
	uint32_t	c_oflag;
	uint32_t	c_cflag;
	uint32_t	c_lflag;
	uint8_t		c_line;
	uint8_t		c_cc[LINUX_NCCS];
};

struct termios;
void	linux_to_termios(const struct l_termios *lt, struct termios *t);
void	linux_from_termios(const struct termios *t, struct l_termios *lt);

#endif /* !_COMPAT_LINUX_LINUX_IOCTL_H_ */
