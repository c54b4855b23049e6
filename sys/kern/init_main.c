/*
 * init_main.c: machine-independent startup.
 *
 * mi_startup() gathers the SYSINITs of the whole kernel (a linker set),
 * sorts them by subsystem and then order, and calls each once.  The sort
 * is a stable insertion sort on a copy of the set: entries with equal
 * keys run in link order, and there are only tens of them.  When the
 * last one returns, the kernel has nothing to run yet: it says so and
 * idles with interrupts enabled, so the clock keeps ticking.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/imgact.h>
#include <sys/kernel.h>
#include <sys/ktest.h>
#include <sys/linker_set.h>
#include <sys/reboot.h>
#include <sys/sched.h>
#include <sys/proc.h>

#include <machine/cpufunc.h>
#include <machine/intr_machdep.h>

SET_DECLARE(sysinit_set, struct sysinit);

#define SYSINIT_MAX	256

bool	bootverbose;

static struct sysinit *sysinit_sorted[SYSINIT_MAX];
static size_t	sysinit_count;

static bool
sysinit_before(const struct sysinit *a, const struct sysinit *b)
{
	if (a->subsystem != b->subsystem)
		return (a->subsystem < b->subsystem);
	return (a->order < b->order);
}

/* sysinit_sort: order list[0..n) by (subsystem, order), stably. */
void
sysinit_sort(struct sysinit **list, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct sysinit *si = list[i];

		for (j = i; j > 0 && sysinit_before(si, list[j - 1]); j--)
			list[j] = list[j - 1];
		list[j] = si;
	}
}

void
mi_startup(void)
{
	struct sysinit **sipp;
	size_t i;

	sysinit_count = 0;
	SET_FOREACH(sipp, sysinit_set) {
		if (sysinit_count == SYSINIT_MAX)
			panic("mi_startup: more than %d SYSINITs", SYSINIT_MAX);
		sysinit_sorted[sysinit_count++] = *sipp;
	}
	sysinit_sort(sysinit_sorted, sysinit_count);

	for (i = 0; i < sysinit_count; i++) {
		struct sysinit *si = sysinit_sorted[i];

		if (si->subsystem == SI_SUB_DUMMY)
			continue;
		if (bootverbose)
			printf("sysinit: %#x/%#x %s\n", si->subsystem,
			    si->order, si->name);
		si->func(si->udata);
	}

	printf("Umbra: boot complete; the CPU idles when nothing runs "
	    "(in QEMU, Ctrl-A X exits)\n");
	/* thread0's work is done: the idle thread and kernel threads run. */
	if (sched_running())
		sched_exit_thread(curthread);
	for (;;)
		cpu_idle();
}

/* The banner's subsystem: first in line, so every later message follows it. */
static void
print_caveats(const void *arg __unused)
{
	printf("%lu SYSINITs; %s build\n", (u_long)sysinit_count,
#ifdef INVARIANTS
	    "INVARIANTS"
#else
	    "release"
#endif
	);
}
SYSINIT(caveats, SI_SUB_COPYRIGHT, SI_ORDER_FIRST, print_caveats, NULL);

/*
 * In-kernel tests of the SYSINIT machinery: the boot ran these two in
 * declaration order opposite to their keys.
 */
static int sysinit_probe_seq;
static int sysinit_probe_late, sysinit_probe_early;

static void
sysinit_probe_b(const void *arg __unused)
{
	sysinit_probe_late = ++sysinit_probe_seq;
}
SYSINIT(probe_b, SI_SUB_TUNABLES, SI_ORDER_SECOND, sysinit_probe_b, NULL);

static void
sysinit_probe_a(const void *arg __unused)
{
	sysinit_probe_early = ++sysinit_probe_seq;
}
SYSINIT(probe_a, SI_SUB_TUNABLES, SI_ORDER_FIRST, sysinit_probe_a, NULL);

KTEST(sysinit, ran_in_key_order)
{
	KT_EXPECT_EQ(kt, sysinit_probe_early, 1);
	KT_EXPECT_EQ(kt, sysinit_probe_late, 2);
}

KTEST(sysinit, sorted_table)
{
	size_t i;

	KT_ASSERT(kt, sysinit_count >= 3);
	for (i = 1; i < sysinit_count; i++)
		KT_EXPECT(kt, !sysinit_before(sysinit_sorted[i],
		    sysinit_sorted[i - 1]));
}

/*
 * start_init: the kernel half of the first user process: exec
 * /sbin/init from the root file system, else /init from the boot module
 * (the rescue path), with argv { path }.  When both fail, init exits
 * with status 127 (exit1 reports it).
 */
static void
start_init(void *arg __unused)
{
	static const char *const paths[] = { "/sbin/init", "/init" };
	static const char *const envv[] = { "HOME=/", "PATH=/sbin:/bin:/:/tests",
	    "TERM=dumb", NULL };
	const char *argv[2];
	struct image_args args;
	size_t i;
	int error = ENOENT;

	for (i = 0; i < nitems(paths); i++) {
		argv[0] = paths[i];
		argv[1] = NULL;
		error = exec_kernel_args(&args, paths[i], argv, envv);
		if (error == 0) {
			error = kern_execve(curthread, &args);
			exec_free_args(&args);
		}
		if (error == EJUSTRETURN)
			return;
	}
	printf("init: cannot exec /sbin/init or /init: error %d\n", error);
	exit1(curthread, 127, 0);
}

/*
 * create_init: with umbra.init=1, start init (pid 1, child of proc0) at
 * the end of the boot; it runs once thread0 is done.
 */
static void
create_init(const void *arg __unused)
{
	struct proc *p;

	if (!getenv_bool("umbra.init"))
		return;
	if (kern_getenv("umbra.test") != NULL) {
		printf("init: umbra.init ignored: umbra.test runs instead\n");
		return;
	}
	if (proc_spawn(&proc0, start_init, NULL, "init", 0, &p) != 0)
		panic("create_init: cannot create init");
	initproc = p;
}
SYSINIT(init, SI_SUB_CREATE_INIT, SI_ORDER_FIRST, create_init, NULL);
