/*
 * subr_cpio.c: a reader of "newc" cpio archives (the format is described
 * in sys/sys/cpio.h), for the boot module of static programs.
 *
 * The archive is untrusted input: every field is parsed as exactly eight
 * hex digits, every length is checked against what is left of the
 * archive before it is used (without overflow), and a member's name must
 * be NUL-terminated where its namesize says.  Nothing is copied: a
 * struct cpio_file points into the archive.  Pure logic, compiled
 * unchanged into tests/unit/cpio_test.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/libkern.h>
#include <sys/cpio.h>

/* Offsets of the fields of the header (each 8 hex digits). */
#define CPIO_OFF_MODE		14
#define CPIO_OFF_FILESIZE	54
#define CPIO_OFF_NAMESIZE	94

/* Parse 8 hex digits at p into *vp; EINVAL if any is not a hex digit. */
static int
cpio_hex8(const char *p, uint32_t *vp)
{
	uint32_t v = 0;
	int i, d;

	for (i = 0; i < 8; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			d = p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			d = p[i] - 'A' + 10;
		else
			return (EINVAL);
		v = v << 4 | (uint32_t)d;
	}
	*vp = v;
	return (0);
}

/* x rounded up to a multiple of 4, or SIZE_MAX when that overflows. */
static size_t
cpio_pad4(size_t x)
{
	if (x > SIZE_MAX - 3)
		return (SIZE_MAX);
	return ((x + 3) & ~(size_t)3);
}

/*
 * cpio_next: read the member at *offp of the archive [archive, +len).
 * Returns 0 with the member in *f and *offp advanced past it; ENOENT at
 * the trailer (or at the very end of an archive without one); EINVAL for
 * a malformed or truncated member (*offp is left unchanged then).
 */
int
cpio_next(const void *archive, size_t len, size_t *offp, struct cpio_file *f)
{
	const char *a = archive, *h;
	uint32_t mode, filesize, namesize;
	size_t off = *offp, dataoff, end;

	if (off == len)
		return (ENOENT);
	if (off > len || len - off < CPIO_HDR_SIZE)
		return (EINVAL);
	h = a + off;
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2'))
		return (EINVAL);
	if (cpio_hex8(h + CPIO_OFF_MODE, &mode) != 0 ||
	    cpio_hex8(h + CPIO_OFF_FILESIZE, &filesize) != 0 ||
	    cpio_hex8(h + CPIO_OFF_NAMESIZE, &namesize) != 0)
		return (EINVAL);
	/* The name, with its NUL, must fit and end where namesize says. */
	if (namesize == 0 || namesize > len - off - CPIO_HDR_SIZE)
		return (EINVAL);
	if (h[CPIO_HDR_SIZE + namesize - 1] != '\0' ||
	    strnlen(h + CPIO_HDR_SIZE, namesize) != namesize - 1)
		return (EINVAL);
	dataoff = cpio_pad4(off + CPIO_HDR_SIZE + namesize);
	if (dataoff > len || filesize > len - dataoff)
		return (EINVAL);
	if (strcmp(h + CPIO_HDR_SIZE, CPIO_TRAILER) == 0)
		return (ENOENT);
	end = cpio_pad4(dataoff + filesize);
	f->name = h + CPIO_HDR_SIZE;
	f->mode = mode;
	f->data = a + dataoff;
	f->size = filesize;
	/* The last member's padding may be cut off; the archive still ends. */
	*offp = end < len ? end : len;
	return (0);
}

/* The name without leading "/" and "./" components. */
static const char *
cpio_skip_root(const char *s)
{
	for (;;) {
		if (s[0] == '/')
			s++;
		else if (s[0] == '.' && s[1] == '/')
			s += 2;
		else
			return (s);
	}
}

/*
 * cpio_lookup: find the member named path ("/init", "init" and "./init"
 * name the same member).  Returns 0 with it in *f, ENOENT when absent, or
 * EINVAL when the archive is malformed before it is found.
 */
int
cpio_lookup(const void *archive, size_t len, const char *path,
    struct cpio_file *f)
{
	struct cpio_file cf;
	size_t off = 0;
	int error;

	path = cpio_skip_root(path);
	while ((error = cpio_next(archive, len, &off, &cf)) == 0) {
		if (strcmp(cpio_skip_root(cf.name), path) == 0) {
			*f = cf;
			return (0);
		}
	}
	return (error);
}
