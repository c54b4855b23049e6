/*
 * vm_meter.c: the system-wide VM counters (sys/vmmeter.h).  Each counter
 * is kept exact by the code that changes the state it counts (see the
 * lock legend in vmmeter.h); the sysctl tree vm.stats.vm.* will read
 * them from here.
 */
#include <sys/types.h>
#include <sys/sysctl.h>
#include <sys/vmmeter.h>

struct vmmeter	vm_cnt;

SYSCTL_UINT(_vm_stats_vm, OID_AUTO, v_page_count, CTLFLAG_RD,
    &vm_cnt.v_page_count, 0, "Total number of pages in system");
SYSCTL_UINT(_vm_stats_vm, OID_AUTO, v_free_count, CTLFLAG_RD,
    &vm_cnt.v_free_count, 0, "Free pages");
SYSCTL_UINT(_vm_stats_vm, OID_AUTO, v_wire_count, CTLFLAG_RD,
    &vm_cnt.v_wire_count, 0, "Wired pages");
SYSCTL_UINT(_vm_stats_vm, OID_AUTO, v_active_count, CTLFLAG_RD,
    &vm_cnt.v_active_count, 0, "Active pages");
SYSCTL_UINT(_vm_stats_vm, OID_AUTO, v_inactive_count, CTLFLAG_RD,
    &vm_cnt.v_inactive_count, 0, "Inactive pages");
SYSCTL_UINT(_vm_stats_vm, OID_AUTO, v_laundry_count, CTLFLAG_RD,
    &vm_cnt.v_laundry_count, 0, "Pages eligible for laundering");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_vm_faults, CTLFLAG_RD,
    &vm_cnt.v_vm_faults, 0, "Address memory faults");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_cow_faults, CTLFLAG_RD,
    &vm_cnt.v_cow_faults, 0, "Copy-on-write faults");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_zfod, CTLFLAG_RD, &vm_cnt.v_zfod, 0,
    "Pages zero-filled on demand");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_intrans, CTLFLAG_RD,
    &vm_cnt.v_intrans, 0, "In transit page faults");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_vnodein, CTLFLAG_RD,
    &vm_cnt.v_vnodein, 0, "Vnode pager pageins");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_vnodeout, CTLFLAG_RD,
    &vm_cnt.v_vnodeout, 0, "Vnode pager pageouts");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_vnodepgsin, CTLFLAG_RD,
    &vm_cnt.v_vnodepgsin, 0, "Vnode pages paged in");
SYSCTL_U64(_vm_stats_vm, OID_AUTO, v_vnodepgsout, CTLFLAG_RD,
    &vm_cnt.v_vnodepgsout, 0, "Vnode pages paged out");
SYSCTL_U64(_vm_stats_sys, OID_AUTO, v_swtch, CTLFLAG_RD, &vm_cnt.v_swtch, 0,
    "Context switches");
SYSCTL_U64(_vm_stats_sys, OID_AUTO, v_trap, CTLFLAG_RD, &vm_cnt.v_trap, 0,
    "Traps");
SYSCTL_U64(_vm_stats_sys, OID_AUTO, v_intr, CTLFLAG_RD, &vm_cnt.v_intr, 0,
    "Device interrupts");
SYSCTL_U64(_vm_stats_sys, OID_AUTO, v_syscall, CTLFLAG_RD, &vm_cnt.v_syscall,
    0, "System calls");
