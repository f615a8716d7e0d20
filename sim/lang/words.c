// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario language's words for the mock SPMC's and the hyp model's
 * enums: the loader reads them, the runner, the views and the fuzzer
 * write them, so one table serves all and they cannot drift apart.
 */
#include <string.h>

#include "sim/lang/words.h"

const char *const scen_corrupt_words[SPMC_FAULT_NR_KINDS] = {
	/* SPMC_FAULT_ERROR is written as error:, not as a field */
	[SPMC_FAULT_HANDLE] = "handle",
	[SPMC_FAULT_FRAG_OFFSET] = "frag_offset",
	[SPMC_FAULT_FRAG_LEN] = "frag_len",
	[SPMC_FAULT_TOTAL_LEN] = "total_len",
	[SPMC_FAULT_COMP_OFFSET] = "comp_offset",
	[SPMC_FAULT_EMAD_OFFSET] = "emad_offset",
	[SPMC_FAULT_FRAG_SIZE] = "frag_size",
	[SPMC_FAULT_FRAG_RX] = "frag_rx",
	[SPMC_FAULT_PROPERTIES] = "properties",
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

const char *const scen_driver_op_words[DRV_NR_OPS] = {
	[DRV_LOAD] = "load",
	[DRV_BIND] = "bind",
	[DRV_PARTITION_INFO] = "partition_info",
	[DRV_DIRECT_REQ] = "send_direct_req",
	[DRV_DIRECT_REQ2] = "send_direct_req2",
	[DRV_INDIRECT] = "send_indirect",
	[DRV_SHARE] = "share",
	[DRV_LEND] = "lend",
	[DRV_RECLAIM] = "reclaim",
	[DRV_NOTIFY_REQUEST] = "notify_request",
	[DRV_NOTIFY_RELINQUISH] = "notify_relinquish",
	[DRV_RAISE_SRI] = "raise_sri",
};

const char *const scen_page_words[PW_NR_WORDS] = {
	[PW_OWNED_BY_HOST] = "owned-by-host",
	[PW_SHARED_WITH_FFA] = "shared-with-ffa",
	[PW_SHARED_WITH_HYP] = "shared-with-hyp",
	[PW_OWNED_BY_HYP] = "owned-by-hyp",
	[PW_OWNED_BY_GUEST] = "owned-by-guest",
	[PW_NO_OWNER] = "no-owner",
};

const char *page_word_name(enum page_word w)
{
	return w < PW_NR_WORDS ? scen_page_words[w] : "?";
}

enum page_word page_word_of(const struct hyp_page_info *info)
{
	switch (info->owner) {
	case HYP_OWNER_HYP:
		return PW_OWNED_BY_HYP;
	case HYP_OWNER_GUEST:
		return PW_OWNED_BY_GUEST;
	case HYP_OWNER_NONE:
		return PW_NO_OWNER;
	case HYP_OWNER_HOST:
		break;
	}
	if (info->host_state == HYP_PS_OWNED)
		return PW_OWNED_BY_HOST;
	return info->completer == HYP_COMPLETER_HYP ? PW_SHARED_WITH_HYP :
						      PW_SHARED_WITH_FFA;
}

const char *kernel_tree_path(const char *file)
{
	const char *p = strstr(file, "/kernel/");

	return p ? p + strlen("/kernel/") : file;
}
