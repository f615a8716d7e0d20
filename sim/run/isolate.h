/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scenarios in worker processes: ffa.c keeps state in statics, and a
 * fault, BUG or endless loop in it must end one scenario, not the run.
 * A few long-lived workers, started before the suite is loaded so that
 * none of them carries it, each run one scenario at a time and put the
 * machine back between scenarios (proxy/hyp/statics.c); a worker whose
 * scenario crashed or overran its time limit is replaced, and the
 * scenario is reported with the step it was in.  Results come back over
 * a socket; the step a worker is in sits in memory shared with the
 * parent, which reads it only when a worker dies.
 */
#ifndef SIM_ISOLATE_H
#define SIM_ISOLATE_H

#include <stdbool.h>
#include <sys/types.h>

#include "sim/exec/result.h"
#include "sim/lang/scenario.h"

struct exec_hooks;

typedef void (*isolate_child_fn)(const struct scenario *s, bool trace,
				 const struct exec_hooks *hooks,
				 struct scen_result *r);

struct isolate_opts {
	unsigned int jobs;		/* workers at once, >= 1 */
	double timeout;			/* seconds a job may go without moving on */
	bool trace;
	/* What a worker runs; NULL: exec_scenario().  Tests hang or crash here. */
	isolate_child_fn child_run;
	/* Scenarios a worker runs before it is replaced; 0: no limit. */
	unsigned int per_worker;
	/* How a worker is started; NULL: fork().  Tests make it fail. */
	pid_t (*fork_fn)(void);
};

/*
 * What the parent keeps of a scenario a worker runs: a worker loads the
 * file itself and picks scenario @index of it, checking its name.
 */
struct isolate_item {
	char *id;
	char *file;
	unsigned int line;
	unsigned int index;		/* among the scenarios of @file */
	char *description;
	GPtrArray *tags;		/* of char * */
	GPtrArray *steps;		/* their titles, of char * */
	bool cpus_at_once;		/* has a concurrently: step */
};

struct isolate_item *isolate_item_new(const struct scenario *s,
				      unsigned int index);
void isolate_item_free(struct isolate_item *it);

/* The most workers worth running on this machine: -j is capped there. */
unsigned int isolate_max_jobs(void);

/*
 * Start the workers, before anything large is loaded: every process
 * forked later copies the page tables of what the parent holds.
 */
struct isolate_pool *isolate_pool_start(const struct isolate_opts *opts);

/*
 * Run every item of @items (of struct isolate_item *); @done is called
 * with each result in the order of @items, and owns it.
 */
void isolate_pool_run(struct isolate_pool *p, GPtrArray *items,
		      void (*done)(void *ctx, struct scen_result *r),
		      void *ctx);

/* End the workers. */
void isolate_pool_stop(struct isolate_pool *p);

/*
 * Run every scenario of @scens (of struct scenario *), already loaded in
 * this process, in workers that take them from memory: for tests and
 * small in-memory sets.  @done as above.
 */
void isolate_run_all(GPtrArray *scens, const struct isolate_opts *opts,
		     void (*done)(void *ctx, struct scen_result *r),
		     void *ctx);

/*
 * How long a scenario may go without moving on (a step started, an order
 * of a concurrently: step explored) before it counts as hung.  A
 * sanitizer build runs the same steps several times slower (ASan and
 * UBSan about 3x, ThreadSanitizer 5 to 15x, more on a loaded machine), so
 * its default grows with it.
 */
#if defined(__SANITIZE_THREAD__)
#define ISOLATE_DEFAULT_TIMEOUT		100
#define ISOLATE_DEFAULT_TIMEOUT_TEXT	"100 in this ThreadSanitizer build"
#elif defined(__SANITIZE_ADDRESS__)
#define ISOLATE_DEFAULT_TIMEOUT		30
#define ISOLATE_DEFAULT_TIMEOUT_TEXT	"30 in this ASan+UBSan build"
#else
#define ISOLATE_DEFAULT_TIMEOUT		10
#define ISOLATE_DEFAULT_TIMEOUT_TEXT	"10"
#endif

/*
 * Run @fn in a child process and collect the text it returns, within
 * @timeout seconds: for one-off work that runs ffa.c, whose state must
 * not leak into this process (ffa-sim explain).  False with *why set
 * (g_free() it) when the child died, overran or could not start.
 */
bool isolate_capture(char *(*fn)(void *ctx), void *ctx, double timeout,
		     GByteArray *out, char **why);

#endif /* SIM_ISOLATE_H */
