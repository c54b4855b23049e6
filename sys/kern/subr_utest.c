/*
 * subr_utest.c: the user test mode (umbra.utest=1 on the command line).
 *
 * A kernel thread runs the programs the boot module lists in
 * /tests/utest.list, one after another, each as a new user process (a
 * child of proc0) started by exec of /tests/NAME with argv { path } and
 * a small environment, and waits for it.  The list gives each program's
 * expected end: "exit N" or "signal N" (tests/sys/kern/utest.list).
 * Output is TAP version 13 that tools/ktest.sh reads:
 *
 *	1..N
 *	# running NAME
 *	# <each line the program writes, prefixed with "# ">
 *	# program NAME exited with status S     (or: killed by signal S)
 *	ok 1 - NAME                               (or: not ok, and why)
 *
 * (make test reads it with KTEST_PREFIX=user: results user:NAME, beside
 * the host's host:NAME.)
 * Then the kernel powers off with EXIT_STATUS_OK when every program
 * ended as expected, else EXIT_STATUS_FAILED.  The free page count is
 * compared before and after (a leak is reported, as a diagnostic).
 *
 * umbra.utest.only=NAME runs that one program instead of the list: its
 * line's expectation when the list has it, else "exit 0" (programs kept
 * out of the list, like tools/durability-test.sh's durable_test).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/cons.h>
#include <sys/cpio.h>
#include <sys/errno.h>
#include <sys/imgact.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/linker.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <sys/signal.h>
#include <sys/sysctl.h>
#include <sys/vmmeter.h>

#include <sys/wait.h>

#include <vm/uma.h>

#define UTEST_MAX	128
#define UTEST_NAME_MAX	64

struct utest {
	char	name[UTEST_NAME_MAX];
	bool	signaled;	/* expects death by signal `value' */
	int	value;		/* exit status or signal */
	int	maxchain;	/* deepest shadow chain allowed, 0 = any */
	char	tmpdir[32];	/* TMPDIR for the program, or "" */
};

static struct utest utests[UTEST_MAX];

/*
 * Parse the list (see tests/sys/kern/utest.list) into utests.  Returns
 * the count, or -1 with a message for a malformed line.
 */
static int
utest_parse(const char *s, size_t len)
{
	char line[160], name[UTEST_NAME_MAX], kind[16];
	size_t i = 0, n;
	int count = 0, lineno = 0, value;
	char *p, *q;

	while (i < len) {
		lineno++;
		for (n = 0; i < len && s[i] != '\n'; i++)
			if (n < sizeof(line) - 1)
				line[n++] = s[i];
		line[n] = '\0';
		i++;
		p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\0')
			continue;
		/* NAME */
		for (n = 0; *p != '\0' && *p != ' ' && *p != '\t'; p++)
			if (n < sizeof(name) - 1)
				name[n++] = *p;
		name[n] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		/* KIND */
		for (n = 0; *p != '\0' && *p != ' ' && *p != '\t'; p++)
			if (n < sizeof(kind) - 1)
				kind[n++] = *p;
		kind[n] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		/* N */
		value = 0;
		for (q = p; *q >= '0' && *q <= '9'; q++)
			value = value * 10 + (*q - '0');
		if (q == p || value > 255 || count == UTEST_MAX ||
		    (strcmp(kind, "exit") != 0 &&
		    strcmp(kind, "signal") != 0)) {
			printf("# utest.list:%d: malformed or too many\n",
			    lineno);
			return (-1);
		}
		strlcpy(utests[count].name, name, UTEST_NAME_MAX);
		utests[count].signaled = strcmp(kind, "signal") == 0;
		utests[count].value = value;
		utests[count].maxchain = 0;
		/* Optional "maxchain=N" and "tmpdir=DIR" after it. */
		if ((p = strstr(q, "maxchain=")) != NULL)
			for (p += 9; *p >= '0' && *p <= '9'; p++)
				utests[count].maxchain = utests[count].maxchain *
				    10 + (*p - '0');
		utests[count].tmpdir[0] = '\0';
		if ((p = strstr(q, "tmpdir=")) != NULL) {
			p += 7;
			for (n = 0; p[n] != '\0' && p[n] != ' ' &&
			    p[n] != '\t' && n < sizeof(utests[count].tmpdir) - 1;
			    n++)
				utests[count].tmpdir[n] = p[n];
			utests[count].tmpdir[n] = '\0';
		}
		count++;
	}
	return (count);
}

/*
 * umbra.utest.only=NAME: make utests hold only NAME's line (or "NAME
 * exit 0" when the list lacks it).  Returns the new count (1), or -1 with
 * a message for a name that cannot be a program under /tests.
 */
static int
utest_select(const char *only, int count)
{
	struct utest t;
	int i;

	if (only[0] == '\0' || strchr(only, '/') != NULL ||
	    strlen(only) >= UTEST_NAME_MAX) {
		printf("# umbra.utest.only=%s: not a program name\n", only);
		return (-1);
	}
	memset(&t, 0, sizeof(t));
	strlcpy(t.name, only, UTEST_NAME_MAX);
	for (i = 0; i < count; i++)
		if (strcmp(utests[i].name, only) == 0) {
			t = utests[i];
			break;
		}
	utests[0] = t;
	return (1);
}

/* What utest_start runs: the path, and TMPDIR if the line gave one. */
struct utest_exec {
	char	path[UTEST_NAME_MAX + 8];
	char	tmpdir_env[48];		/* "TMPDIR=DIR", or "" */
};

/* The test process's kernel half: become the program, or exit 127. */
static void
utest_start(void *arg)
{
	const struct utest_exec *ue = arg;
	const char *envv[] = { "HOME=/", "PATH=/tests:/", "TERM=dumb", NULL,
	    NULL };
	const char *path = ue->path;
	const char *argv[] = { path, NULL };
	struct image_args args;
	int error;

	if (ue->tmpdir_env[0] != '\0')
		envv[3] = ue->tmpdir_env;
	error = exec_kernel_args(&args, path, argv, envv);
	if (error == 0) {
		error = kern_execve(curthread, &args);
		exec_free_args(&args);
	}
	if (error != EJUSTRETURN) {
		printf("exec %s: error %d\n", path, error);
		exit1(curthread, 127, 0);
	}
}

/*
 * The deepest shadow chain each program made, from the sysctl
 * vm.stats.object.max_chain_depth (zeroed before each program): printed
 * for every program, and checked against utest.list's maxchain=N where
 * given.  Programs whose children overlap (fork_cow_test) may reach 3
 * legitimately: a second fork while the first child lives shadows a
 * shadow.
 */
static void
utest_chain_depth_reset(void)
{
	int zero = 0;

	(void)kernel_sysctlbyname("vm.stats.object.max_chain_depth", NULL,
	    NULL, &zero, sizeof(zero));
}

/* The deepest chain since the last call, which starts a new count. */
static int
utest_chain_depth_take(void)
{
	int depth = -1;
	size_t len = sizeof(depth);

	(void)kernel_sysctlbyname("vm.stats.object.max_chain_depth", &depth,
	    &len, NULL, 0);
	utest_chain_depth_reset();
	return (depth);
}

/* Collect zombies left to proc0 (orphans of the tests). */
static void
utest_reap_orphans(void)
{
	pid_t pid;
	int status;

	while (kern_wait4(curthread, WAIT_ANY, &status, WNOHANG, &pid, NULL) == 0 &&
	    pid != 0)
		printf("# reaped orphan pid %d (status %#x)\n", pid, status);
}

/* Run one test; true when it ended as expected. */
static bool
utest_run_one(const struct utest *t)
{
	static struct utest_exec ue;	/* one test runs at a time */
	struct proc *p;
	pid_t pid;
	int error, status, depth;
	bool ok;

	snprintf(ue.path, sizeof(ue.path), "/tests/%s", t->name);
	ue.tmpdir_env[0] = '\0';
	if (t->tmpdir[0] != '\0')
		snprintf(ue.tmpdir_env, sizeof(ue.tmpdir_env), "TMPDIR=%s",
		    t->tmpdir);
	printf("# running %s%s%s\n", t->name, t->tmpdir[0] ? " with " : "",
	    ue.tmpdir_env);
	cn_set_user_prefix("# ");
	error = proc_spawn(&proc0, utest_start, &ue, t->name,
	    PSPAWN_CTTY, &p);
	if (error == 0)
		error = kern_wait4(curthread, p->p_pid, &status, 0, &pid, NULL);
	cn_user_endline();
	cn_set_user_prefix(NULL);
	if (error != 0) {
		printf("# could not run %s: error %d\n", t->name, error);
		return (false);
	}
	if (WIFSIGNALED(status)) {
		printf("# program %s killed by signal %d (%s), exit status "
		    "%d\n", t->name, WTERMSIG(status),
		    signame(WTERMSIG(status)), 128 + WTERMSIG(status));
		ok = t->signaled && WTERMSIG(status) == t->value;
	} else {
		printf("# program %s exited with status %d\n", t->name,
		    WEXITSTATUS(status));
		ok = !t->signaled && WEXITSTATUS(status) == t->value;
	}
	if (!ok)
		printf("# expected %s %d\n", t->signaled ? "signal" : "exit",
		    t->value);
	utest_reap_orphans();
	kthread_reap();
	depth = utest_chain_depth_take();
	printf("# free pages after %s: %u; deepest shadow chain %d\n", t->name,
	    vm_cnt.v_free_count, depth);
	if (t->maxchain > 0 && depth > t->maxchain) {
		printf("# shadow chain %d deep: at most %d expected\n", depth,
		    t->maxchain);
		ok = false;
	}
	return (ok);
}

/* Pages that may stay away for reasons other than a leak. */
#define UTEST_LEAK_SLACK	16

static void
zone_pages_one(uma_zone_t zone, void *arg)
{
	struct uma_zone_stats st;

	uma_zone_get_stats(zone, &st);
	*(u_long *)arg += st.uzs_pages;
}

/*
 * Pages the zone allocator holds.  Some zones never give slabs back
 * (objects, UMA_ZONE_NOFREE): what they grew by is cache, not a leak.
 */
static u_long
utest_zone_pages(void)
{
	u_long pages = 0;

	uma_reclaim(UMA_RECLAIM_DRAIN);
	uma_zone_foreach(zone_pages_one, &pages);
	return (pages);
}

/*
 * Pages of the file cache: the programs' files stay cached in their
 * vnode objects after they exit, as on any BSD; not a leak.
 */
static u_long
utest_cache_pages(void)
{
	u_long pages = 0;
	size_t len = sizeof(pages);

	if (kernel_sysctlbyname("vm.stats.object.vnode_pages", &pages, &len,
	    NULL, 0) != 0)
		return (0);
	return (pages);
}

static void
utest_main(void *arg __unused)
{
	struct cpio_file list;
	const void *archive;
	const char *only;
	size_t len;
	u_int free_before;
	u_long cache_before, cache_after;
	u_long zone_before, zone_after;
	long lost;
	int i, n, failed = 0;

	archive = preload_search_by_name("rescue", &len);
	if (archive == NULL ||
	    cpio_lookup(archive, len, "/tests/utest.list", &list) != 0 ||
	    (n = utest_parse(list.data, list.size)) < 0) {
		printf("1..0 # no boot module with /tests/utest.list\n");
		printf("Bail out! no user tests\n");
		kern_poweroff(EXIT_STATUS_FAILED);
	}
	if ((only = kern_getenv("umbra.utest.only")) != NULL &&
	    (n = utest_select(only, n)) < 0) {
		printf("Bail out! bad umbra.utest.only\n");
		kern_poweroff(EXIT_STATUS_FAILED);
	}
	printf("TAP version 13\n1..%d\n", n + 1);
	utest_chain_depth_reset();
	zone_before = utest_zone_pages();
	cache_before = utest_cache_pages();
	free_before = vm_cnt.v_free_count;
	for (i = 0; i < n; i++) {
		if (utest_run_one(&utests[i]))
			printf("ok %d - %s%s%s\n", i + 1, utests[i].name,
			    utests[i].tmpdir[0] ? "@" : "", utests[i].tmpdir);
		else {
			printf("not ok %d - %s%s%s\n", i + 1, utests[i].name,
			    utests[i].tmpdir[0] ? "@" : "", utests[i].tmpdir);
			failed++;
		}
	}
	kthread_reap();
	printf("# utest: %d run, %d failed; free pages %u before, %u after\n",
	    n, failed, free_before, vm_cnt.v_free_count);
	/*
	 * The issue's "no leak": every page the programs used comes back,
	 * apart from what the zones and the file cache now hold (counted,
	 * and printed).
	 */
	zone_after = utest_zone_pages();
	cache_after = utest_cache_pages();
	lost = (long)free_before - (long)vm_cnt.v_free_count -
	    ((long)zone_after - (long)zone_before) -
	    ((long)cache_after - (long)cache_before);
	printf("# zone pages %lu before, %lu after; file cache pages %lu "
	    "before, %lu after; %ld pages unaccounted\n", zone_before,
	    zone_after, cache_before, cache_after, lost);
	if (lost <= UTEST_LEAK_SLACK)
		printf("ok %d - no_page_leak\n", n + 1);
	else {
		printf("not ok %d - no_page_leak\n", n + 1);
		failed++;
	}

	kern_poweroff(failed == 0 ? EXIT_STATUS_OK : EXIT_STATUS_FAILED);
}

/* With umbra.utest=1, start the runner once the boot is done. */
static void
utest_sysinit(const void *arg __unused)
{
	if (!getenv_bool("umbra.utest"))
		return;
	if (kern_getenv("umbra.test") != NULL) {
		printf("utest: umbra.utest ignored: umbra.test runs instead\n");
		return;
	}
	/* The programs run as with </dev/null: no input comes. */
	cn_set_noinput(true);
	if (kthread_add(utest_main, NULL, NULL, PRI_KERN, "utest") != 0)
		panic("utest: cannot start the runner");
}
SYSINIT(utest, SI_SUB_CREATE_INIT, SI_ORDER_SECOND, utest_sysinit, NULL);
