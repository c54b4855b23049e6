/*
 * mmap_threads_test: one file mapped MAP_SHARED by four threads of this
 * process and a forked child, five participants taking turns.  A token
 * (the word "turn" in the file's first page, a shared futex) goes round
 * ROUNDS times; at its turn a participant checks every other
 * participant's last store on each of the file's pages (the one before
 * it stored this round, the ones after it last round), then stores its
 * own and passes the token on.  So all five see one view of the file,
 * in the order the stores were made.  Afterwards the stores are in the
 * mapping, read() sees them, and so does a descriptor opened again.
 *
 * Three ways to share the file:
 *   inherited      one mapping, made before fork: the threads use it, the
 *                  child has its copy of the address space;
 *   own_mappings   each participant maps the file itself (five mappings
 *                  at five addresses; the futex meets across them: a
 *                  shared futex is keyed by the file page);
 *   syscall_io     one mapping, but every other participant stores with
 *                  pwrite() and loads with pread() instead: the file and
 *                  its mapping are one.
 *
 * The participants never call tap_check (threads, a child): they count
 * what they saw wrong in the file's header, and the main thread checks.
 * A participant that waits for the token longer than DEADLINE seconds
 * gives up and says so, so that a lost wakeup fails the case instead of
 * hanging it.  The idea comes from tests/sys/kern/thread_test.
 */
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>

#include "mapfile.h"

#define NTHREAD		4
#define NPART		(NTHREAD + 1)	/* the threads, then the child */
#define CHILD		NTHREAD		/* the child's number */
#define ROUNDS		200
#define NPG		4		/* pages of the file */
#define SLOTS		256		/* the slots' offset in each page */
#define DEADLINE	60		/* the longest wait, in seconds */

enum mode { INHERITED, OWN_MAPPINGS, SYSCALL_IO };

/* The file's first page begins with the header. */
struct hdr {
	uint32_t	turn;		/* whose turn: a shared futex */
	uint32_t	bad;		/* stores seen wrong */
	uint32_t	stuck;		/* participants that gave up waiting */
	uint32_t	ioerr;		/* pread/pwrite that failed */
};

/* What participant who stores to page pg in round r (from 1). */
static uint32_t
val(int r, int who, int pg)
{
	return ((uint32_t)(r * 100 + who * 10 + pg));
}

static long
futex(uint32_t *uaddr, int op, uint32_t v, const struct timespec *ts)
{
	return (syscall(SYS_futex, uaddr, op, v, ts, NULL, 0));
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

struct part {
	int		 me;
	enum mode	 mode;
	int		 fd;		/* the file, open O_RDWR */
	char		*map;		/* the mapping (not OWN_MAPPINGS) */
};

static off_t
slot_off(int pg, int who)
{
	return ((off_t)pg * PG + SLOTS + who * sizeof(uint32_t));
}

/* Load participant who's slot of page pg, from the mapping or by pread. */
static uint32_t
load(struct part *pt, char *p, int pg, int who, int io)
{
	uint32_t v;

	if (!io)
		return (__atomic_load_n((uint32_t *)(p + slot_off(pg, who)),
		    __ATOMIC_SEQ_CST));
	if (pread(pt->fd, &v, sizeof(v), slot_off(pg, who)) != sizeof(v)) {
		__atomic_add_fetch(&((struct hdr *)p)->ioerr, 1,
		    __ATOMIC_SEQ_CST);
		return (UINT32_MAX);
	}
	return (v);
}

static void
store(struct part *pt, char *p, int pg, int who, uint32_t v, int io)
{
	if (!io) {
		__atomic_store_n((uint32_t *)(p + slot_off(pg, who)), v,
		    __ATOMIC_SEQ_CST);
		return;
	}
	if (pwrite(pt->fd, &v, sizeof(v), slot_off(pg, who)) != sizeof(v))
		__atomic_add_fetch(&((struct hdr *)p)->ioerr, 1,
		    __ATOMIC_SEQ_CST);
}

/*
 * run: participant pt->me's part: ROUNDS times wait for the token, check
 * everybody's last stores, store its own, pass the token on.
 */
static void
run(struct part *pt)
{
	struct timespec tick = { 0, 100 * 1000 * 1000 };
	struct hdr *h;
	char *p;
	double end;
	int io, j, me = pt->me, pg, r;
	uint32_t t, want;

	p = pt->map;
	if (pt->mode == OWN_MAPPINGS) {
		p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED,
		    pt->fd, 0);
		if (p == MAP_FAILED)
			return;		/* the others time out: a failure */
	}
	h = (struct hdr *)p;
	io = pt->mode == SYSCALL_IO && (me & 1) != 0;
	end = now() + DEADLINE;
	for (r = 1; r <= ROUNDS; r++) {
		while ((t = __atomic_load_n(&h->turn, __ATOMIC_SEQ_CST)) !=
		    (uint32_t)me) {
			if (now() > end) {
				__atomic_add_fetch(&h->stuck, 1,
				    __ATOMIC_SEQ_CST);
				goto out;
			}
			futex(&h->turn, FUTEX_WAIT, t, &tick);
		}
		/*
		 * The ones before me stored this round, the ones after me
		 * (and I) the round before.
		 */
		for (pg = 0; pg < NPG; pg++)
			for (j = 0; j < NPART; j++) {
				want = j < me ? val(r, j, pg) :
				    r == 1 ? 0 : val(r - 1, j, pg);
				if (load(pt, p, pg, j, io) != want)
					__atomic_add_fetch(&h->bad, 1,
					    __ATOMIC_SEQ_CST);
			}
		for (pg = 0; pg < NPG; pg++)
			store(pt, p, pg, me, val(r, me, pg), io);
		__atomic_store_n(&h->turn, (me + 1) % NPART, __ATOMIC_SEQ_CST);
		futex(&h->turn, FUTEX_WAKE, INT_MAX, NULL);
	}
out:
	if (pt->mode == OWN_MAPPINGS)
		munmap(p, NPG * PG);
}

static void *
run_thread(void *arg)
{
	run(arg);
	return (NULL);
}

/* The slots of every page hold what was stored last (file or mapping). */
static int
last_stores(int fd, char *p)
{
	uint32_t v;
	int j, pg;

	for (pg = 0; pg < NPG; pg++)
		for (j = 0; j < NPART; j++) {
			if (p != NULL)
				v = *(volatile uint32_t *)(p + slot_off(pg, j));
			else if (pread(fd, &v, sizeof(v), slot_off(pg, j)) !=
			    sizeof(v))
				return (0);
			if (v != val(ROUNDS, j, pg))
				return (0);
		}
	return (1);
}

static void
ring(enum mode mode)
{
	struct part pt[NPART];
	pthread_t t[NTHREAD];
	struct hdr *h;
	char *p;
	pid_t pid;
	int fd, i, made = 0, rfd;

	fd = open("file", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("the file is made, four pages", fd >= 0 &&
	    ftruncate(fd, NPG * PG) == 0);
	/* The main thread's mapping: the token's start, the checks. */
	p = mmap(NULL, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("MAP_SHARED of the file", p != MAP_FAILED);
	if (fd < 0 || p == MAP_FAILED)
		return;
	h = (struct hdr *)p;
	h->turn = NPART;		/* nobody's until all are there */
	for (i = 0; i < NPART; i++) {
		pt[i].me = i;
		pt[i].mode = mode;
		pt[i].fd = fd;
		pt[i].map = p;
	}
	pid = fork();
	if (pid == 0) {
		if (mode == OWN_MAPPINGS) {
			/* The child's own descriptor and mapping. */
			pt[CHILD].fd = open("file", O_RDWR);
			munmap(p, NPG * PG);
		}
		run(&pt[CHILD]);
		_exit(0);
	}
	for (i = 0; i < NTHREAD; i++)
		if (pthread_create(&t[i], NULL, run_thread, &pt[i]) == 0)
			made++;
		else
			break;
	CHECK("four threads are made", made == NTHREAD);
	__atomic_store_n(&h->turn, 0, __ATOMIC_SEQ_CST);
	futex(&h->turn, FUTEX_WAKE, INT_MAX, NULL);
	for (i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	CHECK("the child took its turns and exited", pid > 0 &&
	    reap(pid) == 0);
	CHECK("nobody waited for the token in vain", h->stuck == 0);
	if (h->stuck != 0)
		printf("# %u participant(s) gave up waiting\n", h->stuck);
	CHECK("every pread and pwrite moved 4 bytes", h->ioerr == 0);
	CHECK("4 threads and a child see each other's stores in order",
	    h->bad == 0);
	if (h->bad != 0)
		printf("# %u store(s) seen wrong\n", h->bad);
	CHECK("the mapping holds everybody's last stores", last_stores(fd, p));
	CHECK("read() sees the stores of the mapping", last_stores(fd, NULL));
	CHECK("msync", msync(p, NPG * PG, MS_SYNC) == 0);
	munmap(p, NPG * PG);
	close(fd);
	rfd = open("file", O_RDONLY);
	CHECK("... and so does a descriptor opened again", rfd >= 0 &&
	    last_stores(rfd, NULL));
	if (rfd >= 0)
		close(rfd);
}

static void
test_inherited(void)
{
	ring(INHERITED);
}

static void
test_own_mappings(void)
{
	ring(OWN_MAPPINGS);
}

static void
test_syscall_io(void)
{
	ring(SYSCALL_IO);
}

static void
setup(void)
{
	fs_setup("mmap_threads_test");
}

#define CASES(X) X(inherited) X(own_mappings) X(syscall_io)
TAP_MAIN(CASES, setup, NULL)
