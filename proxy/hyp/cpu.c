// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which simulated CPU the calling host thread is, and the points where a
 * scheduler may hold it back while another CPU runs.  pKVM runs ffa.c on
 * every CPU at once; the simulator gives each CPU a host thread, and a
 * scheduler that wants to replay or explore the order in which they pass
 * the proxy's locks and SMCs sees each of those moments here.
 */
#include "internal.h"

static __thread unsigned int this_cpu;

/* Set before the CPU threads start and cleared after they end. */
static hyp_sched_fn sched_fn;
static void *sched_ctx;

void hyp_set_this_cpu(unsigned int cpu)
{
	this_cpu = cpu < HYP_MAX_CPUS ? cpu : HYP_MAX_CPUS - 1;
}

unsigned int hyp_this_cpu(void)
{
	return this_cpu;
}

void hyp_set_sched(hyp_sched_fn fn, void *ctx)
{
	sched_fn = fn;
	sched_ctx = ctx;
}

bool hyp_sched_active(void)
{
	return sched_fn != NULL;
}

void hyp_point_reached(struct hyp_point *p)
{
	if (!sched_fn)
		return;
	p->cpu = this_cpu;
	sched_fn(sched_ctx, p);
}
