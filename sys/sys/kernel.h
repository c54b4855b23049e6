/*
 * kernel.h: ordered subsystem initialization (SYSINIT), as in FreeBSD.
 *
 * A subsystem declares its initializer next to the function:
 *
 *	SYSINIT(uart, SI_SUB_CONSOLE, SI_ORDER_FIRST, uart_init, NULL);
 *
 * mi_startup() (kern/init_main.c) sorts every SYSINIT in the kernel by
 * (subsystem, order) and calls them in turn; the order of declarations
 * across files does not matter.
 */
#ifndef _SYS_KERNEL_H_
#define _SYS_KERNEL_H_

#include <sys/types.h>
#include <sys/linker_set.h>

enum sysinit_sub_id {
	SI_SUB_DUMMY		= 0x0000000,	/* not executed */
	SI_SUB_TUNABLES		= 0x0700000,	/* boot environment read */
	SI_SUB_COPYRIGHT	= 0x0800000,	/* banner */
	SI_SUB_VM		= 0x1000000,	/* physical memory, pmap */
	SI_SUB_KMEM		= 0x1800000,	/* kernel malloc */
	SI_SUB_CPU		= 0x2000000,	/* CPU features */
	SI_SUB_INTR		= 0x2800000,	/* interrupt controllers */
	SI_SUB_CLOCKS		= 0x4800000,	/* timers */
	SI_SUB_SYSCTLS		= 0x6000000,	/* sysctl tree */
	SI_SUB_EXEC		= 0x7400000,	/* ELF brands (ABIs) */
	SI_SUB_KTHREAD		= 0x8000000,	/* kernel threads */
	SI_SUB_VFS		= 0x9000000,	/* the VFS: vnode cache, fs types */
	SI_SUB_DRIVERS		= 0xa000000,	/* devices */
	SI_SUB_ROOT		= 0xb000000,	/* root file system */
	SI_SUB_CREATE_INIT	= 0xd000000,	/* the first user processes */
	SI_SUB_KTEST		= 0xe000000,	/* in-kernel tests, if asked */
	SI_SUB_LAST		= 0xfffffff
};

enum sysinit_elem_order {
	SI_ORDER_FIRST		= 0x0000000,
	SI_ORDER_SECOND		= 0x0000001,
	SI_ORDER_THIRD		= 0x0000002,
	SI_ORDER_MIDDLE		= 0x1000000,
	SI_ORDER_ANY		= 0xfffffff
};

typedef void (*sysinit_cfunc_t)(const void *);

struct sysinit {
	enum sysinit_sub_id	subsystem;
	enum sysinit_elem_order	order;
	sysinit_cfunc_t		func;
	const void		*udata;
	const char		*name;	/* the function's name, for tracing */
};

#define SYSINIT(uniquifier, subsystem, order, func, ident)		\
	static struct sysinit uniquifier##_sys_init = {			\
		subsystem, order, (sysinit_cfunc_t)(func),		\
		(ident), #func						\
	};								\
	DATA_SET(sysinit_set, uniquifier##_sys_init)

void	mi_startup(void) __dead2;
void	sysinit_sort(struct sysinit **list, size_t n);

extern bool bootverbose;

#endif /* !_SYS_KERNEL_H_ */
