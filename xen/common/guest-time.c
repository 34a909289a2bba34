/* SPDX-License-Identifier: GPL-2.0 */
/* Guest time: each vCPU's pvclock parameters (system time = ns since
 * boot, derived from the TSC the hypervisor calibrated), the wallclock at
 * system time 0 from the RTC, and runstate accounting. Guest-visible
 * copies are written with the odd/even version protocol. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <public/vcpu.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/guest-time.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/timer.h>

#define TSC_STABLE 1   /* XEN_PVCLOCK_TSC_STABLE_BIT: one TSC for all CPUs */

static uint64_t wallclock_at_boot_ns;   /* UTC ns at system time 0 */

/* The pvclock's fixed-point scale for a TSC of hz: the guest computes
 * ns = ((tsc_delta << shift) * mul) >> 32 (a right shift when shift is
 * negative), so mul is normalised into [2^31, 2^32) for precision and
 * shift absorbs the rest. */
void pvclock_scale(uint64_t hz, uint32_t *mul, int8_t *shift)
{
	uint64_t m = (1000000000ULL << 32) / hz;
	int s = 0;

	while (m >= (1ULL << 32)) {
		m >>= 1;
		s++;
	}
	while (m < (1ULL << 31)) {
		m <<= 1;
		s--;
	}
	*mul = (uint32_t)m;
	*shift = (int8_t)s;
}

void guest_time_init(void)
{
	uint64_t secs = rtc_read_seconds();

	wallclock_at_boot_ns = secs * 1000000000ULL - system_time_ns();
	printk("time: wallclock %lu s since the epoch (RTC)\n", secs);
}

/* The wallclock at system time 0, in shared_info. wc_version is odd
 * while the fields change (the guest retries a read that saw an odd or a
 * changed version); the seq-cst increments order the field stores
 * between them, as the guest's reads are ordered by its own barriers. */
void guest_time_init_domain(struct domain *d)
{
	struct shared_info *s = d->shared_info;

	__atomic_fetch_add(&s->wc_version, 1, __ATOMIC_SEQ_CST);
	s->wc_sec = (uint32_t)(wallclock_at_boot_ns / 1000000000ULL);
	s->wc_sec_hi = (uint32_t)((wallclock_at_boot_ns / 1000000000ULL) >> 32);
	s->wc_nsec = (uint32_t)(wallclock_at_boot_ns % 1000000000ULL);
	__atomic_fetch_add(&s->wc_version, 1, __ATOMIC_SEQ_CST);
}

static void fill_time(struct vcpu_time_info *t)
{
	uint32_t mul;
	int8_t shift;

	pvclock_scale(tsc_hz, &mul, &shift);
	t->tsc_timestamp = rdtsc();
	t->system_time = system_time_ns_at(t->tsc_timestamp);
	t->tsc_to_system_mul = mul;
	t->tsc_shift = shift;
	t->flags = TSC_STABLE;
}

/* Refresh v's vcpu_time_info (same odd/even version protocol as the
 * wallclock) and, when v runs here, the copies it registered at
 * time_gva/runstate_gva: those are guest-virtual, reachable only through
 * v's own page tables. Called on every switch to v and when v
 * (re)registers an area. */
void guest_time_update(struct vcpu *v)
{
	struct vcpu_time_info *t = &v->vcpu_info->time, copy;
	struct vcpu_runstate_info ri;

	__atomic_fetch_add(&t->version, 1, __ATOMIC_SEQ_CST);   /* odd: updating */
	fill_time(t);
	__atomic_fetch_add(&t->version, 1, __ATOMIC_SEQ_CST);
	if (v != current_vcpu())
		return;   /* its own page tables are not loaded */
	if (v->time_gva) {
		copy = *t;
		/* A bad address only loses the secondary copy, as in Xen. */
		copy_to_guest(v->time_gva, &copy, sizeof(copy));
	}
	if (v->runstate_gva) {
		guest_runstate_get(v, &ri);
		copy_to_guest(v->runstate_gva, &ri, sizeof(ri));
	}
}

/* Charge the time since the last change to the state v leaves. Called by
 * the context switch of v's CPU only, so no lock is needed. */
void guest_runstate_change(struct vcpu *v, int new_state)
{
	uint64_t now = system_time_ns();

	if (v->runstate >= 0 && v->runstate < 4)
		v->runstate_time[v->runstate] += now - v->runstate_entry_ns;
	v->runstate = new_state;
	v->runstate_entry_ns = now;
}

void guest_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *ri)
{
	memset(ri, 0, sizeof(*ri));
	ri->state = v->runstate;
	ri->state_entry_time = v->runstate_entry_ns;
	for (int i = 0; i < 4; i++)
		ri->time[i] = v->runstate_time[i];
	if (v->runstate >= 0 && v->runstate < 4)
		ri->time[v->runstate] += system_time_ns() - v->runstate_entry_ns;
}
