/*
 * machine/clock.h: the amd64 clock hardware (amd64/amd64/clock.c): the
 * TSC, the i8254 programmable interval timer, and what calibration found.
 */
#ifndef _MACHINE_CLOCK_H_
#define _MACHINE_CLOCK_H_

#include <sys/types.h>

#define I8254_FREQ	1193182		/* i8254 input clock, Hz */

/* i8254 ports and control word bits. */
#define TIMER_CNTR0	0x40
#define TIMER_CNTR2	0x42
#define TIMER_MODE	0x43
#define TIMER_SEL0	0x00
#define TIMER_SEL2	0x80
#define TIMER_16BIT	0x30	/* low byte, then high byte */
#define TIMER_LATCH	0x00	/* with a SEL: latch that counter's count */
#define TIMER_INTTC	0x00	/* mode 0: output high at terminal count */
#define TIMER_RATEGEN	0x04	/* mode 2: a pulse every count */
/* Port 0x61, the PC's "system control port B". */
#define IO_PPI		0x61
#define PPI_GATE2	0x01	/* channel 2 gate */
#define PPI_SPKR	0x02	/* speaker data enable */
#define PPI_OUT2	0x20	/* channel 2 output (read) */

extern uint64_t	tsc_freq;		/* TSC counts per second */
extern bool	tsc_freq_cpuid;		/* tsc_freq came from CPUID 0x15 */
extern bool	tsc_invariant;		/* constant rate in all P/C-states */

int	i8254_gate_wait(uint32_t count, uint32_t *ticksp, uint64_t *tscp,
	    uint32_t *lapicp);
void	i8254_delay(int usec);

#endif /* !_MACHINE_CLOCK_H_ */
