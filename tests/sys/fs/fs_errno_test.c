/*
 * fs_errno_test: a table of bad file system calls, each with the errno
 * Linux returns (checked on the Linux host, 6.18): bad pointers (EFAULT,
 * for paths and for buffers the kernel fills or reads), empty paths
 * (ENOENT), a file used as a directory (ENOTDIR), a 5000-byte path and
 * a 300-byte component (ENAMETOOLONG), bad descriptors (EBADF), bad
 * flags and arguments (EINVAL), and the rest.  Raw system calls
 * (syscall(2)) where glibc would check or translate first.
 *
 * Where Linux surprised us, the row says so.  A case a family, all on
 * one fixture (fixture(): the same files and descriptors for each).
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "fstest.h"

/* An address that is never mapped in a Linux process. */
#define BAD	((void *)8)

static char longpath[5000], longname[300];
static int fd, dfd, closedfd;

/*
 * The fixture: a file f open read-write as fd, a directory d (holding
 * in) open as dfd, a symlink loop to itself, closedfd a descriptor just
 * closed; longpath, a 5000-byte path of short components, and longname,
 * one 300-byte name.
 */
static void
fixture(void)
{
	fs_setup("fs_errno_test");
	fs_mkfile("f", "data");
	mkdir("d", 0755);
	fs_mkfile("d/in", "x");
	symlink("loop", "loop");
	fd = open("f", O_RDWR);
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	closedfd = open("f", O_RDONLY);
	close(closedfd);
	CHECK("the fixture: f and d made and open", fd >= 0 && dfd >= 0);

	memset(longpath, 0, sizeof(longpath));
	while (strlen(longpath) < sizeof(longpath) - 10)
		strcat(longpath, "d/../");
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
}

/* EFAULT: bad pointers. */
static void
test_efault(void)
{
	char buf[256];
	struct stat sb;
	struct statx sx;
	struct statfs sf;
	struct iovec iov;

	ERR("open of a bad path", EFAULT, syscall(SYS_open, BAD, O_RDONLY, 0));
	ERR("openat of a bad path", EFAULT, openat(AT_FDCWD, BAD, O_RDONLY));
	ERR("stat of a bad path", EFAULT, syscall(SYS_stat, BAD, &sb));
	ERR("stat into a bad buffer", EFAULT, syscall(SYS_stat, "f", BAD));
	ERR("fstat into a bad buffer", EFAULT, syscall(SYS_fstat, fd, BAD));
	ERR("newfstatat into a bad buffer", EFAULT,
	    syscall(SYS_newfstatat, AT_FDCWD, "f", BAD, 0));
	ERR("statx into a bad buffer", EFAULT,
	    syscall(SYS_statx, AT_FDCWD, "f", 0, STATX_BASIC_STATS, BAD));
	ERR("statx of a bad path", EFAULT,
	    syscall(SYS_statx, AT_FDCWD, BAD, 0, STATX_BASIC_STATS, &sx));
	ERR("mkdir of a bad path", EFAULT, syscall(SYS_mkdir, BAD, 0755));
	ERR("unlink of a bad path", EFAULT, syscall(SYS_unlink, BAD));
	ERR("rmdir of a bad path", EFAULT, syscall(SYS_rmdir, BAD));
	ERR("rename from a bad path", EFAULT, syscall(SYS_rename, BAD, "x"));
	ERR("rename to a bad path", EFAULT, syscall(SYS_rename, "f", BAD));
	ERR("link to a bad path", EFAULT, syscall(SYS_link, "f", BAD));
	ERR("symlink of a bad target", EFAULT, syscall(SYS_symlink, BAD, "s"));
	ERR("readlink of a bad path", EFAULT,
	    syscall(SYS_readlink, BAD, buf, sizeof(buf)));
	ERR("chdir to a bad path", EFAULT, syscall(SYS_chdir, BAD));
	ERR("chmod of a bad path", EFAULT, syscall(SYS_chmod, BAD, 0644));
	ERR("chown of a bad path", EFAULT, syscall(SYS_chown, BAD, 0, 0));
	ERR("truncate of a bad path", EFAULT, syscall(SYS_truncate, BAD, 0));
	ERR("access of a bad path", EFAULT, syscall(SYS_access, BAD, F_OK));
	ERR("statfs of a bad path", EFAULT, syscall(SYS_statfs, BAD, &sf));
	ERR("fstatfs into a bad buffer", EFAULT, syscall(SYS_fstatfs, fd, BAD));
	ERR("read into a bad buffer", EFAULT, read(fd, BAD, 4));
	ERR("write from a bad buffer", EFAULT, write(fd, BAD, 4));
	ERR("pread64 into a bad buffer", EFAULT, pread(fd, BAD, 4, 0));
	iov.iov_base = BAD;
	iov.iov_len = 4;
	ERR("readv into a bad iov_base", EFAULT, readv(fd, &iov, 1));
	ERR("getcwd into a bad buffer", EFAULT,
	    syscall(SYS_getcwd, BAD, sizeof(buf)));
	ERR("utimensat of a NULL path with AT_FDCWD", EFAULT,
	    syscall(SYS_utimensat, AT_FDCWD, NULL, NULL, 0));
	ERR("mount of a bad target", EFAULT,
	    syscall(SYS_mount, "none", BAD, "tmpfs", 0, NULL));
}

/* ENOENT: empty paths, missing names. */
static void
test_enoent(void)
{
	struct stat sb;

	ERR("open of \"\"", ENOENT, open("", O_RDONLY));
	ERR("stat of \"\"", ENOENT, stat("", &sb));
	ERR("mkdir of \"\"", ENOENT, mkdir("", 0755));
	ERR("unlink of \"\"", ENOENT, unlink(""));
	ERR("chdir to \"\"", ENOENT, chdir(""));
	ERR("open of a name in a missing directory", ENOENT,
	    open("none/f", O_RDONLY));
	ERR("link to a missing directory", ENOENT, link("f", "none/f"));
}

/* ENOTDIR: a file in the middle of a path. */
static void
test_enotdir(void)
{
	struct stat sb;

	ERR("open of f/x", ENOTDIR, open("f/x", O_RDONLY));
	ERR("stat of f/x", ENOTDIR, stat("f/x", &sb));
	ERR("mkdir of f/x", ENOTDIR, mkdir("f/x", 0755));
	ERR("openat relative to a file fd", ENOTDIR,
	    openat(fd, "x", O_RDONLY));
	ERR("open of f/ (trailing slash)", ENOTDIR, open("f/", O_RDONLY));
}

/* ENAMETOOLONG: a long path, a long name, a long symlink target. */
static void
test_enametoolong(void)
{
	struct stat sb;

	ERR("open of a 5000-byte path", ENAMETOOLONG,
	    open(longpath, O_RDONLY));
	ERR("stat of a 5000-byte path", ENAMETOOLONG, stat(longpath, &sb));
	ERR("mkdir of a 5000-byte path", ENAMETOOLONG, mkdir(longpath, 0755));
	ERR("open of a 300-byte name", ENAMETOOLONG, open(longname, O_RDONLY));
	ERR("creat of a 300-byte name", ENAMETOOLONG,
	    open(longname, O_WRONLY | O_CREAT, 0644));
	ERR("mkdir of a 300-byte name", ENAMETOOLONG, mkdir(longname, 0755));
	ERR("symlink to a 5000-byte target", ENAMETOOLONG,
	    symlink(longpath, "s"));
}

/* EBADF: closed and negative descriptors. */
static void
test_ebadf(void)
{
	char buf[256];
	struct stat sb;

	ERR("close of -1", EBADF, close(-1));
	ERR("close of a closed fd", EBADF, close(closedfd));
	ERR("fstat of a closed fd", EBADF, fstat(closedfd, &sb));
	ERR("read of a closed fd", EBADF, read(closedfd, buf, 1));
	ERR("write of a closed fd", EBADF, write(closedfd, buf, 1));
	ERR("pwrite64 of a closed fd", EBADF, pwrite(closedfd, buf, 1, 0));
	ERR("lseek of a closed fd", EBADF, lseek(closedfd, 0, SEEK_SET));
	ERR("ftruncate of a closed fd", EBADF, ftruncate(closedfd, 0));
	ERR("openat with a closed dirfd", EBADF,
	    openat(closedfd, "f", O_RDONLY));
	ERR("mkdirat with a closed dirfd", EBADF, mkdirat(closedfd, "x", 0755));
	ERR("fstatat with a closed dirfd", EBADF,
	    fstatat(closedfd, "f", &sb, 0));
	ERR("getdents64 of a closed fd", EBADF,
	    syscall(SYS_getdents64, closedfd, buf, sizeof(buf)));
	ERR("dup of a closed fd", EBADF, dup(closedfd));
	ERR("fcntl F_GETFL of a closed fd", EBADF, fcntl(closedfd, F_GETFL));
}

/* EINVAL: bad flags and arguments. */
static void
test_einval(void)
{
	char buf[256];
	struct stat sb;

	ERR("lseek with whence 7", EINVAL, lseek(fd, 0, 7));
	ERR("lseek to -1", EINVAL, lseek(fd, -1, SEEK_SET));
	ERR("pread64 at -1", EINVAL, syscall(SYS_pread64, fd, buf, 1, -1L));
	ERR("readlink of a file", EINVAL, readlink("f", buf, sizeof(buf)));
	ERR("readlink with bufsiz 0", EINVAL,
	    syscall(SYS_readlink, "loop", buf, 0));
	ERR("dup3 with a bad flag", EINVAL, dup3(fd, 40, 1));
	ERR("dup3 onto itself", EINVAL, dup3(fd, fd, 0));
	ERR("fcntl with an unknown command", EINVAL, fcntl(fd, 9999));
	ERR("unlinkat with a bad flag", EINVAL,
	    unlinkat(AT_FDCWD, "f", 0x400));
	ERR("linkat with a bad flag", EINVAL,
	    linkat(AT_FDCWD, "f", AT_FDCWD, "x", 0x200));
	ERR("fchownat with a bad flag", EINVAL,
	    fchownat(AT_FDCWD, "f", 0, 0, 0x200));
	ERR("newfstatat with a bad flag", EINVAL,
	    syscall(SYS_newfstatat, AT_FDCWD, "f", &sb, 0x4));
	ERR("renameat2 with a bad flag", EINVAL,
	    syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "g", 0x8));
	ERR("access with mode 8", EINVAL, access("f", 8));
	ERR("truncate to -1", EINVAL, truncate("f", -1));
	ERR("ftruncate of an O_RDONLY fd", EINVAL,
	    ftruncate(open("f", O_RDONLY), 1));
	ERR("rmdir of d/.", EINVAL, rmdir("d/."));
	ERR("rename of d into d/sub", EINVAL,
	    (mkdir("d/sub", 0755), rename("d", "d/sub/x")));
	ERR("getdents64 with a 1-byte buffer", EINVAL,
	    syscall(SYS_getdents64, dfd, buf, 1));
	ERR("umount2 with a bad flag", EINVAL,
	    syscall(SYS_umount2, "d", 0x100));
	ERR("umount2 of a directory that is no mount point", EINVAL,
	    syscall(SYS_umount2, "d", 0));
}

/* And the rest: ELOOP, EEXIST, EISDIR, ENOTEMPTY, EPERM, ERANGE, ENODEV. */
static void
test_others(void)
{
	char buf[256];
	struct stat sb;

	ERR("open of a symlink loop", ELOOP, open("loop", O_RDONLY));
	ERR("stat through a symlink loop", ELOOP, stat("loop/x", &sb));
	ERR("mkdir of an existing name", EEXIST, mkdir("f", 0755));
	ERR("symlink onto an existing name", EEXIST, symlink("x", "f"));
	ERR("open O_WRONLY of a directory", EISDIR, open("d", O_WRONLY));
	ERR("unlink of a directory", EISDIR, unlink("d"));
	ERR("rmdir of a non-empty directory", ENOTEMPTY, rmdir("d"));
	ERR("link of a directory", EPERM, link("d", "d2"));
	ERR("mknod S_IFDIR", EPERM, mknod("nd", S_IFDIR | 0755, 0));
	ERR("getcwd into a 1-byte buffer", ERANGE,
	    syscall(SYS_getcwd, buf, 1));
	ERR("mount of an unknown file system type", ENODEV,
	    mount("none", "d", "nosuchfs", 0, NULL));
	ERR("getdents64 of a file", ENOTDIR,
	    syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	ERR("read of a directory", EISDIR, read(dfd, buf, sizeof(buf)));
	ERR("O_TMPFILE|O_CREAT", EINVAL,
	    open(".", O_RDWR | O_CREAT | __O_TMPFILE | O_DIRECTORY, 0600));
}

#define CASES(X) X(efault) X(enoent) X(enotdir) X(enametoolong) X(ebadf) \
	X(einval) X(others)
TAP_MAIN(CASES, fixture, NULL)
