/*
 * systm.h: the kernel's everyday interfaces: console output, panic and
 * assertions, the boot environment.
 */
#ifndef _SYS_SYSTM_H_
#define _SYS_SYSTM_H_

#include <sys/types.h>
#include <sys/libkern.h>

#include <stdarg.h>

/* subr_prf.c: formatted output. */
typedef void kvprintf_fn_t(int c, void *arg);
int	kvprintf(const char *fmt, kvprintf_fn_t *func, void *arg, int radix,
	    va_list ap);
int	printf(const char *fmt, ...) __printflike(1, 2);
int	vprintf(const char *fmt, va_list ap);
int	snprintf(char *buf, size_t size, const char *fmt, ...)
	    __printflike(3, 4);
int	vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* kern_cons.c: the console. */
void	cnputc(int c);
void	cnputs(const char *s);

/* kern_shutdown.c: panic and power-off. */
void	panic(const char *fmt, ...) __dead2 __printflike(1, 2);
void	vpanic(const char *fmt, va_list ap) __dead2;
extern const char *panicstr;	/* non-NULL once the kernel has panicked */

#ifdef INVARIANTS
#define KASSERT(exp, msg)						\
	do {								\
		if (__predict_false(!(exp)))				\
			panic msg;					\
	} while (0)
#else
#define KASSERT(exp, msg)	do { } while (0)
#endif

/* Assertions that are always compiled in: conditions the boot relies on. */
#define MPASS(exp)							\
	KASSERT((exp), ("Assertion %s failed at %s:%d", #exp, __FILE__, \
	    __LINE__))

/* kern_environment.c: key=value settings from the kernel command line. */
void	kenv_init(const char *cmdline);
const char *kern_getenv(const char *name);
const char *kern_cmdline(void);
bool	getenv_bool(const char *name);
int	kenv_count(void);
const char *kenv_name(int i);

/*
 * Moving data between the kernel and user space (support.S).  Every user
 * address range is checked to lie below VM_MAXUSER_ADDRESS; a fault
 * returns EFAULT (fueword/suword: -1) instead of panicking.
 */
int	copyin(const void *uaddr, void *kaddr, size_t len);
int	copyout(const void *kaddr, void *uaddr, size_t len);
int	copyinstr(const void *uaddr, void *kaddr, size_t maxlen,
	    size_t *lencopied);
int	fueword(const void *uaddr, long *val);
int	suword(void *uaddr, long val);

/* kern_random.c: random bytes (not cryptographic; see there). */
void	read_random(void *buf, size_t len);

extern const char version[];	/* "Umbra 0.1.0 (build ...)" banner text */
extern const char osrelease[];

/*
 * Physical memory in pages (hw.physmem): set by machdep from the boot
 * loader's memory map; the VM system may refine it.
 */
extern u_long physmem;

#endif /* !_SYS_SYSTM_H_ */
