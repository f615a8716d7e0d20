/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SMC conduit: what crosses from the normal world to EL3 and back.
 *
 * An SMC carries x0..x17 in and x0..x17 out (SMCCC 1.2).  A conduit is one
 * function that answers it; the proxy's smccc bridge and the host SMC path
 * both call through one, and the mock SPMC provides it.  Nothing else is
 * shared between the two worlds but physical memory.
 */
#ifndef HW_SMC_H
#define HW_SMC_H

#include <stdint.h>

#define SMC_NR_REGS	18
/*
 * SMCCC 1.2 (as SMCCC_VERSION reports it), the first with x0..x17 and the
 * one FF-A needs: the firmware of a machine unless a scenario says less.
 */
#define SMCCC_VERSION_1_2	0x10002

struct smc_regs {
	uint64_t x[SMC_NR_REGS];
};

/* Who issued an SMC, for traces: the host passed through, or EL2 itself. */
enum smc_origin {
	SMC_FROM_HOST,
	SMC_FROM_HYP,
};

struct smc_conduit {
	void (*call)(void *ctx, enum smc_origin origin,
		     const struct smc_regs *in, struct smc_regs *out);
	void *ctx;
};

static inline void smc_conduit_call(const struct smc_conduit *c,
				    enum smc_origin origin,
				    const struct smc_regs *in,
				    struct smc_regs *out)
{
	c->call(c->ctx, origin, in, out);
}

#endif /* HW_SMC_H */
