/*
 * pipe.h: pipes (sys/kern/sys_pipe.c; share/doc/devices-and-tty.md).
 *
 * A pipe is one ring buffer of PIPE_SIZE bytes with a read end and a
 * write end, each an open file (DTYPE_PIPE) whose f_data is the pipe;
 * FREAD in f_flag marks the read end.  Linux's semantics: a read returns
 * what is there (waiting only while the pipe is empty and has a writer);
 * a write of at most PIPE_BUF bytes is atomic; writing with no reader
 * raises SIGPIPE and fails with EPIPE.
 *
 * A named pipe (FIFO) is the same struct pipe, hung on the FIFO's vnode
 * while anybody has it open (sys/fs/fifofs/fifo_vnops.c): each open
 * counts as a reader, a writer, or both (O_RDWR), and its open file is
 * DTYPE_FIFO with f_data the pipe and f_vnode the FIFO.
 *
 * Lock legend:
 *	(m) pipe_mtx
 *	(l) the I/O lock (PIPE_LOCKFL, taken under pipe_mtx): one read or
 *	    write at a time moves data, with pipe_mtx dropped across the
 *	    copy (uiomove may fault and sleep)
 *	(c) constant after creation
 */
#ifndef _SYS_PIPE_H_
#define _SYS_PIPE_H_

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/selinfo.h>
#include <sys/time.h>

#define PIPE_SIZE	65536	/* bytes a pipe holds (Linux's default) */
#define PIPE_BUF	4096	/* writes up to this size are atomic */

/*
 * The ring: pb_cnt bytes from pb_out (wrapping at pb_size) are data;
 * the rest is free space starting at pb_in.  Invariant:
 * pb_in == (pb_out + pb_cnt) % pb_size.
 */
struct pipebuf {
	char		*pb_buf;	/* (c) pb_size bytes */
	u_int		pb_size;	/* (c) */
	u_int		pb_in;		/* (m,l) next byte to write */
	u_int		pb_out;		/* (m,l) next byte to read */
	u_int		pb_cnt;		/* (m) bytes held */
};

struct pipe {
	struct mtx	pipe_mtx;
	struct pipebuf	pipe_buffer;
	u_int		pipe_state;	/* (m) PIPE_* */
	u_int		pipe_readers;	/* (m) open files that read it */
	u_int		pipe_writers;	/* (m) open files that write it */
	u_int		pipe_rgen;	/* (m) opens for reading so far */
	u_int		pipe_wgen;	/* (m) opens for writing so far */
	ino_t		pipe_ino;	/* (c) st_ino */
	dev_t		pipe_dev;	/* (c) st_dev */
	uid_t		pipe_uid;	/* (c) the creator's, for fstat */
	gid_t		pipe_gid;	/* (c) */
	struct timespec	pipe_ctime;	/* (c) */
	struct selinfo	pipe_sel;	/* (m) its pollers */
};

/* pipe_state */
#define PIPE_LOCKFL	0x0001	/* the I/O lock is held */
#define PIPE_LWANT	0x0002	/* someone waits for the I/O lock */
#define PIPE_WANTR	0x0004	/* a reader waits for data */
#define PIPE_WANTW	0x0008	/* a writer waits for room */

#ifdef _KERNEL
/* The ring's arithmetic (pure; the caller holds what protects pb). */
void	pipebuf_init(struct pipebuf *pb, char *buf, u_int size);
u_int	pipebuf_rspan(const struct pipebuf *pb);  /* contiguous data */
u_int	pipebuf_wspan(const struct pipebuf *pb);  /* contiguous room */
void	pipebuf_consumed(struct pipebuf *pb, u_int n);
void	pipebuf_produced(struct pipebuf *pb, u_int n);
void	pipebuf_check(const struct pipebuf *pb);   /* KASSERTs */

struct file;
struct thread;
/*
 * pipe_files: a new pipe as two open files (read end, write end), each
 * with one reference and not installed; flags O_NONBLOCK.  kern_pipe is
 * this plus two descriptors.
 */
int	pipe_files(struct thread *td, int flags, struct file **rfpp,
	    struct file **wfpp);

struct ucred;
/* pipe_alloc: a new pipe with no reader and no writer (a FIFO's). */
struct pipe *pipe_alloc(struct ucred *cred);
/*
 * pipe_release: one reader (FREAD in fflag), writer (FWRITE) or both
 * less; wakes whom that concerns.  pipe_mtx held.  True when nobody is
 * left: the caller then frees the pipe (pipe_free, pipe_mtx not held).
 */
bool	pipe_release(struct pipe *cpipe, int fflag);
void	pipe_free(struct pipe *cpipe);

/* The file operations of pipe ends and open FIFOs (DTYPE_FIFO). */
extern const struct fileops pipeops;
#endif

#endif /* !_SYS_PIPE_H_ */
