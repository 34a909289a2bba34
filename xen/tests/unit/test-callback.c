/* SPDX-License-Identifier: GPL-2.0 */
/* callback_op, set_callbacks and stack_switch (arch/x86/pv/callback.c):
 * every callback type into its slot with its event mask, non-canonical
 * addresses (-EINVAL, checked first as on Xen) and unknown types (-ENOSYS)
 * refused with nothing changed, only the NMI callback unregistered,
 * set_callbacks skipping a non-canonical address and returning 0 (Xen),
 * and do_callback_op's single copy in (-EFAULT for a bad pointer, -ENOSYS
 * for an unknown op, before anything is read). */
#include "guest-fixture.h"
#include <asm/pv/callback.h>
#include <public/callback.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

#define GOOD_LO   0x0000000000401000ULL
#define GOOD_HI   0xffffffff81000000ULL   /* where Linux's kernel lives */
#define CANON_TOP 0x00007fffffffffffULL

static const uint64_t non_canonical[] = {
	GVA_NONCANON, 0x0000800000001000ULL, 0x8000000000000000ULL,
	0xffff7fffffffffffULL, 0x00ff000000000000ULL,
};

static struct arch_vcpu arch_before;

static int setup(void **state)
{
	guest_fixture_reset();
	arch_before = vcpus[0].arch;
	return 0;
}

static void assert_unchanged(void)
{
	assert_memory_equal(&arch_before, &vcpus[0].arch, sizeof(arch_before));
}

static struct pv_callback *slot(unsigned int type)
{
	struct arch_vcpu *a = &vcpus[0].arch;

	switch (type) {
	case CALLBACKTYPE_event: return &a->event_cb;
	case CALLBACKTYPE_failsafe: return &a->failsafe_cb;
	case CALLBACKTYPE_syscall: return &a->syscall_cb;
	case CALLBACKTYPE_nmi: return &a->nmi_cb;
	default: return &a->syscall32_cb;   /* syscall32 and sysenter */
	}
}

static long reg(unsigned int type, unsigned int flags, uint64_t address)
{
	struct callback_register r = { .type = (uint16_t)type, .flags = (uint16_t)flags,
				       .address = address };

	return pv_callback_register(&vcpus[0], &r);
}

static long unreg(unsigned int type)
{
	struct callback_unregister u = { .type = (uint16_t)type };

	return pv_callback_unregister(&vcpus[0], &u);
}

static void test_register_each_type(void **state)
{
	static const unsigned int types[] = {
		CALLBACKTYPE_event, CALLBACKTYPE_failsafe, CALLBACKTYPE_syscall,
		CALLBACKTYPE_syscall32, CALLBACKTYPE_sysenter, CALLBACKTYPE_nmi,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(types); i++) {
		assert_int_equal(reg(types[i], CALLBACKF_mask_events, GOOD_HI + i), 0);
		assert_int_equal(slot(types[i])->address, GOOD_HI + i);
		assert_true(slot(types[i])->mask_events);
		assert_int_equal(reg(types[i], 0, GOOD_LO), 0);
		assert_int_equal(slot(types[i])->address, GOOD_LO);
		assert_false(slot(types[i])->mask_events);
	}
	/* The canonical extremes are addresses like any other. */
	assert_int_equal(reg(CALLBACKTYPE_event, 0, CANON_TOP), 0);
	assert_int_equal(reg(CALLBACKTYPE_event, 0, GVA_ALL_ONES), 0);
	assert_int_equal(reg(CALLBACKTYPE_event, 0, 0), 0);
}

static void test_register_rejects(void **state)
{
	/* 3 is sysenter_deprecated, which Xen's own interface version no
	 * longer maps to sysenter; 6 was never assigned. */
	static const unsigned int bad_types[] = { 3, 6, 8, 100, 0xffff };

	for (unsigned int i = 0; i < ARRAY_SIZE(bad_types); i++)
		assert_int_equal(reg(bad_types[i], 0, GOOD_HI), -ENOSYS);
	for (unsigned int i = 0; i < ARRAY_SIZE(non_canonical); i++) {
		assert_int_equal(reg(CALLBACKTYPE_event, 0, non_canonical[i]), -EINVAL);
		assert_int_equal(reg(CALLBACKTYPE_nmi, CALLBACKF_mask_events,
				     non_canonical[i]), -EINVAL);
		/* Xen checks the address before the type. */
		for (unsigned int j = 0; j < ARRAY_SIZE(bad_types); j++)
			assert_int_equal(reg(bad_types[j], 0, non_canonical[i]), -EINVAL);
	}
	assert_unchanged();
}

static void test_unregister(void **state)
{
	assert_int_equal(reg(CALLBACKTYPE_nmi, 0, GOOD_HI), 0);
	assert_int_equal(reg(CALLBACKTYPE_event, 0, GOOD_HI), 0);
	arch_before = vcpus[0].arch;
	/* The entry points a kernel needs cannot go (Xen: -EINVAL). */
	assert_int_equal(unreg(CALLBACKTYPE_event), -EINVAL);
	assert_int_equal(unreg(CALLBACKTYPE_failsafe), -EINVAL);
	assert_int_equal(unreg(CALLBACKTYPE_syscall), -EINVAL);
	assert_int_equal(unreg(CALLBACKTYPE_syscall32), -EINVAL);
	assert_int_equal(unreg(CALLBACKTYPE_sysenter), -EINVAL);
	assert_int_equal(unreg(3), -ENOSYS);
	assert_int_equal(unreg(6), -ENOSYS);
	assert_int_equal(unreg(0xffff), -ENOSYS);
	assert_unchanged();
	assert_int_equal(unreg(CALLBACKTYPE_nmi), 0);
	assert_int_equal(vcpus[0].arch.nmi_cb.address, 0);
	assert_int_equal(vcpus[0].arch.event_cb.address, GOOD_HI);
}

static void test_callback_op_copies(void **state)
{
	struct callback_register r = { .type = CALLBACKTYPE_syscall,
				       .flags = CALLBACKF_mask_events, .address = GOOD_HI };
	struct callback_unregister u = { .type = CALLBACKTYPE_nmi };
	static const uint64_t bad_gvas[] = { GVA_NULL, GVA_HYP, GVA_HYP_LAST, GVA_NONCANON,
					     GVA_ALL_ONES };

	for (unsigned int i = 0; i < ARRAY_SIZE(bad_gvas); i++) {
		assert_int_equal(do_callback_op(CALLBACKOP_register, bad_gvas[i]), -EFAULT);
		assert_int_equal(do_callback_op(CALLBACKOP_unregister, bad_gvas[i]), -EFAULT);
	}
	assert_unchanged();
	/* An unknown op is refused before its argument is read. */
	nr_copy_in = 0;
	assert_int_equal(do_callback_op(2, GVA(&r)), -ENOSYS);
	assert_int_equal(do_callback_op(~0ULL, GVA(&r)), -ENOSYS);
	assert_int_equal(nr_copy_in, 0);
	assert_int_equal(do_callback_op(CALLBACKOP_register, GVA(&r)), 0);
	assert_int_equal(nr_copy_in, 1);
	assert_int_equal(vcpus[0].arch.syscall_cb.address, GOOD_HI);
	/* cmd is an int, as on Xen: the upper half is dropped. */
	assert_int_equal(do_callback_op(0xabcd00000000ULL | CALLBACKOP_register, GVA(&r)), 0);
	assert_int_equal(do_callback_op(0x100000000ULL | 2, GVA(&r)), -ENOSYS);
	assert_true(vcpus[0].arch.syscall_cb.mask_events);
	/* The calling vCPU's, no other's. */
	as(&vcpus[1]);
	assert_int_equal(do_callback_op(CALLBACKOP_unregister, GVA(&u)), 0);
	assert_int_equal(do_callback_op(CALLBACKOP_register, GVA(&r)), 0);
	assert_int_equal(vcpus[1].arch.syscall_cb.address, GOOD_HI);
}

static void test_set_callbacks(void **state)
{
	struct arch_vcpu *a = &vcpus[0].arch;

	/* As on Xen: a non-canonical address leaves its slot as it was, the
	 * others are set, and the call returns 0. */
	for (unsigned int i = 0; i < ARRAY_SIZE(non_canonical); i++) {
		uint64_t bad = non_canonical[i];

		assert_int_equal(pv_set_callbacks(&vcpus[0], bad, bad, bad), 0);
		assert_unchanged();
		assert_int_equal(pv_set_callbacks(&vcpus[0], bad, GOOD_HI, GOOD_HI), 0);
		assert_int_equal(a->event_cb.address, arch_before.event_cb.address);
		assert_int_equal(a->failsafe_cb.address, GOOD_HI);
		assert_int_equal(pv_set_callbacks(&vcpus[0], GOOD_LO, bad, GOOD_LO + 2), 0);
		assert_int_equal(a->event_cb.address, GOOD_LO);
		assert_int_equal(a->failsafe_cb.address, GOOD_HI);
		assert_int_equal(a->syscall_cb.address, GOOD_LO + 2);
		assert_int_equal(pv_set_callbacks(&vcpus[0], GOOD_HI, GOOD_HI, bad), 0);
		assert_int_equal(a->syscall_cb.address, GOOD_LO + 2);
		setup(state);
	}
	/* No flags: the failsafe and syscall callbacks leave events unmasked
	 * (Xen clears their disables-events flags); the event upcall masks. */
	assert_int_equal(reg(CALLBACKTYPE_failsafe, CALLBACKF_mask_events, GOOD_LO), 0);
	assert_int_equal(reg(CALLBACKTYPE_syscall, CALLBACKF_mask_events, GOOD_LO), 0);
	assert_int_equal(do_set_callbacks(GOOD_HI, GOOD_HI + 1, GOOD_HI + 2), 0);
	assert_int_equal(a->event_cb.address, GOOD_HI);
	assert_int_equal(a->failsafe_cb.address, GOOD_HI + 1);
	assert_int_equal(a->syscall_cb.address, GOOD_HI + 2);
	assert_true(a->event_cb.mask_events);
	assert_false(a->failsafe_cb.mask_events);
	assert_false(a->syscall_cb.mask_events);
}

static void test_stack_switch(void **state)
{
	/* The selector always gets RPL 3; the pointer is kept as given and
	 * checked when a frame is written there. */
	assert_int_equal(do_stack_switch(0xe02b, 0x7fffffffe000ULL), 0);
	assert_int_equal(vcpus[0].arch.kernel_ss, 0xe02b);
	assert_int_equal(vcpus[0].arch.kernel_sp, 0x7fffffffe000ULL);
	assert_int_equal(pv_stack_switch(&vcpus[1], 0x10, GVA_HYP), 0);
	assert_int_equal(vcpus[1].arch.kernel_ss, 0x13);
	assert_int_equal(pv_stack_switch(&vcpus[1], 0xfffffffffff0ULL, 0), 0);
	assert_int_equal(vcpus[1].arch.kernel_ss, 0xfff3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_register_each_type, setup),
		cmocka_unit_test_setup(test_register_rejects, setup),
		cmocka_unit_test_setup(test_unregister, setup),
		cmocka_unit_test_setup(test_callback_op_copies, setup),
		cmocka_unit_test_setup(test_set_callbacks, setup),
		cmocka_unit_test_setup(test_stack_switch, setup),
	};

	return RUN(tests);
}
