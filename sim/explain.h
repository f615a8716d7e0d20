/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A scenario as a sequence of messages between the host, the EL2 proxy,
 * the SPMC and the partitions, built from the hops of a real run
 * (sim/trace.h) rather than from the scenario text: what ffa.c really
 * sent to the SPMC, what came back, which stage-2 changes and WARNs
 * happened, each decoded into FF-A names.  explain_mermaid.c,
 * explain_text.c and explain_svg.c draw it.
 */
#ifndef SIM_EXPLAIN_H
#define SIM_EXPLAIN_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/result.h"
#include "sim/scenario.h"
#include "sim/trace.h"

enum explain_actor {
	EXPLAIN_HOST,
	EXPLAIN_EL2,
	EXPLAIN_SPMC,
	EXPLAIN_PART0,		/* + the partition's index in the setup */
};

enum explain_item_kind {
	EXPLAIN_SECTION,	/* boot, a step: spans every actor */
	EXPLAIN_CALL,		/* an arrow from @from to @to */
	EXPLAIN_REPLY,		/* the answer, drawn dashed */
	EXPLAIN_NOTE,		/* over @from */
};

struct explain_item {
	enum explain_item_kind kind;
	int from, to;
	char *text;
	/*
	 * A call or an answer that crossed the conduit: its x0..x17
	 * (SMC_NR_REGS), and for an answer the call it answers, so that a
	 * drawing can decode every register in context.  NULL otherwise.
	 */
	uint64_t *regs, *request;
};

struct explain_actor_def {
	char *id;		/* "Host", "EL2", "P8001": safe in any syntax */
	char *label;		/* "EL2 proxy", "sp1 (0x8001)" */
	char *name;		/* "EL2", "sp1": for the text drawing */
};

struct explain {
	const struct scenario *s;
	const char *variant;	/* the proxy the run used */
	GPtrArray *actors;	/* of struct explain_actor_def * */
	GPtrArray *items;	/* of struct explain_item * */
	char *outcome;		/* "passed", "failed at step 3: ..." */
	/* While running: the step under way (-1: boot), and its hops. */
	int step;
	unsigned int step_hops;
	/* Boot's "hyp_ffa_init() = 0": traced first, drawn after its hops. */
	char *boot_result;
};

void explain_init(struct explain *e, const struct scenario *s);
void explain_free(struct explain *e);

/* Hooks for the run: the trace observer and exec_hooks.step_started. */
void explain_hop(void *ctx, const struct trace_hop *hop);
void explain_step_started(void *ctx, unsigned int idx, const struct step *st);
/* After the run: the verdict, and a note for a last step without hops. */
void explain_finish(struct explain *e, const struct scen_result *r);

/* The drawings, appended to @out. */
void explain_mermaid(const struct explain *e, GString *out);
void explain_text(const struct explain *e, GString *out);
/*
 * An <svg> element for an HTML page, titled @title.  With @link, the text
 * of each message that has registers links to "#@link<item index>".
 */
void explain_svg(const struct explain *e, const char *title,
		 const char *link, GString *out);

#endif /* SIM_EXPLAIN_H */
