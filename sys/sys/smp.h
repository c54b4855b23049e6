/*
 * smp.h: what the kernel knows about its CPUs.  One CPU runs today;
 * mp_ncpus becomes the count of CPUs started once the others are.
 */
#ifndef _SYS_SMP_H_
#define _SYS_SMP_H_

extern int	mp_ncpus;	/* CPUs running (hw.ncpu) */

#endif /* !_SYS_SMP_H_ */
