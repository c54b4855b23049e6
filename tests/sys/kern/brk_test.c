/* brk_test: the break grows with zeroed memory and shrinks again. */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "tap.h"

int
main(void)
{
	char *cur, *top, *p;
	size_t i, len = 1 << 20;
	int zero = 1;

	cur = (char *)syscall(SYS_brk, 0);
	TAP_CHECK(cur != NULL);
	top = (char *)syscall(SYS_brk, cur + len);
	TAP_CHECK(top == cur + len);
	for (i = 0; i < len; i += 4096)
		if (cur[i] != 0)
			zero = 0;
	TAP_CHECK(zero);
	memset(cur, 0xa5, len);
	TAP_CHECK((unsigned char)cur[len - 1] == 0xa5);
	top = (char *)syscall(SYS_brk, cur + 4096);
	TAP_CHECK(top == cur + 4096);
	/* Grow again: the memory that came back must be zero. */
	top = (char *)syscall(SYS_brk, cur + 2 * 4096);
	TAP_CHECK(top == cur + 2 * 4096);
	TAP_CHECK(cur[4096] == 0 && cur[2 * 4096 - 1] == 0);
	/* Below the start: refused, the break stays. */
	top = (char *)syscall(SYS_brk, (char *)4096);
	TAP_CHECK(top == cur + 2 * 4096);
	/* glibc's own brk() and sbrk() agree with the system call. */
	TAP_CHECK(brk(cur + 3 * 4096) == 0);
	p = sbrk(0);
	TAP_CHECK(p == cur + 3 * 4096);
	TAP_CHECK((char *)syscall(SYS_brk, 0) == cur + 3 * 4096);
	return (tap_done());
}
