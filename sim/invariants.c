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
 *
 * Each of these is a property of single pages, and a step changes only a
 * few of them, so the checks are incremental.  After a step they look at
 * the pages whose state or pins changed (hyp_touched(), which starts from
 * a machine where every page is host-owned and unpinned), the pages of
 * the ranges the SPMC started or stopped holding, the host's mailboxes
 * before and after, and whatever failed last time.  Every other page is
 * as it was when it last passed.  So each check finds what a walk of all
 * of DRAM would find; when the record of changed pages overflows, it does
 * walk all of DRAM.
 */
#include "sim/exec_internal.h"
#include "sim/held.h"
#include "sim/page_set.h"

struct inv_state {
	struct held *held;
	struct page_set *check;	/* the pages to look at this time */
	GArray *bad_ranges;	/* held_range found outside DRAM */
	GArray *bad_pages;	/* pages that failed the last check */
	bool mapped;		/* the host's mailboxes at the last check */
	uint64_t tx, rx;
};

static bool invariants_on = true;

void exec_set_invariants(bool on)
{
	invariants_on = on;
}

static struct inv_state *state_of(struct exec *x)
{
	struct inv_state *v = x->inv;

	if (v)
		return v;
	v = g_new0(struct inv_state, 1);
	v->held = held_new(x->page_size);
	v->check = page_set_new(x->w.pm.dram_base, x->w.pm.dram_size,
				x->page_size);
	v->bad_ranges = g_array_new(FALSE, FALSE, sizeof(struct held_range));
	v->bad_pages = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	x->inv = v;
	return v;
}

void exec_invariants_free(struct exec *x)
{
	struct inv_state *v = x->inv;

	if (!v)
		return;
	held_free(v->held);
	page_set_free(v->check);
	g_array_free(v->bad_ranges, TRUE);
	g_array_free(v->bad_pages, TRUE);
	g_free(v);
	x->inv = NULL;
}

static uint64_t page_of(const struct exec *x, uint64_t pa)
{
	return pa & ~((uint64_t)x->page_size - 1);
}

/* ---- What the SPMC holds ---- */

/* Safety of what cannot change while held: it is DRAM. */
static bool range_in_dram(struct exec *x, const struct held_range *r)
{
	uint64_t pa, end = r->pa + r->pages * FFA_PAGE_SIZE;
	enum phys_kind kind;

	for (pa = r->pa; pa < end; pa += FFA_PAGE_SIZE) {
		kind = physmem_kind(&x->w.pm, pa);
		if (kind == PHYS_DRAM)
			continue;
		exec_fail(x, "invariant (safety): the SPMC holds %#llx (handle %#llx), which is %s, not DRAM",
			  (unsigned long long)pa, (unsigned long long)r->handle,
			  phys_kind_name(kind));
		return false;
	}
	return true;
}

/* A range came or went: its pages are to be looked at. */
static void range_changed(void *ctx, const struct held_range *r, bool added)
{
	struct exec *x = ctx;

	page_set_add(x->inv->check, r->pa, r->pages * FFA_PAGE_SIZE);
	if (added && !range_in_dram(x, r))
		g_array_append_val(x->inv->bad_ranges, *r);
}

/*
 * What failed stays failed while it lasts, and says so at every check,
 * as it would if every check walked everything.
 */
static void recheck_bad_ranges(struct exec *x)
{
	GArray *bad = x->inv->bad_ranges;
	const struct held_range *r;
	unsigned int i = 0;

	while (i < bad->len) {
		r = &g_array_index(bad, struct held_range, i);
		if (held_range_held(x->inv->held, r)) {
			range_in_dram(x, r);
			i++;
		} else {
			g_array_remove_index_fast(bad, i);
		}
	}
}

static void update_held(struct exec *x)
{
	recheck_bad_ranges(x);
	held_update(x->inv->held, x->w.spmc, range_changed, x);
}

/* ---- Which pages to look at ---- */

static void add_touched(struct exec *x)
{
	const struct hyp_touched *t;
	size_t n, i;

	if (!hyp_touched(&t, &n)) {
		page_set_add_all(x->inv->check);
		return;
	}
	for (i = 0; i < n; i++)
		page_set_add(x->inv->check, t[i].pa,
			     t[i].nr_pages * x->page_size);
}

/*
 * Pins are expected by whether a page is a mapped mailbox: when that
 * changes, the pages on both sides of the change.
 */
static void add_mailboxes(struct exec *x)
{
	struct inv_state *v = x->inv;

	if (v->mapped == x->mapped && v->tx == x->tx && v->rx == x->rx)
		return;
	if (v->mapped) {
		page_set_add(v->check, v->tx, 1);
		page_set_add(v->check, v->rx, 1);
	}
	if (x->mapped) {
		page_set_add(v->check, x->tx, 1);
		page_set_add(v->check, x->rx, 1);
	}
	v->mapped = x->mapped;
	v->tx = x->tx;
	v->rx = x->rx;
}

static void add_bad_pages(struct exec *x)
{
	GArray *bad = x->inv->bad_pages;
	unsigned int i;

	for (i = 0; i < bad->len; i++)
		page_set_add(x->inv->check, g_array_index(bad, uint64_t, i), 1);
	g_array_set_size(bad, 0);
}

/* ---- The checks of one page ---- */

static void check_safety(struct exec *x, const struct holder *h,
			 const struct hyp_page_info *info)
{
	int word = exec_page_word(info);

	if (word != PW_SHARED_WITH_FFA)
		exec_fail(x, "invariant (safety): the SPMC holds %#llx (handle %#llx), but the host stage-2 says %s",
			  (unsigned long long)h->pa,
			  (unsigned long long)h->handle, page_word_name(word));
}

/* The proxy pins the host's mailboxes while they are mapped, nothing else. */
static void check_pins(struct exec *x, uint64_t pa, const struct hyp_page_info *info)
{
	bool mbox = x->mapped && (pa == page_of(x, x->tx) ||
				  pa == page_of(x, x->rx));

	if (info->pins && exec_page_word(info) != PW_SHARED_WITH_HYP)
		exec_fail(x, "invariant: page %#llx is pinned %u times but not shared with the hyp",
			  (unsigned long long)pa, info->pins);
	else if (info->pins != (mbox ? 1 : 0))
		exec_fail(x, "invariant: page %#llx is pinned %u times, expected %u (%s)",
			  (unsigned long long)pa, info->pins, mbox ? 1 : 0,
			  mbox ? "a mapped mailbox" : "not a mapped mailbox");
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

static void check_stuck(struct exec *x, uint64_t pa,
			const struct hyp_page_info *info)
{
	if (info->owner != HYP_OWNER_HOST ||
	    info->completer != HYP_COMPLETER_FFA || stuck_allowed(x, pa))
		return;
	exec_fail(x, "invariant (availability): page %#llx is shared with FF-A but no transaction holds it (stuck)",
		  (unsigned long long)pa);
}

static void check_page(void *ctx, uint64_t pa)
{
	struct exec *x = ctx;
	size_t failed = x->fail->len;
	struct hyp_page_info info;
	const struct holder *h;

	if (hyp_page_info(pa, &info))
		return;
	h = held_page(x->inv->held, pa);
	if (h)
		check_safety(x, h, &info);
	check_pins(x, pa, &info);
	if (!h)
		check_stuck(x, pa, &info);
	if (x->fail->len != failed)
		g_array_append_val(x->inv->bad_pages, pa);
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
static void declare_stuck(struct exec *x, const struct step *st)
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
	/* Only DRAM pages can be stuck; it also bounds the walk below. */
	if (!physmem_is_ram(&x->w.pm, span.first,
			    span.last - span.first + x->page_size)) {
		exec_fail(x, "stuck: %#llx..%#llx is not all DRAM",
			  (unsigned long long)span.first,
			  (unsigned long long)span.last);
		return;
	}
	for (pa = span.first; pa <= span.last; pa += x->page_size) {
		hyp_page_info(pa, &info);
		if (info.completer != HYP_COMPLETER_FFA ||
		    held_page(x->inv->held, pa))
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
	if (!invariants_on)
		return;
	state_of(x);
	update_held(x);
	add_touched(x);
	hyp_touched_clear();
	add_mailboxes(x);
	add_bad_pages(x);
	if (st->stuck_first)
		declare_stuck(x, st);
	page_set_drain(x->inv->check, check_page, x);
	if (hyp_locks_held())
		exec_fail(x, "invariant: the proxy returned with %u hyp lock(s) held",
			  hyp_locks_held());
	check_spmc_mailboxes(x);
}
