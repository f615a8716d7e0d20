// SPDX-License-Identifier: GPL-2.0-only
/*
 * The invariants of design.md, checked after every step:
 *  1. safety: every normal-world page the SPMC holds is a host page that
 *     the host stage-2 marks shared with FF-A;
 *  2. availability: a page shared with FF-A that no transaction holds is
 *     stuck, allowed only where the scenario declared it with a reason;
 *  3. no hyp lock held, the host's mapped mailboxes pinned once and no
 *     other page pinned, and the SPMC maps the proxy's own mailboxes,
 *     never the host's.
 */
#include <string.h>

#include "sim/exec_internal.h"

struct held {
	struct exec *x;
	GHashTable *pages;	/* host page addresses the SPMC holds */
};

static void check_held_range(void *ctx, uint64_t handle,
			     const struct spmc_range *range)
{
	struct held *h = ctx;
	struct exec *x = h->x;
	struct hyp_page_info info;
	uint64_t pa, end = range->pa + range->pages * FFA_PAGE_SIZE;

	for (pa = range->pa; pa < end; pa += FFA_PAGE_SIZE) {
		uint64_t page = pa & ~((uint64_t)x->page_size - 1);
		int word;

		g_hash_table_add(h->pages, g_memdup2(&page, sizeof(page)));
		if (physmem_kind(&x->w.pm, pa) != PHYS_DRAM) {
			exec_fail(x, "invariant (safety): the SPMC holds %#llx (handle %#llx), which is %s, not DRAM",
				  (unsigned long long)pa, (unsigned long long)handle,
				  phys_kind_name(physmem_kind(&x->w.pm, pa)));
			return;
		}
		hyp_page_info(page, &info);
		word = exec_page_word(&info);
		if (word != PW_SHARED_WITH_FFA) {
			exec_fail(x, "invariant (safety): the SPMC holds %#llx (handle %#llx), but the host stage-2 says %s",
				  (unsigned long long)pa, (unsigned long long)handle,
				  page_word_name(word));
			return;
		}
	}
}

static const struct stuck_span *stuck_allowed(struct exec *x, uint64_t pa)
{
	unsigned int i;

	for (i = 0; i < x->stuck->len; i++) {
		const struct stuck_span *s = &g_array_index(x->stuck,
							    struct stuck_span, i);

		if (pa >= s->first && pa <= s->last)
			return s;
	}
	return NULL;
}

/* The proxy pins the host's mailboxes while they are mapped, nothing else. */
static void check_pins(struct exec *x, uint64_t pa, const struct hyp_page_info *info)
{
	uint64_t mask = ~((uint64_t)x->page_size - 1);
	bool mbox = x->mapped && (pa == (x->tx & mask) || pa == (x->rx & mask));

	if (info->pins && exec_page_word(info) != PW_SHARED_WITH_HYP)
		exec_fail(x, "invariant: page %#llx is pinned %u times but not shared with the hyp",
			  (unsigned long long)pa, info->pins);
	else if (info->pins != (mbox ? 1 : 0))
		exec_fail(x, "invariant: page %#llx is pinned %u times, expected %u (%s)",
			  (unsigned long long)pa, info->pins, mbox ? 1 : 0,
			  mbox ? "a mapped mailbox" : "not a mapped mailbox");
}

static void check_dram_pages(struct exec *x, GHashTable *held)
{
	const struct physmem *pm = &x->w.pm;
	struct hyp_page_info info;
	uint64_t pa;

	for (pa = pm->dram_base; pa < pm->dram_base + pm->dram_size;
	     pa += x->page_size) {
		if (hyp_page_info(pa, &info))
			continue;
		check_pins(x, pa, &info);
		if (info.owner != HYP_OWNER_HOST ||
		    info.completer != HYP_COMPLETER_FFA ||
		    g_hash_table_contains(held, &pa) || stuck_allowed(x, pa))
			continue;
		exec_fail(x, "invariant (availability): page %#llx is shared with FF-A but no transaction holds it (stuck)",
			  (unsigned long long)pa);
	}
}

static void check_spmc_mailboxes(struct exec *x)
{
	uint64_t lo = hyp_proxy_pages_pa();
	uint64_t hi = lo + hyp_proxy_nr_pages() * x->page_size;
	struct spmc_rx_info rx;

	spmc_rx_state(x->w.spmc, &rx);
	if (!rx.mapped)
		return;
	if (rx.tx_pa < lo || rx.tx_pa >= hi || rx.rx_pa < lo || rx.rx_pa >= hi)
		exec_fail(x, "invariant: the SPMC maps mailboxes at %#llx/%#llx, outside the proxy's own pages",
			  (unsigned long long)rx.tx_pa,
			  (unsigned long long)rx.rx_pa);
}

/* A stuck: declaration must be true when made, or it hides nothing. */
static void declare_stuck(struct exec *x, const struct step *st,
			  GHashTable *held)
{
	struct stuck_span span = { .reason = st->stuck_reason };
	struct hyp_page_info info;
	uint64_t pa;

	if (!exec_eval(x, st->stuck_first, &span.first) ||
	    !exec_eval(x, st->stuck_last, &span.last))
		return;
	if (span.last < span.first) {
		exec_fail(x, "stuck: the last page %#llx is below the first %#llx",
			  (unsigned long long)span.last,
			  (unsigned long long)span.first);
		return;
	}
	for (pa = span.first; pa <= span.last; pa += x->page_size) {
		hyp_page_info(pa, &info);
		if (info.completer != HYP_COMPLETER_FFA ||
		    g_hash_table_contains(held, &pa))
			exec_fail(x, "stuck: page %#llx is not stuck (%s)",
				  (unsigned long long)pa,
				  info.completer == HYP_COMPLETER_FFA ?
				  "a transaction holds it" :
				  "it is not shared with FF-A");
	}
	g_array_append_val(x->stuck, span);
}

void exec_check_invariants(struct exec *x, const struct step *st)
{
	struct held h = {
		.x = x,
		.pages = g_hash_table_new_full(g_int64_hash, g_int64_equal,
					       g_free, NULL),
	};

	spmc_for_each_held_range(x->w.spmc, check_held_range, &h);
	if (st->stuck_first)
		declare_stuck(x, st, h.pages);
	check_dram_pages(x, h.pages);
	if (hyp_locks_held())
		exec_fail(x, "invariant: the proxy returned with %u hyp lock(s) held",
			  hyp_locks_held());
	check_spmc_mailboxes(x);
	g_hash_table_destroy(h.pages);
}
