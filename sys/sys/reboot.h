/*
 * reboot.h: ending a run.
 *
 * The status reaches the host through QEMU's isa-debug-exit device (port
 * 0xf4): QEMU exits with (status << 1) | 1, so the harness can tell a
 * clean test run (33) from failed tests (35) and a panic (37).  Without
 * that device the kernel falls back to ACPI power-off (QEMU exits 0).
 */
#ifndef _SYS_REBOOT_H_
#define _SYS_REBOOT_H_

#define EXIT_STATUS_OK		0x10	/* QEMU exits 33 */
#define EXIT_STATUS_FAILED	0x11	/* QEMU exits 35: tests failed */
#define EXIT_STATUS_PANIC	0x12	/* QEMU exits 37 */

/* kern_reboot's howto (reboot(2)'s commands, which all end the run). */
#define RB_POWEROFF	0	/* power off: QEMU exits with EXIT_STATUS_OK */
#define RB_HALT		1	/* stop the CPU; the machine stays on */
#define RB_RESTART	2	/* XXX: no reset yet; powers off as RB_POWEROFF */

void	kern_poweroff(int status) __dead2;
void	kern_reboot(int howto) __dead2;
void	panic_halt(void) __dead2;
bool	kern_automated(void);

/* Machine-dependent (machdep.c). */
void	cpu_poweroff(int status) __dead2;
void	cpu_halt(void) __dead2;

#endif /* !_SYS_REBOOT_H_ */
