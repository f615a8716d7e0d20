/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The invariants of the proxy (docs/architecture.md), one set of rules for
 * the scenario runner and the fuzzer's oracle:
 *  1. safety: every normal-world page the SPMC holds is DRAM, and a host
 *     page that the host stage-2 marks shared with FF-A;
 *  2. availability: a page shared with FF-A that no transaction holds is
 *     stuck, allowed only where it was declared stuck;
 *  3. no hyp lock held after a call, the host's mapped mailboxes pinned
 *     once and no other page pinned, and the SPMC maps the proxy's own
 *     mailboxes, never the host's.
 *
 * After a hyp panic (a WARN, BUG or fault at EL2) the machine stops in
 * the middle of a call: 1, 2 and the SPMC's mailboxes still must hold,
 * locks and pins are whatever the call had reached.
 *
 * A check sees only the machine (struct inv_machine): DRAM, the SPMC, the
 * host's mailboxes, the declared stuck spans, and a way to report; each
 * broken rule is reported as a struct inv_violation, which the caller
 * words as it needs.  A check is two calls, so that pages can be declared
 * stuck in between, knowing what the SPMC holds now.
 */
#ifndef SIM_INVARIANTS_H
#define SIM_INVARIANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/physmem.h"
#include "proxy/hyp/hyp.h"
#include "sim/exec/held.h"
#include "spmc_mock/spmc.h"

/* Host pages, inclusive, where availability is not asked for. */
struct stuck_span {
	uint64_t first, last;	/* page addresses, inclusive */
	const char *reason;
};

enum inv_rule {
	INV_HELD_NOT_DRAM,	/* safety: a held FF-A page is not DRAM */
	INV_HELD_NOT_SHARED,	/* safety: a held page is not shared with FF-A */
	INV_PINNED_NOT_SHARED,	/* a pinned page is not shared with the hyp */
	INV_PIN_COUNT,		/* pins: 1 for a mapped mailbox, else 0 */
	INV_STUCK,		/* availability */
	INV_LOCKS,		/* hyp locks held after the call */
	INV_SPMC_MAILBOX,	/* the SPMC's mailboxes are not the proxy's */
};

struct inv_violation {
	enum inv_rule rule;
	uint64_t pa;		/* the page; INV_SPMC_MAILBOX: the SPMC's TX */
	uint64_t handle;	/* INV_HELD_*: what holds it */
	enum phys_kind phys;	/* INV_HELD_NOT_DRAM: what pa is instead */
	const struct hyp_page_info *info;	/* page rules: its state */
	bool mailbox;		/* INV_PIN_COUNT: a mapped mailbox */
	uint64_t rx_pa;		/* INV_SPMC_MAILBOX: the SPMC's RX */
	unsigned int locks;	/* INV_LOCKS: how many beyond locks_before */
};

struct inv_machine {
	const struct physmem *pm;
	struct spmc *spmc;
	size_t page_size;
	/* The host's mailboxes, as its own calls left them. */
	bool mapped;
	uint64_t tx, rx;
	/* Read as the check goes: a report may declare more. */
	const struct stuck_span *stuck;
	unsigned int nr_stuck;
	unsigned int locks_before;
	bool panicked;		/* the last call ended in a hyp panic */
	void (*report)(void *ctx, const struct inv_violation *v);
	void *ctx;
};

struct inv_state;

/* What one machine's checks remember from one to the next. */
struct inv_state *inv_new(const struct inv_machine *m);
void inv_free(struct inv_state *v);

/*
 * Catch up with what the SPMC holds (reporting held ranges that are not
 * DRAM) and gather the pages to look at: every page of DRAM when @all,
 * else only those that can have changed since the last check (the
 * pages the hyp model touched, the ranges that came or went, the
 * mailboxes before and after, what failed last time).  Either finds what
 * a walk of all of DRAM would.
 */
void inv_begin(struct inv_state *v, const struct inv_machine *m, bool all);
/* Between the two: what holds host page @page, and is it stuck? */
const struct holder *inv_holder(const struct inv_state *v, uint64_t page);
bool inv_page_stuck(const struct inv_state *v, const struct inv_machine *m,
		    uint64_t pa);
/* Check the pages gathered, the hyp locks and the SPMC's mailboxes. */
void inv_finish(struct inv_state *v, struct inv_machine *m);

#endif /* SIM_INVARIANTS_H */
