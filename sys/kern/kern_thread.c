/*
 * kern_thread.c: thread records.
 *
 * thread0 is the boot thread: hammer_time runs on it from the first C
 * instruction (on the boot stack), so curthread is never NULL and lock
 * ownership works before the scheduler exists.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/proc.h>

struct thread thread0 = {
	.td_name = "thread0",
	.td_tid = 0,
	.td_state = TDS_RUNNING,
	.td_priority = PRI_KERN,
	.td_base_pri = PRI_KERN,
	.td_proc = &proc0,
};
