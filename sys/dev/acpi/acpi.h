/*
 * acpi.h: the little of ACPI the kernel uses today: finding the FADT and
 * entering the S5 (soft-off) sleep state.
 */
#ifndef _DEV_ACPI_ACPI_H_
#define _DEV_ACPI_ACPI_H_

#include <sys/types.h>

void	acpi_init(const void *rsdp, size_t rsdp_len);
void	acpi_poweroff(void);
int	acpi_s5_sleep_type(const uint8_t *aml, size_t len, uint16_t *typa);

#endif /* !_DEV_ACPI_ACPI_H_ */
