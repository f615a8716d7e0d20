// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discovery calls: FFA_VERSION, FFA_ID_GET, FFA_SPM_ID_GET, FFA_FEATURES.
 */
#include <string.h>

#include "spmc_mock/spmc_internal.h"

/* DEN0077A: compatible = same major, caller's minor not above ours. */
static bool version_compatible(uint32_t caller, uint32_t callee)
{
	return FFA_VERSION_MAJOR(caller) == FFA_VERSION_MAJOR(callee) &&
	       FFA_VERSION_MINOR(caller) <= FFA_VERSION_MINOR(callee);
}

/*
 * Once negotiation is over (another call was made), the policy says
 * whether FFA_VERSION may still change it.  Returns true when it answered.
 */
static bool version_locked_answer(struct spmc *s, uint32_t req,
				  struct smc_regs *out)
{
	if (!s->negotiation_over ||
	    s->cfg.version_policy == SPMC_VERSION_RENEGOTIATE)
		return false;
	if (!s->negotiated) {
		out->x[0] = SMCCC_RET_NOT_SUPPORTED;
		return true;
	}
	if (s->cfg.version_policy == SPMC_VERSION_LOCK_REPORT)
		out->x[0] = s->negotiated;
	else if (req != s->negotiated)
		out->x[0] = SMCCC_RET_NOT_SUPPORTED;
	else
		out->x[0] = s->cfg.version;
	return true;
}

/*
 * The answer is always our own version (w0), never an FFA_ERROR.  A
 * compatible caller's version is remembered because it selects the
 * descriptor layouts; an incompatible one (higher minor, other major) is
 * not, the caller is expected to come back with one we can serve.
 */
void spmc_do_version(struct spmc *s, const struct smc_regs *in,
		     struct smc_regs *out)
{
	uint32_t req = (uint32_t)in->x[1];

	if (req & FFA_VERSION_MBZ) {
		out->x[0] = SMCCC_RET_NOT_SUPPORTED;
		return;
	}
	if (version_locked_answer(s, req, out))
		return;
	if (version_compatible(req, s->cfg.version) && req != s->negotiated) {
		s->negotiated = req;
		spmc_log(s, "negotiated FF-A %u.%u", FFA_VERSION_MAJOR(req),
			 FFA_VERSION_MINOR(req));
	}
	out->x[0] = s->cfg.version;
}

/* The normal-world physical instance is endpoint 0 (DEN0077A). */
void spmc_do_id_get(struct spmc *s, const struct smc_regs *in,
		    struct smc_regs *out)
{
	(void)s;
	(void)in;
	ffa_ret_success(out, 0, 0);
}

void spmc_do_spm_id_get(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out)
{
	(void)in;
	ffa_ret_success(out, s->cfg.spmc_id, 0);
}

static uint32_t rxtx_map_properties(const struct spmc *s)
{
	uint32_t props = s->cfg.rxtx_min_code;

	if (spmc_layout_version(s) >= FFA_VERSION_1_2)
		props |= (uint32_t)s->cfg.rxtx_max_pages
			 << FFA_RXTX_MAX_PAGES_SHIFT;
	return props;
}

/*
 * w1 bit 31 set: a function ID; clear: a feature ID (interrupt IDs, none
 * of which this SPMC reports).  Properties are 0 except for RXTX_MAP.
 */
void spmc_do_features(struct spmc *s, const struct smc_regs *in,
		      struct smc_regs *out)
{
	uint32_t fid = (uint32_t)in->x[1];

	if (spmc_feature_interrupt(s, fid, out))
		return;
	if (!(fid & SMCCC_FAST_CALL)) {
		ffa_ret_error(out, FFA_RET_NOT_SUPPORTED);
		return;
	}
	if (fid == FFA_ERROR || fid == FFA_SUCCESS) {
		ffa_ret_success(out, 0, 0);
		return;
	}
	if (!spmc_fid_available(s, fid)) {
		ffa_ret_error(out, FFA_RET_NOT_SUPPORTED);
		return;
	}
	if (fid == FFA_RXTX_MAP || fid == FFA_FN64_RXTX_MAP)
		ffa_ret_success(out, rxtx_map_properties(s), 0);
	else
		ffa_ret_success(out, 0, 0);
}
