/*
 * kern_conf.c: the registry of character devices (sys/sys/conf.h).
 *
 * Devices live in one list, in the order they were made; each gets an
 * inode number (devfs shows it) that is never reused.  XXX: destroy_dev
 * frees the cdev at once: a device may only be destroyed when nothing
 * has it open (only tests destroy devices today); drivers whose devices
 * come and go hide them (dev_set_hidden) and reuse them.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/queue.h>

static MALLOC_DEFINE(M_DEVT, "cdev", "character devices");

static struct mtx devmtx;
static TAILQ_HEAD(, cdev) dev_list = TAILQ_HEAD_INITIALIZER(dev_list); /* (d) */
static ino_t	dev_ino_next = 3;	/* (d) 2 is devfs's root */
static u_int	dev_gen;		/* (d) */

static void
devmtx_init(const void *arg __unused)
{
	mtx_init(&devmtx, "cdev", NULL, MTX_DEF);
}
SYSINIT(devmtx, SI_SUB_KMEM, SI_ORDER_ANY, devmtx_init, NULL);

/* The device named name (devmtx held), or NULL. */
static struct cdev *
dev_lookup_locked(const char *name)
{
	struct cdev *dev;

	mtx_assert(&devmtx, MA_OWNED);
	TAILQ_FOREACH(dev, &dev_list, si_list)
		if (strcmp(dev->si_name, name) == 0)
			return (dev);
	return (NULL);
}

/* make_dev_dir: a directory of devfs for names "name/..." */
struct cdev *
make_dev_dir(const char *name)
{
	struct cdev *dev;

	dev = make_dev(NULL, 0, 0, 0, 0755, name);
	mtx_lock(&devmtx);
	dev->si_flags |= SI_DIR;
	mtx_unlock(&devmtx);
	return (dev);
}

/* dev_set_hidden: take dev out of its directory, or put it back. */
void
dev_set_hidden(struct cdev *dev, bool hidden)
{
	mtx_lock(&devmtx);
	if (hidden)
		dev->si_flags |= SI_HIDDEN;
	else
		dev->si_flags &= ~SI_HIDDEN;
	dev_gen++;
	mtx_unlock(&devmtx);
}

/* make_dev: register a device (sys/sys/conf.h). */
struct cdev *
make_dev(const struct cdevsw *devsw, dev_t rdev, uid_t uid, gid_t gid,
    int mode, const char *name)
{
	struct cdev *dev;

	KASSERT(strlen(name) <= SPECNAMELEN && (strchr(name, '/') == NULL ||
	    strchr(strchr(name, '/') + 1, '/') == NULL),
	    ("make_dev: bad name %s", name));
	dev = malloc(sizeof(*dev), M_DEVT, M_WAITOK | M_ZERO);
	strlcpy(dev->si_name, name, sizeof(dev->si_name));
	dev->si_devsw = devsw;
	dev->si_rdev = rdev;
	dev->si_uid = uid;
	dev->si_gid = gid;
	dev->si_mode = mode & 07777;
	nanotime(&dev->si_ctime);
	mtx_lock(&devmtx);
	if (dev_lookup_locked(name) != NULL)
		panic("make_dev: %s made twice", name);
	dev->si_ino = dev_ino_next++;
	TAILQ_INSERT_TAIL(&dev_list, dev, si_list);
	dev_gen++;
	mtx_unlock(&devmtx);
	return (dev);
}

/* destroy_dev: unregister and free dev (nothing may have it open). */
void
destroy_dev(struct cdev *dev)
{
	mtx_lock(&devmtx);
	TAILQ_REMOVE(&dev_list, dev, si_list);
	dev_gen++;
	mtx_unlock(&devmtx);
	free(dev, M_DEVT);
}

/* dev_lookup: the device named name, or NULL. */
struct cdev *
dev_lookup(const char *name)
{
	struct cdev *dev;

	mtx_lock(&devmtx);
	dev = dev_lookup_locked(name);
	if (dev != NULL && (dev->si_flags & SI_HIDDEN))
		dev = NULL;
	mtx_unlock(&devmtx);
	return (dev);
}

/* dev_byindex: the index-th device in the order made, or NULL. */
struct cdev *
dev_byindex(u_int index)
{
	struct cdev *dev;

	mtx_lock(&devmtx);
	TAILQ_FOREACH(dev, &dev_list, si_list)
		if (index-- == 0)
			break;
	mtx_unlock(&devmtx);
	return (dev);
}

/* dev_generation: changes whenever a device is made or destroyed. */
u_int
dev_generation(void)
{
	return (dev_gen);
}
