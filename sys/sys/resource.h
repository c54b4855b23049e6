/*
 * resource.h: resource limits and usage.  The RLIMIT_* and RUSAGE_*
 * values are Linux's (like errno.h), so the personality passes them
 * through.
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

/* getrusage's who */
#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)	/* the reaped children's */
#define RUSAGE_THREAD	1

#ifdef _KERNEL
struct thread;

/* CPU time, in clock ticks (hz a second). */
struct cputicks {
	uint64_t	ct_user;	/* in user mode */
	uint64_t	ct_sys;		/* in the kernel, for the process */
};

int	kern_getcputicks(struct thread *td, int who, struct cputicks *ct);
#endif

#endif /* !_SYS_RESOURCE_H_ */
