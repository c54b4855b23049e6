/*
 * sysctl_shim.h: what sysctl_test.c calls in sysctl_shim.c and
 * sys/kern/kern_sysctl.c, in types the host and the kernel share.  The
 * numbers (CTL_*, CTLTYPE_*, CTLFLAG_* ...) come from sys/sysctl.h,
 * whose part outside _KERNEL is plain C.
 */
#ifndef _SYSCTL_SHIM_H_
#define _SYSCTL_SHIM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../sys/sys/sysctl.h"

/* sysctl_shim.c: the fixture tree's variables and helpers. */
extern int fx_int, fx_ro_int, fx_deep;
extern long fx_long;
extern unsigned long fx_ulong;
extern uint64_t fx_u64;
extern char fx_string[16];

int	fx_count_leaves(void);
int	fx_dyn_add(void);
int	fx_dyn_add_clash(const char *name, int nbr);
int	fx_dyn_remove(int which, bool recurse);	/* 0 node, 1 count, ... */
int	fx_dyn_number(int which);

/* sys/kern/kern_sysctl.c */
int	kernel_sysctl(const int *name, unsigned int namelen, void *old,
	    size_t *oldlenp, const void *new, size_t newlen);
int	kernel_sysctlbyname(const char *name, void *old, size_t *oldlenp,
	    const void *new, size_t newlen);
int	sysctl_name2oid(const char *name, int *oid, unsigned int *oidlenp);
int	sysctl_oid2name(const int *oid, unsigned int oidlen, char *buf,
	    size_t *buflenp);
int	sysctl_next(const int *name, unsigned int namelen, int *next,
	    unsigned int *nextlen);
void	sysctl_register_all(void);
void	sysctl_dump(const int *name, unsigned int namelen);

#endif /* !_SYSCTL_SHIM_H_ */
