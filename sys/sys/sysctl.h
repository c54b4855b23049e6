/*
 * sysctl.h: the sysctl MIB tree, with FreeBSD's interface
 * (share/doc/sysctl.md).
 *
 * Every exported kernel variable is an OID: a node of a tree named both by
 * numbers (the MIB, e.g. {CTL_KERN, KERN_OSTYPE}) and by dotted names
 * ("kern.ostype").  An OID is declared right after the variable it shows:
 *
 *	static int foo_limit = 10;
 *	SYSCTL_INT(_kern, OID_AUTO, foo_limit, CTLFLAG_RW, &foo_limit, 0,
 *	    "Most foos at once");
 *
 * Static OIDs go into the sysctl_set linker set and are linked into the
 * tree at boot (SI_SUB_SYSCTLS); dynamic ones are added at run time with
 * the SYSCTL_ADD_* macros into storage their owner provides (no memory
 * is allocated).  A request (struct sysctl_req) carries the old value's
 * buffer (what the OID's handler writes with SYSCTL_OUT) and the new
 * value (what it reads with SYSCTL_IN) through functions held in the
 * request, so one handler serves kernel callers and, later, user space.
 *
 * The part above _KERNEL (numbers, types, flags) is what user space needs
 * too (lib/libsysctl).
 */
#ifndef _SYS_SYSCTL_H_
#define _SYS_SYSCTL_H_

#define CTL_MAXNAME	24	/* most components in a MIB */

/*
 * An OID's kind: its type in the low four bits, then flags.  The values
 * are FreeBSD's (sysctl(8) and the 0.4 "oidfmt" request report them).
 */
#define CTLTYPE		0xf	/* mask for the type */
#define CTLTYPE_NODE	1	/* an inner node */
#define CTLTYPE_INT	2	/* int */
#define CTLTYPE_STRING	3	/* NUL-terminated string */
#define CTLTYPE_S64	4	/* int64_t */
#define CTLTYPE_OPAQUE	5	/* bytes, described by the format */
#define CTLTYPE_STRUCT	CTLTYPE_OPAQUE
#define CTLTYPE_UINT	6	/* u_int */
#define CTLTYPE_LONG	7	/* long */
#define CTLTYPE_ULONG	8	/* u_long */
#define CTLTYPE_U64	9	/* uint64_t */
#define CTLTYPE_U8	0xa
#define CTLTYPE_U16	0xb
#define CTLTYPE_S8	0xc
#define CTLTYPE_S16	0xd
#define CTLTYPE_S32	0xe
#define CTLTYPE_U32	0xf

#define CTLFLAG_RD	0x80000000	/* may be read */
#define CTLFLAG_WR	0x40000000	/* may be written */
#define CTLFLAG_RW	(CTLFLAG_RD | CTLFLAG_WR)
#define CTLFLAG_DORMANT	0x20000000	/* not active yet: lookups fail */
#define CTLFLAG_ANYBODY	0x10000000	/* any user may write it */
#define CTLFLAG_SECURE	0x08000000	/* written only at securelevel <= 0 */
#define CTLFLAG_PRISON	0x04000000	/* jailed root may write it */
#define CTLFLAG_DYN	0x02000000	/* added at run time (SYSCTL_ADD_*) */
#define CTLFLAG_SKIP	0x01000000	/* left out of enumeration */
#define CTLMASK_SECURE	0x00f00000	/* secure level */
#define CTLFLAG_TUN	0x00080000	/* default from the boot environment */
#define CTLFLAG_RDTUN	(CTLFLAG_RD | CTLFLAG_TUN)
#define CTLFLAG_RWTUN	(CTLFLAG_RW | CTLFLAG_TUN)
#define CTLFLAG_MPSAFE	0x00040000	/* handler needs no Giant (all here) */
#define CTLFLAG_VNET	0x00020000
#define CTLFLAG_DYING	0x00010000	/* being removed */
#define CTLFLAG_CAPRD	0x00008000	/* readable in capability mode */
#define CTLFLAG_CAPWR	0x00004000	/* writable in capability mode */
#define CTLFLAG_STATS	0x00002000	/* statistics, not a tunable */
#define CTLFLAG_NOFETCH	0x00001000	/* do not fetch the tunable */
#define CTLFLAG_CAPRW	(CTLFLAG_CAPRD | CTLFLAG_CAPWR)
#define CTLFLAG_NEEDGIANT 0x00000800	/* accepted; there is no Giant */

/*
 * OID_AUTO asks for the next free number under the parent, counting up
 * from CTL_AUTO_START; fixed numbers stay below it.
 */
#define OID_AUTO	(-1)
#define CTL_AUTO_START	0x100

/* Top-level names. */
#define CTL_SYSCTL	0	/* the "magic" requests below */
#define CTL_KERN	1	/* general kernel */
#define CTL_VM		2	/* virtual memory */
#define CTL_VFS		3	/* file systems */
#define CTL_NET		4	/* network */
#define CTL_DEBUG	5	/* debugging */
#define CTL_HW		6	/* hardware */
#define CTL_MACHDEP	7	/* machine dependent */
#define CTL_USER	8	/* user level */

/*
 * CTL_SYSCTL: requests about the tree itself, on the MIB that follows
 * (e.g. {0, 2, 1, 1} is "the OID after kern.ostype").
 */
#define CTL_SYSCTL_DEBUG	0	/* not implemented */
#define CTL_SYSCTL_NAME		1	/* MIB -> dotted name */
#define CTL_SYSCTL_NEXT		2	/* the next leaf, in order */
#define CTL_SYSCTL_NAME2OID	3	/* new: a dotted name -> old: MIB */
#define CTL_SYSCTL_OIDFMT	4	/* u_int kind, then format string */
#define CTL_SYSCTL_OIDDESCR	5	/* description string */
#define CTL_SYSCTL_OIDLABEL	6	/* not implemented */
#define CTL_SYSCTL_NEXTNOSKIP	7	/* next, including CTLFLAG_SKIP */

/* CTL_KERN names. */
#define KERN_OSTYPE	1	/* string: system name */
#define KERN_OSRELEASE	2	/* string: system release */
#define KERN_OSREV	3	/* int: system revision */
#define KERN_VERSION	4	/* string: compile time info */
#define KERN_MAXVNODES	5
#define KERN_MAXPROC	6
#define KERN_MAXFILES	7
#define KERN_ARGMAX	8
#define KERN_SECURELVL	9
#define KERN_HOSTNAME	10
#define KERN_HOSTID	11
#define KERN_CLOCKRATE	12	/* struct clockinfo */
#define KERN_PROC	14
#define KERN_BOOTTIME	21	/* struct timeval */
#define KERN_OSRELDATE	24

/* CTL_HW names. */
#define HW_MACHINE	1	/* string: machine class */
#define HW_MODEL	2	/* string: specific machine model */
#define HW_NCPU		3	/* int: number of CPUs */
#define HW_BYTEORDER	4	/* int: machine byte order */
#define HW_PHYSMEM	5	/* u_long: total memory, bytes */
#define HW_USERMEM	6	/* u_long: memory not wired */
#define HW_PAGESIZE	7	/* int: software page size */
#define HW_FLOATINGPT	10	/* int: has hardware floating point */
#define HW_MACHINE_ARCH	11	/* string: machine architecture */
#define HW_REALMEM	12	/* u_long: memory installed, bytes */

#ifdef _KERNEL

#include <sys/types.h>
#include <sys/cdefs.h>
#include <sys/linker_set.h>
#include <sys/queue.h>

struct sysctl_req;
struct sysctl_oid;
struct thread;

#define SYSCTL_HANDLER_ARGS						\
	struct sysctl_oid *oidp, void *arg1, intmax_t arg2,		\
	struct sysctl_req *req

typedef int sysctl_handler_t(SYSCTL_HANDLER_ARGS);

/*
 * A request: the old value goes out through oldfunc into oldptr (up to
 * oldlen bytes; oldidx counts every byte offered, so with oldptr NULL it
 * measures the value), the new value comes in through newfunc from
 * newptr (newlen bytes, newidx consumed).  kernel_sysctl() sets the
 * functions to plain copies; the system call will set copyout/copyin
 * variants, and no handler has to know which.
 */
struct sysctl_req {
	struct thread	*td;		/* the requester; NULL for the kernel */
	void		*oldptr;	/* where the old value goes, or NULL */
	size_t		oldlen;		/* its size */
	size_t		oldidx;		/* bytes of old value produced */
	int		(*oldfunc)(struct sysctl_req *req, const void *p,
			    size_t len);
	const void	*newptr;	/* the new value, or NULL: no write */
	size_t		newlen;		/* its size */
	size_t		newidx;		/* bytes of new value consumed */
	int		(*newfunc)(struct sysctl_req *req, void *p,
			    size_t len);
	int		flags;		/* none defined yet */
};

/*
 * SYSCTL_OUT: append len bytes of the old value; ENOMEM once the caller's
 * buffer is full (the bytes are still counted).  SYSCTL_IN: take the next
 * len bytes of the new value; EINVAL when fewer are left.
 */
#define SYSCTL_OUT(r, p, l)	((r)->oldfunc((r), (p), (l)))
#define SYSCTL_IN(r, p, l)	((r)->newfunc((r), (p), (l)))
#define SYSCTL_OUT_STR(r, p)	((r)->oldfunc((r), (p), strlen(p) + 1))

SLIST_HEAD(sysctl_oid_list, sysctl_oid);

/*
 * One OID.  A node carries its children's list inside itself, so a
 * static child can be linked under its static parent in any order, and
 * an owner can embed a whole dynamic subtree (a node and its leaves) in
 * its own record.  Children are kept sorted by number.
 *
 * Lock legend:
 *	(c) constant while the OID is in the tree
 *	(s) the tree lock (kern_sysctl.c)
 */
struct sysctl_oid {
	struct sysctl_oid_list oid_children; /* (s) a node's, by number */
	struct sysctl_oid_list *oid_parent; /* (c) the list it goes in */
	SLIST_ENTRY(sysctl_oid) oid_link; /* (s) next sibling */
	int		oid_number;	/* (c) OID_AUTO until linked */
	u_int		oid_kind;	/* (c) CTLTYPE_* | CTLFLAG_* */
	void		*oid_arg1;	/* (c) handler argument: variable */
	intmax_t	oid_arg2;	/* (c) handler argument: value, size */
	const char	*oid_name;	/* (c) one component, no dots */
	sysctl_handler_t *oid_handler;	/* (c) NULL for a plain node */
	const char	*oid_fmt;	/* (c) "I", "LU", "A", "S,timeval"... */
	const char	*oid_descr;	/* (c) one line for sysctl -d */
	bool		oid_linked;	/* (s) in the tree now */
	bool		oid_autonum;	/* (s) number chosen from OID_AUTO */
};

#define SYSCTL_CHILDREN(oid_ptr)	(&(oid_ptr)->oid_children)
#define SYSCTL_STATIC_CHILDREN(oid_name)				\
	SYSCTL_CHILDREN(&sysctl__##oid_name)

/* Declare a node defined in another file: SYSCTL_DECL(_vm_stats). */
#define SYSCTL_DECL(name)	extern struct sysctl_oid sysctl__##name

/* Pointers for leaves that show a constant (arg2) instead of a variable. */
#define SYSCTL_NULL_INT_PTR	((int *)NULL)
#define SYSCTL_NULL_UINT_PTR	((u_int *)NULL)
#define SYSCTL_NULL_LONG_PTR	((long *)NULL)
#define SYSCTL_NULL_ULONG_PTR	((u_long *)NULL)
#define SYSCTL_NULL_U64_PTR	((uint64_t *)NULL)
#define SYSCTL_NULL_S64_PTR	((int64_t *)NULL)

/*
 * Static OIDs.  The OID for parent _a_b and name c is the global or
 * static variable sysctl___a_b_c; the root's children hang from
 * sysctl__ (parent left empty: SYSCTL_NODE(, CTL_KERN, kern, ...)).
 */
#define SYSCTL_OID_RAW(id, parent_list, nbr, name, kind, a1, a2,	\
    handler, fmt, descr)						\
	struct sysctl_oid id = {					\
		.oid_children = SLIST_HEAD_INITIALIZER(id.oid_children), \
		.oid_parent = (parent_list),				\
		.oid_number = (nbr),					\
		.oid_kind = (kind),					\
		.oid_arg1 = (a1),					\
		.oid_arg2 = (a2),					\
		.oid_name = (name),					\
		.oid_handler = (handler),				\
		.oid_fmt = (fmt),					\
		.oid_descr = (descr),					\
	};								\
	DATA_SET(sysctl_set, id)

/* A file-local leaf. */
#define SYSCTL_OID(parent, nbr, name, kind, a1, a2, handler, fmt, descr) \
	static SYSCTL_OID_RAW(sysctl__##parent##_##name,		\
	    SYSCTL_STATIC_CHILDREN(parent), nbr, #name, kind, a1, a2,	\
	    handler, fmt, descr)

/* A global OID (nodes, so other files can hang leaves below them). */
#define SYSCTL_OID_GLOBAL(parent, nbr, name, kind, a1, a2, handler,	\
    fmt, descr)								\
	SYSCTL_OID_RAW(sysctl__##parent##_##name,			\
	    SYSCTL_STATIC_CHILDREN(parent), nbr, #name, kind, a1, a2,	\
	    handler, fmt, descr)

/*
 * The macros below check at compile time that access carries no type
 * other than their own and that ptr points at a variable of their size.
 */
#define SYSCTL_CT_ASSERT_MASK	CTLTYPE
#define SYSCTL_ASSERT_KIND(access, type)				\
	CTASSERT(((access) & CTLTYPE) == 0 ||				\
	    ((access) & SYSCTL_CT_ASSERT_MASK) == (type))

/* A node; handler NULL for a plain inner node.  Not static by default. */
#define SYSCTL_NODE(parent, nbr, name, access, handler, descr)		\
	SYSCTL_OID_GLOBAL(parent, nbr, name, CTLTYPE_NODE | (access),	\
	    NULL, 0, handler, "N", descr);				\
	SYSCTL_ASSERT_KIND(access, CTLTYPE_NODE)

#define SYSCTL_ROOT_NODE(nbr, name, access, handler, descr)		\
	SYSCTL_NODE(, nbr, name, access, handler, descr)

/*
 * A number of C type ctype and kind type: *ptr, or the constant val when
 * ptr is a SYSCTL_NULL_*_PTR.
 */
#define SYSCTL_NUMBER_OID(parent, nbr, name, access, ptr, val, type,	\
    ctype, handler, fmt, descr)						\
	SYSCTL_OID(parent, nbr, name, (type) | CTLFLAG_MPSAFE | (access), \
	    ptr, val, handler, fmt, descr);				\
	SYSCTL_ASSERT_KIND(access, type);				\
	CTASSERT(sizeof(ctype) == sizeof(*(ptr)))

#define SYSCTL_INT(parent, nbr, name, access, ptr, val, descr)		\
	SYSCTL_NUMBER_OID(parent, nbr, name, access, ptr, val,		\
	    CTLTYPE_INT, int, sysctl_handle_int, "I", descr)
#define SYSCTL_UINT(parent, nbr, name, access, ptr, val, descr)		\
	SYSCTL_NUMBER_OID(parent, nbr, name, access, ptr, val,		\
	    CTLTYPE_UINT, u_int, sysctl_handle_int, "IU", descr)
#define SYSCTL_LONG(parent, nbr, name, access, ptr, val, descr)		\
	SYSCTL_NUMBER_OID(parent, nbr, name, access, ptr, val,		\
	    CTLTYPE_LONG, long, sysctl_handle_long, "L", descr)
#define SYSCTL_ULONG(parent, nbr, name, access, ptr, val, descr)	\
	SYSCTL_NUMBER_OID(parent, nbr, name, access, ptr, val,		\
	    CTLTYPE_ULONG, u_long, sysctl_handle_long, "LU", descr)
#define SYSCTL_S64(parent, nbr, name, access, ptr, val, descr)		\
	SYSCTL_NUMBER_OID(parent, nbr, name, access, ptr, val,		\
	    CTLTYPE_S64, int64_t, sysctl_handle_64, "Q", descr)
#define SYSCTL_U64(parent, nbr, name, access, ptr, val, descr)		\
	SYSCTL_NUMBER_OID(parent, nbr, name, access, ptr, val,		\
	    CTLTYPE_U64, uint64_t, sysctl_handle_64, "QU", descr)

/*
 * A string at arg; len is the buffer's size for a writable string (a new
 * value must leave room for the NUL), 0 for a read-only one.
 */
#define SYSCTL_STRING(parent, nbr, name, access, arg, len, descr)	\
	SYSCTL_OID(parent, nbr, name, CTLTYPE_STRING | CTLFLAG_MPSAFE |	\
	    (access), __DECONST(char *, arg), len, sysctl_handle_string, \
	    "A", descr);						\
	SYSCTL_ASSERT_KIND(access, CTLTYPE_STRING)

/* len bytes at ptr, described by fmt ("S,name" for a struct). */
#define SYSCTL_OPAQUE(parent, nbr, name, access, ptr, len, fmt, descr)	\
	SYSCTL_OID(parent, nbr, name, CTLTYPE_OPAQUE | CTLFLAG_MPSAFE |	\
	    (access), ptr, len, sysctl_handle_opaque, fmt, descr);	\
	SYSCTL_ASSERT_KIND(access, CTLTYPE_OPAQUE)

#define SYSCTL_STRUCT(parent, nbr, name, access, ptr, type, descr)	\
	SYSCTL_OID(parent, nbr, name, CTLTYPE_OPAQUE | CTLFLAG_MPSAFE |	\
	    (access), ptr, sizeof(struct type), sysctl_handle_opaque,	\
	    "S," #type, descr);						\
	SYSCTL_ASSERT_KIND(access, CTLTYPE_OPAQUE)

/* A leaf computed by handler; access must carry the CTLTYPE_*. */
#define SYSCTL_PROC(parent, nbr, name, access, ptr, arg, handler, fmt,	\
    descr)								\
	SYSCTL_OID(parent, nbr, name, (access), ptr, arg, handler, fmt,	\
	    descr);							\
	CTASSERT(((access) & CTLTYPE) != 0)

/*
 * Dynamic OIDs.  Where FreeBSD passes a context list (and allocates the
 * OID), Umbra passes the OID's storage, oidp, which its owner keeps while
 * the OID is in the tree (e.g. a struct sysctl_oid inside each zone
 * record); name and descr must live as long.  Each returns oidp, or NULL
 * (with a console warning) when the parent has an OID of that name or
 * number already.  sysctl_remove_oid() takes it out again.
 */
#define SYSCTL_ADD_ASSERT_TYPE(type, ptr)				\
	({ type *__ptr = (ptr); (void *)__ptr; })

#define SYSCTL_ADD_OID(oidp, parent, nbr, name, kind, a1, a2, handler,	\
    fmt, descr)								\
	sysctl_add_oid(oidp, parent, nbr, name, kind, a1, a2, handler,	\
	    fmt, descr)

#define SYSCTL_ADD_NODE(oidp, parent, nbr, name, access, handler, descr) \
	sysctl_add_oid(oidp, parent, nbr, name, CTLTYPE_NODE | (access), \
	    NULL, 0, handler, "N", descr)

#define SYSCTL_ADD_NUMBER(oidp, parent, nbr, name, access, ptr, val,	\
    type, ctype, handler, fmt, descr)					\
	sysctl_add_oid(oidp, parent, nbr, name,				\
	    (type) | CTLFLAG_MPSAFE | (access),				\
	    SYSCTL_ADD_ASSERT_TYPE(ctype, ptr), val, handler, fmt, descr)

#define SYSCTL_ADD_INT(oidp, parent, nbr, name, access, ptr, val, descr) \
	SYSCTL_ADD_NUMBER(oidp, parent, nbr, name, access, ptr, val,	\
	    CTLTYPE_INT, int, sysctl_handle_int, "I", descr)
#define SYSCTL_ADD_UINT(oidp, parent, nbr, name, access, ptr, val, descr) \
	SYSCTL_ADD_NUMBER(oidp, parent, nbr, name, access, ptr, val,	\
	    CTLTYPE_UINT, u_int, sysctl_handle_int, "IU", descr)
#define SYSCTL_ADD_LONG(oidp, parent, nbr, name, access, ptr, descr)	\
	SYSCTL_ADD_NUMBER(oidp, parent, nbr, name, access, ptr, 0,	\
	    CTLTYPE_LONG, long, sysctl_handle_long, "L", descr)
#define SYSCTL_ADD_ULONG(oidp, parent, nbr, name, access, ptr, descr)	\
	SYSCTL_ADD_NUMBER(oidp, parent, nbr, name, access, ptr, 0,	\
	    CTLTYPE_ULONG, u_long, sysctl_handle_long, "LU", descr)
#define SYSCTL_ADD_U64(oidp, parent, nbr, name, access, ptr, val, descr) \
	SYSCTL_ADD_NUMBER(oidp, parent, nbr, name, access, ptr, val,	\
	    CTLTYPE_U64, uint64_t, sysctl_handle_64, "QU", descr)

#define SYSCTL_ADD_STRING(oidp, parent, nbr, name, access, arg, len,	\
    descr)								\
	sysctl_add_oid(oidp, parent, nbr, name, CTLTYPE_STRING |	\
	    CTLFLAG_MPSAFE | (access), SYSCTL_ADD_ASSERT_TYPE(char, arg), \
	    len, sysctl_handle_string, "A", descr)

#define SYSCTL_ADD_PROC(oidp, parent, nbr, name, access, ptr, arg,	\
    handler, fmt, descr)						\
	sysctl_add_oid(oidp, parent, nbr, name, (access), ptr, arg,	\
	    handler, fmt, descr)

/* The root and the top-level nodes (kern/kern_mib.c). */
extern struct sysctl_oid sysctl__;	/* the root; its children: top level */
SYSCTL_DECL(_sysctl);
SYSCTL_DECL(_kern);
SYSCTL_DECL(_vm);
SYSCTL_DECL(_vfs);
SYSCTL_DECL(_net);
SYSCTL_DECL(_debug);
SYSCTL_DECL(_hw);
SYSCTL_DECL(_machdep);
SYSCTL_DECL(_user);
SYSCTL_DECL(_vm_stats);		/* vm.stats */
SYSCTL_DECL(_vm_stats_vm);	/* vm.stats.vm: vm_meter's page counters */
SYSCTL_DECL(_vm_stats_sys);	/* vm.stats.sys: traps, interrupts ... */

/* Standard handlers: arg1 the variable (or NULL), arg2 value or size. */
int	sysctl_handle_int(SYSCTL_HANDLER_ARGS);
int	sysctl_handle_long(SYSCTL_HANDLER_ARGS);
int	sysctl_handle_64(SYSCTL_HANDLER_ARGS);
int	sysctl_handle_string(SYSCTL_HANDLER_ARGS);
int	sysctl_handle_opaque(SYSCTL_HANDLER_ARGS);

/* Requests (kern_sysctl.c). */
int	kernel_sysctl(const int *name, u_int namelen, void *old,
	    size_t *oldlenp, const void *new, size_t newlen);
int	kernel_sysctlbyname(const char *name, void *old, size_t *oldlenp,
	    const void *new, size_t newlen);
int	sysctl_request(const int *name, u_int namelen,
	    struct sysctl_req *req);
int	sysctl_old_kernel(struct sysctl_req *req, const void *p, size_t len);
int	sysctl_new_kernel(struct sysctl_req *req, void *p, size_t len);

/* The tree (kern_sysctl.c). */
int	sysctl_name2oid(const char *name, int *oid, u_int *oidlenp);
int	sysctl_oid2name(const int *oid, u_int oidlen, char *buf,
	    size_t *buflenp);
int	sysctl_next(const int *name, u_int namelen, int *next,
	    u_int *nextlen);
int	sysctl_find_oid(const int *name, u_int namelen,
	    struct sysctl_oid **oidpp, u_int *nindx);
int	sysctl_register_oid(struct sysctl_oid *oidp);
void	sysctl_unregister_oid(struct sysctl_oid *oidp);
struct sysctl_oid *sysctl_add_oid(struct sysctl_oid *oidp,
	    struct sysctl_oid_list *parent, int nbr, const char *name,
	    u_int kind, void *arg1, intmax_t arg2, sysctl_handler_t *handler,
	    const char *fmt, const char *descr);
int	sysctl_remove_oid(struct sysctl_oid *oidp, bool recurse);
void	sysctl_register_all(void);
void	sysctl_dump(const int *name, u_int namelen);

#endif /* _KERNEL */

#endif /* !_SYS_SYSCTL_H_ */
