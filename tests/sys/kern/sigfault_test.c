/*
 * sigfault_test: the other exceptions as signals, caught: #UD is SIGILL
 * (ILL_ILLOPN at the instruction), #DE SIGFPE (FPE_INTDIV), #GP (hlt in
 * user mode) SIGSEGV from the kernel (SI_KERNEL, address 0), an x87
 * division by zero with the exception unmasked SIGFPE (FPE_FLTDIV), int3
 * SIGTRAP; the int3 handler returns, and the interrupted code finds its
 * registers (rcx and r11 included, which SYSRET would lose) and flags as
 * they were.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "tap.h"

static sigjmp_buf env;
static volatile int hits, got_signo, got_code;
static volatile uintptr_t got_addr;
uintptr_t ud_addr;

static void
handler(int sig, siginfo_t *si, void *ctx)
{
	hits++;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_addr = (uintptr_t)si->si_addr;
	(void)ctx;
	if (sig != SIGTRAP)
		siglongjmp(env, 1);
}

static void
catch(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

static void
setup(void)
{
	catch(SIGILL);
	catch(SIGFPE);
	catch(SIGSEGV);
	catch(SIGTRAP);
}

static void
test_ud2__sigill_illopn(void)
{
	hits = 0;
	if (sigsetjmp(env, 1) == 0) {
		__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"
		    "movq %%rax, %0\n"
		    "1:\tud2" : "=m"(ud_addr) : : "rax", "memory");
		tap_check(0, "ud2 returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_signo == SIGILL);
	TAP_CHECK(got_code == ILL_ILLOPN);
	TAP_CHECK(got_addr == ud_addr);
}

static void
test_int_divide_by_zero__sigfpe_intdiv(void)
{
	volatile int a = 1, b = 0, r = 0;

	hits = 0;
	if (sigsetjmp(env, 1) == 0) {
		r = a / b;
		tap_check(0, "division by zero returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_signo == SIGFPE);
	TAP_CHECK(got_code == FPE_INTDIV);
	(void)r;
}

static void
test_hlt__sigsegv_si_kernel(void)
{
	hits = 0;
	if (sigsetjmp(env, 1) == 0) {
		__asm__ volatile("hlt");
		tap_check(0, "hlt returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_signo == SIGSEGV);
	TAP_CHECK(got_code == SI_KERNEL);
	TAP_CHECK(got_addr == 0);
}

/*
 * x87 division by zero with ZE unmasked: #MF at the next fwait,
 * FPE_FLTDIV.  (Not SSE: QEMU's TCG does not raise #XM.)
 */
static void
test_x87_divide_by_zero__sigfpe_fltdiv(void)
{
	hits = 0;
	if (sigsetjmp(env, 1) == 0) {
		unsigned short cw = 0x037f & ~0x4;

		__asm__ volatile("fldcw %0\n\t"
		    "fld1\n\t"
		    "fldz\n\t"
		    "fdivrp\n\t"
		    "fwait" : : "m"(cw));
		tap_check(0, "x87 division by zero returned");
	}
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_signo == SIGFPE);
	TAP_CHECK(got_code == FPE_FLTDIV);
}

/* int3: the handler returns; the registers come back. */
static void
test_int3__handler_returns_registers_intact(void)
{
	uint64_t rcx, r11, r12, flags;

	hits = 0;
	__asm__ volatile(
	    "movq $0x1111222233334444, %%rcx\n\t"
	    "movq $0x5555666677778888, %%r11\n\t"
	    "movq $0x0123456789abcdef, %%r12\n\t"
	    "stc\n\t"
	    "int3\n\t"
	    "leaq -128(%%rsp), %%rsp\n\t"	/* past the red zone */
	    "pushfq\n\t"
	    "popq %[f]\n\t"
	    "leaq 128(%%rsp), %%rsp\n\t"
	    "movq %%rcx, %[c]\n\t"
	    "movq %%r11, %[o11]\n\t"
	    "movq %%r12, %[o12]"
	    : [c] "=&r"(rcx), [o11] "=&r"(r11), [o12] "=&r"(r12),
	      [f] "=&r"(flags)
	    : : "rcx", "r11", "r12", "memory", "cc");
	TAP_CHECK(hits == 1);
	TAP_CHECK(got_signo == SIGTRAP);
	TAP_CHECK(rcx == 0x1111222233334444ul);
	TAP_CHECK(r11 == 0x5555666677778888ul);
	TAP_CHECK(r12 == 0x0123456789abcdeful);
	TAP_CHECK(flags & 1);		/* CF survived */
}

#define CASES(X) X(ud2__sigill_illopn) X(int_divide_by_zero__sigfpe_intdiv) \
	X(hlt__sigsegv_si_kernel) X(x87_divide_by_zero__sigfpe_fltdiv) \
	X(int3__handler_returns_registers_intact)
TAP_MAIN(CASES, setup, NULL)
