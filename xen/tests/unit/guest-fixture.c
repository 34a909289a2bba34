/* SPDX-License-Identifier: GPL-2.0 */
/* The calling domain and the fake guest-memory door (guest-fixture.h). */
#include "guest-fixture.h"

struct cpu_info *host_cpu_info;
struct cpu_info cpu0;
struct domain dom;
struct vcpu vcpus[NR_V];
struct shared_info shinfo;

unsigned int nr_copy_in, nr_copy_out, nr_printks;
uint64_t last_copy_out_gva;
size_t last_copy_out_len;
uint8_t read_only_arg[256];
bool fail_alloc;
uint64_t hole_start, hole_end;

void printk(const char *fmt, ...)
{
	nr_printks++;
}

void *xzalloc(size_t size)
{
	return fail_alloc ? NULL : calloc(1, size);
}

void xfree(void *p)
{
	free(p);
}

static bool gva_faults(uint64_t gva, size_t len)
{
	if (gva < hole_end && gva + len > hole_start)
		return true;
	return gva < 4096 || !guest_range_ok(gva, len);
}

int copy_from_guest(void *dst, uint64_t gva, size_t len)
{
	nr_copy_in++;
	if (gva_faults(gva, len))
		return -EFAULT;
	memcpy(dst, (const void *)(uintptr_t)gva, len);
	return 0;
}

int copy_to_guest(uint64_t gva, const void *src, size_t len)
{
	uint64_t ro = GVA(read_only_arg);

	nr_copy_out++;
	last_copy_out_gva = gva;
	last_copy_out_len = len;
	if (gva_faults(gva, len) || (gva < ro + sizeof(read_only_arg) && gva + len > ro))
		return -EFAULT;
	memcpy((void *)(uintptr_t)gva, src, len);
	return 0;
}

void guest_fixture_reset(void)
{
	memset(&dom, 0, sizeof(dom));
	memset(vcpus, 0, sizeof(vcpus));
	memset(&shinfo, 0, sizeof(shinfo));
	dom.domain_id = 1;
	dom.state = DOMAIN_RUNNING;
	dom.max_vcpus = NR_V;
	dom.shared_info = &shinfo;
	for (unsigned int k = 0; k < NR_V; k++) {
		vcpus[k].vcpu_id = k;
		vcpus[k].domain = &dom;
		vcpus[k].state = VCPU_RUNNING;
		vcpus[k].initialised = true;
		vcpus[k].vcpu_info = &shinfo.vcpu_info[k];
		dom.vcpu[k] = &vcpus[k];
	}
	nr_copy_in = nr_copy_out = nr_printks = 0;
	fail_alloc = false;
	hole_start = hole_end = 0;
	host_cpu_info = &cpu0;
	as(&vcpus[0]);
}
