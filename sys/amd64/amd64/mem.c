/*
 * mem.c: /dev/mem (1,1): physical memory, for the superuser only
 * (EPERM at open otherwise: mapping or reading physical memory must be
 * authorized).
 *
 * read() at offset o returns the RAM at physical address o through the
 * direct map; RAM is what dump_avail lists, and a read stops at the end
 * of a RAM range (a read that starts outside RAM fails with EFAULT).
 * mmap maps RAM pages through the device pager (d_mmap: the physical
 * address of an offset; a page outside RAM gives SIGBUS when touched).
 * XXX: writes are refused (EPERM); a shared writable mapping is not
 * (the superuser asked for it).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/proc.h>
#include <sys/ucred.h>
#include <sys/uio.h>

#include <vm/vm.h>
#include <vm/vm_phys.h>

#include <machine/vmparam.h>

static int
mem_open(struct cdev *dev, int fflags, struct thread *td)
{
	return (priv_check_cred(td->td_proc->p_ucred));
}

/* The bytes of RAM from pa to the end of its dump_avail range; 0 if none. */
static vm_paddr_t
mem_ram_left(vm_paddr_t pa)
{
	int i;

	for (i = 0; dump_avail[i + 1] != 0; i += 2)
		if (pa >= dump_avail[i] && pa < dump_avail[i + 1])
			return (dump_avail[i + 1] - pa);
	return (0);
}

static int
mem_read(struct cdev *dev, struct uio *uio, int ioflag)
{
	ssize_t resid = uio->uio_resid;
	vm_paddr_t pa, left;
	size_t n;
	int error = 0;

	while (uio->uio_resid > 0 && error == 0) {
		pa = (vm_paddr_t)uio->uio_offset;
		left = uio->uio_offset >= 0 ? mem_ram_left(pa) : 0;
		if (left == 0)
			return (uio->uio_resid == resid ? EFAULT : 0);
		n = MIN((size_t)uio->uio_resid, (size_t)left);
		n = MIN(n, PAGE_SIZE - (pa & PAGE_MASK));
		error = uiomove((void *)PHYS_TO_DMAP(pa), n, uio);
	}
	return (error);
}

static int
mem_write(struct cdev *dev, struct uio *uio, int ioflag)
{
	return (EPERM);
}

/* The page at offset, if it is RAM (the device pager maps it). */
static int
mem_mmap(struct cdev *dev, vm_ooffset_t offset, vm_paddr_t *paddr, int nprot)
{
	if (offset < 0 || mem_ram_left(trunc_page((vm_paddr_t)offset)) <
	    PAGE_SIZE)
		return (EFAULT);
	*paddr = (vm_paddr_t)offset;
	return (0);
}

static const struct cdevsw mem_cdevsw = {
	.d_name = "mem",
	.d_open = mem_open,
	.d_read = mem_read,
	.d_write = mem_write,
	.d_mmap = mem_mmap,
};

static void
mem_init(const void *arg __unused)
{
	(void)make_dev(&mem_cdevsw, makedev(1, 1), 0, 15, 0640, "mem");
}
SYSINIT(mem, SI_SUB_DRIVERS, SI_ORDER_ANY, mem_init, NULL);
