/*
 * dev_test: the devices of /dev (issue 5): null and zero read and write
 * as Linux's; /dev/zero mapped privately is anonymous memory and mapped
 * shared is memory shared across fork; urandom gives bytes; the nodes
 * are character devices with Linux's numbers; /dev/mem maps the same
 * physical memory read() returns.  /dev/mem is checked where it exists
 * (on Umbra it must: root may map physical memory; a Linux host in a
 * container usually has none).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static int
is_umbra(void)
{
	struct utsname u;

	return (uname(&u) == 0 && strstr(u.version, "Umbra") != NULL);
}

/*
 * skip: the rest of the case cannot run here: a TAP program counts one
 * skipped check ("ok N - what # SKIP why (err)"), an ATF case ends
 * skipped.
 */
static void
skip(const char *what, const char *why, const char *err)
{
#ifdef TAP_ATF
	atf_tc_skip("%s: %s (%s)", what, why, err);
#else
	printf("ok %d - %s # SKIP %s (%s)\n", ++tap_n, what, why, err);
#endif
}

static void
test_nodes(void)
{
	static const struct { const char *path; int maj, min; } nodes[] = {
		{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 },
		{ "/dev/random", 1, 8 }, { "/dev/urandom", 1, 9 },
	};
	struct stat sb;
	size_t i;

	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		char what[64];

		snprintf(what, sizeof(what), "%s: char device %d,%d",
		    nodes[i].path, nodes[i].maj, nodes[i].min);
		tap_check(stat(nodes[i].path, &sb) == 0 &&
		    S_ISCHR(sb.st_mode) && major(sb.st_rdev) ==
		    (unsigned)nodes[i].maj && minor(sb.st_rdev) ==
		    (unsigned)nodes[i].min, what);
	}
}

static void
test_null_zero_random(void)
{
	unsigned char buf[256];
	int fd, i, nonzero = 0;

	fd = open("/dev/null", O_RDWR);
	TAP_CHECK(fd >= 0);
	TAP_CHECK(read(fd, buf, sizeof(buf)) == 0);
	TAP_CHECK(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	close(fd);
	fd = open("/dev/zero", O_RDWR);
	memset(buf, 0xaa, sizeof(buf));
	TAP_CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) ==
	    (ssize_t)sizeof(buf));
	for (i = 0; i < (int)sizeof(buf) && buf[i] == 0; i++)
		;
	TAP_CHECK(i == (int)sizeof(buf));
	TAP_CHECK(write(fd, buf, 10) == 10);
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	TAP_CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) ==
	    (ssize_t)sizeof(buf));
	for (i = 0; i < (int)sizeof(buf); i++)
		nonzero += buf[i] != 0;
	TAP_CHECK(nonzero > 200);
	close(fd);
}

static void
test_zero_mappings(void)
{
	volatile int *priv, *shr;
	int fd, status;
	pid_t pid;

	fd = open("/dev/zero", O_RDWR);
	TAP_CHECK(fd >= 0);
	priv = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shr = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	TAP_CHECK(priv != MAP_FAILED && shr != MAP_FAILED);
	if (priv == MAP_FAILED || shr == MAP_FAILED) {
		close(fd);
		return;
	}
	TAP_CHECK(priv[0] == 0 && priv[2047] == 0 && shr[0] == 0);
	priv[0] = 1;
	shr[0] = 1;
	pid = fork();
	if (pid == 0) {
		priv[0] = 2;	/* private: the parent keeps 1 */
		shr[0] = 2;	/* shared: the parent sees 2 */
		shr[1024] = 3;
		_exit(0);
	}
	TAP_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status));
	TAP_CHECK(priv[0] == 1);
	TAP_CHECK(shr[0] == 2 && shr[1024] == 3);
	/* A second /dev/zero mapping is other memory. */
	{
		volatile int *other = mmap(NULL, 4096, PROT_READ, MAP_SHARED,
		    fd, 0);

		TAP_CHECK(other != MAP_FAILED && other[0] == 0);
		if (other != MAP_FAILED)
			munmap((void *)other, 4096);
	}
	/* Read-only descriptor: a shared writable mapping is EACCES. */
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	TAP_ERRNO("shared PROT_WRITE of /dev/zero open O_RDONLY", EACCES,
	    mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	close(fd);
	munmap((void *)priv, 8192);
	munmap((void *)shr, 8192);
}

/*
 * /dev/mem: a page of RAM (at 1 MiB: Umbra's /dev/mem is the RAM it
 * manages, from 1 MiB up) mapped shows what read() at its offset shows.
 */
#define MEM_OFF	0x100000

static void
test_mem(void)
{
	unsigned char buf[4096];
	const unsigned char *p;
	int fd;
	ssize_t n;

	fd = open("/dev/mem", O_RDONLY);
	if (fd < 0 && !is_umbra()) {
		skip("/dev/mem", "not available here", strerror(errno));
		return;
	}
	TAP_CHECK(fd >= 0);
	if (fd < 0)
		return;
	n = pread(fd, buf, sizeof(buf), MEM_OFF);
	if (n < 0 && !is_umbra()) {
		/* Linux's STRICT_DEVMEM keeps RAM above 1 MiB to itself. */
		close(fd);
		skip("/dev/mem read", "refused", strerror(errno));
		return;
	}
	TAP_CHECK(n == (ssize_t)sizeof(buf));
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, MEM_OFF);
	TAP_CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		TAP_CHECK(memcmp(p, buf, sizeof(buf)) == 0);
		munmap((void *)p, 4096);
	}
	close(fd);
}

#define CASES(X) X(nodes) X(null_zero_random) X(zero_mappings) X(mem)
TAP_MAIN(CASES, NULL, NULL)
