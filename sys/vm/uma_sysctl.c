/*
 * uma_sysctl.c: the zone allocator's statistics as sysctls.
 *
 *   vm.zone_count	number of zones
 *   vm.zone_info	a text table in the form of FreeBSD's `vmstat -z`:
 *			ITEM: SIZE, LIMIT, USED, FREE, REQ, FAIL, SLEEP
 *   vm.zone_stats	the same numbers, binary: an array of struct
 *			uma_zone_export (one per zone), for vmstat(8)
 *
 * Kept apart from uma_core.c, which the host unit tests compile without a
 * sysctl tree.  The handlers walk the zone list with uma_zone_foreach()
 * (lock order: the sysctl lock, then the zone list, then each zone).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/sysctl.h>

#include <vm/uma.h>

struct uma_zone_export {
	char		uze_name[32];
	struct uma_zone_stats uze_stats;
};

struct zone_walk {
	struct sysctl_req *req;
	int		error;
	int		count;
};

static void
zone_count_one(uma_zone_t zone __unused, void *arg)
{
	((struct zone_walk *)arg)->count++;
}

static int
sysctl_vm_zone_count(SYSCTL_HANDLER_ARGS)
{
	struct zone_walk w = { req, 0, 0 };

	uma_zone_foreach(zone_count_one, &w);
	return (SYSCTL_OUT(req, &w.count, sizeof(w.count)));
}
SYSCTL_PROC(_vm, OID_AUTO, zone_count, CTLTYPE_INT | CTLFLAG_RD |
    CTLFLAG_MPSAFE, NULL, 0, sysctl_vm_zone_count, "I",
    "Number of UMA zones");

static void
zone_info_one(uma_zone_t zone, void *arg)
{
	struct zone_walk *w = arg;
	struct uma_zone_stats st;
	char line[160];
	int n;

	if (w->error != 0)
		return;
	uma_zone_get_stats(zone, &st);
	n = snprintf(line, sizeof(line),
	    "%-18s %6lu, %6lu, %6lu, %6lu, %8lu, %4lu, %4lu\n",
	    uma_zone_name(zone), st.uzs_size, st.uzs_limit, st.uzs_used,
	    st.uzs_free, st.uzs_requests, st.uzs_fails, st.uzs_sleeps);
	w->error = SYSCTL_OUT(w->req, line, MIN((size_t)n, sizeof(line) - 1));
}

static int
sysctl_vm_zone_info(SYSCTL_HANDLER_ARGS)
{
	static const char header[] =
	    "\nITEM                 SIZE   LIMIT    USED    FREE      REQ"
	    " FAIL SLEEP\n\n";
	struct zone_walk w = { req, 0, 0 };

	w.error = SYSCTL_OUT(req, header, sizeof(header) - 1);
	if (w.error == 0)
		uma_zone_foreach(zone_info_one, &w);
	if (w.error == 0)
		w.error = SYSCTL_OUT(req, "", 1);	/* the terminating NUL */
	return (w.error);
}
SYSCTL_PROC(_vm, OID_AUTO, zone_info, CTLTYPE_STRING | CTLFLAG_RD |
    CTLFLAG_MPSAFE, NULL, 0, sysctl_vm_zone_info, "A",
    "Zone allocator statistics (vmstat -z)");

static void
zone_stats_one(uma_zone_t zone, void *arg)
{
	struct zone_walk *w = arg;
	struct uma_zone_export ze;

	if (w->error != 0)
		return;
	memset(&ze, 0, sizeof(ze));
	strlcpy(ze.uze_name, uma_zone_name(zone), sizeof(ze.uze_name));
	uma_zone_get_stats(zone, &ze.uze_stats);
	w->error = SYSCTL_OUT(w->req, &ze, sizeof(ze));
}

static int
sysctl_vm_zone_stats(SYSCTL_HANDLER_ARGS)
{
	struct zone_walk w = { req, 0, 0 };

	uma_zone_foreach(zone_stats_one, &w);
	return (w.error);
}
SYSCTL_PROC(_vm, OID_AUTO, zone_stats, CTLTYPE_STRUCT | CTLFLAG_RD |
    CTLFLAG_MPSAFE, NULL, 0, sysctl_vm_zone_stats, "S,uma_zone_export",
    "Zone allocator statistics, binary");

/* The sysctls agree with the allocator, by name through the tree. */
KTEST(uma, zone_stats_sysctl)
{
	static struct uma_zone_export ze[64];
	static char text[8192];
	size_t len = sizeof(ze), tlen = sizeof(text);
	int count, i;
	size_t clen = sizeof(count);
	bool found = false;

	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.zone_count", &count, &clen,
	    NULL, 0), 0);
	KT_ASSERT(kt, count >= 2);
	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.zone_stats", ze, &len, NULL,
	    0), 0);
	KT_EXPECT_EQ(kt, len, (size_t)count * sizeof(ze[0]));
	for (i = 0; i < count; i++) {
		if (strcmp(ze[i].uze_name, "malloc-64") == 0) {
			found = true;
			KT_EXPECT_EQ(kt, ze[i].uze_stats.uzs_size, 64);
		}
	}
	KT_EXPECT(kt, found);
	KT_ASSERT_EQ(kt, kernel_sysctlbyname("vm.zone_info", text, &tlen,
	    NULL, 0), 0);
	KT_EXPECT(kt, tlen > 100 && text[tlen - 1] == '\0');
}
