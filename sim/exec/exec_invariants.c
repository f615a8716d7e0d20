// SPDX-License-Identifier: GPL-2.0-only
/*
 * The invariants (invariants.h) after every step of a scenario, worded as
 * step failures, and the scenario's stuck: declarations, which must be
 * true when made.
 */
#include "sim/exec/exec_internal.h"
#include "sim/exec/invariants.h"

static bool invariants_on = true;

void exec_set_invariants(bool on)
{
	invariants_on = on;
}

void exec_invariants_free(struct exec *x)
{
	inv_free(x->inv);
	x->inv = NULL;
}

static void fail_violation(void *ctx, const struct inv_violation *v)
{
	struct exec *x = ctx;
	unsigned long long pa = v->pa;

	switch (v->rule) {
	case INV_HELD_NOT_DRAM:
		exec_fail(x, "invariant (safety): the SPMC holds %#llx (handle %#llx), which is %s, not DRAM",
			  pa, (unsigned long long)v->handle,
			  phys_kind_name(v->phys));
		break;
	case INV_HELD_NOT_SHARED:
		exec_fail(x, "invariant (safety): the SPMC holds %#llx (handle %#llx), but the host stage-2 says %s",
			  pa, (unsigned long long)v->handle,
			  page_word_name(page_word_of(v->info)));
		break;
	case INV_PINNED_NOT_SHARED:
		exec_fail(x, "invariant: page %#llx is pinned %u times but not shared with the hyp",
			  pa, v->info->pins);
		break;
	case INV_PIN_COUNT:
		exec_fail(x, "invariant: page %#llx is pinned %u times, expected %u (%s)",
			  pa, v->info->pins, v->mailbox ? 1 : 0,
			  v->mailbox ? "a mapped mailbox" : "not a mapped mailbox");
		break;
	case INV_STUCK:
		exec_fail(x, "invariant (availability): page %#llx is shared with FF-A but no transaction holds it (stuck)",
			  pa);
		break;
	case INV_LOCKS:
		exec_fail(x, "invariant: the proxy returned with %u hyp lock(s) held",
			  v->locks);
		break;
	case INV_SPMC_MAILBOX:
		exec_fail(x, "invariant: the SPMC maps mailboxes at %#llx/%#llx, outside the proxy's own pages",
			  pa, (unsigned long long)v->rx_pa);
		break;
	}
}

/* What the checks see of the scenario's machine. */
static struct inv_machine machine_of(struct exec *x)
{
	return (struct inv_machine){
		.pm = &x->w.pm, .spmc = x->w.spmc, .page_size = x->page_size,
		.mapped = x->mapped, .tx = x->tx, .rx = x->rx,
		.stuck = (const struct stuck_span *)x->stuck->data,
		.nr_stuck = x->stuck->len, .panicked = x->panicked,
		.report = fail_violation, .ctx = x,
	};
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
		if (info.completer != HYP_COMPLETER_FFA || inv_holder(x->inv, pa))
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
	struct inv_machine m = machine_of(x);

	if (!invariants_on)
		return;
	if (!x->inv)
		x->inv = inv_new(&m);
	inv_begin(x->inv, &m, false);
	/* A declaration adds a stuck span: the checks must see it. */
	if (st->stuck_first) {
		declare_stuck(x, st);
		m = machine_of(x);
	}
	inv_finish(x->inv, &m);
}
