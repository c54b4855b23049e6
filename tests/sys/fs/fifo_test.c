/*
 * fifo_test: named pipes (mkfifo, mknod S_IFIFO) with Linux's semantics.
 * The open rules: O_RDONLY waits for a writer and O_WRONLY for a reader
 * (a forked partner ends the wait; one waiting in open counts as there),
 * O_NONBLOCK opens a reader at once and fails a writer with ENXIO when
 * there is no reader, O_RDWR never waits, and a waiting open is
 * interrupted by a signal (EINTR) or restarted (SA_RESTART).  Then the
 * data: a megabyte through it with a reader draining, PIPE_BUF writes of
 * three writers never interleaved, end of file once the writers are gone,
 * EPIPE and SIGPIPE once the readers are, poll and select, what nobody
 * read gone at the last close, unlink while open, a new FIFO under the
 * old name separate, fstat of the node, ESPIPE and the other calls a
 * FIFO refuses, and /proc/self/fd/N naming it.  Children report through
 * their exit status (0: all held, else the number of the check that
 * failed).
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/param.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <poll.h>
#include <signal.h>
#include <time.h>

#include "fstest.h"

#define BIG		(1024 * 1024)	/* bytes of the large transfer */
#define NWRITERS	3
#define NRECORDS	64

static volatile int hits;

static void
count_signal(int sig)
{
	(void)sig;
	hits++;
}

/* Catch sig with flags (0 or SA_RESTART). */
static void
catch_signal(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_signal;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

/* One SIGALRM after ms milliseconds. */
static void
alarm_ms(int ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Read exactly len bytes (or to end of file); the count read. */
static size_t
read_full(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			break;
		got += n;
	}
	return (got);
}

/* The exit status of child pid, or 100 + the signal that killed it. */
static int
child_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return (-1);
	if (WIFSIGNALED(status))
		return (100 + WTERMSIG(status));
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* A child that waits ms, opens path with flags, and then does what. */
enum partner_do { P_CLOSE, P_WRITE_HI, P_READ_HI };

static pid_t
partner(const char *path, int flags, int ms, enum partner_do what)
{
	char buf[8];
	pid_t pid;
	int fd;

	fflush(stdout);
	pid = fork();
	if (pid != 0)
		return (pid);
	sleep_ms(ms);
	fd = open(path, flags);
	if (fd < 0)
		_exit(1);
	switch (what) {
	case P_CLOSE:
		break;
	case P_WRITE_HI:
		if (write(fd, "hi", 2) != 2)
			_exit(2);
		break;
	case P_READ_HI:
		if (read_full(fd, buf, sizeof(buf)) != 2 ||
		    memcmp(buf, "hi", 2) != 0)
			_exit(3);
		break;
	}
	_exit(0);
}

/* A fresh FIFO "p" (the TAP build runs every case in one directory). */
static int
mkp(mode_t mode)
{
	(void)unlink("p");
	return (mkfifo("p", mode));
}

static void
setup(void)
{
	fs_setup("fifo_test");
	signal(SIGPIPE, SIG_DFL);
}

/* mkfifo and mknod make FIFOs; the non-blocking open rules. */
static void
test_open__nonblock_rules(void)
{
	struct stat sb;
	char buf[4];
	int r, w, rw;

	CHECK("mkfifo makes a FIFO", mkp(0666) == 0 &&
	    stat("p", &sb) == 0 && S_ISFIFO(sb.st_mode) &&
	    (sb.st_mode & 07777) == 0644 && sb.st_size == 0);
	(void)unlink("q");
	CHECK("mknod S_IFIFO makes a FIFO", mknod("q", S_IFIFO | 0600, 0) ==
	    0 && lstat("q", &sb) == 0 && S_ISFIFO(sb.st_mode));
	ERR("O_WRONLY|O_NONBLOCK without a reader", ENXIO,
	    open("p", O_WRONLY | O_NONBLOCK));
	r = open("p", O_RDONLY | O_NONBLOCK);
	CHECK("O_RDONLY|O_NONBLOCK opens at once", r >= 0);
	CHECK("read without a writer: end of file",
	    read(r, buf, sizeof(buf)) == 0);
	w = open("p", O_WRONLY | O_NONBLOCK);
	CHECK("O_WRONLY|O_NONBLOCK with a reader opens", w >= 0);
	ERR("read of an empty FIFO with O_NONBLOCK", EAGAIN,
	    read(r, buf, sizeof(buf)));
	CHECK("written through one open, read through the other",
	    write(w, "abc", 3) == 3 && read(r, buf, sizeof(buf)) == 3 &&
	    memcmp(buf, "abc", 3) == 0);
	ERR("read on the O_WRONLY open", EBADF, read(w, buf, 1));
	ERR("write on the O_RDONLY open", EBADF, write(r, "x", 1));
	close(w);
	close(r);
	rw = open("q", O_RDWR);
	CHECK("O_RDWR opens without a partner", rw >= 0);
	CHECK("O_RDWR reads back what it wrote", write(rw, "xy", 2) == 2 &&
	    read(rw, buf, sizeof(buf)) == 2 && memcmp(buf, "xy", 2) == 0);
	close(rw);
}

/* Blocking opens wait for a forked partner, and only for that long. */
static void
test_open__blocks_for_partner(void)
{
	char buf[8];
	long t0;
	pid_t pid;
	int fd, w;

	mkp(0600);
	/* A reader waits for a writer. */
	pid = partner("p", O_WRONLY, 200, P_WRITE_HI);
	t0 = now_ms();
	fd = open("p", O_RDONLY);
	CHECK("O_RDONLY opens once a writer came", fd >= 0);
	CHECK("... and waited for it", now_ms() - t0 >= 100);
	CHECK("the writer's data, then end of file",
	    read_full(fd, buf, sizeof(buf)) == 2 && memcmp(buf, "hi", 2) == 0 &&
	    read(fd, buf, sizeof(buf)) == 0);
	CHECK("the writer's checks", child_status(pid) == 0);
	close(fd);
	/* A writer waits for a reader. */
	pid = partner("p", O_RDONLY, 200, P_READ_HI);
	t0 = now_ms();
	fd = open("p", O_WRONLY);
	CHECK("O_WRONLY opens once a reader came", fd >= 0);
	CHECK("... and waited for it", now_ms() - t0 >= 100);
	CHECK("written to the reader", write(fd, "hi", 2) == 2);
	close(fd);
	CHECK("the reader's checks", child_status(pid) == 0);
	/*
	 * A reader waiting in open counts as a reader: a non-blocking
	 * writer may open; and a writer that opens and closes at once
	 * still ends the reader's wait (it then reads end of file).
	 */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fd = open("p", O_RDONLY);
		if (fd < 0)
			_exit(1);
		_exit(read(fd, buf, sizeof(buf)) == 0 ? 0 : 2);
	}
	w = -1;
	for (t0 = now_ms(); w < 0 && now_ms() - t0 < 5000; sleep_ms(10))
		w = open("p", O_WRONLY | O_NONBLOCK);
	CHECK("O_WRONLY|O_NONBLOCK opens while a reader waits in open",
	    w >= 0);
	close(w);
	CHECK("the waiting reader opened and read end of file",
	    child_status(pid) == 0);
}

/* A signal interrupts a waiting open: EINTR, or a restart. */
static void
test_open__interrupted_or_restarted(void)
{
	char buf[8];
	pid_t pid;
	int fd;

	mkp(0600);
	hits = 0;
	catch_signal(SIGALRM, 0);
	alarm_ms(100);
	ERR("O_RDONLY waiting, a handler without SA_RESTART", EINTR,
	    open("p", O_RDONLY));
	alarm_ms(100);
	ERR("O_WRONLY waiting, a handler without SA_RESTART", EINTR,
	    open("p", O_WRONLY));
	CHECK("the handler ran twice", hits == 2);
	/* The interrupted opens left nothing behind: still no reader. */
	ERR("O_WRONLY|O_NONBLOCK after them", ENXIO,
	    open("p", O_WRONLY | O_NONBLOCK));
	/* With SA_RESTART the open goes on waiting, and gets its writer. */
	hits = 0;
	catch_signal(SIGALRM, SA_RESTART);
	pid = partner("p", O_WRONLY, 400, P_WRITE_HI);
	alarm_ms(100);
	fd = open("p", O_RDONLY);
	CHECK("O_RDONLY with SA_RESTART opens once the writer came", fd >= 0);
	CHECK("the handler ran", hits == 1);
	CHECK("the writer's data", read_full(fd, buf, sizeof(buf)) == 2 &&
	    memcmp(buf, "hi", 2) == 0);
	CHECK("the writer's checks", child_status(pid) == 0);
	close(fd);
	signal(SIGALRM, SIG_DFL);
}

/* A megabyte through a FIFO (sixteen times its buffer) in odd pieces. */
static void
test_data__more_than_buffer(void)
{
	char *buf;
	size_t i, got, bad = 0;
	pid_t pid;
	int fd;

	mkp(0600);
	buf = malloc(BIG);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		size_t off = 0, len;

		fd = open("p", O_WRONLY);
		if (fd < 0)
			_exit(1);
		for (i = 0; i < BIG; i++)
			buf[i] = (char)(i % 251);
		for (len = 1; off < BIG; len = len * 7 % 30011 + 1) {
			ssize_t n = write(fd, buf + off, MIN(len, BIG - off));

			if (n <= 0)
				_exit(2);
			off += n;
		}
		_exit(0);
	}
	fd = open("p", O_RDONLY);
	CHECK("the reader opens", fd >= 0);
	got = read_full(fd, buf, BIG);
	CHECK("every byte came", got == BIG);
	for (i = 0; i < got; i++)
		if (buf[i] != (char)(i % 251))
			bad++;
	CHECK("in order", bad == 0);
	CHECK("then end of file", read(fd, buf, 1) == 0);
	CHECK("the writer's checks", child_status(pid) == 0);
	close(fd);
	free(buf);
}

/* Writes of PIPE_BUF bytes from three processes are never interleaved. */
static void
test_data__pipe_buf_atomic(void)
{
	static char buf[NWRITERS * NRECORDS * PIPE_BUF];
	char rec[PIPE_BUF];
	int w, r, fd, torn = 0, counts[NWRITERS] = { 0 };
	size_t i;
	pid_t pids[NWRITERS];

	mkp(0600);
	fd = open("p", O_RDWR);		/* the FIFO stays open meanwhile */
	fflush(stdout);
	for (w = 0; w < NWRITERS; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			int wfd = open("p", O_WRONLY);

			memset(rec, 'a' + w, sizeof(rec));
			for (r = 0; r < NRECORDS; r++)
				if (write(wfd, rec, sizeof(rec)) != sizeof(rec))
					_exit(1);
			_exit(0);
		}
	}
	CHECK("every record came", read_full(fd, buf, sizeof(buf)) ==
	    sizeof(buf));
	for (r = 0; r < NWRITERS * NRECORDS; r++) {
		char c = buf[r * PIPE_BUF];

		for (i = 1; i < PIPE_BUF; i++)
			if (buf[r * PIPE_BUF + i] != c)
				torn++;
		if (c >= 'a' && c < 'a' + NWRITERS)
			counts[c - 'a']++;
	}
	CHECK("no record torn", torn == 0);
	for (w = 0; w < NWRITERS; w++)
		CHECK("each writer's records", counts[w] == NRECORDS);
	for (w = 0; w < NWRITERS; w++)
		CHECK("the writer's checks", child_status(pids[w]) == 0);
	close(fd);
}

/* End of file once every writer closed; EPIPE and SIGPIPE once readers. */
static void
test_data__eof_epipe_sigpipe(void)
{
	char buf[8];
	pid_t pid;
	int r, w, w2;

	mkp(0600);
	r = open("p", O_RDONLY | O_NONBLOCK);
	w = open("p", O_WRONLY);
	w2 = open("p", O_WRONLY);
	CHECK("one reader, two writers", r >= 0 && w >= 0 && w2 >= 0);
	write(w, "1", 1);
	close(w);
	CHECK("a writer left: the data, then EAGAIN",
	    read(r, buf, sizeof(buf)) == 1 && read(r, buf, 1) == -1 &&
	    errno == EAGAIN);
	write(w2, "2", 1);
	close(w2);
	CHECK("no writer left: the data, then end of file",
	    read(r, buf, sizeof(buf)) == 1 && buf[0] == '2' &&
	    read(r, buf, sizeof(buf)) == 0);
	close(r);
	/* No reader: SIGPIPE kills, or EPIPE when it is ignored. */
	r = open("p", O_RDONLY | O_NONBLOCK);
	w = open("p", O_WRONLY);
	close(r);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		write(w, "x", 1);
		_exit(0);
	}
	CHECK("a writer without reader dies of SIGPIPE",
	    child_status(pid) == 100 + SIGPIPE);
	signal(SIGPIPE, SIG_IGN);
	ERR("write without reader, SIGPIPE ignored", EPIPE, write(w, "x", 1));
	hits = 0;
	catch_signal(SIGPIPE, 0);
	ERR("write without reader, SIGPIPE caught", EPIPE, write(w, "x", 1));
	CHECK("the SIGPIPE handler ran", hits == 1);
	signal(SIGPIPE, SIG_DFL);
	close(w);
}

/* poll and select on both sides. */
static void
test_poll__readiness(void)
{
	struct pollfd pfd[2];
	struct timeval tv = { 0, 0 };
	fd_set rset;
	char buf[8];
	int r, w;

	mkp(0600);
	r = open("p", O_RDONLY | O_NONBLOCK);
	pfd[0].fd = r;
	pfd[0].events = POLLIN;
	/* No writer yet, but none ever came: no POLLHUP (Linux). */
	CHECK("a new reader without writer: nothing",
	    poll(pfd, 1, 0) == 0 && pfd[0].revents == 0);
	w = open("p", O_WRONLY | O_NONBLOCK);
	pfd[1].fd = w;
	pfd[1].events = POLLOUT;
	CHECK("empty: the writer may write, the reader waits",
	    poll(pfd, 2, 0) == 1 && pfd[0].revents == 0 &&
	    pfd[1].revents == POLLOUT);
	write(w, "abc", 3);
	CHECK("data: POLLIN", poll(pfd, 1, 0) == 1 &&
	    pfd[0].revents == POLLIN);
	FD_ZERO(&rset);
	FD_SET(r, &rset);
	CHECK("data: select says readable",
	    select(r + 1, &rset, NULL, NULL, &tv) == 1 && FD_ISSET(r, &rset));
	close(w);
	CHECK("data, and the writer gone: POLLIN|POLLHUP",
	    poll(pfd, 1, 0) == 1 && pfd[0].revents == (POLLIN | POLLHUP));
	read(r, buf, sizeof(buf));
	CHECK("drained, no writer: POLLHUP", poll(pfd, 1, 0) == 1 &&
	    pfd[0].revents == POLLHUP);
	FD_ZERO(&rset);
	FD_SET(r, &rset);
	CHECK("no writer: select says readable (end of file)",
	    select(r + 1, &rset, NULL, NULL, &tv) == 1);
	/* A writer whose reader went: POLLOUT|POLLERR (Linux's pipes). */
	w = open("p", O_WRONLY | O_NONBLOCK);
	close(r);
	pfd[1].fd = w;
	CHECK("no reader: POLLERR", poll(&pfd[1], 1, 0) == 1 &&
	    pfd[1].revents == (POLLOUT | POLLERR));
	close(w);
}

/* What nobody read goes with the last opener: a new open starts empty. */
static void
test_data__gone_at_last_close(void)
{
	char buf[8];
	int fd, n = -1;

	mkp(0600);
	fd = open("p", O_RDWR);
	CHECK("written, not read", write(fd, "stale", 5) == 5 &&
	    ioctl(fd, FIONREAD, &n) == 0 && n == 5);
	close(fd);
	fd = open("p", O_RDWR | O_NONBLOCK);
	n = -1;
	CHECK("opened again: empty", ioctl(fd, FIONREAD, &n) == 0 && n == 0);
	ERR("opened again: nothing to read", EAGAIN, read(fd, buf, 1));
	close(fd);
}

/* Unlinked while open, it goes on working; a new one is another FIFO. */
static void
test_unlink__while_open(void)
{
	struct stat sb;
	char buf[8];
	int r, w, rw;

	mkp(0600);
	r = open("p", O_RDONLY | O_NONBLOCK);
	w = open("p", O_WRONLY);
	CHECK("unlinked", unlink("p") == 0 && !fs_exists("p"));
	CHECK("still carries data", write(w, "abc", 3) == 3 &&
	    read(r, buf, sizeof(buf)) == 3 && memcmp(buf, "abc", 3) == 0);
	CHECK("fstat: no link", fstat(r, &sb) == 0 && sb.st_nlink == 0 &&
	    S_ISFIFO(sb.st_mode));
	/* A FIFO made under the same name is a new one, with no reader. */
	mkp(0600);
	ERR("the new one has no reader", ENXIO,
	    open("p", O_WRONLY | O_NONBLOCK));
	rw = open("p", O_RDWR | O_NONBLOCK);
	CHECK("and none of the old one's data", write(w, "old", 3) == 3 &&
	    read(rw, buf, sizeof(buf)) == -1 && errno == EAGAIN);
	CHECK("the old one's data is still the old one's",
	    read(r, buf, sizeof(buf)) == 3 && memcmp(buf, "old", 3) == 0);
	close(rw);
	close(w);
	CHECK("the old one: end of file", read(r, buf, sizeof(buf)) == 0);
	close(r);
}

/* fstat shows the node; seeking and the other file calls refused. */
static void
test_fstat__node_and_espipe(void)
{
	struct stat sb, fsb;
	char buf[8];
	void *p;
	int fd;

	mkp(0640);
	fd = open("p", O_RDWR);
	CHECK("fstat: the node's inode, device and mode",
	    stat("p", &sb) == 0 && fstat(fd, &fsb) == 0 &&
	    fsb.st_ino == sb.st_ino && fsb.st_dev == sb.st_dev &&
	    fsb.st_mode == (S_IFIFO | 0640) && fsb.st_size == 0 &&
	    fsb.st_nlink == 1);
	ERR("lseek", ESPIPE, lseek(fd, 0, SEEK_CUR));
	ERR("lseek SEEK_SET", ESPIPE, lseek(fd, 0, SEEK_SET));
	ERR("pread", ESPIPE, pread(fd, buf, 1, 0));
	ERR("pwrite", ESPIPE, pwrite(fd, "x", 1, 0));
	ERR("ftruncate", EINVAL, ftruncate(fd, 0));
	ERR("fsync", EINVAL, fsync(fd));
	ERR("fdatasync", EINVAL, fdatasync(fd));
	errno = 0;
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK("mmap: ENODEV", p == MAP_FAILED && errno == ENODEV);
	CHECK("fchmod works on the node", fchmod(fd, 0600) == 0 &&
	    stat("p", &sb) == 0 && (sb.st_mode & 07777) == 0600);
	close(fd);
}

/* /proc/self/fd/N names the FIFO by its path. */
static void
test_procfs__fd_link(void)
{
	char link[64], want[PATH_MAX + 16], got[PATH_MAX + 16];
	ssize_t n;
	int fd;

	mkp(0600);
	fd = open("p", O_RDWR);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	snprintf(want, sizeof(want), "%s/p", fs_scratch);
	n = readlink(link, got, sizeof(got) - 1);
	if (n >= 0)
		got[n] = '\0';
	CHECK("/proc/self/fd/N: the FIFO's path", n >= 0 &&
	    strcmp(got, want) == 0);
	unlink("p");
	strcat(want, " (deleted)");
	n = readlink(link, got, sizeof(got) - 1);
	if (n >= 0)
		got[n] = '\0';
	CHECK("after unlink: the path (deleted)", n >= 0 &&
	    strcmp(got, want) == 0);
	close(fd);
}

#define CASES(X) X(open__nonblock_rules) X(open__blocks_for_partner) \
	X(open__interrupted_or_restarted) X(data__more_than_buffer) \
	X(data__pipe_buf_atomic) X(data__eof_epipe_sigpipe) \
	X(poll__readiness) X(data__gone_at_last_close) \
	X(unlink__while_open) X(fstat__node_and_espipe) X(procfs__fd_link)

TAP_MAIN(CASES, setup, NULL)
