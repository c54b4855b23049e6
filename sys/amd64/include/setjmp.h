/*
 * machine/setjmp.h: kernel setjmp/longjmp (support.S), for recovering from
 * an expected fault.  Saves the callee-saved registers, rsp and rip.
 */
#ifndef _MACHINE_SETJMP_H_
#define _MACHINE_SETJMP_H_

#include <sys/types.h>

struct kjmpbuf {
	uint64_t kj_rbx;
	uint64_t kj_rbp;
	uint64_t kj_r12;
	uint64_t kj_r13;
	uint64_t kj_r14;
	uint64_t kj_r15;
	uint64_t kj_rsp;
	uint64_t kj_rip;
};

int	ksetjmp(struct kjmpbuf *jb) __attribute__((__returns_twice__));
void	klongjmp(struct kjmpbuf *jb, int val) __dead2;

#endif /* !_MACHINE_SETJMP_H_ */
