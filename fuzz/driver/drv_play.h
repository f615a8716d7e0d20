/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Playing a driver program: a fresh machine (fuzz/machine.c), the host
 * kernel over it, Linux's FF-A driver loaded, the calls, the driver
 * unloaded.  Every SMC the driver makes goes through the proxy fuzzer's
 * oracle (fuzz/oracle.c: fault, BUG, WARN, leak, the invariants) as it
 * returns from EL2.  A call the scenario runner would refuse (a message
 * to a partition no client is bound to, a reclaim before any handle, a
 * range over the hyp's guard pages) is skipped, so that the emitted scenario runs as the program ran.
 */
#ifndef FUZZ_DRIVER_DRV_PLAY_H
#define FUZZ_DRIVER_DRV_PLAY_H

#include "fuzz/driver/drv_prog.h"
#include "fuzz/play.h"
#include "host/host.h"

/* Where the driver was when something happened. */
#define DF_AT_LOAD	(-1)
#define DF_AT_UNLOAD	DF_MAX_CALLS

struct df_result {
	bool ran;
	struct host_outcome o;
	uint64_t handle;		/* share, lend: what the client got */
	int handle_of;			/* reclaim: the call that got it, -1 raw */
};

struct df_play {
	const struct df_prog *prog;
	/* The oracle's view of the machine; its finding is the program's. */
	struct fz_play pl;
	struct host_outcome load, unload;
	bool unloaded;
	struct df_result res[DF_MAX_CALLS];
	int at;				/* DF_AT_LOAD, a call, DF_AT_UNLOAD */
	/* Where playing ended: a finding, a stop, or DF_AT_UNLOAD. */
	int end_at;
	unsigned int nr_smcs;
	/* An action was cut short: EL2 panicked or the host BUGged. */
	bool stopped;
};

/* False when the set-up is not a machine (nothing ran). */
bool df_play(const struct df_prog *p, struct df_play *d);

/* "load", "call 3 (share)", "unload": for messages. */
void df_where(const struct df_play *d, int at, char *buf, size_t len);

#endif /* FUZZ_DRIVER_DRV_PLAY_H */
