/*
 * devfs_test.c: in-kernel tests of devfs on a private mount (no root
 * file system needed): lookups of the standard devices, their
 * attributes and Linux numbers, readdir, the directory "pts" and its
 * hidden devices, and I/O through the open-file
 * operations a device vnode carries (v_fops), as open(2) would use them.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/dirent.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/ktest.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/tty.h>
#include <sys/ttycom.h>
#include <sys/ucred.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_phys.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

#include <fs/devfs/devfs.h>

static struct mount *devfs_test_mp;	/* one private mount for all tests */

static struct vnode *
dt_root(struct ktest_ctx *kt)
{
	struct vnode *rvp;

	if (devfs_test_mp == NULL)
		KT_ASSERT_EQ(kt, vfs_mount_private("devfs", NULL, 0,
		    &devfs_test_mp), 0);
	KT_ASSERT_EQ(kt, VFS_ROOT(devfs_test_mp, &rvp), 0);
	return (rvp);			/* locked, referenced */
}

/* Look name up in devfs's root: its vnode, referenced and unlocked. */
static int
dt_lookup(struct ktest_ctx *kt, const char *name, struct vnode **vpp)
{
	struct componentname cn = {
		.cn_nameiop = LOOKUP, .cn_flags = ISLASTCN,
		.cn_cred = curthread->td_proc->p_ucred,
		.cn_thread = curthread, .cn_nameptr = name,
		.cn_namelen = strlen(name),
	};
	struct vnode *dvp = dt_root(kt), *vp;
	int error;

	error = VOP_LOOKUP(dvp, &vp, &cn);
	if (error == 0 && vp != dvp)
		VOP_UNLOCK(vp);
	VOP_UNLOCK(dvp);
	vrele(dvp);
	if (error == 0)
		*vpp = vp;
	return (error);
}

/* Open the device vnode vp as open(2) would: a file with its v_fops. */
static int
dt_open(struct vnode *vp, int fflags, struct file **fpp)
{
	struct file *fp;
	int error;

	(void)falloc_noinstall(curthread, &fp);
	(void)vn_lock(vp, LK_RETRY);
	error = VOP_OPEN(vp, fflags, fp->f_cred, fp);
	if (error == 0 && (fflags & FWRITE)) {
		mtx_lock(&vp->v_interlock);
		vp->v_writecount++;	/* as vn_open; vn_close undoes it */
		mtx_unlock(&vp->v_interlock);
	}
	VOP_UNLOCK(vp);
	if (error != 0) {
		(void)fdrop(fp, curthread);
		vrele(vp);
		return (error);
	}
	fp->f_vnode = vp;		/* takes the reference */
	finit(fp, fflags, DTYPE_VNODE, vp, vp->v_fops);
	*fpp = fp;
	return (0);
}

static int
dt_io(struct file *fp, enum uio_rw rw, void *buf, size_t len, size_t *donep)
{
	struct iovec iov = { buf, len };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = len,
		.uio_segflg = UIO_SYSSPACE, .uio_rw = rw, .uio_td = curthread,
	};
	int error;

	error = rw == UIO_READ ? fo_read(fp, &uio, 0, curthread) :
	    fo_write(fp, &uio, 0, curthread);
	*donep = len - uio.uio_resid;
	return (error);
}

/* Every standard device, with Linux's numbers and modes. */
KTEST(devfs, standard_devices)
{
	static const struct {
		const char *name;
		int major, minor, mode;
	} want[] = {
		{ "null", 1, 3, 0666 }, { "zero", 1, 5, 0666 },
		{ "mem", 1, 1, 0640 }, { "random", 1, 8, 0666 },
		{ "urandom", 1, 9, 0666 }, { "tty", 5, 0, 0666 },
		{ "console", 5, 1, 0600 },
	};
	struct vnode *vp;
	struct stat sb;
	size_t i;

	for (i = 0; i < nitems(want); i++) {
		KT_ASSERT_EQ(kt, dt_lookup(kt, want[i].name, &vp), 0);
		KT_EXPECT_EQ(kt, vp->v_type, VCHR);
		KT_EXPECT(kt, vp->v_fops == &devfs_fops);
		(void)vn_lock(vp, 0);
		KT_EXPECT_EQ(kt, vn_stat(vp, &sb), 0);
		VOP_UNLOCK(vp);
		KT_EXPECT_EQ(kt, sb.st_mode, S_IFCHR | want[i].mode);
		KT_EXPECT_EQ(kt, sb.st_rdev, (uint64_t)((want[i].major << 8) |
		    want[i].minor));
		vrele(vp);
	}
	KT_EXPECT_EQ(kt, dt_lookup(kt, "nosuchdevice", &vp), ENOENT);
	/* The same vnode each time (the cache). */
	{
		struct vnode *v1, *v2;

		KT_ASSERT_EQ(kt, dt_lookup(kt, "null", &v1), 0);
		KT_ASSERT_EQ(kt, dt_lookup(kt, "null", &v2), 0);
		KT_EXPECT(kt, v1 == v2);
		vrele(v1);
		vrele(v2);
	}
}

/* readdir: ".", "..", then the devices; cookies resume; tiny buffer. */
KTEST(devfs, readdir)
{
	char buf[2048], small[16];
	struct iovec iov;
	struct uio uio;
	struct dirent *dp;
	struct vnode *rvp = dt_root(kt);
	size_t off;
	int eof = 0, n = 0;
	bool dot = false, null = false, zero = false;

	iov = (struct iovec){ buf, sizeof(buf) };
	uio = (struct uio){ .uio_iov = &iov, .uio_iovcnt = 1,
	    .uio_resid = sizeof(buf), .uio_segflg = UIO_SYSSPACE,
	    .uio_rw = UIO_READ, .uio_td = curthread };
	KT_ASSERT_EQ(kt, VOP_READDIR(rvp, &uio, &eof), 0);
	KT_EXPECT_EQ(kt, eof, 1);
	for (off = 0; off < sizeof(buf) - uio.uio_resid; off += dp->d_reclen) {
		dp = (struct dirent *)(buf + off);
		KT_ASSERT(kt, dp->d_reclen >= DIRENT_RECLEN(0));
		n++;
		dot |= strcmp(dp->d_name, ".") == 0 && dp->d_type == DT_DIR;
		null |= strcmp(dp->d_name, "null") == 0 && dp->d_type == DT_CHR;
		zero |= strcmp(dp->d_name, "zero") == 0;
	}
	KT_EXPECT(kt, dot && null && zero);
	KT_EXPECT(kt, n >= 9);
	/* Too small for one entry: EINVAL. */
	iov = (struct iovec){ small, sizeof(small) };
	uio = (struct uio){ .uio_iov = &iov, .uio_iovcnt = 1,
	    .uio_resid = sizeof(small), .uio_segflg = UIO_SYSSPACE,
	    .uio_rw = UIO_READ, .uio_td = curthread, .uio_offset = 2 };
	KT_EXPECT_EQ(kt, VOP_READDIR(rvp, &uio, &eof), EINVAL);
	VOP_UNLOCK(rvp);
	vrele(rvp);
}

/* null, zero and urandom through their open files. */
KTEST(devfs, null_zero_random_io)
{
	struct vnode *vp;
	struct file *fp;
	struct stat sb;
	char buf[5000];
	size_t done, i;
	bool allzero = true;

	KT_ASSERT_EQ(kt, dt_lookup(kt, "null", &vp), 0);
	KT_ASSERT_EQ(kt, dt_open(vp, FREAD | FWRITE, &fp), 0);
	KT_EXPECT_EQ(kt, dt_io(fp, UIO_WRITE, buf, sizeof(buf), &done), 0);
	KT_EXPECT_EQ(kt, done, sizeof(buf));
	KT_EXPECT_EQ(kt, dt_io(fp, UIO_READ, buf, sizeof(buf), &done), 0);
	KT_EXPECT_EQ(kt, done, 0);
	KT_EXPECT_EQ(kt, fo_stat(fp, &sb, curthread), 0);
	KT_EXPECT_EQ(kt, sb.st_rdev, (1 << 8) | 3);
	(void)fdrop(fp, curthread);

	KT_ASSERT_EQ(kt, dt_lookup(kt, "zero", &vp), 0);
	KT_ASSERT_EQ(kt, dt_open(vp, FREAD, &fp), 0);
	memset(buf, 0x5a, sizeof(buf));
	KT_EXPECT_EQ(kt, dt_io(fp, UIO_READ, buf, sizeof(buf), &done), 0);
	KT_EXPECT_EQ(kt, done, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		allzero &= buf[i] == 0;
	KT_EXPECT(kt, allzero);
	(void)fdrop(fp, curthread);

	KT_ASSERT_EQ(kt, dt_lookup(kt, "urandom", &vp), 0);
	KT_ASSERT_EQ(kt, dt_open(vp, FREAD, &fp), 0);
	memset(buf, 0, sizeof(buf));
	KT_EXPECT_EQ(kt, dt_io(fp, UIO_READ, buf, 64, &done), 0);
	KT_EXPECT_EQ(kt, done, 64);
	allzero = true;
	for (i = 0; i < 64; i++)
		allzero &= buf[i] == 0;
	KT_EXPECT(kt, !allzero);
	(void)fdrop(fp, curthread);
}

/* /dev/mem: root reads RAM at an offset; others get EPERM at open. */
KTEST(devfs, mem_root_only)
{
	struct ucred *saved, *cr;
	struct vnode *vp;
	struct file *fp;
	char buf[16];
	size_t done;
	vm_paddr_t pa;

	KT_ASSERT_EQ(kt, dt_lookup(kt, "mem", &vp), 0);
	KT_ASSERT_EQ(kt, dt_open(vp, FREAD, &fp), 0);
	/* A byte of RAM we know: the first byte of a kernel variable. */
	pa = pmap_kextract((vm_offset_t)&devfs_test_mp);
	{
		struct iovec iov = { buf, sizeof(devfs_test_mp) };
		struct uio uio = { .uio_iov = &iov, .uio_iovcnt = 1,
		    .uio_resid = sizeof(devfs_test_mp), .uio_offset = pa,
		    .uio_segflg = UIO_SYSSPACE, .uio_rw = UIO_READ,
		    .uio_td = curthread };

		KT_EXPECT_EQ(kt, fo_read(fp, &uio, FOF_OFFSET, curthread), 0);
		KT_EXPECT_EQ(kt, uio.uio_resid, 0);
		KT_EXPECT(kt, memcmp(buf, &devfs_test_mp,
		    sizeof(devfs_test_mp)) == 0);
	}
	KT_EXPECT_EQ(kt, dt_io(fp, UIO_WRITE, buf, 1, &done), EPERM);
	(void)fdrop(fp, curthread);
	/* Not root. */
	saved = curthread->td_proc->p_ucred;
	cr = crcopy(saved);
	cr->cr_uid = cr->cr_ruid = 1000;
	curthread->td_proc->p_ucred = cr;
	KT_ASSERT_EQ(kt, dt_lookup(kt, "mem", &vp), 0);
	KT_EXPECT_EQ(kt, dt_open(vp, FREAD, &fp), EPERM);
	curthread->td_proc->p_ucred = saved;
	crfree(cr);
}

/*
 * /dev/console reaches the console terminal: its ioctls; no lseek.
 * /dev/tty is the caller's controlling terminal: ENXIO without one (a
 * kernel thread has no session), as Linux.
 */
KTEST(devfs, tty_is_the_console)
{
	struct termios t;
	struct vnode *vp;
	struct file *fp;
	off_t res;

	KT_ASSERT_EQ(kt, dt_lookup(kt, "tty", &vp), 0);
	KT_EXPECT_EQ(kt, dt_open(vp, FREAD, &fp), ENXIO);
	KT_ASSERT_EQ(kt, dt_lookup(kt, "console", &vp), 0);
	KT_ASSERT_EQ(kt, dt_open(vp, FREAD, &fp), 0);
	KT_EXPECT_EQ(kt, fo_ioctl(fp, TIOCGETA, &t, curthread), 0);
	KT_EXPECT(kt, (t.c_lflag & ICANON) != 0);
	KT_EXPECT_EQ(kt, fp->f_ops->fo_seek(fp, 0, SEEK_SET, &res,
	    curthread), ESPIPE);
	(void)fdrop(fp, curthread);
}

/* Whether directory dvp (locked) lists name, of type type. */
static bool
dt_listed(struct ktest_ctx *kt, struct vnode *dvp, const char *name,
    uint8_t type)
{
	char buf[4096];
	struct iovec iov = { buf, sizeof(buf) };
	struct uio uio = { .uio_iov = &iov, .uio_iovcnt = 1,
	    .uio_resid = sizeof(buf), .uio_segflg = UIO_SYSSPACE,
	    .uio_rw = UIO_READ, .uio_td = curthread };
	struct dirent *dp;
	size_t off;
	int eof = 0;
	bool found = false;

	KT_EXPECT_EQ(kt, VOP_READDIR(dvp, &uio, &eof), 0);
	for (off = 0; off < sizeof(buf) - uio.uio_resid; off += dp->d_reclen) {
		dp = (struct dirent *)(buf + off);
		if (strcmp(dp->d_name, name) == 0 && dp->d_type == type)
			found = true;
	}
	return (found);
}

/*
 * A directory of make_dev_dir ("pts"): listed in the root, its devices
 * ("pts/N") its entries and in no other directory, ".." the root; a
 * hidden device is neither found nor listed.
 */
KTEST(devfs, pts_directory)
{
	struct componentname cn = {
		.cn_nameiop = LOOKUP, .cn_flags = ISLASTCN,
		.cn_cred = curthread->td_proc->p_ucred,
		.cn_thread = curthread,
	};
	struct vnode *rvp, *dvp, *vp = NULL;
	struct file *m;
	struct vattr va;
	char name[16];
	u_int unit;

	KT_ASSERT_EQ(kt, pts_master_file(curthread, FREAD | FWRITE, &m), 0);
	KT_EXPECT_EQ(kt, fo_ioctl(m, TIOCGPTN, &unit, curthread), 0);
	snprintf(name, sizeof(name), "%u", unit);
	KT_ASSERT_EQ(kt, dt_lookup(kt, "pts", &dvp), 0);
	KT_EXPECT_EQ(kt, dvp->v_type, VDIR);
	rvp = dt_root(kt);
	KT_EXPECT(kt, dt_listed(kt, rvp, "pts", DT_DIR));
	KT_EXPECT(kt, !dt_listed(kt, rvp, name, DT_CHR));
	VOP_UNLOCK(rvp);
	(void)vn_lock(dvp, LK_RETRY);
	KT_EXPECT(kt, dt_listed(kt, dvp, name, DT_CHR));
	KT_EXPECT(kt, !dt_listed(kt, dvp, "null", DT_CHR));
	cn.cn_nameptr = name;
	cn.cn_namelen = strlen(name);
	KT_EXPECT_EQ(kt, VOP_LOOKUP(dvp, &vp, &cn), 0);
	if (vp != NULL) {
		KT_EXPECT_EQ(kt, vp->v_type, VCHR);
		KT_EXPECT_EQ(kt, VOP_GETATTR(vp, &va), 0);
		KT_EXPECT_EQ(kt, va.va_rdev, makedev(136, unit));
		vput(vp);
	}
	cn.cn_nameptr = "null";
	cn.cn_namelen = 4;
	vp = NULL;
	KT_EXPECT_EQ(kt, VOP_LOOKUP(dvp, &vp, &cn), ENOENT);
	cn.cn_nameptr = "..";
	cn.cn_namelen = 2;
	cn.cn_flags |= ISDOTDOT;
	vp = NULL;
	KT_EXPECT_EQ(kt, VOP_LOOKUP(dvp, &vp, &cn), 0);
	KT_EXPECT(kt, vp == rvp);
	if (vp != NULL)
		vput(vp);
	cn.cn_flags &= ~ISDOTDOT;
	/* The pair gone, its node is hidden. */
	(void)fdrop(m, curthread);
	cn.cn_nameptr = name;
	cn.cn_namelen = strlen(name);
	vp = NULL;
	KT_EXPECT_EQ(kt, VOP_LOOKUP(dvp, &vp, &cn), ENOENT);
	KT_EXPECT(kt, !dt_listed(kt, dvp, name, DT_CHR));
	vput(dvp);
	vrele(rvp);
}
