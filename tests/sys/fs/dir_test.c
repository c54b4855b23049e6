/*
 * dir_test: directories and names: mkdir/mkdirat (EEXIST, link counts),
 * rmdir (ENOTEMPTY, ENOTDIR, EINVAL for "."), unlink/unlinkat (EISDIR,
 * AT_REMOVEDIR), mknod of regular files and fifos, rename/renameat/
 * renameat2 (over a file, over an empty directory, into its own
 * subdirectory EINVAL, RENAME_NOREPLACE EEXIST, ENOTDIR/EISDIR),
 * getdents64 listing exactly the created names with "." and ".." (also
 * through a small buffer, and d_type), and chdir/fchdir/getcwd round
 * trips (getcwd's system call returns the length with the NUL, ERANGE).
 */
#include <sys/syscall.h>

#include "fstest.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#endif

/* One getdents64 record (struct linux_dirent64). */
struct ldirent {
	unsigned long	d_ino;
	long		d_off;
	unsigned short	d_reclen;
	unsigned char	d_type;
	char		d_name[];
};

static void
test_mkdir_rmdir(void)
{
	struct stat sb;

	CHECK("mkdir", mkdir("d", 0755) == 0 && stat("d", &sb) == 0 &&
	    S_ISDIR(sb.st_mode) && (sb.st_mode & 07777) == 0755);
	CHECK("... a new directory has 2 links", sb.st_nlink == 2);
	CHECK("mkdir d/sub adds a link to d", mkdir("d/sub", 0700) == 0 &&
	    stat("d", &sb) == 0 && sb.st_nlink == 3);
	CHECK("mkdir with the umask (022): 0777 becomes 0755",
	    mkdir("u", 0777) == 0 && stat("u", &sb) == 0 &&
	    (sb.st_mode & 07777) == 0755);
	CHECK("mkdir keeps the sticky bit", mkdir("st", 01777) == 0 &&
	    stat("st", &sb) == 0 && (sb.st_mode & 07777) == 01755);
	CHECK("mkdirat relative to a directory fd",
	    mkdirat(open("d", O_RDONLY), "at", 0755) == 0 &&
	    stat("d/at", &sb) == 0 && S_ISDIR(sb.st_mode));
	CHECK("mkdir (83) as the raw system call",
	    syscall(SYS_mkdir, "raw", 0755) == 0);
	ERR("mkdir of an existing directory", EEXIST, mkdir("d", 0755));
	fs_mkfile("f", "x");
	ERR("mkdir of an existing file", EEXIST, mkdir("f", 0755));
	ERR("mkdir below a file", ENOTDIR, mkdir("f/x", 0755));
	ERR("mkdir in a missing directory", ENOENT, mkdir("no/x", 0755));
	ERR("rmdir of a non-empty directory", ENOTEMPTY, rmdir("d"));
	ERR("rmdir of a file", ENOTDIR, rmdir("f"));
	ERR("rmdir of .", EINVAL, rmdir("d/sub/."));
	ERR("rmdir of ..", ENOTEMPTY, rmdir("d/sub/.."));
	ERR("rmdir of a missing name", ENOENT, rmdir("nothing"));
	CHECK("rmdir of an empty directory", rmdir("d/sub") == 0 &&
	    !fs_exists("d/sub") && stat("d", &sb) == 0 && sb.st_nlink == 3);
	CHECK("rmdir (84) as the raw system call",
	    syscall(SYS_rmdir, "raw") == 0 && !fs_exists("raw"));
	CHECK("unlinkat AT_REMOVEDIR", unlinkat(AT_FDCWD, "d/at",
	    AT_REMOVEDIR) == 0 && !fs_exists("d/at") && stat("d", &sb) == 0 &&
	    sb.st_nlink == 2);
}

static void
test_unlink_mknod(void)
{
	struct stat sb;

	(void)mkdir("d", 0755);	/* test_mkdir_rmdir's, in one process */
	fs_mkfile("x", "1");
	CHECK("unlink", unlink("x") == 0 && !fs_exists("x"));
	ERR("unlink again", ENOENT, unlink("x"));
	ERR("unlink of a directory (Linux)", EISDIR, unlink("d"));
	ERR("unlinkat of a directory without AT_REMOVEDIR", EISDIR,
	    unlinkat(AT_FDCWD, "d", 0));
	fs_mkfile("y", "1");
	ERR("unlinkat AT_REMOVEDIR of a file", ENOTDIR,
	    unlinkat(AT_FDCWD, "y", AT_REMOVEDIR));
	ERR("unlinkat with an unknown flag", EINVAL,
	    unlinkat(AT_FDCWD, "y", 0x1));
	CHECK("unlink (87) as the raw system call",
	    syscall(SYS_unlink, "y") == 0 && !fs_exists("y"));
	ERR("unlink with a trailing slash on a file", ENOTDIR,
	    (fs_mkfile("z", "1"), unlink("z/")));
	CHECK("mknod S_IFREG makes a regular file",
	    mknod("reg", S_IFREG | 0600, 0) == 0 && stat("reg", &sb) == 0 &&
	    S_ISREG(sb.st_mode) && (sb.st_mode & 07777) == 0600);
	CHECK("mknod type 0 makes a regular file",
	    mknod("reg0", 0644, 0) == 0 && stat("reg0", &sb) == 0 &&
	    S_ISREG(sb.st_mode));
	CHECK("mknodat S_IFIFO makes a fifo",
	    mknodat(AT_FDCWD, "fifo", S_IFIFO | 0644, 0) == 0 &&
	    lstat("fifo", &sb) == 0 && S_ISFIFO(sb.st_mode));
	ERR("mknod S_IFDIR", EPERM, mknod("dd", S_IFDIR | 0755, 0));
	ERR("mknod of a bad type", EINVAL, mknod("bad", 0170000 | 0644, 0));
	ERR("mknod of an existing name", EEXIST, mknod("reg", S_IFREG | 0644, 0));
}

static void
test_rename(void)
{
	char buf[16];
	struct stat sb, sb2;

	mkdir("r", 0755);
	fs_mkfile("r/a", "A");
	fs_mkfile("r/b", "B");
	stat("r/a", &sb);
	CHECK("rename over an existing file",
	    rename("r/a", "r/b") == 0 && !fs_exists("r/a") &&
	    fs_readfile("r/b", buf, sizeof(buf)) == 1 && buf[0] == 'A');
	CHECK("... the inode moved with the name",
	    stat("r/b", &sb2) == 0 && sb2.st_ino == sb.st_ino);
	CHECK("rename to a new name", rename("r/b", "r/c") == 0 &&
	    fs_exists("r/c") && !fs_exists("r/b"));
	CHECK("rename (82) as the raw system call",
	    syscall(SYS_rename, "r/c", "r/a") == 0 && fs_exists("r/a"));
	CHECK("rename a file to itself", rename("r/a", "r/a") == 0 &&
	    fs_exists("r/a"));
	mkdir("r/d1", 0755);
	mkdir("r/d1/inner", 0755);
	mkdir("r/d2", 0755);
	ERR("rename a directory into its own subdirectory", EINVAL,
	    rename("r/d1", "r/d1/inner/x"));
	ERR("rename a directory onto its subdirectory", EINVAL,
	    rename("r/d1", "r/d1/inner"));
	ERR("rename a directory over a file", ENOTDIR, rename("r/d1", "r/a"));
	ERR("rename a file over a directory", EISDIR, rename("r/a", "r/d2"));
	fs_mkfile("r/d2/f", "f");
	ERR("rename a directory over a non-empty one", ENOTEMPTY,
	    rename("r/d1", "r/d2"));
	unlink("r/d2/f");
	stat("r", &sb);
	CHECK("rename a directory over an empty one",
	    rename("r/d1", "r/d2") == 0 && !fs_exists("r/d1") &&
	    fs_exists("r/d2/inner"));
	CHECK("... the parent lost a link", stat("r", &sb2) == 0 &&
	    sb2.st_nlink == sb.st_nlink - 1);
	mkdir("r2", 0755);
	CHECK("move a directory to another parent: links follow",
	    rename("r/d2", "r2/moved") == 0 && stat("r", &sb) == 0 &&
	    stat("r2", &sb2) == 0 && sb.st_nlink == 2 && sb2.st_nlink == 3);
	CHECK("... its .. is the new parent",
	    stat("r2/moved/..", &sb) == 0 && stat("r2", &sb2) == 0 &&
	    sb.st_ino == sb2.st_ino);
	fs_mkfile("r/n", "n");
	ERR("renameat2 RENAME_NOREPLACE onto an existing name", EEXIST,
	    renameat2(AT_FDCWD, "r/n", AT_FDCWD, "r/a", RENAME_NOREPLACE));
	CHECK("renameat2 RENAME_NOREPLACE to a new name",
	    renameat2(AT_FDCWD, "r/n", AT_FDCWD, "r/n2",
	    RENAME_NOREPLACE) == 0 && fs_exists("r/n2"));
	ERR("renameat2 with NOREPLACE|EXCHANGE", EINVAL,
	    renameat2(AT_FDCWD, "r/n2", AT_FDCWD, "r/a",
	    RENAME_NOREPLACE | RENAME_EXCHANGE));
	ERR("renameat2 with an unknown flag", EINVAL,
	    renameat2(AT_FDCWD, "r/n2", AT_FDCWD, "r/a", 0x100));
	CHECK("renameat between two directory fds",
	    renameat(open("r", O_RDONLY), "n2", open("r2", O_RDONLY),
	    "n3") == 0 && fs_exists("r2/n3"));
	ERR("rename of a missing name", ENOENT, rename("r/none", "r/x"));
	ERR("rename into a missing directory", ENOENT,
	    rename("r/a", "r/none/x"));
	ERR("rename of .", EBUSY, rename("r/.", "r/x"));
	ERR("rename onto .", EBUSY, rename("r/a", "."));
}

/* List directory fd with getdents64 through a buf of size bytes. */
static int
list_dir(int fd, size_t size, char names[][32], unsigned char *types,
    int max)
{
	char buf[4096];
	struct ldirent *de;
	long n, off;
	int count = 0;

	while ((n = syscall(SYS_getdents64, fd, buf, size)) > 0) {
		for (off = 0; off < n; off += de->d_reclen) {
			de = (struct ldirent *)(buf + off);
			if (count < max) {
				snprintf(names[count], 32, "%s", de->d_name);
				types[count] = de->d_type;
			}
			count++;
		}
	}
	return (n < 0 ? -1 : count);
}

static int
find_name(char names[][32], int n, const char *name)
{
	int i, found = 0;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			found++;
	return (found);
}

static void
test_getdents(void)
{
	char names[64][32], want[16];
	unsigned char types[64];
	char buf[16];
	int fd, n, i, all;

	mkdir("g", 0755);
	for (i = 0; i < 20; i++) {
		snprintf(want, sizeof(want), "file%02d", i);
		snprintf(buf, sizeof(buf), "g/%s", want);
		fs_mkfile(buf, "");
	}
	mkdir("g/subdir", 0755);
	symlink("file00", "g/link");
	fd = open("g", O_RDONLY | O_DIRECTORY);
	n = list_dir(fd, 4096, names, types, 64);
	CHECK("getdents64 lists 20 files, a dir, a link, . and ..", n == 24);
	all = 1;
	for (i = 0; i < 20; i++) {
		snprintf(want, sizeof(want), "file%02d", i);
		if (find_name(names, n, want) != 1)
			all = 0;
	}
	CHECK("... each file once", all);
	CHECK("... . and .. once each", find_name(names, n, ".") == 1 &&
	    find_name(names, n, "..") == 1);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "subdir") == 0)
			CHECK("... d_type DT_DIR for the directory",
			    types[i] == DT_DIR || types[i] == DT_UNKNOWN);
		if (strcmp(names[i], "link") == 0)
			CHECK("... d_type DT_LNK for the symlink",
			    types[i] == DT_LNK || types[i] == DT_UNKNOWN);
		if (strcmp(names[i], "file05") == 0)
			CHECK("... d_type DT_REG for a file",
			    types[i] == DT_REG || types[i] == DT_UNKNOWN);
	}
	CHECK("getdents64 at the end returns 0",
	    syscall(SYS_getdents64, fd, names, sizeof(names)) == 0);
	lseek(fd, 0, SEEK_SET);
	n = list_dir(fd, 64, names, types, 64);
	CHECK("a 64-byte buffer lists the same 24 entries", n == 24);
	lseek(fd, 0, SEEK_SET);
	ERR("getdents64 with a buffer too small for one entry", EINVAL,
	    syscall(SYS_getdents64, fd, buf, 8));
	close(fd);
	unlink("g/file03");
	rmdir("g/subdir");
	fd = open("g", O_RDONLY | O_DIRECTORY);
	n = list_dir(fd, 4096, names, types, 64);
	CHECK("after unlink and rmdir: 22 entries, neither name",
	    n == 22 && find_name(names, n, "file03") == 0 &&
	    find_name(names, n, "subdir") == 0);
	close(fd);
	mkdir("empty", 0755);
	fd = open("empty", O_RDONLY | O_DIRECTORY);
	n = list_dir(fd, 4096, names, types, 64);
	CHECK("an empty directory lists . and .. only", n == 2 &&
	    find_name(names, n, ".") == 1 && find_name(names, n, "..") == 1);
	close(fd);
	fd = open("g/file00", O_RDONLY);
	ERR("getdents64 on a file", ENOTDIR,
	    syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	close(fd);
	ERR("getdents64 on a closed fd", EBADF,
	    syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	fd = open("g", O_RDONLY | O_DIRECTORY);
	ERR("getdents64 into a bad buffer", EFAULT,
	    syscall(SYS_getdents64, fd, (void *)8, 4096));
	close(fd);
}

static void
test_cwd(void)
{
	char cwd[PATH_MAX], want[PATH_MAX], small[4];
	long n;
	int fd;

	mkdir("c", 0755);
	mkdir("c/deeper", 0755);
	CHECK("getcwd is the scratch directory",
	    getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, fs_scratch) == 0);
	n = syscall(SYS_getcwd, cwd, sizeof(cwd));
	CHECK("the getcwd system call returns the length with the NUL",
	    n == (long)strlen(fs_scratch) + 1);
	CHECK("chdir into c/deeper", chdir("c/deeper") == 0);
	snprintf(want, sizeof(want), "%s/c/deeper", fs_scratch);
	CHECK("... getcwd follows", getcwd(cwd, sizeof(cwd)) != NULL &&
	    strcmp(cwd, want) == 0);
	CHECK("chdir ..", chdir("..") == 0);
	snprintf(want, sizeof(want), "%s/c", fs_scratch);
	CHECK("... getcwd follows", getcwd(cwd, sizeof(cwd)) != NULL &&
	    strcmp(cwd, want) == 0);
	fd = open(fs_scratch, O_RDONLY | O_DIRECTORY);
	CHECK("fchdir back to the scratch directory", fchdir(fd) == 0 &&
	    getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, fs_scratch) == 0);
	close(fd);
	ERR("getcwd into a 4-byte buffer", ERANGE,
	    syscall(SYS_getcwd, small, sizeof(small)));
	ERR("getcwd with size 0", ERANGE, syscall(SYS_getcwd, small, 0));
	ERR("getcwd into a bad buffer", EFAULT,
	    syscall(SYS_getcwd, (void *)8, sizeof(cwd)));
	ERR("chdir to a file", ENOTDIR, chdir((fs_mkfile("cf", ""), "cf")));
	ERR("chdir to a missing directory", ENOENT, chdir("nodir"));
	fd = open("cf", O_RDONLY);
	ERR("fchdir to a file", ENOTDIR, fchdir(fd));
	close(fd);
	ERR("fchdir to a closed fd", EBADF, fchdir(fd));
	CHECK("chdir / then back by absolute path", chdir("/") == 0 &&
	    getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, "/") == 0 &&
	    chdir(fs_scratch) == 0);
}

static void
setup(void)
{
	fs_setup("dir_test");
}

#define CASES(X) X(mkdir_rmdir) X(unlink_mknod) X(rename) X(getdents) X(cwd)
TAP_MAIN(CASES, setup, NULL)
