/*
 * machine/multiboot2.h: the parts of the multiboot2 boot information the
 * kernel reads, and the parser that turns it into struct bootinfo.
 *
 * The boot information (MBI) is a u32 total size, a u32 reserved word,
 * then tags, each 8-byte aligned: u32 type, u32 size (header included),
 * payload.  A tag of type 0 ends the list.
 */
#ifndef _MACHINE_MULTIBOOT2_H_
#define _MACHINE_MULTIBOOT2_H_

#include <sys/types.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1	/* NUL-terminated string */
#define MB2_TAG_LOADER_NAME	2	/* NUL-terminated string */
#define MB2_TAG_MODULE		3	/* u32 start, u32 end, string */
#define MB2_TAG_BASIC_MEMINFO	4	/* u32 mem_lower, u32 mem_upper (KiB) */
#define MB2_TAG_MMAP		6	/* u32 entry_size, u32 version, entries */
#define MB2_TAG_ACPI_OLD	14	/* copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW	15	/* copy of the ACPI 2.0+ RSDP */

/* Memory-map entry types. */
#define MB2_MEM_AVAILABLE	1
#define MB2_MEM_RESERVED	2
#define MB2_MEM_ACPI_RECLAIM	3
#define MB2_MEM_ACPI_NVS	4
#define MB2_MEM_BAD		5

#define BOOTINFO_MAX_MMAP	64
#define BOOTINFO_MAX_MODULES	16
#define BOOTINFO_CMDLINE_MAX	1024

struct bootinfo_mmap {
	uint64_t	base;
	uint64_t	length;
	uint32_t	type;		/* MB2_MEM_* */
};

struct bootinfo_module {
	vm_paddr_t	start;
	vm_paddr_t	end;		/* exclusive */
	const char	*cmdline;	/* points into the MBI */
};

/* What the kernel keeps of the boot information; filled by mb2_parse(). */
struct bootinfo {
	const char	*cmdline;	/* "" when absent; points into the MBI */
	const char	*loader_name;	/* "" when absent */
	uint32_t	mem_lower_kb;
	uint32_t	mem_upper_kb;
	u_int		nmmap;
	bool		mmap_truncated;	/* more entries than BOOTINFO_MAX_MMAP */
	struct bootinfo_mmap mmap[BOOTINFO_MAX_MMAP];
	u_int		nmodules;
	struct bootinfo_module modules[BOOTINFO_MAX_MODULES];
	const void	*acpi_rsdp;	/* the RSDP copy inside the MBI */
	size_t		acpi_rsdp_len;
	uint32_t	mbi_size;	/* total size of the MBI */
	vm_paddr_t	mbi_pa;		/* its physical address (machdep) */
};

int	mb2_parse(const void *mbi, size_t avail, struct bootinfo *bi);
const char *mb2_mem_type_name(uint32_t type);
uint64_t mb2_mem_available(const struct bootinfo *bi);
uint64_t mb2_mem_top(const struct bootinfo *bi);

extern struct bootinfo bootinfo;	/* the boot's, filled by machdep */

#endif /* !_MACHINE_MULTIBOOT2_H_ */
