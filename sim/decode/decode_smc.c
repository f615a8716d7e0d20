// SPDX-License-Identifier: GPL-2.0-only
/*
 * A whole register set in FF-A terms: what x0 is (a function, an answer,
 * a version, NOT_SUPPORTED, some other SMCCC service), then the registers
 * that function defines (decode_call.c, decode_answer.c), then whatever
 * else is not zero.  Printed as aligned columns, register - raw value -
 * meaning, with the rules a value breaks under it.
 */
#include <stdio.h>
#include <string.h>

#include "sim/decode/decode_internal.h"
#include "spmc_mock/ffa_abi.h"

static bool answers_version(const struct dec *d)
{
	return d->req && ffa_fid_strip_hint(d->req[0]) == FFA_VERSION;
}

/* w0 = -1: SMCCC's unknown function, and FFA_VERSION's refusal. */
static bool not_supported(struct dec *d)
{
	if ((uint32_t)d->r[0] != (uint32_t)SMCCC_RET_NOT_SUPPORTED)
		return false;
	dec_x0(d, g_strdup(answers_version(d) ?
			     "NOT_SUPPORTED (-1): no FF-A version the caller can use" :
			     "NOT_SUPPORTED (-1): no such function (SMCCC)"));
	g_string_assign(d->brief, "NOT_SUPPORTED");
	d->answer = true;
	return true;
}

/* Bit 31 clear: no fast call, but it is what FFA_VERSION answers. */
static bool version_answer(struct dec *d)
{
	uint64_t x0 = d->r[0];
	char *v;

	if (x0 >> 31)
		return false;
	v = decode_version((uint32_t)x0, NULL);
	if (answers_version(d))
		dec_x0(d, g_strdup_printf("version %s (the callee's)", v));
	else
		dec_x0(d, g_strdup_printf("not a fast call (bit 31 clear); as FFA_VERSION's answer: version %s",
					    v));
	g_string_printf(d->brief, "version %s", v);
	d->answer = true;
	g_free(v);
	return true;
}

static const char *owner_words(unsigned int owner)
{
	static const char *const names[] = {
		"Arm architecture", "CPU service", "SiP", "OEM",
		"standard secure service", "standard hypervisor service",
		"vendor hypervisor service", "vendor EL3 monitor",
	};

	if (owner < G_N_ELEMENTS(names))
		return names[owner];
	if (owner == 48 || owner == 49)
		return "trusted application";
	if (owner >= 50)
		return "trusted OS";
	return "reserved owner";
}

static const char *standard_service(unsigned int num)
{
	if (num < 0x20)
		return "PSCI";
	if (num < 0x40)
		return "SDEI";
	if (num >= FFA_FUNC_MIN && num <= FFA_FUNC_MAX)
		return "FF-A";
	return NULL;
}

/* A fast call, but no FF-A function ffa-sim knows. */
static void other_function(struct dec *d)
{
	uint32_t fid = (uint32_t)d->r[0];
	unsigned int owner = (fid >> SMCCC_OWNER_SHIFT) & SMCCC_OWNER_MASK;
	unsigned int num = fid & SMCCC_FUNC_MASK;
	const char *svc = owner == SMCCC_OWNER_STANDARD ?
			  standard_service(num) : NULL;

	dec_x0(d, g_strdup_printf("SMC%s fast call to the %s owner (%u), function %#x%s%s%s",
				    fid & SMCCC_SMC64 ? "64" : "32",
				    owner_words(owner), owner, num,
				    svc ? ": " : ": not FF-A",
				    svc ? svc : "",
				    svc && !strcmp(svc, "FF-A") ?
				    ", not defined up to FF-A 1.2" : ""));
	g_string_printf(d->brief, "%#x", fid);
	d->smc64 = fid & SMCCC_SMC64;
	/* Its registers mean nothing to us: list them, flag nothing. */
	d->answer = true;
	d->leftover = "parameter or result (not FF-A)";
}

static void function(struct dec *d)
{
	const char *name = ffa_func_name(d->fid);
	struct decode_field *f;

	if (!name || !ffa_fid_is_ffa(d->fid)) {
		other_function(d);
		return;
	}
	d->smc64 = ffa_fid_is_smc64(d->fid);
	f = dec_x0(d, g_strdup_printf("%s (SMC%s%s)", name,
					d->smc64 ? "64" : "32",
					(uint32_t)d->r[0] & SMCCC_SVE_HINT ?
					", SVE hint: no live SVE state" : ""));
	if (d->r[0] >> 32)
		dec_problem(d, f, "bits 63:32 of a function ID must be zero");
	g_string_assign(d->brief, name);
	if (d->fid == FFA_ERROR)
		decode_error(d);
	else if (d->fid == FFA_SUCCESS || d->fid == FFA_FN64_SUCCESS)
		decode_success(d);
	else
		decode_call_args(d);
}

static void leftovers(struct dec *d)
{
	struct decode_field *f;
	int i;

	for (i = 1; i < SMC_NR_REGS; i++) {
		if ((d->used & (1U << i)) || !d->r[i])
			continue;
		if (d->leftover) {
			dec_x(d, i, "%s", d->leftover);
			continue;
		}
		if (!d->smc64 && i < 8 && !(uint32_t)d->r[i]) {
			dec_w(d, i, "not a parameter");
			continue;
		}
		f = dec_x(d, i, d->answer ? "not defined for this answer" :
			  "not a parameter of this function");
		if (!d->answer)
			dec_problem(d, f, "should be zero");
	}
}

void decode_smc(const uint64_t *request, const uint64_t *regs,
		struct decoded *out)
{
	struct dec d = {
		.r = regs,
		.req = request,
		.fid = ffa_fid_strip_hint(regs[0]),
		.answer = request != NULL,
		.out = out,
		.brief = g_string_new(NULL),
	};

	memset(out, 0, sizeof(*out));
	out->fields = g_ptr_array_new();
	if (!not_supported(&d) && !version_answer(&d))
		function(&d);
	leftovers(&d);
	out->brief = g_string_free(d.brief, FALSE);
}

static void field_free(struct decode_field *f)
{
	g_free(f->label);
	g_free(f->raw);
	g_free(f->text);
	g_free(f->problem);
	g_free(f);
}

void decoded_free(struct decoded *d)
{
	if (d->fields) {
		g_ptr_array_foreach(d->fields, (GFunc)(void *)field_free, NULL);
		g_ptr_array_free(d->fields, TRUE);
	}
	g_free(d->brief);
	memset(d, 0, sizeof(*d));
}

void decoded_print(const struct decoded *d, const char *indent, GString *out)
{
	int lw = 0, rw = 0;
	unsigned int i;

	for (i = 0; i < d->fields->len; i++) {
		const struct decode_field *f = d->fields->pdata[i];

		lw = MAX(lw, (int)strlen(f->label));
		rw = MAX(rw, (int)strlen(f->raw));
	}
	for (i = 0; i < d->fields->len; i++) {
		const struct decode_field *f = d->fields->pdata[i];

		g_string_append_printf(out, "%s%-*s  %-*s  %s\n", indent, lw,
				       f->label, rw, f->raw, f->text);
		if (f->problem)
			g_string_append_printf(out, "%s%-*s  ! %s\n", indent, lw,
					       "", f->problem);
	}
}

char *decode_brief(const uint64_t *request, const uint64_t *regs)
{
	struct decoded d;
	char *brief;

	decode_smc(request, regs, &d);
	brief = d.brief;
	d.brief = NULL;
	decoded_free(&d);
	return brief;
}
