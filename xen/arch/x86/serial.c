/* SPDX-License-Identifier: GPL-2.0 */
/* 16550 UART on COM1, polled: the hypervisor console. */
#include <asm/io.h>
#include <asm/serial.h>

#define COM1      0x3f8
#define UART_THR  0   /* transmit holding */
#define UART_RBR  0   /* receive buffer */
#define UART_IER  1
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define UART_DLL  0
#define UART_DLM  1
#define LSR_DR    0x01
#define LSR_THRE  0x20
#define LCR_DLAB  0x80
#define BAUD_DIV  1   /* 115200 */

static bool serial_ready;

/* COM1 at 115200 8N1, polled: no UART interrupt is used (CPU 0's timer
 * tick polls for input), so IER stays 0. Until this runs, output is
 * dropped rather than written to an unprogrammed port. */
void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, BAUD_DIV & 0xff);
	outb(COM1 + UART_DLM, BAUD_DIV >> 8);
	outb(COM1 + UART_LCR, 0x03);   /* 8N1 */
	outb(COM1 + UART_FCR, 0xc7);   /* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x03);   /* DTR, RTS */
	serial_ready = true;
}

static void serial_putc(char c)
{
	/* Bounded wait: a missing UART must not hang the console forever. */
	for (int spins = 0; spins < 100000; spins++)
		if (inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(COM1 + UART_THR, (uint8_t)c);
}

/* The console sink: callers hold printk's console lock, so lines from
 * different CPUs arrive whole; '\n' goes out as CR LF for terminals. */
void serial_write(const char *s, size_t len)
{
	if (!serial_ready)
		return;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

int serial_getc(void)
{
	if (!serial_ready || !(inb(COM1 + UART_LSR) & LSR_DR))
		return -1;
	return inb(COM1 + UART_RBR);
}
