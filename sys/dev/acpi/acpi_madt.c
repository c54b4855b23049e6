/*
 * acpi_madt.c: decoding the Multiple APIC Description Table ("APIC").
 *
 * The MADT is a standard table header, the local APIC's physical address
 * (32 bits), flags (bit 0: the PC's dual 8259s are present too), then
 * variable-length entries, each starting with a type byte and a length
 * byte.  The entries used here:
 *
 *   type 0  processor local APIC:  u8 ACPI id, u8 APIC id, u32 flags
 *           (bit 0 enabled): counted, for SMP later;
 *   type 1  I/O APIC:              u8 id, u8 0, u32 address, u32 GSI base;
 *   type 2  interrupt source override: u8 bus (0 = ISA), u8 bus IRQ,
 *           u32 GSI, u16 MPS INTI flags (polarity bits 0-1, trigger bits
 *           2-3); on QEMU, ISA IRQ 0 arrives on GSI 2 and IRQs 5, 9, 10
 *           and 11 are level triggered, active high;
 *   type 4  local APIC NMI:        u8 ACPI id (0xff: all), u16 flags,
 *           u8 LINT pin;
 *   type 5  local APIC address override: u16 0, u64 address.
 *
 * Other types are skipped by their length.  acpi_madt_parse() trusts
 * nothing: the signature, length and checksum are checked, and every
 * entry must fit in the table and be long enough for its type.  It is
 * pure (no hardware, no globals), so host unit tests run it on crafted
 * tables (tests/unit/madt_test.c).
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/param.h>
#include <sys/systm.h>

#include <dev/acpi/acpi.h>

#define MADT_HDR_LEN	44	/* SDT header (36), LAPIC address, flags */

#define MADT_LAPIC		0
#define MADT_IOAPIC		1
#define MADT_OVERRIDE		2
#define MADT_LAPIC_NMI		4
#define MADT_LAPIC_ADDR		5

static uint16_t
rd16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return (v);
}

static uint32_t
rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return (v);
}

static uint64_t
rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return (v);
}

/* Minimum entry lengths, by type; 0 = not used here. */
static const uint8_t madt_minlen[] = {
	[MADT_LAPIC] = 8,
	[MADT_IOAPIC] = 12,
	[MADT_OVERRIDE] = 10,
	[MADT_LAPIC_NMI] = 6,
	[MADT_LAPIC_ADDR] = 12,
};

/* Record one entry e (of a length already checked) into info. */
static void
madt_entry(const uint8_t *e, struct acpi_madt_info *info)
{
	switch (e[0]) {
	case MADT_LAPIC:
		if (rd32(e + 4) & 1)
			info->mi_ncpus++;
		break;
	case MADT_IOAPIC:
		if (info->mi_nioapics == MADT_MAX_IOAPICS) {
			info->mi_dropped++;
			break;
		}
		info->mi_ioapic[info->mi_nioapics].id = e[2];
		info->mi_ioapic[info->mi_nioapics].addr = rd32(e + 4);
		info->mi_ioapic[info->mi_nioapics].gsi_base = rd32(e + 8);
		info->mi_nioapics++;
		break;
	case MADT_OVERRIDE:
		if (info->mi_noverrides == MADT_MAX_OVERRIDES) {
			info->mi_dropped++;
			break;
		}
		info->mi_override[info->mi_noverrides].bus = e[2];
		info->mi_override[info->mi_noverrides].irq = e[3];
		info->mi_override[info->mi_noverrides].gsi = rd32(e + 4);
		info->mi_override[info->mi_noverrides].flags = rd16(e + 8);
		info->mi_noverrides++;
		break;
	case MADT_LAPIC_NMI:
		/* The first one wins; on PCs all CPUs share it (id 0xff). */
		if (info->mi_nmi_lint < 0 && e[5] <= 1) {
			info->mi_nmi_lint = e[5];
			info->mi_nmi_flags = rd16(e + 3);
		}
		break;
	case MADT_LAPIC_ADDR:
		info->mi_lapic_addr = rd64(e + 4);
		break;
	}
}

/*
 * acpi_madt_parse: decode the MADT at table, of which len bytes are
 * readable, into *info.  Returns 0, or EINVAL if the table is not a
 * well-formed MADT (then *info is zeroed).
 */
int
acpi_madt_parse(const void *table, size_t len, struct acpi_madt_info *info)
{
	const uint8_t *t = table;
	uint32_t tlen;
	uint8_t sum = 0;
	size_t off;

	memset(info, 0, sizeof(*info));
	info->mi_nmi_lint = -1;
	if (len < MADT_HDR_LEN || memcmp(t, "APIC", 4) != 0)
		return (EINVAL);
	tlen = rd32(t + 4);
	if (tlen < MADT_HDR_LEN || tlen > len)
		return (EINVAL);
	for (off = 0; off < tlen; off++)
		sum += t[off];
	if (sum != 0)
		return (EINVAL);

	info->mi_lapic_addr = rd32(t + 36);
	info->mi_flags = rd32(t + 40);
	for (off = MADT_HDR_LEN; off < tlen;) {
		const uint8_t *e = t + off;
		uint8_t type, elen;

		if (tlen - off < 2)
			goto bad;
		type = e[0];
		elen = e[1];
		if (elen < 2 || elen > tlen - off)
			goto bad;
		if (type < nitems(madt_minlen) && madt_minlen[type] != 0) {
			if (elen < madt_minlen[type])
				goto bad;
			madt_entry(e, info);
		}
		off += elen;
	}
	return (0);
bad:
	memset(info, 0, sizeof(*info));
	info->mi_nmi_lint = -1;
	return (EINVAL);
}
