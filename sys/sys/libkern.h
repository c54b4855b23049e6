/*
 * libkern.h: the C library subset the kernel carries (sys/libkern).
 */
#ifndef _SYS_LIBKERN_H_
#define _SYS_LIBKERN_H_

#include <sys/types.h>

void	*memcpy(void *dst, const void *src, size_t len);
void	*memmove(void *dst, const void *src, size_t len);
void	*memset(void *dst, int c, size_t len);
int	memcmp(const void *a, const void *b, size_t len);
size_t	strlen(const char *s);
size_t	strnlen(const char *s, size_t maxlen);
int	strcmp(const char *a, const char *b);
int	strncmp(const char *a, const char *b, size_t len);
char	*strchr(const char *s, int c);
char	*strstr(const char *haystack, const char *needle);
size_t	strlcpy(char *dst, const char *src, size_t size);
bool	fnmatch_simple(const char *pattern, const char *s);

#endif /* !_SYS_LIBKERN_H_ */
