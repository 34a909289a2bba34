/* SPDX-License-Identifier: GPL-2.0 */
/* Serial input: to the console's domain (dom0 when there is one), with
 * two ways to the hypervisor's debug keys: Ctrl-] then a key, or Xen's
 * Ctrl-A three times, which switches all input to the hypervisor (each
 * key a debug key) and back. Under QEMU's -nographic Ctrl-A is QEMU's own
 * escape: type Ctrl-A a to send one. */
#include <xeno/arch-domain.h>
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/grant.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

#define DEBUG_KEY_ESCAPE 0x1d   /* Ctrl-] */

static const char *const vcpu_state_names[] = {
	"down", "runnable", "running", "blocked", "dead",
};

/* One line per domain with a count per hypercall number, then a line per
 * hypercall that has sub-ops (the last counter gathers sub-op numbers past
 * NR_SUBOPS). Lines are cut at ~160 characters rather than wrapped. */
void hypercall_print_counts(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];
		char line[200];
		int n = 0;

		if (!d)
			continue;
		for (unsigned int h = 0; h < NR_HYPERCALLS && n < 160; h++)
			if (d->hypercall_count[h])
				n += snprintf(line + n, sizeof(line) - (size_t)n, " %u:%lu", h,
					      d->hypercall_count[h]);
		printk("d%u hypercalls (number:count):%s\n", d->domain_id, n ? line : " none");
		for (unsigned int h = 0; h < NR_HYPERCALLS; h++) {
			n = 0;
			for (unsigned int o = 0; o < NR_SUBOPS && n < 160; o++)
				if (d->subop_count[h][o])
					n += snprintf(line + n, sizeof(line) - (size_t)n, " %u:%lu", o,
						      d->subop_count[h][o]);
			if (n)
				printk("d%u   hypercall %u sub-ops (op:count):%s\n", d->domain_id, h, line);
		}
	}
}

/* The 'd' key: each domain's size and state, and where each of its vCPUs
 * is (state, CPU, and the architecture's one-line view of its registers,
 * as saved at its last switch). Read without locks: a snapshot. */
static void dump_domains(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (!d)
			continue;
		unsigned int gnt_active, gnt_maps;

		gnttab_usage(d, &gnt_active, &gnt_maps);
		printk("d%u: %s, %lu pages, %u vCPU(s), state %d, grants: %u entries pinned by others, %u mappings held (limit %u)\n",
		       d->domain_id, d->is_privileged ? "privileged" : "unprivileged", d->tot_pages,
		       d->max_vcpus, d->state, gnt_active, gnt_maps,
		       d->max_maptrack_frames * GNT_MAPTRACK_PER_FRAME);
		for (unsigned int j = 0; j < d->max_vcpus; j++) {
			const struct vcpu *v = d->vcpu[j];
			char regs[80];

			if (!v)
				continue;
			arch_vcpu_describe(v, regs, sizeof(regs));
			printk("  v%u: %s on CPU%u, %s\n", j, vcpu_state_names[v->state],
			       v->processor, regs);
		}
	}
}

/* The 'g' key: each live domain's grant-table use against its limits:
 * frames set up, entries others have mapped or are copying, and its own
 * maptrack (mappings it holds of others' grants). */
static void dump_grants(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];
		unsigned int active, maps;

		if (!d || d->state == DOMAIN_DEAD)
			continue;
		gnttab_usage(d, &active, &maps);
		printk("d%u grant table: %u of %u frames, %u entries in use by others, maptrack %u of %u\n",
		       d->domain_id, d->nr_gnttab_frames, d->max_grant_frames, active, maps,
		       d->max_maptrack_frames * GNT_MAPTRACK_PER_FRAME);
	}
}

void debug_key_handle(char k)
{
	switch (k) {
	case 'h':
		hypercall_print_counts();
		break;
	case 'd':
		dump_domains();
		break;
	case 'g':
		dump_grants();
		break;
	case 'e':
		evtchn_dump_all();
		break;
	case 'm': {
		/* Exact, so a toolstack test can check create/destroy cycles
		 * (xl debug-keys m; xl dmesg) give every frame back. The grant
		 * tables of live domains grow with use and stay (dom0's maptrack
		 * once its back ends have mapped): a test that adds them to the
		 * free count gets a sum that only a leak changes. */
		unsigned long grant = 0;

		for (unsigned int i = 0; i < MAX_DOMAINS; i++)
			if (domain_list[i] && domain_list[i]->state != DOMAIN_DEAD)
				grant += gnttab_heap_frames(domain_list[i]);
		printk("memory: %lu frames free, %lu in dead domains' records, %lu in live domains' grant tables\n",
		       xen_frames.nr_free, (unsigned long)domain_dead_record_pages(), grant);
		break;
	}
	default:
		printk("debug keys (after Ctrl-]): h hypercall counts, d domains, e event channels, g grant tables, m free memory\n");
		break;
	}
}

#define SWITCH_CODE 0x01   /* Ctrl-A */

static bool input_to_xen;

/* Fewer than three Ctrl-As followed by another key are the domain's, as
 * on Xen; the third switches. Returns how many bytes went to out. */
static unsigned int switch_code(char c, char *out, unsigned int room, bool *eaten)
{
	static unsigned int count;
	unsigned int m = 0;

	*eaten = c == SWITCH_CODE;
	if (c == SWITCH_CODE) {
		if (++count == 3) {
			count = 0;
			input_to_xen = !input_to_xen;
			printk("*** serial input to %s (Ctrl-A three times to switch back)\n",
			       input_to_xen ? "the hypervisor: every key is a debug key"
					    : "the domain");
		}
		return 0;
	}
	for (; count && m < room; count--)
		if (!input_to_xen)
			out[m++] = SWITCH_CODE;
	count = 0;
	return m;
}

void console_serial_input(const char *s, unsigned int n)
{
	static bool escaped;
	char out[32];
	unsigned int m = 0;

	for (unsigned int i = 0; i < n; i++) {
		bool eaten;

		/* One key can release up to two held Ctrl-As besides itself:
		 * hand over what is buffered before it could overflow. */
		if (m + 4 > sizeof(out)) {
			console_input(out, m);
			m = 0;
		}

		m += switch_code(s[i], out + m, sizeof(out) - 1 - m, &eaten);
		if (eaten)
			continue;
		if (input_to_xen) {
			debug_key_handle(s[i]);
			continue;
		}
		if (escaped) {
			escaped = false;
			if (s[i] != DEBUG_KEY_ESCAPE) {
				debug_key_handle(s[i]);
				continue;
			}
		} else if (s[i] == DEBUG_KEY_ESCAPE) {
			escaped = true;
			continue;
		}
		out[m++] = s[i];
	}
	console_input(out, m);
}
