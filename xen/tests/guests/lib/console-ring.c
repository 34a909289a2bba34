/* SPDX-License-Identifier: MIT */
/*
 * A domU's console ring (start_info.console.domU), written the way a PV
 * console front end does: bytes into 'out' at out_prod, then out_prod,
 * then a notification on the console event channel. Used to check that
 * the hypervisor drains rings, including a dying domain's.
 */
#include <public/io/console.h>
#include "guest.h"

#define RING_PTE_FLAGS 0x67UL   /* present, writable, user, accessed, dirty */

volatile struct xencons_interface *console_ring;
static char ring_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static char map_reason[96];

const char *console_ring_map(void)
{
	long rc;

	if (console_ring)
		return NULL;
	if (!start_info->console.domU.mfn)
		return "start_info has no console ring";
	rc = HYPERVISOR_update_va_mapping(gva(ring_page),
					  start_info->console.domU.mfn << 12 | RING_PTE_FLAGS,
					  UVMF_INVLPG);
	if (rc) {
		snprintf(map_reason, sizeof(map_reason),
			 "update_va_mapping of the console ring returned %ld", rc);
		return map_reason;
	}
	console_ring = (volatile struct xencons_interface *)ring_page;
	return NULL;
}

size_t console_ring_write(const char *s, size_t n, bool notify)
{
	volatile struct xencons_interface *r = console_ring;
	XENCONS_RING_IDX cons = r->out_cons, prod = r->out_prod;
	size_t done = 0;

	/* Read the consumer once; never write past what it has freed. */
	while (done < n && prod - cons < sizeof(r->out))
		r->out[MASK_XENCONS_IDX(prod++, r->out)] = s[done++];
	asm volatile("" ::: "memory");   /* the bytes before the index (x86 TSO) */
	r->out_prod = prod;
	if (notify) {
		struct evtchn_send send = { .port = start_info->console.domU.evtchn };

		HYPERVISOR_event_channel_op(EVTCHNOP_send, gva(&send));
	}
	return done;
}

void expect_line(const char *text)
{
	printf("EXPECT-LINE %s\n", text);
}
