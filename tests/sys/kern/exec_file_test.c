/*
 * exec_file_test: exec of files (issue 5): a running program cannot be
 * opened for writing, and a file open for writing cannot be executed
 * (ETXTBSY, both ways, as Linux); a "#!" script runs its interpreter
 * with the optional argument, the script's path and the rest of argv;
 * scripts nest; a script whose interpreter is missing fails with
 * ENOENT; ENOEXEC for a file that is neither.  Scratch files go to /tmp.
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

static char dir[64];

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

int
main(int argc, char **argv)
{
	char self[256], script[128], script2[128], bad[128], copy[128];
	char *sargv[4];
	int fd;

	/*
	 * Run as an interpreter: the rest of the "#!" line is ONE argument
	 * ("--interp opt arg"), then the script's path, then the caller's
	 * argv[1..].  A nested script adds its own line in front.
	 */
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
		for (fd = 0; fd < argc; fd++)
			printf("# argv[%d] = %s\n", fd, argv[fd]);
		return (1);
	}
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(dir, sizeof(dir), "/tmp/exec_file_test.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		printf("# mkdtemp: %s\n", strerror(errno));
		return (1);
	}

	/* ETXTBSY both ways. */
	TAP_ERRNO("open of the running program for writing", ETXTBSY,
	    open(self, O_WRONLY));
	snprintf(copy, sizeof(copy), "%s/copy", dir);
	fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	TAP_CHECK(fd >= 0);
	sargv[0] = copy;
	sargv[1] = NULL;
	TAP_ERRNO("exec of a file open for writing", ETXTBSY,
	    execv(copy, sargv));
	close(fd);

	/* A script, and a script whose interpreter is that script. */
	snprintf(script, sizeof(script), "%s/script", dir);
	{
		char text[400];

		snprintf(text, sizeof(text), "#!%s --interp opt arg\nignored\n",
		    self);
		TAP_CHECK(mkfile(script, text, 0755) == 0);
		snprintf(text, sizeof(text), "#! %s --interp\n", script);
		snprintf(script2, sizeof(script2), "%s/script2", dir);
		TAP_CHECK(mkfile(script2, text, 0755) == 0);
	}
	sargv[0] = script;
	sargv[1] = "x";
	sargv[2] = NULL;
	TAP_CHECK(run(script, sargv) == 42);
	sargv[0] = script2;
	sargv[1] = "y";
	TAP_CHECK(run(script2, sargv) == 43);

	/* A script whose interpreter is missing: ENOENT. */
	snprintf(bad, sizeof(bad), "%s/bad", dir);
	TAP_CHECK(mkfile(bad, "#!/no/such/interpreter\n", 0755) == 0);
	sargv[0] = bad;
	sargv[1] = NULL;
	TAP_CHECK(run(bad, sargv) == 100 + ENOENT);
	/* Not a program, not a script. */
	TAP_CHECK(mkfile(copy, "just text\n", 0755) == 0);
	sargv[0] = copy;
	TAP_CHECK(run(copy, sargv) == 100 + ENOEXEC);
	/* Not executable. */
	TAP_CHECK(chmod(bad, 0644) == 0);
	sargv[0] = bad;
	TAP_CHECK(run(bad, sargv) == 100 + EACCES);

	unlink(script);
	unlink(script2);
	unlink(bad);
	unlink(copy);
	rmdir(dir);
	return (tap_done());
}
