/*
 * stat_test: file attributes.  stat (4), fstat (5), lstat (6),
 * newfstatat (262, with AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH) and statx
 * (332: the mask, the sync flags, the same fields) agree on size, mode,
 * nlink, ino and dev; times move as writes and chmod happen; chmod,
 * fchmod, fchmodat, chown, fchown, lchown, fchownat; utimensat sets
 * times exactly (UTIME_OMIT, UTIME_NOW, a NULL path meaning the fd),
 * utimes and utime; access, faccessat, faccessat2; umask; fsync,
 * fdatasync, sync, syncfs; statfs and fstatfs give sane values.
 *
 * The programs run as root (on the host and in Umbra), so permission
 * bits do not refuse access here.
 */
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <utime.h>

#include "fstest.h"

/* The basic stats but mtime and ctime. */
#define STATX_NO_TIMES	(STATX_BASIC_STATS & ~(STATX_MTIME | STATX_CTIME))

#ifndef AT_STATX_FORCE_SYNC
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000
#endif

static void
test_stat_agree(void)
{
	struct stat s1, s2, s3, s4, s5;
	struct statx sx;
	int fd;

	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0640);
	write(fd, "12345", 5);
	CHECK("stat (4), fstat (5), lstat (6), newfstatat (262) succeed",
	    syscall(SYS_stat, "f", &s1) == 0 && syscall(SYS_fstat, fd, &s2) == 0 &&
	    syscall(SYS_lstat, "f", &s3) == 0 &&
	    syscall(SYS_newfstatat, AT_FDCWD, "f", &s4, 0) == 0 &&
	    syscall(SYS_newfstatat, fd, "", &s5, AT_EMPTY_PATH) == 0);
	CHECK("... size 5 in all", s1.st_size == 5 && s2.st_size == 5 &&
	    s3.st_size == 5 && s4.st_size == 5 && s5.st_size == 5);
	CHECK("... one inode and device", s1.st_ino == s2.st_ino &&
	    s1.st_ino == s3.st_ino && s1.st_ino == s4.st_ino &&
	    s1.st_ino == s5.st_ino && s1.st_dev == s2.st_dev &&
	    s1.st_dev == s5.st_dev);
	CHECK("... mode S_IFREG|0640, nlink 1",
	    s1.st_mode == (S_IFREG | 0640) && s2.st_mode == s1.st_mode &&
	    s1.st_nlink == 1 && s5.st_nlink == 1);
	CHECK("... uid and gid are the caller's", s1.st_uid == getuid() &&
	    s1.st_gid == getgid());
	CHECK("... st_blksize > 0, st_blocks counts 512-byte units",
	    s1.st_blksize >= 512 && s1.st_blocks >= 0 &&
	    s1.st_blocks % (s1.st_blksize / 512) == 0);
	CHECK("statx (332) succeeds", statx(AT_FDCWD, "f", 0, STATX_BASIC_STATS,
	    &sx) == 0);
	CHECK("... the basic stats are in stx_mask",
	    (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);
	CHECK("... its fields agree with stat",
	    sx.stx_size == 5 && sx.stx_ino == s1.st_ino &&
	    sx.stx_mode == s1.st_mode && sx.stx_nlink == 1 &&
	    sx.stx_uid == s1.st_uid && sx.stx_gid == s1.st_gid &&
	    sx.stx_blocks == (uint64_t)s1.st_blocks &&
	    sx.stx_blksize == (uint32_t)s1.st_blksize);
	CHECK("... its device numbers make st_dev",
	    makedev(sx.stx_dev_major, sx.stx_dev_minor) == s1.st_dev);
	CHECK("... its times agree with stat",
	    sx.stx_mtime.tv_sec == s1.st_mtim.tv_sec &&
	    sx.stx_mtime.tv_nsec == (uint32_t)s1.st_mtim.tv_nsec &&
	    sx.stx_ctime.tv_sec == s1.st_ctim.tv_sec &&
	    sx.stx_atime.tv_sec == s1.st_atim.tv_sec);
	/*
	 * Linux fills the basic stats whatever the mask asks for, except
	 * that since 6.13 it leaves mtime and ctime out of stx_mask when
	 * neither was asked for (multigrain time stamps).
	 */
	CHECK("statx with mask 0 still fills the basic stats",
	    statx(AT_FDCWD, "f", 0, 0, &sx) == 0 && sx.stx_size == 5 &&
	    (sx.stx_mask & STATX_NO_TIMES) == STATX_NO_TIMES);
	CHECK("statx AT_STATX_FORCE_SYNC", statx(AT_FDCWD, "f",
	    AT_STATX_FORCE_SYNC, STATX_SIZE, &sx) == 0 && sx.stx_size == 5);
	CHECK("statx AT_STATX_DONT_SYNC", statx(AT_FDCWD, "f",
	    AT_STATX_DONT_SYNC, STATX_SIZE, &sx) == 0 && sx.stx_size == 5);
	CHECK("statx of an fd (AT_EMPTY_PATH)", statx(fd, "", AT_EMPTY_PATH,
	    STATX_INO, &sx) == 0 && sx.stx_ino == s1.st_ino);
	ERR("statx with both sync flags", EINVAL, statx(AT_FDCWD, "f",
	    AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_SIZE, &sx));
	ERR("statx with STATX__RESERVED", EINVAL,
	    statx(AT_FDCWD, "f", 0, 0x80000000u, &sx));
	ERR("statx with an unknown flag", EINVAL,
	    statx(AT_FDCWD, "f", 0x1, STATX_SIZE, &sx));
	ERR("newfstatat with an unknown flag", EINVAL,
	    syscall(SYS_newfstatat, AT_FDCWD, "f", &s1, 0x1));
	CHECK("newfstatat of a NULL path with AT_EMPTY_PATH (Linux 6.11)",
	    syscall(SYS_newfstatat, fd, NULL, &s4, AT_EMPTY_PATH) == 0 &&
	    s4.st_ino == s2.st_ino);
	CHECK("statx of a NULL path with AT_EMPTY_PATH (Linux 6.11)",
	    syscall(SYS_statx, fd, NULL, AT_EMPTY_PATH, STATX_INO, &sx) == 0 &&
	    sx.stx_ino == s2.st_ino);
	ERR("newfstatat of \"\" without AT_EMPTY_PATH", ENOENT,
	    syscall(SYS_newfstatat, fd, "", &s1, 0));
	close(fd);

	symlink("f", "l");
	CHECK("stat follows a link, lstat does not",
	    stat("l", &s1) == 0 && lstat("l", &s2) == 0 &&
	    S_ISREG(s1.st_mode) && S_ISLNK(s2.st_mode) && s2.st_size == 1 &&
	    s1.st_ino != s2.st_ino);
	CHECK("newfstatat AT_SYMLINK_NOFOLLOW is lstat",
	    fstatat(AT_FDCWD, "l", &s3, AT_SYMLINK_NOFOLLOW) == 0 &&
	    s3.st_ino == s2.st_ino && S_ISLNK(s3.st_mode));
	CHECK("statx AT_SYMLINK_NOFOLLOW sees the link",
	    statx(AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, STATX_MODE, &sx) == 0 &&
	    S_ISLNK(sx.stx_mode) && sx.stx_ino == s2.st_ino);
	mkdir("d", 0755);
	CHECK("stat of a directory", stat("d", &s1) == 0 &&
	    S_ISDIR(s1.st_mode) && s1.st_nlink == 2 && s1.st_size > 0);
	CHECK("stat of . and of its path agree", stat(".", &s1) == 0 &&
	    stat(fs_scratch, &s2) == 0 && s1.st_ino == s2.st_ino);
}

/*
 * Timestamp granularity is the file system's: ext4 and tmpfs keep
 * nanoseconds, ext2 (128-byte inodes, on Linux as on Umbra) whole
 * seconds.  A time set with nanoseconds reads back exactly, or
 * truncated to its second where the file system has no room for more.
 */
static int nsec_gran = -1;	/* 1: nanoseconds kept, 0: seconds */

static int
ts_is(const struct timespec *got, time_t sec, long nsec)
{
	if (nsec_gran < 0)
		return (got->tv_sec == sec &&
		    (got->tv_nsec == nsec || got->tv_nsec == 0));
	return (got->tv_sec == sec && got->tv_nsec == (nsec_gran ? nsec : 0));
}

static void
test_times(void)
{
	struct timespec ts[2];
	struct timeval tv[2];
	struct utimbuf ub;
	struct stat s1, s2;
	int fd;

	fs_mkfile("t", "x");
	ts[0].tv_sec = 1000000000;
	ts[0].tv_nsec = 123456789;
	ts[1].tv_sec = 1200000000;
	ts[1].tv_nsec = 987654321;
	CHECK("utimensat sets both times exactly (to the fs granularity)",
	    utimensat(AT_FDCWD, "t", ts, 0) == 0 && stat("t", &s1) == 0 &&
	    ts_is(&s1.st_atim, 1000000000, 123456789) &&
	    ts_is(&s1.st_mtim, 1200000000, 987654321));
	nsec_gran = s1.st_mtim.tv_nsec != 0;
	printf("# timestamps kept to the %s\n", nsec_gran ? "nanosecond" :
	    "second");
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1300000000;
	ts[1].tv_nsec = 5;
	CHECK("UTIME_OMIT leaves atime",
	    utimensat(AT_FDCWD, "t", ts, 0) == 0 && stat("t", &s1) == 0 &&
	    ts_is(&s1.st_atim, 1000000000, 123456789) &&
	    ts_is(&s1.st_mtim, 1300000000, 5));
	ts[0].tv_nsec = UTIME_NOW;
	ts[1].tv_nsec = UTIME_OMIT;
	CHECK("UTIME_NOW sets atime to now (within a minute)",
	    utimensat(AT_FDCWD, "t", ts, 0) == 0 && stat("t", &s1) == 0 &&
	    s1.st_atim.tv_sec > time(NULL) - 60 &&
	    s1.st_mtim.tv_sec == 1300000000);
	ts[0].tv_nsec = UTIME_OMIT;
	CHECK("both UTIME_OMIT changes nothing",
	    utimensat(AT_FDCWD, "t", ts, 0) == 0 && stat("t", &s2) == 0 &&
	    s2.st_mtim.tv_sec == 1300000000 &&
	    s2.st_atim.tv_sec == s1.st_atim.tv_sec);
	CHECK("a NULL times sets both to now",
	    utimensat(AT_FDCWD, "t", NULL, 0) == 0 && stat("t", &s1) == 0 &&
	    s1.st_mtim.tv_sec > time(NULL) - 60);
	fd = open("t", O_RDWR);
	ts[0].tv_sec = 5;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = 6;
	ts[1].tv_nsec = 0;
	CHECK("futimens (utimensat with a NULL path) sets the fd's file",
	    futimens(fd, ts) == 0 && stat("t", &s1) == 0 &&
	    s1.st_atim.tv_sec == 5 && s1.st_mtim.tv_sec == 6);
	ERR("utimensat NULL path with flags", EINVAL,
	    syscall(SYS_utimensat, fd, NULL, ts, AT_SYMLINK_NOFOLLOW));
	ts[1].tv_nsec = 1000000000;
	ERR("utimensat with tv_nsec 1e9", EINVAL,
	    utimensat(AT_FDCWD, "t", ts, 0));
	ts[1].tv_nsec = -1;
	ERR("utimensat with tv_nsec -1", EINVAL,
	    utimensat(AT_FDCWD, "t", ts, 0));
	ts[1].tv_nsec = 0;
	ERR("utimensat with an unknown flag", EINVAL,
	    utimensat(AT_FDCWD, "t", ts, 0x1));
	ERR("utimensat with bad times", EFAULT,
	    syscall(SYS_utimensat, AT_FDCWD, "t", (void *)8, 0));
	symlink("t", "tl");
	CHECK("utimensat AT_SYMLINK_NOFOLLOW sets the link's times",
	    utimensat(AT_FDCWD, "tl", ts, AT_SYMLINK_NOFOLLOW) == 0 &&
	    lstat("tl", &s1) == 0 && s1.st_mtim.tv_sec == 6 &&
	    stat("t", &s2) == 0 && s2.st_mtim.tv_sec == 6);
	/* A write moves mtime and ctime forward. */
	stat("t", &s1);
	CHECK("a write updates mtime", write(fd, "y", 1) == 1 &&
	    fstat(fd, &s2) == 0 && s2.st_mtim.tv_sec > 6 &&
	    s2.st_ctim.tv_sec >= s1.st_ctim.tv_sec);
	close(fd);
	tv[0].tv_sec = 100;
	tv[0].tv_usec = 250;
	tv[1].tv_sec = 200;
	tv[1].tv_usec = 500;
	CHECK("utimes (235) in microseconds",
	    syscall(SYS_utimes, "t", tv) == 0 && stat("t", &s1) == 0 &&
	    ts_is(&s1.st_atim, 100, 250000) && ts_is(&s1.st_mtim, 200, 500000));
	tv[1].tv_usec = 1000000;
	ERR("utimes with tv_usec 1e6", EINVAL, syscall(SYS_utimes, "t", tv));
	ub.actime = 300;
	ub.modtime = 400;
	CHECK("utime (132) in seconds",
	    syscall(SYS_utime, "t", &ub) == 0 && stat("t", &s1) == 0 &&
	    s1.st_atim.tv_sec == 300 && s1.st_mtim.tv_sec == 400 &&
	    s1.st_mtim.tv_nsec == 0);
}

static void
test_chmod_chown(void)
{
	struct stat sb;
	int fd;

	fs_mkfile("m", "x");
	CHECK("chmod 0604", chmod("m", 0604) == 0 && stat("m", &sb) == 0 &&
	    sb.st_mode == (S_IFREG | 0604));
	CHECK("chmod keeps setuid, setgid and sticky",
	    chmod("m", 07755) == 0 && stat("m", &sb) == 0 &&
	    (sb.st_mode & 07777) == 07755);
	fd = open("m", O_RDONLY);
	CHECK("fchmod on a read-only descriptor",
	    fchmod(fd, 0600) == 0 && fstat(fd, &sb) == 0 &&
	    (sb.st_mode & 07777) == 0600);
	CHECK("fchmodat (268)", fchmodat(AT_FDCWD, "m", 0640, 0) == 0 &&
	    stat("m", &sb) == 0 && (sb.st_mode & 07777) == 0640);
	CHECK("chmod (90) as the raw system call",
	    syscall(SYS_chmod, "m", 0644) == 0 && stat("m", &sb) == 0 &&
	    (sb.st_mode & 07777) == 0644);
	CHECK("chmod changes ctime, not mtime", stat("m", &sb) == 0 &&
	    sb.st_ctim.tv_sec >= sb.st_mtim.tv_sec);
	CHECK("chown to 1234:5678", chown("m", 1234, 5678) == 0 &&
	    stat("m", &sb) == 0 && sb.st_uid == 1234 && sb.st_gid == 5678);
	CHECK("chown -1 leaves an id", chown("m", (uid_t)-1, 42) == 0 &&
	    stat("m", &sb) == 0 && sb.st_uid == 1234 && sb.st_gid == 42);
	CHECK("fchown", fchown(fd, 7, (gid_t)-1) == 0 && fstat(fd, &sb) == 0 &&
	    sb.st_uid == 7 && sb.st_gid == 42);
	close(fd);
	symlink("m", "ml");
	CHECK("lchown changes the link, not the target",
	    lchown("ml", 99, 99) == 0 && lstat("ml", &sb) == 0 &&
	    sb.st_uid == 99 && stat("m", &sb) == 0 && sb.st_uid == 7);
	CHECK("fchownat AT_SYMLINK_NOFOLLOW",
	    fchownat(AT_FDCWD, "ml", 98, 98, AT_SYMLINK_NOFOLLOW) == 0 &&
	    lstat("ml", &sb) == 0 && sb.st_uid == 98);
	CHECK("chown through the link changes the target",
	    chown("ml", 0, 0) == 0 && stat("m", &sb) == 0 && sb.st_uid == 0 &&
	    lstat("ml", &sb) == 0 && sb.st_uid == 98);
	ERR("fchownat with an unknown flag", EINVAL,
	    fchownat(AT_FDCWD, "m", 0, 0, 0x1));
	ERR("chmod of a missing file", ENOENT, chmod("none", 0644));
	ERR("fchmod of a closed fd", EBADF, fchmod(fd, 0644));
	ERR("fchown of a closed fd", EBADF, fchown(fd, 0, 0));
}

static void
test_access_umask(void)
{
	struct stat sb;
	mode_t old;
	int fd;

	fs_mkfile("a", "x");
	chmod("a", 0644);
	CHECK("access F_OK", access("a", F_OK) == 0);
	CHECK("access R_OK|W_OK", access("a", R_OK | W_OK) == 0);
	ERR("access X_OK of a non-executable file (even root)", EACCES,
	    access("a", X_OK));
	CHECK("access (21) as the raw system call",
	    syscall(SYS_access, "a", R_OK) == 0);
	CHECK("faccessat (269)", syscall(SYS_faccessat, AT_FDCWD, "a",
	    R_OK) == 0);
	CHECK("faccessat2 (439) with AT_EACCESS",
	    syscall(439, AT_FDCWD, "a", R_OK, AT_EACCESS) == 0);
	CHECK("faccessat2 with AT_SYMLINK_NOFOLLOW on a dangling link",
	    symlink("nowhere", "dl") == 0 &&
	    syscall(439, AT_FDCWD, "dl", F_OK, AT_SYMLINK_NOFOLLOW) == 0);
	ERR("access of a dangling link", ENOENT, access("dl", F_OK));
	ERR("faccessat2 with an unknown flag", EINVAL,
	    syscall(439, AT_FDCWD, "a", R_OK, 0x1));
	ERR("access with a bad mode", EINVAL, access("a", 8));
	ERR("access of a missing file", ENOENT, access("none", F_OK));

	old = umask(027);
	CHECK("umask returns the old mask", old == 022);
	fd = open("um", O_WRONLY | O_CREAT, 0777);
	CHECK("umask 027 applies to open", fd >= 0 && fstat(fd, &sb) == 0 &&
	    (sb.st_mode & 0777) == 0750);
	close(fd);
	CHECK("umask keeps only the permission bits",
	    (umask(07777) & 0777) == 027 && umask(022) == 0777);
}

static void
test_sync_statfs(void)
{
	struct statfs sf, sf2;
	int fd;

	fd = open("s", O_RDWR | O_CREAT, 0644);
	write(fd, "abc", 3);
	CHECK("fsync", fsync(fd) == 0);
	CHECK("fdatasync", fdatasync(fd) == 0);
	sync();
	tap_check(1, "sync returns");
	CHECK("syncfs", syncfs(fd) == 0);
	close(fd);
	ERR("fsync of a closed fd", EBADF, fsync(fd));
	ERR("fdatasync of a closed fd", EBADF, fdatasync(fd));
	ERR("syncfs of a closed fd", EBADF, syncfs(fd));
	CHECK("statfs", statfs(".", &sf) == 0);
	CHECK("... sane values", sf.f_bsize > 0 && sf.f_blocks > 0 &&
	    sf.f_bfree <= sf.f_blocks && sf.f_bavail <= sf.f_bfree &&
	    sf.f_files > 0 && sf.f_ffree <= sf.f_files &&
	    sf.f_namelen == 255 && sf.f_type != 0 && sf.f_frsize > 0);
	CHECK("... ST_VALID in f_flags, not read-only",
	    (sf.f_flags & 0x20) != 0 && (sf.f_flags & 0x1) == 0);
	fd = open(".", O_RDONLY);
	CHECK("fstatfs agrees", fstatfs(fd, &sf2) == 0 &&
	    sf2.f_type == sf.f_type && sf2.f_bsize == sf.f_bsize &&
	    sf2.f_blocks == sf.f_blocks &&
	    memcmp(&sf2.f_fsid, &sf.f_fsid, sizeof(sf.f_fsid)) == 0);
	close(fd);
	ERR("statfs of a missing path", ENOENT, statfs("none", &sf));
	ERR("statfs into a bad buffer", EFAULT, statfs(".", (void *)8));
	ERR("fstatfs of a closed fd", EBADF, fstatfs(fd, &sf));
}

static void
setup(void)
{
	fs_setup("stat_test");
}

#define CASES(X) X(stat_agree) X(times) X(chmod_chown) X(access_umask) \
	X(sync_statfs)
TAP_MAIN(CASES, setup, NULL)
