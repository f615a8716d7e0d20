// SPDX-License-Identifier: GPL-2.0-only
/*
 * BL31's context management as far as the EL3 SPMC's world switch uses
 * it: one CPU context per security state (one core runs EL3 here), and
 * which of them the next exception return enters.  The normal world's
 * context is the one an SMC from it is written into (el3.c); the secure
 * one is the S-EL1 partition's execution context, which the SPMC names
 * with cm_set_context().  EL1's system registers are not modelled: neither
 * the proxy nor the partition model keeps state in them, so saving and
 * restoring them has nothing to move.
 */
#include <string.h>

#include <common/ep_info.h>
#include <context.h>
#include <lib/el3_runtime/context_mgmt.h>

#include "spmc_tfa/tfa_internal.h"

static cpu_context_t ns_context;

void tfa_context_boot(struct tfa_spmc *tfa)
{
	memset(&ns_context, 0, sizeof(ns_context));
	tfa->ctx[NON_SECURE] = &ns_context;
	tfa->ctx[SECURE] = NULL;
	tfa->next_eret = NON_SECURE;
}

static void check_state(uint32_t security_state, const char *fn)
{
	if (security_state != SECURE && security_state != NON_SECURE)
		tfa_fatal(fn, "a security state other than secure and non-secure");
}

void *cm_get_context(uint32_t security_state)
{
	void *ctx;

	check_state(security_state, "cm_get_context");
	ctx = tfa_current->ctx[security_state];
	if (!ctx)
		tfa_fatal("cm_get_context(SECURE)",
			  "no S-EL1 partition context: this machine has no S-EL1 partition");
	return ctx;
}

void cm_set_context(void *context, uint32_t security_state)
{
	check_state(security_state, "cm_set_context");
	tfa_current->ctx[security_state] = context;
}

void cm_set_next_eret_context(uint32_t security_state)
{
	check_state(security_state, "cm_set_next_eret_context");
	tfa_current->next_eret = security_state;
}

void cm_el1_sysregs_context_save(uint32_t security_state)
{
	check_state(security_state, "cm_el1_sysregs_context_save");
}

void cm_el1_sysregs_context_restore(uint32_t security_state)
{
	check_state(security_state, "cm_el1_sysregs_context_restore");
}
