/* uname_test: the Linux personality's uname. */
#include <string.h>
#include <sys/utsname.h>

#include "tap.h"

static void
test_uname__linux_x86_64(void)
{
	struct utsname u;

	TAP_CHECK(uname(&u) == 0);
	TAP_CHECK(strcmp(u.sysname, "Linux") == 0);
	TAP_CHECK(strcmp(u.machine, "x86_64") == 0);
	TAP_CHECK(u.release[0] >= '3' && u.release[0] <= '9');
	printf("# %s %s %s %s\n", u.sysname, u.nodename, u.release, u.machine);
}

#define CASES(X) X(uname__linux_x86_64)
TAP_MAIN(CASES, NULL, NULL)
