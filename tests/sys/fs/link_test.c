/*
 * link_test: hard links (link/linkat: one inode, link counts up and down,
 * EEXIST, EPERM for a directory, AT_SYMLINK_FOLLOW), symbolic links
 * (symlink/symlinkat, readlink/readlinkat: the target's bytes without a
 * NUL, truncation to the buffer, EINVAL on a non-link and for a size of
 * 0), and lookups through links (relative, absolute, chains, "..", a loop
 * ELOOP, a dangling link ENOENT, lstat vs stat).
 */
#include <sys/syscall.h>

#include "fstest.h"

static void
test_hard_links(void)
{
	struct stat a, b;
	char buf[16];

	fs_mkfile("f", "data");
	CHECK("link", link("f", "g") == 0);
	CHECK("... both names, one inode, nlink 2",
	    stat("f", &a) == 0 && stat("g", &b) == 0 &&
	    a.st_ino == b.st_ino && a.st_nlink == 2 && b.st_nlink == 2);
	CHECK("link (86) as the raw system call",
	    syscall(SYS_link, "f", "h") == 0 && stat("f", &a) == 0 &&
	    a.st_nlink == 3);
	CHECK("a write through one name shows through the other",
	    fs_mkfile("g", "DATA") == 0 &&
	    fs_readfile("h", buf, sizeof(buf)) == 4 && strcmp(buf, "DATA") == 0);
	CHECK("unlink one: nlink 2, data kept", unlink("f") == 0 &&
	    stat("g", &a) == 0 && a.st_nlink == 2 &&
	    fs_readfile("h", buf, sizeof(buf)) == 4);
	ERR("link onto an existing name", EEXIST, link("g", "h"));
	ERR("link of a missing file", ENOENT, link("nofile", "x"));
	mkdir("d", 0755);
	ERR("link of a directory", EPERM, link("d", "d2"));
	ERR("link into a missing directory", ENOENT, link("g", "no/x"));
	ERR("linkat with an unknown flag", EINVAL,
	    linkat(AT_FDCWD, "g", AT_FDCWD, "x", 0x1));
	symlink("g", "sg");
	CHECK("linkat without AT_SYMLINK_FOLLOW links the symlink",
	    linkat(AT_FDCWD, "sg", AT_FDCWD, "sg2", 0) == 0 &&
	    lstat("sg2", &a) == 0 && S_ISLNK(a.st_mode));
	CHECK("linkat with AT_SYMLINK_FOLLOW links the target",
	    linkat(AT_FDCWD, "sg", AT_FDCWD, "g2", AT_SYMLINK_FOLLOW) == 0 &&
	    lstat("g2", &a) == 0 && S_ISREG(a.st_mode) && a.st_nlink == 3);
	CHECK("linkat between directory fds",
	    linkat(AT_FDCWD, "g", open("d", O_RDONLY), "in", 0) == 0 &&
	    stat("d/in", &a) == 0 && a.st_nlink == 4);
	CHECK("a directory's link count ignores files in it",
	    stat("d", &a) == 0 && a.st_nlink == 2);
}

static void
test_symlinks(void)
{
	struct stat sb, lsb;
	char buf[64];
	ssize_t n;

	fs_mkfile("t", "target");
	CHECK("symlink", symlink("t", "l") == 0);
	CHECK("lstat says a link of size 1", lstat("l", &lsb) == 0 &&
	    S_ISLNK(lsb.st_mode) && lsb.st_size == 1);
	CHECK("stat follows it", stat("l", &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == 6);
	memset(buf, 'X', sizeof(buf));
	n = readlink("l", buf, sizeof(buf));
	CHECK("readlink returns the target, no NUL", n == 1 &&
	    buf[0] == 't' && buf[1] == 'X');
	CHECK("symlink (88) as the raw system call",
	    syscall(SYS_symlink, "a/long/target/path", "l2") == 0);
	n = syscall(SYS_readlink, "l2", buf, 6);
	CHECK("readlink (89) truncates to the buffer", n == 6 &&
	    memcmp(buf, "a/long", 6) == 0);
	n = readlinkat(AT_FDCWD, "l2", buf, sizeof(buf));
	CHECK("readlinkat", n == 18 && memcmp(buf, "a/long/target/path", 18) == 0);
	CHECK("symlinkat relative to a directory fd",
	    mkdir("sd", 0755) == 0 &&
	    symlinkat("../t", open("sd", O_RDONLY), "up") == 0 &&
	    fs_readfile("sd/up", buf, sizeof(buf)) == 6);
	CHECK("readlinkat relative to a directory fd",
	    readlinkat(open("sd", O_RDONLY), "up", buf, sizeof(buf)) == 4 &&
	    memcmp(buf, "../t", 4) == 0);
	ERR("readlink of a file", EINVAL, readlink("t", buf, sizeof(buf)));
	ERR("readlink of a directory", EINVAL, readlink("sd", buf, sizeof(buf)));
	ERR("readlink with size 0", EINVAL,
	    syscall(SYS_readlink, "l", buf, 0));
	ERR("readlink with size -1", EINVAL,
	    syscall(SYS_readlink, "l", buf, -1));
	ERR("readlink of a missing name", ENOENT,
	    readlink("none", buf, sizeof(buf)));
	ERR("readlink into a bad buffer", EFAULT,
	    readlink("l", (char *)8, sizeof(buf)));
	ERR("symlink onto an existing name", EEXIST, symlink("x", "t"));
	ERR("symlink with an empty target", ENOENT, symlink("", "empty"));
	ERR("symlink into a missing directory", ENOENT, symlink("x", "no/l"));
}

/* Lookups through links. */
static void
test_lookups(void)
{
	struct stat sb;
	char buf[64];

	/* test_symlinks's, in one process. */
	fs_mkfile("t", "target");
	(void)symlink("t", "l");
	(void)mkdir("sd", 0755);
	(void)symlink("../t", "sd/up");

	symlink(fs_scratch, "abs");
	CHECK("an absolute link", stat("abs/t", &sb) == 0 &&
	    S_ISREG(sb.st_mode));
	symlink("l", "chain1");
	symlink("chain1", "chain2");
	CHECK("a chain of links", fs_readfile("chain2", buf, sizeof(buf)) == 6);
	symlink("sd", "dirlink");
	CHECK("a link to a directory in the middle of a path",
	    stat("dirlink/up", &sb) == 0 && S_ISREG(sb.st_mode));
	CHECK("dirlink/.. is the link target's parent",
	    stat("dirlink/../t", &sb) == 0);
	symlink("loop2", "loop1");
	symlink("loop1", "loop2");
	ERR("a symlink loop", ELOOP, open("loop1", O_RDONLY));
	ERR("a symlink loop in the middle of a path", ELOOP,
	    stat("loop1/x", &sb));
	symlink("self", "self");
	ERR("a link to itself", ELOOP, stat("self", &sb));
	CHECK("lstat of a looping link works", lstat("loop1", &sb) == 0 &&
	    S_ISLNK(sb.st_mode));
	symlink("nowhere", "dangling");
	ERR("stat of a dangling link", ENOENT, stat("dangling", &sb));
	CHECK("lstat of a dangling link works", lstat("dangling", &sb) == 0 &&
	    S_ISLNK(sb.st_mode));
	CHECK("unlink of a symlink removes the link only",
	    unlink("l") == 0 && !fs_exists("l") && fs_exists("t"));
	ERR("a link through a file", ENOTDIR,
	    (symlink("t/x", "through"), stat("through", &sb)));
	ERR("rmdir of a link to a directory", ENOTDIR, rmdir("dirlink"));
	ERR("a trailing slash on a link to a file", ENOTDIR,
	    (symlink("t", "lt"), stat("lt/", &sb)));
	CHECK("a trailing slash on a link to a directory follows it",
	    lstat("dirlink/", &sb) == 0 && S_ISDIR(sb.st_mode));
}

static void
setup(void)
{
	fs_setup("link_test");
}

#define CASES(X) X(hard_links) X(symlinks) X(lookups)
TAP_MAIN(CASES, setup, NULL)
