/*
 * ext2_shim.c: malloc(9) for the ext2 library on the host (ext2_test):
 * host memory, with a count of live allocations so the tests can check
 * that every path frees what it took.
 */
#include <sys/types.h>
#include <sys/malloc.h>

void	*kshim_calloc(size_t size);
void	kshim_free(void *p);
long	ext2_shim_live(void);

static long ext2_shim_nlive;

void *
malloc(size_t size, struct malloc_type *type, int flags)
{
	ext2_shim_nlive++;
	return (kshim_calloc(size));
}

void
free(void *addr, struct malloc_type *type)
{
	if (addr == NULL)
		return;
	ext2_shim_nlive--;
	kshim_free(addr);
}

/* Allocations not yet freed. */
long
ext2_shim_live(void)
{
	return (ext2_shim_nlive);
}
