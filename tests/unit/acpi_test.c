/*
 * acpi_test.c: decoding the \_S5_ sleep type from AML
 * (sys/dev/acpi/acpi_pm.c), on byte strings shaped as compilers emit them.
 */
#include <atf-c.h>
#include <errno.h>

#include "kshim.h"

ATF_TC_WITHOUT_HEAD(acpi__s5_byte_prefix);
ATF_TC_BODY(acpi__s5_byte_prefix, tc)
{
	/* Name (_S5_, Package (4) { 0x05, 0x05, 0, 0 }) */
	static const uint8_t aml[] = { 0x10, 0x08, '_', 'S', '5', '_', 0x12,
	    0x0a, 0x04, 0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00 };
	uint16_t typ = 0xffff;

	ATF_REQUIRE_EQ(acpi_s5_sleep_type(aml + 1, sizeof(aml) - 1, &typ), 0);
	ATF_CHECK_EQ(typ, 5);
}

ATF_TC_WITHOUT_HEAD(acpi__s5_zero_op_with_root_prefix);
ATF_TC_BODY(acpi__s5_zero_op_with_root_prefix, tc)
{
	/* Name (\_S5, Package () { Zero, Zero }) as QEMU's DSDT has it. */
	static const uint8_t aml[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12,
	    0x06, 0x02, 0x00, 0x00 };
	uint16_t typ = 0xffff;

	ATF_REQUIRE_EQ(acpi_s5_sleep_type(aml, sizeof(aml), &typ), 0);
	ATF_CHECK_EQ(typ, 0);
}

ATF_TC_WITHOUT_HEAD(acpi__s5_two_byte_pkglength);
ATF_TC_BODY(acpi__s5_two_byte_pkglength, tc)
{
	static const uint8_t aml[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x40,
	    0x01, 0x04, 0x01, 0x01, 0x00, 0x00 };
	uint16_t typ = 0xffff;

	ATF_REQUIRE_EQ(acpi_s5_sleep_type(aml, sizeof(aml), &typ), 0);
	ATF_CHECK_EQ(typ, 1);
}

ATF_TC_WITHOUT_HEAD(acpi__s5_absent_or_malformed);
ATF_TC_BODY(acpi__s5_absent_or_malformed, tc)
{
	static const uint8_t none[] = { 0x08, '_', 'S', '4', '_', 0x12, 0x06,
	    0x02, 0x00, 0x00 };
	/* "_S5_" as a method reference, not a Name: no NameOp before. */
	static const uint8_t notname[] = { 0x14, '_', 'S', '5', '_', 0x12,
	    0x06, 0x02, 0x00, 0x00 };
	/* Cut off right after PackageOp. */
	static const uint8_t cut[] = { 0x08, '_', 'S', '5', '_', 0x12 };
	uint16_t typ;

	ATF_CHECK_EQ(acpi_s5_sleep_type(none, sizeof(none), &typ), ENOENT);
	ATF_CHECK_EQ(acpi_s5_sleep_type(notname, sizeof(notname), &typ),
	    ENOENT);
	ATF_CHECK_EQ(acpi_s5_sleep_type(cut, sizeof(cut), &typ), ENOENT);
	ATF_CHECK_EQ(acpi_s5_sleep_type(cut, 0, &typ), ENOENT);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, acpi__s5_byte_prefix);
	ATF_TP_ADD_TC(tp, acpi__s5_zero_op_with_root_prefix);
	ATF_TP_ADD_TC(tp, acpi__s5_two_byte_pkglength);
	ATF_TP_ADD_TC(tp, acpi__s5_absent_or_malformed);
	return (atf_no_error());
}
