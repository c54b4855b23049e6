/*
 * kshim.h: what a host unit test needs to call kernel code built for the
 * host (share/mk/umbra.hosttest.mk): the kernel's libc-named functions
 * under their k_ names, the kernel typedefs the C library lacks, and the
 * prototypes of kernel functions whose headers need the kernel's own
 * <sys/...> headers.
 */
#ifndef _KSHIM_H_
#define _KSHIM_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef uint64_t vm_offset_t;
typedef uint64_t vm_paddr_t;
typedef uint64_t vm_size_t;

int	k_snprintf(char *buf, size_t size, const char *fmt, ...);
int	k_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void	*k_memmove(void *dst, const void *src, size_t len);
size_t	k_strlcpy(char *dst, const char *src, size_t size);
char	*k_strstr(const char *haystack, const char *needle);
size_t	k_strnlen(const char *s, size_t maxlen);
bool	fnmatch_simple(const char *pattern, const char *s);

/* kern_environment.c */
void	kenv_init(const char *cmdline);
const char *kern_getenv(const char *name);
const char *kern_cmdline(void);
bool	getenv_bool(const char *name);
int	kenv_count(void);
const char *kenv_name(int i);

/* dev/acpi/acpi_pm.c */
int	acpi_s5_sleep_type(const uint8_t *aml, size_t len, uint16_t *typa);

/* kshim.c: what the console printed, for tests of output. */
extern char kshim_console[4096];
extern size_t kshim_console_len;

#endif /* !_KSHIM_H_ */
