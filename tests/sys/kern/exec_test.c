/*
 * exec_test: execve's errors leave the caller running (ENOENT; ENOEXEC
 * for an executable file that is no program; EACCES for a file without
 * execute permission and for a directory; EFAULT), and a successful
 * execve passes argv and the environment (the child is this program
 * again, in child mode).
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "tap.h"

int
main(int argc, char **argv)
{
	char dir[512], path[600], *cargv[4], *cenv[3];
	pid_t pid;
	int status;

	if (argc == 3 && strcmp(argv[1], "child") == 0) {
		/* The exec'd child: check what it was given. */
		const char *v = getenv("EXEC_TEST");

		if (strcmp(argv[2], "two words") != 0 || v == NULL ||
		    strcmp(v, "yes") != 0)
			return (1);
		return (42);
	}
	snprintf(path, sizeof(path), "%s", argv[0]);
	snprintf(dir, sizeof(dir), "%s", dirname(path));
	cargv[0] = argv[0];
	cargv[1] = NULL;
	cenv[0] = NULL;

	errno = 0;
	TAP_CHECK(execve("/nonexistent/program", cargv, cenv) == -1 &&
	    errno == ENOENT);
	snprintf(path, sizeof(path), "%s/not_elf", dir);	/* mode 0555 */
	errno = 0;
	TAP_CHECK(execve(path, cargv, cenv) == -1 && errno == ENOEXEC);
	snprintf(path, sizeof(path), "%s/utest.list", dir);	/* not 0555 */
	errno = 0;
	TAP_CHECK(execve(path, cargv, cenv) == -1 && errno == EACCES);
	errno = 0;
	TAP_CHECK(execve(dir, cargv, cenv) == -1 && errno == EACCES);
	errno = 0;
	TAP_CHECK(execve((char *)16, cargv, cenv) == -1 && errno == EFAULT);
	errno = 0;
	TAP_CHECK(execve(argv[0], (char **)16, cenv) == -1 &&
	    errno == EFAULT);

	pid = fork();
	if (pid == 0) {
		cargv[0] = argv[0];
		cargv[1] = "child";
		cargv[2] = "two words";
		cargv[3] = NULL;
		cenv[0] = "EXEC_TEST=yes";
		cenv[1] = "OTHER=1";
		cenv[2] = NULL;
		execve(argv[0], cargv, cenv);
		_exit(99);
	}
	TAP_CHECK(pid > 0);
	TAP_CHECK(waitpid(pid, &status, 0) == pid);
	TAP_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
	return (tap_done());
}
