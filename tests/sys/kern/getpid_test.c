/* getpid_test: process and thread ids. */
#include <unistd.h>
#include <sys/syscall.h>

#include "tap.h"

int
main(void)
{
	pid_t pid = getpid();

	TAP_CHECK(pid > 0);
	TAP_CHECK(getppid() >= 0 && getppid() != pid);
	TAP_CHECK(syscall(SYS_gettid) == pid);
	TAP_CHECK(getuid() == geteuid() && getgid() == getegid());
	return (tap_done());
}
