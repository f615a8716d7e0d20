/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hyp tracing (7.2 on): the tree's nvhe/arm-smccc.h brackets every SMC with
 * trace_hyp_exit()/trace_hyp_enter().  The simulator turns them into trace
 * hops (proxy/hyp/trace.c) instead of a ring buffer.
 */
#ifndef SIM_FAKE_ASM_KVM_HYPEVENTS_H
#define SIM_FAKE_ASM_KVM_HYPEVENTS_H

#include <linux/types.h>

struct kvm_cpu_context;

enum hyp_enter_exit_reason {
	HYP_REASON_SMC,
	HYP_REASON_HVC,
	HYP_REASON_SYS,
	HYP_REASON_PSCI,
	HYP_REASON_HOST_ABORT,
	HYP_REASON_GUEST_EXIT,
	HYP_REASON_ERET_HOST,
	HYP_REASON_ERET_GUEST,
	HYP_REASON_UNKNOWN
};

void trace_hyp_enter(struct kvm_cpu_context *host_ctxt, u8 reason);
void trace_hyp_exit(struct kvm_cpu_context *host_ctxt, u8 reason);

#endif
