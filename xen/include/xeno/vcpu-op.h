/* SPDX-License-Identifier: GPL-2.0 */
/* VCPUOP_*: the two halves of do_vcpu_op, apart so host tests can drive
 * them. vcpu_op_target makes the checks Xen makes before it reads the
 * guest's argument; vcpu_op_run acts on a hypervisor-owned copy of it. */
#ifndef XENO_VCPU_OP_H
#define XENO_VCPU_OP_H

#include <public/vcpu.h>
#include <stdint.h>

struct vcpu;

/* Every small VCPUOP_* argument (VCPUOP_initialise's context is large and
 * copied to the heap instead). register_runstate_memory_area and
 * register_vcpu_time_memory_area pass one guest address. */
union vcpu_op_arg {
	struct vcpu_register_vcpu_info vcpu_info;
	struct vcpu_set_periodic_timer periodic;
	struct vcpu_set_singleshot_timer singleshot;
	struct vcpu_runstate_info runstate;
	uint64_t gva;
};

/* The vCPU cmd acts on, through *v: -ENOENT for a vcpuid the caller's
 * domain lacks, -ENOSYS for an unknown cmd, -EINVAL for an op only the
 * vCPU itself may do. Reads nothing from the guest. */
long vcpu_op_target(struct vcpu *caller, uint64_t cmd, uint64_t vcpuid, struct vcpu **v);

/* Bytes do_vcpu_op copies in before vcpu_op_run, and out after it
 * succeeds; cmd has passed vcpu_op_target. */
size_t vcpu_op_in_size(uint64_t cmd);
size_t vcpu_op_out_size(uint64_t cmd);

/* cmd on v (from vcpu_op_target) for caller, on arg: our copy of the
 * guest's argument, which it may fill with the answer. */
long vcpu_op_run(struct vcpu *caller, struct vcpu *v, uint64_t cmd, void *arg);

#endif
