// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver's SMC conduit.  An SMC at EL1 traps to EL2 under pKVM, so
 * arm_smccc_1_2_smc() enters the proxy through hyp_host_smc(), the model of
 * handle_host_smc(): the same path a scenario's raw host SMC takes, never
 * the bridge the proxy itself uses to reach EL3.  An SMC that ends in a
 * fault or BUG inside EL2 does not come back: the driver action stops.
 */
#include <linux/arm-smccc.h>

#include "host/internal.h"

void host_set_smc_observer(host_smc_observer_fn fn, void *ctx)
{
	host_env.observer = fn;
	host_env.observer_ctx = ctx;
}

void arm_smccc_1_2_smc(const struct arm_smccc_1_2_regs *args,
		       struct arm_smccc_1_2_regs *res)
{
	uint64_t in[SMC_NR_REGS], regs[SMC_NR_REGS];
	struct hyp_fault fault = { 0 };
	enum hyp_exit exit;

	BUILD_BUG_ON(sizeof(*args) != sizeof(in));
	memcpy(in, args, sizeof(in));
	memcpy(regs, in, sizeof(regs));
	exit = hyp_host_smc(regs, &fault);
	if (host_env.observer)
		host_env.observer(host_env.observer_ctx, in, regs, exit, &fault);
	if (exit == HYP_EXIT_FAULT || exit == HYP_EXIT_BUG) {
		if (host_catch) {
			host_catch->o->stop = HOST_STOPPED_IN_EL2;
			host_catch->o->exit = exit;
			host_catch->o->fault = fault;
		}
		host_stop();
	}
	memcpy(res, regs, sizeof(regs));
}

void arm_smccc_1_2_hvc(const struct arm_smccc_1_2_regs *args,
		       struct arm_smccc_1_2_regs *res)
{
	(void)args;
	(void)res;
	host_bug(__FILE__, __LINE__,
		 "an FF-A call by HVC: pKVM's host reaches FF-A by SMC only");
}

u32 arm_smccc_get_version(void)
{
	return host_env.cfg.smccc_version;
}

enum arm_smccc_conduit arm_smccc_1_1_get_conduit(void)
{
	if (host_env.cfg.smccc_version < ARM_SMCCC_VERSION_1_1)
		return SMCCC_CONDUIT_NONE;
	return SMCCC_CONDUIT_SMC;
}
