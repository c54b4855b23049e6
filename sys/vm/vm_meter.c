/*
 * vm_meter.c: the system-wide VM counters (sys/vmmeter.h).  Each counter
 * is kept exact by the code that changes the state it counts (see the
 * lock legend in vmmeter.h); the sysctl tree vm.stats.vm.* will read
 * them from here.
 */
#include <sys/types.h>
#include <sys/vmmeter.h>

struct vmmeter	vm_cnt;
