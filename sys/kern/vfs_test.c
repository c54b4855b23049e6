/*
 * vfs_test.c: in-kernel tests of the VFS on the root file system (the
 * test image's ext2 partition), through the kern_* system calls from the
 * kernel's process: create, write, read back through the page cache,
 * stat, directories, rename, links, symlinks, truncate, and that the
 * file system's free counts come back after everything is removed.
 * e2fsck checks the image after the run (tools/ktest.sh).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/filedesc.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#define SYS	UIO_SYSSPACE

/* Skip unless there is a root file system to write to. */
#define NEED_ROOT(kt) do {						\
	if (rootvnode == NULL || curthread->td_proc->p_fd == NULL ||	\
	    (rootvnode->v_mount->mnt_flag & MNT_RDONLY))		\
		KT_SKIP(kt, "no writable root file system");		\
} while (0)

static int
t_open(const char *path, int flags, int mode, int *fdp)
{
	int error;

	error = kern_openat(curthread, AT_FDCWD, path, SYS, flags, mode);
	*fdp = (int)curthread->td_retval[0];
	return (error);
}

/* pwrite or pread of len bytes at off; bytes moved in *donep. */
static int
t_rw(int fd, bool write, void *buf, size_t len, off_t off, size_t *donep)
{
	struct iovec iov = { buf, len };
	struct uio uio;
	int error;

	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_resid = len;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_td = curthread;
	if (write)
		error = kern_pwritev(curthread, fd, &uio, off);
	else
		error = kern_preadv(curthread, fd, &uio, off);
	*donep = (size_t)curthread->td_retval[0];
	return (error);
}

static uint64_t
t_free_blocks(void)
{
	struct statfs sf;

	if (kern_statfs(curthread, "/", SYS, &sf) != 0)
		return (0);
	return (sf.f_bfree);
}

/* A pattern byte for offset i of a test file. */
static uint8_t
pat(size_t i)
{
	return ((uint8_t)(i * 7 + i / 4096));
}

KTEST(vfs, create_write_read_unlink)
{
	struct stat sb;
	uint8_t *buf;
	size_t done, i, len = 3 * 4096 + 123;
	uint64_t free0;
	int fd, fd2;

	NEED_ROOT(kt);
	free0 = t_free_blocks();
	KT_ASSERT(kt, free0 > 0);
	buf = malloc(len, M_TEMP, M_WAITOK);
	for (i = 0; i < len; i++)
		buf[i] = pat(i);
	KT_ASSERT_EQ(kt, t_open("/ktest_file", O_CREAT | O_EXCL | O_RDWR, 0640,
	    &fd), 0);
	KT_EXPECT_EQ(kt, t_open("/ktest_file", O_CREAT | O_EXCL | O_RDWR,
	    0640, &fd2), EEXIST);
	KT_EXPECT_EQ(kt, t_rw(fd, true, buf, len, 0, &done), 0);
	KT_EXPECT_EQ(kt, done, len);
	memset(buf, 0, len);
	KT_EXPECT_EQ(kt, t_rw(fd, false, buf, len + 100, 0, &done), 0);
	KT_EXPECT_EQ(kt, done, len);
	for (i = 0; i < len && buf[i] == pat(i); i++)
		;
	KT_EXPECT_EQ(kt, i, len);
	KT_EXPECT_EQ(kt, kern_fstat(curthread, fd, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_size, (off_t)len);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFREG | 0640);
	KT_EXPECT_EQ(kt, sb.st_nlink, 1u);
	KT_EXPECT(kt, sb.st_blocks >= (int64_t)(len / 512));
	/* fsync writes the pages through the vnode pager. */
	KT_EXPECT_EQ(kt, kern_fsync(curthread, fd, true), 0);
	/* Unlinked but open: still readable; freed at the close. */
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/ktest_file", SYS,
	    0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/ktest_file",
	    SYS, &sb), ENOENT);
	KT_EXPECT_EQ(kt, t_rw(fd, false, buf, 10, 4096, &done), 0);
	KT_EXPECT_EQ(kt, buf[0], pat(4096));
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, t_free_blocks(), free0);
	free(buf, M_TEMP);
}

KTEST(vfs, directories_and_names)
{
	struct stat sb;
	char buf[64];
	uint64_t free0;
	int fd;

	NEED_ROOT(kt);
	free0 = t_free_blocks();
	KT_ASSERT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, "/kt_d", SYS, 0755),
	    0);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, "/kt_d", SYS, 0755),
	    EEXIST);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, "/kt_d/sub", SYS,
	    0700), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d", SYS,
	    &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 3u);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFDIR | 0755);
	KT_EXPECT_EQ(kt, t_open("/kt_d/sub/f", O_CREAT | O_WRONLY, 0600, &fd),
	    0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	/* .. and symlinks in paths. */
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD,
	    "/kt_d/sub/../sub/./f", SYS, &sb), 0);
	KT_EXPECT_EQ(kt, kern_symlinkat(curthread, "sub/f", AT_FDCWD,
	    "/kt_d/ln", SYS), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d/ln", SYS,
	    &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_mode & S_IFMT, S_IFREG);
	KT_EXPECT_EQ(kt, kern_statat(curthread, AT_SYMLINK_NOFOLLOW, AT_FDCWD,
	    "/kt_d/ln", SYS, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_mode & S_IFMT, S_IFLNK);
	/* readlink copies out to user space: a kernel buffer is EFAULT. */
	KT_EXPECT_EQ(kt, kern_readlinkat(curthread, AT_FDCWD, "/kt_d/ln", SYS,
	    (vm_offset_t)buf, sizeof(buf)), EFAULT);
	KT_EXPECT_EQ(kt, kern_readlinkat(curthread, AT_FDCWD, "/kt_d", SYS,
	    (vm_offset_t)buf, sizeof(buf)), EINVAL);
	KT_EXPECT_EQ(kt, kern_symlinkat(curthread, "loop", AT_FDCWD,
	    "/kt_d/loop", SYS), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d/loop", SYS,
	    &sb), ELOOP);
	/* Hard links. */
	KT_EXPECT_EQ(kt, kern_linkat(curthread, AT_FDCWD, "/kt_d/sub/f",
	    AT_FDCWD, "/kt_d/f2", SYS, 0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d/f2", SYS,
	    &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 2u);
	/*
	 * Rename: a directory into itself is refused; between two links
	 * of one file it does nothing (Linux); over another file it
	 * replaces it.
	 */
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, "/kt_d", AT_FDCWD,
	    "/kt_d/sub/x", SYS, 0), EINVAL);
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, "/kt_d/f2",
	    AT_FDCWD, "/kt_d/sub/f", SYS, 0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d/f2",
	    SYS, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 2u);
	KT_EXPECT_EQ(kt, t_open("/kt_d/f3", O_CREAT | O_WRONLY, 0600, &fd),
	    0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, "/kt_d/f3",
	    AT_FDCWD, "/kt_d/f2", SYS, 0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d/sub/f",
	    SYS, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 1u);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d/f3",
	    SYS, &sb), ENOENT);
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, "/kt_d/sub",
	    AT_FDCWD, "/kt_sub2", SYS, 0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_sub2/../kt_d",
	    SYS, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 2u);
	/* Removal. */
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_sub2", SYS,
	    AT_REMOVEDIR), ENOTEMPTY);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_sub2", SYS, 0),
	    EISDIR);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_sub2/f", SYS,
	    0), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_sub2", SYS,
	    AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_d/ln", SYS, 0),
	    0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_d/loop", SYS,
	    0), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_d/f2", SYS,
	    0), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_d", SYS,
	    AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_d", SYS,
	    &sb), ENOENT);
	KT_EXPECT_EQ(kt, t_free_blocks(), free0);
}

/* getdents: the names made, each once, with . and .. */
KTEST(vfs, getdents_lists_names)
{
	static const char *const names[] = { "a", "bb", "ccc", "dddd" };
	struct dirent *de;
	char *buf, path[32];
	size_t off, n;
	int fd, i, seen[4] = { 0 }, dots = 0;

	NEED_ROOT(kt);
	KT_ASSERT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, "/kt_g", SYS, 0755),
	    0);
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "/kt_g/%s", names[i]);
		KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, path, SYS,
		    0755), 0);
	}
	KT_ASSERT_EQ(kt, t_open("/kt_g", O_RDONLY | O_DIRECTORY, 0, &fd), 0);
	buf = malloc(4096, M_TEMP, M_WAITOK);
	KT_EXPECT_EQ(kt, kern_getdirentries(curthread, fd, buf, 4096, SYS), 0);
	n = (size_t)curthread->td_retval[0];
	for (off = 0; off < n; off += de->d_reclen) {
		de = (struct dirent *)(buf + off);
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0) {
			dots++;
			continue;
		}
		for (i = 0; i < 4; i++)
			if (strcmp(de->d_name, names[i]) == 0)
				seen[i]++;
		KT_EXPECT_EQ(kt, de->d_type, DT_DIR);
	}
	KT_EXPECT_EQ(kt, dots, 2);
	for (i = 0; i < 4; i++)
		KT_EXPECT_EQ(kt, seen[i], 1);
	/* The end: 0 bytes. */
	KT_EXPECT_EQ(kt, kern_getdirentries(curthread, fd, buf, 4096, SYS), 0);
	KT_EXPECT_EQ(kt, curthread->td_retval[0], 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "/kt_g/%s", names[i]);
		KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, path, SYS,
		    AT_REMOVEDIR), 0);
	}
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_g", SYS,
	    AT_REMOVEDIR), 0);
	free(buf, M_TEMP);
}

/* truncate: shrinking frees blocks, growing reads zeros. */
KTEST(vfs, truncate_and_sparse)
{
	uint8_t buf[512];
	struct stat sb;
	size_t done, i;
	uint64_t free0;
	int fd;

	NEED_ROOT(kt);
	free0 = t_free_blocks();
	KT_ASSERT_EQ(kt, t_open("/kt_t", O_CREAT | O_RDWR | O_TRUNC, 0644,
	    &fd), 0);
	memset(buf, 0xab, sizeof(buf));
	for (i = 0; i < 64; i++)
		KT_EXPECT_EQ(kt, t_rw(fd, true, buf, sizeof(buf), i * 1024,
		    &done), 0);
	KT_EXPECT_EQ(kt, kern_ftruncate(curthread, fd, 100), 0);
	KT_EXPECT_EQ(kt, kern_ftruncate(curthread, fd, 1 << 20), 0);
	KT_EXPECT_EQ(kt, kern_fstat(curthread, fd, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_size, 1 << 20);
	KT_EXPECT(kt, sb.st_blocks <= 16);
	KT_EXPECT_EQ(kt, t_rw(fd, false, buf, sizeof(buf), 0, &done), 0);
	KT_EXPECT_EQ(kt, buf[99], 0xab);
	KT_EXPECT_EQ(kt, buf[100], 0);
	KT_EXPECT_EQ(kt, buf[511], 0);
	KT_EXPECT_EQ(kt, t_rw(fd, false, buf, sizeof(buf), 500000, &done), 0);
	for (i = 0; i < sizeof(buf) && buf[i] == 0; i++)
		;
	KT_EXPECT_EQ(kt, i, sizeof(buf));
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_t", SYS, 0), 0);
	KT_EXPECT_EQ(kt, t_free_blocks(), free0);
}

/* Lookup errors. */
KTEST(vfs, lookup_errors)
{
	struct stat sb;
	int fd;

	NEED_ROOT(kt);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/no/such", SYS,
	    &sb), ENOENT);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "", SYS, &sb),
	    ENOENT);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD,
	    "/boot/kernel/kernel/x", SYS, &sb), ENOTDIR);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD,
	    "/boot/kernel/kernel/", SYS, &sb), ENOTDIR);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/..", SYS, &sb),
	    0);
	KT_EXPECT_EQ(kt, sb.st_ino, 2u);
	KT_EXPECT_EQ(kt, t_open("/boot", O_WRONLY, 0, &fd), EISDIR);
	KT_EXPECT_EQ(kt, t_open("/boot/kernel/kernel", O_RDONLY | O_DIRECTORY,
	    0, &fd), ENOTDIR);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, "/", SYS, 0755),
	    EEXIST);
	KT_EXPECT_EQ(kt, kern_close(curthread, 12345), EBADF);
}

/*
 * mmap's descriptor checks, which come before any change to the address
 * space (so the kernel's process can make them): an O_PATH descriptor
 * is EBADF, as on Linux, not the EACCES of a file without read access;
 * a shared PROT_WRITE mapping of an O_RDONLY file is EACCES; a directory
 * is ENODEV.
 */
KTEST(vfs, mmap_descriptor_errors)
{
	vm_offset_t addr;
	int fd;

	NEED_ROOT(kt);
	KT_ASSERT_EQ(kt, t_open("/sbin/init", O_PATH, 0, &fd), 0);
	KT_EXPECT_EQ(kt, kern_mmap(curthread, 0, PAGE_SIZE, PROT_READ,
	    MAP_SHARED, fd, 0, &addr), EBADF);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_ASSERT_EQ(kt, t_open("/sbin/init", O_RDONLY, 0, &fd), 0);
	KT_EXPECT_EQ(kt, kern_mmap(curthread, 0, PAGE_SIZE, PROT_READ |
	    PROT_WRITE, MAP_SHARED, fd, 0, &addr), EACCES);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_ASSERT_EQ(kt, t_open("/", O_RDONLY, 0, &fd), 0);
	KT_EXPECT_EQ(kt, kern_mmap(curthread, 0, PAGE_SIZE, PROT_READ,
	    MAP_PRIVATE, fd, 0, &addr), ENODEV);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
}

/*
 * Permission checks, as a user who is not root: owner, group and other
 * bits; search permission on directories on the way; root passes all
 * but executing a file with no execute bit.  The kernel's process
 * borrows a non-root credential for the test.
 */
KTEST(vfs, permissions_non_root)
{
	struct proc *p = curthread->td_proc;
	struct ucred *root, *user;
	struct stat sb;
	int fd;

	NEED_ROOT(kt);
	KT_ASSERT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, "/kt_perm", SYS,
	    0700), 0);
	KT_ASSERT_EQ(kt, t_open("/kt_perm/f", O_CREAT | O_WRONLY, 0640, &fd),
	    0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, kern_fchownat(curthread, AT_FDCWD, "/kt_perm/f", SYS,
	    1000, 2000, 0), 0);
	/* vaccess alone: owner, group, other, root's execute rule. */
	root = p->p_ucred;
	user = crcopy(root);
	user->cr_uid = user->cr_ruid = user->cr_svuid = 1000;
	user->cr_gid = user->cr_rgid = user->cr_svgid = 3000;
	user->cr_ngroups = 0;
	KT_EXPECT_EQ(kt, vaccess(VREG, 0640, 1000, 2000, VREAD | VWRITE, user),
	    0);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0640, 1000, 2000, VEXEC, user), EACCES);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0640, 1, 3000, VREAD, user), 0);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0640, 1, 3000, VWRITE, user), EACCES);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0604, 1, 2, VREAD, user), 0);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0640, 1, 2, VREAD, user), EACCES);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0644, 1, 2, VADMIN, user), EPERM);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0644, 1, 2, VEXEC, root), EACCES);
	KT_EXPECT_EQ(kt, vaccess(VREG, 0744, 1, 2, VEXEC, root), 0);
	KT_EXPECT_EQ(kt, vaccess(VDIR, 0, 1, 2, VEXEC | VREAD, root), 0);
	/* Through the system calls: /kt_perm is 0700 root: no search. */
	p->p_ucred = user;
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_perm/f",
	    SYS, &sb), EACCES);
	p->p_ucred = root;
	KT_EXPECT_EQ(kt, kern_fchmodat(curthread, AT_FDCWD, "/kt_perm", SYS,
	    0711, 0), 0);
	p->p_ucred = user;
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, "/kt_perm/f",
	    SYS, &sb), 0);
	/* The owner reads and writes its 0640 file; not chmod others'. */
	KT_EXPECT_EQ(kt, t_open("/kt_perm/f", O_RDWR, 0, &fd), 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, kern_fchmodat(curthread, AT_FDCWD, "/kt_perm/f", SYS,
	    0600, 0), 0);
	KT_EXPECT_EQ(kt, kern_fchmodat(curthread, AT_FDCWD, "/kt_perm", SYS,
	    0777, 0), EPERM);
	/* No write permission on the directory: no create, no unlink. */
	KT_EXPECT_EQ(kt, t_open("/kt_perm/g", O_CREAT | O_WRONLY, 0600, &fd),
	    EACCES);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_perm/f", SYS,
	    0), EACCES);
	/* Not the owner any more: no read. */
	p->p_ucred = root;
	KT_EXPECT_EQ(kt, kern_fchownat(curthread, AT_FDCWD, "/kt_perm/f", SYS,
	    1, 1, 0), 0);
	p->p_ucred = user;
	KT_EXPECT_EQ(kt, t_open("/kt_perm/f", O_RDONLY, 0, &fd), EACCES);
	p->p_ucred = root;
	crfree(user);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_perm/f", SYS,
	    0), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, "/kt_perm", SYS,
	    AT_REMOVEDIR), 0);
}
