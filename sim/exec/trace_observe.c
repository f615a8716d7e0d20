// SPDX-License-Identifier: GPL-2.0-only
/*
 * The process's trace observer.  A static pair, like the hyp's own event
 * log: the scenario runs in this process (explain forks one for it), and
 * nothing in between needs to carry a pointer for the observer's sake.
 */
#include <glib.h>

#include "sim/decode/decode_desc.h"
#include "sim/exec/trace.h"
#include "spmc_mock/ffa_abi.h"

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
		       const struct hyp_fault *fault,
		       struct trace_desc *const *descs, size_t nr_descs)
{
	struct trace_hop hop;

	/* Asked after every host SMC: nothing to build when no one looks. */
	if (!observer)
		return;
	hop = (struct trace_hop){
		.kind = TRACE_HOP_SMC,
		.title = title,
		.in = in,
		.out = out,
		.exit = exit,
		.fault = fault,
		.descs = descs,
		.nr_descs = nr_descs,
		.cpu = hyp_this_cpu(),
	};
	hop.events = hyp_events(&hop.nr_events);
	observer(observer_ctx, &hop);
}

void trace_desc_free(struct trace_desc *d)
{
	if (!d)
		return;
	/* The bytes are part of @d's allocation (carried.c). */
	g_free(d->saved);
	g_free(d);
}

/*
 * What a descriptor's call says of it: a fragment after the first only
 * continues one; a first fragment is the start of a longer one.
 */
void trace_desc_words(const struct trace_desc *d, const uint64_t *regs,
		      GString *out)
{
	uint32_t fid = (uint32_t)regs[0] & ~SMCCC_SVE_HINT;
	uint64_t total = (uint32_t)regs[1];

	if (fid == FFA_MEM_FRAG_TX || fid == FFA_MEM_FRAG_RX) {
		g_string_append_printf(out, "a fragment of %zu bytes, continuing the descriptor",
				       d->len);
		return;
	}
	/* The hypervisor's retrieve request names no endpoint, by design. */
	if ((fid & ~SMCCC_SMC64) == FFA_MEM_RETRIEVE_REQ &&
	    d->len >= FFA_MTD_SIZE_1_0 && !ffa_get32(d->bytes + FFA_MTD_EMAD_COUNT)) {
		g_string_append_printf(out, "%zu bytes: the hypervisor's retrieve request of handle %#llx",
				       d->len, (unsigned long long)
				       ffa_get64(d->bytes + FFA_MTD_HANDLE));
		return;
	}
	if (total > d->len)
		g_string_append_printf(out, "the first %zu of %llu bytes: ",
				       d->len, (unsigned long long)total);
	else
		g_string_append_printf(out, "%zu bytes: ", d->len);
	decode_descriptor_brief(d->bytes, d->len, total <= d->len, out);
}
