// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trace's wording of registers: one short line per call or answer,
 * registers that are zero left out.  decode_smc() (decode_smc.c) is the
 * full per-function decoding; this stays terse because --trace prints a
 * line for every hop.
 */
#include <glib.h>

#include "sim/decode/decode.h"
#include "spmc_mock/ffa_abi.h"

static const char *fid_name(uint64_t x0)
{
	if (x0 >> 32)
		return NULL;
	return ffa_func_name(ffa_fid_strip_hint(x0));
}

static bool answers_version(const uint64_t *request, const uint64_t *regs)
{
	return request && ffa_fid_strip_hint(request[0]) == FFA_VERSION &&
	       !(regs[0] & (1ULL << 31)) && !(regs[0] >> 32);
}

static bool is_error(const uint64_t *regs)
{
	return regs && (uint32_t)regs[0] == FFA_ERROR && !(regs[0] >> 32);
}

char *decode_reg(const uint64_t *request, const uint64_t *regs, int reg,
		 uint64_t value)
{
	const char *name;

	if (reg == 0 && value == SMCCC_RET_NOT_SUPPORTED)
		return g_strdup("SMCCC NOT_SUPPORTED (-1)");
	if (reg == 0 && answers_version(request, &value))
		return g_strdup_printf("%u.%u (%#llx)",
				       FFA_VERSION_MAJOR((uint32_t)value),
				       FFA_VERSION_MINOR((uint32_t)value),
				       (unsigned long long)value);
	if (reg == 0 && (name = fid_name(value)))
		return g_strdup_printf("%s (%#llx)", name,
				       (unsigned long long)value);
	if (reg == 2 && is_error(regs) &&
	    (name = ffa_error_name((int32_t)value)))
		return g_strdup_printf("%s (%d)", name, (int32_t)value);
	return g_strdup_printf("%#llx", (unsigned long long)value);
}

static void append_x0(GString *s, const uint64_t *request,
		      const uint64_t *regs)
{
	const char *name = fid_name(regs[0]);

	if (regs[0] == SMCCC_RET_NOT_SUPPORTED)
		g_string_append(s, "SMCCC NOT_SUPPORTED");
	else if (answers_version(request, regs))
		g_string_append_printf(s, "version %u.%u",
				       FFA_VERSION_MAJOR((uint32_t)regs[0]),
				       FFA_VERSION_MINOR((uint32_t)regs[0]));
	else if (name)
		g_string_append(s, name);
	else
		g_string_append_printf(s, "%#llx", (unsigned long long)regs[0]);
}

char *decode_regs(const uint64_t *request, const uint64_t *regs)
{
	GString *s = g_string_new(NULL);
	const char *err;
	int i;

	append_x0(s, request, regs);
	for (i = 1; i < SMC_NR_REGS; i++) {
		if (!regs[i])
			continue;
		if (i == 2 && is_error(regs) &&
		    (err = ffa_error_name((int32_t)regs[2]))) {
			g_string_append_printf(s, " %s", err);
			continue;
		}
		g_string_append_printf(s, " x%d=%#llx", i,
				       (unsigned long long)regs[i]);
	}
	return g_string_free(s, FALSE);
}
