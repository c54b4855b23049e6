/*
 * brk_test: the break grows with zeroed memory and shrinks again; memory
 * given back and taken again is zero; a break below the start is
 * refused; glibc's brk() and sbrk() agree with the system call.  Each
 * case starts from the break as it finds it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "tap.h"

#define LEN	(1 << 20)

/* The break now; stdout's buffer is made first, so no check moves it. */
static char *
cur_brk(void)
{
	printf("# the break: %p\n", (void *)syscall(SYS_brk, 0));
	fflush(stdout);
	return ((char *)syscall(SYS_brk, 0));
}

static void
test_brk__grows_zeroed(void)
{
	char *cur, *top;
	size_t i;
	int zero = 1;

	cur = cur_brk();
	TAP_CHECK(cur != NULL);
	top = (char *)syscall(SYS_brk, cur + LEN);
	TAP_CHECK(top == cur + LEN);
	for (i = 0; i < LEN; i += 4096)
		if (cur[i] != 0)
			zero = 0;
	TAP_CHECK(zero);
	memset(cur, 0xa5, LEN);
	TAP_CHECK((unsigned char)cur[LEN - 1] == 0xa5);
	(void)syscall(SYS_brk, cur);
}

static void
test_brk__shrunk_then_regrown_zeroed(void)
{
	char *cur, *top;

	cur = cur_brk();
	top = (char *)syscall(SYS_brk, cur + LEN);
	TAP_CHECK(top == cur + LEN);
	memset(cur, 0xa5, LEN);
	top = (char *)syscall(SYS_brk, cur + 4096);
	TAP_CHECK(top == cur + 4096);
	/* Grow again: the memory that came back must be zero. */
	top = (char *)syscall(SYS_brk, cur + 2 * 4096);
	TAP_CHECK(top == cur + 2 * 4096);
	TAP_CHECK(cur[4096] == 0 && cur[2 * 4096 - 1] == 0);
	(void)syscall(SYS_brk, cur);
}

static void
test_brk__below_start_refused(void)
{
	char *cur, *top;

	cur = cur_brk();
	top = (char *)syscall(SYS_brk, cur + 2 * 4096);
	TAP_CHECK(top == cur + 2 * 4096);
	/* Below the start: refused, the break stays. */
	top = (char *)syscall(SYS_brk, (char *)4096);
	TAP_CHECK(top == cur + 2 * 4096);
	(void)syscall(SYS_brk, cur);
}

static void
test_brk__libc_brk_sbrk_agree(void)
{
	char *cur, *p;

	cur = cur_brk();
	/* glibc's own brk() and sbrk() agree with the system call. */
	TAP_CHECK(brk(cur + 3 * 4096) == 0);
	p = sbrk(0);
	TAP_CHECK(p == cur + 3 * 4096);
	TAP_CHECK((char *)syscall(SYS_brk, 0) == cur + 3 * 4096);
	(void)brk(cur);
}

#define CASES(X) X(brk__grows_zeroed) X(brk__shrunk_then_regrown_zeroed) \
	X(brk__below_start_refused) X(brk__libc_brk_sbrk_agree)
TAP_MAIN(CASES, NULL, NULL)
