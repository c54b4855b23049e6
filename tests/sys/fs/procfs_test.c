/*
 * procfs_test: Linux's /proc as programs read it (sys/fs/procfs): the
 * process's own maps (its text mapped from its file, the stack, the
 * heap, an anonymous and a file mapping with Linux's exact line
 * format), exe, status, stat (52 fields), cmdline (through a re-exec of
 * /proc/self/exe with chosen arguments), fd/, a zombie child's state,
 * the /proc listing, and /proc/meminfo.  Runs on the Linux host and in
 * the guest (/proc mounted at boot).
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

/* Read a whole /proc file (generated: st_size is 0) into buf. */
static ssize_t
slurp(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return (-1);
	/* Small reads: the file must come out whole across them. */
	while ((size_t)len < size - 1 &&
	    (n = read(fd, buf + len, size - 1 - (size_t)len < 100 ?
	    size - 1 - (size_t)len : 100)) > 0)
		len += n;
	buf[len] = '\0';
	close(fd);
	return (len);
}

/* The value after "name:\t" on its line of a status-like text, or -1. */
static long
field(const char *text, const char *name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n%s:", name);
	if (strncmp(text, key + 1, strlen(key + 1)) == 0)
		p = text + strlen(key + 1);
	else if ((p = strstr(text, key)) != NULL)
		p += strlen(key);
	else
		return (-1);
	return (strtol(p, NULL, 10));
}

struct mapline {
	unsigned long start, end, off, ino;
	unsigned int maj, min;
	char perms[8];
	char path[PATH_MAX];
	int pathcol;		/* column where the path starts, or -1 */
};

/* Parse one maps line in Linux's format; 0 if it does not match. */
static int
parse_map(const char *line, struct mapline *m)
{
	int n = 0;

	m->path[0] = '\0';
	m->pathcol = -1;
	if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu%n", &m->start, &m->end,
	    m->perms, &m->off, &m->maj, &m->min, &m->ino, &n) != 7)
		return (0);
	while (line[n] == ' ')
		n++;
	if (line[n] != '\0' && line[n] != '\n') {
		m->pathcol = n;
		snprintf(m->path, sizeof(m->path), "%.*s",
		    (int)strcspn(line + n, "\n"), line + n);
	}
	return (1);
}

/* The maps line holding address a, or 0. */
static int
find_map(const char *maps, unsigned long a, struct mapline *m)
{
	const char *line;

	for (line = maps; line != NULL && *line != '\0';) {
		if (parse_map(line, m) && m->start <= a && a < m->end)
			return (1);
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	return (0);
}

static char maps[1 << 16];

static void
test_maps(void)
{
	char exe[PATH_MAX], path[] = "/tmp/procfs_test.XXXXXX", *line;
	unsigned long prev = 0;
	struct mapline m;
	int stackvar, fd, good = 1, lines = 0, cols = 1;
	struct stat sb;
	ssize_t n;
	void *anon, *file;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	anon = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	fd = mkstemp(path);
	TAP_CHECK(fd >= 0 && ftruncate(fd, 3 * 4096) == 0);
	file = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    4096);
	TAP_CHECK(anon != MAP_FAILED && file != MAP_FAILED &&
	    fstat(fd, &sb) == 0);
	(void)sbrk(4096);	/* a heap for [heap] */
	TAP_CHECK(slurp("/proc/self/maps", maps, sizeof(maps)) > 0);
	/* Every line parses; ascending, non-overlapping ranges. */
	for (line = maps; *line != '\0'; line = strchr(line, '\n') + 1) {
		lines++;
		if (!parse_map(line, &m) || m.start >= m.end ||
		    m.start < prev || (m.start & 4095) || (m.end & 4095) ||
		    strlen(m.perms) != 4 || strchr("ps", m.perms[3]) == NULL)
			good = 0;
		/* Linux starts a name at column 73 or later. */
		if (m.pathcol >= 0 && m.pathcol < 73)
			cols = 0;
		prev = m.end;
		if (strchr(line, '\n') == NULL)
			break;
	}
	tap_check(good && lines >= 5, "maps: every line in Linux's format, "
	    "ascending");
	tap_check(cols, "maps: names start at column 74 (padded)");
	TAP_CHECK(find_map(maps, (unsigned long)(uintptr_t)test_maps, &m) &&
	    strcmp(m.perms, "r-xp") == 0 && strcmp(m.path, exe) == 0 &&
	    m.ino != 0);
	if (find_map(maps, (unsigned long)(uintptr_t)test_maps, &m))
		printf("# text: %s ino %lu path %s (exe %s)\n", m.perms, m.ino,
		    m.path, exe);
	TAP_CHECK(find_map(maps, (unsigned long)(uintptr_t)&stackvar, &m) &&
	    strcmp(m.perms, "rw-p") == 0 && strcmp(m.path, "[stack]") == 0);
	TAP_CHECK(find_map(maps, (unsigned long)(uintptr_t)sbrk(0) - 1, &m) &&
	    strcmp(m.path, "[heap]") == 0 && strcmp(m.perms, "rw-p") == 0);
	TAP_CHECK(find_map(maps, (unsigned long)(uintptr_t)anon, &m) &&
	    m.start == (unsigned long)(uintptr_t)anon &&
	    m.end == m.start + 3 * 4096 && strcmp(m.perms, "r--p") == 0 &&
	    m.ino == 0 && m.off == 0 && m.maj == 0 && m.min == 0 &&
	    m.path[0] == '\0');
	TAP_CHECK(find_map(maps, (unsigned long)(uintptr_t)file, &m) &&
	    m.start == (unsigned long)(uintptr_t)file &&
	    m.end == m.start + 2 * 4096 && strcmp(m.perms, "rw-s") == 0 &&
	    m.off == 4096 && m.ino == (unsigned long)sb.st_ino &&
	    strcmp(m.path, path) == 0);
	if (find_map(maps, (unsigned long)(uintptr_t)file, &m))
		printf("# file: %s %lx ino %lu (%lu) %x:%x path %s\n", m.perms,
		    m.off, m.ino, (unsigned long)sb.st_ino, m.maj, m.min,
		    m.path);
	munmap(anon, 3 * 4096);
	munmap(file, 2 * 4096);
	close(fd);
	unlink(path);
	TAP_CHECK(slurp("/proc/self/maps", maps, sizeof(maps)) > 0 &&
	    !find_map(maps, (unsigned long)(uintptr_t)anon, &m));
}

/* The program's arguments (args() keeps them). */
static int pargc;
static char **pargv;

static void
test_exe(void)
{
	const char *argv0 = pargv[0];
	char exe[PATH_MAX];
	struct stat a, b;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	TAP_CHECK(n > 0 && exe[0] == '/');
	exe[n > 0 ? n : 0] = '\0';
	TAP_CHECK(n > 12 && strcmp(exe + n - 12, "/procfs_test") == 0);
	TAP_CHECK(stat("/proc/self/exe", &a) == 0 && stat(argv0, &b) == 0 &&
	    a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	TAP_CHECK(lstat("/proc/self/exe", &a) == 0 && S_ISLNK(a.st_mode));
}

static void
test_status_stat(void)
{
	char buf[4096], comm[64], state = 0, *p;
	int pid = 0, ppid = 0, fields = 0;

	TAP_CHECK(slurp("/proc/self/status", buf, sizeof(buf)) > 0);
	TAP_CHECK(strncmp(buf, "Name:\tprocfs_test\n", 18) == 0);
	TAP_CHECK(field(buf, "Pid") == getpid());
	TAP_CHECK(field(buf, "Tgid") == getpid());
	TAP_CHECK(field(buf, "PPid") == getppid());
	TAP_CHECK(strstr(buf, "\nState:\tR (running)\n") != NULL);
	TAP_CHECK(field(buf, "Uid") == (long)getuid());
	TAP_CHECK(field(buf, "Gid") == (long)getgid());
	TAP_CHECK(field(buf, "Threads") == 1);
	TAP_CHECK(field(buf, "VmSize") > 100 &&
	    field(buf, "VmRSS") > 0 && field(buf, "VmRSS") <=
	    field(buf, "VmSize"));
	TAP_CHECK(strstr(buf, "\nVmSize:\t") != NULL &&
	    strstr(buf, " kB\n") != NULL);

	TAP_CHECK(slurp("/proc/self/stat", buf, sizeof(buf)) > 0);
	TAP_CHECK(sscanf(buf, "%d (%63[^)]) %c %d", &pid, comm, &state,
	    &ppid) == 4 && pid == getpid() && strcmp(comm, "procfs_test") ==
	    0 && state == 'R' && ppid == getppid());
	/* 52 fields: the name counts as one (it has no spaces here). */
	for (p = buf; *p != '\0'; p++)
		if (*p == ' ' || *p == '\n')
			fields++;
	tap_check(fields == 52, "stat: 52 fields");
	if (fields != 52)
		printf("# %d fields: %s", fields, buf);
}

static void
test_cmdline(void)
{
	char buf[4096], want[4096];
	size_t len = 0, l;
	ssize_t n;
	pid_t pid;
	int status, i;

	/* Each argument with its NUL (run as a TAP program, argv[0] alone). */
	for (i = 0; i < pargc; i++) {
		l = strlen(pargv[i]) + 1;
		if (len + l <= sizeof(want))
			memcpy(want + len, pargv[i], l);
		len += l;
	}
	n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	tap_check(len < sizeof(buf) - 1 && n == (ssize_t)len &&
	    memcmp(buf, want, len) == 0,
	    "cmdline: the program's arguments, each ending in a NUL");
	/* A child re-executed through /proc/self/exe checks its own. */
	pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "procfs_test", "cmdline", "a b", "",
		    "last", (char *)NULL);
		_exit(99);
	}
	TAP_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The child's side of test_cmdline: exit 0 when cmdline is as sent. */
static int
child_cmdline(void)
{
	static const char want[] = "procfs_test\0cmdline\0a b\0\0last";
	char buf[256];
	ssize_t n;

	n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	return (n == (ssize_t)sizeof(want) && memcmp(buf, want, sizeof(want)) ==
	    0 ? 0 : 1);
}

static void
test_fd(void)
{
	char path[64], link[PATH_MAX], tmp[] = "/tmp/procfs_fd.XXXXXX";
	struct dirent *de;
	int fd, p[2], seen0 = 0, seenfd = 0;
	ssize_t n;
	DIR *d;

	fd = mkstemp(tmp);
	TAP_CHECK(fd >= 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	TAP_CHECK(n > 0 && strcmp(link, tmp) == 0);
	d = opendir("/proc/self/fd");
	TAP_CHECK(d != NULL);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, "0") == 0)
			seen0 = 1;
		if (atoi(de->d_name) == fd && de->d_name[0] != '.')
			seenfd = 1;
	}
	if (d != NULL)
		closedir(d);
	TAP_CHECK(seen0 && seenfd);
	close(fd);
	unlink(tmp);
	TAP_ERRNO("readlink of a closed descriptor's link", ENOENT,
	    readlink(path, link, sizeof(link)));
	/* Pipes read "pipe:[N]" (when the kernel has pipes). */
	if (pipe(p) == 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
		n = readlink(path, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = '\0';
		TAP_CHECK(strncmp(link, "pipe:[", 6) == 0);
		close(p[0]);
		close(p[1]);
	}
}

static void
test_listing_and_zombie(void)
{
	char path[64], buf[4096], self[16], listing[512] = "";
	int found = 0, zombie = 0, i, status;
	struct dirent *de;
	pid_t pid;
	DIR *d;

	snprintf(self, sizeof(self), "%d", getpid());
	d = opendir("/proc");
	TAP_CHECK(d != NULL);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, self) == 0 && de->d_type == DT_DIR)
			found = 1;
		if (!found && strlen(listing) + strlen(de->d_name) + 2 <
		    sizeof(listing)) {
			strcat(listing, " ");
			strcat(listing, de->d_name);
		}
	}
	if (d != NULL)
		closedir(d);
	tap_check(found, "/proc lists the process's own directory");
	if (!found)
		printf("# /proc has:%s\n", listing);
	TAP_CHECK(readlink("/proc/self", buf, sizeof(buf)) ==
	    (ssize_t)strlen(self) && strncmp(buf, self, strlen(self)) == 0);

	pid = fork();
	if (pid == 0)
		_exit(7);
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (i = 0; i < 100000 && !zombie; i++) {
		if (slurp(path, buf, sizeof(buf)) > 0 &&
		    strstr(buf, "\nState:\tZ (zombie)\n") != NULL)
			zombie = 1;
		else
			sched_yield();
	}
	tap_check(zombie, "an exited, unwaited child shows State Z");
	TAP_CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 7);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	TAP_ERRNO("a reaped child's directory", ENOENT, open(path, O_RDONLY));
	TAP_ERRNO("/proc/<no such pid>/status", ENOENT,
	    open("/proc/999999999/status", O_RDONLY));
}

static void
test_meminfo(void)
{
	char buf[8192];

	TAP_CHECK(slurp("/proc/meminfo", buf, sizeof(buf)) > 0);
	TAP_CHECK(strncmp(buf, "MemTotal:", 9) == 0 &&
	    field(buf, "MemTotal") > 1024);
	TAP_CHECK(field(buf, "MemFree") > 0 &&
	    field(buf, "MemFree") <= field(buf, "MemTotal"));
	TAP_CHECK(field(buf, "MemAvailable") >= 0 && field(buf, "Cached") >= 0
	    && field(buf, "SwapTotal") >= 0);
}

/* Keep the arguments; "procfs_test cmdline ..." is test_cmdline's child. */
static int
args(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "cmdline") == 0)
		return (child_cmdline());
	pargc = argc;
	pargv = argv;
	return (-1);
}

#define CASES(X) X(maps) X(exe) X(status_stat) X(cmdline) X(fd) \
	X(listing_and_zombie) X(meminfo)
TAP_MAIN(CASES, NULL, args)
