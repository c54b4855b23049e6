/*
 * string.c: the string and memory functions the kernel and the compiler
 * need (clang emits calls to memcpy/memset for struct copies and clears).
 *
 * Byte loops, written for clarity; a faster memcpy can come with
 * measurements in bench/.
 */
#include <sys/types.h>
#include <sys/libkern.h>

void *
memcpy(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (len-- > 0)
		*d++ = *s++;
	return (dst);
}

void *
memmove(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || len == 0)
		return (dst);
	if (d < s) {
		while (len-- > 0)
			*d++ = *s++;
	} else {
		d += len;
		s += len;
		while (len-- > 0)
			*--d = *--s;
	}
	return (dst);
}

void *
memset(void *dst, int c, size_t len)
{
	unsigned char *d = dst;

	while (len-- > 0)
		*d++ = (unsigned char)c;
	return (dst);
}

int
memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *p = a, *q = b;

	for (; len > 0; len--, p++, q++) {
		if (*p != *q)
			return (*p - *q);
	}
	return (0);
}

size_t
strlen(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		;
	return (n);
}

size_t
strnlen(const char *s, size_t maxlen)
{
	size_t n;

	for (n = 0; n < maxlen && s[n] != '\0'; n++)
		;
	return (n);
}

int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return ((unsigned char)*a - (unsigned char)*b);
}

int
strncmp(const char *a, const char *b, size_t len)
{
	for (; len > 0; len--, a++, b++) {
		if (*a != *b)
			return ((unsigned char)*a - (unsigned char)*b);
		if (*a == '\0')
			break;
	}
	return (0);
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (__DECONST(char *, s));
		if (*s == '\0')
			return (NULL);
	}
}

/* strstr: the first occurrence of needle in haystack, or NULL. */
char *
strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack != '\0'; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return (__DECONST(char *, haystack));
	return (n == 0 ? __DECONST(char *, haystack) : NULL);
}

/* strlcpy: copy with truncation; returns strlen(src) as OpenBSD's does. */
size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return (len);
}

/*
 * fnmatch_simple: shell-style match of s against pattern, with '*' (any
 * run, possibly empty) and '?' (any one character).  Used to select
 * in-kernel tests by name.
 */
bool
fnmatch_simple(const char *pattern, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s != '\0') {
		if (*pattern == '*') {
			star = pattern++;
			resume = s;
		} else if (*pattern == '?' || *pattern == *s) {
			pattern++;
			s++;
		} else if (star != NULL) {
			pattern = star + 1;
			s = ++resume;
		} else {
			return (false);
		}
	}
	while (*pattern == '*')
		pattern++;
	return (*pattern == '\0');
}
