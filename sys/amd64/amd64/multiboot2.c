/*
 * multiboot2.c: parse the multiboot2 boot information into struct
 * bootinfo.
 *
 * The parser trusts nothing: every tag must lie inside the declared total
 * size (itself no larger than what the caller can read), every size must
 * be at least the tag's header, strings must be NUL-terminated inside
 * their tag, and memory-map entries must be at least 24 bytes.  A bad MBI
 * gives EINVAL instead of a wild read.  It touches no hardware, so
 * tests/unit runs it on crafted MBIs on the host.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/systm.h>

#include <machine/multiboot2.h>

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

/* Is the string at s NUL-terminated within len bytes? */
static bool
terminated(const char *s, size_t len)
{
	return (len > 0 && strnlen(s, len) < len);
}

static int
parse_mmap(const uint8_t *payload, size_t len, struct bootinfo *bi)
{
	uint32_t entry_size;
	size_t off;

	if (len < 8)
		return (EINVAL);
	memcpy(&entry_size, payload, sizeof(entry_size));
	if (entry_size < 24 || entry_size % 8 != 0)
		return (EINVAL);
	for (off = 8; off + entry_size <= len; off += entry_size) {
		struct bootinfo_mmap *e;

		if (bi->nmmap == BOOTINFO_MAX_MMAP) {
			bi->mmap_truncated = true;
			break;
		}
		e = &bi->mmap[bi->nmmap++];
		memcpy(&e->base, payload + off, 8);
		memcpy(&e->length, payload + off + 8, 8);
		memcpy(&e->type, payload + off + 16, 4);
	}
	return (0);
}

static int
parse_module(const uint8_t *payload, size_t len, struct bootinfo *bi)
{
	struct bootinfo_module *mod;
	uint32_t start, end;

	if (len < 8 || !terminated((const char *)payload + 8, len - 8))
		return (EINVAL);
	memcpy(&start, payload, 4);
	memcpy(&end, payload + 4, 4);
	if (end < start)
		return (EINVAL);
	if (bi->nmodules == BOOTINFO_MAX_MODULES)
		return (0);	/* ignore the excess, as the map does */
	mod = &bi->modules[bi->nmodules++];
	mod->start = start;
	mod->end = end;
	mod->cmdline = (const char *)payload + 8;
	return (0);
}

/*
 * mb2_parse: fill bi from the MBI at mbi, of which at most avail bytes
 * may be read.  Returns 0, or EINVAL if the MBI is malformed (bi then
 * holds whatever was parsed before the error).
 */
int
mb2_parse(const void *mbi, size_t avail, struct bootinfo *bi)
{
	const uint8_t *base = mbi;
	uint32_t total;
	size_t off;
	int error;

	memset(bi, 0, sizeof(*bi));
	bi->cmdline = "";
	bi->loader_name = "";
	if (avail < 16)
		return (EINVAL);
	memcpy(&total, base, sizeof(total));
	if (total < 16 || total > avail)
		return (EINVAL);
	bi->mbi_size = total;

	for (off = 8; off + sizeof(struct mb2_tag) <= total;) {
		struct mb2_tag tag;
		const uint8_t *payload;
		size_t len;

		memcpy(&tag, base + off, sizeof(tag));
		if (tag.size < sizeof(tag) || tag.size > total - off)
			return (EINVAL);
		if (tag.type == MB2_TAG_END)
			return (0);
		payload = base + off + sizeof(tag);
		len = tag.size - sizeof(tag);
		error = 0;
		switch (tag.type) {
		case MB2_TAG_CMDLINE:
		case MB2_TAG_LOADER_NAME:
			if (!terminated((const char *)payload, len))
				return (EINVAL);
			if (tag.type == MB2_TAG_CMDLINE)
				bi->cmdline = (const char *)payload;
			else
				bi->loader_name = (const char *)payload;
			break;
		case MB2_TAG_BASIC_MEMINFO:
			if (len < 8)
				return (EINVAL);
			memcpy(&bi->mem_lower_kb, payload, 4);
			memcpy(&bi->mem_upper_kb, payload + 4, 4);
			break;
		case MB2_TAG_MMAP:
			error = parse_mmap(payload, len, bi);
			break;
		case MB2_TAG_MODULE:
			error = parse_module(payload, len, bi);
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* Prefer the 2.0 RSDP (it carries the XSDT). */
			if (bi->acpi_rsdp == NULL || tag.type == MB2_TAG_ACPI_NEW) {
				bi->acpi_rsdp = payload;
				bi->acpi_rsdp_len = len;
			}
			break;
		default:
			break;	/* tags we do not use */
		}
		if (error != 0)
			return (error);
		off += roundup2((size_t)tag.size, 8);
	}
	return (EINVAL);	/* no end tag */
}

const char *
mb2_mem_type_name(uint32_t type)
{
	switch (type) {
	case MB2_MEM_AVAILABLE:
		return ("available");
	case MB2_MEM_RESERVED:
		return ("reserved");
	case MB2_MEM_ACPI_RECLAIM:
		return ("ACPI reclaimable");
	case MB2_MEM_ACPI_NVS:
		return ("ACPI NVS");
	case MB2_MEM_BAD:
		return ("bad");
	default:
		return ("unknown");
	}
}

/* mb2_mem_available: total bytes of available memory in the map. */
uint64_t
mb2_mem_available(const struct bootinfo *bi)
{
	uint64_t total = 0;
	u_int i;

	for (i = 0; i < bi->nmmap; i++)
		if (bi->mmap[i].type == MB2_MEM_AVAILABLE)
			total += bi->mmap[i].length;
	return (total);
}

/* mb2_mem_top: the end of the highest available region. */
uint64_t
mb2_mem_top(const struct bootinfo *bi)
{
	uint64_t top = 0;
	u_int i;

	for (i = 0; i < bi->nmmap; i++) {
		const struct bootinfo_mmap *e = &bi->mmap[i];

		if (e->type == MB2_MEM_AVAILABLE && e->base + e->length > top)
			top = e->base + e->length;
	}
	return (top);
}
