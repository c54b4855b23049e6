/*
 * db_trace.c: stack backtraces with function names.
 *
 * The kernel is built with frame pointers, so each frame starts with the
 * caller's saved %rbp followed by the return address; a walk follows that
 * chain until it leaves kernel memory, reaches a zero frame (locore
 * clears %rbp before calling C) or 32 frames.
 *
 * Names come from the .ksyms section: the build links the kernel once,
 * lists its text symbols with nm (tools/ksyms.sh), assembles the list and
 * links again with it.  The section is last in the image, so adding it
 * moves no other address.  Layout: a u64 count, then count pairs (u64
 * address, u64 offset of the NUL-terminated name from the section start),
 * sorted by address, then the names.
 */
#include <sys/types.h>
#include <sys/systm.h>

#include <machine/db_machdep.h>
#include <machine/md_var.h>
#include <machine/pmap.h>
#include <machine/vmparam.h>

struct ksym_entry {
	uint64_t ks_addr;
	uint64_t ks_nameoff;
};

extern const char __ksyms_start[], __ksyms_end[];
extern const char __text_start[], __etext[];

#define DB_MAXDEPTH	32

size_t
db_nsymbols(void)
{
	if (__ksyms_end - __ksyms_start < 8)
		return (0);
	return (*(const uint64_t *)__ksyms_start);
}

/*
 * db_symbol: the name of the function containing pc, with the offset of
 * pc into it in *offp; NULL if pc is outside the kernel text.
 */
const char *
db_symbol(vm_offset_t pc, vm_offset_t *offp)
{
	const struct ksym_entry *tab;
	size_t lo, hi, n;

	n = db_nsymbols();
	if (n == 0 || pc < (vm_offset_t)__text_start ||
	    pc >= (vm_offset_t)__etext)
		return (NULL);
	tab = (const struct ksym_entry *)(__ksyms_start + 8);
	if (pc < tab[0].ks_addr)
		return (NULL);
	/* Find the last entry with ks_addr <= pc. */
	lo = 0;
	hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (tab[mid].ks_addr <= pc)
			lo = mid;
		else
			hi = mid;
	}
	*offp = pc - tab[lo].ks_addr;
	return (__ksyms_start + tab[lo].ks_nameoff);
}

/*
 * Can fp be read as a frame without faulting?  Frames live in the kernel
 * image (the boot stack), the direct map, or KVA (thread stacks, whose
 * guard pages are unmapped: ask the page tables).
 */
static bool
frame_readable(vm_offset_t fp)
{
	if (fp % 8 != 0)
		return (false);
	if (fp >= KERNBASE && fp + 16 <= (vm_offset_t)_end &&
	    fp + 16 > fp)
		return (true);
	if (fp >= VM_MIN_KERNEL_ADDRESS && fp + 16 <= VM_MAX_KERNEL_ADDRESS)
		return (pmap_kextract(fp) != 0 && pmap_kextract(fp + 15) != 0);
	return (fp >= DMAP_MIN_ADDRESS && fp + 16 <= dmap_max_address);
}

static void
db_print_frame(int depth, vm_offset_t pc, vm_offset_t lookup)
{
	const char *name;
	vm_offset_t off;

	name = db_symbol(lookup, &off);
	if (name != NULL)
		printf("#%d %#lx at %s+%#lx\n", depth, pc, name,
		    off + (pc - lookup));
	else
		printf("#%d %#lx at ??\n", depth, pc);
}

/* db_trace_frame: print the chain whose innermost frame is (pc, fp). */
void
db_trace_frame(vm_offset_t pc, vm_offset_t fp)
{
	int depth;

	for (depth = 0; depth < DB_MAXDEPTH; depth++) {
		/* A return address points past its call: look up pc - 1. */
		db_print_frame(depth, pc, depth == 0 ? pc : pc - 1);
		if (fp == 0 || !frame_readable(fp))
			break;
		pc = ((const uint64_t *)fp)[1];
		fp = ((const uint64_t *)fp)[0];
		if (pc == 0)
			break;
	}
}

/* db_trace_self: print the backtrace of the caller. */
__noinline void
db_trace_self(void)
{
	vm_offset_t fp = (vm_offset_t)__builtin_frame_address(0);

	db_trace_frame((vm_offset_t)__builtin_return_address(0),
	    ((const uint64_t *)fp)[0]);
}
