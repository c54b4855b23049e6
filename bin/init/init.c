/*
 * init: the first user process (pid 1), started by the kernel from the
 * root file system's /sbin/init when the command line says umbra.init=1.
 *
 * It mounts the file systems the kernel has not mounted yet (devfs on
 * /dev, procfs on /proc, tmpfs on /tmp), runs /etc/rc with /bin/sh, then
 * works in one of two modes, chosen by the kernel command line
 * (/proc/cmdline):
 *
 *   normal       a login shell (/bin/sh -l) on /dev/console, started
 *                again each time it exits; orphans are reaped meanwhile.
 *   umbra.kyua=1 the test mode: `kyua test` over /usr/tests/Kyuafile,
 *                then `kyua report --verbose` and `kyua report-junit`
 *                into /usr/tests (KYUA_* below), then Kyua's own check,
 *                /usr/tests/harness (a case that times out: HARNESS_*),
 *                where the host reads them from the image after the run;
 *                then sync and power off.
 *
 * Signals, as busybox's poweroff, reboot and halt send them to pid 1:
 * SIGUSR2 powers off, SIGTERM reboots, SIGUSR1 halts; each after sync.
 * init only notes the signal in its handler and acts on it in its wait
 * loop (wait is interrupted: the handlers are installed without
 * SA_RESTART).
 */
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define	CONSOLE		"/dev/console"
#define	SHELL		"/bin/sh"
#define	KYUA		"/usr/bin/kyua"
#define	KYUA_KYUAFILE	"/usr/tests/Kyuafile"
#define	KYUA_DB		"/usr/tests/test-results.db"
#define	KYUA_REPORT	"/usr/tests/test-report.txt"
#define	KYUA_JUNIT	"/usr/tests/test-report.xml"
#define	KYUA_STATUS	"/usr/tests/test-status.txt"
/* Kyua's own behaviour (a case that times out), outside the suite. */
#define	HARNESS_KYUAFILE "/usr/tests/harness/Kyuafile"
#define	HARNESS_DB	"/usr/tests/harness-results.db"
#define	HARNESS_REPORT	"/usr/tests/harness-report.txt"

static char *const init_env[] = {
	"HOME=/root",
	"PATH=/sbin:/bin:/usr/sbin:/usr/bin",
	"TERM=vt100",
	"SHELL=/bin/sh",
	"USER=root",
	"LOGNAME=root",
	"ATF_SHELL=/bin/sh",	/* atf-sh's default is /bin/bash: not here */
	NULL
};

/* The last of SIGUSR1/SIGUSR2/SIGTERM received (0: none yet). */
static volatile sig_atomic_t init_shutdown_sig;

/* say: init's messages on the console, prefixed with "init: ". */
static void
say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "init: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	(void)write(STDERR_FILENO, buf, n);
}

/*
 * mount_if_needed: mount fstype on path unless something is mounted
 * there already (path's device differs from its parent's, or mount(2)
 * says EBUSY).
 */
static void
mount_if_needed(const char *fstype, const char *source, const char *path)
{
	struct stat root, sb;

	if (stat("/", &root) == 0 && stat(path, &sb) == 0 &&
	    sb.st_dev != root.st_dev)
		return;
	if (mount(source, path, fstype, MS_NOSUID, NULL) != 0 &&
	    errno != EBUSY)
		say("cannot mount %s on %s: %s", fstype, path,
		    strerror(errno));
}

/* console_stdio: make 0, 1 and 2 the console (not a controlling tty). */
static void
console_stdio(void)
{
	int fd;

	fd = open(CONSOLE, O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;		/* keep what the kernel gave */
	(void)dup2(fd, STDIN_FILENO);
	(void)dup2(fd, STDOUT_FILENO);
	(void)dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		(void)close(fd);
}

/*
 * idle: sleep until a signal arrives (a read of a pipe nobody writes,
 * which the signal interrupts: pause(2) is not needed).
 */
static void
idle(void)
{
	static int p[2] = { -1, -1 };
	char c;

	if (p[0] < 0 && pipe(p) != 0)
		return;
	(void)read(p[0], &c, 1);
}

/* shutdown_now: sync and end the run as sig asks; does not return. */
static void
shutdown_now(int sig)
{
	int cmd;

	switch (sig) {
	case SIGUSR1:
		say("halting");
		cmd = RB_HALT_SYSTEM;
		break;
	case SIGTERM:
		say("rebooting");
		cmd = RB_AUTOBOOT;
		break;
	default:
		say("powering off");
		cmd = RB_POWER_OFF;
		break;
	}
	sync();
	(void)reboot(cmd);
	say("reboot(2) failed: %s", strerror(errno));
	for (;;)
		idle();
}

/*
 * run: start argv[0] with argv in a child (stdio on the console, a new
 * session), and wait for it, reaping other children meanwhile.  Returns
 * its wait status, or -1 if it could not be started.  A shutdown signal
 * ends the run from here.
 */
static int
run(char *const argv[])
{
	pid_t pid, w;
	int status;

	pid = fork();
	if (pid < 0) {
		say("fork: %s", strerror(errno));
		return (-1);
	}
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGUSR1, SIG_DFL);
		signal(SIGUSR2, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);	/* ignored ones survive exec */
		signal(SIGHUP, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		(void)setsid();
		console_stdio();
		/*
		 * As on Linux, opening /dev/console never makes it the
		 * controlling terminal (the famous "can't access tty; job
		 * control turned off"): the session leader asks for it.
		 */
		(void)ioctl(STDIN_FILENO, TIOCSCTTY, 0);
		execve(argv[0], argv, init_env);
		say("cannot run %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	for (;;) {
		if (init_shutdown_sig != 0)
			shutdown_now(init_shutdown_sig);
		w = wait(&status);
		if (init_shutdown_sig != 0)
			shutdown_now(init_shutdown_sig);
		if (w == pid)
			return (status);
		if (w < 0 && errno == ECHILD)
			return (-1);
	}
}

/* cmdline_has: does the kernel command line hold the word word? */
static bool
cmdline_has(const char *word)
{
	char buf[1024], *p, *save;
	ssize_t n;
	int fd;

	fd = open("/proc/cmdline", O_RDONLY);
	if (fd < 0)
		return (false);
	n = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	if (n <= 0)
		return (false);
	buf[n] = '\0';
	for (p = strtok_r(buf, " \t\n", &save); p != NULL;
	    p = strtok_r(NULL, " \t\n", &save))
		if (strcmp(p, word) == 0)
			return (true);
	return (false);
}

/* status_line: step what's wait status, as a line of KYUA_STATUS. */
static void
status_line(FILE *f, const char *what, int status)
{
	if (status < 0)
		fprintf(f, "%s not-started\n", what);
	else if (WIFEXITED(status))
		fprintf(f, "%s exit %d\n", what, WEXITSTATUS(status));
	else
		fprintf(f, "%s signal %d\n", what, WTERMSIG(status));
}

/*
 * kyua_mode: run the test suite, store its reports in /usr/tests, and
 * power off.  KYUA_STATUS, written last, tells the host each step's
 * status (and, by being there, that init got to the end).
 */
static void
kyua_mode(void)
{
	static char *const test[] = { KYUA, "test", "--kyuafile=" KYUA_KYUAFILE,
	    "--results-file=" KYUA_DB, NULL };
	static char *const report[] = { KYUA, "report", "--verbose",
	    "--results-file=" KYUA_DB, "--output=" KYUA_REPORT, NULL };
	static char *const junit[] = { KYUA, "report-junit",
	    "--results-file=" KYUA_DB, "--output=" KYUA_JUNIT, NULL };
	static char *const htest[] = { KYUA, "test",
	    "--kyuafile=" HARNESS_KYUAFILE, "--results-file=" HARNESS_DB, NULL };
	static char *const hreport[] = { KYUA, "report",
	    "--results-filter=passed,broken,failed",
	    "--results-file=" HARNESS_DB, "--output=" HARNESS_REPORT, NULL };
	int st_test, st_report, st_junit, st_htest, st_hreport;
	FILE *f;

	say("test mode: kyua test -k %s", KYUA_KYUAFILE);
	(void)unlink(KYUA_DB);
	(void)unlink(HARNESS_DB);
	(void)unlink(KYUA_STATUS);
	(void)chdir("/usr/tests");
	st_test = run(test);
	st_report = run(report);
	st_junit = run(junit);
	say("test mode: kyua test -k %s", HARNESS_KYUAFILE);
	st_htest = run(htest);
	st_hreport = run(hreport);
	f = fopen(KYUA_STATUS, "w");
	if (f != NULL) {
		status_line(f, "test", st_test);
		status_line(f, "report", st_report);
		status_line(f, "report-junit", st_junit);
		status_line(f, "harness", st_htest);
		status_line(f, "harness-report", st_hreport);
		fclose(f);
	}
	say("test mode: done; results in %s and %s", KYUA_REPORT, KYUA_JUNIT);
	shutdown_now(SIGUSR2);
}

static void
on_shutdown_signal(int sig)
{
	init_shutdown_sig = sig;
}

int
main(void)
{
	static char *const rc[] = { SHELL, "/etc/rc", NULL };
	static char *const login[] = { SHELL, "-l", NULL };
	struct sigaction sa;
	int status;

	if (getpid() != 1)
		say("warning: running as pid %d, not 1", (int)getpid());
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_shutdown_signal;	/* no SA_RESTART: wait stops */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);

	mount_if_needed("devfs", "devfs", "/dev");
	mount_if_needed("procfs", "proc", "/proc");
	mount_if_needed("tmpfs", "tmpfs", "/tmp");
	console_stdio();
	umask(022);
	(void)chdir("/");

	if (access("/etc/rc", R_OK) == 0)
		(void)run(rc);
	if (cmdline_has("umbra.kyua=1"))
		kyua_mode();
	for (;;) {
		status = run(login);
		if (status < 0 || (WIFEXITED(status) &&
		    WEXITSTATUS(status) == 127))
			break;
		say("shell exited; starting another");
	}
	/* No shell to run: keep reaping orphans until told to stop. */
	say("no shell; waiting for a shutdown signal");
	for (;;) {
		if (wait(&status) < 0 && errno == ECHILD)
			idle();
		if (init_shutdown_sig != 0)
			shutdown_now(init_shutdown_sig);
	}
}
