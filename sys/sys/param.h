/*
 * param.h: machine-independent constants and the small arithmetic macros
 * (rounding, alignment, counts) used everywhere.
 */
#ifndef _SYS_PARAM_H_
#define _SYS_PARAM_H_

#include <sys/types.h>

#include <machine/param.h>

#define MAXPATHLEN	4096	/* a path, with its NUL (Linux's PATH_MAX) */

#define nitems(x)	(sizeof(x) / sizeof((x)[0]))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define roundup2(x, y)	(((x) + ((y) - 1)) & ~((__typeof__(x))(y) - 1))
#define rounddown2(x, y) ((x) & ~((__typeof__(x))(y) - 1))
#define howmany(x, y)	(((x) + ((y) - 1)) / (y))
#define powerof2(x)	((((x) - 1) & (x)) == 0)

#define trunc_page(x)	((x) & ~(__typeof__(x))PAGE_MASK)
#define round_page(x)	(((x) + PAGE_MASK) & ~(__typeof__(x))PAGE_MASK)
#define atop(x)		((x) >> PAGE_SHIFT)
#define ptoa(x)		((x) << PAGE_SHIFT)

#endif /* !_SYS_PARAM_H_ */
