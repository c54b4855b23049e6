/*
 * init: the first user process (pid 1), started by the kernel from the
 * root file system's /sbin/init (or the boot module's /init) when the
 * command line says umbra.init=1.
 *
 * A placeholder until there is a file system and a shell: it says hello
 * with its process ids and exits; the kernel reports its exit status.
 */
#include <stdio.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	printf("init: Umbra's first user process: pid %d, parent %d, "
	    "argv[0] %s\n", (int)getpid(), (int)getppid(),
	    argc > 0 ? argv[0] : "(none)");
	printf("init: nothing else to start yet; exiting\n");
	return (0);
}
