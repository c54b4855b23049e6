/*
 * imgact_elf.h: the ELF image activator (sys/kern/imgact_elf.c).
 *
 * An ABI registers a brand: the ELF OS/ABI bytes it claims and its
 * sysentvec.  exec picks the first brand that claims the program (the
 * Linux personality claims ELFOSABI_NONE and ELFOSABI_LINUX).
 */
#ifndef _SYS_IMGACT_ELF_H_
#define _SYS_IMGACT_ELF_H_

#include <sys/types.h>
#include <sys/elf64.h>

struct sysentvec;

struct elf_brandinfo {
	const char	*brand_name;
	int		brand_osabi[2];	/* EI_OSABI values it claims */
	struct sysentvec *sysvec;
};

#define ELF_MAX_PHNUM	128	/* more program headers: ENOEXEC */
#define ELF_MAX_MEMSZ	(1ul << 36) /* a segment larger: ENOEXEC */
#define ELF_ET_DYN_BASE	0x0000555555554000ul /* where ET_DYN loads */
#define ELF_MAX_INTERP	256	/* longest PT_INTERP path, with its NUL */

int	elf_insert_brand_entry(struct elf_brandinfo *bi);
int	elf_check_image(const void *image, size_t size);
int	elf_check_image_hdr(const void *image, size_t hdrlen,
	    uint64_t filesize);

#endif /* !_SYS_IMGACT_ELF_H_ */
