/*
 * imgact_elf.c: the ELF-64 image activator: checks a program and loads
 * it into a fresh address space.
 *
 * Checks (elf_check_image, pure logic, also compiled into
 * tests/unit/elf_test): the identification bytes (magic, 64-bit class,
 * little-endian, version), machine x86-64, type ET_EXEC, or ET_DYN
 * without an interpreter (static-pie); program headers of the right size,
 * at least one and at most ELF_MAX_PHNUM, all inside the file; no
 * PT_INTERP (dynamic programs need ld.so: later); every PT_LOAD with its
 * file bytes inside the file, filesz <= memsz, a sane size, an address
 * range inside user space after the load bias, file offset and address
 * equal modulo the page size, a power-of-two alignment; at least one
 * PT_LOAD; the entry point inside user space.  Anything else: ENOEXEC.
 * Every header is read with memcpy: the image need not be aligned.
 *
 * Loading (exec_elf_imgact): choose the ABI from the brands registered
 * (elf_insert_brand_entry), replace the process's address space
 * (exec_new_vmspace; from here on a failure kills the process), map
 * each PT_LOAD with its protections (no execute without PF_X) and its
 * bytes, the rest of memsz zero (the BSS), and record what the initial
 * stack's auxiliary vector needs: the entry, the program headers' user
 * address, their count and size, the end of the image (the break).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/elf64.h>
#include <sys/imgact.h>
#include <sys/imgact_elf.h>

#include <vm/vm.h>

#include <machine/vmparam.h>

#define MAX_BRANDS	4

static struct elf_brandinfo *elf_brand_list[MAX_BRANDS];

/* elf_insert_brand_entry: register an ABI's brand.  0 or ENOSPC. */
int
elf_insert_brand_entry(struct elf_brandinfo *bi)
{
	int i;

	for (i = 0; i < MAX_BRANDS; i++) {
		if (elf_brand_list[i] == NULL) {
			elf_brand_list[i] = bi;
			return (0);
		}
	}
	return (ENOSPC);
}

/* Program header i of the image, copied out. */
static void
elf_phdr(const void *image, const Elf64_Ehdr *hdr, u_int i, Elf64_Phdr *ph)
{
	memcpy(ph, (const char *)image + hdr->e_phoff + (size_t)i *
	    sizeof(*ph), sizeof(*ph));
}

/* The bias ET_DYN programs are loaded at. */
static vm_offset_t
elf_load_bias(const Elf64_Ehdr *hdr)
{
	return (hdr->e_type == ET_DYN ? ELF_ET_DYN_BASE : 0);
}

/* Is one PT_LOAD well-formed (see the file's comment)? */
static bool
elf_check_load(const Elf64_Phdr *ph, size_t size, vm_offset_t bias)
{
	vm_offset_t start;

	if (ph->p_filesz > ph->p_memsz || ph->p_memsz > ELF_MAX_MEMSZ)
		return (false);
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return (false);
	if (ph->p_vaddr > VM_MAXUSER_ADDRESS - bias)
		return (false);
	start = ph->p_vaddr + bias;
	if (ph->p_memsz > VM_MAXUSER_ADDRESS - start)
		return (false);
	if (((ph->p_vaddr - ph->p_offset) & PAGE_MASK) != 0)
		return (false);
	if (ph->p_align > 1 && !powerof2(ph->p_align))
		return (false);
	return (true);
}

/*
 * elf_check_image: is [image, image + size) a program exec can load?
 * Returns 0 or ENOEXEC.
 */
int
elf_check_image(const void *image, size_t size)
{
	Elf64_Ehdr hdr;
	Elf64_Phdr ph;
	vm_offset_t bias;
	bool loads = false;
	u_int i;

	if (size < sizeof(hdr))
		return (ENOEXEC);
	memcpy(&hdr, image, sizeof(hdr));
	if (memcmp(hdr.e_ident, ELFMAG, 4) != 0 ||
	    hdr.e_ident[EI_CLASS] != ELFCLASS64 ||
	    hdr.e_ident[EI_DATA] != ELFDATA2LSB ||
	    hdr.e_ident[EI_VERSION] != EV_CURRENT ||
	    hdr.e_version != EV_CURRENT)
		return (ENOEXEC);
	if (hdr.e_machine != EM_X86_64)
		return (ENOEXEC);
	if (hdr.e_type != ET_EXEC && hdr.e_type != ET_DYN)
		return (ENOEXEC);
	if (hdr.e_phentsize != sizeof(Elf64_Phdr) || hdr.e_phnum == 0 ||
	    hdr.e_phnum > ELF_MAX_PHNUM)
		return (ENOEXEC);
	if (hdr.e_phoff > size ||
	    (size_t)hdr.e_phnum * sizeof(Elf64_Phdr) > size - hdr.e_phoff)
		return (ENOEXEC);
	bias = elf_load_bias(&hdr);
	for (i = 0; i < hdr.e_phnum; i++) {
		elf_phdr(image, &hdr, i, &ph);
		if (ph.p_type == PT_INTERP)
			return (ENOEXEC);
		if (ph.p_type != PT_LOAD)
			continue;
		if (!elf_check_load(&ph, size, bias))
			return (ENOEXEC);
		loads = true;
	}
	if (!loads)
		return (ENOEXEC);
	if (hdr.e_entry >= VM_MAXUSER_ADDRESS - bias)
		return (ENOEXEC);
	return (0);
}

#ifndef UNIT_TEST
static struct elf_brandinfo *
elf_get_brandinfo(int osabi)
{
	int i;

	for (i = 0; i < MAX_BRANDS; i++) {
		if (elf_brand_list[i] != NULL &&
		    (elf_brand_list[i]->brand_osabi[0] == osabi ||
		    elf_brand_list[i]->brand_osabi[1] == osabi))
			return (elf_brand_list[i]);
	}
	return (NULL);
}

/* PF_* to VM_PROT_*. */
static vm_prot_t
elf_prot(Elf64_Word flags)
{
	vm_prot_t prot = VM_PROT_NONE;

	if (flags & PF_R)
		prot |= VM_PROT_READ;
	if (flags & PF_W)
		prot |= VM_PROT_WRITE;
	if (flags & PF_X)
		prot |= VM_PROT_EXECUTE;
	return (prot);
}

/*
 * exec_elf_imgact: load imgp->image (checked here) into a new address
 * space for imgp->td's process.  Returns 0; ENOEXEC with nothing changed
 * (not a program we can run); or another errno after the old address
 * space is gone (imgp->vmspace_destroyed), when the process cannot go on.
 */
int
exec_elf_imgact(struct image_params *imgp)
{
	struct elf_brandinfo *brand;
	Elf64_Ehdr hdr;
	Elf64_Phdr ph;
	vm_offset_t bias, end;
	u_int i;
	int error;

	error = elf_check_image(imgp->image, imgp->image_size);
	if (error != 0)
		return (error);
	memcpy(&hdr, imgp->image, sizeof(hdr));
	brand = elf_get_brandinfo(hdr.e_ident[EI_OSABI]);
	if (brand == NULL)
		return (ENOEXEC);
	imgp->sysent = brand->sysvec;
	bias = elf_load_bias(&hdr);

	error = exec_new_vmspace(imgp);
	if (error != 0)
		return (error);
	end = 0;
	imgp->phdr_addr = 0;
	for (i = 0; i < hdr.e_phnum; i++) {
		elf_phdr(imgp->image, &hdr, i, &ph);
		if (ph.p_type == PT_PHDR)
			imgp->phdr_addr = ph.p_vaddr + bias;
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		error = exec_map_segment(imgp, ph.p_vaddr + bias, ph.p_memsz,
		    (const char *)imgp->image + ph.p_offset, ph.p_filesz,
		    elf_prot(ph.p_flags));
		if (error != 0)
			return (error);
		/* The headers, when this segment loads them from the file. */
		if (imgp->phdr_addr == 0 && ph.p_offset <= hdr.e_phoff &&
		    hdr.e_phoff + hdr.e_phnum * sizeof(ph) <=
		    ph.p_offset + ph.p_filesz)
			imgp->phdr_addr = ph.p_vaddr + bias + hdr.e_phoff -
			    ph.p_offset;
		end = MAX(end, ph.p_vaddr + bias + ph.p_memsz);
	}
	imgp->reloc_base = bias;
	imgp->entry_addr = hdr.e_entry + bias;
	imgp->phnum = hdr.e_phnum;
	imgp->phentsize = hdr.e_phentsize;
	imgp->end_addr = end;
	return (0);
}
#endif /* !UNIT_TEST */
