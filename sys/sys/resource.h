/*
 * resource.h: resource limits.  The RLIMIT_* values are Linux's (like
 * errno.h), so the personality passes them through.
 */
#ifndef _SYS_RESOURCE_H_
#define _SYS_RESOURCE_H_

#include <sys/types.h>

#define RLIMIT_CPU	0
#define RLIMIT_FSIZE	1
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_RSS	5
#define RLIMIT_NPROC	6
#define RLIMIT_NOFILE	7
#define RLIMIT_MEMLOCK	8
#define RLIMIT_AS	9
#define RLIM_NLIMITS	16

#define RLIM_INFINITY	(~(uint64_t)0)

struct rlimit {
	uint64_t	rlim_cur;	/* soft limit */
	uint64_t	rlim_max;	/* hard limit */
};

#endif /* !_SYS_RESOURCE_H_ */
