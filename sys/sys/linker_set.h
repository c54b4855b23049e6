/*
 * linker_set.h: linker sets, FreeBSD's way of gathering declarations spread
 * over many files (SYSINITs, in-kernel tests) into one array at link time.
 *
 * DATA_SET(set, sym) puts a pointer to sym into section "set_<set>"; the
 * linker script (sys/conf/kernel.ld) names each set's section and defines
 * __start_set_<set> and __stop_set_<set> around it.  A new set needs a line
 * in the linker script.  Host unit tests get the same symbols from the host
 * linker, which defines __start_/__stop_ for any section named like a C
 * identifier.
 */
#ifndef _SYS_LINKER_SET_H_
#define _SYS_LINKER_SET_H_

#include <sys/cdefs.h>

#define __MAKE_SET(set, sym)						\
	static void const *const __set_##set##_sym_##sym		\
	    __section("set_" #set) __used = &(sym)

#define DATA_SET(set, sym)	__MAKE_SET(set, sym)

#define SET_DECLARE(set, ptype)						\
	extern ptype *__start_set_##set[] __attribute__((__weak__));	\
	extern ptype *__stop_set_##set[] __attribute__((__weak__))

#define SET_BEGIN(set)	(__start_set_##set)
#define SET_LIMIT(set)	(__stop_set_##set)
#define SET_COUNT(set)	((size_t)(SET_LIMIT(set) - SET_BEGIN(set)))

/* Iterate: `ptype **pvar` walks every entry of the set. */
#define SET_FOREACH(pvar, set)						\
	for (pvar = SET_BEGIN(set); pvar < SET_LIMIT(set); pvar++)

#endif /* !_SYS_LINKER_SET_H_ */
