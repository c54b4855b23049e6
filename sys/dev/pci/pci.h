/*
 * pci.h: PCI configuration space (mechanism #1, ports 0xCF8/0xCFC), the
 * enumerated device list and a newbus-lite driver table.
 *
 * A driver declares itself with PCI_DRIVER(name, probe, attach): the
 * entry goes into the linker set pci_driver_set.  After enumeration
 * (SI_SUB_DRIVERS) every device without a driver is offered to each
 * driver's probe; the first that returns 0 gets attach, which keeps
 * its softc in pd_softc.
 *
 * Locks: pci_cfg_lock (spin) keeps each 0xCF8/0xCFC pair together; the
 * device list is built once at boot and read-only after it (c).
 */
#ifndef _DEV_PCI_PCI_H_
#define _DEV_PCI_PCI_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/linker_set.h>

#define PCI_MAXBAR	6

/* Configuration space registers. */
#define PCIR_VENDOR	0x00
#define PCIR_DEVICE	0x02
#define PCIR_COMMAND	0x04
#define  PCIM_CMD_PORTEN	0x0001
#define  PCIM_CMD_MEMEN		0x0002
#define  PCIM_CMD_BUSMASTEREN	0x0004
#define  PCIM_CMD_INTXDIS	0x0400
#define PCIR_STATUS	0x06
#define PCIR_REVID	0x08
#define PCIR_PROGIF	0x09
#define PCIR_SUBCLASS	0x0a
#define PCIR_CLASS	0x0b
#define PCIR_HDRTYPE	0x0e
#define  PCIM_HDRTYPE		0x7f
#define  PCIM_MFDEV		0x80
#define PCIR_BAR(i)	(0x10 + (i) * 4)
#define PCIR_SUBVEND_0	0x2c
#define PCIR_SUBDEV_0	0x2e
#define PCIR_SECBUS_1	0x19	/* bridge: secondary bus number */
#define PCIR_INTLINE	0x3c
#define PCIR_INTPIN	0x3d

#define PCIC_BRIDGE	0x06
#define PCIS_BRIDGE_PCI	0x04

enum pci_bar_type { PCI_BAR_NONE = 0, PCI_BAR_IO, PCI_BAR_MEM };

struct pci_bar {
	enum pci_bar_type pb_type;
	uint64_t	pb_base;	/* port or physical address */
	uint64_t	pb_size;	/* bytes */
	bool		pb_64;		/* memory BAR taking two slots */
	bool		pb_prefetch;
};

struct pci_driver;

struct pci_dev {
	STAILQ_ENTRY(pci_dev) pd_link;	/* (c) pci_devices */
	uint8_t		pd_bus, pd_slot, pd_func;	/* (c) */
	uint16_t	pd_vendor, pd_device;		/* (c) */
	uint16_t	pd_subvendor, pd_subdevice;	/* (c) */
	uint8_t		pd_class, pd_subclass, pd_progif, pd_revid; /* (c) */
	uint8_t		pd_hdrtype;	/* (c) header type, without MF bit */
	uint8_t		pd_intline;	/* (c) IRQ the firmware routed */
	uint8_t		pd_intpin;	/* (c) 0 none, 1..4 INTA..INTD */
	struct pci_bar	pd_bar[PCI_MAXBAR];	/* (c) */
	const struct pci_driver *pd_driver;	/* (c) attached driver */
	void		*pd_softc;	/* driver's state */
};

STAILQ_HEAD(pci_devlist, pci_dev);
extern struct pci_devlist pci_devices;

struct pci_driver {
	const char	*pdr_name;
	int		(*pdr_probe)(struct pci_dev *pd);	/* 0 = mine */
	int		(*pdr_attach)(struct pci_dev *pd);	/* errno */
};

#define PCI_DRIVER(name, probe, attach)					\
	static const struct pci_driver pci_driver_##name = {		\
		#name, probe, attach					\
	};								\
	DATA_SET(pci_driver_set, pci_driver_##name)

uint32_t pci_cfg_read(int bus, int slot, int func, int reg, int width);
void	pci_cfg_write(int bus, int slot, int func, int reg, uint32_t val,
	    int width);
uint32_t pci_read_config(struct pci_dev *pd, int reg, int width);
void	pci_write_config(struct pci_dev *pd, int reg, uint32_t val, int width);
void	pci_enable_busmaster(struct pci_dev *pd);
struct pci_dev *pci_find_device(uint16_t vendor, uint16_t device);

#endif /* !_DEV_PCI_PCI_H_ */
