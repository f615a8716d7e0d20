/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Orders of a concurrently: step, as the scheduler's policy (sched.h).
 *
 * An order is the list of CPUs chosen at the run's choice points, the
 * points where more than one CPU could go on.  A policy makes the choices
 * it was given first, then either the default one (the CPU that reached
 * the point goes on if it can, else the lowest that can) or random ones,
 * and keeps a record of every choice it made.  That record is what a
 * depth-first walk of all orders needs to find the next one, and what a
 * scenario's order: replays.
 */
#ifndef SIM_ORDER_H
#define SIM_ORDER_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/sched/sched.h"

struct order_choice {
	uint32_t options;	/* bit N: CPU N could go on */
	int32_t current;	/* the CPU at the point, if it could, or -1 */
	uint32_t chosen;
};

struct order {
	const unsigned int *fixed;	/* the choices to make first */
	unsigned int nr_fixed;
	bool random;		/* after them: random, else the default */
	uint64_t rng;
	GArray *made;		/* of struct order_choice */
	/* A fixed choice named a CPU that could not go on there. */
	char *misfit;
};

void order_init(struct order *o, const unsigned int *fixed,
		unsigned int nr_fixed, bool random, uint64_t seed);
void order_free(struct order *o);
/* The policy of @o for sched_run(). */
struct sched_policy order_policy(struct order *o);

/*
 * Depth first: the choices to fix for the next order after a run that
 * made @made, into @next (of unsigned int).  False when every order has
 * been run.
 */
bool order_next(const GArray *made, GArray *next);

/*
 * "[1, 0, 0]": the CPUs chosen, without the default choices at the end,
 * which a replay makes by itself.
 */
char *order_text(const GArray *made);

/* @made as the list of CPUs a replay fixes (order_text() as numbers). */
void order_chosen(const GArray *made, GArray *cpus);

#endif /* SIM_ORDER_H */
