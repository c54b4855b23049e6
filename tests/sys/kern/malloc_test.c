/* malloc_test: 10 MiB from glibc's malloc (brk or mmap), all touched. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static void
test_malloc__10mib_touched(void)
{
	size_t len = 10 << 20, i;
	unsigned char *p;
	int ok = 1;

	p = malloc(len);
	TAP_CHECK(p != NULL);
	if (p == NULL)
		return;
	for (i = 0; i < len; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (i = 0; i < len; i += 4096)
		if (p[i] != (unsigned char)(i >> 12))
			ok = 0;
	TAP_CHECK(ok);
	free(p);
}

static void
test_malloc__many_small_blocks(void)
{
	unsigned char *small[64];
	size_t i;
	int ok = 1;

	for (i = 0; i < 64; i++) {
		small[i] = malloc(100 + i * 1000);
		memset(small[i], (int)i, 100 + i * 1000);
	}
	for (i = 0; i < 64; i++) {
		if (small[i][99 + i * 1000] != (unsigned char)i)
			ok = 0;
		free(small[i]);
	}
	TAP_CHECK(ok);
}

static void
test_calloc__zeroed(void)
{
	unsigned char *p;

	p = calloc(1, 300000);
	TAP_CHECK(p != NULL && p[0] == 0 && p[299999] == 0);
	free(p);
}

#define CASES(X) X(malloc__10mib_touched) X(malloc__many_small_blocks) \
	X(calloc__zeroed)
TAP_MAIN(CASES, NULL, NULL)
