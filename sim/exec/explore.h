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
 * first one itself and the scenario goes on from there.  A child ends
 * where its scenario does: the explorer installs an exec_hooks.finished
 * in it that reports the result and exits.
 */
#ifndef SIM_EXPLORE_H
#define SIM_EXPLORE_H

#include <stdbool.h>

#include "sim/exec/result.h"

struct exec;
struct step;

/* Runs st's group (interleavings: all or a random sample); see above. */
bool explore_orders(struct exec *x, const struct step *st);
/* Before each scenario: the orders remembered for the last one go. */
void explore_forget_orders(void);

#endif /* SIM_EXPLORE_H */
