// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "spmc_mock/ffa_abi.h"
#include "tests/el3_double_util.h"

void el3_double_reset(struct el3_double *d, uint32_t version)
{
	memset(d, 0, sizeof(*d));
	d->version = version;
}

static void answer(struct el3_double *d, const struct smc_regs *in,
		   struct smc_regs *out)
{
	switch ((uint32_t)in->x[0]) {
	case FFA_VERSION:
		out->x[0] = d->version;
		break;
	case FFA_ID_GET:
		out->x[0] = FFA_SUCCESS;
		out->x[2] = 0;
		break;
	case FFA_FEATURES:
	case FFA_FN64_RXTX_MAP:
	case FFA_RXTX_UNMAP:
		out->x[0] = FFA_SUCCESS;
		break;
	default:
		out->x[0] = FFA_ERROR;
		out->x[2] = (uint32_t)FFA_RET_NOT_SUPPORTED;
		break;
	}
}

static void el3_double_call(void *ctx, enum smc_origin origin,
			    const struct smc_regs *in, struct smc_regs *out)
{
	struct el3_double *d = ctx;

	if (d->nr_calls < EL3_DOUBLE_MAX_CALLS) {
		d->calls[d->nr_calls] = *in;
		d->origins[d->nr_calls] = origin;
	}
	d->nr_calls++;
	memset(out, 0, sizeof(*out));
	if (d->touch) {
		volatile const char *p = d->touch;

		d->touch = NULL;
		out->x[1] = *p;
	}
	if (d->canned_next) {
		d->canned_next = false;
		*out = d->canned;
		return;
	}
	answer(d, in, out);
}

struct smc_conduit el3_double_conduit(struct el3_double *d)
{
	return (struct smc_conduit){ .call = el3_double_call, .ctx = d };
}

int el3_double_hyp_up(struct el3_double *d, struct physmem *pm, uint64_t base,
		      uint64_t size, uint32_t version)
{
	struct hyp_config cfg = { .smccc_version = 0x10002, .phys_shift = 40 };
	struct smc_conduit c = el3_double_conduit(d);
	char err[128];

	if (physmem_init(pm, base, size, hyp_page_size()))
		return -1;
	el3_double_reset(d, version);
	return hyp_env_init(pm, &c, &cfg, err, sizeof(err)) ? -1 : 0;
}

void el3_double_hyp_down(struct physmem *pm)
{
	hyp_env_exit();
	physmem_destroy(pm);
}
