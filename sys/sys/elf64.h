/*
 * elf64.h: the parts of the ELF-64 format (System V ABI, gABI; x86-64
 * psABI) that exec reads.
 */
#ifndef _SYS_ELF64_H_
#define _SYS_ELF64_H_

#include <sys/types.h>

typedef uint64_t	Elf64_Addr;
typedef uint64_t	Elf64_Off;
typedef uint16_t	Elf64_Half;
typedef uint32_t	Elf64_Word;
typedef uint64_t	Elf64_Xword;

#define EI_NIDENT	16
#define EI_CLASS	4	/* ELFCLASS64 */
#define EI_DATA		5	/* ELFDATA2LSB */
#define EI_VERSION	6	/* EV_CURRENT */
#define EI_OSABI	7	/* ELFOSABI_* */

#define ELFMAG		"\177ELF"
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ELFOSABI_NONE	0	/* System V: what most Linux programs say */
#define ELFOSABI_LINUX	3	/* "GNU": programs using GNU extensions */

#define ET_EXEC		2	/* fixed-address executable */
#define ET_DYN		3	/* position-independent (static-pie, ld.so) */

#define EM_X86_64	62

typedef struct {
	unsigned char	e_ident[EI_NIDENT];
	Elf64_Half	e_type;
	Elf64_Half	e_machine;
	Elf64_Word	e_version;
	Elf64_Addr	e_entry;
	Elf64_Off	e_phoff;
	Elf64_Off	e_shoff;
	Elf64_Word	e_flags;
	Elf64_Half	e_ehsize;
	Elf64_Half	e_phentsize;
	Elf64_Half	e_phnum;
	Elf64_Half	e_shentsize;
	Elf64_Half	e_shnum;
	Elf64_Half	e_shstrndx;
} Elf64_Ehdr;

#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3	/* the dynamic linker's path */
#define PT_NOTE		4
#define PT_PHDR		6	/* the program headers themselves */
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct {
	Elf64_Word	p_type;
	Elf64_Word	p_flags;
	Elf64_Off	p_offset;
	Elf64_Addr	p_vaddr;
	Elf64_Addr	p_paddr;
	Elf64_Xword	p_filesz;
	Elf64_Xword	p_memsz;
	Elf64_Xword	p_align;
} Elf64_Phdr;

#endif /* !_SYS_ELF64_H_ */
