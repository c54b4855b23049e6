/*
 * io_apic.c: the I/O APICs, which turn device interrupt lines into
 * messages to a local APIC.
 *
 * The MADT lists each I/O APIC with its register address and the first
 * global system interrupt (GSI) of its pins; without a MADT one I/O APIC
 * at the conventional 0xfec00000 with GSI base 0 is assumed.  Registers
 * are reached through the direct map (see local_apic.c about caching).
 * ioapic_init() masks every pin and gives it its vector (IDT_IO_INTS +
 * GSI), so nothing arrives until a driver asks.
 *
 * ISA IRQs are not GSIs: the MADT's interrupt source overrides say where
 * an ISA IRQ arrives and how it is triggered (on QEMU IRQ 0, the i8254,
 * comes in on GSI 2).  An ISA IRQ without an override arrives on the GSI
 * of the same number, edge triggered, active high; a GSI from 16 up is
 * taken as a PCI line, level triggered, active low (until PCI interrupt
 * routing, ACPI's _PRT, says otherwise).  ioapic_irq_to_gsi() does that
 * translation; ioapic_route() programs a pin.
 *
 * Lock: the redirection table is written only with interrupts disabled
 * on the one CPU (intr_machdep.c holds its spin lock around calls).
 * XXX: SMP needs a spin lock here for the REGSEL/WINDOW pair.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/param.h>
#include <sys/systm.h>

#include <machine/apicreg.h>
#include <machine/apicvar.h>
#include <machine/intr_machdep.h>
#include <machine/vmparam.h>

#include <dev/acpi/acpi.h>

struct ioapic {
	volatile uint8_t *io_va;	/* (c) registers, in the direct map */
	vm_paddr_t	io_pa;		/* (c) */
	u_int		io_id;		/* (c) APIC ID from the MADT */
	u_int		io_gsi_base;	/* (c) GSI of pin 0 */
	u_int		io_npins;	/* (c) redirection entries */
};

static struct ioapic ioapics[MADT_MAX_IOAPICS];
static u_int	nioapics;

static uint32_t
ioapic_read(struct ioapic *io, u_int reg)
{
	*(volatile uint32_t *)(io->io_va + IOAPIC_REGSEL) = reg;
	return (*(volatile uint32_t *)(io->io_va + IOAPIC_WINDOW));
}

static void
ioapic_write(struct ioapic *io, u_int reg, uint32_t v)
{
	*(volatile uint32_t *)(io->io_va + IOAPIC_REGSEL) = reg;
	*(volatile uint32_t *)(io->io_va + IOAPIC_WINDOW) = v;
}

/* Find the I/O APIC and pin of gsi; NULL if no I/O APIC has it. */
static struct ioapic *
ioapic_lookup(u_int gsi, u_int *pinp)
{
	u_int i;

	for (i = 0; i < nioapics; i++) {
		struct ioapic *io = &ioapics[i];

		if (gsi >= io->io_gsi_base &&
		    gsi - io->io_gsi_base < io->io_npins) {
			*pinp = gsi - io->io_gsi_base;
			return (io);
		}
	}
	return (NULL);
}

/* Set up one I/O APIC: size it, mask every pin. */
static void
ioapic_attach(vm_paddr_t pa, u_int id, u_int gsi_base)
{
	struct ioapic *io;
	uint32_t ver;
	u_int pin;

	KASSERT(nioapics < nitems(ioapics), ("ioapic_attach: too many"));
	io = &ioapics[nioapics++];
	io->io_pa = pa;
	io->io_va = (volatile uint8_t *)PHYS_TO_DMAP(pa);
	io->io_id = id;
	io->io_gsi_base = gsi_base;
	ver = ioapic_read(io, IOAPIC_VER);
	io->io_npins = IOAPIC_VER_MAXREDIR(ver) + 1;
	for (pin = 0; pin < io->io_npins; pin++) {
		u_int gsi = gsi_base + pin;
		u_int vec = gsi < NUM_IO_INTS ? IDT_IO_INTS + gsi : 0;

		ioapic_write(io, IOAPIC_REDTBL_HI(pin), 0);
		ioapic_write(io, IOAPIC_REDTBL_LO(pin), IOART_INTMASK | vec);
	}
	printf("ioapic%u: <I/O APIC> id %u version %#x at %#lx, %u pins, "
	    "GSI %u-%u\n", nioapics - 1, id, ver & 0xff, pa, io->io_npins,
	    gsi_base, gsi_base + io->io_npins - 1);
}

/*
 * ioapic_init: attach every I/O APIC the MADT lists (or the default one),
 * all pins masked.  Interrupts disabled.
 */
void
ioapic_init(void)
{
	const struct acpi_madt_info *madt = acpi_madt();
	u_int i;

	if (madt == NULL || madt->mi_nioapics == 0) {
		printf("ioapic: no MADT; assuming one I/O APIC at %#lx\n",
		    IOAPIC_DEFAULT_ADDR);
		ioapic_attach(IOAPIC_DEFAULT_ADDR, 0, 0);
		return;
	}
	for (i = 0; i < madt->mi_nioapics; i++)
		ioapic_attach(madt->mi_ioapic[i].addr, madt->mi_ioapic[i].id,
		    madt->mi_ioapic[i].gsi_base);
	for (i = 0; i < madt->mi_noverrides; i++)
		if (bootverbose)
			printf("ioapic: ISA IRQ %u -> GSI %u, flags %#x\n",
			    madt->mi_override[i].irq, madt->mi_override[i].gsi,
			    madt->mi_override[i].flags);
}

/*
 * ioapic_irq_to_gsi: where irq (an ISA IRQ below 16, else a GSI) arrives,
 * and how it is triggered.  Returns 0, or EINVAL for a negative irq.
 */
int
ioapic_irq_to_gsi(int irq, u_int *gsip, bool *levelp, bool *lowp)
{
	const struct acpi_madt_info *madt = acpi_madt();
	u_int i;

	if (irq < 0)
		return (EINVAL);
	*gsip = irq;
	*levelp = irq >= 16;
	*lowp = irq >= 16;
	if (irq >= 16 || madt == NULL)
		return (0);
	for (i = 0; i < madt->mi_noverrides; i++) {
		uint16_t flags = madt->mi_override[i].flags;

		if (madt->mi_override[i].bus != 0 ||
		    madt->mi_override[i].irq != irq)
			continue;
		*gsip = madt->mi_override[i].gsi;
		if ((flags & MADT_POLARITY_MASK) != MADT_POLARITY_CONFORM)
			*lowp = (flags & MADT_POLARITY_MASK) ==
			    MADT_POLARITY_LOW;
		if ((flags & MADT_TRIGGER_MASK) != MADT_TRIGGER_CONFORM)
			*levelp = (flags & MADT_TRIGGER_MASK) ==
			    MADT_TRIGGER_LEVEL;
		break;
	}
	return (0);
}

/*
 * ioapic_route: deliver gsi as vector to the local APIC dest (physical
 * mode, fixed delivery) with the given trigger and polarity, unmasked.
 * Returns 0, or ENXIO if no I/O APIC has that GSI.
 */
int
ioapic_route(u_int gsi, u_int vector, bool level, bool activelow, u_int dest)
{
	struct ioapic *io;
	uint32_t lo;
	u_int pin;

	KASSERT(vector >= NIDT_EXCEPTIONS && vector < 256,
	    ("ioapic_route: vector %u", vector));
	io = ioapic_lookup(gsi, &pin);
	if (io == NULL)
		return (ENXIO);
	lo = vector | IOART_DM_FIXED | IOART_DESTPHY;
	if (level)
		lo |= IOART_TRGRLVL;
	if (activelow)
		lo |= IOART_INTALO;
	/* Masked while the two halves change, then unmasked. */
	ioapic_write(io, IOAPIC_REDTBL_LO(pin), IOART_INTMASK | lo);
	ioapic_write(io, IOAPIC_REDTBL_HI(pin), dest << IOART_DEST_SHIFT);
	ioapic_write(io, IOAPIC_REDTBL_LO(pin), lo);
	return (0);
}

/* ioapic_mask: mask gsi.  Returns 0, or ENXIO if no I/O APIC has it. */
int
ioapic_mask(u_int gsi)
{
	struct ioapic *io;
	u_int pin;

	io = ioapic_lookup(gsi, &pin);
	if (io == NULL)
		return (ENXIO);
	ioapic_write(io, IOAPIC_REDTBL_LO(pin),
	    ioapic_read(io, IOAPIC_REDTBL_LO(pin)) | IOART_INTMASK);
	return (0);
}
