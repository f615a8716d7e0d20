/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What one scenario run produced, as the reporters see it.  The runner
 * fills these (in a child process, then carried back over a pipe), the
 * expectations file turns a failure into a known one, and the reporters
 * print them.  Everything here is plain data so it can cross a fork.
 */
#ifndef SIM_RESULT_H
#define SIM_RESULT_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

struct scen_picture;

enum scen_status {
	SCEN_PASS,
	SCEN_FAIL,	/* an expectation or an invariant did not hold */
	SCEN_SKIP,	/* a requirement on the environment is unmet */
	SCEN_CRASH,	/* fault, BUG, time limit, or the child died */
};

/* How a status compares with the expectations file's verdict. */
enum scen_verdict {
	VERDICT_PASS,		/* passed, as expected */
	VERDICT_FAIL,		/* failed, not listed as known */
	VERDICT_SKIP,
	VERDICT_KNOWN_FAIL,	/* failed as listed (same outcome): green */
	/*
	 * Listed as failing but passed, on the tree the file describes: the
	 * file is stale, red.  Counted as fixed.
	 */
	VERDICT_UNEXPECTED_PASS,
	/* Listed for the base, passes with the variant's series: green. */
	VERDICT_FIXED,
	/* Listed, but fails with another outcome than recorded: red. */
	VERDICT_FAILS_DIFFERENTLY,
};

struct scen_step_result {
	char *title;		/* "call FFA_VERSION", "share", ... */
	unsigned int line;	/* of the step in the scenario file */
	bool ok;
	char *got;		/* a driver: step's: what the client got, or NULL */
};

struct scen_result {
	char *id;		/* scenario name, "name[case]" for a case */
	char *file;
	unsigned int line;
	char *description;
	GPtrArray *tags;	/* of char * */
	enum scen_status status;
	enum scen_verdict verdict;
	char *message;		/* why it failed, crashed or was skipped */
	char *known_reason;	/* the expectations file's reason, if listed */
	char *known_outcome;	/* the outcome it records, if listed */
	/* The file describes the base of this variant's patch series. */
	bool on_series;
	char *trace;		/* --trace text, or NULL */
	GArray *steps;		/* of struct scen_step_result */
	/* Titles of the scenario's steps that did not run (char *). */
	GPtrArray *unreached;
	double seconds;
	/*
	 * --html: the hops and the page map, or NULL.  Opaque here: the
	 * pictures belong to the views above, which hand over their own
	 * destructor with scen_result_attach_picture().
	 */
	struct scen_picture *picture;
	void (*picture_free)(struct scen_picture *picture);
};

struct scen_result *scen_result_new(const char *id, const char *file,
				    unsigned int line);
void scen_result_free(struct scen_result *r);
void scen_result_attach_picture(struct scen_result *r, struct scen_picture *p,
				void (*picture_free)(struct scen_picture *p));
void scen_result_add_step(struct scen_result *r, const char *title,
			  unsigned int line, bool ok);
/* What the client got back in the last step added (a driver: step). */
void scen_result_step_got(struct scen_result *r, const char *got);

const char *scen_status_name(enum scen_status status);
const char *scen_verdict_name(enum scen_verdict verdict);
/* Does this verdict make the run red? */
bool scen_verdict_is_failure(enum scen_verdict verdict);

/*
 * How the scenario went wrong, on one line: "step 4 (frag_tx): hyp panic:
 * WARN at ffa.c:446 in do_ffa_mem_frag_tx: ...", "setup: ...", or "" when
 * it passed.  The step and its first difference, as expectations files
 * record it; for an order a concurrent step's exploration found failing,
 * the order and what failed in it; under a CPU's heading, the heading and
 * its first difference.
 */
char *scen_result_outcome(const struct scen_result *r);
/*
 * An outcome without what moves when unrelated code does: the line
 * numbers of FILE.c:LINE.  Two outcomes with the same key are the same
 * behaviour.
 */
char *scen_outcome_key(const char *outcome);
bool scen_outcomes_match(const char *a, const char *b);

/*
 * A whole run: the results in order, plus the notices to print once
 * (a fallback expectations file, hunks that are not modelled).
 */
struct run_summary {
	GPtrArray *results;	/* of struct scen_result * */
	GPtrArray *notices;	/* of char * */
	char *variant;
	unsigned int passed, failed, skipped, known_failures;
	unsigned int fixed;	/* FIXED and UNEXPECTED_PASS */
	unsigned int stale;	/* UNEXPECTED_PASS: makes the run red */
};

void run_summary_init(struct run_summary *s, const char *variant);
void run_summary_add(struct run_summary *s, struct scen_result *r);
void run_summary_free(struct run_summary *s);
/*
 * "N passed, N failed" (what CI parses) + ", N fixed" + ", N skipped" +
 * ", N known failures".
 */
char *run_summary_line(const struct run_summary *s);
/* Is the run red: a failure, or an expectations file gone stale? */
bool run_summary_is_red(const struct run_summary *s);

#endif /* SIM_RESULT_H */
