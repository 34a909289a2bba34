/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercall continuations: a long hypercall that sees pending work (an
 * interrupt waiting on this CPU: a tick, a TLB-flush request) stops
 * between two steps, records its own call with the arguments that resume
 * it, and returns -ERESTART; the syscall entry then rewinds the guest to
 * its `syscall` with those arguments, so the work is done with interrupts
 * on and the call goes on where it stopped (Xen's hypercall_create_-
 * continuation). Inside a multicall the entry's arguments are rewritten
 * in the guest's list instead (multicall.c). One record per CPU: nothing
 * can run on this CPU between the record and its use. */
#include <asm/cpu-info.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

static struct {
	bool pending;
	uint64_t nr, args[5];
} cont[NR_CPUS];

bool hypercall_preempt_check(void)
{
	return arch_hypercall_preempt_check();
}

long hypercall_create_continuation(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
				   uint64_t a4, uint64_t a5)
{
	unsigned int me = smp_processor_id();

	cont[me].nr = nr;
	cont[me].args[0] = a1;
	cont[me].args[1] = a2;
	cont[me].args[2] = a3;
	cont[me].args[3] = a4;
	cont[me].args[4] = a5;
	cont[me].pending = true;
	return -ERESTART;
}

bool hypercall_take_continuation(uint64_t *nr, uint64_t args[5])
{
	unsigned int me = smp_processor_id();

	if (!cont[me].pending)
		return false;
	cont[me].pending = false;
	*nr = cont[me].nr;
	for (unsigned int i = 0; i < 5; i++)
		args[i] = cont[me].args[i];
	return true;
}
