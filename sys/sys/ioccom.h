/*
 * ioccom.h: how an ioctl command encodes its argument (FreeBSD's
 * layout): the direction in the top three bits, the argument's size in
 * the 13 bits above the group and number.  Inside the kernel ioctl data
 * is always a kernel buffer of IOCPARM_LEN(cmd) bytes (kern_ioctl); the
 * ABI layer copies it from and to the caller and translates the layout.
 */
#ifndef _SYS_IOCCOM_H_
#define _SYS_IOCCOM_H_

#define IOCPARM_SHIFT	13
#define IOCPARM_MASK	((1 << IOCPARM_SHIFT) - 1)
#define IOCPARM_LEN(x)	(((x) >> 16) & IOCPARM_MASK)
#define IOCGROUP(x)	(((x) >> 8) & 0xff)

#define IOC_VOID	0x20000000ul	/* no argument */
#define IOC_OUT		0x40000000ul	/* the kernel writes the argument */
#define IOC_IN		0x80000000ul	/* the kernel reads the argument */
#define IOC_INOUT	(IOC_IN | IOC_OUT)

#define _IOC(inout, group, num, len)					\
	((u_long)((inout) | (((len) & IOCPARM_MASK) << 16) |		\
	    ((group) << 8) | (num)))
#define _IO(g, n)	_IOC(IOC_VOID, (g), (n), 0)
#define _IOR(g, n, t)	_IOC(IOC_OUT, (g), (n), sizeof(t))
#define _IOW(g, n, t)	_IOC(IOC_IN, (g), (n), sizeof(t))
#define _IOWR(g, n, t)	_IOC(IOC_INOUT, (g), (n), sizeof(t))

#endif /* !_SYS_IOCCOM_H_ */
