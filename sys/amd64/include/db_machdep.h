/*
 * machine/db_machdep.h: backtraces and kernel symbol lookup (db_trace.c).
 */
#ifndef _MACHINE_DB_MACHDEP_H_
#define _MACHINE_DB_MACHDEP_H_

#include <sys/types.h>

struct trapframe;

void	db_trace_self(void);
void	db_trace_frame(vm_offset_t pc, vm_offset_t fp);
const char *db_symbol(vm_offset_t pc, vm_offset_t *offp);
size_t	db_nsymbols(void);

#endif /* !_MACHINE_DB_MACHDEP_H_ */
