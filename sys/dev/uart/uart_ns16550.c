/*
 * uart_ns16550.c: the 16550 UART on COM1 (I/O port 0x3f8) as the console.
 *
 * 115200 baud, 8 data bits, no parity, one stop bit, FIFOs on.  Output
 * is polled: it waits for the transmit holding register to empty; QEMU's
 * UART never makes it wait long.  Input is interrupt-driven once the
 * interrupt controllers are up (SI_SUB_DRIVERS): IRQ 4 through the I/O
 * APIC, the "received data available" interrupt (IER bit 0) and OUT2
 * (which gates the UART's interrupt line on PCs); the handler hands each
 * byte to the console (cnrint), whose tty's input thread runs the line
 * discipline.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/cons.h>
#include <sys/kernel.h>

#include <machine/cpufunc.h>
#include <machine/intr_machdep.h>

#include <dev/uart/uart.h>

#define COM1_BASE	0x3f8

#define REG_DATA	0	/* receive/transmit; divisor low with DLAB */
#define REG_IER		1	/* interrupt enable; divisor high with DLAB */
#define REG_FCR		2	/* FIFO control */
#define REG_LCR		3	/* line control */
#define REG_MCR		4	/* modem control */
#define REG_LSR		5	/* line status */

#define COM1_IRQ	4
#define IER_ERBFI	0x01	/* interrupt when received data is available */
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define MCR_OUT2	0x08	/* connects the interrupt line (PC) */

#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define LSR_RXRDY	0x01
#define LSR_THRE	0x20

static void
ns16550_putc(struct consdev *cp, int c)
{
	uint16_t base = (uint16_t)(uintptr_t)cp->cn_softc;
	int spins;

	/* Bounded wait, so a missing UART cannot hang the kernel. */
	for (spins = 0; spins < 100000; spins++) {
		if (inb(base + REG_LSR) & LSR_THRE)
			break;
		cpu_pause();
	}
	outb(base + REG_DATA, (uint8_t)c);
}

static int
ns16550_getc(struct consdev *cp)
{
	uint16_t base = (uint16_t)(uintptr_t)cp->cn_softc;

	if ((inb(base + REG_LSR) & LSR_RXRDY) == 0)
		return (-1);
	return (inb(base + REG_DATA));
}

static struct consdev uart_cons = {
	.cn_name = "uart0",
	.cn_putc = ns16550_putc,
	.cn_getc = ns16550_getc,
	.cn_softc = (void *)(uintptr_t)COM1_BASE,
};

/* uart_cninit: program COM1 and make it the console.  Called first thing. */
void
uart_cninit(void)
{
	uint16_t base = COM1_BASE;

	outb(base + REG_IER, 0);		/* no interrupts */
	outb(base + REG_LCR, LCR_DLAB);
	outb(base + REG_DATA, 1);		/* divisor 1: 115200 baud */
	outb(base + REG_IER, 0);
	outb(base + REG_LCR, LCR_8N1);
	outb(base + REG_FCR, 0xc7);		/* enable, clear, 14-byte */
	outb(base + REG_MCR, 0x03);		/* DTR, RTS */
	cnadd(&uart_cons);
}

/* Received bytes, each to the console; reading REG_DATA acknowledges. */
static void
ns16550_intr(void *arg, struct trapframe *tf __unused)
{
	struct consdev *cp = arg;
	int c, n;

	for (n = 0; n < 64 && (c = ns16550_getc(cp)) >= 0; n++)
		cnrint(c);
}

/* uart_intr_init: interrupt-driven input on COM1. */
static void
uart_intr_init(const void *arg __unused)
{
	uint16_t base = COM1_BASE;
	int error;

	error = intr_setup_irq(COM1_IRQ, "uart0", ns16550_intr, &uart_cons);
	if (error != 0) {
		printf("uart0: irq %d: error %d; no console input\n", COM1_IRQ,
		    error);
		return;
	}
	outb(base + REG_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	outb(base + REG_IER, IER_ERBFI);
	while (ns16550_getc(&uart_cons) >= 0)
		;			/* drop what came before */
}
SYSINIT(uart_intr, SI_SUB_DRIVERS, SI_ORDER_SECOND, uart_intr_init, NULL);
