// SPDX-License-Identifier: GPL-2.0-only
/*
 * WARN, BUG and memory faults inside EL2 code.  Each is a hyp panic in
 * pKVM: it abandons the current host SMC and comes back to hyp_host_smc()
 * as a described result, so that a broken proxy never takes the tool down
 * with it.  A WARN is also an event, and with hyp_set_warn_continues() the
 * code goes on past it (for exploration only).
 *
 * Both are per CPU: the events go to the list of the CPU that raised them,
 * and a fault returns to the host SMC of the thread it hit (hyp_catch is
 * thread-local, and SIGSEGV is delivered to the faulting thread).
 */
#define _GNU_SOURCE	/* REG_RIP: the faulting instruction */
#include <execinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include <glib.h>
#include <linux/bug.h>

#include "hw/last_words.h"
#include "internal.h"

__thread struct hyp_catch *hyp_catch;

/* Per CPU: each CPU's thread records and reads only its own. */
static GArray *events[HYP_MAX_CPUS];
/* Per CPU: the list hyp_events_take() handed over, still read. */
static const GArray *taken[HYP_MAX_CPUS];
/* Per CPU: the WARNs among events[] and among taken[] */
static size_t warns[HYP_MAX_CPUS], taken_warns[HYP_MAX_CPUS];

void hyp_event_add(const struct hyp_event *ev)
{
	unsigned int cpu = hyp_this_cpu();
	GArray **mine = &events[cpu];

	if (!*mine)
		*mine = g_array_new(FALSE, TRUE, sizeof(struct hyp_event));
	g_array_append_val(*mine, *ev);
	if (ev->kind == HYP_EV_WARN)
		warns[cpu]++;
}

/* Taken and no event since: the events are the taker's list. */
static bool answers_taken(unsigned int cpu)
{
	return taken[cpu] && (!events[cpu] || !events[cpu]->len);
}

const struct hyp_event *hyp_events(size_t *count)
{
	unsigned int cpu = hyp_this_cpu();
	const GArray *mine = answers_taken(cpu) ? taken[cpu] : events[cpu];

	*count = mine ? mine->len : 0;
	return mine ? (const struct hyp_event *)mine->data : NULL;
}

size_t hyp_warn_count(void)
{
	unsigned int cpu = hyp_this_cpu();

	return answers_taken(cpu) ? taken_warns[cpu] : warns[cpu];
}

void hyp_events_clear(void)
{
	unsigned int cpu = hyp_this_cpu();
	GArray *mine = events[cpu];

	taken[cpu] = NULL;
	warns[cpu] = 0;
	if (mine)
		g_array_set_size(mine, 0);
}

/*
 * Room a list taken over by hyp_events_take() starts with: the events of
 * most host SMCs, so that each of the taker's lists does not grow to it
 * by steps.
 */
#define TAKEN_LIST_ROOM	16

GArray *hyp_events_take(GArray *spare)
{
	unsigned int cpu = hyp_this_cpu();
	GArray *mine = events[cpu];

	if (spare)
		g_array_set_size(spare, 0);
	else
		spare = g_array_sized_new(FALSE, TRUE, sizeof(struct hyp_event),
					  TAKEN_LIST_ROOM);
	events[cpu] = spare;
	taken[cpu] = mine;
	taken_warns[cpu] = warns[cpu];
	warns[cpu] = 0;
	return mine;
}

void hyp_events_forget(const GArray *list)
{
	unsigned int cpu;

	for (cpu = 0; list && cpu < HYP_MAX_CPUS; cpu++)
		if (taken[cpu] == list)
			taken[cpu] = NULL;
}

static bool warn_continues;

void hyp_set_warn_continues(bool on)
{
	warn_continues = on;
}

bool hyp_warn_continues(void)
{
	return warn_continues;
}

/*
 * The backtrace from here, without this file's frames: @skip of them.
 * glibc's backtrace() unwinds through a signal frame too.
 */
static void capture_pcs(struct hyp_fault *f, unsigned int skip)
{
	void *frames[HYP_FAULT_MAX_PCS + 4];
	int n = backtrace(frames, HYP_FAULT_MAX_PCS + 4), i;

	for (i = (int)skip; i < n && f->nr_pcs < HYP_FAULT_MAX_PCS; i++)
		f->pcs[f->nr_pcs++] = (uintptr_t)frames[i];
}

static void __attribute__((noreturn)) panic(struct hyp_catch *c,
					    const char *file, int line,
					    const char *func, const char *cond,
					    bool warn)
{
	memset(&c->fault, 0, sizeof(c->fault));
	c->fault.file = file;
	c->fault.line = line;
	c->fault.func = func;
	c->fault.what = cond;
	c->fault.warn = warn;
	/* From the WARN's or BUG's function: not panic() nor sim_hyp_*(). */
	capture_pcs(&c->fault, 2);
	siglongjmp(c->env, HYP_EXIT_BUG);
}

void sim_hyp_warn(const char *file, int line, const char *func,
		  const char *cond)
{
	struct hyp_event ev = {
		.kind = HYP_EV_WARN,
		.file = file,
		.line = line,
		.func = func,
		.what = cond,
	};
	struct hyp_catch *c = hyp_catch;

	hyp_event_add(&ev);
	if (!warn_continues && c && c->armed)
		panic(c, file, line, func, cond, true);
}

void sim_hyp_bug(const char *file, int line, const char *func,
		 const char *cond)
{
	struct hyp_catch *c = hyp_catch;

	if (!c || !c->armed) {
		/* Outside a host SMC nothing can recover: say where, then stop. */
		g_printerr("ffa-sim: hyp BUG at %s:%d in %s: %s\n", file, line,
			   func, cond);
		last_words_say("hyp BUG at %s:%d in %s: %s", file, line, func,
			       cond);
		abort();
	}
	panic(c, file, line, func, cond, false);
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

/* The faulting instruction, then its callers. */
static void fault_pcs(struct hyp_fault *f, void *uctx)
{
	uintptr_t pc = 0;
	unsigned int i;

#if defined(__x86_64__)
	pc = (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	pc = (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.pc;
#endif
	capture_pcs(f, 0);
	/* Drop the handler's own frames: the unwinder passes through pc. */
	for (i = 0; pc && i < f->nr_pcs && f->pcs[i] != pc; i++)
		;
	if (pc && i < f->nr_pcs) {
		memmove(f->pcs, f->pcs + i, (f->nr_pcs - i) * sizeof(f->pcs[0]));
		f->nr_pcs -= i;
	} else if (pc) {
		f->pcs[0] = pc;
		f->nr_pcs = 1;
	}
}

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
	struct hyp_catch *c = hyp_catch;
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	/* Sent by kill() or raise(): no fault to describe, die of it. */
	if (info->si_code <= 0) {
		sigaction(sig, &dfl, NULL);
		raise(sig);
		return;
	}
	if (!c || !c->armed) {
		/* Not ours: let the default action produce the usual crash. */
		sigaction(sig, &dfl, NULL);
		return;
	}
	hyp_fault_describe((uint64_t)(uintptr_t)info->si_addr, &c->fault);
	fault_pcs(&c->fault, uctx);
	siglongjmp(c->env, HYP_EXIT_FAULT);
}

int hyp_fault_handler_install(void)
{
	struct sigaction sa = {
		.sa_sigaction = on_fault,
		.sa_flags = SA_SIGINFO | SA_NODEFER,
	};
	void *prime[1];

	/* backtrace() loads its unwinder on first use: not in a handler. */
	backtrace(prime, 1);
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
		return -1;
	return 0;
}
