/*
 * fork_chain_test: the shadow-chain pattern, alone in a program
 * so the kernel can measure it: a process writes its memory and forks a
 * child that checks it, writes and exits, 1 000 times.  The kernel's test
 * runner reads vm.stats.object.max_chain_depth over the program's run and
 * requires at most 2 ("maxchain=2" in utest.list); on Linux the program
 * checks only the contents.
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "vmtest.h"

#define ROUNDS	1000
#define NPAGES	8

static void
test_cow_rounds(void)
{
	char *p;
	pid_t pid;
	int i, st, bad = 0;

	p = anon(NPAGES);
	if (p == MAP_FAILED) {
		tap_check(0, "the memory maps");
		return;
	}
	for (i = 0; i < ROUNDS; i++) {
		memset(p, i & 0xff, NPAGES * PG);
		pid = fork();
		if (pid == 0) {
			if (!allbytes(p, i & 0xff, NPAGES * PG))
				_exit(1);
			memset(p, ~i & 0xff, NPAGES * PG);
			_exit(0);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid ||
		    !WIFEXITED(st) || WEXITSTATUS(st) != 0 ||
		    !allbytes(p, i & 0xff, NPAGES * PG))
			bad++;
	}
	tap_check(bad == 0, "1000 rounds of write, fork, child write, exit");
	tap_check(munmap(p, NPAGES * PG) == 0, "the memory unmaps");
}

#define CASES(X) X(cow_rounds)
TAP_MAIN(CASES, NULL, NULL)
