/*
 * madt_test.c: decoding the ACPI MADT (sys/dev/acpi/acpi_madt.c) from
 * crafted tables: one shaped like QEMU's, and malformed ones that must be
 * rejected without reading past the table.
 */
#include <atf-c.h>
#include <errno.h>
#include <string.h>

#include "kshim.h"
#include "../../sys/dev/acpi/acpi.h"

struct tbl {
	uint8_t	b[1024];
	size_t	len;
};

static void
put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static void
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void
tbl_init(struct tbl *t, uint32_t lapic, uint32_t flags)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, "APIC", 4);
	t->b[8] = 3;				/* revision */
	memcpy(t->b + 10, "UMBRA ", 6);
	put32(t->b + 36, lapic);
	put32(t->b + 40, flags);
	t->len = 44;
}

static void
tbl_add(struct tbl *t, const uint8_t *e, size_t n)
{
	memcpy(t->b + t->len, e, n);
	t->len += n;
}

/* Fix the length and checksum. */
static void
tbl_seal(struct tbl *t)
{
	uint8_t sum = 0;
	size_t i;

	put32(t->b + 4, (uint32_t)t->len);
	t->b[9] = 0;
	for (i = 0; i < t->len; i++)
		sum += t->b[i];
	t->b[9] = (uint8_t)-sum;
}

static void
add_lapic(struct tbl *t, uint8_t acpi_id, uint8_t apic_id, uint32_t flags)
{
	uint8_t e[8] = { 0, 8, acpi_id, apic_id };

	put32(e + 4, flags);
	tbl_add(t, e, sizeof(e));
}

static void
add_ioapic(struct tbl *t, uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	uint8_t e[12] = { 1, 12, id, 0 };

	put32(e + 4, addr);
	put32(e + 8, gsi_base);
	tbl_add(t, e, sizeof(e));
}

static void
add_override(struct tbl *t, uint8_t irq, uint32_t gsi, uint16_t flags)
{
	uint8_t e[10] = { 2, 10, 0, irq };

	put32(e + 4, gsi);
	put16(e + 8, flags);
	tbl_add(t, e, sizeof(e));
}

/* What QEMU's pc machine builds for one CPU. */
static void
qemu_madt(struct tbl *t)
{
	static const uint8_t nmi[6] = { 4, 6, 0xff, 0x00, 0x00, 1 };
	static const uint8_t x2apic[16] = { 9, 16 };	/* skipped */

	tbl_init(t, 0xfee00000, 1);
	add_lapic(t, 0, 0, 1);
	add_ioapic(t, 0, 0xfec00000, 0);
	add_override(t, 0, 2, 0);
	add_override(t, 5, 5, 0xd);
	add_override(t, 9, 9, 0xd);
	add_override(t, 10, 10, 0xd);
	add_override(t, 11, 11, 0xd);
	tbl_add(t, nmi, sizeof(nmi));
	tbl_add(t, x2apic, sizeof(x2apic));
	tbl_seal(t);
}

ATF_TC_WITHOUT_HEAD(madt__qemu_table);
ATF_TC_BODY(madt__qemu_table, tc)
{
	struct acpi_madt_info mi;
	struct tbl t;

	qemu_madt(&t);
	ATF_REQUIRE_EQ(acpi_madt_parse(t.b, t.len, &mi), 0);
	ATF_CHECK_EQ(mi.mi_lapic_addr, 0xfee00000);
	ATF_CHECK_EQ(mi.mi_flags, MADT_PCAT_COMPAT);
	ATF_CHECK_EQ(mi.mi_ncpus, 1);
	ATF_CHECK_EQ(mi.mi_nmi_lint, 1);
	ATF_CHECK_EQ(mi.mi_nmi_flags, 0);
	ATF_REQUIRE_EQ(mi.mi_nioapics, 1);
	ATF_CHECK_EQ(mi.mi_ioapic[0].id, 0);
	ATF_CHECK_EQ(mi.mi_ioapic[0].addr, 0xfec00000);
	ATF_CHECK_EQ(mi.mi_ioapic[0].gsi_base, 0);
	ATF_REQUIRE_EQ(mi.mi_noverrides, 5);
	ATF_CHECK_EQ(mi.mi_override[0].bus, 0);
	ATF_CHECK_EQ(mi.mi_override[0].irq, 0);
	ATF_CHECK_EQ(mi.mi_override[0].gsi, 2);
	ATF_CHECK_EQ(mi.mi_override[0].flags, 0);
	ATF_CHECK_EQ(mi.mi_override[1].irq, 5);
	ATF_CHECK_EQ(mi.mi_override[1].flags & MADT_TRIGGER_MASK,
	    MADT_TRIGGER_LEVEL);
	ATF_CHECK_EQ(mi.mi_override[1].flags & MADT_POLARITY_MASK,
	    MADT_POLARITY_HIGH);
	ATF_CHECK_EQ(mi.mi_override[4].irq, 11);
	ATF_CHECK_EQ(mi.mi_dropped, 0);
}

ATF_TC_WITHOUT_HEAD(madt__cpus_ioapics_and_address_override);
ATF_TC_BODY(madt__cpus_ioapics_and_address_override, tc)
{
	uint8_t lapic_addr[12] = { 5, 12, 0, 0 };
	uint64_t addr = 0x1fee00000ull;
	struct acpi_madt_info mi;
	struct tbl t;

	tbl_init(&t, 0xfee00000, 0);
	add_lapic(&t, 0, 0, 1);
	add_lapic(&t, 1, 1, 1);
	add_lapic(&t, 2, 2, 0);		/* disabled */
	add_lapic(&t, 3, 3, 2);		/* online-capable only */
	add_ioapic(&t, 4, 0xfec00000, 0);
	add_ioapic(&t, 5, 0xfec01000, 24);
	memcpy(lapic_addr + 4, &addr, 8);
	tbl_add(&t, lapic_addr, sizeof(lapic_addr));
	tbl_seal(&t);
	ATF_REQUIRE_EQ(acpi_madt_parse(t.b, t.len, &mi), 0);
	ATF_CHECK_EQ(mi.mi_ncpus, 2);
	ATF_CHECK_EQ(mi.mi_lapic_addr, addr);
	ATF_CHECK_EQ(mi.mi_nmi_lint, -1);
	ATF_REQUIRE_EQ(mi.mi_nioapics, 2);
	ATF_CHECK_EQ(mi.mi_ioapic[1].id, 5);
	ATF_CHECK_EQ(mi.mi_ioapic[1].addr, 0xfec01000);
	ATF_CHECK_EQ(mi.mi_ioapic[1].gsi_base, 24);
}

ATF_TC_WITHOUT_HEAD(madt__too_many_overrides_counted);
ATF_TC_BODY(madt__too_many_overrides_counted, tc)
{
	struct acpi_madt_info mi;
	struct tbl t;
	int i;

	tbl_init(&t, 0xfee00000, 0);
	for (i = 0; i < MADT_MAX_OVERRIDES + 4; i++)
		add_override(&t, (uint8_t)i, (uint32_t)i, 0);
	tbl_seal(&t);
	ATF_REQUIRE_EQ(acpi_madt_parse(t.b, t.len, &mi), 0);
	ATF_CHECK_EQ(mi.mi_noverrides, MADT_MAX_OVERRIDES);
	ATF_CHECK_EQ(mi.mi_dropped, 4);
	ATF_CHECK_EQ(mi.mi_override[MADT_MAX_OVERRIDES - 1].irq,
	    MADT_MAX_OVERRIDES - 1);
}

ATF_TC_WITHOUT_HEAD(madt__malformed_rejected);
ATF_TC_BODY(madt__malformed_rejected, tc)
{
	static const uint8_t zero_len[2] = { 1, 0 };
	static const uint8_t short_ioapic[8] = { 1, 8 };
	static const uint8_t overrun[12] = { 1, 40 };
	struct acpi_madt_info mi;
	struct tbl t;

	/* Wrong signature. */
	qemu_madt(&t);
	memcpy(t.b, "FACP", 4);
	tbl_seal(&t);
	ATF_CHECK_EQ(acpi_madt_parse(t.b, t.len, &mi), EINVAL);

	/* Bad checksum. */
	qemu_madt(&t);
	t.b[50] ^= 1;
	ATF_CHECK_EQ(acpi_madt_parse(t.b, t.len, &mi), EINVAL);

	/* The header claims more than is readable. */
	qemu_madt(&t);
	ATF_CHECK_EQ(acpi_madt_parse(t.b, t.len - 1, &mi), EINVAL);
	ATF_CHECK_EQ(acpi_madt_parse(t.b, 20, &mi), EINVAL);

	/* A zero-length entry would loop forever. */
	tbl_init(&t, 0xfee00000, 0);
	tbl_add(&t, zero_len, sizeof(zero_len));
	tbl_seal(&t);
	ATF_CHECK_EQ(acpi_madt_parse(t.b, t.len, &mi), EINVAL);

	/* An entry too short for its type. */
	tbl_init(&t, 0xfee00000, 0);
	tbl_add(&t, short_ioapic, sizeof(short_ioapic));
	tbl_seal(&t);
	ATF_CHECK_EQ(acpi_madt_parse(t.b, t.len, &mi), EINVAL);

	/* An entry running past the table's end. */
	tbl_init(&t, 0xfee00000, 0);
	tbl_add(&t, overrun, sizeof(overrun));
	tbl_seal(&t);
	ATF_CHECK_EQ(acpi_madt_parse(t.b, t.len, &mi), EINVAL);
	ATF_CHECK_EQ(mi.mi_nioapics, 0);
	ATF_CHECK_EQ(mi.mi_nmi_lint, -1);

	/* A lone type byte at the end. */
	tbl_init(&t, 0xfee00000, 0);
	tbl_add(&t, zero_len, 1);
	tbl_seal(&t);
	ATF_CHECK_EQ(acpi_madt_parse(t.b, t.len, &mi), EINVAL);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, madt__qemu_table);
	ATF_TP_ADD_TC(tp, madt__cpus_ioapics_and_address_override);
	ATF_TP_ADD_TC(tp, madt__too_many_overrides_counted);
	ATF_TP_ADD_TC(tp, madt__malformed_rejected);
	return (atf_no_error());
}
