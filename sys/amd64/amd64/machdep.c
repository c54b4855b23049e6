/*
 * machdep.c: the machine-dependent half of boot, and power-off.
 *
 * hammer_time() is the first C code (called by locore on the boot stack
 * with paging on and the early page tables of locore.S).  In order:
 *
 *   1. the serial console, so everything after can speak;
 *   2. per-CPU data behind the GS base;
 *   3. the GDT (with the TSS and its IST stacks for double fault, NMI and
 *      machine check) and the IDT, so faults get reported from here on;
 *      the SYSCALL/SYSRET MSRs and the FPU/SSE setting for user code;
 *   4. the multiboot2 information, the boot environment, the banner and
 *      the memory map;
 *   5. pmap_bootstrap: the kernel's own page tables replace locore's
 *      (direct map of all RAM, kernel sections with their protections,
 *      no identity map: a NULL dereference faults from here on), then
 *      phys_avail/dump_avail for vm_page_startup;
 *   6. mi_startup(), the machine-independent SYSINIT sequence.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/imgact.h>
#include <sys/linker.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <sys/sched.h>

#include <vm/vm.h>
#include <vm/vm_phys.h>

#include <machine/cpufunc.h>
#include <machine/fpu.h>
#include <machine/frame.h>
#include <machine/md_var.h>
#include <machine/multiboot2.h>
#include <machine/pcpu.h>
#include <machine/pmap.h>
#include <machine/segments.h>
#include <machine/specialreg.h>
#include <machine/trap.h>
#include <machine/vmparam.h>

#include <dev/acpi/acpi.h>
#include <dev/uart/uart.h>

#define IST_STACK_SIZE	(2 * PAGE_SIZE)

struct bootinfo	bootinfo;
vm_offset_t	dmap_max_address = DMAP_MIN_ADDRESS + (4ul << 30); /* locore's */
uint32_t	cpu_feature;
uint32_t	cpu_feature2;
uint32_t	cpu_feature_ext;
uint32_t	cpu_stdext_feature;
vm_paddr_t	physfree;
vm_paddr_t	phys_avail[PHYS_AVAIL_ENTRIES];
vm_paddr_t	dump_avail[2 * VM_PHYSSEG_MAX + 2];
u_long		physmem;

static struct pcpu pcpu0;
static uint64_t	gdt[NGDT];
static struct gate_descriptor idt[NIDT] __aligned(16);
static struct amd64tss common_tss;
static uint8_t	ist_stacks[NIST][IST_STACK_SIZE] __aligned(16);

CTASSERT(__builtin_offsetof(struct pcpu, pc_scratch_rsp) == PC_SCRATCH_RSP);
CTASSERT(__builtin_offsetof(struct pcpu, pc_rsp0) == PC_RSP0);
CTASSERT(__builtin_offsetof(struct pcpu, pc_curpcb) == PC_CURPCB);

void	fast_syscall(void);
void	fast_syscall32(void);

void
pcpu_init(struct pcpu *pc, u_int cpuid)
{
	memset(pc, 0, sizeof(*pc));
	pc->pc_self = pc;
	pc->pc_cpuid = cpuid;
	pc->pc_curthread = &thread0;
	pc->pc_curpcb = &thread0.td_pcb;
	pc->pc_tss = &common_tss;
	wrmsr(MSR_GSBASE, (uint64_t)pc);
	wrmsr(MSR_KGSBASE, 0);
}

/* A flat 64-bit code or data descriptor. */
static uint64_t
segment_descriptor(bool code, int dpl, bool long_mode)
{
	uint64_t d = 0x0000000000000000ul;

	d |= 0xffffful;			/* limit 0-15 */
	d |= 0xful << 48;		/* limit 16-19 */
	d |= 1ul << 47;			/* present */
	d |= (uint64_t)dpl << 45;
	d |= 1ul << 44;			/* code/data, not system */
	d |= 1ul << 55;			/* 4 KiB granularity */
	if (code) {
		d |= 0xaul << 40;	/* execute/read */
		if (long_mode)
			d |= 1ul << 53;	/* L */
		else
			d |= 1ul << 54;	/* D: 32-bit */
	} else {
		d |= 0x2ul << 40;	/* read/write */
		d |= 1ul << 54;
	}
	return (d);
}

static void
gdt_init(void)
{
	struct region_descriptor rd;
	uint64_t base = (uint64_t)&common_tss;
	uint64_t limit = sizeof(common_tss) - 1;
	int i;

	gdt[GNULL_SEL] = 0;
	gdt[GCODE_SEL] = segment_descriptor(true, SEL_KPL, true);
	gdt[GDATA_SEL] = segment_descriptor(false, SEL_KPL, false);
	gdt[GUCODE32_SEL] = segment_descriptor(true, SEL_UPL, false);
	gdt[GUDATA_SEL] = segment_descriptor(false, SEL_UPL, false);
	gdt[GUCODE_SEL] = segment_descriptor(true, SEL_UPL, true);
	/* The TSS descriptor: 16 bytes, type 9 (available 64-bit TSS). */
	gdt[GPROC0_SEL] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
	    (0x9ul << 40) | (1ul << 47) | (((limit >> 16) & 0xf) << 48) |
	    (((base >> 24) & 0xff) << 56);
	gdt[GPROC0_SEL + 1] = base >> 32;

	memset(&common_tss, 0, sizeof(common_tss));
	for (i = 0; i < NIST; i++)
		common_tss.tss_ist[i] = (uint64_t)&ist_stacks[i][IST_STACK_SIZE];
	common_tss.tss_iobase = sizeof(common_tss);	/* no I/O bitmap */

	rd.rd_limit = sizeof(gdt) - 1;
	rd.rd_base = (uint64_t)gdt;
	load_gdt_and_segments(&rd, GSEL(GCODE_SEL, SEL_KPL),
	    GSEL(GDATA_SEL, SEL_KPL));
	__asm__ volatile("ltr %w0" : : "r"(GSEL(GPROC0_SEL, SEL_KPL)));
}

static void
setidt(int vec, uint64_t func, int ist, int dpl)
{
	struct gate_descriptor *gd = &idt[vec];

	gd->gd_looffset = func & 0xffff;
	gd->gd_selector = GSEL(GCODE_SEL, SEL_KPL);
	gd->gd_ist = ist;
	gd->gd_type = 0x8e | (dpl << 5);	/* present interrupt gate */
	gd->gd_midoffset = (func >> 16) & 0xffff;
	gd->gd_hioffset = func >> 32;
	gd->gd_reserved = 0;
}

static void
idt_init(void)
{
	struct region_descriptor rd;
	int vec;

	for (vec = 0; vec < NIDT; vec++)
		setidt(vec, (uint64_t)&trap_stubs[16 * vec], 0, SEL_KPL);
	setidt(2, (uint64_t)&trap_stubs[16 * 2], IST_NMI, SEL_KPL);
	setidt(8, (uint64_t)&trap_stubs[16 * 8], IST_DBLFAULT, SEL_KPL);
	setidt(18, (uint64_t)&trap_stubs[16 * 18], IST_MCHK, SEL_KPL);
	setidt(3, (uint64_t)&trap_stubs[16 * 3], 0, SEL_UPL);	/* int3 */
	rd.rd_limit = sizeof(idt) - 1;
	rd.rd_base = (uint64_t)idt;
	__asm__ volatile("lidt %0" : : "m"(rd));
}

/*
 * syscall_init: SYSCALL/SYSRET.  STAR gives SYSCALL the kernel code
 * selector (and SS = the next slot) and SYSRET the 32-bit user code
 * selector, from which it takes SS (+8) and 64-bit CS (+16): the GDT is
 * ordered for it (machine/segments.h).  SYSCALL clears the rflags bits in
 * SF_MASK: interrupts stay off until fast_syscall is on the kernel stack,
 * and AC (SMAP), DF, TF and NT start clear.
 */
static void
syscall_init(void)
{
	wrmsr(MSR_LSTAR, (uint64_t)fast_syscall);
	wrmsr(MSR_CSTAR, (uint64_t)fast_syscall32);
	wrmsr(MSR_STAR, ((uint64_t)GSEL(GUCODE32_SEL, SEL_UPL) << 48) |
	    ((uint64_t)GSEL(GCODE_SEL, SEL_KPL) << 32));
	wrmsr(MSR_SF_MASK, PSL_NT | PSL_T | PSL_I | PSL_C | PSL_D | PSL_AC |
	    PSL_IOPL);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

static void
identify_cpu(void)
{
	uint32_t regs[4];

	do_cpuid(0x80000000, regs);
	if (regs[0] >= 0x80000001) {
		do_cpuid(0x80000001, regs);
		cpu_feature_ext = regs[3];
	}
	do_cpuid(1, regs);
	cpu_feature = regs[3];
	cpu_feature2 = regs[2];
	do_cpuid(0, regs);
	if (regs[0] >= 7) {
		do_cpuid(7, regs);
		cpu_stdext_feature = regs[1];
	}
}

/*
 * physmem_init: describe RAM for vm_page_startup.  dump_avail gets the
 * available ranges of the memory map, page-aligned, sorted, merged when
 * they touch, without the first MiB (kept for BIOS data and a future SMP
 * trampoline; it also keeps physical page 0 out).  phys_avail is that
 * minus what is in use: the kernel image and the boot page tables
 * [KERNLOAD, physfree), the multiboot2 information and the modules.
 */
static void
physmem_init(const struct bootinfo *bi)
{
	vm_paddr_t start, end;
	u_int i, j, n;
	int error;

	physmem = atop(mb2_mem_available(bi));
	n = 0;
	for (i = 0; i < bi->nmmap; i++) {
		const struct bootinfo_mmap *e = &bi->mmap[i];

		if (e->type != MB2_MEM_AVAILABLE)
			continue;
		start = round_page(MAX(e->base, (vm_paddr_t)1 << 20));
		end = trunc_page(e->base + e->length);
		if (start >= end)
			continue;
		if (n == VM_PHYSSEG_MAX) {
			printf("WARNING: RAM at %#lx-%#lx ignored: more than "
			    "%d ranges\n", start, end, VM_PHYSSEG_MAX);
			continue;
		}
		/* Insert sorted by start. */
		for (j = 2 * n; j > 0 && dump_avail[j - 2] > start; j -= 2) {
			dump_avail[j] = dump_avail[j - 2];
			dump_avail[j + 1] = dump_avail[j - 1];
		}
		dump_avail[j] = start;
		dump_avail[j + 1] = end;
		n++;
	}
	/* Merge ranges that overlap or touch. */
	for (i = 0; i + 1 < n;) {
		if (dump_avail[2 * i + 1] >= dump_avail[2 * i + 2]) {
			dump_avail[2 * i + 1] = MAX(dump_avail[2 * i + 1],
			    dump_avail[2 * i + 3]);
			for (j = 2 * i + 2; j < 2 * n; j++)
				dump_avail[j] = dump_avail[j + 2];
			n--;
		} else
			i++;
	}
	dump_avail[2 * n] = dump_avail[2 * n + 1] = 0;

	memcpy(phys_avail, dump_avail, sizeof(dump_avail));
	error = vm_phys_avail_remove(phys_avail, nitems(phys_avail), KERNLOAD,
	    physfree);
	if (error == 0)
		error = vm_phys_avail_remove(phys_avail, nitems(phys_avail),
		    trunc_page(bi->mbi_pa),
		    round_page(bi->mbi_pa + bi->mbi_size));
	for (i = 0; error == 0 && i < bi->nmodules; i++)
		error = vm_phys_avail_remove(phys_avail, nitems(phys_avail),
		    trunc_page(bi->modules[i].start),
		    round_page(bi->modules[i].end));
	if (error != 0)
		panic("physmem_init: phys_avail overflow");
}

static void
print_boot_info(const struct bootinfo *bi)
{
	u_int i;

	printf("\n%s", version);
	printf("boot loader: %s\n", bi->loader_name[0] ? bi->loader_name :
	    "(unnamed)");
	printf("command line: \"%s\"\n", bi->cmdline);
	for (i = 0; i < (u_int)kenv_count(); i++)
		printf("  %s=\"%s\"\n", kenv_name(i),
		    kern_getenv(kenv_name(i)));
	printf("physical memory map (%u entries):\n", bi->nmmap);
	for (i = 0; i < bi->nmmap; i++) {
		const struct bootinfo_mmap *e = &bi->mmap[i];

		printf("  0x%012lx - 0x%012lx %10lu KiB  %s\n", e->base,
		    e->base + e->length - 1, e->length >> 10,
		    mb2_mem_type_name(e->type));
	}
	if (bi->mmap_truncated)
		printf("  (map truncated at %d entries)\n", BOOTINFO_MAX_MMAP);
	printf("available memory: %lu MiB\n", mb2_mem_available(bi) >> 20);
	for (i = 0; i < bi->nmodules; i++)
		printf("module \"%s\": 0x%lx - 0x%lx (%lu KiB)\n",
		    bi->modules[i].cmdline, bi->modules[i].start,
		    bi->modules[i].end - 1,
		    (bi->modules[i].end - bi->modules[i].start) >> 10);
	if (bootverbose)
		printf("multiboot2 information: %u bytes at %#lx\n",
		    bi->mbi_size, bi->mbi_pa);
}

void
hammer_time(uint32_t magic, vm_paddr_t mbi_pa)
{
	const void *mbi;
	int error;

	uart_cninit();
	pcpu_init(&pcpu0, 0);
	gdt_init();
	/* Loading %gs in gdt_init cleared the GS base: set it again. */
	wrmsr(MSR_GSBASE, (uint64_t)&pcpu0);
	idt_init();
	identify_cpu();
	syscall_init();
	fpuinit();

	(void)magic;	/* locore checked it */
	mbi = (const void *)PHYS_TO_DMAP(mbi_pa);
	error = mb2_parse(mbi, *(const uint32_t *)mbi, &bootinfo);
	bootinfo.mbi_pa = mbi_pa;
	kenv_init(bootinfo.cmdline);
	bootverbose = getenv_bool("umbra.verbose");
	print_boot_info(&bootinfo);
	if (error != 0)
		printf("WARNING: malformed multiboot2 information (error %d)\n",
		    error);

	physfree = round_page(KERNEL_TO_PHYS((vm_offset_t)_end));
	pmap_bootstrap(&physfree);
	physmem_init(&bootinfo);
	acpi_init(bootinfo.acpi_rsdp, bootinfo.acpi_rsdp_len);

	mi_startup();
}

/*
 * preload_search_by_name: the boot module GRUB loaded with command line
 * `name' (the first word of it), through the direct map.  Returns its
 * start and size in *sizep, or NULL when there is none.
 */
const void *
preload_search_by_name(const char *name, size_t *sizep)
{
	const struct bootinfo_module *m;
	size_t n = strlen(name);
	u_int i;

	for (i = 0; i < bootinfo.nmodules; i++) {
		m = &bootinfo.modules[i];
		if (m->cmdline == NULL || strncmp(m->cmdline, name, n) != 0 ||
		    (m->cmdline[n] != '\0' && m->cmdline[n] != ' '))
			continue;
		if (m->end <= m->start || m->end > DMAP_TO_PHYS(dmap_max_address))
			continue;
		*sizep = m->end - m->start;
		return ((const void *)PHYS_TO_DMAP(m->start));
	}
	return (NULL);
}

/*
 * exec_setregs: the registers a new program starts with (after exec):
 * rip at its entry, rsp at the initial stack (argc, argv, envp, auxv),
 * user segments, interrupts on, every other register zero (rdx = 0: no
 * atexit function, as the x86-64 ABI allows), no TLS base, a fresh FPU.
 * The return to user mode goes through iretq (PCB_FULL_IRET), so every
 * register comes from the frame.
 */
void
exec_setregs(struct thread *td, struct image_params *imgp, uintptr_t stack)
{
	struct trapframe *tf = td->td_frame;
	struct pcb *pcb = &td->td_pcb;

	KASSERT(td == curthread && tf != NULL, ("exec_setregs: bad thread"));
	KASSERT(imgp->start_addr < VM_MAXUSER_ADDRESS && stack % 16 == 0,
	    ("exec_setregs: entry %#lx stack %#lx", imgp->start_addr, stack));
	memset(tf, 0, sizeof(*tf));
	tf->tf_rip = imgp->start_addr;
	tf->tf_rsp = stack;
	tf->tf_rflags = PSL_USER;
	tf->tf_cs = GSEL(GUCODE_SEL, SEL_UPL);
	tf->tf_ss = GSEL(GUDATA_SEL, SEL_UPL);
	tf->tf_trapno = T_SYSCALL;
	/* No switch between setting PCB_USER and loading the FPU. */
	critical_enter();
	pcb->pcb_fsbase = 0;
	pcb->pcb_gsbase = 0;
	wrmsr(MSR_FSBASE, 0);
	wrmsr(MSR_KGSBASE, 0);
	fpu_init_user(pcb);
	pcb->pcb_flags |= PCB_USER | PCB_FULL_IRET;
	fpu_restore(pcb);
	critical_exit();
}

/*
 * spinlock_enter: disable interrupts, nesting.  The outermost call saves
 * the interrupt flag; the matching outermost spinlock_exit restores it.
 * The depth and saved flags belong to the thread, not the CPU: a thread
 * switched out while holding the scheduler lock resumes with its own
 * state, and a new thread starts with depth 1 and interrupts to be
 * enabled (sched_fork_exit).
 */
void
spinlock_enter(void)
{
	struct thread *td;
	uint64_t rflags = read_rflags();

	disable_intr();
	td = curthread;
	if (td->td_md_spinlock_count++ == 0)
		td->td_md_saved_flags = rflags;
}

void
spinlock_exit(void)
{
	struct thread *td = curthread;

	KASSERT(td->td_md_spinlock_count > 0, ("spinlock_exit: not entered"));
	if (--td->td_md_spinlock_count == 0 && (td->td_md_saved_flags & 0x200))
		enable_intr();
}

/* cpu_halt: stop this CPU for good. */
void
cpu_halt(void)
{
	disable_intr();
	for (;;)
		halt();
}

/*
 * cpu_poweroff: end the run.  isa-debug-exit first (QEMU exits with the
 * status; the write is ignored where the device is absent), then ACPI
 * soft-off, then halt.
 */
void
cpu_poweroff(int status)
{
	disable_intr();
	outb(0xf4, (uint8_t)status);
	acpi_poweroff();
	/*
	 * QEMU acts on S5 asynchronously, and a loaded host may take a while:
	 * wait about two seconds (port 0x80 reads, ~1 us each, need no
	 * calibrated clock) before calling it a failure.
	 */
	for (int i = 0; i < 2000000; i++)
		(void)inb(0x80);
	printf("Umbra: power-off failed; halting\n");
	cpu_halt();
}
