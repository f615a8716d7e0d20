/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the SPMC holds of normal-world memory, followed from one invariant
 * check to the next: which ranges appeared or went since the last look,
 * and which host pages are held, by what.  Comparing the SPMC's list of
 * ranges costs a few instructions a range; only the ranges that changed
 * cost anything per page, nothing is compared while the SPMC's
 * generation of its held ranges stays the same, and only the ranges of
 * the handles that changed when the SPMC can say which
 * (spmc_held_changes(); TF-A's cannot, and all are compared).
 */
#ifndef SIM_HELD_H
#define SIM_HELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/exec/holders.h"
#include "spmc_mock/spmc.h"

struct held_range {
	uint64_t handle, pa, pages;	/* pages: 4K FF-A pages */
};

struct held;

struct held *held_new(size_t page_size);
void held_free(struct held *h);

/*
 * Catch up with what @spmc holds now: @changed hears of each range that
 * appeared (@added) or went, once its pages count as held, or no longer.
 */
void held_update(struct held *h, struct spmc *spmc,
		 void (*changed)(void *ctx, const struct held_range *r,
				 bool added),
		 void *ctx);

/* Who holds host page @page, or NULL; valid until the next update. */
const struct holder *held_page(const struct held *h, uint64_t page);
/* Is @r among the ranges held at the last update? */
bool held_range_held(const struct held *h, const struct held_range *r);

#endif /* SIM_HELD_H */
