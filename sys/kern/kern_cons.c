/*
 * kern_cons.c: console output.
 *
 * Characters go to the one registered console device; a newline becomes
 * CR LF for serial terminals.  Before a console exists, output is
 * dropped.  XXX: printf is not serialized yet; it must take a spin lock
 * once there is more than one CPU or preemption.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/cons.h>

static struct consdev *cn_tab;	/* the console, set once at boot */

/*
 * User processes' output (write to fds 0-2): when a prefix is set (the
 * user test mode frames program output as TAP diagnostics), it starts
 * every line.  XXX: one state for all processes; the test mode runs one
 * program at a time.
 */
static const char *cn_user_prefix;
static bool	cn_user_midline;	/* the last user byte was no newline */

void
cnadd(struct consdev *cp)
{
	cn_tab = cp;
}

void
cnputc(int c)
{
	if (cn_tab == NULL)
		return;
	if (c == '\n')
		cn_tab->cn_putc(cn_tab, '\r');
	cn_tab->cn_putc(cn_tab, c);
}

void
cnputs(const char *s)
{
	while (*s != '\0')
		cnputc(*s++);
}

/* cn_set_user_prefix: start each user output line with prefix (or none). */
void
cn_set_user_prefix(const char *prefix)
{
	cn_user_prefix = prefix;
	cn_user_midline = false;
}

/* cnwrite_user: console output written by a user process. */
void
cnwrite_user(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (!cn_user_midline && cn_user_prefix != NULL)
			cnputs(cn_user_prefix);
		cnputc(buf[i]);
		cn_user_midline = buf[i] != '\n';
	}
}

/* cn_user_endline: end a user line left without its newline. */
void
cn_user_endline(void)
{
	if (cn_user_midline)
		cnputc('\n');
	cn_user_midline = false;
}
