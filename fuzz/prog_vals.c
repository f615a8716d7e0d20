// SPDX-License-Identifier: GPL-2.0-only
/*
 * The values a step carries, in one place: the mutator picks one of them
 * to change, the emitter looks among them for the handles a later step
 * uses (so that only those are captured).
 */
#include "fuzz/prog.h"

unsigned int fz_op_vals(struct fz_op *op, struct fz_val **out)
{
	unsigned int n = 0, k;

	switch (op->kind) {
	case FZ_CALL:
		out[n++] = &op->call.fid;
		for (k = 1; k < SMC_NR_REGS; k++)
			if (op->call.set & (1U << k))
				out[n++] = &op->call.x[k];
		break;
	case FZ_MEM_SEND:
		for (k = 0; k < op->mem.nr_ranges; k++)
			out[n++] = &op->mem.range[k].at;
		for (k = 1; k < 5; k++)
			if (op->mem.set & (1U << k))
				out[n++] = &op->mem.x[k];
		break;
	case FZ_FRAG_TX:
		if (op->frag.has_handle)
			out[n++] = &op->frag.handle;
		break;
	case FZ_INJECT_SPMC:
		out[n++] = &op->ispmc.value;
		break;
	case FZ_RETRIEVE:
	case FZ_RELINQUISH:
		out[n++] = &op->sp.handle;
		break;
	}
	return n;
}
