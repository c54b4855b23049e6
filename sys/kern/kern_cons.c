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
