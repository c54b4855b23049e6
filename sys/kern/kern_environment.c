/*
 * kern_environment.c: the boot environment, from the kernel command line.
 *
 * The command line GRUB passes is split at blanks into words; a word
 * "name=value" sets name, a bare word "name" sets it to "".  Double quotes
 * group blanks into a value ("umbra.test=a b" is one word when quoted) and
 * are removed; a backslash takes the next character literally (GRUB
 * escapes quotes and backslashes that way when it builds the command
 * line from its variables).  A later setting of the same name wins, as on FreeBSD.  The
 * words are copied once at boot into a static buffer; lookups are a linear
 * scan, which is fine for the handful of settings a boot carries.
 */
#include <sys/types.h>
#include <sys/systm.h>

#define KENV_MAXVARS	64
#define KENV_BUFSIZE	1024

static char	kenv_buf[KENV_BUFSIZE];
static char	kenv_cmdline[KENV_BUFSIZE];	/* the raw line, truncated */
static const char *kenv_names[KENV_MAXVARS];
static const char *kenv_values[KENV_MAXVARS];
static int	kenv_nvars;

/*
 * kenv_init: parse cmdline.  Words beyond KENV_MAXVARS, or text beyond
 * KENV_BUFSIZE, are dropped (the banner prints the raw command line, so
 * nothing is lost silently from the user's view).
 */
void
kenv_init(const char *cmdline)
{
	const char *s = cmdline;
	char *out = kenv_buf, *end = kenv_buf + sizeof(kenv_buf) - 1;

	strlcpy(kenv_cmdline, cmdline, sizeof(kenv_cmdline));
	kenv_nvars = 0;
	while (*s != '\0' && kenv_nvars < KENV_MAXVARS) {
		char *word, *eq;
		bool quoted = false;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		word = out;
		while (*s != '\0' && (quoted || (*s != ' ' && *s != '\t'))) {
			if (*s == '\\' && s[1] != '\0') {
				s++;
				if (out < end)
					*out++ = *s;
			} else if (*s == '"')
				quoted = !quoted;
			else if (out < end)
				*out++ = *s;
			s++;
		}
		if (out >= end)
			break;
		*out++ = '\0';
		eq = strchr(word, '=');
		if (eq != NULL) {
			*eq = '\0';
			kenv_values[kenv_nvars] = eq + 1;
		} else {
			kenv_values[kenv_nvars] = "";
		}
		kenv_names[kenv_nvars++] = word;
	}
}

/* kern_cmdline: the command line as the boot loader gave it. */
const char *
kern_cmdline(void)
{
	return (kenv_cmdline);
}

/* kern_getenv: the value of name, or NULL if the command line lacks it. */
const char *
kern_getenv(const char *name)
{
	int i;

	for (i = kenv_nvars - 1; i >= 0; i--)
		if (strcmp(kenv_names[i], name) == 0)
			return (kenv_values[i]);
	return (NULL);
}

/* getenv_bool: is name set to anything but "0", "no" or "false"? */
bool
getenv_bool(const char *name)
{
	const char *v = kern_getenv(name);

	if (v == NULL)
		return (false);
	return (strcmp(v, "0") != 0 && strcmp(v, "no") != 0 &&
	    strcmp(v, "false") != 0);
}

int
kenv_count(void)
{
	return (kenv_nvars);
}

const char *
kenv_name(int i)
{
	return (i >= 0 && i < kenv_nvars ? kenv_names[i] : NULL);
}
