/*
 * randomdev.c: /dev/random (1,8) and /dev/urandom (1,9), both reading
 * sys/kern/kern_random.c's generator (RDRAND, else a TSC-stirred
 * splitmix64: not cryptographic).  Neither blocks, as Linux's since 5.6
 * once seeded.  Writes are accepted and dropped (XXX: Linux mixes them
 * into its pool).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/kernel.h>
#include <sys/uio.h>

static int
random_read(struct cdev *dev, struct uio *uio, int ioflag)
{
	char buf[256];
	size_t n;
	int error = 0;

	while (uio->uio_resid > 0 && error == 0) {
		n = MIN((size_t)uio->uio_resid, sizeof(buf));
		read_random(buf, n);
		error = uiomove(buf, n, uio);
	}
	return (error);
}

static int
random_write(struct cdev *dev, struct uio *uio, int ioflag)
{
	uio->uio_offset += uio->uio_resid;
	uio->uio_resid = 0;
	return (0);
}

static const struct cdevsw random_cdevsw = {
	.d_name = "random",
	.d_read = random_read,
	.d_write = random_write,
};

static void
random_dev_init(const void *arg __unused)
{
	(void)make_dev(&random_cdevsw, makedev(1, 8), 0, 0, 0666, "random");
	(void)make_dev(&random_cdevsw, makedev(1, 9), 0, 0, 0666, "urandom");
}
SYSINIT(randomdev, SI_SUB_DRIVERS, SI_ORDER_ANY, random_dev_init, NULL);
