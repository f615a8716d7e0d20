// SPDX-License-Identifier: GPL-2.0-only
/*
 * The conduit into TF-A's EL3: an SMC's x0..x17 are written into the
 * normal world's CPU context, the SPMD's FF-A entry runs with it as the
 * handle (as BL31's runtime exception handler calls it), and the context's
 * x0..x17 are the answer.  Registers a handler leaves alone keep the
 * caller's values, as EL3 restores every general register it saved.  When
 * TF-A switches to the secure world instead (a direct request to the S-EL1
 * partition), the partition runs until its answer switches back.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <common/debug.h>
#include <common/ep_info.h>
#include <context.h>
#include <lib/el3_runtime/context_mgmt.h>
#include <lib/smccc.h>
#include <services/ffa_svc.h>
#include <services/spmd_svc.h>
#include <smccc_helpers.h>

#include "spmc_tfa/tfa_internal.h"

struct tfa_spmc *tfa_current;

const char tfa_version[] = TFA_VERSION_STRING;

/* The SMC Calling Convention's hint that the caller has no live SVE state. */
#define SVE_HINT_BIT	(1U << 16)

void tfa_config_default(struct tfa_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->lp.id = 0x8001;
	cfg->lp.uuid[0] = 1;
	cfg->lp.answer = TFA_LP_ECHO;
}

void tfa_set_log(struct tfa_spmc *tfa, tfa_log_fn fn, void *ctx)
{
	tfa->log = fn;
	tfa->log_ctx = ctx;
}

static bool uuid_is_nil(const uint8_t uuid[16])
{
	static const uint8_t nil[16];

	return !memcmp(uuid, nil, sizeof(nil));
}

static int check_config(const struct tfa_config *cfg, char *err,
			size_t errlen)
{
	if (!(cfg->lp.id & 0x8000)) {
		snprintf(err, errlen, "partition %#x: TF-A's logical partitions have secure IDs (bit 15 set)",
			 cfg->lp.id);
		return -EINVAL;
	}
	if (cfg->sel1.id && (!(cfg->sel1.id & 0x8000) ||
			     cfg->sel1.id == cfg->lp.id)) {
		snprintf(err, errlen, "partition %#x: an S-EL1 partition needs a secure ID of its own",
			 cfg->sel1.id);
		return -EINVAL;
	}
	if (cfg->lp.answer == TFA_SCRIPTED) {
		snprintf(err, errlen, "partition %#x: an EL3 logical partition answers by itself, not by script",
			 cfg->lp.id);
		return -EINVAL;
	}
	if (uuid_is_nil(cfg->lp.uuid)) {
		snprintf(err, errlen, "partition %#x: TF-A refuses a logical partition with the nil UUID",
			 cfg->lp.id);
		return -EINVAL;
	}
	return 0;
}

/* What TF-A said at setup, for a setup that fails: errors and warnings. */
struct boot_log {
	char text[400];
};

static void keep_setup_log(void *ctx, int level, const char *msg)
{
	struct boot_log *b = ctx;
	size_t used = strlen(b->text), len = strlen(msg);

	if (level > (int)LOG_LEVEL_WARNING)
		return;
	if (len && msg[len - 1] == '.')
		len--;
	snprintf(b->text + used, sizeof(b->text) - used, "%s\"%.*s\"",
		 used ? ", " : "", (int)len, msg);
}

/*
 * BL31 runs the SPMD's setup, which sets up the EL3 SPMC.  If it fails,
 * BL31 registers no standard service (runtime_svc_init()): no FF-A call
 * would be answered, so there is no EL3 to create.
 */
static int boot(struct tfa_spmc *tfa, char *err, size_t errlen)
{
	struct boot_log said = { "" };
	int rc;

	tfa_set_log(tfa, keep_setup_log, &said);
	rc = spmd_setup();
	tfa_set_log(tfa, NULL, NULL);
	if (rc)
		snprintf(err, errlen, "spmd_setup() returned %d%s%s%s", rc,
			 *said.text ? " after TF-A logged " : "", said.text,
			 *said.text ? "" : " and logged nothing");
	return rc;
}

struct tfa_spmc *tfa_create(const struct tfa_config *cfg, struct physmem *pm,
			    char *err, size_t errlen)
{
	static struct tfa_spmc instance;
	static bool saved;
	struct tfa_spmc *tfa = &instance;

	if (tfa_current) {
		snprintf(err, errlen, "TF-A's EL3 already runs in this process");
		return NULL;
	}
	if (check_config(cfg, err, errlen))
		return NULL;
	if (!saved) {
		tfa_state_save();
		saved = true;
	} else {
		tfa_state_restore();
	}
	memset(tfa, 0, sizeof(*tfa));
	tfa->pm = pm;
	tfa->cfg = *cfg;
	pthread_mutex_init(&tfa->lock, NULL);
	tfa_current = tfa;
	tfa_context_boot(tfa);
	tfa_plat_boot(tfa);
	if (boot(tfa, err, errlen)) {
		tfa_current = NULL;
		return NULL;
	}
	tfa_plat_sel1(tfa);
	if (tfa->cfg.sel1.id && tfa_sel1_boot(tfa, err, errlen)) {
		tfa_sel1_free(tfa);
		tfa_current = NULL;
		return NULL;
	}
	return tfa;
}

void tfa_destroy(struct tfa_spmc *tfa)
{
	if (tfa != tfa_current)
		return;
	tfa_sel1_free(tfa);
	pthread_mutex_destroy(&tfa->lock);
	tfa_current = NULL;
}

static void regs_in(cpu_context_t *ctx, const struct smc_regs *in)
{
	gp_regs_t *gp = get_gpregs_ctx(ctx);
	unsigned int i;

	for (i = 0; i < SMC_NR_REGS; i++)
		write_ctx_reg(gp, CTX_GPREG_X0 + 8 * i, in->x[i]);
}

static void regs_out(cpu_context_t *ctx, struct smc_regs *out)
{
	gp_regs_t *gp = get_gpregs_ctx(ctx);
	unsigned int i;

	for (i = 0; i < SMC_NR_REGS; i++)
		out->x[i] = read_ctx_reg(gp, CTX_GPREG_X0 + 8 * i);
}

void tfa_set_direct_handler(struct tfa_spmc *tfa, tfa_direct_fn fn, void *ctx)
{
	tfa->direct_fn = fn;
	tfa->direct_ctx = ctx;
}

/* The SPMD's FF-A entry as BL31 calls it, from either world. */
static void ffa_entry(cpu_context_t *ctx, uint32_t fid, uint64_t flags)
{
	gp_regs_t *gp = get_gpregs_ctx(ctx);

	spmd_ffa_smc_handler(fid, read_ctx_reg(gp, CTX_GPREG_X1),
			     read_ctx_reg(gp, CTX_GPREG_X2),
			     read_ctx_reg(gp, CTX_GPREG_X3),
			     read_ctx_reg(gp, CTX_GPREG_X4), NULL, ctx, flags);
}

/*
 * One SMC from @state's world, whose context is @ctx.  BL31 routes FF-A
 * function IDs to the SPMD; any other ID here would go to a service this
 * EL3 does not have, and unknown calls answer SMC_UNK in x0.
 */
static void smc_from(struct tfa_spmc *tfa, unsigned int state,
		     cpu_context_t *ctx, const struct smc_regs *in)
{
	uint32_t fid = (uint32_t)in->x[0] & ~SVE_HINT_BIT;

	regs_in(ctx, in);
	tfa->next_eret = state;
	if (is_ffa_fid(fid))
		ffa_entry(ctx, fid, state == SECURE ? SMC_FROM_SECURE :
						      SMC_FROM_NON_SECURE);
	else
		write_ctx_reg(get_gpregs_ctx(ctx), CTX_GPREG_X0, SMC_UNK);
}

void tfa_smc(void *opaque, enum smc_origin origin, const struct smc_regs *in,
	     struct smc_regs *out)
{
	struct tfa_spmc *tfa = opaque;
	cpu_context_t *ctx;

	(void)origin;
	pthread_mutex_lock(&tfa->lock);
	ctx = tfa->ctx[NON_SECURE];
	memset(ctx, 0, sizeof(*ctx));
	smc_from(tfa, NON_SECURE, ctx, in);
	if (tfa->next_eret == SECURE)
		tfa_sel1_run(tfa);
	regs_out(ctx, out);
	pthread_mutex_unlock(&tfa->lock);
}

bool tfa_sel1_smc(struct tfa_spmc *tfa, const struct smc_regs *in,
		  struct smc_regs *out)
{
	cpu_context_t *ctx = cm_get_context(SECURE);

	smc_from(tfa, SECURE, ctx, in);
	if (tfa->next_eret != SECURE)
		return false;
	regs_out(ctx, out);
	return true;
}
