/* SPDX-License-Identifier: MIT */
/*
 * lib_start: announce the guest (the runner maps "(dN)" to a guest name
 * through this line), check the start-of-day state the domain builder
 * promised (ABI-NOTES 2.1-2.4), run the guest's tests, close.
 */
#include "guest.h"

extern char _image_start[], _end[];

const struct start_info *start_info;
unsigned long boot_rsp;
static char cmdline[MAX_GUEST_CMDLINE];

void lib_start(const struct start_info *si, unsigned long rsp) __attribute__((noreturn));

const char *guest_cmdline(void)
{
	return cmdline;
}

unsigned long virt_to_mfn(const volatile void *va)
{
	unsigned long pfn = ((unsigned long)va - GUEST_VIRT_BASE) / PAGE_SIZE;

	return ((const unsigned long *)start_info->mfn_list)[pfn];
}

static bool first_word_is(const char *s, const char *word)
{
	size_t n = strlen(word);

	return !strncmp(s, word, n) && (s[n] == ' ' || s[n] == '\0');
}

static void check_role(const struct start_info *si)
{
	const uint32_t dom0_flags = SIF_PRIVILEGED | SIF_INITDOMAIN;

	if (has_word(cmdline, "role=dom0"))
		expect_true("start/role-dom0", (si->flags & dom0_flags) == dom0_flags,
			    "flags 0x%x lack SIF_PRIVILEGED|SIF_INITDOMAIN", si->flags);
	else if (has_word(cmdline, "role=domU"))
		expect_true("start/role-domU", !(si->flags & dom0_flags),
			    "flags 0x%x, want neither SIF_PRIVILEGED nor SIF_INITDOMAIN",
			    si->flags);
	else
		fail("start/role", "setup: no role=dom0 or role=domU on the module's line");
}

static void check_layout(const struct start_info *si)
{
	unsigned long info = (unsigned long)si;
	unsigned long mem_end = GUEST_VIRT_BASE + si->nr_pages * PAGE_SIZE;
	unsigned long image_end = (unsigned long)_end;

	expect_true("start/nr-pages", si->nr_pages > (image_end - GUEST_VIRT_BASE) / PAGE_SIZE,
		    "nr_pages %lu does not cover the image (ends 0x%lx)", si->nr_pages, image_end);
	expect_true("start/info-placed",
		    info % PAGE_SIZE == 0 && info >= image_end && info < mem_end,
		    "start_info at 0x%lx, want a page after the image (0x%lx) below 0x%lx",
		    info, image_end, mem_end);
	expect_true("start/pt-base",
		    si->pt_base % PAGE_SIZE == 0 && si->pt_base > info && si->pt_base < mem_end &&
		    si->nr_pt_frames >= 4,
		    "pt_base 0x%lx (%lu frames), want page-aligned after start_info 0x%lx",
		    si->pt_base, si->nr_pt_frames, info);
	expect_true("start/boot-stack",
		    boot_rsp % PAGE_SIZE == 0 && boot_rsp > si->pt_base && boot_rsp <= mem_end,
		    "rsp 0x%lx at entry, want the top of a page after pt_base 0x%lx",
		    boot_rsp, si->pt_base);
	expect_true("start/shared-info", si->shared_info && si->shared_info % PAGE_SIZE == 0,
		    "shared_info machine address 0x%lx", si->shared_info);
	if (has_word(cmdline, "role=domU"))
		expect_true("start/console-ring",
			    si->console.domU.mfn != 0 && si->console.domU.evtchn != 0,
			    "console mfn 0x%lx evtchn %u", si->console.domU.mfn,
			    si->console.domU.evtchn);
}

static void check_selectors(void)
{
	unsigned short cs, ss;

	asm volatile("mov %%cs, %0; mov %%ss, %1" : "=r"(cs), "=r"(ss));
	expect_true("start/selectors", cs == FLAT_KERNEL_CS && ss == FLAT_KERNEL_SS,
		    "cs 0x%x ss 0x%x, want 0x%x 0x%x", cs, ss, FLAT_KERNEL_CS, FLAT_KERNEL_SS);
}

void lib_start(const struct start_info *si, unsigned long rsp)
{
	start_info = si;
	boot_rsp = rsp;
	/* Copy first: a hypervisor that fails to terminate it cannot run us off. */
	memcpy(cmdline, (const char *)si->cmd_line, sizeof(cmdline) - 1);
	printf("xeno-test %s: start, cmdline '%s'\n", GUEST_NAME, cmdline);

	expect_true("start/magic", !strncmp(si->magic, "xen-3.0-x86_64", 14),
		    "magic '%.32s'", si->magic);
	expect_true("start/cmdline", first_word_is(cmdline, GUEST_NAME),
		    "cmdline '%s' does not start with the module's first word '%s'",
		    cmdline, GUEST_NAME);
	check_role(si);
	check_selectors();
	check_layout(si);

	test_main();
	guest_finish();
}
