/*
 * mb2_test.c: the multiboot2 boot-information parser
 * (sys/amd64/amd64/multiboot2.c) on MBIs built here, well-formed and not.
 */
#include <atf-c.h>
#include <errno.h>
#include <string.h>

#include "kshim.h"

#include <machine/multiboot2.h>

/* An MBI under construction: 8-byte aligned, as the loader makes it. */
struct mbi {
	uint8_t	 buf[8192] __attribute__((aligned(8)));
	size_t	 len;
};

static void
mbi_begin(struct mbi *m)
{
	memset(m->buf, 0xa5, sizeof(m->buf));	/* poison, not zeros */
	m->len = 8;
}

/* Append a tag with payload; pads to 8 bytes as the spec requires. */
static void
mbi_tag(struct mbi *m, uint32_t type, const void *payload, uint32_t plen)
{
	uint32_t size = 8 + plen;

	memcpy(m->buf + m->len, &type, 4);
	memcpy(m->buf + m->len + 4, &size, 4);
	memcpy(m->buf + m->len + 8, payload, plen);
	m->len += (size + 7) & ~7u;
}

static void
mbi_end(struct mbi *m)
{
	uint32_t total;

	mbi_tag(m, MB2_TAG_END, NULL, 0);
	total = (uint32_t)m->len;
	memcpy(m->buf, &total, 4);
	memset(m->buf + 4, 0, 4);
}

static void
mbi_mmap(struct mbi *m, int n, const uint64_t (*ents)[3])
{
	uint8_t p[8 + 24 * 128];
	uint32_t esize = 24, ever = 0;
	int i;

	memcpy(p, &esize, 4);
	memcpy(p + 4, &ever, 4);
	for (i = 0; i < n; i++) {
		uint32_t type = (uint32_t)ents[i][2], zero = 0;

		memcpy(p + 8 + 24 * i, &ents[i][0], 8);
		memcpy(p + 8 + 24 * i + 8, &ents[i][1], 8);
		memcpy(p + 8 + 24 * i + 16, &type, 4);
		memcpy(p + 8 + 24 * i + 20, &zero, 4);
	}
	mbi_tag(m, MB2_TAG_MMAP, p, 8 + 24 * n);
}

static const uint64_t qemu_map[][3] = {
	{ 0x0, 0x9fc00, MB2_MEM_AVAILABLE },
	{ 0x9fc00, 0x400, MB2_MEM_RESERVED },
	{ 0xf0000, 0x10000, MB2_MEM_RESERVED },
	{ 0x100000, 0xfee0000, MB2_MEM_AVAILABLE },
	{ 0xffe0000, 0x20000, MB2_MEM_RESERVED },
	{ 0x100000000, 0x40000000, MB2_MEM_AVAILABLE },
};

ATF_TC_WITHOUT_HEAD(mb2__parses_a_grub_like_mbi);
ATF_TC_BODY(mb2__parses_a_grub_like_mbi, tc)
{
	static struct mbi m;
	struct bootinfo bi;
	uint32_t meminfo[2] = { 639, 261120 };
	uint8_t mod[8 + 8];
	uint32_t ms = 0x400000, me = 0x480000;
	char rsdp[20] = "RSD PTR ";

	mbi_begin(&m);
	mbi_tag(&m, MB2_TAG_CMDLINE, "umbra.test=all", 15);
	mbi_tag(&m, MB2_TAG_LOADER_NAME, "GRUB 2.06", 10);
	mbi_tag(&m, MB2_TAG_BASIC_MEMINFO, meminfo, 8);
	mbi_mmap(&m, 6, qemu_map);
	memcpy(mod, &ms, 4);
	memcpy(mod + 4, &me, 4);
	memcpy(mod + 8, "rescue\0", 8);
	mbi_tag(&m, MB2_TAG_MODULE, mod, 16);
	mbi_tag(&m, 99, "ignored", 8);		/* unknown: skipped */
	mbi_tag(&m, MB2_TAG_ACPI_OLD, rsdp, 20);
	mbi_end(&m);

	ATF_REQUIRE_EQ(mb2_parse(m.buf, m.len, &bi), 0);
	ATF_CHECK_STREQ(bi.cmdline, "umbra.test=all");
	ATF_CHECK_STREQ(bi.loader_name, "GRUB 2.06");
	ATF_CHECK_EQ(bi.mem_lower_kb, 639);
	ATF_CHECK_EQ(bi.mem_upper_kb, 261120);
	ATF_REQUIRE_EQ(bi.nmmap, 6);
	ATF_CHECK_EQ(bi.mmap[3].base, 0x100000);
	ATF_CHECK_EQ(bi.mmap[3].length, 0xfee0000);
	ATF_CHECK_EQ(bi.mmap[5].base, 0x100000000ul);
	ATF_CHECK_EQ(bi.mmap[1].type, MB2_MEM_RESERVED);
	ATF_CHECK(!bi.mmap_truncated);
	ATF_REQUIRE_EQ(bi.nmodules, 1);
	ATF_CHECK_EQ(bi.modules[0].start, 0x400000);
	ATF_CHECK_EQ(bi.modules[0].end, 0x480000);
	ATF_CHECK_STREQ(bi.modules[0].cmdline, "rescue");
	ATF_CHECK(bi.acpi_rsdp != NULL);
	ATF_CHECK_EQ(bi.acpi_rsdp_len, 20);
	ATF_CHECK_EQ(bi.mbi_size, m.len);
	ATF_CHECK_EQ(mb2_mem_available(&bi),
	    0x9fc00ul + 0xfee0000ul + 0x40000000ul);
	ATF_CHECK_EQ(mb2_mem_top(&bi), 0x140000000ul);
}

ATF_TC_WITHOUT_HEAD(mb2__absent_tags_give_empty_strings);
ATF_TC_BODY(mb2__absent_tags_give_empty_strings, tc)
{
	static struct mbi m;
	struct bootinfo bi;

	mbi_begin(&m);
	mbi_end(&m);
	ATF_REQUIRE_EQ(mb2_parse(m.buf, m.len, &bi), 0);
	ATF_CHECK_STREQ(bi.cmdline, "");
	ATF_CHECK_STREQ(bi.loader_name, "");
	ATF_CHECK_EQ(bi.nmmap, 0);
	ATF_CHECK(bi.acpi_rsdp == NULL);
	ATF_CHECK_EQ(mb2_mem_top(&bi), 0);
}

ATF_TC_WITHOUT_HEAD(mb2__prefers_acpi2_rsdp);
ATF_TC_BODY(mb2__prefers_acpi2_rsdp, tc)
{
	static struct mbi m;
	struct bootinfo bi;
	char v1[20] = "RSD PTR 1", v2[36] = "RSD PTR 2";

	mbi_begin(&m);
	mbi_tag(&m, MB2_TAG_ACPI_NEW, v2, 36);
	mbi_tag(&m, MB2_TAG_ACPI_OLD, v1, 20);
	mbi_end(&m);
	ATF_REQUIRE_EQ(mb2_parse(m.buf, m.len, &bi), 0);
	ATF_CHECK_EQ(bi.acpi_rsdp_len, 36);
}

ATF_TC_WITHOUT_HEAD(mb2__rejects_missing_end_tag);
ATF_TC_BODY(mb2__rejects_missing_end_tag, tc)
{
	static struct mbi m;
	struct bootinfo bi;
	uint32_t total;

	mbi_begin(&m);
	mbi_tag(&m, MB2_TAG_CMDLINE, "x", 2);
	total = (uint32_t)m.len;
	memcpy(m.buf, &total, 4);
	ATF_CHECK_EQ(mb2_parse(m.buf, m.len, &bi), EINVAL);
}

ATF_TC_WITHOUT_HEAD(mb2__rejects_sizes_past_the_end);
ATF_TC_BODY(mb2__rejects_sizes_past_the_end, tc)
{
	static struct mbi m;
	struct bootinfo bi;
	uint32_t huge = 0x10000, tiny = 4;

	/* Total size larger than the caller can read. */
	mbi_begin(&m);
	mbi_end(&m);
	ATF_CHECK_EQ(mb2_parse(m.buf, m.len - 1, &bi), EINVAL);
	ATF_CHECK_EQ(mb2_parse(m.buf, 8, &bi), EINVAL);

	/* A tag whose size runs past the total. */
	mbi_begin(&m);
	mbi_tag(&m, MB2_TAG_CMDLINE, "abc", 4);
	mbi_end(&m);
	memcpy(m.buf + 12, &huge, 4);
	ATF_CHECK_EQ(mb2_parse(m.buf, m.len, &bi), EINVAL);

	/* A tag smaller than its own header. */
	memcpy(m.buf + 12, &tiny, 4);
	ATF_CHECK_EQ(mb2_parse(m.buf, m.len, &bi), EINVAL);
}

ATF_TC_WITHOUT_HEAD(mb2__rejects_unterminated_string);
ATF_TC_BODY(mb2__rejects_unterminated_string, tc)
{
	static struct mbi m;
	struct bootinfo bi;

	mbi_begin(&m);
	mbi_tag(&m, MB2_TAG_CMDLINE, "abcd", 4);	/* no NUL inside */
	mbi_end(&m);
	ATF_CHECK_EQ(mb2_parse(m.buf, m.len, &bi), EINVAL);
}

ATF_TC_WITHOUT_HEAD(mb2__rejects_short_mmap_entries);
ATF_TC_BODY(mb2__rejects_short_mmap_entries, tc)
{
	static struct mbi m;
	struct bootinfo bi;
	uint32_t p[2] = { 16, 0 };

	mbi_begin(&m);
	mbi_tag(&m, MB2_TAG_MMAP, p, 8);
	mbi_end(&m);
	ATF_CHECK_EQ(mb2_parse(m.buf, m.len, &bi), EINVAL);
}

ATF_TC_WITHOUT_HEAD(mb2__truncates_huge_memory_map);
ATF_TC_BODY(mb2__truncates_huge_memory_map, tc)
{
	static struct mbi m;
	static uint64_t ents[100][3];
	struct bootinfo bi;
	int i;

	for (i = 0; i < 100; i++) {
		ents[i][0] = (uint64_t)i << 20;
		ents[i][1] = 1 << 20;
		ents[i][2] = MB2_MEM_AVAILABLE;
	}
	mbi_begin(&m);
	mbi_mmap(&m, 100, (const uint64_t (*)[3])ents);
	mbi_end(&m);
	ATF_REQUIRE_EQ(mb2_parse(m.buf, m.len, &bi), 0);
	ATF_CHECK_EQ(bi.nmmap, BOOTINFO_MAX_MMAP);
	ATF_CHECK(bi.mmap_truncated);
}

ATF_TC_WITHOUT_HEAD(mb2__mem_type_names);
ATF_TC_BODY(mb2__mem_type_names, tc)
{
	ATF_CHECK_STREQ(mb2_mem_type_name(MB2_MEM_AVAILABLE), "available");
	ATF_CHECK_STREQ(mb2_mem_type_name(MB2_MEM_ACPI_NVS), "ACPI NVS");
	ATF_CHECK_STREQ(mb2_mem_type_name(77), "unknown");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, mb2__parses_a_grub_like_mbi);
	ATF_TP_ADD_TC(tp, mb2__absent_tags_give_empty_strings);
	ATF_TP_ADD_TC(tp, mb2__prefers_acpi2_rsdp);
	ATF_TP_ADD_TC(tp, mb2__rejects_missing_end_tag);
	ATF_TP_ADD_TC(tp, mb2__rejects_sizes_past_the_end);
	ATF_TP_ADD_TC(tp, mb2__rejects_unterminated_string);
	ATF_TP_ADD_TC(tp, mb2__rejects_short_mmap_entries);
	ATF_TP_ADD_TC(tp, mb2__truncates_huge_memory_map);
	ATF_TP_ADD_TC(tp, mb2__mem_type_names);
	return (atf_no_error());
}
