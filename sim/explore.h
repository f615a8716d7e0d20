/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exploring the orders of a concurrently: step (docs/concurrency.md).
 *
 * Every order runs in a child process forked where the step starts, so
 * that each begins with the same machine: ffa.c's statics cannot be
 * reset, but a fork copies them as they are.  The child runs the step in
 * its order and then the rest of the scenario, and reports how it went;
 * the first order that breaks an expectation or an invariant, anywhere
 * after the step starts, fails the step, with that order and a replay
 * file that fixes it.  When every order passes, this process runs the
 * first one itself and the scenario goes on from there.
 */
#ifndef SIM_EXPLORE_H
#define SIM_EXPLORE_H

#include <stdbool.h>

#include "sim/result.h"

struct exec;
struct step;

/* Runs st's group (interleavings: all or a random sample); see above. */
bool explore_orders(struct exec *x, const struct step *st);

/*
 * At the end of a scenario: in a child running one order, report @r to
 * the process exploring and exit; anywhere else, nothing.
 */
void explore_child_finish(const struct scen_result *r);

#endif /* SIM_EXPLORE_H */
