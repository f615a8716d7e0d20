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
	VERDICT_KNOWN_FAIL,	/* failed, and listed: the run stays green */
	VERDICT_UNEXPECTED_PASS, /* listed as failing but passed: red */
};

struct scen_step_result {
	char *title;		/* "call FFA_VERSION", "share", ... */
	unsigned int line;	/* of the step in the scenario file */
	bool ok;
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
	char *trace;		/* --trace text, or NULL */
	GArray *steps;		/* of struct scen_step_result */
	double seconds;
	/* --html: the hops and the page map (sim/picture.h), or NULL */
	struct scen_picture *picture;
};

struct scen_result *scen_result_new(const char *id, const char *file,
				    unsigned int line);
void scen_result_free(struct scen_result *r);
void scen_result_add_step(struct scen_result *r, const char *title,
			  unsigned int line, bool ok);

const char *scen_status_name(enum scen_status status);
const char *scen_verdict_name(enum scen_verdict verdict);
/* Does this verdict make the run red? */
bool scen_verdict_is_failure(enum scen_verdict verdict);

/*
 * A whole run: the results in order, plus the notices to print once
 * (a fallback expectations file, hunks that are not modelled).
 */
struct run_summary {
	GPtrArray *results;	/* of struct scen_result * */
	GPtrArray *notices;	/* of char * */
	char *variant;
	unsigned int passed, failed, skipped, known_failures;
};

void run_summary_init(struct run_summary *s, const char *variant);
void run_summary_add(struct run_summary *s, struct scen_result *r);
void run_summary_free(struct run_summary *s);
/* "N passed, N failed" + ", N skipped" + ", N known failures". */
char *run_summary_line(const struct run_summary *s);

#endif /* SIM_RESULT_H */
