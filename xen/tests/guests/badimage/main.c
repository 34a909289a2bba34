/* SPDX-License-Identifier: MIT */
/*
 * badimage: kernels the domain builder must refuse, each with one defect
 * (badimage/Makefile): XEN_VERSION "xen-2.0"; LOADER "custom" with
 * GUEST_OS "xeno-test"; an ENTRY outside the image; a FEATURES string
 * requiring supervisor_mode_kernel; a HYPERCALL_PAGE note that is not
 * page aligned; 64 MiB of .bss in a 32 MiB domain. run.sh adds a file that
 * is not an ELF image and a truncated ELF image.
 *
 * The hypervisor must say why on the console ("not started") and start
 * the other domains. If this code runs at all, the builder accepted a bad
 * image: the guest says so and the runner also finds its start line.
 */
#include "guest.h"

#ifdef HUGE_BSS
static volatile char huge[64 << 20];
#endif

void test_main(void)
{
#ifdef HUGE_BSS
	huge[sizeof(huge) - 1] = 1;
#endif
	fail("badimage/started", "the builder accepted an image it must refuse");
}
