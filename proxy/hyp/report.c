// SPDX-License-Identifier: GPL-2.0-only
/*
 * WARN, BUG and memory faults inside EL2 code.  A WARN is an event the
 * scenario must expect; a BUG or a fault abandons the current host SMC and
 * comes back to hyp_host_smc() as a described result, so that a broken
 * proxy never takes the tool down with it.
 *
 * Both are per CPU: the events go to the list of the CPU that raised them,
 * and a fault returns to the host SMC of the thread it hit (hyp_catch is
 * thread-local, and SIGSEGV is delivered to the faulting thread).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <linux/bug.h>

#include "internal.h"

__thread struct hyp_catch *hyp_catch;

/* Per CPU: each CPU's thread records and reads only its own. */
static GArray *events[HYP_MAX_CPUS];

void hyp_event_add(const struct hyp_event *ev)
{
	GArray **mine = &events[hyp_this_cpu()];

	if (!*mine)
		*mine = g_array_new(FALSE, TRUE, sizeof(struct hyp_event));
	g_array_append_val(*mine, *ev);
}

const struct hyp_event *hyp_events(size_t *count)
{
	GArray *mine = events[hyp_this_cpu()];

	*count = mine ? mine->len : 0;
	return mine ? (const struct hyp_event *)mine->data : NULL;
}

void hyp_events_clear(void)
{
	GArray *mine = events[hyp_this_cpu()];

	if (mine)
		g_array_set_size(mine, 0);
}

void sim_hyp_warn(const char *file, int line, const char *cond)
{
	struct hyp_event ev = {
		.kind = HYP_EV_WARN,
		.file = file,
		.line = line,
		.what = cond,
	};

	hyp_event_add(&ev);
}

void sim_hyp_bug(const char *file, int line, const char *cond)
{
	struct hyp_catch *c = hyp_catch;

	if (!c || !c->armed) {
		/* Outside a host SMC nothing can recover: say where, then stop. */
		g_printerr("ffa-sim: hyp BUG at %s:%d: %s\n", file, line, cond);
		abort();
	}
	memset(&c->fault, 0, sizeof(c->fault));
	c->fault.file = file;
	c->fault.line = line;
	c->fault.what = cond;
	siglongjmp(c->env, HYP_EXIT_BUG);
}

static void hyp_fault_describe(uint64_t addr, struct hyp_fault *fault)
{
	struct physmem *pm = hyp_env.pm;
	uintptr_t hole = (uintptr_t)hyp_env.unmapped;
	int64_t off;

	memset(fault, 0, sizeof(*fault));
	fault->addr = addr;
	fault->what = "memory fault";
	if (pm && physmem_pa_of(pm, (void *)(uintptr_t)addr, &fault->pa)) {
		fault->has_pa = true;
		fault->region = physmem_nearest(pm, fault->pa, &fault->distance);
		return;
	}
	if (pm && physmem_near_dram(pm, (void *)(uintptr_t)addr, &off)) {
		fault->region = off < 0 ? "below DRAM" : "above DRAM";
		fault->distance = off < 0 ? (uint64_t)-off :
			(uint64_t)off - pm->dram_size + 1;
		return;
	}
	if (hole && addr >= hole && addr - hole < hyp_env.unmapped_size) {
		fault->region = "hyp VA of a PA that is not DRAM (unmapped)";
		return;
	}
	fault->region = "outside the simulated machine (host pointer)";
}

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
	struct hyp_catch *c = hyp_catch;
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	(void)uctx;
	if (!c || !c->armed) {
		/* Not ours: let the default action produce the usual crash. */
		sigaction(sig, &dfl, NULL);
		return;
	}
	hyp_fault_describe((uint64_t)(uintptr_t)info->si_addr, &c->fault);
	siglongjmp(c->env, HYP_EXIT_FAULT);
}

int hyp_fault_handler_install(void)
{
	struct sigaction sa = {
		.sa_sigaction = on_fault,
		.sa_flags = SA_SIGINFO | SA_NODEFER,
	};

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
		return -1;
	return 0;
}
