/*
 * kern_mib.c: the top of the sysctl tree and the machine-independent
 * identity of the system, as FreeBSD's kern_mib.c: the top-level nodes
 * kern, vm, vfs, net, debug, hw, machdep and user (CTL_* numbers), the
 * kern.* and hw.* leaves that describe the kernel and the machine, and
 * the vm.stats nodes that vm_meter and the trap and interrupt code fill
 * with their counters.  Variables that belong to a subsystem have their
 * OIDs next to them in that subsystem's file.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/smp.h>
#include <sys/sysctl.h>

SYSCTL_ROOT_NODE(CTL_KERN, kern, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "High kernel, proc, limits &c");
SYSCTL_ROOT_NODE(CTL_VM, vm, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "Virtual memory");
SYSCTL_ROOT_NODE(CTL_VFS, vfs, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "File system");
SYSCTL_ROOT_NODE(CTL_NET, net, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "Network");
SYSCTL_ROOT_NODE(CTL_DEBUG, debug, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "Debugging");
SYSCTL_ROOT_NODE(CTL_HW, hw, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "hardware");
SYSCTL_ROOT_NODE(CTL_MACHDEP, machdep, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "machine dependent");
SYSCTL_ROOT_NODE(CTL_USER, user, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "user-level");

/* kern: what the kernel is (osrelease[] and version[] come from vers.c). */
static const char ostype[] = "Umbra";
SYSCTL_STRING(_kern, KERN_OSTYPE, ostype, CTLFLAG_RD | CTLFLAG_CAPRD, ostype,
    0, "Operating system type");
SYSCTL_STRING(_kern, KERN_OSRELEASE, osrelease, CTLFLAG_RD | CTLFLAG_CAPRD,
    osrelease, 0, "Operating system release");
SYSCTL_STRING(_kern, KERN_VERSION, version, CTLFLAG_RD, version, 0,
    "Kernel version");

/* 4.4BSD-Lite2's revision, the value FreeBSD reports too. */
#define UMBRA_OSREV	199506
SYSCTL_INT(_kern, KERN_OSREV, osrevision, CTLFLAG_RD | CTLFLAG_CAPRD,
    SYSCTL_NULL_INT_PTR, UMBRA_OSREV, "Operating system revision");

/* hw: the machine. */
static const char machine[] = MACHINE;
SYSCTL_STRING(_hw, HW_MACHINE, machine, CTLFLAG_RD | CTLFLAG_CAPRD, machine,
    0, "Machine class");

static const char machine_arch[] = MACHINE_ARCH;
SYSCTL_STRING(_hw, HW_MACHINE_ARCH, machine_arch, CTLFLAG_RD | CTLFLAG_CAPRD,
    machine_arch, 0, "System architecture");

int	mp_ncpus = 1;
SYSCTL_INT(_hw, HW_NCPU, ncpu, CTLFLAG_RD | CTLFLAG_CAPRD, &mp_ncpus, 0,
    "Number of active CPUs");

SYSCTL_INT(_hw, HW_PAGESIZE, pagesize, CTLFLAG_RD | CTLFLAG_CAPRD,
    SYSCTL_NULL_INT_PTR, PAGE_SIZE, "System memory page size");

/* hw.physmem: physmem (machdep) is in pages; the OID says bytes. */
static int
sysctl_hw_physmem(SYSCTL_HANDLER_ARGS)
{
	u_long val = ptoa(physmem);

	return (sysctl_handle_long(oidp, &val, 0, req));
}
SYSCTL_PROC(_hw, HW_PHYSMEM, physmem, CTLTYPE_ULONG | CTLFLAG_RD |
    CTLFLAG_MPSAFE, NULL, 0, sysctl_hw_physmem, "LU",
    "Amount of physical memory (in bytes)");

/* vm.stats: vm_meter's page counters in vm, trap and interrupt ones in sys. */
SYSCTL_NODE(_vm, OID_AUTO, stats, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "VM meter stats");
SYSCTL_NODE(_vm_stats, OID_AUTO, sys, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "VM meter sys stats");
SYSCTL_NODE(_vm_stats, OID_AUTO, vm, CTLFLAG_RW | CTLFLAG_MPSAFE, NULL,
    "VM meter vm stats");
