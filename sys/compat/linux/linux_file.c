/*
 * linux_file.c: the Linux x86-64 file system calls.  Each copies its
 * arguments in, translates Linux's values to Umbra's (open flags, *at
 * flags, fcntl commands, rename flags, mount flags), calls the kernel's
 * kern_*() function (sys/sys/syscallsubr.h) and translates the result
 * back (struct stat, statx, statfs, F_GETFL's flags).
 *
 * Paths stay in user space: namei copies them (EFAULT for a bad
 * pointer, ENAMETOOLONG past MAXPATHLEN).  Flags Linux refuses are
 * refused here with Linux's errno before the kern_*() call, so the
 * order of checks is Linux's where a test can see it:
 *	open	ignores unknown bits (only openat2 checks); O_CREAT with
 *		O_DIRECTORY is EINVAL (Linux 6.4); O_TMPFILE is EOPNOTSUPP
 *		(no file system here supports it), EINVAL when malformed
 *	*at	unknown AT_* bits are EINVAL
 *	dup3	EINVAL for flags other than O_CLOEXEC and for oldfd == newfd
 *	fcntl	F_DUPFD past RLIMIT_NOFILE is EINVAL; unknown commands and
 *		record locks (the userland issue's) are EINVAL
 *	statx	both AT_STATX_FORCE_SYNC and _DONT_SYNC, or STATX__RESERVED
 *		in the mask, are EINVAL; the mask asked for is otherwise
 *		ignored: the basic stats are always filled, as Linux does
 *
 * Stubs, each noted where it stands: record locks, MS_REMOUNT/BIND/MOVE.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/time.h>
#include <sys/uio.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

CTASSERT(sizeof(struct l_stat) == 144);
CTASSERT(sizeof(struct l_statx) == 256);
CTASSERT(sizeof(struct l_statfs) == 120);

#define UPATH(p)	((const char *)(p))

/* --- flag translation ---------------------------------------------------- */

/* Linux's open flags to Umbra's, for every bit both have. */
static int
linux_to_oflags(int lflags)
{
	int flags = lflags & LINUX_O_ACCMODE;

	if (lflags & LINUX_O_CREAT)
		flags |= O_CREAT;
	if (lflags & LINUX_O_EXCL)
		flags |= O_EXCL;
	if (lflags & LINUX_O_NOCTTY)
		flags |= O_NOCTTY;
	if (lflags & LINUX_O_TRUNC)
		flags |= O_TRUNC;
	if (lflags & LINUX_O_APPEND)
		flags |= O_APPEND;
	if (lflags & LINUX_O_NONBLOCK)
		flags |= O_NONBLOCK;
	if (lflags & LINUX___O_SYNC)
		flags |= O_SYNC;
	else if (lflags & LINUX_O_DSYNC)
		flags |= O_DSYNC;
	if (lflags & LINUX_O_DIRECT)
		flags |= O_DIRECT;
	if (lflags & LINUX_O_DIRECTORY)
		flags |= O_DIRECTORY;
	if (lflags & LINUX_O_NOFOLLOW)
		flags |= O_NOFOLLOW;
	if (lflags & LINUX_O_NOATIME)
		flags |= O_NOATIME;
	if (lflags & LINUX_O_CLOEXEC)
		flags |= O_CLOEXEC;
	if (lflags & LINUX_O_PATH)
		flags |= O_PATH;
	return (flags);
}

/* Umbra's open flags to Linux's (F_GETFL); O_LARGEFILE always (x86-64). */
static int
oflags_to_linux(int flags)
{
	int lflags = (flags & O_ACCMODE) | LINUX_O_LARGEFILE;

	if (flags & O_APPEND)
		lflags |= LINUX_O_APPEND;
	if (flags & O_NONBLOCK)
		lflags |= LINUX_O_NONBLOCK;
	if (flags & O_SYNC)
		lflags |= LINUX___O_SYNC | LINUX_O_DSYNC;
	if (flags & O_DSYNC)
		lflags |= LINUX_O_DSYNC;
	if (flags & O_DIRECT)
		lflags |= LINUX_O_DIRECT;
	if (flags & O_DIRECTORY)
		lflags |= LINUX_O_DIRECTORY;
	if (flags & O_NOFOLLOW)
		lflags |= LINUX_O_NOFOLLOW;
	if (flags & O_NOATIME)
		lflags |= LINUX_O_NOATIME;
	if (flags & O_PATH)
		lflags = LINUX_O_PATH | (lflags & ~LINUX_O_ACCMODE);
	return (lflags);
}

/*
 * Linux's *at flags to Umbra's; EINVAL if lflags has a bit outside
 * allowed (Linux's values).  AT_EACCESS shares AT_REMOVEDIR's bit: the
 * caller says which it means by what it allows.
 */
static int
linux_to_atflags(int lflags, int allowed, bool eaccess, int *flagsp)
{
	int flags = 0;

	if (lflags & ~allowed)
		return (EINVAL);
	if (lflags & LINUX_AT_SYMLINK_NOFOLLOW)
		flags |= AT_SYMLINK_NOFOLLOW;
	if (lflags & LINUX_AT_REMOVEDIR)
		flags |= eaccess ? AT_EACCESS : AT_REMOVEDIR;
	if (lflags & LINUX_AT_SYMLINK_FOLLOW)
		flags |= AT_SYMLINK_FOLLOW;
	if (lflags & LINUX_AT_EMPTY_PATH)
		flags |= AT_EMPTY_PATH;
	/* AT_NO_AUTOMOUNT and AT_STATX_*: nothing to do here. */
	*flagsp = flags;
	return (0);
}

/* --- open, close --------------------------------------------------------- */

static int
linux_do_open(struct thread *td, int dfd, uint64_t path, int lflags,
    int mode)
{
	if (lflags & LINUX___O_TMPFILE) {
		/* O_TMPFILE is __O_TMPFILE | O_DIRECTORY, without O_CREAT. */
		if ((lflags & (LINUX_O_DIRECTORY | LINUX_O_CREAT)) !=
		    LINUX_O_DIRECTORY ||
		    (lflags & LINUX_O_ACCMODE) == 0)
			return (EINVAL);
		return (EOPNOTSUPP);
	}
	if ((lflags & (LINUX_O_CREAT | LINUX_O_DIRECTORY)) ==
	    (LINUX_O_CREAT | LINUX_O_DIRECTORY))
		return (EINVAL);
	return (kern_openat(td, dfd, UPATH(path), UIO_USERSPACE,
	    linux_to_oflags(lflags), mode));
}

int
linux_open(struct thread *td, struct linux_open_args *args)
{
	return (linux_do_open(td, AT_FDCWD, args->path, args->flags,
	    args->mode));
}

int
linux_openat(struct thread *td, struct linux_openat_args *args)
{
	return (linux_do_open(td, args->dfd, args->path, args->flags,
	    args->mode));
}

/* creat: open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
int
linux_creat(struct thread *td, struct linux_creat_args *args)
{
	return (linux_do_open(td, AT_FDCWD, args->path,
	    LINUX_O_CREAT | LINUX_O_WRONLY | LINUX_O_TRUNC, args->mode));
}

int
linux_close(struct thread *td, struct linux_fd_args *args)
{
	return (kern_close(td, args->fd));
}

/* --- read, write --------------------------------------------------------- */

/* A uio over one user buffer. */
static void
linux_uio1(struct thread *td, struct uio *uio, struct iovec *iov,
    uint64_t buf, uint64_t count, enum uio_rw rw)
{
	iov->iov_base = (void *)buf;
	iov->iov_len = count;
	uio->uio_iov = iov;
	uio->uio_iovcnt = 1;
	uio->uio_offset = 0;
	uio->uio_resid = (ssize_t)count;
	uio->uio_segflg = UIO_USERSPACE;
	uio->uio_rw = rw;
	uio->uio_td = td;
}

/*
 * Read (UIO_READ) or write through fd, at offset when positioned (pread,
 * pwrite, preadv, pwritev), else at the file's offset.
 */
static int
linux_rw(struct thread *td, int fd, struct uio *uio, bool positioned,
    off_t offset)
{
	if (uio->uio_rw == UIO_READ)
		return (positioned ? kern_preadv(td, fd, uio, offset) :
		    kern_readv(td, fd, uio));
	return (positioned ? kern_pwritev(td, fd, uio, offset) :
	    kern_writev(td, fd, uio));
}

static int
linux_rw1(struct thread *td, int fd, uint64_t buf, uint64_t count,
    enum uio_rw rw, bool positioned, off_t offset)
{
	struct iovec iov;
	struct uio uio;

	if ((int64_t)count < 0)
		return (EINVAL);
	linux_uio1(td, &uio, &iov, buf, count, rw);
	return (linux_rw(td, fd, &uio, positioned, offset));
}

int
linux_read(struct thread *td, struct linux_rw_args *args)
{
	return (linux_rw1(td, args->fd, args->buf, args->count, UIO_READ,
	    false, 0));
}

int
linux_write(struct thread *td, struct linux_rw_args *args)
{
	return (linux_rw1(td, args->fd, args->buf, args->count, UIO_WRITE,
	    false, 0));
}

int
linux_pread64(struct thread *td, struct linux_pread_args *args)
{
	return (linux_rw1(td, args->fd, args->buf, args->count, UIO_READ,
	    true, args->pos));
}

/* sendfile(2): the offset, when given, is read and written back here. */
int
linux_sendfile(struct thread *td, struct linux_sendfile_args *args)
{
	off_t off;
	int error;

	if (args->offset == 0)
		return (kern_sendfile(td, args->out_fd, args->in_fd, NULL,
		    args->count));
	error = copyin((void *)args->offset, &off, sizeof(off));
	if (error != 0)
		return (error);
	error = kern_sendfile(td, args->out_fd, args->in_fd, &off,
	    args->count);
	if (error == 0)
		error = copyout(&off, (void *)args->offset, sizeof(off));
	return (error);
}

int
linux_pwrite64(struct thread *td, struct linux_pread_args *args)
{
	return (linux_rw1(td, args->fd, args->buf, args->count, UIO_WRITE,
	    true, args->pos));
}

/*
 * readv, writev, preadv, pwritev: Linux's struct iovec has Umbra's
 * layout.  EINVAL for a negative count or a total past SSIZE_MAX.
 */
static int
linux_rwv(struct thread *td, int fd, uint64_t uiov, int iovcnt,
    enum uio_rw rw, bool positioned, off_t offset)
{
	struct iovec iov[16], *iovp;
	struct uio uio;
	size_t size;
	ssize_t total = 0;
	int error, i;

	if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
		return (EINVAL);
	size = (size_t)iovcnt * sizeof(struct iovec);
	iovp = iovcnt <= (int)nitems(iov) ? iov :
	    malloc(size, M_TEMP, M_WAITOK);
	error = copyin((const void *)uiov, iovp, size);
	for (i = 0; error == 0 && i < iovcnt; i++) {
		if ((ssize_t)iovp[i].iov_len < 0 ||
		    (ssize_t)iovp[i].iov_len > INT64_MAX - total)
			error = EINVAL;
		else
			total += iovp[i].iov_len;
	}
	if (error == 0) {
		uio.uio_iov = iovp;
		uio.uio_iovcnt = iovcnt;
		uio.uio_offset = 0;
		uio.uio_resid = total;
		uio.uio_segflg = UIO_USERSPACE;
		uio.uio_rw = rw;
		uio.uio_td = td;
		error = linux_rw(td, fd, &uio, positioned, offset);
	}
	if (iovp != iov)
		free(iovp, M_TEMP);
	return (error);
}

int
linux_readv(struct thread *td, struct linux_rwv_args *args)
{
	return (linux_rwv(td, args->fd, args->iovp, args->iovcnt, UIO_READ,
	    false, 0));
}

int
linux_writev(struct thread *td, struct linux_rwv_args *args)
{
	return (linux_rwv(td, args->fd, args->iovp, args->iovcnt, UIO_WRITE,
	    false, 0));
}

/*
 * preadv, pwritev: the offset comes as two longs, low and high, for
 * 32-bit callers; on x86-64 the low one holds all of it (Linux shifts
 * the high one out entirely: pos_from_hilo).
 */
int
linux_preadv(struct thread *td, struct linux_prwv_args *args)
{
	return (linux_rwv(td, args->fd, args->iovp, args->iovcnt, UIO_READ,
	    true, (off_t)args->pos_l));
}

int
linux_pwritev(struct thread *td, struct linux_prwv_args *args)
{
	return (linux_rwv(td, args->fd, args->iovp, args->iovcnt, UIO_WRITE,
	    true, (off_t)args->pos_l));
}

/* lseek: SEEK_SET .. SEEK_HOLE have Linux's values; others EINVAL. */
int
linux_lseek(struct thread *td, struct linux_lseek_args *args)
{
	if (args->whence > SEEK_HOLE)
		return (EINVAL);
	return (kern_lseek(td, args->fd, args->offset, (int)args->whence));
}

/* --- stat ---------------------------------------------------------------- */

/* Linux's (and glibc's) dev_t encoding: 12+20 bits of major, 8+24 of minor. */
static uint32_t
linux_major(uint64_t dev)
{
	return (((dev >> 8) & 0xfff) | ((dev >> 32) & 0xfffff000));
}

static uint32_t
linux_minor(uint64_t dev)
{
	return ((dev & 0xff) | ((dev >> 12) & 0xffffff00));
}

static int
linux_copyout_stat(const struct stat *sb, uint64_t ubuf)
{
	struct l_stat ls;

	memset(&ls, 0, sizeof(ls));
	ls.st_dev = sb->st_dev;
	ls.st_ino = sb->st_ino;
	ls.st_nlink = sb->st_nlink;
	ls.st_mode = sb->st_mode;
	ls.st_uid = sb->st_uid;
	ls.st_gid = sb->st_gid;
	ls.st_rdev = sb->st_rdev;
	ls.st_size = sb->st_size;
	ls.st_blksize = sb->st_blksize;
	ls.st_blocks = sb->st_blocks;
	ls.st_atime_sec = sb->st_atim.tv_sec;
	ls.st_atime_nsec = sb->st_atim.tv_nsec;
	ls.st_mtime_sec = sb->st_mtim.tv_sec;
	ls.st_mtime_nsec = sb->st_mtim.tv_nsec;
	ls.st_ctime_sec = sb->st_ctim.tv_sec;
	ls.st_ctime_nsec = sb->st_ctim.tv_nsec;
	return (copyout(&ls, (void *)ubuf, sizeof(ls)));
}

/*
 * The stat of path (flags Umbra's).  With AT_EMPTY_PATH, "" (or, since
 * Linux 6.11, a NULL path) is dfd itself, whatever it is open on (glibc's
 * fstat is fstatat(fd, "", AT_EMPTY_PATH)), or the current directory.
 */
static int
linux_statat(struct thread *td, int dfd, uint64_t path, int flags,
    struct stat *sbp)
{
	char c = '\0';
	int error;

	if (flags & AT_EMPTY_PATH) {
		if (path != 0) {
			error = copyin((const void *)path, &c, 1);
			if (error != 0)
				return (error);
		}
		if (c == '\0' && dfd != AT_FDCWD)
			return (kern_fstat(td, dfd, sbp));
		if (c == '\0')
			return (kern_statat(td, flags, dfd, "", UIO_SYSSPACE,
			    sbp));
	}
	return (kern_statat(td, flags, dfd, UPATH(path), UIO_USERSPACE, sbp));
}

/* stat, lstat, newfstatat: one lookup, flags already Umbra's. */
static int
linux_do_stat(struct thread *td, int dfd, uint64_t path, int flags,
    uint64_t statbuf)
{
	struct stat sb;
	int error;

	error = linux_statat(td, dfd, path, flags, &sb);
	if (error == 0)
		error = linux_copyout_stat(&sb, statbuf);
	return (error);
}

int
linux_newstat(struct thread *td, struct linux_stat_args *args)
{
	return (linux_do_stat(td, AT_FDCWD, args->path, 0, args->statbuf));
}

int
linux_newlstat(struct thread *td, struct linux_stat_args *args)
{
	return (linux_do_stat(td, AT_FDCWD, args->path, AT_SYMLINK_NOFOLLOW,
	    args->statbuf));
}

int
linux_newfstat(struct thread *td, struct linux_newfstat_args *args)
{
	struct stat sb;
	int error;

	error = kern_fstat(td, args->fd, &sb);
	if (error == 0)
		error = linux_copyout_stat(&sb, args->statbuf);
	return (error);
}

int
linux_newfstatat(struct thread *td, struct linux_newfstatat_args *args)
{
	int error, flags;

	error = linux_to_atflags(args->flag, LINUX_AT_SYMLINK_NOFOLLOW |
	    LINUX_AT_NO_AUTOMOUNT | LINUX_AT_EMPTY_PATH, false, &flags);
	if (error != 0)
		return (error);
	return (linux_do_stat(td, args->dfd, args->pathname, flags,
	    args->statbuf));
}

static void
linux_statx_time(struct l_statx_timestamp *lt, const struct timespec *ts)
{
	lt->tv_sec = ts->tv_sec;
	lt->tv_nsec = (uint32_t)ts->tv_nsec;
}

int
linux_statx(struct thread *td, struct linux_statx_args *args)
{
	struct l_statx lsx;
	struct stat sb;
	int error, flags;

	if ((args->flags & LINUX_AT_STATX_SYNC_TYPE) ==
	    LINUX_AT_STATX_SYNC_TYPE || (args->mask & LINUX_STATX__RESERVED))
		return (EINVAL);
	error = linux_to_atflags(args->flags, LINUX_AT_SYMLINK_NOFOLLOW |
	    LINUX_AT_NO_AUTOMOUNT | LINUX_AT_EMPTY_PATH |
	    LINUX_AT_STATX_SYNC_TYPE, false, &flags);
	if (error != 0)
		return (error);
	error = linux_statat(td, args->dfd, args->path, flags, &sb);
	if (error != 0)
		return (error);
	memset(&lsx, 0, sizeof(lsx));
	lsx.stx_mask = LINUX_STATX_BASIC_STATS;
	lsx.stx_blksize = sb.st_blksize;
	lsx.stx_nlink = sb.st_nlink;
	lsx.stx_uid = sb.st_uid;
	lsx.stx_gid = sb.st_gid;
	lsx.stx_mode = (uint16_t)sb.st_mode;
	lsx.stx_ino = sb.st_ino;
	lsx.stx_size = sb.st_size;
	lsx.stx_blocks = sb.st_blocks;
	linux_statx_time(&lsx.stx_atime, &sb.st_atim);
	linux_statx_time(&lsx.stx_ctime, &sb.st_ctim);
	linux_statx_time(&lsx.stx_mtime, &sb.st_mtim);
	lsx.stx_rdev_major = linux_major(sb.st_rdev);
	lsx.stx_rdev_minor = linux_minor(sb.st_rdev);
	lsx.stx_dev_major = linux_major(sb.st_dev);
	lsx.stx_dev_minor = linux_minor(sb.st_dev);
	return (copyout(&lsx, (void *)args->buf, sizeof(lsx)));
}

/* access, faccessat: no flags; faccessat2 takes AT_EACCESS and others. */
int
linux_access(struct thread *td, struct linux_access_args *args)
{
	return (kern_faccessat(td, AT_FDCWD, UPATH(args->path),
	    UIO_USERSPACE, 0, args->mode));
}

int
linux_faccessat(struct thread *td, struct linux_faccessat_args *args)
{
	return (kern_faccessat(td, args->dfd, UPATH(args->path),
	    UIO_USERSPACE, 0, args->mode));
}

int
linux_faccessat2(struct thread *td, struct linux_faccessat_args *args)
{
	int error, flags;

	error = linux_to_atflags(args->flags, LINUX_AT_EACCESS |
	    LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH, true, &flags);
	if (error != 0)
		return (error);
	return (kern_faccessat(td, args->dfd, UPATH(args->path),
	    UIO_USERSPACE, flags, args->mode));
}

/* --- directories and names ----------------------------------------------- */

int
linux_getdents64(struct thread *td, struct linux_getdents64_args *args)
{
	return (kern_getdents(td, args->fd, args->dirent, args->count));
}

int
linux_mkdir(struct thread *td, struct linux_mkdir_args *args)
{
	return (kern_mkdirat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    args->mode));
}

int
linux_mkdirat(struct thread *td, struct linux_mkdirat_args *args)
{
	return (kern_mkdirat(td, args->dfd, UPATH(args->path), UIO_USERSPACE,
	    args->mode));
}

/* mknod: a directory is EPERM (use mkdir), an unknown type EINVAL. */
static int
linux_do_mknod(struct thread *td, int dfd, uint64_t path, int mode,
    uint32_t dev)
{
	if ((mode & S_IFMT) == S_IFDIR)
		return (EPERM);
	/* dev is the low 32 bits of glibc's encoding, Umbra's dev_t. */
	return (kern_mknodat(td, dfd, UPATH(path), UIO_USERSPACE, mode,
	    (dev_t)dev));
}

int
linux_mknod(struct thread *td, struct linux_mknod_args *args)
{
	return (linux_do_mknod(td, AT_FDCWD, args->path, args->mode,
	    args->dev));
}

int
linux_mknodat(struct thread *td, struct linux_mknodat_args *args)
{
	return (linux_do_mknod(td, args->dfd, args->path, args->mode,
	    args->dev));
}

int
linux_unlink(struct thread *td, struct linux_path_args *args)
{
	return (kern_unlinkat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    0));
}

int
linux_rmdir(struct thread *td, struct linux_path_args *args)
{
	return (kern_unlinkat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    AT_REMOVEDIR));
}

int
linux_unlinkat(struct thread *td, struct linux_unlinkat_args *args)
{
	int error, flags;

	error = linux_to_atflags(args->flag, LINUX_AT_REMOVEDIR, false,
	    &flags);
	if (error != 0)
		return (error);
	return (kern_unlinkat(td, args->dfd, UPATH(args->path), UIO_USERSPACE,
	    flags));
}

int
linux_rename(struct thread *td, struct linux_twopath_args *args)
{
	return (kern_renameat(td, AT_FDCWD, UPATH(args->from), AT_FDCWD,
	    UPATH(args->to), UIO_USERSPACE, 0));
}

/*
 * renameat2: RENAME_NOREPLACE; RENAME_EXCHANGE is refused by the file
 * systems (EOPNOTSUPP from kern_renameat, EINVAL from Linux's ext2);
 * RENAME_WHITEOUT is for overlay file systems (EINVAL).
 */
static int
linux_do_rename(struct thread *td, int olddfd, uint64_t old, int newdfd,
    uint64_t new, u_int lflags)
{
	int flags = 0;

	if (lflags & ~(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE |
	    LINUX_RENAME_WHITEOUT))
		return (EINVAL);
	if ((lflags & LINUX_RENAME_EXCHANGE) &&
	    (lflags & (LINUX_RENAME_NOREPLACE | LINUX_RENAME_WHITEOUT)))
		return (EINVAL);
	if (lflags & LINUX_RENAME_WHITEOUT)
		return (EINVAL);
	if (lflags & LINUX_RENAME_NOREPLACE)
		flags |= RENAME_NOREPLACE;
	if (lflags & LINUX_RENAME_EXCHANGE)
		flags |= RENAME_EXCHANGE;
	return (kern_renameat(td, olddfd, UPATH(old), newdfd, UPATH(new),
	    UIO_USERSPACE, flags));
}

int
linux_renameat(struct thread *td, struct linux_renameat2_args *args)
{
	return (linux_do_rename(td, args->olddfd, args->old, args->newdfd,
	    args->new, 0));
}

int
linux_renameat2(struct thread *td, struct linux_renameat2_args *args)
{
	return (linux_do_rename(td, args->olddfd, args->old, args->newdfd,
	    args->new, args->flags));
}

int
linux_link(struct thread *td, struct linux_twopath_args *args)
{
	return (kern_linkat(td, AT_FDCWD, UPATH(args->from), AT_FDCWD,
	    UPATH(args->to), UIO_USERSPACE, 0));
}

int
linux_linkat(struct thread *td, struct linux_linkat_args *args)
{
	int error, flags;

	error = linux_to_atflags(args->flags, LINUX_AT_SYMLINK_FOLLOW |
	    LINUX_AT_EMPTY_PATH, false, &flags);
	if (error != 0)
		return (error);
	return (kern_linkat(td, args->olddfd, UPATH(args->old), args->newdfd,
	    UPATH(args->new), UIO_USERSPACE, flags));
}

int
linux_symlink(struct thread *td, struct linux_twopath_args *args)
{
	return (kern_symlinkat(td, UPATH(args->from), AT_FDCWD,
	    UPATH(args->to), UIO_USERSPACE));
}

int
linux_symlinkat(struct thread *td, struct linux_symlinkat_args *args)
{
	return (kern_symlinkat(td, UPATH(args->target), args->newdfd,
	    UPATH(args->path), UIO_USERSPACE));
}

/* readlink: bufsiz is an int; <= 0 is EINVAL (kern_readlinkat). */
int
linux_readlink(struct thread *td, struct linux_readlink_args *args)
{
	return (kern_readlinkat(td, AT_FDCWD, UPATH(args->path),
	    UIO_USERSPACE, args->buf, (size_t)(int64_t)args->bufsiz));
}

int
linux_readlinkat(struct thread *td, struct linux_readlinkat_args *args)
{
	return (kern_readlinkat(td, args->dfd, UPATH(args->path),
	    UIO_USERSPACE, args->buf, (size_t)(int64_t)args->bufsiz));
}

int
linux_chdir(struct thread *td, struct linux_path_args *args)
{
	return (kern_chdir(td, UPATH(args->path), UIO_USERSPACE));
}

int
linux_fchdir(struct thread *td, struct linux_fd_args *args)
{
	return (kern_fchdir(td, args->fd));
}

int
linux_chroot(struct thread *td, struct linux_path_args *args)
{
	return (kern_chroot(td, UPATH(args->path), UIO_USERSPACE));
}

/*
 * getcwd: the system call returns the length with the NUL (glibc
 * returns the buffer); ERANGE if size is too small.  Paths are at most
 * MAXPATHLEN, so a larger buffer is used only up to that.
 */
int
linux_getcwd(struct thread *td, struct linux_getcwd_args *args)
{
	char *buf;
	size_t len, n;
	int error;

	if (args->size < 2)
		return (ERANGE);
	len = MIN(args->size, (uint64_t)MAXPATHLEN);
	buf = malloc(len, M_TEMP, M_WAITOK);
	error = kern_getcwd(td, buf, len, &n);
	if (error == 0)
		error = copyout(buf, (void *)args->buf, n);
	if (error == 0)
		td->td_retval[0] = n;
	free(buf, M_TEMP);
	return (error);
}

/* umask: Linux keeps the permission bits only (not S_ISUID ...). */
int
linux_umask(struct thread *td, struct linux_umask_args *args)
{
	return (kern_umask(td, args->mask & 0777));
}

/* --- attributes ---------------------------------------------------------- */

int
linux_chmod(struct thread *td, struct linux_chmod_args *args)
{
	return (kern_fchmodat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    args->mode, 0));
}

int
linux_fchmod(struct thread *td, struct linux_fchmod_args *args)
{
	return (kern_fchmod(td, args->fd, args->mode));
}

/* fchmodat (268) has no flags argument (fchmodat2 has). */
int
linux_fchmodat(struct thread *td, struct linux_fchmodat_args *args)
{
	return (kern_fchmodat(td, args->dfd, UPATH(args->path),
	    UIO_USERSPACE, args->mode, 0));
}

/* chown and friends: an id of -1 leaves that id alone (VNOVAL). */
int
linux_chown(struct thread *td, struct linux_chown_args *args)
{
	return (kern_fchownat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    args->uid, args->gid, 0));
}

int
linux_lchown(struct thread *td, struct linux_chown_args *args)
{
	return (kern_fchownat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    args->uid, args->gid, AT_SYMLINK_NOFOLLOW));
}

int
linux_fchown(struct thread *td, struct linux_fchown_args *args)
{
	return (kern_fchown(td, args->fd, args->uid, args->gid));
}

int
linux_fchownat(struct thread *td, struct linux_fchownat_args *args)
{
	int error, flags;

	error = linux_to_atflags(args->flag, LINUX_AT_SYMLINK_NOFOLLOW |
	    LINUX_AT_EMPTY_PATH, false, &flags);
	if (error != 0)
		return (error);
	return (kern_fchownat(td, args->dfd, UPATH(args->path),
	    UIO_USERSPACE, args->uid, args->gid, flags));
}

/* Linux's tv_nsec check: 0 .. 999999999, or UTIME_NOW / UTIME_OMIT. */
static bool
linux_nsec_valid(int64_t nsec)
{
	return (nsec == UTIME_NOW || nsec == UTIME_OMIT ||
	    (nsec >= 0 && nsec < 1000000000));
}

/*
 * utimensat: with a NULL path it sets the times of dfd itself (a Linux
 * extension glibc's futimens uses); then flags must be 0.
 */
int
linux_utimensat(struct thread *td, struct linux_utimensat_args *args)
{
	struct l_timespec lts[2];
	struct timespec ts[2];
	int error, flags, i;

	if (args->utimes != 0) {
		error = copyin((const void *)args->utimes, lts, sizeof(lts));
		if (error != 0)
			return (error);
		for (i = 0; i < 2; i++) {
			if (!linux_nsec_valid(lts[i].tv_nsec))
				return (EINVAL);
			ts[i].tv_sec = lts[i].tv_sec;
			ts[i].tv_nsec = lts[i].tv_nsec;
		}
	}
	error = linux_to_atflags(args->flags, LINUX_AT_SYMLINK_NOFOLLOW |
	    LINUX_AT_EMPTY_PATH, false, &flags);
	if (error != 0)
		return (error);
	if (args->path == 0 && args->dfd != AT_FDCWD) {
		if (flags != 0)
			return (EINVAL);
		return (kern_utimensat(td, args->dfd, NULL, UIO_USERSPACE,
		    args->utimes != 0 ? ts : NULL, 0));
	}
	if (args->path == 0)
		return (EFAULT);
	return (kern_utimensat(td, args->dfd, UPATH(args->path),
	    UIO_USERSPACE, args->utimes != 0 ? ts : NULL, flags));
}

/* utimes: struct timeval[2] (microseconds), NULL for now. */
int
linux_utimes(struct thread *td, struct linux_utimes_args *args)
{
	struct l_timeval ltv[2];
	struct timespec ts[2];
	int error, i;

	if (args->times != 0) {
		error = copyin((const void *)args->times, ltv, sizeof(ltv));
		if (error != 0)
			return (error);
		for (i = 0; i < 2; i++) {
			if (ltv[i].tv_usec < 0 || ltv[i].tv_usec >= 1000000)
				return (EINVAL);
			ts[i].tv_sec = ltv[i].tv_sec;
			ts[i].tv_nsec = ltv[i].tv_usec * 1000;
		}
	}
	return (kern_utimensat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    args->times != 0 ? ts : NULL, 0));
}

/* utime: struct utimbuf (seconds), NULL for now. */
int
linux_utime(struct thread *td, struct linux_utimes_args *args)
{
	struct l_utimbuf lub;
	struct timespec ts[2];
	int error;

	if (args->times != 0) {
		error = copyin((const void *)args->times, &lub, sizeof(lub));
		if (error != 0)
			return (error);
		ts[0].tv_sec = lub.actime;
		ts[0].tv_nsec = 0;
		ts[1].tv_sec = lub.modtime;
		ts[1].tv_nsec = 0;
	}
	return (kern_utimensat(td, AT_FDCWD, UPATH(args->path), UIO_USERSPACE,
	    args->times != 0 ? ts : NULL, 0));
}

int
linux_truncate(struct thread *td, struct linux_truncate_args *args)
{
	return (kern_truncate(td, UPATH(args->path), UIO_USERSPACE,
	    args->length));
}

int
linux_ftruncate(struct thread *td, struct linux_ftruncate_args *args)
{
	return (kern_ftruncate(td, args->fd, args->length));
}

/* --- sync ---------------------------------------------------------------- */

int
linux_fsync(struct thread *td, struct linux_fd_args *args)
{
	return (kern_fsync(td, args->fd, true));
}

int
linux_fdatasync(struct thread *td, struct linux_fd_args *args)
{
	return (kern_fsync(td, args->fd, false));
}

int
linux_sync(struct thread *td, struct linux_noargs *args)
{
	return (kern_sync(td));
}

/* syncfs: EBADF for a bad fd; then every file system (XXX: only fd's). */
int
linux_syncfs(struct thread *td, struct linux_fd_args *args)
{
	struct stat sb;
	int error;

	error = kern_fstat(td, args->fd, &sb);
	if (error != 0)
		return (error);
	return (kern_sync(td));
}

/* --- statfs -------------------------------------------------------------- */

static int
linux_copyout_statfs(const struct statfs *sf, uint64_t ubuf)
{
	struct l_statfs lsf;

	memset(&lsf, 0, sizeof(lsf));
	lsf.f_type = sf->f_type;
	lsf.f_bsize = sf->f_bsize;
	lsf.f_blocks = sf->f_blocks;
	lsf.f_bfree = sf->f_bfree;
	lsf.f_bavail = sf->f_bavail;
	lsf.f_files = sf->f_files;
	lsf.f_ffree = sf->f_ffree;
	lsf.f_fsid[0] = (int32_t)sf->f_fsid;
	lsf.f_fsid[1] = (int32_t)(sf->f_fsid >> 32);
	lsf.f_namelen = sf->f_namelen;
	lsf.f_frsize = sf->f_bsize;
	lsf.f_flags = LINUX_ST_VALID;
	if (sf->f_flags & MNT_RDONLY)
		lsf.f_flags |= LINUX_ST_RDONLY;
	if (sf->f_flags & MNT_NOSUID)
		lsf.f_flags |= LINUX_ST_NOSUID;
	if (sf->f_flags & MNT_NODEV)
		lsf.f_flags |= LINUX_ST_NODEV;
	if (sf->f_flags & MNT_NOEXEC)
		lsf.f_flags |= LINUX_ST_NOEXEC;
	return (copyout(&lsf, (void *)ubuf, sizeof(lsf)));
}

int
linux_statfs(struct thread *td, struct linux_statfs_args *args)
{
	struct statfs sf;
	int error;

	error = kern_statfs(td, UPATH(args->path), UIO_USERSPACE, &sf);
	if (error == 0)
		error = linux_copyout_statfs(&sf, args->buf);
	return (error);
}

int
linux_fstatfs(struct thread *td, struct linux_fstatfs_args *args)
{
	struct statfs sf;
	int error;

	error = kern_fstatfs(td, args->fd, &sf);
	if (error == 0)
		error = linux_copyout_statfs(&sf, args->buf);
	return (error);
}

/* --- descriptors --------------------------------------------------------- */

int
linux_dup(struct thread *td, struct linux_fd_args *args)
{
	return (kern_dup(td, args->fd, 0, 0, false));
}

int
linux_dup2(struct thread *td, struct linux_dup3_args *args)
{
	return (kern_dup(td, args->oldfd, args->newfd, 0, true));
}

int
linux_dup3(struct thread *td, struct linux_dup3_args *args)
{
	if (args->flags & ~LINUX_O_CLOEXEC)
		return (EINVAL);
	if (args->oldfd == args->newfd)
		return (EINVAL);
	return (kern_dup(td, args->oldfd, args->newfd,
	    (args->flags & LINUX_O_CLOEXEC) ? O_CLOEXEC : 0, true));
}

/*
 * linux_fcntl_lock: F_GETLK, F_SETLK, F_SETLKW with Linux's struct
 * flock at uaddr (kern_advlock).  Linux's lock types are 0, 1, 2.
 */
static int
linux_fcntl_lock(struct thread *td, int fd, int cmd, uint64_t uaddr)
{
	static const short to_type[] = { F_RDLCK, F_WRLCK, F_UNLCK };
	struct l_flock lfl;
	struct flock fl;
	int error;

	error = copyin((const void *)uaddr, &lfl, sizeof(lfl));
	if (error != 0)
		return (error);
	if (lfl.l_type < 0 || lfl.l_type >= (int)nitems(to_type))
		return (EINVAL);
	memset(&fl, 0, sizeof(fl));
	fl.l_type = to_type[lfl.l_type];
	fl.l_whence = lfl.l_whence;
	fl.l_start = lfl.l_start;
	fl.l_len = lfl.l_len;
	error = kern_advlock(td, fd, cmd, &fl);
	if (error != 0 || cmd != F_GETLK)
		return (error);
	lfl.l_type = fl.l_type == F_RDLCK ? LINUX_F_RDLCK :
	    fl.l_type == F_WRLCK ? LINUX_F_WRLCK : LINUX_F_UNLCK;
	if (fl.l_type != F_UNLCK) {
		lfl.l_whence = fl.l_whence;
		lfl.l_start = fl.l_start;
		lfl.l_len = fl.l_len;
		lfl.l_pid = fl.l_pid;
	}
	return (copyout(&lfl, (void *)uaddr, sizeof(lfl)));
}

/*
 * fcntl: the descriptor commands.  F_GETFL's flags go back in Linux's
 * values, F_SETFL's come in them.  Record locks: linux_fcntl_lock.
 * XXX: the OFD locks (F_OFD_GETLK ...) are EINVAL.
 */
int
linux_fcntl(struct thread *td, struct linux_fcntl_args *args)
{
	uint64_t lim;
	int error;

	switch (args->cmd) {
	case LINUX_F_DUPFD:
	case LINUX_F_DUPFD_CLOEXEC:
		lim = td->td_proc->p_limit[RLIMIT_NOFILE].rlim_cur;
		if (args->arg >= lim)
			return (EINVAL);
		return (kern_fcntl(td, args->fd, args->cmd == LINUX_F_DUPFD ?
		    F_DUPFD : F_DUPFD_CLOEXEC, (intptr_t)args->arg));
	case LINUX_F_GETFD:
		return (kern_fcntl(td, args->fd, F_GETFD, 0));
	case LINUX_F_SETFD:
		return (kern_fcntl(td, args->fd, F_SETFD,
		    (args->arg & LINUX_FD_CLOEXEC) ? FD_CLOEXEC : 0));
	case LINUX_F_GETFL:
		error = kern_fcntl(td, args->fd, F_GETFL, 0);
		if (error == 0)
			td->td_retval[0] = oflags_to_linux(
			    (int)td->td_retval[0]);
		return (error);
	case LINUX_F_SETFL:
		return (kern_fcntl(td, args->fd, F_SETFL,
		    linux_to_oflags((int)args->arg)));
	case LINUX_F_GETLK:
		return (linux_fcntl_lock(td, args->fd, F_GETLK, args->arg));
	case LINUX_F_SETLK:
		return (linux_fcntl_lock(td, args->fd, F_SETLK, args->arg));
	case LINUX_F_SETLKW:
		return (linux_fcntl_lock(td, args->fd, F_SETLKW, args->arg));
	default:
		return (EINVAL);
	}
}

/* --- mount --------------------------------------------------------------- */

/* Copy in a user string of at most MAXPATHLEN bytes (NULL stays NULL). */
static int
linux_copyin_str(uint64_t ustr, char **strp)
{
	size_t done;
	int error;

	*strp = NULL;
	if (ustr == 0)
		return (0);
	*strp = malloc(MAXPATHLEN, M_TEMP, M_WAITOK);
	error = copyinstr((const void *)ustr, *strp, MAXPATHLEN, &done);
	if (error != 0) {
		free(*strp, M_TEMP);
		*strp = NULL;
	}
	return (error);
}

/*
 * mount: a new mount of type fstype from source on target.  The
 * flags the VFS keeps (RDONLY, NOSUID, NODEV, NOEXEC) are translated,
 * the time and sync ones ignored.  XXX: MS_REMOUNT, MS_BIND and
 * MS_MOVE are EINVAL for now; data (file-system options) is ignored.
 */
int
linux_mount(struct thread *td, struct linux_mount_args *args)
{
	char *source, *target, *fstype;
	uint64_t lflags = args->flags, flags = 0;
	int error;

	if ((lflags & LINUX_MS_MGC_MSK) == LINUX_MS_MGC_VAL)
		lflags &= ~(uint64_t)LINUX_MS_MGC_MSK;
	if (lflags & (LINUX_MS_REMOUNT | LINUX_MS_BIND | LINUX_MS_MOVE))
		return (EINVAL);
	if (lflags & LINUX_MS_RDONLY)
		flags |= MNT_RDONLY;
	if (lflags & LINUX_MS_NOSUID)
		flags |= MNT_NOSUID;
	if (lflags & LINUX_MS_NODEV)
		flags |= MNT_NODEV;
	if (lflags & LINUX_MS_NOEXEC)
		flags |= MNT_NOEXEC;
	source = target = fstype = NULL;
	error = linux_copyin_str(args->target, &target);
	if (error == 0 && target == NULL)
		error = EFAULT;
	if (error == 0)
		error = linux_copyin_str(args->fstype, &fstype);
	if (error == 0 && fstype == NULL)
		error = EINVAL;
	if (error == 0)
		error = linux_copyin_str(args->source, &source);
	if (error == 0)
		error = kern_mount(td, fstype, source, target, flags);
	free(source, M_TEMP);
	free(fstype, M_TEMP);
	free(target, M_TEMP);
	return (error);
}

/* umount2: MNT_FORCE; MNT_DETACH unmounts at once (XXX: not lazily). */
int
linux_umount2(struct thread *td, struct linux_umount2_args *args)
{
	char *target;
	int error;

	if (args->flags & ~(LINUX_MNT_FORCE | LINUX_MNT_DETACH |
	    LINUX_MNT_EXPIRE | LINUX_UMOUNT_NOFOLLOW))
		return (EINVAL);
	if ((args->flags & LINUX_MNT_EXPIRE) &&
	    (args->flags & (LINUX_MNT_FORCE | LINUX_MNT_DETACH)))
		return (EINVAL);
	error = linux_copyin_str(args->target, &target);
	if (error == 0 && target == NULL)
		error = EFAULT;
	if (error == 0)
		error = kern_unmount(td, target,
		    (args->flags & LINUX_MNT_FORCE) ? MNT_FORCE : 0);
	free(target, M_TEMP);
	return (error);
}
