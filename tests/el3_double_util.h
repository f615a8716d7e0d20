/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal EL3 for unit tests of proxy/hyp: it answers the calls that
 * hyp_ffa_init() and version negotiation make, records every SMC, and can
 * be told to answer the next call with fixed registers.
 */
#ifndef TESTS_EL3_DOUBLE_UTIL_H
#define TESTS_EL3_DOUBLE_UTIL_H

#include <stdbool.h>

#include "hw/smc.h"

#define EL3_DOUBLE_MAX_CALLS	32

struct el3_double {
	uint32_t version;		/* answer to FFA_VERSION */
	struct smc_regs calls[EL3_DOUBLE_MAX_CALLS];
	enum smc_origin origins[EL3_DOUBLE_MAX_CALLS];
	unsigned int nr_calls;
	bool canned_next;		/* answer the next call with canned */
	struct smc_regs canned;
	volatile const char *touch;	/* read this on the next call */
};

void el3_double_reset(struct el3_double *d, uint32_t version);
struct smc_conduit el3_double_conduit(struct el3_double *d);

struct physmem;

/*
 * EL2 over @size bytes of DRAM at @base and this EL3 (answering FFA_VERSION
 * with @version), a 40-bit IPA space: 0, or -1.  el3_double_hyp_down()
 * takes it away again.
 */
int el3_double_hyp_up(struct el3_double *d, struct physmem *pm, uint64_t base,
		      uint64_t size, uint32_t version);
void el3_double_hyp_down(struct physmem *pm);

#endif
