/*
 * acpi.h: the little of ACPI the kernel uses today: finding the FADT,
 * entering the S5 (soft-off) sleep state, the RTC century register, and
 * the interrupt controllers the MADT describes.
 *
 * Only <sys/types.h> and fixed-width types here: host unit tests include
 * this header beside the C library's.
 */
#ifndef _DEV_ACPI_ACPI_H_
#define _DEV_ACPI_ACPI_H_

#include <sys/types.h>

#define MADT_MAX_IOAPICS	8
#define MADT_MAX_OVERRIDES	16

/* MADT flags. */
#define MADT_PCAT_COMPAT	0x1	/* dual 8259s are present too */

/* Interrupt source override / NMI flags (MPS INTI flags). */
#define MADT_POLARITY_MASK	0x3
#define MADT_POLARITY_CONFORM	0x0	/* as the bus says: ISA high */
#define MADT_POLARITY_HIGH	0x1
#define MADT_POLARITY_LOW	0x3
#define MADT_TRIGGER_MASK	0xc
#define MADT_TRIGGER_CONFORM	0x0	/* as the bus says: ISA edge */
#define MADT_TRIGGER_EDGE	0x4
#define MADT_TRIGGER_LEVEL	0xc

/*
 * What the MADT ("APIC" table) says, decoded by acpi_madt_parse().
 * Entries beyond the arrays' room are counted in mi_dropped, not stored.
 */
struct acpi_madt_info {
	uint64_t	mi_lapic_addr;	/* local APIC base (with override) */
	uint32_t	mi_flags;	/* MADT_PCAT_COMPAT */
	u_int		mi_ncpus;	/* enabled local APICs */
	int		mi_nmi_lint;	/* LINT pin wired to NMI, -1 unknown */
	uint16_t	mi_nmi_flags;	/* its polarity and trigger */
	u_int		mi_nioapics;
	struct {
		uint8_t	 id;
		uint32_t addr;		/* physical base of its registers */
		uint32_t gsi_base;	/* first GSI of its pins */
	} mi_ioapic[MADT_MAX_IOAPICS];
	u_int		mi_noverrides;
	struct {
		uint8_t	 bus;		/* 0: ISA */
		uint8_t	 irq;		/* the bus's IRQ number */
		uint32_t gsi;		/* where it arrives */
		uint16_t flags;		/* MADT_POLARITY_*, MADT_TRIGGER_* */
	} mi_override[MADT_MAX_OVERRIDES];
	u_int		mi_dropped;	/* entries that did not fit */
};

void	acpi_init(const void *rsdp, size_t rsdp_len);
void	acpi_poweroff(void);
int	acpi_s5_sleep_type(const uint8_t *aml, size_t len, uint16_t *typa);
uint8_t	acpi_rtc_century_reg(void);
const struct acpi_madt_info *acpi_madt(void);
int	acpi_madt_parse(const void *table, size_t len,
	    struct acpi_madt_info *info);

#endif /* !_DEV_ACPI_ACPI_H_ */
