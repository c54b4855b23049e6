/*
 * sys_pipe_test.c: in-kernel tests of pipes: the ring's arithmetic
 * against a model, and the file operations on pipe ends made with
 * pipe_files (no descriptors: the tests run on thread0).  The user-level
 * semantics (fork, SIGPIPE, EINTR) are tests/sys/kern/pipe_test.c.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filio.h>
#include <sys/ktest.h>
#include <sys/kthread.h>
#include <sys/malloc.h>
#include <sys/pipe.h>
#include <sys/poll.h>
#include <sys/proc.h>
#include <sys/sleepqueue.h>
#include <sys/stat.h>
#include <sys/uio.h>

/* Read or write len bytes of buf through fp; bytes moved in *donep. */
static int
kio(struct file *fp, enum uio_rw rw, void *buf, size_t len, size_t *donep)
{
	struct iovec iov = { buf, len };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = len,
		.uio_segflg = UIO_SYSSPACE, .uio_rw = rw, .uio_td = curthread,
	};
	int error;

	error = rw == UIO_READ ? fo_read(fp, &uio, 0, curthread) :
	    fo_write(fp, &uio, 0, curthread);
	*donep = len - uio.uio_resid;
	return (error);
}

/* Spans at the edges of a small ring, and the reset when it empties. */
KTEST(pipe, ring_spans)
{
	char buf[8];
	struct pipebuf pb;

	pipebuf_init(&pb, buf, sizeof(buf));
	KT_EXPECT_EQ(kt, pipebuf_rspan(&pb), 0);
	KT_EXPECT_EQ(kt, pipebuf_wspan(&pb), 8);
	pipebuf_produced(&pb, 6);
	KT_EXPECT_EQ(kt, pipebuf_rspan(&pb), 6);
	KT_EXPECT_EQ(kt, pipebuf_wspan(&pb), 2);
	pipebuf_consumed(&pb, 5);
	KT_EXPECT_EQ(kt, pipebuf_rspan(&pb), 1);
	KT_EXPECT_EQ(kt, pipebuf_wspan(&pb), 2);	/* up to the end */
	pipebuf_produced(&pb, 2);
	KT_EXPECT_EQ(kt, pb.pb_in, 0);
	KT_EXPECT_EQ(kt, pipebuf_wspan(&pb), 5);	/* wrapped */
	pipebuf_produced(&pb, 5);
	KT_EXPECT_EQ(kt, pb.pb_cnt, 8);
	KT_EXPECT_EQ(kt, pipebuf_wspan(&pb), 0);
	KT_EXPECT_EQ(kt, pipebuf_rspan(&pb), 3);	/* 5..7 */
	pipebuf_consumed(&pb, 3);
	KT_EXPECT_EQ(kt, pipebuf_rspan(&pb), 5);	/* 0..4 */
	pipebuf_consumed(&pb, 5);
	KT_EXPECT_EQ(kt, pb.pb_in, 0);			/* empty: reset */
	KT_EXPECT_EQ(kt, pb.pb_out, 0);
	KT_EXPECT_EQ(kt, pipebuf_wspan(&pb), 8);
}

/* Random transfers through a 61-byte ring carry a byte stream intact. */
KTEST(pipe, ring_random_stream)
{
	char ring[61];
	struct pipebuf pb;
	uint32_t x = 12345;
	u_int wseq = 0, rseq = 0, n, i, want;
	int round;

	pipebuf_init(&pb, ring, sizeof(ring));
	for (round = 0; round < 20000; round++) {
		x = x * 1103515245 + 12345;
		want = (x >> 16) % 40;
		if ((x >> 8) & 1) {
			while (want > 0 && pipebuf_wspan(&pb) > 0) {
				n = MIN(want, pipebuf_wspan(&pb));
				for (i = 0; i < n; i++)
					pb.pb_buf[pb.pb_in + i] = (char)wseq++;
				pipebuf_produced(&pb, n);
				want -= n;
			}
		} else {
			while (want > 0 && pipebuf_rspan(&pb) > 0) {
				n = MIN(want, pipebuf_rspan(&pb));
				for (i = 0; i < n; i++)
					if (pb.pb_buf[pb.pb_out + i] !=
					    (char)rseq++)
						KT_ASSERT(kt, false);
				pipebuf_consumed(&pb, n);
				want -= n;
			}
		}
		KT_ASSERT_EQ(kt, wseq - rseq, pb.pb_cnt);
	}
	KT_EXPECT(kt, wseq > 10000);
}

/* Data through the file operations; FIONREAD; EOF; poll; stat. */
KTEST(pipe, read_write_eof)
{
	struct file *rf, *wf;
	struct stat sb;
	char out[100], in[200];
	size_t done;
	int n, i;

	KT_ASSERT_EQ(kt, pipe_files(curthread, 0, &rf, &wf), 0);
	for (i = 0; i < (int)sizeof(out); i++)
		out[i] = (char)i;
	KT_EXPECT_EQ(kt, fo_poll(rf, POLLIN, curthread), 0);
	KT_EXPECT_EQ(kt, fo_poll(wf, POLLOUT, curthread), POLLOUT);
	KT_EXPECT_EQ(kt, kio(wf, UIO_WRITE, out, sizeof(out), &done), 0);
	KT_EXPECT_EQ(kt, done, sizeof(out));
	KT_EXPECT_EQ(kt, fo_ioctl(rf, FIONREAD, &n, curthread), 0);
	KT_EXPECT_EQ(kt, n, 100);
	KT_EXPECT_EQ(kt, fo_poll(rf, POLLIN, curthread), POLLIN);
	/* A read returns what is there without waiting for more. */
	KT_EXPECT_EQ(kt, kio(rf, UIO_READ, in, sizeof(in), &done), 0);
	KT_EXPECT_EQ(kt, done, 100);
	KT_EXPECT(kt, memcmp(in, out, 100) == 0);
	/* Wrong ends. */
	KT_EXPECT_EQ(kt, fo_stat(rf, &sb, curthread), 0);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFIFO | 0600);
	KT_EXPECT_EQ(kt, sb.st_size, 0);
	KT_EXPECT_EQ(kt, fo_ioctl(rf, 0x1234, &n, curthread), ENOTTY);
	/* No writer: end of file, and POLLHUP. */
	(void)fdrop(wf, curthread);
	KT_EXPECT_EQ(kt, kio(rf, UIO_READ, in, sizeof(in), &done), 0);
	KT_EXPECT_EQ(kt, done, 0);
	KT_EXPECT_EQ(kt, fo_poll(rf, POLLIN, curthread) & POLLHUP, POLLHUP);
	(void)fdrop(rf, curthread);
}

/* No reader: EPIPE (and no signal to a kernel thread); zero-byte write. */
KTEST(pipe, epipe)
{
	struct file *rf, *wf;
	char c = 'x';
	size_t done;

	KT_ASSERT_EQ(kt, pipe_files(curthread, 0, &rf, &wf), 0);
	(void)fdrop(rf, curthread);
	KT_EXPECT_EQ(kt, kio(wf, UIO_WRITE, &c, 0, &done), 0);
	KT_EXPECT_EQ(kt, kio(wf, UIO_WRITE, &c, 1, &done), EPIPE);
	KT_EXPECT_EQ(kt, done, 0);
	KT_EXPECT_EQ(kt, fo_poll(wf, POLLOUT, curthread), POLLOUT | POLLERR);
	(void)fdrop(wf, curthread);
}

/* O_NONBLOCK: EAGAIN when empty, partial then EAGAIN when full. */
KTEST(pipe, nonblock)
{
	struct file *rf, *wf;
	char *buf;
	size_t done;

	buf = malloc(PIPE_SIZE + 1000, M_TEMP, M_WAITOK | M_ZERO);
	KT_ASSERT_EQ(kt, pipe_files(curthread, O_NONBLOCK, &rf, &wf), 0);
	KT_EXPECT_EQ(kt, kio(rf, UIO_READ, buf, 10, &done), EAGAIN);
	KT_EXPECT_EQ(kt, kio(wf, UIO_WRITE, buf, PIPE_SIZE - 100, &done), 0);
	KT_EXPECT_EQ(kt, done, PIPE_SIZE - 100);
	/* A small write that does not fit whole writes nothing. */
	KT_EXPECT_EQ(kt, kio(wf, UIO_WRITE, buf, 200, &done), EAGAIN);
	KT_EXPECT_EQ(kt, done, 0);
	KT_EXPECT_EQ(kt, fo_poll(wf, POLLOUT, curthread), 0);
	/* A large one writes what fits. */
	KT_EXPECT_EQ(kt, kio(wf, UIO_WRITE, buf, PIPE_BUF + 1, &done), EAGAIN);
	KT_EXPECT_EQ(kt, done, 100);
	KT_EXPECT_EQ(kt, kio(wf, UIO_WRITE, buf, PIPE_BUF + 1, &done), EAGAIN);
	KT_EXPECT_EQ(kt, done, 0);
	KT_EXPECT_EQ(kt, kio(rf, UIO_READ, buf, PIPE_SIZE + 1000, &done), 0);
	KT_EXPECT_EQ(kt, done, PIPE_SIZE);
	(void)fdrop(rf, curthread);
	(void)fdrop(wf, curthread);
	free(buf, M_TEMP);
}

static struct file *pt_rf;
static volatile size_t pt_got;
static volatile int pt_done;

/* A reader thread: reads until end of file, counting and checking. */
static void
pipe_reader_thread(void *arg)
{
	char buf[1000];
	size_t done, i;
	u_int seq = 0;

	for (;;) {
		if (kio(pt_rf, UIO_READ, buf, sizeof(buf), &done) != 0 ||
		    done == 0)
			break;
		for (i = 0; i < done; i++)
			if (buf[i] != (char)(seq++ % 251))
				pt_got = (size_t)-1;
		if (pt_got != (size_t)-1)
			pt_got += done;
	}
	pt_done = 1;
	wakeup(__DEVOLATILE(void *, &pt_done));
	kthread_exit();
}

/* A blocking writer and a blocking reader pass 1 MiB through the ring. */
KTEST(pipe, blocking_stream)
{
	struct file *wf;
	char *buf;
	size_t done, i, total = 0;
	u_int seq = 0;
	int n;

	buf = malloc(20000, M_TEMP, M_WAITOK);
	KT_ASSERT_EQ(kt, pipe_files(curthread, 0, &pt_rf, &wf), 0);
	pt_got = 0;
	pt_done = 0;
	KT_ASSERT_EQ(kt, kthread_add(pipe_reader_thread, NULL, NULL,
	    PRI_KERN, "ktpiperd"), 0);
	for (n = 0; total < 1024 * 1024; n++) {
		size_t len = 1 + (n * 7919) % 20000;

		for (i = 0; i < len; i++)
			buf[i] = (char)(seq++ % 251);
		KT_ASSERT_EQ(kt, kio(wf, UIO_WRITE, buf, len, &done), 0);
		KT_ASSERT_EQ(kt, done, len);
		total += len;
	}
	(void)fdrop(wf, curthread);
	while (!pt_done)
		(void)tsleep(__DEVOLATILE(void *, &pt_done), 0, "ktpipe", 10);
	KT_EXPECT_EQ(kt, pt_got, total);
	(void)fdrop(pt_rf, curthread);
	free(buf, M_TEMP);
}
