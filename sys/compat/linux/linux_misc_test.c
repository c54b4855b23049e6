/*
 * linux_misc_test.c: in-kernel tests of reboot(2)'s and clone(2)'s
 * checks (the calls that would end the run or fork the kernel's process
 * are not made).
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/ktest.h>
#include <sys/proc.h>
#include <sys/ucred.h>

#include <compat/linux/linux.h>
#include <compat/linux/linux_proto.h>

static int
t_reboot(uint64_t magic1, uint64_t magic2, uint64_t cmd)
{
	struct linux_reboot_args a;

	memset(&a, 0, sizeof(a));
	a.magic1 = magic1;
	a.magic2 = magic2;
	a.cmd = cmd;
	return (linux_reboot(curthread, &a));
}

/* Wrong magic numbers and unknown commands are EINVAL; CAD is a no-op. */
KTEST(linux_misc, reboot_checks_magic_and_command)
{
	KT_EXPECT_EQ(kt, t_reboot(0, LINUX_REBOOT_MAGIC2,
	    LINUX_REBOOT_CMD_POWER_OFF), EINVAL);
	KT_EXPECT_EQ(kt, t_reboot(LINUX_REBOOT_MAGIC1, 1,
	    LINUX_REBOOT_CMD_POWER_OFF), EINVAL);
	KT_EXPECT_EQ(kt, t_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2C,
	    0x12345678), EINVAL);
	KT_EXPECT_EQ(kt, t_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2A,
	    LINUX_REBOOT_CMD_CAD_OFF), 0);
	KT_EXPECT_EQ(kt, t_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2B,
	    LINUX_REBOOT_CMD_CAD_ON), 0);
}

/* A user who is not root gets EPERM, before the magic is looked at. */
KTEST(linux_misc, reboot_needs_root)
{
	struct proc *p = curthread->td_proc;
	struct ucred *root, *user;

	root = p->p_ucred;
	user = crcopy(root);
	user->cr_uid = user->cr_ruid = user->cr_svuid = 1000;
	p->p_ucred = user;
	KT_EXPECT_EQ(kt, t_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
	    LINUX_REBOOT_CMD_POWER_OFF), EPERM);
	KT_EXPECT_EQ(kt, t_reboot(0, 0, 0), EPERM);
	p->p_ucred = root;
	crfree(user);
}

static int
t_clone(uint64_t flags)
{
	struct linux_clone_args a;

	memset(&a, 0, sizeof(a));
	a.flags = flags;
	return (linux_clone(curthread, &a));
}

/*
 * Inconsistent flags are EINVAL, as Linux; sharing other than the
 * address space without a thread (and vfork of a thread, and flags
 * unknown) ENOSYS.  CLONE_VM alone and CLONE_VM|CLONE_VFORK are
 * supported, as vfork(2) is (user test vfork_test).
 */
KTEST(linux_misc, clone_refuses_unsupported_sharing)
{
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_SIGHAND), EINVAL);
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_THREAD | LINUX_CLONE_VM),
	    EINVAL);
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_VM | LINUX_CLONE_FILES), ENOSYS);
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_VM | LINUX_CLONE_VFORK |
	    LINUX_CLONE_FS), ENOSYS);
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_VM | LINUX_CLONE_SIGHAND),
	    ENOSYS);
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_FILES), ENOSYS);
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_THREAD | LINUX_CLONE_VM |
	    LINUX_CLONE_FS | LINUX_CLONE_FILES | LINUX_CLONE_SIGHAND |
	    LINUX_CLONE_VFORK), ENOSYS);
	KT_EXPECT_EQ(kt, t_clone(LINUX_CLONE_VM | LINUX_CLONE_PIDFD), ENOSYS);
}
