/*
 * durable_test [PATH [SECONDS]]: the guest half of
 * tools/durability-test.sh (not in utest.list: the script runs it alone,
 * with umbra.utest.only=durable_test).
 *
 * Creates PATH (default /tmp/durable) and makes it DURABLE_SIZE bytes
 * with ftruncate (then fsyncs its directory, so the name is on disk),
 * maps it MAP_SHARED, stores the pattern (lines "umbra durable NNNNNN\n"
 * for NNNNNN = 0, 1, ...; the last page partial), calls msync(MS_SYNC)
 * and prints the marker line "durable_test: msync returned 0".  Then it
 * spins for SECONDS (default 60) without exiting, so that nothing but
 * msync can have written the pages when the host kills QEMU.  The file
 * data itself is never written with write(): only msync puts it on the
 * disk.
 *
 * The host script runs the same program on the host (SECONDS 0) and
 * compares both files with the pattern it makes itself.  Exit status: 0
 * when every call succeeded.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define DURABLE_LINES	1000
#define DURABLE_LINE	21			/* "umbra durable 000000\n" */
#define DURABLE_SIZE	(DURABLE_LINES * DURABLE_LINE)	/* 20.5 KiB */

static int
fail(const char *what)
{
	printf("durable_test: %s: %s\n", what, strerror(errno));
	return (1);
}

int
main(int argc, char **argv)
{
	struct timespec t0, t;
	char *path, *p, dir[4096], line[32];
	int dfd, fd, i, seconds;

	path = argc > 1 ? argv[1] : "/tmp/durable";
	seconds = argc > 2 ? atoi(argv[2]) : 60;
	(void)unlink(path);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return (fail("open"));
	if (ftruncate(fd, DURABLE_SIZE) != 0)
		return (fail("ftruncate"));
	snprintf(dir, sizeof(dir), "%s", path);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
	if (dfd < 0 || fsync(dfd) != 0)
		return (fail("fsync of the directory"));
	close(dfd);
	p = mmap(NULL, DURABLE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return (fail("mmap"));
	close(fd);
	for (i = 0; i < DURABLE_LINES; i++) {
		snprintf(line, sizeof(line), "umbra durable %06d\n", i);
		memcpy(p + i * DURABLE_LINE, line, DURABLE_LINE);
	}
	if (msync(p, DURABLE_SIZE, MS_SYNC) != 0)
		return (fail("msync"));
	printf("durable_test: msync returned 0\n");
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < seconds);
	return (0);
}
