// SPDX-License-Identifier: GPL-2.0-only
/*
 * The smccc bridge: every SMC that EL2 code makes, whatever generation of
 * the call the tree uses, arrives here and goes to the simulated EL3.
 */
#include <string.h>

#include <linux/arm-smccc.h>
#include <asm/kvm_hypevents.h>

#include "internal.h"

/*
 * A loop in EL2 may ask EL3 more than one thing a turn (FFA_MEM_FRAG_RX,
 * then FFA_RX_RELEASE): a cycle of up to REPEAT_PERIODS calls, each the
 * same as the one a period back, is a repeat.
 */
#define REPEAT_PERIODS	4

struct el3_call {
	struct smc_regs in, out;
};

static unsigned long repeat_limit;
/* This CPU's last SMCs to EL3 in its host SMC, newest at [0]. */
static __thread struct el3_call last[REPEAT_PERIODS];
static __thread unsigned int nr_last;
/* [p - 1]: calls in a row equal to the one p calls before them */
static __thread unsigned long repeats[REPEAT_PERIODS];

void hyp_set_el3_repeat_limit(unsigned long n)
{
	repeat_limit = n;
}

void hyp_el3_repeats_reset(void)
{
	nr_last = 0;
	memset(repeats, 0, sizeof(repeats));
}

/* The same questions, the same answers, @repeat_limit times: a hang. */
static void count_repeat(const struct hyp_event *ev)
{
	struct el3_call now = { .in = ev->in, .out = ev->out };
	unsigned int p;

	if (!repeat_limit)
		return;
	for (p = 1; p <= REPEAT_PERIODS; p++) {
		if (p > nr_last || memcmp(&now, &last[p - 1], sizeof(now))) {
			repeats[p - 1] = 0;
			continue;
		}
		if (++repeats[p - 1] >= repeat_limit * p &&
		    hyp_catch && hyp_catch->armed)
			siglongjmp(hyp_catch->env, HYP_EXIT_HANG);
	}
	memmove(&last[1], &last[0], sizeof(last) - sizeof(last[0]));
	last[0] = now;
	if (nr_last < REPEAT_PERIODS)
		nr_last++;
}

void sim_smccc_call(const unsigned long *args, unsigned int nargs,
		    unsigned long *res, unsigned int nres)
{
	struct hyp_event ev = {
		.kind = HYP_EV_SMC_TO_EL3,
		.origin = SMC_FROM_HYP,
	};
	struct hyp_point p = { .kind = HYP_POINT_SMC, .fid = args[0] };
	unsigned int i;

	for (i = 0; i < nargs && i < SMC_NR_REGS; i++)
		ev.in.x[i] = args[i];
	/* Another CPU may reach the SPMC first. */
	hyp_point_reached(&p);
	smc_conduit_call(&hyp_env.el3, SMC_FROM_HYP, &ev.in, &ev.out);
	for (i = 0; i < nres && i < SMC_NR_REGS; i++)
		res[i] = ev.out.x[i];
	hyp_event_add(&ev);
	count_repeat(&ev);
}

static void trace_event(const char *what)
{
	struct hyp_event ev = {
		.kind = HYP_EV_TRACE,
		.what = what,
	};

	hyp_event_add(&ev);
}

void trace_hyp_enter(struct kvm_cpu_context *host_ctxt, u8 reason)
{
	(void)host_ctxt;
	trace_event(reason == HYP_REASON_SMC ? "hyp_enter(smc)" : "hyp_enter");
}

void trace_hyp_exit(struct kvm_cpu_context *host_ctxt, u8 reason)
{
	(void)host_ctxt;
	trace_event(reason == HYP_REASON_SMC ? "hyp_exit(smc)" : "hyp_exit");
}
