// SPDX-License-Identifier: GPL-2.0-only
/*
 * Notifications, as far as an SPMC with nothing to notify goes: the
 * schedule-receiver interrupt it donates to the normal world (FF-A 1.1,
 * FFA_FEATURES of feature ID 2 answers its ID in w2), and
 * FFA_NOTIFICATION_INFO_GET, which answers NO_DATA: no notification is
 * pending, as none can be bound (the mock keeps no bitmaps, and pKVM's
 * proxy refuses the calls that would create and bind them).  Without an
 * interrupt (cfg.sri_intid 0) neither is offered.
 */
#include "spmc_internal.h"

bool spmc_notification_call(uint32_t fid)
{
	return fid == FFA_NOTIFICATION_INFO_GET ||
	       fid == FFA_FN64_NOTIFICATION_INFO_GET;
}

bool spmc_feature_interrupt(const struct spmc *s, uint32_t id,
			    struct smc_regs *out)
{
	if (id != FFA_FEAT_SCHEDULE_RECEIVER_INT || !s->cfg.sri_intid ||
	    FFA_VERSION_MINOR(spmc_layout_version(s)) < 1)
		return false;
	ffa_ret_success(out, s->cfg.sri_intid, 0);
	return true;
}

void spmc_do_notification_info_get(struct spmc *s, const struct smc_regs *in,
				   struct smc_regs *out)
{
	(void)s;
	(void)in;
	ffa_ret_error(out, FFA_RET_NO_DATA);
}
