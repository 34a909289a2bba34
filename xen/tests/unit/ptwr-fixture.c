/* SPDX-License-Identifier: GPL-2.0 */
/* The ptwr test fixture (ptwr-fixture.h): regs0, exact-length decoding
 * under ASan, and the decode-table runner. */
#include "ptwr-fixture.h"

/* Register values chosen so every low and high byte differs. */
const struct ptwr_gprs regs0 = { {
	0x0123456789abcdef, 0xffff888000001c18, 0x0000000000002b29, 0xffff888000003a38,
	0xffffc90000004f48, 0xffffc90000005e58, 0x800000012345a067, 0xffff888000006d78,
	0xffff888000007000, 0x0000000000000003, 0xffffffffffffffff, 0x00000000ffffff80,
	0xffff888000008000, 0xffff888000009000, 0x0000000000000010, 0xfffffffffffffff0,
} };

/* The bytes in a heap block of exactly nr bytes, so ASan catches any read
 * past what the caller said it fetched. */
int decode_exact(const char *bytes, unsigned int nr, struct ptwr_insn *insn)
{
	uint8_t *buf = malloc(nr ? nr : 1);
	int rc;

	assert_non_null(buf);
	memcpy(buf, bytes, nr);
	rc = ptwr_decode(buf, nr, &regs0, TEST_RIP, insn);
	free(buf);
	return rc;
}

void expect_field(const char *name, const char *field, uint64_t got, uint64_t want)
{
	if (got != want)
		fail_msg("%s: %s got %#llx, want %#llx", name, field,
			 (unsigned long long)got, (unsigned long long)want);
}

static void check_decode_one(const struct decode_case *c, const char *bytes,
			     unsigned int nr)
{
	struct ptwr_insn insn;
	int rc;

	memset(&insn, 0xa5, sizeof(insn));
	rc = decode_exact(bytes, nr, &insn);
	if (rc != 0)
		fail_msg("%s: rc %d reject %d", c->name, rc, insn.reject);
	expect_field(c->name, "reject", insn.reject, PTWR_OK);
	expect_field(c->name, "len", insn.len, c->len);
	expect_field(c->name, "op", insn.op, (uint64_t)c->op);
	expect_field(c->name, "width", insn.width, c->width);
	expect_field(c->name, "lock", insn.lock, (uint64_t)c->lock);
	expect_field(c->name, "seg", insn.seg, (uint64_t)c->seg);
	expect_field(c->name, "ea", insn.ea, c->ea);
	expect_field(c->name, "src", insn.src, c->src);
	expect_field(c->name, "dst_reg", (uint64_t)insn.dst_reg,
		     (uint64_t)c->dst_reg);
	expect_field(c->name, "dst_high_byte", insn.dst_high_byte,
		     (uint64_t)c->high_byte);
}

/* Each case decodes from exactly its bytes and from a full 15-byte fetch
 * with junk behind it; every shorter fetch is refused as truncated. */
void run_decode_table(const struct decode_case *t, size_t n)
{
	char padded[X86_MAX_INSN_LEN];
	struct ptwr_insn insn;
	unsigned int k;
	size_t i;

	for (i = 0; i < n; i++) {
		check_decode_one(&t[i], t[i].bytes, t[i].len);
		memset(padded, 0xcc, sizeof(padded));
		memcpy(padded, t[i].bytes, t[i].len);
		check_decode_one(&t[i], padded, sizeof(padded));
		for (k = 0; k < t[i].len; k++) {
			memset(&insn, 0, sizeof(insn));
			if (decode_exact(t[i].bytes, k, &insn) != -EINVAL ||
			    insn.reject != PTWR_REJ_TRUNCATED)
				fail_msg("%s: %u of %u bytes: reject %d",
					 t[i].name, k, t[i].len, insn.reject);
		}
	}
}
