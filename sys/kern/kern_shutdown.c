/*
 * kern_shutdown.c: panic and power-off.
 *
 * panic() prints its message, the CPU and a backtrace, then stops.  In an
 * automated run (the command line selects in-kernel tests, or says
 * umbra.panic=exit) it powers off with EXIT_STATUS_PANIC so the harness
 * fails at once instead of waiting for its timeout; interactively it
 * halts, leaving the message on the screen (umbra.panic=halt forces
 * that).  A panic while panicking prints the second message and halts
 * without trying anything more.
 *
 * kern_reboot is the end a user asks for (reboot(2)): the file systems
 * are written back first, then the machine powers off or halts.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <sys/syscallsubr.h>

#include <machine/cpufunc.h>
#include <machine/db_machdep.h>
#include <machine/pcpu.h>

const char *panicstr;

/* kern_automated: is a harness waiting for this run to end by itself? */
bool
kern_automated(void)
{
	const char *v = kern_getenv("umbra.panic");

	if (v != NULL)
		return (strcmp(v, "exit") == 0);
	return (kern_getenv("umbra.test") != NULL);
}

/* kern_poweroff: end the run with status (EXIT_STATUS_*). */
void
kern_poweroff(int status)
{
	printf("Umbra: powering off (status %#x)\n", status);
	cpu_poweroff(status);
}

/*
 * kern_reboot: reboot(2)'s end of the run: sync every file system, then
 * halt (RB_HALT) or power off with EXIT_STATUS_OK.  RB_RESTART powers
 * off too: there is no reset path yet, and QEMU runs with -no-reboot.
 */
void
kern_reboot(int howto)
{
	KASSERT(howto == RB_POWEROFF || howto == RB_HALT ||
	    howto == RB_RESTART, ("kern_reboot: howto %d", howto));
	printf("Umbra: syncing file systems\n");
	(void)kern_sync(curthread);
	if (howto == RB_HALT) {
		printf("Umbra: system halted\n");
		cpu_halt();
	}
	if (howto == RB_RESTART)
		printf("Umbra: restart requested; powering off instead\n");
	kern_poweroff(EXIT_STATUS_OK);
}

/* panic_halt: the end of every panic, after the report is printed. */
void
panic_halt(void)
{
	if (kern_automated())
		cpu_poweroff(EXIT_STATUS_PANIC);
	printf("Umbra: halted after panic (in QEMU, Ctrl-A X exits)\n");
	cpu_halt();
}

void
vpanic(const char *fmt, va_list ap)
{
	disable_intr();
	if (panicstr != NULL) {
		printf("panic: nested panic: ");
		vprintf(fmt, ap);
		printf("\n");
		cpu_halt();
	}
	panicstr = fmt;
	printf("panic: ");
	vprintf(fmt, ap);
	printf("\ncpuid = %u\n", PCPU_GET(cpuid));
	db_trace_self();
	panic_halt();
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(fmt, ap);
}
