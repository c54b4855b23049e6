/*
 * filio.h: ioctl commands every kind of file may answer (FreeBSD's
 * values).
 */
#ifndef _SYS_FILIO_H_
#define _SYS_FILIO_H_

#include <sys/ioccom.h>

#define FIONREAD	_IOR('f', 127, int)	/* bytes ready to read */

#endif /* !_SYS_FILIO_H_ */
