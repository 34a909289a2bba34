/* SPDX-License-Identifier: GPL-2.0 */
/* Guest output: console_io writes from any domain and the domU console
 * ring, both printed as "(dN) line". The ring is guest-writable: indexes
 * are read once, checked, and only then used. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <public/io/console.h>
#include <public/xen.h>
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/printk.h>

#define CONSOLEIO_CHUNK 128
#define CONSOLEIO_MAX   (1U << 20)   /* bytes per call, bounds the work */

static void put_char(struct domain *d, char c)
{
	if (c == '\r')
		return;
	if (c != '\n' && d->console_len < sizeof(d->console_line) - 1) {
		d->console_line[d->console_len++] = c;
		return;
	}
	/* A newline, or a full buffer: print the line. */
	d->console_line[d->console_len] = '\0';
	printk("(d%u) %s\n", d->domain_id, d->console_line);
	d->console_len = 0;
	if (c != '\n')
		d->console_line[d->console_len++] = c;
}

static void put_chars(struct domain *d, const char *s, size_t n)
{
	unsigned long f = spin_lock_irqsave(&d->lock);

	for (size_t i = 0; i < n; i++)
		put_char(d, s[i]);
	spin_unlock_irqrestore(&d->lock, f);
}

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf)
{
	struct domain *d = current_vcpu()->domain;
	char chunk[CONSOLEIO_CHUNK];

	switch (cmd) {
	case CONSOLEIO_write:
		/* count is an int in the ABI: negative is an error. */
		if ((int)count < 0)
			return -EINVAL;
		count = (uint32_t)count;
		if (count > CONSOLEIO_MAX)
			return -E2BIG;
		if (!guest_range_ok(buf, count))
			return -EFAULT;
		for (uint64_t done = 0; done < count;) {
			size_t n = MIN((uint64_t)sizeof(chunk), count - done);

			if (copy_from_guest(chunk, buf + done, n))
				return -EFAULT;
			put_chars(d, chunk, n);
			done += n;
		}
		return 0;
	case CONSOLEIO_read:
		if ((int)count < 0)
			return -EINVAL;
		return 0;   /* no input is queued for console_io readers yet */
	default:
		return -ENOSYS;
	}
}

static struct xencons_interface *ring_of(struct domain *d)
{
	return d->console_mfn ? __va(d->console_mfn << PAGE_SHIFT) : NULL;
}

void console_flush_domain(struct domain *d)
{
	struct xencons_interface *ring = ring_of(d);
	uint32_t cons, prod, n;
	char buf[sizeof(ring->out)];

	if (!ring)
		return;
	cons = __atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE);
	prod = __atomic_load_n(&ring->out_prod, __ATOMIC_ACQUIRE);
	n = prod - cons;
	if (n == 0)
		return;
	if (n > sizeof(ring->out)) {
		/* A broken producer: drop what it claims, resynchronise. */
		__atomic_store_n(&ring->out_cons, prod, __ATOMIC_RELEASE);
		return;
	}
	for (uint32_t i = 0; i < n; i++)
		buf[i] = ring->out[(cons + i) & (sizeof(ring->out) - 1)];
	__atomic_store_n(&ring->out_cons, prod, __ATOMIC_RELEASE);
	put_chars(d, buf, n);
	evtchn_set_pending(d, d->console_port);   /* room again */
}

static void console_port_send(struct domain *d, uint32_t port)
{
	console_flush_domain(d);
}

int console_attach_ring(struct domain *d, uint64_t mfn)
{
	d->console_mfn = mfn;
	return evtchn_alloc_xen_port(d, console_port_send, &d->console_port);
}

void console_poll_rings(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (d && d->state == DOMAIN_RUNNING && d->console_mfn)
			console_flush_domain(d);
	}
}
