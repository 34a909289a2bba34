/* SPDX-License-Identifier: GPL-2.0 */
/* xen_version: who we are, as Xen 4.17 reports it, and the feature bits a
 * PV guest needs (Linux panics without mmu_pt_update_preserve_ad and
 * gnttab_map_avail_bits). */
#include <asm/config.h>
#include <asm/current.h>
#include <asm/guest-access.h>
#include <generated/version.h>
#include <public/version.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/setup.h>

#define XEN_VERSION_MAJOR 4
#define XEN_VERSION_MINOR 17

static uint32_t xen_features_of(const struct domain *d)
{
	uint32_t f = (1u << XENFEAT_mmu_pt_update_preserve_ad) |
		     (1u << XENFEAT_highmem_assist) |
		     (1u << XENFEAT_gnttab_map_avail_bits) |
		     (1u << XENFEAT_memory_op_vnode_supported) |
		     (1u << XENFEAT_direct_mapped);

	if (d->is_privileged)
		f |= 1u << XENFEAT_dom0;
	return f;
}

static long copy_string_out(uint64_t arg, const char *s, size_t size)
{
	char buf[1024];

	memset(buf, 0, size);
	strlcpy(buf, s, size);
	return copy_to_guest(arg, buf, size) ? -EFAULT : 0;
}

/* XENVER_*: plain numbers are returned, everything else is copied out in
 * the ABI's fixed-size buffers (zero-padded, as the guest may print them
 * whole). The command line and build id are the privileged domain's. */
long do_xen_version(uint64_t cmd, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;

	switch (cmd) {
	case XENVER_version:
		return (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
	case XENVER_extraversion:
		return copy_string_out(arg, ".0-xeno", sizeof(xen_extraversion_t));
	case XENVER_capabilities:
		return copy_string_out(arg, "xen-3.0-x86_64", sizeof(xen_capabilities_info_t));
	case XENVER_changeset:
		return copy_string_out(arg, "xeno " XENO_CHANGESET, sizeof(xen_changeset_info_t));
	case XENVER_compile_info: {
		struct xen_compile_info ci;

		memset(&ci, 0, sizeof(ci));
		strlcpy(ci.compiler, "gcc", sizeof(ci.compiler));
		strlcpy(ci.compile_by, "xeno", sizeof(ci.compile_by));
		strlcpy(ci.compile_domain, "xeno", sizeof(ci.compile_domain));
		strlcpy(ci.compile_date, "reproducible", sizeof(ci.compile_date));
		return copy_to_guest(arg, &ci, sizeof(ci)) ? -EFAULT : 0;
	}
	case XENVER_platform_parameters: {
		struct xen_platform_parameters p = { .virt_start = HYPERVISOR_VIRT_START_ADDR };

		return copy_to_guest(arg, &p, sizeof(p)) ? -EFAULT : 0;
	}
	case XENVER_get_features: {
		struct xen_feature_info fi;

		if (copy_from_guest(&fi, arg, sizeof(fi)))
			return -EFAULT;
		if (fi.submap_idx >= XENFEAT_NR_SUBMAPS)
			return -EINVAL;
		fi.submap = xen_features_of(d);
		return copy_to_guest(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
	}
	case XENVER_pagesize:
		return PAGE_SIZE;
	case XENVER_guest_handle: {
		xen_domain_handle_t h;

		memset(h, 0, sizeof(h));
		return copy_to_guest(arg, h, sizeof(h)) ? -EFAULT : 0;
	}
	case XENVER_commandline:
		if (!d->is_privileged)
			return -EPERM;
		return copy_string_out(arg, boot_info.cmdline, sizeof(xen_commandline_t));
	case XENVER_build_id:
		if (!d->is_privileged)
			return -EPERM;
		return -ENODATA;
	default:
		return -ENOSYS;
	}
}
