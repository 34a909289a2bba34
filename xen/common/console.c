/* SPDX-License-Identifier: GPL-2.0 */
/* Guest output: console_io writes (the privileged domain; domUs with
 * domU_console_io) and the domU console ring drained by the hypervisor,
 * both one stream per domain, printed as "(dN) line" after the filter,
 * line buffer and rate limit of console-line.c. The ring is
 * guest-writable: indexes are read once, checked, and only then used. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <public/io/console.h>
#include <public/xen.h>
#include <xeno/arch-domain.h>
#include <xeno/cmdline.h>
#include <xeno/console-line.h>
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/timer.h>

#define CONSOLEIO_CHUNK 128
#define CONSOLEIO_MAX   (1U << 20)   /* bytes per call, bounds the work */

/* Xen's release builds refuse CONSOLEIO_* to every domain but the
 * privileged one (XSM dummy); its debug builds let any domain write.
 * Off, a domU's console is its ring alone, so a guest that writes both
 * (as XTF does) is printed once; the test guests turn it on. */
static bool opt_domU_console_io;
boolean_param("domU_console_io", opt_domU_console_io);

/* Every domain's line state (d->console) and which line is open on the
 * console are under out_lock, taken before printk's own lock. A domain's
 * teardown ends its line (console_end_line), so partial_owner never
 * outlives its domain. The hypervisor's own printk closes an open guest
 * line by itself and counts it (printk_guest_breaks). */
static spinlock_t out_lock = SPIN_LOCK_UNLOCKED;
static struct domain *partial_owner;   /* whose line is open on the console */
static unsigned long partial_breaks;   /* printk_guest_breaks() when it opened */

/* The open line (a prompt) is closed first, so lines never mix; except
 * is the domain about to continue its own. */
static void close_open_line(struct domain *except)
{
	if (partial_owner && partial_breaks != printk_guest_breaks()) {
		/* The hypervisor printed since: printk closed it. */
		partial_owner->console.open = false;
		partial_owner = NULL;
	}
	if (partial_owner && partial_owner != except) {
		guest_printk("\n");
		partial_owner->console.open = false;
		partial_owner = NULL;
	}
}

static void sink_emit(void *ctx, struct guest_line *l, const char *text, unsigned int len,
		      bool newline)
{
	struct domain *d = ctx;
	char buf[GUEST_LINE_MAX];

	close_open_line(d);
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (l->open)
		guest_printk("%s%s", buf, newline ? "\n" : "");
	else
		guest_printk("(d%u) %s%s", d->domain_id, buf, newline ? "\n" : "");
	partial_owner = newline ? NULL : d;
	partial_breaks = printk_guest_breaks();
}

static void sink_report(void *ctx, uint32_t lines, uint64_t bytes)
{
	struct domain *d = ctx;

	close_open_line(NULL);
	printk(XENLOG_WARNING "d%u: console rate limit: %u lines (%lu bytes) dropped\n",
	       d->domain_id, lines, bytes);
}

/* The privileged domain is trusted with the console, as Xen's hardware
 * domain: unfiltered, not rate-limited, its prompts shown at once. A
 * domU's unterminated line is shown early only once someone has typed
 * to it (an interactive shell); otherwise it waits for its newline, so
 * nothing another domain prints can split it. */
static void put_chars(struct domain *d, const char *s, size_t n)
{
	const struct gline_sink sink = { sink_emit, sink_report, d };
	bool trusted = d->is_privileged;
	unsigned long f = spin_lock_irqsave(&out_lock);

	gline_write(&d->console, s, n, system_time_ns(), trusted, trusted || d->console_typed,
		    &sink);
	spin_unlock_irqrestore(&out_lock, f);
}

/* Close d's line and whatever line is open on the console, and report
 * d's drops: the domain goes away, or the hypervisor is about to print
 * about it (a crash, a shutdown); its line must continue no guest's. */
void console_end_line(struct domain *d)
{
	const struct gline_sink sink = { sink_emit, sink_report, d };
	unsigned long f = spin_lock_irqsave(&out_lock);

	gline_end(&d->console, system_time_ns(), d->is_privileged, &sink);
	close_open_line(NULL);
	spin_unlock_irqrestore(&out_lock, f);
}

/* Serial input waiting for a console_io reader (the privileged domain,
 * told by VIRQ_CONSOLE). */
#define INPUT_BUF 256
static char input_buf[INPUT_BUF];
static unsigned int input_head, input_tail;   /* free-running */
static spinlock_t input_lock = SPIN_LOCK_UNLOCKED;

static long console_io_read(struct domain *d, uint64_t buf, uint32_t count)
{
	char tmp[INPUT_BUF];
	unsigned long f;
	uint32_t n = 0;

	f = spin_lock_irqsave(&input_lock);
	while (n < count && n < INPUT_BUF && input_tail != input_head)
		tmp[n++] = input_buf[input_tail++ % INPUT_BUF];
	spin_unlock_irqrestore(&input_lock, f);
	return copy_to_guest(buf, tmp, n) ? -EFAULT : (long)n;
}

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf)
{
	struct domain *d = current_vcpu()->domain;
	char chunk[CONSOLEIO_CHUNK];

	/* As Xen: the permission comes first, whatever the command. */
	if (!d->is_privileged && !(opt_domU_console_io && cmd == CONSOLEIO_write))
		return -EPERM;
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

			/* A slow console must not hold the CPU: go on later. */
			if (done && hypercall_preempt_check())
				return hypercall_create_continuation(__HYPERVISOR_console_io,
								     CONSOLEIO_write, count - done,
								     buf + done, 0, 0);
			if (copy_from_guest(chunk, buf + done, n))
				return -EFAULT;
			put_chars(d, chunk, n);
			done += n;
		}
		return 0;
	case CONSOLEIO_read:
		if ((int)count < 0)
			return -EINVAL;
		return console_io_read(d, buf, (uint32_t)count);
	default:
		return -ENOSYS;
	}
}

static struct xencons_interface *ring_of(struct domain *d)
{
	/* Read once: console_detach_ring may clear it on another CPU. */
	uint64_t mfn = __atomic_load_n(&d->console_mfn, __ATOMIC_ACQUIRE);

	return mfn ? __va(mfn << PAGE_SHIFT) : NULL;
}

/* Drain a domU's console ring (xencons_interface, out[] side) into its
 * line buffer. The ring is guest memory: the indices are read once, a
 * claim of more than the ring holds is dropped, and the bytes are copied
 * out before out_cons moves. Barriers: the acquire of out_prod pairs with
 * the guest's write barrier before it advances out_prod (the bytes are
 * there); the release of out_cons comes after our copy, so the guest,
 * reading out_cons, never overwrites bytes not yet taken. */
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

/* The hypervisor writes the ring on every tick, so it holds a writable
 * type reference for as long as it does: the guest can neither retype the
 * frame (a page table whose entries we would rewrite) nor have it freed. */
int console_attach_ring(struct domain *d, uint64_t mfn)
{
	int rc;

	if (!arch_map_guest_page(d, mfn))
		return -EINVAL;
	rc = evtchn_alloc_xen_port(d, console_port_send, &d->console_port);
	if (rc) {
		arch_unmap_guest_page(d, mfn);
		return rc;
	}
	d->console_mfn = mfn;
	return 0;
}

/* The reference itself goes with the domain's memory (domain_release_memory
 * resets every count): no mm_lock here, as a domain may be crashed from
 * under its own. */
void console_detach_ring(struct domain *d)
{
	unsigned long f = spin_lock_irqsave(&d->lock);

	__atomic_store_n(&d->console_mfn, 0, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&d->lock, f);
}

static void report_if_refilled(struct domain *d)
{
	const struct gline_sink sink = { sink_emit, sink_report, d };
	unsigned long f = spin_lock_irqsave(&out_lock);

	gline_poll(&d->console, system_time_ns(), &sink);
	spin_unlock_irqrestore(&out_lock, f);
}

void console_poll_rings(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (d && d->state == DOMAIN_RUNNING && d->console_mfn)
			console_flush_domain(d);
		if (d && d->console.rate.dropped_lines)
			report_if_refilled(d);
	}
}

/* The domain console input goes to: the lowest running domain id. */
static struct domain *input_focus(void)
{
	struct domain *best = NULL;

	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (d && d->state == DOMAIN_RUNNING && (d->console_mfn || d->is_privileged) &&
		    (!best || d->domain_id < best->domain_id))
			best = d;
	}
	return best;
}

/* Put a typed byte in a domU's ring (dropped when the guest lets it fill). */
static void ring_input(struct domain *d, char c)
{
	struct xencons_interface *ring = ring_of(d);
	uint32_t cons, prod;

	if (!ring)
		return;
	cons = __atomic_load_n(&ring->in_cons, __ATOMIC_ACQUIRE);
	prod = ring->in_prod;   /* only we write it */
	if (prod - cons >= sizeof(ring->in))
		return;
	ring->in[prod & (sizeof(ring->in) - 1)] = c;
	__atomic_store_n(&ring->in_prod, prod + 1, __ATOMIC_RELEASE);
}

void console_input(const char *s, unsigned int n)
{
	struct domain *d = input_focus();
	unsigned long f;

	if (!d || !n)
		return;
	if (d->console_mfn) {
		d->console_typed = true;   /* show its prompts (put_chars) */
		for (unsigned int i = 0; i < n; i++)
			ring_input(d, s[i]);
		evtchn_set_pending(d, d->console_port);
		return;
	}
	f = spin_lock_irqsave(&input_lock);
	for (unsigned int i = 0; i < n && input_head - input_tail < INPUT_BUF; i++)
		input_buf[input_head++ % INPUT_BUF] = s[i];
	spin_unlock_irqrestore(&input_lock, f);
	send_guest_global_virq(d, VIRQ_CONSOLE);
}
