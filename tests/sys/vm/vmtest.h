/*
 * vmtest.h: helpers shared by the memory system-call tests: the page size
 * and mincore probes (mapped or not, resident or not), so the tests never
 * read /proc.
 */
#ifndef _VMTEST_H_
#define _VMTEST_H_

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
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

#endif /* !_VMTEST_H_ */
