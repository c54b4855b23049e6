/*
 * exec_test: execve's errors leave the caller running (ENOENT; ENOEXEC
 * for an executable file that is no program; EACCES for a file without
 * execute permission and for a directory; EFAULT), and a successful
 * execve passes argv and the environment (the child is this program
 * again, in child mode).
 *
 * The files come from the program's directory in the plain build
 * (not_elf, mode 0555, and utest.list, 0644, installed beside it); as an
 * ATF program, setup writes the same two into the case's work directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>

#include "tap.h"

static char *self;			/* argv[0] */
static char dir[512];			/* where the files are */
static char not_elf[600];		/* executable text: not a program */
static char not_exec[600];		/* not executable (mode 0644) */

/* The exec'd child checks what it was given; otherwise go on. */
static int
child_mode(int argc, char **argv)
{
	char path[512];
	const char *v;

	if (argc == 3 && strcmp(argv[1], "child") == 0) {
		v = getenv("EXEC_TEST");
		if (strcmp(argv[2], "two words") != 0 || v == NULL ||
		    strcmp(v, "yes") != 0)
			return (1);
		return (42);
	}
	self = argv[0];
	snprintf(path, sizeof(path), "%s", argv[0]);
	snprintf(dir, sizeof(dir), "%s", dirname(path));
	return (-1);
}

#ifdef TAP_ATF
/* Write path with text and mode. */
static void
mkfile(const char *path, const char *text, mode_t mode)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ATF_REQUIRE_MSG(fd >= 0, "open %s: %s", path, strerror(errno));
	ATF_REQUIRE(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	ATF_REQUIRE(close(fd) == 0);
	ATF_REQUIRE(chmod(path, mode) == 0);
}
#endif

static void
setup(void)
{
#ifdef TAP_ATF
	ATF_REQUIRE(getcwd(dir, sizeof(dir)) != NULL);
	snprintf(not_elf, sizeof(not_elf), "%s/not_elf", dir);
	snprintf(not_exec, sizeof(not_exec), "%s/not_executable", dir);
	mkfile(not_elf, "This file is not a program: exec of it fails with "
	    "ENOEXEC.\n", 0555);
	mkfile(not_exec, "This file may not be executed.\n", 0644);
#else
	snprintf(not_elf, sizeof(not_elf), "%s/not_elf", dir);	/* 0555 */
	snprintf(not_exec, sizeof(not_exec), "%s/utest.list", dir); /* 0644 */
#endif
}

static void
test_execve__missing_file_enoent(void)
{
	char *cargv[] = { self, NULL }, *cenv[] = { NULL };

	errno = 0;
	TAP_CHECK(execve("/nonexistent/program", cargv, cenv) == -1 &&
	    errno == ENOENT);
}

static void
test_execve__not_elf_enoexec(void)
{
	char *cargv[] = { self, NULL }, *cenv[] = { NULL };

	errno = 0;
	TAP_CHECK(execve(not_elf, cargv, cenv) == -1 && errno == ENOEXEC);
}

static void
test_execve__not_executable_eacces(void)
{
	char *cargv[] = { self, NULL }, *cenv[] = { NULL };

	errno = 0;
	TAP_CHECK(execve(not_exec, cargv, cenv) == -1 && errno == EACCES);
}

static void
test_execve__directory_eacces(void)
{
	char *cargv[] = { self, NULL }, *cenv[] = { NULL };

	errno = 0;
	TAP_CHECK(execve(dir, cargv, cenv) == -1 && errno == EACCES);
}

static void
test_execve__bad_pointers_efault(void)
{
	char *cargv[] = { self, NULL }, *cenv[] = { NULL };

	errno = 0;
	TAP_CHECK(execve((char *)16, cargv, cenv) == -1 && errno == EFAULT);
	errno = 0;
	TAP_CHECK(execve(self, (char **)16, cenv) == -1 &&
	    errno == EFAULT);
}

static void
test_execve__passes_argv_and_env(void)
{
	char *cargv[4], *cenv[3];
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		cargv[0] = self;
		cargv[1] = "child";
		cargv[2] = "two words";
		cargv[3] = NULL;
		cenv[0] = "EXEC_TEST=yes";
		cenv[1] = "OTHER=1";
		cenv[2] = NULL;
		execve(self, cargv, cenv);
		_exit(99);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(waitpid(pid, &status, 0) == pid);
	TAP_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

#define CASES(X) X(execve__missing_file_enoent) X(execve__not_elf_enoexec) \
	X(execve__not_executable_eacces) X(execve__directory_eacces) \
	X(execve__bad_pointers_efault) X(execve__passes_argv_and_env)
TAP_MAIN(CASES, setup, child_mode)
