/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Replay files: a scenario file with the order of some concurrently:
 * steps fixed, so that a failing order found by exploring runs again, and
 * only it, under --trace or gdb.
 */
#ifndef SIM_REPLAY_H
#define SIM_REPLAY_H

#include "sim/lang/scenario.h"

struct replay_fix {
	const struct conc_group *group;
	const char *order;		/* "[1, 0]" */
};

/*
 * Write @s's file with each group of @fixes given its order: (in place of
 * its interleavings: or order:) under $FFA_SIM_REPLAY_DIR, else
 * ffa-sim-replay/ in the temporary folder.  Returns its path, or NULL
 * when the file cannot be read or written.
 */
char *replay_write(const struct scenario *s, const struct replay_fix *fixes,
		   unsigned int n);

#endif /* SIM_REPLAY_H */
