/*
 * mman.h: memory-management constants shared by the VM and the system
 * calls.  These are Umbra's own values (FreeBSD's where FreeBSD has the
 * name); sys/compat/linux translates Linux's at the edge.  PROT_* equal
 * the VM_PROT_* bits.
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
#define MAP_PREFAULT	0x00040000 /* fault every page in now (POPULATE) */
#define MAP_32BIT	0x00080000 /* below 2 GiB */
#define MAP_LOCKED	0x00100000 /* Umbra: mlock the mapping */
#define MAP_HUGETLB	0x00200000 /* Umbra: huge pages asked for */
#define MAP_GROWSDOWN	0x00400000 /* Umbra: a stack that grows down */

/* msync flags (Linux's values, which are the ABI's). */
#define MS_ASYNC	0x0001
#define MS_INVALIDATE	0x0002
#define MS_SYNC		0x0004

/* mlockall flags. */
#define MCL_CURRENT	0x0001
#define MCL_FUTURE	0x0002
#define MCL_ONFAULT	0x0004

/* mremap flags. */
#define MREMAP_MAYMOVE	0x0001
#define MREMAP_FIXED	0x0002
#define MREMAP_DONTUNMAP 0x0004

#define MAP_FAILED	((void *)-1)

/* madvise advice (vm_map_madvise). */
#define MADV_NORMAL	0	/* no particular access pattern */
#define MADV_RANDOM	1	/* random access: no read-ahead */
#define MADV_SEQUENTIAL	2	/* sequential access: read ahead */
#define MADV_WILLNEED	3	/* will touch soon: page in */
#define MADV_DONTNEED	4	/* will not touch soon */
#define MADV_FREE	5	/* contents may be discarded */
#define MADV_NOCORE	8	/* leave out of core dumps */
#define MADV_CORE	9	/* include in core dumps (default) */
#define MADV_DONTFORK	20	/* Umbra: fork leaves the range out */
#define MADV_DOFORK	21	/* Umbra: fork copies or shares it again */

#endif /* !_SYS_MMAN_H_ */
