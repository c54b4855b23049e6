/*
 * machine/fpu.h: user FPU/SSE state (sys/amd64/amd64/fpu.c).
 */
#ifndef _MACHINE_FPU_H_
#define _MACHINE_FPU_H_

#include <sys/types.h>

struct pcb;

#define	__INITIAL_FPUCW__	0x037f	/* x87: all exceptions masked,
					   64-bit precision, round nearest */
#define	__INITIAL_MXCSR__	0x1f80	/* SSE: all exceptions masked */

void	fpuinit(void);
void	fpu_save(struct pcb *pcb);
void	fpu_restore(const struct pcb *pcb);
void	fpu_init_user(struct pcb *pcb);
int	fpu_trap_code(uint64_t trapno);

#endif /* !_MACHINE_FPU_H_ */
