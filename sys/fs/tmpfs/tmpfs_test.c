/*
 * tmpfs_test.c: in-kernel tests of tmpfs, mounted by each test on
 * /kt_tmpfs (made on the root file system and removed again) from the
 * kernel's process, through the kern_* system calls: files written and
 * read through the node's anonymous object, directories, links,
 * symlinks, rename, readdir cookies that survive removals, truncation,
 * the size limit (ENOSPC, short writes), unmount (EBUSY while in use)
 * giving every page and object back; and mappings of a tmpfs file on
 * real vmspaces (vm_fault): MAP_SHARED maps the object's own pages,
 * MAP_PRIVATE is copy-on-write over them and never collapses them away,
 * SIGBUS past EOF, truncation of a mapped file, a mapping outliving
 * unlink and close.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/ktest.h>
#include <sys/malloc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallsubr.h>
#include <sys/sysctl.h>
#include <sys/uio.h>
#include <sys/vmmeter.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_fault.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>
#include <vm/vm_page.h>
#include <vm/vnode_pager.h>

#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/vmparam.h>

#include <fs/tmpfs/tmpfs.h>

#define SYS	UIO_SYSSPACE
#define MNT	"/kt_tmpfs"
#define TVA	0x30000000ul

static u_int
tt_objects(void)
{
	u_int n = 0;
	size_t len = sizeof(n);

	(void)kernel_sysctlbyname("vm.stats.object.count", &n, &len, NULL, 0);
	return (n);
}

/*
 * Mount tmpfs with options opts on MNT (made first); skip without a
 * writable root.  The free page and object counts before, for the
 * check after tt_unmount.
 */
static void
tt_mount(struct ktest_ctx *kt, const char *opts, u_int *freep, u_int *objp)
{
	if (rootvnode == NULL || curthread->td_proc->p_fd == NULL ||
	    (rootvnode->v_mount->mnt_flag & MNT_RDONLY))
		KT_SKIP(kt, "no writable root file system");
	KT_ASSERT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, MNT, SYS, 0755), 0);
	*freep = vm_cnt.v_free_count;
	*objp = tt_objects();
	KT_ASSERT_EQ(kt, kern_mount(curthread, "tmpfs", opts, MNT, 0), 0);
}

/* Unmount MNT and remove it: every page and object back. */
static void
tt_unmount(struct ktest_ctx *kt, u_int free0, u_int obj0)
{
	KT_EXPECT_EQ(kt, kern_unmount(curthread, MNT, 0), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT, SYS,
	    AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(kt, tt_objects(), obj0);
	/* Slack for the allocators' caches (vnodes, nodes, radix nodes). */
	KT_EXPECT(kt, vm_cnt.v_free_count + 16 >= free0);
}

static int
tt_open(const char *path, int flags, int *fdp)
{
	int error;

	error = kern_openat(curthread, AT_FDCWD, path, SYS, flags, 0644);
	*fdp = (int)curthread->td_retval[0];
	return (error);
}

/* pwrite (write) or pread of len bytes at off: the count, or -errno. */
static ssize_t
tt_io(int fd, bool write, void *buf, size_t len, off_t off)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = (ssize_t)len,
		.uio_segflg = UIO_SYSSPACE, .uio_td = curthread,
	};
	int error;

	error = write ? kern_pwritev(curthread, fd, &uio, off) :
	    kern_preadv(curthread, fd, &uio, off);
	return (error != 0 ? -error : (ssize_t)curthread->td_retval[0]);
}

static struct statfs *
tt_statfs(struct statfs *sf)
{
	memset(sf, 0, sizeof(*sf));
	(void)kern_statfs(curthread, MNT, SYS, sf);
	return (sf);
}

/* The number in "nameN", or -1. */
static int
tt_name_num(const char *name)
{
	int n = 0;

	if (strncmp(name, "name", 4) != 0 || name[4] == '\0')
		return (-1);
	for (name += 4; *name >= '0' && *name <= '9'; name++)
		n = n * 10 + (*name - '0');
	return (*name == '\0' ? n : -1);
}

static uint8_t
tt_pat(size_t i)
{
	return ((uint8_t)(i * 13 + (i >> 12) + 5));
}

KTEST(tmpfs, files_read_write_unlink)
{
	struct statfs sf;
	struct stat sb;
	size_t len = 3 * PAGE_SIZE + 123, i;
	uint8_t *buf;
	u_int free0, obj0;
	int fd;

	tt_mount(kt, "size=1m", &free0, &obj0);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_type, TMPFS_MAGIC);
	KT_EXPECT_EQ(kt, sf.f_blocks, 256u);
	KT_EXPECT_EQ(kt, sf.f_bfree, 256u);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT, SYS, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFDIR | 01777);
	KT_EXPECT_EQ(kt, sb.st_nlink, 2u);
	buf = malloc(len, M_TEMP, M_WAITOK);
	for (i = 0; i < len; i++)
		buf[i] = tt_pat(i);
	KT_ASSERT_EQ(kt, tt_open(MNT "/f", O_CREAT | O_EXCL | O_RDWR, &fd), 0);
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, len, 0), (ssize_t)len);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_bfree, 252u);
	memset(buf, 0, len);
	KT_EXPECT_EQ(kt, tt_io(fd, false, buf, len + 500, 0), (ssize_t)len);
	for (i = 0; i < len && buf[i] == tt_pat(i); i++)
		;
	KT_EXPECT_EQ(kt, i, len);
	/* A hole reads zeros and takes no page. */
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, 10, 10 * PAGE_SIZE + 5), 10);
	KT_EXPECT_EQ(kt, tt_io(fd, false, buf, 100, 6 * PAGE_SIZE), 100);
	KT_EXPECT_EQ(kt, buf[0] | buf[99], 0);
	KT_EXPECT_EQ(kt, kern_fstat(curthread, fd, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_size, 10 * PAGE_SIZE + 15);
	KT_EXPECT_EQ(kt, sb.st_blocks, 5 * PAGE_SIZE / 512);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFREG | 0644);
	KT_EXPECT_EQ(kt, sb.st_blksize, PAGE_SIZE);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_bfree, 251u);
	/* Unlinked but open: still there; freed at the close. */
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT "/f", SYS, 0),
	    0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/f", SYS,
	    &sb), ENOENT);
	KT_EXPECT_EQ(kt, tt_io(fd, false, buf, 10, PAGE_SIZE), 10);
	KT_EXPECT_EQ(kt, buf[0], tt_pat(PAGE_SIZE));
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_bfree, 256u);
	KT_EXPECT_EQ(kt, sf.f_ffree + 1, sf.f_files);	/* the root alone */
	free(buf, M_TEMP);
	tt_unmount(kt, free0, obj0);
}

/* Times have nanoseconds; utimensat's are kept exactly. */
KTEST(tmpfs, times)
{
	struct timespec ts[2] = { { 1000, 123456789 }, { 2000, 987654321 } };
	struct stat sb;
	u_int free0, obj0;
	int fd;

	tt_mount(kt, NULL, &free0, &obj0);
	KT_ASSERT_EQ(kt, tt_open(MNT "/t", O_CREAT | O_WRONLY, &fd), 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, kern_utimensat(curthread, AT_FDCWD, MNT "/t", SYS, ts,
	    0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/t", SYS,
	    &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_atim.tv_sec, 1000);
	KT_EXPECT_EQ(kt, sb.st_atim.tv_nsec, 123456789);
	KT_EXPECT_EQ(kt, sb.st_mtim.tv_nsec, 987654321);
	KT_EXPECT(kt, sb.st_ctim.tv_sec > 2000);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT "/t", SYS, 0),
	    0);
	tt_unmount(kt, free0, obj0);
}

KTEST(tmpfs, directories_links_rename)
{
	char hello[] = "hello";
	struct stat sb, sb2;
	u_int free0, obj0;
	int fd;

	tt_mount(kt, NULL, &free0, &obj0);
	KT_ASSERT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, MNT "/d", SYS,
	    0755), 0);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, MNT "/d", SYS,
	    0755), EEXIST);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, MNT "/d/sub", SYS,
	    0700), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/d", SYS,
	    &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 3u);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFDIR | 0755);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT, SYS, &sb),
	    0);
	KT_EXPECT_EQ(kt, sb.st_nlink, 3u);
	KT_ASSERT_EQ(kt, tt_open(MNT "/d/sub/f", O_CREAT | O_WRONLY, &fd), 0);
	KT_EXPECT_EQ(kt, tt_io(fd, true, hello, 5, 0), 5);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	/* "..", across the mount point too. */
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD,
	    MNT "/d/sub/../sub/./f", SYS, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_size, 5);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/d/../..",
	    SYS, &sb2), 0);
	KT_EXPECT_EQ(kt, sb2.st_ino, rootvnode->v_hashid);
	/* Symlinks. */
	KT_EXPECT_EQ(kt, kern_symlinkat(curthread, "sub/f", AT_FDCWD,
	    MNT "/d/ln", SYS), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/d/ln", SYS,
	    &sb2), 0);
	KT_EXPECT_EQ(kt, sb2.st_ino, sb.st_ino);
	KT_EXPECT_EQ(kt, kern_statat(curthread, AT_SYMLINK_NOFOLLOW, AT_FDCWD,
	    MNT "/d/ln", SYS, &sb2), 0);
	KT_EXPECT_EQ(kt, sb2.st_mode, S_IFLNK | 0777);
	KT_EXPECT_EQ(kt, sb2.st_size, 5);
	KT_EXPECT_EQ(kt, kern_symlinkat(curthread, "loop", AT_FDCWD,
	    MNT "/d/loop", SYS), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/d/loop",
	    SYS, &sb2), ELOOP);
	/* Hard links. */
	KT_EXPECT_EQ(kt, kern_linkat(curthread, AT_FDCWD, MNT "/d/sub/f",
	    AT_FDCWD, MNT "/d/f2", SYS, 0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/d/f2", SYS,
	    &sb2), 0);
	KT_EXPECT_EQ(kt, sb2.st_nlink, 2u);
	KT_EXPECT_EQ(kt, sb2.st_ino, sb.st_ino);
	KT_EXPECT_EQ(kt, kern_linkat(curthread, AT_FDCWD, MNT "/d/f2",
	    AT_FDCWD, "/kt_xdev", SYS, 0), EXDEV);
	/* Rename: into itself, over a file, a directory to a new parent. */
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, MNT "/d",
	    AT_FDCWD, MNT "/d/sub/x", SYS, 0), EINVAL);
	KT_ASSERT_EQ(kt, tt_open(MNT "/d/f3", O_CREAT | O_WRONLY, &fd), 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, MNT "/d/f3",
	    AT_FDCWD, MNT "/d/f2", SYS, 0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/d/sub/f",
	    SYS, &sb2), 0);
	KT_EXPECT_EQ(kt, sb2.st_nlink, 1u);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/d/f2", SYS,
	    &sb2), 0);
	KT_EXPECT_EQ(kt, sb2.st_size, 0);
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, MNT "/d/sub",
	    AT_FDCWD, MNT "/sub2", SYS, 0), 0);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT "/sub2/../d",
	    SYS, &sb2), 0);
	KT_EXPECT_EQ(kt, sb2.st_nlink, 2u);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT, SYS, &sb2),
	    0);
	KT_EXPECT_EQ(kt, sb2.st_nlink, 4u);
	KT_EXPECT_EQ(kt, kern_renameat(curthread, AT_FDCWD, MNT "/d/f2",
	    AT_FDCWD, MNT "/sub2", SYS, 0), EISDIR);
	/* Removal. */
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT "/sub2", SYS,
	    AT_REMOVEDIR), ENOTEMPTY);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT "/sub2", SYS,
	    0), EISDIR);
	/* Busy: the mount stays while a file is open. */
	KT_ASSERT_EQ(kt, tt_open(MNT "/sub2/f", O_RDONLY, &fd), 0);
	KT_EXPECT_EQ(kt, kern_unmount(curthread, MNT, 0), EBUSY);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT "/sub2/f", SYS,
	    0), 0);
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT "/sub2", SYS,
	    AT_REMOVEDIR), 0);
	/* The rest is left for unmount to free. */
	tt_unmount(kt, free0, obj0);
}

/* readdir: every name once, and cookies that survive removals. */
KTEST(tmpfs, readdir_cookies)
{
	char *buf, path[64];
	struct dirent *de;
	size_t off, n;
	u_int free0, obj0;
	int fd, i, seen[40], dots = 0, got;

	tt_mount(kt, NULL, &free0, &obj0);
	for (i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), MNT "/name%d", i);
		KT_ASSERT_EQ(kt, tt_open(path, O_CREAT | O_WRONLY, &fd), 0);
		KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
		seen[i] = 0;
	}
	KT_ASSERT_EQ(kt, tt_open(MNT, O_RDONLY | O_DIRECTORY, &fd), 0);
	buf = malloc(PAGE_SIZE, M_TEMP, M_WAITOK);
	KT_EXPECT_EQ(kt, kern_getdirentries(curthread, fd, buf, 10, SYS),
	    EINVAL);
	/* A small buffer, and removals between the calls. */
	for (got = 0;; got++) {
		KT_ASSERT_EQ(kt, kern_getdirentries(curthread, fd, buf, 100,
		    SYS), 0);
		n = (size_t)curthread->td_retval[0];
		if (n == 0)
			break;
		for (off = 0; off < n; off += de->d_reclen) {
			de = (struct dirent *)(buf + off);
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0) {
				dots++;
				KT_EXPECT_EQ(kt, de->d_type, DT_DIR);
				continue;
			}
			KT_EXPECT_EQ(kt, de->d_type, DT_REG);
			i = tt_name_num(de->d_name);
			KT_ASSERT(kt, i >= 0 && i < 40);
			seen[i]++;
		}
		if (got == 1) {
			/* Remove one seen and one not yet seen. */
			KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD,
			    MNT "/name0", SYS, 0), 0);
			KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD,
			    MNT "/name39", SYS, 0), 0);
		}
	}
	KT_EXPECT_EQ(kt, dots, 2);
	for (i = 0; i < 39; i++)
		KT_EXPECT_EQ(kt, seen[i], 1);
	KT_EXPECT_EQ(kt, seen[39], 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	free(buf, M_TEMP);
	tt_unmount(kt, free0, obj0);
}

/* The size limit: ENOSPC, short writes; truncation gives pages back. */
KTEST(tmpfs, size_limit_and_truncate)
{
	struct statfs sf;
	struct stat sb;
	uint8_t *buf;
	size_t i;
	u_int free0, obj0;
	int fd;

	tt_mount(kt, "size=64k,nr_inodes=4,mode=700", &free0, &obj0);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_blocks, 16u);
	KT_EXPECT_EQ(kt, sf.f_files, 4u);
	KT_EXPECT_EQ(kt, kern_statat(curthread, 0, AT_FDCWD, MNT, SYS, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_mode, S_IFDIR | 0700);
	buf = malloc(20 * PAGE_SIZE, M_TEMP, M_WAITOK);
	memset(buf, 0x5a, 20 * PAGE_SIZE);
	KT_ASSERT_EQ(kt, tt_open(MNT "/big", O_CREAT | O_RDWR, &fd), 0);
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, 20 * PAGE_SIZE, 0),
	    16 * PAGE_SIZE);
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, 1, 16 * PAGE_SIZE), -ENOSPC);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_bfree, 0u);
	/* Inside the written pages a write needs no new page. */
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, 100, 5), 100);
	KT_EXPECT_EQ(kt, kern_fstat(curthread, fd, &sb), 0);
	KT_EXPECT_EQ(kt, sb.st_size, 16 * PAGE_SIZE);
	/* Shrinking frees; the tail of the last page reads zeros. */
	KT_EXPECT_EQ(kt, kern_ftruncate(curthread, fd, PAGE_SIZE + 10), 0);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_bfree, 14u);
	/* Growing (sparse, past the limit) takes nothing. */
	KT_EXPECT_EQ(kt, kern_ftruncate(curthread, fd, 1l << 30), 0);
	KT_EXPECT_EQ(kt, tt_statfs(&sf)->f_bfree, 14u);
	memset(buf, 0xff, PAGE_SIZE);
	KT_EXPECT_EQ(kt, tt_io(fd, false, buf, PAGE_SIZE, PAGE_SIZE),
	    PAGE_SIZE);
	KT_EXPECT_EQ(kt, buf[9], 0x5a);
	for (i = 10; i < PAGE_SIZE && buf[i] == 0; i++)
		;
	KT_EXPECT_EQ(kt, i, PAGE_SIZE);
	KT_EXPECT_EQ(kt, tt_io(fd, false, buf, 4, (1l << 30) - 4), 4);
	KT_EXPECT_EQ(kt, buf[0] | buf[3], 0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	/* Nodes: the root and "big" of 4; two more fit, then ENOSPC. */
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, MNT "/a", SYS, 0755),
	    0);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, MNT "/b", SYS, 0755),
	    0);
	KT_EXPECT_EQ(kt, kern_mkdirat(curthread, AT_FDCWD, MNT "/c", SYS, 0755),
	    ENOSPC);
	free(buf, M_TEMP);
	tt_unmount(kt, free0, obj0);
}

/* The physical page mapped at va in vm, or NULL. */
static vm_page_t
tt_mapped(struct vmspace *vm, vm_offset_t va)
{
	vm_paddr_t pa = pmap_extract(&vm->vm_pmap, va);

	return (pa != 0 ? PHYS_TO_VM_PAGE(pa) : NULL);
}

/* What a user store of c at va leaves: the byte and the dirty bit. */
static void
tt_store(struct vmspace *vm, vm_offset_t va, uint8_t c)
{
	*(volatile uint8_t *)PHYS_TO_DMAP(pmap_extract(&vm->vm_pmap, va)) = c;
	__atomic_fetch_or(pmap_pte(&vm->vm_pmap, va), PG_M | PG_A,
	    __ATOMIC_SEQ_CST);
}

static uint8_t
tt_load(struct vmspace *vm, vm_offset_t va)
{
	return (*(volatile uint8_t *)PHYS_TO_DMAP(pmap_extract(&vm->vm_pmap,
	    va)));
}

/* fo_mmap of fd, mapped at TVA in vm: 0 or an errno. */
static int
tt_mmap(struct vmspace *vm, int fd, vm_size_t len, int flags)
{
	struct file *fp;
	vm_object_t object;
	vm_ooffset_t off = 0;
	vm_offset_t addr = TVA;
	vm_prot_t max;
	int error;

	error = fget(curthread, fd, 0, &fp);
	if (error != 0)
		return (error);
	error = fp->f_ops->fo_mmap(fp, len, VM_PROT_RW, flags, &off, &max,
	    &object, curthread);
	(void)fdrop(fp, curthread);
	if (error != 0)
		return (error);
	error = vm_map_find(&vm->vm_map, object, off, &addr, len, 0,
	    VMFS_NO_SPACE, VM_PROT_RW, max, (flags & MAP_SHARED) != 0 ?
	    MAP_INHERIT_SHARE : MAP_COPY_ON_WRITE);
	if (error != 0)
		vm_object_deallocate(object);
	return (error);
}

/*
 * Mappings: MAP_SHARED maps the node's object's own pages in every
 * address space; MAP_PRIVATE reads them until a write copies; nothing
 * collapses the file's pages into a private shadow; SIGBUS past EOF;
 * truncation unmaps; the mapping outlives unlink and close.
 */
KTEST(tmpfs, mmap_shared_private)
{
	struct vmspace *vm1, *vm2, *child;
	uint8_t buf[8] = "abcdefg";
	vm_object_t object;
	struct vnode *vp;
	struct file *fp;
	u_int free0, obj0;
	int fd;

	tt_mount(kt, NULL, &free0, &obj0);
	KT_ASSERT_EQ(kt, tt_open(MNT "/m", O_CREAT | O_RDWR, &fd), 0);
	KT_EXPECT_EQ(kt, kern_ftruncate(curthread, fd, 2 * PAGE_SIZE + 100), 0);
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, 8, PAGE_SIZE), 8);
	KT_ASSERT_EQ(kt, fget(curthread, fd, 0, &fp), 0);
	vp = fp->f_vnode;
	object = vp->v_object;
	(void)fdrop(fp, curthread);
	KT_ASSERT(kt, object != NULL);
	KT_EXPECT_EQ(kt, object->type, OBJT_SWAP);
	KT_EXPECT_EQ(kt, object->flags & OBJ_ANON, 0);
	KT_EXPECT_EQ(kt, object->size, 3u);

	/* Shared: one physical page in two address spaces, and read(). */
	vm1 = vmspace_alloc(PAGE_SIZE, VM_MAXUSER_ADDRESS);
	vm2 = vmspace_alloc(PAGE_SIZE, VM_MAXUSER_ADDRESS);
	KT_ASSERT_EQ(kt, tt_mmap(vm1, fd, 4 * PAGE_SIZE, MAP_SHARED), 0);
	KT_ASSERT_EQ(kt, tt_mmap(vm2, fd, 4 * PAGE_SIZE, MAP_SHARED), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm1->vm_map, TVA + PAGE_SIZE, VM_PROT_WRITE,
	    0), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm2->vm_map, TVA + PAGE_SIZE, VM_PROT_READ,
	    0), 0);
	KT_EXPECT(kt, tt_mapped(vm1, TVA + PAGE_SIZE) ==
	    tt_mapped(vm2, TVA + PAGE_SIZE));
	KT_EXPECT(kt, tt_mapped(vm1, TVA + PAGE_SIZE)->object == object);
	KT_EXPECT_EQ(kt, tt_load(vm2, TVA + PAGE_SIZE + 2), 'c');
	tt_store(vm1, TVA + PAGE_SIZE + 3, 'X');
	KT_EXPECT_EQ(kt, tt_io(fd, false, buf, 8, PAGE_SIZE), 8);
	KT_EXPECT_EQ(kt, buf[3], 'X');
	buf[0] = 'Y';
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, 1, PAGE_SIZE + 4), 1);
	KT_EXPECT_EQ(kt, tt_load(vm2, TVA + PAGE_SIZE + 4), 'Y');
	/* A hole read through a mapping is filled in the file's object. */
	KT_ASSERT_EQ(kt, vm_fault(&vm2->vm_map, TVA, VM_PROT_READ, 0), 0);
	KT_EXPECT(kt, tt_mapped(vm2, TVA)->object == object);
	/* Past EOF: SIGBUS (ENXIO); the tail of the last page is there. */
	KT_EXPECT_EQ(kt, vm_fault(&vm1->vm_map, TVA + 2 * PAGE_SIZE + 200,
	    VM_PROT_READ, 0), 0);
	KT_EXPECT_EQ(kt, vm_fault(&vm1->vm_map, TVA + 3 * PAGE_SIZE,
	    VM_PROT_READ, 0), ENXIO);
	/* Truncation unmaps what it cuts off, everywhere. */
	KT_EXPECT_EQ(kt, kern_ftruncate(curthread, fd, PAGE_SIZE), 0);
	KT_EXPECT(kt, tt_mapped(vm1, TVA + PAGE_SIZE) == NULL);
	KT_EXPECT(kt, tt_mapped(vm2, TVA + PAGE_SIZE) == NULL);
	KT_EXPECT_EQ(kt, vm_fault(&vm2->vm_map, TVA + PAGE_SIZE, VM_PROT_READ,
	    0), ENXIO);
	KT_EXPECT_EQ(kt, kern_ftruncate(curthread, fd, 2 * PAGE_SIZE), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm2->vm_map, TVA + PAGE_SIZE, VM_PROT_READ,
	    0), 0);
	KT_EXPECT_EQ(kt, tt_load(vm2, TVA + PAGE_SIZE + 3), 0);
	vmspace_free(vm2);

	/*
	 * Private: a read maps the file's page read-only; a write copies.
	 * A child's copy-on-write over it and its exit leave the file's
	 * pages where they are: the node's object is never collapsed.
	 */
	buf[0] = 'P';
	KT_EXPECT_EQ(kt, tt_io(fd, true, buf, 1, PAGE_SIZE), 1);
	vm2 = vmspace_alloc(PAGE_SIZE, VM_MAXUSER_ADDRESS);
	KT_ASSERT_EQ(kt, tt_mmap(vm2, fd, 2 * PAGE_SIZE, MAP_PRIVATE), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm2->vm_map, TVA + PAGE_SIZE, VM_PROT_READ,
	    0), 0);
	KT_EXPECT(kt, tt_mapped(vm2, TVA + PAGE_SIZE)->object == object);
	child = vmspace_fork(vm2);
	KT_ASSERT_EQ(kt, vm_fault(&child->vm_map, TVA + PAGE_SIZE,
	    VM_PROT_WRITE, 0), 0);
	KT_EXPECT(kt, tt_mapped(child, TVA + PAGE_SIZE)->object != object);
	tt_store(child, TVA + PAGE_SIZE, 'C');
	KT_ASSERT_EQ(kt, vm_fault(&vm2->vm_map, TVA + PAGE_SIZE, VM_PROT_WRITE,
	    0), 0);
	KT_EXPECT(kt, tt_mapped(vm2, TVA + PAGE_SIZE)->object != object);
	KT_EXPECT_EQ(kt, tt_load(vm2, TVA + PAGE_SIZE), 'P');
	tt_store(vm2, TVA + PAGE_SIZE, 'Q');
	vmspace_free(child);
	KT_EXPECT_EQ(kt, object->flags & OBJ_DEAD, 0);
	KT_EXPECT_EQ(kt, tt_io(fd, false, buf, 1, PAGE_SIZE), 1);
	KT_EXPECT_EQ(kt, buf[0], 'P');
	vmspace_free(vm2);

	/* The shared mapping outlives unlink and close. */
	KT_EXPECT_EQ(kt, kern_unlinkat(curthread, AT_FDCWD, MNT "/m", SYS, 0),
	    0);
	KT_EXPECT_EQ(kt, kern_close(curthread, fd), 0);
	KT_ASSERT_EQ(kt, vm_fault(&vm1->vm_map, TVA + PAGE_SIZE, VM_PROT_READ,
	    0), 0);
	KT_EXPECT_EQ(kt, tt_load(vm1, TVA + PAGE_SIZE), 'P');
	vmspace_free(vm1);
	tt_unmount(kt, free0, obj0);
}
