/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A scenario as a sequence of messages between the host, the EL2 proxy,
 * the SPMC and the partitions, built from the hops of a real run
 * (sim/exec/trace.h) rather than from the scenario text: what ffa.c really
 * sent to the SPMC, what came back, which stage-2 changes and WARNs
 * happened, each decoded into FF-A names.  explain_mermaid.c,
 * explain_text.c and explain_svg.c draw it.
 */
#ifndef SIM_EXPLAIN_H
#define SIM_EXPLAIN_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/exec/result.h"
#include "sim/lang/scenario.h"
#include "sim/exec/trace.h"

/*
 * Roles, not indexes: scenarios with driver: steps get two more lanes on
 * the left, the client driver and Linux's FF-A driver, whose SMCs are the
 * host's (struct explain's shift).
 */
/*
 * A scenario that uses several host CPUs has a host lane per CPU, side by
 * side: the role of CPU n's lane (CPU 0's is EXPLAIN_HOST).
 */
#define EXPLAIN_HOST_CPU(n)	(-100 - (int)(n))

enum explain_actor {
	EXPLAIN_CLIENT = -2,
	EXPLAIN_DRIVER = -1,
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
	int from, to;		/* indexes into actors: the role plus shift */
	char *text;
	/*
	 * A call or an answer that crossed the conduit: its x0..x17
	 * (SMC_NR_REGS), and for an answer the call it answers, so that a
	 * drawing can decode every register in context.  NULL otherwise.
	 */
	uint64_t *regs, *request;
	/* A note on a descriptor a message carried: its bytes. */
	uint8_t *desc;
	size_t desc_len;
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
	int shift;		/* index of EXPLAIN_HOST: 2 with driver lanes */
	unsigned int host_lanes;	/* host CPUs drawn: 1, or one per CPU */
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
