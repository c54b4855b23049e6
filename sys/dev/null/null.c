/*
 * null.c: /dev/null (1,3) and /dev/zero (1,5).
 *
 * null reads end of file and swallows writes; zero reads zeros and
 * swallows writes.  zero's d_mmap_single gives a new anonymous object
 * for a shared mapping (as Linux's shmem_zero_setup); a private mapping
 * of /dev/zero is plain anonymous memory, which the mmap code makes
 * itself.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/uio.h>

#include <vm/vm.h>
#include <vm/vm_object.h>

static const char zeros[PAGE_SIZE];

/* Swallow everything (both devices). */
static int
null_write(struct cdev *dev, struct uio *uio, int ioflag)
{
	uio->uio_offset += uio->uio_resid;
	uio->uio_resid = 0;
	return (0);
}

static int
null_read(struct cdev *dev, struct uio *uio, int ioflag)
{
	return (0);
}

static int
zero_read(struct cdev *dev, struct uio *uio, int ioflag)
{
	int error = 0;

	while (uio->uio_resid > 0 && error == 0)
		error = uiomove(__DECONST(void *, zeros),
		    MIN((size_t)uio->uio_resid, sizeof(zeros)), uio);
	return (error);
}

/* A shared mapping of /dev/zero: a fresh anonymous object. */
static int
zero_mmap_single(struct cdev *dev, vm_ooffset_t *offset, vm_size_t size,
    struct vm_object **objp, int nprot)
{
	*objp = vm_object_allocate_anon(atop(round_page(size)));
	*offset = 0;
	return (*objp != NULL ? 0 : ENOMEM);
}

static const struct cdevsw null_cdevsw = {
	.d_name = "null",
	.d_read = null_read,
	.d_write = null_write,
};

static const struct cdevsw zero_cdevsw = {
	.d_name = "zero",
	.d_read = zero_read,
	.d_write = null_write,
	.d_mmap_single = zero_mmap_single,
};

static void
null_init(const void *arg __unused)
{
	(void)make_dev(&null_cdevsw, makedev(1, 3), 0, 0, 0666, "null");
	(void)make_dev(&zero_cdevsw, makedev(1, 5), 0, 0, 0666, "zero");
}
SYSINIT(null, SI_SUB_DRIVERS, SI_ORDER_ANY, null_init, NULL);
