/*
 * machine/apicvar.h: the local APIC and I/O APIC drivers' interface
 * (local_apic.c, io_apic.c).  Register layouts are in <machine/apicreg.h>.
 */
#ifndef _MACHINE_APICVAR_H_
#define _MACHINE_APICVAR_H_

#include <sys/types.h>

/* local_apic.c */
extern uint64_t	lapic_timer_freq;	/* timer counts/s at DCR_DIV_16 */

void	lapic_init(void);
u_int	lapic_id(void);
void	lapic_eoi(void);
bool	lapic_in_service(u_int vector);
void	lapic_timer_oneshot_masked(uint32_t count);
uint32_t lapic_timer_read(void);
void	lapic_timer_periodic(uint32_t count, u_int vector);
void	lapic_timer_stop(void);

/* io_apic.c */
void	ioapic_init(void);
int	ioapic_irq_to_gsi(int irq, u_int *gsip, bool *levelp, bool *lowp);
int	ioapic_route(u_int gsi, u_int vector, bool level, bool activelow,
	    u_int dest);
int	ioapic_mask(u_int gsi);

#endif /* !_MACHINE_APICVAR_H_ */
