/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz-style robustness: for a few seconds, random and truncated messages
 * from privileged and unprivileged clients, split at random points, some
 * clients vanishing mid-message. Nothing may crash (ASan/UBSan abort the
 * run), the core's invariants must hold throughout, and everything must be
 * freed at the end (LeakSanitizer fails the run otherwise).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "helpers.h"

#define NR_CONNS     6
#define FUZZ_SECONDS 3
#define MSG_MAX      (XS_HEADER_SIZE + XENSTORE_PAYLOAD_MAX + 64)

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng % n) : 0;
}

static const char *const words[] = {
	"/", "/a", "/a/b", "/a/b/c", "/local/domain/3", "/local/domain/4/x",
	"x", "x/y", "@introduceDomain", "@releaseDomain", "@other", "//",
	"/a/", "r3", "b0", "n4", "w4", "b3", "T", "F", "0", "1", "3", "4",
	"12", "99999", "-1", "quota", "nodes", "check", "help", "print", "tok",
	"/a b", "", "0x10",
};

/* A payload of NUL-separated vocabulary, sometimes without its last NUL,
 * or plain noise. Returns its length. */
static uint32_t make_payload(char *p)
{
	uint32_t len = 0, n, i;

	if (rnd(5) == 0) {
		n = rnd(rnd(10) == 0 ? XENSTORE_PAYLOAD_MAX : 300);
		for (i = 0; i < n; i++)
			p[i] = (char)rnd(256);
		return n;
	}
	n = 1 + rnd(5);
	for (i = 0; i < n; i++) {
		const char *w = words[rnd(sizeof(words) / sizeof(words[0]))];
		size_t wl = strlen(w);

		memcpy(p + len, w, wl + 1);
		len += (uint32_t)wl + 1;
	}
	if (rnd(6) == 0)
		len--;                      /* lose the final NUL */
	if (rnd(20) == 0) {                 /* a long value */
		n = rnd(3000);
		memset(p + len, 'v', n);
		len += n;
	}
	return len;
}

static uint32_t make_type(void)
{
	if (rnd(10) < 8)
		return rnd(XS_TYPE_COUNT);
	return rnd(4) ? rnd(64) : (uint32_t)rng;
}

static struct xs_conn *new_client(struct xs_core *core, unsigned int slot)
{
	/* Slots 0-1 are dom0 tools, the rest guests 3 and 4. */
	return t_conn(core, slot < 2 ? 0 : 3 + slot % 2, slot < 2);
}

/* Pushes @len bytes in random chunks; false when the client is dropped. */
static bool deliver(struct xs_conn *c, const char *msg, size_t len)
{
	struct t_fake *f = t_fake_of(c);
	size_t off = 0;

	while (off < len) {
		size_t chunk = 1 + rnd((uint32_t)(len - off));

		f->in = msg + off;
		f->in_len = chunk;
		if (xs_conn_read(c) || xs_conn_process(c) || c->dead)
			return false;
		off += chunk - f->in_len;
		f->in_len = 0;
		if (xs_conn_flush(c))
			return false;
		f->out_len = 0;             /* the client reads everything */
	}
	return true;
}

static void one_message(struct xs_core *core, struct xs_conn **conns)
{
	static char msg[MSG_MAX];
	unsigned int slot = rnd(NR_CONNS);
	struct xsd_sockmsg h;
	uint32_t plen = make_payload(msg + XS_HEADER_SIZE);
	size_t len;

	h.type = make_type();
	h.req_id = (uint32_t)rng;
	h.tx_id = rnd(3) ? 0 : rnd(conns[slot]->next_txid + 3);
	h.len = rnd(50) ? plen : plen + rnd(8192);   /* lies about its size */
	memcpy(msg, &h, sizeof(h));
	len = XS_HEADER_SIZE + plen;
	if (rnd(40) == 0)
		len = rnd((uint32_t)len);        /* truncated, then gone */
	if (!deliver(conns[slot], msg, len) || rnd(40) == 0 ||
	    len < XS_HEADER_SIZE + plen) {
		xs_conn_destroy(conns[slot]);
		conns[slot] = new_client(core, slot);
	}
}

static void test_random_and_truncated_messages(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *conns[NR_CONNS];
	time_t end = time(NULL) + FUZZ_SECONDS;
	unsigned long n;
	unsigned int i;

	/* Small quotas so the refusal paths run too. */
	core->quota.limit[XS_QUOTA_NODES] = 40;
	core->quota.limit[XS_QUOTA_WATCHES] = 8;
	core->quota.limit[XS_QUOTA_TRANSACTIONS] = 3;
	core->quota.limit[XS_QUOTA_MEMORY] = 64 * 1024;
	for (i = 0; i < NR_CONNS; i++)
		conns[i] = new_client(core, i);
	t_write(conns[0], 0, "/local/domain/3", "");
	t_setperms(conns[0], 0, "/local/domain/3", "n3 r4");
	for (n = 0; time(NULL) < end; n++) {
		one_message(core, conns);
		if (n % 2000 == 0)
			assert_int_equal(xs_core_check(core), 0);
	}
	assert_true(n > 10000);
	assert_int_equal(xs_core_check(core), 0);
	t_core_free(core);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_and_truncated_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
