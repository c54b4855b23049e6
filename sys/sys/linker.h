/*
 * linker.h: modules the boot loader put in memory beside the kernel
 * (FreeBSD's preload interface; GRUB's multiboot2 `module2').
 */
#ifndef _SYS_LINKER_H_
#define _SYS_LINKER_H_

#include <sys/types.h>

/* Machine-dependent (machdep.c): a module by its command line's first word. */
const void *preload_search_by_name(const char *name, size_t *sizep);

#endif /* !_SYS_LINKER_H_ */
