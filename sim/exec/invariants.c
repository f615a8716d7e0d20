// SPDX-License-Identifier: GPL-2.0-only
/*
 * The invariants (invariants.h).  Each is a property of single pages, and
 * a step changes only a few of them, so the checks can be incremental:
 * after a step they look at the pages whose state or pins changed
 * (hyp_touched(), which starts from a machine where every page is
 * host-owned and unpinned), the pages of the ranges the SPMC started or
 * stopped holding, the host's mailboxes before and after, and whatever
 * failed last time.  Every other page is as it was when it last passed.
 * So each check finds what a walk of all of DRAM would find; when the
 * record of changed pages overflows, it does walk all of DRAM.
 */
#include "sim/exec/invariants.h"
#include "sim/exec/page_set.h"
#include "sim/lang/words.h"

struct inv_state {
	struct held *held;
	struct page_set *check;	/* the pages to look at this time */
	GArray *bad_ranges;	/* held_range found outside DRAM */
	GArray *bad_pages;	/* pages that failed the last check */
	bool mapped;		/* the host's mailboxes at the last check */
	uint64_t tx, rx;
	/* The SPMC's mailboxes passed at rx_gen with the proxy's at lo..hi */
	bool spmc_rx_passed;
	uint64_t spmc_rx_gen, proxy_lo, proxy_hi;
	const struct inv_machine *m;	/* during a check */
	bool page_failed;
};

struct inv_state *inv_new(const struct inv_machine *m)
{
	struct inv_state *v = g_new0(struct inv_state, 1);

	v->held = held_new(m->page_size);
	v->check = page_set_new(m->pm->dram_base, m->pm->dram_size,
				m->page_size);
	v->bad_ranges = g_array_new(FALSE, FALSE, sizeof(struct held_range));
	v->bad_pages = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	return v;
}

void inv_free(struct inv_state *v)
{
	if (!v)
		return;
	held_free(v->held);
	page_set_free(v->check);
	g_array_free(v->bad_ranges, TRUE);
	g_array_free(v->bad_pages, TRUE);
	g_free(v);
}

static void report(struct inv_state *v, const struct inv_violation *iv)
{
	v->page_failed = true;
	v->m->report(v->m->ctx, iv);
}

static uint64_t page_of(const struct inv_machine *m, uint64_t pa)
{
	return pa & ~((uint64_t)m->page_size - 1);
}

/* ---- What the SPMC holds ---- */

/* Safety of what cannot change while held: it is DRAM. */
static bool range_in_dram(struct inv_state *v, const struct held_range *r)
{
	uint64_t pa, end = r->pa + r->pages * FFA_PAGE_SIZE;
	enum phys_kind kind;

	for (pa = r->pa; pa < end; pa += FFA_PAGE_SIZE) {
		kind = physmem_kind(v->m->pm, pa);
		if (kind == PHYS_DRAM)
			continue;
		report(v, &(struct inv_violation){
			.rule = INV_HELD_NOT_DRAM, .pa = pa,
			.handle = r->handle, .phys = kind,
		});
		return false;
	}
	return true;
}

/* A range came or went: its pages are to be looked at. */
static void range_changed(void *ctx, const struct held_range *r, bool added)
{
	struct inv_state *v = ctx;

	page_set_add(v->check, r->pa, r->pages * FFA_PAGE_SIZE);
	if (added && !range_in_dram(v, r))
		g_array_append_val(v->bad_ranges, *r);
}

/*
 * What failed stays failed while it lasts, and says so at every check,
 * as it would if every check walked everything.
 */
static void recheck_bad_ranges(struct inv_state *v)
{
	GArray *bad = v->bad_ranges;
	const struct held_range *r;
	unsigned int i = 0;

	while (i < bad->len) {
		r = &g_array_index(bad, struct held_range, i);
		if (held_range_held(v->held, r)) {
			range_in_dram(v, r);
			i++;
		} else {
			g_array_remove_index_fast(bad, i);
		}
	}
}

/* ---- Which pages to look at ---- */

static void add_touched(struct inv_state *v)
{
	const struct hyp_touched *t;
	size_t n, i;

	if (!hyp_touched(&t, &n)) {
		page_set_add_all(v->check);
		return;
	}
	for (i = 0; i < n; i++)
		page_set_add(v->check, t[i].pa,
			     t[i].nr_pages * v->m->page_size);
}

/*
 * Pins are expected by whether a page is a mapped mailbox: when that
 * changes, the pages on both sides of the change.
 */
static void add_mailboxes(struct inv_state *v)
{
	const struct inv_machine *m = v->m;

	if (v->mapped == m->mapped && v->tx == m->tx && v->rx == m->rx)
		return;
	if (v->mapped) {
		page_set_add(v->check, v->tx, 1);
		page_set_add(v->check, v->rx, 1);
	}
	if (m->mapped) {
		page_set_add(v->check, m->tx, 1);
		page_set_add(v->check, m->rx, 1);
	}
	v->mapped = m->mapped;
	v->tx = m->tx;
	v->rx = m->rx;
}

static void add_bad_pages(struct inv_state *v)
{
	GArray *bad = v->bad_pages;
	unsigned int i;

	if (!bad->len)
		return;
	for (i = 0; i < bad->len; i++)
		page_set_add(v->check, g_array_index(bad, uint64_t, i), 1);
	g_array_set_size(bad, 0);
}

void inv_begin(struct inv_state *v, const struct inv_machine *m, bool all)
{
	v->m = m;
	recheck_bad_ranges(v);
	held_update(v->held, m->spmc, range_changed, v);
	if (all) {
		page_set_add_all(v->check);
	} else {
		add_touched(v);
		hyp_touched_clear();
	}
	add_mailboxes(v);
	add_bad_pages(v);
}

const struct holder *inv_holder(const struct inv_state *v, uint64_t page)
{
	return held_page(v->held, page);
}

/* ---- The checks of one page ---- */

static void check_safety(struct inv_state *v, const struct holder *h,
			 const struct hyp_page_info *info)
{
	if (page_word_of(info) != PW_SHARED_WITH_FFA)
		report(v, &(struct inv_violation){
			.rule = INV_HELD_NOT_SHARED, .pa = h->pa,
			.handle = h->handle, .info = info,
		});
}

/* The proxy pins the host's mailboxes while they are mapped, nothing else. */
static void check_pins(struct inv_state *v, uint64_t pa,
		       const struct hyp_page_info *info)
{
	const struct inv_machine *m = v->m;
	bool mbox = m->mapped && (pa == page_of(m, m->tx) ||
				  pa == page_of(m, m->rx));

	/* A panic can stop a call between its pins and its unpins. */
	if (m->panicked)
		return;
	if (info->pins && page_word_of(info) != PW_SHARED_WITH_HYP)
		report(v, &(struct inv_violation){
			.rule = INV_PINNED_NOT_SHARED, .pa = pa, .info = info,
		});
	else if (info->pins != (mbox ? 1 : 0))
		report(v, &(struct inv_violation){
			.rule = INV_PIN_COUNT, .pa = pa, .info = info,
			.mailbox = mbox,
		});
}

static bool stuck_declared(const struct inv_machine *m, uint64_t pa)
{
	unsigned int i;

	for (i = 0; i < m->nr_stuck; i++)
		if (pa >= m->stuck[i].first && pa <= m->stuck[i].last)
			return true;
	return false;
}

static bool stuck(const struct inv_state *v, const struct inv_machine *m,
		  uint64_t pa, const struct hyp_page_info *info)
{
	return info->owner == HYP_OWNER_HOST &&
	       info->completer == HYP_COMPLETER_FFA &&
	       !held_page(v->held, pa) && !stuck_declared(m, pa);
}

bool inv_page_stuck(const struct inv_state *v, const struct inv_machine *m,
		    uint64_t pa)
{
	struct hyp_page_info info;

	hyp_page_info(pa, &info);
	return stuck(v, m, pa, &info);
}

static void check_page(void *ctx, uint64_t pa)
{
	struct inv_state *v = ctx;
	struct hyp_page_info info;
	const struct holder *h;

	if (hyp_page_info(pa, &info))
		return;
	v->page_failed = false;
	h = held_page(v->held, pa);
	if (h)
		check_safety(v, h, &info);
	check_pins(v, pa, &info);
	if (!h && stuck(v, v->m, pa, &info))
		report(v, &(struct inv_violation){
			.rule = INV_STUCK, .pa = pa, .info = &info,
		});
	if (v->page_failed)
		g_array_append_val(v->bad_pages, pa);
}

/*
 * The verdict follows from where the SPMC maps its mailboxes and where
 * the proxy's pages are: when neither moved since it passed, it passes.
 * One that failed is made again, and says so again.
 */
static void check_spmc_mailboxes(struct inv_state *v)
{
	uint64_t gen = spmc_rx_generation(v->m->spmc);
	uint64_t lo = hyp_proxy_pages_pa();
	uint64_t hi = lo + hyp_proxy_nr_pages() * v->m->page_size;
	struct spmc_rx_info rx;

	if (v->spmc_rx_passed && gen == v->spmc_rx_gen &&
	    lo == v->proxy_lo && hi == v->proxy_hi)
		return;
	spmc_rx_state(v->m->spmc, &rx);
	v->spmc_rx_passed = !rx.mapped ||
			    (rx.tx_pa >= lo && rx.tx_pa < hi &&
			     rx.rx_pa >= lo && rx.rx_pa < hi);
	v->spmc_rx_gen = gen;
	v->proxy_lo = lo;
	v->proxy_hi = hi;
	if (!v->spmc_rx_passed)
		report(v, &(struct inv_violation){
			.rule = INV_SPMC_MAILBOX, .pa = rx.tx_pa,
			.rx_pa = rx.rx_pa,
		});
}

void inv_finish(struct inv_state *v, struct inv_machine *m)
{
	v->m = m;
	page_set_drain(v->check, check_page, v);
	/* A panicked CPU never releases what it held: that is no bug. */
	if (!m->panicked && hyp_locks_held() > m->locks_before)
		report(v, &(struct inv_violation){
			.rule = INV_LOCKS,
			.locks = hyp_locks_held() - m->locks_before,
		});
	check_spmc_mailboxes(v);
	v->m = NULL;
}
