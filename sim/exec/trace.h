/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hops of a scenario run as data, for whoever draws them rather than
 * prints them (ffa-sim explain): the same moments --trace words, handed
 * over before they become text.  One observer per process, as there is
 * one EL2 whose event log the hops come from; trace.c reports to it
 * whether or not --trace is on.
 */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxy/hyp/hyp.h"

enum trace_hop_kind {
	TRACE_HOP_SMC,		/* a host SMC and what EL2 did for it */
	TRACE_HOP_EVENTS,	/* EL2 events outside a host SMC (boot) */
	TRACE_HOP_LINE,		/* any other trace line */
};

/*
 * A memory transaction descriptor (or a fragment) that a hop carried: the
 * host's own call (@el3 -1), or the @el3-th SMC between EL2 (or the host)
 * and the SPMC of the host SMC, read from a TX buffer (@to_spmc) or
 * written to an RX buffer.  @saved: the file it was saved to, or NULL.
 */
struct trace_desc {
	int el3;
	bool to_spmc;
	uint8_t *bytes;
	size_t len;
	char *saved;
	size_t room;		/* for @bytes, which follow the record */
};

struct trace_hop {
	enum trace_hop_kind kind;
	const char *title;		/* SMC: the step's title */
	const uint64_t *in, *out;	/* SMC: x0..x17 */
	enum hyp_exit exit;		/* SMC */
	const struct hyp_fault *fault;	/* SMC: when exit is FAULT or BUG */
	const struct hyp_event *events;	/* SMC, EVENTS */
	size_t nr_events;
	const char *text;		/* LINE: "inject: ...", "partition ..." */
	struct trace_desc *const *descs;	/* SMC: what it carried */
	unsigned int cpu;		/* SMC: the host CPU that made it */
	size_t nr_descs;
};

typedef void (*trace_observer_fn)(void *ctx, const struct trace_hop *hop);

/* Start (or with a NULL @fn stop) handing hops to @fn. */
void trace_observe(trace_observer_fn fn, void *ctx);

/*
 * For trace.c, at the moments it traces: a line, the hyp's events of the
 * last call into EL2 (boot), a host SMC with those events.  Each goes to
 * the observer, if there is one.
 */
void trace_observe_line(const char *text);
void trace_observe_events(void);
void trace_observe_smc(const char *title, const uint64_t *in,
		       const uint64_t *out, enum hyp_exit exit,
		       const struct hyp_fault *fault,
		       struct trace_desc *const *descs, size_t nr_descs);

void trace_desc_free(struct trace_desc *d);
/*
 * @d in a line, as its call @regs (the answer's, for an answer) shows it:
 * a fragment, the start of a longer descriptor, or the whole one.
 */
void trace_desc_words(const struct trace_desc *d, const uint64_t *regs,
		      GString *out);

#endif /* SIM_TRACE_H */
