/*
 * subr_prf.c: the kernel's printf family.
 *
 * kvprintf() is the one formatter; printf() sends its characters to the
 * console and snprintf() to a buffer.  It has no hardware dependence, so
 * tests/unit compiles this file unchanged for the host and checks it
 * against the C library's printf.
 *
 * Conversions: d i u x X o c s p %, with the flags - 0 + space #, a field
 * width and a precision (either may be *), and the length modifiers hh h l
 * ll j z t q.  Unknown conversions are printed literally, so a bad format
 * shows up in the output instead of consuming arguments silently.
 */
#include <sys/types.h>
#include <sys/systm.h>

struct snprintf_arg {
	char	*buf;		/* next byte to write */
	size_t	remain;		/* bytes left, including the final NUL */
};

static const char hex_lower[] = "0123456789abcdef";
static const char hex_upper[] = "0123456789ABCDEF";

/*
 * ksprintn: write the digits of num in base into the end of buf (which
 * must hold 64 characters) and return a pointer to the first digit.
 */
static char *
ksprintn(char *bufend, uint64_t num, int base, bool upper)
{
	const char *digits = upper ? hex_upper : hex_lower;
	char *p = bufend;

	do {
		*--p = digits[num % base];
		num /= base;
	} while (num != 0);
	return (p);
}

/*
 * kvprintf: format fmt with ap, handing each output character to func(c,
 * arg).  radix is the default base for %d-less callers and is kept for
 * FreeBSD compatibility; it must be 10.  Returns the number of characters
 * produced.
 */
int
kvprintf(const char *fmt, kvprintf_fn_t *func, void *arg, int radix,
    va_list ap)
{
	char nbuf[64];
	int retval = 0;

	(void)radix;
#define PCHAR(c)                  \
	do {                      \
		func((c), arg);   \
		retval++;         \
	} while (0)

	for (;;) {
		bool ladjust = false, sharp = false, upper = false;
		bool is_signed = false, neg = false, have_prec = false;
		char padc = ' ', sign = 0;
		int width = 0, prec = 0, lflag = 0, hflag = 0, base = 10;
		int len, zeros, pad;
		uint64_t num = 0;
		const char *p, *prefix = "";
		int c;

		while ((c = (unsigned char)*fmt++) != '%') {
			if (c == '\0')
				return (retval);
			PCHAR(c);
		}
		const char *spec = fmt - 1;

		/* Flags. */
		for (;; fmt++) {
			if (*fmt == '-')
				ladjust = true;
			else if (*fmt == '0')
				padc = '0';
			else if (*fmt == '+')
				sign = '+';
			else if (*fmt == ' ') {
				if (sign == 0)
					sign = ' ';
			} else if (*fmt == '#')
				sharp = true;
			else
				break;
		}
		/* Width. */
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				ladjust = true;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		/* Precision. */
		if (*fmt == '.') {
			have_prec = true;
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					have_prec = false;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		/* Length. */
		for (;; fmt++) {
			if (*fmt == 'l')
				lflag++;
			else if (*fmt == 'h')
				hflag++;
			else if (*fmt == 'q' || *fmt == 'j' || *fmt == 'z' ||
			    *fmt == 't')
				lflag = 2;
			else
				break;
		}

		c = (unsigned char)*fmt++;
		switch (c) {
		case '%':
			PCHAR('%');
			continue;
		case 'c':
			nbuf[0] = (char)va_arg(ap, int);
			p = nbuf;
			len = 1;
			goto emit_string;
		case 's':
			p = va_arg(ap, const char *);
			if (p == NULL)
				p = "(null)";
			len = (int)(have_prec ? strnlen(p, (size_t)prec) :
			    strlen(p));
		emit_string:
			pad = width > len ? width - len : 0;
			if (!ladjust)
				while (pad-- > 0)
					PCHAR(' ');
			while (len-- > 0)
				PCHAR(*p++);
			if (ladjust)
				while (pad-- > 0)
					PCHAR(' ');
			continue;
		case 'p':
			num = (uint64_t)(uintptr_t)va_arg(ap, void *);
			base = 16;
			prefix = "0x";
			goto emit_number;
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'o':
			base = 8;
			break;
		case 'X':
			upper = true;
			/* FALLTHROUGH */
		case 'x':
			base = 16;
			break;
		default:
			/* Unknown conversion: print it as written. */
			for (p = spec; p < fmt; p++)
				PCHAR(*p);
			if (c == '\0')
				return (retval);
			continue;
		}

		/* Fetch the argument at its declared size. */
		if (is_signed) {
			int64_t sn;

			if (lflag >= 1)
				sn = lflag >= 2 ? va_arg(ap, long long) :
				    va_arg(ap, long);
			else
				sn = va_arg(ap, int);
			if (lflag == 0 && hflag == 1)
				sn = (short)sn;
			else if (lflag == 0 && hflag >= 2)
				sn = (signed char)sn;
			if (sn < 0) {
				neg = true;
				num = -(uint64_t)sn;
			} else
				num = (uint64_t)sn;
		} else {
			if (lflag >= 1)
				num = lflag >= 2 ? va_arg(ap, unsigned long long) :
				    va_arg(ap, unsigned long);
			else
				num = va_arg(ap, unsigned int);
			if (lflag == 0 && hflag == 1)
				num = (unsigned short)num;
			else if (lflag == 0 && hflag >= 2)
				num = (unsigned char)num;
		}
		if (neg)
			prefix = "-";
		else if (is_signed && sign != 0)
			prefix = sign == '+' ? "+" : " ";
		else if (sharp && base == 16 && num != 0)
			prefix = upper ? "0X" : "0x";

	emit_number:
		p = ksprintn(nbuf + sizeof(nbuf), num, base, upper);
		len = (int)(nbuf + sizeof(nbuf) - p);
		if (have_prec && prec == 0 && num == 0)
			len = 0;	/* "%.0d" of 0 prints nothing */
		zeros = 0;
		if (have_prec && prec > len)
			zeros = prec - len;
		if (sharp && base == 8 && (zeros == 0) && (len == 0 || *p != '0'))
			zeros = 1;
		if (padc == '0' && !ladjust && !have_prec) {
			int used = (int)strlen(prefix) + len + zeros;

			if (width > used)
				zeros += width - used;
		}
		pad = width - ((int)strlen(prefix) + zeros + len);
		if (pad < 0)
			pad = 0;
		if (!ladjust)
			while (pad-- > 0)
				PCHAR(' ');
		while (*prefix != '\0')
			PCHAR(*prefix++);
		while (zeros-- > 0)
			PCHAR('0');
		while (len-- > 0)
			PCHAR(*p++);
		if (ladjust)
			while (pad-- > 0)
				PCHAR(' ');
	}
#undef PCHAR
}

static void
snprintf_func(int c, void *arg)
{
	struct snprintf_arg *info = arg;

	if (info->remain >= 2) {
		*info->buf++ = (char)c;
		info->remain--;
	}
}

/* vsnprintf: format into buf, always NUL-terminated when size > 0. */
int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct snprintf_arg info = { buf, size };
	int retval;

	retval = kvprintf(fmt, snprintf_func, &info, 10, ap);
	if (info.remain >= 1)
		*info.buf = '\0';
	return (retval);
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int retval;

	va_start(ap, fmt);
	retval = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return (retval);
}

static void
cons_func(int c, void *arg)
{
	(void)arg;
	cnputc(c);
}

int
vprintf(const char *fmt, va_list ap)
{
	return (kvprintf(fmt, cons_func, NULL, 10, ap));
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int retval;

	va_start(ap, fmt);
	retval = vprintf(fmt, ap);
	va_end(ap);
	return (retval);
}
