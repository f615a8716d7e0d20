/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMCCC as the host kernel sees it.  The constants and register structures
 * are the proxy's (one definition of the convention), but the call itself
 * is the host's: an SMC from EL1 traps to EL2, so arm_smccc_1_2_smc()
 * enters the proxy through the host SMC path (host/smc.c), never through
 * the EL2-to-EL3 bridge the proxy's own header wires it to.
 */
#ifndef HOST_FAKE_LINUX_ARM_SMCCC_H
#define HOST_FAKE_LINUX_ARM_SMCCC_H

#define arm_smccc_1_2_smc	__host_unused_el2_arm_smccc_1_2_smc
#include_next <linux/arm-smccc.h>
#undef arm_smccc_1_2_smc

enum arm_smccc_conduit {
	SMCCC_CONDUIT_NONE,
	SMCCC_CONDUIT_SMC,
	SMCCC_CONDUIT_HVC,
};

void arm_smccc_1_2_smc(const struct arm_smccc_1_2_regs *args,
		       struct arm_smccc_1_2_regs *res);
/* pKVM's host reaches FF-A by SMC only: an HVC is reported, not made. */
void arm_smccc_1_2_hvc(const struct arm_smccc_1_2_regs *args,
		       struct arm_smccc_1_2_regs *res);
u32 arm_smccc_get_version(void);
enum arm_smccc_conduit arm_smccc_1_1_get_conduit(void);

#endif
