/*
 * mman.h: memory-mapping requests in Umbra's own values (FreeBSD's); the
 * Linux personality translates Linux's MAP_* flags to these.  PROT_*
 * equal the VM_PROT_* bits.
 */
#ifndef _SYS_MMAN_H_
#define _SYS_MMAN_H_

#define PROT_NONE	0x00
#define PROT_READ	0x01
#define PROT_WRITE	0x02
#define PROT_EXEC	0x04

#define MAP_SHARED	0x0001	/* changes are shared */
#define MAP_PRIVATE	0x0002	/* changes are private */
#define MAP_FIXED	0x0010	/* exactly at the address given */
#define MAP_STACK	0x0400	/* a thread stack */
#define MAP_ANON	0x1000	/* no file: zero-filled memory */
#define MAP_EXCL	0x4000	/* with MAP_FIXED: fail if mapped */

#define MAP_FAILED	((void *)-1)

#endif /* !_SYS_MMAN_H_ */
