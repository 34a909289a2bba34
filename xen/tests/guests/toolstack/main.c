/* SPDX-License-Identifier: MIT */
/*
 * toolstack: a domain's life as Xen 4.17's domctls drive it, from the
 * privileged domain, with the hostile inputs a toolstack could send.
 *
 * role=dom0: createdomain refuses every configuration Xen refuses here
 * (HVM, unknown flags, IOMMU, vmtrace, vPMU, grant versions 0 and 3,
 * grant/maptrack limits, emulation and misc flags, vCPU counts, another
 * cpupool) with Xen's code; a good one gives a paused domain without
 * memory whose info echoes the handle; max_vcpus must repeat the count;
 * setvcpucontext refuses a bad vCPU, a bad pointer, unknown vm_assist
 * bits and a page table the new domain does not own; pause/unpause
 * count like Xen's (unpause at 0 is -EINVAL, pausing past 255 is
 * -EOVERFLOW, a domain cannot pause or destroy itself); destroy ends the
 * domain (then -ESRCH); ids come from a rover (a fresh one each time)
 * unless one is asked for (-EEXIST when taken); twenty create/destroy
 * cycles leave the hypervisor's free frames where they were.
 *
 * role=domU: each of these domctls is -EPERM.
 */
#include <public/domctl.h>
#include <public/grant_table.h>
#include <public/sysctl.h>
#include "guest.h"

static struct xen_domctl op;
static struct xen_sysctl sop;
static struct vcpu_guest_context ctx;

static long domctl(uint32_t cmd, domid_t dom)
{
	op.cmd = cmd;
	op.domain = dom;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	return hypercall1(__HYPERVISOR_domctl, gva(&op));
}

/* One call, as Xen 4.17's libxc makes it (no retry on -EAGAIN): the
 * hypervisor restarts the call itself until the domain is released. */
static long destroy(domid_t id)
{
	return domctl(XEN_DOMCTL_destroydomain, id);
}

static uint64_t free_pages(void)
{
	memset(&sop, 0, sizeof(sop));
	sop.cmd = XEN_SYSCTL_physinfo;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	if (hypercall1(__HYPERVISOR_sysctl, gva(&sop)))
		return 0;
	return sop.u.physinfo.free_pages;
}

static void good_config(struct xen_domctl_createdomain *c)
{
	memset(c, 0, sizeof(*c));
	c->max_vcpus = 2;
	c->max_evtchn_port = 1023;
	c->max_grant_frames = -1;
	c->max_maptrack_frames = -1;
	c->grant_opts = XEN_DOMCTL_GRANT_version(2);
	for (unsigned int i = 0; i < 16; i++)
		c->handle[i] = (uint8_t)(0xa0 + i);
}

/* createdomain with the good configuration changed by 'edit'. */
static long create(domid_t want, void (*edit)(struct xen_domctl_createdomain *c), domid_t *got)
{
	long rc;

	memset(&op, 0, sizeof(op));
	good_config(&op.u.createdomain);
	if (edit)
		edit(&op.u.createdomain);
	rc = domctl(XEN_DOMCTL_createdomain, want);
	if (rc == 0 && got)
		*got = op.domain;
	return rc;
}

static void e_hvm(struct xen_domctl_createdomain *c) { c->flags |= XEN_DOMCTL_CDF_hvm; }
static void e_hap(struct xen_domctl_createdomain *c) { c->flags |= XEN_DOMCTL_CDF_hap; }
static void e_unknown_flag(struct xen_domctl_createdomain *c) { c->flags |= 1U << 20; }
static void e_iommu(struct xen_domctl_createdomain *c) { c->flags |= XEN_DOMCTL_CDF_iommu; }
static void e_iommu_opts(struct xen_domctl_createdomain *c) { c->iommu_opts = 1; }
static void e_vmtrace(struct xen_domctl_createdomain *c) { c->vmtrace_size = 4096; }
static void e_vpmu(struct xen_domctl_createdomain *c) { c->flags |= XEN_DOMCTL_CDF_vpmu; }
static void e_gnt_v0(struct xen_domctl_createdomain *c) { c->grant_opts = 0; }
static void e_gnt_v3(struct xen_domctl_createdomain *c) { c->grant_opts = 3; }
static void e_gnt_opts(struct xen_domctl_createdomain *c) { c->grant_opts |= 0x10; }
static void e_gnt_frames0(struct xen_domctl_createdomain *c) { c->max_grant_frames = 0; }
static void e_gnt_frames_big(struct xen_domctl_createdomain *c) { c->max_grant_frames = 65; }
static void e_maptrack_big(struct xen_domctl_createdomain *c) { c->max_maptrack_frames = 1025; }
static void e_vcpus0(struct xen_domctl_createdomain *c) { c->max_vcpus = 0; }
static void e_vcpus_big(struct xen_domctl_createdomain *c) { c->max_vcpus = 100000; }
static void e_emul(struct xen_domctl_createdomain *c) { c->arch.emulation_flags = XEN_X86_EMU_LAPIC; }
static void e_misc(struct xen_domctl_createdomain *c) { c->arch.misc_flags = 2; }
static void e_pool(struct xen_domctl_createdomain *c) { c->cpupool_id = 3; }
static void e_pit(struct xen_domctl_createdomain *c) { c->arch.emulation_flags = XEN_X86_EMU_PIT; }

static void create_refusals(void)
{
	static const struct { const char *name; void (*edit)(struct xen_domctl_createdomain *); long rc; } bad[] = {
		{ "create-hvm", e_hvm, -XEN_EINVAL },
		{ "create-hap-without-hvm", e_hap, -XEN_EINVAL },
		{ "create-unknown-flag", e_unknown_flag, -XEN_EINVAL },
		{ "create-iommu", e_iommu, -XEN_EINVAL },
		{ "create-iommu-opts", e_iommu_opts, -XEN_EINVAL },
		{ "create-vmtrace", e_vmtrace, -XEN_EINVAL },
		{ "create-vpmu", e_vpmu, -XEN_EINVAL },
		{ "create-grant-v0", e_gnt_v0, -XEN_EINVAL },
		{ "create-grant-v3", e_gnt_v3, -XEN_EINVAL },
		{ "create-grant-opts", e_gnt_opts, -XEN_EINVAL },
		{ "create-grant-frames-0", e_gnt_frames0, -XEN_EINVAL },
		{ "create-grant-frames-65", e_gnt_frames_big, -XEN_EINVAL },
		{ "create-maptrack-1025", e_maptrack_big, -XEN_EINVAL },
		{ "create-vcpus-0", e_vcpus0, -XEN_EINVAL },
		{ "create-vcpus-100000", e_vcpus_big, -XEN_EINVAL },
		{ "create-emulation-lapic", e_emul, -XEN_EOPNOTSUPP },
		{ "create-misc-flags", e_misc, -XEN_EINVAL },
		{ "create-cpupool-3", e_pool, -XEN_ENOENT },
	};
	uint64_t before = free_pages();
	char name[64];
	domid_t id = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(name, sizeof(name), "dom0/%s", bad[i].name);
		expect_rc(name, create(0, bad[i].edit, NULL), bad[i].rc);
	}
	expect_eq("dom0/refusals-leave-no-frames", free_pages(), before);
	/* The PIT alone is what a PV domain may ask for. */
	if (expect_ok("dom0/create-with-pit", create(0, e_pit, &id)))
		expect_ok("dom0/destroy-with-pit", destroy(id));
}

static void info_cases(domid_t id)
{
	struct xen_domctl_getdomaininfo *i = &op.u.getdomaininfo;
	bool handle_ok = true;

	if (!expect_ok("dom0/info", domctl(XEN_DOMCTL_getdomaininfo, id)))
		return;
	expect_eq("dom0/info-id", op.domain, id);
	expect_eq("dom0/info-paused", i->flags & XEN_DOMINF_paused, XEN_DOMINF_paused);
	expect_eq("dom0/info-not-dying", i->flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown), 0);
	expect_eq("dom0/info-no-memory", i->tot_pages, 0);
	expect_eq("dom0/info-max-vcpu-id", i->max_vcpu_id, 1);
	expect_eq("dom0/info-no-vcpu-online", i->nr_online_vcpus, 0);
	for (unsigned int k = 0; k < 16; k++)
		handle_ok &= i->handle[k] == 0xa0 + k;
	expect_true("dom0/info-handle", handle_ok, "handle not echoed");
	expect_true("dom0/info-shared-info-frame", i->shared_info_frame != 0, "none");
}

static long setvcpucontext(domid_t id, uint32_t vcpu, void *c)
{
	memset(&op, 0, sizeof(op));
	op.u.vcpucontext.vcpu = vcpu;
	op.u.vcpucontext.ctxt.p = c;
	return domctl(XEN_DOMCTL_setvcpucontext, id);
}

static void vcpu_cases(domid_t id)
{
	memset(&op, 0, sizeof(op));
	op.u.max_vcpus.max = 1;
	expect_rc("dom0/max-vcpus-differs", domctl(XEN_DOMCTL_max_vcpus, id), -XEN_EINVAL);
	op.u.max_vcpus.max = 2;
	expect_ok("dom0/max-vcpus-repeats", domctl(XEN_DOMCTL_max_vcpus, id));
	op.u.max_vcpus.max = 1;
	expect_rc("dom0/max-vcpus-self", domctl(XEN_DOMCTL_max_vcpus, 0), -XEN_EINVAL);

	memset(&ctx, 0, sizeof(ctx));
	ctx.flags = VGCF_in_kernel | VGCF_online;
	ctx.user_regs.rip = 0xffffffff80000000UL;
	expect_rc("dom0/setvcpucontext-vcpu-2", setvcpucontext(id, 2, &ctx), -XEN_EINVAL);
	expect_rc("dom0/setvcpucontext-bad-pointer",
		  setvcpucontext(id, 0, (void *)0xffff800000000000UL), -XEN_EFAULT);
	ctx.vm_assist = 1UL << 40;
	expect_rc("dom0/setvcpucontext-bad-vm-assist", setvcpucontext(id, 0, &ctx), -XEN_EINVAL);
	ctx.vm_assist = 0;
	/* Our own top-level table is not the new domain's. */
	ctx.ctrlreg[3] = start_info->pt_base ? (uint64_t)virt_to_mfn((void *)start_info->pt_base) << 12 : 0;
	expect_rc("dom0/setvcpucontext-foreign-l4", setvcpucontext(id, 0, &ctx), -XEN_EINVAL);
	ctx.ctrlreg[3] = 0;
	expect_rc("dom0/setvcpucontext-no-l4", setvcpucontext(id, 0, &ctx), -XEN_EINVAL);
	expect_rc("dom0/setvcpucontext-self", setvcpucontext(0, 0, &ctx), -XEN_EINVAL);
	memset(&op, 0, sizeof(op));
	op.u.hypercall_init.gmfn = virt_to_mfn(&ctx);
	expect_rc("dom0/hypercall-init-foreign-frame", domctl(XEN_DOMCTL_hypercall_init, id),
		  -XEN_EINVAL);
	/* A refused context leaves the vCPU down. */
	domctl(XEN_DOMCTL_getdomaininfo, id);
	expect_eq("dom0/refused-context-vcpus-down", op.u.getdomaininfo.nr_online_vcpus, 0);
}

static void pause_cases(domid_t id)
{
	unsigned int n = 0;
	long rc = 0;

	expect_rc("dom0/pause-self", domctl(XEN_DOMCTL_pausedomain, 0), -XEN_EINVAL);
	expect_rc("dom0/destroy-self", domctl(XEN_DOMCTL_destroydomain, 0), -XEN_EINVAL);
	expect_ok("dom0/unpause-created", domctl(XEN_DOMCTL_unpausedomain, id));
	domctl(XEN_DOMCTL_getdomaininfo, id);
	expect_eq("dom0/info-unpaused", op.u.getdomaininfo.flags & XEN_DOMINF_paused, 0);
	expect_rc("dom0/unpause-at-zero", domctl(XEN_DOMCTL_unpausedomain, id), -XEN_EINVAL);
	expect_ok("dom0/pause", domctl(XEN_DOMCTL_pausedomain, id));
	domctl(XEN_DOMCTL_getdomaininfo, id);
	expect_eq("dom0/info-paused-again", op.u.getdomaininfo.flags & XEN_DOMINF_paused,
		  XEN_DOMINF_paused);
	while (n < 300 && (rc = domctl(XEN_DOMCTL_pausedomain, id)) == 0)
		n++;
	expect_rc("dom0/pause-overflow", rc, -XEN_EOVERFLOW);
	expect_eq("dom0/pause-count-limit", n + 1, 255);
	while (n--)
		domctl(XEN_DOMCTL_unpausedomain, id);
	expect_ok("dom0/unpause-last", domctl(XEN_DOMCTL_unpausedomain, id));
	expect_rc("dom0/unpause-past-zero", domctl(XEN_DOMCTL_unpausedomain, id), -XEN_EINVAL);
}

static void destroy_cases(domid_t id)
{
	domid_t a = 0, b = 0, c = 0;
	uint64_t before;
	bool same_id = false;

	expect_ok("dom0/destroy", destroy(id));
	expect_rc("dom0/destroy-again", destroy(id), -XEN_ESRCH);
	expect_rc("dom0/pause-destroyed", domctl(XEN_DOMCTL_pausedomain, id), -XEN_ESRCH);
	if (domctl(XEN_DOMCTL_getdomaininfo, id) == 0)
		expect_true("dom0/info-destroyed-skipped", op.domain > id, "got d%u", op.domain);
	else
		expect_rc("dom0/info-destroyed-skipped", domctl(XEN_DOMCTL_getdomaininfo, id),
			  -XEN_ESRCH);

	/* The rover moves on; an id asked for is given or is -EEXIST. */
	if (expect_ok("dom0/create-next", create(0, NULL, &a)))
		expect_true("dom0/rover-moves-on", a > id, "d%u after d%u", a, id);
	if (expect_ok("dom0/create-id-40", create(40, NULL, &b)))
		expect_eq("dom0/create-id-40-given", b, 40);
	expect_rc("dom0/create-id-40-taken", create(40, NULL, &c), -XEN_EEXIST);
	destroy(a);
	destroy(b);
	if (c)
		destroy(c);

	/* Twenty lives: every frame comes back each time. */
	before = free_pages();
	for (unsigned int i = 0; i < 20; i++) {
		domid_t d;

		if (create(0, NULL, &d) || domctl(XEN_DOMCTL_unpausedomain, d) ||
		    destroy(d)) {
			fail("dom0/twenty-lives", "cycle %u failed", i);
			return;
		}
		same_id |= d == a;
	}
	expect_eq("dom0/twenty-lives-frames-back", free_pages(), before);
	expect_true("dom0/twenty-lives-fresh-ids", !same_id, "an id was reused at once");
}

static void e_gnt_frames4(struct xen_domctl_createdomain *c) { c->max_grant_frames = 4; }

static struct gnttab_query_size gq;
static struct gnttab_setup_table gs;
static uint64_t gframes[8];

static int16_t gnt_query(domid_t id)
{
	memset(&gq, 0, sizeof(gq));
	gq.dom = id;
	if (hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, gva(&gq), 1))
		return GNTST_general_error;
	return gq.status;
}

static int16_t gnt_setup(domid_t id, uint32_t n)
{
	memset(&gs, 0, sizeof(gs));
	gs.dom = id;
	gs.nr_frames = n;
	set_xen_guest_handle(gs.frame_list, gframes);
	if (hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, gva(&gs), 1))
		return GNTST_general_error;
	return gs.status;
}

/* The table's size limit a toolstack sets at creation holds for it. */
static void grant_limit_cases(void)
{
	domid_t id = 0;

	if (!expect_ok("dom0/create-grant-frames-4", create(0, e_gnt_frames4, &id)))
		return;
	expect_eq("dom0/grant-query-other", (unsigned long)gnt_query(id), GNTST_okay);
	expect_eq("dom0/grant-max-frames-4", gq.max_nr_frames, 4);
	expect_eq("dom0/grant-setup-5-of-4", (unsigned long)(long)gnt_setup(id, 5),
		  (unsigned long)(long)GNTST_general_error);
	expect_eq("dom0/grant-setup-4-of-4", (unsigned long)gnt_setup(id, 4), GNTST_okay);
	expect_true("dom0/grant-setup-frames", gframes[0] != 0 && gframes[3] != 0, "no frames");
	expect_ok("dom0/destroy-grant-frames-4", destroy(id));
	if (!expect_ok("dom0/create-grant-default", create(0, NULL, &id)))
		return;
	gnt_query(id);
	expect_eq("dom0/grant-max-frames-default", gq.max_nr_frames, 64);
	expect_ok("dom0/destroy-grant-default", destroy(id));
}

static void domu_cases(void)
{
	memset(&op, 0, sizeof(op));
	good_config(&op.u.createdomain);
	expect_rc("domU/createdomain", domctl(XEN_DOMCTL_createdomain, 0), -XEN_EPERM);
	expect_rc("domU/pausedomain", domctl(XEN_DOMCTL_pausedomain, 0), -XEN_EPERM);
	expect_rc("domU/unpausedomain", domctl(XEN_DOMCTL_unpausedomain, 0), -XEN_EPERM);
	expect_rc("domU/destroydomain", domctl(XEN_DOMCTL_destroydomain, 0), -XEN_EPERM);
	expect_rc("domU/max-vcpus", domctl(XEN_DOMCTL_max_vcpus, 0), -XEN_EPERM);
	expect_rc("domU/setvcpucontext", setvcpucontext(0, 0, &ctx), -XEN_EPERM);
	expect_rc("domU/hypercall-init", domctl(XEN_DOMCTL_hypercall_init, 0), -XEN_EPERM);
	/* No dom0 here: the id is checked before the privilege, as Xen
	 * (mm-grant's mapper is refused a live peer's table). */
	expect_eq("domU/grant-setup-absent", (unsigned long)(long)gnt_setup(0, 1),
		  (unsigned long)(long)GNTST_bad_domain);
	expect_eq("domU/grant-query-absent", (unsigned long)(long)gnt_query(0),
		  (unsigned long)(long)GNTST_bad_domain);
}

void test_main(void)
{
	domid_t id = 0;

	if (!has_word(guest_cmdline(), "role=dom0")) {
		domu_cases();
		return;
	}
	create_refusals();
	grant_limit_cases();
	if (!expect_ok("dom0/create", create(0, NULL, &id)))
		return;
	expect_true("dom0/create-id", id > 0 && id < DOMID_FIRST_RESERVED, "d%u", id);
	info_cases(id);
	vcpu_cases(id);
	pause_cases(id);
	destroy_cases(id);
}
