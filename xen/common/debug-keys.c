/* SPDX-License-Identifier: GPL-2.0 */
/* Debug keys on the serial console: Ctrl-] then a key. (QEMU keeps Ctrl-A
 * for itself, so Xen's triple Ctrl-A is not available.) */
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/printk.h>

#define DEBUG_KEY_ESCAPE 0x1d   /* Ctrl-] */

static const char *const vcpu_state_names[] = {
	"down", "runnable", "running", "blocked", "dead",
};

static void dump_domains(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (!d)
			continue;
		printk("d%u: %s, %lu pages, %u vCPU(s), state %d\n", d->domain_id,
		       d->is_privileged ? "privileged" : "unprivileged", d->tot_pages,
		       d->max_vcpus, d->state);
		for (unsigned int j = 0; j < d->max_vcpus; j++)
			if (d->vcpu[j])
				printk("  v%u: %s on CPU%u, %s mode, rip %#lx rsp %#lx\n", j,
				       vcpu_state_names[d->vcpu[j]->state], d->vcpu[j]->processor,
				       d->vcpu[j]->arch.kernel_mode ? "kernel" : "user",
				       d->vcpu[j]->arch.regs.rip, d->vcpu[j]->arch.regs.rsp);
	}
}

static void debug_key(char k)
{
	switch (k) {
	case 'h':
		hypercall_print_counts();
		break;
	case 'd':
		dump_domains();
		break;
	default:
		printk("debug keys (after Ctrl-]): h hypercall counts, d domains\n");
		break;
	}
}

void console_serial_input(const char *s, unsigned int n)
{
	static bool escaped;
	char out[16];
	unsigned int m = 0;

	for (unsigned int i = 0; i < n && m < sizeof(out); i++) {
		if (escaped) {
			escaped = false;
			if (s[i] != DEBUG_KEY_ESCAPE) {
				debug_key(s[i]);
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
