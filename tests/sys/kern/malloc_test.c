/* malloc_test: 10 MiB from glibc's malloc (brk or mmap), all touched. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"

int
main(void)
{
	size_t len = 10 << 20, i;
	unsigned char *p, *small[64];
	int ok = 1;

	p = malloc(len);
	TAP_CHECK(p != NULL);
	if (p == NULL)
		return (tap_done());
	for (i = 0; i < len; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (i = 0; i < len; i += 4096)
		if (p[i] != (unsigned char)(i >> 12))
			ok = 0;
	TAP_CHECK(ok);
	free(p);
	for (i = 0; i < 64; i++) {
		small[i] = malloc(100 + i * 1000);
		memset(small[i], (int)i, 100 + i * 1000);
	}
	ok = 1;
	for (i = 0; i < 64; i++) {
		if (small[i][99 + i * 1000] != (unsigned char)i)
			ok = 0;
		free(small[i]);
	}
	TAP_CHECK(ok);
	p = calloc(1, 300000);
	TAP_CHECK(p != NULL && p[0] == 0 && p[299999] == 0);
	free(p);
	return (tap_done());
}
