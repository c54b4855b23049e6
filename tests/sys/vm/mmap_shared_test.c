/*
 * mmap_shared_test: one file mapped MAP_SHARED by two processes.  Each
 * sees the other's stores (a mapping inherited across fork, and one the
 * child makes itself); a child's write() shows in the parent's mapping; a
 * child's private mapping shows the parent's shared stores on pages it
 * has not copied; a child that stores through a MAP_SHARED mapping and
 * exits without msync or munmap loses nothing; both processes touch all
 * N pages and mincore reports every page resident in both.
 *
 * One physical page per file page: user space cannot see physical
 * addresses, so this shows what it can (every store seen at once in the
 * other process, mincore agreeing); the page count itself
 * (vm.stats.object.vnode_pages growing by one page per file page, not
 * two) is the in-kernel test vnode_pager.shared_mapping.  Threads and
 * a child sharing one file: mmap_threads_test.
 *
 * Parent and child take turns through the shared anonymous flag of
 * vmtest.h.
 */
#include "mapfile.h"

#define NPG	32

/* A child mapping "two" itself: stores 'c' to page 1, waits, checks 'p'. */
static int
child_own_mapping(void)
{
	char *q;
	int fd;

	fd = open("two", O_RDWR);
	q = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (q == MAP_FAILED)
		return (1);
	q[PG] = 'c';
	set_turn(1);
	wait_turn(2);
	return (q[2 * PG] == 'p' ? 0 : 2);
}

/* map_two: the file "two" ('a'), mapped MAP_SHARED; NULL on failure. */
static char *
map_two(int *fdp)
{
	char *p;

	*fdp = fill_file("two", 'a', NPG * PG);
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, *fdp, 0);
	if (p == MAP_FAILED) {
		tap_check(0, "map two");
		close(*fdp);
		return (NULL);
	}
	return (p);
}

/* The mapping inherited across fork. */
static void
test_inherited_mapping(void)
{
	char *p;
	pid_t pid;
	int fd;

	if ((p = map_two(&fd)) == NULL)
		return;
	set_turn(0);
	pid = fork();
	if (pid == 0) {
		p[0] = 'c';
		set_turn(1);
		wait_turn(2);
		_exit(p[1] == 'p' ? 0 : 1);
	}
	wait_turn(1);
	CHECK("inherited mapping: the parent sees the child's store",
	    p[0] == 'c');
	p[1] = 'p';
	set_turn(2);
	CHECK("... and the child sees the parent's", reap(pid) == 0);
	munmap(p, NPG * PG);
	close(fd);
}

/* A mapping the child makes itself. */
static void
test_separate_mappings(void)
{
	char *p;
	pid_t pid;
	int fd;

	if ((p = map_two(&fd)) == NULL)
		return;
	set_turn(0);
	pid = fork();
	if (pid == 0)
		_exit(child_own_mapping());
	wait_turn(1);
	CHECK("separate mappings: the parent sees the child's store",
	    p[PG] == 'c');
	p[2 * PG] = 'p';
	set_turn(2);
	CHECK("... and the child sees the parent's", reap(pid) == 0);
	CHECK("... and read() sees both", file_bytes(fd, PG, 'c', 1) &&
	    file_bytes(fd, 2 * PG, 'p', 1));
	munmap(p, NPG * PG);
	close(fd);
}

/* A child's write() shows in the parent's mapping. */
static void
test_child_pwrite(void)
{
	char *p;
	pid_t pid;
	int fd;

	if ((p = map_two(&fd)) == NULL)
		return;
	pid = fork();
	if (pid == 0)
		_exit(pwrite(fd, "ww", 2, 3 * PG) == 2 ? 0 : 1);
	CHECK("a child's pwrite", reap(pid) == 0);
	CHECK("... shows in the parent's mapping", p[3 * PG] == 'w' &&
	    p[3 * PG + 1] == 'w' && p[3 * PG + 2] == 'a');
	munmap(p, NPG * PG);
	close(fd);
}

/* A child's private mapping: untouched pages follow shared stores. */
static void
test_child_private_mapping(void)
{
	char *p;
	pid_t pid;
	int fd;

	if ((p = map_two(&fd)) == NULL)
		return;
	set_turn(0);
	pid = fork();
	if (pid == 0) {
		char *q;

		q = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		    fd, 0);
		if (q == MAP_FAILED)
			_exit(1);
		(void)*(volatile char *)(q + 4 * PG);	/* read, not copied */
		q[5 * PG] = 'q';			/* copied */
		set_turn(1);
		wait_turn(2);
		if (q[4 * PG] != 's')
			_exit(2);	/* the shared store must show */
		if (q[5 * PG + 1] != 'a' || q[5 * PG] != 'q')
			_exit(3);	/* the copy must not change */
		_exit(0);
	}
	wait_turn(1);
	p[4 * PG] = 's';
	p[5 * PG + 1] = 's';
	set_turn(2);
	CHECK("a private mapping in a child: a read page shows the parent's "
	    "shared store, a copied one does not", reap(pid) == 0);
	CHECK("... and its private store is not in the file",
	    p[5 * PG] == 'a' && file_bytes(fd, 5 * PG, 'a', 1));
	munmap(p, NPG * PG);
	close(fd);
}

static void
test_child_exit_keeps(void)
{
	pid_t pid;
	int fd;

	fd = fill_file("exit", 'a', NPG * PG);
	close(fd);
	pid = fork();
	if (pid == 0) {
		char *q;

		fd = open("exit", O_RDWR);
		q = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
		if (q == MAP_FAILED)
			_exit(1);
		close(fd);
		memset(q, 'e', NPG * PG);
		_exit(0);	/* no msync, no munmap */
	}
	CHECK("a child stores through MAP_SHARED and exits", reap(pid) == 0);
	CHECK("... the parent reads every store from the file",
	    name_bytes("exit", 0, 'e', NPG * PG));
}

/*
 * Both processes map the file and touch all NPG pages (the child reads,
 * the parent writes); mincore reports all of them resident in both, and
 * the parent's stores are what the child reads.
 */
static void
test_all_pages(void)
{
	char *p;
	pid_t pid;
	int fd, i;

	fd = fill_file("all", 'a', NPG * PG);
	set_turn(0);
	pid = fork();
	if (pid == 0) {
		char *q;
		int sum = 0;

		q = mmap(NULL, NPG * PG, PROT_READ, MAP_SHARED, fd, 0);
		if (q == MAP_FAILED)
			_exit(1);
		for (i = 0; i < NPG; i++)
			sum += q[i * PG];
		set_turn(1);
		wait_turn(2);
		if (nresident(q, NPG) != NPG)
			_exit(2);
		for (i = 0; i < NPG; i++)
			if (q[i * PG] != (char)('A' + i % 26) ||
			    q[i * PG + PG - 1] != 'a')
				_exit(3);
		_exit(sum == NPG * 'a' ? 0 : 4);
	}
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("both processes map the file", p != MAP_FAILED);
	if (p == MAP_FAILED) {
		set_turn(2);
		reap(pid);
		close(fd);
		return;
	}
	wait_turn(1);
	for (i = 0; i < NPG; i++)
		p[i * PG] = 'A' + i % 26;
	CHECK("mincore: all pages resident in the parent",
	    nresident(p, NPG) == NPG);
	set_turn(2);
	CHECK("... and in the child, which reads the parent's stores",
	    reap(pid) == 0);
	munmap(p, NPG * PG);
	close(fd);
}

static void
setup(void)
{
	fs_setup("mmap_shared_test");
	if (turn_init() != 0) {
		tap_check(0, "the shared turn flag is mapped");
		exit(tap_done());
	}
}

#define CASES(X)	X(inherited_mapping) X(separate_mappings)	\
	X(child_pwrite) X(child_private_mapping) X(child_exit_keeps)	\
	X(all_pages)
TAP_MAIN(CASES, setup, NULL)
