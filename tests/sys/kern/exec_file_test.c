/*
 * exec_file_test: exec of files (issue 5): a running program cannot be
 * opened for writing, and a file open for writing cannot be executed
 * (ETXTBSY, both ways, as Linux); a "#!" script runs its interpreter
 * with the optional argument, the script's path and the rest of argv;
 * scripts nest; a script whose interpreter is missing fails with
 * ENOENT; ENOEXEC for a file that is neither; EACCES for a script
 * without execute permission.  Scratch files go to a new directory in
 * /tmp (as an ATF program: in the case's work directory).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static char dir[256], self[256];

/* Write a file with mode; 0 or -1. */
static int
mkfile(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return (-1);
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return (-1);
	}
	return (close(fd));
}

/* Run path with argv, return its exit status (or -1). */
static int
run(const char *path, char *const argv[])
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		execv(path, argv);
		_exit(100 + errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return (-1);
	return (WEXITSTATUS(status));
}

/*
 * Run as an interpreter: the rest of the "#!" line is ONE argument
 * ("--interp opt arg"), then the script's path, then the caller's
 * argv[1..].  A nested script adds its own line in front.
 */
static int
interp_mode(int argc, char **argv)
{
	int i;

	if (argc >= 2 && strncmp(argv[1], "--interp", 8) == 0) {
		if (argc == 4 && strcmp(argv[1], "--interp opt arg") == 0 &&
		    strstr(argv[2], "/script") != NULL &&
		    strcmp(argv[3], "x") == 0)
			return (42);
		if (argc == 6 && strcmp(argv[1], "--interp opt arg") == 0 &&
		    strstr(argv[2], "/script") != NULL &&
		    strcmp(argv[3], "--interp") == 0 &&
		    strstr(argv[4], "/script2") != NULL &&
		    strcmp(argv[5], "y") == 0)
			return (43);
		for (i = 0; i < argc; i++)
			printf("# argv[%d] = %s\n", i, argv[i]);
		return (1);
	}
	snprintf(self, sizeof(self), "%s", argv[0]);
	return (-1);
}

/* The scratch directory: a new one in /tmp, or the work directory. */
static void
setup(void)
{
#ifdef TAP_ATF
	ATF_REQUIRE(getcwd(dir, sizeof(dir)) != NULL);
#else
	snprintf(dir, sizeof(dir), "/tmp/exec_file_test.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		printf("# mkdtemp: %s\n", strerror(errno));
		exit(1);
	}
#endif
}

/* The scratch file name in path. */
static void
scratch(char *path, size_t size, const char *name)
{
	snprintf(path, size, "%s/%s", dir, name);
}

static void
test_open__running_program_etxtbsy(void)
{
	TAP_ERRNO("open of the running program for writing", ETXTBSY,
	    open(self, O_WRONLY));
}

static void
test_execve__file_open_for_writing_etxtbsy(void)
{
	char copy[300], *sargv[2];
	int fd;

	scratch(copy, sizeof(copy), "copy");
	fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	TAP_CHECK(fd >= 0);
	sargv[0] = copy;
	sargv[1] = NULL;
	TAP_ERRNO("exec of a file open for writing", ETXTBSY,
	    execv(copy, sargv));
	close(fd);
	unlink(copy);
}

/* A script: its interpreter gets the optional argument, path, argv. */
static void
test_script__runs_interpreter_with_args(void)
{
	char script[300], text[400], *sargv[3];

	scratch(script, sizeof(script), "script");
	snprintf(text, sizeof(text), "#!%s --interp opt arg\nignored\n", self);
	TAP_CHECK(mkfile(script, text, 0755) == 0);
	sargv[0] = script;
	sargv[1] = "x";
	sargv[2] = NULL;
	TAP_CHECK(run(script, sargv) == 42);
	unlink(script);
}

/* A script whose interpreter is a script. */
static void
test_script__nested_interpreter_script(void)
{
	char script[300], script2[300], text[400], *sargv[3];

	scratch(script, sizeof(script), "script");
	scratch(script2, sizeof(script2), "script2");
	snprintf(text, sizeof(text), "#!%s --interp opt arg\nignored\n", self);
	TAP_CHECK(mkfile(script, text, 0755) == 0);
	snprintf(text, sizeof(text), "#! %s --interp\n", script);
	TAP_CHECK(mkfile(script2, text, 0755) == 0);
	sargv[0] = script2;
	sargv[1] = "y";
	sargv[2] = NULL;
	TAP_CHECK(run(script2, sargv) == 43);
	unlink(script);
	unlink(script2);
}

/* A script whose interpreter is missing: ENOENT. */
static void
test_script__missing_interpreter_enoent(void)
{
	char bad[300], *sargv[2];

	scratch(bad, sizeof(bad), "bad");
	TAP_CHECK(mkfile(bad, "#!/no/such/interpreter\n", 0755) == 0);
	sargv[0] = bad;
	sargv[1] = NULL;
	TAP_CHECK(run(bad, sargv) == 100 + ENOENT);
	unlink(bad);
}

/* Not a program, not a script. */
static void
test_execve__text_file_enoexec(void)
{
	char copy[300], *sargv[2];

	scratch(copy, sizeof(copy), "copy");
	TAP_CHECK(mkfile(copy, "just text\n", 0755) == 0);
	sargv[0] = copy;
	sargv[1] = NULL;
	TAP_CHECK(run(copy, sargv) == 100 + ENOEXEC);
	unlink(copy);
}

/* Not executable. */
static void
test_script__not_executable_eacces(void)
{
	char bad[300], *sargv[2];

	scratch(bad, sizeof(bad), "bad");
	TAP_CHECK(mkfile(bad, "#!/no/such/interpreter\n", 0755) == 0);
	TAP_CHECK(chmod(bad, 0644) == 0);
	sargv[0] = bad;
	sargv[1] = NULL;
	TAP_CHECK(run(bad, sargv) == 100 + EACCES);
	unlink(bad);
}

#ifndef TAP_ATF
/* The plain program's last case: remove the scratch directory. */
static void
test_cleanup(void)
{
	TAP_CHECK(rmdir(dir) == 0);
}
#define CLEANUP(X)	X(cleanup)
#else
#define CLEANUP(X)
#endif

#define CASES(X) X(open__running_program_etxtbsy) \
	X(execve__file_open_for_writing_etxtbsy) \
	X(script__runs_interpreter_with_args) \
	X(script__nested_interpreter_script) \
	X(script__missing_interpreter_enoent) X(execve__text_file_enoexec) \
	X(script__not_executable_eacces) CLEANUP(X)
TAP_MAIN(CASES, setup, interp_mode)
