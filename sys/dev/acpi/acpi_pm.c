/*
 * acpi_pm.c: ACPI soft-off.
 *
 * GRUB hands over a copy of the RSDP.  From it: the RSDT (or XSDT), the
 * FADT ("FACP") in it, the PM1a/PM1b control ports and the DSDT.  The S5
 * sleep type lives in the DSDT's AML as a package named _S5_; instead of
 * an AML interpreter, acpi_s5_sleep_type() decodes just that package
 * (NameOp "_S5_" PackageOp PkgLength NumElements, then the first element
 * as a ZeroOp, OneOp or BytePrefix byte).  Power-off writes SLP_TYPa |
 * SLP_EN to PM1a_CNT (and PM1b when present).  ACPI tables are read
 * through the direct map, so this must run after it covers them.
 *
 * The same walk keeps two things for the clocks and interrupts: the
 * FADT's CENTURY byte (the CMOS index of the RTC's century register, 0
 * if there is none) and the MADT, decoded by acpi_madt.c.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/systm.h>
#include <sys/kernel.h>

#include <machine/cpufunc.h>
#include <machine/vmparam.h>

#include <dev/acpi/acpi.h>

#define SLP_EN		(1 << 13)

struct acpi_sdt_header {
	char	 signature[4];
	uint32_t length;
	uint8_t	 revision;
	uint8_t	 checksum;
	char	 oem_id[6];
	char	 oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __packed;

static uint32_t	pm1a_cnt;	/* PM1a control port, 0 if unknown */
static uint32_t	pm1b_cnt;
static uint16_t	s5_typa;
static bool	s5_found;
static uint8_t	rtc_century;	/* FADT CENTURY: CMOS index, 0 if none */
static struct acpi_madt_info madt_info;
static bool	madt_found;

static const struct acpi_sdt_header *
acpi_map(uint64_t pa)
{
	return ((const struct acpi_sdt_header *)PHYS_TO_DMAP(pa));
}

static bool
acpi_checksum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len-- > 0)
		sum += *b++;
	return (sum == 0);
}

/*
 * acpi_s5_sleep_type: find the _S5_ package in the AML and return its
 * first element (SLP_TYPa) in *typa.  Returns 0 or ENOENT.
 */
int
acpi_s5_sleep_type(const uint8_t *aml, size_t len, uint16_t *typa)
{
	size_t i, p;

	for (i = 0; i + 4 < len; i++) {
		if (memcmp(aml + i, "_S5_", 4) != 0)
			continue;
		/* NameOp (0x08) before, optionally with a root prefix '\'. */
		if (!(i >= 1 && aml[i - 1] == 0x08) &&
		    !(i >= 2 && aml[i - 2] == 0x08 && aml[i - 1] == '\\'))
			continue;
		p = i + 4;
		if (p >= len || aml[p] != 0x12)		/* PackageOp */
			continue;
		p++;
		if (p >= len)
			return (ENOENT);
		p += ((aml[p] >> 6) & 3) + 1;		/* PkgLength */
		p++;					/* NumElements */
		if (p >= len)
			return (ENOENT);
		if (aml[p] == 0x0a && p + 1 < len)	/* BytePrefix */
			*typa = aml[p + 1];
		else if (aml[p] == 0x00 || aml[p] == 0x01) /* Zero, One */
			*typa = aml[p];
		else
			return (ENOENT);
		return (0);
	}
	return (ENOENT);
}

static void
acpi_parse_fadt(const struct acpi_sdt_header *fadt)
{
	const uint8_t *f = (const uint8_t *)fadt;
	const struct acpi_sdt_header *dsdt;
	uint32_t dsdt_pa;

	if (fadt->length < 68)
		return;
	memcpy(&dsdt_pa, f + 40, 4);
	memcpy(&pm1a_cnt, f + 64, 4);
	if (fadt->length >= 72)
		memcpy(&pm1b_cnt, f + 68, 4);
	if (fadt->length > 108)
		rtc_century = f[108];
	if (dsdt_pa == 0)
		return;
	dsdt = acpi_map(dsdt_pa);
	if (memcmp(dsdt->signature, "DSDT", 4) != 0)
		return;
	s5_found = acpi_s5_sleep_type((const uint8_t *)dsdt + sizeof(*dsdt),
	    dsdt->length - sizeof(*dsdt), &s5_typa) == 0;
}

/* acpi_init: find the power-off registers from the RSDP copy. */
void
acpi_init(const void *rsdp, size_t rsdp_len)
{
	const uint8_t *r = rsdp;
	const struct acpi_sdt_header *sdt;
	uint64_t sdt_pa = 0;
	size_t entsize, n, i;

	if (r == NULL || rsdp_len < 20 || memcmp(r, "RSD PTR ", 8) != 0) {
		printf("acpi: no RSDP; power-off by ACPI unavailable\n");
		return;
	}
	if (r[15] >= 2 && rsdp_len >= 32) {
		memcpy(&sdt_pa, r + 24, 8);	/* XSDT */
		entsize = 8;
	}
	if (sdt_pa == 0) {
		uint32_t rsdt;

		memcpy(&rsdt, r + 16, 4);
		sdt_pa = rsdt;
		entsize = 4;
	}
	sdt = acpi_map(sdt_pa);
	if (!acpi_checksum_ok(sdt, sdt->length)) {
		printf("acpi: bad root table checksum\n");
		return;
	}
	n = (sdt->length - sizeof(*sdt)) / entsize;
	for (i = 0; i < n; i++) {
		const uint8_t *ent = (const uint8_t *)sdt + sizeof(*sdt) +
		    i * entsize;
		uint64_t pa = 0;

		memcpy(&pa, ent, entsize);
		if (memcmp(acpi_map(pa)->signature, "FACP", 4) == 0)
			acpi_parse_fadt(acpi_map(pa));
		else if (memcmp(acpi_map(pa)->signature, "APIC", 4) == 0)
			madt_found = acpi_madt_parse(acpi_map(pa),
			    acpi_map(pa)->length, &madt_info) == 0;
	}
	if (bootverbose)
		printf("acpi: PM1a_CNT %#x PM1b_CNT %#x S5 %s (%u) century %#x "
		    "MADT %s\n", pm1a_cnt, pm1b_cnt, s5_found ? "found" :
		    "missing", s5_typa, rtc_century, madt_found ? "found" :
		    "missing");
}

/* acpi_rtc_century_reg: the CMOS index of the century, 0 if unknown. */
uint8_t
acpi_rtc_century_reg(void)
{
	return (rtc_century);
}

/* acpi_madt: the decoded MADT, or NULL if there was none (or it was bad). */
const struct acpi_madt_info *
acpi_madt(void)
{
	return (madt_found ? &madt_info : NULL);
}

/* acpi_poweroff: enter S5; returns only if that is impossible. */
void
acpi_poweroff(void)
{
	if (pm1a_cnt == 0 || !s5_found)
		return;
	outw(pm1a_cnt, (uint16_t)((s5_typa << 10) | SLP_EN));
	if (pm1b_cnt != 0)
		outw(pm1b_cnt, (uint16_t)((s5_typa << 10) | SLP_EN));
}
