// SPDX-License-Identifier: GPL-2.0-only
/*
 * The smccc bridge: every SMC that EL2 code makes, whatever generation of
 * the call the tree uses, arrives here and goes to the simulated EL3.
 */
#include <linux/arm-smccc.h>
#include <asm/kvm_hypevents.h>

#include "internal.h"

void sim_smccc_call(const unsigned long *args, unsigned int nargs,
		    unsigned long *res, unsigned int nres)
{
	struct hyp_event ev = {
		.kind = HYP_EV_SMC_TO_EL3,
		.origin = SMC_FROM_HYP,
	};
	struct hyp_point p = { .kind = HYP_POINT_SMC, .fid = args[0] };
	unsigned int i;

	for (i = 0; i < nargs && i < SMC_NR_REGS; i++)
		ev.in.x[i] = args[i];
	/* Another CPU may reach the SPMC first. */
	hyp_point_reached(&p);
	smc_conduit_call(&hyp_env.el3, SMC_FROM_HYP, &ev.in, &ev.out);
	for (i = 0; i < nres && i < SMC_NR_REGS; i++)
		res[i] = ev.out.x[i];
	hyp_event_add(&ev);
}

static void trace_event(const char *what)
{
	struct hyp_event ev = {
		.kind = HYP_EV_TRACE,
		.what = what,
	};

	hyp_event_add(&ev);
}

void trace_hyp_enter(struct kvm_cpu_context *host_ctxt, u8 reason)
{
	(void)host_ctxt;
	trace_event(reason == HYP_REASON_SMC ? "hyp_enter(smc)" : "hyp_enter");
}

void trace_hyp_exit(struct kvm_cpu_context *host_ctxt, u8 reason)
{
	(void)host_ctxt;
	trace_event(reason == HYP_REASON_SMC ? "hyp_exit(smc)" : "hyp_exit");
}
