/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each scenario in a child process of its own: ffa.c keeps state in
 * statics that nothing resets, and a fault, BUG or endless loop in it
 * must end one scenario, not the run.  The child sends its progress and
 * result back over a pipe; the parent runs up to N children at once,
 * kills one that overruns its time limit, and reports a child that died
 * with the step it was in.
 */
#ifndef SIM_ISOLATE_H
#define SIM_ISOLATE_H

#include <stdbool.h>

#include "sim/result.h"
#include "sim/scenario.h"

struct exec_hooks;

typedef void (*isolate_child_fn)(const struct scenario *s, bool trace,
				 const struct exec_hooks *hooks,
				 struct scen_result *r);

struct isolate_opts {
	unsigned int jobs;		/* children at once, >= 1 */
	double timeout;			/* seconds per scenario */
	bool trace;
	/* What a child runs; NULL: exec_scenario().  Tests hang or crash here. */
	isolate_child_fn child_run;
};

/*
 * Run every scenario of @scens (of struct scenario *); @done is called
 * with each result in the order of @scens, which the callee owns.
 */
void isolate_run_all(GPtrArray *scens, const struct isolate_opts *opts,
		     void (*done)(void *ctx, struct scen_result *r),
		     void *ctx);

/*
 * Run @fn in a child process and collect the text it returns, within
 * @timeout seconds: for one-off work that runs ffa.c, whose state must
 * not leak into this process (ffa-sim explain).  False with *why set
 * (g_free() it) when the child died, overran or could not start.
 */
bool isolate_capture(char *(*fn)(void *ctx), void *ctx, double timeout,
		     GByteArray *out, char **why);

#endif /* SIM_ISOLATE_H */
