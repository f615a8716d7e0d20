// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

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
