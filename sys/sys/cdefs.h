/*
 * cdefs.h: compiler attribute shorthands used throughout the kernel.
 */
#ifndef _SYS_CDEFS_H_
#define _SYS_CDEFS_H_

#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __section(x)		__attribute__((__section__(x)))
#define __used			__attribute__((__used__))
#define __unused		__attribute__((__unused__))
#define __dead2			__attribute__((__noreturn__))
#define __noinline		__attribute__((__noinline__))
#define __weak_symbol		__attribute__((__weak__))
#define __printflike(f, a)	__attribute__((__format__(__printf__, f, a)))
#define __predict_true(e)	__builtin_expect((e), 1)
#define __predict_false(e)	__builtin_expect((e), 0)

#define __CONCAT1(x, y)	x##y
#define __CONCAT(x, y)	__CONCAT1(x, y)
#define __STRING(x)	#x
#define __XSTRING(x)	__STRING(x)

/* Compile-time assertion, for layout assumptions shared with assembly. */
#define CTASSERT(x)	_Static_assert(x, "compile-time assertion failed: " #x)

#define __DECONST(type, var)	((type)(__UINTPTR_TYPE__)(const void *)(var))
#define __DEVOLATILE(type, var)	((type)(__UINTPTR_TYPE__)(volatile void *)(var))

#endif /* !_SYS_CDEFS_H_ */
