/*
 * procfs_test.c: in-kernel tests of procfs on /proc (mounted at boot
 * when the root has a /proc directory, as the test image does), through
 * the kern_* system calls from the kernel's process: the system files'
 * formats, directory listings read in small pieces, links, errors.  The
 * process files are tested from user space (tests/sys/fs/procfs_test.c),
 * since the kernel's process (pid 0) has none.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/uio.h>
#include <sys/vmmeter.h>
#include <sys/vnode.h>

#include <fs/procfs/procfs.h>

#define SYS	UIO_SYSSPACE

#define NEED_PROC(kt) do {						\
	struct statfs sf_;						\
	if (curthread->td_proc->p_fd == NULL ||				\
	    kern_statfs(curthread, "/proc", SYS, &sf_) != 0 ||		\
	    sf_.f_type != 0x9fa0)					\
		KT_SKIP(kt, "no procfs on /proc");			\
} while (0)

/* Read a whole file into buf (NUL-terminated); its length in *lenp. */
static int
t_slurp(const char *path, char *buf, size_t size, size_t *lenp)
{
	struct iovec iov;
	struct uio uio;
	size_t len = 0;
	int error, fd;

	error = kern_openat(curthread, AT_FDCWD, path, SYS, O_RDONLY, 0);
	if (error != 0)
		return (error);
	fd = (int)curthread->td_retval[0];
	for (;;) {
		iov.iov_base = buf + len;
		iov.iov_len = size - 1 - len;
		uio.uio_iov = &iov;
		uio.uio_iovcnt = 1;
		uio.uio_resid = (ssize_t)iov.iov_len;
		uio.uio_segflg = SYS;
		uio.uio_td = curthread;
		error = kern_readv(curthread, fd, &uio);
		if (error != 0 || curthread->td_retval[0] == 0)
			break;
		len += (size_t)curthread->td_retval[0];
		if (len == size - 1)
			break;
	}
	buf[len] = '\0';
	*lenp = len;
	(void)kern_close(curthread, fd);
	return (error);
}

/* The first occurrence of needle in s, or NULL (the kernel has no strstr). */
static const char *
t_strstr(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncmp(s, needle, n) == 0)
			return (s);
	return (NULL);
}

/* The number after "name:" at the start of a line of text, or -1. */
static long
t_field(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;
	long v = 0;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			for (p += n + 1; *p == ' ' || *p == '\t'; p++)
				;
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (*p++ - '0');
			return (v);
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return (-1);
}

KTEST(procfs, meminfo)
{
	char *buf = malloc(4096, M_TEMP, M_WAITOK);
	size_t len;

	NEED_PROC(kt);
	KT_ASSERT_EQ(kt, t_slurp("/proc/meminfo", buf, 4096, &len), 0);
	KT_EXPECT(kt, strncmp(buf, "MemTotal:       ", 16) == 0);
	KT_EXPECT_EQ(kt, t_field(buf, "MemTotal"),
	    (long)vm_cnt.v_page_count * (PAGE_SIZE / 1024));
	KT_EXPECT(kt, t_field(buf, "MemFree") > 0);
	KT_EXPECT(kt, t_field(buf, "MemAvailable") >= t_field(buf, "MemFree"));
	KT_EXPECT(kt, t_field(buf, "Cached") >= 0);
	KT_EXPECT_EQ(kt, t_field(buf, "SwapTotal"), 0);
	KT_EXPECT(kt, t_strstr(buf, " kB\n") != NULL);
	KT_EXPECT_EQ(kt, buf[len - 1], '\n');
	free(buf, M_TEMP);
}

KTEST(procfs, mounts_cpuinfo_version_uptime_cmdline)
{
	char *buf = malloc(8192, M_TEMP, M_WAITOK);
	size_t len;

	NEED_PROC(kt);
	KT_ASSERT_EQ(kt, t_slurp("/proc/mounts", buf, 8192, &len), 0);
	KT_EXPECT(kt, t_strstr(buf, " / ext2 rw 0 0\n") != NULL);
	KT_EXPECT(kt, strncmp(buf, "/dev/disk0s1 / ext2 ", 20) == 0);
	KT_EXPECT(kt, t_strstr(buf, "proc /proc procfs rw,nosuid,nodev,noexec "
	    "0 0\n") != NULL);
	KT_ASSERT_EQ(kt, t_slurp("/proc/cpuinfo", buf, 8192, &len), 0);
	KT_EXPECT(kt, strncmp(buf, "processor\t: 0\nvendor_id\t: ", 26) == 0);
	KT_EXPECT(kt, t_strstr(buf, "\nmodel name\t: ") != NULL);
	KT_EXPECT(kt, t_strstr(buf, "\ncpu MHz\t\t: ") != NULL);
	KT_EXPECT(kt, t_strstr(buf, "\nflags\t\t: fpu ") != NULL);
	KT_EXPECT(kt, t_strstr(buf, " lm") != NULL);
	KT_ASSERT_EQ(kt, t_slurp("/proc/version", buf, 8192, &len), 0);
	KT_EXPECT(kt, strncmp(buf, "Linux version 6.1.0 ", 20) == 0);
	KT_ASSERT_EQ(kt, t_slurp("/proc/uptime", buf, 8192, &len), 0);
	KT_EXPECT(kt, buf[0] >= '0' && buf[0] <= '9' && strchr(buf, '.') !=
	    NULL && buf[len - 1] == '\n');
	KT_ASSERT_EQ(kt, t_slurp("/proc/loadavg", buf, 8192, &len), 0);
	KT_EXPECT(kt, strncmp(buf, "0.00 0.00 0.00 ", 15) == 0);
	KT_ASSERT_EQ(kt, t_slurp("/proc/cmdline", buf, 8192, &len), 0);
	KT_EXPECT_EQ(kt, len, strlen(kern_cmdline()) + 1);
	KT_EXPECT(kt, strncmp(buf, kern_cmdline(), len - 1) == 0);
	KT_EXPECT(kt, t_strstr(buf, "umbra.test=") != NULL);
	KT_EXPECT_EQ(kt, buf[len - 1], '\n');
	free(buf, M_TEMP);
}

/* A read at an offset gets the rest of the generated text. */
KTEST(procfs, read_at_offset)
{
	char *whole = malloc(4096, M_TEMP, M_WAITOK), part[64];
	struct iovec iov = { part, sizeof(part) };
	struct uio uio;
	size_t len;
	int fd;

	NEED_PROC(kt);
	KT_ASSERT_EQ(kt, t_slurp("/proc/meminfo", whole, 4096, &len), 0);
	KT_ASSERT(kt, len > 40);
	KT_ASSERT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/proc/meminfo", SYS,
	    O_RDONLY, 0), 0);
	fd = (int)curthread->td_retval[0];
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_resid = 10;
	uio.uio_segflg = SYS;
	uio.uio_td = curthread;
	KT_EXPECT_EQ(kt, kern_preadv(curthread, fd, &uio, 30), 0);
	KT_EXPECT_EQ(kt, curthread->td_retval[0], 10);
	KT_EXPECT(kt, memcmp(part, whole + 30, 10) == 0);
	/* Past the end: nothing. */
	iov.iov_len = sizeof(part);
	uio.uio_iov = &iov;
	uio.uio_resid = sizeof(part);
	KT_EXPECT_EQ(kt, kern_preadv(curthread, fd, &uio, 100000), 0);
	KT_EXPECT_EQ(kt, curthread->td_retval[0], 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	free(whole, M_TEMP);
}

/*
 * /proc listed through a buffer that holds one or two entries at a
 * time: every name once, the fixed ones first.
 */
KTEST(procfs, readdir_small_buffer)
{
	static const char *names[] = { ".", "..", "self", "meminfo", "mounts",
	    "cpuinfo", "uptime", "loadavg", "version", "cmdline" };
	char buf[48];
	int seen[nitems(names)] = { 0 }, other = 0, fd, calls = 0;
	struct dirent *de;
	size_t i, n, off;

	NEED_PROC(kt);
	KT_ASSERT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/proc", SYS,
	    O_RDONLY | O_DIRECTORY, 0), 0);
	fd = (int)curthread->td_retval[0];
	for (;;) {
		KT_ASSERT_EQ(kt, kern_getdirentries(curthread, fd, buf,
		    sizeof(buf), SYS), 0);
		n = (size_t)curthread->td_retval[0];
		if (n == 0 || ++calls > 1000)
			break;
		for (off = 0; off < n; off += de->d_reclen) {
			de = (struct dirent *)(buf + off);
			for (i = 0; i < nitems(names); i++)
				if (strcmp(de->d_name, names[i]) == 0)
					break;
			if (i < nitems(names))
				seen[i]++;
			else
				other++;
		}
	}
	for (i = 0; i < nitems(names); i++)
		KT_EXPECT_EQ(kt, seen[i], 1);
	KT_EXPECT(kt, calls > 3);
	/* A buffer too small for any entry. */
	KT_EXPECT_EQ(kt, kern_lseek(curthread, fd, 0, SEEK_SET), 0);
	KT_EXPECT_EQ(kt, kern_getdirentries(curthread, fd, buf, 8, SYS),
	    EINVAL);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
}

KTEST(procfs, links_and_errors)
{
	struct pfsnode self = { PFS_SELF, 0, -1 };
	char *buf = malloc(MAXPATHLEN, M_TEMP, M_WAITOK);
	struct stat sb;
	size_t len;

	NEED_PROC(kt);

	/* The kernel's process is pid 0, which /proc does not list. */
	KT_EXPECT_EQ(kt, procfs_link(&self, buf, MAXPATHLEN), 0);
	KT_EXPECT_STREQ(kt, buf, "0");
	KT_EXPECT_EQ(kt, t_slurp("/proc/self/status", buf, MAXPATHLEN, &len),
	    ENOENT);
	KT_EXPECT_EQ(kt, t_slurp("/proc/99999/status", buf, MAXPATHLEN, &len),
	    ENOENT);
	KT_EXPECT_EQ(kt, t_slurp("/proc/01/status", buf, MAXPATHLEN, &len),
	    ENOENT);
	KT_EXPECT_EQ(kt, t_slurp("/proc/nosuch", buf, MAXPATHLEN, &len),
	    ENOENT);
	/* Read-only. */
	KT_EXPECT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/proc/meminfo",
	    SYS, O_WRONLY, 0), EACCES);
	KT_EXPECT_EQ(kt, kern_openat(curthread, AT_FDCWD, "/proc/newfile",
	    SYS, O_WRONLY | O_CREAT, 0644), EROFS);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, "/proc/d", SYS,
	    0755), EROFS);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/proc/meminfo",
	    SYS, 0), EROFS);
	/* Types and modes. */
	KT_EXPECT_EQ(kt, kern_statat(curthread, AT_SYMLINK_NOFOLLOW, AT_FDCWD,
	    "/proc/self", SYS, &sb), 0);
	KT_EXPECT(kt, S_ISLNK(sb.st_mode));
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/proc/meminfo",
	    SYS, &sb), 0);
	KT_EXPECT(kt, S_ISREG(sb.st_mode) && (sb.st_mode & 0777) == 0444);
	KT_EXPECT_EQ(kt, sb.st_size, 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/proc/.", SYS,
	    &sb), 0);
	KT_EXPECT(kt, S_ISDIR(sb.st_mode));
	/* Unmounting is refused (see procfs_vnops.c). */
	KT_EXPECT_EQ(kt, kern_unmount(curthread, "/proc", 0), EBUSY);
	free(buf, M_TEMP);
}

/* The name hints procfs prints: the path open(2) and chdir(2) used. */
KTEST(procfs, name_hint)
{
	char *buf = malloc(MAXPATHLEN, M_TEMP, M_WAITOK);
	struct file *fp;
	int fd;

	if (rootvnode == NULL || curthread->td_proc->p_fd == NULL)
		KT_SKIP(kt, "no root file system");
	KT_ASSERT_EQ(kt, kern_openat(curthread, AT_FDCWD, "//proc/./../proc",
	    SYS, O_RDONLY | O_DIRECTORY, 0), 0);
	fd = (int)curthread->td_retval[0];
	KT_ASSERT_EQ(kt, fget(curthread, fd, 0, &fp), 0);
	KT_EXPECT_EQ(kt, vn_name_get(fp->f_vnode, buf, MAXPATHLEN), 0);
	KT_EXPECT_STREQ(kt, buf, "/proc");
	KT_EXPECT_EQ(kt, vn_name_get(fp->f_vnode, buf, 3), ENAMETOOLONG);
	(void)fdrop(fp, curthread);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, vn_name_get(rootvnode, buf, MAXPATHLEN), 0);
	KT_EXPECT_STREQ(kt, buf, "/");
	free(buf, M_TEMP);
}
