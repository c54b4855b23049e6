/*
 * pci_test.c: in-kernel tests of PCI enumeration on QEMU's pc machine
 * (i440fx host bridge at 0:0.0, PIIX3 at slot 1).
 */
#include <sys/types.h>
#include <sys/ktest.h>
#include <sys/systm.h>

#include <dev/pci/pci.h>

KTEST(pci, host_bridge)
{
	struct pci_dev *pd;

	pd = STAILQ_FIRST(&pci_devices);
	KT_ASSERT(kt, pd != NULL);
	KT_EXPECT_EQ(kt, pd->pd_bus, 0);
	KT_EXPECT_EQ(kt, pd->pd_slot, 0);
	KT_EXPECT_EQ(kt, pd->pd_class, PCIC_BRIDGE);
	KT_EXPECT_EQ(kt, pci_read_config(pd, PCIR_VENDOR, 2), pd->pd_vendor);
	KT_EXPECT_EQ(kt, pci_read_config(pd, PCIR_VENDOR, 4) >> 16,
	    pd->pd_device);
	KT_EXPECT_EQ(kt, pci_read_config(pd, PCIR_CLASS, 1), pd->pd_class);
	if (pd->pd_vendor != 0x8086 || pd->pd_device != 0x1237)
		KT_SKIP(kt, "not QEMU's i440fx");
	KT_EXPECT(kt, pci_find_device(0x8086, 0x7000) != NULL);
}

KTEST(pci, virtio_blk_bars)
{
	struct pci_dev *pd;

	pd = pci_find_device(0x1af4, 0x1001);
	if (pd == NULL)
		KT_SKIP(kt, "no virtio-blk device (booted with if=ide?)");
	KT_EXPECT_EQ(kt, pd->pd_bar[0].pb_type, PCI_BAR_IO);
	KT_EXPECT(kt, pd->pd_bar[0].pb_size >= 0x20);
	KT_EXPECT_EQ(kt, pd->pd_bar[0].pb_base & (pd->pd_bar[0].pb_size - 1),
	    0);
	KT_EXPECT(kt, pd->pd_intpin >= 1 && pd->pd_intpin <= 4);
	KT_EXPECT(kt, pd->pd_intline < 16);
	KT_EXPECT(kt, pd->pd_driver != NULL && pd->pd_softc != NULL);
	/* QEMU's transitional device: a 64-bit memory BAR for modern. */
	KT_EXPECT_EQ(kt, pd->pd_bar[4].pb_type, PCI_BAR_MEM);
	KT_EXPECT(kt, pd->pd_bar[4].pb_64);
	KT_EXPECT_EQ(kt, pd->pd_bar[5].pb_type, PCI_BAR_NONE);
}
