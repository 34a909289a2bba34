/* SPDX-License-Identifier: GPL-2.0 */
/* Boot domains from GRUB2 modules, with Xen's convention: each kernel
 * module's string is its domain's command line, and a module right after
 * a kernel that is not itself a kernel is that kernel's initrd. The first
 * domain is dom0 (privileged) unless `dom0less` makes them all domUs. */
#include <asm/page.h>
#include <xeno/arch-domain.h>
#include <xeno/cmdline.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/setup.h>

#define DEFAULT_DOM_MEM   (128ULL << 20)
#define MAX_DOM_OPTIONS   16

static bool opt_dom0less;
static struct dom0_mem_spec opt_dom0_mem;
static uint32_t opt_dom0_max_vcpus = 1;
static uint64_t opt_domU_mem;
static uint32_t opt_domU_max_vcpus = 1;

boolean_param("dom0less", opt_dom0less);
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);
size_param("domU_mem", opt_domU_mem);
integer_param("domU_max_vcpus", opt_domU_max_vcpus);

/* Per-domain overrides: dom_mem=1:64M,2:256M and dom_vcpus=1:2. */
struct dom_option {
	domid_t id;
	uint64_t value;
};
static struct dom_option dom_mem[MAX_DOM_OPTIONS], dom_vcpus[MAX_DOM_OPTIONS];
static unsigned int nr_dom_mem, nr_dom_vcpus;

static int parse_dom_list(const char *s, struct dom_option *opt, unsigned int *nr, bool is_size)
{
	while (s && *s) {
		const char *colon = strchr(s, ':'), *comma, *end;
		uint64_t id = parse_ulong(s, &end), v;
		size_t vlen;

		if (!colon || end != colon || id >= DOMID_FIRST_RESERVED || *nr == MAX_DOM_OPTIONS)
			return -EINVAL;
		comma = strchr(colon + 1, ',');
		vlen = comma ? (size_t)(comma - colon - 1) : strlen(colon + 1);
		if (is_size) {
			if (parse_size(colon + 1, vlen, &v))
				return -EINVAL;
		} else {
			v = parse_ulong(colon + 1, &end);
			if (end != colon + 1 + vlen)
				return -EINVAL;
		}
		opt[(*nr)++] = (struct dom_option){ (domid_t)id, v };
		s = comma ? comma + 1 : NULL;
	}
	return 0;
}

static int parse_dom0_mem_param(const char *s) { return parse_dom0_mem(s, &opt_dom0_mem); }
static const struct kernel_param __param_dom0_mem
	__attribute__((used, section(".param"), aligned(8))) =
	{ "dom0_mem", PARAM_CUSTOM, NULL, 0, parse_dom0_mem_param };

static int parse_dom_mem(const char *s) { return parse_dom_list(s, dom_mem, &nr_dom_mem, true); }
static int parse_dom_vcpus(const char *s) { return parse_dom_list(s, dom_vcpus, &nr_dom_vcpus, false); }

static const struct kernel_param __param_dom_mem
	__attribute__((used, section(".param"), aligned(8))) =
	{ "dom_mem", PARAM_CUSTOM, NULL, 0, parse_dom_mem };
static const struct kernel_param __param_dom_vcpus
	__attribute__((used, section(".param"), aligned(8))) =
	{ "dom_vcpus", PARAM_CUSTOM, NULL, 0, parse_dom_vcpus };

static uint64_t lookup(const struct dom_option *o, unsigned int n, domid_t id, uint64_t dflt)
{
	for (unsigned int i = 0; i < n; i++)
		if (o[i].id == id)
			return o[i].value;
	return dflt;
}

static bool looks_like_kernel(const void *p, size_t len)
{
	const uint8_t *b = p;

	if (len >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F')
		return true;
	/* A bzImage: boot sector signature and "HdrS" at 0x202. */
	return len > 0x206 && b[510] == 0x55 && b[511] == 0xaa &&
	       memcmp(b + 0x202, "HdrS", 4) == 0;
}

static void start_one(domid_t id, bool privileged, const struct mb2_module *k,
		      const struct mb2_module *initrd, unsigned int *started)
{
	uint64_t mem = opt_domU_mem ? opt_domU_mem : DEFAULT_DOM_MEM, max_mem = 0;
	uint64_t vcpus = privileged ? opt_dom0_max_vcpus : opt_domU_max_vcpus;
	struct domain_build_args a = {
		.kernel = __va(k->start), .kernel_len = k->end - k->start,
		.initrd = initrd ? __va(initrd->start) : NULL,
		.initrd_len = initrd ? initrd->end - initrd->start : 0,
		.cmdline = k->string,
	};
	struct domain *d;

	if (privileged)
		dom0_mem_size(&opt_dom0_mem, xen_frames.nr_free << PAGE_SHIFT, DEFAULT_DOM_MEM,
			      &mem, &max_mem);
	mem = lookup(dom_mem, nr_dom_mem, id, mem);
	a.max_pages = MAX(max_mem, mem) >> PAGE_SHIFT;
	vcpus = lookup(dom_vcpus, nr_dom_vcpus, id, vcpus);
	if (vcpus == 0 || vcpus > MAX_VCPUS_PER_DOM) {
		printk(XENLOG_ERR "domain %u: %lu vCPUs is not 1-%u; not started\n",
		       id, vcpus, MAX_VCPUS_PER_DOM);
		return;
	}
	a.nr_pages = mem >> PAGE_SHIFT;
	d = domain_create(id, privileged, (unsigned int)vcpus);
	if (!d) {
		printk(XENLOG_ERR "domain %u: cannot create; not started\n", id);
		return;
	}
	if (arch_build_domain(d, &a)) {
		domain_destroy_unstarted(d);
		return;
	}
	vcpu_wake(d->vcpu[0]);
	(*started)++;
}

/* Multiboot modules in order: each kernel (recognised by its ELF or
 * bzImage header) becomes a domain, and a non-kernel module right after
 * it is its initrd. Domain ids count from 0 (the privileged domain), or
 * from 1 with dom0less. A kernel that cannot be started is reported and
 * skipped; none at all ends the machine, as nothing could ever run. */
void boot_domains_start(void)
{
	unsigned int started = 0, kernels = 0;
	domid_t next_id = opt_dom0less ? 1 : 0;

	if (boot_info.nr_mods)
		printk("frames: %lu free before boot domains\n", xen_frames.nr_free);

	for (size_t i = 0; i < boot_info.nr_mods; i++) {
		const struct mb2_module *m = &boot_info.mods[i], *initrd = NULL;

		if (!looks_like_kernel(__va(m->start), m->end - m->start)) {
			printk(XENLOG_WARNING "module %zu is not a kernel and follows none: ignored\n", i);
			continue;
		}
		if (i + 1 < boot_info.nr_mods &&
		    !looks_like_kernel(__va(boot_info.mods[i + 1].start),
				       boot_info.mods[i + 1].end - boot_info.mods[i + 1].start))
			initrd = &boot_info.mods[++i];
		kernels++;
		start_one(next_id, next_id == 0, m, initrd, &started);
		next_id++;
	}
	if (kernels && !started) {
		printk(XENLOG_ERR "no boot domain could be started: exiting\n");
		machine_exit(2);
	}
	if (started)
		printk("%u boot domain(s) started\n", started);
}
