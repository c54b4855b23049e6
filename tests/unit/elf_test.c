/*
 * elf_test.c: the ELF checks of exec (sys/kern/imgact_elf.c,
 * elf_check_image) on images built here: a minimal valid static program,
 * then one defect at a time, each of which must give ENOEXEC, and every
 * truncation of the valid image (read from an exact-size buffer, so an
 * overrun is caught).
 */
#include <atf-c.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kshim.h"

#include "../../sys/sys/elf64.h"

int	elf_check_image(const void *image, size_t size);

#define VM_MAXUSER	0x00007ffffffff000ul

/* An image: header, two program headers, a little code. */
struct img {
	Elf64_Ehdr	eh;
	Elf64_Phdr	ph[3];
	uint8_t		code[64];
};

static void
img_init(struct img *im)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, ELFMAG, 4);
	im->eh.e_ident[EI_CLASS] = ELFCLASS64;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_ident[EI_VERSION] = EV_CURRENT;
	im->eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_X86_64;
	im->eh.e_version = EV_CURRENT;
	im->eh.e_entry = 0x400000 + offsetof(struct img, code);
	im->eh.e_phoff = offsetof(struct img, ph);
	im->eh.e_ehsize = sizeof(Elf64_Ehdr);
	im->eh.e_phentsize = sizeof(Elf64_Phdr);
	im->eh.e_phnum = 3;
	/* Text: the whole file, read + execute. */
	im->ph[0].p_type = PT_LOAD;
	im->ph[0].p_flags = PF_R | PF_X;
	im->ph[0].p_offset = 0;
	im->ph[0].p_vaddr = 0x400000;
	im->ph[0].p_filesz = sizeof(*im);
	im->ph[0].p_memsz = sizeof(*im);
	im->ph[0].p_align = 0x1000;
	/* Data + BSS: the code bytes again, then zeros, read + write. */
	im->ph[1].p_type = PT_LOAD;
	im->ph[1].p_flags = PF_R | PF_W;
	im->ph[1].p_offset = offsetof(struct img, code);
	im->ph[1].p_vaddr = 0x401000 + offsetof(struct img, code);
	im->ph[1].p_filesz = 16;
	im->ph[1].p_memsz = 0x10000;
	im->ph[1].p_align = 0x1000;
	im->ph[2].p_type = PT_GNU_STACK;
	im->ph[2].p_flags = PF_R | PF_W;
}

static int
check(const struct img *im)
{
	return (elf_check_image(im, sizeof(*im)));
}

ATF_TC_WITHOUT_HEAD(elf__valid);
ATF_TC_BODY(elf__valid, tc)
{
	struct img im;

	img_init(&im);
	ATF_CHECK_EQ(check(&im), 0);
	/* static-pie: ET_DYN without PT_INTERP, loaded at a bias. */
	im.eh.e_type = ET_DYN;
	ATF_CHECK_EQ(check(&im), 0);
	/* GNU/Linux OS/ABI is a question of brand, not of validity. */
	im.eh.e_ident[EI_OSABI] = ELFOSABI_LINUX;
	ATF_CHECK_EQ(check(&im), 0);
}

ATF_TC_WITHOUT_HEAD(elf__bad_ident);
ATF_TC_BODY(elf__bad_ident, tc)
{
	struct img im;

	img_init(&im);
	im.eh.e_ident[0] = 0x7e;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_ident[3] = 'X';
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_ident[EI_CLASS] = 1;		/* ELFCLASS32 */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_ident[EI_DATA] = 2;		/* big-endian */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_ident[EI_VERSION] = 0;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_version = 2;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
}

ATF_TC_WITHOUT_HEAD(elf__wrong_machine_or_type);
ATF_TC_BODY(elf__wrong_machine_or_type, tc)
{
	struct img im;

	img_init(&im);
	im.eh.e_machine = 3;			/* EM_386 */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_machine = 183;			/* EM_AARCH64 */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_type = 1;			/* ET_REL: an object file */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_type = 4;			/* ET_CORE */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
}

/*
 * A dynamic program (PT_INTERP): its interpreter's path must lie in the
 * file, be at least 2 and at most 256 bytes, and there is only one.
 */
ATF_TC_WITHOUT_HEAD(elf__interp);
ATF_TC_BODY(elf__interp, tc)
{
	struct img im;

	img_init(&im);
	im.ph[2].p_type = PT_INTERP;
	im.ph[2].p_offset = offsetof(struct img, code);
	im.ph[2].p_filesz = 28;		/* "/lib64/ld-linux-x86-64.so.2" */
	ATF_CHECK_EQ(check(&im), 0);
	im.eh.e_type = ET_DYN;
	ATF_CHECK_EQ(check(&im), 0);
	im.ph[2].p_filesz = 1;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	im.ph[2].p_filesz = 257;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	im.ph[2].p_filesz = 28;
	im.ph[2].p_offset = sizeof(im) - 10;	/* runs past the file */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	/* Two interpreters. */
	im.ph[2].p_offset = offsetof(struct img, code);
	im.ph[1] = im.ph[2];
	ATF_CHECK_EQ(check(&im), ENOEXEC);
}

ATF_TC_WITHOUT_HEAD(elf__bad_phdrs);
ATF_TC_BODY(elf__bad_phdrs, tc)
{
	struct img im;

	img_init(&im);
	im.eh.e_phentsize = 32;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_phnum = 0;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_phnum = 200;			/* past ELF_MAX_PHNUM */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_phnum = 30;			/* past the end of the file */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_phoff = sizeof(im) - 8;		/* straddles the end */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_phoff = ~0ul - 8;		/* wraps around */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	/* No PT_LOAD at all. */
	img_init(&im);
	im.ph[0].p_type = PT_NOTE;
	im.ph[1].p_type = PT_NOTE;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
}

ATF_TC_WITHOUT_HEAD(elf__bad_segments);
ATF_TC_BODY(elf__bad_segments, tc)
{
	struct img im;

	img_init(&im);
	im.ph[1].p_offset = sizeof(im) + 4096;	/* file bytes out of file */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.ph[1].p_filesz = sizeof(im);		/* runs past the end */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.ph[1].p_offset = ~0ul - 4;		/* offset + size wraps */
	im.ph[1].p_filesz = 16;
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.ph[1].p_filesz = 0x20000;		/* filesz > memsz */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.ph[1].p_memsz = 1ul << 40;		/* absurdly large */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.ph[1].p_vaddr = VM_MAXUSER - 0x1000 + offsetof(struct img, code);
	ATF_CHECK_EQ(check(&im), ENOEXEC);	/* ends above user space */
	img_init(&im);
	im.ph[1].p_vaddr = 0xffffffff80000000ul + offsetof(struct img, code);
	ATF_CHECK_EQ(check(&im), ENOEXEC);	/* kernel space */
	img_init(&im);
	im.ph[1].p_vaddr += 8;			/* offset and address differ
						   modulo the page size */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.ph[1].p_align = 0x1800;		/* not a power of two */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	img_init(&im);
	im.eh.e_entry = 0xffffffff80001000ul;	/* entry in kernel space */
	ATF_CHECK_EQ(check(&im), ENOEXEC);
	/* ET_DYN: the bias must keep the segments inside user space. */
	img_init(&im);
	im.eh.e_type = ET_DYN;
	im.ph[1].p_vaddr = 0x7f0000000000ul + offsetof(struct img, code);
	ATF_CHECK_EQ(check(&im), ENOEXEC);
}

ATF_TC_WITHOUT_HEAD(elf__truncated);
ATF_TC_BODY(elf__truncated, tc)
{
	struct img im;
	size_t cut;
	void *copy;

	img_init(&im);
	for (cut = 0; cut < sizeof(im); cut++) {
		copy = malloc(cut == 0 ? 1 : cut);
		memcpy(copy, &im, cut);
		/* The text segment spans the file: any cut loses a byte. */
		ATF_CHECK_EQ(elf_check_image(copy, cut), ENOEXEC);
		free(copy);
	}
}

/* This test program itself is dynamically linked (PT_INTERP): loadable. */
ATF_TC_WITHOUT_HEAD(elf__host_dynamic_program);
ATF_TC_BODY(elf__host_dynamic_program, tc)
{
	static char buf[4 << 20];
	FILE *f;
	size_t n;

	f = fopen("/proc/self/exe", "r");
	if (f == NULL)
		atf_tc_skip("no /proc/self/exe");
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ATF_REQUIRE(n > sizeof(Elf64_Ehdr));
	ATF_CHECK_EQ(elf_check_image(buf, n), 0);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, elf__valid);
	ATF_TP_ADD_TC(tp, elf__bad_ident);
	ATF_TP_ADD_TC(tp, elf__wrong_machine_or_type);
	ATF_TP_ADD_TC(tp, elf__interp);
	ATF_TP_ADD_TC(tp, elf__bad_phdrs);
	ATF_TP_ADD_TC(tp, elf__bad_segments);
	ATF_TP_ADD_TC(tp, elf__truncated);
	ATF_TP_ADD_TC(tp, elf__host_dynamic_program);
	return (atf_no_error());
}
