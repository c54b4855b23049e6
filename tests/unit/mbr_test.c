/*
 * mbr_test.c: the MBR partition-table parser (sys/kern/subr_mbr.c) on
 * crafted sector-0 images: the layout tools/mkimage.sh makes, empty and
 * unsigned tables, and entries that are out of range or overlap.
 */
#include <atf-c.h>
#include <errno.h>
#include <string.h>

#include "kshim.h"
#include "../../sys/sys/disk.h"

/* Fill entry i (0..3) of sec. */
static void
put_entry(uint8_t *sec, int i, uint8_t status, uint8_t type,
    uint32_t start, uint32_t size)
{
	uint8_t *e = sec + 446 + 16 * i;

	memset(e, 0, 16);
	e[0] = status;
	e[4] = type;
	memcpy(e + 8, &start, 4);
	memcpy(e + 12, &size, 4);
}

static void
sec_init(uint8_t *sec)
{
	memset(sec, 0, 512);
	sec[510] = 0x55;
	sec[511] = 0xaa;
}

ATF_TC_WITHOUT_HEAD(mkimage_layout);
ATF_TC_BODY(mkimage_layout, tc)
{
	struct mbr_part p[4];
	uint8_t sec[512];
	int n;

	sec_init(sec);
	put_entry(sec, 0, 0x80, 0x83, 2048, 131072);
	put_entry(sec, 1, 0, 0x82, 133120, 65536);
	ATF_REQUIRE_EQ(mbr_parse(sec, 198656, p, &n), 0);
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(p[0].mp_index, 1);
	ATF_CHECK_EQ(p[0].mp_type, 0x83);
	ATF_CHECK(p[0].mp_boot);
	ATF_CHECK_EQ(p[0].mp_start, 2048);
	ATF_CHECK_EQ(p[0].mp_size, 131072);
	ATF_CHECK_EQ(p[1].mp_index, 2);
	ATF_CHECK_EQ(p[1].mp_type, 0x82);
	ATF_CHECK(!p[1].mp_boot);
	ATF_CHECK_EQ(p[1].mp_start, 133120);
}

ATF_TC_WITHOUT_HEAD(holes_skipped);
ATF_TC_BODY(holes_skipped, tc)
{
	struct mbr_part p[4];
	uint8_t sec[512];
	int n;

	sec_init(sec);
	put_entry(sec, 1, 0, 0x83, 100, 0);	/* size 0: unused */
	put_entry(sec, 3, 0, 0x0c, 63, 1000);
	ATF_REQUIRE_EQ(mbr_parse(sec, 2000, p, &n), 0);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(p[0].mp_index, 4);
	ATF_CHECK_EQ(p[0].mp_start, 63);

	sec_init(sec);
	ATF_REQUIRE_EQ(mbr_parse(sec, 2000, p, &n), 0);
	ATF_CHECK_EQ(n, 0);
}

ATF_TC_WITHOUT_HEAD(no_signature);
ATF_TC_BODY(no_signature, tc)
{
	struct mbr_part p[4];
	uint8_t sec[512];
	int n = 7;

	sec_init(sec);
	put_entry(sec, 0, 0x80, 0x83, 2048, 100);
	sec[511] = 0;
	ATF_CHECK_EQ(mbr_parse(sec, 1 << 20, p, &n), ENXIO);
	ATF_CHECK_EQ(n, 0);
}

ATF_TC_WITHOUT_HEAD(bad_entries);
ATF_TC_BODY(bad_entries, tc)
{
	struct mbr_part p[4];
	uint8_t sec[512];
	int n;

	/* Past the end of the disk, by one sector. */
	sec_init(sec);
	put_entry(sec, 0, 0, 0x83, 2048, 1000);
	ATF_CHECK_EQ(mbr_parse(sec, 3047, p, &n), EINVAL);
	ATF_CHECK_EQ(mbr_parse(sec, 3048, p, &n), 0);
	/* 32-bit wrap of start + size. */
	put_entry(sec, 0, 0, 0x83, 0xfffffff0u, 0x20);
	ATF_CHECK_EQ(mbr_parse(sec, 1ull << 40, p, &n), 0);
	ATF_CHECK_EQ(mbr_parse(sec, 0xffffffffull, p, &n), EINVAL);
	/* Starting at sector 0 (over the MBR itself). */
	put_entry(sec, 0, 0, 0x83, 0, 10);
	ATF_CHECK_EQ(mbr_parse(sec, 3048, p, &n), EINVAL);
	/* Bad status byte. */
	put_entry(sec, 0, 0x12, 0x83, 2048, 10);
	ATF_CHECK_EQ(mbr_parse(sec, 3048, p, &n), EINVAL);
	/* Overlap. */
	put_entry(sec, 0, 0, 0x83, 2048, 100);
	put_entry(sec, 2, 0, 0x82, 2147, 100);
	ATF_CHECK_EQ(mbr_parse(sec, 1 << 20, p, &n), EINVAL);
	put_entry(sec, 2, 0, 0x82, 2148, 100);
	ATF_CHECK_EQ(mbr_parse(sec, 1 << 20, p, &n), 0);
	ATF_CHECK_EQ(n, 2);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, mkimage_layout);
	ATF_TP_ADD_TC(tp, holes_skipped);
	ATF_TP_ADD_TC(tp, no_signature);
	ATF_TP_ADD_TC(tp, bad_entries);
	return (atf_no_error());
}
