/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running one scenario in this process: bring a machine up from its
 * setup, run hyp_ffa_init(), play the steps, check every expectation and
 * the invariants after each step.  ffa.c's statics are not reset by
 * anything, so a process runs one scenario; the isolation layer forks.
 */
#ifndef SIM_EXEC_H
#define SIM_EXEC_H

#include <stdbool.h>

#include "sim/result.h"
#include "sim/scenario.h"

struct exec_hooks {
	/* Called as each step starts, so a watcher knows where a hang is. */
	void (*step_started)(void *ctx, unsigned int idx, const struct step *st);
	void *ctx;
};

/*
 * Invariant checks after every step, on by default.  Off only to measure
 * the runner without them (bench/); a process-wide switch, so that it
 * reaches the scenario's own process.
 */
void exec_set_invariants(bool on);

/* Fills @r (status, message, steps, trace when @trace). */
void exec_scenario(const struct scenario *s, bool trace,
		   const struct exec_hooks *hooks, struct scen_result *r);

#endif /* SIM_EXEC_H */
