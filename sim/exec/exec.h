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

#include "sim/exec/result.h"
#include "sim/lang/scenario.h"

struct exec_hooks {
	/* Called as each step starts, so a watcher knows where a hang is. */
	void (*step_started)(void *ctx, unsigned int idx, const struct step *st);
	/*
	 * Called as a step that runs long moves on (each order of a
	 * concurrently: step explored), so a watcher can tell a step that
	 * works through hundreds of orders from one that hangs.
	 */
	void (*progress)(void *ctx);
	/*
	 * Called with the complete result, before the machine is torn down.
	 * Exploring orders installs one in each child it forks, which reports
	 * the result and ends the child there (explore.h).
	 */
	void (*finished)(void *ctx, const struct scen_result *r);
	void *ctx;
};

/*
 * Invariant checks after every step, on by default.  Off only to measure
 * the runner without them (bench/); a process-wide switch, so that it
 * reaches the scenario's own process.
 */
void exec_set_invariants(bool on);

/*
 * Save every descriptor a hop carries as raw bytes into @dir (NULL: do
 * not): run --save-descriptors.  Process-wide, as exec_set_invariants().
 */
void exec_set_descriptor_dir(const char *dir);

/* Fills @r (status, message, steps, trace when @trace). */
void exec_scenario(const struct scenario *s, bool trace,
		   const struct exec_hooks *hooks, struct scen_result *r);

#endif /* SIM_EXEC_H */
