// SPDX-License-Identifier: GPL-2.0-only
/*
 * The process's trace observer.  A static pair, like the hyp's own event
 * log: the scenario runs in this process (explain forks one for it), and
 * nothing in between needs to carry a pointer for the observer's sake.
 */
#include "sim/trace.h"

static trace_observer_fn observer;
static void *observer_ctx;

void trace_observe(trace_observer_fn fn, void *ctx)
{
	observer = fn;
	observer_ctx = ctx;
}

void trace_observe_line(const char *text)
{
	struct trace_hop hop = { .kind = TRACE_HOP_LINE, .text = text };

	if (observer)
		observer(observer_ctx, &hop);
}

void trace_observe_events(void)
{
	struct trace_hop hop = { .kind = TRACE_HOP_EVENTS };

	if (!observer)
		return;
	hop.events = hyp_events(&hop.nr_events);
	observer(observer_ctx, &hop);
}

void trace_observe_smc(const char *title, const uint64_t *in,
		       const uint64_t *out, enum hyp_exit exit,
		       const struct hyp_fault *fault)
{
	struct trace_hop hop = {
		.kind = TRACE_HOP_SMC,
		.title = title,
		.in = in,
		.out = out,
		.exit = exit,
		.fault = fault,
	};

	if (!observer)
		return;
	hop.events = hyp_events(&hop.nr_events);
	observer(observer_ctx, &hop);
}
