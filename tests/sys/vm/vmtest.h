/*
 * vmtest.h: helpers shared by the memory system-call tests: the page size
 * and mincore probes (mapped or not, resident or not), so the tests never
 * read /proc; turns taken by a parent and its children through a flag in
 * shared anonymous memory (no pipes), and reap().
 */
#ifndef _VMTEST_H_
#define _VMTEST_H_

#include <errno.h>
#include <stdint.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG	4096UL

/* mapped: 1 when the page at p is mapped (mincore succeeds), 0 on ENOMEM. */
static inline int
mapped(const void *p)
{
	unsigned char v;

	return (mincore((void *)((uintptr_t)p & ~(PG - 1)), PG, &v) == 0);
}

/* resident: 1 when the page at p is mapped and resident. */
static inline int
resident(const void *p)
{
	unsigned char v = 0;

	if (mincore((void *)((uintptr_t)p & ~(PG - 1)), PG, &v) != 0)
		return (0);
	return ((v & 1) != 0);
}

/* nresident: how many of the npages pages from p are resident (-1: error). */
static inline int
nresident(void *p, size_t npages)
{
	unsigned char v[64];
	size_t i;
	int n = 0;

	if (npages > sizeof(v) || mincore(p, npages * PG, v) != 0)
		return (-1);
	for (i = 0; i < npages; i++)
		n += v[i] & 1;
	return (n);
}

/* anon: a private anonymous read/write mapping of npages, or MAP_FAILED. */
static inline char *
anon(size_t npages)
{
	return (mmap(NULL, npages * PG, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
}

/*
 * hole: the address of npages of free address space (mapped and unmapped
 * again), so a test can place mappings where nothing is.
 */
static inline char *
hole(size_t npages)
{
	char *p;

	p = mmap(NULL, npages * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED)
		return (NULL);
	munmap(p, npages * PG);
	return (p);
}

/* allbytes: 1 when the len bytes at p all equal c. */
static inline int
allbytes(const void *p, int c, size_t len)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != (unsigned char)c)
			return (0);
	return (1);
}

static volatile int *turn;	/* shared: whose step it is */

/* turn_init: map the shared turn flag (0 at first); 0 or -1. */
static inline int
turn_init(void)
{
	void *p;

	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED)
		return (-1);
	turn = p;
	return (0);
}

/* wait_turn: spin (yielding) until the flag says want. */
static inline void
wait_turn(int want)
{
	while (__atomic_load_n(turn, __ATOMIC_SEQ_CST) != want)
		sched_yield();
}

/* set_turn: hand the step to whoever waits for t. */
static inline void
set_turn(int t)
{
	__atomic_store_n(turn, t, __ATOMIC_SEQ_CST);
}

/* reap: wait for pid; its exit status, or 128 + the signal that killed it. */
static inline int
reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return (-1);
	if (WIFSIGNALED(st))
		return (128 + WTERMSIG(st));
	return (WEXITSTATUS(st));
}

#endif /* !_VMTEST_H_ */
