/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Simulated host CPUs on host threads, and the scheduler that decides in
 * which order they pass the proxy's points (proxy/hyp/hyp.h: entering
 * EL2, taking and releasing a hyp lock, an SMC to EL3).
 *
 * With a policy, one CPU runs at a time and the CPUs switch only at those
 * points: at each point where more than one CPU could go on, the policy
 * chooses which does.  A run is then a function of its choices, so an
 * order can be replayed and every order of a small group enumerated.
 * Without one, the threads run at once and the host's scheduler decides,
 * which is what ThreadSanitizer needs to see the proxy's own
 * synchronisation and nothing else.
 */
#ifndef SIM_SCHED_H
#define SIM_SCHED_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

struct sched_cpu {
	unsigned int cpu;		/* 0 .. HYP_MAX_CPUS - 1, distinct */
	void (*body)(void *arg);	/* this CPU's steps */
	void *arg;
};

struct sched_policy {
	/*
	 * Which CPU of @options (bit N: CPU N may go on) runs next.
	 * @current is the CPU that reached the point, when it may go on
	 * (its bit is in @options), else -1.
	 */
	unsigned int (*choose)(void *ctx, uint32_t options, int current);
	void *ctx;
	/* No CPU is inside EL2: each waits to enter, or is done.  May be NULL. */
	void (*quiet)(void *quiet_ctx);
	void *quiet_ctx;
};

/*
 * Run each CPU's body on a thread of its own, under @policy or (NULL) all
 * at once.  Before any choice, the CPUs run in the order given, each up to
 * its first point.  @log, when not NULL, gets one line per point passed.
 *
 * False, with *why (g_free() it), when the CPUs did not all finish: they
 * wait for each other (a deadlock: every CPU that is not done waits for a
 * lock) or overran @timeout seconds.  Their threads are then left where
 * they are, and so is what their bodies use: the caller must not free it.
 */
bool sched_run(const struct sched_cpu *cpus, unsigned int n,
	       const struct sched_policy *policy, double timeout, GString *log,
	       char **why);

#endif /* SIM_SCHED_H */
