/* SPDX-License-Identifier: GPL-2.0 */
/* SMEP and SMAP, set on every CPU when CPUID leaf 7 offers them, as Xen
 * 4.17 does for 64-bit PV guests. A PV guest's pages are all user pages
 * (its kernel runs in ring 3), so with them on the hypervisor can neither
 * run guest memory nor touch it by accident: the one door to guest
 * virtual memory, __copy_user, opens it with stac/clac, and every entry
 * clears RFLAGS.AC (a guest may set it in ring 3, and an interrupt taken
 * inside a copy must not run with it set). Both are run-time choices: on
 * a CPU without the feature nothing changes and stac/clac never run. */
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/smap.h>
#include <xeno/frame-alloc.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

#define CPUID7_EBX_SMEP (1u << 7)
#define CPUID7_EBX_SMAP (1u << 20)

bool smap_enabled;
static bool smep_enabled;

/* The first CPU (the boot CPU) decides from CPUID; the others follow. */
void cpu_init_smep_smap(void)
{
	static bool decided;
	uint32_t max, b, c, d, ebx7 = 0;

	if (!decided) {
		decided = true;
		cpuid(0, 0, &max, &b, &c, &d);
		if (max >= 7)
			cpuid(7, 0, &max, &ebx7, &c, &d);
		smep_enabled = ebx7 & CPUID7_EBX_SMEP;
		smap_enabled = ebx7 & CPUID7_EBX_SMAP;
		printk("cpu: SMEP %s, SMAP %s\n", smep_enabled ? "on" : "off (not offered)",
		       smap_enabled ? "on" : "off (not offered)");
	}
	if (smep_enabled)
		write_cr4(read_cr4() | X86_CR4_SMEP);
	if (smap_enabled)
		write_cr4(read_cr4() | X86_CR4_SMAP);
}

/* selftest=smap / smep: a page mapped for user mode (user bit at every
 * level, in an L4 slot of the low half nothing else uses at boot), read
 * through copy_from_guest (stac: allowed), then read (smap) or run (smep)
 * directly, which must be a fatal #PF in the hypervisor with the feature
 * on. Says so when it was not stopped. */
#define SELFTEST_USER_VA 0x0000008000000000UL   /* L4 slot 1 */

static uint64_t *user_table(uint64_t *entry)
{
	uint64_t pfn;

	if (frame_alloc(&xen_frames, 0, &pfn))
		panic("selftest: out of memory");
	memset(__va(pfn << PAGE_SHIFT), 0, PAGE_SIZE);
	*entry = (pfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED;
	return __va(pfn << PAGE_SHIFT);
}

void arch_selftest_user_access(bool execute)
{
	uint64_t *l3 = user_table(&idle_pg_table[1]);
	uint64_t *l2 = user_table(&l3[0]);
	uint64_t *l1 = user_table(&l2[0]);
	uint8_t *page = (uint8_t *)user_table(&l1[0]);
	uint8_t byte = 0;

	page[0] = 0xc3;   /* ret */
	write_cr3(read_cr3());
	if (copy_from_guest(&byte, SELFTEST_USER_VA, 1) || byte != 0xc3)
		panic("selftest: copy_from_guest of a user page failed");
	printk("selftest: copy_from_guest read a user page (SMAP %s)\n",
	       smap_enabled ? "on" : "off");
	printk("selftest: %s a user page directly at %#lx\n",
	       execute ? "running" : "reading", SELFTEST_USER_VA);
	if (execute)
		((void (*)(void))SELFTEST_USER_VA)();
	else
		byte = *(volatile uint8_t *)SELFTEST_USER_VA;
	printk("selftest: the hypervisor %s a user page unhindered\n",
	       execute ? "ran" : "read");
}
