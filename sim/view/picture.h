/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What `ffa-sim run --html` shows of one scenario run beyond its result:
 * the hops as explain sees them (each message with its registers), the
 * states of the scenario's named pages and of every page a step touched,
 * before the first step and after the last, and the trace.
 *
 * Only the scenario's own process sees the hops and the page states, and
 * they are gone once it ends: so the picture is taken there and carried
 * back to the runner over the result pipe (sim/run/isolate.c) as one GVariant.
 */
#ifndef SIM_PICTURE_H
#define SIM_PICTURE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/exec/exec.h"
#include "sim/view/explain.h"

/* A map this size is already more than anyone reads page by page. */
#define PICTURE_MAX_PAGES	2048

/* A block of pages: a name of the setup, or pages only a step touched. */
struct picture_row {
	char *name;		/* NULL: touched pages the setup does not name */
	uint64_t pa;		/* of the first page */
	unsigned int nr_pages;
	uint8_t *before, *after;	/* enum page_word, one per page */
	/* After each of the picture's moments: nr_moments * nr_pages */
	uint8_t *at;
};

struct scen_picture {
	/*
	 * The hops; .s is NULL once the picture is taken, as the scenario
	 * stays behind in the child: actors, items and outcome stand alone.
	 */
	struct explain explain;
	size_t page_size;
	bool booted;		/* the machine came up: the rows are real */
	bool cut;		/* more pages than PICTURE_MAX_PAGES: some left out */
	GPtrArray *rows;	/* of struct picture_row *, in address order */
	/* "after step 4 (share)": each step that changed a state, in order */
	GPtrArray *moments;	/* of char * */
	char *trace;		/* the --trace text of the run */
};

/*
 * An isolate_child_fn: exec_scenario() with the picture taken, left in
 * r->picture.  The trace goes into the picture; r->trace keeps it too
 * only when @trace asks for it.
 */
void picture_run(const struct scenario *s, bool trace,
		 const struct exec_hooks *hooks, struct scen_result *r);

void scen_picture_free(struct scen_picture *p);

/* Across the pipe; NULL when the bytes are not a picture. */
GBytes *scen_picture_to_bytes(const struct scen_picture *p);
struct scen_picture *scen_picture_from_bytes(const void *data, size_t len);

/* picture_pages.c: the page map, watched from the trace observer. */
struct page_watch;

struct page_watch *page_watch_new(const struct scenario *s, size_t page_size);
/* After each hop: the boot's hop takes "before", every hop "after". */
void page_watch_hop(struct page_watch *w, const struct trace_hop *hop);
/* A step begins: changes from here on are that step's. */
void page_watch_step(struct page_watch *w, unsigned int idx,
		     const char *title);
/* The rows into @p, and the watch freed. */
void page_watch_finish(struct page_watch *w, struct scen_picture *p);

#endif /* SIM_PICTURE_H */
