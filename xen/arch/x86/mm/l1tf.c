/* SPDX-License-Identifier: GPL-2.0 */
/* L1TF decisions for PV page-table entries (see asm/l1tf.h); no hardware
 * here, so the host unit tests run this very file. */
#include <asm/l1tf.h>
#include <xeno/cmdline.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define PTE_ADDR_MASK 0x000ffffffffff000ULL

bool l1tf_cpu_affected(const struct l1tf_cpu *cpu)
{
	return cpu->intel && !cpu->rdcl_no;
}

struct l1tf_policy l1tf_default_policy(bool affected)
{
	return (struct l1tf_policy){ .dom0 = false, .domu = affected };
}

static bool token_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && strncmp(s, word, len) == 0;
}

/* One token: "dom0", "no-domu", "domu=0", or a bare boolean. */
static int parse_token(const char *s, size_t len, struct l1tf_policy *p)
{
	bool val = true, *target = NULL;
	const char *eq = memchr(s, '=', len);
	size_t name_len = eq ? (size_t)(eq - s) : len;

	if (!eq && parse_bool(s, len, &val) == 0) {
		p->dom0 = p->domu = val;
		return 0;
	}
	if (!eq && name_len > 3 && strncmp(s, "no-", 3) == 0) {
		val = false;
		s += 3;
		name_len -= 3;
	}
	if (token_is(s, name_len, "dom0"))
		target = &p->dom0;
	else if (token_is(s, name_len, "domu"))
		target = &p->domu;
	if (!target)
		return -EINVAL;
	if (eq && parse_bool(eq + 1, len - name_len - 1, &val))
		return -EINVAL;
	*target = val;
	return 0;
}

int l1tf_parse_option(const char *s, struct l1tf_policy *p)
{
	struct l1tf_policy n = *p;

	if (!*s)
		return 0;
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);

		if (len == 0 || parse_token(s, len, &n))
			return -EINVAL;
		if (!comma)
			break;
		s = comma + 1;
	}
	*p = n;   /* all or nothing */
	return 0;
}

uint64_t l1tf_safe_maddr(unsigned int paddr_bits, uint64_t ram_top)
{
	uint64_t safe;

	if (paddr_bits < 32 || paddr_bits > 52)
		paddr_bits = 52;   /* an odd report: the top address bit only */
	safe = 1ULL << (paddr_bits - 1);
	while (safe < ram_top && safe < (1ULL << 51))
		safe <<= 1;
	return safe;
}

bool l1tf_entry_safe(uint64_t entry, uint64_t safe_maddr)
{
	uint64_t maddr = entry & PTE_ADDR_MASK;

	return maddr == 0 || maddr >= safe_maddr;
}
