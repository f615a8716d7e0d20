/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the files of proxy/hyp, which are built with the fake kernel
 * headers of proxy/include like ffa.c itself.
 */
#ifndef PROXY_HYP_INTERNAL_H
#define PROXY_HYP_INTERNAL_H

#include <setjmp.h>

#include "hyp.h"

struct hyp_env {
	struct physmem *pm;
	struct smc_conduit el3;
	struct hyp_config cfg;
	uint64_t proxy_pa;		/* first proxy page */
	unsigned long proxy_pages;
	void *unmapped;			/* PROT_NONE window for non-DRAM PAs */
	size_t unmapped_size;
};

extern struct hyp_env hyp_env;

/* Where a fault or BUG inside EL2 returns to; set by hyp_host_smc(). */
struct hyp_catch {
	sigjmp_buf env;
	bool armed;
	struct hyp_fault fault;
};

extern __thread struct hyp_catch *hyp_catch;

/* cpu.c: tell the scheduler, if there is one, that this CPU is at @p. */
void hyp_point_reached(struct hyp_point *p);
bool hyp_sched_active(void);

/* Appends to the calling CPU's events. */
void hyp_event_add(const struct hyp_event *ev);
/* pagestate.c: these pages' state or pins changed (see hyp_touched()). */
void hyp_touched_add(uint64_t pa, uint64_t nr_pages);

/* smccc.c: a host SMC starts with no SMC to EL3 repeated. */
void hyp_el3_repeats_reset(void);

/* spinlock.c: a new machine's CPUs hold no lock. */
void hyp_locks_reset(void);

int pagestate_init(void);
void pagestate_exit(void);

int hyp_mem_init(void);
void hyp_mem_exit(void);

#endif
