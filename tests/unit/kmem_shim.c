/*
 * kmem_shim.c: the kernel-side glue of vmem_test and uma_test (a
 * <prog>_KSHIMS file, compiled with the kernel's headers): zone
 * statistics by column name for the ATF programs, which cannot see
 * struct uma_zone_stats, and a compile-time check that kmem_shim.h
 * agrees with the kernel's headers.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <sys/vmem.h>

#include <vm/uma.h>

#include "kmem_shim.h"

uint64_t
shim_uma_stat(uma_zone_t zone, const char *column)
{
	static const struct {
		const char	*name;
		size_t		off;
	} cols[] = {
		{ "SIZE", offsetof(struct uma_zone_stats, uzs_size) },
		{ "LIMIT", offsetof(struct uma_zone_stats, uzs_limit) },
		{ "USED", offsetof(struct uma_zone_stats, uzs_used) },
		{ "FREE", offsetof(struct uma_zone_stats, uzs_free) },
		{ "REQ", offsetof(struct uma_zone_stats, uzs_requests) },
		{ "FAIL", offsetof(struct uma_zone_stats, uzs_fails) },
		{ "SLEEP", offsetof(struct uma_zone_stats, uzs_sleeps) },
		{ "FREES", offsetof(struct uma_zone_stats, uzs_frees) },
		{ "SLABS", offsetof(struct uma_zone_stats, uzs_slabs) },
		{ "PAGES", offsetof(struct uma_zone_stats, uzs_pages) },
		{ "IPERS", offsetof(struct uma_zone_stats, uzs_ipers) },
		{ "PPERA", offsetof(struct uma_zone_stats, uzs_ppera) },
	};
	struct uma_zone_stats st;
	size_t i;

	uma_zone_get_stats(zone, &st);
	for (i = 0; i < nitems(cols); i++) {
		if (strcmp(cols[i].name, column) == 0)
			return (*(uint64_t *)((char *)&st + cols[i].off));
	}
	panic("shim_uma_stat: no column %s", column);
}
