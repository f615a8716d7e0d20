/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Between the parent (isolate.c) and its workers (isolate_worker.c).
 *
 * Records, "type byte, u32 length, payload", both ways over one socket;
 * a record a side does not know is skipped, so a new kind or a longer
 * payload never changes the old ones:
 *
 *   parent -> worker  'J' a job: u32 job (index of the item), u32 index of
 *                     the scenario in its file, the file and the
 *                     scenario's name, each ending in a NUL
 *   worker -> parent  'H' once at start: u32 flags (ISOLATE_REUSABLE)
 *                     'X' before the result: replace this worker after the
 *                     job (it left state that cannot be put back)
 *                     'P' the job's picture for --html (sim/view/picture.h)
 *                     'R' the job's result, a GVariant (isolate_wire.c),
 *                     which ends the job
 *
 * Where a worker is sits in a page shared with the parent, written at
 * each step and read only when the worker died or overran: no record, no
 * wake-up of the parent per step.  So do its last words
 * (hw/last_words.h), which name a death the worker chose (a failed TF-A
 * assertion) where its signal alone would match any other.
 */
#ifndef SIM_ISOLATE_INTERNAL_H
#define SIM_ISOLATE_INTERNAL_H

#include <stdint.h>

#include "hw/last_words.h"
#include "sim/run/isolate.h"

#define ISOLATE_REUSABLE	1u	/* ffa.c's statics can be put back */

#define ISOLATE_TITLE_LEN	192

struct isolate_slot {
	uint32_t job;		/* 1 + the job being run; 0 before the first */
	int32_t step;		/* -1: setting up, before the first step */
	uint32_t line;		/* of that step */
	char title[ISOLATE_TITLE_LEN];
	uint32_t moves;		/* counts steps started and orders explored */
	char last_words[LAST_WORDS_LEN];	/* of this job; "" */
};

/*
 * A worker's life: jobs from @fd until the parent closes it.  @inherited:
 * the scenarios this process already holds, by job; NULL: each job's
 * file is loaded here.
 */
void __attribute__((noreturn))
isolate_worker_main(const struct isolate_opts *opts, GPtrArray *inherited,
		    struct isolate_slot *slot, int fd);

GVariant *isolate_result_to_variant(const struct scen_result *r);
bool isolate_result_from_variant(struct scen_result *r, const void *data,
				 size_t len);

#endif /* SIM_ISOLATE_INTERNAL_H */
