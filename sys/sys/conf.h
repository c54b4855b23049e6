/*
 * conf.h: character devices (FreeBSD's struct cdev and struct cdevsw,
 * reduced).  A driver describes its entry points in a cdevsw and makes
 * named devices with make_dev; devfs (sys/fs/devfs) shows each as a
 * node of /dev, and the open file of such a node calls the cdevsw.
 * Drivers know nothing of devfs: the registry is sys/kern/kern_conf.c.
 *
 * Lock legend:
 *	(c) constant after make_dev
 *	(d) devmtx (the registry)
 */
#ifndef _SYS_CONF_H_
#define _SYS_CONF_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/time.h>

#include <vm/vm.h>

struct cdev;
struct file;
struct thread;
struct vm_object;
struct uio;

/* Linux's encoding of a device number (new_encode_dev). */
#define makedev(ma, mi)	((dev_t)((((ma) & 0xfff) << 8) | ((mi) & 0xff) | \
			    (((mi) & ~0xffu) << 12)))
#define major(d)	((int)(((d) >> 8) & 0xfff))
#define minor(d)	((int)(((d) & 0xff) | (((d) >> 12) & ~0xffu)))

/*
 * A driver's entry points; NULL ones default: d_open/d_close succeed,
 * d_read/d_write EINVAL... as the devfs glue says (ENODEV for d_mmap,
 * ENOTTY for d_ioctl, ready for d_poll).  ioflag: IO_NDELAY; data of
 * d_ioctl is a kernel buffer (sys/sys/ioccom.h).
 */
struct cdevsw {
	const char	*d_name;
	int		d_flags;	/* D_* */
	int	(*d_open)(struct cdev *dev, int fflags, struct thread *td);
	int	(*d_close)(struct cdev *dev, int fflags, struct thread *td);
	int	(*d_read)(struct cdev *dev, struct uio *uio, int ioflag);
	int	(*d_write)(struct cdev *dev, struct uio *uio, int ioflag);
	int	(*d_ioctl)(struct cdev *dev, u_long cmd, void *data,
		    int fflag, struct thread *td);
	int	(*d_poll)(struct cdev *dev, int events, struct thread *td);
	/*
	 * The physical address behind byte offset of the device, for a
	 * device pager (FreeBSD's d_mmap); nprot the protection asked.
	 * 0, or an errno (the offset cannot be mapped).
	 */
	int	(*d_mmap)(struct cdev *dev, vm_ooffset_t offset,
		    vm_paddr_t *paddr, int nprot);
	/*
	 * Or the whole object to map for [*offset, *offset + size), with a
	 * reference (FreeBSD's d_mmap_single; /dev/zero's anonymous
	 * memory); may change *offset.  ENODEV: use d_mmap.
	 */
	int	(*d_mmap_single)(struct cdev *dev, vm_ooffset_t *offset,
		    vm_size_t size, struct vm_object **objp, int nprot);
	/*
	 * Instead of d_open: the open of fp (FreeBSD's old d_fdopen).  The
	 * driver may make the file its own with finit (its f_data and
	 * fileops: /dev/ptmx gives each open a new pseudo-terminal);
	 * f_vnode stays the device's, and its fo_close must vn_close it
	 * (vnops.fo_close).  Else the file is a device file as with d_open.
	 */
	int	(*d_fdopen)(struct cdev *dev, int fflags, struct thread *td,
		    struct file *fp);
};

/* d_flags */
#define D_TTY		0x0001	/* a terminal: lseek is ESPIPE */

#define SPECNAMELEN	63

/* si_flags */
#define SI_DIR		0x0001	/* a directory of devfs (make_dev_dir) */
#define SI_HIDDEN	0x0002	/* not in its directory (dev_set_hidden) */

struct cdev {
	char		si_name[SPECNAMELEN + 1]; /* (c) "null", "zero" */
	const struct cdevsw *si_devsw;	/* (c) */
	dev_t		si_rdev;	/* (c) st_rdev (Linux's numbers) */
	uid_t		si_uid;		/* (c) owner, group, mode of */
	gid_t		si_gid;		/* (c)  the /dev node */
	int		si_mode;	/* (c) permission bits */
	ino_t		si_ino;		/* (c) inode number in devfs */
	struct timespec	si_ctime;	/* (c) */
	void		*si_drv1;	/* (c) the driver's */
	u_int		si_flags;	/* (d) SI_* */
	TAILQ_ENTRY(cdev) si_list;	/* (d) the registry */
};

/*
 * make_dev: a device named name (one path component) with devsw, device
 * number rdev, and owner, group and mode of its node.  Never fails
 * (M_WAITOK); a duplicate name is a bug (panic).
 */
struct cdev *make_dev(const struct cdevsw *devsw, dev_t rdev, uid_t uid,
    gid_t gid, int mode, const char *name);
void	destroy_dev(struct cdev *dev);
/*
 * A device name may have one '/': "pts/0" is node 0 of the directory
 * "pts", which make_dev_dir registers (a cdev with SI_DIR and no
 * devsw).  dev_set_hidden takes a device out of its directory (lookup
 * and readdir no longer see it) or puts it back: a driver whose devices
 * come and go (pseudo-terminals) hides them instead of destroying them,
 * so a vnode that still points at one never points at freed memory.
 */
struct cdev *make_dev_dir(const char *name);
void	dev_set_hidden(struct cdev *dev, bool hidden);
/* The device named name, or NULL (no reference: devices live on);
   hidden devices are not found. */
struct cdev *dev_lookup(const char *name);
/* The index-th device (readdir), or NULL past the last. */
struct cdev *dev_byindex(u_int index);
/* Devices made so far; changes when one is made or destroyed. */
u_int	dev_generation(void);

#endif /* !_SYS_CONF_H_ */
