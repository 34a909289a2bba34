/* SPDX-License-Identifier: MIT */
/* Mapping shared_info and reading it (see shared.h). */
#include "guest.h"
#include "shared.h"

/* Present, writable, user (a 64-bit PV kernel runs in ring 3), accessed, dirty. */
#define SHARED_PTE_FLAGS 0x67UL

volatile struct shared_info *shared;
static char shared_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static char map_reason[96];

const char *shared_info_map(void)
{
	long rc;

	if (shared)
		return NULL;
	rc = HYPERVISOR_update_va_mapping(gva(shared_page),
					  start_info->shared_info | SHARED_PTE_FLAGS, UVMF_INVLPG);
	if (rc) {
		snprintf(map_reason, sizeof(map_reason),
			 "update_va_mapping of shared_info returned %ld", rc);
		return map_reason;
	}
	shared = (volatile struct shared_info *)shared_page;
	trap_vcpu_info = &shared->vcpu_info[0];
	return NULL;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

uint64_t system_time_ns(void)
{
	volatile struct vcpu_time_info *t = &shared->vcpu_info[0].time;
	uint32_t version, mul;
	uint64_t base, stamp, delta;
	int8_t shift;

	do {
		version = t->version;
		asm volatile("" ::: "memory");
		base = t->system_time;
		stamp = t->tsc_timestamp;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		asm volatile("" ::: "memory");
	} while ((version & 1) || version != t->version);
	delta = rdtsc() - stamp;
	delta = shift >= 0 ? delta << shift : delta >> -shift;
	return base + (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

void evtchn_clear_pending(unsigned int port)
{
	shared->vcpu_info[0].evtchn_upcall_pending = 0;
	shared->vcpu_info[0].evtchn_pending_sel = 0;
	__atomic_and_fetch(&shared->evtchn_pending[port / 64], ~(1UL << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

bool evtchn_is_pending(unsigned int port)
{
	return shared->evtchn_pending[port / 64] & 1UL << (port % 64);
}
