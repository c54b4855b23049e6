/*
 * poll.h: the events of poll(2), as fo_poll reports them.  The values
 * are Linux's (and FreeBSD's for these), so no translation is needed.
 */
#ifndef _SYS_POLL_H_
#define _SYS_POLL_H_

#define POLLIN		0x0001	/* data to read */
#define POLLPRI		0x0002
#define POLLOUT		0x0004	/* room to write */
#define POLLERR		0x0008	/* error (a pipe with no reader) */
#define POLLHUP		0x0010	/* hung up (a pipe with no writer) */
#define POLLNVAL	0x0020	/* not an open descriptor */
#define POLLRDNORM	0x0040
#define POLLWRNORM	0x0100
#define POLLRDBAND	0x0080
#define POLLWRBAND	0x0200

/* struct pollfd: Linux's layout too. */
struct pollfd {
	int	fd;		/* < 0: ignored */
	short	events;		/* asked */
	short	revents;	/* found */
};

#endif /* !_SYS_POLL_H_ */
