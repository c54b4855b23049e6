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
 * PT_LOAD; at most one PT_INTERP, a path inside the file; the entry
 * point inside user space.  Anything else: ENOEXEC.  Every header is
 * read with memcpy: the image need not be aligned.
 *
 * Loading (exec_elf_imgact): choose the ABI from the brands registered
 * (elf_insert_brand_entry), open the interpreter a dynamic program
 * names (PT_INTERP: /lib64/ld-linux-x86-64.so.2, an ET_DYN without one
 * of its own), replace the process's address space (exec_new_vmspace;
 * from here on a failure kills the process), map each PT_LOAD with its
 * protections (no execute without PF_X): from a file, its pages are
 * mapped copy-on-write from the file's object (exec_map_file), never
 * copied; from the boot module, they are copied.  The rest of memsz is
 * zero (the BSS).  The interpreter goes in the mmap area, and the
 * program starts at its entry.  Then record what the initial stack's
 * auxiliary vector needs: the entry, the interpreter's base, the
 * program headers' user address, their count and size, the end of the
 * image (the break).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/elf64.h>
#include <sys/imgact.h>
#include <sys/imgact_elf.h>
#ifndef UNIT_TEST
#include <sys/malloc.h>
#include <sys/proc.h>
#include <sys/uio.h>
#include <sys/vnode.h>
#endif

#include <vm/vm.h>
#ifndef UNIT_TEST
#include <vm/vm_direct.h>
#include <vm/vm_map.h>
#endif

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
 * elf_check_image_hdr: are the headers at [hdr, hdr + hdrlen), the start
 * of a file of filesize bytes, those of a program exec can load?  The
 * program headers must lie in the buffer; the segments and the
 * interpreter's path in the file.  Returns 0 or ENOEXEC.
 */
int
elf_check_image_hdr(const void *image, size_t hdrlen, uint64_t filesize)
{
	Elf64_Ehdr hdr;
	Elf64_Phdr ph;
	vm_offset_t bias;
	bool loads = false, interp = false;
	u_int i;

	if (hdrlen < sizeof(hdr) || hdrlen > filesize)
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
	if (hdr.e_phoff > hdrlen ||
	    (size_t)hdr.e_phnum * sizeof(Elf64_Phdr) > hdrlen - hdr.e_phoff)
		return (ENOEXEC);
	bias = elf_load_bias(&hdr);
	for (i = 0; i < hdr.e_phnum; i++) {
		elf_phdr(image, &hdr, i, &ph);
		if (ph.p_type == PT_INTERP) {
			/* One, a path of sane length, inside the file. */
			if (interp || ph.p_filesz < 2 ||
			    ph.p_filesz > ELF_MAX_INTERP ||
			    ph.p_offset > filesize ||
			    ph.p_filesz > filesize - ph.p_offset)
				return (ENOEXEC);
			interp = true;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (!elf_check_load(&ph, filesize, bias))
			return (ENOEXEC);
		loads = true;
	}
	if (!loads)
		return (ENOEXEC);
	if (hdr.e_entry >= VM_MAXUSER_ADDRESS - bias)
		return (ENOEXEC);
	return (0);
}

/* elf_check_image: is the whole file [image, image + size) loadable? */
int
elf_check_image(const void *image, size_t size)
{
	return (elf_check_image_hdr(image, size, size));
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
 * An ELF file being loaded: in the boot module's memory (mem), or a
 * vnode whose first page (the headers) was read into hdr.
 */
struct elf_file {
	struct vnode	*vp;		/* the file (referenced), or NULL */
	const char	*hdr;		/* its headers */
	size_t		hdrlen;
	uint64_t	size;		/* bytes in the file */
	char		*hdrbuf;	/* hdr, when read from vp */
};

/* Read the headers of vp (unlocked) into ef. */
static int
elf_file_open(struct elf_file *ef, struct vnode *vp, uint64_t size)
{
	size_t resid;
	int error;

	memset(ef, 0, sizeof(*ef));
	ef->vp = vp;
	ef->size = size;
	ef->hdrlen = MIN(size, PAGE_SIZE);
	ef->hdrbuf = malloc(PAGE_SIZE, M_TEMP, M_WAITOK | M_ZERO);
	ef->hdr = ef->hdrbuf;
	error = vn_rdwr(UIO_READ, vp, ef->hdrbuf, ef->hdrlen, 0,
	    curthread->td_proc->p_ucred, &resid);
	if (error == 0 && resid != 0)
		error = ENOEXEC;
	return (error);
}

static void
elf_file_close(struct elf_file *ef)
{
	free(ef->hdrbuf, M_TEMP);
	ef->hdrbuf = NULL;
}

/* len bytes of the file at off into buf. */
static int
elf_file_read(struct elf_file *ef, const struct image_params *imgp,
    uint64_t off, void *buf, size_t len)
{
	size_t resid;
	int error;

	if (ef->vp == NULL) {
		memcpy(buf, (const char *)imgp->image + off, len);
		return (0);
	}
	error = vn_rdwr(UIO_READ, ef->vp, buf, len, (off_t)off,
	    curthread->td_proc->p_ucred, &resid);
	return (error == 0 && resid != 0 ? ENOEXEC : error);
}

/* Map one PT_LOAD of ef at va (biased). */
static int
elf_map_load(struct image_params *imgp, struct elf_file *ef, vm_offset_t va,
    const Elf64_Phdr *ph)
{
	if (ef->vp == NULL)
		return (exec_map_segment(imgp, va, ph->p_memsz,
		    (const char *)imgp->image + ph->p_offset, ph->p_filesz,
		    elf_prot(ph->p_flags)));
	return (exec_map_file(imgp, ef->vp, va, ph->p_memsz, ph->p_offset,
	    ph->p_filesz, elf_prot(ph->p_flags)));
}

/*
 * Map every PT_LOAD of ef at bias; the end of the highest segment in
 * *endp, the program headers' address in *phdrp (0 if not loaded).
 */
static int
elf_map_all(struct image_params *imgp, struct elf_file *ef, vm_offset_t bias,
    vm_offset_t *endp, vm_offset_t *phdrp)
{
	Elf64_Ehdr hdr;
	Elf64_Phdr ph;
	vm_offset_t end = 0, phdr = 0;
	u_int i;
	int error;

	memcpy(&hdr, ef->hdr, sizeof(hdr));
	for (i = 0; i < hdr.e_phnum; i++) {
		elf_phdr(ef->hdr, &hdr, i, &ph);
		if (ph.p_type == PT_PHDR)
			phdr = ph.p_vaddr + bias;
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		error = elf_map_load(imgp, ef, ph.p_vaddr + bias, &ph);
		if (error != 0)
			return (error);
		/* The headers, when this segment loads them from the file. */
		if (phdr == 0 && ph.p_offset <= hdr.e_phoff &&
		    hdr.e_phoff + hdr.e_phnum * sizeof(ph) <=
		    ph.p_offset + ph.p_filesz)
			phdr = ph.p_vaddr + bias + hdr.e_phoff - ph.p_offset;
		end = MAX(end, ph.p_vaddr + bias + ph.p_memsz);
	}
	*endp = end;
	*phdrp = phdr;
	return (0);
}

/* The span [*lop, *hip) of ef's PT_LOADs, page-rounded. */
static void
elf_span(const struct elf_file *ef, vm_offset_t *lop, vm_offset_t *hip)
{
	Elf64_Ehdr hdr;
	Elf64_Phdr ph;
	vm_offset_t lo = ~0ul, hi = 0;
	u_int i;

	memcpy(&hdr, ef->hdr, sizeof(hdr));
	for (i = 0; i < hdr.e_phnum; i++) {
		elf_phdr(ef->hdr, &hdr, i, &ph);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		lo = MIN(lo, trunc_page(ph.p_vaddr));
		hi = MAX(hi, round_page(ph.p_vaddr + ph.p_memsz));
	}
	*lop = lo;
	*hip = hi;
}

/*
 * Find and check the interpreter (PT_INTERP) of the program: its vnode,
 * referenced, and headers in *interp.  ENOEXEC if it is no loadable
 * shared object, the errors of namei.
 */
static int
elf_open_interp(struct image_params *imgp, struct elf_file *ef,
    const Elf64_Phdr *ph, struct elf_file *interp)
{
	struct vnode *vp;
	Elf64_Ehdr hdr;
	Elf64_Phdr iph;
	char path[ELF_MAX_INTERP];
	uint64_t size;
	u_int i;
	int error;

	error = elf_file_read(ef, imgp, ph->p_offset, path, ph->p_filesz);
	if (error != 0)
		return (error);
	if (path[ph->p_filesz - 1] != '\0' ||
	    strlen(path) != ph->p_filesz - 1)
		return (ENOEXEC);
	error = exec_open_file(imgp->td, path, &vp, &size);
	if (error != 0)
		return (error);
	error = elf_file_open(interp, vp, size);
	if (error == 0)
		error = elf_check_image_hdr(interp->hdr, interp->hdrlen, size);
	if (error == 0) {
		memcpy(&hdr, interp->hdr, sizeof(hdr));
		if (hdr.e_type != ET_DYN)
			error = ENOEXEC;
		for (i = 0; error == 0 && i < hdr.e_phnum; i++) {
			elf_phdr(interp->hdr, &hdr, i, &iph);
			if (iph.p_type == PT_INTERP)
				error = ENOEXEC;
		}
	}
	if (error != 0) {
		elf_file_close(interp);
		vrele(vp);
		interp->vp = NULL;
	}
	return (error);
}

/* Load the interpreter in the mmap area: its base in *basep. */
static int
elf_load_interp(struct image_params *imgp, struct elf_file *interp,
    vm_offset_t *basep, vm_offset_t *entryp)
{
	vm_map_t map = dvmspace_map(imgp->td->td_proc->p_vmspace);
	vm_offset_t lo, hi, addr, end, phdr;
	Elf64_Ehdr hdr;
	int error;

	elf_span(interp, &lo, &hi);
	vm_map_lock(map);
	error = vm_map_findspace_range(map, vm_map_min(map), DVM_MMAP_BASE,
	    hi - lo, PAGE_SIZE, true, &addr);
	vm_map_unlock(map);
	if (error != 0)
		return (ENOMEM);
	*basep = addr - lo;
	error = elf_map_all(imgp, interp, *basep, &end, &phdr);
	memcpy(&hdr, interp->hdr, sizeof(hdr));
	*entryp = hdr.e_entry + *basep;
	return (error);
}

/*
 * exec_elf_imgact: load the program (imgp->vp, or imgp->image in
 * memory) into a new address space for imgp->td's process, with its
 * interpreter if it names one (PT_INTERP: ld.so, mapped in the mmap
 * area; the program starts there, AT_BASE says where).  Returns 0;
 * ENOEXEC (or the interpreter's lookup error) with nothing changed; or
 * another errno after the old address space is gone
 * (imgp->vmspace_destroyed), when the process cannot go on.
 */
int
exec_elf_imgact(struct image_params *imgp)
{
	struct elf_brandinfo *brand;
	struct elf_file ef, interp;
	Elf64_Ehdr hdr;
	Elf64_Phdr ph;
	vm_offset_t bias, end, phdr, ibase = 0, ientry = 0;
	u_int i;
	int error;

	memset(&interp, 0, sizeof(interp));
	if (imgp->vp != NULL) {
		error = elf_file_open(&ef, imgp->vp, imgp->file_size);
	} else {
		memset(&ef, 0, sizeof(ef));
		ef.hdr = imgp->image;
		ef.hdrlen = imgp->image_size;
		ef.size = imgp->image_size;
		error = 0;
	}
	if (error == 0)
		error = elf_check_image_hdr(ef.hdr, ef.hdrlen, ef.size);
	if (error != 0)
		goto out;
	memcpy(&hdr, ef.hdr, sizeof(hdr));
	brand = elf_get_brandinfo(hdr.e_ident[EI_OSABI]);
	if (brand == NULL) {
		error = ENOEXEC;
		goto out;
	}
	for (i = 0; i < hdr.e_phnum; i++) {
		elf_phdr(ef.hdr, &hdr, i, &ph);
		if (ph.p_type == PT_INTERP) {
			error = elf_open_interp(imgp, &ef, &ph, &interp);
			if (error != 0)
				goto out;
		}
	}
	imgp->sysent = brand->sysvec;
	bias = elf_load_bias(&hdr);

	error = exec_new_vmspace(imgp);
	if (error == 0)
		error = elf_map_all(imgp, &ef, bias, &end, &phdr);
	if (error == 0 && interp.vp != NULL)
		error = elf_load_interp(imgp, &interp, &ibase, &ientry);
	if (error != 0)
		goto out;
	imgp->phdr_addr = phdr;
	imgp->reloc_base = bias;
	imgp->interp_base = ibase;
	imgp->entry_addr = hdr.e_entry + bias;
	imgp->start_addr = interp.vp != NULL ? ientry : imgp->entry_addr;
	imgp->phnum = hdr.e_phnum;
	imgp->phentsize = hdr.e_phentsize;
	imgp->end_addr = end;
out:
	if (interp.vp != NULL) {
		elf_file_close(&interp);
		vrele(interp.vp);
	}
	if (imgp->vp != NULL)
		elf_file_close(&ef);
	return (error);
}
#endif /* !UNIT_TEST */
