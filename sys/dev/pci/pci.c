/*
 * pci.c: PCI configuration access through mechanism #1 (address to port
 * 0xCF8, data at 0xCFC), enumeration and driver matching.
 *
 * pci_enumerate() scans every slot and function of bus 0 and follows
 * PCI-to-PCI bridges (header type 1) to their secondary bus.  Each
 * function found gets a struct pci_dev with its identity, class, BARs
 * (sized by writing all ones and reading back, with decoding disabled
 * meanwhile: done at boot, before any driver uses the device) and the interrupt line and pin the
 * firmware programmed.  Under umbra.verbose the list is printed.  Then
 * pci_attach_drivers() offers each device to the drivers of the linker
 * set pci_driver_set.
 *
 * The interrupt line register holds the ISA IRQ the BIOS routed the
 * function's INTx pin to (on QEMU's pc machine, through the PIIX PIRQ
 * links, one of 5, 9, 10, 11; the MADT marks them level, active high).
 * No _PRT is read: that would need an AML interpreter.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>

#include <dev/pci/pci.h>

#define PCI_CONF_ADDR	0xcf8
#define PCI_CONF_DATA	0xcfc

struct pci_devlist pci_devices = STAILQ_HEAD_INITIALIZER(pci_devices);
static struct mtx pci_cfg_lock;
static bool pci_cfg_ready;

SET_DECLARE(pci_driver_set, const struct pci_driver);

/* The mechanism #1 address of a register (dword-aligned). */
static uint32_t
pci_cfg_addr(int bus, int slot, int func, int reg)
{
	KASSERT(bus >= 0 && bus < 256 && slot >= 0 && slot < 32 &&
	    func >= 0 && func < 8 && reg >= 0 && reg < 256,
	    ("pci_cfg_addr: %d:%d.%d reg %#x", bus, slot, func, reg));
	return (0x80000000u | (uint32_t)bus << 16 | (uint32_t)slot << 11 |
	    (uint32_t)func << 8 | (uint32_t)(reg & 0xfc));
}

/* pci_cfg_read: read a 1-, 2- or 4-byte configuration register. */
uint32_t
pci_cfg_read(int bus, int slot, int func, int reg, int width)
{
	uint32_t v;

	KASSERT(pci_cfg_ready, ("pci_cfg_read before pci_init"));
	KASSERT((width == 1 || width == 2 || width == 4) &&
	    (reg & (width - 1)) == 0, ("pci_cfg_read: width %d reg %#x",
	    width, reg));
	mtx_lock_spin(&pci_cfg_lock);
	outl(PCI_CONF_ADDR, pci_cfg_addr(bus, slot, func, reg));
	switch (width) {
	case 1:
		v = inb(PCI_CONF_DATA + (reg & 3));
		break;
	case 2:
		v = inw(PCI_CONF_DATA + (reg & 2));
		break;
	default:
		v = inl(PCI_CONF_DATA);
		break;
	}
	mtx_unlock_spin(&pci_cfg_lock);
	return (v);
}

/* pci_cfg_write: write a 1-, 2- or 4-byte configuration register. */
void
pci_cfg_write(int bus, int slot, int func, int reg, uint32_t val, int width)
{
	KASSERT(pci_cfg_ready, ("pci_cfg_write before pci_init"));
	KASSERT((width == 1 || width == 2 || width == 4) &&
	    (reg & (width - 1)) == 0, ("pci_cfg_write: width %d reg %#x",
	    width, reg));
	mtx_lock_spin(&pci_cfg_lock);
	outl(PCI_CONF_ADDR, pci_cfg_addr(bus, slot, func, reg));
	switch (width) {
	case 1:
		outb(PCI_CONF_DATA + (reg & 3), (uint8_t)val);
		break;
	case 2:
		outw(PCI_CONF_DATA + (reg & 2), (uint16_t)val);
		break;
	default:
		outl(PCI_CONF_DATA, val);
		break;
	}
	mtx_unlock_spin(&pci_cfg_lock);
}

/* pci_read_config: a register of an enumerated device. */
uint32_t
pci_read_config(struct pci_dev *pd, int reg, int width)
{
	return (pci_cfg_read(pd->pd_bus, pd->pd_slot, pd->pd_func, reg,
	    width));
}

/* pci_write_config: write a register of an enumerated device. */
void
pci_write_config(struct pci_dev *pd, int reg, uint32_t val, int width)
{
	pci_cfg_write(pd->pd_bus, pd->pd_slot, pd->pd_func, reg, val, width);
}

/* pci_enable_busmaster: let the device DMA (and decode its BARs). */
void
pci_enable_busmaster(struct pci_dev *pd)
{
	uint32_t cmd;

	cmd = pci_read_config(pd, PCIR_COMMAND, 2);
	cmd |= PCIM_CMD_BUSMASTEREN | PCIM_CMD_PORTEN | PCIM_CMD_MEMEN;
	cmd &= ~PCIM_CMD_INTXDIS;
	pci_write_config(pd, PCIR_COMMAND, cmd, 2);
}

/* pci_find_device: the first device with this vendor and device id. */
struct pci_dev *
pci_find_device(uint16_t vendor, uint16_t device)
{
	struct pci_dev *pd;

	STAILQ_FOREACH(pd, &pci_devices, pd_link)
		if (pd->pd_vendor == vendor && pd->pd_device == device)
			return (pd);
	return (NULL);
}

/*
 * Size BAR i of pd (and i+1 for a 64-bit memory BAR); returns the number
 * of slots the BAR takes.  Decoding is off while the BAR holds all ones.
 */
static int
pci_size_bar(struct pci_dev *pd, int i, int nbars)
{
	struct pci_bar *b = &pd->pd_bar[i];
	uint32_t cmd, lo, hi, slo, shi;
	uint64_t base, mask;
	cmd = pci_read_config(pd, PCIR_COMMAND, 2);
	pci_write_config(pd, PCIR_COMMAND,
	    cmd & ~(PCIM_CMD_PORTEN | PCIM_CMD_MEMEN), 2);
	lo = pci_read_config(pd, PCIR_BAR(i), 4);
	pci_write_config(pd, PCIR_BAR(i), 0xffffffff, 4);
	slo = pci_read_config(pd, PCIR_BAR(i), 4);
	pci_write_config(pd, PCIR_BAR(i), lo, 4);
	hi = shi = 0;
	if ((lo & 1) == 0 && (lo & 6) == 4 && i + 1 < nbars) {
		hi = pci_read_config(pd, PCIR_BAR(i + 1), 4);
		pci_write_config(pd, PCIR_BAR(i + 1), 0xffffffff, 4);
		shi = pci_read_config(pd, PCIR_BAR(i + 1), 4);
		pci_write_config(pd, PCIR_BAR(i + 1), hi, 4);
	}
	pci_write_config(pd, PCIR_COMMAND, cmd, 2);

	if (slo == 0 || slo == 0xffffffff)
		return (1);
	if (lo & 1) {
		b->pb_type = PCI_BAR_IO;
		b->pb_base = lo & ~3u;
		mask = (slo & ~3u) | 0xffff0000u;
		b->pb_size = (uint32_t)(~mask + 1);
		return (1);
	}
	b->pb_type = PCI_BAR_MEM;
	b->pb_prefetch = (lo & 8) != 0;
	base = lo & ~0xfu;
	mask = (uint64_t)(slo & ~0xfu) | 0xffffffff00000000ull;
	if ((lo & 6) == 4 && i + 1 < nbars) {
		b->pb_64 = true;
		base |= (uint64_t)hi << 32;
		mask = (uint64_t)shi << 32 | (slo & ~0xfu);
		b->pb_base = base;
		b->pb_size = ~mask + 1;
		return (2);
	}
	b->pb_base = base;
	b->pb_size = ~mask + 1;
	return (1);
}

static void pci_scan_bus(int bus, int depth);

/* Record function func of bus:slot, and follow it if it is a bridge. */
static void
pci_add_function(int bus, int slot, int func, int depth)
{
	struct pci_dev *pd;
	int i, nbars;

	pd = malloc(sizeof(*pd), M_DEVBUF, M_WAITOK | M_ZERO);
	pd->pd_bus = bus;
	pd->pd_slot = slot;
	pd->pd_func = func;
	pd->pd_vendor = pci_cfg_read(bus, slot, func, PCIR_VENDOR, 2);
	pd->pd_device = pci_cfg_read(bus, slot, func, PCIR_DEVICE, 2);
	pd->pd_revid = pci_cfg_read(bus, slot, func, PCIR_REVID, 1);
	pd->pd_progif = pci_cfg_read(bus, slot, func, PCIR_PROGIF, 1);
	pd->pd_subclass = pci_cfg_read(bus, slot, func, PCIR_SUBCLASS, 1);
	pd->pd_class = pci_cfg_read(bus, slot, func, PCIR_CLASS, 1);
	pd->pd_hdrtype = pci_cfg_read(bus, slot, func, PCIR_HDRTYPE, 1) &
	    PCIM_HDRTYPE;
	pd->pd_intline = pci_cfg_read(bus, slot, func, PCIR_INTLINE, 1);
	pd->pd_intpin = pci_cfg_read(bus, slot, func, PCIR_INTPIN, 1);
	if (pd->pd_hdrtype == 0) {
		pd->pd_subvendor = pci_cfg_read(bus, slot, func,
		    PCIR_SUBVEND_0, 2);
		pd->pd_subdevice = pci_cfg_read(bus, slot, func,
		    PCIR_SUBDEV_0, 2);
	}
	nbars = pd->pd_hdrtype == 0 ? 6 : pd->pd_hdrtype == 1 ? 2 : 0;
	for (i = 0; i < nbars;)
		i += pci_size_bar(pd, i, nbars);
	STAILQ_INSERT_TAIL(&pci_devices, pd, pd_link);

	if (pd->pd_hdrtype == 1 && pd->pd_class == PCIC_BRIDGE &&
	    pd->pd_subclass == PCIS_BRIDGE_PCI && depth < 8) {
		int sec = pci_cfg_read(bus, slot, func, PCIR_SECBUS_1, 1);

		if (sec != 0 && sec != bus)
			pci_scan_bus(sec, depth + 1);
	}
}

/* Scan every slot and function of one bus. */
static void
pci_scan_bus(int bus, int depth)
{
	int slot, func, nfunc;

	for (slot = 0; slot < 32; slot++) {
		if (pci_cfg_read(bus, slot, 0, PCIR_VENDOR, 2) == 0xffff)
			continue;
		nfunc = (pci_cfg_read(bus, slot, 0, PCIR_HDRTYPE, 1) &
		    PCIM_MFDEV) ? 8 : 1;
		for (func = 0; func < nfunc; func++) {
			if (pci_cfg_read(bus, slot, func, PCIR_VENDOR, 2) ==
			    0xffff)
				continue;
			pci_add_function(bus, slot, func, depth);
		}
	}
}

/* Print one device and its BARs (umbra.verbose). */
static void
pci_print(struct pci_dev *pd)
{
	struct pci_bar *b;
	int i;

	printf("pci%d:%d.%d: %04x:%04x class %02x.%02x.%02x rev %d",
	    pd->pd_bus, pd->pd_slot, pd->pd_func, pd->pd_vendor,
	    pd->pd_device, pd->pd_class, pd->pd_subclass, pd->pd_progif,
	    pd->pd_revid);
	if (pd->pd_intpin != 0)
		printf(" INT%c irq %d", 'A' + pd->pd_intpin - 1, pd->pd_intline);
	printf("\n");
	for (i = 0; i < PCI_MAXBAR; i++) {
		b = &pd->pd_bar[i];
		if (b->pb_type == PCI_BAR_NONE)
			continue;
		printf("    bar%d: %s %#lx size %#lx%s%s\n", i,
		    b->pb_type == PCI_BAR_IO ? "io" : "mem", b->pb_base,
		    b->pb_size, b->pb_64 ? " 64-bit" : "",
		    b->pb_prefetch ? " prefetch" : "");
	}
}

/* Offer every device to the drivers of pci_driver_set. */
static void
pci_attach_drivers(void)
{
	const struct pci_driver **pdrp, *pdr;
	struct pci_dev *pd;
	int error;

	STAILQ_FOREACH(pd, &pci_devices, pd_link) {
		SET_FOREACH(pdrp, pci_driver_set) {
			pdr = *pdrp;
			if (pdr->pdr_probe(pd) != 0)
				continue;
			error = pdr->pdr_attach(pd);
			if (error == 0) {
				pd->pd_driver = pdr;
				break;
			}
			printf("pci%d:%d.%d: %s attach failed: %d\n",
			    pd->pd_bus, pd->pd_slot, pd->pd_func,
			    pdr->pdr_name, error);
		}
	}
}

/* pci_init: enumerate (bus 0 and behind bridges), print, attach. */
static void
pci_init(void *arg __unused)
{
	struct pci_dev *pd;

	mtx_init(&pci_cfg_lock, "pci cfg", NULL, MTX_SPIN);
	pci_cfg_ready = true;
	pci_scan_bus(0, 0);
	if (bootverbose)
		STAILQ_FOREACH(pd, &pci_devices, pd_link)
			pci_print(pd);
	pci_attach_drivers();
}
SYSINIT(pci, SI_SUB_DRIVERS, SI_ORDER_FIRST, pci_init, NULL);
