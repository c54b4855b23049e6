/*
 * types.h: the kernel's basic types.
 *
 * The kernel is freestanding; fixed-width integers come from the compiler's
 * own <stdint.h>, everything else is defined here.
 */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

#include <sys/cdefs.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t		u_char;
typedef uint16_t	u_short;
typedef uint32_t	u_int;
typedef uint64_t	u_long;

typedef int64_t		ssize_t;
typedef int64_t		off_t;
typedef int32_t		pid_t;
typedef uint32_t	uid_t;
typedef uint32_t	gid_t;
typedef uint32_t	mode_t;

typedef uint64_t	vm_offset_t;	/* a kernel or user virtual address */
typedef uint64_t	vm_size_t;	/* a size in virtual memory */
typedef uint64_t	vm_paddr_t;	/* a physical address */
typedef int64_t		sbintime_t;
typedef int64_t		register_t;	/* a machine register */
typedef int32_t		clockid_t;
typedef uint64_t	ino_t;		/* an inode number */
typedef uint64_t	dev_t;		/* a device number (Linux's encoding) */

#endif /* !_SYS_TYPES_H_ */
