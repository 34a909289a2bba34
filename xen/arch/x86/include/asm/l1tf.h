/* SPDX-License-Identifier: GPL-2.0 */
/* L1 Terminal Fault (XSA-273) for PV guests. On an affected CPU, a
 * not-present page-table entry still steers speculative loads at its
 * address through the L1 data cache, so a guest must not be able to
 * write one naming memory it does not own. As Xen 4.17 without shadow
 * paging: on an affected CPU an unsafe entry from a domU crashes it
 * (option pv-l1tf=, Xen's syntax); on others any address is accepted. */
#ifndef ASM_L1TF_H
#define ASM_L1TF_H

#include <stdbool.h>
#include <stdint.h>

struct l1tf_cpu {
	bool intel;
	bool rdcl_no;              /* ARCH_CAPABILITIES bit 0 */
	unsigned int paddr_bits;   /* CPUID 0x80000008 EAX[7:0] */
};

struct l1tf_policy {
	bool dom0, domu;           /* check that kind of domain's entries */
};

/* Is this CPU affected (Intel, without RDCL_NO; conservative: Xen also
 * exempts a list of older Atom models, which we treat as affected)? */
bool l1tf_cpu_affected(const struct l1tf_cpu *cpu);
/* Defaults as Xen: domUs checked on an affected CPU, dom0 never. */
struct l1tf_policy l1tf_default_policy(bool affected);
/* Apply a pv-l1tf= value ("<bool>", "[no-]dom0", "dom0=<bool>", the same
 * for domu, comma-separated); -EINVAL on a token it does not know. */
int l1tf_parse_option(const char *s, struct l1tf_policy *p);
/* Lowest safe address: half the physical address width, raised above
 * the top of RAM (a power of two). */
uint64_t l1tf_safe_maddr(unsigned int paddr_bits, uint64_t ram_top);
/* May a not-present entry hold this value? (0 as address is safe.) */
bool l1tf_entry_safe(uint64_t entry, uint64_t safe_maddr);

/* Set at boot (l1tf-init.c): 0 when that kind of domain is not checked. */
extern uint64_t pv_l1tf_safe_maddr_dom0, pv_l1tf_safe_maddr_domu;
void l1tf_init(void);

#endif
