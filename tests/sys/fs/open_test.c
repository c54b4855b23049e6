/*
 * open_test: open(2), openat(2) and creat(2) and their flags: O_CREAT
 * with and without O_EXCL, O_TRUNC, O_APPEND (every write goes to the
 * end, whatever the offset), O_DIRECTORY, O_NOFOLLOW, O_PATH, O_CLOEXEC,
 * the access modes, the creation mode less the umask, and the errors
 * Linux gives (EEXIST, ENOENT, ENOTDIR, ELOOP, EISDIR, EBADF, EINVAL).
 *
 * open() and creat() are also called as the raw system calls (numbers 2
 * and 85): glibc's wrappers use openat.
 */
#include <sys/syscall.h>

#include "fstest.h"

static void
test_creat_excl(void)
{
	struct stat sb;
	int fd;

	fd = open("a", O_WRONLY | O_CREAT | O_EXCL, 0640);
	CHECK("O_CREAT|O_EXCL makes a new file", fd >= 0);
	CHECK("... a regular file, mode 0640 (umask 022)",
	    fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (sb.st_mode & 07777) == 0640 && sb.st_size == 0);
	close(fd);
	ERR("O_CREAT|O_EXCL on an existing file", EEXIST,
	    open("a", O_WRONLY | O_CREAT | O_EXCL, 0640));
	fd = open("a", O_WRONLY | O_CREAT, 0600);
	CHECK("O_CREAT without O_EXCL opens the existing file", fd >= 0);
	CHECK("... whose mode stays 0640", fstat(fd, &sb) == 0 &&
	    (sb.st_mode & 07777) == 0640);
	close(fd);
	ERR("no O_CREAT: a missing file", ENOENT, open("nofile", O_RDONLY));
	ERR("O_CREAT in a missing directory", ENOENT,
	    open("nodir/a", O_WRONLY | O_CREAT, 0644));
	ERR("a file used as a directory", ENOTDIR,
	    open("a/b", O_RDONLY));

	/* umask 077: mode 0666 becomes 0600. */
	umask(077);
	fd = open("u", O_WRONLY | O_CREAT | O_EXCL, 0666);
	CHECK("umask 077 applies to the creation mode",
	    fd >= 0 && fstat(fd, &sb) == 0 && (sb.st_mode & 07777) == 0600);
	close(fd);
	umask(0);
	fd = open("u0", O_WRONLY | O_CREAT | O_EXCL, 0777);
	CHECK("umask 0: mode 0777 kept",
	    fd >= 0 && fstat(fd, &sb) == 0 && (sb.st_mode & 07777) == 0777);
	close(fd);
	umask(022);
}

static void
test_raw_open_creat(void)
{
	char buf[16];
	long fd;

	fd = syscall(SYS_creat, "c", 0644);
	CHECK("creat (85) makes a file", fd >= 0);
	CHECK("... open for writing", write((int)fd, "xyz", 3) == 3);
	ERR("... not for reading", EBADF, read((int)fd, buf, 1));
	close((int)fd);
	fd = syscall(SYS_creat, "c", 0644);
	CHECK("creat of an existing file truncates it", fd >= 0 &&
	    lseek((int)fd, 0, SEEK_END) == 0);
	close((int)fd);
	fd = syscall(SYS_open, "c", O_RDWR, 0);
	CHECK("open (2) of it, O_RDWR", fd >= 0);
	close((int)fd);
	ERR("open (2) of a missing file", ENOENT,
	    syscall(SYS_open, "missing", O_RDONLY, 0));
}

static void
test_trunc_append(void)
{
	char buf[64];
	int fd, fd2;

	fs_mkfile("t", "0123456789");
	fd = open("t", O_RDWR | O_TRUNC);
	CHECK("O_TRUNC empties the file", fd >= 0 &&
	    lseek(fd, 0, SEEK_END) == 0);
	close(fd);
	fs_mkfile("t", "0123456789");
	fd = open("t", O_RDONLY | O_TRUNC);
	/* Linux truncates even with O_RDONLY (it checks write permission). */
	CHECK("O_RDONLY|O_TRUNC truncates too (Linux)", fd >= 0 &&
	    lseek(fd, 0, SEEK_END) == 0);
	close(fd);

	fs_mkfile("ap", "abc");
	fd = open("ap", O_WRONLY | O_APPEND);
	CHECK("O_APPEND opens at offset 0", fd >= 0 &&
	    lseek(fd, 0, SEEK_CUR) == 0);
	CHECK("... a write goes to the end", write(fd, "de", 2) == 2 &&
	    fs_readfile("ap", buf, sizeof(buf)) == 5 &&
	    strcmp(buf, "abcde") == 0);
	CHECK("... and leaves the offset there",
	    lseek(fd, 0, SEEK_CUR) == 5);
	lseek(fd, 1, SEEK_SET);
	CHECK("after lseek(1) a write still appends",
	    write(fd, "f", 1) == 1 && fs_readfile("ap", buf, sizeof(buf)) == 6 &&
	    strcmp(buf, "abcdef") == 0);
	/* Another descriptor grows the file: the append follows. */
	fd2 = open("ap", O_WRONLY);
	CHECK("a second writer at offset 0 overwrites",
	    write(fd2, "XY", 2) == 2);
	lseek(fd2, 0, SEEK_END);
	write(fd2, "gh", 2);
	close(fd2);
	CHECK("an append after another writer grew the file lands past it",
	    write(fd, "i", 1) == 1 && fs_readfile("ap", buf, sizeof(buf)) == 9 &&
	    strcmp(buf, "XYcdefghi") == 0);
	/* pwrite on an O_APPEND file appends too (Linux). */
	CHECK("pwrite on O_APPEND appends (Linux)",
	    pwrite(fd, "j", 1, 0) == 1 && fs_readfile("ap", buf, sizeof(buf)) == 10 &&
	    strcmp(buf, "XYcdefghij") == 0);
	close(fd);
}

static void
test_dir_link_flags(void)
{
	struct stat sb;
	char buf[8];
	int fd;

	mkdir("d", 0755);
	fs_mkfile("f", "x");
	symlink("f", "lf");
	symlink("d", "ld");

	fd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK("O_DIRECTORY opens a directory", fd >= 0);
	ERR("... read(2) on it", EISDIR, read(fd, buf, sizeof(buf)));
	close(fd);
	ERR("O_DIRECTORY on a file", ENOTDIR, open("f", O_RDONLY | O_DIRECTORY));
	fd = open("ld", O_RDONLY | O_DIRECTORY);
	CHECK("O_DIRECTORY through a symlink to a directory", fd >= 0);
	close(fd);
	ERR("O_WRONLY on a directory", EISDIR, open("d", O_WRONLY));
	ERR("O_RDWR on a directory", EISDIR, open("d", O_RDWR));
	ERR("O_CREAT on an existing directory", EISDIR,
	    open("d", O_WRONLY | O_CREAT, 0644));
	ERR("O_CREAT|O_DIRECTORY (Linux 6.4)", EINVAL,
	    open("newdir", O_RDONLY | O_CREAT | O_DIRECTORY, 0755));
	CHECK("... created nothing", !fs_exists("newdir"));

	ERR("O_NOFOLLOW on a symlink", ELOOP, open("lf", O_RDONLY | O_NOFOLLOW));
	fd = open("f", O_RDONLY | O_NOFOLLOW);
	CHECK("O_NOFOLLOW on a plain file opens it", fd >= 0);
	close(fd);
	fd = open("lf", O_RDONLY);
	CHECK("a symlink is followed by default", fd >= 0 &&
	    read(fd, buf, 1) == 1 && buf[0] == 'x');
	close(fd);
	ERR("O_CREAT|O_EXCL on a symlink (even dangling)", EEXIST,
	    open("lf", O_WRONLY | O_CREAT | O_EXCL, 0644));
	symlink("nowhere", "dangle");
	fd = open("dangle", O_WRONLY | O_CREAT, 0644);
	CHECK("O_CREAT through a dangling symlink creates its target",
	    fd >= 0 && fs_exists("nowhere"));
	close(fd);

	fd = open("lf", O_PATH | O_NOFOLLOW);
	CHECK("O_PATH|O_NOFOLLOW opens the symlink itself", fd >= 0 &&
	    fstat(fd, &sb) == 0 && S_ISLNK(sb.st_mode));
	ERR("... read(2) on an O_PATH descriptor", EBADF, read(fd, buf, 1));
	close(fd);
	fd = open("d", O_PATH);
	CHECK("O_PATH on a directory serves as an *at base",
	    fd >= 0 && openat(fd, "..", O_RDONLY) >= 0);
	close(fd);
}

static void
test_modes_cloexec(void)
{
	char buf[4];
	int fd, fl;

	fs_mkfile("m", "abc");
	(void)mkdir("d", 0755);	/* test_dir_link_flags's, in one process */
	fd = open("m", O_RDONLY);
	ERR("write on O_RDONLY", EBADF, write(fd, "x", 1));
	close(fd);
	fd = open("m", O_WRONLY);
	ERR("read on O_WRONLY", EBADF, read(fd, buf, 1));
	close(fd);
	fd = open("m", O_RDWR | O_CLOEXEC);
	CHECK("O_CLOEXEC sets FD_CLOEXEC",
	    fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	fl = fcntl(fd, F_GETFL);
	CHECK("F_GETFL shows O_RDWR and O_LARGEFILE (x86-64), not O_CLOEXEC",
	    (fl & O_ACCMODE) == O_RDWR && (fl & 0100000) != 0 &&
	    (fl & O_CLOEXEC) == 0);
	close(fd);
	fd = openat(AT_FDCWD, "m", O_RDONLY);
	CHECK("openat(AT_FDCWD) is open", fd >= 0);
	close(fd);
	fd = open("d", O_RDONLY | O_DIRECTORY);
	fs_mkfile("d/in", "in");
	CHECK("openat relative to a directory fd",
	    openat(fd, "in", O_RDONLY) >= 0);
	ERR("openat relative to a file fd", ENOTDIR,
	    openat(open("m", O_RDONLY), "in", O_RDONLY));
	ERR("openat with a closed dirfd", EBADF, openat(999, "in", O_RDONLY));
	CHECK("openat ignores dirfd for an absolute path",
	    openat(999, "/", O_RDONLY) >= 0);
	close(fd);
	ERR("O_TMPFILE without write access", EINVAL,
	    open(".", O_RDONLY | __O_TMPFILE | O_DIRECTORY, 0600));
}

static void
setup(void)
{
	fs_setup("open_test");
}

#define CASES(X) X(creat_excl) X(raw_open_creat) X(trunc_append) \
	X(dir_link_flags) X(modes_cloexec)
TAP_MAIN(CASES, setup, NULL)
