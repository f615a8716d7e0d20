// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario language's words for the mock SPMC's and the hyp model's
 * enums: the loader reads them and the fuzzer writes them, so one table
 * serves both and they cannot drift apart.
 */
#include "proxy/hyp/hyp.h"
#include "sim/scenario.h"

const char *const scen_corrupt_words[SPMC_FAULT_NR_KINDS] = {
	/* SPMC_FAULT_ERROR is written as error:, not as a field */
	[SPMC_FAULT_HANDLE] = "handle",
	[SPMC_FAULT_FRAG_OFFSET] = "frag_offset",
	[SPMC_FAULT_FRAG_LEN] = "frag_len",
	[SPMC_FAULT_TOTAL_LEN] = "total_len",
	[SPMC_FAULT_COMP_OFFSET] = "comp_offset",
	[SPMC_FAULT_EMAD_OFFSET] = "emad_offset",
	[SPMC_FAULT_FRAG_SIZE] = "frag_size",
};

const char *const scen_hyp_op_words[HYP_OP_COUNT] = {
	[HYP_OP_SHARE_HYP] = "share_hyp",
	[HYP_OP_UNSHARE_HYP] = "unshare_hyp",
	[HYP_OP_SHARE_FFA] = "share_ffa",
	[HYP_OP_UNSHARE_FFA] = "unshare_ffa",
	[HYP_OP_PIN] = "pin",
};

const char *const scen_policy_words[SCEN_NR_POLICY_WORDS] = {
	[SPMC_VERSION_RENEGOTIATE] = "renegotiate",
	[SPMC_VERSION_LOCK_REPORT] = "lock-report",
	[SPMC_VERSION_LOCK_REFUSE] = "lock-refuse",
};
